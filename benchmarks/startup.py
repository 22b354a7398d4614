"""Benchmark: the CPU time of ``mocctl`` commands against the SPEC's start-up floor.

Usage: python benchmarks/startup.py [PAIRS]   (default: 21, at least 15)

SPEC §5: ``mocctl status`` on the default records within 1.5× the time Python takes just to
import typer, rich, pydantic and ruamel.yaml; ``--help`` and ``--version`` import none of
pydantic, ruamel.yaml or jinja2. Issue 9 adds: ``--help`` ≤ 1.0×, and ``status``, ``timeline``
and ``text`` answered from the cache (unchanged records) ≤ 0.5×.

How it measures, so that a busy shared machine misleads as little as possible:

- CPU time of the child process (user + system, from ``os.wait4``), not wall-clock time;
- each command is interleaved with the floor (floor, command, floor, command, …), so that both
  see the same load; the ratio is the median of the command over the median of the floor of
  the same pairs; median, minimum and maximum are printed;
- the floor is exactly ``python -c "import typer, rich, pydantic, ruamel.yaml"`` with the same
  interpreter;
- the commands run in a temporary copy of the default records (as ``./records``), with their
  own cache folder (``MOCCTL_CACHE_DIR``): ``status`` cold with ``--no-cache``; the cache-hit
  rows after one run that fills the cache; output to ``/dev/null`` (as in a pipe).
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import compile_bytecode

ROOT = Path(__file__).resolve().parents[1]
FLOOR = [sys.executable, "-c", "import typer, rich, pydantic, ruamel.yaml"]
MOCCTL = [sys.executable, "-m", "mocctl"]
AS_OF = ["--as-of", "2026-11-29"]

# (row, arguments, fill the cache first)
ROWS: list[tuple[str, list[str], bool]] = [
    ("mocctl --version", ["--version"], False),
    ("mocctl --help", ["--help"], False),
    ("mocctl status, cold (--no-cache)", ["status", *AS_OF, "--no-cache"], False),
    ("mocctl status, cache hit", ["status", *AS_OF], True),
    ("mocctl timeline, cache hit", ["timeline", *AS_OF], True),
    ("mocctl text, cache hit", ["text", *AS_OF], True),
]


def cpu_seconds(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    """The user + system CPU time of one run of ``argv`` (its output goes to /dev/null)."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ]
    here = Path.cwd()
    os.chdir(cwd)
    try:
        pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    finally:
        os.chdir(here)
    _, status, usage = os.wait4(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {code}")
    return usage.ru_utime + usage.ru_stime


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.platform()}; {model}; nproc {os.cpu_count()}; "
        f"Python {platform.python_version()} ({platform.python_implementation()})"
    )


def main(pairs: int) -> None:
    if pairs < 15:
        raise SystemExit("use at least 15 pairs")
    print(f"machine: {machine()}")
    print(compile_bytecode())
    print(f"floor: {FLOOR[0]} -c {FLOOR[2]!r}; {pairs} interleaved pairs; CPU time")
    with tempfile.TemporaryDirectory(prefix="mocctl-bench-") as temp:
        work = Path(temp)
        shutil.copytree(ROOT / "records", work / "records")
        env = {**os.environ, "NO_COLOR": "1", "MOCCTL_CACHE_DIR": str(work / "cache")}
        env.pop("MOCCTL_NO_CACHE", None)
        env.pop("MOCCTL_RECORDS", None)
        cpu_seconds(FLOOR, work, env)  # warm the bytecode and the file cache
        header = f"{'command':36s} {'median':>8s} {'min':>8s} {'max':>8s} {'× floor':>8s}"
        print(header)
        print("-" * len(header))
        floor_all: list[float] = []
        for name, args, fill in ROWS:
            argv = [*MOCCTL, *args]
            cpu_seconds(argv, work, env)  # warm up; fills the cache for the cache-hit rows
            if fill:
                cpu_seconds(argv, work, env)
            base: list[float] = []
            times: list[float] = []
            for _ in range(pairs):
                base.append(cpu_seconds(FLOOR, work, env))
                times.append(cpu_seconds(argv, work, env))
            floor_all += base
            ratio = statistics.median(times) / statistics.median(base)
            print(
                f"{name:36s} {_ms(statistics.median(times))} {_ms(min(times))} "
                f"{_ms(max(times))} {ratio:7.2f}×"
            )
        print(
            f"{'floor (all pairs)':36s} {_ms(statistics.median(floor_all))} "
            f"{_ms(min(floor_all))} {_ms(max(floor_all))} {1:7.2f}×"
        )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:5.0f} ms"


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 21)
