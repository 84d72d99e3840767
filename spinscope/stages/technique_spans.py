"""The numeric core shared by technique training and inference (numpy only).

An article is tokenised once (WordPiece with character offsets), cut into overlapping
windows of at most ``max_length`` tokens, and each token takes its vector from the
window in which it sits most centrally. Spans are decoded from per-token BIO
probabilities, widened to whole words and trimmed like PTC v2 (no leading or trailing
space, newline, ``.``, ``,``, ``:``, ``;``). A found span is labelled by a small MLP over
pooled token vectors, the window's [CLS] vector and a few surface features.

Keeping this module free of torch means that training and the ONNX stage compute
exactly the same windows, pools and features.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

__all__ = [
    "N_SPAN_FEATURES",
    "TRIM_CHARS",
    "ArticleWindows",
    "decode_spans",
    "gelu",
    "make_windows",
    "normalized_words",
    "occurrences",
    "span_features",
    "span_head_forward",
    "span_representation",
    "token_range",
    "pair_batch",
    "pair_representation",
    "sentence_bounds",
    "trim_span",
]

TRIM_CHARS = " \n.,:;"
"""Characters PTC v2 annotations never start or end with."""

N_SPAN_FEATURES = 8


@dataclass(slots=True)
class ArticleWindows:
    """An article's tokens and the windows that cover them."""

    ids: np.ndarray
    """int64 [n_tokens] WordPiece ids without special tokens."""
    offsets: np.ndarray
    """int64 [n_tokens, 2] character offsets of each token into the article text."""
    windows: list[tuple[int, int]]
    """Token index ranges [start, end) of each window's content."""
    owner: np.ndarray
    """int64 [n_tokens]: the window each token takes its vector from."""
    position: np.ndarray
    """int64 [n_tokens]: the token's position inside its owner window (after [CLS])."""

    def batch(self, cls_id: int, sep_id: int, pad_id: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """Padded ``input_ids`` and ``attention_mask`` for every window, [n_windows, length]."""
        length = max((e - s for s, e in self.windows), default=0) + 2
        n = max(len(self.windows), 1)
        input_ids = np.full((n, length), pad_id, dtype=np.int64)
        mask = np.zeros((n, length), dtype=np.int64)
        if not self.windows:
            input_ids[0, :2] = (cls_id, sep_id)
            mask[0, :2] = 1
        for w, (s, e) in enumerate(self.windows):
            input_ids[w, 0] = cls_id
            input_ids[w, 1 : 1 + e - s] = self.ids[s:e]
            input_ids[w, 1 + e - s] = sep_id
            mask[w, : e - s + 2] = 1
        return input_ids, mask


def make_windows(
    ids: np.ndarray, offsets: np.ndarray, max_length: int = 256, stride: int = 192
) -> ArticleWindows:
    """Cut ``ids`` into windows of at most ``max_length - 2`` content tokens.

    Consecutive windows start ``stride`` tokens apart; every token is owned by the
    window where its distance to the nearer window edge is largest.
    """
    content = max_length - 2
    if stride <= 0 or stride > content:
        raise ValueError(f"stride must be in 1..{content}, got {stride}")
    n = len(ids)
    windows: list[tuple[int, int]] = []
    start = 0
    while True:
        end = min(start + content, n)
        windows.append((start, end))
        if end >= n:
            break
        start += stride
    if n == 0:
        windows = []
    owner = np.zeros(n, dtype=np.int64)
    best = np.full(n, -1, dtype=np.int64)
    index = np.arange(n)
    for w, (s, e) in enumerate(windows):
        inside = index[s:e]
        margin = np.minimum(inside - s, e - 1 - inside)
        better = margin > best[s:e]
        owner[s:e][better] = w
        best[s:e][better] = margin[better]
    starts = np.array([s for s, _ in windows], dtype=np.int64) if windows else np.zeros(0, np.int64)
    position = index - starts[owner] + 1 if n else np.zeros(0, dtype=np.int64)
    return ArticleWindows(
        np.asarray(ids, dtype=np.int64),
        np.asarray(offsets, dtype=np.int64).reshape(-1, 2),
        windows,
        owner,
        position.astype(np.int64),
    )


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with a PTC trim character."""
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    return start, end


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and end > 0 and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    # a span never starts with the "s" of a possessive ("Japan's smearing" -> "smearing")
    if (
        start > 0
        and text[start - 1] in "'’"
        and text[start : start + 2].lower() in {"s ", "s\n"}
        and end > start + 2
    ):
        start += 2
    return start, end


def decode_spans(
    text: str,
    offsets: np.ndarray,
    probs: np.ndarray,
    threshold: float,
    min_chars: int = 2,
    low: float | None = None,
) -> list[tuple[int, int, float]]:
    """Character spans from per-token BIO probabilities ``probs`` [n_tokens, 3] (O, B, I).

    Hysteresis decoding: a token whose inside-probability ``P(B) + P(I)`` reaches
    ``threshold`` seeds a span, which grows over neighbours whose inside-probability is at
    least ``low`` (default: ``threshold``). Growth stops at a token more likely B than I:
    to the right when that token itself reaches ``threshold`` (it starts the next span),
    to the left always. The score is the mean inside-probability of the span's tokens.
    """
    low = threshold if low is None else low
    inside = probs[:, 1] + probs[:, 2]
    begins = probs[:, 1] > probs[:, 2]
    n = len(inside)
    spans: list[tuple[int, int, float]] = []
    i = 0
    while i < n:
        if inside[i] < threshold:
            i += 1
            continue
        first = i
        while first > 0 and inside[first - 1] >= low and not begins[first]:
            first -= 1
        last = i
        while (
            last + 1 < n
            and inside[last + 1] >= low
            and not (begins[last + 1] and inside[last + 1] >= threshold)
        ):
            last += 1
        start, end = _widen_to_words(text, int(offsets[first, 0]), int(offsets[last, 1]))
        start, end = trim_span(text, start, end)
        if end - start >= min_chars:
            spans.append((start, end, float(np.mean(inside[first : last + 1]))))
        i = last + 1
    merged: list[tuple[int, int, float]] = []
    for start, end, score in sorted(spans):
        if merged and start < merged[-1][1]:
            ps, pe, pp = merged[-1]
            merged[-1] = (ps, max(pe, end), max(pp, score))
        else:
            merged.append((start, end, score))
    return merged


def token_range(offsets: np.ndarray, start: int, end: int) -> tuple[int, int]:
    """Indices [first, last + 1) of the tokens that overlap the character span."""
    if len(offsets) == 0:
        return 0, 0
    overlap = (offsets[:, 0] < end) & (offsets[:, 1] > start)
    hits = np.nonzero(overlap)[0]
    if len(hits) == 0:
        nearest = int(np.searchsorted(offsets[:, 0], start, side="right")) - 1
        nearest = min(max(nearest, 0), len(offsets) - 1)
        return nearest, nearest + 1
    return int(hits[0]), int(hits[-1]) + 1


_QUOTES = "\"'“”‘’«»"


def span_features(text: str, start: int, end: int, n_tokens: int) -> np.ndarray:
    """Surface features of a span: length, repetition in the article, quotes, title, caps."""
    fragment = text[start:end]
    lowered = fragment.lower().strip()
    repeats = 0
    if len(lowered) >= 3:
        repeats = max(text.lower().count(lowered) - 1, 0)
    title_end = text.find("\n")
    in_title = 1.0 if title_end < 0 or start < title_end else 0.0
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    quoted = 1.0 if (before and before in _QUOTES) or (after and after in _QUOTES) else 0.0
    letters = [c for c in fragment if c.isalpha()]
    caps = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    exclaim = 1.0 if "!" in fragment or after == "!" else 0.0
    return np.array(
        [
            math.log1p(n_tokens) / 4.0,
            math.log1p(len(fragment)) / 6.0,
            min(repeats, 5) / 5.0,
            1.0 if repeats else 0.0,
            in_title,
            quoted,
            caps,
            exclaim,
        ],
        dtype=np.float32,
    )


_NON_WORD = re.compile(r"\W+")


def normalized_words(text: str) -> str:
    """``text`` lower-cased, every run of non-word characters one space: the form
    :func:`occurrences` counts in."""
    return " " + _NON_WORD.sub(" ", text.lower()).strip() + " "


def occurrences(normalized_text: str, fragment: str) -> int:
    """How often the words of ``fragment`` occur, as whole words, in a text given by
    :func:`normalized_words` ("U.S. navy" counts "the u s navy"; "war" does not count
    "warning"). 0 for a fragment with no word."""
    words = _NON_WORD.sub(" ", fragment.lower()).strip()
    if not words:
        return 0
    needle, count, at = f" {words} ", 0, normalized_text.find(f" {words} ")
    while at >= 0:  # matches may share their bounding space: " war war "
        count += 1
        at = normalized_text.find(needle, at + len(needle) - 1)
    return count


def span_representation(
    hidden: np.ndarray, cls: np.ndarray, first: int, last: int, features: np.ndarray
) -> np.ndarray:
    """[mean of span tokens, first token, last token, [CLS] of the first token's window, features]."""
    tokens = hidden[first:last]
    return np.concatenate([tokens.mean(axis=0), tokens[0], tokens[-1], cls, features]).astype(
        np.float32
    )


def gelu(x: np.ndarray) -> np.ndarray:
    """The exact (erf) GELU, as ``torch.nn.GELU()`` computes it."""
    erf = np.asarray(
        np.frompyfunc(math.erf, 1, 1)(x.astype(np.float64) / math.sqrt(2.0)), dtype=np.float32
    )
    return (0.5 * x * (1.0 + erf)).astype(np.float32)


def span_head_forward(weights: dict[str, np.ndarray], reps: np.ndarray) -> np.ndarray:
    """Technique probabilities [n_spans, n_techniques] from span representations."""
    h = reps @ weights["w1"].T + weights["b1"]
    h = gelu(h)
    logits = h @ weights["w2"].T + weights["b2"]
    logits = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (PTC: one sentence per line) or lines around ``[start, end)``."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right < 0 else right


def pair_batch(
    tokenizer: object,
    text: str,
    spans: list[tuple[int, int]],
    max_length: int = 128,
    max_span_tokens: int = 48,
    cls_id: int = 101,
    sep_id: int = 102,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``[CLS] span [SEP] sentence [SEP]`` inputs for technique classification.

    Returns input_ids, attention_mask, token_type_ids [n, length] and the number of span
    tokens of each row (they sit at positions 1..n_span). The sentence is cropped to a
    window around the span when the pair would exceed ``max_length``.
    """
    rows: list[tuple[list[int], list[int]]] = []
    fragments = [text[s:e] for s, e in spans]
    contexts = []
    for s, e in spans:
        left, right = sentence_bounds(text, s, e)
        contexts.append((left, text[left:right], s - left))
    span_enc = tokenizer.encode_batch(fragments, add_special_tokens=False)  # type: ignore[attr-defined]
    ctx_enc = tokenizer.encode_batch([c[1] for c in contexts], add_special_tokens=False)  # type: ignore[attr-defined]
    for enc_span, enc_ctx, (_, _, rel_start) in zip(span_enc, ctx_enc, contexts, strict=True):
        span_ids = list(enc_span.ids[:max_span_tokens]) or [100]
        ctx_ids = list(enc_ctx.ids)
        room = max_length - 3 - len(span_ids)
        if len(ctx_ids) > room:
            starts = [o[0] for o in enc_ctx.offsets]
            anchor = int(np.searchsorted(np.array(starts), rel_start))
            lo = max(0, min(anchor - room // 3, len(ctx_ids) - room))
            ctx_ids = ctx_ids[lo : lo + room]
        rows.append((span_ids, ctx_ids))
    length = max((len(a) + len(b) + 3 for a, b in rows), default=3)
    n = len(rows)
    ids = np.zeros((n, length), dtype=np.int64)
    mask = np.zeros((n, length), dtype=np.int64)
    types = np.zeros((n, length), dtype=np.int64)
    n_span = np.zeros(n, dtype=np.int64)
    for i, (a, b) in enumerate(rows):
        seq = [cls_id, *a, sep_id, *b, sep_id]
        ids[i, : len(seq)] = seq
        mask[i, : len(seq)] = 1
        types[i, len(a) + 2 : len(seq)] = 1
        n_span[i] = len(a)
    return ids, mask, types, n_span


def pair_representation(hidden: np.ndarray, n_span: np.ndarray, features: np.ndarray) -> np.ndarray:
    """[CLS, mean of the span tokens, features] per row of a pair batch's encoder output."""
    reps = []
    for i in range(len(n_span)):
        reps.append(
            np.concatenate([hidden[i, 0], hidden[i, 1 : 1 + n_span[i]].mean(axis=0), features[i]])
        )
    return (
        np.stack(reps).astype(np.float32)
        if reps
        else np.zeros((0, hidden.shape[-1] * 2 + N_SPAN_FEATURES), np.float32)
    )
