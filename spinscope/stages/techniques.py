"""The ``techniques`` stage: persuasion-technique spans (SemEval-2020 Task 11 labels).

How it works (no PyTorch at inference):

1. The article is tokenised once with ``tokenizers`` (WordPiece, character offsets) and
   cut into overlapping windows; an int8 ONNX MiniLM encoder gives every token a
   B/I/O probability, taken from the window where the token is most central.
2. Runs of tokens whose inside-probability passes a threshold (tuned on held-out train)
   become spans, widened to whole words and trimmed like PTC v2.
3. Each span is paired with its sentence (``[CLS] span [SEP] sentence [SEP]``), encoded by
   the same ONNX model, and a small MLP (numpy) picks one of the 14 techniques from the
   [CLS] vector, the mean span vector and surface features (length, repetition in the
   article, quotes, title, capitals).
4. Optional transparent rules (:mod:`spinscope.stages.technique_rules`) add spans with
   ``source="rule"`` under the merge policy documented there.

Settings (``[stages.techniques]``): ``model_dir`` (default: the shipped model),
``threshold``, ``rules`` (bool), ``threads`` (ONNX Runtime intra-op threads, 0 = all
cores; unset: every usable core). The stage is ``concurrent``: a pipeline runs it in a
worker thread beside the spaCy parse (see :mod:`spinscope.pipeline`); its idle pool
threads sleep rather than spin, so the parse gets its core when it needs it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self, TypeVar

import numpy as np

from spinscope.article import Article, TechniqueSpan
from spinscope.errors import InputError, ModelError
from spinscope.stages import technique_rules
from spinscope.stages.technique_spans import (
    decode_spans,
    make_windows,
    normalized_words,
    occurrences,
    pair_batch,
    pair_representation,
    sentence_bounds,
    span_features,
    span_head_forward,
    token_range,
)

__all__ = [
    "DEFAULT_MODEL_DIR",
    "MAX_STANDALONE_WORKERS",
    "TechniqueModel",
    "TechniquesStage",
    "parallel_map",
    "pipeline_threads",
    "predict_ptc",
    "technique_records",
    "usable_cores",
]

log = logging.getLogger(__name__)

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "techniques"
REPETITION_BOOST_KEYS = ("weight", "offset", "max_words")
MAX_STANDALONE_WORKERS = 4
"""Articles in flight at most in ``TechniquesStage.standalone()``: 4 x ~125 MB stays under 1 GB."""
T = TypeVar("T")
R = TypeVar("R")
_PAIR_BATCH = 16
_WINDOW_CHUNK = 32


@dataclass(frozen=True, slots=True)
class ScoredSpan:
    """A model span before it becomes a TechniqueSpan: label probabilities included."""

    start: int
    end: int
    span_score: float
    probs: np.ndarray


class TechniqueModel:
    """The shipped ONNX model, its tokenizer, span head and thresholds; load once, reuse."""

    def __init__(self, model_dir: Path | str = DEFAULT_MODEL_DIR, threads: int = 0) -> None:
        folder = Path(model_dir)
        config_path = folder / "config.json"
        onnx_path = folder / "model.onnx"
        for needed in (config_path, onnx_path, folder / "tokenizer.json", folder / "span_head.npz"):
            if not needed.exists():
                raise ModelError(
                    f"{needed}: missing; reinstall spinscope or rebuild with "
                    "'spinscope train techniques --data DIR'"
                )
        self.config: dict[str, Any] = json.loads(config_path.read_text())
        digest = hashlib.sha256(onnx_path.read_bytes()).hexdigest()
        if digest != self.config.get("model_sha256"):
            raise ModelError(
                f"{onnx_path}: sha256 {digest} does not match config.json "
                f"({self.config.get('model_sha256')}); the model file is corrupt or replaced"
            )
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as e:  # pragma: no cover - both are core dependencies
            raise ModelError(f"cannot import the inference runtime: {e}") from e
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        if threads != 1:
            # Idle pool threads sleep instead of spinning: the stage shares the cores with the
            # parser (and, alone, was faster so too: 483 against 518 ms per PTC dev article on
            # two threads, AVX2 host, 2026-12-02).
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            self.session = ort.InferenceSession(
                str(onnx_path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as e:  # onnxruntime raises its own untyped errors
            raise ModelError(f"{onnx_path}: ONNX Runtime cannot load it: {e}") from e
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        cls_id = self.tokenizer.token_to_id("[CLS]")
        sep_id = self.tokenizer.token_to_id("[SEP]")
        if cls_id is None or sep_id is None:
            raise ModelError(f"{folder / 'tokenizer.json'}: no [CLS]/[SEP] tokens")
        self.cls_id: int = cls_id
        self.sep_id: int = sep_id
        with np.load(folder / "span_head.npz") as head:
            self.head = {k: head[k] for k in head.files}
        self.labels: list[str] = list(self.config["labels"])
        self.threshold = float(self.config["threshold"])
        self.low_threshold = float(self.config.get("low_threshold", self.threshold))
        bias = self.config.get("label_bias")
        self.label_bias = None if bias is None else np.asarray(bias, dtype=np.float32)
        boost = self.config.get("repetition_boost")
        if boost is not None and not (
            isinstance(boost, dict) and all(key in boost for key in REPETITION_BOOST_KEYS)
        ):
            raise ModelError(
                f"{config_path}: repetition_boost must have the keys {REPETITION_BOOST_KEYS}"
            )
        self.repetition_boost: dict[str, float] | None = (
            None if boost is None else {key: float(boost[key]) for key in REPETITION_BOOST_KEYS}
        )
        self.min_score = float(self.config.get("min_score", 0.0))
        self.second_label_min = float(self.config.get("second_label_min", 1.01))

    # ---------------------------------------------------------- encoder calls

    def _run(
        self, ids: np.ndarray, mask: np.ndarray, types: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        hidden, probs = self.session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        )
        return hidden, probs

    def token_probs(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Character offsets [n, 2] and B/I/O probabilities [n, 3] (O, B, I) of every token."""
        enc = self.tokenizer.encode(text, add_special_tokens=False)
        offsets = np.array(enc.offsets, dtype=np.int64).reshape(-1, 2)
        if len(enc.ids) == 0:
            return offsets, np.zeros((0, 3), dtype=np.float32)
        win = make_windows(
            np.array(enc.ids), offsets, int(self.config["max_length"]), int(self.config["stride"])
        )
        ids, mask = win.batch(self.cls_id, self.sep_id)
        # Windows go to the encoder in chunks, so a very long article needs bounded memory.
        probs = np.concatenate(
            [
                self._run(
                    ids[i : i + _WINDOW_CHUNK],
                    mask[i : i + _WINDOW_CHUNK],
                    np.zeros_like(ids[i : i + _WINDOW_CHUNK]),
                )[1]
                for i in range(0, len(ids), _WINDOW_CHUNK)
            ]
        )
        return offsets, probs[win.owner, win.position]

    def classify(self, text: str, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """Technique probabilities [n_spans, 14] for given character spans of ``text``."""
        if not spans:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        enc = self.tokenizer.encode(text, add_special_tokens=False)
        offsets = np.array(enc.offsets, dtype=np.int64).reshape(-1, 2)
        # batch spans of similar sentence length together (less padding); with dynamic int8
        # quantisation a span's probabilities still vary slightly with its batch mates
        order = sorted(
            range(len(spans)),
            key=lambda i: (
                (lambda b: b[1] - b[0])(sentence_bounds(text, *spans[i]))
                + spans[i][1]
                - spans[i][0]
            ),
        )
        result = np.zeros((len(spans), len(self.labels)), dtype=np.float32)
        for i in range(0, len(order), _PAIR_BATCH):
            rows = order[i : i + _PAIR_BATCH]
            chunk = [spans[r] for r in rows]
            ids, mask, types, n_span = pair_batch(
                self.tokenizer,
                text,
                chunk,
                int(self.config["pair_length"]),
                cls_id=self.cls_id,
                sep_id=self.sep_id,
            )
            feats = []
            for s, e in chunk:
                first, last = token_range(offsets, s, e)
                feats.append(span_features(text, s, e, last - first))
            hidden, _ = self._run(ids, mask, types)
            reps = pair_representation(hidden, n_span, np.stack(feats))
            result[rows] = span_head_forward(self.head, reps)
        if self.label_bias is not None:
            # prior correction tuned on held-out train (see tune_label_bias)
            result = result * np.exp(self.label_bias)
            result = result / result.sum(axis=1, keepdims=True)
        if self.repetition_boost is not None:
            result = self.boost_repetition(text, spans, result)
        return result

    def boost_repetition(
        self, text: str, spans: Sequence[tuple[int, int]], probs: np.ndarray
    ) -> np.ndarray:
        """Raise Repetition for spans whose words recur in the article (tuned on held-out train).

        A span of at most ``max_words`` words that occurs ``c >= 2`` times in the article
        (as whole words, case and punctuation aside) gets its Repetition probability
        multiplied by ``exp(weight * ln c + offset)``, then the row is renormalised. The head
        sees a capped repetition count too, but on held-out train it still labels most
        repeated phrases with what they say (Loaded_Language, Name_Calling) rather than
        with the repetition; see ``tune_repetition_boost``.
        """
        boost = self.repetition_boost
        if boost is None or "Repetition" not in self.labels or not len(spans):
            return probs
        k = self.labels.index("Repetition")
        normalized = normalized_words(text)
        probs = probs.copy()
        for row, (start, end) in enumerate(spans):
            fragment = text[start:end]
            if len(fragment.split()) > boost["max_words"]:
                continue
            count = occurrences(normalized, fragment)
            if count >= 2:
                probs[row, k] *= math.exp(boost["weight"] * math.log(count) + boost["offset"])
                probs[row] /= probs[row].sum()
        return probs

    def find(self, text: str, threshold: float | None = None) -> list[ScoredSpan]:
        """Spans found in ``text`` with their technique probabilities."""
        offsets, probs = self.token_probs(text)
        high = self.threshold if threshold is None else threshold
        found = decode_spans(text, offsets, probs, high, low=min(self.low_threshold, high))
        found = [f for f in found if f[2] >= self.min_score]
        label_probs = self.classify(text, [(s, e) for s, e, _ in found])
        return [ScoredSpan(s, e, p, lp) for (s, e, p), lp in zip(found, label_probs, strict=True)]

    def technique_spans(self, text: str, threshold: float | None = None) -> list[TechniqueSpan]:
        """Labelled spans (``source="model"``); a second label when its probability is high."""
        spans = []
        for found in self.find(text, threshold):
            order = np.argsort(-found.probs)
            for rank, k in enumerate(order[:2]):
                p = float(found.probs[k])
                if rank == 1 and p < self.second_label_min:
                    break
                spans.append(
                    TechniqueSpan(
                        start=found.start,
                        end=found.end,
                        technique=self.labels[k],
                        score=round(found.span_score * p, 4),
                        source="model",
                        explanation=(
                            f"model: span probability {found.span_score:.2f}, "
                            f"{self.labels[k]} probability {p:.2f}"
                        ),
                        text=text[found.start : found.end],
                    )
                )
        return spans


class TechniquesStage:
    """Adds persuasion-technique spans to ``article.techniques``."""

    name = "techniques"
    requires = ("text",)
    assigns = ("techniques",)
    concurrent = True
    """The model needs the text alone and releases the GIL: a pipeline starts it early."""

    def __init__(
        self,
        model: TechniqueModel | None = None,
        *,
        rules: bool = technique_rules.RULES_ON_BY_DEFAULT,
        threshold: float | None = None,
        workers: int = 1,
    ) -> None:
        """``workers``: articles processed at once by ``pipe`` and ``spans_many``, each by one
        ONNX Runtime thread (the default model then gets one thread per call)."""
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.model = model or TechniqueModel(threads=1 if workers > 1 else 0)
        self.rules = rules
        self.threshold = threshold
        self.workers = workers

    @classmethod
    def standalone(cls, *, rules: bool = technique_rules.RULES_ON_BY_DEFAULT) -> Self:
        """The stage on its own (``spinscope techniques``, the evaluation): an article per core,
        at most ``MAX_STANDALONE_WORKERS`` (each article in flight holds about 125 MB).

        On two cores this is faster than one article at a time with two ONNX Runtime
        threads (docs/benchmarks.md); the spans are the same.
        """
        return cls(rules=rules, workers=min(usable_cores(), MAX_STANDALONE_WORKERS))

    @classmethod
    def from_config(cls, settings: Mapping[str, Any]) -> Self:
        """Build from the ``[stages.techniques]`` table (may be empty)."""
        known = {"model_dir", "threshold", "rules", "threads"}
        unknown = set(settings) - known
        if unknown:
            from spinscope.errors import ConfigError

            raise ConfigError(
                f"[stages.techniques]: unknown setting(s) {sorted(unknown)}; known: {sorted(known)}"
            )
        threads = settings.get("threads")
        model = TechniqueModel(
            settings.get("model_dir", DEFAULT_MODEL_DIR),
            threads=pipeline_threads() if threads is None else int(threads),
        )
        threshold = settings.get("threshold")
        return cls(
            model,
            rules=bool(settings.get("rules", technique_rules.RULES_ON_BY_DEFAULT)),
            threshold=None if threshold is None else float(threshold),
        )

    def spans(self, text: str) -> list[TechniqueSpan]:
        """The stage's spans for a text (model, then rules merged by the documented policy)."""
        found = self.model.technique_spans(text, self.threshold)
        if self.rules:
            found = technique_rules.merge(found, technique_rules.find_rule_spans(text))
        return sorted(found, key=lambda s: (s.start, s.end, s.technique))

    def spans_many(self, texts: Iterable[str]) -> Iterator[list[TechniqueSpan]]:
        """``spans`` of each text, in order, ``workers`` texts at a time."""
        return parallel_map(self.spans, texts, self.workers)

    def __call__(self, article: Article) -> Article:
        article.techniques = self.spans(article.text)
        return article

    def pipe(self, articles: Iterable[Article], batch_size: int = 8) -> Iterator[Article]:
        """Process articles lazily, ``workers`` at a time; windows are batched per article."""
        del batch_size  # one ONNX call per article already batches its windows
        return parallel_map(self, articles, self.workers)


def usable_cores() -> int:
    """The cores this process may use: its CPU affinity (taskset, cpusets) and, on Linux, the
    cgroup v2 CPU quota of its container (``docker --cpus``), whichever is smaller."""
    if hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            cores = min(cores, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass  # no cgroup v2 quota to read
    return cores


def pipeline_threads() -> int:
    """ONNX Runtime threads for the stage inside a pipeline: every usable core.

    The parser runs beside the stage; with the pool's threads sleeping rather than spinning
    when idle, sharing its core beats leaving it one (docs/benchmarks.md, 2026-12-02).
    """
    return usable_cores()


def parallel_map(work: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """``map(work, items)`` in order, ``workers`` items at a time in threads.

    Meant for work that releases the GIL (an ONNX Runtime call); at most ``2 * workers``
    items are read ahead, so a long stream of files needs bounded memory. The first
    exception raised by ``work`` is raised here, at that item's place.
    """
    if workers <= 1:
        yield from map(work, items)
        return
    pending: deque[Future[R]] = deque()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="spinscope-tech") as pool:
        for item in items:
            pending.append(pool.submit(work, item))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _file_spans(
    stage: TechniquesStage, paths: Iterable[Path], errors: list[InputError] | None
) -> Iterator[list[TechniqueSpan] | None]:
    """The stage's spans of each file (raw file text), in order, ``stage.workers`` at a time.

    A file that cannot be read raises its InputError, or, when ``errors`` is a list, is
    added to it (in file order) and yields None, so that the other files go on.
    """
    from spinscope.evaluate.ptc import read_article

    def spans_or_error(path: Path) -> list[TechniqueSpan] | InputError:
        try:
            return stage.spans(read_article(path))
        except InputError as e:
            if errors is None:
                raise
            return e

    for found in parallel_map(spans_or_error, paths, stage.workers):
        if isinstance(found, InputError):
            if errors is not None:  # always: an error is only returned when there is a list
                errors.append(found)
            yield None
        else:
            yield found


def _article_paths(paths: Iterable[Path | str], *, ptc_names: bool = True) -> dict[str, Path]:
    """Files by id: the PTC id of ``article<ID>.txt`` (or the path, when ``ptc_names`` is off)."""
    from spinscope.evaluate.ptc import article_id_from_path

    found: dict[str, Path] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            pattern = "article*.txt" if ptc_names else "*.txt"
            children = sorted(path.glob(pattern))
        elif path.exists():
            children = [path]
        else:
            raise InputError(str(path), "no such file or folder")
        for child in children:
            found[article_id_from_path(child) if ptc_names else str(child)] = child
    return found


def technique_records(
    paths: Iterable[Path | str],
    *,
    stage: TechniquesStage | None = None,
    errors: list[InputError] | None = None,
) -> Iterator[dict[str, Any]]:
    """One record per text file: ``{"source", "id", "techniques": [...]}``.

    Offsets index the raw file text, as in the PTC format; ``id`` is the PTC id when the
    file is named ``article<ID>.txt``, else null. A file that cannot be read (missing, not
    UTF-8, binary) raises InputError, or, with an ``errors`` list, is added to it and left
    out while the other files go on.
    """
    from spinscope.evaluate.ptc import article_id_from_path

    stage = stage or TechniquesStage.standalone()
    files = _article_paths(paths, ptc_names=False)
    found = _file_spans(stage, files.values(), errors)
    for (source, path), spans in zip(files.items(), found, strict=True):
        if spans is None:
            continue
        try:
            article_id: str | None = article_id_from_path(path)
        except InputError:
            article_id = None
        yield {
            "source": source,
            "id": article_id,
            "techniques": [
                {
                    "start": s.start,
                    "end": s.end,
                    "technique": s.technique,
                    "score": s.score,
                    "source": s.source,
                    "explanation": s.explanation,
                    "text": s.text,
                }
                for s in spans
            ],
        }


def predict_ptc(
    paths: Iterable[Path | str],
    *,
    spans_template: Path | str | None = None,
    stage: TechniquesStage | None = None,
    errors: list[InputError] | None = None,
) -> Iterator[str]:
    """PTC-format lines ``article_id<TAB>technique<TAB>start<TAB>end`` for article files.

    Offsets index the raw file text (UTF-8, no normalisation). Without a template the
    stage finds and labels spans itself (FLC). With ``spans_template`` (TC setting) each
    template line ``article_id<TAB>?<TAB>start<TAB>end`` is written back with a technique;
    a span listed k times gets its k most likely techniques. Without a template, an
    unreadable file is handled as in :func:`technique_records` (``errors``).
    """
    from spinscope.evaluate.ptc import read_article, read_tc_template

    stage = stage or TechniquesStage.standalone()
    files = _article_paths(paths)
    if spans_template is None:
        found = _file_spans(stage, files.values(), errors)
        for article_id, article_spans in zip(files, found, strict=True):
            for span in article_spans or ():
                yield f"{article_id}\t{span.technique}\t{span.start}\t{span.end}"
        return
    template = read_tc_template(spans_template)
    by_article: dict[str, list[tuple[int, int]]] = {}
    for line in template:
        by_article.setdefault(line.article_id, []).append((line.start, line.end))
    labels: dict[tuple[str, int, int], list[str]] = {}
    for article_id, spans in by_article.items():
        if article_id not in files:
            raise InputError(
                str(spans_template), f"article {article_id} is not among the given paths"
            )
        text = read_article(files[article_id])
        unique = sorted(set(spans))
        probs = stage.model.classify(text, unique)
        for (s, e), p in zip(unique, probs, strict=True):
            labels[(article_id, s, e)] = [stage.model.labels[k] for k in np.argsort(-p)]
    used: dict[tuple[str, int, int], int] = {}
    for line in template:
        key = (line.article_id, line.start, line.end)
        rank = used.get(key, 0)
        used[key] = rank + 1
        yield f"{line.article_id}\t{labels[key][rank]}\t{line.start}\t{line.end}"
