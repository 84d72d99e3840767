"""Headline numbers of the layer gold's dev part, batch by batch.

Usage::

    python -m benchmarks.layers_batches

The dev part was written in batches (see ``docs/evaluation-layers.md``); each later batch was
scored before any rule was written against it, so its numbers show how the rules carry to
new text. Only the dev part is read: the held-out part is scored as a whole by
``python -m benchmarks.layers``.
"""

from __future__ import annotations

from benchmarks.layers import GOLD, build_pipeline
from spinscope.evaluate.layers import evaluate_layers, read_gold

BATCHES = (
    (1, 27),
    (28, 47),
    (48, 67),
    (68, 83),
    (84, 103),
    (104, 123),
    (124, 143),
    (144, 153),
    (154, 163),
    (164, 173),
    (174, 183),
)
"""The dev batches by article number, in the order they were written."""


def _number(name: str) -> int:
    return int(name.split("-")[1])


def main() -> int:
    pipeline, _ = build_pipeline()
    gold = read_gold(GOLD, "dev")
    parts = [
        (f"dev-{low:02d}..{high:02d}", [g for g in gold if low <= _number(g.name) <= high])
        for low, high in BATCHES
    ]
    last = BATCHES[-1][1]
    later = [g for g in gold if _number(g.name) > last]
    if later:
        parts.append((f"dev-{last + 1:02d}..", later))
    parts.append(("dev-all", gold))
    for label, part in parts:
        total, _ = evaluate_layers(part, pipeline)
        scores = "  ".join(f"{k}={v:.3f}" for k, v in total.headline().items())
        print(f"{label:<11} n={len(part):>2} {scores}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
