"""add_inputs: ingest, analyse and store, in this process, a process pool or on Dask."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_fixtures import check_consistent, write_jsonl

from spinscope.api import analyze_many
from spinscope.errors import PipelineError, SpinscopeError
from spinscope.ingest import IngestOptions
from spinscope.stages.techniques import usable_cores
from spinscope.store import Corpus
from spinscope.store.runner import AddProgress, add_inputs, estimate_total, share_cores

FEED = """<rss version="2.0"><channel><title>Global Times</title>
<item><title>Drills</title>
<description>&lt;p&gt;The navy held drills on Monday.&lt;/p&gt;</description></item>
</channel></rss>"""


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "records.jsonl", 60)
    (folder / "feed.xml").write_text(FEED, encoding="utf-8")
    (folder / "note.txt").write_text(
        "A title\n\nA plain text article about the summit.\n", encoding="utf-8"
    )
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    return [folder]


def _stored(db: Path) -> dict[str, object]:
    with Corpus(db, readonly=True) as corpus:
        return {a.id: a for a in corpus.iter_articles()}


def test_runner_serial_stores_what_analyze_many_gives(tmp_path: Path, inputs: list[Path]) -> None:
    db = tmp_path / "c.db"
    with Corpus(db) as corpus:
        result = add_inputs(corpus, inputs, engine="serial")
    expected = {a.id: a for a in analyze_many(inputs) if not a.errors}
    assert (result.added, result.failed) == (len(expected), 1)
    assert "empty" in result.failures[0][0]
    assert _stored(db) == expected  # every layer and the stage list, exactly as analysed
    assert check_consistent(db) == 62


def test_runner_process_pool_matches_serial(tmp_path: Path, inputs: list[Path]) -> None:
    with Corpus(tmp_path / "serial.db") as corpus:
        add_inputs(corpus, inputs, engine="serial")
    with Corpus(tmp_path / "pool.db") as corpus:
        result = add_inputs(corpus, inputs, engine="process", workers=2, batch_size=7)
    assert result.added == 62
    assert _stored(tmp_path / "pool.db") == _stored(tmp_path / "serial.db")


def test_runner_rerun_skips_stored_articles_before_analysis(
    tmp_path: Path, inputs: list[Path]
) -> None:
    calls: list[AddProgress] = []
    with Corpus(tmp_path / "c.db") as corpus:
        add_inputs(corpus, inputs, engine="serial")
        again = add_inputs(corpus, inputs, engine="serial", on_progress=calls.append)
    assert (again.added, again.duplicates, again.failed) == (0, 62, 1)
    assert calls and calls[-1].done == 63


def test_runner_progress_counts_up_to_the_estimate(tmp_path: Path, inputs: list[Path]) -> None:
    seen: list[tuple[int, int | None]] = []
    with Corpus(tmp_path / "c.db") as corpus:
        add_inputs(
            corpus,
            inputs,
            engine="serial",
            batch_size=16,
            on_progress=lambda p: seen.append((p.done, p.total)),
        )
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1] == (63, 63)
    assert estimate_total(inputs, IngestOptions()) == 63


def test_runner_dask_on_a_local_cluster_matches_serial(tmp_path: Path, inputs: list[Path]) -> None:
    distributed = pytest.importorskip("distributed")
    with Corpus(tmp_path / "serial.db") as corpus:
        add_inputs(corpus, inputs, engine="serial")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
        Corpus(tmp_path / "dask.db") as corpus,
    ):
        result = add_inputs(corpus, inputs, engine="dask", scheduler=client, batch_size=9)
    assert result.added == 62
    assert _stored(tmp_path / "dask.db") == _stored(tmp_path / "serial.db")


def test_runner_dask_results_can_go_to_partitioned_parquet(
    tmp_path: Path, inputs: list[Path]
) -> None:
    distributed = pytest.importorskip("distributed")
    pq = pytest.importorskip("pyarrow.parquet")
    from spinscope.store.exchange import ParquetSink, read_records

    out = tmp_path / "parts"
    with (
        distributed.Client(processes=False, n_workers=1, dashboard_address=None) as client,
        ParquetSink(out, partition_by="month") as sink,
    ):
        result = add_inputs(sink, inputs, engine="dask", scheduler=client)
    assert result.added == 62
    months = sorted(p.name for p in out.iterdir())
    assert "month=2023-01" in months and "month=__unknown__" in months
    table = pq.read_table(out)
    assert table.num_rows == 62
    assert {a.id for a in read_records(out)} == set(_stored_ids(tmp_path, inputs))


def _stored_ids(tmp_path: Path, inputs: list[Path]) -> list[str]:
    with Corpus(tmp_path / "ids.db") as corpus:
        add_inputs(corpus, inputs, engine="serial")
        return [a.id for a in corpus.iter_articles()]


def test_runner_unreachable_dask_scheduler_is_a_clear_error(
    tmp_path: Path, inputs: list[Path]
) -> None:
    pytest.importorskip("distributed")
    with Corpus(tmp_path / "c.db") as corpus, pytest.raises(SpinscopeError, match="Dask scheduler"):
        add_inputs(corpus, inputs, engine="dask", scheduler="tcp://127.0.0.1:9", connect_timeout=1)


def test_runner_unknown_stage_fails_before_any_work(tmp_path: Path, inputs: list[Path]) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        with pytest.raises(PipelineError, match="unknown stage"):
            add_inputs(corpus, inputs, stages=["metadata", "nonsense"])
        assert corpus.count() == 0
    with Corpus(tmp_path / "c.db") as corpus, pytest.raises(SpinscopeError, match="engine"):
        add_inputs(corpus, inputs, engine="spark")


def test_runner_workers_know_stages_registered_only_in_the_parent(
    tmp_path: Path, inputs: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from spinscope.stages import STAGE_FACTORIES

    monkeypatch.setitem(STAGE_FACTORIES, "sleepy", "corpus_job:SleepyStage")
    with Corpus(tmp_path / "c.db") as corpus:
        result = add_inputs(
            corpus, inputs, stages=["metadata", "sleepy"], engine="process", workers=2
        )
        assert result.added == 62
        stored = list(corpus.iter_articles())
    assert all(a.stages == ["metadata", "sleepy"] for a in stored)
    assert all([t.technique for t in a.techniques] == ["Doubt"] for a in stored)


def test_runner_checks_stage_order_without_loading_stages(
    tmp_path: Path, inputs: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from spinscope.stages import STAGE_FACTORIES

    monkeypatch.setitem(STAGE_FACTORIES, "sleepy", "corpus_job:SleepyStage")
    with Corpus(tmp_path / "c.db") as corpus:
        with pytest.raises(PipelineError, match="unknown stage 'nope'"):
            add_inputs(corpus, inputs, stages=["metadata", "nope"], engine="process", workers=2)
        # 'sleepy' requires text, which ingestion provides: the order is fine.
        from spinscope.store.runner import check_stages

        check_stages(["sleepy", "metadata"])
        monkeypatch.setattr("corpus_job.SleepyStage.requires", ("actors",))
        with pytest.raises(PipelineError, match="requires actors"):
            check_stages(["metadata", "sleepy"])


def test_runner_pool_workers_share_the_cores() -> None:
    settings = {"stages": {"techniques": {"rules": True}, "actors": {"aliases_file": ""}}}
    shared = share_cores(settings, workers=2)
    assert shared["stages"]["techniques"] == {"rules": True, "threads": max(1, usable_cores() // 2)}
    assert shared["stages"]["actors"] == {"aliases_file": ""}
    assert settings["stages"]["techniques"] == {"rules": True}  # the caller's copy is untouched
    assert (
        share_cores(settings, workers=10 * usable_cores())["stages"]["techniques"]["threads"] == 1
    )
    mine = {"stages": {"techniques": {"threads": 3}}}
    assert share_cores(mine, workers=2) == mine
