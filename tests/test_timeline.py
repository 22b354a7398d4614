"""``mocctl timeline`` on the fictional example with a revoked notice and a later one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "revoked-then-discontinued"


def test_timeline_json_orders_past_and_scheduled(run: Callable[..., Result]) -> None:
    result = run("--records", str(EXAMPLE), "timeline", "--as-of", "2027-03-01", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    events = [(e["date"], e["kind"], e["record"], e["when"]) for e in data["events"]]
    assert events[:3] == [
        ("2025-04-28", "signature", "jp-uk-quantum-2025", "past"),
        ("2025-04-28", "signature", "jp-uk-quantum-2025", "past"),
        ("2025-04-28", "commencement", "jp-uk-quantum-2025", "past"),
    ]
    assert ("2026-09-02", "discontinuation", "uk-discontinuation-2026", "past") in events
    revoked = next(e for e in data["events"] if e["date"] == "2026-09-02")
    assert "revoked by uk-revocation-2026" in revoked["description"]
    # The later notice names 30 June 2027, later than the period allows: that date applies.
    assert ("2027-06-30", "discontinuation", "jp-discontinuation-2027", "scheduled") in events
    assert ("2027-09-30", "activity ends", "sensing-workshops", "scheduled") in events
    assert [e[0] for e in events] == sorted(e[0] for e in events)


def test_timeline_text(run: Callable[..., Result]) -> None:
    result = run(
        "--records", str(EXAMPLE), "timeline", "--as-of", "2027-03-01", env={"COLUMNS": "160"}
    )
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("│ 20")]
    marks = {(row.split("│")[1].strip(), row.split("│")[4].strip()): row.split("│")[2].strip()
             for row in rows}  # fmt: skip
    # The revoked notice and its dates are struck out (✗), never shown as effects that happened.
    assert marks[("2026-06-01", "uk-discontinuation-2026")] == "✗"
    assert marks[("2026-09-02", "uk-discontinuation-2026")] == "✗"
    assert marks[("2026-07-15", "uk-revocation-2026")] == "✓"
    assert marks[("2027-01-29", "jp-discontinuation-2027")] == "✓"
    # After the line that separates past from scheduled, everything is scheduled (…).
    assert marks[("2027-06-30", "jp-discontinuation-2027")] == "…"
    assert marks[("2027-09-30", "sensing-workshops")] == "…"
    separator = result.stdout.index("├")
    assert result.stdout.index("2027-02-03") < separator < result.stdout.index("2027-04-29")
