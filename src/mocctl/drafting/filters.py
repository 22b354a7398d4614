"""The filters the draft templates may use: plain functions of plain values.

``longdate`` (``1 June 2027``), ``months_words`` (``three (3) months``, as the memorandum writes a
period), ``and_join``, ``quote`` (a Markdown block quote), and the YAML scalar writers
``yaml_str`` and ``yaml_text``, whose output always reads back as the same text (the record
skeletons are read back and checked before anything is shown).

A filter given something it cannot work with raises :class:`FilterError`: the template's
mistake, reported with the template's file and line. Any other exception here is mocctl's bug.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import Any

from mocctl.render.output import written_date


class FilterError(ValueError):
    """A filter was given a value it cannot work with (the template's mistake)."""


_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)  # fmt: skip


def long_date(day: dt.date) -> str:
    """``1 June 2027``: the templates' ``longdate`` filter."""
    if not isinstance(day, dt.date):
        raise FilterError(f"longdate needs a date, not {type(day).__name__}")
    return written_date(day)


def months_words(months: int) -> str:
    """``three (3) months``, the way the memorandum writes a period."""
    if isinstance(months, bool) or not isinstance(months, int) or months < 0:
        raise FilterError(f"months_words needs a number of months, not {months!r}")
    if months % 12 == 0 and months // 12 < len(_NUMBER_WORDS) and months >= 12:
        years = months // 12
        return f"{_NUMBER_WORDS[years]} ({years}) year{'s' if years != 1 else ''}"
    word = _NUMBER_WORDS[months] if months < len(_NUMBER_WORDS) else str(months)
    return f"{word} ({months}) month{'s' if months != 1 else ''}"


def and_join(items: Iterable[Any]) -> str:
    """``A, B and C``."""
    if isinstance(items, str) or not isinstance(items, Iterable):
        raise FilterError("and_join needs a list")
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
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (indent, width)):
        raise FilterError("yaml_text needs whole numbers for indent and width")
    if not 0 <= indent <= 80 or not 0 <= width <= 1000:
        raise FilterError("yaml_text: indent 0 to 80 and width 0 to 1000")
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
