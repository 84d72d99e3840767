"""A readable plain-text summary of an analysed article, for the terminal."""

from __future__ import annotations

import textwrap

from spinscope.article import Article

__all__ = ["render_text"]


def _snippet(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(article: Article, *, body_preview: int = 300) -> str:
    """Metadata, then one section per analysis layer that has content."""
    meta = article.meta
    lines: list[str] = []
    lines.append(meta.title or "(untitled)")
    lines.append("=" * min(len(lines[0]), 100))
    fields = [
        ("Outlet", meta.outlet),
        ("Authors", ", ".join(meta.authors) if meta.authors else None),
        ("Editor", meta.editor),
        ("Published", meta.published),
        ("Dateline", meta.dateline),
        ("Genre", meta.genre),
        ("Language", meta.language),
        ("Affiliation", meta.affiliation),
        ("Author note", meta.author_note),
        ("URL", meta.url),
        ("Source", meta.source),
        ("Id", article.id),
    ]
    width = max(len(k) for k, _ in fields)
    for key, value in fields:
        if value:
            lines.append(f"{key:<{width}}  {value}")
    words = len(article.text.split())
    lines.append(
        f"{'Body':<{width}}  {words} words, {article.text.count(chr(10) * 2) + 1} paragraphs"
    )
    if body_preview and article.text:
        lines.append("")
        lines.extend(textwrap.wrap(_snippet(article.text, body_preview), 100))
    if article.techniques:
        lines += ["", f"Persuasion techniques ({len(article.techniques)})"]
        for span in sorted(article.techniques, key=lambda s: (s.start, s.end)):
            lines.append(
                f"  {span.start:>6}-{span.end:<6} {span.technique:<36} {span.score:.2f} {span.source:<6} "
                f"“{_snippet(article.text[span.start : span.end], 60)}”"
            )
    if article.stance:
        lines += ["", "Actors by stance"]
        for stance in sorted(article.stance, key=lambda s: s.score):
            name = next((a.name for a in article.actors if a.id == stance.actor), stance.actor)
            lines.append(f"  {name:<28} {stance.score:+.2f} {stance.label}")
            for ev in stance.evidence[:4]:
                lines.append(f"      {ev.kind:<11} “{_snippet(ev.text, 70)}”")
    elif article.actors:
        lines += ["", "Actors"]
        for actor in article.actors:
            lines.append(
                f"  {actor.id:<14} {actor.name} ({actor.kind}, {len(actor.mentions)} mentions)"
            )
    if article.events:
        lines += ["", "Events (timeline)"]
        for event in sorted(
            article.events, key=lambda e: (e.date.earliest or e.date.value or "") if e.date else "~"
        ):
            when = event.date.value if event.date and event.date.value else "undated"
            who = ",".join(event.actors) or "?"
            whom = ",".join(event.recipients) or "-"
            lines.append(
                f"  {when:<12} {event.type:<10} {who} -> {whom} [{event.modality}] “{_snippet(event.trigger.text, 40)}”"
            )
    if article.quotes:
        lines += ["", "Quotes"]
        for quote in article.quotes:
            speaker = quote.speaker or (
                quote.speaker_mention.text if quote.speaker_mention else "-"
            )
            lines.append(f"  {quote.kind:<9} {speaker:<20} “{_snippet(quote.text, 70)}”")
    if article.errors:
        lines += ["", "Errors"]
        for error in article.errors:
            lines.append(f"  [{error.stage}] {error.message}")
    return "\n".join(lines) + "\n"
