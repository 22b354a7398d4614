"""One history behind every view (issue 8, SPEC §3.6): each case gives one answer everywhere.

Every case of the issue is run as a user would (through the CLI), and the same fact is read from
``status``, ``timeline``, ``text``, ``diff`` and ``period``; the expected dates are worked out by
hand from SPEC §3.3. Every notice, modification, decision and activity written here is FICTIONAL
test data; the memorandum is the Japan–UK record copied from records/.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

Run = Callable[..., Result]
Write = Callable[[str, str], Path]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
BOTH = "[{side: JP, date: 2026-03-02}, {side: UK, date: 2026-03-05}]"


def as_json(result: Result) -> Any:
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def example(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(EXAMPLES / name, target)
    return target


def status(run: Run, records: Path, as_of: str) -> dict[str, Any]:
    data: dict[str, Any] = as_json(
        run("--records", str(records), "status", "--as-of", as_of, "-f", "json")
    )
    return data


def timeline(run: Run, records: Path, as_of: str) -> dict[str, Any]:
    data: dict[str, Any] = as_json(
        run("--records", str(records), "timeline", "--as-of", as_of, "-f", "json")
    )
    return data


def events(data: dict[str, Any], kind: str, record: str | None = None) -> list[dict[str, Any]]:
    return [
        e for e in data["events"] if e["kind"] == kind and (record is None or e["record"] == record)
    ]


# -- period with records ---------------------------------------------------------------------------


def test_period_uses_the_memorandums_period_in_force_on_the_receipt_date(
    run: Run, tmp_path: Path
) -> None:
    records = example(tmp_path, "six-months-modification")
    got = as_json(run("--records", str(records), "period", "2026-09-30", "-f", "json"))
    # P6M in force since 2026-04-01. 30 Sep is the last day of its month, so under the Japanese
    # Civil Code L is the last day of March (31 Mar 2027), E 1 Apr 2027; English law gives
    # L 30 Mar, E 31 Mar; safe-harbour is the later, 1 Apr 2027.
    assert (got["months"], got["memorandum"]) == (6, "jp-uk-quantum-2025")
    assert got["safe_harbour"] == {"last_day": "2027-03-31", "effective": "2027-04-01"}
    pending = status(run, records, "2027-02-01")["discontinuation"]
    assert pending["effective"] == got["safe_harbour"]["effective"] == "2027-04-01"
    assert pending["last_day_in_force"] == "2027-03-31"


def test_period_before_the_modification_uses_three_months(run: Run, tmp_path: Path) -> None:
    records = example(tmp_path, "six-months-modification")
    got = as_json(run("--records", str(records), "period", "2026-03-31", "-f", "json"))
    assert got["months"] == 3
    assert got["safe_harbour"]["effective"] == "2026-07-01"  # 31 Mar + 3 months = 30 Jun


def test_period_options_override_the_records(run: Run, tmp_path: Path) -> None:
    records = example(tmp_path, "six-months-modification")
    got = as_json(
        run("--records", str(records), "period", "2026-09-30", "--months", "1", "-f", "json")
    )
    assert got["months"] == 1
    assert got["rules"]["corresponding-date"]["effective"] == "2026-10-31"


def test_period_without_a_memorandum_says_what_it_assumed(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "portfolio"
    for name in ("a", "b"):  # two memoranda and none named: nothing to choose from
        shutil.copytree(EXAMPLES / "notice-across-time-zones", empty / name)
        memo = empty / name / "memorandum.yaml"
        memo.write_text(
            memo.read_text(encoding="utf-8").replace(
                "id: jp-uk-quantum-2025", f"id: jp-uk-quantum-2025-{name}"
            ),
            encoding="utf-8",
        )
    got = as_json(run("--records", str(empty), "period", "2027-02-28", "-f", "json"))
    assert got["memorandum"] is None
    assert any("3 months" in words for words in got["assumed"])
    text = run("--records", str(empty), "period", "2027-02-28").stdout
    assert "assumed" in text
    chosen = as_json(
        run(
            "--records",
            str(empty),
            "period",
            "2027-02-28",
            "-m",
            "jp-uk-quantum-2025-b",
            "-f",
            "json",
        )
    )
    assert (chosen["memorandum"], chosen["assumed"]) == ("jp-uk-quantum-2025-b", [])


# -- drafts are inert ------------------------------------------------------------------------------


def test_a_drafted_notice_changes_nothing_until_made_real(
    run: Run, records: Path, memo_dir: Path
) -> None:
    result = run(
        "draft", "notice", "--by", "UK", "--received", "2026-12-10", "--as-of", "2026-12-02",
        "-o", str(memo_dir / "notices"),
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    (record,) = (memo_dir / "notices").glob("*.yaml")
    assert "draft: true" in record.read_text(encoding="utf-8")
    data = status(run, records, "2026-12-20")
    assert (data["state"], data["discontinuation"], data["notices"]) == ("in_force", None, [])
    found = as_json(run("--records", str(records), "validate", "-f", "json"))
    drafts = [f for f in found if f["code"] == "MOC320"]
    assert [(f["severity"], f["file"].endswith(record.name)) for f in drafts] == [("info", True)]
    assert not events(timeline(run, records, "2026-12-20"), "notice")
    # Made real: the line deleted, the same record now counts, with the dates of the letter.
    record.write_text(
        record.read_text(encoding="utf-8").replace("draft: true", "note: sent"), encoding="utf-8"
    )
    real = status(run, records, "2026-12-20")
    assert real["state"] == "discontinuation_pending"
    # 10 Dec 2026 + 3 months: L 10 Mar 2027, E 11 Mar 2027 (both Sides' rules agree)
    assert real["discontinuation"]["effective"] == "2027-03-11"


# -- void changes ----------------------------------------------------------------------------------


def void_modification(write: Write) -> None:
    write(
        "notices/uk.yaml",
        """
        apiVersion: mocctl/v1
        kind: Notice
        id: uk-notice
        type: discontinuation
        by: UK
        dated: 2026-01-08
        received: 2026-01-10
        """,
    )  # E = 2026-04-11
    write(
        "modifications/late.yaml",
        f"""
        apiVersion: mocctl/v1
        kind: Modification
        id: late-area
        title: A fictional area after the end
        consents: {BOTH}
        effective: 2026-05-01
        changes:
          - op: add_area
            area: {{id: late-area, title: A late fictional area, text: Fictional.}}
        """,
    )


def test_a_change_effective_after_the_discontinuation_is_void_in_every_view(
    run: Run, records: Path, write: Write
) -> None:
    void_modification(write)
    data = status(run, records, "2026-06-01")
    assert data["state"] == "discontinued"
    assert data["modifications"][0]["status"] == "void"
    assert "late-area" not in data["areas"]
    text = run("--records", str(records), "text", "--as-of", "2026-06-01").stdout
    assert "Void, not applied: late-area" in text
    assert "Applied: no modification" in text
    assert "A late fictional area" not in text
    diff = as_json(
        run(
            "--records", str(records), "diff", "--from", "2026-01-01", "--to", "2026-06-01",
            "--as-of", "2026-06-01", "-f", "json",
        )
    )  # fmt: skip
    assert diff["changes"] == [] and diff["records"] == []
    (effect,) = events(timeline(run, records, "2026-06-01"), "modification", "late-area")
    assert effect["standing"] == "void"


def test_a_modification_consented_after_the_end_does_not_revive_it(
    run: Run, records: Path, write: Write
) -> None:
    write(
        "notices/uk.yaml",
        """
        apiVersion: mocctl/v1
        kind: Notice
        id: uk-notice
        type: discontinuation
        by: UK
        dated: 2026-01-08
        received: 2026-01-10
        """,
    )  # E = 2026-04-11
    write(
        "modifications/six.yaml",
        """
        apiVersion: mocctl/v1
        kind: Modification
        id: six-months
        title: Six months' notice, agreed too late
        consents: [{side: JP, date: 2026-05-01}, {side: UK, date: 2026-05-02}]
        effective: 2026-01-01
        changes:
          - {op: set_term, term: discontinuation.notice_period, value: P6M}
        """,
    )
    data = status(run, records, "2026-06-01")
    assert data["state"] == "discontinued"
    assert data["discontinuation"]["effective"] == "2026-04-11"
    assert data["modifications"][0]["status"] == "void"
    assert data["notice_period"] == "P3M"
    found = as_json(run("--records", str(records), "validate", "-f", "json"))
    assert [f["code"] for f in found if f["file"].endswith("six.yaml")] == ["MOC307", "MOC310"]
    before = status(run, records, "2026-04-30")  # the consent is not known yet: same answer
    assert before["state"] == "discontinued"


# -- revoked and superseded notices ----------------------------------------------------------------


def test_revoked_notices_are_shown_as_revoked(run: Run, tmp_path: Path) -> None:
    records = example(tmp_path, "revoked-then-discontinued")
    line = timeline(run, records, "2027-12-01")
    for kind in ("notice", "notice period ends", "discontinuation"):
        (event,) = events(line, kind, "uk-discontinuation-2026")
        assert event["standing"] == "revoked", event
    (revocation,) = events(line, "revocation")
    assert revocation["standing"] == "past"
    data = status(run, records, "2027-12-01")
    notices = {n["id"]: n for n in data["notices"]}
    assert notices["uk-discontinuation-2026"]["standing"] == "revoked"
    assert notices["uk-discontinuation-2026"]["revoked_by"] == "uk-revocation-2026"
    assert notices["uk-revocation-2026"]["standing"] == "past"
    assert notices["jp-discontinuation-2027"]["standing"] == "past"
    assert notices["jp-discontinuation-2027"]["effective"] == data["discontinuation"]["effective"]
    text = run("--records", str(records), "status", "--as-of", "2027-12-01").stdout
    assert "uk-revocation-2026" in text and "revoked" in text


def test_a_later_notice_is_superseded(run: Run, records: Path, write: Write) -> None:
    for side, other, received in (("UK", "JP", "2026-01-10"), ("JP", "UK", "2026-02-10")):
        write(
            f"notices/{side}.yaml",
            f"""
            apiVersion: mocctl/v1
            kind: Notice
            id: {side.lower()}-notice
            type: discontinuation
            by: {side}
            to: [{other}]
            dated: {received}
            received: {received}
            """,
        )
    data = status(run, records, "2026-03-01")
    notices = {n["id"]: n["standing"] for n in data["notices"]}
    assert notices == {"jp-notice": "superseded", "uk-notice": "scheduled"}
    assert data["discontinuation"]["effective"] == "2026-04-11"
    (ending,) = events(timeline(run, records, "2026-03-01"), "discontinuation", "jp-notice")
    assert ending["standing"] == "superseded"


# -- activities: end is the last day ---------------------------------------------------------------


def test_an_activitys_end_is_its_last_day_everywhere(run: Run, records: Path, write: Write) -> None:
    write(
        "activities/a.yaml",
        """
        apiVersion: mocctl/v1
        kind: Activity
        id: workshop
        title: A fictional workshop series
        areas: [research-dialogue]
        start: 2026-01-01
        end: 2026-12-31
        """,
    )
    data = status(run, records, "2026-12-01")
    assert data["next_event"]["date"] == "2026-12-31"
    assert data["next_event"]["kind"] == "activity ends"
    (ends,) = events(timeline(run, records, "2026-12-01"), "activity ends")
    assert ends["date"] == data["next_event"]["date"]
    assert status(run, records, "2026-12-31")["activities"][0]["status"] == "ongoing"
    assert status(run, records, "2027-01-01")["activities"][0]["status"] == "ended"


# -- findings in every view ------------------------------------------------------------------------


def test_every_command_that_reads_records_lists_their_findings(
    run: Run, records: Path, write: Write
) -> None:
    write(
        "notices/bad.yaml",
        """
        apiVersion: mocctl/v1
        kind: Notice
        id: bad-notice
        type: discontinuation
        by: XX
        dated: 2026-01-08
        received: 2026-01-10
        """,
    )
    as_of = ("--as-of", "2026-06-01")
    commands = (
        ("status",),
        ("timeline",),
        ("text",),
        ("diff", "--from", "2026-01-01"),
        ("period", "2026-02-01"),
    )
    for command in commands:
        result = run("--records", str(records), *command, *as_of, "-f", "json")
        assert result.exit_code == 1, (command, result.output)
        data = json.loads(result.stdout)
        assert "MOC205" in {f["code"] for f in data["findings"]}, command
        text = run("--records", str(records), *command, *as_of)
        assert text.exit_code == 1
        assert "MOC205" in text.output, command


@pytest.mark.parametrize(
    ("term", "value"),
    [
        ("discontinuation.rule", "foo"),
        ("discontinuation.notice_period", "P0M"),
        ("discontinuation.notice_period", "P3W"),
        ("discontinuation.notice_form", "oral"),
        ("discontinuation.effect", "ends"),
    ],
)
def test_a_set_term_value_is_typed_by_its_term(
    run: Run, records: Path, write: Write, term: str, value: str
) -> None:
    path = write(
        "modifications/bad.yaml",
        f"""
        apiVersion: mocctl/v1
        kind: Modification
        id: bad-term
        title: A fictional bad term
        consents: {BOTH}
        effective: 2026-04-01
        changes:
          - {{op: set_term, term: {term}, value: {value}}}
        """,
    )
    write(
        "notices/uk.yaml",
        """
        apiVersion: mocctl/v1
        kind: Notice
        id: uk-notice
        type: discontinuation
        by: UK
        dated: 2026-05-08
        received: 2026-05-10
        """,
    )
    found = as_json(run("--records", str(records), "validate", "-f", "json"))
    (bad,) = [f for f in found if f["file"].endswith(path.name)]
    assert bad["severity"] == "error" and bad["code"].startswith("MOC1"), bad
    assert bad["line"] == 8  # the change with the value
    for command in ("status", "timeline", "text"):
        result = run("--records", str(records), command, "--as-of", "2026-06-01")
        assert result.exit_code == 1, (command, result.output)
        assert "internal error" not in result.output


# -- more than two Sides ---------------------------------------------------------------------------


THREE_SIDES = """
apiVersion: mocctl/v1
kind: Memorandum
id: three-sides
title: A fictional memorandum of three Sides
sides:
  - {id: JP, name: A fictional Japanese office, jurisdiction: JP, timezone: Asia/Tokyo}
  - {id: UK, name: A fictional British office, jurisdiction: GB, timezone: Europe/London}
  - {id: FR, name: A fictional French office, jurisdiction: FR, timezone: Europe/Paris}
