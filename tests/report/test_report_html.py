"""The HTML report: escaping, offsets, overlapping spans, legend, empty layers, the CLI."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from spinscope.article import Article, Meta, TechniqueSpan
from spinscope.cli import app
from spinscope.report.html import (
    content_security_policy,
    render_html,
    render_html_many,
    report_css,
    report_data,
)
from spinscope.report.samples import hostile_article, long_article, sample_article

ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "article",
    "header",
    "footer",
    "nav",
    "section",
    "h1",
    "h2",
    "h3",
    "dl",
    "dt",
    "dd",
    "p",
    "a",
    "code",
    "fieldset",
    "legend",
    "ul",
    "ol",
    "li",
    "label",
    "input",
    "span",
    "mark",
    "div",
    "b",
    "i",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "svg",
    "rect",
    "line",
    "time",
    "br",
}


class Elements(HTMLParser):
    """Every start tag with its attributes, and the body text outside tooltips and labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.body_text: list[str] = []
        self._stack: list[str] = []
        self._in_body = 0
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        classes = (attributes.get("class") or "").split()
        if tag in ("br", "input", "meta", "rect", "line"):
            return
        marker = ""
        if "ss-body" in classes:
            marker = "body"
        elif self._in_body and ({"ss-tip", "ss-lab"} & set(classes)):
            marker = "hidden"
        self._stack.append(marker)
        self._in_body += marker == "body"
        self._hidden += marker == "hidden"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "input", "meta", "rect", "line") or not self._stack:
            return
        marker = self._stack.pop()
        self._in_body -= marker == "body"
        self._hidden -= marker == "hidden"

    def handle_data(self, data: str) -> None:
        if self._in_body and not self._hidden:
            self.body_text.append(data)


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


def test_html_standalone_page_allows_only_its_own_stylesheet() -> None:
    page = render_html(sample_article())
    css = report_css()
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"<style>{css}</style>" in page
    assert f"style-src 'sha256-{digest}'" in page
    assert "default-src 'none'" in content_security_policy()
    tags = parse(page).tags
    assert not [t for t, _ in tags if t in ("script", "link", "img", "iframe", "object")]
    sources = [a.get("src") for _, a in tags if a.get("src")]
    assert sources == []
    assert not any("style" in attrs for _, attrs in tags)  # the CSP forbids style attributes


def test_html_body_text_is_the_article_text_exactly() -> None:
    article = sample_article()
    assert "".join(parse(render_html(article)).body_text) == article.text


def test_html_overlapping_spans_stay_visible() -> None:
    article = sample_article()
    page = render_html(article)
    fear = next(s for s in article.techniques if s.technique == "Appeal_to_fear-prejudice")
    loaded = next(s for s in article.techniques if s.technique == "Loaded_Language")
    assert fear.start <= loaded.start < loaded.end <= fear.end
    marks = [a for t, a in parse(page).tags if t == "mark"]
    inside = [m for m in marks if int(m["data-start"] or 0) == loaded.start]
    assert len(inside) == 1
    assert set((inside[0]["data-techniques"] or "").split("|")) == {
        "Loaded_Language",
        "Appeal_to_fear-prejudice",
    }
    # Two nested underlines, the outer one deeper, and both techniques in the tooltip.
    segment = page[page.index(f'data-start="{loaded.start}"') :]
    segment = segment[: segment.index("</mark>")]
    assert re.search(r'class="ss-u t\d+ d2"><span class="ss-u t\d+ d1">', segment)
    assert "Appeal to fear-prejudice" in segment and "Loaded Language" in segment


def test_html_segments_are_focusable_and_described() -> None:
    elements = parse(render_html(sample_article()))
    ids = {a.get("id") for _, a in elements.tags}
    marks = [a for t, a in elements.tags if t == "mark"]
    assert marks
    for mark in marks:
        assert mark["tabindex"] == "0"
        assert mark["aria-describedby"] in ids
    tips = [a for t, a in elements.tags if "ss-tip" in (a.get("class") or "")]
    assert all(t["role"] == "tooltip" for t in tips)


def test_html_legend_counts_and_filters_each_technique() -> None:
    article = sample_article()
    article.techniques.append(
        TechniqueSpan(0, 5, "Loaded_Language", 0.5, "rule", "", article.text[:5])
    )
    data = report_data(article)
    counts = {item["technique"]: item["count"] for item in data["legend"]}
    assert counts["Loaded_Language"] == 2
    assert sum(counts.values()) == len(article.techniques)
    boxes = [a for t, a in parse(render_html(article)).tags if t == "input"]
    assert sorted(b["data-technique"] or "" for b in boxes) == sorted(counts)
    assert all(b["type"] == "checkbox" and "checked" in b for b in boxes)
    colour = next(i["colour"] for i in data["legend"] if i["technique"] == "Loaded_Language")
    assert f".ss-report:has(.ss-filter.t{colour}:not(:checked)) .ss-u.t{colour}" in report_css()


