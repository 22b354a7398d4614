"""Wording checks of the text (MOC4xx). Pure: records in, findings out.

* MOC401: a Side's name written differently in the text than in ``sides`` ("Department of …"
  against "Department for …"). The signed text is kept verbatim, so this may be the source's own
  inconsistency: it is a warning, reported once per spelling and record.
* MOC402: treaty language ("shall", "agree", "parties", …) in text that a Modification or a
  Decision adds. The signed text is not checked: it is what the Sides signed.
* MOC403: the consolidated text states a notice period (in a sentence about notice) that differs
  from ``discontinuation.notice_period`` in force at the same time.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from mocctl.checks.names import side_names
from mocctl.checks.texts import Path_, added_fields, path_of, section_label
from mocctl.core.consolidation import Consolidated, Part, Provenance
from mocctl.core.history import History
from mocctl.core.memoranda import MemorandumRecords
from mocctl.findings import Finding
from mocctl.model.records import (
    Memorandum,
    Record,
)

__all__ = ["TREATY_TERMS", "check", "section_label", "stated_periods", "treaty_words"]


def check(records: MemorandumRecords, seen: History | None = None) -> list[Finding]:
    """Every MOC4xx finding about the records of one memorandum."""
    memo = records.memorandum
    if memo is None:
        return []
    return (
        side_names(records, memo) + _treaty_language(records, memo) + _period_in_text(records, seen)
    )


# -- where text lives ----------------------------------------------------------------------------


# -- MOC401: a Side's name written differently -------------------------------------------------


# -- MOC402: treaty language in added text -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Term:
    pattern: re.Pattern[str]
    instead: str
    negatable: bool = False  # "does not create obligations" is not a finding


TREATY_TERMS: tuple[_Term, ...] = (
    _Term(re.compile(r"\bshall\b", re.I), '"will"'),
    _Term(re.compile(r"\bagree[sd]?\b", re.I), '"have jointly decided" or "intend to"'),
    _Term(re.compile(r"\b(?<!third )parties\b", re.I), '"Sides"'),
    _Term(re.compile(r"\bobligations?\b", re.I), '"commitments" or "intentions"', True),
    _Term(re.compile(r"\bentry\s+into\s+force\b", re.I), '"commence" or "commencement"'),
    _Term(re.compile(r"\bratification\b", re.I), '"signature"'),
    _Term(re.compile(r"\blegally\s+binding\s+commitments?\b", re.I), '"intentions"', True),
)
_NEGATION = re.compile(r"\b(?:not|no|nor|without|neither)\b", re.I)


def treaty_words(text: str) -> list[tuple[str, str]]:
    """(word as written, conventional wording) for each treaty term found in ``text``."""
    found: list[tuple[str, str]] = []
    for term in TREATY_TERMS:
        for match in term.pattern.finditer(text):
            if term.negatable and _negated(text, match.start()):
                continue
            written = " ".join(match.group().split())
            if all(written.lower() != w.lower() for w, _ in found):
                found.append((written, term.instead))
    return found


def _negated(text: str, at: int) -> bool:
    """A negation among the eight words before ``at`` in the same sentence."""
    sentence = re.split(r"[.;:!?]", text[:at])[-1]
    return bool(_NEGATION.search(" ".join(sentence.split()[-8:])))


def _treaty_language(records: MemorandumRecords, memo: Memorandum) -> list[Finding]:
    if memo.legally_binding:
        return []
    findings = []
    for field in added_fields(records):
        found = treaty_words(field.text)
        if not found:
            continue
        words = ", ".join(f'"{w}"' for w, _ in found)
        hint = "; ".join(f'for "{w}" write {instead}' for w, instead in found)
        findings.append(
            field.record.source.finding(
                "MOC402",
                f"{words} in {field.label}: treaty language in a memorandum that is not "
                "legally binding",
                *field.path,
                hint=f"use the wording of a memorandum of cooperation: {hint}",
            )
        )
    return findings


# -- MOC403: text and terms disagree ------------------------------------------------------------

_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24,
    "thirty-six": 36,
}  # fmt: skip
_PERIOD = re.compile(
    r"\b(?:(?P<word>" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"
    r"(?:\s*\(\s*(?P<paren>\d{1,3})\s*\))?|(?P<digits>\d{1,3}))"
    r"[\s-]+(?P<unit>months?|years?)\b",
    re.I,
)
_NOTICE = re.compile(r"\bnotice\b", re.I)
_RENEWAL = re.compile(r"\brenew", re.I)


def stated_periods(text: str) -> list[tuple[str, int]]:
    """(phrase, months) for each period stated in a sentence of ``text`` about notice."""
    return [(phrase, months) for phrase, months, _ in _stated_periods(text)]


@functools.lru_cache(maxsize=1024)
def _stated_periods(text: str) -> tuple[tuple[str, int, bool], ...]:
    """(phrase, months, in a sentence about renewal) for each period in a notice sentence."""
    if not _NOTICE.search(text):
        return ()
    found = []
    for sentence in re.split(r"(?<=[.;])\s+", text):
        if not _NOTICE.search(sentence):
            continue
        renewal = bool(_RENEWAL.search(sentence))
        for match in _PERIOD.finditer(sentence):
            word, paren, digits = match.group("word", "paren", "digits")
            count = _NUMBERS[word.lower()] if word else int(digits)
            if word is None and paren is None and count == 0:
                continue
            months = count * (12 if match.group("unit").lower().startswith("year") else 1)
            found.append((" ".join(match.group().split()), months, renewal))
    return tuple(found)


def _period_in_text(records: MemorandumRecords, known: History | None) -> list[Finding]:
    from mocctl.core import periods
    from mocctl.core.history import FAR_FUTURE, history, knows_the_whole_record

    memo = records.memorandum
    assert memo is not None
    # The whole record's text: the history already made when it folds the same records (a
    # portfolio's status as of today, most often), else a second fold.
    whole = (
        known
        if known is not None
        and (known.as_of == FAR_FUTURE or knows_the_whole_record(records, known.as_of))
        else history(records, FAR_FUTURE)
    )
    chain = whole.applying
    days = [dt.date.min, *sorted({changeset.effective for changeset in chain})]
    by_id: dict[str, Record] = {c.id: c for c in chain}
    findings: list[Finding] = []
    seen: set[tuple[str, Path_]] = set()
    for day in days:
        state = whole.text_on(day)
        try:
            in_force = periods.parse_months(state.notice_period)
        except ValueError:
            continue  # not a period at all: the schema checks say so
        renewal: set[int] | None = None  # worked out for the first section that states a period
        for section in state.sections:
            if section.removed is not None:
                continue
            stated = _stated_periods(section.body)
            if not stated:
                continue
            if renewal is None:
                # a sentence about renewal may state the term and the notice of non-renewal too
                renewal = _term_months(state.terms)
            wrong = [
                (p, m)
                for p, m, about_renewal in stated
                if m != in_force and not (about_renewal and m in renewal)
            ]
            if not wrong:
                continue
            finding = _disagreement(memo, by_id, state, section, wrong[0][0], in_force)
            key = (finding.file, (finding.line, finding.column, section.id))
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    return findings


def _term_months(terms: dict[str, str]) -> set[int]:
    """The months of a fixed term's lengths and of its notice of non-renewal (terms.duration)."""
    from mocctl.core.terms import months_of

    keys = ("duration.term", "duration.renewal_term", "duration.non_renewal_notice")
    return {m for key in keys if (m := months_of(terms.get(key))) is not None}


