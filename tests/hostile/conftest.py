"""Hostile input through the CLI: every case ends in a finding or a usage error, quickly, and
leaves the records as they were.

``hostile(...)`` runs ``validate`` and ``status`` over ``records/`` (in ``tmp_path``) and checks
for each: the exit code, no "internal error", a time bound, and that no file below ``tmp_path``
changed (a snapshot that never opens anything but regular files). All records are FICTIONAL.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import Result

SECONDS = 5.0  # each command, each case
AS_OF = "2026-11-29"
LINE = re.compile(
    r"(?P<file>[^\s│]+):(?P<line>\d+):(?P<column>\d+): (?:error|warning|info) (?P<code>MOC\d{3}) "
)


def snapshot(root: Path) -> dict[str, tuple[object, ...]]:
    """Every path below ``root`` with its type, size and (for small regular files) content hash."""
    state: dict[str, tuple[object, ...]] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            path = Path(folder, name)
            info = path.lstat()
            kind = stat.S_IFMT(info.st_mode)
            entry: tuple[object, ...] = (kind, info.st_size, info.st_mtime_ns, info.st_mode)
            if stat.S_ISLNK(info.st_mode):
                entry += (str(path.readlink()),)
            elif stat.S_ISREG(info.st_mode) and info.st_size <= 16 * 1024 * 1024:
                entry += (hashlib.sha256(path.read_bytes()).hexdigest(),)
            state[os.fsencode(path.relative_to(root)).hex()] = entry
    return state


@dataclass
class Outcome:
    command: str
    exit_code: int
    output: str
    seconds: float

    @property
    def text(self) -> str:
        """The output with any box drawing and line wrapping taken out."""
        return re.sub(r"[\s│╭╮╰╯─]+", " ", self.output)

    def findings(self) -> list[tuple[str, int, int, str]]:
        return [
            (m["file"], int(m["line"]), int(m["column"]), m["code"])
            for m in LINE.finditer(self.text)
        ]

    def has(self, code: str, file: str, line: int | None = None, column: int | None = None) -> bool:
        return any(
            f_code == code
            and f_file.endswith(file)
            and (line is None or f_line == line)
            and (column is None or f_column == column)
            for f_file, f_line, f_column, f_code in self.findings()
        )


Hostile = Callable[..., list[Outcome]]


@pytest.fixture
def hostile(run: Callable[..., Result], tmp_path: Path) -> Hostile:
    def _hostile(
        *records: str,
        commands: tuple[str, ...] = ("validate", "status"),
        exit_codes: tuple[int, ...] = (1,),
        seconds: float = SECONDS,
        arguments: tuple[str, ...] = (),
    ) -> list[Outcome]:
        before = snapshot(tmp_path)
        outcomes = []
        for command in commands:
            args = ["--records", *(records or ("records",)), command, *arguments]
            if command == "status":
                args += ["--as-of", AS_OF]
            start = time.monotonic()
            result = run(*args, env={"COLUMNS": "200"})
            outcome = Outcome(command, result.exit_code, result.output, time.monotonic() - start)
            assert outcome.seconds < seconds, f"{command} took {outcome.seconds:.1f} s"
            assert "internal error" not in result.output, result.output
            assert "Traceback" not in result.output, result.output
            assert result.exit_code in exit_codes, (command, result.exit_code, result.output)
            assert snapshot(tmp_path) == before, f"{command} changed the tree"
            outcomes.append(outcome)
        return outcomes

    return _hostile


def each_has(
    outcomes: list[Outcome],
    code: str,
    file: str,
    line: int | None = None,
    column: int | None = None,
) -> None:
    """Every command reported ``code`` at ``file`` (and line and column, when given)."""
    for outcome in outcomes:
        assert outcome.has(code, file, line, column), (outcome.command, outcome.output)
