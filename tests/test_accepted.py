"""Accepted findings (issue 10): `accepted:` in a record, shown as accepted, not failing --strict,
and MOC326 when an acceptance matches nothing. Records written here are FICTIONAL, except the
copy of the Japan–UK memorandum."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import DEFAULT_MEMORANDUM, WriteRecord, harmonise_names
from typer.testing import Result

Run = Callable[..., Result]
ACCEPTANCE = "\n# Findings of `mocctl validate` that are known and accepted"


def test_default_records_pass_strict_with_moc401_shown_as_accepted(run: Run) -> None:
    records = str(DEFAULT_MEMORANDUM.parent.parent)
    result = run("--records", records, "validate", "--strict")
    assert result.exit_code == 0, result.output
    assert "warning MOC401" in result.stdout
    assert "(accepted: verbatim from the signed text)" in result.stdout
    assert result.stdout.endswith("0 errors, 1 warning (1 accepted) in 1 file\n")
    data = json.loads(run("--records", records, "validate", "--format", "json").stdout)
    [finding] = data
    assert finding["code"] == "MOC401"
    assert finding["accepted"]["reason"] == "verbatim from the signed text"
    assert finding["accepted"]["at"] == "text.title"
    assert finding["accepted"]["record"] == "jp-uk-quantum-2025"
    # the contract keys are all still there
    assert {"code", "severity", "message", "file", "line", "column", "hint"} <= set(finding)


def test_the_default_memorandum_is_unchanged_but_for_the_acceptance() -> None:
    text = DEFAULT_MEMORANDUM.read_text(encoding="utf-8")
    before, after = text.split(ACCEPTANCE)
    assert "accepted" not in before
    assert after.count("- code: MOC401") == 1


def test_sarif_and_github_show_the_acceptance(run: Run) -> None:
    records = str(DEFAULT_MEMORANDUM.parent.parent)
    sarif = json.loads(run("--records", records, "validate", "--format", "sarif").stdout)
    [result] = sarif["runs"][0]["results"]
    assert result["suppressions"] == [
        {"kind": "inSource", "justification": "verbatim from the signed text", "status": "accepted"}
    ]
    github = run("--records", records, "validate", "--format", "github").stdout
    assert "(accepted: verbatim from the signed text)" in github


def test_an_acceptance_that_matches_nothing_is_moc326(run: Run, memo_dir: Path) -> None:
    memo = memo_dir / "memorandum.yaml"
    text = memo.read_text(encoding="utf-8")
    memo.write_text(text.replace("Department of Science", "Department for Science"), "utf-8")
    result = run("validate", "--records", str(memo_dir.parent), "--format", "json")
    [finding] = json.loads(result.stdout)
    assert finding["code"] == "MOC326"
    assert finding["severity"] == "warning"
    assert "MOC401 at text.title matches no finding" in finding["message"]
    assert run("validate", "--records", str(memo_dir.parent), "--strict").exit_code == 1


def test_at_matches_the_place_and_below_only(run: Run, memo_dir: Path) -> None:
    memo = memo_dir / "memorandum.yaml"
    text = memo.read_text(encoding="utf-8")
    memo.write_text(text.replace("    at: text.title\n", "    at: text\n"), "utf-8")
    data = json.loads(run("validate", "--records", str(memo_dir.parent), "-f", "json").stdout)
    assert [f["code"] for f in data] == ["MOC401"] and data[0]["accepted"]["at"] == "text"
    memo.write_text(text.replace("    at: text.title\n", "    at: areas\n"), "utf-8")
    data = json.loads(run("validate", "--records", str(memo_dir.parent), "-f", "json").stdout)
    assert sorted(f["code"] for f in data) == ["MOC326", "MOC401"]
    assert all("accepted" not in f for f in data)
    memo.write_text(text.replace("- code: MOC401\n", "- code: MOC402\n"), "utf-8")
    data = json.loads(run("validate", "--records", str(memo_dir.parent), "-f", "json").stdout)
    assert sorted(f["code"] for f in data) == ["MOC326", "MOC401"]


def test_an_acceptance_on_a_notice(run: Run, memo_dir: Path, write: WriteRecord) -> None:
    harmonise_names(memo_dir)
    notice = """\
        apiVersion: mocctl/v1
        kind: Notice
        id: uk-notice
        type: discontinuation
        by: UK
        dated: 2027-01-08
        accepted:
          - {code: MOC316, at: dated, reason: the day of receipt is not known, by: Registry}
        """
    write("notices/uk-notice.yaml", notice)
    result = run("validate", "--records", str(memo_dir.parent), "--strict")
    assert result.exit_code == 0, result.output
    assert "warning MOC316" in result.stdout
    assert "(accepted: the day of receipt is not known)" in result.stdout


def test_errors_cannot_be_accepted(run: Run, memo_dir: Path, write: WriteRecord) -> None:
    harmonise_names(memo_dir)
    notice = """\
        apiVersion: mocctl/v1
        kind: Notice
        id: xx-notice
        type: discontinuation
        by: XX
        dated: 2027-01-08
        received: 2027-01-10
        accepted:
          - {code: MOC205, at: by, reason: we know}
        """
    write("notices/xx-notice.yaml", notice)
    result = run("validate", "--records", str(memo_dir.parent), "--format", "json")
    assert result.exit_code == 1
    codes = {f["code"]: f for f in json.loads(result.stdout)}
    assert "accepted" not in codes["MOC205"]
    assert "errors cannot be accepted" in codes["MOC326"]["message"]


def test_a_malformed_acceptance_is_a_schema_error(
    run: Run, memo_dir: Path, write: WriteRecord
) -> None:
    harmonise_names(memo_dir)
    write(
        "activities/a.yaml",
        """\
        apiVersion: mocctl/v1
        kind: Activity
        id: a
        title: Fictional
        areas: [research-dialogue]
        start: 2025-10-01
        accepted: [{code: W401, at: title}]
        """,
    )
    result = run("validate", "--records", str(memo_dir.parent), "--format", "json")
    assert result.exit_code == 1
    assert all(f["code"].startswith("MOC1") for f in json.loads(result.stdout))
