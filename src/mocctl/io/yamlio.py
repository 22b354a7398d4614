"""Reading YAML record files into plain data with the position of every key and value.

Plain, valid files take the fast path of :mod:`mocctl.io.fastpath` (the data built from
libyaml's events, the positions worked out only when a finding asks). Everything else, and the
cases the fast path gives up on, is read through ruamel.yaml's *composer* (the libyaml-based one
when it is installed, the pure-Python one otherwise), and the node tree is turned into plain
``dict``/``list``/scalar values by this module. Doing the construction here, rather than
with ruamel's constructors, gives:

* the 1-based position of every key and value (``Source``), for findings that point at the spot;
* timestamps kept as text, so that an impossible date such as ``2025-02-30`` becomes a finding
  with its position instead of a bare ``ValueError`` that aborts the load;
* refusal, with a position, of anchors and aliases (no "billion laughs"), of tags such as
  ``!!python/object``, of duplicate keys, of more documents per file and longer values than
  records ever need (the limits are in :mod:`mocctl.io.limits`), and of deep nesting;
* speed: composing with libyaml is about twenty times faster than a round-trip load.

libyaml's composer recurses on the C stack, so 50,000 nested brackets kill the process with
SIGSEGV, and its scanner slows down with the square of the nesting. No text reaches it before
:func:`nesting_scan` (which follows libyaml's tokenizer: quotes, comments, plain and block
scalars, flow and block context) has shown that it nests no deeper than ``MAX_DEPTH``; a
cheap bound (:func:`crude_depth`) spares real records that scan. Both are tested against
libyaml itself (tests/test_loader.py, tests/hostile/). The fast path reads libyaml's events
before either (no recursion, and it gives up at half that depth), so a record that takes it
is never scanned for depth at all.

Round-trip editing (keeping comments) lives elsewhere; this module only reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mocctl.findings import Finding, Position, Source
from mocctl.io import fastpath
from mocctl.io.depth import crude_depth, nesting_scan
from mocctl.io.fastpath import ALLOWED_TAGS, SCALAR_TAGS, TAG, Document, Path_, Table, scalar
from mocctl.io.limits import MAX_DEPTH, MAX_DOCUMENTS, MAX_FILE_BYTES, MAX_SCALAR_CHARS

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "Document", "decode", "file_finding", "parse"]


class _Refused(Exception):
    """A document was refused while converting nodes; carries the finding."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def file_finding(
    code: str, message: str, file: str, line: int = 1, column: int = 1, hint: str | None = None
) -> Finding:
    """A finding of ``code`` at a position in ``file``, with the catalogue's severity."""
    from mocctl.codes import CHECKS

    return Finding(code, CHECKS[code].severity, message, file, line, column, hint)


