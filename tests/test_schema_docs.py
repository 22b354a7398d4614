"""Every key of every record kind has a description in the JSON Schema, for editors' hover."""

from __future__ import annotations

from typing import Any

import pytest

from mocctl.model.schema import all_schemas


def undescribed(node: Any, where: str = "") -> list[str]:
    """The properties without a description below ``node`` (an ``if`` is a condition: skipped)."""
    found: list[str] = []
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            if isinstance(sub, dict) and "description" not in sub:
                found.append(f"{where}.{name}")
        for key, sub in node.items():
            if key != "if":
                found += undescribed(sub, f"{where}.{key}" if where else key)
    elif isinstance(node, list):
        for sub in node:
            found += undescribed(sub, where)
    return found


@pytest.mark.parametrize("name", sorted(all_schemas()))
def test_every_property_is_described(name: str) -> None:
    assert undescribed(all_schemas()[name]) == []


def test_the_check_finds_a_property_without_a_description() -> None:
    assert undescribed({"properties": {"a": {"type": "string"}}}) == [".a"]
