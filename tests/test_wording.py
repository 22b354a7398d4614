"""Wording checks MOC401–MOC403 (src/mocctl/wording.py), through the API and ``mocctl validate``.

The memorandum is a copy of records/jp-uk-quantum-2025/memorandum.yaml; every modification,
decision and second memorandum written here is FICTIONAL test data.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import DEFAULT_MEMORANDUM, WriteRecord, harmonise_names
from typer.testing import Result

from mocctl.checks import wording
from mocctl.core.memoranda import MemorandumRecords
from mocctl.findings import Finding, Severity
from mocctl.io.loader import load

Run = Callable[..., Result]

CONSENTS = """\
consents:
  - {side: JP, date: 2026-03-02, form: written}
  - {side: UK, date: 2026-03-05, form: written}
effective: 2026-04-01
"""


def checked(memo_dir: Path) -> list[Finding]:
    loaded = load([memo_dir])
    assert [f for f in loaded.findings if f.severity is Severity.ERROR] == []
    (records,) = loaded.memoranda
    return wording.check(records)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def add_area(text: str, area_id: str = "meetings", title: str = "Meetings") -> str:
    """The ``changes`` entry adding an area whose text is ``text``."""
    return (
        f"  - op: add_area\n    area:\n      id: {area_id}\n      title: {title}\n"
        f"      text: {json.dumps(text)}\n"
    )


def modification(write: WriteRecord, changes: str, name: str = "mod-test") -> Path:
    """A FICTIONAL modification consented by both Sides, effective 2026-04-01."""
    return write(
        f"modifications/{name}.yaml",
        f"# FICTIONAL test record\napiVersion: mocctl/v1\nkind: Modification\nid: {name}\n"
        f"title: Test modification\n{CONSENTS}changes:\n{changes}",
    )


# -- MOC401 ------------------------------------------------------------------------------------


def test_default_records_name_dsit_two_ways_one_warning_at_the_title_section() -> None:
    loaded = load([DEFAULT_MEMORANDUM.parent])
    (records,) = loaded.memoranda
    findings = wording.check(records)
    assert codes(findings) == ["MOC401"]
    (finding,) = findings
    assert finding.severity is Severity.WARNING
    assert '"Department of Science …"' in finding.message
    assert '"Department for Science …"' in finding.message
    assert "the title section" in finding.message
    assert "the introduction section" in finding.message  # the same spelling, also reported
    # It points at the body of the title section.
    lines = DEFAULT_MEMORANDUM.read_text(encoding="utf-8").splitlines()
    title_item = lines.index("  - id: title")
    assert finding.line == title_item + 2
    assert lines[finding.line - 1].strip().startswith("body:")
    assert finding.file.endswith("memorandum.yaml")


def test_validate_default_records_warns_moc401_and_exits_0(run: Run) -> None:
    records = DEFAULT_MEMORANDUM.parent.parent
    result = run("validate", "--records", str(records))
    assert result.exit_code == 0, result.output
    assert "warning MOC401" in result.stdout
    assert "0 errors, 1 warning" in result.stdout
    # The default records accept it (verbatim from the signed text): --strict passes (issue 10).
    strict = run("validate", "--strict", "--records", str(records))
    assert strict.exit_code == 0, strict.output
    assert "(accepted: verbatim from the signed text)" in strict.stdout


def test_one_spelling_throughout_is_not_a_finding(memo_dir: Path) -> None:
    harmonise_names(memo_dir)
    assert checked(memo_dir) == []


def test_moc401_in_text_a_modification_adds(memo_dir: Path, write: WriteRecord) -> None:
    harmonise_names(memo_dir)
    modification(
        write,
        '  - op: replace_text\n    section: "2.4"\n    body: The Cabinet Office for Japan and the'
        " Department for Science, Innovation and Technology of the United Kingdom of Great"
        " Britain and Northern Ireland will review the activities.\n",
    )
    (finding,) = checked(memo_dir)
    assert finding.code == "MOC401"
    assert "Side JP" in finding.message
    assert '"… Office for Japan"' in finding.message
    assert '"… Office of Japan"' in finding.message
    assert finding.file.endswith("modifications/mod-test.yaml")


# -- MOC402 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "hint"),
    [
        ("the Sides shall meet every year", '"will"'),
        ("the Sides agree to meet every year", '"have jointly decided"'),
        ("the Sides agreed to meet every year", '"have jointly decided"'),
        ("each Side agrees to meet every year", '"have jointly decided"'),
        ("the Parties will meet every year", '"Sides"'),
        ("meetings are an obligation of the Sides", '"commitments"'),
        ("meetings begin on entry into force", '"commence"'),
        ("meetings begin after ratification", '"signature"'),
        ("meetings are legally binding commitments", '"intentions"'),
    ],
)
def test_moc402_treaty_language_in_an_added_area(
    memo_dir: Path, write: WriteRecord, phrase: str, hint: str
) -> None:
    harmonise_names(memo_dir)
    modification(write, add_area(f"Regular meetings, where {phrase}."))
    path = memo_dir / "modifications" / "mod-test.yaml"
    (finding,) = checked(memo_dir)
    assert finding.code == "MOC402"
    assert finding.severity is Severity.WARNING
    assert "change 1 (area meetings)" in finding.message
    assert finding.hint is not None and hint in finding.hint
    line = path.read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert line.strip().startswith("text:")  # changes[0].area.text


@pytest.mark.parametrize(
    "phrase",
    [
        "the Sides will meet every year",
        "the Sides have jointly decided to meet under the Agreement",
        "information is not shared with third parties",
        "this does not create legally binding commitments or obligations",
        "the Sides intend to meet",
    ],
)
def test_moc402_conventional_wording_is_not_a_finding(
    memo_dir: Path, write: WriteRecord, phrase: str
) -> None:
    harmonise_names(memo_dir)
    modification(write, add_area(f"Regular meetings, where {phrase}."))
    assert checked(memo_dir) == []


def test_moc402_not_for_the_signed_text(memo_dir: Path) -> None:
    # 2.1 says "does not give rise to any rights or obligations": signed text, not a finding.
    harmonise_names(memo_dir)
    assert "obligations" in (memo_dir / "memorandum.yaml").read_text(encoding="utf-8")
    assert checked(memo_dir) == []


def test_moc402_in_a_decision_and_in_replaced_text(memo_dir: Path, write: WriteRecord) -> None:
    harmonise_names(memo_dir)
    write(
        "decisions/d.yaml",
        """\
        # FICTIONAL test record
        apiVersion: mocctl/v1
        kind: Decision
        id: new-area
        title: A new area
        consents: [{side: JP, date: 2026-05-01}, {side: UK, date: 2026-05-01}]
        effective: 2026-05-01
        decides:
          - op: add_area
            area: {id: space, title: Space, text: The Parties shall cooperate on space.}
        """,
    )
    modification(
        write,
        '  - op: replace_text\n    section: "2.4"\n    body: The Sides shall review the'
        " activities.\n",
    )
    found = checked(memo_dir)
    assert codes(found) == ["MOC402", "MOC402"]
    assert {Path(f.file).name for f in found} == {"d.yaml", "mod-test.yaml"}


def test_moc402_not_in_a_legally_binding_memorandum(memo_dir: Path, write: WriteRecord) -> None:
    harmonise_names(memo_dir)
    memo = memo_dir / "memorandum.yaml"
    text = memo.read_text(encoding="utf-8").replace(
        "legally_binding: false", "legally_binding: true"
    )
    memo.write_text(text, encoding="utf-8")
    modification(write, add_area("The Parties shall meet."))
    assert checked(memo_dir) == []


# -- MOC403 ------------------------------------------------------------------------------------


def test_moc403_period_set_but_text_left_at_three_months(
    memo_dir: Path, write: WriteRecord
) -> None:
    harmonise_names(memo_dir)
    path = modification(
        write, "  - op: set_term\n    term: discontinuation.notice_period\n    value: P6M\n"
    )
    (finding,) = checked(memo_dir)
    assert finding.code == "MOC403"
    assert 'section 2.2 still says "three (3) months"' in finding.message
    assert "P6M" in finding.message
    assert finding.file.endswith("mod-test.yaml")
    assert path.read_text(encoding="utf-8").splitlines()[finding.line - 1].strip() == "value: P6M"


def test_moc403_text_and_period_changed_together(memo_dir: Path, write: WriteRecord) -> None:
    harmonise_names(memo_dir)
    modification(
        write,
        '  - op: replace_text\n    section: "2.2"\n    body: Each Side may discontinue this'
        " Memorandum of Cooperation by giving written notice to the other Side of the intention"
        " to discontinue six (6) months in advance.\n"
        "  - op: set_term\n    term: discontinuation.notice_period\n    value: P6M\n",
    )
    assert checked(memo_dir) == []


def test_moc403_text_changed_but_period_left(memo_dir: Path, write: WriteRecord) -> None:
    harmonise_names(memo_dir)
    modification(
        write,
        '  - op: replace_text\n    section: "2.2"\n    body: Each Side may discontinue it by giving'
        " written notice one year in advance.\n",
    )
    (finding,) = checked(memo_dir)
    assert finding.code == "MOC403"
    assert 'section 2.2 as changed by mod-test says "one year"' in finding.message
    assert "P3M" in finding.message


def test_moc403_memorandum_terms_differ_from_its_own_text(memo_dir: Path) -> None:
    harmonise_names(memo_dir)
    memo = memo_dir / "memorandum.yaml"
    text = memo.read_text(encoding="utf-8").replace("notice_period: P3M", "notice_period: P6M")
    memo.write_text(text, encoding="utf-8")
    (finding,) = checked(memo_dir)
    assert finding.code == "MOC403"
    line = text.splitlines()[finding.line - 1]
    assert "notice_period: P6M" in line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by giving written notice three (3) months in advance", [("three (3) months", 3)]),
        ("with 3 months' notice", [("3 months", 3)]),
        ("on one year's written notice", [("one year", 12)]),
        ("by notice of twelve (12) months", [("twelve (12) months", 12)]),
        ("a six-month notice period", [("six-month", 6)]),
        ("The cooperation will last five (5) years.", []),  # not about notice
    ],
)
def test_stated_periods(text: str, expected: list[tuple[str, int]]) -> None:
    assert wording.stated_periods(text) == expected


def test_validate_reports_each_moc4xx_code_and_exits_0(
    run: Run, records: Path, write: WriteRecord
) -> None:
    modification(
        write,
        add_area("The Parties shall meet.")
        + "  - op: set_term\n    term: discontinuation.notice_period\n    value: P6M\n",
    )
    result = run("validate", "--format", "json", "--records", str(records))
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert sorted(f["code"] for f in found) == ["MOC401", "MOC402", "MOC403"]
    assert all(f["severity"] == "warning" and f.get("hint") for f in found)


def test_check_without_a_memorandum_is_empty(tmp_path: Path) -> None:
    assert wording.check(MemorandumRecords(folder=tmp_path, memorandum=None)) == []


RENEWAL_TEXT = (
    "Thereafter, it will be renewed automatically for further successive periods of 5 years "
    "unless a Side gives written notice of non-renewal six (6) months before the end of the term."
)


@pytest.mark.parametrize(
    ("sentence", "reported"),
    [
        (RENEWAL_TEXT, False),  # the term and the notice of non-renewal: as the terms say
        (RENEWAL_TEXT.replace("six (6) months", "nine (9) months"), True),  # neither of them
        ("Either Side may discontinue it by giving six (6) months' written notice.", True),
    ],
)
def test_moc403_a_sentence_about_renewal_is_read_against_the_fixed_term(
    tmp_path: Path, sentence: str, reported: bool
) -> None:
    """In the FICTIONAL five-year example, with the notice of discontinuation set to P3M."""
    example = Path(__file__).resolve().parents[1] / "examples" / "five-year-term-renewing"
    folder = tmp_path / "records" / "urban"
    folder.mkdir(parents=True)
    text = (example / "memorandum.yaml").read_text(encoding="utf-8")
    start = text.index("      This Memorandum of Cooperation will commence")
    text = text[:start] + f"      {sentence}\n"
    text = text.replace("    notice_period: P6M", "    notice_period: P3M")
    (folder / "memorandum.yaml").write_text(text, encoding="utf-8")
    assert codes(checked(folder)).count("MOC403") == (1 if reported else 0)
