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
from collections.abc import Iterator
from dataclasses import dataclass

from mocctl.core.consolidation import Consolidated, Part, Provenance
from mocctl.core.history import History
from mocctl.core.memoranda import MemorandumRecords
from mocctl.findings import Finding
from mocctl.model.records import (
    AddArea,
    AmendArea,
    Decision,
    InsertText,
    Memorandum,
    Modification,
    Record,
    ReplaceText,
    SetTerm,
)

__all__ = ["TREATY_TERMS", "check", "section_label", "stated_periods", "treaty_words"]

Path_ = tuple[str | int, ...]


def check(records: MemorandumRecords, seen: History | None = None) -> list[Finding]:
    """Every MOC4xx finding about the records of one memorandum."""
    memo = records.memorandum
    if memo is None:
        return []
    return (
        _side_names(records, memo)
        + _treaty_language(records, memo)
        + _period_in_text(records, seen)
    )


# -- where text lives ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Field:
    record: Record
    path: Path_
    label: str
    text: str


def _signed_fields(memo: Memorandum) -> Iterator[_Field]:
    for index, section in enumerate(memo.text):
        name = section_label(section.id)
        if section.heading:
            yield _Field(
                memo, ("text", index, "heading"), f"the heading of {name}", section.heading
            )
        yield _Field(memo, ("text", index, "body"), name, section.body)
    for index, area in enumerate(memo.areas):
        yield _Field(memo, ("areas", index, "title"), f"the title of area {area.id}", area.title)
        yield _Field(memo, ("areas", index, "text"), f"area {area.id}", area.text)


def section_label(section_id: str) -> str:
    """ "section 2.2" for a numbered section, "the title section" for a named one."""
    return f"section {section_id}" if section_id[:1].isdigit() else f"the {section_id} section"


def _added_fields(records: MemorandumRecords) -> Iterator[_Field]:
    """Text that modifications and decisions add to the memorandum."""
    changesets: list[Modification | Decision] = [*records.modifications, *records.decisions]
    for record in changesets:
        key = record.items_key
        for index, change in enumerate(record.items):
            label = f"{record.id}, change {index + 1}"
            if isinstance(change, AddArea | AmendArea):
                for name in ("title", "text"):
                    value = getattr(change.area, name)
                    if value:
                        yield _Field(
                            record,
                            (key, index, "area", name),
                            f"{label} (area {change.area.id})",
                            value,
                        )
            elif isinstance(change, ReplaceText | InsertText):
                if change.heading:
                    yield _Field(
                        record,
                        (key, index, "heading"),
                        f"{label} (heading of {section_label(change.section)})",
                        change.heading,
                    )
                yield _Field(
                    record,
                    (key, index, "body"),
                    f"{label} ({section_label(change.section)})",
                    change.body,
                )


# -- MOC401: a Side's name written differently -------------------------------------------------

_FUNCTION_WORDS = frozenset({"of", "for", "the", "and", "on", "in", "at", "to", "a", "an", "&"})
_WORD = re.compile(r"\w+|&")


@dataclass(frozen=True, slots=True)
class _Token:
    word: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _side_names(records: MemorandumRecords, memo: Memorandum) -> list[Finding]:
    fields = [*_signed_fields(memo), *_added_fields(records)]
    findings = []
    for side in memo.sides:
        name_tokens = _tokens(side.name)
        if name_tokens and name_tokens[0].word == "the":
            name_tokens = name_tokens[1:]
        if len(name_tokens) < 2:
            continue
        pattern = _name_pattern(tuple(t.word for t in name_tokens))
        same: list[str] = []  # places that write the name as `sides` does
        variants: dict[tuple[str, tuple[str, ...]], list[tuple[_Field, str, int]]] = {}
        for field in fields:
            for shown, words, differs_at in _occurrences(field.text, name_tokens, pattern):
                if differs_at is None:
                    if field.label not in same:
                        same.append(field.label)
                    continue
                variants.setdefault((field.record.id, words), []).append((field, shown, differs_at))
        for places in variants.values():
            first, shown, differs_at = places[0]
            others: list[str] = []
            for place, _, _ in places[1:]:
                if place.label != first.label and place.label not in others:
                    others.append(place.label)
            canonical = _excerpt(side.name, name_tokens, differs_at)
            message = (
                f'Side {side.id} is written "{shown}" in {first.label}, but '
                f'"{canonical}" in its `sides` entry'
            )
            if same:
                message += f" (as in {_join(same)})"
            if others:
                message += f"; the same spelling is in {_join(others)}"
            findings.append(
                first.record.source.finding(
                    "MOC401",
                    message,
                    *first.path,
                    hint="if the signed text itself is inconsistent, keep it verbatim and accept "
                    "this warning (a correction is a modification under Paragraph 2.3); otherwise "
                    "write the name the same way everywhere",
                )
            )
    return findings


