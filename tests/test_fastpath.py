"""The fast path (data from libyaml's events, positions on demand) against the full read.

The fast path may give up on any text; when it accepts one, the documents, their data, their
lines and every position must be exactly what the node-by-node read gives.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mocctl.findings import Position
from mocctl.io import fastpath
from mocctl.io.limits import MAX_DEPTH
from mocctl.io.yamlio import parse, parse_with_positions

ROOT = Path(__file__).resolve().parents[1]
RECORD_FILES = sorted(
    {
        *ROOT.glob("records/**/*.yaml"),
        *ROOT.glob("examples/**/*.yaml"),
        *ROOT.glob("src/mocctl/**/*.yaml"),
        *ROOT.glob("tests/**/*.yaml"),
    }
)


def fast(text: str) -> list[fastpath.Document] | None:
    return fastpath.documents(text, "f.yaml")


def same_as_full(text: str) -> bool:
    """Whether the fast path accepted ``text``; when it did, assert it agrees with the full read."""
    documents = fast(text)
    if documents is None:
        return False
    full, findings = parse_with_positions(text, "f.yaml")
    assert findings == []
    assert len(documents) == len(full)
    walked = fast(text)  # a second read, whose positions are only followed, one path at a time
    assert walked is not None
    for mine, theirs in zip(walked, full, strict=True):
        for table in ("keys", "values"):
            ours, expected = getattr(mine.source, table), getattr(theirs.source, table)
            for path, position in expected.items():
                assert ours.get(path) == position
                assert ours.get((*path, "absent")) is None
                assert ours.get((*path, 10**6)) is None
            assert ours.get(()) == expected.get(())
            assert mine.source.keys._full._keys is None  # no table was built for these
    for mine, theirs in zip(documents, full, strict=True):
        assert (mine.index, mine.line) == (theirs.index, theirs.line)
        assert _typed(mine.data) == _typed(theirs.data)
        assert dict(mine.source.keys) == dict(theirs.source.keys)
        assert dict(mine.source.values) == dict(theirs.source.values)
    return True


def _typed(data: Any) -> Any:
    """``data`` with the type of every scalar, so that 1 == 1.0 == True cannot hide a change."""
    if isinstance(data, dict):
        return {k: _typed(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_typed(v) for v in data]
    return (type(data).__name__, repr(data))


def test_the_record_files_of_the_repository_take_the_fast_path() -> None:
    assert len(RECORD_FILES) > 20
    taken = [f for f in RECORD_FILES if same_as_full(f.read_text(encoding="utf-8"))]
    # the hostile and broken fixtures give up; the Japan–UK records and the examples do not
    memorandum = ROOT / "records" / "jp-uk-quantum-2025" / "memorandum.yaml"
    assert memorandum in taken
    assert len(taken) >= len(RECORD_FILES) // 2


def test_positions_are_worked_out_only_when_a_finding_asks() -> None:
    text = "id: m\nsides:\n  - id: JP\n    name: Japan\n"
    (document,), findings = parse(text, "f.yaml")
    assert findings == []
    full = document.source.keys._full  # type: ignore[attr-defined]
    assert full._keys is None  # nothing worked out yet
    assert document.source.value_at("id") == Position(1, 5)  # a top-level value: known at once
    assert document.source.key_at("sides") == Position(2, 1)
    assert full._keys is None
    assert document.source.value_at("sides", 0, "name") == Position(4, 11)  # followed, too
    assert document.source.key_at("sides", 0) == Position(3, 5)
    # a path that is not there: the nearest that is
    assert document.source.value_at("sides", 0, "missing") == Position(3, 5)
    assert document.source.value_at("sides", 1, "name") == Position(3, 3)  # no item 1
    assert document.source.value_at("sides", "0") == Position(3, 3)  # a key is not an index
    assert document.source.value_at("id", "deeper") == Position(1, 5)  # a scalar has no keys
    assert full._keys is None  # still no tables: single positions follow the kept marks
    assert len(document.source.values) == len(list(document.source.values)) == 6  # now built
    assert full._keys is not None
    assert full._entries is None  # and the marks are let go
    assert document.source.value_at("sides", 0, "name") == Position(4, 11)  # from the table


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # an alias
        "a: &x 1\nb: &x 2\n",  # a duplicate anchor (the composer's error)
        "a: !!str 1\n",  # a tag
        "a: !custom 1\n",
        "a: 1\na: 2\n",  # a duplicate key
        "? [1, 2]\n: x\n",  # a key that is a list
        "? {a: 1}\n: x\n",  # a key that is a mapping
        "<<: {a: 1}\n",  # a merge key
        "a: [1\n",  # a syntax error
        "a: b: c\n",
        "a: " + "x" * 200_001 + "\n",  # a value longer than the limit
        "---\na: 1\n" * 1001,  # more documents than the limit
        "[" * 200 + "]" * 200,  # nesting deeper than the limit
        "[" * (fastpath.FAST_DEPTH + 1) + "]" * (fastpath.FAST_DEPTH + 1),  # within it, but deep
    ],
)
def test_the_fast_path_gives_up_where_the_full_read_must_look(text: str) -> None:
    assert fast(text) is None


def test_deep_but_allowed_nesting_is_read_in_full_and_too_deep_is_refused() -> None:
    depth = fastpath.FAST_DEPTH
    assert fast("[" * depth + "]" * depth) is not None
    (document,), findings = parse("[" * (depth + 1) + "]" * (depth + 1), "f.yaml")
    assert findings == []  # deeper than the fast path goes, within the limit: the full read
    assert document.source.values.get((0,) * depth) == Position(1, depth + 1)
    deep = MAX_DEPTH + 2
    documents, findings = parse("a:\n" + "[" * deep + "]" * deep + "\n", "f.yaml")
    assert documents == []
    assert [(f.code, f.line) for f in findings] == [("MOC006", 2)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "---\n",
        "--- 1\n--- a\n...\n",
        "a: 1\nb: '1'\nc: 1.5\nd: .inf\ne: -.Inf\nf: .nan\ng: 0x1f\nh: 0o17\ni: 1_000\n",
        "a: true\nb: True\nc: yes\nd: null\ne: ~\nf:\ng: 2025-04-28\nh: 2025-02-30\n",
        "\"quoted\": \"x\"\n'single': 'y'\n1: one\ntrue: t\nnull: n\n",
        "- 1\n- [a, b]\n- {c: d}\n- - nested\n",
        "text: |\n  two\n  lines\nfolded: >\n  folded\n  text\n",
        "%YAML 1.2\n---\na: 1\n",
        "%YAML 1.1\n---\na: yes\nb: 017\nc: 1:20\nd: 0o17\n",  # resolved as 1.2, as in full
        "a:\n  - b: [1, {c: [2, 3]}]\n    d: e\n",
        "plain: multi\n  line plain\n",
    ],
)
def test_the_fast_path_agrees_with_the_full_read(text: str) -> None:
    assert same_as_full(text)


_PIECES = st.sampled_from(
    [
        "a", "b", "id", "1", "1.5", "0x1", "true", "null", "~", "2025-04-28", "yes", ".nan",
        ": ", ":", "- ", "-", "[", "]", "{", "}", ", ", ",", "'", '"', "#", "&a ", "*a",
        "!", "? ", "|", ">", "\n", "\n  ", "\n    ", " ", "---\n", "...\n", "%YAML 1.2\n", "<<",
    ]
)  # fmt: skip


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_whatever_the_fast_path_accepts_the_full_read_reads_the_same(text: str) -> None:
    same_as_full(text)


def test_plain_scalars_resolve_the_same_however_often_they_recur() -> None:
    fastpath._PLAIN.clear()
    first = fast("a: 010\nb: 0o10\nc: 1e3\n")
    again = fast("a: 010\nb: 0o10\nc: 1e3\n")
    assert first is not None and again is not None
    assert first[0].data == again[0].data == {"a": 10, "b": 8, "c": 1000.0}


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=" \t?:-\na[{\r\x85\u2028", max_size=60))
def test_crude_depth_shortcut_for_newline_only_text_gives_the_regex_answer(text: str) -> None:
    from mocctl.io import depth

    prefix = max((len(m) for m in depth._LINE_PREFIX.findall(text)), default=0)
    bound = 2 * (prefix + 1) + 3 * (text.count("[") + text.count("{"))
    assert depth.crude_depth(text) == bound
