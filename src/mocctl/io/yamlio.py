"""Reading YAML record files into plain data with the position of every key and value.

Records are read through ruamel.yaml's *composer* (the libyaml-based one when it is installed,
the pure-Python one otherwise), and the node tree is turned into plain ``dict``/``list``/scalar
values by this module. Doing the construction here, rather than with ruamel's constructors, gives:

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
cheap bound (:func:`_crude_depth`) spares real records that scan. Both are tested against
libyaml itself (tests/test_loader.py, tests/hostile/).

Round-trip editing (keeping comments) lives elsewhere; this module only reads.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mocctl.findings import Finding, Position, Source
from mocctl.io.limits import MAX_DEPTH, MAX_DOCUMENTS, MAX_FILE_BYTES, MAX_SCALAR_CHARS

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "Document", "decode", "file_finding", "parse"]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_ALLOWED_TAGS = _SCALAR_TAGS | {f"{_TAG}seq", f"{_TAG}map"}

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """One YAML document of a file: its plain data and where each part of it stands."""

    data: Any
    source: Source
    index: int
    line: int


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


_BREAKS = "\r\n\x85\u2028\u2029"
_BLANKZ = " \t" + _BREAKS
_FLOW_IND = ",[]{}"
_MARKERS = ("---", "...")
_B = "\r\n\x85\u2028\u2029"  # line breaks, as libyaml counts them
_TO_BREAK = re.compile(f"[^{_B}]*")
_SPACES = re.compile(" *")
_LINE_BREAK = re.compile(f"\r\n|[{_B}]")
# the words of a plain scalar and the blanks between them, on one line: up to a ':' followed by a
# blank, or blanks before a '#' or a line break (block context) ...
_PLAIN_RUN = re.compile(f"(?:[^ \t{_B}:]+|:(?![ \t{_B}]|\\Z)|[ \t]+(?=[^ \t{_B}#]))*+")
# ... or also up to a ':' or a flow indicator (flow context)
_FLOW_RUN = re.compile(f"(?:[^ \t{_B}:,\\[\\]{{}}]+|[ \t]+(?=[^ \t{_B}#:,\\[\\]{{}}]))*+")
# the indicators and blanks a line starts with: a block collection starts where they end
_LINE_PREFIX = re.compile(f"(?:^|(?<=[{_B}]))[ \t?:-]*")
_DOUBLE_QUOTED = re.compile(r'(?:[^"\\]+|\\.)*+"', re.S)
_SINGLE_QUOTED = re.compile(r"(?:[^']+|'')*+'")


def _crude_depth(text: str) -> int:
    """A bound on the nesting of ``text`` that is cheap and safe, but far from tight.

    Block collections nest at strictly increasing columns (a sequence at its mapping's column
    adds one more), and each starts where a line's indicators end; flow collections need a
    bracket each, and at most two more levels each (a ``[a: b]`` pair, a mapping around a key).
    """
    prefix = max((len(m) for m in _LINE_PREFIX.findall(text)), default=0)
    return 2 * (prefix + 1) + 3 * (text.count("[") + text.count("{"))


def _break_len(text: str, i: int) -> int:
    return 2 if text.startswith("\r\n", i) else 1


def nesting_scan(text: str, limit: int) -> tuple[int, tuple[int, int] | None]:
    """How deep the collections of ``text`` nest, and where they first nest deeper than ``limit``.

    Returns the deepest nesting seen (open collections, the root one included) and, when it is
    more than ``limit`` + 1, the (line, column) of the collection that went too deep, at which
    the scan stops. It follows libyaml's tokenizer closely enough to know, for every ``[``,
    ``{``, block entry and key, whether it opens a collection: quoted and plain scalars (also
    over several lines), comments, block scalars, tags and anchors are skipped as libyaml skips
    them, and where libyaml would stop with an error the scan stops too, since nothing after it
    is composed. Where it cannot tell, it errs on the deep side.
    """
    n = len(text)
    i = 0
    line, line_start = 1, 0
    flow = 0
    brackets: list[str] = []  # the open flow collections: "[" or "{"
    pairs: list[bool] = []  # whether a single-pair mapping (``[a: b]``) is open in each
    npairs = 0
    cols: list[int] = []  # columns of the open block collections (libyaml's indent stack)
    seqs: list[bool] = []  # whether each of them is a sequence
    extra: list[int] = []  # 1 where an indentless sequence hangs off that mapping
    block = 0  # open block collections, indentless sequences included
    deepest = 0
    simple_ok = True
    cand = -1  # text index of the possible simple key on this line (block context)
    cand_peak = 0  # the deepest nesting since ``cand``: a key's mapping encloses all of it
    entry_peak: list[int] = []  # the same for the entry being read in each flow collection

    def opened(column: int) -> tuple[int, int] | None:
        nonlocal deepest, cand_peak
        level = block + flow + npairs
        if cand >= 0:
            cand_peak = max(cand_peak, level)
        if entry_peak:
            entry_peak[-1] = max(entry_peak[-1], level)
        return deeper(level, column)

    def deeper(level: int, column: int) -> tuple[int, int] | None:
        nonlocal deepest
        if level > deepest:
            deepest = level
            if level > limit + 1:
                return line, column + 1
        return None

    def push(column: int, sequence: bool) -> tuple[int, int] | None:
        nonlocal block
        cols.append(column)
        seqs.append(sequence)
        extra.append(0)
        block += 1
        return opened(column)

    while i < n:
        c = text[i]
        if i == line_start:  # column 0: document markers and directives
            if text.startswith(_MARKERS, i) and (i + 3 >= n or text[i + 3] in _BLANKZ):
                if flow:
                    return deepest, None  # libyaml: a document marker inside a flow collection
                cols.clear()
                seqs.clear()
                extra.clear()
                block, simple_ok, cand = 0, False, -1
                i += 3
                continue
            if c == "%" and not flow:
                i = _TO_BREAK.match(text, i).end()  # type: ignore[union-attr]
                continue
        # -- to the next token (libyaml: scan_to_next_token) -------------------------------------
        if c == " ":
            i = _SPACES.match(text, i).end()  # type: ignore[union-attr]
            continue
        if c == "\ufeff" and i == 0:
            i += 1
            continue
        if c == "\t":
            if flow or not simple_ok:
                i += 1
                continue
            return deepest, None  # a tab where a token could start: libyaml stops here
        if c == "#":
            i = _TO_BREAK.match(text, i).end()  # type: ignore[union-attr]
            continue
        if c in _BREAKS:
            i += _break_len(text, i)
            line, line_start = line + 1, i
            if not flow:
                simple_ok, cand = True, -1
            continue
        col = i - line_start
        if not flow:
            while cols and cols[-1] > col:  # libyaml: unroll_indent(column)
                cols.pop()
                seqs.pop()
                block -= 1 + extra.pop()
        nxt = text[i + 1] if i + 1 < n else " "
        where: tuple[int, int] | None = None
        # -- the token --------------------------------------------------------------------------
        if c in "[{":
            if not flow and simple_ok:
                cand, cand_peak = i, block
            flow += 1
            brackets.append(c)
            pairs.append(False)
            where = opened(col)
            entry_peak.append(block + flow + npairs)
            simple_ok = True
            i += 1
        elif c in "]}":
            if not flow:
                return deepest, None
            flow -= 1
            brackets.pop()
            npairs -= pairs.pop()
            peak = entry_peak.pop()
            if entry_peak:
                entry_peak[-1] = max(entry_peak[-1], peak)
            simple_ok = False
            i += 1
        elif c == ",":
            if not flow:
                return deepest, None
            if pairs[-1]:
                pairs[-1] = False
                npairs -= 1
            entry_peak[-1] = block + flow + npairs
            simple_ok = True
            i += 1
        elif c == "-" and nxt in _BLANKZ and flow:
            simple_ok = True  # libyaml leaves this error to the parser
            i += 1
        elif c == "-" and nxt in _BLANKZ:
            if not simple_ok:
                return deepest, None
            if not cols or col > cols[-1]:
                where = push(col, True)
            elif not seqs[-1] and not extra[-1]:
                extra[-1] = 1
                block += 1
                where = opened(col)
            simple_ok, cand = True, -1
            i += 1
        elif c == "?" and (flow or nxt in _BLANKZ):
            if not flow:
                if not simple_ok:
                    return deepest, None
                if not cols or col > cols[-1]:
                    where = push(col, False)
                cand = -1
            elif brackets[-1] == "[" and not pairs[-1]:
                pairs[-1] = True
                npairs += 1
                where = opened(col)
            simple_ok = True
            i += 1
        elif c == ":" and (flow or nxt in _BLANKZ):
            if not flow:
                if cand >= 0 and i - cand <= 1024:
                    key_col, simple_ok = cand - line_start, False
                elif simple_ok:
                    key_col, cand_peak = col, block
                else:
                    return deepest, None
                peak, cand = cand_peak, -1
                if not cols or key_col > cols[-1]:
                    where = push(key_col, False) or deeper(peak + 1, key_col)
            else:
                if brackets[-1] == "[" and not pairs[-1]:
                    peak = entry_peak[-1]
                    pairs[-1] = True
                    npairs += 1
                    where = opened(col) or deeper(peak + 1, col)
                simple_ok = False
            i += 1
        elif c in "&*!":
            if not flow and simple_ok:
                cand, cand_peak = i, block
            simple_ok = False
            i += 1
            if c == "!":
                while i < n and text[i] not in _BLANKZ:
                    i += 1
            else:
                while i < n and (text[i].isascii() and (text[i].isalnum() or text[i] in "-_")):
                    i += 1
        elif c in "|>":
            if flow:
                return deepest, None
            i += 1
            explicit = 0
            while i < n and text[i] in "+-123456789":
                if text[i] != "+" and text[i] != "-":
                    explicit = int(text[i])
                i += 1
            while i < n and text[i] in " \t":
                i += 1
            if i < n and text[i] == "#":
                i = _TO_BREAK.match(text, i).end()  # type: ignore[union-attr]
            if i < n and text[i] not in _BREAKS:
                return deepest, None
            parent = cols[-1] if cols else -1
            indent = (parent + explicit if parent >= 0 else explicit) if explicit else 0
            widest = 0
            # the lines of the scalar: blank ones, and those indented by at least ``indent``
            while i < n:
                start = i + _break_len(text, i)
                j = _SPACES.match(text, start).end()  # type: ignore[union-attr]
                line, line_start = line + 1, start
                if j < n and text[j] in _BREAKS:
                    widest = max(widest, j - start)
                    i = j
                    continue
                if not indent:
                    indent = max(j - start, widest, parent + 1, 1)
                if j >= n or j - start < indent:
                    i = start if j < n else n
                    break
                i = _TO_BREAK.match(text, j).end()  # type: ignore[union-attr]
            simple_ok, cand = True, -1
        elif c in "\"'":
            if not flow and simple_ok:
                cand, cand_peak = i, block
            simple_ok = False
            quoted = (_DOUBLE_QUOTED if c == '"' else _SINGLE_QUOTED).match(text, i + 1)
            if quoted is None:
                return deepest, None  # unterminated: libyaml stops here
            for crlf in _LINE_BREAK.finditer(text, i + 1, quoted.end()):
                line, line_start = line + 1, crlf.end()
            i = quoted.end()
        elif c in "%@`":
            return deepest, None
        else:  # a plain scalar, perhaps over several lines
            if not flow and simple_ok:
                cand, cand_peak = i, block
            simple_ok = False
            minimum = (cols[-1] if cols else -1) + 1
            after_break = False
            while True:
                if i < n and text[i] == "#":
                    break
                if (
                    i == line_start
                    and text.startswith(_MARKERS, i)
                    and (i + 3 >= n or text[i + 3] in _BLANKZ)
                ):
                    break
                after_break = False
                i = (_FLOW_RUN if flow else _PLAIN_RUN).match(text, i).end()  # type: ignore[union-attr]
                if i >= n:
                    break
                if text[i] not in _BLANKZ:  # ':' + blank, or (flow) ',[]{}' end the scalar
                    if flow and text[i] == ":" and i + 1 < n and text[i + 1] not in _BLANKZ:
                        return deepest, None  # libyaml: "found unexpected ':'"
                    break
                while i < n and text[i] in _BLANKZ:
                    if text[i] in _BREAKS:
                        i += _break_len(text, i)
                        line, line_start = line + 1, i
                        after_break = True
                    elif text[i] == "\t" and after_break and not flow and i - line_start < minimum:
                        return deepest, None  # libyaml: a tab that violates indentation
                    else:
                        i += 1
                if after_break:
                    cand = -1
                    if not flow and i - line_start < minimum:
                        break
                if i >= n:
                    break
            if after_break and not flow:
                simple_ok = True
        if where is not None:
            return deepest, where
    return deepest, None


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
    """Every document of ``text`` as plain data, plus the findings that stopped any of them."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if _crude_depth(text) > MAX_DEPTH + 1:  # else surely shallow: no need to look closer
        _, too_deep = nesting_scan(text, MAX_DEPTH)
        if too_deep is not None:  # refused before any parser sees the text
            return [], [_depth_finding(file, *too_deep)]
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
        source = Source(file)
        try:
            data = _convert(node, (), source, set(), 0)
        except _Refused as refused:
            findings.append(refused.finding)
        else:
            line = node.start_mark.line + 1
            documents.append(Document(data, source, index, line))
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
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        problem += " (a tab: YAML indents with spaces only)"
    return file_finding("MOC002", f"YAML syntax error: {problem}", file, line, column)


def _position(node: Any) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: Any, path: Path_, source: Source, seen: set[int], depth: int) -> Any:
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
    if tag not in _ALLOWED_TAGS:
        shown = tag.replace(_TAG, "!!") if tag.startswith(_TAG) else tag
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
        return _scalar(tag, node.value)
    if node.id == "sequence":
        items = []
        for index, item in enumerate(node.value):
            source.keys[(*path, index)] = _position(item)
            items.append(_convert(item, (*path, index), source, seen, depth + 1))
        return items
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_pos = _position(key_node)
        if key_node.id != "scalar" or key_node.tag not in _SCALAR_TAGS:
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


def _scalar(tag: str, value: str) -> Any:
    """The plain value of a resolved YAML 1.2 scalar; timestamps stay as their text."""
    kind = tag[len(_TAG) :]
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