def test_html_every_technique_has_a_non_colour_cue() -> None:
    data = report_data(sample_article())
    numbers = [item["number"] for item in data["legend"]]
    assert numbers == list(range(1, len(numbers) + 1))
    page = render_html(sample_article())
    for item in data["legend"]:
        assert f'aria-hidden="true">{item["number"]}</span>' in page


@pytest.mark.parametrize("standalone", [True, False])
def test_html_hostile_article_renders_as_plain_text(standalone: bool) -> None:
    article = hostile_article()
    page = render_html(article, standalone=standalone)
    elements = parse(page)
    for tag, attrs in elements.tags:
        assert tag in ALLOWED_TAGS, tag
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript"), attrs
        assert tag != "meta" or attrs.get("http-equiv") != "refresh"
    assert "".join(elements.body_text) == article.text
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    assert 'lang="en"' in page or not standalone


def test_html_empty_layers_say_none_found() -> None:
    article = Article.from_text("A plain text with nothing found in it.", title="Plain")
    article.stages = ["metadata", "techniques", "actors"]
    page = render_html(article)
    for what in ("persuasion techniques", "actors"):
        assert f"No {what} found." in page
    for what, stage in (("events", "event"), ("quotes", "quote")):
        assert (
            f"No {what}: no {stage} stage ran (stages run: metadata, techniques, actors)." in page
        )
    assert "<fieldset" not in page
    assert "".join(parse(page).body_text) == article.text


def test_html_spans_outside_the_text_are_left_out() -> None:
    article = Article.from_text("Short text.")
    article.techniques.extend(
        [
            TechniqueSpan(0, 5, "Doubt", 0.5, "rule"),
            TechniqueSpan(3, 400, "Doubt", 0.5, "rule"),
            TechniqueSpan(4, 4, "Doubt", 0.5, "rule"),
        ]
    )
    data = report_data(article)
    assert data["dropped_spans"] == 2
    assert len(data["spans"]) == 1
    assert "2 spans outside the text were left out" in render_html(article)


def test_html_actors_timeline_and_quotes() -> None:
    article = sample_article()
    data = report_data(article)
    assert [a["id"] for a in data["actors"]][0] == "JPN"  # most negative first
    page = render_html(article)
    assert 'aria-label="stance -0.72, negative"' in page
    dated = [e["date"] for e in data["events"]]
    assert dated[: dated.index(None)] == sorted(d for d in dated if d)
    assert dated[-1] is None and "undated" in page
    assert '<time datetime="2023-07-04">' in page
    assert "<td>Wang Lin</td><td>direct</td>" in page


def test_html_many_has_contents_and_unique_ids() -> None:
    page = render_html_many([sample_article(), long_article(300), Article.from_text("Third.")])
    ids = [a["id"] for _, a in parse(page).tags if a.get("id")]
    assert len(ids) == len(set(ids))
    assert page.count('<article class="ss-report"') == 3
    assert page.count("<!DOCTYPE html>") == 1
    assert '<a href="#ss2">' in page


def test_article_repr_html_is_an_embeddable_fragment() -> None:
    fragment = sample_article()._repr_html_()
    assert not fragment.startswith("<!DOCTYPE")
    assert fragment.startswith('<div class="ss-doc"><style>')
    assert "ss-seg" in fragment


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab <>&\"'\n\u00e9\u4e2d"), min_size=1, max_size=60),
    raw_spans=st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 60), st.integers(0, 3)), max_size=8
    ),
)
def test_html_property_body_text_survives_any_spans(text: str, raw_spans: list) -> None:
    labels = ["Doubt", "Slogans", "Loaded_Language", "Custom label <x>"]
    spans = [TechniqueSpan(min(a, b), max(a, b), labels[k], 0.5, "rule") for a, b, k in raw_spans]
    article = Article(text=text, meta=Meta(), techniques=spans)
    page = render_html(article)
    assert "".join(parse(page).body_text) == text
    kept = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    marks = [a for t, a in parse(page).tags if t == "mark"]
    covered = sum(int(m["data-end"] or 0) - int(m["data-start"] or 0) for m in marks)
    union = {i for s in kept for i in range(s.start, s.end)}
    assert covered == len(union)


def test_cli_analyze_writes_an_html_report(tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text(
        "A short headline\n\nThe first paragraph says something <b>bold</b>.\n\n"
        "The second paragraph says more.\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["analyze", str(source), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
