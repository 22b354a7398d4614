"""``mocctl record notice --type non-renewal`` on a fixed-term memorandum (issue 14).

The memorandum is the FICTIONAL example ``examples/five-year-term-renewing`` (signed 2021-06-02,
terms of five years, renewing unless a Side gives notice six months before the end of a term);
every notice written here is FICTIONAL too.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Run = Callable[..., Result]
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "five-year-term-renewing"


@pytest.fixture
def urban(tmp_path: Path) -> Path:
    records = tmp_path / "records"
    shutil.copytree(EXAMPLE, records / "urban")
    return records


def _record(run: Run, records: Path, *args: str) -> Result:
    return run("--records", str(records), "record", "notice", "--by", "UK", *args)


def test_a_notice_of_non_renewal_in_time_makes_the_term_the_last(run: Run, urban: Path) -> None:
    result = _record(run, urban, "--type", "non-renewal", "--received", "2030-12-01")
    assert result.exit_code == 0, result.output
    written = (urban / "urban" / "notices" / "uk-non-renewal-2030.yaml").read_text("utf-8")
    assert "type: non-renewal" in written
    assert "requested_effective" not in written
    assert "was: in force since 2021-06-02, in term 2 (2026-06-02 to 2031-06-01); renews on " in (
        result.output
    )
    assert "now: in force since 2021-06-02, in term 2 (2026-06-02 to 2031-06-01); expires on " in (
        result.output
    )
    shown = run("--records", str(urban), "status", "--as-of", "2031-06-02", "--format", "json")
    data = json.loads(shown.stdout)
    assert (data["state"], data["expires"]) == ("expired", "2031-06-02")
    assert data["term"]["ended_by"] == "uk-non-renewal-2030"


def test_a_day_too_late_it_changes_nothing_and_json_says_so(run: Run, urban: Path) -> None:
    result = _record(
        run, urban, "--type", "non-renewal", "--received", "2030-12-02", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["before"]["expires"] is None
    assert data["after"]["expires"] is None
    assert "MOC327" in {finding["code"] for finding in data["findings"]}
    shown = run("--records", str(urban), "status", "--as-of", "2031-06-02", "--format", "json")
    assert json.loads(shown.stdout)["term"]["number"] == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--type", "withdrawal"], "--type withdrawal: not a kind of notice"),
        (
            ["--type", "non-renewal", "--requested-effective", "2031-01-01"],
            "--requested-effective is for a notice of discontinuation",
        ),
    ],
)
def test_a_wrong_type_is_a_usage_error_and_nothing_is_written(
    run: Run, urban: Path, args: list[str], message: str
) -> None:
    result = _record(run, urban, *args, "--received", "2030-11-01")
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (urban / "urban" / "notices").exists()


def test_the_default_type_is_still_discontinuation(run: Run, urban: Path) -> None:
    result = _record(run, urban, "--received", "2026-07-01")
    assert result.exit_code == 0, result.output
    written = (urban / "urban" / "notices" / "uk-discontinuation-2026.yaml").read_text("utf-8")
    assert "type: discontinuation" in written
