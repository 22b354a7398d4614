"""A draft: the letter and the record rendered from templates, read back and checked.

The rendered record is read back with :func:`mocctl.io.loader.read_text` and checked together
with the other records, as it will be once it is made real, before anything is shown: a draft
is a valid record, or it is not produced. The record carries ``draft: true``: it is inert
until a person records it as sent or received (SPEC §3.6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from mocctl.core.consolidation import consolidate
from mocctl.core.history import history
from mocctl.core.memoranda import MemorandumRecords
from mocctl.drafting.context import memorandum_of
from mocctl.drafting.errors import DraftError
from mocctl.drafting.templates import Templates
from mocctl.findings import Finding, Severity
from mocctl.io.loader import read_text
from mocctl.model.records import Consent, Decision, Modification, Notice, Record


@dataclass(frozen=True)
class Draft:
    """A drafted letter and record, what the checks found in the record, and its dates."""

    kind: str  # modification | notice | decision
    id: str
    letter: str
    record: str
    findings: tuple[Finding, ...] = ()  # warnings about the record, as it will be once real
    notes: tuple[str, ...] = ()  # things the user should know, for stderr
    dates: Mapping[str, Any] = field(default_factory=dict)  # the dates the draft names
    value: Record | None = field(default=None, compare=False, repr=False)  # the record read back

    @property
    def letter_name(self) -> str:
        return f"{self.id}.md"

    @property
    def record_name(self) -> str:
        return f"{self.id}.yaml"


def finish(
    kind: str,
    record_id: str,
    records: MemorandumRecords,
    templates: Templates,
    context: Mapping[str, Any],
    shown: str,
    *,
    notes: Sequence[str] = (),
    dates: Mapping[str, Any] | None = None,
    template: str | None = None,
) -> Draft:
    """Render the letter and the record of ``kind``, read the record back and check it.

    ``template``: the templates' name when it is not the kind's (``non-renewal`` for a notice of
    non-renewal)."""
    letter = templates.render(templates.name_for(template or kind, "letter"), context)
    record_template = templates.name_for(template or kind, "record")
    record_text = templates.render(record_template, context)
    record = read_back(
        record_text,
        shown,
        kind,
        record_id,
        templates.shown_name(record_template),
        given=templates.given(record_template),
    )
    findings = check(records, record, shown)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        raise DraftError(
            f"the drafted record would not be valid: {first.code} {first.message}", hint=first.hint
        )
    return Draft(
        kind,
        record_id,
        letter,
        record_text,
        tuple(f for f in findings if f.severity is Severity.WARNING),
        tuple(notes),
        dict(dates or {}),
        record,
    )


def read_back(
    text: str, shown: str, kind: str, record_id: str, template: str, *, given: bool = True
) -> Record:
    """The one record of ``kind`` with ``record_id`` that ``text`` holds, marked as a draft.

    ``given``: the template is one someone gave mocctl; a packaged template that produces
    something other than one draft record is mocctl's bug (an internal error, exit 3).
    """
    findings: list[Finding] = []
    got = read_text(text, shown, findings)
    problems = [f for f in findings if f.severity is Severity.ERROR]
    if problems:
        first = problems[0]
        where = (
            f"template {template} produced a record that does not validate"
            if given
            else ("the drafted record would not be valid")
        )
        raise DraftError(f"{where}: line {first.line}: {first.code} {first.message}")
    problem = None
    if len(got) != 1 or type(got[0]).__name__.lower() != kind or got[0].id != record_id:
        problem = f"must produce exactly one {kind.capitalize()} record with id {record_id}"
    elif not got[0].draft:
        problem = (
            "must mark the record as a draft (`draft: true`), so that mocctl does not count it "
            "before it is sent"
        )
    if problem is not None and given:
        raise DraftError(f"template {template} {problem}")
    if problem is not None:
        raise RuntimeError(f"the packaged template {template} {problem}")
    return got[0]


def made_real(record: Record) -> Record:
    """``record`` as it will be once a person has recorded it as sent (``draft: false``)."""
    return record.model_copy(update={"draft": False}).located(record.source)


def check(records: MemorandumRecords, record: Record, shown: str) -> list[Finding]:
    """The findings about the drafted record, checked as made real with the other records."""
    from mocctl.checks import check_records, wording

    real = made_real(record)
    found = set(check_records(with_record(records, real)))
    if isinstance(real, Modification | Decision) and not real.consents:
        # Check the text as it will read once every Side has consented.
        consents = tuple(
            Consent(side=s.id, date=real.effective) for s in memorandum_of(records).sides
        )
        assumed = real.model_copy(update={"consents": consents}).located(real.source)
        found |= set(wording.check(with_record(records, assumed)))
    ours = [f for f in found if f.file == shown and f.severity is not Severity.INFO]
    return sorted(ours, key=Finding.sort_key)


def with_record(records: MemorandumRecords, record: Record) -> MemorandumRecords:
    """``records`` with ``record`` added (a draft goes to ``drafts``, as the loader puts it)."""
    if isinstance(record, Modification):
        return replace(records, modifications=(*records.modifications, record))
    if isinstance(record, Decision):
        return replace(records, decisions=(*records.decisions, record))
    if isinstance(record, Notice):
        return replace(records, notices=(*records.notices, record))
    return records


def check_applies(records: MemorandumRecords, draft: Draft, as_of: dt.date) -> None:
    """The drafted changes can be applied to the text that will be in force on their date."""
    record = draft.value
    assert isinstance(record, Modification | Decision)
    known = history(records, as_of)
    chain = [c for c in known.applying if c.effective <= record.effective]
    result = consolidate(memorandum_of(records), [*chain, record])
    if record.id in result.void:
        raise DraftError(f"the drafted changes cannot be applied: {result.void[record.id]}")
