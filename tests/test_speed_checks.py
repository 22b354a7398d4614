"""The checks made cheaper (issue 12, item 5) give the same findings as before.

MOC401 (``checks.names``): a straightforward copy of the algorithm as it was is kept here as the
reference, and the check is compared with it on hand-picked and generated texts: the name spelled
exactly, with another function word, in another case, with characters that fold to ASCII letters
when case is ignored ("İ", "ı", "ſ", the Kelvin sign), in non-ASCII texts, overlapping.
Every record written here is FICTIONAL test data.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import DEFAULT_MEMORANDUM

from mocctl.checks import acceptance, names, references
from mocctl.checks.texts import Field, added_fields, signed_fields
from mocctl.core.memoranda import MemorandumRecords
from mocctl.findings import Finding, Position, Severity, Source
from mocctl.io.loader import load
from mocctl.model.records import Memorandum, Modification, ReplaceText

# -- the reference: MOC401 as it was computed before (verbatim, but for the names) --------------

_FUNCTION_WORDS = frozenset({"of", "for", "the", "and", "on", "in", "at", "to", "a", "an", "&"})
_WORD = re.compile(r"\w+|&")


@dataclass(frozen=True, slots=True)
class _Token:
    word: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


def reference_side_names(records: MemorandumRecords, memo: Memorandum) -> list[Finding]:
    fields = [*signed_fields(memo), *added_fields(records)]
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
        same: list[str] = []
        variants: dict[tuple[str, tuple[str, ...]], list[tuple[Field, str, int]]] = {}
        for field, low in zip(fields, lowered, strict=True):
            if needles and low is not None and not all(word in low for word in needles):
                continue
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
    words = tuple(t.word for t in name if t.word not in _FUNCTION_WORDS)
    return words if all(word.isascii() for word in words) else ()


def _occurrences(
    text: str, name: list[_Token], pattern: re.Pattern[str]
) -> Iterator[tuple[str, tuple[str, ...], int | None]]:
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
    function = "(?:" + "|".join(sorted(_FUNCTION_WORDS - {"&"}, key=len, reverse=True)) + "|&)"
    parts = [function if word in _FUNCTION_WORDS else re.escape(word) for word in words]
    return re.compile(r"(?<!\w)" + r"[^\w&]+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _first_difference(a: list[str], b: list[str]) -> int | None:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return None


def _excerpt(text: str, window: list[_Token], at: int | None) -> str:
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


# -- the records the texts are put into ---------------------------------------------------------

MODIFICATION = """\
# FICTIONAL test record
apiVersion: mocctl/v1
kind: Modification
id: mod-test
title: Test modification
consents:
  - {side: JP, date: 2026-03-02, form: written}
  - {side: UK, date: 2026-03-05, form: written}
effective: 2026-04-01
changes:
  - op: replace_text
    section: "2.4"
    heading: A heading
    body: A body.
  - op: add_area
    area:
      id: meetings
      title: Meetings
      text: Meetings of the Sides.
