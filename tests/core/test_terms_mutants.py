"""core/terms.py rule by rule, so that a changed comparison, bound or branch fails a test
(docs/mutation.md). Every memorandum here is FICTIONAL; dates worked by hand in the comments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from mocctl.core import periods
from mocctl.core import terms as fixed
from mocctl.core.notices import NoticeDates, Parties, dates_of

D = dt.date
JP_UK = Parties(("JP", "GB"), ("Asia/Tokyo", "Europe/London"), ("Asia/Tokyo", "Europe/London"))
SIGNED = D(2021, 6, 2)  # term 1: 2021-06-02..2026-06-01; term 2: 2026-06-02..2031-06-01
RulesOn = Callable[[D], tuple[fixed.TermRules | None, str]]


def rules(
    months: int = 60,
    renews: bool = True,
    renewal: int | None = None,
    renewals: int | None = None,
    notice: str | None = "P6M",
) -> fixed.TermRules:
    return fixed.TermRules(months, renews, renewal or months, renewals, notice, True)


def notice_dates(received: D | dt.datetime, period: str, rule: str) -> NoticeDates:
    return dates_of(received, notice_period=period, rule=rule, who=JP_UK)


def plan(
    rules_on: RulesOn,
    *,
    horizon: D = D(2040, 1, 1),
    stop: D | None = None,
    notices: tuple[fixed.Given, ...] = (),
    first: D = SIGNED,
) -> fixed.Schedule:
    return fixed.schedule(
        first, rules_on, JP_UK, horizon=horizon, stop=stop, notices=notices, dates_of=notice_dates
    )


def always(found: fixed.TermRules | None, rule: str = "safe-harbour") -> RulesOn:
    return lambda day: (found, rule)


# -- reading the terms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "months"),
    [(None, None), ("-P1Y", None), ("P0M", None), ("P0Y0M", None), ("X", None), ("P18M", 18),
     ("P2Y", 24), ("P1Y6M", 18)],
)  # fmt: skip
def test_months_of(length: str | None, months: int | None) -> None:
    assert fixed.months_of(length) == months


def test_months_and_renewals_by_term_number() -> None:
    found = rules(60, renewal=24, renewals=2)
    assert (found.months_of(1), found.months_of(2), found.months_of(3)) == (60, 24, 24)
    assert [found.renews_after(n) for n in (1, 2, 3)] == [True, True, False]
    assert rules(renewals=None).renews_after(99)
    assert not rules(renews=False).renews_after(1)


# Every key of a fixed term, as the consolidated terms hold them (a test in
# tests/core/test_memo_consolidation.py checks that ``terms.duration`` becomes exactly these).
EVERY_KEY = {
    "duration.term": "P5Y",
    "duration.at_end": "renews",
    "duration.renewal_term": "P2Y",
    "duration.renewals": "3",
    "duration.non_renewal_notice": "P6M",
    "duration.discontinuation_during_term": "false",
}


def test_read_every_key() -> None:
    terms = EVERY_KEY
    assert fixed.read(terms) == fixed.TermRules(60, True, 24, 3, "P6M", False)
    expiring = {**terms, "duration.at_end": "expires"}
    read = fixed.read(expiring)
    assert read is not None and not read.renews and read.non_renewal is None
    assert fixed.read({"duration.term": "P5Y", "duration.renewals": "1"}) is not None
    assert fixed.read({"duration.term": "P5Y", "duration.non_renewal_notice": "X"}) is None
    default = fixed.read({"duration.term": "P5Y"})
    assert default == fixed.TermRules(60, False, 60, None, None, True)


@pytest.mark.parametrize(("months", "text"), [(60, "P5Y"), (12, "P1Y"), (18, "P18M"), (1, "P1M")])
def test_length(months: int, text: str) -> None:
    found = plan(always(rules(months, renews=False)))
    assert found.terms[0].length == text


# -- the schedule ----------------------------------------------------------------------------------


def test_schedule_on_a_day() -> None:
    found = plan(always(rules(renewals=1)))
    one, two = found.terms
    assert found.on(SIGNED - dt.timedelta(days=1)) is None
    assert found.on(SIGNED) == one and found.on(D(2026, 6, 1)) == one
    assert found.on(D(2026, 6, 2)) == two and found.on(D(2031, 6, 1)) == two
    assert found.on(D(2031, 6, 2)) == two  # expired: the last term
    assert fixed.Schedule().on(SIGNED) is None
    assert found.expiry == D(2031, 6, 2)


def test_horizon_and_stop() -> None:
    assert len(plan(always(rules()), horizon=D(2026, 6, 1)).terms) == 1
    assert len(plan(always(rules()), horizon=D(2026, 6, 2)).terms) == 2
    assert len(plan(always(rules()), horizon=D(2040, 1, 1), stop=D(2026, 6, 2)).terms) == 1
    assert len(plan(always(rules()), horizon=D(2040, 1, 1), stop=D(2026, 6, 3)).terms) == 2
    assert plan(always(None)).terms == () and plan(always(None)).expiry is None
    renewing = plan(always(rules()), horizon=D(2031, 6, 1))
    assert [t.number for t in renewing.terms] == [1, 2] and renewing.expiry is None
    assert [t.first_day for t in renewing.terms] == [SIGNED, D(2026, 6, 2)]


def test_a_term_that_does_not_renew_has_no_opt_out() -> None:
    (term,) = plan(always(rules(renews=False))).terms
    assert not term.renews and term.opt_out is None
    (term,) = plan(always(rules(notice=None)), horizon=D(2021, 7, 1)).terms
    assert term.renews and term.opt_out is None


def test_the_rule_in_force_governs() -> None:
    # 29 Feb 2024 + 3 years: un-anniversary ends on 27 Feb 2027, the others on 28 Feb
    (term,) = plan(always(rules(36, renews=False), "un-anniversary"), first=D(2024, 2, 29)).terms
    assert term.rule == "un-anniversary" and term.last_day == D(2027, 2, 27)
    assert term.last_days["corresponding-date"] == D(2027, 2, 28)


def changed(day: D, before: fixed.TermRules, after: fixed.TermRules) -> RulesOn:
    return lambda on: (after if on >= day else before, "safe-harbour")


def test_a_change_in_force_on_the_last_day_governs_the_term() -> None:
    longer = plan(changed(D(2025, 2, 1), rules(60, renews=False), rules(84, renews=False)))
    assert longer.terms[0].last_day == D(2028, 6, 1) and longer.terms[0].length == "P7Y"
    # shortened to three years by a change in effect before 2024-06-01: it ends then
    shorter = plan(changed(D(2023, 1, 1), rules(60, renews=False), rules(36, renews=False)))
    assert shorter.terms[0].last_day == D(2024, 6, 1)
    # shortened by a change that takes effect after the shorter end: too late, five years stand
    late = plan(changed(D(2025, 1, 1), rules(60, renews=False), rules(36, renews=False)))
    assert late.terms[0].last_day == D(2026, 6, 1)
    # a change of what happens at the end only: the same length, now renewing
    renewing = plan(changed(D(2025, 1, 1), rules(60, renews=False), rules(60)), horizon=SIGNED)
    assert renewing.terms[0].renews and renewing.terms[0].opt_out is not None
    # the term ends on the day the rules change to none: the term stands as first read
    gone = plan(
        lambda on: (rules(60, renews=False) if on < D(2025, 1, 1) else None, "safe-harbour")
    )
    assert gone.terms[0].last_day == D(2026, 6, 1)


# -- notices of non-renewal ------------------------------------------------------------------------


def test_each_notice_gets_its_outcome() -> None:
    notices = (
        ("early", D(2021, 6, 1), D(2021, 6, 1)),  # before commencement
        ("first", D(2025, 12, 1), D(2025, 12, 1)),  # the last day for term 1: in time
        ("second", D(2025, 12, 1), D(2025, 12, 1)),  # term 1 already ends
        ("after", D(2026, 6, 2), D(2026, 6, 2)),  # after the last term
    )
    found = plan(always(rules()), notices=notices)
    assert found.notices["early"] == fixed.NonRenewal(
        None, False, reason="received before the term began"
    )
    assert found.notices["first"] == fixed.NonRenewal(1, True)
    assert found.notices["second"] == fixed.NonRenewal(1, False, reason="first already ends term 1")
    assert found.notices["after"] == fixed.NonRenewal(
        None, False, reason="received after the last term ended"
    )
    assert found.expiry == D(2026, 6, 2) and found.terms[-1].ended_by == "first"
    assert [t.number for t in found.terms] == [1]


def test_a_notice_in_a_later_term_and_one_too_late() -> None:
    notices = (("late", D(2025, 12, 2), D(2025, 12, 2)), ("two", D(2030, 11, 1), D(2030, 11, 1)))
    found = plan(always(rules()), notices=notices)
    assert found.notices["late"] == fixed.NonRenewal(1, False, needed_by=D(2025, 12, 1))
    assert found.notices["two"] == fixed.NonRenewal(2, True)
    assert found.expiry == D(2031, 6, 2) and found.terms[0].renews and not found.terms[1].renews


def test_notices_with_nothing_to_refuse() -> None:
    notice = (("n", D(2023, 1, 1), D(2023, 1, 1)),)
    expiring = plan(always(rules(renews=False)), notices=notice)
    assert expiring.notices["n"] == fixed.NonRenewal(1, False, reason="the term does not renew")
    silent = plan(always(rules(notice=None)), notices=notice, horizon=SIGNED)
    assert silent.notices["n"] == fixed.NonRenewal(
        1, False, reason="the memorandum provides for no notice of non-renewal"
    )
    assert silent.expiry is None


def test_an_instant_is_read_in_every_zone_under_safe_harbour() -> None:
    # 1 Dec 2030 20:00 in London is 2 Dec in Tokyo: one day late for safe-harbour
    london = dt.datetime(2030, 12, 1, 20, 0, tzinfo=dt.UTC)
    found = plan(always(rules()), notices=(("n", london, D(2030, 12, 2)),))
    assert found.notices["n"].needed_by == D(2030, 12, 1)
    morning = dt.datetime(2030, 12, 1, 9, 0, tzinfo=dt.UTC)  # 18:00 in Tokyo: in time
    assert plan(always(rules()), notices=(("n", morning, D(2030, 12, 1)),)).notices["n"].in_time


# -- the opt-out deadline --------------------------------------------------------------------------


def test_opt_out_targets_and_the_governing_rule() -> None:
    ends = fixed.last_days(D(2024, 2, 29), 36, ("JP", "GB"))  # un 2027-02-27, others 02-28
    choice = fixed.opt_out("P3M", "corresponding-date", ends, JP_UK)
    assert choice.targets == {
        "corresponding-date": D(2027, 3, 1),
        "jp-civil-code": D(2027, 3, 1),
        "un-anniversary": D(2027, 2, 28),
        "safe-harbour": D(2027, 3, 1),
    }
    assert choice.deadline == choice.latest["corresponding-date"] == D(2026, 11, 30)
    assert choice.latest["un-anniversary"] == D(2026, 11, 30)  # E = 30 Nov + 3 months = 28 Feb
    assert choice.notice_period == "P3M" and choice.rule == "corresponding-date"
    us = Parties(("US", "US"), ("America/New_York",), ("America/New_York",))
    assert fixed.opt_out("P3M", "safe-harbour", ends, us).targets["safe-harbour"] == D(2027, 3, 1)


def test_last_days_names_every_rule() -> None:
    found = fixed.last_days(D(2024, 2, 29), 36, ("GB",))
    assert set(found) == set(periods.RULES)
    assert found["safe-harbour"] == D(2027, 2, 28)


def test_a_notice_on_the_first_and_on_the_last_day_of_a_term() -> None:
    first = plan(always(rules()), notices=(("n", SIGNED, SIGNED),))
    assert first.notices["n"] == fixed.NonRenewal(1, True)
    assert first.terms[0].renews is False and first.terms[0].ended_by == "n"
    last = plan(always(rules()), notices=(("n", D(2026, 6, 1), D(2026, 6, 1)),))
    assert last.notices["n"] == fixed.NonRenewal(1, False, needed_by=D(2025, 12, 1))


def test_notices_in_one_term_are_read_in_order_of_receipt_then_id() -> None:
    by_day = (("a", D(2025, 12, 1), D(2025, 12, 1)), ("b", D(2025, 11, 1), D(2025, 11, 1)))
    assert plan(always(rules()), notices=by_day).terms[0].ended_by == "b"
    ten = dt.datetime(2025, 11, 1, 1, 0, tzinfo=dt.UTC)
    nine = dt.datetime(2025, 11, 1, 0, 30, tzinfo=dt.UTC)
    same_day = (("b", nine, D(2025, 11, 1)), ("a", ten, D(2025, 11, 1)))
    assert plan(always(rules()), notices=same_day).terms[0].ended_by == "a"


def test_the_first_term_and_a_renewal_have_their_own_lengths() -> None:
    found = plan(always(rules(60, renewal=24, renewals=1)))
    assert [(t.first_day, t.last_day, t.length) for t in found.terms] == [
        (SIGNED, D(2026, 6, 1), "P5Y"),
        (D(2026, 6, 2), D(2028, 6, 1), "P2Y"),
    ]
    third = plan(always(rules(12, renewals=2)))
    assert found.on(D(2040, 1, 1)) == found.terms[-1]
    assert third.on(D(2040, 1, 1)) == third.terms[2] and len(third.terms) == 3


def test_a_change_of_rule_alone_on_the_last_day_governs() -> None:
    same = rules(60, renews=False)
    found = plan(lambda on: (same, "corresponding-date" if on >= D(2025, 1, 1) else "safe-harbour"))
    assert found.terms[0].rule == "corresponding-date"


def test_a_term_beyond_the_calendar_ends_the_count() -> None:
    assert plan(always(rules(12 * 9000))) == fixed.Schedule()