def decode(raw: bytes, file: str) -> tuple[str | None, Finding | None]:
    """The text of a record file, or the finding that says why it cannot be read."""
    if len(raw) > MAX_FILE_BYTES:
        return None, file_finding(
            "MOC006",
            f"file is {len(raw):,} bytes; record files are limited to {MAX_FILE_BYTES:,} bytes",
            file,
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return None, file_finding(
            "MOC001", "file is binary (it contains a NUL byte), not YAML text", file, line
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return None, file_finding(
            "MOC001",
            f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
            file,
            line,
            column,
            hint="save the file as UTF-8",
        )
    return text, None


def _compose_all(text: str) -> Iterator[Any]:
    """Node trees of the documents in ``text``: by libyaml when it is installed.

    libyaml's composer recurses on the C stack (and its scanner slows down with the square of
    the nesting), so no text reaches it before :func:`nesting_scan` has bounded the nesting.
    """
    try:
        from ruamel.yaml.cyaml import CSafeLoader
    except ImportError:  # pragma: no cover - depends on the platform's wheels
        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).compose_all(text)
        return
    loader = CSafeLoader(text)
    while loader.check_node():
        yield loader.get_node()


def parse(text: str, file: str) -> tuple[list[Document], list[Finding]]:
    """Every document of ``text`` as plain data, plus the findings that stopped any of them.

    Most record files are plain, valid YAML: they take the fast path
    (:func:`mocctl.io.fastpath.documents`), which builds the data from the parser's events and
    works out the position tables only when a finding first asks for a position. Anything the
    fast path does not accept (a syntax error, an alias, a tag, a duplicate key, …) is read by
    :func:`parse_with_positions`, which finds and places every problem.
    """
    documents = fastpath.documents(text, file)  # gives up on deep nesting: safe to try first
    if documents is not None:
        return documents, []
    if crude_depth(text) > MAX_DEPTH + 1:  # else surely shallow: no need to look closer
        _, too_deep = nesting_scan(text, MAX_DEPTH)
        if too_deep is not None:  # refused before the composer sees the text
            return [], [_depth_finding(file, *too_deep)]
    return parse_with_positions(text, file)


def parse_with_positions(text: str, file: str) -> tuple[list[Document], list[Finding]]:
    """:func:`parse` with every position table filled in: the node-by-node path.

    The caller has bounded the nesting of ``text`` (:func:`parse` does).
    """
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    documents: list[Document] = []
    findings: list[Finding] = []
    nodes = _compose_all(text)
    index = 0
    while True:
        try:
            node = next(nodes)
        except StopIteration:
            break
        except MarkedYAMLError as exc:
            findings.append(_syntax_finding(exc, file, text))
            break
        except RecursionError:  # pragma: no cover - the scan bounds the nesting first
            findings.append(_depth_finding(file))
            break
        except YAMLError as exc:  # pragma: no cover - every parser error we know carries a mark
            findings.append(file_finding("MOC002", f"YAML cannot be read: {exc}", file))
            break
        if index == MAX_DOCUMENTS:
            pos = _position(node)
            findings.append(
                file_finding(
                    "MOC010",
                    f"the file holds more than {MAX_DOCUMENTS:,} YAML documents "
                    "(the limit per file); the rest of the file is not read",
                    file,
                    pos.line,
                    pos.column,
                    hint="split the records into several files",
                )
            )
            break
        keys: Table = {}
        values: Table = {}
        try:
            data = _convert(node, (), _Tables(file, keys, values), set(), 0)
        except _Refused as refused:
            findings.append(refused.finding)
        else:
            line = node.start_mark.line + 1
            documents.append(Document(data, Source(file, keys, values), index, line))
        index += 1
    return documents, findings


def _depth_finding(file: str, line: int = 1, column: int = 1) -> Finding:
    return file_finding(
        "MOC006", f"YAML is nested more than {MAX_DEPTH} levels deep", file, line, column
    )


def _syntax_finding(exc: Any, file: str, text: str) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    context = exc.context_mark
    if exc.context and exc.problem and "occurrence" in exc.problem and context is not None:
        # "found duplicate anchor; first occurrence" / "second occurrence": say both
        first = exc.context.split(";")[0]
        problem = f"{first} (first at line {context.line + 1}, column {context.column + 1})"
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        problem += " (a tab: YAML indents with spaces only)"
    return file_finding("MOC002", f"YAML syntax error: {problem}", file, line, column)


def _position(node: Any) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


@dataclass(frozen=True, slots=True)
class _Tables:
    """The position tables of one document while :func:`_convert` fills them in."""

    file: str
    keys: Table
    values: Table


def _convert(node: Any, path: Path_, source: _Tables, seen: set[int], depth: int) -> Any:
    """Plain data for ``node``; records each value's position in ``source``."""
    pos = _position(node)
    source.values[path] = pos
    if id(node) in seen:
        use = source.keys.get(path, pos)
        raise _Refused(
            file_finding(
                "MOC004",
                f"an alias repeats the value of line {pos.line}; "
                "anchors and aliases are not allowed in records",
                source.file,
                use.line,
                use.column,
                hint="write the value out in full",
            )
        )
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _Refused(_depth_finding(source.file, pos.line, pos.column))
    tag = node.tag
    if tag not in ALLOWED_TAGS:
        shown = tag.replace(TAG, "!!") if tag.startswith(TAG) else tag
        raise _Refused(
            file_finding(
                "MOC005",
                f"tag {shown} is not allowed in records",
                source.file,
                pos.line,
                pos.column,
                hint="remove the tag; records hold plain text, numbers, dates, lists and mappings",
            )
        )
    if node.id == "scalar":
        if len(node.value) > MAX_SCALAR_CHARS:
            raise _Refused(_long_scalar(node, source.file))
        return scalar(tag, node.value)
    if node.id == "sequence":
        items = []
        for index, item in enumerate(node.value):
            source.keys[(*path, index)] = _position(item)
            items.append(_convert(item, (*path, index), source, seen, depth + 1))
        return items
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_pos = _position(key_node)
        if key_node.id != "scalar" or key_node.tag not in SCALAR_TAGS:
            raise _Refused(
                file_finding(
                    "MOC008",
                    "mapping keys must be plain text",
                    source.file,
                    key_pos.line,
                    key_pos.column,
                )
            )
        key = str(key_node.value)
        if len(key) > MAX_SCALAR_CHARS:
            raise _Refused(_long_scalar(key_node, source.file))
        if key in mapping:
            first = source.keys[(*path, key)]
            raise _Refused(
                file_finding(
                    "MOC003",
                    f"duplicate key '{key}' (first at line {first.line})",
                    source.file,
                    key_pos.line,
                    key_pos.column,
                    hint="keep one of the two values",
                )
            )
        source.keys[(*path, key)] = key_pos
        mapping[key] = _convert(value_node, (*path, key), source, seen, depth + 1)
    return mapping


def _long_scalar(node: Any, file: str) -> Finding:
    pos = _position(node)
    return file_finding(
        "MOC012",
        f"a value of {len(node.value):,} characters; values are limited to "
        f"{MAX_SCALAR_CHARS:,} characters",
        file,
        pos.line,
        pos.column,
        hint="shorten it; a long text such as a scan belongs in documents/, referenced by hash",
    )
