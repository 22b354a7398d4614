"""``timeline`` at 60, 80 and 120 columns (issue 9): no date, record id, kind of event or word
of a description is ever cut or folded; a table when they fit whole, else a list. The records
are the embedded Japan–UK memorandum and the FICTIONAL examples under examples/."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Run = Callable[..., Result]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
RECORDS = [
    (),
    ("--records", str(EXAMPLES / "revoked-then-discontinued")),
    ("--records", str(EXAMPLES / "five-year-term-renewing")),
]


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("records", RECORDS, ids=["default", "revoked", "five-year-term"])
def test_every_date_id_and_word_is_whole(run: Run, records: tuple[str, ...], columns: int) -> None:
    args = (*records, "timeline", "--as-of", "2027-03-01")
    data = json.loads(run(*args, "-f", "json").stdout)
    result = run(*args, env={"COLUMNS": str(columns)})
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    flat = " ".join(line.strip("│ ") for line in lines)
    wanted = set()
    for event in data["events"]:
        wanted |= {event["date"], event["record"], event["kind"], *event["description"].split()}
    missing = sorted(
        w for w in wanted if not re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", flat)
    )
    assert not missing, (columns, missing, result.stdout)


def test_a_table_when_it_fits_and_a_list_when_it_does_not(run: Run) -> None:
    args = ("--records", str(EXAMPLES / "revoked-then-discontinued"), "timeline")
    wide = run(*args, "--as-of", "2027-03-01", env={"COLUMNS": "120"}).stdout
    narrow = run(*args, "--as-of", "2027-03-01", env={"COLUMNS": "80"}).stdout
    assert "┃ date" in wide and "├" in wide  # the rule between past and scheduled
    assert "┃" not in narrow
    assert "2026-07-15 ✓ revocation: uk-revocation-2026\n    UK revokes" in narrow
    assert "  — after 2027-03-01 —\n2027-04-29 … notice period ends" in narrow
