from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from spinscope.article import Article
from spinscope.errors import InputError
from spinscope.ingest import IngestOptions, iter_documents

BODY = "Title line\n\nThe harbour reopened on Monday after repairs to the northern pier.\n"


def errors(items: list[Article | InputError]) -> list[str]:
    return [str(i) for i in items if isinstance(i, InputError)]


def test_ingest_directory_recursive_with_glob_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(BODY)
    (tmp_path / "a" / "two.md").write_text(BODY.replace("Monday", "Tuesday"))
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "three.txt").write_text(BODY.replace("Monday", "Friday"))
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    items = list(iter_documents([tmp_path]))
    assert sorted(Path(i.meta.source).name for i in items) == ["one.txt", "two.md"]
    only_txt = list(iter_documents([tmp_path], IngestOptions(glob="**/*.txt")))
    assert [Path(i.meta.source).name for i in only_txt] == ["one.txt"]


def test_ingest_many_paths_keep_order(tmp_path: Path) -> None:
    paths = []
    for n in range(3):
        p = tmp_path / f"{n}.txt"
        p.write_text(BODY.replace("Monday", f"day {n}"))
        paths.append(p)
    assert [i.meta.source for i in iter_documents(reversed(paths))] == [
        str(p) for p in reversed(paths)
    ]


def test_ingest_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BODY.encode())))
    (article,) = iter_documents(["-"])
    assert isinstance(article, Article)
    assert article.meta.source == "<stdin>" and article.meta.title == "Title line"


# The bad-input table: each case gives one InputError naming the input and what to do.
@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda d: (d / "empty.txt").write_bytes(b""), "empty.txt: is empty"),
        (lambda d: (d / "blank.txt").write_text(" \n\t\n"), "blank.txt: is empty"),
        (
            lambda d: (d / "pic.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"),
            "pic.txt: is a PNG image",
        ),
        (
            lambda d: (d / "a.zip").write_bytes(b"PK\x03\x04\x14\x00"),
            None,
        ),  # .zip is not an ingested extension
        (
            lambda d: (d / "arch.txt").write_bytes(b"PK\x03\x04\x14\x00\x00"),
            "arch.txt: is a zip archive",
        ),
        (
            lambda d: (d / "bad.txt").write_bytes(b"ok \x8f\xff\x8f\xff\x81\xff"),
            "bad.txt: cannot decode.*--encoding",
        ),
        (
            lambda d: (d / "huge.txt").write_bytes(b"x" * 2048),
            r"huge.txt: is 2,048 bytes, over the 1,000-byte limit.*--max-bytes",
        ),
        (
            lambda d: (d / "nav.html").write_text("<html><body><nav>Home</nav></body></html>"),
            "nav.html: no article body",
        ),
    ],
)
def test_ingest_bad_input_table(tmp_path: Path, setup, expected: str | None) -> None:  # type: ignore[no-untyped-def]
    setup(tmp_path)
    items = list(iter_documents([tmp_path], IngestOptions(max_bytes=1000)))
    if expected is None:
        assert errors(items) == [
            f"{tmp_path}: contains no readable files matching '**/*' with extensions "
            + ", ".join(sorted(IngestOptions().extensions))
            + "; check the folder or pass --glob"
        ]
        return
    (message,) = errors(items)
    assert message.startswith(str(tmp_path))
    import re

    assert re.search(expected, message), message


def test_ingest_missing_path_and_empty_directory(tmp_path: Path) -> None:
    items = list(iter_documents([tmp_path / "nope.txt", tmp_path]))
    assert errors(items) == [
        f"{tmp_path / 'nope.txt'}: does not exist; check the path",
        f"{tmp_path}: contains no readable files matching '**/*' with extensions "
        + ", ".join(sorted(IngestOptions().extensions))
        + "; check the folder or pass --glob",
    ]


def test_ingest_bad_inputs_do_not_stop_good_ones(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(BODY)
    (tmp_path / "empty.txt").write_text("")
    items = list(iter_documents([tmp_path / "missing.txt", tmp_path]))
    assert len(errors(items)) == 2
    assert [i.meta.source for i in items if isinstance(i, Article)] == [str(tmp_path / "good.txt")]
