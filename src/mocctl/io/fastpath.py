"""The fast path for plain, valid YAML: data from the parser's events, positions on demand.

Nearly every record file is plain YAML that :mod:`mocctl.io.yamlio` accepts without a finding.
For those files, building a node for every scalar (with its tag, its resolver call and its
marks) and a position for every key and value costs more than everything else ``validate``
does, and the positions are wanted only by the few findings that point into the file. So:

* :func:`documents` builds the plain data straight from libyaml's events, resolving each plain
  scalar once per distinct text (the resolver's answer depends on the text alone);
* it keeps the start mark of every key and value (libyaml's events carry them anyway) and turns
  them into position tables only when a finding first asks for a position below the top level
  (:class:`LazyTable`);
* whatever this path does not accept as the node-by-node read (``yamlio.parse_with_positions``)
  would (an anchor or alias, any tag, a duplicate or non-text key, a value that is too long,
  too many documents, deep nesting, a syntax error) makes it give up: :func:`documents` returns
  ``None`` and the caller reads the text node by node, which finds and places every problem.
  The fast path accepts a text only when the full read accepts it with the same data and the
  same positions: tests/test_fastpath.py holds the two against each other.
"""

from __future__ import annotations

import functools
import math
from collections.abc import ItemsView, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from mocctl.findings import Position, Source
from mocctl.io.limits import MAX_DEPTH, MAX_DOCUMENTS, MAX_SCALAR_CHARS

# The fast path runs before any look at the nesting (libyaml's event parser keeps no recursion
# on the C stack, and giving up at this depth bounds its work); deeper texts (records nest
# about six levels) take the full read, after the nesting scan that refuses what nests more
# than MAX_DEPTH. Half the limit: the scan errs on the deep side, so that a text it would
# refuse is never accepted here.
FAST_DEPTH = MAX_DEPTH // 2

