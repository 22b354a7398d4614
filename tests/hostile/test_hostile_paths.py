"""Nothing hidden, and no records path that cannot be records is read as if it were.

A sub-folder mocctl cannot read, and links to folders inside a memorandum folder, used to be
skipped without a word (so `status` said "In force" while the skipped folder held a notice).
A `--records` path that is a file, a device, a FIFO, an empty folder or a folder that is not a
records folder is a usage error (exit 2). All records are FICTIONAL.
"""

from __future__ import annotations

import errno
import os
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


def _refuse_listing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """os.scandir refuses ``folder`` as it would for a user without the right to read it."""
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)).resolve() == folder.resolve():  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_sub_folder_that_cannot_be_read(
    hostile: Hostile, write: WriteRecord, memo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("notices/n.yaml", NOTICE)
    _refuse_listing(monkeypatch, memo_dir / "notices")
    outcomes = hostile()
    each_has(outcomes, "MOC014", "jp-uk/notices", 1, 1)
    assert all("Permission denied" in outcome.output for outcome in outcomes)


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists folders whatever their permissions")
def test_a_sub_folder_that_cannot_be_read_for_real(
    hostile: Hostile, write: WriteRecord, memo_dir: Path
) -> None:
    write("notices/n.yaml", NOTICE)
    (memo_dir / "notices").chmod(0)
    try:
        each_has(hostile(), "MOC014", "jp-uk/notices", 1, 1)
    finally:
        (memo_dir / "notices").chmod(0o755)


def test_links_to_folders_are_findings(hostile: Hostile, memo_dir: Path, tmp_path: Path) -> None:
    (memo_dir / "etc").symlink_to("/etc")
    (memo_dir / "loop").symlink_to(".")
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "n.yaml").write_text(NOTICE, encoding="utf-8")
    (memo_dir / "notices").symlink_to(shared)
    (memo_dir / "documents").symlink_to(shared)  # documents/ is never read as records
    outcomes = hostile()
    for name in ("etc", "loop", "notices"):
        each_has(outcomes, "MOC015", f"jp-uk/{name}", 1, 1)
    assert not any(outcome.has("MOC015", "jp-uk/documents") for outcome in outcomes)


# -- --records ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_text("# readme\n", encoding="utf-8"), "is not a records folder"),
        (lambda p: os.mkfifo(p), "is a FIFO"),
        (lambda p: p.mkdir(), "holds no records"),
        (lambda p: (p / "docs").mkdir(parents=True), "holds no records"),
        (None, "does not exist"),
    ],
    ids=["text-file", "fifo", "empty-folder", "no-memorandum-folders", "missing"],
)
def test_records_that_cannot_be_records(
    make: object, words: str, hostile: Hostile, tmp_path: Path
) -> None:
    path = tmp_path / "README.md"
    if callable(make):
        make(path)
    for outcome in hostile(str(path), exit_codes=(2,)):
        assert words in outcome.output, outcome.output
        assert "README.md" in outcome.output


def test_a_repository_is_not_read_as_one_memorandum(hostile: Hostile, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    for name in ("src", "docs", "tests"):
        (repo / name).mkdir(parents=True)
    (repo / ".pre-commit-hooks.yaml").write_text("- id: x\n", encoding="utf-8")
    (repo / "tests" / "data").mkdir()
    (repo / "tests" / "data" / "case.yaml").write_text("a: 1\n", encoding="utf-8")
    for outcome in hostile(str(repo), exit_codes=(2,)):
        assert "holds no records" in outcome.output


def test_records_on_a_device(hostile: Hostile) -> None:
    for outcome in hostile("/dev/null", exit_codes=(2,)):
        assert "/dev/null is a character device" in outcome.output


def test_a_records_folder_that_cannot_be_read(
    hostile: Hostile, records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse_listing(monkeypatch, records)
    for outcome in hostile(exit_codes=(2,)):
        assert "cannot read the folder records: Permission denied" in outcome.output


def test_one_record_file_as_records(hostile: Hostile, write: WriteRecord) -> None:
    # a *.yaml file is read with its memorandum folder, as `validate FILE` does
    write("notices/n.yaml", NOTICE.replace("by: UK\n", ""))
    each_has(hostile("records/jp-uk/notices/n.yaml"), "MOC104", "jp-uk/notices/n.yaml")


def test_a_stray_record_beside_the_memorandum_folders(hostile: Hostile, records: Path) -> None:
    # it used to turn the whole records folder into one memorandum
    (records / "uk-notice.yaml").write_text(NOTICE, encoding="utf-8")
    (records / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    outcomes = hostile()
    each_has(outcomes, "MOC017", "records/uk-notice.yaml", 1, 1)
    each_has(outcomes, "MOC017", "records/mkdocs.yml", 1, 1)
    assert not any(outcome.has("MOC203", "") for outcome in outcomes)


def test_a_memorandum_folder_that_is_a_link_is_not_followed(
    hostile: Hostile, records: Path, tmp_path: Path
) -> None:
    (records / "root").symlink_to("/")  # would walk the whole file system
    outcomes = hostile()
    each_has(outcomes, "MOC015", "records/root", 1, 1)


def test_a_path_with_a_nul_is_a_usage_error(hostile: Hostile) -> None:
    named = ("records/a\x00b.yaml",)
    for outcome in hostile(commands=("validate",), arguments=named, exit_codes=(2,)):
        assert "records/a\\x00b.yaml is not a usable path" in outcome.output
