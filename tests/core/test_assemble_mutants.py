"""Tests that kill the mutants of the fixed-term part of ``mocctl.core.history._assemble``
(issue 14): the schedule of terms, the expiry, a discontinuation that the expiry comes before, and
the changes that take effect on the day the memorandum stops being in force (docs/mutation.md).

Every memorandum, notice and modification here is FICTIONAL test data, built in memory with the
builders of ``tests/core/test_history_mutants.py`` and ``tests/core/test_history_terms.py``: JP
signs on 10 January 2026 and UK on 15 January, so the memorandum commences on 15 January 2026
(notice period P3M under ``corresponding-date``: a notice received on D has L = D + 3 months and
E = L + 1). A term of ``P1Y`` from 15 January 2026 has its last day on 14 January 2027 (the day
before the anniversary), so a memorandum that does not renew expires on 15 January 2027
(docs/dates.md).
"""

from __future__ import annotations

from typing import Any

from tests.core.test_history_mutants import (
    START,
    D,
    add_area,
    at,
    by_id,
    modification,
    notice,
)
from tests.core.test_history_terms import EXPIRY, fixed, seen

from mocctl.core.history import History

LAST_DAY = D("2027-01-14")  # the last day of term 1 (P1Y from 2026-01-15); EXPIRY the day after


def one_year(as_of: str, at_end: str = "expires", **kinds: Any) -> History:
    return seen(as_of, fixed(at_end), **kinds)


def at_end(value: str) -> dict[str, str]:
    return {"op": "set_term", "term": "duration.at_end", "value": value}


# -- the schedule and the expiry -------------------------------------------------------------------


def test_the_schedule_of_terms_is_kept_in_the_history() -> None:
    got = one_year("2026-06-01")
    (term,) = got.schedule.terms
    assert (term.number, term.first_day, term.last_day) == (1, START, LAST_DAY)
    assert not term.renews
    assert got.term == term
    assert got.expiry == EXPIRY and got.out_of_force == EXPIRY
    assert got.ends is None and got.discontinuation is None


def test_the_last_day_of_the_term_and_the_expiry_are_events_of_the_history() -> None:
    events = {(e.date, e.kind) for e in one_year("2026-06-01").events}
    assert (LAST_DAY, "term ends") in events
    assert (EXPIRY, "expiry") in events


def test_a_memorandum_without_a_fixed_term_has_no_schedule() -> None:
    got = at("2030-01-01")
    assert got.schedule.terms == () and got.expiry is None and got.state == "in_force"


def test_a_fixed_term_memorandum_is_in_force_through_its_last_day() -> None:
    assert one_year("2026-01-15").state == "in_force"
    assert one_year(str(LAST_DAY)).state == "in_force"


def test_a_fixed_term_memorandum_is_expired_from_the_day_after_its_last_day() -> None:
    # On the expiry day itself (E = 2027-01-15) and on every day after it.
    assert one_year(str(EXPIRY)).state == "expired"
    assert one_year("2030-01-01").state == "expired"


def test_a_renewing_term_does_not_expire() -> None:
    # Term 1 ends on 2027-01-14 and term 2 begins on 2027-01-15: in force on both days.
    got = one_year("2027-06-01", at_end="renews")
    assert got.state == "in_force" and got.expiry is None
    assert [t.first_day for t in got.schedule.terms] == [START, EXPIRY]


# -- a discontinuation and the expiry --------------------------------------------------------------


def test_a_discontinuation_notice_taking_effect_after_the_term_expires_is_superseded() -> None:
    # Received 2026-11-01: L = 2027-02-01, E = 2027-02-02, after the expiry on 2027-01-15.
    late = notice("n1", "UK", "2026-11-01")
    before = one_year("2026-12-01", notices=[late])
    assert before.state == "in_force"
    assert before.discontinuation is None and before.ends is None
    assert before.out_of_force == EXPIRY
    got = by_id(before.notices, "n1")
    assert got.standing == "superseded"
    assert got.reason == "the memorandum expires first, on 2027-01-15, at the end of its term"
    after = one_year("2027-01-20", notices=[late])
    assert after.state == "expired" and after.discontinuation is None
    assert by_id(after.notices, "n1").standing == "superseded"


