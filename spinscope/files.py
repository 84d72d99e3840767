"""Writing files so that a reader never sees half of one, and reading the files settings name.

Every file spinscope writes for a user (``-o`` outputs, exports, model configs) goes
through ``atomic_write``: the text is written under a hidden temporary name in the same
folder and renamed over the target only when complete; on any error the temporary file
is removed and the target is left as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from spinscope.errors import ConfigError

__all__ = ["atomic_write", "read_setting_file"]


@contextmanager
def atomic_write(path: str | Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """A UTF-8 text handle whose content replaces ``path`` when the block ends without error."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_setting_file(path: str | Path, what: str, setting: str) -> str:
    """The UTF-8 text of a file a setting names (a user's alias table or lexicon).

    Raises:
        ConfigError: the file cannot be read or is not UTF-8 text; the message names the
            file, what it is and the setting to fix.
    """
    try:
        return Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read {what} {path}: {e}; fix {setting}") from e
