"""The exceptions spinscope raises.

Every error a user can cause or fix derives from one base class, so callers can
catch ``SpinscopeError`` and show its message, which always names the input and
says what to do::

    SpinscopeError
     ├── InputError          bad input: missing, empty, binary, undecodable, too large, malformed
     ├── ConfigError         a setting that does not exist or has the wrong type
     ├── PipelineError       stages that cannot be assembled, or a stage that failed
     ├── ModelError          a shipped model that is missing or does not match its checksum
     ├── StoreError          the corpus database cannot be opened, read or written
     └── MissingExtraError   an optional feature whose extra is not installed
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "InputError",
    "MissingExtraError",
    "ModelError",
    "PipelineError",
    "SpinscopeError",
    "StoreError",
]


class SpinscopeError(Exception):
    """Base class of every error spinscope raises on purpose."""


class InputError(SpinscopeError):
    """An input cannot be read or turned into an article."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ConfigError(SpinscopeError):
    """A configuration value is unknown or invalid."""


class PipelineError(SpinscopeError):
    """The pipeline cannot be built, or one of its stages failed."""


class ModelError(SpinscopeError):
    """A shipped model is missing, corrupt or incompatible."""


class StoreError(SpinscopeError):
    """The corpus database cannot be opened, read or written."""


class MissingExtraError(SpinscopeError):
    """An optional feature needs an extra that is not installed."""

    def __init__(self, feature: str, extra: str) -> None:
        self.feature = feature
        self.extra = extra
        super().__init__(
            f"{feature} needs the '{extra}' extra; install it with: pip install 'spinscope[{extra}]'"
        )