def test_a_discontinuation_taking_effect_on_the_day_the_term_would_expire_governs() -> None:
    # Received 2026-10-14: L = 2027-01-14, E = 2027-01-15, the day the term would expire: the
    # expiry does not come first, so the memorandum is discontinued (not expired) that day.
    same_day = notice("n1", "UK", "2026-10-14")
    got = one_year(str(EXPIRY), notices=[same_day])
    assert got.state == "discontinued"
    assert got.discontinuation is not None and got.discontinuation.id == "n1"
    assert got.ends == EXPIRY
    assert by_id(got.notices, "n1").standing == "past"


def test_a_discontinuation_before_the_expiry_governs_and_the_expiry_is_superseded() -> None:
    # Received 2026-03-10: L = 2026-06-10, E = 2026-06-11, long before the expiry.
    early = notice("n1", "UK", "2026-03-10")
    got = one_year("2026-07-01", notices=[early])
    assert got.state == "discontinued" and got.ends == D("2026-06-11")
    assert by_id(got.notices, "n1").standing == "past"
    fates = {e.kind: e.fate for e in got.events if e.kind in ("term ends", "expiry")}
    assert fates == {"term ends": "superseded", "expiry": "superseded"}


def test_no_term_begins_after_the_memorandum_is_discontinued() -> None:
    # A renewing one-year term, discontinued from E = 2026-06-11 (received 2026-03-10). Seen on
    # 2027-06-01, term 2 would have begun on 2027-01-15: it never does.
    got = one_year("2027-06-01", at_end="renews", notices=[notice("n1", "UK", "2026-03-10")])
    assert got.state == "discontinued"
    assert [t.number for t in got.schedule.terms] == [1]
    assert got.expiry is None


# -- changes on the day the memorandum stops being in force ----------------------------------------


def test_a_change_effective_on_the_day_of_discontinuation_does_not_change_the_term() -> None:
    # Renewing; received 2026-10-13: L = 2027-01-13, E = 2027-01-14, the last day of term 1. A
    # change effective that day (E) would make term 1 the last one; it is void, so term 1 still
    # renews (and the discontinuation ends the memorandum first).
    stop = modification("m1", str(LAST_DAY), at_end("expires"))
    late = notice("n1", "UK", "2026-10-13")
    got = one_year("2026-12-01", at_end="renews", notices=[late], modifications=[stop])
    assert got.ends == LAST_DAY and got.expiry is None
    assert got.schedule.terms[0].renews
    change = by_id(got.changes, "m1")
    assert change.status == "void"
    assert change.reason == "takes effect on or after the discontinuation (2027-01-14)"


def test_a_change_effective_on_the_last_day_of_the_term_governs_it() -> None:
    # The same change without the notice: in effect on 2027-01-14, term 1's last day, it makes
    # the renewing term expire on 2027-01-15.
    stop = modification("m1", str(LAST_DAY), at_end("expires"))
    got = one_year("2026-12-01", at_end="renews", modifications=[stop])
    assert got.expiry == EXPIRY and not got.schedule.terms[0].renews
    assert by_id(got.changes, "m1").status == "scheduled"


def test_a_change_effective_on_the_day_of_expiry_is_void_and_not_applied() -> None:
    # m0 takes effect on the last day (2027-01-14) and applies; m1 on the expiry day does not.
    on_last_day = modification("m0", str(LAST_DAY), add_area("a2"))
    on_expiry = modification("m1", str(EXPIRY), add_area("a3"))
    got = one_year("2027-02-01", modifications=[on_last_day, on_expiry])
    assert got.state == "expired"
    assert [c.id for c in got.applying] == ["m0"]
    assert [a.id for a in got.consolidated.areas] == ["a1", "a2"]
    assert by_id(got.changes, "m0").status == "in_effect"
    void = by_id(got.changes, "m1")
    assert void.status == "void"
    assert void.reason == "takes effect on or after the expiry (2027-01-15)"
