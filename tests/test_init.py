"""``mocctl init`` (issue 10): a new memorandum's records that validate clean, from options or
prompts, or a copy of the Japan–UK records; nothing is overwritten. Memoranda made here are
FICTIONAL, except the copied example."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import DEFAULT_MEMORANDUM
from typer.testing import CliRunner, Result

from mocctl.cli import app

Run = Callable[..., Result]
OPTIONS = (
    "--id",
    "aa-bb-research-2026",
    "--title",
    "Memorandum of Cooperation on research",
    "--side",
    "AA:The Ministry of Aaland:GB:Europe/London",
    "--side",
    "BB:The Office of Beeland:JP:Asia/Tokyo",
    "--notice-period",
    "P3M",
    "--area",
    "research:Joint research:Joint research on examples.",
)


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_init_then_validate_is_clean(run: Run, tmp_path: Path) -> None:
    result = run("init", *OPTIONS)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "wrote records/aa-bb-research-2026/memorandum.yaml",
        "wrote records/.schema/record.schema.json",
    ]
    memo = tmp_path / "records" / "aa-bb-research-2026" / "memorandum.yaml"
    text = memo.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../.schema/record.schema.json\n")
    assert json.loads((tmp_path / "records/.schema/record.schema.json").read_text())
    for comment in ("# The Sides:", "# Who signed", "# ISO 8601", "# The areas of cooperation"):
        assert comment in text
    validate = run("validate", "--strict")
    assert validate.exit_code == 0, validate.output
    assert validate.stdout == "0 errors, 0 warnings in 1 file\n"
    status = json.loads(run("status", "-f", "json").stdout)
    assert status["state"] == "draft"
    assert status["notice_period"] == "P3M" and status["rule"] == "safe-harbour"
    assert status["areas"] == ["research"]


def test_signatures_and_more_sides(run: Run, tmp_path: Path) -> None:
    result = run(
        "init",
        "elsewhere",
        *OPTIONS,
        "--side",
        "CC:The Agency of Ceeland:FR:Europe/Paris",
        "--signature",
        "AA:2026-01-15:A. Example",
        "--signature",
        "BB:2026-01-15:B. Sample",
        "--signature",
        "CC:2026-01-16:C. Case",
        "--rule",
        "corresponding-date",
    )
    assert result.exit_code == 0, result.output
    assert "mocctl --records elsewhere validate" in result.stdout
    validate = run("--records", "elsewhere", "validate", "--strict")
    assert validate.exit_code == 0, validate.output
    status = json.loads(run("--records", "elsewhere", "status", "-f", "json").stdout)
    assert status["state"] == "in_force" and status["commenced"] == "2026-01-16"
    assert status["rule"] == "corresponding-date"


@pytest.mark.parametrize(
    ("drop", "message"),
    [
        ("--id", "missing option --id"),
        ("--title", "missing option --title"),
        ("--side", "missing option --side"),
        ("--notice-period", "missing option --notice-period"),
    ],
)
def test_without_a_terminal_a_missing_option_is_a_usage_error(
    run: Run, tmp_path: Path, drop: str, message: str
) -> None:
    args = list(OPTIONS)
    while drop in args:
        at = args.index(drop)
        del args[at : at + 2]
    result = run("init", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert not (tmp_path / "records").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--side", "AA:Name:GBR:Europe/London"], "is not an ISO 3166-1 country code"),
        (["--side", "AA:Name:GB:Europe/Londres"], "is not an IANA time zone"),
        (["--side", "AA-only"], "is not ID:NAME:JURISDICTION:TIMEZONE"),
        (["--signature", "ZZ:2026-01-15:Someone"], "is not one of the Sides"),
        (["--signature", "AA:2026-02-30:Someone"], "is not a real date"),
        (["--notice-period", "3 months"], "is not a period of months or years"),
        (["--rule", "english"], "is not a rule"),
        (["--id", "Not An Id"], "is not an id"),
    ],
)
def test_bad_values_are_usage_errors_and_nothing_is_written(
    run: Run, tmp_path: Path, args: list[str], message: str
) -> None:
    result = run("init", *OPTIONS, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert not (tmp_path / "records").exists()


def test_nothing_is_overwritten(run: Run, tmp_path: Path) -> None:
    assert run("init", *OPTIONS).exit_code == 0
    before = tree(tmp_path)
    again = run("init", *OPTIONS)
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert tree(tmp_path) == before


def test_example_is_the_japan_uk_records(run: Run, tmp_path: Path) -> None:
    result = run("init", "--example")
    assert result.exit_code == 0, result.output
    copy = (tmp_path / "records/jp-uk-quantum-2025/memorandum.yaml").read_text(encoding="utf-8")
    original = DEFAULT_MEMORANDUM.read_text(encoding="utf-8")
    assert copy.split("\n", 1)[1] == original.split("\n", 1)[1]  # all but the schema line
    assert copy.startswith("# yaml-language-server: $schema=../.schema/record.schema.json\n")
    validate = run("validate", "--strict")
    assert validate.exit_code == 0, validate.output
    before = tree(tmp_path)
    assert run("init", "--example").exit_code == 2
    assert tree(tmp_path) == before


def test_json(run: Run) -> None:
    data = json.loads(run("init", *OPTIONS, "--format", "json").stdout)
    assert data["memorandum"] == "aa-bb-research-2026"
    assert data["written"][0] == "records/aa-bb-research-2026/memorandum.yaml"


def test_prompts_in_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("mocctl.commands.init.interactive", lambda: True)
    answers = [
        "aa-bb-2026",
        "Memorandum of Cooperation on examples",
        "AA",
        "The Ministry of Aaland",
        "GB",
        "Europe/London",
        "BB",
        "The Office of Beeland",
        "JP",
        "Asia/Tokyo",
        "n",  # another Side?
        "",  # notice period: the default P3M
        "",  # rule: the default safe-harbour
        "y",
        "research",
        "Research",
        "Joint research on examples.",
        "n",
    ]
    result = CliRunner().invoke(app, ["init"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "records/aa-bb-2026/memorandum.yaml").read_text(encoding="utf-8")
    assert "notice_period: P3M" in text and "  - id: research" in text
    assert "    name: The Office of Beeland" in text


def test_the_first_five_minutes(run: Run) -> None:
    """The README's walk-through: init, record signature, status, record notice, status."""
    assert run("init", *OPTIONS).exit_code == 0
    for side, date in (("AA", "2026-01-15"), ("BB", "2026-01-16")):
        signed = run("record", "signature", "--side", side, "--date", date, "--signatory", "X")
        assert signed.exit_code == 0, signed.output
    status = run("status", "--as-of", "2026-12-01", "-f", "json")
    assert json.loads(status.stdout)["state"] == "in_force"
    notice = run("record", "notice", "--by", "BB", "--received", "2027-02-28T10:00:00+09:00")
    assert notice.exit_code == 0, notice.output
    assert "discontinuation pending with effect from 2027-06-01" in notice.stdout
    after = json.loads(run("status", "--as-of", "2027-03-01", "-f", "json").stdout)
    assert after["state"] == "discontinuation_pending"
    assert after["discontinuation"]["effective"] == "2027-06-01"
    assert run("validate", "--strict").exit_code == 0
