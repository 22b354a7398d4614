"""``period`` at 60, 80 and 120 columns (issue 9): no rule's name and no date is ever cut; the
rules are a table when they fit whole, else a list. The records are the embedded Japan–UK
memorandum and the FICTIONAL examples under examples/."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from mocctl.core.periods import RULES

Run = Callable[..., Result]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CASES = {
    "forward": ("2027-02-28",),
    "one rule": ("2027-02-28", "--rule", "jp-civil-code"),
    "instant": ("2027-01-10T16:30:00+00:00",),
    "target": ("--target", "2027-06-01"),
    "six months": ("--records", str(EXAMPLES / "six-months-modification"), "2027-02-28"),
}


def _dates(data: Any) -> set[str]:
    """Every date (YYYY-MM-DD) in a part of the JSON answer."""
    if isinstance(data, dict):
        return {d for v in data.values() for d in _dates(v)}
    if isinstance(data, list):
        return {d for v in data for d in _dates(v)}
    return set(re.findall(r"\d{4}-\d{2}-\d{2}", data)) if isinstance(data, str) else set()


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("case", list(CASES))
def test_every_rule_and_date_is_whole(run: Run, case: str, columns: int) -> None:
    args = CASES[case]
    data = json.loads(run("period", *args, "-f", "json").stdout)
    result = run("period", *args, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert "…" not in result.stdout  # nothing cut short
    flat = " ".join(line.strip("│ ") for line in lines)
    rules = ["jp-civil-code"] if "--rule" in args else list(RULES)
    # the rules' dates, as the table or the list shows them (the day of receipt is written out)
    parts = ("rules", "safe_harbour", "latest_received")
    wanted = set(rules) | _dates([data.get(part) for part in parts])
    missing = sorted(
        w for w in wanted if not re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", flat)
    )
    assert not missing, (columns, missing, result.stdout)


def test_a_table_when_it_fits_and_a_list_when_it_does_not(run: Run) -> None:
    wide = run("period", "2027-02-28", env={"COLUMNS": "80"}).stdout
    narrow = run("period", "2027-02-28", env={"COLUMNS": "60"}).stdout
    assert "┃ Rule" in wide and "Reflects" in wide
    assert "┃" not in narrow
    assert "safe-harbour (applies): notice period ends Mon 2027-05-31;" in narrow
    assert "  (English law; EU Reg 1182/71)" in narrow
