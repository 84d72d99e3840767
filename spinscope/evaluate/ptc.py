"""Readers and scorers for the Propaganda Techniques Corpus (PTC, SemEval-2020 Task 11).

The readers take the corpus folder as an argument: PTC is third-party data and never
ships with spinscope. Offsets are character offsets into each ``article<ID>.txt`` read
as UTF-8 with no newline translation, start inclusive and end exclusive.

The scorers are our own implementation of the official task metrics:

* **SI** (span identification): overlapping gold spans of an article are merged first
  (predicted spans too, as the official checker requires non-overlapping submissions).
  For every predicted span ``s`` and gold span ``t`` of the same article the precision
  numerator gains ``|s ∩ t| / |s|`` and the recall numerator ``|s ∩ t| / |t|``;
  ``P = sum / #predicted``, ``R = sum / #gold``, F1 is their harmonic mean.
* **TC** (technique classification): micro-F1 of predicted labels over the gold spans,
  where a span that carries several techniques appears several times and is matched
  by its best assignment (the multiset intersection of labels per span).
* **FLC per technique**: the SI measure restricted to spans of one technique, for
  full-pipeline output that finds and labels spans itself.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spinscope.errors import InputError

__all__ = [
    "TECHNIQUES",
    "LabelledSpan",
    "PRF",
    "TCScore",
    "article_id_from_path",
    "merge_spans",
    "read_article",
    "read_articles",
    "read_si_labels",
    "read_tc_labels",
    "read_tc_template",
    "score_flc_per_technique",
    "score_si",
    "score_tc",
]

TECHNIQUES: tuple[str, ...] = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Doubt",
    "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Appeal_to_Authority",
    "Slogans",
    "Black-and-White_Fallacy",
    "Whataboutism,Straw_Men,Red_Herring",
    "Thought-terminating_Cliches",
    "Bandwagon,Reductio_ad_hitlerum",
)
"""The 14 technique labels of SemEval-2020 Task 11, spelled as in the PTC label files."""

_ARTICLE_NAME = re.compile(r"^article(\w+)\.txt$")


@dataclass(frozen=True, slots=True)
class LabelledSpan:
    """One line of a PTC label file: a span of an article, with its technique if known."""

    article_id: str
    start: int
    end: int
    technique: str | None = None


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1, with the counts they came from."""

    precision: float
    recall: float
    f1: float
    n_predicted: int
    n_gold: int


@dataclass(frozen=True, slots=True)
class TCScore:
    """Technique classification: micro-F1 and a per-technique breakdown."""

    micro_f1: float
    precision: float
    recall: float
    per_technique: dict[str, PRF] = field(default_factory=dict)


def _prf(p_num: float, n_pred: int, r_num: float, n_gold: int) -> PRF:
    precision = p_num / n_pred if n_pred else 0.0
    recall = r_num / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1, n_pred, n_gold)


def article_id_from_path(path: Path | str) -> str:
    """The PTC id of ``article<ID>.txt``.

    Raises:
        InputError: the file name does not follow the PTC pattern.
    """
    name = Path(path).name
    match = _ARTICLE_NAME.match(name)
    if not match:
        raise InputError(str(path), "PTC article files are named article<ID>.txt")
    return match.group(1)


def read_article(path: Path | str) -> str:
    """The raw text of one article: UTF-8, no newline translation, no stripping."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
    except FileNotFoundError as e:
        raise InputError(str(path), "no such file") from e
    except UnicodeDecodeError as e:
        raise InputError(str(path), "not valid UTF-8") from e
    if "\x00" in text:
        raise InputError(str(path), "binary data (NUL bytes), not a text file")
    return text


def read_articles(folder: Path | str) -> dict[str, str]:
    """Every ``article<ID>.txt`` of a folder, by id, in sorted id order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder of PTC articles")
    paths = sorted(p for p in folder.iterdir() if _ARTICLE_NAME.match(p.name))
    return {article_id_from_path(p): read_article(p) for p in paths}


def _label_lines(path: Path | str) -> Iterator[tuple[int, list[str]]]:
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                line = line.rstrip("\r\n")
                if line.strip():
                    yield number, line.split("\t")
    except FileNotFoundError as e:
        raise InputError(str(path), "no such label file") from e


def _offsets(path: Path | str, number: int, start: str, end: str) -> tuple[int, int]:
    try:
        s, e = int(start), int(end)
    except ValueError as err:
        raise InputError(f"{path}:{number}", "offsets must be integers") from err
    if s < 0 or e < s:
        raise InputError(f"{path}:{number}", f"bad span {s}-{e}")
    return s, e


def read_tc_labels(path: Path | str) -> list[LabelledSpan]:
    """A TC/FLC label file: ``article_id<TAB>technique<TAB>start<TAB>end`` per line.

    A template file with ``?`` as technique reads as spans without a technique.
    """
    spans = []
    for number, cols in _label_lines(path):
        if len(cols) != 4:
            raise InputError(f"{path}:{number}", "expected 4 tab-separated columns")
        start, end = _offsets(path, number, cols[2], cols[3])
        technique = None if cols[1] == "?" else cols[1]
        spans.append(LabelledSpan(cols[0], start, end, technique))
    return spans


