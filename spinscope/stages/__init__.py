"""The analysis stages, by name.

Each entry maps a stage name to ``"module:Class"``; the class has ``name``,
``requires``, ``assigns``, ``from_config(settings)`` and ``__call__``. Modules are
imported only when their stage is used, so a heavy model loads only when asked for.
Third-party stages can be added with ``register_stage``.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from spinscope.errors import PipelineError

__all__ = ["STAGE_FACTORIES", "available_stages", "create_stage", "register_stage"]

STAGE_FACTORIES: dict[str, str] = {
    "metadata": "spinscope.stages.metadata:MetadataStage",
    "actors": "spinscope.stages.actors:ActorsStage",
    "dates": "spinscope.stages.dates:DatesStage",
    "quotes": "spinscope.stages.quotes:QuotesStage",
    "events": "spinscope.stages.events:EventsStage",
    "stance": "spinscope.stages.stance:StanceStage",
    "techniques": "spinscope.stages.techniques:TechniquesStage",
}


def register_stage(name: str, target: str) -> None:
    """Make a stage available by name; ``target`` is ``"module:Class"``."""
    STAGE_FACTORIES[name] = target


def available_stages() -> list[str]:
    return list(STAGE_FACTORIES)


def create_stage(name: str, settings: Mapping[str, Any] | None = None) -> Any:
    """Instantiate a registered stage with its settings table.

    Raises:
        PipelineError: no stage has that name.
    """
    target = STAGE_FACTORIES.get(name)
    if target is None:
        raise PipelineError(
            f"unknown stage '{name}'; available stages: {', '.join(STAGE_FACTORIES)}"
        )
    module_name, _, class_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls.from_config(dict(settings or {}))