"""


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> MemorandumRecords:
    """The Japan–UK memorandum with a FICTIONAL modification that adds text."""
    folder = tmp_path_factory.mktemp("speed-checks") / "jp-uk"
    (folder / "modifications").mkdir(parents=True)
    (folder / "memorandum.yaml").write_text(DEFAULT_MEMORANDUM.read_text("utf-8"), "utf-8")
    (folder / "modifications" / "mod-test.yaml").write_text(MODIFICATION, "utf-8")
    (records,) = load([folder]).memoranda
    assert records.memorandum is not None and len(records.modifications) == 1
    return records


def with_texts(
    records: MemorandumRecords, side_names: tuple[str, str], texts: list[str]
) -> MemorandumRecords:
    """``records`` with the Sides named ``side_names`` and ``texts`` as the bodies of the first
    sections, then the text of the first area, then the heading, body and area text that the
    modification adds (the other texts are kept)."""
    memo = records.memorandum
    assert memo is not None
    texts = list(texts)
    sides = tuple(
        side.model_copy(update={"name": name})
        for side, name in zip(memo.sides, side_names, strict=True)
    )
    sections = list(memo.text)
    for index, section in enumerate(sections):
        if texts:
            sections[index] = section.model_copy(update={"body": texts.pop(0)})
    areas = list(memo.areas)
    if texts:
        areas[0] = areas[0].model_copy(update={"text": texts.pop(0)})
    (modification,) = records.modifications
    replace, add = modification.changes
    assert isinstance(replace, ReplaceText)
    if texts:
        replace = replace.model_copy(update={"heading": texts.pop(0)})
    if texts:
        replace = replace.model_copy(update={"body": texts.pop(0)})
    if texts:
        area = add.area.model_copy(update={"text": texts.pop(0)})  # type: ignore[union-attr]
        add = add.model_copy(update={"area": area})
    changed = memo.model_copy(
        update={"sides": sides, "text": tuple(sections), "areas": tuple(areas)}
    )
    changes = modification.model_copy(update={"changes": (replace, add)})
    assert isinstance(changes, Modification)
    return dataclasses.replace(records, memorandum=changed, modifications=(changes,))


def both(records: MemorandumRecords) -> list[Finding]:
    """The findings of the check, after asserting that the reference gives the same."""
    memo = records.memorandum
    assert memo is not None
    found = names.side_names(records, memo)
    assert found == reference_side_names(records, memo)
    return found


CABINET = "The Cabinet Office of Japan"
DSIT = "The Department for Science, Innovation and Technology of the United Kingdom"


# -- chosen cases ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "differs"),
    [
        ("the Cabinet Office of Japan will meet.", False),  # exactly as in `sides`
        ("the Cabinet Office for Japan will meet.", True),  # another function word
        ("the CABINET office OF japan will meet.", False),  # another case: the same words
        ("Cabinet Office of Japan, Cabinet Office in Japan.", True),  # both, in one text
        ("Cabinet Office of Cabinet Office of Japan", False),  # overlapping starts
        ("xCabinet Office of Japan; Cabinet Office of Japanese", False),  # not whole words
        ("Cabinet\nOffice –  of\u00a0Japan", False),  # other separators
        ("Cabinet Office of Japan – «Cabinet Office on Japan»", True),  # a non-ASCII text
        ("\u0130 Cabinet Office at Japan", True),  # a character that folds to "i"
        ("Cabinet Office of Japan is not the Cabinet Office Of Japan", False),
    ],
)
def test_the_cabinet_office_as_before(base: MemorandumRecords, text: str, differs: bool) -> None:
    found = both(with_texts(base, (CABINET, DSIT), [text]))
    cabinet = [f for f in found if "Side JP" in f.message]
    assert bool(cabinet) is differs


@pytest.mark.parametrize(
    "text",
    [
        "Department of Science, Innovation and Technology of the United Kingdom",
        "DEPARTMENT FOR SCIENCE, INNOVATION & TECHNOLOGY OF THE UNITED KINGDOM",
        "Department for Science, Innovation and Technology in the United Kingdom",
        "Department for Science, Innovation and Technology of the United Kingdom",
    ],
)
def test_dsit_in_every_kind_of_text_as_before(base: MemorandumRecords, text: str) -> None:
    """The same text as a section, an area, and what the modification adds."""
    found = both(with_texts(base, (CABINET, DSIT), [text] * 11))
    assert all(f.code == "MOC401" for f in found)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Ministère de la Culture", "le Ministère de la Culture et le MINISTÈRE DE LA CULTURE"),
        ("Bundesministerium für Straße", "das Bundesministerium für STRASSE"),
        ("The \u0130zmir Office", "the izmir office and the İzmir Office of the \u0131zmir office"),
        ("Office of \u017fcience", "Office of science, Office for Science, office of \u017fcience"),
        (
            "The \u212aelvin Office",
            "the kelvin office and the Kelvin Office for the \u212aelvin Office",
        ),
        ("Office of Science", "the Office of \u017fcience and the Office for \u212aelvin"),
        ("Office of Science", "the Office of \u017fcience; the Office for Science"),
        ("Office Of the Japan", "office of an Japan, Office & The Japan, office on a japan"),
        ("The Of Office", "the of office, an office, for Office"),
        ("Data_2 Office", "DATA_2 office and data_2 Office and data_3 office"),
        # matches do not overlap: the second "Office for the Office" is not one
        ("Office of the Office", "Office of the Office for the Office"),
        ("Office of the Office", "Office for the Office of the Office of the Office"),
        ("Kelvin Office", "Kelvin Office, \u212aelvin Office for the KELVIN OFFICE"),
    ],
)
def test_non_ascii_names_and_texts_as_before(base: MemorandumRecords, name: str, text: str) -> None:
    both(with_texts(base, (name, DSIT), [text, text.upper(), text.lower()]))


def test_the_default_records_as_before(base: MemorandumRecords) -> None:
    """The signed text names DSIT two ways: one warning, as the reference gives it."""
    memo = base.memorandum
    assert memo is not None
    found = both(base)
    assert [f.code for f in found] == ["MOC401"]


# -- generated cases ---------------------------------------------------------------------------

WORDS = [
    "Department", "Science", "Office", "Cabinet", "Japan", "Straße", "Ministère", "Umwelt",
    "\u0130zmir", "\u0131zmir", "\u017fcience", "\u212aelvin", "Kelvin", "Data_2", "KI",
]  # fmt: skip
FUNCTION = ["of", "for", "the", "and", "on", "in", "at", "to", "a", "an", "&", "The", "OF"]
SEPARATORS = [" ", " ", ", ", " – ", "\n", "-", "", "(", ") ", "\u00a0"]


def _cased(word: str, how: int) -> str:
    """``word`` as written, in lower case, in capitals, as a title, swapped; or with "i", "s"
    and "k" written as characters that fold to them when case is ignored."""
    folded = word.replace("i", "\u0131").replace("I", "\u0130").replace("s", "\u017f")
    return [word, word.lower(), word.upper(), word.title(), word.swapcase(), folded][how]


word_lists = st.lists(st.sampled_from(WORDS + FUNCTION), min_size=1, max_size=5)
generated_names = st.builds(
    lambda the, words: ("The " if the else "") + " ".join(words), st.booleans(), word_lists
)


@st.composite
def texts_about(draw: st.DrawFn, name: str) -> str:
    """A text made of ``name``'s words (in any case), function words, other words and
    separators, and ``name`` itself, sometimes with a function word changed."""
    own = name.split()
    pieces: list[str] = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            words = list(own)
            if draw(st.booleans()):
                at = draw(st.integers(0, len(words) - 1))
                words[at] = draw(st.sampled_from(FUNCTION))
            pieces.append(" ".join(_cased(w, draw(st.integers(0, 5))) for w in words))
        elif kind == 1:
            pieces.append(_cased(draw(st.sampled_from(own)), draw(st.integers(0, 5))))
        else:
            pieces.append(_cased(draw(st.sampled_from(WORDS + FUNCTION)), draw(st.integers(0, 5))))
        pieces.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(pieces)


@st.composite
def cases(draw: st.DrawFn) -> tuple[tuple[str, str], list[str]]:
    first, second = draw(generated_names), draw(generated_names)
    count = draw(st.integers(1, 11))
    texts = [draw(texts_about(draw(st.sampled_from([first, second])))) for _ in range(count)]
    return (first, second), texts


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_generated_texts_give_the_findings_of_the_reference(
    base: MemorandumRecords, case: tuple[tuple[str, str], list[str]]
) -> None:
    side_names, texts = case
    both(with_texts(base, side_names, texts))


# -- the facts the quick look relies on --------------------------------------------------------


def test_the_characters_that_fold_to_ascii_letters_are_the_ones_named() -> None:
    """A pattern that ignores case matches an ASCII letter to these characters besides ASCII
    letters, and no others; ``names._lowered`` gives up on a text that has one."""
    letters = re.compile("[a-z]", re.IGNORECASE)
    found = {chr(c) for c in range(128, sys.maxunicode + 1) if letters.match(chr(c))}
    assert found == set(names._FOLDING_TO_ASCII)
    for char in found:
        assert names._lowered(f"a {char} b") is None


def test_a_text_that_lowercases_to_a_longer_text_is_not_looked_at_quickly() -> None:
    """Positions in the lowercased text are positions in the text: only "İ" lowercases to
    two characters, and it folds to "i" too."""
    longer = [chr(c) for c in range(sys.maxunicode + 1) if len(chr(c).lower()) != 1]
    assert longer == ["\u0130"]
    assert names._lowered("Ünion – Office") == "ünion – office"
    assert names._lowered("ΑΣ Office") == "ας office"
    assert names._lowered("\u0130 Office") is None


# -- accepted findings: where a finding is (``acceptance._locate``) ------------------------------


def reference_locate(finding: Finding, candidates: list[Any]) -> tuple[Any, str] | None:
    """``acceptance._locate`` as it was (verbatim, but for the names)."""
    here = (finding.line, finding.column)
    best: tuple[tuple[int, int], int, Any, tuple[str | int, ...]] | None = None
    for record in candidates:
        source = record.source
        for table in (source.values, source.keys):
            for path, pos in table.items():
                key = ((pos.line, pos.column), len(path))
                if key[0] > here:
                    continue
                if best is None or key > (best[0], best[1]):
                    best = (key[0], key[1], record, path)
    if best is None:
        return None
    record, path = best[2], best[3]
    return record, acceptance.locator(record, path)


positions = st.builds(Position, st.integers(1, 4), st.integers(1, 4))
paths = st.lists(st.sampled_from(["text", "areas", 0, 1, "body"]), max_size=3).map(tuple)
tables = st.dictionaries(paths, positions, max_size=8)
sources = st.builds(lambda keys, values: Source("memorandum.yaml", keys, values), tables, tables)


@settings(max_examples=300, deadline=None)
@given(st.lists(sources, max_size=3), positions)
def test_a_finding_is_located_where_it_was(found_in: list[Source], at: Position) -> None:
    """The same record and path as before, ties (same position, same length) included."""
    records = [SimpleNamespace(source=source, name=index) for index, source in enumerate(found_in)]
    finding = Finding("MOC401", Severity.WARNING, "m", "memorandum.yaml", at.line, at.column)
    with mock.patch.object(acceptance, "locator", lambda record, path: f"{record.name}:{path}"):
        assert acceptance._locate(finding, records) == reference_locate(finding, records)  # type: ignore[arg-type]


# -- references: a record's source is read once --------------------------------------------------


def test_a_record_is_not_a_duplicate_of_itself(base: MemorandumRecords) -> None:
    """A record made in memory (never read from a file) has a new ``Source("<memory>")`` each time
    its source is read; it used to be reported as a duplicate of itself (MOC201)."""
    memo = base.memorandum
    assert memo is not None
    unread = memo.model_copy()
    unread._source = None  # as a record made in memory
    records = dataclasses.replace(base, memorandum=unread, modifications=())
    assert [f.code for f in references.check(records) if f.code == "MOC201"] == []
    assert unread.source is not unread.source  # why it was
