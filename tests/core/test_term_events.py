"""The events of a FICTIONAL fixed-term memorandum (issue 14), each exactly: every term's last
day, its renewal or expiry, the last day for notice of non-renewal, and the notices of
non-renewal; and which of them a discontinuation supersedes (those on or after the day it takes
effect). Written to kill the mutants of ``core/events.py`` (docs/mutation.md).

Dates as in tests/core/test_history_terms.py: commencement 2026-01-15, terms of one year
(2026-01-15 .. 2027-01-14, 2027-01-15 .. 2028-01-14), notice of non-renewal one month before a
term's end (last day to receive it: 2026-12-14 for term 1, 2027-12-14 for term 2).
"""

from __future__ import annotations

from typing import Any

from tests.core.test_history_mutants import memorandum, notice, revocation
from tests.core.test_history_terms import fixed, seen

from mocctl.core.history import History

KINDS = {"term ends", "non-renewal deadline", "renewal", "expiry", "notice"}
MEMO = "fictional-moc"
RULE = "corresponding-date"


def _deadline(term: int, day: str) -> tuple[str, ...]:
    what = f"last day for a notice of non-renewal of term {term} to be received"
    return (day, "non-renewal deadline", MEMO, f"{what} (P1M before its end; {RULE})")


def _end(term: int, first: str, last: str) -> tuple[str, ...]:
    return (last, "term ends", MEMO, f"last day of term {term} (P1Y from {first}; {RULE})")


def _renewal(term: int, day: str) -> tuple[str, ...]:
    return (day, "renewal", MEMO, f"term {term} begins: the memorandum renews")


DEADLINE_1, END_1, RENEWAL_2 = (
    _deadline(1, "2026-12-14"),
    _end(1, "2026-01-15", "2027-01-14"),
    _renewal(2, "2027-01-15"),
)
DEADLINE_2, END_2, RENEWAL_3 = (
    _deadline(2, "2027-12-14"),
    _end(2, "2027-01-15", "2028-01-14"),
    _renewal(3, "2028-01-15"),
)
EXPIRY = (
    "2027-01-15",
    "expiry",
    MEMO,
    "the memorandum expires (no renewal); last day in force 2027-01-14",
)


def events(got: History) -> list[tuple[Any, ...]]:
    return [
        (str(e.date), e.kind, e.record, e.description, e.fate)
        for e in got.events
        if e.kind in KINDS
    ]


def renewing() -> Any:
    return fixed("renews", non_renewal_notice="P1M")


def test_each_renewing_term_has_its_deadline_end_and_renewal() -> None:
    expected = [DEADLINE_1, END_1, RENEWAL_2, DEADLINE_2, END_2, RENEWAL_3]
    assert events(seen("2027-03-01", renewing())) == [(*e, None) for e in expected]


def test_a_term_that_does_not_renew_ends_in_its_expiry() -> None:
    assert events(seen("2026-07-01")) == [(*END_1, None), (*EXPIRY, None)]


def test_what_falls_on_or_after_a_discontinuation_is_superseded() -> None:
    ending = notice("d1", "UK", "2027-03-01")  # takes effect on 2027-06-02, in term 2
    got = events(seen("2027-07-01", renewing(), notices=[ending]))
    notice_event = (
        "2027-03-01",
        "notice",
        "d1",
        "notice of discontinuation from UK received (date as recorded)",
        None,
    )
    assert got == [
        (*DEADLINE_1, None),
        (*END_1, None),
        (*RENEWAL_2, None),
        notice_event,
        (*DEADLINE_2, "superseded"),
        (*END_2, "superseded"),
        (*RENEWAL_3, "superseded"),
    ]
    # The same while the discontinuation is still to come; not when it was revoked in time.
    assert events(seen("2027-04-01", renewing(), notices=[ending])) == got
    revoked = [ending, revocation("r1", "UK", "2027-04-01", "d1")]
    assert [e[-1] for e in events(seen("2027-07-01", renewing(), notices=revoked))][-3:] == [
        None,
        None,
        None,
    ]


def test_a_discontinuation_on_the_day_of_renewal_supersedes_the_renewal_only() -> None:
    ending = notice("d1", "UK", "2026-10-14")  # takes effect on 2027-01-15
    got = [e for e in events(seen("2027-02-01", renewing(), notices=[ending])) if e[2] == MEMO]
    assert got == [(*DEADLINE_1, None), (*END_1, None), (*RENEWAL_2, "superseded")]


def test_a_notice_of_non_renewal_in_time_makes_its_term_the_last() -> None:
    in_time = notice("n1", "UK", "2026-06-01", type="non-renewal")
    assert events(seen("2026-07-01", renewing(), notices=[in_time])) == [
        (
            "2026-06-01",
            "notice",
            "n1",
            "notice of non-renewal from UK received (date as recorded): term 1 is the last",
            None,
        ),
        (*END_1, None),
        (
            "2027-01-15",
            "expiry",
            MEMO,
            "the memorandum expires (notice of non-renewal n1); last day in force 2027-01-14",
            None,
        ),
    ]


def test_a_notice_of_non_renewal_too_late_or_with_nothing_to_refuse_is_void() -> None:
    late = notice("n1", "UK", "2026-12-20", type="non-renewal")  # after 2026-12-14
    assert events(seen("2027-01-01", renewing(), notices=[late]))[:2] == [
        (*DEADLINE_1, None),
        (
            "2026-12-20",
            "notice",
            "n1",
            "notice of non-renewal from UK received (date as recorded) too late "
            "(needed by 2026-12-14): it has no effect",
            "void",
        ),
    ]
    refused = notice("n1", "UK", "2026-06-01", type="non-renewal")  # the term expires anyway
    assert events(seen("2026-07-01", notices=[refused]))[0] == (
        "2026-06-01",
        "notice",
        "n1",
        "notice of non-renewal from UK received (date as recorded) (the term does not renew)",
        "void",
    )


def test_a_notice_of_non_renewal_without_a_fixed_term_says_only_that_it_was_received() -> None:
    given = notice("n1", "UK", "2026-06-01", type="non-renewal")
    assert events(seen("2026-07-01", memorandum(), notices=[given])) == [
        (
            "2026-06-01",
            "notice",
            "n1",
            "notice of non-renewal from UK received (date as recorded)",
            None,
        )
    ]
