"""MOC401: a Side's name written differently in the text than in its `sides` entry. Pure."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from mocctl.checks.texts import Field, added_fields, signed_fields
from mocctl.core.memoranda import MemorandumRecords
from mocctl.findings import Finding
from mocctl.model.records import (
    Memorandum,
)

_FUNCTION_WORDS = frozenset({"of", "for", "the", "and", "on", "in", "at", "to", "a", "an", "&"})


_WORD = re.compile(r"\w+|&")

# The characters besides ASCII letters that a pattern ignoring case matches to an ASCII letter
# ("İ" and "ı" to "i", "ſ" to "s", the Kelvin sign to "k"; tests/test_speed_checks.py checks it).
_FOLDING_TO_ASCII = "\u0130\u0131\u017f\u212a"

Span = tuple[int, int]  # where a word is in its text


def side_names(records: MemorandumRecords, memo: Memorandum) -> list[Finding]:
    fields = [*signed_fields(memo), *added_fields(records)]
    # Each text lowercased, once: a name cannot be in a text that lacks one of its words.
    lowered = [_lowered(field.text) for field in fields]
    findings = []
    for side in memo.sides:
        name = _name(side.name)
        if name is None:
            continue
        needles = name.needles
        same: list[str] = []  # places that write the name as `sides` does
        variants: dict[tuple[str, tuple[str, ...]], list[tuple[Field, str, int]]] = {}
        for field, low in zip(fields, lowered, strict=True):
            if needles and low is not None and not all(map(low.__contains__, needles)):
                continue  # the pattern cannot match: it would find nothing
            for shown, words, differs_at in _occurrences(field.text, low, name):
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
            canonical = _excerpt(side.name, name.spans, differs_at)
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


@dataclass(frozen=True, slots=True)
class _Name:
    """A Side's name as the check looks for it: its words without a leading "the"."""

    words: tuple[str, ...]  # lowercased
    spans: tuple[Span, ...]  # in the name as written
    pattern: re.Pattern[str]
    needles: tuple[str, ...]
    first: str | None  # the first word, when every match starts with it as written (ASCII)


@functools.lru_cache(maxsize=256)
def _name(name: str) -> _Name | None:
    """``name`` prepared for the search (names recur: once per name), or ``None`` when it has
    fewer than two words besides a leading "the"."""
    found = [(m.group().lower(), m.span()) for m in _WORD.finditer(name)]
    if found and found[0][0] == "the":
        found = found[1:]
    if len(found) < 2:
        return None
    words = tuple(word for word, _ in found)
    spans = tuple(span for _, span in found)
    first = words[0] if words[0].isascii() and words[0] not in _FUNCTION_WORDS else None
    return _Name(words, spans, _name_pattern(words), _needles(words), first)


def _lowered(text: str) -> str | None:
    """``text`` lowercased, where an ASCII word matches ``text`` ignoring case exactly where it
    is in the lowercased text, at the same position; else ``None``. That holds when ``text`` has
    no character that folds to an ASCII letter (:data:`_FOLDING_TO_ASCII`) and each character
    lowercases to one: an ASCII letter then matches only itself and its capital."""
    if text.isascii():
        return text.lower()
    if any(char in text for char in _FOLDING_TO_ASCII):
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


def _needles(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a name that its pattern matches literally, when all of them are ASCII
    (else none: no quick look). Such a word matches a text (ignoring case) only where its
    :func:`_lowered` text has it."""
    literal = tuple(word for word in words if word not in _FUNCTION_WORDS)
    return literal if all(word.isascii() for word in literal) else ()


def _occurrences(
    text: str, low: str | None, name: _Name
) -> Iterator[tuple[str, tuple[str, ...], int | None]]:
    """(excerpt, words, index of the first differing word or None) for each place where
    ``text`` (``low``: its :func:`_lowered` text) writes ``name``, allowing short function words
    ("of", "for", "the", …) to differ. The excerpt is made only where a word differs (else it is
    ""): it is shown only then."""
    for match in _matches(text, low, name):
        written = match.group()
        # each word lowercased (lowercasing the whole match first is the same for ASCII only)
        if written.isascii():
            words = tuple(_WORD.findall(written.lower()))
        else:
            words = tuple(word.lower() for word in _WORD.findall(written))
        differs_at = None if words == name.words else _first_difference(name.words, words)
        if differs_at is None:
            yield "", words, None
            continue
        window = [m.span() for m in _WORD.finditer(text, match.start(), match.end())]
        yield _excerpt(text, window, differs_at), words, differs_at


def _matches(text: str, low: str | None, name: _Name) -> Iterator[re.Match[str]]:
    """What ``name.pattern.finditer(text)`` gives. When the name starts with an ASCII word that
    is not a function word and ``low`` is the :func:`_lowered` text, a match can start only
    where ``low`` has that word: the pattern is tried there alone (a search that ignores case
    tries every position, ten times slower)."""
    first = name.first
    if low is None or first is None:
        yield from name.pattern.finditer(text)
        return
    at = low.find(first)
    while at >= 0:
        match = name.pattern.match(text, at)  # its look-behind sees the text before ``at``
        if match is None:
            at = low.find(first, at + 1)
        else:
            yield match
            at = low.find(first, match.end())


def _name_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern for the name ``words`` in which any function word may stand for another."""
    function = "(?:" + "|".join(sorted(_FUNCTION_WORDS - {"&"}, key=len, reverse=True)) + "|&)"
    parts = [function if word in _FUNCTION_WORDS else re.escape(word) for word in words]
    return re.compile(r"(?<!\w)" + r"[^\w&]+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _first_difference(a: Sequence[str], b: Sequence[str]) -> int | None:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return None


def _excerpt(text: str, window: Sequence[Span], at: int | None) -> str:
    """The words around position ``at`` of ``window`` in ``text``, with "…" for the rest."""
    if at is None:
        at = 0
    first = max(0, at - 1)
    last = min(len(window) - 1, at + 1)
    shown = text[window[first][0] : window[last][1]]
    prefix = "… " if first > 0 else ""
    suffix = " …" if last < len(window) - 1 else ""
    return f"{prefix}{shown}{suffix}"


def _join(labels: list[str]) -> str:
    if len(labels) <= 2:
        return " and ".join(labels)
    return ", ".join(labels[:-1]) + f" and {labels[-1]}"
