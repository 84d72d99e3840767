"""The web app's HTML pages: the analyse form, the report, corpus search, the dashboard, API docs.

Pages are plain server-rendered HTML with no script. Every value that comes from
an article, a query or a corpus is escaped here.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote, urlencode

from spinscope.article import Article
from spinscope.report.html import TECHNIQUES, render_article_fragment, technique_name
from spinscope.web.charts import line_chart

__all__ = [
    "analyze_page",
    "article_page",
    "dashboard_page",
    "docs_page",
    "error_page",
    "page",
    "report_page",
    "search_page",
]

STANCES = ("negative", "neutral", "positive")


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def page(title: str, body: str, *, has_corpus: bool) -> str:
    """A whole page of the app, with its navigation and the two stylesheets (served by the app)."""
    corpus_links = (
        '<li><a href="/articles">Search the corpus</a></li><li><a href="/dashboard">Dashboard</a></li>'
        if has_corpus
        else ""
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="same-origin">'
        f"<title>{_e(title)} — spinscope</title>"
        '<link rel="stylesheet" href="/static/report.css"><link rel="stylesheet" href="/static/app.css">'
        '</head><body><nav class="ss-nav" aria-label="spinscope"><ul>'
        '<li><a href="/"><b>spinscope</b></a></li><li><a href="/">Analyse</a></li>'
        f'{corpus_links}<li><a href="/docs">API</a></li></ul></nav>'
        f'<main class="ss-main">{body}</main></body></html>\n'
    )


def _field(label: str, name: str, value: Any = "", kind: str = "text", **extra: str) -> str:
    attrs = "".join(f' {k.replace("_", "-")}="{_e(v)}"' for k, v in extra.items())
    return (
        f'<label class="ss-field"><span>{_e(label)}</span>'
        f'<input type="{kind}" name="{name}" value="{_e(value)}"{attrs}></label>'
    )


def _select(label: str, name: str, options: Iterable[tuple[str, str]], selected: str | None) -> str:
    items = '<option value="">any</option>' + "".join(
        f'<option value="{_e(v)}"{" selected" if v == selected else ""}>{_e(t)}</option>'
        for v, t in options
    )
    return f'<label class="ss-field"><span>{_e(label)}</span><select name="{name}">{items}</select></label>'


def analyze_page(
    *, has_corpus: bool, needs_token: bool, max_bytes: int, error: str | None = None, text: str = ""
) -> str:
    """The form to paste text or upload a file."""
    problem = f'<p class="ss-error" role="alert">{_e(error)}</p>' if error else ""
    store = (
        '<label class="ss-check"><input type="checkbox" name="store" value="true"> '
        "Add the analysed article to the corpus</label>"
        if has_corpus
        else ""
    )
    token = (
        _field(
            "Access token (this server requires one to analyse)",
            "token",
            "",
            "password",
            autocomplete="current-password",
            required="required",
        )
        if needs_token
        else ""
    )
    body = (
        "<h1>Analyse an article</h1>"
        "<p>Paste the text of an article (a title line first, then the body) or upload a file "
        f"(.txt, .html, .json, .jsonl, .csv; up to {max_bytes:,} bytes). Nothing leaves this machine.</p>"
        f"{problem}"
        '<form class="ss-form" method="post" action="/analyze" enctype="multipart/form-data">'
        '<label class="ss-field ss-wide" for="text"><span>Article text</span></label>'
        f'<textarea id="text" name="text" rows="14">{_e(text)}</textarea>'
        '<label class="ss-field"><span>…or a file</span><input type="file" name="file"></label>'
        '<fieldset class="ss-row"><legend>Metadata (optional)</legend>'
        + _field("Title", "title")
        + _field("Outlet", "outlet")
        + _field("Published", "published", placeholder="2023-07-06")
        + "</fieldset>"
        + store
        + token
        + '<p><button type="submit">Analyse</button></p></form>'
    )
    return page("Analyse", body, has_corpus=has_corpus)


def report_page(article: Article, *, has_corpus: bool, stored: bool | None = None) -> str:
    """The highlighted report of one article inside the app's page."""
    note = ""
    if stored is not None:
        note = (
            f'<p class="ss-note" role="status">Stored in the corpus: <a href="/articles/{quote(article.id)}">'
            f"{_e(article.id)}</a>.</p>"
            if stored
            else '<p class="ss-note" role="status">Already in the corpus.</p>'
        )
    links = (
        f'<p class="ss-note"><a href="/api/articles/{quote(article.id)}">JSON</a></p>'
        if has_corpus and stored is None
        else ""
    )
    return page(
        article.meta.title or "Report",
        note + links + render_article_fragment(article, id_prefix="ss-r"),
        has_corpus=has_corpus,
    )


