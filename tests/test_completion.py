"""Shell completion: scripts for bash, zsh and fish, and values read from the records."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main
import typer.testing
from tests.conftest import WriteRecord
from typer.testing import Result

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F"),
        ("zsh", "#compdef mocctl"),
        ("fish", "complete --command mocctl"),
    ],
)
def test_completion_scripts(
    run: Run, monkeypatch: pytest.MonkeyPatch, shell: str, marker: str
) -> None:
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    # typer reads that variable when it builds the command: build it for this test
    monkeypatch.setattr(typer.testing, "_get_command", typer.main.get_command)
    shown = run("--show-completion", shell)
    assert shown.exit_code == 0, shown.output
    assert marker in shown.stdout
    assert "_MOCCTL_COMPLETE" in shown.stdout
    sourced = run(env={"_MOCCTL_COMPLETE": f"source_{shell}"})
    assert sourced.exit_code == 0
    assert marker in sourced.stdout


def test_completion_options_are_offered(run: Run) -> None:
    out = run("--help").stdout
    assert "--install-completion" in out and "--show-completion" in out


def bash_env(line: str) -> dict[str, str]:
    """What bash gives mocctl to complete the last word of ``line``."""
    last = len(line.split(" ")) - 1
    return {"_MOCCTL_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(last)}


def complete_bash(run: Run, line: str) -> list[str]:
    result = run(env=bash_env(line))
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def test_memorandum_ids_from_the_records(run: Run, records: Path) -> None:
    assert complete_bash(run, f"mocctl --records {records} status ") == ["jp-uk-quantum-2025"]
    assert complete_bash(run, f"mocctl status --records {records} jp") == ["jp-uk-quantum-2025"]
    assert complete_bash(run, f"mocctl text --records {records} x") == []


def test_memorandum_ids_from_the_environment_and_the_default(
    run: Run, records: Path, tmp_path: Path
) -> None:
    (records / "jp-uk" / "memorandum.yaml").rename(records / "jp-uk" / "other.yaml")
    env = bash_env("mocctl timeline ")
    env["MOCCTL_RECORDS"] = str(ROOT / "examples" / "six-months-modification")
    result = run(env=env)
    assert result.stdout.split() == ["jp-uk-quantum-2025"]


def test_side_ids(run: Run, records: Path) -> None:
    line = f"mocctl draft notice --records {records} --by "
    assert complete_bash(run, line) == ["JP", "UK"]
    assert complete_bash(run, line + "U") == ["UK"]
    assert complete_bash(run, f"mocctl draft notice --records {records} --by UK --to ") == [
        "JP",
        "UK",
    ]


def test_activity_ids(run: Run, records: Path, write: WriteRecord) -> None:
    write(
        "activities/a.yaml",
        """\
        apiVersion: mocctl/v1
        kind: Activity
        id: exchange
        title: An exchange
        ---
        apiVersion: mocctl/v1
        kind: Activity
        id: workshops
        """,
    )
    line = f"mocctl --records {records} draft decision --end-activity "
    assert complete_bash(run, line) == ["exchange=", "workshops="]


def test_finding_codes_and_choices(run: Run) -> None:
    assert complete_bash(run, "mocctl explain MOC40") == ["MOC401", "MOC402", "MOC403"]
    assert complete_bash(run, "mocctl status --color a") == ["auto", "always"]
    assert complete_bash(run, "mocctl period --rule jp") == ["jp-civil-code"]


def test_completion_reads_no_heavy_module(records: Path) -> None:
    code = (
        "import sys, json\nfrom mocctl.cli import app\n"
        "try:\n    app(prog_name='mocctl')\nfinally:\n"
        "    print(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**bash_env(f"mocctl --records {records} status "), "PATH": ""},
    )
    assert done.stdout.split() == ["jp-uk-quantum-2025"]
    loaded = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert not {"pydantic", "ruamel.yaml", "jinja2"} & loaded
