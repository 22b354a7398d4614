"""``mocctl text`` and ``mocctl diff``: the consolidated text as in force on a date.

The memorandum is a copy of records/jp-uk-quantum-2025/memorandum.yaml. The sentences below are
copied from that record (the signed text of 28 April 2025). Every modification, decision and
activity written here is FICTIONAL test data: no such record of the Japan–UK memorandum exists.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import WriteRecord, harmonise_names
from typer.testing import Result

from mocctl.core.history import history
from mocctl.io.loader import load
from mocctl.render import text as textview

Run = Callable[..., Result]

PARAGRAPH_1 = [
    "The foregoing represents the recognitions reached between the Cabinet Office of Japan and "
    "the Department for Science, Innovation and Technology of the United Kingdom of Great Britain "
    "and Northern Ireland on the matters referred to therein.",
    "The Sides have jointly decided to pursue cooperation in the following areas:",
    "- **Dialogue on research and innovation:** Promoting dialogue between the Sides within all "
    "levels from fundamental research to applied research and innovation through relevant "
    "research bodies and research hubs – to share best practices and identify future "
    "opportunities in academic research collaboration, including but not limited to quantum "
    "computing, networking, and sensing;",
    "- **Security policy dialogue:** Recognising quantum technologies as emerging with "
    "implications for the societal resilience and national and economic security of both "
    "countries;",
    "- **Commercialisation, use cases, and scale up:** Seeking to accelerate the "
    "commercialisation of quantum technologies by promoting promising innovations through use "
    "case development, demonstration projects, and similar initiatives aimed at advancing the "
    "development of practical market solutions; and",
    "- **Private funding, industry, and institutional investors:** Facilitating efforts to "
    "increase the level of private funding and investment in the quantum sector by engaging with "
    "industry consortia and venture capital funds.",
]
PARAGRAPH_2 = [
    "This Memorandum of Cooperation is not legally binding and does not give rise to any rights "
    "or obligations under domestic or international law, nor does it preclude any new areas of "
    "cooperation as identified by the Sides.",
    "The cooperation under this Memorandum of Cooperation will commence on the date of its "
    "signature by the Sides.",
    "Each Side may discontinue this Memorandum of Cooperation by giving written notice to the "
    "other Side of the intention to discontinue three (3) months in advance.",
    "This Memorandum of Cooperation may be modified at any time in writing by mutual consent of "
    "the Sides.",
    "Such modification will commence on the date mutually determined by the Sides and form an "
    "integral part of this Memorandum of Cooperation.",
    "The discontinuation of this Memorandum of Cooperation will not affect the ongoing "
    "collaboration activities unless otherwise decided by the Sides.",
]
AREA_TITLES = [
    "Dialogue on research and innovation",
    "Interactions, academia/private sector, and funding opportunities",
    "Education, exchange, talent, and skills",
    "Security policy dialogue",
    "Standards and governance",
    "Infrastructure, test-facilities, and missions",
    "Commercialisation, use cases, and scale up",
    "Private funding, industry, and institutional investors",
]
NEW_22 = (
    "The cooperation under this Memorandum of Cooperation will commence on the date of its "
    "signature by the Sides. Each Side may discontinue this Memorandum of Cooperation by giving "
    "written notice to the other Side of the intention to discontinue six (6) months in advance."
)
QUANTUM_SAFE = (
    "Cooperating on the migration of communications networks to quantum-safe cryptography "
    "(fictional area for tests)."
)


@pytest.fixture
def modified(write: WriteRecord, memo_dir: Path) -> Path:
    """A FICTIONAL modification effective 2026-04-01: a new area, 2.2 replaced, P6M."""
    harmonise_names(memo_dir)
    return write(
        "modifications/mod-2026-quantum-safe.yaml",
        f"""\
        # FICTIONAL test record: no such modification of the Japan–UK memorandum exists.
        apiVersion: mocctl/v1
        kind: Modification
        id: mod-2026-quantum-safe
        title: Quantum-safe communications and a six-month notice period
        consents:
          - {{side: JP, date: 2026-03-02, form: written}}
          - {{side: UK, date: 2026-03-05, form: written}}
        effective: 2026-04-01
        changes:
          - op: add_area
            area:
              id: quantum-safe-comms
              title: Quantum-safe communications
              text: "{QUANTUM_SAFE}"
          - op: replace_text
            section: "2.2"
            body: "{NEW_22}"
          - op: set_term
            term: discontinuation.notice_period
            value: P6M
        """,
    )


def text_on(run: Run, records: Path, day: str, *more: str) -> Result:
    result = run("text", "--records", str(records), "--as-of", day, *more)
    assert result.exit_code == 0, result.output
    return result


# -- the default records -----------------------------------------------------------------------


def test_default_text_reproduces_paragraphs_1_and_2_verbatim(run: Run, records: Path) -> None:
    out = text_on(run, records, "2026-01-01").stdout
    for sentence in PARAGRAPH_1 + PARAGRAPH_2:
        assert sentence in out, sentence
    assert out.startswith("# Memorandum of Cooperation on quantum science and technology\n")
    assert "as in force on 2026-01-01" in out
    assert "Applied: no modification or decision" in out
    assert "Scheduled" not in out
    # The areas are listed under Paragraph 1, in order, and before Paragraph 2.
    positions = [out.index(f"- **{title}:** ") for title in AREA_TITLES]
    assert positions == sorted(positions)
    assert out.index("## Paragraph 1") < positions[0]
    assert positions[-1] < out.index("## Paragraph 2")
    assert "**2.2.** The cooperation under" in out
    assert "Removed" not in out and "Amended" not in out


def test_every_record_text_appears_in_the_output(run: Run, records: Path) -> None:
    (memo_records,) = load([records]).memoranda
    memo = memo_records.memorandum
    assert memo is not None
    out = text_on(run, records, "2026-01-01").stdout
    for section in memo.text:
        assert section.body in out, section.id
    for area in memo.areas:
        assert f"- **{area.title}:** {area.text}" in out


def test_findings_go_to_stderr_not_into_the_text(run: Run, records: Path) -> None:
    # A FICTIONAL notice with no receipt recorded: a warning (MOC316) that nobody has accepted.
    (records / "jp-uk" / "notice.yaml").write_text(
        "apiVersion: mocctl/v1\nkind: Notice\nid: uk-notice\ntype: discontinuation\n"
        "by: UK\ndated: 2025-12-01\n",
        encoding="utf-8",
    )
    result = text_on(run, records, "2026-01-01")
    assert "MOC401" not in result.stdout and "MOC316" not in result.stdout
    # The accepted MOC401 of the signed text is not counted; the new warning is.
    assert "1 warning in the records" in result.stderr


def test_text_json_has_sections_and_areas_with_provenance(run: Run, records: Path) -> None:
    data = json.loads(text_on(run, records, "2026-01-01", "--format", "json").stdout)
    assert data["id"] == "jp-uk-quantum-2025"
    assert data["as_of"] == "2026-01-01"
    assert data["state"] == "in_force"
    assert data["applied"] == []
    assert [s["id"] for s in data["sections"]] == [
        "title", "introduction", "1", "2.1", "2.2", "2.3", "2.4", "signing"
    ]  # fmt: skip
    assert [a["title"] for a in data["areas"]] == AREA_TITLES
    assert {s["status"] for s in data["sections"]} == {"original"}
    assert all(s["changes"] == [] and s["removed"] is None for s in data["sections"])
    assert data["terms"]["discontinuation.notice_period"] == "P3M"
    assert data["findings"][0]["code"] == "MOC401"


# -- a modification ----------------------------------------------------------------------------


def test_text_before_and_after_differ_exactly_by_the_modification(
    run: Run, records: Path, modified: Path
) -> None:
    before = text_on(run, records, "2026-03-31").stdout
    after = text_on(run, records, "2026-04-01").stdout
    assert "Scheduled, not yet in effect: mod-2026-quantum-safe" in before
    assert "Applied: 1 modification: mod-2026-quantum-safe" in after
    # The bodies differ exactly by the three changes, each annotated with the record and date.
    (memo_records,) = load([records]).memoranda
    old = textview.body_markdown(history(memo_records, dt.date(2026, 3, 31)).consolidated)
    new = textview.body_markdown(history(memo_records, dt.date(2026, 4, 1)).consolidated)
    lines = list(difflib.ndiff(old.splitlines(), new.splitlines()))
    removed = [line[2:] for line in lines if line.startswith("- ")]
    added = [line[2:] for line in lines if line.startswith("+ ")]
    note = "by mod-2026-quantum-safe with effect from 2026-04-01"
    assert removed == [
        "**2.2.** " + PARAGRAPH_2[1] + " " + PARAGRAPH_2[2],
        "- Notice period for discontinuation (2.2): P6M".replace("P6M", "P3M"),
    ]
    assert added == [
        f"- **Quantum-safe communications:** {QUANTUM_SAFE} *(Added {note})*",
        f"**2.2.** {NEW_22}",
        "",
        f"*Amended {note}.*",
        f"- Notice period for discontinuation (2.2): P6M *(Set {note})*",
    ]
    # The added area is listed under Paragraph 1, after the eight signed areas.
    assert after.index(AREA_TITLES[-1]) < after.index("Quantum-safe communications:**")
    assert after.index("Quantum-safe communications:**") < after.index("## Paragraph 2")


def test_text_json_after_the_modification(run: Run, records: Path, modified: Path) -> None:
    data = json.loads(text_on(run, records, "2026-06-01", "--format", "json").stdout)
    provenance = {
        "record": "mod-2026-quantum-safe",
        "kind": "Modification",
        "effective": "2026-04-01",
    }
    assert data["applied"] == ["mod-2026-quantum-safe"]
    area = data["areas"][-1]
    assert area["id"] == "quantum-safe-comms" and area["status"] == "added"
    assert area["changes"] == [{**provenance, "op": "add_area"}]
    section = next(s for s in data["sections"] if s["id"] == "2.2")
    assert section["status"] == "amended" and section["body"] == NEW_22
    assert section["changes"] == [{**provenance, "op": "replace_text"}]
    assert data["terms"]["discontinuation.notice_period"] == "P6M"
    assert data["term_changes"]["discontinuation.notice_period"] == {**provenance, "op": "set_term"}
    assert data["changes"] == [
        {
            "id": "mod-2026-quantum-safe",
            "kind": "Modification",
            "title": "Quantum-safe communications and a six-month notice period",
            "status": "in_effect",
            "effective": "2026-04-01",
        }
    ]


def test_removed_parts_are_shown_as_removed(run: Run, records: Path, write: WriteRecord) -> None:
    write(
        "modifications/m.yaml",
        """\
        # FICTIONAL test record
        apiVersion: mocctl/v1
        kind: Modification
        id: mod-remove
        title: Removal of an area and of Paragraph 2.4
        consents: [{side: JP, date: 2026-05-01}, {side: UK, date: 2026-05-02}]
        effective: 2026-06-01
        changes:
          - {op: remove_area, area: security-dialogue}
          - {op: remove_text, section: "2.4"}
        """,
    )
    out = text_on(run, records, "2026-06-01").stdout
    assert (
        "- **Security policy dialogue:** [Removed by mod-remove with effect from 2026-06-01]" in out
    )
    assert "**2.4.** [Removed by mod-remove with effect from 2026-06-01]" in out
    assert PARAGRAPH_2[5] not in out


def test_awaiting_consent_is_listed_not_applied(
    run: Run, records: Path, write: WriteRecord
) -> None:
    write(
        "modifications/m.yaml",
        """\
        # FICTIONAL test record
        apiVersion: mocctl/v1
        kind: Modification
        id: mod-pending
        title: A pending change
        consents: [{side: JP, date: 2026-05-01}]
        effective: 2026-06-01
        changes:
          - {op: set_term, term: discontinuation.notice_period, value: P6M}
        """,
    )
    out = text_on(run, records, "2026-07-01").stdout
    assert "Awaiting the consent of every Side: mod-pending" in out
    assert "awaiting the written consent of UK" in out
    assert "P6M" not in out.split("## Terms in force")[1]


# -- diff --------------------------------------------------------------------------------------


def test_diff_between_two_dates(run: Run, records: Path, modified: Path) -> None:
    result = run(
        "diff", "--records", str(records), "--from", "2026-03-31", "--to", "2026-04-01",
        "--as-of", "2026-06-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("--- jp-uk-quantum-2025 as in force on 2026-03-31\n")
    assert "+++ jp-uk-quantum-2025 as in force on 2026-04-01\n" in out
    assert "-**2.2.** The cooperation under" in out and "three (3) months" in out
    assert f"+**2.2.** {NEW_22}\n" in out
    assert f"+- **Quantum-safe communications:** {QUANTUM_SAFE}" in out
    assert "-- Notice period for discontinuation (2.2): P3M\n" in out
    assert (
        "- mod-2026-quantum-safe (Modification “Quantum-safe communications and a six-month "
        "notice period”), with effect from 2026-04-01: added area quantum-safe-comms; amended "
        "section 2.2; set discontinuation.notice_period to P6M (was P3M)\n"
    ) in out


def test_diff_json_lists_the_changes(run: Run, records: Path, modified: Path) -> None:
    result = run(
        "diff", "--records", str(records), "--from", "2025-05-01", "--to", "2026-12-31",
        "--as-of", "2026-06-01", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["from"], data["to"]) == ("2025-05-01", "2026-12-31")
    assert [(c["part"], c["id"], c["change"]) for c in data["changes"]] == [
        ("section", "2.2", "amended"),
        ("area", "quantum-safe-comms", "added"),
        ("term", "discontinuation.notice_period", "amended"),
    ]
    assert all(c["by"][0]["record"] == "mod-2026-quantum-safe" for c in data["changes"])
    section = data["changes"][0]
    assert section["before"]["body"] == PARAGRAPH_2[1] + " " + PARAGRAPH_2[2]
    assert section["after"]["body"] == NEW_22
    assert [r["id"] for r in data["records"]] == ["mod-2026-quantum-safe"]
    assert data["records"][0]["effective"] == "2026-04-01"


def test_diff_without_change(run: Run, records: Path, modified: Path) -> None:
    result = run(
        "diff", "--records", str(records), "--from", "2026-04-01", "--to", "2026-05-01",
        "--as-of", "2026-06-01",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.startswith("No change to the text, areas or terms")


def test_diff_defaults_from_commencement_to_the_as_of_date(
    run: Run, records: Path, modified: Path
) -> None:
    result = run("diff", "--records", str(records), "--as-of", "2026-06-01")
    assert result.exit_code == 0, result.output
    assert "as in force on 2025-04-28" in result.stdout
    assert "as in force on 2026-06-01" in result.stdout


def test_diff_dates_in_the_wrong_order(run: Run, records: Path) -> None:
    result = run("diff", "--records", str(records), "--from", "2026-05-01", "--to", "2026-01-01")
    assert result.exit_code == 2
    assert "--from 2026-05-01 is after --to 2026-01-01" in result.stderr
    bad = run("diff", "--records", str(records), "--from", "2026-02-30")
    assert bad.exit_code == 2
    assert "not a date" in bad.stderr


# -- errors ------------------------------------------------------------------------------------


def test_several_memoranda_need_an_id(run: Run, records: Path) -> None:
    other = records / "other"
    other.mkdir()
    text = (records / "jp-uk" / "memorandum.yaml").read_text(encoding="utf-8")
    (other / "memorandum.yaml").write_text(
        text.replace("id: jp-uk-quantum-2025", "id: other-fictional-copy"), encoding="utf-8"
    )
    result = run("text", "--records", str(records), "--as-of", "2026-01-01")
    assert result.exit_code == 2
    assert "several memoranda" in result.stderr
    assert "jp-uk-quantum-2025" in result.stderr
    named = run("text", "other-fictional-copy", "--records", str(records), "--as-of", "2026-01-01")
    assert named.exit_code == 0


def test_records_with_errors_show_the_text_and_exit_1(
    run: Run, records: Path, write: WriteRecord
) -> None:
    write(
        "notices/bad.yaml",
        "# FICTIONAL\napiVersion: mocctl/v1\nkind: Notice\nid: bad\ntype: discontinuation\n"
        "by: JP\ndated: 2026-02-30\n",
    )
    result = run("text", "--records", str(records), "--as-of", "2026-01-01")
    assert result.exit_code == 1
    assert PARAGRAPH_2[0] in result.stdout
    assert "error MOC106" in result.stderr
    assert "Traceback" not in result.output
