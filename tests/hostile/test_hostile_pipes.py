"""A closed pipe (``mocctl validate | head -1``, ``mocctl --version | true``) ends quietly.

Real child processes with real pipes: ``CliRunner`` has no pipe to close. Every path is covered:
``--version`` answered before typer, a command run by the app, the same command replayed from the
cache, and the reader going away before the first byte or after the first line. The exit code is
``EXIT_CLOSED_PIPE`` (141 = 128 + SIGPIPE, what a shell reports for ``git log | head -1``):
never 1 (findings), never a traceback or any other word on stderr.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.hostile.conftest import snapshot

from mocctl.commands.replay import EXIT_CLOSED_PIPE

SECONDS = 20.0


def _env(tmp_path: Path, *, cache: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MOCCTL", "_MOCCTL"))}
    env.update({"NO_COLOR": "1", "COLUMNS": "80", "MOCCTL_CACHE_DIR": str(tmp_path / "cache")})
    if not cache:
        env["MOCCTL_NO_CACHE"] = "1"
    return env


def _closed(
    args: list[str],
    cwd: Path,
    env: dict[str, str],
    *,
    first_line: bool,
    module: str = "mocctl",
) -> tuple[int, bytes]:
    """Run ``mocctl ARGS`` with stdout a pipe that is closed at once or after one line."""
    start = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", module, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=env,
    )
    assert child.stdout is not None and child.stderr is not None
    if first_line:
        child.stdout.readline()
    child.stdout.close()
    stderr = child.stderr.read()
    code = child.wait(timeout=SECONDS)
    assert time.monotonic() - start < SECONDS
    return code, stderr


def _long(memo_dir: Path) -> None:
    """Enough output that the writer is still writing when ``head -1`` goes away (> a pipe)."""
    text = (memo_dir / "memorandum.yaml").read_text(encoding="utf-8")
    for n in range(40):  # forty memoranda: status lists each, validate each one's warning
        folder = memo_dir.parent / f"m{n:02d}"
        folder.mkdir()
        (folder / "memorandum.yaml").write_text(
            text.replace("jp-uk-quantum-2025", f"memo-{n:02d}"), encoding="utf-8"
        )


@pytest.mark.parametrize("first_line", [False, True], ids=["closed-at-once", "head-1"])
@pytest.mark.parametrize(
    ("args", "cache"),
    [
        (["--version"], False),
        (["validate"], False),
        (["validate", "--format", "json"], False),
        (["status", "--as-of", "2026-11-29"], False),
        (["status", "--as-of", "2026-11-29"], True),  # second run: replayed from the cache
        (["timeline"], False),
        (["text", "--as-of", "2026-11-29", "memo-00"], False),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else ("cache" if value else ""),
)
def test_closed_pipe_is_quiet(
    memo_dir: Path, tmp_path: Path, args: list[str], cache: bool, first_line: bool
) -> None:
    _long(memo_dir)
    env = _env(tmp_path, cache=cache)
    if cache:  # fill the cache, then the run below is a replay
        filled = subprocess.run(
            [sys.executable, "-m", "mocctl", *args],
            capture_output=True,
            cwd=tmp_path,
            env=env,
            timeout=SECONDS,
        )
        assert filled.returncode in (0, 1), filled.stderr
    before = snapshot(tmp_path / "records")
    code, stderr = _closed(args, tmp_path, env, first_line=first_line)
    assert stderr == b""
    assert code in (0, EXIT_CLOSED_PIPE)  # 0: the whole answer fitted in the pipe already
    assert snapshot(tmp_path / "records") == before


@pytest.mark.parametrize("args", [["--version"], ["validate"], ["status"]])
def test_closed_before_the_first_byte(tmp_path: Path, memo_dir: Path, args: list[str]) -> None:
    """A reader that is gone before anything is written: always the closed-pipe code."""
    _long(memo_dir)
    code, stderr = _closed(args, tmp_path, _env(tmp_path, cache=False), first_line=False)
    assert (code, stderr) == (EXIT_CLOSED_PIPE, b"")


def test_shell_pipeline(tmp_path: Path, memo_dir: Path) -> None:
    """As a user types it: ``head -1`` prints one line, the shell sees 141 for mocctl."""
    _long(memo_dir)
    script = (
        f'"{sys.executable}" -m mocctl status | head -1; echo "rc=${{PIPESTATUS[0]}}"; '
        f'"{sys.executable}" -m mocctl --version | true; echo "rc=${{PIPESTATUS[0]}}"'
    )
    done = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(tmp_path, cache=False),
        timeout=SECONDS,
    )
    lines = done.stdout.splitlines()
    assert len(lines) == 3, done.stdout
    assert lines[1] in ("rc=0", f"rc={EXIT_CLOSED_PIPE}")
    assert lines[2] in ("rc=0", f"rc={EXIT_CLOSED_PIPE}")
    assert done.stderr == ""


def test_the_pre_commit_hook_too(tmp_path: Path, memo_dir: Path) -> None:
    """The hook (``.pre-commit-hooks.yaml``) ends a closed pipe the same way."""
    _long(memo_dir)
    files = [str(p) for p in sorted((tmp_path / "records").rglob("memorandum.yaml"))]
    code, stderr = _closed(
        files,
        tmp_path,
        _env(tmp_path, cache=False),
        first_line=False,
        module="mocctl.commands.precommit",
    )
    assert (code, stderr) == (EXIT_CLOSED_PIPE, b"")
