"""``status`` at 60, 80 and 120 columns: no id, date or state is ever cut (tables fall back to
lists when they would not fit). The records are the FICTIONAL examples under examples/."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("columns", ["60", "80", "120"])
@pytest.mark.parametrize(
    "example", ["revoked-then-discontinued", "six-months-modification", "notice-across-time-zones"]
)
def test_every_id_date_and_state_is_whole(
    run: Callable[..., Result], example: str, columns: str
) -> None:
    args = ("--records", str(EXAMPLES / example), "status", "--as-of", "2027-03-01")
    data = json.loads(run(*args, "-f", "json").stdout)
    text = run(*args, env={"COLUMNS": columns}).stdout
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= int(columns)
    flat = " ".join(line.strip("│ ") for line in lines)
    wanted = {data["id"], data["state"].replace("_", " ").split()[0]}
    for key in ("notices", "modifications", "decisions", "activities"):
        for item in data[key]:
            wanted.add(item["id"])
            shown = ("received", "effective", "start", "end")
            wanted |= {
                str(item[k]) for k in shown if item.get(k) and item.get("standing") != "void"
            }
    for name, rule in data["discontinuation"]["rules"].items():
        wanted |= {name, rule["last_day"], rule["effective"]}
    missing = sorted(
        w for w in wanted if not re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", flat)
    )
    assert not missing, (columns, missing, text)
