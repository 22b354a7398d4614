"""``mocctl record …`` (issue 10): what each command writes, that untouched bytes stay, that every
refusal leaves the tree unchanged, and that two writers both land.

The records are a copy of the Japan–UK memorandum (``records/jp-uk``); every modification, notice
and activity written here is FICTIONAL.
"""

from __future__ import annotations

import difflib
import errno
import hashlib
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import WriteRecord
from typer.testing import Result

Run = Callable[..., Result]
MEMO = "jp-uk-quantum-2025"

MODIFICATION = """\
# FICTIONAL: a modification for the tests; no such event is public.
apiVersion: mocctl/v1
kind: Modification
id: mod-2026-quantum-safe
title: Quantum-safe communications as an area of cooperation   # the title as agreed
consents:   # written consent of each Side
  # Japan first
  - {side: JP, date: 2026-03-02, signatory: "Fictional signatory", form: written}

# the date the Sides determined
effective: 2026-04-01
changes:
  - op: add_area
    area:
      id: quantum-safe-comms
      title: 'Quantum-safe communications'
      text: >-
        Exploring joint work on the migration to quantum-safe cryptography
        and communications networks.
"""


def tree(root: Path) -> dict[str, tuple[str, int]]:
    """Every file below ``root`` (hidden ones too): its hash and mode."""
    return {
        p.relative_to(root).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            stat.S_IMODE(p.stat().st_mode),
        )
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def added_lines(old: str, new: str) -> list[str]:
    """The lines ``new`` adds to ``old``; fails if it removes or changes any."""
    diff = list(difflib.ndiff(old.splitlines(keepends=True), new.splitlines(keepends=True)))
    assert not [d for d in diff if d.startswith("- ")], "a line was changed or removed"
    return [d[2:] for d in diff if d.startswith("+ ")]


@pytest.fixture
def record(run: Run, records: Path) -> Callable[..., Result]:
    def _record(*args: str) -> Result:
        return run("--records", str(records), "record", *args)

    return _record


# -- record notice ---------------------------------------------------------------------------------


