"""The outlets spinscope knows by name (``spinscope/data/outlets.tsv``).

Knowing an outlet lets the ingester tell an outlet line from a person's name in
a page header, and gives a timestamp printed without a zone the outlet's UTC
offset. Users add outlets with their own TSV file of the same columns
(``[ingest] outlets_file``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["Outlet", "find_outlet", "load_outlets"]


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    utc_offset: str | None
    state_affiliated: bool


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9.]+", " ", name.lower()).strip()


def _parse(text: str) -> list[Outlet]:
    outlets = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = (line.split("\t") + [""] * 5)[:5]
        name, aliases, country, offset, state = (c.strip() for c in cells)
        outlets.append(
            Outlet(
                name=name,
                aliases=tuple(a.strip() for a in aliases.split(";") if a.strip()),
                country=country or None,
                utc_offset=offset or None,
                state_affiliated=state.lower() == "yes",
            )
        )
    return outlets


@cache
def load_outlets(extra_file: str | None = None) -> dict[str, Outlet]:
    """Every known outlet by the normalised form of its name and of each alias."""
    text = resources.files("spinscope").joinpath("data/outlets.tsv").read_text("utf-8")
    outlets = _parse(text)
    if extra_file:
        outlets += _parse(Path(extra_file).read_text("utf-8"))
    table: dict[str, Outlet] = {}
    for outlet in outlets:
        for name in (outlet.name, *outlet.aliases):
            table[_key(name)] = outlet
    return table


def find_outlet(name: str | None) -> Outlet | None:
    """The known outlet with this name or alias ("The Guardian" and "Guardian" alike)."""
    if not name:
        return None
    table = load_outlets()
    key = _key(name)
    return table.get(key) or table.get(re.sub(r"^the ", "", key))
