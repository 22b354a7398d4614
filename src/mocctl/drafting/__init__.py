"""Drafts: a Markdown letter and the matching YAML record, rendered from Jinja2 templates.

Three drafts: a ``Modification`` (Paragraph 2.3; consents still to come), a discontinuation
``Notice`` (Paragraph 2.2; the date of effect worked out with :mod:`mocctl.core.periods`) and a
``Decision`` (Paragraphs 2.1 and 2.4).

Templates are looked up in this order: a one-off ``--template PATH``, then the memorandum
folder's own ``templates/``, then the templates packaged with mocctl. They run in Jinja2's
immutable sandbox with ``StrictUndefined`` and see plain data only (dicts, lists, text, dates),
never a model or an object whose methods reach the file system. A template that does not parse,
names an unknown variable or tries to leave the sandbox is a :class:`UsageError` naming the
template file and line.

The rendered record is read back with :func:`mocctl.io.loader.read_text` and checked with the
other records before anything is shown: a draft is a valid record, or it is not produced.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import signal
import threading
import traceback
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mocctl.core import lifecycle, periods
from mocctl.core.consolidation import Consolidated, consolidate
from mocctl.core.memoranda import MemorandumRecords
from mocctl.errors import UsageError
from mocctl.findings import Finding, Severity, display_path
from mocctl.io.loader import read_text
from mocctl.model.records import (
    RULES,
    Consent,
    Decision,
    Memorandum,
    Modification,
    Notice,
    Record,
    Side,
)
from mocctl.render.output import written_date

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = [
    "TERMS",
    "Draft",
    "Templates",
    "decision",
    "modification",
    "notice",
    "parse_area",
    "parse_assignment",
]

# The terms a modification may set, with the short names accepted on the command line.
TERMS = {
    "discontinuation.notice_period": "the notice period for discontinuation",
    "discontinuation.rule": "the rule for the date on which a discontinuation takes effect",
    "discontinuation.notice_form": "the form of a notice of discontinuation",
}
MAX_OUTPUT = 1_000_000  # characters a template may produce
RENDER_SECONDS = 10


@dataclass(frozen=True)
class Draft:
    """A drafted letter and record, and what the checks found in the record."""

    kind: str  # modification | notice | decision
    id: str
    letter: str
    record: str
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()  # things the user should know, for stderr

    @property
    def letter_name(self) -> str:
        return f"{self.id}.md"

    @property
    def record_name(self) -> str:
        return f"{self.id}.yaml"


# -- templates ---------------------------------------------------------------------------------


class Templates:
    """The template search path of one draft: one-offs, the memorandum's own, the packaged."""

    def __init__(
        self,
        folder: Path | None = None,
        *,
        letter: Path | None = None,
        record: Path | None = None,
    ) -> None:
        self.folder = folder if folder is not None and folder.is_dir() else None
        self.one_offs = {"letter": letter, "record": record}
        for path in (letter, record):
            if path is not None and not path.is_file():
                raise UsageError(f"template {path} does not exist or is not a file")
        self.files: set[str] = set()
        self._env: Environment | None = None

    @property
    def env(self) -> Environment:
        if self._env is None:
            self._env = _environment(self)
        return self._env

    def name_for(self, kind: str, role: str) -> str:
        """The template name to render for ``kind`` (modification…) and ``role`` (letter…)."""
        one_off = self.one_offs[role]
        if one_off is not None:
            return f"{_ONE_OFF}{one_off}"
        return f"{kind}.md.j2" if role == "letter" else f"{kind}.yaml.j2"

    def load_one_off(self, name: str) -> tuple[str, str, Any] | None:
        if not name.startswith(_ONE_OFF):
            return None
        path = Path(name[len(_ONE_OFF) :])
        if path not in {p for p in self.one_offs.values() if p is not None}:
            return None
        return _read_template(path), str(path), lambda: True

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        """``name`` rendered with ``context``; any failure is one :class:`UsageError` line."""
        from jinja2 import TemplateError, TemplateSyntaxError

        try:
            with _deadline(RENDER_SECONDS):
                template = self.env.get_template(name)
                text = template.render(dict(context))
        except UsageError:
            raise
        except TemplateSyntaxError as error:
            where = self._where(error.filename or error.name or name, error.lineno)
            raise UsageError(
                f"template {where}: {error.message or 'syntax error'}",
                hint="fix the template, or remove it to use the packaged one",
            ) from None
        except (TemplateError, RecursionError, MemoryError, Exception) as error:
            filename, line = self._frame(error, name)
            message = _describe(error)
            raise UsageError(
                f"template {self._where(filename, line)}: {message}",
                hint="templates see plain data only: memorandum, draft and as_of (each packaged "
                "template lists its variables at the top)",
            ) from None
        if len(text) > MAX_OUTPUT:
            raise UsageError(
                f"template {self._where(name, None)} produced more than "
                f"{MAX_OUTPUT:,} characters; it was not used"
            )
        return text

    def _frame(self, error: BaseException, name: str) -> tuple[str, int | None]:
        """The template file and line where ``error`` happened (the innermost template frame)."""
        frames = traceback.extract_tb(error.__traceback__)
        for frame in reversed(frames):
            if frame.filename in self.files:
                return frame.filename, frame.lineno
        return name, None

    def _where(self, filename: str, line: int | None) -> str:
        if filename.startswith(_ONE_OFF):
            filename = filename[len(_ONE_OFF) :]
        shown = display_path(Path(filename)) if filename in self.files else filename
        return f"{shown}, line {line}" if line else shown


