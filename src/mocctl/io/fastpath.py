"""The fast path for plain, valid YAML: data from the parser's events, positions on demand.

Nearly every record file is plain YAML that :mod:`mocctl.io.yamlio` accepts without a finding.
For those files, building a node for every scalar (with its tag, its resolver call and its
marks) and a position for every key and value costs more than everything else ``validate``
does, and the positions are wanted only by the few findings that point into the file. So:

* :func:`documents` builds the plain data straight from libyaml's events, resolving each plain
  scalar once per distinct text (the resolver's answer depends on the text alone), and records
  the positions of the top-level keys and values only (a memorandum's ``id``, for the check
  across folders, is asked for every memorandum);
* the full tables come from a second, node-by-node read of the same text
  (``yamlio.parse_with_positions``) the first time a finding asks for any other position
  (:class:`LazyTable`);
* whatever this path does not accept exactly as that read would (an anchor or alias, any tag, a
  duplicate or non-text key, a value that is too long, too many documents, deep nesting, a
  syntax error) makes it give up: :func:`documents` returns ``None`` and the caller reads the
  text node by node, which finds and places every problem. The fast path accepts a text only
  when the full read accepts it with the same data: tests/test_fastpath.py holds the two
  against each other.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from mocctl.findings import Finding, Position, Source
from mocctl.io.limits import MAX_DEPTH, MAX_DOCUMENTS, MAX_SCALAR_CHARS

TAG = "tag:yaml.org,2002:"
SCALAR_TAGS = frozenset(
    f"{TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)
ALLOWED_TAGS = SCALAR_TAGS | {f"{TAG}seq", f"{TAG}map"}

Path_ = tuple[str | int, ...]
Table = dict[Path_, Position]
#: the node-by-node read: (text, file) → (documents, findings)
FullRead = Callable[[str, str], "tuple[list[Document], list[Finding]]"]


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


class _FullTables:
    """Both position tables of one document, from the node-by-node read when first wanted."""

    __slots__ = ("_file", "_index", "_keys", "_read", "_text", "_values")

    def __init__(self, text: str, file: str, index: int, read: FullRead) -> None:
        self._text: str | None = text
        self._file = file
        self._index = index
        self._read = read
        self._keys: Mapping[Path_, Position] | None = None
        self._values: Mapping[Path_, Position] = {}

    def tables(self) -> tuple[Mapping[Path_, Position], Mapping[Path_, Position]]:
        if self._keys is None:
            assert self._text is not None
            documents, findings = self._read(self._text, self._file)
            # the fast path accepted the text: so does the full read, with the same documents
            assert not findings, findings
            source = documents[self._index].source
            self._keys, self._values = source.keys, source.values
            self._text = None  # no longer needed
        return self._keys, self._values


class LazyTable(Mapping[Path_, Position]):
    """A position table that answers top-level paths at once and works out the rest on demand."""

    __slots__ = ("_full", "_known", "_values")

    def __init__(self, known: Table, full: _FullTables, values: bool) -> None:
        self._known = known  # exact copies of the full table's entries for paths of length ≤ 1
        self._full = full
        self._values = values

    def _table(self) -> Mapping[Path_, Position]:
        keys, values = self._full.tables()
        return values if self._values else keys

    def get(self, path: Path_, default: Any = None) -> Any:
        if len(path) <= 1:  # the fast path saw every top-level key and value
            return self._known.get(path, default)
        return self._table().get(path, default)

    def __getitem__(self, path: Path_) -> Position:
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[Path_]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())

    def __repr__(self) -> str:
        known = "worked out" if self._full._keys is not None else "on demand"
        return f"<positions {known}; top level: {self._known!r}>"


class _GiveUp(Exception):
    """The text needs the node-by-node read."""


# The resolved value of each plain scalar text seen (ids, dates, keys, numbers recur in every
# file). Resolution depends on the text alone (mocctl's resolver has no path resolvers and
# ignores %YAML directives), and the values are immutable; the table is bounded.
_PLAIN: dict[str, Any] = {}
_PLAIN_MAX_CHARS = 80
_PLAIN_MAX_ENTRIES = 50_000
_NOT_ALLOWED = object()


def documents(text: str, file: str, read: FullRead) -> list[Document] | None:
    """The documents of ``text`` by the fast path, or ``None`` when it needs the full read
    (``read``, which is also what fills in the positions later)."""
    try:
        from ruamel.yaml.cyaml import CSafeLoader
    except ImportError:  # pragma: no cover - depends on the platform's wheels
        return None
    from ruamel.yaml.error import YAMLError

    loader = CSafeLoader(text)
    try:
        return _documents(loader, text, file, read)
    except (_GiveUp, YAMLError):
        return None


def _documents(loader: Any, text: str, file: str, read: FullRead) -> list[Document]:
    from ruamel.yaml import events as ev
    from ruamel.yaml.nodes import ScalarNode

    resolve = loader.resolve
    get = loader.get_event
    scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
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

    get()  # the stream's start
    found: list[Document] = []
    while not isinstance(loader.peek_event(), ev.StreamEndEvent):
        get()  # the document's start
        if len(found) == MAX_DOCUMENTS:
            raise _GiveUp
        known_keys: Table = {}
        known_values: Table = {}
        root_mark = loader.peek_event().start_mark
        known_values[()] = Position(root_mark.line + 1, root_mark.column + 1)
        # the containers being filled: (container, pending key of a mapping or None)
        stack: list[list[Any]] = []
        data: Any = None
        done = False
        while not done:
            event = get()
            kind = type(event)
            if kind is scalar_event:
                if event.tag is not None or event.anchor is not None:
                    raise _GiveUp
                text_ = event.value
                if len(text_) > MAX_SCALAR_CHARS:
                    raise _GiveUp
                value: Any = plain(text_) if event.implicit[0] else text_
                is_key = bool(stack) and stack[-1][1] is _KEY
                if is_key:
                    mapping = stack[-1][0]
                    if text_ in mapping:
                        raise _GiveUp  # a duplicate key: the full read says where
                    stack[-1][1] = text_
                    if len(stack) == 1:
                        mark = event.start_mark
                        known_keys[(text_,)] = Position(mark.line + 1, mark.column + 1)
                    continue
            elif kind is mapping_start or kind is sequence_start:
                if event.tag is not None or event.anchor is not None or len(stack) >= MAX_DEPTH:
                    raise _GiveUp
                if stack and stack[-1][1] is _KEY:
                    raise _GiveUp  # a key that is a mapping or a list
                value = {} if kind is mapping_start else []
            elif kind in collection_end:
                value = stack.pop()[0]
                if stack:
                    _place(stack, value)
                else:
                    data, done = value, True
                continue
            elif kind is alias_event:
                raise _GiveUp
            else:  # pragma: no cover - the parser gives no other event inside a document
                raise _GiveUp
            if len(stack) == 1 and stack[-1][1] is not _KEY:
                mark = event.start_mark
                at = Position(mark.line + 1, mark.column + 1)
                if isinstance(stack[0][0], dict):
                    known_values[(stack[0][1],)] = at
                else:
                    index = len(stack[0][0])
                    known_keys[(index,)] = at
                    known_values[(index,)] = at
            if isinstance(value, dict | list):
                stack.append([value, _KEY if isinstance(value, dict) else None])
            elif stack:
                _place(stack, value)
            else:
                data, done = value, True
        get()  # the document's end
        full = _FullTables(text, file, len(found), read)
        source = Source(
            file, LazyTable(known_keys, full, values=False), LazyTable(known_values, full, True)
        )
        found.append(Document(data, source, len(found), root_mark.line + 1))
    return found


_KEY = object()  # in a mapping's frame: the next scalar is a key


def _place(stack: list[list[Any]], value: Any) -> None:
    frame = stack[-1]
    container = frame[0]
    if isinstance(container, dict):
        container[frame[1]] = value
        frame[1] = _KEY
    else:
        container.append(value)