article_page = report_page


def error_page(title: str, message: str, *, has_corpus: bool) -> str:
    """A page that says what went wrong and what to do."""
    return page(
        title,
        f'<h1>{_e(title)}</h1><p class="ss-error" role="alert">{_e(message)}</p>',
        has_corpus=has_corpus,
    )


_SNIPPET_MARK = re.compile(r"«([^«»]*)»")


def snippet_html(snippet: str) -> str:
    """An FTS snippet with its ``«match»`` markers as ``<mark>``, everything else escaped."""
    return _SNIPPET_MARK.sub(lambda m: f"<mark>{m.group(1)}</mark>", _e(snippet))


def search_page(
    filters: Mapping[str, Any],
    results: Sequence[Any],
    *,
    limit: int,
    offset: int,
    error: str | None = None,
) -> str:
    """The search form with its filters, and one page of hits."""
    form = (
        '<form class="ss-form ss-search" method="get" action="/articles" role="search">'
        + _field(
            "Words", "q", filters.get("q") or "", "search", placeholder='NATO "cold war" OR bloc*'
        )
        + _field("Outlet", "outlet", filters.get("outlet") or "")
        + _field("Since", "since", filters.get("since") or "", placeholder="2023-01")
        + _field("Until", "until", filters.get("until") or "", placeholder="2023-12-31")
        + _select(
            "Technique",
            "technique",
            [(t, technique_name(t)) for t in TECHNIQUES],
            filters.get("technique"),
        )
        + _field("Actor id", "actor", filters.get("actor") or "", placeholder="JPN")
        + _select("Stance toward actor", "stance", [(s, s) for s in STANCES], filters.get("stance"))
        + _field(
            "Event type", "event_type", filters.get("event_type") or "", placeholder="THREATEN"
        )
        + '<p><button type="submit">Search</button></p></form>'
    )
    problem = f'<p class="ss-error" role="alert">{_e(error)}</p>' if error else ""
    if results:
        items = "".join(
            f'<li><a href="/articles/{quote(r.id)}"><b>{_e(r.title or "(untitled)")}</b></a> '
            f'<span class="ss-count">{_e(r.outlet or "unknown outlet")} · {_e(r.published or "undated")} · '
            f"{r.words:,} words · {r.techniques} technique spans</span>"
            f'<p class="ss-snippet">{snippet_html(r.snippet)}</p></li>'
            for r in results
        )
        listing = f'<ol class="ss-results" start="{offset + 1}">{items}</ol>'
    else:
        listing = '<p class="ss-none">No articles match.</p>' if not error else ""
    kept = {k: v for k, v in filters.items() if v not in (None, "")}
    pager = []
    if offset > 0:
        pager.append(
            f'<a href="/articles?{_e(urlencode({**kept, "offset": max(0, offset - limit)}))}">« Previous</a>'
        )
    if len(results) == limit:
        pager.append(
            f'<a href="/articles?{_e(urlencode({**kept, "offset": offset + limit}))}">Next »</a>'
        )
    nav = f'<p class="ss-pager">{" ".join(pager)}</p>' if pager else ""
    return page(
        "Search", f"<h1>Search the corpus</h1>{form}{problem}{listing}{nav}", has_corpus=True
    )


