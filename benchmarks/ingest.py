"""Ingestion + metadata throughput: articles/s and words/s of `analyze_many` with the metadata stage.

Run: .venv/bin/python -m benchmarks.ingest [--copies N]
Builds N distinct copies of the bundled example and the test fixtures in a temporary folder (each
copy differs by one line, so none is a duplicate) and times a full pass.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from spinscope import BatchReport, analyze_many

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "examples" / "state-media-commentary.txt",
    *sorted((ROOT / "tests" / "fixtures").glob("*.txt")),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in range(args.copies):
            for source in SOURCES:
                text = source.read_text("utf-8")
                (folder / f"{n:05d}-{source.name}").write_text(
                    text + f"\n\nCopy number {n}.\n", "utf-8"
                )
        report = BatchReport()
        start = time.perf_counter()
        words = 0
        count = 0
        for article in analyze_many([folder], stages=["metadata"], report=report):
            words += len(article.text.split())
            count += 1
        elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"articles: {count}  failures: {len(report.failures)}  duplicates: {len(report.duplicates)}"
    )
    print(
        f"time: {elapsed:.2f} s  articles/s: {count / elapsed:.0f}  words/s: {words / elapsed:.0f}"
    )
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
