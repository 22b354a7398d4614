"""The notice-period rules of SPEC §3.3: worked examples, time zones, invariants."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from mocctl.core.periods import (
    BASIC_RULES,
    RULES,
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
ONE = dt.timedelta(days=1)
JAPAN_UK = ("GB", "JP")
LONDON_TOKYO = ("Europe/London", "Asia/Tokyo")

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
months = st.integers(min_value=1, max_value=36)
basic_rules = st.sampled_from(BASIC_RULES)
zones = st.sampled_from(
    [
        "Europe/London",
        "Asia/Tokyo",
        "UTC",
        "America/New_York",
        "Pacific/Kiritimati",  # UTC+14
        "Pacific/Pago_Pago",  # UTC−11
        "America/Santiago",  # clocks change at midnight
        "Australia/Lord_Howe",  # half-hour daylight saving
    ]
)
jurisdictions = st.lists(st.sampled_from(["GB", "JP", "FR", "DE", "US", "KR"]), min_size=1)
instants = st.datetimes(
    min_value=dt.datetime(1970, 1, 1),
    max_value=dt.datetime(2100, 12, 31),
    timezones=st.just(dt.UTC),
)


# -- SPEC §3.3 worked examples ------------------------------------------------------------------

# D, N, corresponding-date L / E, jp-civil-code L / E, un-anniversary E
WORKED_EXAMPLES = [
    ("2025-04-28", 3, "2025-07-28", "2025-07-29", "2025-07-28", "2025-07-29", "2025-07-28"),
    ("2025-04-30", 3, "2025-07-30", "2025-07-31", "2025-07-31", "2025-08-01", "2025-07-30"),
    ("2025-05-31", 3, "2025-08-31", "2025-09-01", "2025-08-31", "2025-09-01", "2025-08-31"),
    ("2025-08-31", 6, "2026-02-28", "2026-03-01", "2026-02-28", "2026-03-01", "2026-02-28"),
    ("2025-11-30", 3, "2026-02-28", "2026-03-01", "2026-02-28", "2026-03-01", "2026-02-28"),
    ("2025-12-31", 2, "2026-02-28", "2026-03-01", "2026-02-28", "2026-03-01", "2026-02-28"),
    ("2026-01-31", 1, "2026-02-28", "2026-03-01", "2026-02-28", "2026-03-01", "2026-02-28"),
    ("2027-02-28", 3, "2027-05-28", "2027-05-29", "2027-05-31", "2027-06-01", "2027-05-28"),
    ("2027-11-30", 3, "2028-02-29", "2028-03-01", "2028-02-29", "2028-03-01", "2028-02-29"),
    ("2028-02-29", 3, "2028-05-29", "2028-05-30", "2028-05-31", "2028-06-01", "2028-05-29"),
    ("2028-02-29", 12, "2029-02-28", "2029-03-01", "2029-02-28", "2029-03-01", "2029-02-28"),
]


@pytest.mark.parametrize(
    ("received", "n", "cd_last", "cd_eff", "jp_last", "jp_eff", "un_eff"), WORKED_EXAMPLES
)
def test_worked_example(
    received: str, n: int, cd_last: str, cd_eff: str, jp_last: str, jp_eff: str, un_eff: str
) -> None:
    day = D(received)
    assert compute("corresponding-date", day, n) == Period(D(cd_last), D(cd_eff))
    assert compute("jp-civil-code", day, n) == Period(D(jp_last), D(jp_eff))
    assert compute("un-anniversary", day, n) == Period(D(un_eff) - ONE, D(un_eff))
    # With plain dates, the Japan–UK safe harbour is the later of the two national readings.
    assert safe_harbour(day, n, JAPAN_UK, LONDON_TOKYO).effective == max(D(cd_eff), D(jp_eff))


def test_the_table_in_the_docs_is_the_worked_examples() -> None:
    docs = Path(__file__).resolve().parent.parent / "docs" / "dates.md"
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in docs.read_text(encoding="utf-8").splitlines()
        if re.match(r"\| \d{4}-\d{2}-\d{2} \|", line)
    ]
    table = [(d, int(n), *cd.split(" / "), *jp.split(" / "), un) for d, n, cd, jp, un in rows]
    assert table == WORKED_EXAMPLES


def test_time_zone_example() -> None:
    # SPEC §3.3: 20:00 in London on 30 April is already 1 May in Tokyo.
    received = dt.datetime.fromisoformat("2025-04-30T20:00:00+01:00")
    assert receipt_dates(received, LONDON_TOKYO) == (D("2025-04-30"), D("2025-05-01"))
    period = safe_harbour(received, 3, JAPAN_UK, LONDON_TOKYO)
    assert period == Period(D("2025-08-01"), D("2025-08-02"))
    assert effective("safe-harbour", received, 3, JAPAN_UK, LONDON_TOKYO, "Asia/Tokyo") == period
    # A basic rule uses the date in the recipient's zone only.
    in_tokyo = effective("corresponding-date", received, 3, JAPAN_UK, LONDON_TOKYO, "Asia/Tokyo")
    in_london = effective(
        "corresponding-date", received, 3, JAPAN_UK, LONDON_TOKYO, "Europe/London"
    )
    assert in_tokyo.effective == D("2025-08-02")
    assert in_london.effective == D("2025-07-31")


def test_dodds_v_walker() -> None:
    # 30 Sep 1978 + 4 months ended on 30 Jan 1979 (one day late on 31 Jan); Japan: 31 Jan.
    assert compute("corresponding-date", D("1978-09-30"), 4).last_day == D("1979-01-30")
    assert compute("jp-civil-code", D("1978-09-30"), 4).last_day == D("1979-01-31")


# -- helpers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        ("2025-01-31", 1, "2025-02-28"),
        ("2028-01-31", 1, "2028-02-29"),
        ("2025-03-31", -1, "2025-02-28"),
        ("2025-12-15", 3, "2026-03-15"),
        ("2025-05-15", 0, "2025-05-15"),
    ],
)
def test_add_months(day: str, n: int, expected: str) -> None:
    assert add_months(D(day), n) == D(expected)


@given(dates, st.integers(min_value=-400, max_value=400))
def test_add_months_matches_dateutil(day: dt.date, n: int) -> None:
    assert add_months(day, n) == day + relativedelta(months=n)


@pytest.mark.parametrize(("text", "n"), [("P3M", 3), ("P1Y", 12), ("P1Y6M", 18), ("p6m", 6)])
def test_parse_months(text: str, n: int) -> None:
    assert parse_months(text) == n


@pytest.mark.parametrize("text", ["P0M", "P0Y", "P", "3M", "P3D", "P2W", "P1.5M", "", "P3M1D"])
def test_parse_months_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_months(text)


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("GB", "corresponding-date"),
        ("uk", "corresponding-date"),
        ("FR", "corresponding-date"),
        ("DE", "corresponding-date"),
        ("JP", "jp-civil-code"),
        ("jp", "jp-civil-code"),
        ("US", "corresponding-date"),
    ],
)
def test_rule_for_jurisdiction(code: str, rule: str) -> None:
    assert rule_for_jurisdiction(code) == rule


def test_rule_lists() -> None:
    assert RULES == ("safe-harbour", "corresponding-date", "jp-civil-code", "un-anniversary")


@pytest.mark.parametrize(
    "call",
    [
        lambda: compute("uk-law", D("2025-01-01"), 3),
        lambda: compute("safe-harbour", D("2025-01-01"), 3),
        lambda: compute("corresponding-date", D("2025-01-01"), 0),
        lambda: compute("corresponding-date", D("2025-01-01"), -3),
        lambda: compute("corresponding-date", D("9999-12-31"), 3),
        lambda: compute("jp-civil-code", D("9999-12-31"), 1),
        lambda: effective("nope", D("2025-01-01"), 3, JAPAN_UK, LONDON_TOKYO, "Asia/Tokyo"),
        lambda: effective("jp-civil-code", D("2025-01-01"), 3, JAPAN_UK, (), "Mars/Base"),
        lambda: safe_harbour(D("2025-01-01"), 3, (), LONDON_TOKYO),
        lambda: safe_harbour(D("2025-01-01"), 0, JAPAN_UK, LONDON_TOKYO),
        lambda: receipt_dates(dt.datetime(2025, 1, 1, 12), LONDON_TOKYO),  # no offset
        lambda: receipt_dates(dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC), ()),
        lambda: receipt_dates(dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC), ["Not/AZone"]),
        lambda: latest_receipt(D("2025-01-01"), "x", 3, JAPAN_UK, LONDON_TOKYO, "UTC"),
        lambda: latest_receipt(D("2025-01-01"), "un-anniversary", 0, JAPAN_UK, (), "UTC"),
        lambda: rule_for_jurisdiction("Japan"),
    ],
)
def test_bad_arguments_raise_value_error(call: object) -> None:
    assert callable(call)
    with pytest.raises(ValueError):
        call()


def test_receipt_dates_of_a_plain_date_is_itself() -> None:
    assert receipt_dates(D("2025-04-30"), LONDON_TOKYO) == (D("2025-04-30"),)


def test_receipt_dates_follow_daylight_saving() -> None:
    # 15:30 UTC is 16:30 in London in summer, 15:30 in winter; Tokyo is already the next day
    # from 15:00 UTC all year round.
    summer = dt.datetime(2025, 7, 1, 15, 30, tzinfo=dt.UTC)
    assert receipt_dates(summer, LONDON_TOKYO) == (D("2025-07-01"), D("2025-07-02"))
    before = dt.datetime(2025, 7, 1, 14, 59, tzinfo=dt.UTC)
    assert receipt_dates(before, LONDON_TOKYO) == (D("2025-07-01"),)
    late = dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC)
    assert receipt_dates(late, ("Asia/Tokyo", "Europe/London", "UTC")) == (
        D("2025-12-31"),
        D("2026-01-01"),
    )


def test_receipt_deadline() -> None:
    # The Japan–UK safe harbour: the day ends first in Tokyo (16:00 London time in summer).
    deadline = receipt_deadline(D("2025-04-30"), "safe-harbour", LONDON_TOKYO, "Europe/London")
    assert deadline.astimezone(dt.UTC) == dt.datetime(2025, 4, 30, 15, tzinfo=dt.UTC)
    basic = receipt_deadline(D("2025-04-30"), "corresponding-date", LONDON_TOKYO, "Europe/London")
    assert basic.astimezone(dt.UTC) == dt.datetime(2025, 4, 30, 23, tzinfo=dt.UTC)


def test_receipt_deadline_when_midnight_is_skipped() -> None:
    # Chile moved its clocks from 00:00 to 01:00 on 7 Sep 2025: that day began at 04:00 UTC.
    deadline = receipt_deadline(D("2025-09-06"), "jp-civil-code", (), "America/Santiago")
    assert deadline.astimezone(dt.UTC) == dt.datetime(2025, 9, 7, 4, tzinfo=dt.UTC)
    just_before = deadline - dt.timedelta(microseconds=1)
    assert receipt_dates(just_before, ["America/Santiago"]) == (D("2025-09-06"),)
    assert receipt_dates(deadline, ["America/Santiago"]) == (D("2025-09-07"),)


# -- the Civil Code construction against the closed form ----------------------------------------


def _jp_last_day_shortcut(day: dt.date, n: int) -> dt.date:
    """SPEC §3.3 "equivalently": corresponding-date, but a D on the last day of its month gives
    the last day of the target month."""
    target = add_months(day, n)
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return target.replace(day=calendar.monthrange(target.year, target.month)[1])
    return target


def _is_month_end(day: dt.date) -> bool:
    return (day + ONE).day == 1


def _target_month_length(day: dt.date, n: int) -> int:
    target = add_months(day.replace(day=1), n)
    return calendar.monthrange(target.year, target.month)[1]


@given(dates, months)
def test_jp_civil_code_agrees_with_the_shortcut(day: dt.date, n: int) -> None:
    assert compute("jp-civil-code", day, n).last_day == _jp_last_day_shortcut(day, n)


def test_jp_civil_code_agrees_with_the_shortcut_over_a_leap_cycle() -> None:
    day = D("2024-01-01")
    while day < D("2028-01-01"):
        for n in range(1, 37):
            assert compute("jp-civil-code", day, n).last_day == _jp_last_day_shortcut(day, n)
        day += ONE


def test_jp_civil_code_examples_from_japanese_sources() -> None:
    # Start on 9 March (received 8 March) + 3 months ends on 8 June; received 31 January +
    # 1 month runs the whole of February; received 28 January (start 29 January) + 1 month:
    # no 29 February in 2025, so the end of February.
    assert compute("jp-civil-code", D("2025-03-08"), 3).last_day == D("2025-06-08")
    assert compute("jp-civil-code", D("2025-01-31"), 1).last_day == D("2025-02-28")
    assert compute("jp-civil-code", D("2025-01-28"), 1).last_day == D("2025-02-28")
    assert compute("jp-civil-code", D("2025-01-30"), 2).last_day == D("2025-03-30")


# -- invariants (SPEC §3.3) ---------------------------------------------------------------------


@given(basic_rules, dates, months)
def test_effective_is_after_the_last_day(rule: str, day: dt.date, n: int) -> None:
    period = compute(rule, day, n)
    assert period.effective > period.last_day
    assert period.effective == period.last_day + ONE
    assert period.effective > day


@given(dates, months, jurisdictions)
def test_safe_harbour_effective_is_after_its_last_day(
    day: dt.date, n: int, codes: list[str]
) -> None:
    period = safe_harbour(day, n, codes, LONDON_TOKYO)
    assert period.effective == period.last_day + ONE


@given(basic_rules, dates, months)
def test_effective_is_non_decreasing(rule: str, day: dt.date, n: int) -> None:
    assert compute(rule, day, n).effective <= compute(rule, day + ONE, n).effective


@given(dates, months)
def test_corresponding_date_is_dateutil(day: dt.date, n: int) -> None:
    assert compute("corresponding-date", day, n).last_day == day + relativedelta(months=n)


@given(dates, months)
def test_uk_and_japan_differ_exactly_at_short_month_ends(day: dt.date, n: int) -> None:
    uk = compute("corresponding-date", day, n)
    jp = compute("jp-civil-code", day, n)
    short_month_end = _is_month_end(day) and day.day < _target_month_length(day, n)
    assert (uk != jp) == short_month_end
    if short_month_end:  # Japan runs to the end of the target month
        assert jp.last_day == add_months(day.replace(day=1), n + 1) - ONE
        assert jp.last_day > uk.last_day


def test_uk_and_japan_differ_exactly_at_short_month_ends_over_a_leap_cycle() -> None:
    differences = 0
    day = D("2024-01-01")
    while day < D("2028-01-01"):
        for n in range(1, 37):
            differs = compute("corresponding-date", day, n) != compute("jp-civil-code", day, n)
            assert differs == (_is_month_end(day) and day.day < _target_month_length(day, n))
            differences += differs
        day += ONE
    assert differences > 0


@given(st.sampled_from(["corresponding-date", "jp-civil-code"]), dates)
def test_three_months_is_90_to_93_days(rule: str, day: dt.date) -> None:
    assert 90 <= (compute(rule, day, 3).effective - day).days <= 93


@given(dates, months)
def test_un_anniversary_is_the_corresponding_date(day: dt.date, n: int) -> None:
    assert (
        compute("un-anniversary", day, n).effective
        == compute("corresponding-date", day, n).last_day
    )


@given(dates, months, jurisdictions)
def test_safe_harbour_is_the_latest_jurisdiction_rule(
    day: dt.date, n: int, codes: list[str]
) -> None:
    period = safe_harbour(day, n, codes, LONDON_TOKYO)
    rules = {rule_for_jurisdiction(code) for code in codes}
    assert period.effective == max(compute(rule, day, n).effective for rule in rules)
    for rule in BASIC_RULES:  # never earlier than any basic rule it covers, nor un-anniversary
        if rule in rules or rule == "un-anniversary":
            assert period.effective >= compute(rule, day, n).effective


@given(instants, months, st.lists(zones, min_size=1, max_size=4), zones)
def test_safe_harbour_of_an_instant_covers_every_zone(
    instant: dt.datetime, n: int, names: list[str], recipient: str
) -> None:
    period = safe_harbour(instant, n, JAPAN_UK, names)
    for name in names:
        local = instant.astimezone(ZoneInfo(name))
        for rule in ("corresponding-date", "jp-civil-code"):
            assert period.effective >= compute(rule, local.date(), n).effective
    assert period.effective in {
        compute(rule, day, n).effective
        for rule in ("corresponding-date", "jp-civil-code")
        for day in receipt_dates(instant, names)
    }
    # Each basic rule applied in the recipient's zone is never later than the safe harbour
    # when the recipient's zone is among the Sides' zones.
    for rule in ("corresponding-date", "jp-civil-code", "un-anniversary"):
        assert effective(rule, instant, n, JAPAN_UK, [*names, recipient], recipient).effective <= (
            safe_harbour(instant, n, JAPAN_UK, [*names, recipient]).effective
        )


# -- the inverse question -----------------------------------------------------------------------


@given(st.sampled_from(RULES), dates, months, jurisdictions)
def test_latest_receipt_is_the_inverse(
    rule: str, target: dt.date, n: int, codes: list[str]
) -> None:
    latest = latest_receipt(target, rule, n, codes, LONDON_TOKYO, "Asia/Tokyo")

    def effective_on(day: dt.date) -> dt.date:
        return effective(rule, day, n, codes, LONDON_TOKYO, "Asia/Tokyo").effective

    assert effective_on(latest) <= target < effective_on(latest + ONE)


@pytest.mark.parametrize(
    ("target", "rule", "n", "expected"),
    [
        # SPEC §3.3 row 2 read backwards. Under the Japanese Civil Code a notice received on
        # 30 Apr takes effect on 1 Aug, so a discontinuation by 31 Jul needs receipt by 29 Apr
        # (a naive backward count from 31 Jul would say 30 Apr).
        ("2025-08-01", "jp-civil-code", 3, "2025-04-30"),
        ("2025-07-31", "jp-civil-code", 3, "2025-04-29"),
        ("2025-07-31", "corresponding-date", 3, "2025-04-30"),
        ("2025-07-30", "un-anniversary", 3, "2025-04-30"),
        # 28 Feb 2027 is a short month's end: Japan's rule makes it take effect on 1 Jun.
        ("2027-05-31", "safe-harbour", 3, "2027-02-27"),
        ("2027-06-01", "safe-harbour", 3, "2027-02-28"),
        # 1 March: several receipt dates give E = 1 Mar; the latest is the end of February.
        ("2026-03-01", "corresponding-date", 3, "2025-11-30"),
        ("2026-03-01", "safe-harbour", 6, "2025-08-31"),
    ],
)
def test_latest_receipt_examples(target: str, rule: str, n: int, expected: str) -> None:
    assert latest_receipt(D(target), rule, n, JAPAN_UK, LONDON_TOKYO, "Asia/Tokyo") == D(expected)


@given(st.sampled_from(RULES), dates, months, zones, st.lists(zones, min_size=1, max_size=3))
def test_receipt_deadline_is_the_last_moment(
    rule: str, target: dt.date, n: int, recipient: str, names: list[str]
) -> None:
    names = [*names, recipient]
    latest = latest_receipt(target, rule, n, JAPAN_UK, names, recipient)
    deadline = receipt_deadline(latest, rule, names, recipient)

    def effective_at(instant: dt.datetime) -> dt.date:
        return effective(rule, instant, n, JAPAN_UK, names, recipient).effective

    assert effective_at(deadline - dt.timedelta(microseconds=1)) <= target
    assert effective_at(deadline) > target
