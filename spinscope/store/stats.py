"""Corpus statistics: what a researcher compares across outlets and over time.

Each statistic is a plain list of row dicts (ready for a table, CSV, JSON or a
chart), computed by SQL over the indexed side tables:

- ``techniques``: technique spans per outlet and/or month, with the rate per 1,000 words
  of all the articles in that group;
- ``stance``: mean stance score toward one actor per month (and outlet);
- ``actor_pairs``: who does what to whom, the most frequent (actor, recipient) pairs per event type;
- ``scare_quotes``: the phrases most often put in scare quotes;
- ``articles``: how many articles and words per outlet and/or month (attention over time).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from spinscope.errors import StoreError

if TYPE_CHECKING:
    from spinscope.store.db import Corpus

__all__ = ["STATS", "compute_stats"]

_GROUPS = {"outlet": ("outlet",), "month": ("month",), "outlet_month": ("outlet", "month")}


def compute_stats(corpus: Corpus, name: str, **params: Any) -> list[dict[str, Any]]:
    """The statistic ``name`` with its parameters.

    Raises:
        StoreError: the statistic or a parameter is unknown or invalid.
    """
    function = STATS.get(name)
    if function is None:
        raise StoreError(f"unknown statistic {name!r}; choose one of {', '.join(STATS)}")
    try:
        return function(corpus, **params)
    except TypeError as e:
        raise StoreError(f"statistic {name!r}: {e}; see `spinscope corpus stats --help`") from e


def _group(by: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if by not in allowed:
        raise StoreError(f"by={by!r} is not one of {', '.join(allowed)}")
    return _GROUPS[by]


def technique_stats(
    corpus: Corpus, *, by: str = "outlet", outlet: str | None = None
) -> list[dict[str, Any]]:
    """Technique counts per group, and per 1,000 words of every article in the group."""
    keys = _group(by, ("outlet", "month", "outlet_month"))
    cols = ", ".join(keys)
    where, params = ("WHERE outlet = ?", [outlet]) if outlet is not None else ("", [])
    words = {
        tuple(row[:-1]): row[-1]
        for row in corpus._all(
            f"SELECT {cols}, SUM(words) FROM articles {where} GROUP BY {cols}", params
        )
    }
    rows = corpus._all(
        f"SELECT {cols}, technique, COUNT(*) FROM techniques {where} GROUP BY {cols}, technique",
        params,
    )
    out = []
    for row in rows:
        group = tuple(row[: len(keys)])
        technique, count = row[len(keys)], row[len(keys) + 1]
        total = words.get(group) or 0
        item: dict[str, Any] = dict(zip(keys, group, strict=True))
        item.update(
            technique=technique,
            count=count,
            per_1000_words=round(count * 1000 / total, 3) if total else None,
        )
        out.append(item)
    out.sort(key=lambda r: (*(str(r[k] or "") for k in keys), -r["count"], r["technique"]))
    return out


def stance_stats(
    corpus: Corpus, *, actor: str | None = None, by: str = "month"
) -> list[dict[str, Any]]:
    """Mean stance score toward ``actor`` per month (and outlet), with the articles behind it."""
    if not actor:
        raise StoreError("the stance statistic needs an actor id, e.g. actor='JPN' (--actor JPN)")
    keys = _group(by, ("month", "outlet_month"))
    cols = ", ".join(keys)
    rows = corpus._all(
        f"SELECT {cols}, AVG(score), COUNT(DISTINCT article) FROM stances WHERE actor = ? "
        f"GROUP BY {cols} ORDER BY {cols}",
        [actor],
    )
    out = []
    for row in rows:
        item: dict[str, Any] = dict(zip(keys, row[: len(keys)], strict=True))
        item.update(actor=actor, mean_score=round(row[-2], 4), articles=row[-1])
        out.append(item)
    return out


def actor_pair_stats(
    corpus: Corpus, *, event_type: str | None = None, limit: int = 20
) -> list[dict[str, Any]]:
    """The ``limit`` most frequent (actor, recipient) pairs of each event type."""
    where, params = ("AND type = ?", [event_type]) if event_type else ("", [])
    rows = corpus._all(
        "SELECT type, actor, recipient, n FROM ("
        " SELECT type, actor, recipient, COUNT(*) AS n,"
        "  ROW_NUMBER() OVER (PARTITION BY type ORDER BY COUNT(*) DESC, actor, recipient) AS rank"
        f" FROM events WHERE actor IS NOT NULL AND recipient IS NOT NULL {where}"
        " GROUP BY type, actor, recipient"
        ") WHERE rank <= ? ORDER BY type, n DESC, actor, recipient",
        [*params, int(limit)],
    )
    return [{"event_type": t, "actor": a, "recipient": r, "count": n} for t, a, r, n in rows]


def scare_quote_stats(corpus: Corpus, *, limit: int = 20) -> list[dict[str, Any]]:
    """The phrases most often put in scare quotes, with how many articles use each."""
    rows = corpus._all(
        "SELECT phrase, COUNT(*), COUNT(DISTINCT article) FROM quotes WHERE kind = 'scare' "
        "GROUP BY phrase ORDER BY 2 DESC, phrase LIMIT ?",
        [int(limit)],
    )
    return [{"phrase": p, "count": c, "articles": n} for p, c, n in rows]


def article_stats(
    corpus: Corpus, *, by: str = "month", outlet: str | None = None
) -> list[dict[str, Any]]:
    """Articles and words per outlet and/or month: attention over time."""
    keys = _group(by, ("outlet", "month", "outlet_month"))
    cols = ", ".join(keys)
    where, params = ("WHERE outlet = ?", [outlet]) if outlet is not None else ("", [])
    rows = corpus._all(
        f"SELECT {cols}, COUNT(*), SUM(words) FROM articles {where} GROUP BY {cols} ORDER BY {cols}",
        params,
    )
    out = []
    for row in rows:
        item: dict[str, Any] = dict(zip(keys, row[: len(keys)], strict=True))
        item.update(articles=row[-2], words=row[-1])
        out.append(item)
    return out


STATS: dict[str, Callable[..., list[dict[str, Any]]]] = {
    "techniques": technique_stats,
    "stance": stance_stats,
    "actor_pairs": actor_pair_stats,
    "scare_quotes": scare_quote_stats,
    "articles": article_stats,
}
