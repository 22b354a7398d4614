"""``mocctl explain``: a finding code's documentation in the terminal, and the list of codes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mocctl.codes import CHECKS
from mocctl.commands import explain
from mocctl.findings import Finding, Severity
from mocctl.reporters import Report
from mocctl.reporters.text import render

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[1]


def test_explain_prints_the_section_of_checks_md(run: Run) -> None:
    result = run("explain", "MOC401")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("### MOC401 — a Side's name written differently\n")
    assert "**Severity:** warning" in result.stdout
    assert "**Fix:**" in result.stdout
    assert "### MOC402" not in result.stdout
    assert '<a id="moc402">' not in result.stdout


@pytest.mark.parametrize("spelling", ["moc401", "401", " MOC401 "])
def test_explain_accepts_other_spellings(run: Run, spelling: str) -> None:
    assert run("explain", spelling).stdout == run("explain", "MOC401").stdout


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_every_code_can_be_explained(run: Run, code: str) -> None:
    result = run("explain", code)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"### {code} — {CHECKS[code].title}")


def test_every_section_of_checks_md_is_found() -> None:
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert set(explain.sections()) == set(re.findall(r"^### (MOC\d{3}) ", text, flags=re.M))
    assert explain.docs_path() == ROOT / "docs" / "checks.md"


def test_explain_json(run: Run) -> None:
    data = json.loads(run("explain", "MOC302", "-f", "json").stdout)
    assert data["code"] == "MOC302"
    assert data["docs"] == "docs/checks.md#moc302"
    assert data["text"].startswith("### MOC302")


def test_explain_list(run: Run) -> None:
    result = run("explain", "--list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(CHECKS)
    assert lines[0].startswith("MOC001  error    file cannot be read: ")
    listed = json.loads(run("explain", "--list", "--format", "json").stdout)
    assert [entry["code"] for entry in listed] == list(CHECKS)


def test_unknown_code_is_a_usage_error_with_did_you_mean(run: Run) -> None:
    result = run("explain", "MOC4O1")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "mocctl: error: unknown finding code 'MOC4O1'"
    assert result.stderr.splitlines()[1].startswith("hint: did you mean MOC401")
    far = run("explain", "nothing")
    assert far.stderr.splitlines()[1] == "hint: mocctl explain --list shows every code"


def test_explain_without_a_code(run: Run) -> None:
    result = run("explain")
    assert result.exit_code == 2
    assert "--list" in result.stderr


def test_hints_end_with_the_pointer_to_explain() -> None:
    finding = Finding("MOC103", Severity.ERROR, "unknown key", "a.yaml", 3, 1, hint="did you mean?")
    bare = Finding("MOC002", Severity.ERROR, "YAML syntax error", "b.yaml", 1, 1)
    out = render(Report((finding, bare), 2)).splitlines()
    assert out[1] == "    hint: did you mean? (see: mocctl explain MOC103)"
    assert out[2].startswith("b.yaml:1:1: error MOC002")
    assert len(out) == 4


def test_the_wheel_carries_checks_md_where_explain_looks() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    included = project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included["docs/checks.md"] == "mocctl/docs/checks.md"
    package = Path(explain.__file__).resolve().parents[1]
    assert package.name == "mocctl"  # docs_path() looks in <package>/docs/checks.md first


def test_package_metadata() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    assert "Typing :: Typed" in project["classifiers"]
    assert (ROOT / "src" / "mocctl" / "py.typed").is_file()
    names = {re.split(r"[\[<>=;, ]", dep)[0].lower() for dep in project["dependencies"]}
    assert "python-dateutil" not in names  # used by tests only: in the test extra
