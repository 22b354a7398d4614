"""MOC401: a Side's name written differently in the text than in its `sides` entry. Pure."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from mocctl.checks.texts import Field, added_fields, signed_fields
from mocctl.core.memoranda import MemorandumRecords
from mocctl.findings import Finding
from mocctl.model.records import (
    Memorandum,
)

_FUNCTION_WORDS = frozenset({"of", "for", "the", "and", "on", "in", "at", "to", "a", "an", "&"})


_WORD = re.compile(r"\w+|&")


@dataclass(frozen=True, slots=True)
class _Token:
    word: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


def side_names(records: MemorandumRecords, memo: Memorandum) -> list[Finding]:
    fields = [*signed_fields(memo), *added_fields(records)]
    # Each ASCII text lowercased, once: a name cannot be in a text that lacks one of its words.
    lowered = [field.text.lower() if field.text.isascii() else None for field in fields]
    findings = []
    for side in memo.sides:
        name_tokens = _tokens(side.name)
        if name_tokens and name_tokens[0].word == "the":
            name_tokens = name_tokens[1:]
        if len(name_tokens) < 2:
            continue
        pattern = _name_pattern(tuple(t.word for t in name_tokens))
        needles = _needles(name_tokens)
        same: list[str] = []  # places that write the name as `sides` does
        variants: dict[tuple[str, tuple[str, ...]], list[tuple[Field, str, int]]] = {}
        for field, low in zip(fields, lowered, strict=True):
            if needles and low is not None and not all(word in low for word in needles):
                continue  # the pattern cannot match: it would find nothing
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


def _needles(name: list[_Token]) -> tuple[str, ...]:
    """The words of ``name`` that its pattern matches literally, when all of them are ASCII
    (else none: no quick look). In an ASCII text, such a word matches (ignoring case) only
    where the lowercased text has it: ASCII letters fold only to ASCII letters."""
    words = tuple(t.word for t in name if t.word not in _FUNCTION_WORDS)
    return words if all(word.isascii() for word in words) else ()


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
