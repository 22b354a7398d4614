"""The FICTIONAL scenarios under examples/, through ``status`` and ``validate`` (JSON).

Every expected date here was worked out by hand from the rules of SPEC §3, step by step in the
comments, not taken from mocctl's output. N is the notice period in months, D the receipt date,
L the last day of the notice period and E the first day on which the discontinuation has effect.
Japan's rule is jp-civil-code, the UK's corresponding-date; safe-harbour is the later E of the
two, over the receipt date in Tokyo and in London.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
Run = Callable[..., Result]


def status(run: Run, example: str, as_of: str) -> dict[str, Any]:
    result = run(
        "--records", str(EXAMPLES / example), "status", "--as-of", as_of, "--format", "json"
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    assert data["id"] == "jp-uk-quantum-2025"
    assert data["as_of"] == as_of
    return data


def validate(run: Run, example: str) -> list[dict[str, Any]]:
    """The findings of ``validate --format json``, less text and wording (MOC4xx).

    The examples reproduce the signed text verbatim, with its own inconsistencies (SPEC §2.2),
    which the wording checks may point out; this module is about the lifecycle.
    """
    result = run("--records", str(EXAMPLES / example), "validate", "--format", "json")
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)
    assert all(f["severity"] != "error" for f in found), found
    return [f for f in found if not f["code"].startswith("MOC4")]


def activities(data: dict[str, Any]) -> dict[str, str]:
    return {a["id"]: a["status"] for a in data["activities"]}


def change(data: dict[str, Any], key: str, change_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in data[key] if c["id"] == change_id)
    return found


def test_every_example_is_tested() -> None:
    assert sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()) == [
        "five-year-term-renewing",  # these four: tests/test_terms_cli.py
        "non-renewal-in-time",
        "non-renewal-too-late",
        "notice-across-time-zones",
        "revoked-then-discontinued",
        "six-months-modification",
        "three-year-term-expiring",
    ]


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_every_example_says_it_is_fictional(example: str) -> None:
    for path in sorted((EXAMPLES / example).rglob("*.yaml")):
        head = path.read_text(encoding="utf-8")[:200]
        assert "FICTIONAL" in head, path


# -- notice-across-time-zones ----------------------------------------------------------------------
#
# The UK's note arrives at 16:30 GMT on 10 January 2027: 10 January in London, but already
# 01:30 on 11 January in Tokyo, where JP (the recipient) receives it. N = 3, safe-harbour:
#   D = 10 Jan: corresponding-date L = 10 Apr, E = 11 Apr; jp-civil-code S = 11 Jan, L = 10 Apr,
#               E = 11 Apr.
#   D = 11 Jan: corresponding-date L = 11 Apr, E = 12 Apr; jp-civil-code S = 12 Jan, L = 11 Apr,
#               E = 12 Apr.
# The latest E is 2027-04-12; the memorandum is in force up to and including 2027-04-11.
# Read in London alone it would have been 2027-04-11.

TIME_ZONES = "notice-across-time-zones"


@pytest.mark.parametrize(
    ("as_of", "state"),
    [
        ("2025-04-27", "draft"),  # both Sides signed on 2025-04-28
        ("2025-04-28", "in_force"),
        ("2027-01-09", "in_force"),  # the notice is not yet received
        ("2027-01-11", "discontinuation_pending"),
        ("2027-04-11", "discontinuation_pending"),  # the last day in force
        ("2027-04-12", "discontinued"),
        ("2030-01-01", "discontinued"),
    ],
)
def test_notice_across_time_zones_states(run: Run, as_of: str, state: str) -> None:
    data = status(run, TIME_ZONES, as_of)
    assert data["state"] == state
    assert data["commenced"] == (None if state == "draft" else "2025-04-28")
    assert (data["notice_period"], data["rule"]) == ("P3M", "safe-harbour")
    assert (data["discontinuation"] is None) is (state in ("draft", "in_force"))


def test_notice_across_time_zones_is_effective_on_12_april(run: Run) -> None:
    ending = status(run, TIME_ZONES, "2027-04-12")["discontinuation"]
    assert ending["notice"] == "uk-discontinuation-2027"
    assert ending["by"] == "UK"
    assert ending["received"] == "2027-01-11"  # Tokyo's date
    assert ending["receipt_assumed"] is False  # an instant with an offset
    assert (ending["rule"], ending["notice_period"]) == ("safe-harbour", "P3M")
    assert ending["last_day_in_force"] == "2027-04-11"
    assert ending["effective"] == "2027-04-12"
    assert ending["requested_effective"] is None
    # the basic rules on the recipient's date, D = 11 Jan
    assert ending["rules"]["corresponding-date"] == {
        "last_day": "2027-04-11",
        "effective": "2027-04-12",
    }
    assert ending["rules"]["jp-civil-code"] == {"last_day": "2027-04-11", "effective": "2027-04-12"}
    assert ending["rules"]["un-anniversary"] == {
        "last_day": "2027-04-10",
        "effective": "2027-04-11",
    }


def test_notice_across_time_zones_validates_clean(run: Run) -> None:
    assert validate(run, TIME_ZONES) == []


# -- six-months-modification -----------------------------------------------------------------------
#
# mod-2026-quantum-safe: JP consents 2026-03-02, UK 2026-03-05, effective 2026-04-01; it adds the
# area quantum-safe-comms and sets the notice period to P6M.
# JP's notice is received on 2026-09-30 (a plain date: taken as the UK's calendar date, MOC315).
# The period in force on D is P6M (the modification took effect on 2026-04-01, before D):
#   corresponding-date: L = 2026-09-30 + 6 months = 2027-03-30, E = 2027-03-31;
#   jp-civil-code: S = 2026-10-01 is the 1st, so L = the last day of the month 5 months after
#     October = 2027-03-31, E = 2027-04-01;
#   un-anniversary: E = 2027-03-30, L = 2027-03-29.
# safe-harbour: E = 2027-04-01 (under P3M it would have been 2027-01-01).
# quantum-safe-testbed runs 2026-06-01 to 2028-05-31 in quantum-safe-comms (in force from
# 2026-04-01): ongoing on E, so it continues after the discontinuation, until its own end.

SIX_MONTHS = "six-months-modification"


@pytest.mark.parametrize(
    ("as_of", "state", "modification", "period", "testbed"),
    [
        ("2026-03-01", "in_force", "awaiting_consent", "P3M", "planned"),
        ("2026-03-02", "in_force", "awaiting_consent", "P3M", "planned"),  # only JP consented
        ("2026-03-05", "in_force", "scheduled", "P3M", "planned"),
        ("2026-03-31", "in_force", "scheduled", "P3M", "planned"),
        ("2026-04-01", "in_force", "in_effect", "P6M", "planned"),
        ("2026-06-01", "in_force", "in_effect", "P6M", "ongoing"),
        ("2026-09-29", "in_force", "in_effect", "P6M", "ongoing"),
        ("2026-09-30", "discontinuation_pending", "in_effect", "P6M", "ongoing"),
        ("2027-03-31", "discontinuation_pending", "in_effect", "P6M", "ongoing"),
        ("2027-04-01", "discontinued", "in_effect", "P6M", "continuing"),
        ("2028-05-31", "discontinued", "in_effect", "P6M", "continuing"),
        ("2028-06-01", "discontinued", "in_effect", "P6M", "ended"),
    ],
)
def test_six_months_modification_over_time(
    run: Run, as_of: str, state: str, modification: str, period: str, testbed: str
) -> None:
    data = status(run, SIX_MONTHS, as_of)
    assert data["state"] == state
    assert data["notice_period"] == period
    assert change(data, "modifications", "mod-2026-quantum-safe")["status"] == modification
    assert ("quantum-safe-comms" in data["areas"]) is (modification == "in_effect")
    assert activities(data) == {"quantum-safe-testbed": testbed}


def test_six_months_modification_awaits_the_uks_consent(run: Run) -> None:
    data = status(run, SIX_MONTHS, "2026-03-02")
    assert change(data, "modifications", "mod-2026-quantum-safe")["awaiting_consent_of"] == ["UK"]


def test_six_months_modification_discontinues_on_1_april_2027(run: Run) -> None:
    ending = status(run, SIX_MONTHS, "2027-04-01")["discontinuation"]
    assert (ending["notice"], ending["by"]) == ("jp-discontinuation-2026", "JP")
    assert ending["received"] == "2026-09-30"
    assert ending["receipt_assumed"] is True
    assert (ending["rule"], ending["notice_period"]) == ("safe-harbour", "P6M")
    assert ending["last_day_in_force"] == "2027-03-31"
    assert ending["effective"] == "2027-04-01"
    assert ending["rules"]["corresponding-date"] == {
        "last_day": "2027-03-30",
        "effective": "2027-03-31",
    }
    assert ending["rules"]["jp-civil-code"] == {"last_day": "2027-03-31", "effective": "2027-04-01"}
    assert ending["rules"]["un-anniversary"] == {
        "last_day": "2027-03-29",
        "effective": "2027-03-30",
    }


def test_six_months_modification_validates_with_one_assumption(run: Run) -> None:
    found = validate(run, SIX_MONTHS)
    assert [(f["code"], f["severity"]) for f in found] == [("MOC315", "info")]
    assert found[0]["file"].endswith("six-months-modification/notices/jp-discontinuation.yaml")
    assert found[0]["line"] == 9  # received: 2026-09-30


# -- revoked-then-discontinued ---------------------------------------------------------------------
#
# 1. The UK's notice arrives at 10:00 on 2026-06-01 in Tokyo (02:00 the same day in London), so
#    D = 2026-06-01 in both zones. N = 3: corresponding-date L = 2026-09-01, E = 2026-09-02;
#    jp-civil-code S = 2026-06-02, L = 2026-09-01, E = 2026-09-02. E = 2026-09-02.
# 2. The UK revokes it: received 2026-07-15 (09:00 in Tokyo), before E, so it is cancelled.
# 3. JP's notice arrives at 11:00 GMT on 2027-01-29 (20:00 in Tokyo): D = 2027-01-29.
#    corresponding-date L = 2027-04-29, E = 2027-04-30; jp-civil-code S = 2027-01-30,
#    L = 2027-04-29, E = 2027-04-30; un-anniversary E = 2027-04-29. safe-harbour E = 2027-04-30,
#    but the notice requests 2027-06-30, which is later: E = 2027-06-30.
# 4. wind-down-2027 (JP consents 2027-02-01, UK 2027-02-03, effective 2027-02-03) ends
#    sensing-workshops on 2027-09-30 (Paragraph 2.4 "unless otherwise decided").
# Activities: researcher-exchange 2025-10-01..2028-09-30, sensing-workshops from 2026-01-15,
# standards-roadmap 2025-09-01..2026-12-31.

REVOKED = "revoked-then-discontinued"


@pytest.mark.parametrize(
    ("as_of", "state", "notice"),
    [
        ("2026-05-31", "in_force", None),
        ("2026-06-01", "discontinuation_pending", "uk-discontinuation-2026"),
        ("2026-07-14", "discontinuation_pending", "uk-discontinuation-2026"),
        ("2026-07-15", "in_force", None),  # revoked before its E (2026-09-02)
        ("2026-09-02", "in_force", None),
        ("2027-01-28", "in_force", None),
        ("2027-01-29", "discontinuation_pending", "jp-discontinuation-2027"),
        ("2027-06-29", "discontinuation_pending", "jp-discontinuation-2027"),
        ("2027-06-30", "discontinued", "jp-discontinuation-2027"),
    ],
)
def test_revoked_then_discontinued_states(
    run: Run, as_of: str, state: str, notice: str | None
) -> None:
    data = status(run, REVOKED, as_of)
    assert data["state"] == state
    ending = data["discontinuation"]
    assert (ending and ending["notice"]) == notice


def test_the_revoked_notice_would_have_taken_effect_on_2_september_2026(run: Run) -> None:
    ending = status(run, REVOKED, "2026-07-14")["discontinuation"]
    assert (ending["by"], ending["received"]) == ("UK", "2026-06-01")
    assert ending["effective"] == "2026-09-02"
    assert ending["last_day_in_force"] == "2026-09-01"


def test_the_requested_later_date_applies(run: Run) -> None:
    ending = status(run, REVOKED, "2027-06-30")["discontinuation"]
    assert (ending["by"], ending["received"]) == ("JP", "2027-01-29")
    assert ending["rule"] == "safe-harbour"
    assert ending["requested_effective"] == "2027-06-30"
    assert ending["effective"] == "2027-06-30"
    assert ending["last_day_in_force"] == "2027-06-29"
    assert ending["rules"]["corresponding-date"] == {
        "last_day": "2027-04-29",
        "effective": "2027-04-30",
    }
    assert ending["rules"]["jp-civil-code"] == {"last_day": "2027-04-29", "effective": "2027-04-30"}
    assert ending["rules"]["un-anniversary"]["effective"] == "2027-04-29"


@pytest.mark.parametrize(
    ("as_of", "status_"),
    [
        ("2027-01-31", "awaiting_consent"),
        ("2027-02-01", "awaiting_consent"),  # JP has consented, the UK not yet
        ("2027-02-03", "in_effect"),
        ("2027-10-01", "in_effect"),
    ],
)
def test_the_wind_down_decision(run: Run, as_of: str, status_: str) -> None:
    assert change(status(run, REVOKED, as_of), "decisions", "wind-down-2027")["status"] == status_


@pytest.mark.parametrize(
    ("as_of", "exchange", "workshops", "roadmap"),
    [
        ("2025-08-31", "planned", "planned", "planned"),
        ("2025-10-01", "ongoing", "planned", "ongoing"),
        ("2026-12-31", "ongoing", "ongoing", "ongoing"),
        ("2027-01-01", "ongoing", "ongoing", "ended"),
        ("2027-06-29", "ongoing", "ongoing", "ended"),
        ("2027-06-30", "continuing", "continuing", "ended"),  # ongoing on E: Paragraph 2.4
        ("2027-09-30", "continuing", "continuing", "ended"),
        ("2027-10-01", "continuing", "ended", "ended"),  # ended by wind-down-2027
        ("2028-09-30", "continuing", "ended", "ended"),
        ("2028-10-01", "ended", "ended", "ended"),  # its own end
    ],
)
def test_revoked_then_discontinued_activities(
    run: Run, as_of: str, exchange: str, workshops: str, roadmap: str
) -> None:
    assert activities(status(run, REVOKED, as_of)) == {
        "researcher-exchange": exchange,
        "sensing-workshops": workshops,
        "standards-roadmap": roadmap,
    }


def test_the_decided_end_is_shown(run: Run) -> None:
    data = status(run, REVOKED, "2027-10-01")
    workshops = next(a for a in data["activities"] if a["id"] == "sensing-workshops")
    assert (workshops["start"], workshops["end"]) == ("2026-01-15", "2027-09-30")


def test_revoked_then_discontinued_validates_clean(run: Run) -> None:
    # no MOC305 (the requested date is later), no MOC306 (revoked in time), instants throughout
    assert validate(run, REVOKED) == []
