"""Fixed terms and renewal (issue 14): the dates, by worked examples and invariants.

Worked by hand (docs/dates.md#fixed-terms-and-renewal): a term that begins with (counts) its first
day F and runs N months ends on the day before the corresponding day N months later; where that
month has no such day, corresponding-date and jp-civil-code end on that month's last day, and
un-anniversary on the day before the clamped anniversary.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mocctl.core import periods
from mocctl.core import terms as fixed
from mocctl.core.notices import Parties, dates_of

D = dt.date
JP_UK = Parties(("JP", "GB"), ("Asia/Tokyo", "Europe/London"), ("Asia/Tokyo", "Europe/London"))
DAYS = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))
FIRST_COUNTING = ("corresponding-date", "jp-civil-code")


@pytest.mark.parametrize(
    ("first", "months", "corresponding", "un"),
    [
        (D(2021, 6, 2), 60, D(2026, 6, 1), D(2026, 6, 1)),  # the India–Japan style clause
        (D(2026, 6, 2), 60, D(2031, 6, 1), D(2031, 6, 1)),  # its first renewal
        (D(2023, 10, 16), 36, D(2026, 10, 15), D(2026, 10, 15)),
        (D(2021, 6, 1), 60, D(2026, 5, 31), D(2026, 5, 31)),  # from the 1st: whole months
        (D(2024, 1, 1), 12, D(2024, 12, 31), D(2024, 12, 31)),
        (D(2024, 2, 29), 36, D(2027, 2, 28), D(2027, 2, 27)),  # no 29 Feb 2027
        (D(2024, 2, 29), 48, D(2028, 2, 28), D(2028, 2, 28)),  # 29 Feb 2028 exists
        (D(2023, 3, 1), 12, D(2024, 2, 29), D(2024, 2, 29)),  # ends in a leap February
        (D(2025, 1, 31), 1, D(2025, 2, 28), D(2025, 2, 27)),  # a term in months, no 31 Feb
        (D(2025, 3, 31), 6, D(2025, 9, 30), D(2025, 9, 29)),
    ],
)
def test_worked_examples(first: D, months: int, corresponding: D, un: D) -> None:
    assert fixed.last_day("corresponding-date", first, months) == corresponding
    assert fixed.last_day("jp-civil-code", first, months) == corresponding
    assert fixed.last_day("un-anniversary", first, months) == un
    assert fixed.last_days(first, months, ("JP", "GB"))["safe-harbour"] == corresponding


def test_unknown_rule() -> None:
    with pytest.raises(ValueError, match="unknown rule"):
        fixed.last_day("safe-harbour", D(2021, 6, 2), 60)


@pytest.mark.parametrize(
    ("last", "period", "expected"),
    [
        # term 2 of the must-show: ends 2031-06-01; 6 months before: D + 6 months ≤ 1 Jun
        (
            D(2031, 6, 1),
            "P6M",
            {"corresponding-date": D(2030, 12, 1), "un-anniversary": D(2030, 12, 2)},
        ),
        # ends 2027-02-28 (29 Feb start): 30 Nov + 3 months is 28 Feb under both English and
        # JP rules (S = 1 Dec, whole months); the UN reading: 1 Dec + 3 months = 1 Mar
        (
            D(2027, 2, 28),
            "P3M",
            {
                "corresponding-date": D(2026, 11, 30),
                "jp-civil-code": D(2026, 11, 30),
                "un-anniversary": D(2026, 12, 1),
            },
        ),
    ],
)
def test_opt_out_worked_examples(last: D, period: str, expected: dict[str, D]) -> None:
    ends = dict.fromkeys(periods.RULES, last)
    choice = fixed.opt_out(period, "safe-harbour", ends, JP_UK)
    for rule, day in expected.items():
        assert choice.latest[rule] == day
    assert choice.deadline == min(choice.latest[r] for r in ("corresponding-date", "jp-civil-code"))


@settings(max_examples=300, deadline=None)
@given(DAYS, st.integers(min_value=1, max_value=120))
def test_last_day_is_the_day_before_the_anniversary(first: D, months: int) -> None:
    anniversary = periods.add_months(first, months)
    for rule in FIRST_COUNTING:
        last = fixed.last_day(rule, first, months)
        if anniversary.day == first.day:  # the anniversary exists
            assert last == anniversary - dt.timedelta(days=1)
        else:  # no corresponding day: that month's last day
            assert last == anniversary and (last + dt.timedelta(days=1)).day == 1
    assert fixed.last_day("un-anniversary", first, months) == anniversary - dt.timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(DAYS, DAYS, st.sampled_from(["P1M", "P3M", "P6M", "P1Y"]))
def test_opt_out_deadline_is_monotone_in_the_term_end(one: D, other: D, period: str) -> None:
    early, late = sorted((one, other))
    a = fixed.opt_out(period, "safe-harbour", dict.fromkeys(periods.RULES, early), JP_UK)
    b = fixed.opt_out(period, "safe-harbour", dict.fromkeys(periods.RULES, late), JP_UK)
    for rule in periods.RULES:
        assert a.latest[rule] <= b.latest[rule]
        # the deadline is the latest day in time: that day is, the next is not
        months = periods.parse_months(period)
        if rule != "safe-harbour":
            target = a.targets[rule]
            assert periods.compute(rule, a.latest[rule], months).effective <= target
            after = a.latest[rule] + dt.timedelta(days=1)
            assert periods.compute(rule, after, months).effective > target


def _rules(months: int, renewals: int | None = None) -> fixed.TermRules:
    return fixed.TermRules(months, True, months, renewals, "P6M", True)


def _plan(first: D, months: int, horizon: D, **kw: object) -> fixed.Schedule:
    def notice(received: D | dt.datetime, period: str, rule: str):  # type: ignore[no-untyped-def]
        return dates_of(received, notice_period=period, rule=rule, who=JP_UK)

    rules = _rules(months, kw.pop("renewals", None))  # type: ignore[arg-type]
    return fixed.schedule(
        first,
        lambda day: (rules, "safe-harbour"),
        JP_UK,
        horizon=horizon,
        stop=None,
        notices=kw.pop("notices", ()),  # type: ignore[arg-type]
        dates_of=notice,
    )


@settings(max_examples=100, deadline=None)
@given(DAYS, st.sampled_from([12, 36, 60]))
def test_each_renewal_starts_the_day_after_the_last_day(first: D, months: int) -> None:
    plan = _plan(first, months, first + dt.timedelta(days=366 * 16))
    assert plan.terms[0].first_day == first
    for before, after in zip(plan.terms, plan.terms[1:], strict=False):
        assert after.first_day == before.last_day + dt.timedelta(days=1)
        assert after.number == before.number + 1
    assert plan.expiry is None


def test_renewals_are_counted() -> None:
    plan = _plan(D(2021, 6, 2), 60, D(2100, 1, 1), renewals=2)
    assert [t.number for t in plan.terms] == [1, 2, 3]
    assert plan.expiry == D(2036, 6, 2)


def test_notices_of_non_renewal_in_time_and_late() -> None:
    on_time = ("in-time", D(2030, 12, 1), D(2030, 12, 1))
    plan = _plan(D(2021, 6, 2), 60, D(2040, 1, 1), notices=[on_time])
    assert plan.expiry == D(2031, 6, 2) and plan.terms[-1].ended_by == "in-time"
    late = ("late", D(2030, 12, 2), D(2030, 12, 2))
    plan = _plan(D(2021, 6, 2), 60, D(2040, 1, 1), notices=[late])
    assert plan.expiry is None
    assert plan.notices["late"] == fixed.NonRenewal(2, False, needed_by=D(2030, 12, 1))


@pytest.mark.parametrize(
    ("terms", "read"),
    [
        ({}, None),
        ({"duration.term": "P0Y"}, None),
        ({"duration.term": "-P1Y"}, None),
        ({"duration.term": "P5Y", "duration.renewal_term": "P0M"}, None),
        ({"duration.term": "P5Y", "duration.renewals": "0"}, None),
        ({"duration.term": "P5Y", "duration.non_renewal_notice": "P0M"}, None),
        ({"duration.term": "P3Y"}, fixed.TermRules(36, False, 36, None, None, True)),
        (
            {"duration.term": "P5Y", "duration.at_end": "renews", "duration.renewal_term": "P2Y"},
            fixed.TermRules(60, True, 24, None, None, True),
        ),
    ],
)
def test_read(terms: dict[str, str], read: fixed.TermRules | None) -> None:
    assert fixed.read(terms) == read