_ONE_OFF = "--template:"


def _read_template(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"template {path} is not UTF-8 text") from None
    except OSError as error:
        raise UsageError(f"cannot read template {path}: {error.strerror}") from None


class _TimeUp(Exception):
    def __str__(self) -> str:
        return (
            f"rendering took longer than {RENDER_SECONDS} second"
            f"{'s' if RENDER_SECONDS != 1 else ''}; it was stopped"
        )


@contextlib.contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Stop a template that runs too long (POSIX main thread only; elsewhere no limit)."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def _stop(signum: int, frame: Any) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _describe(error: BaseException) -> str:
    from jinja2 import TemplateNotFound, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(error, SecurityError):
        return f"not allowed in a template: {error}"
    if isinstance(error, UndefinedError):
        return f"unknown variable or attribute: {error}"
    if isinstance(error, TemplateNotFound):
        return f"no template named {error.name!r}"
    if isinstance(error, RecursionError):
        return "the template includes or extends itself"
    if isinstance(error, MemoryError):
        return "the template needs too much memory"
    if isinstance(error, _TimeUp):
        return str(error)
    return f"{type(error).__name__}: {error}"


def _environment(templates: Templates) -> Environment:
    from jinja2 import (
        BaseLoader,
        ChoiceLoader,
        FileSystemLoader,
        FunctionLoader,
        PackageLoader,
        StrictUndefined,
    )
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Recording(BaseLoader):
        """Remembers the file of every template loaded, to name it in errors."""

        def __init__(self, inner: BaseLoader) -> None:
            self.inner = inner

        def get_source(self, environment: Any, template: str) -> Any:
            source, filename, uptodate = self.inner.get_source(environment, template)
            if filename:
                templates.files.add(filename)
            return source, filename, uptodate

    class Sandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox, with a cap on ``*`` and ``**`` (no memory bombs)."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise SecurityError("an exponent above 64 is not allowed")
            if operator == "*":
                for seq, count in ((left, right), (right, left)):
                    if (
                        isinstance(seq, str | list | tuple)
                        and isinstance(count, int)
                        and len(seq) * count > MAX_OUTPUT
                    ):
                        raise SecurityError("repetition beyond the size of a draft")
            return super().call_binop(context, operator, left, right)

    loaders: list[BaseLoader] = [FunctionLoader(templates.load_one_off)]
    if templates.folder is not None:
        loaders.append(FileSystemLoader(str(templates.folder)))
    loaders.append(PackageLoader("mocctl", "templates"))
    env = Sandbox(
        loader=Recording(ChoiceLoader(loaders)),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    return env


# -- filters (plain functions of plain values) ---------------------------------------------------

_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)  # fmt: skip
long_date = written_date  # ``1 June 2027``: the templates' ``longdate`` filter


