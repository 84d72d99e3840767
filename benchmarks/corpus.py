"""Corpus benchmarks: ingest throughput, memory, search and stats at 100,000 articles, Parquet + DuckDB.

Run from the repository root::

    python -m benchmarks.corpus                      # everything (about 10 minutes on 2 cores)
    python -m benchmarks.corpus --only query --articles 100000
    python -m benchmarks.corpus --only throughput --throughput 4000 --work-ms 5

Articles are real news articles from the PTC corpus (read from ``../shared/data/ptc``
at run time, never copied), replicated with varied metadata (12 outlets, 36 months)
and a unique closing line so that each copy has its own content id. Their technique
layer is the PTC gold spans; the actor, stance, event and quote layers are synthetic
(seeded), there only so that the filters and statistics have realistic work to do.

Results are printed as Markdown and also written as JSON to ``--out`` (default
``out/benchmarks-corpus.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spinscope.article import (
    Actor,
    Article,
    Event,
    Mention,
    Meta,
    Quote,
    Stance,
    TechniqueSpan,
)
from spinscope.store import AddResult, Corpus

ROOT = Path(__file__).resolve().parents[1]
OUTLETS = [
    "Global Times",
    "China Military Online",
    "Xinhua",
    "China Daily",
    "CGTN",
    "People's Daily",
    "RT",
    "TASS",
    "Sputnik",
    "The Example Herald",
    "Daily Sample",
    "Wire Example",
]
ACTORS = ["USA", "CHN", "RUS", "JPN", "NATO", "EU", "UKR", "IRN", "GBR", "DEU", "PHL", "TWN"]
EVENT_TYPES = [
    "ACCUSE",
    "THREATEN",
    "COOPERATE",
    "PROTEST",
    "ASSAULT",
    "CONSULT",
    "SUPPORT",
    "COERCE",
]
SCARE = [
    "rules-based order",
    "freedom of navigation",
    "democracy",
    "human rights",
    "partnership",
    "defensive",
    "fake news",
    "regime",
    "independent",
    "peacekeeping",
    "experts",
    "values",
]


# -- source articles ----------------------------------------------------------------------------


def load_ptc(root: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, gold technique spans) for every PTC train and dev article."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for labels in sorted(root.glob("*-task-flc-tc.labels")):
        for line in labels.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 4:
                spans.setdefault(parts[0], []).append((int(parts[2]), int(parts[3]), parts[1]))
    articles = []
    for folder in ("train-articles", "dev-articles"):
        for path in sorted((root / folder).glob("article*.txt")):
            text = path.read_text(encoding="utf-8")
            if text.strip():
                articles.append((text, spans.get(path.stem.removeprefix("article"), [])))
    if not articles:
        raise SystemExit(f"no PTC articles under {root}; pass --ptc")
    return articles


def replicate(
    source: list[tuple[str, list[tuple[int, int, str]]]], count: int
) -> Iterator[Article]:
    """``count`` distinct articles with every layer, from the real ones, with varied metadata."""
    for i in range(count):
        text, gold = source[i % len(source)]
        rng = random.Random(i)
        text = f"{text.rstrip()}\n\n(Copy {i}.)"
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        month = rng.randrange(36)
        published = f"{2021 + month // 12}-{1 + month % 12:02d}-{1 + rng.randrange(28):02d}"
        first = text.split()[0] if text.split() else "x"
        mention = Mention(0, len(first), first)
        actors = rng.sample(ACTORS, k=rng.randint(2, 4))
        bias = -0.4 if OUTLETS.index(outlet) < 9 else 0.1
        stance = []
        for actor in actors:
            score = max(
                -1.0, min(1.0, rng.gauss(bias if actor in ("USA", "NATO", "JPN") else 0.0, 0.4))
            )
            label = "negative" if score < -0.2 else "positive" if score > 0.2 else "neutral"
            stance.append(Stance(actor, round(score, 3), label))
        events = [
            Event(
                rng.choice(EVENT_TYPES),
                mention,
                mention,
                actors=(rng.choice(actors),),
                recipients=(rng.choice(actors),),
            )
            for _ in range(rng.randint(1, 3))
        ]
        quotes = [Quote(0, len(first), first, "direct", speaker=actors[0])]
        quotes += [
            Quote(0, len(first), f'"{p}"', "scare") for p in rng.sample(SCARE, k=rng.randint(0, 2))
        ]
        yield Article(
            text=text,
            meta=Meta(
                title=text.split("\n", 1)[0][:200],
                outlet=outlet,
                published=published,
                language="en",
                source=f"ptc-copy:{i}",
            ),
            techniques=[
                TechniqueSpan(s, e, label, 1.0, "gold", "", text[s:e]) for s, e, label in gold
            ],
            actors=[Actor(a, a, "state", mentions=(mention,)) for a in actors],
            events=events,
            quotes=quotes,
            stance=stance,
            stages=["benchmark"],
        )


def write_inputs(
    source: list[tuple[str, list[tuple[int, int, str]]]],
    count: int,
    folder: Path,
    shard: int = 2000,
) -> list[Path]:
    """Raw JSONL records (text and metadata only) for the ingest benchmarks, in shards."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, count, shard):
        path = folder / f"shard-{start // shard:04d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for article in _raw(source, start, min(count, start + shard)):
                handle.write(json.dumps(article) + "\n")
        paths.append(path)
    return paths


