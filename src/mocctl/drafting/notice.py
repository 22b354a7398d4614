"""``draft notice``: a written notice of discontinuation (Paragraph 2.2) naming its date of effect.

The dates are those of the one history (:meth:`History.if_received`: the terms that will be in
force on the expected day of receipt, for the Sides the notice goes to), so that the draft names
the dates ``status`` will show once the notice is made real and received on that day. Only the
inverse question (the latest day of receipt for that date) is answered by
:func:`mocctl.core.periods.latest_receipt`.

The record's ``received`` is the *expected* receipt; the letter is dated the as-of date unless
another is given, and never after the expected receipt.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mocctl.core import periods
from mocctl.core.history import History, effect_of, history
from mocctl.core.memoranda import MemorandumRecords
from mocctl.core.notices import NoticeDates, parties
from mocctl.drafting.context import (
    memorandum_context,
    memorandum_of,
    new_id,
    side_context,
)
from mocctl.drafting.draft import Draft, finish
from mocctl.drafting.errors import DraftError
from mocctl.drafting.requests import NoticeRequest
from mocctl.drafting.templates import Templates
from mocctl.model.records import Memorandum, Side

READINGS = {
    "safe-harbour": "every Side: the latest of their readings",
    "corresponding-date": "English law, EU law",
    "jp-civil-code": "Japanese Civil Code",
    "un-anniversary": "UN depositary practice",
}


def notice_days(request: NoticeRequest, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """(expected receipt, date of the letter): the receipt defaults to the as-of date (or the
    letter's date, if that is later); the letter to the as-of date, but never after the receipt."""
    received = request.received or max(as_of, request.dated or as_of)
    dated = request.dated or min(as_of, received)
    if dated > received:
        raise DraftError(
            f"the letter would be dated after its receipt ({received})", field="dated", value=dated
        )
    return received, dated


def notice(
    records: MemorandumRecords,
    as_of: dt.date,
    templates: Templates,
    request: NoticeRequest,
    prefix: str = "",
) -> Draft:
    """A written notice of discontinuation (Paragraph 2.2) naming its date of effect."""
    memo = memorandum_of(records)
    sides, to = addressees(memo, request)
    received, dated = notice_days(request, as_of)
    known = history(records, max(as_of, received))  # what will be known on receipt
    notes = _check_in_force(known, received)
    dates = _dates(known, received, to, request.requested_effective)
    if dates.requested_too_early:
        notes.append(
            f"the requested date {request.requested_effective} is earlier than the notice period "
            f"allows under the {dates.rule} rule; the draft names {dates.effective}"
        )
    record_id = new_id(
        records, request.record_id or f"{request.by.lower()}-discontinuation-{received.year}"
    )
    terms = known.text_on(received)
    effect = effect_of(terms)
    set_by = {
        change.record
        for name in ("discontinuation.notice_period", "discontinuation.rule")
        if (change := terms.term_changes.get(name)) is not None
    }
    draft = {
        "id": record_id,
        "by": side_context(sides[request.by]),
        "to": [side_context(sides[s]) for s in to],
        "dated": dated,
        "received": received,
        "received_given": request.received is not None,
        # where the expected receipt came from: given | as_of | dated (a later letter date)
        "received_from": (
            "given" if request.received else "as_of" if received == as_of else "dated"
        ),
        "notice_period": dates.notice_period,
        "months": dates.months,
        "rule": dates.rule,
        "effect": effect,  # discontinues (the memorandum) | withdraws (the notifying Side)
        "terms_set_by": sorted(set_by),
        "effective": dates.effective,
        "last_day": dates.last_day,
        "last_day_in_force": dates.last_day_in_force,
        "computed_effective": dates.computed.effective,
        "requested_effective": dates.effective if dates.requested_applies else None,
        "latest_receipt": _latest_receipt(memo, dates, to),
        "rules": _rules(memo, dates),
        "activities": [
            {"id": a.id, "title": a.title, "start": a.start, "end": a.end}
            for a in known.activities
            if a.end is None or a.end >= received  # not ended by the day of receipt
        ],
        "check_command": _period_command(received, dates.notice_period, memo),
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
        dates=_dates_json(draft, dates),
    )


def addressees(memo: Memorandum, request: NoticeRequest) -> tuple[dict[str, Side], list[str]]:
    """The memorandum's Sides by id, and the Sides a notice by ``request.by`` goes to (every
    other Side unless ``request.to`` names them)."""
    sides = {side.id: side for side in memo.sides}
    if request.by not in sides:
        raise DraftError(
            f"not a Side of {memo.id}",
            field="by",
            value=request.by,
            hint="Sides: " + ", ".join(sides),
        )
    to = list(dict.fromkeys(request.to)) or [s for s in sides if s != request.by]
    for side in to:
        if side not in sides or side == request.by:
            raise DraftError(
                f"the notice goes to another Side of {memo.id}",
                field="to",
                value=side,
                hint="Sides: " + ", ".join(s for s in sides if s != request.by),
            )
    return sides, to


def _check_in_force(known: History, received: dt.date) -> list[str]:
    """Notes about a notice received on ``received``, or an error if it can have no effect."""
    memo = known.memorandum
    if known.commenced is None or received < known.commenced:
        raise DraftError(
            f"{memo.id} has not commenced on {received}: a notice of discontinuation then has no "
            "effect (Paragraph 2.2)",
            field="received",
            value=received,
        )
    if not known.discontinuable_on(received):
        raise DraftError(
            f"{memo.id} allows no discontinuation by notice during a term "
            "(terms.duration.discontinuation_during_term: false): a notice received on "
            f"{received} would have no effect (MOC331)",
            field="received",
            value=received,
            hint="to end it at the end of a term, draft a notice of non-renewal: "
            "mocctl draft non-renewal",
        )
    governing = known.discontinuation
    if governing is None or governing.effective is None:
        return []
    if governing.effective <= received:
        raise DraftError(
            f"{memo.id} is discontinued from {governing.effective} (notice {governing.id}); "
            f"there is nothing to discontinue on {received}",
            field="received",
            value=received,
        )
    return [f"notice {governing.id} already discontinues {memo.id} from {governing.effective}"]


def _dates(
    known: History, received: dt.date, to: list[str], requested: dt.date | None
) -> NoticeDates:
    """The dates of the notice, under the terms in force on the day of receipt."""
    try:
        return known.if_received(received, to=to, requested_effective=requested)
    except ValueError as error:  # includes OutOfCalendar
        raise DraftError(str(error), field="received", value=received) from None


def _latest_receipt(memo: Memorandum, dates: NoticeDates, to: list[str]) -> dt.date:
    who = parties(memo, to)
    return periods.latest_receipt(
        dates.effective,
        dates.rule,
        dates.months,
        who.jurisdictions,
        who.timezones,
        who.recipient_timezones[-1],
    )


def _rules(memo: Memorandum, dates: NoticeDates) -> list[dict[str, Any]]:
    readers: dict[str, list[str]] = {"safe-harbour": [s.id for s in memo.sides]}
    for side in memo.sides:
        readers.setdefault(periods.rule_for_jurisdiction(side.jurisdiction), []).append(side.id)
    return [
        {
            "name": name,
            "reflects": READINGS[name],
            "last_day": period.last_day,
            "effective": period.effective,
            "sides": readers.get(name, []),
        }
        for name, period in dates.rules.items()
    ]


def _period_command(received: dt.date, period: str, memo: Memorandum) -> str:
    """The ``mocctl period`` command that gives the same dates."""
    command = f"mocctl period {received}"
    if periods.parse_months(period) != 3:
        command += f" --period {period}"
    jurisdictions = sorted({s.jurisdiction for s in memo.sides})
    zones = sorted({s.timezone for s in memo.sides})
    if (jurisdictions, zones) != (["GB", "JP"], ["Asia/Tokyo", "Europe/London"]):
        command += f" --jurisdictions {','.join(jurisdictions)} --timezones {','.join(zones)}"
    return command


def _dates_json(draft: dict[str, Any], dates: NoticeDates) -> dict[str, Any]:
    """The dates the draft names, with the keys of ``status``'s ``discontinuation``."""
    return {
        "dated": draft["dated"],
        "received": dates.received,
        "notice_period": dates.notice_period,
        "rule": dates.rule,
        "last_day": dates.last_day,
        "last_day_in_force": dates.last_day_in_force,
        "effective": dates.effective,
        "requested_effective": dates.requested_effective,
        "latest_receipt": draft["latest_receipt"],
        "rules": {
            name: {"last_day": p.last_day, "effective": p.effective}
            for name, p in dates.rules.items()
        },
    }