def months_words(months: int) -> str:
    """``three (3) months``, the way the memorandum writes a period."""
    if months % 12 == 0 and months // 12 < len(_NUMBER_WORDS) and months >= 12:
        years = months // 12
        return f"{_NUMBER_WORDS[years]} ({years}) year{'s' if years != 1 else ''}"
    word = _NUMBER_WORDS[months] if months < len(_NUMBER_WORDS) else str(months)
    return f"{word} ({months}) month{'s' if months != 1 else ''}"


def and_join(items: Sequence[Any]) -> str:
    words = [str(item) for item in items]
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def quote(text: str) -> str:
    """``text`` as a Markdown block quote."""
    return "\n".join(f"> {line}" if line.strip() else ">" for line in str(text).split("\n"))


_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")
# Plain scalars that YAML 1.1 or 1.2 would read as something other than text.
_NOT_TEXT = re.compile(
    r"(?i:y|n|yes|no|true|false|on|off|null)"
    r"|[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?)"
    r"|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?|0[xXoObB][0-9a-fA-F_]+|\d+(?::\d+)+"
)


def _yaml_printable(ch: str) -> bool:
    """In YAML's printable set (c-printable), so it may stand unescaped in a quoted scalar."""
    code = ord(ch)
    return (
        ch in "\t\n\r"
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    ) and code not in (0x2028, 0x2029, 0xFEFF)  # line breaks in YAML 1.1, and the BOM


