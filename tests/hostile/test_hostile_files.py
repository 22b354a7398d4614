"""Only regular files are read, each no further than its limit, and each other path is a finding.

A FIFO among the records used to hang, a link to /dev/zero to read 5.9 GB, a link loop to end
in an internal error. The same for the documents that records reference by path and hash. All
records are FICTIONAL.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import WriteRecord
from tests.hostile.conftest import Hostile, each_has

NOTICE = """\
apiVersion: mocctl/v1
kind: Notice
id: n
type: discontinuation
by: UK
form: written
dated: 2027-01-08
received: 2027-01-10
"""
ZEROS = "0" * 64


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


@pytest.mark.parametrize(
    ("make", "code", "words"),
    [
        (_fifo, "MOC013", "FIFO"),
        (_link("/dev/zero"), "MOC001", "outside"),  # outside the folder: never opened
        (_link("n.yaml"), "MOC015", "loops"),  # a link to itself
        (_link("missing.yaml"), "MOC015", "nowhere"),
    ],
    ids=["fifo", "dev-zero", "self-link", "dangling"],
)
def test_a_path_that_is_not_a_record_file(
    make: Callable[[Path], None], code: str, words: str, hostile: Hostile, memo_dir: Path
) -> None:
    make(memo_dir / "n.yaml")
    outcomes = hostile()
    each_has(outcomes, code, "jp-uk/n.yaml", 1, 1)
    assert all(words in outcome.output for outcome in outcomes)


def test_links_in_a_loop_and_a_fifo_behind_a_link(hostile: Hostile, memo_dir: Path) -> None:
    (memo_dir / "a.yaml").symlink_to("b.yaml")
    (memo_dir / "b.yaml").symlink_to("a.yaml")
    os.mkfifo(memo_dir / "pipe")
    (memo_dir / "p.yaml").symlink_to("pipe")
    (memo_dir / "dev.yaml").symlink_to("/dev/null")
    outcomes = hostile()
    each_has(outcomes, "MOC015", "jp-uk/a.yaml")
    each_has(outcomes, "MOC015", "jp-uk/b.yaml")
    each_has(outcomes, "MOC013", "jp-uk/p.yaml")
    each_has(outcomes, "MOC001", "jp-uk/dev.yaml")


@pytest.mark.parametrize(
    ("error", "code", "words"),
    [
        (errno.EACCES, "MOC001", "Permission denied"),
        (errno.ENAMETOOLONG, "MOC016", "too long"),
        (errno.EIO, "MOC001", "Input/output error"),
    ],
    ids=["unreadable", "name-too-long", "io-error"],
)
def test_a_file_the_system_refuses_to_open(
    error: int,
    code: str,
    words: str,
    hostile: Hostile,
    write: WriteRecord,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Tests run as root, who may read anything: the refusal is simulated.
    bad = write("notices/n.yaml", NOTICE)
    real_open = os.open

    def refusing_open(path: object, *args: object, **kwargs: object) -> int:
        if Path(os.fsdecode(path)).resolve() == bad.resolve():  # type: ignore[arg-type]
            raise OSError(error, os.strerror(error), str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing_open)
    outcomes = hostile()
    each_has(outcomes, code, "jp-uk/notices/n.yaml", 1, 1)
    assert all(words in outcome.output for outcome in outcomes)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_for_real(hostile: Hostile, write: WriteRecord) -> None:
    bad = write("notices/n.yaml", NOTICE)
    bad.chmod(0)
    try:
        each_has(hostile(), "MOC001", "jp-uk/notices/n.yaml", 1, 1)
    finally:
        bad.chmod(0o644)


def test_a_name_that_is_not_utf8(hostile: Hostile, memo_dir: Path) -> None:
    (memo_dir / os.fsdecode(b"caf\xe9.yaml")).write_bytes(NOTICE.encode())  # not UTF-8
    outcomes = hostile()
    each_has(outcomes, "MOC016", "jp-uk/caf\ufffd.yaml", 1, 1)


# -- documents referenced by path and hash --------------------------------------------------------


def _documents(write: WriteRecord, *paths: str) -> None:
    entries = "".join(f'  - path: "{path}"\n    sha256: "{ZEROS}"\n' for path in paths)
    write("notices/n.yaml", NOTICE + "documents:\n" + entries)


def test_documents_that_are_not_plain_files(
    hostile: Hostile, write: WriteRecord, memo_dir: Path
) -> None:
    documents = memo_dir / "documents"
    documents.mkdir()
    with (documents / "sparse.pdf").open("wb") as handle:
        handle.truncate(2 * 1024**3)  # 2 GiB, sparse: costs nothing unless read
    os.mkfifo(documents / "fifo.pdf")
    (documents / "zero.pdf").symlink_to("/dev/zero")
    (documents / "loop.pdf").symlink_to("loop.pdf")
    (documents / "folder").mkdir()
    _documents(
        write,
        "documents/sparse.pdf",
        "documents/fifo.pdf",
        "documents/zero.pdf",
        "/dev/zero",
        "documents/loop.pdf",
        "documents/folder",
        "documents/a\\0b.pdf",
        "../../etc/passwd",
        "a/" * 600,
        "a" * 300,
        "documents/sparse.pdf/x",
    )
    outcomes = hostile()
    expected = [
        ("MOC505", 10),  # 2 GiB: over the limit, not read
        ("MOC504", 12),  # a FIFO
        ("MOC501", 14),  # a link to /dev/zero leads outside
        ("MOC501", 16),  # /dev/zero itself
        ("MOC507", 18),  # a link loop
        ("MOC504", 20),  # a folder
        ("MOC506", 22),  # a NUL
        ("MOC501", 24),  # escapes the folder
        ("MOC506", 26),  # longer than the limit
        ("MOC506", 28),  # a name longer than the system allows
        ("MOC502", 30),  # below a file
    ]
    for code, line in expected:
        each_has(outcomes, code, "jp-uk/notices/n.yaml", line, 11)


def test_an_unreadable_document(
    hostile: Hostile, write: WriteRecord, memo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (memo_dir / "documents").mkdir()
    letter = memo_dir / "documents" / "letter.pdf"
    letter.write_bytes(b"a fictional letter\n")
    _documents(write, "documents/letter.pdf")
    real_open = os.open

    def refusing_open(path: object, *args: object, **kwargs: object) -> int:
        if os.fsdecode(path).endswith("letter.pdf"):  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing_open)
    outcomes = hostile()
    each_has(outcomes, "MOC507", "jp-uk/notices/n.yaml", 10, 11)
    assert all("Permission denied" in outcome.output for outcome in outcomes)


def test_documents_have_a_budget_and_each_file_is_read_once(
    hostile: Hostile, write: WriteRecord, memo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mocctl.checks.integrity as integrity

    (memo_dir / "documents").mkdir()
    for name in ("a.pdf", "b.pdf"):
        (memo_dir / "documents" / name).write_bytes(b"x" * 600)
    monkeypatch.setattr(integrity, "MAX_DOCUMENTS_TOTAL_BYTES", 1000)
    # a.pdf three times counts once; b.pdf goes past the budget
    _documents(write, "documents/a.pdf", "documents/a.pdf", "documents/a.pdf", "documents/b.pdf")
    outcomes = hostile()
    for line in (10, 12, 14):
        each_has(outcomes, "MOC503", "jp-uk/notices/n.yaml", line + 1, 13)
    each_has(outcomes, "MOC508", "jp-uk/notices/n.yaml", 16, 11)
