"""Hand-made articles with every layer filled in, for the docs, the benchmarks and the tests.

The texts are written for spinscope (no third-party text). Offsets are found by
searching the text, so they are right by construction. ``hostile_article`` is
full of markup and script that a report must show as plain text.
"""

from __future__ import annotations

from spinscope.article import (
    Actor,
    Article,
    Event,
    Evidence,
    Mention,
    Meta,
    Quote,
    Stance,
    TechniqueSpan,
    TimeExpression,
)

__all__ = ["hostile_article", "long_article", "sample_article", "sample_corpus"]

SAMPLE_TEXT = (
    "Tokyo's reckless courtship of NATO is a dangerous gamble that threatens the peace of the "
    "whole region. On July 4, 2023, Japanese officials met alliance envoys in Brussels and "
    "promised deeper military cooperation.\n\n"
    'Everyone knows that such blocs only bring confrontation. "We will not let a cold-war '
    'mentality return to Asia," said Wang Lin, a spokesperson for the foreign ministry. '
    'Analysts warn that the so-called "liaison office" is a Trojan horse.\n\n'
    "Japan refused to consult its neighbours last year, and the region will pay the price. "
    "Peace-loving nations stand together, and history will judge those who play with fire."
)


def _at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def _mention(text: str, phrase: str, nth: int = 0) -> Mention:
    start, end = _at(text, phrase, nth)
    return Mention(start, end, phrase)


def _technique(
    text: str,
    phrase: str,
    technique: str,
    score: float,
    source: str = "model",
    explanation: str = "",
) -> TechniqueSpan:
    start, end = _at(text, phrase)
    return TechniqueSpan(start, end, technique, score, source, explanation, phrase)


