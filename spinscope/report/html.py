"""The HTML report: an analysed article as one self-contained page.

Rendering goes in two steps, the way displaCy does it: ``report_data(article)``
turns the article into plain dicts with character offsets (the body cut into
segments at every technique-span boundary), and the renderers turn those dicts
into HTML. Every piece of article text is escaped: an article is untrusted input.

The page needs no script at all. Tooltips show on hover and on keyboard focus
(CSS ``:hover``/``:focus``), and the legend's checkboxes filter techniques with
CSS ``:has()``. The standalone page carries a Content-Security-Policy that allows
only its own inline stylesheet (by hash) and no script, so nothing in it can
fetch or run anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

from spinscope.article import Article
from spinscope.report.text import meta_rows

__all__ = [
    "TECHNIQUES",
    "content_security_policy",
    "render_article_fragment",
    "render_html",
    "render_html_many",
    "report_css",
    "report_data",
]

TECHNIQUES: tuple[str, ...] = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Exaggeration,Minimisation",
    "Doubt",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Slogans",
    "Appeal_to_Authority",
    "Black-and-White_Fallacy",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
    "Bandwagon,Reductio_ad_hitlerum",
)
"""The 14 SemEval-2020 Task 11 labels, in the order their colours are assigned."""

# Dark enough for white label text (contrast >= 4.5:1) and distinct from each other.
_PALETTE: tuple[str, ...] = (
    "#c0392b",
    "#1f5fa8",
    "#7d3c98",
    "#b35900",
    "#2e7d32",
    "#ad1457",
    "#00695c",
    "#5d4037",
    "#4527a0",
    "#827717",
    "#37474f",
    "#6a1b9a",
    "#0d47a1",
    "#8d6e00",
    "#b71c1c",
    "#1b5e20",
    "#4a148c",
    "#004d40",
    "#3e2723",
    "#263238",
)
# A pattern per technique as well, so that colour is never the only cue.
_STYLES: tuple[str, ...] = ("solid", "dashed", "dotted", "double")
_MAX_DEPTH = 6
_ids = itertools.count(1)


def _colour_index(technique: str) -> int:
    if technique in TECHNIQUES:
        return TECHNIQUES.index(technique)
    digest = hashlib.sha256(technique.encode("utf-8")).digest()
    return len(TECHNIQUES) + digest[0] % (len(_PALETTE) - len(TECHNIQUES))


def technique_name(technique: str) -> str:
    """A readable name for a label: ``Name_Calling,Labeling`` -> ``Name calling, labeling``."""
    return technique.replace("_", " ").replace(",", ", ")


@cache
def report_css() -> str:
    """The report's stylesheet: the shipped rules plus per-technique colours, patterns and filters."""
    base = resources.files("spinscope.report").joinpath("report.css").read_text(encoding="utf-8")
    rules = []
    for i, colour in enumerate(_PALETTE):
        style = _STYLES[i % len(_STYLES)]
        rules.append(
            f".ss-u.t{i}{{border-bottom-color:{colour};border-bottom-style:{style};"
            f"background:{colour}1f}}"
            f".ss-lab.t{i},.ss-swatch.t{i}{{background:{colour}}}"
            f".ss-report:has(.ss-filter.t{i}:not(:checked)) .ss-u.t{i}"
            f"{{border-bottom-color:transparent;background:none}}"
            f".ss-report:has(.ss-filter.t{i}:not(:checked)) :is(.ss-lab,.ss-ti,.ss-spans tr).t{i}"
            f"{{display:none}}"
        )
    for depth in range(1, _MAX_DEPTH + 1):
        rules.append(f".ss-u.d{depth}{{padding-bottom:{1 + 4 * (depth - 1)}px}}")
    return base + "\n/* generated */\n" + "\n".join(rules) + "\n"


def _hash(source: str) -> str:
    return (
        "'sha256-"
        + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()
        + "'"
    )