def dashboard_page(
    technique_rows: Sequence[Mapping[str, Any]],
    stance_rows: Sequence[Mapping[str, Any]],
    *,
    technique: str | None,
    actor: str | None,
    outlets: Sequence[str],
    total: int,
) -> str:
    """Charts of technique frequency over time per outlet, and of stance toward one actor."""
    per_outlet: dict[str, dict[str, float]] = defaultdict(dict)
    for row in technique_rows:
        if technique and row["technique"] != technique:
            continue
        if not row.get("month") or row.get("per_1000_words") is None:
            continue
        outlet = row.get("outlet") or "unknown outlet"
        per_outlet[outlet][row["month"]] = (
            per_outlet[outlet].get(row["month"], 0.0) + row["per_1000_words"]
        )
    what = technique_name(technique) if technique else "All techniques"
    chart1 = line_chart(
        per_outlet,
        title=f"{what}: spans per 1,000 words, by month and outlet",
        y_label="per 1,000 words",
    )
    stance_series: dict[str, dict[str, float]] = defaultdict(dict)
    for row in stance_rows:
        if row.get("month"):
            stance_series[row.get("outlet") or "all outlets"][row["month"]] = row["mean_score"]
    chart2 = (
        line_chart(
            stance_series,
            title=f"Mean stance toward {actor} by month and outlet (-1 hostile, +1 favourable)",
            y_label="mean stance",
            y_range=(-1.0, 1.0),
        )
        if actor
        else '<p class="ss-none">Give an actor id (e.g. JPN, NATO, USA) to chart the stance toward it.</p>'
    )
    form = (
        '<form class="ss-form ss-search" method="get" action="/dashboard">'
        + _select("Technique", "technique", [(t, technique_name(t)) for t in TECHNIQUES], technique)
        + _field("Actor id", "actor", actor or "", placeholder="JPN")
        + '<p><button type="submit">Show</button></p></form>'
    )
    outlet_list = ", ".join(_e(o) for o in outlets) or "none"
    body = (
        f"<h1>Corpus dashboard</h1><p>{total:,} articles; outlets: {outlet_list}.</p>{form}"
        f"<h2>Technique frequency over time</h2>{chart1}<h2>Stance over time</h2>{chart2}"
    )
    return page("Dashboard", body, has_corpus=True)


def docs_page(schema: Mapping[str, Any], *, has_corpus: bool) -> str:
    """The API reference, from the OpenAPI document, with no script and no CDN."""
    sections = []
    for path, operations in schema.get("paths", {}).items():
        for method, op in operations.items():
            params = "".join(
                f"<li><code>{_e(p['name'])}</code> ({_e(p.get('in'))}"
                f"{', required' if p.get('required') else ''}): {_e(p.get('description', ''))}</li>"
                for p in op.get("parameters", [])
            )
            body = op.get("requestBody", {}).get("content", {})
            kinds = ", ".join(_e(k) for k in body)
            responses = ", ".join(
                f"{_e(code)} {_e(r.get('description', ''))}"
                for code, r in op.get("responses", {}).items()
            )
            sections.append(
                f'<section class="ss-endpoint"><h2><code>{_e(method.upper())} {_e(path)}</code></h2>'
                f"<p>{_e(op.get('summary', ''))}</p><p>{_e(op.get('description', ''))}</p>"
                + (f"<h3>Parameters</h3><ul>{params}</ul>" if params else "")
                + (f"<h3>Request body</h3><p>{kinds}</p>" if kinds else "")
                + f"<h3>Responses</h3><p>{responses}</p></section>"
            )
    body = (
        f"<h1>{_e(schema.get('info', {}).get('title', 'API'))}</h1>"
        '<p>The machine-readable description is at <a href="/openapi.json">/openapi.json</a> '
        "(OpenAPI 3). Endpoints that analyse or write need <code>Authorization: Bearer TOKEN</code> "
        "when the server was started with a token.</p>" + "".join(sections)
    )
    return page("API", body, has_corpus=has_corpus)
