"""Keep checking what can be checked: the valid parts of a record with schema errors.

A record that does not validate is reported (MOC1xx) where it is wrong. So that one mistake
does not hide every other finding, :func:`salvage` drops the invalid parts (an unknown key, a
field that has a default, one item of ``documents``) and validates what is left; the record
that results is used by the cross-record checks, its source marked as a :class:`SalvagedSource`.
Its findings were already reported, so nothing here adds one.

A record that cannot be salvaged (a required field is wrong) is dropped, but what it would
have made known — its id, the areas and text sections it adds (:func:`named_by`) — goes into
the memorandum's :class:`Shadow` (``MemorandumRecords.shadow``), so that the checks do not report
a reference to it as unknown: that finding would only be a consequence of the schema error.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mocctl.findings import Source

if TYPE_CHECKING:
    from pydantic import ValidationError

    from mocctl.model.records import Record

# Never dropped: without them the record is not what it says it is (a draft would count).
_FIXED = frozenset({"apiVersion", "kind", "id", "draft"})
# Lists whose items are independent: one bad item is dropped, the others kept.
_ITEMS = frozenset({"documents", "accepted", "references"})
# Keys whose loss changes no rule's result (the schema finding says what is wrong with them).
_INERT = frozenset(
    {"note", "documents", "accepted", "references", "legally_binding", "originals", "reference"}
)
_ROUNDS = 32

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class SalvagedSource(Source):
    """The source of a record kept without its invalid parts.

    ``dropped``: the parts left out (dotted key paths); ``lossy``: whether a part that a rule
    reads was left out (or a misspelt key read as the key it is close to), so that the rules'
    results about this record may be consequences of its schema errors.
    """

    dropped: tuple[str, ...] = ()
    lossy: bool = False


def salvage(
    model: type[Record], data: dict[str, Any], error: ValidationError, source: Source
) -> Record | None:
    """``data`` without its invalid parts, validated as ``model``, or None when not possible."""
    from pydantic import ValidationError

    from mocctl.model.errors import dotted, real_path

    work = copy.deepcopy(data)
    keys, values = dict(source.keys), dict(source.values)
    tried: list[Path_] = []
    dropped: list[str] = []
    lossy = False
    current = error
    for _ in range(_ROUNDS):
        detail = current.errors(include_url=False)[0]
        path = real_path(work, detail["loc"])
        extra = detail["type"] == "extra_forbidden"
        target = path[:-1] if detail["type"] == "missing" else path
        if not target or str(target[0]) in _FIXED or target in tried:
            return None
        if str(target[0]) in _ITEMS and len(target) > 2:
            target = target[:2]  # the whole item
        tried.append(target)
        parent = _node(work, target[:-1])
        if extra and _rename(parent, target, _keys_of(model, target), (keys, values)):
            # a misspelt key, read as the key it is close to (MOC103 says which): a guess, so
            # the rules' findings about this record are not reported (they may rest on it)
            lossy = True
        elif isinstance(parent, dict) and target[-1] in parent:
            del parent[target[-1]]
            dropped.append(dotted(target))
            lossy = lossy or not (extra or str(target[0]) in _INERT)
        elif isinstance(parent, list) and isinstance(target[-1], int):
            del parent[target[-1]]
            dropped.append(dotted(target))
            lossy = lossy or str(target[0]) not in _INERT
            for table in (keys, values):  # the items after it move up: so do their positions
                _shift(table, target)
        else:
            return None
        try:
            record = model.model_validate(work)
        except ValidationError as again:
            current = again
            continue
        marked = SalvagedSource(source.file, keys, values, dropped=tuple(dropped), lossy=lossy)
        return record.located(marked)
    return None


def _node(data: Any, path: Path_) -> Any:
    node = data
    for part in path:
        if isinstance(node, dict) and part in node:
            node = node[part]
            continue
        if not (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            return None
        node = node[part]
    return node


def _keys_of(model: type[Record], target: Path_) -> tuple[str, ...]:
    """The keys that may stand where ``target`` is: the record's own, or any known one."""
    from mocctl.model.errors import known_keys

    if len(target) == 1:
        return tuple(field.alias or name for name, field in model.model_fields.items())
    return known_keys()


def _rename(
    parent: Any, target: Path_, known: tuple[str, ...], tables: tuple[dict[Path_, Any], ...]
) -> bool:
    """Rename a misspelt key to the known key it is close to, when that one is absent."""
    import difflib

    if not isinstance(parent, dict):
        return False
    key = target[-1]
    known = tuple(name for name in known if name not in parent)
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.75)
    if not close or close[0] in parent:
        return False
    parent[close[0]] = parent.pop(key)
    renamed = (*target[:-1], close[0])
    for table in tables:
        for path in [path for path in table if path[: len(target)] == target]:
            table[renamed + path[len(target) :]] = table.pop(path)
    return True


def _shift(table: dict[Path_, Any], item: Path_) -> None:
    """Positions below the list of ``item`` as they are once ``item`` is removed from it."""
    depth, index = len(item) - 1, item[-1]
    assert isinstance(index, int)
    moved: dict[Path_, Any] = {}
    for path in list(table):
        if len(path) > depth and path[:depth] == item[:depth] and isinstance(path[depth], int):
            at = path[depth]
            assert isinstance(at, int)
            position = table.pop(path)
            if at > index:
                moved[(*path[:depth], at - 1, *path[depth + 1 :])] = position
    table.update(moved)


@dataclass(frozen=True)
class Shadow:
    """What records that could not be read would have made known (ids, areas, sections): a
    reference to them is then no finding of its own, only a consequence of their schema error.
    One per memorandum (``MemorandumRecords.shadow``), built by the loader with
    :func:`named_by`."""

    ids: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()
    sections: frozenset[str] = frozenset()

    def __or__(self, other: Shadow) -> Shadow:
        return Shadow(
            self.ids | other.ids, self.areas | other.areas, self.sections | other.sections
        )

    @staticmethod
    def of(shadows: Iterable[Shadow]) -> Shadow:
        """Everything that ``shadows`` make known, together."""
        found = Shadow()
        for shadow in shadows:
            found |= shadow
        return found


def named_by(data: dict[str, Any]) -> Shadow:
    """What the record ``data`` (with schema errors) names: its id, the areas it adds and the
    sections it inserts."""
    ids = {data["id"]} if isinstance(data.get("id"), str) else set()
    areas: set[str] = set()
    sections: set[str] = set()
    for key in ("changes", "decides"):
        items = data.get(key)
        for item in items if isinstance(items, list) else ():
            if not isinstance(item, dict):
                continue
            area = item.get("area")
            if item.get("op") == "add_area" and isinstance(area, dict) and area.get("id"):
                areas.add(str(area["id"]))
            if item.get("op") == "insert_text" and isinstance(item.get("section"), str):
                sections.add(item["section"])
    return Shadow(frozenset(ids), frozenset(areas), frozenset(sections))
