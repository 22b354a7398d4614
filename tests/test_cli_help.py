"""Help people can use, and usage errors in mocctl's own voice."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from collections.abc import Callable

import pytest
from tests.test_cli_tree import parse, walk
from typer.testing import Result

from mocctl.cli.core import EXAMPLES

Run = Callable[..., Result]

EVERY_PATH = [path for path, _ in walk()]
PYTHON_TYPES = re.compile(r"<(bool|str|int|float|path|Path|list\[[^>]*\])>|\[\[")
BOX = re.compile(r"[╭╰│─]")


def examples_of(path: tuple[str, ...]) -> list[str]:
    epilog = dict(walk())[path].epilog or ""
    assert epilog.startswith(EXAMPLES), f"mocctl {' '.join(path)}: no examples in its help"
    return [line.strip().removeprefix("$ ") for line in epilog.splitlines()[1:] if line.strip()]


@pytest.mark.parametrize("path", [(), *EVERY_PATH], ids=lambda p: " ".join(p) or "mocctl")
def test_help_has_no_python_types_and_shows_examples(run: Run, path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert not PYTHON_TYPES.search(result.stdout), result.stdout
    assert "Examples:" in result.stdout
    assert "--records" in result.stdout and "--as-of" in result.stdout


@pytest.mark.parametrize("path", EVERY_PATH, ids=" ".join)
def test_every_example_parses(path: tuple[str, ...]) -> None:
    for example in examples_of(path):
        words = shlex.split(example.split(" > ")[0])
        assert words[0] == "mocctl"
        contexts, _ = parse(words[1:])
        assert tuple(c.info_name for c in contexts[1:])[: len(path)] == path, example


def test_help_without_rich_has_no_python_types() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mocctl", "draft", "notice", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={"TYPER_USE_RICH": "0", "COLUMNS": "100", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    assert not PYTHON_TYPES.search(done.stdout), done.stdout
    assert "--by SIDE" in done.stdout


def test_required_options_are_marked(run: Run) -> None:
    out = run("draft", "notice", "--help").stdout
    assert re.search(r"^  --by SIDE .*\[required\]$", out, flags=re.M)
    assert out.count("[required]") == 1


@pytest.mark.parametrize("columns", ["60", "80"])
def test_help_is_plain_and_never_cut_short(columns: str) -> None:
    # in a real process: typer's CliRunner forces a width of 80
    done = subprocess.run(
        [sys.executable, "-m", "mocctl", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": columns, "PATH": ""},
    )
    out = done.stdout
    assert not BOX.search(out)
    assert "..." not in out.replace("[ARGS]...", "")
    assert "…" not in out.replace("$schema=…", "")
    assert all(len(line) <= int(columns) for line in out.splitlines())
    assert "Global options:" in out


def test_short_version(run: Run) -> None:
    assert run("-V").stdout == run("--version").stdout


# -- usage errors ---------------------------------------------------------------------------------


def assert_usage_error(result: Result, message: str, hint: str | None = None) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == f"mocctl: error: {message}"
    if hint is not None:
        assert lines[1:] == [f"hint: {hint}"]
    assert not BOX.search(result.stderr)
    assert result.stdout == ""


def test_misspelt_command(run: Run) -> None:
    assert_usage_error(
        run("stauts"), "unknown command 'stauts' for 'mocctl'", "did you mean 'status'?"
    )
    assert_usage_error(
        run("draft", "notic"),
        "unknown command 'notic' for 'mocctl draft'",
        "did you mean 'notice'?",
    )


def test_unknown_command_lists_the_commands(run: Run) -> None:
    result = run("frobnicate")
    assert_usage_error(result, "unknown command 'frobnicate' for 'mocctl'")
    assert "hint: the commands are validate, status" in result.stderr


def test_misspelt_option(run: Run) -> None:
    assert_usage_error(
        run("status", "--recrods", "x"), "unknown option '--recrods'", "did you mean '--records'?"
    )
    assert_usage_error(
        run("--as-off", "2026-01-01", "status"),
        "unknown option '--as-off'",
        "did you mean '--as-of'?",
    )


def test_unknown_option_without_a_suggestion(run: Run) -> None:
    assert_usage_error(
        run("period", "--zzzzzz"), "unknown option '--zzzzzz'", "see 'mocctl period --help'"
    )


def test_missing_option(run: Run) -> None:
    assert_usage_error(
        run("draft", "notice"), "missing option '--by'", "see 'mocctl draft notice --help'"
    )


def test_bad_value(run: Run) -> None:
    result = run("period", "2027-02-28", "--months", "three")
    assert_usage_error(result, result.stderr.splitlines()[0].removeprefix("mocctl: error: "))
    assert "'--months'" in result.stderr


def test_extra_argument(run: Run) -> None:
    result = run("status", "a", "b")
    assert_usage_error(result, "got unexpected extra argument(s) (b)", "see 'mocctl status --help'")


def test_option_without_its_value(run: Run) -> None:
    result = run("status", "--as-of")
    assert_usage_error(result, "option '--as-of' requires an argument")


def test_no_command_shows_the_help(run: Run) -> None:
    result = run()
    assert result.exit_code == 2
    assert "Usage: mocctl" in result.stdout
