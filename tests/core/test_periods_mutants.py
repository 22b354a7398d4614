"""Tests that kill the mutants of ``mocctl.core.periods`` that tests/test_periods.py let live.

Each test states a rule of SPEC §3.3 or a documented behaviour of the module, with the expected
value worked out by hand in the comment next to it (never copied from the program's output).
The run and the survivors that are equivalent are described in docs/mutation.md.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mocctl.core.periods import (
    Period,
    add_months,
    compute,
    effective,
    latest_receipt,
    parse_months,
    receipt_dates,
    receipt_deadline,
    rule_for_jurisdiction,
    safe_harbour,
)

D = dt.date.fromisoformat
JAPAN_UK = ("GB", "JP")
LONDON_TOKYO = ("Europe/London", "Asia/Tokyo")
OUTSIDE = "the date is outside the calendar mocctl can compute (years 1 to 9999)"


def exactly(message: str) -> str:
    """A ``pytest.raises(match=…)`` pattern for the whole message, as written."""
    return f"^{re.escape(message)}$"


# -- month clamping at the ends of months, leap years and the ends of the calendar --------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        # 31 Jan + 1 month: no 31 Feb, so the last day of February (28; 29 in a leap year).
        ("2027-01-31", 1, "2027-02-28"),
        ("2028-01-31", 1, "2028-02-29"),
        # 29 Feb + 12 months: 2029 has no 29 Feb, so 28 Feb; + 48 months is 29 Feb again.
        ("2028-02-29", 12, "2029-02-28"),
        ("2028-02-29", 48, "2032-02-29"),
        # 1900 is not a leap year (divisible by 100), 2000 is (divisible by 400).
        ("1899-11-30", 3, "1900-02-28"),
        ("1999-11-30", 3, "2000-02-29"),
        # 31 Mar + 1 month is 30 Apr; 31 Aug + 1 month is 30 Sep; 30 Jan + 1 month is 28 Feb.
        ("2025-03-31", 1, "2025-04-30"),
        ("2025-08-31", 1, "2025-09-30"),
        ("2025-01-30", 1, "2025-02-28"),
        # A day that exists in the target month is kept: 28 Feb + 1 month is 28 Mar.
        ("2025-02-28", 1, "2025-03-28"),
        # Across the year end, forwards and backwards.
        ("2025-12-31", 1, "2026-01-31"),
        ("2026-01-31", -1, "2025-12-31"),
        ("2025-11-15", 14, "2027-01-15"),
        # The first and the last year of the calendar are computable.
        ("0001-01-31", 1, "0001-02-28"),
        ("9999-01-31", 1, "9999-02-28"),
        ("9999-12-31", 0, "9999-12-31"),
    ],
)
def test_add_months_clamps_to_the_end_of_a_shorter_month(
    day: str, months: int, expected: str
) -> None:
    assert add_months(D(day), months) == D(expected)


@pytest.mark.parametrize(("day", "months"), [("9999-12-01", 1), ("0001-01-01", -1)])
def test_add_months_outside_the_calendar_is_a_value_error(day: str, months: int) -> None:
    with pytest.raises(ValueError, match=exactly(OUTSIDE)):
        add_months(D(day), months)


def test_effect_after_the_last_day_of_the_calendar_is_a_value_error() -> None:
    # jp-civil-code: receipt on 31 Dec 9999 starts the count on 1 Jan 10000.
    with pytest.raises(ValueError, match=exactly(OUTSIDE)):
        compute("jp-civil-code", D("9999-12-31"), 1)
    # corresponding-date: 31 Oct 9999 + 2 months ends on 31 Dec 9999; E would be 1 Jan 10000.
    with pytest.raises(ValueError, match=exactly(OUTSIDE)):
        compute("corresponding-date", D("9999-10-31"), 2)


def test_the_rules_at_the_ends_of_the_calendar() -> None:
    # 30 Nov 9999 + 1 month = 30 Dec 9999 (L); E = 31 Dec 9999, the last computable day.
    assert compute("corresponding-date", D("9999-11-30"), 1) == Period(
        D("9999-12-30"), D("9999-12-31")
    )
    # un-anniversary in year 1: 1 Jan + 1 month = 1 Feb (E); L = 31 Jan.
    assert compute("un-anniversary", D("0001-01-01"), 1) == Period(D("0001-01-31"), D("0001-02-01"))


@pytest.mark.parametrize(
    ("day", "months", "last_day"),
    [
        # S = 1 Mar 2027 is the 1st: L is the last day of the month N − 1 = 0 months later.
        ("2027-02-28", 1, "2027-03-31"),
        # S = 1 Feb 2028 is the 1st: L = the end of April 2028 (N = 3, two months after Feb).
        ("2028-01-31", 3, "2028-04-30"),
        # S = 30 Jan 2027; one month later is February, which has no 30th: L = 28 Feb 2027.
        ("2027-01-29", 1, "2027-02-28"),
        # S = 30 Jan 2028 (leap year): February 2028 has no 30th either: L = 29 Feb 2028.
        ("2028-01-29", 1, "2028-02-29"),
        # S = 29 Jan 2028: 29 Feb 2028 exists, so L is the day before it, 28 Feb 2028.
        ("2028-01-28", 1, "2028-02-28"),
        # S = 29 Jan 2027: 2027 has no 29 Feb: L = 28 Feb 2027 (the month's last day).
        ("2027-01-28", 1, "2027-02-28"),
        # S = 31 Dec 2025: 31 Jan 2026 exists: L = 30 Jan 2026 (across the year end).
        ("2025-12-30", 1, "2026-01-30"),
    ],
)
def test_jp_civil_code_articles_143_1_and_143_2(day: str, months: int, last_day: str) -> None:
    period = compute("jp-civil-code", D(day), months)
    assert period == Period(D(last_day), D(last_day) + dt.timedelta(days=1))


# -- arguments that are refused, with the message the user sees ---------------------------------


@pytest.mark.parametrize("months", [True, False, 2.5, 3.0, "3"])
def test_months_must_be_a_whole_number(months: object) -> None:
    # A bool is an int to Python, but True is not "one month" to a reader of the records.
    with pytest.raises(ValueError, match=r"^the notice period must be a whole number of months"):
        compute("corresponding-date", D("2025-04-28"), months)  # type: ignore[arg-type]


@pytest.mark.parametrize("months", [0, -3])
def test_months_must_be_at_least_one(months: int) -> None:
    message = f"the notice period must be at least one month, not {months}"
    with pytest.raises(ValueError, match=exactly(message)):
        compute("corresponding-date", D("2025-04-28"), months)


def test_one_month_is_a_notice_period() -> None:
    # The smallest period allowed is one month: P1M parses, and compute accepts N = 1.
    assert parse_months("P1M") == 1
    assert parse_months("p1m") == 1
    assert compute("corresponding-date", D("2025-04-28"), 1).last_day == D("2025-05-28")


def test_parse_months_messages() -> None:
    zero = "the notice period 'P0M' is zero; it must be at least one month"
    with pytest.raises(ValueError, match=exactly(zero)):
        parse_months("P0M")
    weeks = "'P2W' is not a period of months or years; write it like P3M, P6M or P1Y"
    with pytest.raises(ValueError, match=exactly(weeks)):
        parse_months("P2W")


def test_safe_harbour_is_not_a_basic_rule() -> None:
    message = "safe-harbour is not a basic rule; use safe_harbour() or effective()"
    with pytest.raises(ValueError, match=exactly(message)):
        compute("safe-harbour", D("2025-04-28"), 3)


@pytest.mark.parametrize("rule", ["foo", "Safe-Harbour", "SAFE-HARBOUR", ""])
def test_an_unknown_rule_lists_the_rules(rule: str) -> None:
    message = (
        f"unknown rule {rule!r}; the rules are: corresponding-date, jp-civil-code, un-anniversary"
    )
    with pytest.raises(ValueError, match=exactly(message)):
        compute(rule, D("2025-04-28"), 3)
    every = f"unknown rule {rule!r}; the rules are: safe-harbour, corresponding-date, "
    with pytest.raises(ValueError, match="^" + re.escape(every)):
        effective(rule, D("2025-04-28"), 3, JAPAN_UK, LONDON_TOKYO, "Europe/London")


def test_compute_takes_a_date_not_an_instant() -> None:
    instant = dt.datetime(2025, 4, 28, 12, 0, tzinfo=dt.UTC)
    with pytest.raises(ValueError, match=exactly("expected a calendar date, not an instant")):
        compute("corresponding-date", instant, 3)


@pytest.mark.parametrize("code", ["G", "GBR", "1A", ""])
def test_a_jurisdiction_is_two_letters(code: str) -> None:
    message = f"{code!r} is not a jurisdiction code; use two letters such as GB or JP"
    with pytest.raises(ValueError, match=exactly(message)):
        rule_for_jurisdiction(code)


@pytest.mark.parametrize("jurisdictions", [(), [], "GB", "GBJP"])
def test_safe_harbour_needs_a_list_of_jurisdictions(jurisdictions: object) -> None:
    # A bare string is refused as a whole, not read letter by letter.
    message = "safe-harbour needs the jurisdictions of the Sides, e.g. ['GB', 'JP']"
    with pytest.raises(ValueError, match=exactly(message)):
        safe_harbour(D("2025-04-28"), 3, jurisdictions, LONDON_TOKYO)  # type: ignore[arg-type]


def test_an_unknown_time_zone_is_named() -> None:
    message = "'Mars/Olympus' is not an IANA time zone (such as Europe/London or Asia/Tokyo)"
    with pytest.raises(ValueError, match=exactly(message)):
        effective("corresponding-date", D("2025-04-28"), 3, JAPAN_UK, LONDON_TOKYO, "Mars/Olympus")


class _NoOffset(dt.tzinfo):
    """A time zone that does not know its offset: its instants are as good as naive."""

    def utcoffset(self, moment: dt.datetime | None) -> dt.timedelta | None:
        return None

    def dst(self, moment: dt.datetime | None) -> dt.timedelta | None:
        return None

    def tzname(self, moment: dt.datetime | None) -> str | None:
        return None


@pytest.mark.parametrize(
    "instant",
    [dt.datetime(2025, 4, 30, 20, 0), dt.datetime(2025, 4, 30, 20, 0, tzinfo=_NoOffset())],
    ids=["naive", "tzinfo-without-offset"],
)
def test_an_instant_needs_a_utc_offset(instant: dt.datetime) -> None:
    message = "the instant 2025-04-30T20:00:00 has no UTC offset; add one, e.g. +00:00 or +09:00"
    with pytest.raises(ValueError, match=exactly(message)):
        receipt_dates(instant, LONDON_TOKYO)
    with pytest.raises(ValueError, match=exactly(message)):
        effective("corresponding-date", instant, 3, JAPAN_UK, LONDON_TOKYO, "Europe/London")


def test_an_instant_needs_a_time_zone_to_have_a_date() -> None:
    instant = dt.datetime(2025, 4, 30, 19, 0, tzinfo=dt.UTC)
    message = "an instant of receipt needs at least one time zone to give it a date"
    with pytest.raises(ValueError, match=exactly(message)):
        receipt_dates(instant, ())


# -- safe harbour over several jurisdictions and time zones -------------------------------------


def test_safe_harbour_over_three_zones_takes_the_latest_date() -> None:
    # 11:00 UTC on 30 Apr 2025 is 12:00 in London (BST) and 20:00 in Tokyo, both 30 April, but
    # 01:00 on 1 May in Kiritimati (UTC+14).
    instant = dt.datetime(2025, 4, 30, 11, 0, tzinfo=dt.UTC)
    zones = (*LONDON_TOKYO, "Pacific/Kiritimati")
    assert receipt_dates(instant, zones) == (D("2025-04-30"), D("2025-05-01"))
    # London and Tokyo only, D = 30 Apr: corresponding-date E = 31 Jul; jp-civil-code counts
    # from S = 1 May (a 1st): L = 31 Jul, E = 1 Aug. The latest is 1 Aug.
    assert safe_harbour(instant, 3, JAPAN_UK, LONDON_TOKYO) == Period(
        D("2025-07-31"), D("2025-08-01")
    )
    # With Kiritimati, D = 1 May too: corresponding-date L = 1 Aug, E = 2 Aug; jp-civil-code
    # S = 2 May, L = 1 Aug, E = 2 Aug. The latest is 2 Aug.
    assert safe_harbour(instant, 3, JAPAN_UK, zones) == Period(D("2025-08-01"), D("2025-08-02"))


def test_safe_harbour_with_one_jurisdiction_is_its_rule() -> None:
    # D = 28 Feb 2027, N = 3 (SPEC table): GB alone gives E = 29 May, JP alone gives E = 1 Jun;
    # a French, a German and a US Side read it as GB does.
    day = D("2027-02-28")
    assert safe_harbour(day, 3, ["GB"], ["Europe/London"]).effective == D("2027-05-29")
    assert safe_harbour(day, 3, ["FR", "DE", "US"], ["UTC"]).effective == D("2027-05-29")
    assert safe_harbour(day, 3, ["JP"], ["Asia/Tokyo"]).effective == D("2027-06-01")
    assert safe_harbour(day, 3, ["gb", "jp", "fr"], ["UTC"]).effective == D("2027-06-01")


@pytest.mark.parametrize("code", ["GB", "UK", "uk", " gb ", "FR", "DE", "EL", "GR", "IE", "US"])
def test_british_european_and_other_sides_read_the_corresponding_date(code: str) -> None:
    assert rule_for_jurisdiction(code) == "corresponding-date"


@pytest.mark.parametrize("code", ["JP", "jp", " Jp "])
def test_a_japanese_side_reads_the_civil_code(code: str) -> None:
    assert rule_for_jurisdiction(code) == "jp-civil-code"


def test_effective_with_a_basic_rule_ignores_the_other_sides() -> None:
    # A plain date is the recipient's date already; jurisdictions and zones play no part.
    period = effective("jp-civil-code", D("2025-04-30"), 3, ["GB"], ["UTC"], "Europe/London")
    assert period == Period(D("2025-07-31"), D("2025-08-01"))


# -- the inverse search and its bounds ----------------------------------------------------------


def test_latest_receipt_for_a_basic_rule() -> None:
    # corresponding-date, N = 3: D = 28 Apr 2025 gives E = 29 Jul; D = 29 Apr gives E = 30 Jul.
    # So 28 Apr is the latest receipt for a discontinuation on or before 29 Jul. The Sides'
    # jurisdictions and zones are not needed for a basic rule.
    day = latest_receipt(D("2025-07-29"), "corresponding-date", 3, [], [], "Europe/London")
    assert day == D("2025-04-28")


def test_latest_receipt_checks_the_recipients_zone() -> None:
    message = "'Mars/Olympus' is not an IANA time zone (such as Europe/London or Asia/Tokyo)"
    with pytest.raises(ValueError, match=exactly(message)):
        latest_receipt(
            D("2025-07-29"), "corresponding-date", 3, JAPAN_UK, LONDON_TOKYO, "Mars/Olympus"
        )


def test_latest_receipt_under_safe_harbour_checks_the_sides() -> None:
    message = "safe-harbour needs the jurisdictions of the Sides, e.g. ['GB', 'JP']"
    with pytest.raises(ValueError, match=exactly(message)):
        latest_receipt(D("2025-08-02"), "safe-harbour", 3, [], LONDON_TOKYO, "Europe/London")
    # Every Side's zone is checked, though a plain receipt date needs none of them.
    message = "'Mars/Olympus' is not an IANA time zone (such as Europe/London or Asia/Tokyo)"
    with pytest.raises(ValueError, match=exactly(message)):
        latest_receipt(D("2025-08-02"), "safe-harbour", 3, JAPAN_UK, ["Mars/Olympus"], "UTC")


def test_latest_receipt_under_safe_harbour() -> None:
    # Japan–UK, N = 3: D = 30 Apr 2025 gives E = 1 Aug (jp-civil-code, the later reading);
    # D = 1 May gives E = 2 Aug. So for a discontinuation on or before 1 Aug, 30 Apr.
    day = latest_receipt(D("2025-08-01"), "safe-harbour", 3, JAPAN_UK, LONDON_TOKYO, "UTC")
    assert day == D("2025-04-30")


def test_latest_receipt_at_the_start_of_the_calendar() -> None:
    # corresponding-date, N = 1: D = 1 Jan 0001 gives L = 1 Feb, E = 2 Feb 0001, and D = 2 Jan
    # gives E = 3 Feb. The first day of the calendar is the answer for 2 Feb 0001.
    day = latest_receipt(D("0001-02-02"), "corresponding-date", 1, [], [], "UTC")
    assert day == D("0001-01-01")
    # For 1 Feb 0001 no receipt date is early enough.
    message = "no receipt date gives a discontinuation on or before 0001-02-01"
    with pytest.raises(ValueError, match=exactly(message)):
        latest_receipt(D("0001-02-01"), "corresponding-date", 1, [], [], "UTC")


def test_latest_receipt_at_the_end_of_the_calendar() -> None:
    # corresponding-date, N = 1: D = 30 Nov 9999 gives E = 31 Dec 9999; a D in December 9999
    # would take effect in year 10000, which is after any target.
    day = latest_receipt(D("9999-12-31"), "corresponding-date", 1, [], [], "UTC")
    assert day == D("9999-11-30")
    # jp-civil-code, N = 1: D = 30 Nov 9999 starts on 1 Dec (a 1st), L = 31 Dec, E = 1 Jan 10000:
    # too late. D = 29 Nov: S = 30 Nov, L = 29 Dec, E = 30 Dec. So 29 Nov.
    day = latest_receipt(D("9999-12-31"), "jp-civil-code", 1, [], [], "UTC")
    assert day == D("9999-11-29")


@pytest.mark.parametrize(
    ("target", "rule", "months", "expected"),
    [
        # un-anniversary: E = D + N months. E(30 Apr) = 30 Jul, E(1 May) = 1 Aug: for 31 Jul,
        # 30 Apr. For 28 Feb 2026 (N = 1): E(31 Jan) = 28 Feb, E(1 Feb) = 1 Mar: 31 Jan.
        ("2025-07-31", "un-anniversary", 3, "2025-04-30"),
        ("2026-02-28", "un-anniversary", 1, "2026-01-31"),
        # corresponding-date, E = 1 Mar 2026 (N = 1): D = 31 Jan gives L = 28 Feb, E = 1 Mar;
        # D = 1 Feb gives E = 2 Mar. The latest is 31 Jan (29, 30 and 31 Jan all give 1 Mar).
        ("2026-03-01", "corresponding-date", 1, "2026-01-31"),
        # jp-civil-code, N = 36 (three years), target 1 May 2028: D = 30 Apr 2025 starts on
        # 1 May (a 1st), L = the end of the month 35 months later, 30 Apr 2028, E = 1 May 2028;
        # D = 1 May 2025 starts on 2 May: L = 1 May 2028, E = 2 May. So 30 Apr 2025.
        ("2028-05-01", "jp-civil-code", 36, "2025-04-30"),
    ],
)
def test_latest_receipt_examples(target: str, rule: str, months: int, expected: str) -> None:
    assert latest_receipt(D(target), rule, months, [], [], "UTC") == D(expected)


def test_latest_receipt_takes_a_date_not_an_instant() -> None:
    instant = dt.datetime(2025, 7, 29, tzinfo=dt.UTC)
    with pytest.raises(ValueError, match=exactly("expected a calendar date, not an instant")):
        latest_receipt(instant, "corresponding-date", 3, [], [], "UTC")


# -- the deadline instant -----------------------------------------------------------------------


def test_receipt_deadline_under_safe_harbour_needs_the_zones() -> None:
    message = "safe-harbour needs the time zones of the Sides"
    with pytest.raises(ValueError, match=exactly(message)):
        receipt_deadline(D("2025-04-30"), "safe-harbour", [], "Europe/London")


def test_receipt_deadline_is_the_earliest_midnight_among_the_zones() -> None:
    # The next day, 1 May 2025, starts at 00:00 JST = 15:00 UTC on 30 Apr in Tokyo, and at
    # 00:00 BST = 23:00 UTC on 30 Apr in London; Tokyo's is the earlier, whatever the order.
    for zones in (LONDON_TOKYO, tuple(reversed(LONDON_TOKYO))):
        deadline = receipt_deadline(D("2025-04-30"), "safe-harbour", zones, "Europe/London")
        assert deadline == dt.datetime(2025, 4, 30, 15, 0, tzinfo=dt.UTC)
        assert deadline.utcoffset() == dt.timedelta(hours=9)
    # A basic rule: the start of 1 May in the recipient's zone only.
    deadline = receipt_deadline(D("2025-04-30"), "jp-civil-code", LONDON_TOKYO, "Europe/London")
    assert deadline == dt.datetime(2025, 4, 30, 23, 0, tzinfo=dt.UTC)