def read_tc_template(path: Path | str) -> list[LabelledSpan]:
    """A TC template (``article_id<TAB>?<TAB>start<TAB>end``); any technique column is ignored."""
    return [LabelledSpan(s.article_id, s.start, s.end) for s in read_tc_labels(path)]


def read_si_labels(path: Path | str) -> list[LabelledSpan]:
    """An SI label file: ``article_id<TAB>start<TAB>end`` per line."""
    spans = []
    for number, cols in _label_lines(path):
        if len(cols) != 3:
            raise InputError(f"{path}:{number}", "expected 3 tab-separated columns")
        start, end = _offsets(path, number, cols[1], cols[2])
        spans.append(LabelledSpan(cols[0], start, end))
    return spans


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with every overlapping pair joined; empty spans dropped.

    Spans that only touch (one ends where the next starts) stay apart, as in the
    official scorer, which merges on shared characters.
    """
    merged: list[list[int]] = []
    for start, end in sorted((s, e) for s, e in spans if e > s):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _by_article(spans: Iterable[LabelledSpan]) -> dict[str, list[tuple[int, int]]]:
    grouped: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for span in spans:
        grouped[span.article_id].append((span.start, span.end))
    return grouped


def _overlap_sums(
    predicted: Mapping[str, Sequence[tuple[int, int]]],
    gold: Mapping[str, Sequence[tuple[int, int]]],
) -> tuple[float, int, float, int]:
    p_num = r_num = 0.0
    n_pred = n_gold = 0
    for article_id in set(predicted) | set(gold):
        preds = merge_spans(predicted.get(article_id, ()))
        golds = merge_spans(gold.get(article_id, ()))
        n_pred += len(preds)
        n_gold += len(golds)
        for ps, pe in preds:
            for gs, ge in golds:
                inter = min(pe, ge) - max(ps, gs)
                if inter > 0:
                    p_num += inter / (pe - ps)
                    r_num += inter / (ge - gs)
    return p_num, n_pred, r_num, n_gold


def score_si(predicted: Iterable[LabelledSpan], gold: Iterable[LabelledSpan]) -> PRF:
    """The SI measure (see the module docstring); techniques are ignored."""
    return _prf(*_overlap_sums(_by_article(predicted), _by_article(gold)))


def score_tc(predicted: Iterable[LabelledSpan], gold: Iterable[LabelledSpan]) -> TCScore:
    """Micro-F1 of predicted techniques on the given (gold) spans.

    Spans are matched by ``(article_id, start, end)``; when one span carries several
    techniques the best matching counts (multiset intersection of the labels).
    """
    pred_by_span: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    gold_by_span: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    n_pred = n_gold = 0
    for span in predicted:
        if span.technique is None:
            raise InputError(
                span.article_id, f"prediction {span.start}-{span.end} has no technique"
            )
        pred_by_span[(span.article_id, span.start, span.end)][span.technique] += 1
        n_pred += 1
    for span in gold:
        if span.technique is None:
            raise InputError(span.article_id, f"gold span {span.start}-{span.end} has no technique")
        gold_by_span[(span.article_id, span.start, span.end)][span.technique] += 1
        n_gold += 1
    correct = 0
    tp: Counter[str] = Counter()
    pred_count: Counter[str] = Counter()
    gold_count: Counter[str] = Counter()
    for key, labels in pred_by_span.items():
        pred_count.update(labels)
        matched = labels & gold_by_span.get(key, Counter())
        tp.update(matched)
        correct += sum(matched.values())
    for labels in gold_by_span.values():
        gold_count.update(labels)
    total = _prf(correct, n_pred, correct, n_gold)
    per_technique = {
        t: _prf(tp[t], pred_count[t], tp[t], gold_count[t])
        for t in sorted(set(pred_count) | set(gold_count), key=_technique_order)
    }
    return TCScore(total.f1, total.precision, total.recall, per_technique)


def _technique_order(name: str) -> tuple[int, str]:
    return (TECHNIQUES.index(name) if name in TECHNIQUES else len(TECHNIQUES), name)


def score_flc_per_technique(
    predicted: Iterable[LabelledSpan], gold: Iterable[LabelledSpan]
) -> dict[str, PRF]:
    """The SI measure computed separately for each technique (full-pipeline output)."""
    pred_t: dict[str, list[LabelledSpan]] = defaultdict(list)
    gold_t: dict[str, list[LabelledSpan]] = defaultdict(list)
    for span in predicted:
        pred_t[span.technique or "?"].append(span)
    for span in gold:
        gold_t[span.technique or "?"].append(span)
    return {
        t: score_si(pred_t.get(t, []), gold_t.get(t, []))
        for t in sorted(set(pred_t) | set(gold_t), key=_technique_order)
    }
