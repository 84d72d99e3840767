"""Evaluate the techniques stage on PTC: SI P/R/F1, TC micro-F1, per-technique F1, speed."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from spinscope.errors import InputError
from spinscope.evaluate.ptc import (
    PRF,
    LabelledSpan,
    read_articles,
    read_tc_labels,
    score_flc_per_technique,
    score_si,
    score_tc,
)

__all__ = ["TechniqueEvaluation", "evaluate_techniques"]


@dataclass(slots=True)
class TechniqueEvaluation:
    """Scores of the techniques stage on one PTC split."""

    split: str
    n_articles: int
    si: PRF
    tc_micro_f1: float
    tc_per_technique: dict[str, PRF]
    flc_per_technique: dict[str, PRF]
    articles_per_second: float
    rules: bool
    extras: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        def prf(x: PRF) -> dict[str, float]:
            return {"p": round(x.precision, 4), "r": round(x.recall, 4), "f1": round(x.f1, 4)}

        return {
            "split": self.split,
            "articles": self.n_articles,
            "rules": self.rules,
            "si": prf(self.si),
            "tc_micro_f1": round(self.tc_micro_f1, 4),
            "tc_per_technique": {k: round(v.f1, 4) for k, v in self.tc_per_technique.items()},
            "flc_per_technique": {k: round(v.f1, 4) for k, v in self.flc_per_technique.items()},
            "articles_per_second": round(self.articles_per_second, 2),
        }


def evaluate_techniques(
    data_dir: Path | str,
    split: str = "dev",
    limit: int | None = None,
    *,
    stage: object | None = None,
    rules: bool | None = None,
) -> TechniqueEvaluation:
    """Run the stage over a PTC split and score it with our own implementation of the metrics.

    Args:
        data_dir: the PTC folder (``<split>-articles/`` and ``<split>-task-flc-tc.labels``).
        split: ``dev`` or ``train``.
        limit: only the first ``limit`` articles (sorted by id).
        stage: a ready :class:`~spinscope.stages.techniques.TechniquesStage` (default: shipped model).
        rules: override the stage's rules switch.

    The SI and per-technique (FLC) scores use the stage's own spans; TC micro-F1 labels the
    gold spans (a span listed k times gets its k most likely techniques). Speed counts the
    full stage (finding and labelling spans) on the raw article text.
    """
    from spinscope.stages.techniques import TechniquesStage

    data_dir = Path(data_dir)
    labels_path = data_dir / f"{split}-task-flc-tc.labels"
    if not labels_path.exists():
        raise InputError(str(labels_path), "no PTC label file; pass the PTC folder with --data")
    articles = read_articles(data_dir / f"{split}-articles")
    if limit:
        articles = dict(list(articles.items())[:limit])
    gold = [g for g in read_tc_labels(labels_path) if g.article_id in articles]
    if stage is None:
        stage = TechniquesStage.standalone()
    assert isinstance(stage, TechniquesStage)
    if rules is not None:
        stage.rules = rules
    predicted: list[LabelledSpan] = []
    started = time.perf_counter()
    for article_id, found in zip(articles, stage.spans_many(articles.values()), strict=True):
        for span in found:
            predicted.append(LabelledSpan(article_id, span.start, span.end, span.technique))
    elapsed = time.perf_counter() - started
    tc_pred: list[LabelledSpan] = []
    by_article: dict[str, list[LabelledSpan]] = {}
    for g in gold:
        by_article.setdefault(g.article_id, []).append(g)
    for article_id, spans in by_article.items():
        unique = sorted({(g.start, g.end) for g in spans})
        counts: dict[tuple[int, int], int] = {}
        for g in spans:
            counts[(g.start, g.end)] = counts.get((g.start, g.end), 0) + 1
        probs = stage.model.classify(articles[article_id], unique)
        for (s, e), p in zip(unique, probs, strict=True):
            for k in np.argsort(-p)[: counts[(s, e)]]:
                tc_pred.append(LabelledSpan(article_id, s, e, stage.model.labels[k]))
    tc = score_tc(tc_pred, gold)
    return TechniqueEvaluation(
        split=split,
        n_articles=len(articles),
        si=score_si(predicted, gold),
        tc_micro_f1=tc.micro_f1,
        tc_per_technique=tc.per_technique,
        flc_per_technique=score_flc_per_technique(predicted, gold),
        articles_per_second=len(articles) / elapsed if elapsed else 0.0,
        rules=stage.rules,
    )
