"""Turn pydantic validation errors into findings at the YAML position of the offending part."""

from __future__ import annotations

import difflib
from functools import cache
from typing import TYPE_CHECKING, Any

from mocctl.findings import Finding, Source

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError
    from pydantic_core import ErrorDetails

_DATE_ERRORS = {"moc_date", "moc_instant"}
_MISSING = {"missing", "union_tag_not_found"}


def findings_for(error: ValidationError, data: Any, source: Source, kind: str) -> list[Finding]:
    """One finding per problem pydantic reports, positioned through ``source``."""
    details = error.errors(include_url=False)
    findings = []
    for detail in details:
        if _cascaded(detail, details):
            continue
        path = real_path(data, detail["loc"])
        findings.append(_finding(detail, path, source, kind))
    return findings


def _cascaded(detail: ErrorDetails, details: list[ErrorDetails]) -> bool:
    """A "too few items" error caused only by its items' own errors (reported already)."""
    if detail["type"] != "too_short":
        return False
    loc = detail["loc"]
    return any(
        len(other["loc"]) > len(loc) and other["loc"][: len(loc)] == loc for other in details
    )


def real_path(data: Any, loc: tuple[int | str, ...]) -> tuple[str | int, ...]:
    """``loc`` with pydantic's union-tag segments dropped, so it names keys and indexes."""
    path: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        child = _child(node, part)
        if child is not _ABSENT:
            node = child
        elif not (index == len(loc) - 1 and isinstance(node, dict)):
            continue  # a union tag such as 'add_area' or 'function-after[...]'
        # else: a missing key: the path names it, positions fall back to its parent
        path.append(part)
    return tuple(path)


_ABSENT = object()


def _child(node: Any, part: int | str) -> Any:
    if isinstance(node, dict):
        return node.get(part, _ABSENT)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return _ABSENT


def dotted(path: tuple[str | int, ...]) -> str:
    """``changes[1].area.id`` for ``('changes', 1, 'area', 'id')``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _finding(
    detail: ErrorDetails, path: tuple[str | int, ...], source: Source, kind: str
) -> Finding:
    kind_ = detail["type"]
    where = dotted(path) or kind
    value = detail.get("input")
    if kind_ == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        parent = dotted(path[:-1])
        message = f"unknown key '{key}'" + (f" in {parent}" if parent else f" in a {kind}")
        close = difflib.get_close_matches(key, _candidates(key, kind, len(path)), n=1, cutoff=0.75)
        hint = f"did you mean '{close[0]}'?" if close else "see docs/records.md for the keys"
        return source.finding("MOC103", message, *path, at_key=True, hint=hint)
    if kind_ in _MISSING:
        if kind_ == "union_tag_not_found":
            return source.finding(
                "MOC104",
                f"{where}: required key 'op' is missing",
                *path,
                hint="name the change, e.g. op: add_area",
            )
        parent = dotted(path[:-1])
        message = f"required key '{path[-1]}' is missing" + (f" in {parent}" if parent else "")
        return source.finding("MOC104", message, *path[:-1])
    if kind_ in _DATE_ERRORS:
        return source.finding(
            "MOC106",
            f"{where}: {detail['msg']}",
            *path,
            hint="write dates as YYYY-MM-DD, instants with an offset",
        )
    if kind_.endswith("_type"):
        return source.finding(
            "MOC105",
            f"{where}: {_type_message(kind_, value)}",
            *path,
            hint=_type_hint(kind_, value),
        )
    if kind_ == "union_tag_invalid":
        context = detail.get("ctx") or {}
        key = str(context.get("discriminator", "op")).strip("'")
        return source.finding(
            "MOC107",
            f"{where}: unknown {key} '{context.get('tag')}'; expected "
            f"one of {context.get('expected_tags')}",
            *path,
            key,
        )
    if kind_ == "too_short":
        least = (detail.get("ctx") or {}).get("min_length", 1)
        return source.finding(
            "MOC107", f"{where}: needs at least {least} item{'' if least == 1 else 's'}", *path
        )
    if kind_ == "literal_error":
        expected = (detail.get("ctx") or {}).get("expected", "")
        return source.finding(
            "MOC107", f"{where}: {_describe(value)} is not allowed here; expected {expected}", *path
        )
    return source.finding("MOC107", f"{where}: {_plain(detail['msg'])}", *path)


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "float_type": "a number",
    "dict_type": "a mapping of keys and values",
    "model_type": "a mapping of keys and values",
    "model_attributes_type": "a mapping of keys and values",
    "list_type": "a list",
    "tuple_type": "a list",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _type_message(kind: str, value: Any) -> str:
    return f"expected {_EXPECTED.get(kind, kind.removesuffix('_type'))}, got {_describe(value)}"


def _type_hint(kind: str, value: Any) -> str | None:
    if kind == "string_type" and isinstance(value, bool | int | float):
        return "put the value in quotes so that YAML reads it as text"
    if kind == "bool_type" and isinstance(value, str):
        return "write true or false (YAML 1.2 reads yes/no/on/off as text)"
    if kind == "int_type" and isinstance(value, str):
        return "write the number without quotes"
    if kind in ("tuple_type", "list_type"):
        return "write a list: [a, b] or one '- item' per line"
    return None


def _plain(message: str) -> str:
    return message.replace("String should match pattern", "should match the pattern")


def _candidates(key: str, kind: str, depth: int) -> tuple[str, ...]:
    """The keys a misspelt ``key`` may stand for: the record's own at the top (else any known
    key), never ``key`` itself (`consent` is a key of the terms, not of a Modification)."""
    from mocctl.model.records import MODELS

    model = MODELS.get(kind)
    if depth == 1 and model is not None:
        names = tuple(field.alias or name for name, field in model.model_fields.items())
    else:
        names = known_keys()
    return tuple(name for name in names if name != key)


@cache
def known_keys() -> tuple[str, ...]:
    """Every key the record format knows, for "did you mean" hints."""
    from mocctl.model import records as models

    keys: set[str] = set()
    for model in _all_models(models.Record, models):
        for name, field in model.model_fields.items():
            keys.add(field.alias or name)
    return tuple(sorted(keys))


def _all_models(base: type[BaseModel], module: Any) -> set[type[BaseModel]]:
    from pydantic import BaseModel

    return {
        obj
        for obj in vars(module).values()
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel
    }