def content_security_policy(css: str | None = None) -> str:
    """The policy of a standalone report: its own inline stylesheet by hash, nothing else."""
    return (
        "default-src 'none'; "
        f"style-src {_hash(css if css is not None else report_css())}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


# ---------------------------------------------------------------------------- data


def _segments(text: str, spans: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut the text at every span boundary; each segment lists the spans covering it."""
    bounds = {0, len(text)}
    for span in spans:
        bounds.update((span["start"], span["end"]))
    cuts = sorted(bounds)
    segments = []
    for start, end in itertools.pairwise(cuts):
        covering = [s["n"] for s in spans if s["start"] <= start and end <= s["end"]]
        starting = [s["n"] for s in spans if s["start"] == start]
        segments.append({"start": start, "end": end, "spans": covering, "starts": starting})
    return segments


def report_data(article: Article) -> dict[str, Any]:
    """The article as plain dicts with character offsets: what the HTML is rendered from.

    Technique spans outside the text or empty are dropped (and counted in
    ``"dropped_spans"``) rather than breaking the page.
    """
    text = article.text
    valid = [s for s in article.techniques if 0 <= s.start < s.end <= len(text)]
    present = sorted({s.technique for s in valid}, key=lambda t: (_colour_index(t), t))
    counts = Counter(s.technique for s in valid)
    legend = [
        {
            "technique": t,
            "name": technique_name(t),
            "number": i + 1,
            "colour": _colour_index(t),
            "count": counts[t],
        }
        for i, t in enumerate(present)
    ]
    number = {item["technique"]: item["number"] for item in legend}
    ordered = sorted(valid, key=lambda s: (s.start, -s.end, number[s.technique]))
    spans = [
        {
            "n": i,
            "start": s.start,
            "end": s.end,
            "technique": s.technique,
            "name": technique_name(s.technique),
            "number": number[s.technique],
            "colour": _colour_index(s.technique),
            "score": s.score,
            "source": s.source,
            "explanation": s.explanation,
            "text": text[s.start : s.end],
        }
        for i, s in enumerate(ordered)
    ]
    names = {a.id: a.name for a in article.actors}
    stance = {s.actor: s for s in article.stance}
    actors = []
    for actor in article.actors:
        actors.append(
            _actor_data(actor.id, actor.name, actor.kind, len(actor.mentions), stance.get(actor.id))
        )
    for actor_id, st in stance.items():
        if actor_id not in names:
            actors.append(_actor_data(actor_id, actor_id, "", 0, st))
    actors.sort(
        key=lambda a: (a["score"] if a["score"] is not None else 2.0, -a["mentions"], a["name"])
    )
    events = sorted(
        (_event_data(e, names) for e in article.events),
        key=lambda e: (e["sort"] is None, e["sort"] or "", e["offset"]),
    )
    quotes = [
        {
            "start": q.start,
            "end": q.end,
            "text": q.text or text[q.start : q.end],
            "kind": q.kind,
            "speaker": names.get(q.speaker or "", q.speaker)
            or (q.speaker_mention.text if q.speaker_mention else None),
            "speaker_id": q.speaker,
            "cue": q.cue,
            "source": q.source,
            "explanation": q.explanation,
        }
        for q in sorted(article.quotes, key=lambda q: q.start)
    ]
    dates = [
        {"text": d.text, "value": d.value, "precision": d.precision, "start": d.start}
        for d in sorted(article.dates, key=lambda d: d.start)
    ]
    return {
        "id": article.id,
        "meta": article.meta,
        "text": text,
        "words": len(text.split()),
        "legend": legend,
        "spans": spans,
        "dropped_spans": len(article.techniques) - len(valid),
        "segments": _segments(text, spans),
        "actors": actors,
        "events": events,
        "quotes": quotes,
        "dates": dates,
        "errors": [
            {"stage": e.stage, "kind": e.kind, "message": e.message} for e in article.errors
        ],
        "stages": list(article.stages),
    }


def _actor_data(actor_id: str, name: str, kind: str, mentions: int, stance: Any) -> dict[str, Any]:
    return {
        "id": actor_id,
        "name": name,
        "kind": kind,
        "mentions": mentions,
        "score": None if stance is None else max(-1.0, min(1.0, float(stance.score))),
        "label": None if stance is None else stance.label,
        "evidence": []
        if stance is None
        else [
            {"text": e.text, "kind": e.kind, "weight": e.weight, "explanation": e.explanation}
            for e in stance.evidence
        ],
    }


_SIMPLE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _event_data(event: Any, names: dict[str, str]) -> dict[str, Any]:
    date = event.date
    value = date.value if date is not None else None
    return {
        "type": event.type,
        "date": value,
        "date_text": date.text if date is not None else None,
        "machine_date": value if value and _SIMPLE_DATE.match(value) else None,
        "sort": (date.earliest or value) if date is not None and (date.earliest or value) else None,
        "offset": event.trigger.start,
        "actors": [names.get(a, a) for a in event.actors],
        "recipients": [names.get(a, a) for a in event.recipients],
        "modality": event.modality,
        "trigger": event.trigger.text,
        "sentence": event.sentence.text,
        "score": event.score,
        "source": event.source,
        "explanation": event.explanation,
    }


# ---------------------------------------------------------------------------- HTML


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _section(pid: str, key: str, title: str, body: str) -> str:
    return f'<section class="ss-{key}" aria-labelledby="{pid}-{key}"><h2 id="{pid}-{key}">{title}</h2>{body}</section>'


def _none(what: str, data: dict[str, Any] | None = None, stage: str = "") -> str:
    if data is not None and stage and not any(stage in name for name in data["stages"]):
        ran = ", ".join(data["stages"]) or "none"
        return f'<p class="ss-none">No {what}: no {stage} stage ran (stages run: {_e(ran)}).</p>'
    return f'<p class="ss-none">No {what} found.</p>'


def _header(data: dict[str, Any], pid: str, level: str = "h1") -> str:
    meta = data["meta"]
    title = meta.title or "(untitled article)"
    rows = [*meta_rows(meta), ("Source", meta.source)]
    items = "".join(f"<dt>{k}</dt><dd>{_e(v)}</dd>" for k, v in rows if v)
    if meta.url:
        url = str(meta.url)
        shown = (
            f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{_e(url)}</a>'
            if re.match(r"^https?://", url, re.IGNORECASE)
            else _e(url)
        )
        items += f"<dt>URL</dt><dd>{shown}</dd>"
    items += f"<dt>Id</dt><dd><code>{_e(data['id'])}</code></dd>"
    summary = (
        f"{data['words']:,} words · {len(data['spans'])} technique spans · "
        f"{len(data['actors'])} actors · {len(data['events'])} events · {len(data['quotes'])} quotes"
    )
    return (
        f'<header><{level} id="{pid}-title">{_e(title)}</{level}><dl class="ss-meta">{items}</dl>'
        f'<p class="ss-summary">{summary}</p></header>'
    )


def _legend(data: dict[str, Any], pid: str) -> str:
    if not data["legend"]:
        return ""
    items = "".join(
        f'<li><label><input type="checkbox" class="ss-filter t{item["colour"]}" checked '
        f'data-technique="{_e(item["technique"])}" aria-controls="{pid}-body"> '
        f'<span class="ss-swatch t{item["colour"]}" aria-hidden="true">{item["number"]}</span> '
        f'{_e(item["name"])} <span class="ss-count">({item["count"]})</span></label></li>'
        for item in data["legend"]
    )
    return (
        f'<fieldset class="ss-legend"><legend>Techniques: untick to hide</legend><ul>{items}</ul>'
        "</fieldset>"
    )


def _tip_item(span: dict[str, Any]) -> str:
    why = f' <span class="ss-why">— {_e(span["explanation"])}</span>' if span["explanation"] else ""
    return (
        f'<span class="ss-ti t{span["colour"]}"><b>{span["number"]}. {_e(span["name"])}</b> '
        f"· confidence {span['score']:.2f} · source: {_e(span['source'])}{why}</span>"
    )


def _body(data: dict[str, Any], pid: str) -> str:
    text = data["text"]
    spans = data["spans"]
    out = []
    for k, seg in enumerate(data["segments"]):
        chunk = _e(text[seg["start"] : seg["end"]])
        if not seg["spans"]:
            out.append(chunk)
            continue
        covering = [spans[n] for n in seg["spans"]]
        # Longest span outermost, so that nested underlines stack from the inside out.
        covering.sort(key=lambda s: (s["end"] - s["start"], s["n"]))
        inner = chunk
        for depth, span in enumerate(covering, start=1):
            inner = f'<span class="ss-u t{span["colour"]} d{min(depth, _MAX_DEPTH)}">{inner}</span>'
        labels = "".join(
            f'<span class="ss-lab t{spans[n]["colour"]}" data-n="{spans[n]["number"]}" aria-hidden="true"></span>'
            for n in seg["starts"]
        )
        techniques = "|".join(dict.fromkeys(s["technique"] for s in covering))
        tip_id = f"{pid}-tip{k}"
        tip = "".join(_tip_item(s) for s in sorted(covering, key=lambda s: s["n"]))
        out.append(
            f'<mark class="ss-seg" tabindex="0" aria-describedby="{tip_id}" '
            f'data-spans="{" ".join(str(s["n"]) for s in covering)}" data-techniques="{_e(techniques)}" '
            f'data-start="{seg["start"]}" data-end="{seg["end"]}">{labels}{inner}'
            f'<span class="ss-tip" role="tooltip" id="{tip_id}">{tip}</span></mark>'
        )
    return f'<div class="ss-body" id="{pid}-body">{"".join(out)}</div>'


def _spans_table(data: dict[str, Any]) -> str:
    if not data["spans"]:
        return _none("persuasion techniques", data, "technique")
    rows = "".join(
        f'<tr class="t{s["colour"]}"><td><span class="ss-swatch t{s["colour"]}">{s["number"]}</span> '
        f'{_e(s["name"])}</td><td class="ss-num">{s["score"]:.2f}</td><td>{_e(s["source"])}</td>'
        f'<td class="ss-quote-text">“{_e(s["text"])}”</td><td>{_e(s["explanation"])}</td></tr>'
        for s in data["spans"]
    )
    dropped = (
        f'<p class="ss-none">{data["dropped_spans"]} spans outside the text were left out.</p>'
        if data["dropped_spans"]
        else ""
    )
    return (
        '<table class="ss-table ss-spans"><thead><tr><th scope="col">Technique</th>'
        '<th scope="col">Confidence</th><th scope="col">Source</th><th scope="col">Text</th>'
        f'<th scope="col">Why</th></tr></thead><tbody>{rows}</tbody></table>{dropped}'
    )


def stance_bar(score: float, label: str, *, width: int = 140, height: int = 14) -> str:
    """A diverging bar from the centre, -1 at the left edge and +1 at the right, as inline SVG."""
    mid = width / 2
    length = abs(score) * mid
    x = mid - length if score < 0 else mid
    cls = label if label in ("negative", "positive", "neutral") else "neutral"
    return (
        f'<svg class="ss-bar" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="stance {score:+.2f}, {_e(label)}"><rect class="ss-track" x="0" y="2" width="{width}" '
        f'height="{height - 4}"></rect><rect class="{cls}" x="{x:.1f}" y="2" width="{max(length, 1.5):.1f}" '
        f'height="{height - 4}"></rect><line class="ss-axis" x1="{mid}" y1="0" x2="{mid}" y2="{height}">'
        "</line></svg>"
    )


def _actors(data: dict[str, Any]) -> str:
    if not data["actors"]:
        return _none("actors", data, "actor")
    rows = []
    for actor in data["actors"]:
        if actor["score"] is None:
            stance = '<span class="ss-none">no stance</span>'
        else:
            stance = (
                f"{stance_bar(actor['score'], actor['label'] or 'neutral')} "
                f'<span class="ss-num">{actor["score"]:+.2f}</span> '
                f'<span class="ss-label-{_e(actor["label"])}">{_e(actor["label"])}</span>'
            )
        evidence = "".join(
            f"<li><b>{_e(ev['kind'])}</b> ({ev['weight']:+.2f}) “{_e(ev['text'])}”"
            + (
                f' <span class="ss-why">— {_e(ev["explanation"])}</span>'
                if ev["explanation"]
                else ""
            )
            + "</li>"
            for ev in actor["evidence"]
        )
        evidence_html = f'<ul class="ss-evidence">{evidence}</ul>' if evidence else ""
        kind = f' <span class="ss-count">({_e(actor["kind"])})</span>' if actor["kind"] else ""
        rows.append(
            f"<tr><td><b>{_e(actor['name'])}</b>{kind}<br><code>{_e(actor['id'])}</code></td>"
            f'<td class="ss-num">{actor["mentions"]}</td><td>{stance}{evidence_html}</td></tr>'
        )
    return (
        '<table class="ss-table ss-actors-table"><thead><tr><th scope="col">Actor</th>'
        '<th scope="col">Mentions</th><th scope="col">Stance and evidence</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _timeline(data: dict[str, Any]) -> str:
    if not data["events"]:
        return _none("events", data, "event")
    items = []
    for ev in data["events"]:
        if ev["date"]:
            when = (
                f'<time datetime="{_e(ev["machine_date"])}">{_e(ev["date"])}</time>'
                if ev["machine_date"]
                else f'<span class="ss-undated">{_e(ev["date"])}</span>'
            )
        else:
            when = '<span class="ss-undated">undated</span>'
        who = _e(", ".join(ev["actors"]) or "?")
        whom = _e(", ".join(ev["recipients"]) or "—")
        said = (
            f" (“{_e(ev['date_text'])}”)"
            if ev["date_text"] and ev["date_text"] != ev["date"]
            else ""
        )
        items.append(
            f'<li>{when}{said} <span class="ss-etype">{_e(ev["type"])}</span> {who} → {whom} '
            f"<i>{_e(ev['modality'])}</i> “{_e(ev['trigger'])}”"
            f'<span class="ss-sentence">{_e(ev["sentence"])}</span></li>'
        )
    return f'<ol class="ss-timeline">{"".join(items)}</ol>'


def _quotes(data: dict[str, Any]) -> str:
    if not data["quotes"]:
        return _none("quotes", data, "quote")
    rows = "".join(
        f"<tr><td>{_e(q['speaker']) if q['speaker'] else '<i>unattributed</i>'}</td><td>{_e(q['kind'])}</td>"
        f'<td class="ss-quote-text">“{_e(q["text"])}”</td><td>{_e(q["cue"])}</td></tr>'
        for q in data["quotes"]
    )
    return (
        '<table class="ss-table ss-quotes-table"><thead><tr><th scope="col">Speaker</th>'
        '<th scope="col">Kind</th><th scope="col">Quote</th><th scope="col">Cue</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _dates(data: dict[str, Any]) -> str:
    if not data["dates"]:
        return ""
    items = "".join(
        f"<li>“{_e(d['text'])}” → {_e(d['value'] or 'unresolved')} ({_e(d['precision'])})</li>"
        for d in data["dates"]
    )
    return f"<h3>Dates mentioned</h3><ul>{items}</ul>"


def render_article_fragment(
    article: Article, *, id_prefix: str | None = None, level: str = "h1"
) -> str:
    """The report of one article as an ``<article>`` element, without stylesheet or page."""
    data = report_data(article)
    pid = id_prefix or f"ss{next(_ids)}"
    errors = ""
    if data["errors"]:
        errors = _section(
            pid,
            "errors",
            "Errors",
            '<ul class="ss-errors">'
            + "".join(
                f"<li>[{_e(x['stage'])}] {_e(x['kind'])}: {_e(x['message'])}</li>"
                for x in data["errors"]
            )
            + "</ul>",
        )
    stages = ", ".join(data["stages"]) or "none"
    parts = [
        f'<article class="ss-report" id="{pid}" data-article-id="{_e(data["id"])}" aria-labelledby="{pid}-title">',
        f'<a class="ss-skip" href="#{pid}-body">Skip to the article text</a>',
        _header(data, pid, level),
        _legend(data, pid),
        _section(pid, "text", "Article text", _body(data, pid)),
        _section(pid, "techniques", "Persuasion techniques", _spans_table(data)),
        _section(pid, "actors", "Actors and stance", _actors(data)),
        _section(pid, "events", "Timeline of events", _timeline(data) + _dates(data)),
        _section(pid, "quotes", "Quotes", _quotes(data)),
        errors,
        f'<footer class="ss-footer">Made by spinscope. Stages run: {_e(stages)}. '
        "Automatic annotations: read them as leads to check, not as verdicts.</footer>",
        "</article>",
    ]
    return "".join(parts)


def _page(title: str, body: str, language: str | None) -> str:
    css = report_css()
    lang = (
        language
        if language and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", language)
        else "en"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(css)}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{css}</style></head><body>{body}</body></html>\n"
    )


def render_html(article: Article, *, standalone: bool = True) -> str:
    """The HTML report of one article.

    Args:
        article: the analysed article; any layer may be empty.
        standalone: a whole page with its stylesheet and a Content-Security-Policy
            (for a file); otherwise a ``<div>`` with the stylesheet inside, for
            embedding (Jupyter).

    Returns:
        The HTML, with every piece of article text escaped.
    """
    fragment = render_article_fragment(article)
    if not standalone:
        return f'<div class="ss-doc"><style>{report_css()}</style>{fragment}</div>'
    title = f"{article.meta.title or 'Untitled article'} — spinscope report"
    return _page(title, f'<main class="ss-doc">{fragment}</main>', article.meta.language)


def render_html_many(articles: Iterable[Article]) -> str:
    """One self-contained page with the report of every article, and a table of contents."""
    items = list(articles)
    if len(items) == 1:
        return render_html(items[0])
    fragments = [
        render_article_fragment(a, id_prefix=f"ss{i}", level="h1") for i, a in enumerate(items, 1)
    ]
    toc = "".join(
        f'<li><a href="#ss{i}">{_e(a.meta.title or a.meta.source or a.id)}</a></li>'
        for i, a in enumerate(items, 1)
    )
    nav = (
        f'<nav class="ss-report ss-toc" aria-label="Articles"><h1>spinscope report: {len(items)} articles'
        f"</h1><ol>{toc}</ol></nav>"
        if items
        else '<p class="ss-report ss-none">No articles.</p>'
    )
    return _page(
        f"spinscope report: {len(items)} articles",
        f'<main class="ss-doc">{nav}{"".join(fragments)}</main>',
        None,
    )
