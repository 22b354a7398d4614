"""``-o FILE`` for ``status``, ``text`` and ``diff`` (issue 9 item 5): the output that would be
printed, written atomically once the command is done; never over an existing file without
``--force``; nothing written when the command fails. Records: the Japan–UK memorandum and the
FICTIONAL examples."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import WriteRecord
from typer.testing import Result

Run = Callable[..., Result]
SIX_MONTHS = Path(__file__).resolve().parents[1] / "examples" / "six-months-modification"
COMMANDS = {
    "status": ("status", "--as-of", "2026-11-29"),
    "text": ("text", "--as-of", "2027-01-01"),
    "diff": ("diff", "--from", "2026-01-01", "--to", "2027-01-01"),
}


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_the_file_holds_what_would_be_printed(
    run: Run, tmp_path: Path, command: str, fmt: str
) -> None:
    args = ("--records", str(SIX_MONTHS), "-f", fmt, *COMMANDS[command])
    printed = run(*args)
    target = tmp_path / "out" / "view.txt"
    written = run(*args, "-o", str(target))
    assert written.exit_code == printed.exit_code == 0, written.output
    assert written.stdout == ""
    assert f"mocctl: wrote {target}" in written.stderr
    assert target.read_text(encoding="utf-8") == printed.stdout
    if fmt == "json":
        json.loads(target.read_text(encoding="utf-8"))


def test_an_existing_file_is_replaced_only_with_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "status.txt"
    target.write_text("kept\n", encoding="utf-8")
    refused = run("status", "-o", str(target))
    assert refused.exit_code == 2
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "kept\n"
    replaced = run("status", "--as-of", "2026-11-29", "-o", str(target), "--force")
    assert replaced.exit_code == 0, replaced.output
    assert "jp-uk-quantum-2025" in target.read_text(encoding="utf-8")


def test_nothing_is_written_when_the_command_fails(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "text.md"
    failed = run("text", "no-such-memorandum", "-o", str(target))
    assert failed.exit_code == 2, failed.output
    assert not target.exists()
    assert not list(tmp_path.glob(".text.md.*"))  # no temporary file left either


def test_a_view_of_records_with_errors_is_written_and_exits_1(
    run: Run, records: Path, write: WriteRecord, tmp_path: Path
) -> None:
    write("activities/a.yaml", "apiVersion: mocctl/v1\nkind: Activity\nid: a\n")  # no title
    target = tmp_path / "status.txt"
    result = run("--records", str(records), "status", "--as-of", "2026-11-29", "-o", str(target))
    assert result.exit_code == 1, result.output
    assert "jp-uk-quantum-2025" in target.read_text(encoding="utf-8")
    assert result.stdout == ""


def test_a_folder_is_not_a_file(run: Run, tmp_path: Path) -> None:
    result = run("status", "-o", str(tmp_path), "--force")
    assert result.exit_code == 2
    assert "is a folder" in result.stderr
