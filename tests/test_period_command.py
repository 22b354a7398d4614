"""``mocctl period``: the notice-period calculator through the command line (SPEC §4)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from mocctl.cli import app

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr; wide, colourless output so that lines do not wrap."""
    result = runner.invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def words(text: str) -> str:
    return " ".join(text.split())


def period_json(*args: str) -> Any:
    code, out, err = invoke("period", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


# -- text ---------------------------------------------------------------------------------------


def test_short_month_end_shows_every_rule_and_why_they_differ() -> None:
    code, out, err = invoke("period", "2027-02-28", "--months", "3")
    assert code == 0, err
    rows = {line.split()[1]: line for line in out.splitlines() if line.startswith("│")}
    assert "2027-05-29" in rows["corresponding-date"]
    assert "2027-06-01" in rows["jp-civil-code"]
    assert "2027-05-28" in rows["un-anniversary"]
    assert "2027-06-01" in rows["safe-harbour"]
    assert "Tue 2027-06-01" in rows["safe-harbour"]  # with the weekday
    text = words(out)
    assert "English law" in text and "Japanese Civil Code" in text
    assert "UN depositary practice" in text
    assert "28 Feb 2027 is the last day of a month shorter than May" in text
    assert "the period runs to the end of May" in text
    assert "recommendation, not a legal determination" in text


def test_agreeing_rules_say_so() -> None:
    code, out, _ = invoke("period", "2025-04-28")  # default: 3 months
    assert code == 0
    text = words(out)
    assert "3 months" in text
    assert "English law and the Japanese Civil Code agree" in text
    assert "shorter than" not in text
    assert "taken as the recipient's calendar date" in text


def test_an_instant_gives_the_receipt_date_in_each_zone() -> None:
    code, out, _ = invoke("period", "2025-04-30T20:00:00+01:00")
    assert code == 0
    text = words(out)
    assert "Wed 30 Apr 2025 in Europe/London" in text
    assert "Thu 1 May 2025 in Asia/Tokyo" in text
    safe = next(line for line in out.splitlines() if "safe-harbour" in line and "│" in line)
    assert "2025-08-02" in safe


def test_recipient_timezone_chooses_the_date_of_the_single_rules() -> None:
    data = period_json("2025-04-30T20:00:00+01:00", "--recipient-timezone", "Europe/London")
    assert data["received"] == "2025-04-30"
    assert data["recipient_timezone"] == "Europe/London"
    assert data["rules"]["corresponding-date"]["effective"] == "2025-07-31"
    assert data["safe_harbour"]["effective"] == "2025-08-02"  # still covers Tokyo


def test_one_rule_only() -> None:
    code, out, _ = invoke("period", "2027-02-28", "--rule", "jp-civil-code")
    assert code == 0
    assert "jp-civil-code" in out
    assert "corresponding-date" not in out and "safe-harbour" not in out
    assert "Tue 1 Jun 2027" in words(out)


def test_target_text() -> None:
    code, out, err = invoke("period", "--target", "2027-06-01")
    assert code == 0, err
    text = words(out)
    safe = next(line for line in out.splitlines() if "safe-harbour" in line and "│" in line)
    assert "Sun 2027-02-28" in safe
    assert "before 00:00 on Mon 1 Mar 2027 in Asia/Tokyo" in text
    assert "15:00 on Sun 28 Feb 2027 in Europe/London" in text


def test_global_options_before_the_command() -> None:
    code, out, _ = invoke("--format", "json", "period", "2025-04-28")
    assert code == 0
    assert json.loads(out)["safe_harbour"]["effective"] == "2025-07-29"


# -- JSON ---------------------------------------------------------------------------------------


def test_json_contract() -> None:
    data = period_json("2027-02-28", "--months", "3")
    assert data["received"] == "2027-02-28"
    assert data["months"] == 3
    assert data["rules"] == {
        "corresponding-date": {"last_day": "2027-05-28", "effective": "2027-05-29"},
        "jp-civil-code": {"last_day": "2027-05-31", "effective": "2027-06-01"},
        "un-anniversary": {"last_day": "2027-05-27", "effective": "2027-05-28"},
    }
    assert data["safe_harbour"] == {"last_day": "2027-05-31", "effective": "2027-06-01"}


@pytest.mark.parametrize(
    ("args", "months"), [((), 3), (("--months", "6"), 6), (("--period", "P1Y"), 12)]
)
def test_json_months(args: tuple[str, ...], months: int) -> None:
    assert period_json("2025-08-31", *args)["months"] == months


def test_json_time_zones() -> None:
    data = period_json("2025-04-30T20:00:00+01:00")
    assert data["receipt_dates"] == {"Europe/London": "2025-04-30", "Asia/Tokyo": "2025-05-01"}
    assert data["received_at"] == "2025-04-30T20:00:00+01:00"
    assert data["safe_harbour"] == {"last_day": "2025-08-01", "effective": "2025-08-02"}


def test_json_jurisdictions_choose_the_safe_harbour() -> None:
    # Without Japan, only the corresponding-date rule counts.
    data = period_json("2027-02-28", "--jurisdictions", "gb,fr")
    assert data["jurisdictions"] == ["GB", "FR"]
    assert data["safe_harbour"]["effective"] == "2027-05-29"


def test_json_target() -> None:
    data = period_json("--target", "2027-06-01")
    assert data["target"] == "2027-06-01"
    assert data["latest_received"] == {
        "safe-harbour": "2027-02-28",
        "corresponding-date": "2027-02-28",
        "jp-civil-code": "2027-02-28",
        "un-anniversary": "2027-03-01",
    }
    assert data["safe_harbour_receive_before"] == "2027-02-28T15:00:00+00:00"


def test_json_target_one_rule() -> None:
    data = period_json("--target", "2025-07-31", "--rule", "jp-civil-code")
    assert data["latest_received"] == {"jp-civil-code": "2025-04-29"}


# -- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2025-02-30",), "not a real date"),
        (("30/04/2025",), "not a date"),
        (("2025-04-30T20:00:00",), "no UTC offset"),
        (("2025-04-30Tnoon+01:00",), "not an instant"),
        (("2025-04-30", "--rule", "uk"), "not a rule"),
        (("2025-04-30", "--rule", "jp-civil"), "did you mean jp-civil-code"),
        (("2025-04-30", "--months", "3", "--period", "P3M"), "not both"),
        (("2025-04-30", "--period", "P0M"), "zero"),
        (("2025-04-30", "--period", "90D"), "not a period of months"),
        (("2025-04-30", "--timezones", "Europe/Londres"), "not an IANA time zone"),
        (("2025-04-30", "--timezones", "Europe/London,,Asia/Tokyo"), "empty item"),
        (("2025-04-30", "--jurisdictions", "Japan"), "not a country code"),
        (("2025-04-30T20:00:00+01:00", "--jurisdictions", "FR,DE"), "--timezones"),
        (("9999-12-01",), "outside the calendar"),
        (("--target", "2027-13-01"), "--target"),
        (("2025-04-30", "--target", "2025-08-01"), "not both"),
        ((), "say when the notice was received"),
        (("2025-04-30", "--format", "yaml"), "--format yaml"),
    ],
)
def test_bad_input_exits_2_with_a_message(args: tuple[str, ...], message: str) -> None:
    code, out, err = invoke("period", *args)
    assert code == 2
    assert message in words(err)
    assert "Traceback" not in out + err
    assert "internal error" not in err


def test_months_below_one_is_a_usage_error() -> None:
    code, out, err = invoke("period", "2025-04-30", "--months", "0")
    assert code == 2
    assert "Traceback" not in out + err
