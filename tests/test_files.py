"""Reading the files settings name: a clear ConfigError for a missing or non-text file."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import ConfigError
from spinscope.files import read_setting_file
from spinscope.stages.event_lexicon import load_event_lexicon
from spinscope.stages.stance_words import load_stance_lexicon


def test_files_setting_file_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "extra.tsv"
    path.write_text("Ruritania\tRUR\n", "utf-8")
    assert read_setting_file(path, "the table", "[x] y") == "Ruritania\tRUR\n"


@pytest.mark.parametrize(
    "content", [None, b"\xff\xfe\x00binary\x00\x9c"], ids=["missing", "not-utf8"]
)
def test_files_setting_file_errors_name_the_file_and_the_setting(
    tmp_path: Path, content: bytes | None
) -> None:
    path = tmp_path / "extra.tsv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ConfigError) as caught:
        read_setting_file(path, "the stance lexicon", "[stages.stance] lexicon_file")
    message = str(caught.value)
    assert str(path) in message
    assert "the stance lexicon" in message
    assert "fix [stages.stance] lexicon_file" in message


def test_files_binary_lexicons_are_config_errors(tmp_path: Path) -> None:
    path = tmp_path / "binary.tsv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    with pytest.raises(ConfigError, match="event lexicon"):
        load_event_lexicon(str(path))
    with pytest.raises(ConfigError, match="stance lexicon"):
        load_stance_lexicon(str(path))
