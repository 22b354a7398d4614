"""``core/renewal.py`` through the history of a FICTIONAL fixed-term memorandum (issue 14): when
there is a schedule of terms at all, how far the whole record counts renewals (ten years after the
latest date any record names), and the codes and reasons of notices of non-renewal that do
nothing. Written to kill its mutants (docs/mutation.md).

Dates as in tests/core/test_history_terms.py: commencement 2026-01-15, terms of one year from
then, renewing with one month's notice of non-renewal (last day to receive it for term 1:
2026-12-14).
"""

from __future__ import annotations

from tests.core.test_history_mutants import D, memorandum, modification, notice, records
from tests.core.test_history_terms import fixed, seen

from mocctl.core.history import FAR_FUTURE, history
from mocctl.model.records import Memorandum

SET_TERM = {"op": "set_term", "term": "duration.term", "value": "P1Y"}


def renewing() -> Memorandum:
    return fixed("renews", non_renewal_notice="P1M")


def last_term_begins(*modifications: object, **kinds: object) -> D:
    whole = history(records(renewing(), modifications=list(modifications), **kinds), FAR_FUTURE)
    return whole.schedule.terms[-1].first_day


def test_no_schedule_before_commencement_or_for_a_term_of_no_length() -> None:
    unsigned = seen("2026-01-12")  # UK signs on 2026-01-15
    assert (unsigned.state, unsigned.term, unsigned.expiry) == ("awaiting_signature", None, None)
    data = memorandum().model_dump(mode="json", by_alias=True, exclude_none=True)
    data["terms"]["duration"] = {"term": "P0M"}
    nothing = seen("2026-07-01", Memorandum.model_validate(data))
    assert (nothing.state, nothing.term, nothing.expiry) == ("in_force", None, None)


def test_a_fixed_term_set_by_a_change_in_effect_on_commencement_counts() -> None:
    agreed = [("JP", "2026-01-12"), ("UK", "2026-01-13")]
    change = modification("m1", "2026-01-15", SET_TERM, agreed=agreed)
    got = seen("2027-02-01", memorandum(), modifications=[change])
    assert (got.state, got.expiry) == ("expired", D("2027-01-15"))


def test_the_whole_record_counts_renewals_ten_years_past_its_latest_date() -> None:
    assert last_term_begins() == D("2036-01-15")  # the latest date: commencement
    # A change agreed early but effective in 2030 moves the horizon to 2040-01-20.
    later = modification("m1", "2030-01-20", agreed=[("JP", "2026-02-01"), ("UK", "2026-02-02")])
    assert last_term_begins(later) == D("2040-01-15")
    # ... also with a notice received earlier (too late to refuse term 1: it does nothing).
    late = notice("n1", "UK", "2026-12-20", type="non-renewal")
    assert last_term_begins(later, notices=[late]) == D("2040-01-15")
    # A change dated before commencement does not pull the horizon back before it.
    early = modification("m0", "2026-01-05", agreed=[("JP", "2026-01-01"), ("UK", "2026-01-02")])
    assert last_term_begins(early) == D("2036-01-15")
    # The latest date on 29 February: ten years later is read in a year that has none.
    leap = notice("n9", "UK", "2028-02-29", type="non-renewal")
    assert history(records(renewing(), notices=[leap]), FAR_FUTURE).schedule.terms


def test_a_notice_of_non_renewal_too_late_is_void_moc327_and_says_when_it_was_needed() -> None:
    late = notice("n1", "UK", "2026-12-20", type="non-renewal")
    (status,) = seen("2027-01-01", renewing(), notices=[late]).notices
    assert (status.standing, status.code, status.needed_by) == ("void", "MOC327", D("2026-12-14"))
    assert status.reason == (
        "received 2026-12-20, after the last day for notice of non-renewal of term 1 "
        "(2026-12-14): it has no effect"
    )


def test_a_notice_of_non_renewal_with_nothing_to_refuse_is_void_moc330() -> None:
    refused = notice("n1", "UK", "2026-06-01", type="non-renewal")
    (status,) = seen("2026-07-01", notices=[refused]).notices  # the term expires anyway
    assert (status.standing, status.code, status.reason) == (
        "void",
        "MOC330",
        "the term does not renew",
    )


def test_a_discontinuation_due_after_the_expiry_stays_superseded_once_its_day_is_past() -> None:
    ending = notice("d1", "UK", "2026-11-01")  # would take effect on 2027-02-02
    (status,) = seen("2027-03-01", fixed(), notices=[ending]).notices  # after that day too
    assert status.standing == "superseded"
