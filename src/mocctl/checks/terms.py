"""Findings about fixed terms and renewal (issue 14; MOC327–MOC331). Pure.

They read the one history: what a notice of non-renewal did, whether the memorandum expired,
and the term rules as written (a term that makes no sense is read as no fixed term).
"""

from __future__ import annotations

from collections.abc import Iterator

from mocctl.core.history import History
from mocctl.core.memoranda import MemorandumRecords
from mocctl.core.terms import months_of
from mocctl.findings import Finding
from mocctl.model.records import Memorandum
from mocctl.model.terms import DurationTerms, SetRenewals, SetTermLength

_LENGTHS = ("term", "renewal_term", "non_renewal_notice")


def check(records: MemorandumRecords, seen: History) -> list[Finding]:
    """Every finding about the terms of ``records`` as ``seen`` shows them."""
    memo = records.memorandum
    if memo is None:
        return []
    found = list(_duration(memo))
    found += _modifications(records)
    found += _notices(records, seen)
    term = seen.term
    expired = seen.state == "expired" or (seen.expiry is not None and seen.as_of >= seen.expiry)
    if expired and term is not None and term.ended_by is None:
        found.append(
            memo.source.finding(
                "MOC329",
                f"the memorandum's term {term.number} ended on {term.last_day} and it does "
                f"not renew: it expired on {term.next_first_day}",
                "terms",
                "duration",
                at_key=True,
                hint="to continue, the Sides conclude a new memorandum (a modification "
                "after the expiry has no effect)",
            )
        )
    return found


def _duration(memo: Memorandum) -> Iterator[Finding]:
    duration = memo.terms.duration
    if duration is None:
        return
    for key in _LENGTHS:
        value = getattr(duration, key)
        if value is not None and months_of(value) is None:
            yield memo.source.finding(
                "MOC328",
                f"terms.duration.{key} is {value}: a length must be at least one month",
                "terms",
                "duration",
                key,
                hint="write a positive length such as P5Y or P6M",
            )
    yield from _without_term(memo, duration)
    if duration.renewals is not None and duration.renewals < 1:
        yield memo.source.finding(
            "MOC328",
            f"terms.duration.renewals is {duration.renewals}: a memorandum that renews "
            "does so at least once",
            "terms",
            "duration",
            "renewals",
            hint="give 1 or more, or write `at_end: expires` for no renewal",
        )


def _without_term(memo: Memorandum, duration: DurationTerms) -> Iterator[Finding]:
    stated = [
        key
        for key in ("renewal_term", "renewals", "non_renewal_notice")
        if getattr(duration, key) is not None
    ]
    if duration.term is None and (stated or duration.at_end == "renews"):
        yield memo.source.finding(
            "MOC328",
            "renewals need a term: terms.duration has no `term` (the length of the first "
            "term); the memorandum is read as running until discontinued",
            "terms",
            "duration",
            at_key=True,
            hint="add `term: P5Y` (or the length the text gives)",
        )
    elif duration.at_end == "expires" and stated:
        yield memo.source.finding(
            "MOC328",
            f"terms.duration says `at_end: expires` but gives {', '.join(stated)}, "
            "which only a memorandum that renews has",
            "terms",
            "duration",
            "at_end",
            hint="write `at_end: renews`, or remove " + ", ".join(stated),
        )


def _modifications(records: MemorandumRecords) -> Iterator[Finding]:
    for modification in records.modifications:
        for index, change in enumerate(modification.changes):
            if isinstance(change, SetTermLength):
                wrong = months_of(change.value) is None
            elif isinstance(change, SetRenewals):
                wrong = int(change.value) < 1
            else:
                continue
            if wrong:
                yield modification.source.finding(
                    "MOC328",
                    f"{change.term} cannot be {change.value}: a length must be at least one "
                    "month, and renewals at least 1",
                    "changes",
                    index,
                    "value",
                )


def _notices(records: MemorandumRecords, seen: History) -> Iterator[Finding]:
    status = {notice.id: notice for notice in seen.notices}
    for notice in records.notices:
        got = status[notice.id]
        where = "receipts" if notice.receipts else ("received" if notice.received else "dated")
        if got.code == "MOC327" and got.needed_by is not None:
            yield notice.source.finding(
                "MOC327",
                f"notice of non-renewal {notice.id} received {got.received}, too late: it had "
                f"to be received by {got.needed_by}; it has no effect and the memorandum renews",
                where,
                hint="give notice again before the next term's deadline, or agree a "
                "modification; see `mocctl status` for the date",
            )
        elif got.code in ("MOC330", "MOC331"):
            yield notice.source.finding(
                got.code,
                f"notice {notice.id} has no effect: {got.reason}",
                where if got.code == "MOC330" else "type",
            )
