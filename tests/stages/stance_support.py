"""What the stance tests share: one sentence run through actors, events and stance.

Quotes, dates and techniques are what the test gives (none by default), so a test sees the
stance stage's own reading and not the other stages'.
"""

from __future__ import annotations

from spinscope.article import Article, Quote, Stance, TechniqueSpan
from spinscope.stages.actors import ActorsStage
from spinscope.stages.events import EventsStage
from spinscope.stages.stance import StanceStage


def analyse(
    text: str,
    *,
    quotes: list[Quote] | None = None,
    techniques: list[TechniqueSpan] | None = None,
    **meta: str,
) -> Article:
    article = ActorsStage.from_config({})(Article.from_text(text, **meta))
    article.dates = []
    article.quotes = quotes or []
    article.techniques = techniques or []
    article = EventsStage.from_config({})(article)
    return StanceStage.from_config({})(article)


def stance_of(article: Article, actor: str) -> Stance:
    return next(s for s in article.stance if s.actor == actor)
