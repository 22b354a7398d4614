"""``draft non-renewal``: a written notice of non-renewal of a fixed term, in time.

Every date comes from the one history (:mod:`mocctl.core.history`): the term that the expected
day of receipt falls in, its last day under each Side's reading, and the last day on which the
notice can be received (``Term.opt_out``, found by the same search as ``period --target``). A
notice that would arrive too late is refused with the date it needed, never drafted: it would
have no effect, and the memorandum would renew (MOC327).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mocctl.core import periods
from mocctl.core.history import History, history
from mocctl.core.memoranda import MemorandumRecords
from mocctl.core.terms import OptOut, Term
from mocctl.drafting.context import memorandum_context, memorandum_of, new_id, side_context
from mocctl.drafting.draft import Draft, finish
from mocctl.drafting.errors import DraftError
from mocctl.drafting.notice import READINGS, addressees, notice_days
from mocctl.drafting.requests import NoticeRequest
from mocctl.drafting.templates import Templates

__all__ = ["non_renewal"]


def non_renewal(
    records: MemorandumRecords,
    as_of: dt.date,
    templates: Templates,
    request: NoticeRequest,
    prefix: str = "",
) -> Draft:
    """A written notice of non-renewal, received in time to end the current term."""
    memo = memorandum_of(records)
    sides, to = addressees(memo, request)
    if request.requested_effective is not None:
        raise DraftError(
            "is for a notice of discontinuation",
            field="requested_effective",
            hint="a notice of non-renewal ends the memorandum at the end of its term",
        )
    received, dated = notice_days(request, as_of)
    known = history(records, max(as_of, received))  # what will be known on receipt
    term, opt = _term_to_refuse(known, received)
    notes = []
    if term.ended_by is not None:
        notes.append(f"notice {term.ended_by} already ends term {term.number}")
    record_id = new_id(
        records, request.record_id or f"{request.by.lower()}-non-renewal-{received.year}"
    )
    draft = {
        "id": record_id,
        "by": side_context(sides[request.by]),
        "to": [side_context(sides[s]) for s in to],
        "dated": dated,
        "received": received,
        "received_given": request.received is not None,
        "term": {
            "number": term.number,
            "first_day": term.first_day,
            "last_day": term.last_day,
            "length": term.length,
        },
        "expires": term.next_first_day,
        "notice_period": opt.notice_period,
        "months": periods.parse_months(opt.notice_period),
        "rule": opt.rule,
        "deadline": opt.deadline,
        "days_to_spare": (opt.deadline - received).days,
        "rules": _rules(term, opt),
    }
    context = {"memorandum": memorandum_context(records, as_of), "as_of": as_of, "draft": draft}
    return finish(
        "notice",
        record_id,
        records,
        templates,
        context,
        f"{prefix}{record_id}.yaml",
        notes=notes,
        dates=_dates_json(draft),
        template="non-renewal",
    )


def _term_to_refuse(known: History, received: dt.date) -> tuple[Term, OptOut]:
    """The term a notice received on ``received`` would end, and its opt-out; else why not."""
    memo = known.memorandum
    if known.commenced is None or received < known.commenced:
        raise DraftError(
            f"{memo.id} has not commenced on {received}: there is no term to refuse",
            field="received",
            value=received,
        )
    if not known.schedule.terms:
        raise DraftError(
            f"{memo.id} has no fixed term (terms.duration): it runs until a Side discontinues it",
            hint="`mocctl draft notice` drafts a notice of discontinuation (Paragraph 2.2)",
        )
    if known.ends is not None and known.ends <= received:
        raise DraftError(
            f"{memo.id} is discontinued from {known.ends}: there is no term to refuse",
            field="received",
            value=received,
        )
    term = known.schedule.on(received)
    if term is None or received > term.last_day:
        raise DraftError(
            f"{memo.id} has expired (its last term ended on {known.schedule.terms[-1].last_day})",
            field="received",
            value=received,
        )
    if term.opt_out is None:
        why = (
            "renews without a notice of non-renewal being provided for"
            if term.renews
            else f"does not renew: {memo.id} expires on {term.next_first_day}"
        )
        raise DraftError(
            f"term {term.number} of {memo.id} {why} (terms.duration): there is nothing to refuse",
            hint="a modification (`mocctl draft modification`) can change the terms",
        )
    if received > term.opt_out.deadline:
        raise DraftError(
            f"is too late for term {term.number} (to {term.last_day}): a notice of non-renewal "
            f"had to be received by {term.opt_out.deadline} ({term.opt_out.rule}); received "
            f"later it has no effect and {memo.id} renews on {term.next_first_day}",
            field="received",
            value=received,
            hint="agree a modification with the other Sides, or give notice during the next term",
        )
    return term, term.opt_out


def _rules(term: Term, opt: OptOut) -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            "reflects": READINGS[name],
            "last_day": term.last_days[name],
            "deadline": deadline,
        }
        for name, deadline in opt.latest.items()
    ]


def _dates_json(draft: dict[str, Any]) -> dict[str, Any]:
    """The dates the draft names, with the keys of ``status``'s ``term``."""
    return {
        "dated": draft["dated"],
        "received": draft["received"],
        "term": draft["term"]["number"],
        "last_day": draft["term"]["last_day"],
        "expires": draft["expires"],
        "notice_period": draft["notice_period"],
        "rule": draft["rule"],
        "last_day_to_receive": draft["deadline"],
        "rules": {
            rule["name"]: {"last_day": rule["last_day"], "last_day_to_receive": rule["deadline"]}
            for rule in draft["rules"]
        },
    }
