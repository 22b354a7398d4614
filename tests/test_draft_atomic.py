"""``draft -o``: the letter and the record appear both or neither.

A full disk, a failing fsync or rename, an interrupt between the two renames: nothing is left
(no file, no temporary file, no folder the run created), exit 2 with a clear message (130 for an
interrupt). Temporary files a killed run left behind are removed by the next one, and a pair a
killed run left half-written is completed. All records here are FICTIONAL test data.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mocctl.io import atomic

Run = Callable[..., Result]
NAMES = ["jp-discontinuation-2027.md", "jp-discontinuation-2027.yaml"]
ARGS = ("draft", "notice", "jp-uk-quantum-2025", "--by", "JP", "--received", "2027-02-28",
        "--as-of", "2027-01-10")  # fmt: skip


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every path below ``root``: a file's bytes, a folder's "/" (a folder's times may change)."""
    return {
        str(path.relative_to(root)): "/" if path.is_dir() else path.read_bytes()
        for path in sorted(root.rglob("*"))
    }


def _draft(run: Run, records: Path, out: Path, *more: str) -> Result:
    return run(*ARGS, "--records", str(records), "-o", str(out), *more)


def _failing(name: str, *, after: int = 0) -> Callable[..., object]:
    """``os.NAME`` that raises ENOSPC from its call number ``after`` (0-based) on."""
    real = getattr(os, name)
    calls = {"n": 0}

    def fake(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args, **kwargs)

    return fake


@pytest.mark.parametrize(
    ("name", "after"),
    [("write", 0), ("write", 1), ("fsync", 0), ("fsync", 1), ("link", 0), ("link", 1)],
)
@pytest.mark.parametrize("nested", [False, True], ids=["folder", "new-folders"])
def test_a_full_disk_leaves_nothing(
    run: Run,
    records: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    after: int,
    nested: bool,
) -> None:
    out = tmp_path / "out" / "a" / "b" if nested else tmp_path / "out"
    if not nested:
        out.mkdir()
    before = snapshot(tmp_path)
    monkeypatch.setattr(os, name, _failing(name, after=after))
    start = time.monotonic()
    result = _draft(run, records, out)
    assert time.monotonic() - start < 10
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.stderr
    assert "nothing was" in result.stderr
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert snapshot(tmp_path) == before  # no file, no .tmp, no folder it created
    assert not (tmp_path / "out").exists() or not nested


@pytest.mark.parametrize("after", [0, 1])
def test_replacing_a_pair_fails_and_keeps_the_old_pair(
    run: Run, records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: int
) -> None:
    """With --force: os.replace fails on the first or the second file; the old pair stays."""
    out = tmp_path / "out"
    out.mkdir()
    for name in NAMES:
        (out / name).write_text(f"old {name}\n", encoding="utf-8")
    real = os.replace
    calls = {"n": 0}

    def replace(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == after + 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    result = _draft(run, records, out, "--force")
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.stderr
    assert {n: (out / n).read_text(encoding="utf-8") for n in NAMES} == {
        n: f"old {n}\n" for n in NAMES
    }
    assert sorted(p.name for p in out.iterdir()) == NAMES


def test_an_interrupt_between_the_renames_undoes_the_first(
    run: Run, records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    real = os.link
    calls = {"n": 0}

    def link(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the letter is in place; Ctrl-C before the record
            raise KeyboardInterrupt
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", link)
    before = snapshot(tmp_path)
    result = _draft(run, records, out)
    assert result.exit_code == 130
    assert "interrupted" in result.stderr
    assert snapshot(tmp_path) == before
    assert not out.exists()


def test_a_killed_run_is_cleaned_up_and_completed_by_the_next(
    run: Run, records: Path, tmp_path: Path
) -> None:
    """What SIGKILL between the renames leaves (the letter, a .tmp of the record, another
    .tmp): the next run removes the temporary files and writes the record."""
    out = tmp_path / "out"
    first = _draft(run, records, out)
    assert first.exit_code == 0, first.output
    record = out / NAMES[1]
    record.unlink()
    stale = [out / f".{NAMES[1]}.abcd_123.tmp", out / f".{NAMES[0]}.zz99zz99.tmp"]
    for path in stale:
        path.write_text("half", encoding="utf-8")
    other = out / ".notes.md.abcd1234.tmp"  # not one of ours: left alone
    other.write_text("keep", encoding="utf-8")
    again = _draft(run, records, out)
    assert again.exit_code == 0, again.output
    for path in stale:
        assert not path.exists()
        assert f"removed out/{path.name}" in again.stderr
    assert "was there already" in again.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([*NAMES, other.name])
    assert record.read_text(encoding="utf-8").startswith(("#", "apiVersion"))


def test_a_half_pair_that_differs_is_still_refused(run: Run, records: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / NAMES[0]).write_text("edited by hand\n", encoding="utf-8")
    result = _draft(run, records, out)
    assert result.exit_code == 2
    assert "already exist" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [NAMES[0]]


def test_an_unusable_output_folder_leaves_no_folder(
    run: Run, records: Path, tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    before = snapshot(tmp_path)
    for out in (tmp_path / "file", tmp_path / "file" / "sub"):
        result = _draft(run, records, out)
        assert result.exit_code == 2, result.output
        assert "internal error" not in result.output
    assert snapshot(tmp_path) == before


def test_remove_temporaries_takes_only_regular_files_named_like_ours(tmp_path: Path) -> None:
    ours = tmp_path / ".a.md.abcdefgh.tmp"
    ours.write_text("x", encoding="utf-8")
    link = tmp_path / ".a.md.linklink.tmp"
    link.symlink_to(tmp_path / "elsewhere")
    folder = tmp_path / ".a.md.folder00.tmp"
    folder.mkdir()
    for name in (".a.md.short.tmp", ".b.md.abcdefgh.tmp", "a.md", ".a.md.ABCDEFGH.tmp"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert atomic.remove_temporaries(tmp_path, ["a.md"]) == [ours]
    assert link.is_symlink() and folder.is_dir() and len(list(tmp_path.iterdir())) == 6


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_sigterm_during_the_write_leaves_nothing(records: Path, tmp_path: Path) -> None:
    """A real process, terminated while it writes (a slow fsync): no file, no .tmp, no folder."""
    out = tmp_path / "out" / "new"
    code = (
        "import os, sys, time\n"
        "real = os.fsync\n"
        "def slow(fd):\n"
        "    sys.stderr.write('fsync\\n'); sys.stderr.flush(); time.sleep(30)\n"
        "os.fsync = slow\n"
        "from mocctl.cli import main\n"
        "sys.argv = ['mocctl', *sys.argv[1:]]\n"
        "raise SystemExit(main())\n"
    )
    env = {**os.environ, "NO_COLOR": "1", "MOCCTL_NO_CACHE": "1"}
    before = snapshot(tmp_path)
    child = subprocess.Popen(
        [sys.executable, "-c", code, *ARGS, "--records", str(records), "-o", str(out)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        cwd=tmp_path,
        env=env,
    )
    assert child.stderr is not None
    assert child.stderr.readline() == b"fsync\n"
    child.send_signal(signal.SIGTERM)
    rest = child.stderr.read().decode()
    assert child.wait(timeout=20) == 130, rest
    assert "internal error" not in rest and "Traceback" not in rest
    assert snapshot(tmp_path) == before
