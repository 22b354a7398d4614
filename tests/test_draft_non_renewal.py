"""``mocctl draft non-renewal`` (issue 14): the letter and record of a notice of non-renewal,
with the last day it can be received, from the one history.

The memoranda are the FICTIONAL examples ``examples/five-year-term-renewing`` (terms of five
years from 2021-06-02, renewing unless a Side gives notice six months before the end of a term)
and ``examples/three-year-term-expiring``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Run = Callable[..., Result]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
URBAN = str(EXAMPLES / "five-year-term-renewing")
MARINE = str(EXAMPLES / "three-year-term-expiring")


def _draft(run: Run, records: str, *args: str) -> Result:
    return run("--records", records, "draft", "non-renewal", "--as-of", "2030-11-01", *args)


def test_the_letter_names_the_end_of_the_term_and_the_last_day_to_give_notice(run: Run) -> None:
    result = _draft(run, URBAN, "--by", "UK", "--received", "2030-11-28")
    assert result.exit_code == 0, result.output
    assert "==> uk-non-renewal-2030.md <==" in result.output
    assert "its current term, which ends on 1 June 2031" in result.output
    assert "by **1 December 2030** at the latest (safe-harbour rule; 3 days after" in result.output
    assert "| un-anniversary | UN depositary practice | 2031-06-01 | 2030-12-02 |" in result.output
    assert "type: non-renewal" in result.output
    assert "draft: true" in result.output


def test_json_gives_the_dates_of_status_term(run: Run) -> None:
    result = _draft(run, URBAN, "--by", "UK", "--received", "2030-12-01", "--format", "json")
    assert result.exit_code == 0, result.output
    dates = json.loads(result.stdout)["dates"]
    assert (dates["term"], dates["last_day"], dates["expires"]) == (2, "2031-06-01", "2031-06-02")
    assert dates["last_day_to_receive"] == "2030-12-01"  # on the deadline: still in time
    status = run("--records", URBAN, "status", "--as-of", "2030-11-01", "--format", "json")
    term = json.loads(status.stdout)["term"]
    assert term["non_renewal"]["last_day_to_receive"] == dates["last_day_to_receive"]
    assert term["last_day"] == dates["last_day"]


@pytest.mark.parametrize(
    ("records", "args", "message"),
    [
        (URBAN, ["--received", "2030-12-02"], "had to be received by 2030-12-01 (safe-harbour)"),
        (URBAN, ["--received", "2021-06-01"], "has not commenced on 2021-06-01"),
        (MARINE, ["--received", "2026-01-01"], "does not renew: example-marine-2023 expires on "),
        (MARINE, ["--received", "2027-01-01"], "has expired (its last term ended on 2026-10-15)"),
    ],
)
def test_a_notice_that_would_have_no_effect_is_refused(
    run: Run, records: str, args: list[str], message: str
) -> None:
    result = _draft(run, records, "--by", "UK", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "==>" not in result.output


def test_a_memorandum_without_a_fixed_term_points_at_draft_notice(run: Run, records: Path) -> None:
    result = run("--records", str(records), "draft", "non-renewal", "--by", "UK")
    assert result.exit_code == 2, result.output
    assert "has no fixed term" in result.output
    assert "mocctl draft notice" in result.output


def test_written_with_o_the_record_is_an_inert_draft(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    result = _draft(run, URBAN, "--by", "JP", "--received", "2030-10-01", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "jp-non-renewal-2030.md",
        "jp-non-renewal-2030.yaml",
    ]
