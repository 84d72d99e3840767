"""Persuasion techniques on PTC: accuracy (SI, TC, per technique), speed and memory of the stage.

Run the full dev benchmark:   .venv/bin/python -m benchmarks.techniques [--data ../shared/data/ptc]
Run the accuracy gate only:   .venv/bin/python -m benchmarks.techniques --gate
Re-pin the gate's floors:     .venv/bin/python -m benchmarks.techniques --pin --reason "why"
Score a decoding choice:      .venv/bin/python -m benchmarks.techniques --split holdout --stride 224

``--split holdout`` runs on the 10% of train held out from training (37 articles, seed 13),
where inference settings are chosen; ``--stride N`` overrides the model's SI window stride.

The full run times the stage (model + rules) on the raw dev articles, scores its spans with
and without the rules (the merge policy must help), labels the gold spans for TC, and
reports peak RSS of the process. The gate scores the first 10 dev articles against the
floors pinned in ``benchmarks/baseline.json``; the slice is fingerprinted so a changed
data set cannot pass silently. Floors only go down with ``--pin --reason``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ptc"
BASELINE = Path(__file__).resolve().parent / "baseline.json"
GATE_SLICE = 10
MARGIN = 0.01


def slice_fingerprint(data_dir: Path, limit: int = GATE_SLICE) -> str:
    """sha256 over the gate slice's article texts and gold lines."""
    from spinscope.evaluate.ptc import read_articles

    articles = dict(list(read_articles(data_dir / "dev-articles").items())[:limit])
    digest = hashlib.sha256()
    for article_id, text in articles.items():
        digest.update(article_id.encode() + b"\0" + text.encode("utf-8"))
    lines = (data_dir / "dev-task-flc-tc.labels").read_text("utf-8").splitlines()
    for line in sorted(line for line in lines if line.split("\t")[0] in articles):
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()


def gate_scores(data_dir: Path) -> dict[str, float]:
    from spinscope.evaluate.techniques import evaluate_techniques

    result = evaluate_techniques(data_dir, "dev", GATE_SLICE)
    return {"si_f1": result.si.f1, "tc_micro_f1": result.tc_micro_f1}


def check_gate(data_dir: Path = DEFAULT_DATA) -> list[str]:
    """Failures of the accuracy gate (empty when it passes)."""
    baseline = json.loads(BASELINE.read_text("utf-8"))["techniques"]
    fingerprint = slice_fingerprint(data_dir)
    if fingerprint != baseline["fingerprint"]:
        return [
            f"the gate slice changed (fingerprint {fingerprint[:12]}), re-pin with --pin --reason"
        ]
    scores = gate_scores(data_dir)
    return [
        f"{key} {scores[key]:.4f} is below the floor {baseline['floors'][key]:.4f}"
        for key in ("si_f1", "tc_micro_f1")
        if scores[key] < baseline["floors"][key]
    ]


def pin(data_dir: Path, reason: str) -> dict[str, Any]:
    scores = gate_scores(data_dir)
    entry = {
        "slice": f"first {GATE_SLICE} dev articles (sorted by id)",
        "fingerprint": slice_fingerprint(data_dir),
        "measured": {k: round(v, 4) for k, v in scores.items()},
        "floors": {k: round(v - MARGIN, 4) for k, v in scores.items()},
        "pinned": str(date.today()),
        "reason": reason,
    }
    data = json.loads(BASELINE.read_text("utf-8")) if BASELINE.exists() else {}
    data["techniques"] = entry
    BASELINE.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    return entry


def load_split(data_dir: Path, split: str) -> tuple[dict[str, str], list[Any]]:
    """Articles and gold spans of ``train``, ``dev`` or ``holdout`` (held-out train)."""
    from spinscope.evaluate.ptc import read_articles, read_tc_labels

    if split == "holdout":
        from spinscope.train.techniques import TrainConfig, split_holdout

        articles = read_articles(data_dir / "train-articles")
        _, held = split_holdout(list(articles), TrainConfig.holdout, seed=13)
        articles = {a: articles[a] for a in held}
        labels = data_dir / "train-task-flc-tc.labels"
    else:
        articles = read_articles(data_dir / f"{split}-articles")
        labels = data_dir / f"{split}-task-flc-tc.labels"
    return articles, [g for g in read_tc_labels(labels) if g.article_id in articles]


