"""Faults and bad input: crashes, corrupt and read-only files, a full disk, two writers."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import check_consistent, make_article, write_jsonl

from spinscope.errors import StoreError
from spinscope.store import Corpus
from spinscope.store.exchange import export_articles, import_articles
from spinscope.store.runner import add_inputs

JOB = Path(__file__).with_name("corpus_job.py")
ROOT = Path(__file__).resolve().parents[2]


def _job(db: Path, *inputs: Path, sleep: float = 0.0) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, str(JOB), str(db), *map(str, inputs), "--sleep", str(sleep)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.timeout(120)
def test_faults_kill_9_then_rerun_stores_every_article_once(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", 400)
    db = tmp_path / "corpus.db"
    job = _job(db, source, sleep=0.01)
    deadline = time.monotonic() + 60
    while _count(db) < 50 and time.monotonic() < deadline and job.poll() is None:
        time.sleep(0.05)
    assert job.poll() is None, "the job finished before it could be killed; slow it down"
    job.send_signal(signal.SIGKILL)
    job.wait()
    partial = check_consistent(db)
    assert 50 <= partial < 400
    assert partial % 10 == 0  # whole batches of 10 or nothing
    rerun = _job(db, source)
    out, errors = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, errors
    assert f"added={400 - partial} duplicates={partial}" in out
    assert check_consistent(db) == 400


@pytest.mark.timeout(120)
def test_faults_two_add_processes_on_one_database(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "a.jsonl", 150, start=0)
    second = write_jsonl(tmp_path / "b.jsonl", 150, start=100)  # 50 articles in both
    db = tmp_path / "corpus.db"
    Corpus(db).close()  # both start on a migrated database; the race on creation is tested below
    jobs = [_job(db, first, sleep=0.002), _job(db, second, sleep=0.002)]
    outputs = [job.communicate(timeout=90) for job in jobs]
    assert [job.returncode for job in jobs] == [0, 0], outputs
    assert check_consistent(db) == 250
    added = sum(int(out.split("added=")[1].split()[0]) for out, _ in outputs)
    assert added == 250


@pytest.mark.timeout(120)
def test_faults_two_processes_creating_a_new_database(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    inputs = write_jsonl(tmp_path / "a.jsonl", 40)
    jobs = [_job(db, inputs), _job(db, inputs)]
    outputs = [job.communicate(timeout=90) for job in jobs]
    assert [job.returncode for job in jobs] == [0, 0], outputs
    assert check_consistent(db) == 40
    with Corpus(db, readonly=True) as corpus:
        assert len(corpus.migrations()) == len(set(corpus.migrations()))


@pytest.mark.parametrize(
    "content",
    [b"this is not a database, just notes\n" * 100, b"\x00\x01\x02garbage" * 1000],
    ids=["text", "binary"],
)
def test_faults_corrupt_file_is_refused_and_left_untouched(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "corpus.db"
    db.write_bytes(content)
    with pytest.raises(StoreError, match="not a spinscope corpus database.*left untouched"):
        Corpus(db)
    with pytest.raises(StoreError, match="not a spinscope corpus"):
        Corpus(db, readonly=True)
    assert db.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.db"]


def test_faults_damaged_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    with Corpus(db) as corpus:
        corpus.add_articles(make_article(i) for i in range(50))
        corpus.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    data[100 : 4096 * 3] = b"\xff" * (4096 * 3 - 100)  # the schema page and more, header kept
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="corrupt|malformed|not a spinscope"):
        with Corpus(db) as corpus:
            corpus.count()
    assert db.read_bytes() == bytes(data)


def test_faults_other_sqlite_database_is_not_taken_over(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="not a spinscope corpus.*customers"):
        Corpus(db)
    assert db.read_bytes() == before


def test_faults_missing_folder_and_unwritable_path(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Corpus(tmp_path / "no" / "such" / "corpus.db")
    with pytest.raises(StoreError, match="does not exist; create it with"):
        Corpus(tmp_path / "absent.db", readonly=True)
    if Path("/proc/self").is_dir():  # a path no one can create a file in, root included
        with pytest.raises(StoreError, match="/proc/spinscope-test.db"):
            Corpus("/proc/spinscope-test.db")


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions"
)
def test_faults_read_only_folder_and_file(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    with Corpus(folder / "corpus.db") as corpus:
        corpus.add_articles([make_article(1)])
    (folder / "corpus.db").chmod(0o444)
    with pytest.raises(StoreError, match="read-only"):
        Corpus(folder / "corpus.db")
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="read-only"):
            Corpus(folder / "new.db")
    finally:
        folder.chmod(0o755)


def test_faults_read_only_corpus_refuses_writes_but_reads(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    with Corpus(db) as corpus:
        corpus.add_articles([make_article(1)])
    with Corpus(db, readonly=True) as corpus:
        assert corpus.count() == 1 and corpus.search("report")
        with pytest.raises(StoreError, match="read-only"):
            corpus.add_articles([make_article(2)])


class _FullDisk:
    """A connection that fails like SQLite on a full disk after ``allowed`` quote inserts."""

    def __init__(self, conn: sqlite3.Connection, allowed: int) -> None:
        self._conn = conn
        self.allowed = allowed

    def execute(self, sql: str, *args: Any) -> Any:
        return self._conn.execute(sql, *args)

    def executemany(self, sql: str, rows: Any) -> Any:
        if sql.startswith("INSERT INTO quotes"):
            self.allowed -= 1
            if self.allowed < 0:
                raise sqlite3.OperationalError("database or disk is full")
        return self._conn.executemany(sql, rows)

    @property
    def in_transaction(self) -> bool:
        return self._conn.in_transaction

    def close(self) -> None:
        self._conn.close()


def test_faults_full_disk_mid_batch_rolls_the_batch_back(db_path: Path) -> None:
    corpus = Corpus(db_path)
    real = corpus._conn
    corpus._conn = _FullDisk(real, allowed=15)  # type: ignore[assignment]
    with pytest.raises(StoreError, match="disk is full.*free space and rerun"):
        corpus.add_articles((make_article(i) for i in range(40)), batch_size=10)
    corpus._conn = real
    corpus.close()
    assert check_consistent(db_path) == 10  # the first batch; the second was rolled back whole
    with Corpus(db_path) as corpus:  # once there is room, a rerun completes it
        result = corpus.add_articles(make_article(i) for i in range(40))
        assert (result.added, result.duplicates) == (30, 10)


def test_faults_real_full_database_via_max_page_count(db_path: Path) -> None:
    corpus = Corpus(db_path)
    corpus.add_articles([make_article(0)])
    pages = corpus.conn.execute("PRAGMA page_count").fetchone()[0]
    corpus.conn.execute(f"PRAGMA max_page_count = {pages + 8}")
    with pytest.raises(StoreError, match="disk is full"):
        corpus.add_articles((make_article(i) for i in range(1, 400)), batch_size=25)
    corpus.close()
    stored = check_consistent(db_path)
    assert 1 <= stored < 400 and (stored - 1) % 25 == 0


def test_faults_interrupted_import_is_finished_by_a_rerun(tmp_path: Path) -> None:
    articles = [make_article(i) for i in range(30)]
    full = tmp_path / "export.jsonl"
    export_articles(articles, "jsonl", full)
    data = full.read_bytes()
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(data[: len(data) * 2 // 3])  # stops in the middle of a record
    db = tmp_path / "copy.db"
    with Corpus(db) as corpus:
        partial = import_articles(corpus, [cut])
        assert partial.failed == 1 and "truncated" in partial.failures[0][1]
        assert corpus.count() == partial.added < 30
        rest = import_articles(corpus, [full])
        assert (rest.added, rest.duplicates, rest.failed) == (30 - partial.added, partial.added, 0)
        assert all(corpus.get(a.id) == a for a in articles)
    assert check_consistent(db) == 30


def test_faults_feed_that_is_not_xml_is_recorded_and_the_rest_stored(tmp_path: Path) -> None:
    (tmp_path / "notes.xml").write_text("Just my notes, not a feed.\n", encoding="utf-8")
    write_jsonl(tmp_path / "good.jsonl", 5)
    with Corpus(tmp_path / "c.db") as corpus:
        result = add_inputs(corpus, [tmp_path], engine="serial")
        assert (result.added, result.failed) == (5, 1)
        assert "not XML" in result.failures[0][1]
        assert corpus.failures()[0]["source"].endswith("notes.xml")
