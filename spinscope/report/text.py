"""A readable plain-text summary of an analysed article, for the terminal."""

from __future__ import annotations

import textwrap

from spinscope.article import Article, Event, Meta

__all__ = ["meta_rows", "render_text"]


def meta_rows(meta: Meta) -> list[tuple[str, str | None]]:
    """The metadata fields every report shows, labelled, in reading order (None when unknown)."""
    return [
        ("Outlet", meta.outlet),
        ("Authors", ", ".join(meta.authors) if meta.authors else None),
        ("Editor", meta.editor),
        ("Published", meta.published),
        ("Dateline", meta.dateline),
        ("Genre", meta.genre),
        ("Language", meta.language),
        ("Affiliation", meta.affiliation),
        ("Author note", meta.author_note),
    ]


def _snippet(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(article: Article, *, body_preview: int = 300) -> str:
    """Metadata, then one section per analysis layer that has content."""
    meta = article.meta
    lines: list[str] = []
    lines.append(meta.title or "(untitled)")
    lines.append("=" * min(len(lines[0]), 100))
    fields = [*meta_rows(meta), ("URL", meta.url), ("Source", meta.source), ("Id", article.id)]
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
    names = {a.id: a.name for a in article.actors}
    lines += _actors_section(article, names)
    lines += _events_section(article, names)
    lines += _quotes_section(article, names)
    if article.errors:
        lines += ["", "Errors"]
        for error in article.errors:
            lines.append(f"  [{error.stage}] {error.message}")
    return "\n".join(lines) + "\n"


def _name(actor_id: str, names: dict[str, str]) -> str:
    return names.get(actor_id, actor_id)


def _actors_section(article: Article, names: dict[str, str]) -> list[str]:
    if not article.actors:
        return []
    by_id = {a.id: a for a in article.actors}
    lines = ["", f"Actors by stance ({len(article.actors)})"]
    stances = sorted(article.stance, key=lambda s: (s.score, s.actor))
    quiet = []
    for stance in stances:
        actor = by_id.get(stance.actor)
        if not stance.evidence:
            quiet.append(_name(stance.actor, names))
            continue
        kind = f"{actor.kind}, {len(actor.mentions)} mentions" if actor else ""
        name = _name(stance.actor, names)
        lines.append(f"  {stance.score:+.2f} {stance.label:<8} {name} [{stance.actor}] ({kind})")
        for ev in stance.evidence[:5]:
            why = _snippet(ev.explanation, 70)
            lines.append(f"        {ev.weight:+.2f} {ev.kind:<11} “{_snippet(ev.text, 40)}”  {why}")
        if len(stance.evidence) > 5:
            lines.append(f"        … {len(stance.evidence) - 5} more")
    if quiet:
        lines.append("  neutral, no evidence: " + ", ".join(quiet))
    unscored = [a for a in article.actors if a.id not in {s.actor for s in article.stance}]
    for actor in unscored:
        lines.append(
            f"  {actor.id:<14} {actor.name} ({actor.kind}, {len(actor.mentions)} mentions)"
        )
    people = [a for a in article.actors if a.kind == "person" and (a.role or a.affiliation)]
    if people:
        lines.append("  people:")
        for person in people:
            details = "; ".join(x for x in (person.role, person.affiliation) if x)
            lines.append(f"    {person.name}: {_snippet(details, 90)}")
    return lines


def _event_when(event: Event) -> str:
    if event.date is None:
        return "undated"
    return event.date.value or event.date.text.lower()


def _events_section(article: Article, names: dict[str, str]) -> list[str]:
    if not article.events:
        return []

    def order(event: Event) -> tuple[int, str, int]:
        date = event.date
        key = (date.earliest or date.latest or date.value or "") if date else ""
        return (0 if key else 1, key, event.trigger.start)

    lines = ["", f"Events, dated first ({len(article.events)})"]
    for event in sorted(article.events, key=order):
        who = ", ".join(_name(a, names) for a in event.actors) or "?"
        whom = ", ".join(_name(a, names) for a in event.recipients)
        arrow = f"{who} -> {whom}" if whom else who
        modality = "" if event.modality == "asserted" else f" [{event.modality}]"
        when = _snippet(_event_when(event), 12)
        lines.append(
            f"  {when:<12} {event.type:<10} {_snippet(arrow, 50)}{modality}"
            f" “{_snippet(event.trigger.text, 30)}”"
        )
    return lines


def _quotes_section(article: Article, names: dict[str, str]) -> list[str]:
    if not article.quotes:
        return []
    lines = ["", f"Quotes ({len(article.quotes)})"]
    scare = []
    for quote in sorted(article.quotes, key=lambda q: q.start):
        if quote.kind == "scare":
            scare.append(f"“{_snippet(quote.text, 40)}”")
            continue
        if quote.speaker:
            speaker = _name(quote.speaker, names)
        elif quote.speaker_mention:
            speaker = quote.speaker_mention.text
        else:
            speaker = "(unknown speaker)"
        cue = f" ({quote.cue})" if quote.cue else ""
        lines.append(
            f"  {quote.kind:<9} {_snippet(speaker, 30)}{cue}: “{_snippet(quote.text, 80)}”"
        )
    if scare:
        lines.append("  scare quotes: " + ", ".join(scare))
    return lines