TAG = "tag:yaml.org,2002:"
SCALAR_TAGS = frozenset(
    f"{TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)
ALLOWED_TAGS = SCALAR_TAGS | {f"{TAG}seq", f"{TAG}map"}

Path_ = tuple[str | int, ...]
Table = dict[Path_, Position]


@dataclass(frozen=True, slots=True)
class Document:
    """One YAML document of a file: its plain data and where each part of it stands."""

    data: Any
    source: Source
    index: int
    line: int


def scalar(tag: str, value: str) -> Any:
    """The plain value of a resolved YAML 1.2 scalar; timestamps stay as their text."""
    kind = tag[len(TAG) :]
    if kind == "null":
        return None
    if kind == "bool":
        return value.lower() == "true"
    if kind == "int":
        digits = value.replace("_", "")
        try:
            return int(digits, 0)
        except ValueError:
            try:
                return int(digits, 10)
            except ValueError:
                return value
    if kind == "float":
        lowered = value.lower().replace("_", "")
        if lowered.lstrip("+-") in (".inf", "inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        if lowered in (".nan", "nan"):
            return math.nan
        try:
            return float(lowered)
        except ValueError:
            return value
    return value


# What the fast path keeps of the positions: for each mapping or list, its entries in order as
# [key or index, start mark of the key (of the item, in a list), start mark of the value, the
# entries of the value when it is a mapping or a list, else None]. libyaml's events carry these
# marks anyway; turning them into tables is left to the first finding that wants one.
_Entries = list[list[Any]]


class _FullTables:
    """Both position tables of one document, worked out from the kept marks when first wanted."""

    __slots__ = ("_entries", "_keys", "_root", "_values")

    def __init__(self, root: Any, entries: _Entries | None) -> None:
        self._root = root
        self._entries = entries
        self._keys: Table | None = None
        self._values: Table = {}

    def tables(self) -> tuple[Table, Table]:
        if self._keys is None:
            keys: Table = {}
            values: Table = {(): _at(self._root)}
            if self._entries is not None:
                _fill(self._entries, (), keys, values)
            self._keys, self._values = keys, values
            self._entries = None  # no longer needed
        return self._keys, self._values


def _entry(entries: _Entries, step: str | int) -> list[Any] | None:
    """The entry of ``step`` (a key, or an index of a list) among ``entries``, if there is one.
    A key and an index never match each other (``1`` is not ``"1"``), as in the tables."""
    if type(step) is int and entries and type(entries[0][0]) is int:  # a list: item i
        return entries[step] if 0 <= step < len(entries) else None
    for entry in entries:
        if entry[0] == step and type(entry[0]) is type(step):
            return entry
    return None


def _at(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _fill(entries: _Entries, path: Path_, keys: Table, values: Table) -> None:
    """The positions below ``path``, as the node-by-node read records them."""
    for key, key_mark, value_mark, below in entries:
        here = (*path, key)
        keys[here] = _at(key_mark)
        values[here] = _at(value_mark)
        if below is not None:
            _fill(below, here, keys, values)


class LazyTable(Mapping[Path_, Position]):
    """A position table that answers top-level paths at once and works out the rest on demand."""

    __slots__ = ("_full", "_known", "_values")

    def __init__(self, full: _FullTables, values: bool) -> None:
        self._full = full
        self._values = values

    def _table(self) -> Table:
        keys, values = self._full.tables()
        return values if self._values else keys

    def get(self, path: Path_, default: Any = None) -> Any:
        if self._full._keys is None:  # no tables yet: follow the path through the kept marks
            return self._walk(path, default)
        return self._table().get(path, default)

    def _walk(self, path: Path_, default: Any) -> Any:
        """The position at ``path`` found by following its steps through the kept entries (a
        finding wants a handful of positions: building both tables for them costs more)."""
        if not path:
            return _at(self._full._root) if self._values else default
        entries = self._full._entries
        entry: list[Any] | None = None
        for step in path:
            if entries is None:
                return default
            entry = _entry(entries, step)
            if entry is None:
                return default
            entries = entry[3]
        assert entry is not None
        return _at(entry[2] if self._values else entry[1])

    def __getitem__(self, path: Path_) -> Position:
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[Path_]:
        return iter(self._table())

    def items(self) -> ItemsView[Path_, Position]:
        return self._table().items()

    def __len__(self) -> int:
        return len(self._table())

    def __repr__(self) -> str:
        return (
            "<positions, worked out on demand>" if self._full._keys is None else repr(self._table())
        )


class _GiveUp(Exception):
    """The text needs the node-by-node read."""


# The resolved value of each plain scalar text seen (ids, dates, keys, numbers recur in every
# file). Resolution depends on the text alone (mocctl's resolver has no path resolvers and
# ignores %YAML directives), and the values are immutable; the table is bounded.
_PLAIN: dict[str, Any] = {}
_PLAIN_MAX_CHARS = 80
_PLAIN_MAX_ENTRIES = 50_000
_NOT_ALLOWED = object()
_KEY = object()  # in a mapping's frame: the next scalar is a key


def documents(text: str, file: str) -> list[Document] | None:
    """The documents of ``text`` by the fast path, or ``None`` when it needs the full read."""
    try:
        from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - depends on the platform's wheels
        return None
    from ruamel.yaml.error import YAMLError

    # libyaml's bare parser: the events are all this path reads (a CSafeLoader would also
    # set up a constructor and a resolver for each file, a tenth of the parse of a small one)
    loader = CParser(text)
    try:
        return _documents(loader, file)
    except (_GiveUp, YAMLError):
        return None


@functools.cache
def _resolver() -> Any:
    """The resolver that ``CSafeLoader`` (the full read's) is: ruamel's YAML 1.2 ``Resolver``,
    which has no path resolvers and no version of its own, so one serves every file."""
    from ruamel.yaml.resolver import Resolver

    return Resolver()


def _documents(loader: Any, file: str) -> list[Document]:
    from ruamel.yaml import events as ev
    from ruamel.yaml.nodes import ScalarNode

    resolve = _resolver().resolve
    get = loader.get_event
    scalar_event = ev.ScalarEvent
    mapping_start, sequence_start = ev.MappingStartEvent, ev.SequenceStartEvent
    collection_end = (ev.MappingEndEvent, ev.SequenceEndEvent)

    def plain(value: str) -> Any:
        found = _PLAIN.get(value)
        if found is None:
            tag = str(resolve(ScalarNode, value, (True, False)))
            found = scalar(tag, value) if tag in SCALAR_TAGS else _NOT_ALLOWED
            if len(value) <= _PLAIN_MAX_CHARS:
                if len(_PLAIN) >= _PLAIN_MAX_ENTRIES:
                    _PLAIN.clear()
                _PLAIN[value] = found
        if found is _NOT_ALLOWED:
            raise _GiveUp
        return found

    known = _PLAIN.get
    get()  # the stream's start
    found: list[Document] = []
    while not isinstance(loader.peek_event(), ev.StreamEndEvent):
        get()  # the document's start
        if len(found) == MAX_DOCUMENTS:
            raise _GiveUp
        root_mark = loader.peek_event().start_mark
        # the containers being filled, each as [container, its entries, pending key or _KEY
        # (a mapping's next scalar is a key) or None (a list), the pending key's mark]; ``top``
        # is the innermost (the last of ``stack``), None at the top level
        stack: list[list[Any]] = []
        top: list[Any] | None = None
        data: Any = None
        root_entries: _Entries | None = None
        while True:
            event = get()
            kind = type(event)
            if kind is scalar_event:
                if event.ctag is not None or event.anchor is not None:
                    raise _GiveUp
                text_ = event.value
                if len(text_) > MAX_SCALAR_CHARS:
                    raise _GiveUp
                if event.implicit[0]:  # plain: resolved (once per distinct text)
                    value: Any = known(text_)
                    if value is None or value is _NOT_ALLOWED:
                        value = plain(text_)
                else:
                    value = text_
                if top is not None and top[2] is _KEY:
                    if text_ in top[0]:
                        raise _GiveUp  # a duplicate key: the full read says where
                    top[2], top[3] = text_, event.start_mark
                    continue
                below: _Entries | None = None
            elif kind is mapping_start or kind is sequence_start:
                if event.ctag is not None or event.anchor is not None or len(stack) >= FAST_DEPTH:
                    raise _GiveUp
                if top is not None and top[2] is _KEY:
                    raise _GiveUp  # a key that is a mapping or a list
                if kind is mapping_start:
                    value, below, pending = {}, [], _KEY
                else:
                    value, below, pending = [], [], None
            elif kind in collection_end:
                stack.pop()
                if not stack:
                    break
                top = stack[-1]
                continue
            else:  # an alias (the parser gives no other event inside a document)
                raise _GiveUp
            if top is not None:
                container = top[0]
                mark = event.start_mark
                if top[2] is None:  # an item of a list
                    top[1].append([len(container), mark, mark, below])
                    container.append(value)
                else:
                    top[1].append([top[2], top[3], mark, below])
                    container[top[2]] = value
                    top[2] = _KEY
            else:
                data, root_entries = value, below
                if below is None:
                    break  # a document that is one scalar
            if below is not None:
                top = [value, below, pending, None]
                stack.append(top)
        get()  # the document's end
        full = _FullTables(root_mark, root_entries)
        source = Source(file, LazyTable(full, values=False), LazyTable(full, values=True))
        found.append(Document(data, source, len(found), root_mark.line + 1))
    return found
