"""Safe writes (io.atomic) and the folder lock (io.lock): a failure injected at every step leaves
the original intact and no temporary file; permissions are kept; writers take turns."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from mocctl.errors import UsageError
from mocctl.io import atomic
from mocctl.io.atomic import FileWrite, atomic_write_text, write_files
from mocctl.io.lock import LOCK_NAME, folder_lock


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def full() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_new_file_gets_the_usual_mode_and_an_old_one_keeps_its_own(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    atomic_write_text(new, "a: 1\n")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    old = tmp_path / "old.yaml"
    old.write_text("a: 1\n")
    old.chmod(0o640)
    atomic_write_text(old, "a: 2\n", overwrite=True)
    assert old.read_text() == "a: 2\n"
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    assert sorted(listing(tmp_path)) == ["new.yaml", "old.yaml"]


def test_never_overwrites_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("old\n")
    with pytest.raises(UsageError, match="already exists"):
        atomic_write_text(path, "new\n")
    assert listing(tmp_path) == {"a.yaml": b"old\n"}


@pytest.mark.parametrize("step", ["write", "fsync", "chmod", "replace"])
def test_a_failure_at_any_step_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"# comment\nold: 1\n")
    path.chmod(0o640)

    def fail(*args: object, **kwargs: object) -> None:
        raise full()

    monkeypatch.setattr(os, step, fail)
    with pytest.raises(UsageError, match=r"No space left on device|nothing was changed"):
        atomic_write_text(path, "new: 2\n", overwrite=True)
    monkeypatch.undo()
    assert listing(tmp_path) == {"a.yaml": b"# comment\nold: 1\n"}
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_new_file_that_cannot_be_linked_is_not_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "link", fail)
    with pytest.raises(UsageError, match="I/O error"):
        atomic_write_text(tmp_path / "a.yaml", "new\n")
    monkeypatch.undo()
    assert listing(tmp_path) == {}


def test_a_short_write_is_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.write

    def short(fd: int, data: bytes) -> int:
        return real(fd, bytes(data[:3]))

    monkeypatch.setattr(os, "write", short)
    atomic_write_text(tmp_path / "a.yaml", "a longer text\n")
    monkeypatch.undo()
    assert (tmp_path / "a.yaml").read_text() == "a longer text\n"


def test_the_folder_is_synced_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[bool] = []
    real = os.fsync

    def spy(fd: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    atomic_write_text(tmp_path / "a.yaml", "a\n")
    assert synced == [False, True]  # the file, then its folder


def test_several_files_are_written_all_or_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "one.yaml", tmp_path / "sub" / "two.yaml"
    first.write_text("old\n")
    real = atomic._stage

    def stage(write: FileWrite, encoding: str) -> tuple[FileWrite, str, int]:
        if write.path == second:
            raise UsageError("cannot write: No space left on device")
        return real(write, encoding)

    monkeypatch.setattr(atomic, "_stage", stage)
    with pytest.raises(UsageError):
        write_files([FileWrite(first, "new\n", overwrite=True), FileWrite(second, "two\n")])
    assert listing(tmp_path) == {"one.yaml": b"old\n"}
    assert not (tmp_path / "sub").exists()  # the folder made for it is gone again


def test_a_failed_rename_undoes_the_renames_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, third = (tmp_path / n for n in ("one.yaml", "two.yaml", "three.yaml"))
    first.write_text("old one\n")
    third.write_text("old three\n")
    renames = 0
    real_replace = os.replace

    def replace(src: str, dst: Path) -> None:
        nonlocal renames
        renames += 1
        if Path(dst) == third:
            raise full()
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(UsageError, match="No space left"):
        write_files(
            [
                FileWrite(first, "new one\n", overwrite=True),
                FileWrite(second, "new two\n"),
                FileWrite(third, "new three\n", overwrite=True),
            ]
        )
    monkeypatch.undo()
    assert listing(tmp_path) == {"one.yaml": b"old one\n", "three.yaml": b"old three\n"}


def test_a_file_changed_since_it_was_read_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("changed by someone else\n")
    with pytest.raises(UsageError, match="changed by someone else"):
        write_files([FileWrite(path, "mine\n", overwrite=True, expected=b"what I read\n")])
    assert listing(tmp_path) == {"a.yaml": b"changed by someone else\n"}


# -- the lock -------------------------------------------------------------------------------------


def test_the_lock_is_exclusive_names_its_holder_and_leaves_nothing(tmp_path: Path) -> None:
    with folder_lock(tmp_path):
        holder = (tmp_path / LOCK_NAME).read_text()
        assert f"pid {os.getpid()} on " in holder
        message = rf"being changed by pid {os.getpid()} on .* since "
        with pytest.raises(UsageError, match=message), folder_lock(tmp_path, timeout=0.1):
            pass  # pragma: no cover - never reached
    assert listing(tmp_path) == {}


def test_a_waiting_writer_gets_the_lock_when_it_is_released(tmp_path: Path) -> None:
    order: list[str] = []

    def second() -> None:
        with folder_lock(tmp_path, timeout=5):
            order.append("second")

    with folder_lock(tmp_path):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.2)
        order.append("first")
    thread.join(5)
    assert order == ["first", "second"]
    assert listing(tmp_path) == {}


def test_no_stale_lock_after_a_crash(tmp_path: Path) -> None:
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from mocctl.io.lock import folder_lock\n"
        "with folder_lock(Path(sys.argv[1])):\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(60)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    with pytest.raises(UsageError, match=f"pid {holder.pid} "), folder_lock(tmp_path, timeout=0.1):
        pass  # pragma: no cover
    holder.kill()  # a crash: the lock file stays, but the OS released the lock
    holder.wait()
    assert (tmp_path / LOCK_NAME).exists()
    with folder_lock(tmp_path, timeout=1):
        pass
    assert listing(tmp_path) == {}
