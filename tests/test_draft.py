"""``mocctl draft modification|notice|decision``: letters and record skeletons from templates.

The memorandum is a copy of records/jp-uk-quantum-2025/memorandum.yaml. The activity and every
drafted modification, notice and decision here are FICTIONAL test data.

Golden files under tests/golden/ hold the output of each packaged template. They change only
deliberately: ``MOCCTL_UPDATE_GOLDEN=1 pytest tests/test_draft.py`` rewrites them; review the
diff before committing it.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import WriteRecord, harmonise_names
from typer.testing import Result

from mocctl import drafting
from mocctl.checks import check_records
from mocctl.core import periods
from mocctl.errors import UsageError
from mocctl.findings import Finding, Severity
from mocctl.io.atomic import atomic_write_text
from mocctl.io.loader import load, read_text
from mocctl.io.yamlio import parse

Run = Callable[..., Result]

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("MOCCTL_UPDATE_GOLDEN") == "1"
NEW_22 = (
    "The cooperation under this Memorandum of Cooperation will commence on the date of its "
    "signature by the Sides. Each Side may discontinue this Memorandum of Cooperation by giving "
    "written notice to the other Side of the intention to discontinue six (6) months in advance.\n"
)
QUANTUM_SAFE = (
    "quantum-safe-comms=Quantum-safe communications:Cooperating on the migration of "
    "communications networks to quantum-safe cryptography (fictional area for tests)."
)
TREATY = re.compile(r"\b(shall|agree[sd]?|parties)\b", re.IGNORECASE)


def split(stdout: str) -> dict[str, str]:
    """The files of a draft printed on stdout, by name (``==> NAME <==`` separators, each file
    but the last followed by a blank line)."""
    parts = re.split(r"^==> (\S+) <==\n", stdout, flags=re.MULTILINE)
    assert parts[0] == ""
    bodies = [body.removesuffix("\n") for body in parts[2:-1:2]] + [parts[-1]]
    return dict(zip(parts[1::2], bodies, strict=True))


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file {name}; run with MOCCTL_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.fixture
def activity(write: WriteRecord) -> Path:
    return write(
        "activities/researcher-exchange.yaml",
        """\
        # FICTIONAL test record: no such activity of the Japan–UK memorandum is recorded.
        apiVersion: mocctl/v1
        kind: Activity
        id: researcher-exchange
        title: Early-career researcher exchange
        areas: [education-exchange]
        start: 2025-10-01
        end: 2028-09-30
        """,
    )


def draft_modification(run: Run, records: Path, tmp_path: Path, *more: str) -> Result:
    body = tmp_path / "new-2.2.txt"
    body.write_text(NEW_22, encoding="utf-8")
    return run(
        "draft", "modification", "jp-uk-quantum-2025", "--records", str(records),
        "--as-of", "2026-01-10", "--effective", "2026-04-01", "--id", "mod-2026-quantum-safe",
        "--title", "Quantum-safe communications and a six-month notice period",
        "--add-area", QUANTUM_SAFE, "--replace-text", f"2.2={body}",
        "--set-term", "notice_period=P6M", *more,
    )  # fmt: skip


def draft_notice(run: Run, records: Path, *more: str) -> Result:
    return run(
        "draft", "notice", "jp-uk-quantum-2025", "--by", "JP", "--received", "2027-02-28",
        "--records", str(records), "--as-of", "2027-01-10", *more,
    )  # fmt: skip


def draft_decision(run: Run, records: Path, *more: str) -> Result:
    return run(
        "draft", "decision", "--records", str(records), "--as-of", "2027-01-10",
        "--effective", "2027-02-03", "--id", "wind-down-2027",
        "--title", "Arrangements on discontinuation",
        "--end-activity", "researcher-exchange=2027-09-30", "--add-area",
        "quantum-biology=Quantum biology:Exploring quantum effects in living systems (fictional).",
        *more,
    )  # fmt: skip


# -- golden files of the packaged templates ------------------------------------------------------


def test_golden_modification(run: Run, records: Path, tmp_path: Path) -> None:
    result = draft_modification(run, records, tmp_path)
    assert result.exit_code == 0, result.output
    files = split(result.stdout)
    assert list(files) == ["mod-2026-quantum-safe.md", "mod-2026-quantum-safe.yaml"]
    golden("modification.md", files["mod-2026-quantum-safe.md"])
    golden("modification.yaml", files["mod-2026-quantum-safe.yaml"])


def test_golden_notice(run: Run, records: Path) -> None:
    result = draft_notice(run, records)
    assert result.exit_code == 0, result.output
    files = split(result.stdout)
    golden("notice.md", files["jp-discontinuation-2027.md"])
    golden("notice.yaml", files["jp-discontinuation-2027.yaml"])


def test_golden_decision(run: Run, records: Path, activity: Path) -> None:
    result = draft_decision(run, records)
    assert result.exit_code == 0, result.output
    files = split(result.stdout)
    golden("decision.md", files["wind-down-2027.md"])
    golden("decision.yaml", files["wind-down-2027.yaml"])


@pytest.mark.parametrize("name", ["modification.md", "notice.md", "decision.md"])
def test_letters_keep_the_register_of_a_non_binding_instrument(name: str) -> None:
    letter = (GOLDEN / name).read_text(encoding="utf-8")
    assert not TREATY.findall(letter)
    if name != "notice.md":
        assert "The Sides have jointly decided" in letter


def test_modification_letter_quotes_the_text_before_and_after(
    run: Run, records: Path, tmp_path: Path
) -> None:
    letter = split(draft_modification(run, records, tmp_path).stdout)["mod-2026-quantum-safe.md"]
    assert (
        "> The cooperation under this Memorandum of Cooperation will commence on the date of its "
        "signature by the Sides. Each Side may discontinue this Memorandum of Cooperation by "
        "giving written notice to the other Side of the intention to discontinue three (3) "
        "months in advance."
    ) in letter
    assert "> " + NEW_22.strip() in letter
    assert "six (6) months instead of three (3) months" in letter
    assert "This modification will commence on 1 April 2026" in letter


# -- the record skeletons are valid records --------------------------------------------------


@pytest.mark.parametrize("kind", ["modification", "notice", "decision"])
def test_record_skeletons_load_and_validate(kind: str) -> None:
    findings: list[Finding] = []
    records = read_text((GOLDEN / f"{kind}.yaml").read_text(encoding="utf-8"), "x.yaml", findings)
    assert findings == []
    (record,) = records
    assert type(record).__name__ == kind.capitalize()


def test_written_records_validate_with_the_memorandum(
    run: Run, records: Path, memo_dir: Path, tmp_path: Path, activity: Path
) -> None:
    harmonise_names(memo_dir)
    out = memo_dir / "drafts"
    for result in (
        draft_modification(run, records, tmp_path, "-o", str(out)),
        draft_notice(run, records, "-o", str(out)),
        draft_decision(run, records, "-o", str(out)),
    ):
        assert result.exit_code == 0, result.output
        assert result.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == [
        "jp-discontinuation-2027.md", "jp-discontinuation-2027.yaml",
        "mod-2026-quantum-safe.md", "mod-2026-quantum-safe.yaml",
        "wind-down-2027.md", "wind-down-2027.yaml",
    ]  # fmt: skip
    loaded = load([records])
    (memo_records,) = loaded.memoranda
    findings = loaded.findings + check_records(memo_records)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    # Drafts are inert (SPEC §3.6): kept aside, counted by no rule, each an info finding.
    assert (memo_records.modifications, memo_records.notices, memo_records.decisions) == (
        (), (), ()
    )  # fmt: skip
    assert sorted(r.id for r in memo_records.drafts) == [
        "jp-discontinuation-2027", "mod-2026-quantum-safe", "wind-down-2027"
    ]  # fmt: skip
    about_drafts = [(f.code, f.severity, f.line) for f in findings if "drafts/" in f.file]
    assert sorted(about_drafts) == [("MOC320", Severity.INFO, 9)] * 3  # the line `draft: true`


# -- the notice and the period calculator -----------------------------------------------------


def test_notice_names_the_safe_harbour_date_and_agrees_with_period(run: Run, records: Path) -> None:
    files = split(draft_notice(run, records).stdout)
    letter, record = files["jp-discontinuation-2027.md"], files["jp-discontinuation-2027.yaml"]
    assert "intends the discontinuation to take effect on 1 June 2027" in letter
    assert "remain in effect up to and including 31 May 2027" in letter
    assert "requested_effective: 2027-06-01" in record
    assert "received: 2027-02-28" in record
    expected = periods.safe_harbour(
        __import__("datetime").date(2027, 2, 28), 3, ["JP", "GB"], ["Asia/Tokyo", "Europe/London"]
    )
    assert expected.effective.isoformat() == "2027-06-01"
    calculator = run("period", "2027-02-28", "--format", "json")
    assert calculator.exit_code == 0, calculator.output
    answer = json.loads(calculator.stdout)
    assert answer["safe_harbour"]["effective"] == "2027-06-01"
    # The drafting note's table shows the same dates as the calculator, rule by rule.
    for rule, dates in answer["rules"].items():
        assert f"| {dates['last_day']} | {dates['effective']} |" in letter, rule
    assert "`mocctl period 2027-02-28`" in letter
    assert "Arts" not in letter or "Art. 143" in letter
    assert "*Dodds v Walker*" in letter and "Art. 140" in letter and "Art. 143" in letter


def test_notice_uses_the_period_in_force_on_receipt(
    run: Run, records: Path, write: WriteRecord
) -> None:
    write(
        "modifications/six-months.yaml",
        """\
        # FICTIONAL test record
        apiVersion: mocctl/v1
        kind: Modification
        id: six-months
        title: Six months' notice
        consents: [{side: JP, date: 2026-03-02}, {side: UK, date: 2026-03-05}]
        effective: 2026-04-01
        changes:
          - {op: set_term, term: discontinuation.notice_period, value: P6M}
        """,
    )
    files = split(draft_notice(run, records).stdout)
    letter = files["jp-discontinuation-2027.md"]
    assert "period of notice of six (6) months" in letter
    assert "as set by six-months" in letter
    # 28 Feb + 6 months: 28 August in English law, 31 August under Arts 140 and 143.
    assert "take effect on 1 September 2027" in letter
    assert "`mocctl period 2027-02-28 --period P6M`" in letter


def test_notice_with_a_later_requested_date(run: Run, records: Path) -> None:
    result = draft_notice(run, records, "--requested-effective", "2027-07-01")
    files = split(result.stdout)
    assert "take effect on 1 July 2027" in files["jp-discontinuation-2027.md"]
    assert "requested_effective: 2027-07-01" in files["jp-discontinuation-2027.yaml"]


def test_notice_with_an_earlier_requested_date_names_the_computed_one(
    run: Run, records: Path
) -> None:
    result = draft_notice(run, records, "--requested-effective", "2027-05-01")
    assert result.exit_code == 0
    assert "earlier than the notice period allows" in result.stderr
    assert "requested_effective: 2027-06-01" in split(result.stdout)["jp-discontinuation-2027.yaml"]


def test_notice_received_defaults_to_the_as_of_date(run: Run, records: Path) -> None:
    result = run(
        "draft", "notice", "--by", "UK", "--records", str(records), "--as-of", "2026-01-10"
    )
    assert result.exit_code == 0, result.output
    files = split(result.stdout)
    record = files["uk-discontinuation-2026.yaml"]
    assert "received: 2026-01-10" in record and "to: [JP]" in record
    assert "the as-of date; give `--received DATE`" in files["uk-discontinuation-2026.md"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "FR"], "--by FR: not a Side"),
        (["--by", "JP", "--received", "2025-01-01"], "has not commenced on 2025-01-01"),
        (["--by", "JP", "--to", "JP"], "--to JP: the notice goes to another Side"),
        (["--by", "JP", "--received", "2027-02-30"], "--received '2027-02-30' is not a date"),
        (["--by", "JP", "--id", "Bad Id"], "is not a valid id"),
    ],
)
def test_notice_usage_errors(run: Run, records: Path, args: list[str], message: str) -> None:
    result = run("draft", "notice", "--records", str(records), "--as-of", "2026-01-10", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


# -- modification and decision inputs ---------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "--effective is required"),
        (["--effective", "2026-04-01"], "nothing to modify"),
        (["--effective", "2026-04-01", "--add-area", "x"], "expected ID=TITLE:TEXT"),
        (
            ["--effective", "2026-04-01", "--add-area", "research-dialogue=A:B"],
            "--add-area research-dialogue: already an area of cooperation",
        ),
        (["--effective", "2026-04-01", "--set-term", "notice_period=P3W"], "P3W"),
        (["--effective", "2026-04-01", "--set-term", "colour=blue"], "colour: unknown term"),
        (["--effective", "2026-04-01", "--set-term", "notice_period=P3M"], "already the value"),
        (["--effective", "2026-04-01", "--replace-text", "9.9=x.txt"], "no section '9.9'"),
        (["--effective", "2026-04-01", "--replace-text", "2.2=missing.txt"], "does not exist"),
    ],
)
def test_modification_usage_errors(
    run: Run, records: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "x.txt").write_text("Some text.", encoding="utf-8")
    result = run("draft", "modification", "--records", str(records), "--as-of", "2026-01-10", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_add_area_from_a_file(run: Run, records: Path, tmp_path: Path) -> None:
    (tmp_path / "areas.yaml").write_text(
        "- id: space\n  title: 'Space: science and missions'\n  text: Joint missions.\n",
        encoding="utf-8",
    )
    result = run(
        "draft", "modification", "--records", str(records), "--as-of", "2026-01-10",
        "--effective", "2026-04-01", "--add-area", "@areas.yaml",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    files = split(result.stdout)
    assert list(files) == ["mod-2026-04-01.md", "mod-2026-04-01.yaml"]
    assert "**Space: science and missions:** Joint missions." in files["mod-2026-04-01.md"]
    assert 'title: "Space: science and missions"' in files["mod-2026-04-01.yaml"]


def test_draft_with_treaty_language_warns_on_stderr(run: Run, records: Path) -> None:
    result = run(
        "draft", "modification", "--records", str(records), "--as-of", "2026-01-10",
        "--effective", "2026-04-01", "--id", "mod-x",
        "--add-area", "meetings=Meetings:The Parties shall meet every year.",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.stderr.splitlines() if "MOC402" in line)
    assert warning.startswith("mod-x.yaml:")
    assert '"shall", "Parties"' in warning
    assert 'for "shall" write "will"' in result.stderr
    assert "==> mod-x.yaml <==" in result.stdout


def test_draft_period_change_without_text_warns_moc403(run: Run, records: Path) -> None:
    result = run(
        "draft", "modification", "--records", str(records), "--as-of", "2026-01-10",
        "--effective", "2026-04-01", "--set-term", "notice_period=P6M",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "warning MOC403" in result.stderr
    assert "the text and the terms will disagree (MOC403)" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--end-activity", "nothing=2027-01-01"], "no activity 'nothing'"),
        (["--end-activity", "researcher-exchange=2025-01-01"], "the activity starts on"),
        (["--end-activity", "researcher-exchange"], "expected ACTIVITY=DATE"),
        ([], "nothing to decide"),
    ],
)
def test_decision_usage_errors(
    run: Run, records: Path, activity: Path, args: list[str], message: str
) -> None:
    result = run(
        "draft", "decision", "--records", str(records), "--as-of", "2027-01-10",
        "--effective", "2027-02-03", *args,
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert message in result.stderr


# -- writing files -----------------------------------------------------------------------------


def test_output_folder_never_overwrites_without_force(
    run: Run, records: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = draft_notice(run, records, "-o", str(out))
    assert first.exit_code == 0, first.output
    letter = out / "jp-discontinuation-2027.md"
    assert "wrote out/jp-discontinuation-2027.md and out/jp-discontinuation-2027.yaml" in (
        first.stderr
    )
    letter.write_text("edited by hand\n", encoding="utf-8")
    letter.chmod(0o640)
    again = draft_notice(run, records, "-o", str(out))
    assert again.exit_code == 2
    assert "already exist" in again.stderr and "--force" in again.stderr
    assert letter.read_text(encoding="utf-8") == "edited by hand\n"
    forced = draft_notice(run, records, "-o", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert letter.read_text(encoding="utf-8").startswith("# Draft: notice of discontinuation")
    assert stat.S_IMODE(letter.stat().st_mode) == 0o640
    assert sorted(p.name for p in out.iterdir()) == [
        "jp-discontinuation-2027.md", "jp-discontinuation-2027.yaml"
    ]  # fmt: skip


def test_atomic_write_text(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    atomic_write_text(target, "one\r\ntwo\n")
    assert target.read_bytes() == b"one\r\ntwo\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    with pytest.raises(UsageError, match="already exists"):
        atomic_write_text(target, "three\n")
    target.chmod(0o600)
    atomic_write_text(target, "three\n", overwrite=True)
    assert target.read_text(encoding="utf-8") == "three\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


# -- templates: overrides and hostile ones ---------------------------------------------------------


def test_memorandum_folder_template_overrides_the_packaged_one(
    run: Run, records: Path, memo_dir: Path
) -> None:
    (memo_dir / "templates").mkdir()
    (memo_dir / "templates" / "notice.md.j2").write_text(
        "Notice by {{ draft.by.id }}, effective {{ draft.effective | longdate }}.\n",
        encoding="utf-8",
    )
    files = split(draft_notice(run, records).stdout)
    assert files["jp-discontinuation-2027.md"] == "Notice by JP, effective 1 June 2027.\n"
    assert files["jp-discontinuation-2027.yaml"].startswith("# Draft record of a notice")


def test_one_off_template_comes_first_and_may_extend(
    run: Run, records: Path, memo_dir: Path, tmp_path: Path
) -> None:
    (memo_dir / "templates").mkdir()
    (memo_dir / "templates" / "notice.md.j2").write_text("folder\n", encoding="utf-8")
    one_off = tmp_path / "mine.md.j2"
    one_off.write_text('one-off; {% include "notice.md.j2" %}', encoding="utf-8")
    files = split(draft_notice(run, records, "--template", str(one_off)).stdout)
    assert files["jp-discontinuation-2027.md"] == "one-off; folder\n"


def test_one_off_record_template_must_produce_a_valid_record(
    run: Run, records: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml.j2"
    bad.write_text("apiVersion: mocctl/v1\nkind: Notice\nid: {{ draft.id }}\n", encoding="utf-8")
    result = draft_notice(run, records, "--template", str(bad))
    assert result.exit_code == 2
    assert "bad.yaml.j2 produced a record that does not validate" in result.stderr
    assert result.stdout == ""


HOSTILE = [
    ("{{ ''.__class__.__mro__ }}", "access to attribute '__class__' of 'str' object is unsafe"),
    ("{{ cycler.__init__.__globals__.os }}", "access to attribute '__init__'"),
    ("{{ lipsum.__globals__['os'].system('id') }}", "access to attribute '__globals__'"),
    ("{{ joiner.__init__.__globals__.__builtins__ }}", "unsafe"),
    ("{{ memorandum.sides.append(1) }}", "access to attribute 'append' of 'list' object"),
    ("{{ memorandum.__class__ }}", "unsafe"),
    ("{{ self._TemplateReference__context }}", "unsafe"),
    ("{{ no_such_variable }}", "'no_such_variable' is undefined"),
    ("{{ draft.no_such_key }}", "has no attribute 'no_such_key'"),
    ("{% for %}", "Expected an expression"),
    ("{{ 'x' * 100000000 }}", "repetition beyond the size of a draft"),
    ("{{ 10 ** 100000000 }}", "an exponent above 64 is not allowed"),
    ("{% include 'missing.j2' %}", "no template named 'missing.j2'"),
    ("{% include '../../../etc/passwd' %}", "no template named"),
    ("{{ 1 / 0 }}", "ZeroDivisionError"),
]


@pytest.mark.parametrize(("source", "message"), HOSTILE)
def test_hostile_folder_template_is_a_clear_error(
    run: Run, records: Path, memo_dir: Path, source: str, message: str
) -> None:
    (memo_dir / "templates").mkdir()
    (memo_dir / "templates" / "notice.md.j2").write_text(
        f"line one\nline two\n{source}\n", encoding="utf-8"
    )
    result = draft_notice(run, records)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith(
        "mocctl: error: template records/jp-uk/templates/notice.md.j2, line 3: "
    )
    assert message in first


@pytest.mark.parametrize(("source", "message"), HOSTILE[:3])
def test_hostile_one_off_template_is_a_clear_error(
    run: Run, records: Path, tmp_path: Path, source: str, message: str
) -> None:
    path = tmp_path / "evil.md.j2"
    path.write_text(f"\n{source}\n", encoding="utf-8")
    result = draft_notice(run, records, "--template", str(path))
    assert result.exit_code == 2
    assert "template evil.md.j2, line 2: " in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_template_that_is_not_utf8(run: Run, records: Path, tmp_path: Path) -> None:
    path = tmp_path / "latin.md.j2"
    path.write_bytes(b"caf\xe9 {{ draft.id }}\n")
    result = draft_notice(run, records, "--template", str(path))
    assert result.exit_code == 2
    assert "is not UTF-8 text" in result.stderr


def test_objects_with_methods_never_reach_templates(records: Path) -> None:
    (memo_records,) = load([records]).memoranda
    context = drafting.memorandum_context(memo_records, __import__("datetime").date(2026, 1, 1))

    def plain(value: object) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return value is None or type(value).__name__ in {"str", "int", "bool", "date"}

    assert plain(context)


# -- YAML scalars written by the record templates ------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2.2",
        "1",
        "yes",
        "No",
        "null",
        "1E5",
        "0x1F",
        "2026-04-01",
        "12:30",
        "a: b",
        "# not",
        "- item",
        "'quoted'",
        '"double"',
        "tab\there",
        "back\\slash",
        "trailing ",
        " leading",
        "line one\nline two",
        "line\n\nafter a blank",
        "ends with newline\n",
        "\u2028",
        "é ü 日本",
        "a " * 80 + "end",
        "x" * 300,
        "café\x85next",
        "bom\ufeff",
        "del\x7f",
        "nbsp\xa0here",
    ],
)
def test_yaml_filters_read_back_as_the_same_text(value: str) -> None:
    for rendered in (drafting.yaml_str(value), drafting.yaml_text(value, 2)):
        documents, problems = parse(f"key: {rendered}\n", "t.yaml")
        assert problems == []
        assert documents[0].data == {"key": value}, rendered


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=300))
def test_yaml_filters_round_trip(value: str) -> None:
    for rendered in (drafting.yaml_str(value), drafting.yaml_text(value, 6)):
        documents, problems = parse(f"a:\n    key: {rendered}\n", "t.yaml")
        assert problems == [], rendered
        assert documents[0].data == {"a": {"key": value}}, rendered


def test_months_words() -> None:
    assert drafting.months_words(3) == "three (3) months"
    assert drafting.months_words(1) == "one (1) month"
    assert drafting.months_words(12) == "one (1) year"
    assert drafting.months_words(18) == "eighteen (18) months"
    assert drafting.months_words(24) == "two (2) years"


def test_template_that_runs_too_long_is_stopped(
    run: Run, records: Path, memo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drafting.limits, "RENDER_SECONDS", 1)
    (memo_dir / "templates").mkdir()
    (memo_dir / "templates" / "notice.md.j2").write_text(
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}\n",
        encoding="utf-8",
    )
    result = draft_notice(run, records)
    assert result.exit_code == 2
    assert "notice.md.j2, line 1: rendering took longer than 1 second;" in result.stderr


def test_template_that_includes_itself(run: Run, records: Path, memo_dir: Path) -> None:
    (memo_dir / "templates").mkdir()
    (memo_dir / "templates" / "notice.md.j2").write_text(
        '{% include "notice.md.j2" %}\n', encoding="utf-8"
    )
    result = draft_notice(run, records)
    assert result.exit_code == 2
    assert "notice.md.j2, line 1: the template includes or extends itself" in result.stderr
    assert "Traceback" not in result.output