def full_run(
    data_dir: Path, split: str, limit: int | None, stride: int | None = None
) -> dict[str, Any]:
    import numpy as np

    from spinscope.article import TechniqueSpan
    from spinscope.evaluate.ptc import (
        LabelledSpan,
        score_flc_per_technique,
        score_si,
        score_tc,
    )
    from spinscope.stages import technique_rules
    from spinscope.stages.techniques import TechniquesStage, parallel_map

    articles, gold = load_split(data_dir, split)
    if limit:
        articles = dict(list(articles.items())[:limit])
        gold = [g for g in gold if g.article_id in articles]
    stage = TechniquesStage.standalone()
    if stride is not None:
        stage.model.config["stride"] = stride
    words = sum(len(t.split()) for t in articles.values())
    model_only: list[LabelledSpan] = []
    with_rules: list[LabelledSpan] = []

    def both(text: str) -> tuple[list[TechniqueSpan], list[TechniqueSpan]]:
        model_spans = stage.model.technique_spans(text)
        return model_spans, technique_rules.merge(
            model_spans, technique_rules.find_rule_spans(text)
        )

    started = time.perf_counter()
    found = parallel_map(both, articles.values(), stage.workers)
    for article_id, (model_spans, merged) in zip(articles, found, strict=True):
        model_only += [LabelledSpan(article_id, s.start, s.end, s.technique) for s in model_spans]
        with_rules += [LabelledSpan(article_id, s.start, s.end, s.technique) for s in merged]
    elapsed = time.perf_counter() - started
    tc_pred = []
    by_article: dict[str, list[tuple[int, int]]] = {}
    for g in gold:
        by_article.setdefault(g.article_id, []).append((g.start, g.end))
    for article_id, spans in by_article.items():
        unique = sorted(set(spans))
        probs = stage.model.classify(articles[article_id], unique)
        for (s, e), p in zip(unique, probs, strict=True):
            for k in np.argsort(-p)[: spans.count((s, e))]:
                tc_pred.append(LabelledSpan(article_id, s, e, stage.model.labels[k]))
    tc = score_tc(tc_pred, gold)

    def si(pred: list[LabelledSpan]) -> dict[str, float]:
        r = score_si(pred, gold)
        return {
            "p": round(r.precision, 4),
            "r": round(r.recall, 4),
            "f1": round(r.f1, 4),
            "spans": r.n_predicted,
        }

    flc_model = score_flc_per_technique(model_only, gold)
    flc_rules = score_flc_per_technique(with_rules, gold)
    return {
        "split": split,
        "stride": int(stage.model.config["stride"]),
        "articles": len(articles),
        "words_per_article": round(words / len(articles)),
        "si_model_only": si(model_only),
        "si_with_rules": si(with_rules),
        "tc_micro_f1": round(tc.micro_f1, 4),
        "per_technique": {
            name: {
                "tc_f1": round(tc.per_technique[name].f1, 4) if name in tc.per_technique else 0.0,
                "span_f1_model": round(flc_model[name].f1, 4) if name in flc_model else 0.0,
                "span_f1_rules": round(flc_rules[name].f1, 4) if name in flc_rules else 0.0,
            }
            for name in stage.model.labels
        },
        "seconds": round(elapsed, 1),
        "articles_per_second": round(len(articles) / elapsed, 2),
        "words_per_second": round(words / elapsed),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", default="dev", choices=("dev", "train", "holdout"))
    parser.add_argument("--stride", type=int, default=None, help="SI window stride (tokens)")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--gate", action="store_true", help="only check the accuracy gate")
    parser.add_argument("--pin", action="store_true", help="re-pin the gate's floors")
    parser.add_argument("--reason", default=None, help="why the floors change (needed with --pin)")
    args = parser.parse_args()
    if not (args.data / "dev-articles").is_dir():
        print(f"skipped: no PTC data at {args.data} (pass --data)")
        return
    if args.pin:
        if not args.reason:
            parser.error("--pin needs --reason")
        print(json.dumps(pin(args.data, args.reason), indent=2))
        return
    failures = check_gate(args.data)
    print("gate: " + ("passed" if not failures else "FAILED: " + "; ".join(failures)), flush=True)
    if args.gate:
        sys.exit(1 if failures else 0)
    print(json.dumps(full_run(args.data, args.split, args.limit, args.stride), indent=2))


if __name__ == "__main__":
    main()
