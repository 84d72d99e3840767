"""Export and import: a round trip through every format loses nothing."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from conftest import check_consistent

from spinscope.article import Article
from spinscope.errors import MissingExtraError, StoreError
from spinscope.store import Corpus
from spinscope.store.exchange import export_articles, import_articles, read_records


@pytest.mark.parametrize(
    ("fmt", "name"), [("jsonl", "out.jsonl"), ("csv", "out.csv"), ("parquet", "out.parquet")]
)
def test_exchange_round_trip_loses_nothing(
    corpus: Corpus, articles: list[Article], tmp_path: Path, fmt: str, name: str
) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    path = tmp_path / name
    assert export_articles(corpus.iter_articles(), fmt, path) == len(articles)
    with Corpus(tmp_path / "copy.db") as copy:
        result = import_articles(copy, [path])
        assert (result.added, result.failed) == (len(articles), 0)
        assert [copy.get(a.id) for a in articles] == articles
        assert copy.stats("techniques", by="outlet_month") == corpus.stats(
            "techniques", by="outlet_month"
        )
        assert copy.search("provocation") == corpus.search("provocation")
    check_consistent(tmp_path / "copy.db")


def test_exchange_partitioned_parquet_round_trip(
    corpus: Corpus, articles: list[Article], tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    folder = tmp_path / "by-outlet"
    export_articles(corpus.iter_articles(), "parquet", folder, partition_by="outlet")
    assert {p.name for p in folder.iterdir()} == {
        "outlet=China_Military_Online",
        "outlet=Global_Times",
        "outlet=Xinhua",
        "outlet=The_Daily_Example",
    }
    assert pq.read_table(folder).num_rows == len(articles)
    assert sorted((a.id for a in read_records(folder)), key=str) == sorted(a.id for a in articles)
    with Corpus(tmp_path / "copy.db") as copy:
        import_articles(copy, [folder])
        assert all(copy.get(a.id) == a for a in articles)


def test_exchange_csv_has_flat_columns_for_a_spreadsheet(corpus: Corpus, tmp_path: Path) -> None:
    import csv

    path = tmp_path / "out.csv"
    export_articles(corpus.iter_articles(), "csv", path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    first = corpus.get(rows[0]["id"])
    assert first is not None
    assert rows[0]["outlet"] == first.meta.outlet and int(rows[0]["techniques"]) == len(
        first.techniques
    )
    assert json.loads(rows[0]["data"])["schema"] == "spinscope.article/1"


def test_exchange_jsonl_to_a_stream(articles: list[Article]) -> None:
    stream = io.StringIO()
    export_articles(articles[:3], "jsonl", stream)
    lines = stream.getvalue().splitlines()
    assert [Article.from_dict(json.loads(line)) for line in lines] == articles[:3]


def test_exchange_bad_records_are_reported_and_the_rest_imported(
    tmp_path: Path, articles: list[Article]
) -> None:
    path = tmp_path / "mixed.jsonl"
    good = [json.dumps(a.to_dict()) for a in articles[:2]]
    path.write_text(
        "\n".join([good[0], "[1, 2]", '{"schema": "other/9"}', good[1]]) + "\n", encoding="utf-8"
    )
    with Corpus(tmp_path / "c.db") as corpus:
        result = import_articles(corpus, [path])
    assert (result.added, result.failed) == (2, 2)
    assert [s for s, _ in result.failures] == [f"{path}:2", f"{path}:3"]


def test_exchange_refuses_unknown_formats_and_binary_to_stdout(
    articles: list[Article], tmp_path: Path
) -> None:
    with pytest.raises(StoreError, match="jsonl, csv, parquet"):
        export_articles(articles, "xlsx", tmp_path / "x.xlsx")
    with pytest.raises(StoreError, match="-o"):
        export_articles(articles, "parquet", None)
    (error,) = read_records(tmp_path / "x.txt")
    assert "not a spinscope export" in str(error)


def test_exchange_parquet_without_the_extra_names_the_install_command(
    articles: list[Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'spinscope\[parquet\]'"):
        export_articles(articles, "parquet", tmp_path / "x.parquet")