def _raw(source: list[tuple[str, Any]], start: int, end: int) -> Iterator[dict[str, str]]:
    for i in range(start, end):
        text, _gold = source[i % len(source)]
        rng = random.Random(i)
        month = rng.randrange(36)
        yield {
            "title": text.split("\n", 1)[0][:200],
            "text": f"{text.rstrip()}\n\n(Copy {i}.)",
            "outlet": OUTLETS[rng.randrange(len(OUTLETS))],
            "published": f"{2021 + month // 12}-{1 + month % 12:02d}-{1 + rng.randrange(28):02d}",
        }


# -- a stand-in for heavy stages ------------------------------------------------------------------


class BurnStage:
    """Spends ``ms`` of CPU per article: a stand-in for the spaCy and ONNX stages to come."""

    name = "burn"
    requires = ("text",)
    assigns = ()

    def __init__(self, ms: float) -> None:
        self.ms = ms

    @classmethod
    def from_config(cls, settings: dict[str, Any]) -> BurnStage:
        return cls(float(settings.get("ms", 0.0)))

    def __call__(self, article: Article) -> Article:
        end = time.process_time() + self.ms / 1000
        while time.process_time() < end:
            pass
        return article


class NullSink:
    """The writer side of Corpus that stores nothing: analysis alone through the same runner."""

    def contains(self, ids: Iterable[str]) -> set[str]:
        return set()

    def record_failures(self, failures: Iterable[tuple[str, str]]) -> None:
        pass

    def add_articles(self, articles: Iterable[Article], *, batch_size: int = 0) -> AddResult:
        return AddResult(added=sum(1 for _ in articles))


# -- measurements ---------------------------------------------------------------------------------


def _settings(work_ms: float) -> tuple[dict[str, Any], list[str]]:
    from spinscope.config import load_settings
    from spinscope.stages import register_stage

    register_stage("burn", "benchmarks.corpus:BurnStage")
    stages = ["metadata"] + (["burn"] if work_ms else [])
    return load_settings(overrides=[f"stages.burn.ms={work_ms}"]), stages


