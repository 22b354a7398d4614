"""The C parser never sees nesting deeper than records allow (MOC006), whatever hides it.

libyaml's composer recurses on the C stack: 50,000 levels kill the process with SIGSEGV, and its
scanner slows down with the square of the depth. ``nesting_scan`` bounds the depth before any
parser sees the text; here it is tried through the CLI and against libyaml itself. All records
are FICTIONAL.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from tests.conftest import WriteRecord
from tests.hostile.conftest import Hostile, each_has

from mocctl.io.depth import nesting_scan
from mocctl.io.limits import MAX_DEPTH
from mocctl.io.yamlio import parse

DEEP = 50_000
CASES = {
    # a flow sequence of quoted scalars holding closing brackets: a bracket count sees depth 0
    "quoted-brackets": ("note: " + '["]", ' * DEEP + "]" * DEEP + "\n", 1, 7 + 6 * MAX_DEPTH),
    # flow mappings whose quoted keys hold brackets and braces
    "quoted-keys": (
        "note: " + '{"k]}": ' * DEEP + "1" + "}" * DEEP + "\n",
        1,
        7 + 8 * MAX_DEPTH,
    ),
    # single quotes, with '' escapes
    "single-quotes": ("note: " + "['it''s]', " * DEEP + "]" * DEEP + "\n", 1, None),
    # hidden after a comment full of closing brackets, in a longer line after quoted text
    "after-a-comment": (
        'note: "x" # '
        + "]" * 100
        + '\nreference: {title: "a [b]] c", list: '
        + "[" * DEEP
        + "]" * DEEP
        + "}\n",
        2,
        None,
    ),
    # block nesting: each level one more space
    "block": (
        "".join(" " * i + f"k{i}:\n" for i in range(2_000)) + " " * 2_000 + "v: 1\n",
        None,
        None,
    ),
    # compact block sequences on one line
    "compact": ("note:\n" + "- " * DEEP + "x\n", 2, None),
}


def notice(body: str) -> str:
    return (
        "apiVersion: mocctl/v1\nkind: Notice\nid: n\ntype: discontinuation\nby: UK\n"
        "form: written\ndated: 2027-01-08\nreceived: 2027-01-10\n" + body
    )


@pytest.mark.parametrize("case", list(CASES))
def test_deep_nesting_is_a_finding_not_a_crash(
    case: str, hostile: Hostile, write: WriteRecord
) -> None:
    body, line, column = CASES[case]
    write("notices/n.yaml", notice(body))
    outcomes = hostile()
    each_has(outcomes, "MOC006", "jp-uk/notices/n.yaml", line and line + 8, column)


def test_ten_deep_files_in_one_tree_are_quick(hostile: Hostile, write: WriteRecord) -> None:
    for index, case in enumerate(CASES):
        write(f"notices/n{index}.yaml", notice(CASES[case][0]))
    for index in range(len(CASES), 10):
        write(f"notices/n{index}.yaml", notice(CASES["quoted-brackets"][0]))
    start = time.monotonic()
    outcomes = hostile(seconds=10.0)
    assert time.monotonic() - start < 10.0
    for index in range(10):
        each_has(outcomes, "MOC006", f"jp-uk/notices/n{index}.yaml")


def test_the_limit_itself_is_allowed_and_one_more_is_not(records: Path, write: WriteRecord) -> None:
    # the root mapping is depth 0: `note:` holds MAX_DEPTH - 1 lists and a scalar at MAX_DEPTH
    ok = "note: " + "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1) + "\n"
    documents, found = parse(ok, "ok.yaml")
    assert found == [] and documents
    deep = "note: " + "[" * MAX_DEPTH + "x" + "]" * MAX_DEPTH + "\n"
    assert [f.code for f in parse(deep, "deep.yaml")[1]] == ["MOC006"]
    deeper = "note: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    [finding] = parse(deeper, "deeper.yaml")[1]
    assert (finding.code, finding.line, finding.column) == ("MOC006", 1, 7 + MAX_DEPTH)


def test_real_records_are_far_below_the_limit() -> None:
    root = Path(__file__).resolve().parents[2]
    for path in [*root.glob("records/**/*.yaml"), *root.glob("examples/**/*.yaml")]:
        deepest, where = nesting_scan(path.read_text(encoding="utf-8"), MAX_DEPTH)
        assert where is None and deepest <= 8, path


_TOKENS = [
    "[", "]", "{", "}", ",", ":", ": ", " ", "  ", "\n", "\n", "\n  ", "- ", "-", "? ", "?",
    "#", " #", '"', "'", "''", '\\"', "|", ">", "|2", "a", "b ", "!", "!x ", "&a ", "*a", "\t",
    "---", "\n---\n", "...", "x: ", "\n- ", "\r\n", "\u2028", "%", "@",
]  # fmt: skip


def _libyaml_depth(text: str) -> int:
    """The deepest nesting of the events libyaml emits before it stops (if it stops)."""
    from ruamel.yaml.cyaml import CSafeLoader
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    loader = CSafeLoader(text)
    depth = deepest = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, CollectionStartEvent):
                depth += 1
                deepest = max(deepest, depth)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except Exception:  # any parse error ends what libyaml composes
        pass
    return deepest


def test_the_scan_never_sees_less_nesting_than_libyaml() -> None:
    # The scan must never under-estimate: whatever it misses, the C composer would see.
    pytest.importorskip("ruamel.yaml.cyaml")
    rnd = random.Random(13)
    for _ in range(4_000):
        text = "".join(rnd.choice(_TOKENS) for _ in range(rnd.randint(1, 40)))
        assert nesting_scan(text, 10**9)[0] >= _libyaml_depth(text), repr(text)
