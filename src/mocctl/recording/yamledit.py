"""In-place edits of a YAML file that leave every byte outside the edited node as it was.

ruamel.yaml's round-trip dumper keeps comments, but re-emits the whole file, so quoting, folded
scalars, spacing and indentation can move (engineering notes §F.3). Here the file is composed with
ruamel.yaml to find each node's exact place, and the change is spliced into the original text:
one item appended to a list, one value set or a key inserted after another, one key removed.
Every edit is checked afterwards: the edited file is parsed again and its data must be the old
data with exactly this change, else nothing is written (:class:`EditError`).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["EditError", "YamlFile", "flow", "scalar"]

Value = Any  # str | date | datetime | bool | int | list | dict


class EditError(Exception):
    """The edit cannot be made in place (an unusual layout); the message says why."""


_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ._/()'-]*[A-Za-z0-9.)]$|^[A-Za-z]$")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def scalar(value: Value) -> str:
    """``value`` as a YAML scalar that reads back as the same text (dates unquoted)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def flow(value: Value) -> str:
    """``value`` in flow style: ``{side: UK, date: 2026-03-05}``, ``[JP, UK]``, a scalar."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def plain(value: Value) -> Value:
    """``value`` as the loader's plain data holds it (dates as text)."""
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


@dataclass
class _Doc:
    node: Any  # a ruamel MappingNode


