"""``validate FILE`` reports that file's findings (and the cross-record ones about it); ``validate``
with no records folder at all is a usage error, not a green check of the embedded example.

All records here are FICTIONAL test data.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import WriteRecord
from typer.testing import Result

Run = Callable[..., Result]

ACTIVITY = """\
apiVersion: mocctl/v1
kind: Activity
id: {id}
title: A testbed
areas: [{area}]
start: 2026-06-01
"""
NOTICE = """\
apiVersion: mocctl/v1
kind: Notice
id: uk-notice
type: discontinuation
by: {by}
form: written
dated: 2026-09-28
received: 2026-09-30T09:00:00+00:00
"""


@pytest.fixture
def mistakes(memo_dir: Path, write: WriteRecord) -> Path:
    """Three files with findings: a bad area, the same id twice, a Side that does not exist."""
    write("activities/testbed.yaml", ACTIVITY.format(id="testbed", area="not-an-area"))
    write("activities/copy.yaml", ACTIVITY.format(id="testbed", area="research-dialogue"))
    write("notices/uk.yaml", NOTICE.format(by="XX"))
    return memo_dir


def _findings(result: Result) -> list[tuple[str, str]]:
    return [(f["file"].rsplit("/", 2)[-2] + "/" + f["file"].rsplit("/", 1)[-1], f["code"])
            for f in json.loads(result.stdout)]  # fmt: skip


def _codes_at(result: Result, name: str) -> set[str]:
    return {code for file, code in _findings(result) if file.endswith(name)}


def test_the_whole_folder_has_every_finding(run: Run, mistakes: Path) -> None:
    whole = run("validate", "--format", "json")
    assert whole.exit_code == 1
    assert _codes_at(whole, "notices/uk.yaml") >= {"MOC205"}
    assert _codes_at(whole, "activities/testbed.yaml") >= {"MOC206"}
    assert "MOC401" in _codes_at(whole, "jp-uk/memorandum.yaml")
    folder = run("validate", "--format", "json", str(mistakes))
    assert _findings(folder) == _findings(whole)


def test_one_file_reports_only_its_findings(run: Run, mistakes: Path) -> None:
    result = run("validate", "--format", "json", str(mistakes / "notices" / "uk.yaml"))
    assert result.exit_code == 1
    files = {file for file, _ in _findings(result)}
    assert files == {"notices/uk.yaml"}, result.stdout
    assert "MOC205" in _codes_at(result, "notices/uk.yaml")


def test_one_file_without_errors_passes(run: Run, mistakes: Path, write: WriteRecord) -> None:
    """The other files' errors do not fail a file that has none (exit 0)."""
    good = write("notices/jp.yaml", NOTICE.format(by="JP").replace("uk-notice", "jp-notice"))
    result = run("validate", str(good))
    assert result.exit_code == 0, result.output
    assert "MOC205" not in result.output and "MOC206" not in result.output
    assert "in 1 file" in result.output


def test_a_cross_record_finding_elsewhere_that_names_the_file(run: Run, mistakes: Path) -> None:
    """The same id twice: the finding sits at one file and names the other; both see it."""
    whole = run("validate", "--format", "json")
    duplicate = [f for f in json.loads(whole.stdout) if f["code"] == "MOC201"]
    assert len(duplicate) == 1
    at, named = duplicate[0]["file"], {"copy.yaml", "testbed.yaml"}
    for name in named:
        result = run("validate", "--format", "json", str(mistakes / "activities" / name))
        assert [f for f in json.loads(result.stdout) if f["code"] == "MOC201"] == duplicate
        assert all(f["file"] in (at, f"records/jp-uk/activities/{name}")
                   for f in json.loads(result.stdout))  # fmt: skip
    notice = run("validate", "--format", "json", str(mistakes / "notices" / "uk.yaml"))
    assert "MOC201" not in {code for _, code in _findings(notice)}


def test_several_files(run: Run, mistakes: Path) -> None:
    result = run(
        "validate",
        "--format",
        "json",
        str(mistakes / "notices" / "uk.yaml"),
        str(mistakes / "activities" / "testbed.yaml"),
    )
    assert _codes_at(result, "notices/uk.yaml") >= {"MOC205"}
    assert _codes_at(result, "activities/testbed.yaml") >= {"MOC206", "MOC201"}
    assert not _codes_at(result, "memorandum.yaml")


def test_no_records_folder_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    """No --records, no MOCCTL_RECORDS, no ./records: exit 2 with a hint, nothing checked."""
    assert not (tmp_path / "records").exists()
    result = run("validate")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no records folder here" in result.stderr
    assert "--records" in result.stderr and "mocctl init" in result.stderr
    assert "internal error" not in result.output


def test_a_named_records_folder_is_checked(run: Run, records: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    records.rename(elsewhere)
    assert run("validate").exit_code == 2
    assert run("--records", str(elsewhere), "validate").exit_code == 0
    assert run("validate", env={"MOCCTL_RECORDS": str(elsewhere)}).exit_code == 0
    assert run("validate", str(elsewhere)).exit_code == 0


def test_status_still_uses_the_embedded_example(run: Run, tmp_path: Path) -> None:
    """The README's first command on a fresh machine: ``mocctl status`` shows the example."""
    result = run("status", "--as-of", "2026-11-29")
    assert result.exit_code == 0, result.output
    assert "jp-uk-quantum-2025" in result.output or "Japan" in result.output
