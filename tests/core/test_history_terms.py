"""The history of a FICTIONAL fixed-term memorandum (issue 14) through ``core.history``: expiry,
a discontinuation that the expiry overtakes, changes on the day it ends, and the schedule kept.
Written to kill the mutants of ``history._assemble`` that the CLI tests alone left alive
(docs/mutation.md).

Dates worked by hand: JP signs 2026-01-10, UK 2026-01-15, so the memorandum commences on
2026-01-15 (``START``). A one-year term (P1Y) runs 2026-01-15 .. 2027-01-14; at its end the
memorandum expires on 2027-01-15 (the first day after the term), or renews for 2027-01-15 ..
2028-01-14. Notices are read by the corresponding-date rule with three months' notice: received
2026-10-14, the period ends 2027-01-14 and the discontinuation takes effect on 2027-01-15.
"""

from __future__ import annotations

from typing import Any

from tests.core.test_history_mutants import (
    THREE,
    D,
    by_id,
    memorandum,
    modification,
    notice,
    records,
    to_all,
)

from mocctl.core.history import FAR_FUTURE, History, history
from mocctl.model.records import Memorandum

EXPIRY = D("2027-01-15")


def fixed(at_end: str = "expires", **more: str) -> Memorandum:
    data = memorandum().model_dump(mode="json", by_alias=True, exclude_none=True)
    data["terms"]["duration"] = {"term": "P1Y", "at_end": at_end, **more}
    return Memorandum.model_validate(data)


def seen(as_of: str, memo: Memorandum | None = None, **kinds: Any) -> History:
    return history(records(memo or fixed(), **kinds), D(as_of))


def test_a_fixed_term_expires_on_the_day_after_its_last_day() -> None:
    last_day = seen("2027-01-14")
    assert (last_day.state, last_day.expiry) == ("in_force", EXPIRY)
    assert last_day.term is not None and last_day.term.last_day == D("2027-01-14")
    assert seen("2027-01-15").state == "expired"
    assert seen("2099-01-01").state == "expired"


def test_a_discontinuation_the_expiry_overtakes_is_superseded_by_it() -> None:
    late = notice("n1", "UK", "2026-11-01")  # would take effect on 2027-02-02, after the expiry
    after = seen("2027-01-15", notices=[late])
    assert (after.state, after.discontinuation) == ("expired", None)
    (status,) = after.notices
    assert status.standing == "superseded"
    assert status.reason == "the memorandum expires first, on 2027-01-15, at the end of its term"


def test_a_discontinuation_on_the_day_of_expiry_governs() -> None:
    on_the_day = notice("n1", "UK", "2026-10-14")  # takes effect on 2027-01-15 itself
    after = seen("2027-01-15", notices=[on_the_day])
    assert after.state == "discontinued"
    assert after.discontinuation is not None and after.discontinuation.effective == EXPIRY
    assert [status.standing for status in after.notices] == ["past"]


def test_a_change_effective_on_the_day_of_expiry_is_void_and_says_why() -> None:
    change = modification("m1", "2027-01-15")
    after = seen("2027-01-20", modifications=[change])
    (status,) = after.changes
    assert (status.status, status.reason) == (
        "void",
        "takes effect on or after the expiry (2027-01-15)",
    )
    assert after.applying == ()
    day_before = seen("2027-01-20", modifications=[modification("m1", "2027-01-14")])
    assert [c.id for c in day_before.applying] == ["m1"]


def test_a_renewing_term_is_in_the_history_and_its_events() -> None:
    renewing = fixed("renews", non_renewal_notice="P1M")
    second = seen("2027-03-01", renewing)
    assert second.state == "in_force"
    assert second.term is not None and second.term.number == 2
    assert {"renewal", "term ends", "non-renewal deadline"} <= {e.kind for e in second.events}


def test_the_terms_stop_at_a_discontinuation() -> None:
    renewing = fixed("renews", non_renewal_notice="P1M")
    ending = notice("n1", "UK", "2027-03-01")  # takes effect on 2027-06-02, in the second term
    whole = history(records(renewing, notices=[ending]), FAR_FUTURE)
    assert whole.state == "discontinued"
    assert [term.first_day for term in whole.schedule.terms] == [D("2026-01-15"), EXPIRY]


def _three_sides_for_a_year() -> Memorandum:
    """JP, UK and FR, each notice a withdrawal; signed by 2026-01-15, expiring on 2027-01-15."""
    data = THREE.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["terms"]["duration"] = {"term": "P1Y", "at_end": "expires"}
    return Memorandum.model_validate(data)


def test_a_withdrawal_before_the_expiry_keeps_its_effect_when_a_later_one_is_overtaken() -> None:
    early = to_all("w1", "FR", "2026-03-10")  # FR is out from 2026-06-11
    late = to_all("w2", "UK", "2026-11-01")  # would leave JP alone from 2027-02-02: too late
    got = seen("2026-12-01", _three_sides_for_a_year(), notices=[early, late])
    assert (got.state, got.discontinuation, got.expiry) == ("in_force", None, EXPIRY)
    assert by_id(got.notices, "w1").standing == "past"
    assert by_id(got.notices, "w2").standing == "superseded"


def test_a_lone_withdrawal_after_the_expiry_is_overtaken_by_it() -> None:
    late = to_all("w2", "UK", "2026-11-01")  # JP and FR would remain from 2027-02-02
    got = seen("2026-12-01", _three_sides_for_a_year(), notices=[late])
    status = by_id(got.notices, "w2")
    assert status.standing == "superseded"
    assert status.reason == "the memorandum expires first, on 2027-01-15, at the end of its term"
    kept = to_all("w2", "UK", "2026-10-14")  # takes effect on 2027-01-15, the day of expiry
    on_the_day = seen("2026-12-01", _three_sides_for_a_year(), notices=[kept])
    assert by_id(on_the_day.notices, "w2").standing == "scheduled"


def test_a_notice_of_non_renewal_ends_the_term_and_discontinues_nothing() -> None:
    renewing = fixed("renews", non_renewal_notice="P1M")
    in_time = notice("n1", "UK", "2026-06-01", type="non-renewal")  # well before 2026-12-14
    got = seen("2026-07-01", renewing, notices=[in_time])
    assert (got.state, got.discontinuation, got.expiry) == ("in_force", None, EXPIRY)
    (status,) = got.notices
    assert (status.standing, status.code, status.ends_term) == ("past", None, 1)


def test_a_discontinuation_during_a_term_that_allows_none_is_void_moc331() -> None:
    data = fixed("renews", non_renewal_notice="P1M").model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
    data["terms"]["duration"]["discontinuation_during_term"] = False
    got = seen(
        "2026-07-01", Memorandum.model_validate(data), notices=[notice("d1", "UK", "2026-06-01")]
    )
    assert (got.state, got.discontinuation) == ("in_force", None)
    (status,) = got.notices
    assert (status.id, status.standing, status.code) == ("d1", "void", "MOC331")
    assert status.reason == (
        "the memorandum does not provide for discontinuation by notice during a term "
        "(terms.duration.discontinuation_during_term: false)"
    )