class YamlFile:
    """The text of one record file, edited in place one change at a time."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name

    # -- reading -------------------------------------------------------------------------------

    def _documents(self) -> list[Any]:
        from ruamel.yaml import YAML

        try:
            return list(YAML(typ="safe", pure=True).compose_all(self.text))
        except Exception as error:  # ruamel's errors
            raise EditError(f"{self.name} cannot be read as YAML: {error}") from None

    def _data(self) -> list[Any]:
        from mocctl.io.yamlio import parse

        documents, problems = parse(self.text, self.name)
        if problems:
            raise EditError(f"{self.name}: {problems[0].message}")
        return [d.data for d in documents]

    def _document(self, record_id: str) -> tuple[int, Any]:
        for index, node in enumerate(self._documents()):
            if node is None or type(node).__name__ != "MappingNode":
                continue
            for key, value in node.value:
                if key.value == "id" and getattr(value, "value", None) == record_id:
                    return index, node
        raise EditError(f"no record '{record_id}' in {self.name}")

    @staticmethod
    def _child(node: Any, key: str) -> tuple[Any, Any] | None:
        for k, v in node.value:
            if k.value == key:
                return k, v
        return None

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _after_line(self, line: int) -> int:
        """The index just after line ``line`` (0-based), its newline included."""
        lines = self.text.splitlines(keepends=True)
        return sum(len(part) for part in lines[: line + 1])

    def _last_line(self, node: Any) -> int:
        """The last line (0-based) that holds ``node``'s own text (not trailing comments)."""
        mark = node.end_mark
        line = int(mark.line if mark.column > 0 else mark.line - 1)
        lines = self.text.splitlines()
        while line > node.start_mark.line and (
            line >= len(lines) or not lines[line].strip() or lines[line].lstrip().startswith("#")
        ):
            line -= 1
        return line

    def _ensure_newline(self, at: int) -> tuple[int, str]:
        """Insert point ``at``; a newline to prepend if the text there does not end a line."""
        if at > 0 and self.text[at - 1] != "\n":
            return at, "\n"
        return at, ""

    # -- edits -------------------------------------------------------------------------------

    def _apply(
        self, record_id: str, new_text: str, mutate: Callable[[dict[str, Any]], None]
    ) -> None:
        """Take ``new_text`` if its data is the old data with ``mutate`` applied to the record."""
        index, _ = self._document(record_id)
        expected = copy.deepcopy(self._data())
        mutate(expected[index])
        old = self.text
        self.text = new_text
        try:
            actual = self._data()
        except EditError:
            self.text = old
            raise EditError(
                f"the edit of {self.name} would not read back; nothing was written"
            ) from None
        if actual != expected:
            self.text = old
            raise EditError(
                f"the edit of {self.name} would change more than asked (an unusual layout); "
                "nothing was written"
            )

    def append(self, record_id: str, key: str, item: Value, *, after: Sequence[str] = ()) -> None:
        """Append ``item`` to the list at ``key`` of the record (creating the key if needed,
        after the first of ``after`` that exists, else at the end of the record)."""
        _, node = self._document(record_id)
        found = self._child(node, key)

        def mutate(data: dict[str, Any]) -> None:
            data.setdefault(key, [])
            if data[key] is None:
                data[key] = []
            data[key].append(plain(item))

        if found is None or (
            type(found[1]).__name__ == "ScalarNode" and found[1].value in ("", "~", "null")
        ):
            if found is not None:
                raise EditError(f"`{key}` of '{record_id}' is empty; write `{key}: []` first")
            self._insert_key(record_id, node, key, None, after, item, mutate)
            return
        seq = found[1]
        if type(seq).__name__ != "SequenceNode":
            raise EditError(f"`{key}` of '{record_id}' in {self.name} is not a list")
        if seq.flow_style:  # [a, b] → [a, b, item]; [] → [item]
            if seq.value:
                at, text = seq.value[-1].end_mark.index, ", " + flow(item)
            else:
                at, text = seq.start_mark.index + 1, flow(item)
            self._apply(record_id, self.text[:at] + text + self.text[at:], mutate)
            return
        first, last = seq.value[0], seq.value[-1]
        line_text = self.text[self._line_start(first.start_mark.index) : first.start_mark.index]
        match = re.match(r"^(\s*)-(\s+)$", line_text)
        if match is None:
            raise EditError(f"`{key}` of '{record_id}' in {self.name}: unexpected layout")
        dash = match.group(1) + "-" + match.group(2)
        if (
            isinstance(item, Mapping)
            and type(last).__name__ == "MappingNode"
            and not (last.flow_style)
        ):
            pad = " " * len(dash)
            lines = [f"{k}: {flow(v)}" for k, v in item.items()]
            entry = dash + lines[0] + "".join(f"\n{pad}{line}" for line in lines[1:]) + "\n"
        else:
            entry = dash + flow(item) + "\n"
        at, newline = self._ensure_newline(self._after_line(self._last_line(last)))
        self._apply(record_id, self.text[:at] + newline + entry + self.text[at:], mutate)

    def set(self, record_id: str, key: str, value: Value, *, after: Sequence[str] = ()) -> None:
        """Set the scalar at ``key`` of the record (inserting the key after the first of
        ``after`` that exists, else at the end)."""
        _, node = self._document(record_id)
        found = self._child(node, key)

        def mutate(data: dict[str, Any]) -> None:
            data[key] = plain(value)

        if found is None:
            self._insert_key(record_id, node, key, value, after, None, mutate)
            return
        old = found[1]
        if type(old).__name__ != "ScalarNode":
            raise EditError(f"`{key}` of '{record_id}' in {self.name} is not a single value")
        start, end = old.start_mark.index, old.end_mark.index
        self._apply(record_id, self.text[:start] + flow(value) + self.text[end:], mutate)

    def delete(self, record_id: str, key: str) -> None:
        """Remove the line(s) of ``key`` from the record."""
        _, node = self._document(record_id)
        found = self._child(node, key)
        if found is None:
            return
        k, v = found
        start = self._line_start(k.start_mark.index)
        if self.text[start : k.start_mark.index].strip():
            raise EditError(f"`{key}` of '{record_id}' in {self.name}: unexpected layout")
        end = self._after_line(
            self._last_line(v) if v.end_mark.line > k.start_mark.line else k.start_mark.line
        )

        def mutate(data: dict[str, Any]) -> None:
            data.pop(key, None)

        self._apply(record_id, self.text[:start] + self.text[end:], mutate)

    def _insert_key(
        self,
        record_id: str,
        node: Any,
        key: str,
        value: Value,
        after: Sequence[str],
        item: Value,
        mutate: Callable[[dict[str, Any]], None],
    ) -> None:
        if node.flow_style:
            raise EditError(f"'{record_id}' in {self.name} is written in flow style")
        anchor = next((found for name in after if (found := self._child(node, name))), None)
        anchor_value = anchor[1] if anchor else node.value[-1][1]
        indent = " " * node.value[0][0].start_mark.column
        if item is None:
            entry = f"{indent}{key}: {flow(value)}\n"
        else:
            entry = f"{indent}{key}:\n{indent}  - {flow(item)}\n"
        last = self._skip_loose_comments(self._last_line(anchor_value))
        at, newline = self._ensure_newline(self._after_line(last))
        self._apply(record_id, self.text[:at] + newline + entry + self.text[at:], mutate)

    def _skip_loose_comments(self, line: int) -> int:
        """``line``, or the last line of the comment paragraphs that follow it and stand apart
        (a blank line after them): they are about what comes next, such as the new key."""
        lines = self.text.splitlines()
        i, best = line + 1, line
        while True:
            while i < len(lines) and not lines[i].strip():
                i += 1
            start = i
            while i < len(lines) and lines[i].lstrip().startswith("#"):
                i += 1
            if i == start or i >= len(lines) or lines[i].strip():
                return best
            best = i - 1
