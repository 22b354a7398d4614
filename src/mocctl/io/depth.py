"""How deep a YAML text nests, found before any parser sees it (SPEC §5).

libyaml recurses once per level of nesting and crashes the process (SIGSEGV) well before Python's
own limits, so a text nested deeper than the limit must be refused *before* it is parsed. The scan
follows libyaml's tokenizer closely enough (quotes, comments, plain and block scalars, tags, flow
and block context) never to find less nesting than libyaml would; a cheap bound skips it for
ordinary records."""

from __future__ import annotations

import re

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


def crude_depth(text: str) -> int:
    """A bound on the nesting of ``text`` that is cheap and safe, but far from tight.

    Block collections nest at strictly increasing columns (a sequence at its mapping's column
    adds one more), and each starts where a line's indicators end; flow collections need a
    bracket each, and at most two more levels each (a ``[a: b]`` pair, a mapping around a key).
    """
    if any(brk in text for brk in _B if brk != "\n"):
        prefix = max((len(m) for m in _LINE_PREFIX.findall(text)), default=0)
    else:  # "\n" is the only line break (nearly every file): the same, six times as fast
        prefix = max([len(line) - len(line.lstrip(" \t?:-")) for line in text.split("\n")])
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