def _disagreement(
    memo: Memorandum,
    by_id: dict[str, Record],
    state: Consolidated,
    section: Part,
    phrase: str,
    in_force: int,
) -> Finding:
    term = "discontinuation.notice_period"
    period = state.notice_period
    months = f"{in_force} month{'s' if in_force != 1 else ''}"
    text_change = section.changes[-1] if section.changes else None
    term_change = state.term_changes.get(term)
    blame = _latest(text_change, term_change)
    if blame is not None and blame is term_change and blame.record in by_id:
        record = by_id[blame.record]
        return record.source.finding(
            "MOC403",
            f"{record.id} sets the notice period to {period} ({months}) from "
            f'{blame.effective}, but {section_label(section.id)} still says "{phrase}"',
            *path_of(record, term=term),
            hint=f"add a replace_text change for {section_label(section.id)} that states the new "
            "period, or correct the value",
        )
    if blame is not None and blame.record in by_id:
        record = by_id[blame.record]
        return record.source.finding(
            "MOC403",
            f'{section_label(section.id)} as changed by {record.id} says "{phrase}", but '
            f"the notice period in force is {period} ({months})",
            *path_of(record, section=section.id),
            hint=f"state {months} in the text, or add a set_term change of {term} to the "
            "same modification",
        )
    return memo.source.finding(
        "MOC403",
        f'{section_label(section.id)} says "{phrase}", but terms.discontinuation.'
        f"notice_period is {period} ({months})",
        "terms",
        "discontinuation",
        "notice_period",
        hint="make the terms say what the text says (the text is the signed source)",
    )


def _latest(text: Provenance | None, term: Provenance | None) -> Provenance | None:
    if text is None or term is None:
        return text or term
    return term if term.effective >= text.effective else text