signatures:
  - {side: JP, signatory: A. Signatory, date: 2025-04-28}
  - {side: UK, signatory: B. Signatory, date: 2025-04-28}
  - {side: FR, signatory: C. Signatory, date: 2025-04-28}
terms:
  discontinuation: {notice_period: P3M, effect: EFFECT}
areas:
  - {id: research, title: Research, text: Fictional research cooperation.}
"""


def three_sides(tmp_path: Path, effect: str = "discontinues") -> Path:
    folder = tmp_path / "three" / "three-sides"
    (folder / "notices").mkdir(parents=True)
    (folder / "memorandum.yaml").write_text(
        THREE_SIDES.replace("EFFECT", effect).lstrip(), encoding="utf-8"
    )
    return folder


def test_a_notice_must_reach_every_other_side(run: Run, tmp_path: Path) -> None:
    folder = three_sides(tmp_path)
    (folder / "notices" / "uk.yaml").write_text(
        "apiVersion: mocctl/v1\nkind: Notice\nid: uk-notice\ntype: discontinuation\nby: UK\n"
        "to: [JP]\ndated: 2026-01-08\nreceived: 2026-01-10\n",
        encoding="utf-8",
    )
    found = as_json(run("--records", str(folder.parent), "validate", "-f", "json"))
    (missing,) = [f for f in found if f["code"] == "MOC321"]
    assert "FR" in missing["message"] and missing["line"] == 6


def test_several_receipts_the_latest_governs(run: Run, tmp_path: Path) -> None:
    folder = three_sides(tmp_path)
    (folder / "notices" / "uk.yaml").write_text(
        "apiVersion: mocctl/v1\nkind: Notice\nid: uk-notice\ntype: discontinuation\nby: UK\n"
        "to: [JP, FR]\ndated: 2026-01-08\n"
        "receipts:\n  - {side: JP, received: 2026-01-10}\n  - {side: FR, received: 2026-01-20}\n",
        encoding="utf-8",
    )
    records = folder.parent
    early = status(run, records, "2026-01-15")  # only JP has it: not yet received by FR
    assert early["state"] == "in_force"
    assert early["notices"][0]["reason"] == "not yet received by FR"
    (waiting,) = [f for f in early["findings"] if f["code"] == "MOC325"]
    assert (waiting["severity"], waiting["line"]) == ("warning", 8)  # receipts:
    data = status(run, records, "2026-02-01")
    # D = 20 Jan 2026 (the later receipt) + 3 months: L 20 Apr, E 21 Apr 2026.
    assert data["discontinuation"]["received"] == "2026-01-20"
    assert data["discontinuation"]["effective"] == "2026-04-21"


def test_a_withdrawal_leaves_the_memorandum_in_force_among_the_others(
    run: Run, tmp_path: Path
) -> None:
    folder = three_sides(tmp_path, "withdraws")
    (folder / "notices" / "uk.yaml").write_text(
        "apiVersion: mocctl/v1\nkind: Notice\nid: uk-notice\ntype: discontinuation\nby: UK\n"
        "to: [JP, FR]\ndated: 2026-01-08\nreceived: 2026-01-10\n",
        encoding="utf-8",
    )
    data = status(run, folder.parent, "2026-06-01")
    assert (data["state"], data["discontinuation"]) == ("in_force", None)
    (notice,) = data["notices"]
    assert (notice["effect"], notice["standing"], notice["effective"]) == (
        "withdraws",
        "past",
        "2026-04-11",
    )
    (withdrawal,) = events(timeline(run, folder.parent, "2026-06-01"), "withdrawal")
    assert withdrawal["date"] == "2026-04-11"


def test_three_sides_without_a_stated_effect_is_a_warning(run: Run, tmp_path: Path) -> None:
    folder = three_sides(tmp_path)
    memo = folder / "memorandum.yaml"
    memo.write_text(
        memo.read_text(encoding="utf-8").replace(", effect: discontinues", ""), encoding="utf-8"
    )
    found = as_json(run("--records", str(folder.parent), "validate", "-f", "json"))
    assert [(f["code"], f["severity"]) for f in found] == [("MOC322", "warning")]


# -- knowing only what is known on T ---------------------------------------------------------------


def test_status_as_of_t_knows_only_what_is_known_on_t(
    run: Run, records: Path, write: Write
) -> None:
    write(
        "notices/later.yaml",
        """
        apiVersion: mocctl/v1
        kind: Notice
        id: later-notice
        type: discontinuation
        by: UK
        form: oral
        dated: 2027-01-08
        received: 2027-01-10
        """,
    )
    early = status(run, records, "2026-12-01")
    assert early["notices"] == []
    assert "MOC302" not in {f["code"] for f in early["findings"]}
    later = status(run, records, "2027-02-01")
    assert "MOC302" in {f["code"] for f in later["findings"]}
    found = as_json(run("--records", str(records), "validate", "-f", "json"))
    assert "MOC302" in {f["code"] for f in found}
    text = run("--records", str(records), "status", "--as-of", "2026-12-01").stdout
    assert "If notice today" not in text and "If notice 2026-12-01" in text


# -- the edge of the calendar ----------------------------------------------------------------------


@pytest.mark.parametrize("received", ["9999-11-02", "9999-12-31T23:00:00+00:00"])
def test_a_notice_at_the_end_of_the_calendar_is_a_finding_not_a_crash(
    run: Run, records: Path, write: Write, received: str
) -> None:
    write(
        "notices/late.yaml",
        f"""
        apiVersion: mocctl/v1
        kind: Notice
        id: late-notice
        type: discontinuation
        by: UK
        dated: 9999-11-01
        received: {received}
        """,
    )
    found = as_json(run("--records", str(records), "validate", "-f", "json"))
    (limit,) = [f for f in found if f["code"] == "MOC324"]
    assert (limit["severity"], limit["line"]) == ("error", 7)
    for command in ("status", "timeline", "text"):
        result = run("--records", str(records), command, "--as-of", "9999-12-31")
        assert result.exit_code == 1, (command, result.output)
        assert "internal error" not in result.output
    data = status(run, records, "9999-12-31")
    assert (data["state"], data["notices"][0]["standing"]) == ("in_force", "void")