def _occurrences(
    text: str, name: list[_Token], pattern: re.Pattern[str]
) -> Iterator[tuple[str, tuple[str, ...], int | None]]:
    """(excerpt, words, index of the first differing word or None) for each place where
    ``text`` writes the name ``name``, allowing short function words ("of", "for", "the", …)
    to differ."""
    words_of_name = [t.word for t in name]
    for match in pattern.finditer(text):
        window = [
            _Token(t.word, t.start + match.start(), t.end + match.start())
            for t in _tokens(match.group())
        ]
        words = tuple(t.word for t in window)
        differs_at = _first_difference(words_of_name, list(words))
        yield _excerpt(text, window, differs_at), words, differs_at


@functools.lru_cache(maxsize=256)
def _name_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern for the name ``words`` in which any function word may stand for another."""
    function = "(?:" + "|".join(sorted(_FUNCTION_WORDS - {"&"}, key=len, reverse=True)) + "|&)"
    parts = [function if word in _FUNCTION_WORDS else re.escape(word) for word in words]
    return re.compile(r"(?<!\w)" + r"[^\w&]+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _first_difference(a: list[str], b: list[str]) -> int | None:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return None


def _excerpt(text: str, window: list[_Token], at: int | None) -> str:
    """The words around position ``at`` of ``window`` in ``text``, with "…" for the rest."""
    if at is None:
        at = 0
    first = max(0, at - 1)
    last = min(len(window) - 1, at + 1)
    shown = text[window[first].start : window[last].end]
    prefix = "… " if first > 0 else ""
    suffix = " …" if last < len(window) - 1 else ""
    return f"{prefix}{shown}{suffix}"


def _join(labels: list[str]) -> str:
    if len(labels) <= 2:
        return " and ".join(labels)
    return ", ".join(labels[:-1]) + f" and {labels[-1]}"


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
    for field in _added_fields(records):
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


def stated_periods(text: str) -> list[tuple[str, int]]:
    """(phrase, months) for each period stated in a sentence of ``text`` about notice."""
    return list(_stated_periods(text))


@functools.lru_cache(maxsize=1024)
def _stated_periods(text: str) -> tuple[tuple[str, int], ...]:
    if not _NOTICE.search(text):
        return ()
    found = []
    for sentence in re.split(r"(?<=[.;])\s+", text):
        if not _NOTICE.search(sentence):
            continue
        for match in _PERIOD.finditer(sentence):
            word, paren, digits = match.group("word", "paren", "digits")
            count = _NUMBERS[word.lower()] if word else int(digits)
            if word is None and paren is None and count == 0:
                continue
            months = count * (12 if match.group("unit").lower().startswith("year") else 1)
            found.append((" ".join(match.group().split()), months))
    return tuple(found)


def _period_in_text(records: MemorandumRecords, known: History | None) -> list[Finding]:
    from mocctl.core import periods
    from mocctl.core.history import FAR_FUTURE, history

    memo = records.memorandum
    assert memo is not None
    whole = (
        known if known is not None and known.as_of == FAR_FUTURE else history(records, FAR_FUTURE)
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
        for section in state.sections:
            if section.removed is not None:
                continue
            wrong = [(p, m) for p, m in stated_periods(section.body) if m != in_force]
            if not wrong:
                continue
            finding = _disagreement(memo, by_id, state, section, wrong[0][0], in_force)
            key = (finding.file, (finding.line, finding.column, section.id))
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    return findings


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
            *_path_of(record, term=term),
            hint=f"add a replace_text change for {section_label(section.id)} that states the new "
            "period, or correct the value",
        )
    if blame is not None and blame.record in by_id:
        record = by_id[blame.record]
        return record.source.finding(
            "MOC403",
            f'{section_label(section.id)} as changed by {record.id} says "{phrase}", but '
            f"the notice period in force is {period} ({months})",
            *_path_of(record, section=section.id),
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


def _path_of(record: Record, *, term: str | None = None, section: str | None = None) -> Path_:
    if isinstance(record, Modification):
        for index, change in enumerate(record.changes):
            if term and isinstance(change, SetTerm) and change.term == term:
                return ("changes", index, "value")
            if (
                section
                and isinstance(change, ReplaceText | InsertText)
                and change.section == section
            ):
                return ("changes", index, "body")
    return ()