def bench_throughput(source: list[Any], count: int, work_ms: float, tmp: Path) -> dict[str, Any]:
    """Articles/s: bare analyze_many, and corpus add on every engine, over the same inputs."""
    from spinscope.api import analyze_many
    from spinscope.store.runner import add_inputs

    inputs = write_inputs(source, count, tmp / f"inputs-{count}")
    settings, stages = _settings(work_ms)
    results: dict[str, Any] = {"articles": count, "work_ms": work_ms, "stages": stages}

    def timed(label: str, run: Callable[[], int]) -> None:
        started = time.perf_counter()
        n = run()
        seconds = time.perf_counter() - started
        results[label] = {
            "seconds": round(seconds, 2),
            "articles_per_s": round(n / seconds, 1),
            "n": n,
        }
        print(
            f"  {label:<34} {n:>7} articles  {seconds:7.2f} s  {n / seconds:8.1f} articles/s",
            flush=True,
        )

    timed(
        "bare analyze_many (1 process)",
        lambda: sum(1 for _ in analyze_many(inputs, settings=settings, stages=stages)),
    )

    def add(engine: str, workers: int, sink: Any = None, **kw: Any) -> int:
        db = tmp / f"{engine}-{workers}-{time.monotonic_ns()}.db"
        target = sink if sink is not None else Corpus(db)
        try:
            return add_inputs(
                target,
                inputs,
                settings=settings,
                stages=stages,
                engine=engine,
                workers=workers,
                batch_size=64,
                **kw,
            ).added
        finally:
            if sink is None:
                target.close()

    timed("corpus add, serial", lambda: add("serial", 1))
    timed("analysis only, process pool x2", lambda: add("process", 2, NullSink()))
    timed("corpus add, process pool x2", lambda: add("process", 2))
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("  (dask not installed: skipped)")
        return results
    started = time.perf_counter()
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = Client(cluster)
    results["dask_cluster_start_s"] = round(time.perf_counter() - started, 2)
    try:
        timed(
            "analysis only, dask LocalCluster x2",
            lambda: add("dask", 2, NullSink(), scheduler=client),
        )
        timed("corpus add, dask LocalCluster x2", lambda: add("dask", 2, scheduler=client))
    finally:
        client.close()
        cluster.close()
    return results


_MEMORY_CHILD = """
import json, os, sys
from spinscope.store import Corpus
from spinscope.store.runner import add_inputs

def rss_mb():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

db, engine, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
corpus = Corpus(db)
samples = []
def on_progress(state):
    samples.append((state.done, rss_mb()))
baseline = rss_mb()
result = add_inputs(corpus, inputs, engine=engine, workers=2, on_progress=on_progress)
corpus.close()
print(json.dumps({"added": result.added, "baseline_mb": baseline, "samples": samples}))
"""


def bench_overhead(source: list[Any], count: int, tmp: Path, repeat: int = 3) -> dict[str, Any]:
    """Storage cost per article: bare analyze_many against corpus add (serial), back to back."""
    from spinscope.api import analyze_many
    from spinscope.store.runner import add_inputs

    inputs = write_inputs(source, count, tmp / f"overhead-{count}")
    runs = []
    for rep in range(repeat):
        started = time.perf_counter()
        n = sum(1 for _ in analyze_many(inputs))
        bare = time.perf_counter() - started
        with Corpus(tmp / f"overhead-{count}-{rep}.db") as corpus:
            started = time.perf_counter()
            added = add_inputs(corpus, inputs, engine="serial").added
            stored = time.perf_counter() - started
        runs.append(
            {
                "bare_per_s": round(n / bare, 1),
                "add_per_s": round(added / stored, 1),
                "overhead_ms": round((stored - bare) / n * 1000, 3),
            }
        )
        print(
            f"  bare analyze_many {n / bare:7.1f}/s   corpus add (serial) {added / stored:7.1f}/s   "
            f"storage {(stored - bare) / n * 1000:.2f} ms per article",
            flush=True,
        )
    return {"articles": count, "runs": runs}


