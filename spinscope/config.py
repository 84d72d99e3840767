"""Settings: shipped defaults, overridden by a user file, then by ``--set``.

The defaults live in ``spinscope/defaults.toml``. A user file (TOML) and
``--set section.key=value`` pairs override them key by key; a key that the
defaults do not know is an error, so typos do not pass silently.
"""

from __future__ import annotations

import copy
import json
import os
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from spinscope.errors import ConfigError

__all__ = ["Settings", "default_config_path", "load_settings"]

Settings = dict[str, Any]


@cache
def _defaults() -> Settings:
    text = resources.files("spinscope").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def default_config_path() -> Path:
    """The user file read when no --config is given."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "spinscope" / "config.toml"


def load_settings(
    config_file: str | Path | None = None, overrides: list[str] | None = None
) -> Settings:
    """The effective settings.

    Args:
        config_file: a TOML file to merge over the defaults; when None the user
            file at ``default_config_path()`` is used if it exists.
        overrides: ``section.key=value`` strings; the value is read as JSON when
            it parses (numbers, lists, true/false), else as a string.

    Raises:
        ConfigError: the file cannot be read, or names a key the defaults lack.
    """
    settings = copy.deepcopy(_defaults())
    path = Path(config_file) if config_file else default_config_path()
    if config_file or path.exists():
        try:
            user = tomllib.loads(path.read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"cannot read config file {path}: {e}") from e
        _merge(settings, user, str(path))
    for item in overrides or []:
        key, sep, raw = item.partition("=")
        if not sep:
            raise ConfigError(f"--set {item!r}: expected section.key=value")
        try:
            value: Any = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        nested: dict[str, Any] = {}
        cursor = nested
        parts = key.strip().split(".")
        for part in parts[:-1]:
            cursor = cursor.setdefault(part, {})
        cursor[parts[-1]] = value
        _merge(settings, nested, f"--set {item}")
    return settings


def _merge(base: dict[str, Any], update: dict[str, Any], origin: str, prefix: str = "") -> None:
    for key, value in update.items():
        name = f"{prefix}{key}"
        if key not in base:
            # Stage tables are open: a stage may take settings the defaults do not list.
            if prefix.startswith("stages."):
                base[key] = copy.deepcopy(value)
                continue
            raise ConfigError(f"{origin}: unknown setting '{name}'")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"{origin}: '{name}' is a table, not a value")
            _merge(base[key], value, origin, f"{name}.")
        else:
            base[key] = value