def sample_article() -> Article:
    """A short opinion piece with techniques (overlapping ones too), actors, stance, events and quotes."""
    text = SAMPLE_TEXT
    techniques = [
        _technique(
            text, "reckless courtship", "Loaded_Language", 0.91, "model", "emotive adjective"
        ),
        _technique(
            text,
            "Tokyo's reckless courtship of NATO is a dangerous gamble",
            "Appeal_to_fear-prejudice",
            0.74,
            "merged",
            "presents the policy as a threat",
        ),
        _technique(text, "dangerous gamble", "Exaggeration,Minimisation", 0.58, "rule"),
        _technique(
            text,
            "Everyone knows",
            "Bandwagon,Reductio_ad_hitlerum",
            0.66,
            "rule",
            "appeal to what all believe",
        ),
        _technique(text, "so-called", "Doubt", 0.81, "rule", "scare marker before a name"),
        _technique(text, "Trojan horse", "Name_Calling,Labeling", 0.77, "model"),
        _technique(text, "Peace-loving nations stand together", "Flag-Waving", 0.62, "model"),
        _technique(
            text, "play with fire", "Thought-terminating_Cliches", 0.55, "rule", "stock phrase"
        ),
    ]
    actors = [
        Actor(
            "JPN",
            "Japan",
            "state",
            country="JPN",
            mentions=(
                _mention(text, "Tokyo"),
                _mention(text, "Japanese"),
                _mention(text, "Japan", 1),
            ),
        ),
        Actor("NATO", "NATO", "bloc", mentions=(_mention(text, "NATO"),)),
        Actor(
            "CHN-GOV",
            "Chinese government",
            "government",
            country="CHN",
            sector="GOV",
            mentions=(_mention(text, "the foreign ministry"),),
        ),
        Actor(
            "person:wang-lin",
            "Wang Lin",
            "person",
            role="spokesperson",
            mentions=(_mention(text, "Wang Lin"),),
        ),
    ]
    july = TimeExpression(
        *_at(text, "July 4, 2023"), "July 4, 2023", "2023-07-04", "day", "2023-07-04", "2023-07-04"
    )
    last_year = TimeExpression(
        *_at(text, "last year"), "last year", "2022", "year", "2022-01-01", "2022-12-31"
    )
    sentence_one = "On July 4, 2023, Japanese officials met alliance envoys in Brussels and promised deeper military cooperation."
    sentence_two = (
        "Japan refused to consult its neighbours last year, and the region will pay the price."
    )
    events = [
        Event(
            "COOPERATE",
            _mention(text, "promised"),
            _mention(text, sentence_one),
            ("JPN",),
            ("NATO",),
            "future",
            july,
            0.8,
            "rule",
            "promise of cooperation",
        ),
        Event(
            "CONSULT",
            _mention(text, "met"),
            _mention(text, sentence_one),
            ("JPN",),
            ("NATO",),
            "asserted",
            july,
            0.9,
            "rule",
        ),
        Event(
            "REJECT",
            _mention(text, "refused"),
            _mention(text, sentence_two),
            ("JPN",),
            (),
            "asserted",
            last_year,
            0.7,
            "rule",
        ),
        Event(
            "THREATEN",
            _mention(text, "threatens"),
            _mention(
                text,
                "Tokyo's reckless courtship of NATO is a dangerous gamble that threatens the peace of the whole region.",
            ),
            ("JPN",),
            (),
            "asserted",
            None,
            0.5,
            "rule",
        ),
    ]
    direct = "We will not let a cold-war mentality return to Asia,"
    quotes = [
        Quote(
            *_at(text, direct),
            direct,
            "direct",
            "person:wang-lin",
            _mention(text, "Wang Lin"),
            "said",
        ),
        Quote(
            *_at(text, "liaison office"),
            "liaison office",
            "scare",
            None,
            None,
            None,
            "rule",
            "quotation marks around a name, after so-called",
        ),
        Quote(
            *_at(text, "such blocs only bring confrontation"),
            "such blocs only bring confrontation",
            "reported",
            None,
            None,
            "Everyone knows",
        ),
    ]
    stance = [
        Stance(
            "JPN",
            -0.72,
            "negative",
            (
                Evidence(
                    *_at(text, "reckless courtship"),
                    "reckless courtship",
                    "technique",
                    -0.4,
                    "loaded language about Tokyo",
                ),
                Evidence(*_at(text, "refused to consult"), "refused to consult", "event", -0.2),
            ),
        ),
        Stance(
            "NATO",
            -0.35,
            "negative",
            (Evidence(*_at(text, "Trojan horse"), "Trojan horse", "technique", -0.3),),
        ),
        Stance(
            "CHN-GOV",
            0.4,
            "positive",
            (
                Evidence(
                    *_at(text, "Peace-loving nations"), "Peace-loving nations", "description", 0.4
                ),
            ),
        ),
        Stance("person:wang-lin", 0.0, "neutral"),
    ]
    return Article(
        text=text,
        meta=Meta(
            title="Beware the alliance: a sample commentary",
            outlet="Example Daily",
            authors=["A. Writer"],
            published="2023-07-06",
            url="https://example.org/commentary/1",
            language="en",
            genre="opinion",
            source="<sample>",
        ),
        techniques=techniques,
        actors=actors,
        dates=[july, last_year],
        events=events,
        quotes=quotes,
        stance=stance,
        stages=["metadata", "techniques", "actors", "events", "quotes", "stance"],
    )


HOSTILE_TEXT = (
    "<script>alert('xss-1')</script> Breaking: <img src=x onerror=\"alert('xss-2')\"> officials said.\n\n"
    "Click <a href=\"javascript:alert('xss-3')\">here</a> or <svg onload=alert('xss-4')></svg> now. "
    "</textarea></title></style><script>document.title='pwned'</script>\n\n"
    '<style>body{display:none}</style><div style="position:fixed;inset:0;background:red" id="injected">'
    'CSS trick</div> <iframe src="https://evil.example/"></iframe> <!-- comment --> '
    "<b onmouseover=\"alert('xss-5')\">bold</b> \"quotes\" & 'apostrophes' <<broken tag "
    '<meta http-equiv="refresh" content="0;url=https://evil.example/"> end.'
)


