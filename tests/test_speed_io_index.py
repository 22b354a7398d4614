"""The ids index of the pre-commit hook (issue 12): one stamp per memorandum folder, taken
before the folder is read, and never trusted while it is too recent to tell a later change."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mocctl.commands import folder_cache
from mocctl.commands.folder_cache import FolderCache, IdIndex
from mocctl.commands.scan import scan, scan_changed
from mocctl.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "data" / "ci-records" / "example-moc"


def _portfolio(root: Path, count: int = 3) -> Path:
    for index in range(count):
        folder = root / "records" / f"moc-{index}"
        shutil.copytree(EXAMPLE, folder)
        memo = folder / "memorandum.yaml"
        text = memo.read_text(encoding="utf-8")
        memo.write_text(text.replace("id: " + _id(text), f"id: moc-{index}", 1), "utf-8")
    return root / "records"


def _id(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("id: "))[4:]


def _index(records: Path) -> IdIndex:
    return IdIndex(FolderCache(Settings(records=records), "validate", None, [records]), records)


@pytest.fixture
def records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _cache_in_tmp: Path) -> Path:
    monkeypatch.chdir(tmp_path)
    return Path(_portfolio(tmp_path).name)


def test_fresh_files_are_not_trusted_then_are(
    records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan(Settings(records=records), [records])
    index = _index(records)
    assert index.entries and all(entry[0] is None for entry in index.entries.values())
    monkeypatch.setattr(folder_cache, "RACY_NS", 0)  # as if the files had been written long ago
    scan(Settings(records=records), [records])
    index = _index(records)
    entries = list(index.entries.items())
    assert all(len(entry[0]) == 1 for _, entry in entries)  # memorandum.yaml only
    where = entries[0][0]
    known, memo = index.get(where, records / "moc-0")
    assert known and memo is not None and memo.id == "moc-0"


def test_a_same_size_change_is_seen(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(folder_cache, "RACY_NS", 0)
    scan(Settings(records=records), [records])
    memo = records / "moc-1" / "memorandum.yaml"
    status = memo.stat()
    memo.write_text(memo.read_text().replace("id: moc-1", "id: moc-2", 1), "utf-8")
    os.utime(memo, ns=(status.st_atime_ns, status.st_mtime_ns))  # size and mtime as before
    index = _index(records)
    assert not index.get(os.path.realpath(records / "moc-1"), records / "moc-1")[0]
    changed = records / "moc-0" / "memorandum.yaml"
    found = scan_changed(Settings(records=records), records, [changed]).findings
    assert not [f for f in found if f.code == "MOC204"]
    found = scan_changed(
        Settings(records=records), records, [records / "moc-2" / "memorandum.yaml"]
    ).findings
    assert [f.file for f in found if f.code == "MOC204"] == ["records/moc-2/memorandum.yaml"]


def test_a_memorandum_yml_beside_the_yaml_changes_nothing_and_a_folder_without_one_is_stamped_twice(
    records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(folder_cache, "RACY_NS", 0)
    (records / "moc-2" / "memorandum.yaml").unlink()
    scan(Settings(records=records), [records])
    index = _index(records)
    entry = index.entries[os.path.realpath(records / "moc-2")]
    assert entry[1] is None and entry[0] == [None, None]
    shutil.copy(records / "moc-1" / "memorandum.yaml", records / "moc-2" / "memorandum.yml")
    assert not index.get(os.path.realpath(records / "moc-2"), records / "moc-2")[0]
    found = scan_changed(
        Settings(records=records), records, [records / "moc-0" / "memorandum.yaml"]
    )
    assert not [f for f in found.findings if f.code == "MOC204"]
    found = scan_changed(
        Settings(records=records), records, [records / "moc-1" / "memorandum.yaml"]
    )
    assert [f.file for f in found.findings if f.code == "MOC204"] == [
        "records/moc-2/memorandum.yml"
    ]