def bench_memory(source: list[Any], sizes: list[int], tmp: Path) -> dict[str, Any]:
    """Resident memory of the `corpus add` (writer) process while the corpus grows.

    Each size runs in a fresh process; RSS is sampled after every stored batch, so the
    numbers show whether memory grows with the number of articles already added.
    """
    out: dict[str, Any] = {}
    for size in sizes:
        inputs = write_inputs(source, size, tmp / f"mem-{size}")
        for engine in ("serial", "process"):
            db = tmp / f"mem-{size}-{engine}.db"
            done = subprocess.run(
                [sys.executable, "-c", _MEMORY_CHILD, str(db), engine, *map(str, inputs)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            data = json.loads(done.stdout.strip().splitlines()[-1])
            samples = data["samples"]
            quarter = [rss for n, rss in samples if n <= size // 4] or [samples[0][1]]
            row = {
                "articles": data["added"],
                "rss_before_mb": round(data["baseline_mb"], 1),
                "rss_at_first_quarter_mb": round(max(quarter), 1),
                "rss_peak_mb": round(max(rss for _n, rss in samples), 1),
                "rss_end_mb": round(samples[-1][1], 1),
            }
            out[f"{size}-{engine}"] = row
            print(
                f"  {size:>7} articles, {engine:<7}: RSS before {row['rss_before_mb']:6.1f} MB, "
                f"by 1/4 {row['rss_at_first_quarter_mb']:6.1f} MB, peak {row['rss_peak_mb']:6.1f} MB, "
                f"end {row['rss_end_mb']:6.1f} MB",
                flush=True,
            )
    return out


QUERIES: list[tuple[str, Callable[[Corpus], Any]]] = [
    ("count()", lambda c: c.count()),
    ("search('NATO')", lambda c: c.search("NATO")),
    ("search('\"European Union\"')", lambda c: c.search('"European Union"')),
    (
        "search('immigration', outlet, since, until)",
        lambda c: c.search("immigration", outlet="RT", since="2022-01-01", until="2022-12-31"),
    ),
    (
        "search(None, outlet, since, until)",
        lambda c: c.search(None, outlet="Xinhua", since="2022-03", until="2022-06"),
    ),
    (
        "search('Trump', technique='Loaded_Language')",
        lambda c: c.search("Trump", technique="Loaded_Language"),
    ),
    ("search(None, technique='Red_Herring')", lambda c: c.search(None, technique="Red_Herring")),
    (
        "search(None, actor='USA', stance='negative')",
        lambda c: c.search(None, actor="USA", stance="negative"),
    ),
    ("search('war', event_type='ACCUSE')", lambda c: c.search("war", event_type="ACCUSE")),
    ("search('the', offset=5000)", lambda c: c.search("the", offset=5000)),
    ("stats techniques by=outlet", lambda c: c.stats("techniques", by="outlet")),
    ("stats techniques by=month", lambda c: c.stats("techniques", by="month")),
    ("stats techniques by=outlet_month", lambda c: c.stats("techniques", by="outlet_month")),
    (
        "stats techniques by=month outlet=RT",
        lambda c: c.stats("techniques", by="month", outlet="RT"),
    ),
    ("stats stance actor=USA by=month", lambda c: c.stats("stance", actor="USA", by="month")),
    (
        "stats stance actor=USA by=outlet_month",
        lambda c: c.stats("stance", actor="USA", by="outlet_month"),
    ),
    ("stats actor_pairs", lambda c: c.stats("actor_pairs")),
    ("stats scare_quotes", lambda c: c.stats("scare_quotes")),
    ("stats articles by=outlet_month", lambda c: c.stats("articles", by="outlet_month")),
]


def build_db(source: list[Any], count: int, path: Path) -> dict[str, Any]:
    started = time.perf_counter()
    with Corpus(path) as corpus:
        result = corpus.add_articles(replicate(source, count), batch_size=1000)
        corpus.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        corpus.conn.execute("ANALYZE")
    seconds = time.perf_counter() - started
    size = path.stat().st_size
    print(
        f"  built {result.added} articles in {seconds:.1f} s ({result.added / seconds:.0f} articles/s written), "
        f"{size / 2**20:.0f} MB ({size / max(result.added, 1) / 1024:.1f} KiB per article)",
        flush=True,
    )
    return {
        "articles": result.added,
        "seconds": round(seconds, 1),
        "bytes": size,
        "articles_per_s": round(result.added / seconds),
    }


def bench_queries(path: Path, repeat: int = 5) -> dict[str, Any]:
    out = {}
    with Corpus(path, readonly=True) as corpus:
        for label, query in QUERIES:
            started = time.perf_counter()
            rows = query(corpus)
            first = (time.perf_counter() - started) * 1000
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                query(corpus)
                times.append((time.perf_counter() - started) * 1000)
            n = rows if isinstance(rows, int) else len(rows)
            out[label] = {
                "first_ms": round(first, 1),
                "median_ms": round(statistics.median(times), 1),
                "max_ms": round(max(times), 1),
                "rows": n,
            }
            print(
                f"  {label:<48} first {first:7.1f} ms  median {statistics.median(times):7.1f} ms  "
                f"max {max(times):7.1f} ms  ({n} rows)",
                flush=True,
            )
    return out


def bench_parquet(db: Path, tmp: Path, scale: int) -> dict[str, Any]:
    """Export to partitioned Parquet; aggregate with DuckDB at 1x and ``scale``x the rows."""
    from spinscope.store.exchange import export_articles

    out: dict[str, Any] = {}
    folder = tmp / "parquet"
    started = time.perf_counter()
    with Corpus(db, readonly=True) as corpus:
        n = export_articles(
            corpus.iter_articles(batch_size=2000), "parquet", folder, partition_by="month"
        )
        rows = corpus.conn.execute(
            "SELECT t.article, t.technique, t.outlet, t.month FROM techniques t"
        ).fetchall()
    out["export_s"] = round(time.perf_counter() - started, 1)
    out["export_bytes"] = sum(p.stat().st_size for p in folder.rglob("*.parquet"))
    print(
        f"  exported {n} articles to partitioned Parquet in {out['export_s']} s, "
        f"{out['export_bytes'] / 2**20:.0f} MB",
        flush=True,
    )
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(
        pa.table(
            {
                "article": [r[0] for r in rows],
                "technique": [r[1] for r in rows],
                "outlet": [r[2] for r in rows],
                "month": [r[3] for r in rows],
            }
        ),
        str(tmp / "techniques.parquet"),
    )
    try:
        import duckdb
    except ImportError:
        print("  (duckdb not installed: pip install duckdb to measure it; skipped)")
        return out
    con = duckdb.connect()
    con.execute(
        f"CREATE VIEW articles AS SELECT * FROM read_parquet('{folder}/*/*.parquet', hive_partitioning=true)"
    )
    con.execute(
        f"CREATE VIEW techniques AS SELECT * FROM read_parquet('{tmp / 'techniques.parquet'}')"
    )
    queries = {
        "articles by outlet, month": "SELECT outlet, month, count(*), sum(words) FROM articles GROUP BY ALL",
        "techniques by outlet, month": "SELECT outlet, month, technique, count(*) FROM techniques GROUP BY ALL",
        "techniques per 1000 words by outlet": (
            "WITH w AS (SELECT outlet, sum(words) AS words FROM articles GROUP BY outlet), "
            "t AS (SELECT outlet, technique, count(*) AS n FROM techniques GROUP BY ALL) "
            "SELECT t.outlet, technique, n, n * 1000.0 / words FROM t JOIN w USING (outlet)"
        ),
        "one month, one outlet": "SELECT count(*) FROM articles WHERE month = '2022-03' AND outlet = 'RT'",
    }

    def run(tag: str) -> None:
        for label, sql in queries.items():
            con.execute(sql).fetchall()
            times = []
            for _ in range(3):
                started = time.perf_counter()
                con.execute(sql).fetchall()
                times.append((time.perf_counter() - started) * 1000)
            out[f"duckdb {tag}: {label}"] = round(statistics.median(times), 1)
            print(
                f"  duckdb {tag:<10} {label:<40} median {statistics.median(times):8.1f} ms",
                flush=True,
            )

    run("1x parquet")
    # Scale: the same rows `scale` times over, materialised in DuckDB's own columnar storage.
    con.execute(f"CREATE TABLE a AS SELECT outlet, month, words FROM articles, range({scale})")
    con.execute(
        f"CREATE TABLE t AS SELECT outlet, month, technique FROM techniques, range({scale})"
    )
    con.execute("DROP VIEW articles; DROP VIEW techniques")
    con.execute(
        "CREATE VIEW articles AS SELECT * FROM a; CREATE VIEW techniques AS SELECT * FROM t"
    )
    out["scaled_rows"] = {
        "articles": con.execute("SELECT count(*) FROM a").fetchone()[0],
        "techniques": con.execute("SELECT count(*) FROM t").fetchone()[0],
    }
    print(f"  scaled to {out['scaled_rows']}", flush=True)
    run(f"{scale}x table")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ptc", type=Path, default=ROOT.parent / "shared" / "data" / "ptc")
    parser.add_argument("--articles", type=int, default=100_000, help="size of the query database")
    parser.add_argument(
        "--small", type=int, default=10_000, help="a second, smaller query database"
    )
    parser.add_argument(
        "--throughput", type=int, default=4000, help="articles in the ingest benchmark"
    )
    parser.add_argument(
        "--work-ms",
        type=float,
        nargs="*",
        default=[0.0, 5.0],
        help="CPU ms per article of a stand-in heavy stage (one run per value)",
    )
    parser.add_argument("--memory", type=int, nargs="*", default=[2000, 16000])
    parser.add_argument("--scale", type=int, default=10, help="DuckDB scale-up factor")
    parser.add_argument("--only", default="throughput,overhead,memory,query,parquet")
    parser.add_argument("--keep", type=Path, default=None, help="keep databases in this folder")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "benchmarks-corpus.json")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    source = load_ptc(args.ptc)
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "source_articles": len(source),
    }
    print(f"{len(source)} PTC articles as the source; {os.cpu_count()} CPUs", flush=True)
    with tempfile.TemporaryDirectory(prefix="spinscope-bench-") as scratch:
        tmp = args.keep or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        if "throughput" in only:
            results["throughput"] = []
            for work_ms in args.work_ms:
                print(
                    f"## throughput, {args.throughput} articles, stand-in stage {work_ms} ms/article",
                    flush=True,
                )
                results["throughput"].append(
                    bench_throughput(source, args.throughput, work_ms, tmp)
                )
        if "overhead" in only:
            print(f"## storage overhead, {args.throughput} articles", flush=True)
            results["overhead"] = bench_overhead(source, args.throughput, tmp)
        if "memory" in only:
            print("## memory while ingesting", flush=True)
            results["memory"] = bench_memory(source, args.memory, tmp)
        if "query" in only or "parquet" in only:
            for count in (args.small, args.articles):
                db = tmp / f"query-{count}.db"
                print(f"## search and stats, {count} articles", flush=True)
                if not db.exists():
                    results[f"build_{count}"] = build_db(source, count, db)
                else:  # a kept database: bring it up to date (timed: it backfills new tables)
                    started = time.perf_counter()
                    Corpus(db).close()
                    results[f"migrate_{count}_s"] = round(time.perf_counter() - started, 2)
                    print(
                        f"  opened the kept database in {results[f'migrate_{count}_s']} s",
                        flush=True,
                    )
                if "query" in only:
                    results[f"query_{count}"] = bench_queries(db)
            if "parquet" in only:
                print(f"## Parquet + DuckDB, {args.articles} articles", flush=True)
                results["parquet"] = bench_parquet(
                    tmp / f"query-{args.articles}.db", tmp, args.scale
                )
    results["peak_rss_mb_benchmark"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"results written to {args.out}")


if __name__ == "__main__":
    main()