def test_notice_then_status_says_discontinuation_pending_from_2027_04_11(
    record: Callable[..., Result], run: Run, records: Path
) -> None:
    result = record(
        "notice", MEMO, "--by", "UK", "--received", "2027-01-10", "--dated", "2027-01-08"
    )
    assert result.exit_code == 0, result.output
    assert "now: discontinuation pending with effect from 2027-04-11 (safe-harbour;" in (
        result.stdout
    )
    assert "was: in force since 2025-04-28" in result.stdout
    written = records / "jp-uk" / "notices" / "uk-discontinuation-2027.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schema/record.schema.json")
    status = run("--records", str(records), "status", "--as-of", "2027-02-01", "-f", "json")
    data = json.loads(status.stdout)
    assert data["state"] == "discontinuation_pending"
    assert data["discontinuation"]["effective"] == "2027-04-11"
    assert data["discontinuation"]["notice"] == "uk-discontinuation-2027"
    text_status = run("--records", str(records), "status", "--as-of", "2027-02-01")
    assert "Discontinuation takes effect on 2027-04-11" in text_status.stdout
    validate = run("--records", str(records), "validate")
    assert validate.exit_code == 0, validate.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "FR", "--received", "2027-01-10"], "--by 'FR' is not a Side of"),
        (["--by", "UK", "--received", "2027-02-30"], "--received '2027-02-30' is not a real date"),
        (["--by", "UK", "--received", "2027-01-10T10:00"], "has no UTC offset"),
        (
            ["--by", "UK", "--received", "2027-01-07", "--dated", "2027-01-08"],
            "is before the letter's date",
        ),
        (["--by", "UK", "--received", "2027-01-10", "--to", "UK"], "does not give notice to"),
        (["--by", "UK", "--received", "2027-01-10", "--id", "Bad Id"], "is not a record id"),
    ],
)
def test_bad_input_is_a_usage_error_and_the_tree_is_unchanged(
    record: Callable[..., Result], tmp_path: Path, args: list[str], message: str
) -> None:
    before = tree(tmp_path)
    result = record("notice", MEMO, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert tree(tmp_path) == before


def test_a_notice_with_an_id_that_exists_is_refused(
    record: Callable[..., Result], tmp_path: Path
) -> None:
    first = record("notice", "--by", "UK", "--received", "2027-01-10", "--id", "uk-notice")
    assert first.exit_code == 0, first.output
    before = tree(tmp_path)
    again = record("notice", "--by", "JP", "--received", "2027-02-10", "--id", "uk-notice")
    assert again.exit_code == 2
    assert "a record 'uk-notice' already exists" in again.stderr
    assert tree(tmp_path) == before
    taken = record("notice", "--by", "JP", "--received", "2027-02-10", "--id", MEMO)
    assert taken.exit_code == 2
    assert tree(tmp_path) == before


def test_a_default_id_that_is_taken_gets_a_number(record: Callable[..., Result]) -> None:
    assert record("notice", "--by", "UK", "--received", "2027-01-10").exit_code == 0
    second = record("notice", "--by", "UK", "--received", "2027-03-10", "-f", "json")
    assert json.loads(second.stdout)["record"] == "uk-discontinuation-2027-2"


def test_a_change_that_adds_an_error_is_refused_exit_1(
    record: Callable[..., Result], tmp_path: Path
) -> None:
    assert record("notice", "--by", "UK", "--received", "2027-01-10").exit_code == 0
    before = tree(tmp_path)
    late = record(  # received after E (2027-04-11): it cannot revoke (an error)
        "revocation",
        "--revokes",
        "uk-discontinuation-2027",
        "--by",
        "UK",
        "--received",
        "2027-05-01",
    )
    assert late.exit_code == 1, late.output
    assert "error MOC" in late.stderr
    assert "nothing was written" in late.stderr
    assert tree(tmp_path) == before
    ok = record(
        "revocation",
        "--revokes",
        "uk-discontinuation-2027",
        "--by",
        "UK",
        "--received",
        "2027-02-01",
    )
    assert ok.exit_code == 0, ok.output
    assert "now: in force since 2025-04-28" in ok.stdout


def test_dry_run_prints_the_diff_and_writes_nothing(
    record: Callable[..., Result], tmp_path: Path
) -> None:
    before = tree(tmp_path)
    result = record("notice", "--by", "UK", "--received", "2027-01-10", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("--- /dev/null\n+++ b/")
    assert "+received: 2027-01-10" in result.stdout
    assert tree(tmp_path) == before
    data = json.loads(
        record("notice", "--by", "UK", "--received", "2027-01-10", "--dry-run", "-f", "json").stdout
    )
    assert data["written"] is False and "+by: UK" in data["diff"]
    assert tree(tmp_path) == before


def test_json_says_what_changed(record: Callable[..., Result]) -> None:
    result = record("notice", "--by", "UK", "--received", "2027-01-10T16:30:00+00:00", "-f", "json")
    data = json.loads(result.stdout)
    assert data["written"] is True
    assert data["before"]["state"] == "in_force"
    assert data["after"]["state"] == "discontinuation_pending"
    assert data["after"]["discontinuation"]["effective"] == "2027-04-12"  # 11 Jan in Tokyo
    assert data["files"] == ["records/jp-uk/notices/uk-discontinuation-2027.yaml"]


# -- record consent: in place, comments and mode kept ---------------------------------------------


def test_consent_keeps_every_byte_and_the_mode_and_takes_effect(
    record: Callable[..., Result], run: Run, records: Path, write: WriteRecord
) -> None:
    path = write("modifications/mod.yaml", MODIFICATION)
    path.chmod(0o640)
    old = path.read_text(encoding="utf-8")
    before = json.loads(
        run("--records", str(records), "status", "--as-of", "2026-04-01", "-f", "json").stdout
    )
    assert before["modifications"][0]["status"] == "awaiting_consent"
    result = record(
        "consent",
        "mod-2026-quantum-safe",
        "--side",
        "UK",
        "--date",
        "2026-03-05",
        "--signatory",
        "Fictional signatory",
    )
    assert result.exit_code == 0, result.output
    assert "modification mod-2026-quantum-safe: awaiting_consent → in_effect" in result.stdout
    new = path.read_text(encoding="utf-8")
    assert added_lines(old, new) == [
        "  - {side: UK, date: 2026-03-05, signatory: Fictional signatory, form: written}\n"
    ]
    assert [line for line in old.splitlines() if "#" in line] == [
        line for line in new.splitlines() if "#" in line
    ]
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    status = run("--records", str(records), "status", "--as-of", "2026-04-01", "-f", "json")
    assert json.loads(status.stdout)["modifications"][0]["status"] == "in_effect"
    day_before = run("--records", str(records), "status", "--as-of", "2026-03-31", "-f", "json")
    assert json.loads(day_before.stdout)["modifications"][0]["status"] == "scheduled"


def test_consent_refusals_leave_the_tree_unchanged(
    record: Callable[..., Result], tmp_path: Path, write: WriteRecord
) -> None:
    write("modifications/mod.yaml", MODIFICATION)
    before = tree(tmp_path)
    cases = [
        (["mod-2026-quantum-safe", "--side", "JP", "--date", "2026-03-09"], "JP already consented"),
        (["mod-2026-quantum-safe", "--side", "FR", "--date", "2026-03-09"], "is not a Side"),
        (["mod-2026-quantum-safe", "--side", "UK", "--date", "2026-02-29"], "not a real date"),
        (["no-such-mod", "--side", "UK", "--date", "2026-03-05"], "no modification/decision"),
    ]
    for args, message in cases:
        result = record("consent", *args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr
        assert tree(tmp_path) == before
    same = record("consent", "mod-2026-quantum-safe", "--side", "JP", "--date", "2026-03-02")
    assert same.exit_code == 0  # already recorded, exactly: nothing to do
    assert "already recorded; nothing was written" in same.stdout
    assert tree(tmp_path) == before


def test_a_failed_write_leaves_the_tree_unchanged(
    record: Callable[..., Result],
    tmp_path: Path,
    write: WriteRecord,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write("modifications/mod.yaml", MODIFICATION)
    before = tree(tmp_path)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = record("consent", "mod-2026-quantum-safe", "--side", "UK", "--date", "2026-03-05")
    monkeypatch.undo()
    assert result.exit_code == 2
    assert "No space left on device; nothing was changed" in result.stderr
    assert tree(tmp_path) == before


# -- the other record commands -------------------------------------------------------------------


def test_signature_on_a_new_memorandum(run: Run, tmp_path: Path) -> None:
    made = run(
        "init",
        "new",
        "--id",
        "aa-bb",
        "--title",
        "Memorandum of Cooperation on examples",
        "--side",
        "AA:The Ministry of Aaland:GB:Europe/London",
        "--side",
        "BB:The Office of Beeland:JP:Asia/Tokyo",
        "--notice-period",
        "P3M",
    )
    assert made.exit_code == 0, made.output
    memo = tmp_path / "new" / "aa-bb" / "memorandum.yaml"
    old = memo.read_text(encoding="utf-8")
    first = run(
        "--records",
        "new",
        "record",
        "signature",
        "--side",
        "AA",
        "--date",
        "2026-01-15",
        "--signatory",
        "A. Example",
    )
    assert first.exit_code == 0, first.output
    assert "now: awaiting signature (signed by AA; not yet by BB)" in first.stdout
    second = run(
        "--records",
        "new",
        "record",
        "signature",
        "--side",
        "BB",
        "--date",
        "2026-01-16",
        "--signatory",
        "B. Sample",
        "--title",
        "Director",
    )
    assert "now: in force since 2026-01-16" in second.stdout
    assert added_lines(old, memo.read_text(encoding="utf-8")) == [
        "signatures:\n",
        "  - {side: AA, signatory: A. Example, date: 2026-01-15}\n",
        "  - {side: BB, signatory: B. Sample, title: Director, date: 2026-01-16}\n",
    ]
    again = run(
        "--records",
        "new",
        "record",
        "signature",
        "--side",
        "BB",
        "--date",
        "2026-01-17",
        "--signatory",
        "B. Sample",
    )
    assert again.exit_code == 2 and "BB already signed" in again.stderr


def test_activity_and_end_activity(record: Callable[..., Result], run: Run, records: Path) -> None:
    made = record(
        "activity",
        "--title",
        "Researcher exchange",
        "--area",
        "education-exchange",
        "--start",
        "2025-10-01",
        "--end",
        "2028-09-30",
    )
    assert made.exit_code == 0, made.output
    path = records / "jp-uk" / "activities" / "researcher-exchange.yaml"
    old = path.read_text(encoding="utf-8")
    assert "areas: [education-exchange]" in old
    bad = record("activity", "--title", "X", "--area", "no-such-area", "--start", "2025-10-01")
    assert bad.exit_code == 2 and "is not an area" in bad.stderr
    ended = record("end-activity", "researcher-exchange", "--end", "2027-09-30")
    assert ended.exit_code == 0, ended.output
    new = path.read_text(encoding="utf-8")
    assert new == old.replace("end: 2028-09-30", "end: 2027-09-30")
    status = run("--records", str(records), "status", "--as-of", "2027-10-01", "-f", "json")
    assert (
        json.loads(status.stdout)["activities"]
        == [{"id": "researcher-exchange", "status": "ended"}]
        or json.loads(status.stdout)["activities"][0]["status"] == "ended"
    )
    early = record("end-activity", "researcher-exchange", "--end", "2025-01-01")
    assert early.exit_code == 2 and "before the activity's start" in early.stderr


def test_receipts_of_a_multilateral_notice(
    run: Run, tmp_path: Path, write: WriteRecord, memo_dir: Path
) -> None:
    memo = memo_dir / "memorandum.yaml"
    text = memo.read_text(encoding="utf-8")
    memo.write_text(
        text.replace(
            "    timezone: Europe/London\n",
            "    timezone: Europe/London\n  - id: FR\n    name: The Ministry of Fictions\n"
            "    jurisdiction: FR\n    timezone: Europe/Paris\n",
            1,
        )
        .replace("    rule: safe-harbour", "    rule: safe-harbour\n    effect: discontinues", 1)
        .replace(
            "originals: 2",
            "  - {side: FR, signatory: A. Fiction, date: 2025-04-28}\noriginals: 2",
            1,
        ),
        encoding="utf-8",
    )
    write(
        "notices/uk.yaml",
        """\
        apiVersion: mocctl/v1
        kind: Notice
        id: uk-notice
        type: discontinuation
        by: UK
        to: [JP, FR]
        dated: 2027-01-08
        receipts:
          - {side: JP, received: 2027-01-10}
        """,
    )
    records = str(memo_dir.parent)
    early = run(
        "--records",
        records,
        "record",
        "receipt",
        "uk-notice",
        "--side",
        "FR",
        "--received",
        "2027-01-07",
    )
    assert early.exit_code == 2 and "before the letter's date" in early.stderr
    twice = run(
        "--records",
        records,
        "record",
        "receipt",
        "uk-notice",
        "--side",
        "JP",
        "--received",
        "2027-01-11",
    )
    assert twice.exit_code == 2 and "already records JP's receipt" in twice.stderr
    done = run(
        "--records",
        records,
        "record",
        "receipt",
        "uk-notice",
        "--side",
        "FR",
        "--received",
        "2027-01-12",
    )
    assert done.exit_code == 0, done.output
    assert "  - {side: FR, received: 2027-01-12}\n" in (memo_dir / "notices/uk.yaml").read_text()
    assert "discontinuation pending with effect from 2027-04-13" in done.stdout


def test_sent_makes_a_draft_real(run: Run, records: Path, write: WriteRecord) -> None:
    path = write(
        "notices/draft.yaml",
        """\
        # drafted by mocctl draft notice
        apiVersion: mocctl/v1
        kind: Notice
        id: uk-draft
        draft: true     # inert until sent
        type: discontinuation
        by: UK
        dated: 2027-01-08   # the letter's date
        """,
    )
    old = path.read_text(encoding="utf-8")
    result = run(
        "--records", str(records), "record", "sent", "uk-draft", "--received", "2027-01-10"
    )
    assert result.exit_code == 0, result.output
    assert "now: discontinuation pending with effect from 2027-04-11" in result.stdout
    new = path.read_text(encoding="utf-8")
    assert new == old.replace("draft: true     # inert until sent\n", "").replace(
        "dated: 2027-01-08   # the letter's date\n",
        "dated: 2027-01-08   # the letter's date\nreceived: 2027-01-10\n",
    )
    again = run("--records", str(records), "record", "sent", "uk-draft", "--received", "2027-01-11")
    assert again.exit_code == 2 and "already a real record" in again.stderr


# -- two writers ----------------------------------------------------------------------------------


def test_two_concurrent_writers_both_land(
    tmp_path: Path, write: WriteRecord, records: Path
) -> None:
    write(
        "modifications/mod.yaml",
        MODIFICATION.replace(
            '  - {side: JP, date: 2026-03-02, signatory: "Fictional signatory", form: written}\n',
            "",
        ).replace(
            "consents:   # written consent of each Side\n  # Japan first\n", "consents: []\n"
        ),
    )
    env = {**os.environ, "NO_COLOR": "1", "MOCCTL_NO_CACHE": "1"}
    base = [sys.executable, "-m", "mocctl", "--records", str(records), "record"]
    procs = [
        subprocess.Popen(
            [*base, "consent", "mod-2026-quantum-safe", "--side", side, "--date", date],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for side, date in (("JP", "2026-03-02"), ("UK", "2026-03-05"))
    ] + [
        subprocess.Popen(
            [
                *base,
                "activity",
                "--title",
                f"Activity {n}",
                "--area",
                "research-dialogue",
                "--start",
                "2025-10-01",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, (out, err)
    text = (records / "jp-uk" / "modifications" / "mod.yaml").read_text(encoding="utf-8")
    assert "side: JP, date: 2026-03-02" in text and "side: UK, date: 2026-03-05" in text
    assert sorted(p.name for p in (records / "jp-uk" / "activities").iterdir()) == [
        "activity-0.yaml",
        "activity-1.yaml",
    ]
    assert not [p for p in tmp_path.rglob(".*") if p.is_file()]  # no lock, no temporary file


# -- the in-place editor -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (  # flow list
            "id: m\nconsents: [{side: JP, date: 2026-03-02}]  # note\neffective: 2026-04-01\n",
            "id: m\nconsents: [{side: JP, date: 2026-03-02}, {side: UK, date: 2026-03-05}]"
            "  # note\neffective: 2026-04-01\n",
        ),
        (  # empty flow list
            "id: m\nconsents: []\n",
            "id: m\nconsents: [{side: UK, date: 2026-03-05}]\n",
        ),
        (  # block mappings, a trailing comment kept after the new item
            "id: m\nconsents:\n  - side: JP\n    date: 2026-03-02\n# next\neffective: x\n",
            "id: m\nconsents:\n  - side: JP\n    date: 2026-03-02\n  - side: UK\n"
            "    date: 2026-03-05\n# next\neffective: x\n",
        ),
        (  # an indentless list, the last line without a newline
            "id: m\nconsents:\n- {side: JP, date: 2026-03-02}",
            "id: m\nconsents:\n- {side: JP, date: 2026-03-02}\n- {side: UK, date: 2026-03-05}\n",
        ),
        (  # no list yet: the key is added after `title`
            "id: m\ntitle: T   # the title\neffective: x\n",
            "id: m\ntitle: T   # the title\nconsents:\n  - {side: UK, date: 2026-03-05}\n"
            "effective: x\n",
        ),
        (  # the second document of a file
            "id: other\n---\nid: m\nconsents: []\n",
            "id: other\n---\nid: m\nconsents: [{side: UK, date: 2026-03-05}]\n",
        ),
    ],
)
def test_append_splices_one_item_and_nothing_else(before: str, after: str) -> None:
    import datetime as dt

    from mocctl.recording.yamledit import YamlFile

    file = YamlFile(before, "m.yaml")
    file.append("m", "consents", {"side": "UK", "date": dt.date(2026, 3, 5)}, after=("title",))
    assert file.text == after


def test_set_and_delete_keep_the_rest() -> None:
    import datetime as dt

    from mocctl.recording.yamledit import YamlFile

    file = YamlFile("id: a   # me\ndraft: true  # inert\nend: 2028-09-30  # planned\n", "a.yaml")
    file.set("a", "end", dt.date(2027, 9, 30))
    file.delete("a", "draft")
    file.set("a", "title", "Quoted: yes", after=("id",))
    assert file.text == 'id: a   # me\ntitle: "Quoted: yes"\nend: 2027-09-30  # planned\n'


def test_a_writer_that_finds_the_lock_held_says_who_holds_it(
    run: Run, records: Path, tmp_path: Path
) -> None:
    from mocctl.io.lock import folder_lock

    with folder_lock(records / "jp-uk"):
        before = tree(tmp_path)
        result = run(
            "--records",
            str(records),
            "record",
            "notice",
            "--by",
            "UK",
            "--received",
            "2027-01-10",
            env={"MOCCTL_LOCK_TIMEOUT": "0.1"},
        )
        assert result.exit_code == 2
        assert f"is being changed by pid {os.getpid()} on " in result.stderr
        assert "nothing was written" in result.stderr
        assert tree(tmp_path) == before
    assert not (records / "jp-uk" / ".mocctl.lock").exists()
