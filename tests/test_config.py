from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.config import load_settings
from spinscope.errors import ConfigError


def test_config_defaults_ship_with_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    settings = load_settings()
    assert settings["ingest"]["max_bytes"] == 20_000_000
    assert "metadata" in settings["pipeline"]["stages"]


def test_config_user_file_then_set_override_key_by_key(tmp_path: Path) -> None:
    user = tmp_path / "config.toml"
    user.write_text("[ingest]\nmax_bytes = 1000\n[stages.techniques]\nthreshold = 0.3\n")
    settings = load_settings(user, ["ingest.max_bytes=2000", "ingest.glob=*.txt"])
    assert settings["ingest"]["max_bytes"] == 2000
    assert settings["ingest"]["glob"] == "*.txt"
    assert settings["ingest"]["fallback_encodings"] == ["gb18030", "cp1252"]
    assert settings["stages"]["techniques"]["threshold"] == 0.3


@pytest.mark.parametrize("override", ["ingest.max_byte=3", "nosuch.key=1", "ingest.max_bytes"])
def test_config_rejects_unknown_or_malformed_override(override: str) -> None:
    with pytest.raises(ConfigError):
        load_settings(None, [override])


def test_config_unreadable_file_names_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[ingest\n")
    with pytest.raises(ConfigError, match="bad.toml"):
        load_settings(bad)
