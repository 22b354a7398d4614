"""The result cache prunes a namespace at most once per PRUNE_SECONDS (issue 12): pruning
looks at every entry, which at tens of thousands of entries outweighed a pre-commit run."""

from __future__ import annotations

import os
from pathlib import Path

from mocctl.io import cache as cache_module
from mocctl.io.cache import PRUNE_SECONDS, Cache


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_a_namespace_is_pruned_at_most_once_per_interval(tmp_path: Path) -> None:
    first = Cache(tmp_path, max_entries=2)
    for name in "abc":
        assert first.put("ns", name, b"v")  # pruned at the first put only: all three kept
    assert _entries(tmp_path / "ns") == ["a", "b", "c"]
    assert first.put("ns", "d", b"v")
    assert _entries(tmp_path / "ns") == ["a", "b", "c", "d"]
    second = Cache(tmp_path, max_entries=2)  # another run, within the interval: not pruned
    assert second.put("ns", "e", b"v")
    assert len(_entries(tmp_path / "ns")) == 5
    mark = tmp_path / ".pruned-ns"
    assert mark.is_file()
    old = mark.stat().st_mtime - PRUNE_SECONDS - 1
    os.utime(mark, (old, old))
    for index, name in enumerate("abcde"):
        os.utime(tmp_path / "ns" / name, (1000 + index, 1000 + index))
    third = Cache(tmp_path, max_entries=2)  # a run after the interval: pruned
    assert third.put("ns", "f", b"v")
    assert _entries(tmp_path / "ns") == ["e", "f"]
    assert mark.stat().st_mtime > old
    assert third.get("ns", "f") == b"v"


def test_other_namespaces_have_their_own_interval(tmp_path: Path) -> None:
    Cache(tmp_path).put("one", "a", b"v")
    assert (tmp_path / ".pruned-one").is_file()
    assert not (tmp_path / ".pruned-two").exists()
    small = Cache(tmp_path, max_entries=1)
    small.put("two", "a", b"v")
    small.put("two", "b", b"v")
    assert (tmp_path / ".pruned-two").is_file()


def test_a_cache_folder_without_the_mark_is_pruned(tmp_path: Path) -> None:
    for name in "abc":
        (tmp_path / "ns").mkdir(exist_ok=True)
        Cache(tmp_path).put("ns", name, b"v")
    (tmp_path / ".pruned-ns").unlink()
    assert Cache(tmp_path, max_entries=1).put("ns", "d", b"v")
    assert len(_entries(tmp_path / "ns")) == 1
    assert cache_module._PRUNED_MARK == ".pruned-"
