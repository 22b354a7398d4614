"""Fixed terms and renewal (issue 14): the last day of each term, the first day of each renewal
and the last day on which a notice of non-renewal can be received. Pure: no I/O, no clock.

A term "commences on the date of signature and continues for N years": the day it begins is
counted (Japanese Civil Code Art. 140 proviso and Art. 143; the English reading of a period
"beginning with" a day, *Trow v Ind Coope*, SI 2018/1082 r 1.4(2)(a); UN practice), so it ends on
the day before the corresponding day N months later. The rules differ only where that month has
no corresponding day (a term that begins on 29 February, or on the 31st with a term in months):

- ``corresponding-date`` and ``jp-civil-code``: the last day of that month;
- ``un-anniversary``: the day before the clamped anniversary (one day earlier);
- ``safe-harbour``: the latest last day among the rules of the Sides' jurisdictions.

Each renewal begins on the day after the previous term's last day. The last day for a notice of
non-renewal "N months before the end of the term" is found by searching over the forward rule of
the notice period (:func:`mocctl.core.periods.latest_receipt`), never by counting backwards.
The sources and worked examples are in ``docs/dates.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from mocctl.core import periods
from mocctl.core.notices import NoticeDates, Parties

ONE_DAY = dt.timedelta(days=1)
MAX_TERMS = 10_000  # a bound on the renewals listed (the calendar ends before it with P1M)


@dataclass(frozen=True, slots=True)
class TermRules:
    """The ``duration.*`` terms in force, read: months of the first term and of a renewal."""

    months: int
    renews: bool
    renewal_months: int
    renewals: int | None  # how many renewals in all; None: any number
    non_renewal: str | None  # the notice period of non-renewal (PnM), if a Side may refuse
    during_term: bool  # discontinuation by notice is possible during a term

    def months_of(self, number: int) -> int:
        return self.months if number == 1 else self.renewal_months

    def renews_after(self, number: int) -> bool:
        """Whether term ``number`` renews at its end (absent a notice of non-renewal)."""
        return self.renews and (self.renewals is None or number <= self.renewals)


def months_of(length: str | None) -> int | None:
    """The months of a length such as ``P5Y``; None when absent, zero, negative or malformed
    (a negative ``-P1Y`` is not a period to :func:`periods.parse_months` either)."""
    if length is None:
        return None
    try:
        return periods.parse_months(length)
    except ValueError:
        return None


def read(terms: Mapping[str, str]) -> TermRules | None:
    """The term rules of ``terms`` (a consolidation's), or None: no fixed term, or one that
    makes no sense (the lifecycle check says why: MOC328), read as no fixed term."""
    months = months_of(terms.get("duration.term"))
    if months is None:
        return None
    renews = terms.get("duration.at_end") == "renews"
    renewal = terms.get("duration.renewal_term")
    renewal_months = months_of(renewal) if renewal is not None else months
    count = terms.get("duration.renewals")
    renewals = int(count) if count is not None else None
    notice = terms.get("duration.non_renewal_notice")
    if renewal_months is None or (renewals is not None and renewals < 1):
        return None
    if notice is not None and months_of(notice) is None:
        return None
    return TermRules(
        months=months,
        renews=renews,
        renewal_months=renewal_months,
        renewals=renewals,
        non_renewal=notice if renews else None,
        during_term=terms.get("duration.discontinuation_during_term", "true") == "true",
    )


# -- the last day of a term under each rule ----------------------------------------------------


def last_day(rule: str, first_day: dt.date, months: int) -> dt.date:
    """The last day of a period of ``months`` that begins with (counts) ``first_day``."""
    if rule == "un-anniversary":
        # UN practice: the term ends when the anniversary (clamped) begins.
        return periods.add_months(first_day, months) - ONE_DAY
    if rule not in ("corresponding-date", "jp-civil-code"):
        raise ValueError(f"unknown rule {rule!r}")
    # JP Art 143(2) / SI 2018/1082 r 1.4(2)(a): the day before the corresponding day, or the
    # last day of that month when it has none. A term beginning on the 1st (JP Art 143(1): by
    # whole months) gives the last day of the month before: the same formula.
    anniversary = periods.add_months(first_day, months)
    if anniversary.day < first_day.day:  # clamped: the month has no corresponding day
        return anniversary
    return anniversary - ONE_DAY


def last_days(first_day: dt.date, months: int, jurisdictions: Sequence[str]) -> dict[str, dt.date]:
    """The last day under every rule; safe-harbour: the latest of the Sides' rules."""
    found = {name: last_day(name, first_day, months) for name in periods.BASIC_RULES}
    own = {periods.rule_for_jurisdiction(code) for code in jurisdictions}
    return {"safe-harbour": max(found[name] for name in own), **found}


# -- the last day for a notice of non-renewal --------------------------------------------------


@dataclass(frozen=True, slots=True)
class OptOut:
    """The last receipt day of a notice of non-renewal, under every rule, and the one that
    governs (``rule``). A notice received on ``latest[rule]`` or before is in time."""

    notice_period: str
    rule: str
    latest: Mapping[str, dt.date]  # every rule of periods.RULES
    targets: Mapping[str, dt.date]  # the first day after the term, under each rule

    @property
    def deadline(self) -> dt.date:
        return self.latest[self.rule]


def opt_out(notice_period: str, rule: str, ends: Mapping[str, dt.date], who: Parties) -> OptOut:
    """The last day to give notice of non-renewal for a term whose last day is ``ends[rule]``.

    Each basic rule: the latest receipt D whose notice period ends by the term's last day under
    that rule (E(D) ≤ last day + 1). Safe-harbour: the same over every Side's reading and time
    zone, against the earliest last day of the Sides' rules — the earliest day of all.
    """
    months = periods.parse_months(notice_period)
    own = {periods.rule_for_jurisdiction(code) for code in who.jurisdictions}
    targets = {name: ends[name] + ONE_DAY for name in periods.BASIC_RULES}
    targets["safe-harbour"] = min(ends[name] for name in own) + ONE_DAY
    zone = who.recipient_timezones[0]
    latest = {
        name: periods.latest_receipt(
            targets[name], name, months, who.jurisdictions, who.timezones, zone
        )
        for name in periods.RULES
    }
    return OptOut(notice_period, rule, latest, targets)


# -- the schedule ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """One term: its number (1 the first), first and last day under the governing rule."""

    number: int
    first_day: dt.date
    last_day: dt.date
    last_days: Mapping[str, dt.date]
    length: str  # such as P5Y
    rule: str
    renews: bool  # it renews at its end (no notice of non-renewal in time, renewals left)
    opt_out: OptOut | None = None
    ended_by: str | None = None  # the notice of non-renewal that makes it the last

    @property
    def next_first_day(self) -> dt.date:
        return self.last_day + ONE_DAY


@dataclass(frozen=True, slots=True)
class NonRenewal:
    """What a notice of non-renewal did: ended a term, or came too late or to no purpose."""

    term: int | None  # the term it was received in
    in_time: bool
    needed_by: dt.date | None = None  # the last day it could have been received
    reason: str | None = None


@dataclass(frozen=True)
class Schedule:
    """The terms up to the horizon, the expiry (first day not in force) and the notices."""

    terms: tuple[Term, ...] = ()
    expiry: dt.date | None = None
    notices: Mapping[str, NonRenewal] = field(default_factory=dict)

    def on(self, day: dt.date) -> Term | None:
        """The term that ``day`` falls in, or the last term once it is over."""
        for term in self.terms:
            if term.first_day <= day <= term.last_day:
                return term
        last = self.terms[-1] if self.terms else None
        return last if last is not None and day > last.last_day else None


# (id, receipt as given, D) of a notice of non-renewal; its dates under a rule and period.
Given = tuple[str, dt.date | dt.datetime, dt.date]
DatesOf = Callable[[dt.date | dt.datetime, str, str], NoticeDates]


def schedule(
    commenced: dt.date,
    rules_on: Callable[[dt.date], tuple[TermRules | None, str]],
    who: Parties,
    *,
    horizon: dt.date,
    stop: dt.date | None,
    notices: Sequence[Given],
    dates_of: DatesOf,
) -> Schedule:
    """The terms from ``commenced``: each read from the term rules in force on its last day
    (``rules_on(day)`` gives them and the period rule), until the memorandum expires, the term
    that contains ``horizon`` ends, or a term would begin on or after ``stop`` (the day a
    discontinuation takes effect)."""
    terms: list[Term] = []
    outcome: dict[str, NonRenewal] = {}
    first, number = commenced, 1
    pending = sorted(notices, key=lambda n: (n[2], n[0]))
    while number <= MAX_TERMS and (stop is None or first < stop):
        try:
            term = _term(number, first, rules_on, who)
            if term is None:
                break
            mine = [n for n in pending if n[2] <= term.last_day]
            term = _apply_notices(term, mine, outcome, dates_of)
        except ValueError:  # the calendar ends (year 9999): no later term can be counted
            break
        pending = [n for n in pending if n[2] > term.last_day]
        terms.append(term)
        if not term.renews:
            break
        if term.last_day >= horizon:
            break
        first, number = term.next_first_day, number + 1
    for notice_id, _, _ in pending:
        outcome[notice_id] = NonRenewal(None, False, reason="received after the last term ended")
    last = terms[-1] if terms else None
    expiry = last.next_first_day if last is not None and not last.renews else None
    return Schedule(tuple(terms), expiry, outcome)


def _term(
    number: int,
    first: dt.date,
    rules_on: Callable[[dt.date], tuple[TermRules | None, str]],
    who: Parties,
) -> Term | None:
    """Term ``number`` from ``first``; a modification in effect on its last day governs it."""
    rules, rule = rules_on(first)
    if rules is None:
        return None
    ends = last_days(first, rules.months_of(number), who.jurisdictions)
    for _ in range(8):  # a change of the term in force on its last day governs it
        again, again_rule = rules_on(ends[rule])
        if again is None:
            break
        moved = last_days(first, again.months_of(number), who.jurisdictions)
        if moved[again_rule] == ends[rule] and again == rules and again_rule == rule:
            break
        if moved[again_rule] < ends[rule] and rules_on(moved[again_rule])[0] != again:
            break  # shortened to before the change took effect: the change comes too late
        rules, rule, ends = again, again_rule, moved
    renews = rules.renews_after(number)
    choice = None
    if renews and rules.non_renewal is not None:
        choice = opt_out(rules.non_renewal, rule, ends, who)
    return Term(
        number, first, ends[rule], ends, _length(rules.months_of(number)), rule, renews, choice
    )


def _length(months: int) -> str:
    return f"P{months // 12}Y" if months % 12 == 0 else f"P{months}M"


def _apply_notices(
    term: Term,
    mine: Sequence[Given],
    outcome: dict[str, NonRenewal],
    dates_of: DatesOf,
) -> Term:
    """The notices of non-renewal received during (or before) ``term``: the first in time
    makes it the last term; the others record why they did nothing."""
    for notice_id, given, day in mine:
        if day < term.first_day:
            outcome[notice_id] = NonRenewal(None, False, reason="received before the term began")
        elif not term.renews:
            why = (
                "the term does not renew"
                if term.ended_by is None
                else (f"{term.ended_by} already ends term {term.number}")
            )
            outcome[notice_id] = NonRenewal(term.number, False, reason=why)
        elif term.opt_out is None:
            outcome[notice_id] = NonRenewal(
                term.number, False, reason="the memorandum provides for no notice of non-renewal"
            )
        else:
            choice = term.opt_out
            dates = dates_of(given, choice.notice_period, choice.rule)
            if dates.effective <= choice.targets[choice.rule]:
                outcome[notice_id] = NonRenewal(term.number, True)
                term = replace(term, renews=False, ended_by=notice_id)
            else:
                outcome[notice_id] = NonRenewal(term.number, False, needed_by=choice.deadline)
    return term
