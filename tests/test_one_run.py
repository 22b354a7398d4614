"""Every finding in one run (issue 13): a schema error hides no other finding, and brings no
consequential one. Records here are FICTIONAL, except the copied Japan–UK memorandum."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import ROOT, WriteRecord, harmonise_names
from typer.testing import Result

from mocctl.io.loader import read_text
from mocctl.model.records import Activity, Memorandum, Notice
from mocctl.model.salvage import SalvagedSource

Run = Callable[..., Result]

MODIFICATION = """\
apiVersion: mocctl/v1
kind: Modification
id: mod-quantum-safe
title: Quantum-safe communications
consents:
  - {side: JP, date: 2026-03-02, signatory: "A. Minister", form: written}
  - {side: UK, date: 2026-03-05, signatory: "B. Minister", form: written}
effective: 2026-04-01
changes:
  - op: add_area
    area: {id: quantum-safe-comms, title: Quantum-safe communications, text: "Cooperation."}
"""

ACTIVITY = """\
apiVersion: mocctl/v1
kind: Activity
id: qsc-testbed
title: Quantum-safe testbed
areas: [{areas}]
start: 2026-05-01
"""

NOTICE = """\
apiVersion: mocctl/v1
kind: Notice
id: uk-discontinuation
type: discontinuation
by: UK
form: written
dated: {dated}
received: {received}
"""


def errors(run: Run, records: Path, *args: str) -> list[tuple[str, str, int]]:
    result = run("--records", str(records), "validate", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    found = json.loads(result.stdout)
    return [(f["code"], Path(f["file"]).name, f["line"]) for f in found if f["severity"] != "info"]


def break_memorandum(memo_dir: Path, old: str, new: str) -> None:
    memo = memo_dir / "memorandum.yaml"
    text = memo.read_text(encoding="utf-8")
    assert old in text
    memo.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def test_five_mistakes_in_four_files_in_one_run(
    run: Run, records: Path, memo_dir: Path, write: WriteRecord
) -> None:
    harmonise_names(memo_dir)
    # 1. a wrong type in memorandum.yaml: `no` is text in YAML 1.2
    break_memorandum(memo_dir, "legally_binding: false", "legally_binding: no")
    # 2. a misspelt key in the modification that adds an area
    write("modifications/mod.yaml", MODIFICATION.replace("consents:", "consent:", 1))
    # 3. an activity that names that area (no finding) and one that does not exist
    (memo_dir / "documents").mkdir()
    (memo_dir / "documents" / "plan.txt").write_text("plan\n", encoding="utf-8")
    (memo_dir / "documents" / "minutes.txt").write_text("minutes\n", encoding="utf-8")
    plan = hashlib.sha256(b"plan\n").hexdigest()
    # 4. a wrong sha256 among two documents
    write(
        "activities/act.yaml",
        ACTIVITY.format(areas="quantum-safe-comms, no-such-area")
        + "documents:\n"
        + f"  - {{path: documents/plan.txt, sha256: {plan}}}\n"
        + f"  - {{path: documents/minutes.txt, sha256: {'ab' * 32}}}\n",
    )
    # 5. a date that does not exist
    write("notices/n.yaml", NOTICE.format(dated="2027-02-30", received="2027-03-10"))

    assert sorted(errors(run, records)) == sorted(
        [
            ("MOC105", "memorandum.yaml", line_of(memo_dir / "memorandum.yaml", "legally_b")),
            ("MOC103", "mod.yaml", 5),
            ("MOC206", "act.yaml", 5),
            ("MOC503", "act.yaml", 9),
            ("MOC106", "n.yaml", 7),
        ]
    )


def test_the_hint_of_a_misspelt_key_names_another_key(
    run: Run, records: Path, memo_dir: Path, write: WriteRecord
) -> None:
    """`consent` is a key of the terms, not of a Modification: the hint names `consents`."""
    write("modifications/mod.yaml", MODIFICATION.replace("consents:", "consent:", 1))
    result = run("--records", str(records), "validate", "--format", "json")
    [found] = [f for f in json.loads(result.stdout) if f["code"] == "MOC103"]
    assert found["hint"] == "did you mean 'consents'?"


def test_a_wrong_type_in_the_memorandum_hides_no_cross_record_finding(
    run: Run, records: Path, memo_dir: Path, write: WriteRecord
) -> None:
    harmonise_names(memo_dir)
    break_memorandum(memo_dir, "legally_binding: false", "legally_binding: no")
    write("activities/act.yaml", ACTIVITY.format(areas="no-such-area"))
    write(
        "notices/n.yaml",
        NOTICE.format(dated="2027-01-08", received="2027-01-10").replace("by: UK", "by: FR"),
    )
    assert sorted(code for code, _, _ in errors(run, records)) == ["MOC105", "MOC205", "MOC206"]


def test_a_misspelt_key_in_a_modification_brings_no_unknown_area(
    run: Run, records: Path, memo_dir: Path, write: WriteRecord
) -> None:
    harmonise_names(memo_dir)
    write("modifications/mod.yaml", MODIFICATION + "efective: 2026-04-01\n")
    write("activities/act.yaml", ACTIVITY.format(areas="quantum-safe-comms"))
    assert errors(run, records) == [("MOC103", "mod.yaml", 12)]


def test_a_modification_that_cannot_be_read_brings_no_unknown_area(
    run: Run, records: Path, memo_dir: Path, write: WriteRecord
) -> None:
    """Its effective date is wrong, so it is left out; the area it adds is still no finding."""
    harmonise_names(memo_dir)
    write(
        "modifications/mod.yaml",
        MODIFICATION.replace("effective: 2026-04-01", "effective: 2026-04-31"),
    )
    write("activities/act.yaml", ACTIVITY.format(areas="quantum-safe-comms"))
    assert errors(run, records) == [("MOC106", "mod.yaml", 8)]


def test_a_notice_that_cannot_be_read_brings_no_unknown_notice(
    run: Run, records: Path, memo_dir: Path, write: WriteRecord
) -> None:
    harmonise_names(memo_dir)
    write("notices/n.yaml", NOTICE.format(dated="2027-02-30", received="2027-03-10"))
    write(
        "notices/r.yaml",
        """\
        apiVersion: mocctl/v1
        kind: Notice
        id: uk-revocation
        type: revocation
        revokes: uk-discontinuation
        by: UK
        dated: 2027-03-20
        received: 2027-03-21
        """,
    )
    assert errors(run, records) == [("MOC106", "n.yaml", 7)]


def test_a_wrong_optional_date_brings_no_lifecycle_consequence(
    run: Run, records: Path, memo_dir: Path, write: WriteRecord
) -> None:
    """Without its wrong `received`, the notice would be "dated only" (a warning): not said."""
    harmonise_names(memo_dir)
    write("notices/n.yaml", NOTICE.format(dated="2027-01-08", received="2027-01-40"))
    assert errors(run, records) == [("MOC106", "n.yaml", 8)]


def test_one_bad_sha256_hides_no_other_document(
    run: Run, records: Path, memo_dir: Path, write: WriteRecord
) -> None:
    harmonise_names(memo_dir)
    write(
        "activities/act.yaml",
        ACTIVITY.format(areas="research-dialogue")
        + "documents:\n"
        + "  - {path: documents/plan.pdf, sha256: not-a-hash}\n"
        + f"  - {{path: documents/gone.pdf, sha256: {'ab' * 32}}}\n",
    )
    assert errors(run, records) == [("MOC107", "act.yaml", 8), ("MOC502", "act.yaml", 9)]


def test_an_activity_that_cannot_be_read_brings_no_unknown_activity(
    run: Run, records: Path, memo_dir: Path, write: WriteRecord
) -> None:
    harmonise_names(memo_dir)
    write(
        "decisions/d.yaml",
        """\
        apiVersion: mocctl/v1
        kind: Decision
        id: wind-down
        title: Wind-down
        consents: [{side: JP, date: 2027-02-01}, {side: UK, date: 2027-02-03}]
        effective: 2027-02-03
        decides:
          - {op: end_activity, activity: qsc-testbed, end: 2027-09-30}
        """,
    )
    write(
        "activities/act.yaml",
        ACTIVITY.format(areas="research-dialogue").replace(
            "start: 2026-05-01", "start: 2026-05-32"
        ),
    )
    assert errors(run, records) == [("MOC106", "act.yaml", 6)]


def test_a_memorandum_without_a_wrong_signature_brings_no_lifecycle_consequence(
    run: Run, records: Path, memo_dir: Path, write: WriteRecord
) -> None:
    """Kept without the signature, it would be awaiting signature: nothing follows from that."""
    harmonise_names(memo_dir)
    break_memorandum(memo_dir, "date: 2025-04-28", "date: 2025-04-31")
    write("activities/act.yaml", ACTIVITY.format(areas="no-such-area"))
    write("notices/n.yaml", NOTICE.format(dated="2027-01-08", received="2027-01-10"))
    memo = memo_dir / "memorandum.yaml"
    assert errors(run, records) == [
        ("MOC206", "act.yaml", 5),
        ("MOC106", "memorandum.yaml", line_of(memo, "2025-04-31")),
    ]


def test_an_acceptance_of_a_finding_left_out_is_not_stale(
    run: Run, records: Path, memo_dir: Path
) -> None:
    """The copied memorandum accepts its MOC401; a wrong signature date changes nothing there."""
    break_memorandum(memo_dir, "date: 2025-04-28", "date: 2025-04-31")
    codes = [code for code, _, _ in errors(run, records)]
    assert "MOC326" not in codes and "MOC106" in codes


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("legally_binding: false", "legally_binding: false\n\tstray: tab"),  # a syntax error
        ("  - id: JP\n", "  - id: JP\n    timezone: Mars/Olympus\n"),  # cannot be salvaged
    ],
)
def test_a_broken_memorandum_brings_no_missing_memorandum(
    run: Run, records: Path, memo_dir: Path, write: WriteRecord, old: str, new: str
) -> None:
    harmonise_names(memo_dir)
    break_memorandum(memo_dir, old, new)
    write("activities/act.yaml", ACTIVITY.format(areas="no-such-area"))
    found = errors(run, records)
    assert found, "the memorandum's own error is reported"
    assert {file for _, file, _ in found} == {"memorandum.yaml"}
    assert "MOC202" not in {code for code, _, _ in found}


def test_every_command_a_hint_names_exists(run: Run) -> None:
    """`mocctl init` exists now; no message points at a command that does not."""
    named = set()
    for source in (ROOT / "src" / "mocctl").rglob("*.py"):
        named |= set(re.findall(r"`mocctl ([a-z][a-z-]*)", source.read_text(encoding="utf-8")))
    assert "init" in named
    for command in sorted(named):
        assert run(command, "--help").exit_code == 0, command


# --- the salvage itself ------------------------------------------------------------------------


def test_a_salvaged_record_says_what_was_left_out() -> None:
    text = ACTIVITY.format(areas="research-dialogue") + "colour: blue\nend: someday\n"
    findings: list = []
    [record] = read_text(text, "act.yaml", findings)
    assert isinstance(record, Activity) and record.end is None
    assert isinstance(record.source, SalvagedSource)
    assert sorted(record.source.dropped) == ["colour", "end"] and record.source.lossy
    assert sorted(f.code for f in findings) == ["MOC103", "MOC106"]


def test_a_misspelt_key_is_read_as_the_key_it_is_close_to() -> None:
    text = NOTICE.format(dated="2027-01-08", received="2027-01-10")
    [record] = read_text(text.replace("received:", "recieved:"), "n.yaml", [])
    assert isinstance(record, Notice) and record.received is not None
    assert isinstance(record.source, SalvagedSource) and record.source.lossy


def test_an_unknown_key_alone_loses_nothing() -> None:
    text = NOTICE.format(dated="2027-01-08", received="2027-01-10") + "colour: blue\n"
    [record] = read_text(text, "n.yaml", [])
    assert isinstance(record, Notice)
    assert isinstance(record.source, SalvagedSource) and not record.source.lossy


def test_the_memorandum_keeps_its_valid_parts() -> None:
    text = (ROOT / "records" / "jp-uk-quantum-2025" / "memorandum.yaml").read_text("utf-8")
    findings: list = []
    [memo] = read_text(
        text.replace("legally_binding: false", "legally_binding: no"), "m.yaml", findings
    )
    assert isinstance(memo, Memorandum) and len(memo.areas) == 8
    assert [f.code for f in findings] == ["MOC105"]


@pytest.mark.parametrize(
    "broken",
    [
        "draft: maybe\n",  # a draft must never count by mistake
        "start: soon\n",  # a required key is wrong
    ],
)
def test_what_cannot_be_salvaged_is_left_out(broken: str) -> None:
    text = ACTIVITY.format(areas="research-dialogue").replace("start: 2026-05-01\n", "") + broken
    if "start" not in broken:
        text += "start: 2026-05-01\n"
    findings: list = []
    assert read_text(text, "act.yaml", findings) == []
    assert findings