def hostile_article() -> Article:
    """An article whose text, metadata and layers are full of markup that must stay plain text."""
    text = HOSTILE_TEXT
    script = "<script>alert('xss-1')</script>"
    img = "<img src=x onerror=\"alert('xss-2')\">"
    start_img, end_img = _at(text, img)
    return Article(
        text=text,
        meta=Meta(
            title="<script>alert('title')</script><b>Hostile</b>",
            outlet="<img src=x onerror=alert('outlet')>",
            authors=["\"><svg onload=alert('author')>"],
            published="2023-07-06",
            url="javascript:alert('url')",
            language="en\"><script>alert('lang')</script>",
            source="<sample>",
        ),
        techniques=[
            TechniqueSpan(
                *_at(text, script),
                "Loaded_Language",
                0.9,
                "model",
                "<b onclick=alert(1)>why</b>",
                script,
            ),
            TechniqueSpan(
                start_img - 10, end_img, "<script>alert('technique')</script>", 0.5, 'rule"><x>'
            ),
            TechniqueSpan(
                *_at(text, "<a href=\"javascript:alert('xss-3')\">here</a>"), "Doubt", 0.4, "rule"
            ),
        ],
        actors=[Actor("<x>", "<script>alert('actor')</script>", "state")],
        stance=[
            Stance(
                "<x>",
                -0.5,
                'negative"><script>alert(5)</script>',
                (Evidence(0, 10, "<i onmouseover=alert(6)>e</i>", "description", -0.5),),
            )
        ],
        quotes=[
            Quote(0, 10, "<script>alert('quote')</script>", "direct", "<script>alert(7)</script>")
        ],
        events=[
            Event(
                "<b>ATTACK</b>",
                Mention(0, 8, "<script>"),
                Mention(0, 10, "<style>x</style>"),
                ("<x>",),
                (),
                "asserted",
                TimeExpression(0, 5, "<img>", '2023-01-01"><script>', "day"),
            )
        ],
    )


def long_article(words: int = 2000) -> Article:
    """An article of about ``words`` words, made by repeating the sample, with its spans repeated too."""
    base = sample_article()
    unit = base.text + "\n\n"
    copies = max(1, round(words / len(unit.split())))
    text = unit * copies
    techniques = [
        TechniqueSpan(
            s.start + i * len(unit),
            s.end + i * len(unit),
            s.technique,
            s.score,
            s.source,
            s.explanation,
            s.text,
        )
        for i in range(copies)
        for s in base.techniques
    ]
    return Article(
        text=text.rstrip("\n"),
        meta=Meta(
            title=f"A long sample ({copies} parts)", outlet="Example Daily", published="2023-07-06"
        ),
        techniques=techniques,
        actors=base.actors,
        events=base.events,
        quotes=base.quotes,
        stance=base.stance,
        stages=base.stages,
    )


def sample_corpus(count: int = 12) -> list[Article]:
    """Variants of the sample article over several outlets and months, with varying stance and spans.

    Each variant's text differs (so its id differs) only after the annotated part, so
    every offset stays right.
    """
    outlets = ("Example Daily", "Other Times", "Sample Herald")
    articles = []
    for i in range(count):
        base = sample_article()
        month = 1 + i % 6
        keep = len(base.techniques) - i % 4
        score = round(-0.9 + (i * 0.37) % 1.5, 2)
        label = "negative" if score < -0.2 else "positive" if score > 0.2 else "neutral"
        japan = base.stance[0]
        stance = [Stance(japan.actor, score, label, japan.evidence), *base.stance[1:]]
        articles.append(
            Article(
                text=f"{base.text} Variant {i}.",
                meta=Meta(
                    title=f"Sample commentary {i + 1}",
                    outlet=outlets[i % len(outlets)],
                    published=f"2023-{month:02d}-{1 + i:02d}",
                    language="en",
                    source=f"<sample {i}>",
                ),
                techniques=base.techniques[:keep],
                actors=base.actors,
                dates=base.dates,
                events=base.events,
                quotes=base.quotes,
                stance=stance,
                stages=base.stages,
            )
        )
    return articles
