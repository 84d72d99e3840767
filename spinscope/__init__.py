"""spinscope: read news and state-media commentary critically, at scale, offline.

>>> import spinscope
>>> article = spinscope.analyze("examples/state-media-commentary.txt")
>>> article.meta.title
"""

from spinscope.api import BatchReport, analyze, analyze_many, load_pipeline
from spinscope.article import (
    SCHEMA_VERSION,
    Actor,
    Article,
    ErrorRecord,
    Event,
    Evidence,
    Mention,
    Meta,
    Quote,
    Stance,
    TechniqueSpan,
    TimeExpression,
)
from spinscope.config import load_settings
from spinscope.errors import (
    ConfigError,
    InputError,
    MissingExtraError,
    ModelError,
    PipelineError,
    SpinscopeError,
    StoreError,
)
from spinscope.pipeline import Pipeline, Stage

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Article",
    "BatchReport",
    "ConfigError",
    "ErrorRecord",
    "Event",
    "Evidence",
    "InputError",
    "Mention",
    "Meta",
    "MissingExtraError",
    "ModelError",
    "Pipeline",
    "PipelineError",
    "Quote",
    "SpinscopeError",
    "Stage",
    "Stance",
    "StoreError",
    "TechniqueSpan",
    "TimeExpression",
    "__version__",
    "analyze",
    "analyze_many",
    "load_pipeline",
    "load_settings",
]