def yaml_str(value: Any) -> str:
    """A YAML scalar that reads back as the text ``value``: plain if safe, else double-quoted."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text) and not _NOT_TEXT.fullmatch(text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)  # JSON escapes are YAML escapes too
    return "".join(
        ch
        if _yaml_printable(ch)
        else f"\\u{ord(ch):04x}"
        if ord(ch) <= 0xFFFF
        else f"\\U{ord(ch):08x}"
        for ch in quoted
    )


def yaml_text(value: Any, indent: int = 2, width: int = 96) -> str:
    """Long text as a YAML block scalar (``>-`` folded, or ``|-`` for several lines) indented by
    ``indent``; short or awkward text as :func:`yaml_str`."""
    text = str(value)
    pad = " " * indent
    room = max(40, width - indent)
    printable = all(ch.isprintable() or ch == "\n" for ch in text)
    if not printable or not text or text != text.strip() or text.startswith(("\n", " ")):
        return yaml_str(text)
    if "\n" in text:
        lines = text.split("\n")
        if any(line != line.rstrip() or (line and not line.strip()) for line in lines):
            return yaml_str(text)
        return "|-\n" + "\n".join(f"{pad}{line}" if line else "" for line in lines)
    if len(text) <= room - 10 or "  " in text or "\t" in text:
        return yaml_str(text)
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > room:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return ">-\n" + "\n".join(f"{pad}{line}" for line in lines)


FILTERS: dict[str, Any] = {
    "longdate": long_date,
    "months_words": months_words,
    "and_join": and_join,
    "quote": quote,
    "yaml_str": yaml_str,
    "yaml_text": yaml_text,
}


# -- command-line values -----------------------------------------------------------------------


def parse_assignment(spec: str, option: str, what: str) -> tuple[str, str]:
    """``KEY=VALUE`` of an option, or a usage error showing the expected form."""
    key, sep, value = spec.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise UsageError(f"{option} {spec!r}: expected {what}")
    return key.strip(), value.strip()


def parse_area(spec: str) -> dict[str, str]:
    """``ID=TITLE:TEXT`` of ``--add-area``."""
    area_id, rest = parse_assignment(spec, "--add-area", "ID=TITLE:TEXT")
    title, sep, text = rest.partition(":")
    if not sep or not title.strip() or not text.strip():
        raise UsageError(
            f"--add-area {spec!r}: expected ID=TITLE:TEXT",
            hint="a title that holds a colon goes in a file: --add-area @FILE",
        )
    return {"id": area_id, "title": title.strip(), "text": text.strip()}


def areas_from_data(data: Any, source: str) -> list[dict[str, str]]:
    """Areas from a YAML file: one ``{id, title, text}`` mapping, or a list of them."""
    items = data if isinstance(data, list) else [data]
    areas = []
    for item in items:
        if (
            not isinstance(item, dict)
            or set(item) != {"id", "title", "text"}
            or not all(isinstance(v, str) and v.strip() for v in item.values())
        ):
            raise UsageError(f"{source}: each area needs exactly the text keys id, title and text")
        areas.append({k: str(v).strip() for k, v in item.items()})
    return areas


# -- shared context ----------------------------------------------------------------------------


def _memo(records: MemorandumRecords) -> Memorandum:
    if records.memorandum is None:
        raise UsageError(f"{records.folder} has no Memorandum record")
    return records.memorandum


def _side(side: Side) -> dict[str, Any]:
    return {
        "id": side.id,
        "name": side.name,
        "jurisdiction": side.jurisdiction,
        "timezone": side.timezone,
    }


def memorandum_context(records: MemorandumRecords, as_of: dt.date) -> dict[str, Any]:
    """What every template may use about the memorandum, as plain data."""
    memo = _memo(records)
    signed = lifecycle.commencement(memo, dt.date.max)
    places = [s.place for s in memo.signatures if s.place and s.date == signed]
    return {
        "id": memo.id,
        "title": memo.title,
        "legally_binding": memo.legally_binding,
        "sides": [_side(side) for side in memo.sides],
        "signatures": [
            {
                "side": s.side,
                "signatory": s.signatory,
                "title": s.title,
                "date": s.date,
                "place": s.place,
            }
            for s in memo.signatures
        ],
        "signed": signed,
        "signed_place": places[0] if places else None,
    }


def _section_label(section_id: str, heading: str | None) -> str:
    if section_id[:1].isdigit():
        return f"Paragraph {section_id}"
    return f"the {heading or section_id} section"


def _slug(text: str, words: int = 4) -> str:
    stop = {"a", "an", "and", "as", "of", "the", "for", "on", "in", "to", "by", "with"}
    parts = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in stop][:words]
    return "-".join(parts)[:40].strip("-") or "draft"


def _default_id(prefix: str, title: str | None, effective: dt.date) -> str:
    """``mod-2026-quantum-safe-communications`` from a title given, else ``mod-2026-04-01``."""
    if title:
        return f"{prefix}-{effective.year}-{_slug(title, 3)}"
    return f"{prefix}-{effective.isoformat()}"


def _check_id(records: MemorandumRecords, record_id: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", record_id):
        raise UsageError(
            f"--id {record_id!r} is not a valid id",
            hint="use lower-case letters, digits, '.', '_' and '-'",
        )
    if any(r.id == record_id for r in records.records()):
        raise UsageError(
            f"the records of {records.id} already hold a record '{record_id}'",
            hint="choose another id with --id",
        )
    return record_id


# -- rendering and checking ----------------------------------------------------------------------


def _finish(
    kind: str,
    record_id: str,
    records: MemorandumRecords,
    templates: Templates,
    context: dict[str, Any],
    shown: str,
    notes: Sequence[str] = (),
) -> Draft:
    letter = templates.render(templates.name_for(kind, "letter"), context)
    record_text = templates.render(templates.name_for(kind, "record"), context)
    record = _read_back(record_text, shown, kind, record_id, templates.name_for(kind, "record"))
    findings = _check_draft(records, record, shown)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        raise UsageError(
            f"the drafted record would not be valid: {first.code} {first.message}", hint=first.hint
        )
    return Draft(
        kind,
        record_id,
        letter,
        record_text,
        tuple(f for f in findings if f.severity is Severity.WARNING),
        tuple(notes),
    )


def _read_back(text: str, shown: str, kind: str, record_id: str, template: str) -> Record:
    findings: list[Finding] = []
    got = read_text(text, shown, findings)
    name = template[len(_ONE_OFF) :] if template.startswith(_ONE_OFF) else template
    problems = [f for f in findings if f.severity is Severity.ERROR]
    if problems:
        first = problems[0]
        raise UsageError(
            f"template {name} produced a record that does not validate: line "
            f"{first.line}: {first.code} {first.message}"
        )
    if len(got) != 1 or type(got[0]).__name__.lower() != kind or got[0].id != record_id:
        raise UsageError(
            f"template {name} must produce exactly one {kind.capitalize()} record "
            f"with id {record_id}"
        )
    return got[0]


def _check_draft(records: MemorandumRecords, record: Record, shown: str) -> list[Finding]:
    """The findings about the drafted record, checked together with the existing records."""
    from mocctl.checks import check_records, wording

    found = set(check_records(_with(records, record)))
    if isinstance(record, Modification | Decision) and not record.consents:
        # Check the text as it will read once every Side has consented.
        memo = _memo(records)
        consents = tuple(Consent(side=s.id, date=record.effective) for s in memo.sides)
        assumed = record.model_copy(update={"consents": consents}).located(record.source)
        found |= set(wording.check(_with(records, assumed)))
    ours = [f for f in found if f.file == shown and f.severity is not Severity.INFO]
    return sorted(ours, key=Finding.sort_key)


def _with(records: MemorandumRecords, record: Record) -> MemorandumRecords:
    if isinstance(record, Modification):
        return replace(records, modifications=(*records.modifications, record))
    if isinstance(record, Decision):
        return replace(records, decisions=(*records.decisions, record))
    if isinstance(record, Notice):
        return replace(records, notices=(*records.notices, record))
    return records


def _future_text(records: MemorandumRecords, day: dt.date, as_of: dt.date) -> Consolidated:
    """The text that will be in force on ``day``, from what is known as of ``as_of``."""
    return lifecycle.consolidated_on(records, day, as_of)


# -- modification ------------------------------------------------------------------------------


@dataclass
class ModificationRequest:
    """What ``draft modification`` was asked for, from the command line."""

    effective: dt.date | None
    title: str | None = None
    record_id: str | None = None
    add_areas: list[dict[str, str]] = field(default_factory=list)
    replace_texts: list[tuple[str, str]] = field(default_factory=list)  # (section, body)
    set_terms: list[tuple[str, str]] = field(default_factory=list)  # (term, value)


def modification(
    records: MemorandumRecords,
    as_of: dt.date,
    templates: Templates,
    request: ModificationRequest,
    prefix: str = "",
) -> Draft:
    """A proposed modification (Paragraph 2.3) and its record, consents still to come."""
    memo = _memo(records)
    if request.effective is None:
        raise UsageError(
            "--effective DATE is required: the date the Sides will mutually "
            "determine for the modification to commence (Paragraph 2.3)"
        )
    if not (request.add_areas or request.replace_texts or request.set_terms):
        raise UsageError(
            "nothing to modify",
            hint="give --add-area, --replace-text or --set-term (each may repeat)",
        )
    effective = request.effective
    before = _future_text(records, effective, as_of)
    changes: list[dict[str, Any]] = []
    areas_now = [a for a in before.areas if a.removed is None]
    count = len(areas_now)
    for area in request.add_areas:
        if any(a.id == area["id"] for a in areas_now) or any(
            c.get("area", {}).get("id") == area["id"] for c in changes
        ):
            raise UsageError(
                f"area '{area['id']}' is already an area of cooperation on {effective}",
                hint="choose another id for the new area",
            )
        count += 1
        changes.append({"op": "add_area", "area": area, "position": count})
    sections = {s.id: s for s in before.sections if s.removed is None}
    for section_id, body in request.replace_texts:
        if section_id not in sections:
            raise UsageError(
                f"--replace-text: there is no section '{section_id}' in the text "
                f"in force on {effective}",
                hint="sections: " + ", ".join(sections),
            )
        old = sections[section_id]
        if body.strip() == old.body.strip():
            raise UsageError(f"--replace-text {section_id}: the new text is the text in force")
        changes.append(
            {
                "op": "replace_text",
                "section": section_id,
                "label": _section_label(section_id, old.title),
                "before": {"heading": old.title, "body": old.body},
                "body": body,
            }
        )
    for term, value in request.set_terms:
        term = _term(term)
        value = _term_value(term, value)
        old_value = before.terms.get(term)
        if old_value == value:
            raise UsageError(
                f"--set-term {term}={value}: that is already the value in force on {effective}"
            )
        entry: dict[str, Any] = {
            "op": "set_term",
            "term": term,
            "label": TERMS[term],
            "before": old_value,
            "value": value,
        }
        if term == "discontinuation.notice_period":
            entry["before_words"] = months_words(periods.parse_months(str(old_value)))
            entry["value_words"] = months_words(periods.parse_months(value))
        changes.append(entry)
    title = request.title or _modification_title(memo, changes)
    record_id = _check_id(
        records, request.record_id or _default_id("mod", request.title, effective)
    )
    context = {
        "memorandum": memorandum_context(records, as_of),
        "as_of": as_of,
        "draft": {"id": record_id, "title": title, "effective": effective, "changes": changes},
    }
    notes = []
    if effective < as_of:
        notes.append(
            f"the effective date {effective} is before today's date ({as_of}): the "
            "modification would be retroactive"
        )
    draft = _finish(
        "modification", record_id, records, templates, context, f"{prefix}{record_id}.yaml", notes
    )
    _check_applies(records, draft, as_of)
    return draft


def _modification_title(memo: Memorandum, changes: list[dict[str, Any]]) -> str:
    if len(changes) == 1:
        change = changes[0]
        if change["op"] == "add_area":
            return f"{change['area']['title']} as an area of cooperation"
        if change["op"] == "replace_text":
            return f"Amendment of {change['label']}"
        return f"Change of {change['label']}"
    return f"Modification of the {memo.title}"


def _term(name: str) -> str:
    full = name if name.startswith("discontinuation.") else f"discontinuation.{name}"
    if full not in TERMS:
        raise UsageError(f"--set-term: unknown term {name!r}", hint="terms: " + ", ".join(TERMS))
    return full


def _term_value(term: str, value: str) -> str:
    if term == "discontinuation.notice_period":
        try:
            periods.parse_months(value)
        except ValueError as error:
            raise UsageError(f"--set-term {term}: {error}") from None
        return value.strip().upper()
    if term == "discontinuation.rule" and value not in RULES:
        raise UsageError(
            f"--set-term {term}: unknown rule {value!r}", hint="rules: " + ", ".join(RULES)
        )
    if term == "discontinuation.notice_form" and value != "written":
        raise UsageError(f"--set-term {term}: the only form is 'written' (Paragraph 2.2)")
    return value


def _check_applies(records: MemorandumRecords, draft: Draft, as_of: dt.date) -> None:
    """The drafted changes can be applied to the text in force on their date."""
    findings: list[Finding] = []
    got = read_text(draft.record, draft.record_name, findings)
    record = got[0]
    assert isinstance(record, Modification | Decision)
    chain = [c for c, _ in lifecycle.ordered(records, as_of) if c.effective <= record.effective]
    result = consolidate(_memo(records), [*chain, record])
    if record.id in result.void:
        raise UsageError(f"the drafted changes cannot be applied: {result.void[record.id]}")


# -- notice ------------------------------------------------------------------------------------


@dataclass
class NoticeRequest:
    """What ``draft notice`` was asked for."""

    by: str
    received: dt.date | None = None
    requested_effective: dt.date | None = None
    dated: dt.date | None = None
    to: list[str] = field(default_factory=list)
    record_id: str | None = None


def notice(
    records: MemorandumRecords,
    as_of: dt.date,
    templates: Templates,
    request: NoticeRequest,
    prefix: str = "",
) -> Draft:
    """A written notice of discontinuation (Paragraph 2.2) naming its date of effect."""
    memo = _memo(records)
    sides = {side.id: side for side in memo.sides}
    if request.by not in sides:
        raise UsageError(
            f"--by {request.by}: not a Side of {memo.id}", hint="Sides: " + ", ".join(sides)
        )
    to = request.to or [s for s in sides if s != request.by]
    for side in to:
        if side not in sides or side == request.by:
            raise UsageError(
                f"--to {side}: the notice goes to another Side of {memo.id}",
                hint="Sides: " + ", ".join(s for s in sides if s != request.by),
            )
    received = request.received or as_of
    dated = request.dated or min(as_of, received)
    if dated > received:
        raise UsageError(f"the letter date {dated} is after the receipt date {received}")
    start = lifecycle.commencement(memo, max(as_of, received))
    if start is None or received < start:
        raise UsageError(
            f"{memo.id} has not commenced on {received}: a notice of "
            "discontinuation then has no effect (Paragraph 2.2)"
        )
    notes: list[str] = []
    ending = lifecycle.effective_discontinuation(records, max(as_of, received))
    if ending is not None:
        if ending.effective <= received:
            raise UsageError(
                f"{memo.id} is discontinued from {ending.effective} (notice "
                f"{ending.notice}); there is nothing to discontinue on {received}"
            )
        notes.append(
            f"notice {ending.notice} already discontinues {memo.id} from {ending.effective}"
        )
    terms = _future_text(records, received, as_of)
    months = periods.parse_months(terms.notice_period)
    jurisdictions = [s.jurisdiction for s in memo.sides]
    zones = [s.timezone for s in memo.sides]
    recipient = sides[to[0]].timezone
    rules = {
        name: periods.effective(name, received, months, jurisdictions, zones, recipient)
        for name in periods.RULES
    }
    chosen = rules[terms.rule]
    effective = chosen.effective
    requested = request.requested_effective
    if requested is not None and requested < effective:
        notes.append(
            f"--requested-effective {requested} is earlier than the notice period "
            f"allows under the {terms.rule} rule; the draft names {effective}"
        )
        requested = None
    if requested is not None:
        effective = requested
    latest = periods.latest_receipt(effective, terms.rule, months, jurisdictions, zones, recipient)
    readers: dict[str, list[str]] = {"safe-harbour": [s.id for s in memo.sides]}
    for member in memo.sides:
        readers.setdefault(periods.rule_for_jurisdiction(member.jurisdiction), []).append(member.id)
    record_id = _check_id(
        records, request.record_id or f"{request.by.lower()}-discontinuation-{received.year}"
    )
    term_change = terms.term_changes.get("discontinuation.notice_period")
    rule_change = terms.term_changes.get("discontinuation.rule")
    context = {
        "memorandum": memorandum_context(records, as_of),
        "as_of": as_of,
        "draft": {
            "id": record_id,
            "by": _side(sides[request.by]),
            "to": [_side(sides[s]) for s in to],
            "dated": dated,
            "received": received,
            "received_given": request.received is not None,
            "notice_period": terms.notice_period,
            "months": months,
            "rule": terms.rule,
            "terms_set_by": sorted({p.record for p in (term_change, rule_change) if p}),
            "effective": effective,
            "last_day_in_force": effective - dt.timedelta(days=1),
            "computed_effective": chosen.effective,
            "requested_effective": requested,
            "latest_receipt": latest,
            "rules": [
                {
                    "name": name,
                    "reflects": READINGS[name],
                    "last_day": p.last_day,
                    "effective": p.effective,
                    "sides": readers.get(name, []),
                }
                for name, p in rules.items()
            ],
            "activities": _ongoing(records, received),
            "check_command": _period_command(received, terms.notice_period, memo),
        },
    }
    return _finish(
        "notice", record_id, records, templates, context, f"{prefix}{record_id}.yaml", notes
    )


READINGS = {
    "safe-harbour": "every Side: the latest of their readings",
    "corresponding-date": "English law, EU law",
    "jp-civil-code": "Japanese Civil Code",
    "un-anniversary": "UN depositary practice",
}


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


def _ongoing(records: MemorandumRecords, day: dt.date) -> list[dict[str, Any]]:
    view = lifecycle.standing(records, day)
    return [
        {"id": a.id, "title": a.title, "start": a.start, "end": a.end}
        for a in view.activities
        if a.status in ("ongoing", "planned")
    ]


# -- decision ----------------------------------------------------------------------------------


@dataclass
class DecisionRequest:
    """What ``draft decision`` was asked for."""

    effective: dt.date | None
    title: str | None = None
    record_id: str | None = None
    end_activities: list[tuple[str, dt.date]] = field(default_factory=list)
    add_areas: list[dict[str, str]] = field(default_factory=list)


def decision(
    records: MemorandumRecords,
    as_of: dt.date,
    templates: Templates,
    request: DecisionRequest,
    prefix: str = "",
) -> Draft:
    """A joint decision of the Sides (Paragraphs 2.1 and 2.4) and its record."""
    if request.effective is None:
        raise UsageError(
            "--effective DATE is required: the date from which the decision has effect"
        )
    if not (request.end_activities or request.add_areas):
        raise UsageError("nothing to decide", hint="give --end-activity or --add-area")
    effective = request.effective
    activities = {a.id: a for a in records.activities}
    ends = []
    for activity_id, end in request.end_activities:
        if activity_id not in activities:
            raise UsageError(
                f"--end-activity: no activity '{activity_id}' in the records of {records.id}",
                hint="activities: " + (", ".join(activities) or "none"),
            )
        activity = activities[activity_id]
        if end < activity.start:
            raise UsageError(
                f"--end-activity {activity_id}={end}: the activity starts on {activity.start}"
            )
        ends.append(
            {
                "activity": {
                    "id": activity.id,
                    "title": activity.title,
                    "start": activity.start,
                    "end": activity.end,
                },
                "end": end,
            }
        )
    before = _future_text(records, effective, as_of)
    live = [a for a in before.areas if a.removed is None]
    for area in request.add_areas:
        if any(a.id == area["id"] for a in live):
            raise UsageError(
                f"area '{area['id']}' is already an area of cooperation on {effective}",
                hint="choose another id for the new area",
            )
    title = request.title or _decision_title(ends, request.add_areas)
    record_id = _check_id(
        records, request.record_id or _default_id("decision", request.title, effective)
    )
    context = {
        "memorandum": memorandum_context(records, as_of),
        "as_of": as_of,
        "draft": {
            "id": record_id,
            "title": title,
            "effective": effective,
            "end_activities": ends,
            "add_areas": request.add_areas,
            "areas_before": len(live),
        },
    }
    notes = []
    if effective < as_of:
        notes.append(f"the effective date {effective} is before today's date ({as_of})")
    draft = _finish(
        "decision", record_id, records, templates, context, f"{prefix}{record_id}.yaml", notes
    )
    if request.add_areas:
        _check_applies(records, draft, as_of)
    return draft


def _decision_title(ends: list[dict[str, Any]], areas: list[dict[str, str]]) -> str:
    if ends and not areas:
        return "Arrangements for collaboration activities"
    if areas and not ends:
        return " and ".join(a["title"] for a in areas) + " as a new area of cooperation"
    return "Decision of the Sides on collaboration activities and areas of cooperation"
