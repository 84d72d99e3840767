from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import InputError
from spinscope.ingest.html import parse_html


def test_html_metadata_from_json_ld_and_meta_tags(fixtures: Path) -> None:
    layout = parse_html((fixtures / "page.html").read_text("utf-8"), "page.html")
    meta = layout.meta
    assert meta.title == "Regional leaders meet on water sharing"
    assert meta.outlet == "Lowland Herald"
    assert meta.authors == ["Karin Vos", "Ali Demir"]
    assert meta.published == "2024-05-02T14:30:00+02:00"
    assert meta.language == "en"
    assert layout.paragraphs[0].startswith("Leaders of the three river states")
    assert len(layout.paragraphs) == 3
    assert not any("Copyright" in p or "By Karin" in p or "Home" in p for p in layout.paragraphs)


def test_html_without_article_body_is_an_input_error(fixtures: Path) -> None:
    with pytest.raises(InputError, match=r"no-body\.html: no article body"):
        parse_html((fixtures / "no-body.html").read_text("utf-8"), "no-body.html")
