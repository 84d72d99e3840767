"""Speed of the issue-3 analysis on one article: parse once, then actors, events and stance.

Usage::

    python -m benchmarks.actors_events_stance            # the reference article, 20 runs
    python -m benchmarks.actors_events_stance FILE -n 50 # any article the ingester reads

Each run clears the Doc cache first, so the spaCy parse is counted once per run,
as in ``spinscope analyze``; the model is loaded before timing starts. Two timings per
run: ``pipeline`` is the wall time of ``Pipeline(stages)(article)`` exactly as
``spinscope analyze`` runs it (the techniques stage in a worker thread beside the parse
and the rule stages); then the same stages run one at a time, in order, for the
breakdown (``parse``, each stage, and their sum ``in order``). Prints the median and
worst of each, and words per second. The budget (issue 3) is 0.5 s for a 700-word
article, techniques included, and is checked against ``pipeline``.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

from spinscope import nlp
from spinscope.article import Article
from spinscope.config import load_settings
from spinscope.ingest import article_from_text
from spinscope.pipeline import Pipeline, Stage
from spinscope.stages import STAGE_FACTORIES, create_stage

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "examples" / "china-military-online-2023-07-06.txt"
FALLBACK = ROOT / "examples" / "state-media-commentary.txt"
BUDGET_S = 0.5


def _stages() -> list[Stage]:
    settings = load_settings()
    stages = []
    for name in settings["pipeline"]["stages"]:  # the order `spinscope analyze` runs them in
        if name not in STAGE_FACTORIES:
            continue
        try:
            stages.append(create_stage(name, settings["stages"].get(name, {})))
        except ImportError:
            continue  # a stage from a branch that is not merged yet
    return stages


def run(path: Path, runs: int) -> dict[str, list[float]]:
    """Wall times in seconds: "pipeline", then "parse", each stage and "in order"."""
    text = path.read_text("utf-8")
    stages = _stages()
    nlp.load_spacy()
    article_from_text(text, str(path))  # warm the ingester
    pipeline = Pipeline(stages)
    times: dict[str, list[float]] = {"pipeline": [], "parse": [], "in order": []}
    for _ in range(runs + 1):  # the first run warms caches and is dropped
        nlp.clear_cache()
        article: Article = article_from_text(text, str(path))
        begin = time.perf_counter()
        pipeline(article)
        whole = time.perf_counter() - begin
        nlp.clear_cache()
        article = article_from_text(text, str(path))
        begin = time.perf_counter()
        nlp.parse(article)
        parsed = time.perf_counter()
        per_stage = {}
        for stage in stages:
            start = time.perf_counter()
            article = stage(article)
            per_stage[stage.name] = time.perf_counter() - start
        end = time.perf_counter()
        if _ == 0:
            continue
        times["pipeline"].append(whole)
        times["parse"].append(parsed - begin)
        for name, seconds in per_stage.items():
            times.setdefault(name, []).append(seconds)
        times["in order"].append(end - begin)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=None)
    parser.add_argument("-n", "--runs", type=int, default=20)
    args = parser.parse_args(argv)
    path = args.file or (REFERENCE if REFERENCE.exists() else FALLBACK)
    words = len(article_from_text(path.read_text("utf-8")).text.split())
    times = run(path, args.runs)
    print(f"{path.name}: {words} words, {args.runs} runs, Python {platform.python_version()}")
    print(f"{'step':<12} {'median s':>9} {'max s':>9}")
    for name, values in times.items():
        print(f"{name:<12} {statistics.median(values):>9.4f} {max(values):>9.4f}")
    total = statistics.median(times["pipeline"])
    print(f"words/s (median): {words / total:,.0f}")
    scaled = total * 700 / words
    verdict = "within" if scaled <= BUDGET_S else "OVER"
    print(f"700-word estimate: {scaled:.3f} s, {verdict} the {BUDGET_S} s budget")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
