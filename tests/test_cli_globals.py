"""The global options work before and after every command and subcommand; the later one wins."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.test_cli_tree import GLOBALS, leaves, parse, required_args, setting, walk
from typer.testing import Result

from mocctl.settings import Settings

Run = Callable[..., Result]

EVERY_PATH = [path for path, _ in walk()]


def test_the_walk_finds_every_command() -> None:
    names = {" ".join(path) for path in EVERY_PATH}
    assert {
        "status",
        "validate",
        "period",
        "schema",
        "explain",
        "timeline",
        "text",
        "diff",
    } <= names
    assert {"draft", "draft modification", "draft notice", "draft decision"} <= names


@pytest.mark.parametrize("key", sorted(GLOBALS))
@pytest.mark.parametrize("path", EVERY_PATH, ids=" ".join)
def test_each_global_option_after_each_command(path: tuple[str, ...], key: str) -> None:
    option, expected = GLOBALS[key]
    tail = required_args(path) if path in leaves() else []
    _, settings = parse([*path, *option, *tail])
    assert setting(settings, key) == expected


@pytest.mark.parametrize("key", sorted(GLOBALS))
def test_each_global_option_before_the_command(key: str) -> None:
    option, expected = GLOBALS[key]
    _, settings = parse([*option, "status"])
    assert setting(settings, key) == expected


@pytest.mark.parametrize("path", [p for p in EVERY_PATH if p in leaves()], ids=" ".join)
def test_the_later_one_wins(path: tuple[str, ...]) -> None:
    args = ["--as-of", "2026-01-01", "-f", "text", "--color", "never", *path[:-1]]
    args += ["--as-of", "2026-06-01", path[-1], "--as-of", "2027-01-01", "-f", "json"]
    _, settings = parse([*args, "--color", "always", *required_args(path)])
    assert settings.as_of == dt.date(2027, 1, 1)
    assert settings.format == "json"
    assert settings.color == "always"


def test_no_color_and_color() -> None:
    assert parse(["--no-color", "status"])[1].color == "never"
    assert parse(["--no-color", "status", "--color", "always"])[1].color == "always"
    assert parse(["status", "--color", "always", "--no-color"])[1].color == "never"
    assert parse(["status"])[1] == Settings()


def test_color_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    auto = Settings()
    assert auto.use_color and auto.force_terminal is None
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert auto.force_terminal is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert not auto.use_color and auto.force_terminal is None
    assert Settings(color="always").use_color and Settings(color="always").force_terminal
    monkeypatch.delenv("NO_COLOR")
    assert not Settings(color="never").use_color
    assert Settings(color="never").force_terminal is None


def test_a_bad_color_is_a_usage_error(run: Run) -> None:
    result = run("period", "2027-02-28", "--color", "sometimes")
    assert result.exit_code == 2
    assert result.stderr.startswith("mocctl: error: --color sometimes is not a choice\n")
    assert "hint: choose one of auto, always, never" in result.stderr


# -- end to end: the combinations the README promised and that used to fail ----------------------


def test_validate_as_of_after_the_command(run: Run, records: Path) -> None:
    result = run("validate", "--records", str(records), "--as-of", "2026-11-29", "-f", "json")
    assert result.exit_code in (0, 1), result.output
    assert isinstance(json.loads(result.stdout), list)


def test_period_records_and_as_of_after_the_command(run: Run, records: Path) -> None:
    result = run(
        "period", "2027-02-28", "--records", str(records), "--as-of", "2026-11-29", "-f", "json"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["received"] == "2027-02-28"


def test_schema_no_color_after_the_command(run: Run) -> None:
    result = run("schema", "--no-color", "--color", "never", "--debug")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["$schema"]


def test_status_as_of_before_and_after(run: Run, records: Path) -> None:
    result = run(
        "--as-of", "2025-04-27", "status", "--records", str(records), "--as-of", "2026-11-29",
        "-f", "json",
    )  # fmt: skip
    assert json.loads(result.stdout)["as_of"] == "2026-11-29"


def test_a_bad_as_of_after_a_subcommand_is_a_usage_error(run: Run, records: Path) -> None:
    result = run("draft", "notice", "--by", "UK", "--records", str(records), "--as-of", "soon")
    assert result.exit_code == 2
    assert result.stderr == (
        "mocctl: error: --as-of 'soon' is not a date; write it as YYYY-MM-DD\n"
    )
