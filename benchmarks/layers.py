"""Layer accuracy on the hand gold set: actors, events, dates, quotes, stance.

Usage::

    python -m benchmarks.layers                 # dev and test parts, one table each
    python -m benchmarks.layers --part dev -v   # plus every miss, article by article
    python -m benchmarks.layers --check         # the CI gate: test part against pinned floors
    python -m benchmarks.layers --json          # machine-readable scores

``--check`` compares the test part with ``benchmarks/baseline-layers.json`` and exits
with status 1 when a headline score falls below its floor. Floors are what the system
measured when they were pinned; lowering one needs ``--update-baseline --reason "..."``,
which rewrites the file with the current scores and the reason.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spinscope.article import Article
from spinscope.evaluate.layers import (
    GoldArticle,
    LayerScores,
    evaluate_layers,
    gold_fingerprint,
    read_gold,
)
from spinscope.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
BASELINE = Path(__file__).resolve().parent / "baseline-layers.json"
LAYER_OF_SCORE = {
    "actors_f1": "actors",
    "events_f1": "events",
    "dates_accuracy": "dates",
    "quotes_f1": "quotes",
    "quote_speaker_accuracy": "quotes",
    "stance_sign_accuracy": "stance",
}


def build_pipeline(names: Sequence[str] | None = None) -> tuple[Pipeline, list[str]]:
    """The analysis pipeline from the stages that are installed, by default in the order of
    the settings (the order ``spinscope analyze`` uses, so that stance sees the technique spans).

    A stage whose module is missing (a branch not merged yet), or whose requirements
    are then unmet, is left out; its layers score as not run.
    """
    from spinscope.config import load_settings
    from spinscope.stages import STAGE_FACTORIES, create_stage

    settings = load_settings()
    if names is None:
        names = list(settings["pipeline"]["stages"])
    stages = []
    available = {"text", "meta"}
    for name in names:
        if name not in STAGE_FACTORIES:
            continue
        try:
            stage = create_stage(name, settings.get("stages", {}).get(name, {}))
        except ImportError:
            continue
        if all(r in available for r in stage.requires):
            stages.append(stage)
            available.update(stage.assigns)
    return Pipeline(stages), [s.name for s in stages]


def run(
    part: str, pipeline: Pipeline
) -> tuple[LayerScores, dict[str, LayerScores], list[GoldArticle], float]:
    gold = read_gold(GOLD, part)
    outputs: dict[str, Article] = {}

    def analyse(article: Article) -> Article:
        result = pipeline(article)
        outputs[article.meta.source or article.id] = result
        return result

    started = time.perf_counter()
    total, per_article = evaluate_layers(gold, analyse)
    elapsed = time.perf_counter() - started
    run.outputs = outputs  # type: ignore[attr-defined]
    return total, per_article, gold, elapsed


def _table(part: str, scores: LayerScores, ran: list[str], elapsed: float) -> str:
    def prf(layer: str, p: Any) -> str:
        counts = f"(tp {p.tp}, fp {p.fp}, fn {p.fn})"
        return f"  {layer:<16} P {p.precision:.3f}  R {p.recall:.3f}  F1 {p.f1:.3f}   {counts}"

    def acc(layer: str, a: Any) -> str:
        return f"  {layer:<16} accuracy {a.value:.3f}   ({a.correct}/{a.total})"

    lines = [f"{part}: {scores.articles} articles, stages {', '.join(ran)}, {elapsed:.2f} s"]
    lines += [
        prf("actors", scores.actors) + ("" if "actors" in ran else "   [stage not run]"),
        prf("events", scores.events) + ("" if "events" in ran else "   [stage not run]"),
        acc("dates", scores.dates) + ("" if "dates" in ran else "   [stage not run]"),
        prf("quotes", scores.quotes) + ("" if "quotes" in ran else "   [stage not run]"),
        acc("quote speakers", scores.quote_speakers),
        prf("date detection", scores.date_detection),
        acc("event dates", scores.event_dates),
        acc("stance sign", scores.stance) + ("" if "stance" in ran else "   [stage not run]"),
    ]
    return "\n".join(lines)


def _misses(gold: list[GoldArticle], outputs: dict[str, Article]) -> str:
    from spinscope.evaluate.layers import LABEL_SIGN, _event_matches, _overlap, best_quote_match

    lines = []
    for g in gold:
        out = outputs.get(g.article.meta.source or g.article.id)
        if out is None:
            continue
        lines.append(f"== {g.name}")
        predicted = {a.id for a in out.actors}
        if predicted != set(g.actors):
            lines.append(
                f"  actors missing {sorted(g.actors - predicted)} "
                f"extra {sorted(predicted - g.actors)}"
            )
        for d in g.dates:
            hits = [p for p in out.dates if _overlap(p.start, p.end, d.start, d.end)]
            if not any(p.value == d.value for p in hits):
                lines.append(f"  date {d.text!r}: gold {d.value} got {[p.value for p in hits]}")
        for q in g.quotes:
            quote_hits = [p for p in out.quotes if _overlap(p.start, p.end, q.start, q.end)]
            if not quote_hits:
                lines.append(f"  quote missed [{q.kind}] {q.text[:60]!r}")
            elif q.kind != "scare":
                best = best_quote_match(out.quotes, q)
                if best is not None and best.speaker != q.speaker:
                    lines.append(
                        f"  speaker {q.text[:40]!r}: gold {q.speaker} got {best.speaker} "
                        f"({best.explanation})"
                    )
        for p in out.quotes:
            if not any(_overlap(p.start, p.end, q.start, q.end) for q in g.quotes):
                lines.append(f"  quote extra [{p.kind}] {p.text[:60]!r} speaker {p.speaker}")
        for e in g.events:
            if not any(_event_matches(p, e) for p in out.events):
                lines.append(
                    f"  event missed {e.type} {sorted(e.actors)} -> {sorted(e.recipients)} "
                    f"({e.trigger})"
                )
        for actor, sign in g.stance.items():
            got = {s.actor: LABEL_SIGN.get(s.label) for s in out.stance}.get(actor)
            if got != sign:
                lines.append(f"  stance {actor}: gold {sign} got {got}")
    return "\n".join(lines)


def _timing(pipeline: Pipeline, repeat: int, paths: Sequence[str] = ()) -> str:
    """Mean wall time per article of each stage over the whole gold set (dev and test).

    Each round re-ingests the articles, so the spaCy parse is paid once per article
    per round, by the first stage that needs it (actors).
    """
    from spinscope.nlp import clear_cache

    if paths:
        from spinscope.ingest import iter_documents

        articles = [a for a in iter_documents(paths) if isinstance(a, Article)]
    else:
        articles = [g.article for g in read_gold(GOLD)]
    per_stage = {s.name: 0.0 for s in pipeline.stages}
    words = sum(len(a.text.split()) for a in articles)
    for _ in range(repeat):
        clear_cache()
        for original in articles:
            article = Article.from_dict(original.to_dict())
            for stage in pipeline.stages:
                started = time.perf_counter()
                article = stage(article)
                per_stage[stage.name] += time.perf_counter() - started
    n = len(articles) * repeat
    lines = [
        f"timing: {len(articles)} articles x {repeat} rounds, "
        f"{words / len(articles):.0f} words each on average"
    ]
    for name, seconds in per_stage.items():
        lines.append(f"  {name:<12} {1000 * seconds / n:8.1f} ms per article")
    lines.append(f"  {'total':<12} {1000 * sum(per_stage.values()) / n:8.1f} ms per article")
    return "\n".join(lines)


def _check(scores: LayerScores, ran: list[str]) -> int:
    baseline = json.loads(BASELINE.read_text("utf-8"))
    floors: dict[str, float] = baseline["floors"]
    measured = scores.headline()
    failed = []
    for key, floor in floors.items():
        value = measured.get(key, 0.0)
        status = "ok" if value >= floor else "BELOW FLOOR"
        print(f"  {key:<24} {value:.4f}  floor {floor:.4f}  {status}")
        if value < floor:
            failed.append(key)
    fingerprint = gold_fingerprint(GOLD, "test")
    if fingerprint != baseline.get("gold_fingerprint"):
        print(
            f"  note: the test gold changed since the floors were pinned ({fingerprint} != "
            f"{baseline.get('gold_fingerprint')}); re-pin with --update-baseline --reason"
        )
    if failed:
        print(f"layer gate FAILED: {', '.join(failed)} below floor")
        return 1
    print("layer gate passed")
    return 0


def _update_baseline(scores: LayerScores, ran: list[str], reason: str) -> None:
    data = {
        "about": "Floors for `python -m benchmarks.layers --check`: the headline scores measured "
        "on the held-out test part of tests/gold when they were pinned. Lower one only with "
        "--update-baseline --reason.",
        "pinned": datetime.now(UTC).strftime("%Y-%m-%d"),
        "reason": reason,
        "stages": ran,
        "gold_fingerprint": gold_fingerprint(GOLD, "test"),
        "floors": scores.headline(),
    }
    BASELINE.write_text(json.dumps(data, indent=2) + "\n", "utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.layers", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--part", choices=("dev", "test", "both"), default="both")
    parser.add_argument(
        "--check", action="store_true", help="compare the test part with the pinned floors"
    )
    parser.add_argument("--json", action="store_true", help="print scores as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    parser.add_argument(
        "--update-baseline", action="store_true", help="re-pin the floors (needs --reason)"
    )
    parser.add_argument("--reason", default="", help="why the floors change")
    parser.add_argument("--timing", type=int, metavar="ROUNDS", help="time each stage instead")
    parser.add_argument(
        "--article", action="append", default=[], help="time these files, not the gold"
    )
    args = parser.parse_args(argv)
    pipeline, ran = build_pipeline()
    if args.timing:
        pipeline(Article.from_text("Warm-up: Japan met NATO on Tuesday."))  # load the model
        print(_timing(pipeline, args.timing, args.article))
        return 0
    if args.check or args.update_baseline:
        scores, _per, _gold, elapsed = run("test", pipeline)
        print(_table("test", scores, ran, elapsed))
        if args.update_baseline:
            if not args.reason:
                parser.error("--update-baseline needs --reason")
            _update_baseline(scores, ran, args.reason)
            print(f"floors re-pinned in {BASELINE}")
            return 0
        return _check(scores, ran)
    parts = ("dev", "test") if args.part == "both" else (args.part,)
    report: dict[str, Any] = {"stages": ran}
    for part in parts:
        scores, _per, gold, elapsed = run(part, pipeline)
        if args.json:
            report[part] = {"headline": scores.headline(), **scores.to_dict()}
            continue
        print(_table(part, scores, ran, elapsed))
        if args.verbose:
            print(_misses(gold, run.outputs))  # type: ignore[attr-defined]
        print()
    if args.json:
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
