"""Identity, reference and document checks (MOC2xx, MOC5xx). Records here are FICTIONAL."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from tests.conftest import WriteRecord

from mocctl.checks import check_records
from mocctl.findings import Finding
from mocctl.io.loader import load


def findings(records: Path) -> list[Finding]:
    loaded = load([records])
    found = list(loaded.findings)
    for memo in loaded.memoranda:
        found += check_records(memo)
    return [f for f in found if not f.code.startswith("MOC4")]


def codes_at(found: list[Finding]) -> list[tuple[str, str, int]]:
    return [(f.code, Path(f.file).name, f.line) for f in found]


ACTIVITY = """\
apiVersion: mocctl/v1
kind: Activity
id: {id}
title: Exchange
areas: [{area}]
start: 2025-10-01
"""


def test_duplicate_record_ids(records: Path, write: WriteRecord) -> None:
    write("a.yaml", ACTIVITY.format(id="same", area="research-dialogue"))
    write("b.yaml", ACTIVITY.format(id="same", area="research-dialogue"))
    [found] = findings(records)
    assert (found.code, Path(found.file).name, found.line) == ("MOC201", "b.yaml", 3)
    assert "a.yaml:3" in found.message


def test_duplicate_area_id_in_the_memorandum(records: Path, memo_dir: Path) -> None:
    memo = memo_dir / "memorandum.yaml"
    text = memo.read_text(encoding="utf-8")
    memo.write_text(
        text.replace("id: academia-industry", "id: research-dialogue"), encoding="utf-8"
    )
    assert [f.code for f in findings(records)] == ["MOC201"]


def test_unknown_sides_activities_notices_sections(records: Path, write: WriteRecord) -> None:
    write(
        "notices/n.yaml",
        """\
        apiVersion: mocctl/v1
        kind: Notice
        id: n
        type: revocation
        revokes: nothing-here
        by: FR
        dated: 2027-01-08
        received: 2027-01-10
        """,
    )
    write(
        "decisions/d.yaml",
        """\
        apiVersion: mocctl/v1
        kind: Decision
        id: d
        title: t
        consents: [{side: JP, date: 2026-01-01}, {side: JP, date: 2026-01-02}]
        effective: 2026-02-01
        decides:
          - {op: end_activity, activity: no-such-activity, end: 2026-12-31}
        """,
    )
    write(
        "modifications/m.yaml",
        """\
        apiVersion: mocctl/v1
        kind: Modification
        id: m
        title: t
        consents: [{side: JP, date: 2026-01-01}, {side: UK, date: 2026-01-02}]
        effective: 2026-02-01
        changes:
          - {op: replace_text, section: "9.9", body: "New text."}
        """,
    )
    write("activities/a.yaml", ACTIVITY.format(id="a", area="time-travel"))
    found = {(code, name, line) for code, name, line in codes_at(findings(records))}
    assert {
        ("MOC205", "n.yaml", 6),  # by: FR
        ("MOC208", "n.yaml", 5),  # revokes an unknown notice
        ("MOC210", "d.yaml", 5),  # JP consents twice
        ("MOC207", "d.yaml", 8),  # unknown activity
        ("MOC209", "m.yaml", 8),  # unknown section
        ("MOC206", "a.yaml", 5),  # unknown area
    } <= found


def test_documents_escape_missing_and_changed(
    records: Path, memo_dir: Path, write: WriteRecord
) -> None:
    (memo_dir / "documents").mkdir()
    letter = memo_dir / "documents" / "letter.pdf"
    letter.write_bytes(b"%PDF-1.7 fictional")
    good = hashlib.sha256(letter.read_bytes()).hexdigest()
    write(
        "activities/a.yaml",
        ACTIVITY.format(id="a", area="research-dialogue")
        + f"""\
documents:
  - {{path: documents/letter.pdf, sha256: {good}}}
  - {{path: ../../outside.pdf, sha256: {good}}}
  - {{path: documents/missing.pdf, sha256: {good}}}
  - {{path: documents/letter.pdf, sha256: {"f" * 64}}}
""",
    )
    found = codes_at(findings(records))
    assert found == [("MOC501", "a.yaml", 9), ("MOC502", "a.yaml", 10), ("MOC503", "a.yaml", 11)]


@pytest.mark.parametrize("path", ["/etc/passwd", "documents/../../x.pdf"])
def test_absolute_and_dotdot_paths_escape(path: str, records: Path, write: WriteRecord) -> None:
    write(
        "activities/a.yaml",
        ACTIVITY.format(id="a", area="research-dialogue")
        + f"documents:\n  - {{path: '{path}', sha256: {'a' * 64}}}\n",
    )
    assert [f.code for f in findings(records)] == ["MOC501"]
