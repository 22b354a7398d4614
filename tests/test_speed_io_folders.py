"""The cheaper folder walk (issue 12) gives the paths that pathlib's ``/`` gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mocctl.io.folders import find_folders, record_files
from mocctl.io.paths import child_path
from mocctl.io.portfolio import discover, discover_real


@pytest.mark.parametrize("folder", ["a/b", ".", "", "/", "/a/b", "a/", "./a", "../a"])
@pytest.mark.parametrize("name", ["c.yaml", "memo-1", "é.yml", "a b", "..x", "x\\y"])
def test_child_path_is_folder_slash_name(folder: str, name: str) -> None:
    made = child_path(Path(folder), name)
    assert made == Path(folder) / name
    assert str(made) == str(Path(folder) / name)
    assert made.parts == (Path(folder) / name).parts
    assert made.parent == Path(folder)
    assert type(made) is type(Path(folder))


def _tree(root: Path) -> None:
    for memo in ("m1", "m2"):
        for part in ("", "activities/", "notices/deep/", ".hidden/", "documents/"):
            (root / memo / part).mkdir(parents=True, exist_ok=True)
            (root / memo / part / "x.yaml").write_text("kind: Notice\n")
        (root / memo / "memorandum.yaml").write_text("kind: Memorandum\n")
        (root / memo / "notes.txt").write_text("")


def test_record_files_and_discovery_give_what_the_listing_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path / "records")
    monkeypatch.chdir(tmp_path)
    for root in (Path("records"), tmp_path / "records", Path("./records/")):
        found, below = find_folders(root, [])
        assert below
        assert found == [root / "m1", root / "m2"]
        assert discover([root], []) == found
        assert list(discover_real([root], [])) == [os.path.realpath(folder) for folder in found]
        files = record_files(root / "m1", [])
        assert files == [
            root / "m1" / name
            for name in ("memorandum.yaml", "x.yaml", "activities/x.yaml", "notices/deep/x.yaml")
        ]


def test_a_memorandum_folder_named_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path / "records")
    monkeypatch.chdir(tmp_path / "records" / "m1")
    assert find_folders(Path(), []) == ([Path()], False)
    assert list(discover_real([Path()], [])) == [os.path.join(os.path.realpath("."), "")]  # noqa: PTH118
    assert discover([Path(), tmp_path / "records" / "m1"], []) == [
        Path(),
        tmp_path / "records" / "m1",
    ]
