"""The lifecycle of SPEC §3: states, notice periods, modifications, decisions and activities.

Each behaviour is checked through the pure API (``mocctl.io.loader.load`` and
``mocctl.core.history.history``) and through the CLI (``status --format json``,
``validate --format json``). Expected dates are worked out by hand from the rules of SPEC §3.3
and the table of worked examples there, never copied from the program's output.

Every notice, modification, decision and activity written here is FICTIONAL test data, invented
for these tests; the memorandum is a copy of the real Japan–UK record (see conftest.py), with its
signatures, rule or notice period edited where a test says so.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from mocctl.checks import check_records
from mocctl.core.history import History, history
from mocctl.core.memoranda import MemorandumRecords
from mocctl.findings import sort_findings
from mocctl.io.loader import load

D = dt.date.fromisoformat
ONE_DAY = dt.timedelta(days=1)
Run = Callable[..., Result]
Write = Callable[[str, str], Path]

FICTIONAL = "# FICTIONAL test record: invented for this test; no such event is public."
BOTH_CONSENT = "[{side: JP, date: 2026-03-02}, {side: UK, date: 2026-03-05}]"
# the Japan–UK memorandum commenced on the date of its last signature
COMMENCED = D("2025-04-28")


@pytest.fixture(autouse=True)
def _in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run in tmp_path, so findings name files as ``records/jp-uk/…`` in both APIs."""
    monkeypatch.chdir(tmp_path)


# -- writing fictional records -------------------------------------------------------------------


def edit_memorandum(memo_dir: Path, old: str, new: str) -> None:
    """Replace the single occurrence of ``old`` in the copied memorandum."""
    path = memo_dir / "memorandum.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in memorandum.yaml exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def set_rule(memo_dir: Path, rule: str) -> None:
    edit_memorandum(memo_dir, "rule: safe-harbour", f"rule: {rule}")


def set_period(memo_dir: Path, period: str) -> None:
    edit_memorandum(memo_dir, "notice_period: P3M", f"notice_period: {period}")


def set_signatures(memo_dir: Path, *signed: tuple[str, str]) -> None:
    """Replace the signing block by fictional signatures ``(side, date)``; none for a draft."""
    path = memo_dir / "memorandum.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("\nsignatures:\n") + 1, text.index("\noriginals:") + 1
    block = "".join(
        f"  - {{side: {side}, signatory: Fictional signatory, date: {date}}}\n"
        for side, date in signed
    )
    path.write_text(
        text[:start] + ("signatures:\n" + block if signed else "signatures: []\n") + text[end:],
        encoding="utf-8",
    )


def record(write: Write, relative: str, kind: str, record_id: str, **fields: str | None) -> Path:
    """A fictional record, one key per line (flow style for lists and mappings)."""
    lines = [FICTIONAL, "apiVersion: mocctl/v1", f"kind: {kind}", f"id: {record_id}"]
    lines += [f"{key}: {value}" for key, value in fields.items() if value is not None]
    return write(relative, "\n".join(lines) + "\n")


def notice(write: Write, record_id: str, received: str | None, **fields: str | None) -> Path:
    fields = {
        "type": "discontinuation",
        "by": "UK",
        "form": "written",
        "dated": received[:10] if received else "2026-01-08",
        "received": received,
        **fields,
    }
    return record(write, f"notices/{record_id}.yaml", "Notice", record_id, **fields)


def revocation(write: Write, record_id: str, revokes: str, received: str, by: str = "UK") -> Path:
    return record(
        write,
        f"notices/{record_id}.yaml",
        "Notice",
        record_id,
        type="revocation",
        revokes=revokes,
        by=by,
        form="written",
        dated=received[:10],
        received=received,
    )


def modification(
    write: Write, record_id: str, effective: str, changes: str, consents: str = BOTH_CONSENT
) -> Path:
    return record(
        write,
        f"modifications/{record_id}.yaml",
        "Modification",
        record_id,
        title="A fictional modification",
        consents=consents,
        effective=effective,
        changes=changes,
    )


def decision(
    write: Write, record_id: str, effective: str, decides: str, consents: str = BOTH_CONSENT
) -> Path:
    return record(
        write,
        f"decisions/{record_id}.yaml",
        "Decision",
        record_id,
        title="A fictional decision",
        consents=consents,
        effective=effective,
        decides=decides,
    )


def activity(
    write: Write,
    record_id: str,
    start: str,
    end: str | None = None,
    areas: str = "[research-dialogue]",
) -> Path:
    return record(
        write,
        f"activities/{record_id}.yaml",
        "Activity",
        record_id,
        title="A fictional activity",
        areas=areas,
        start=start,
        end=end,
    )


def set_term(term: str, value: str) -> str:
    return f"[{{op: set_term, term: {term}, value: {value}}}]"


def add_area(area_id: str) -> str:
    return f"[{{op: add_area, area: {{id: {area_id}, title: Fictional area, text: Fictional.}}}}]"


def line_of(path: Path, key: str) -> int:
    """The 1-based line on which ``key:`` starts in ``path``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    raise AssertionError(f"no {key}: in {path}")


def shown(path: Path) -> str:
    """The file name as findings show it (relative to the current directory, tmp_path)."""
    return path.resolve().relative_to(Path.cwd().resolve()).as_posix()


# -- reading the answers: pure API and CLI --------------------------------------------------------


def memorandum(records: Path) -> MemorandumRecords:
    loaded = load([records])
    assert loaded.findings == [], loaded.findings
    assert len(loaded.memoranda) == 1
    return loaded.memoranda[0]


def at(records: Path, as_of: str) -> History:
    return history(memorandum(records), D(as_of))


def status(run: Run, records: Path, as_of: str) -> dict[str, Any]:
    result = run("--records", str(records), "status", "--as-of", as_of, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    data: dict[str, Any] = json.loads(result.stdout)
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert result.exit_code == (1 if errors else 0)
    return data


def findings(run: Run, records: Path) -> list[dict[str, Any]]:
    """``validate --format json``, checked against the same findings from the pure API.

    The text and wording findings (MOC4xx) are left out: the copied memorandum has its own
    (its title page and Paragraph 1 name the UK Side differently), and they are not lifecycle.
    """
    result = run("--records", str(records), "validate", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)
    assert result.exit_code == (1 if any(f["severity"] == "error" for f in found) else 0)
    loaded = load([records])
    pure = sort_findings(loaded.findings + check_records(loaded.memoranda[0]))
    assert [f.to_json() for f in pure] == found
    return [f for f in found if not f["code"].startswith("MOC4")]


def only(found: list[dict[str, Any]], code: str) -> dict[str, Any]:
    """The one finding of ``code``."""
    matching = [f for f in found if f["code"] == code]
    assert len(matching) == 1, found
    return matching[0]


def assert_finding(
    found: list[dict[str, Any]], code: str, severity: str, path: Path, key: str
) -> dict[str, Any]:
    finding = only(found, code)
    assert finding["severity"] == severity
    assert finding["file"] == shown(path)
    assert finding["line"] == line_of(path, key)
    assert finding["column"] >= 1
    return finding


def codes(found: list[dict[str, Any]]) -> set[str]:
    return {f["code"] for f in found}


def change_status(view: History, change_id: str) -> str:
    return next(c.status for c in view.changes if c.id == change_id)


def json_change(data: dict[str, Any], change_id: str) -> dict[str, Any]:
    return next(c for c in data["modifications"] + data["decisions"] if c["id"] == change_id)


def activity_status(view: History, activity_id: str) -> str:
    return next(a.status for a in view.activities if a.id == activity_id)


def json_activity(data: dict[str, Any], activity_id: str) -> str:
    status_: str = next(a["status"] for a in data["activities"] if a["id"] == activity_id)
    return status_


def both_states(run: Run, records: Path, as_of: str) -> str:
    """The state as of ``as_of`` through the API and the CLI, which must agree."""
    state = at(records, as_of).state
    assert status(run, records, as_of)["state"] == state
    return state


# -- §3.2 states: draft, awaiting_signature, in_force ----------------------------------------------


def test_no_signature_is_a_draft(records: Path, memo_dir: Path, run: Run) -> None:
    set_signatures(memo_dir)
    view = at(records, "2026-01-01")
    assert (view.state, view.commenced, view.signed_by) == ("draft", None, ())
    data = status(run, records, "2026-01-01")
    assert (data["state"], data["commenced"], data["discontinuation"]) == ("draft", None, None)


def test_some_sides_signed_is_awaiting_signature(records: Path, memo_dir: Path, run: Run) -> None:
    set_signatures(memo_dir, ("JP", "2025-04-28"), ("UK", "2025-05-06"))
    view = at(records, "2025-05-01")
    assert (view.state, view.commenced, view.unsigned) == ("awaiting_signature", None, ("UK",))
    data = status(run, records, "2025-05-01")
    assert (data["state"], data["commenced"]) == ("awaiting_signature", None)
    assert data["awaiting_signature_of"] == ["UK"]


def test_a_signature_after_t_is_not_known_yet(records: Path, memo_dir: Path, run: Run) -> None:
    set_signatures(memo_dir, ("JP", "2025-04-28"), ("UK", "2025-05-06"))
    assert both_states(run, records, "2025-04-27") == "draft"
    assert both_states(run, records, "2025-04-28") == "awaiting_signature"
    assert both_states(run, records, "2025-05-05") == "awaiting_signature"
    assert both_states(run, records, "2025-05-06") == "in_force"


@pytest.mark.parametrize(("jp", "uk"), [("2025-05-06", "2025-04-28"), ("2025-04-28", "2025-05-06")])
def test_commencement_is_the_latest_signature(
    records: Path, memo_dir: Path, run: Run, jp: str, uk: str
) -> None:
    set_signatures(memo_dir, ("JP", jp), ("UK", uk))
    view = at(records, "2025-06-01")
    assert (view.state, view.commenced) == ("in_force", D("2025-05-06"))
    data = status(run, records, "2025-06-01")
    assert (data["state"], data["commenced"]) == ("in_force", "2025-05-06")


def test_signed_memorandum_is_in_force(records: Path, run: Run) -> None:
    view = at(records, "2026-11-29")
    assert (view.state, view.commenced, view.discontinuation) == ("in_force", COMMENCED, None)
    data = status(run, records, "2026-11-29")
    assert data["state"] == "in_force"
    assert data["commenced"] == "2025-04-28"
    assert (data["notice_period"], data["rule"]) == ("P3M", "safe-harbour")
    assert data["discontinuation"] is None
    assert [f for f in data["findings"] if not f["code"].startswith("MOC4")] == []


# -- §3.3 notice periods: every rule against the worked examples -----------------------------------

# SPEC §3.3 worked examples: D, N, corresponding-date L / E, jp-civil-code L / E, un-anniversary E
WORKED = [
    ("2025-04-28", 3, "2025-07-28", "2025-07-29", "2025-07-28", "2025-07-29", "2025-07-28"),
    ("2025-04-30", 3, "2025-07-30", "2025-07-31", "2025-07-31", "2025-08-01", "2025-07-30"),
    ("2025-05-31", 3, "2025-08-31", "2025-09-01", "2025-08-31", "2025-09-01", "2025-08-31"),
    ("2025-08-31", 6, "2026-02-28", "2026-03-01", "2026-02-28", "2026-03-01", "2026-02-28"),
    ("2025-11-30", 3, "2026-02-28", "2026-03-01", "2026-02-28", "2026-03-01", "2026-02-28"),
    ("2025-12-31", 2, "2026-02-28", "2026-03-01", "2026-02-28", "2026-03-01", "2026-02-28"),
    ("2026-01-31", 1, "2026-02-28", "2026-03-01", "2026-02-28", "2026-03-01", "2026-02-28"),
    ("2027-02-28", 3, "2027-05-28", "2027-05-29", "2027-05-31", "2027-06-01", "2027-05-28"),
    ("2027-11-30", 3, "2028-02-29", "2028-03-01", "2028-02-29", "2028-03-01", "2028-02-29"),
    ("2028-02-29", 3, "2028-05-29", "2028-05-30", "2028-05-31", "2028-06-01", "2028-05-29"),
    ("2028-02-29", 12, "2029-02-28", "2029-03-01", "2029-02-28", "2029-03-01", "2029-02-28"),
]


def expected_dates(row: tuple[str, int, str, str, str, str, str], rule: str) -> tuple[str, str]:
    """(L, E) of ``rule`` for a plain receipt date, from the worked examples.

    With a plain date there is one receipt date, so safe-harbour for Japan (jp-civil-code) and
    the UK (corresponding-date) is the later of those two rules' E.
    """
    _, _, cd_l, cd_e, jp_l, jp_e, un_e = row
    if rule == "corresponding-date":
        return cd_l, cd_e
    if rule == "jp-civil-code":
        return jp_l, jp_e
    if rule == "un-anniversary":
        return str(D(un_e) - ONE_DAY), un_e
    latest = max(D(cd_e), D(jp_e))
    return str(latest - ONE_DAY), str(latest)


@pytest.mark.parametrize(
    "rule", ["corresponding-date", "jp-civil-code", "un-anniversary", "safe-harbour"]
)
@pytest.mark.parametrize("row", WORKED, ids=[f"{row[0]}-P{row[1]}M" for row in WORKED])
def test_effective_date_under_each_rule(
    records: Path,
    memo_dir: Path,
    write: Write,
    run: Run,
    rule: str,
    row: tuple[str, int, str, str, str, str, str],
) -> None:
    received, months = row[0], row[1]
    if rule != "safe-harbour":
        set_rule(memo_dir, rule)
    if months != 3:
        set_period(memo_dir, f"P{months}M")
    notice(write, "uk-notice", received)
    last_day, effective = expected_dates(row, rule)
    day_before = str(D(effective) - ONE_DAY)

    pending = at(records, day_before)
    assert pending.state == "discontinuation_pending"
    assert pending.discontinuation is not None
    assert pending.discontinuation.rule == rule
    assert pending.discontinuation.received == D(received)
    assert pending.discontinuation.last_day == D(last_day)
    assert pending.discontinuation.effective == D(effective)
    assert pending.discontinuation.last_day_in_force == D(day_before)
    assert at(records, effective).state == "discontinued"
    assert at(records, str(D(received) - ONE_DAY)).discontinuation is None

    data = status(run, records, effective)
    assert data["state"] == "discontinued"
    ending = data["discontinuation"]
    assert ending["notice"] == "uk-notice"
    assert ending["by"] == "UK"
    assert ending["received"] == received
    assert ending["rule"] == rule
    assert ending["notice_period"] == f"P{months}M"
    assert ending["effective"] == effective
    assert ending["last_day_in_force"] == day_before
    # every basic rule side by side, as in the worked examples
    _, _, cd_l, cd_e, jp_l, jp_e, un_e = row
    assert ending["rules"]["corresponding-date"] == {"last_day": cd_l, "effective": cd_e}
    assert ending["rules"]["jp-civil-code"] == {"last_day": jp_l, "effective": jp_e}
    assert ending["rules"]["un-anniversary"]["effective"] == un_e
    assert status(run, records, day_before)["state"] == "discontinuation_pending"


def test_safe_harbour_reads_an_instant_in_every_sides_time_zone(
    records: Path, write: Write, run: Run
) -> None:
    # SPEC §3.3: 2025-04-30T20:00:00+01:00 in London is 1 May (04:00) in Tokyo. Over both dates
    # and both Sides' rules the latest E is corresponding-date or jp-civil-code on 1 May:
    # CD: L = 2025-08-01, E = 2025-08-02; JP: S = 2 May, L = 2025-08-01, E = 2025-08-02.
    notice(write, "uk-notice", "2025-04-30T20:00:00+01:00", dated="2025-04-30")
    view = at(records, "2025-08-01")
    assert view.state == "discontinuation_pending"
    assert view.discontinuation is not None
    assert view.discontinuation.effective == D("2025-08-02")
    assert view.discontinuation.receipt_assumed is False
    assert at(records, "2025-08-02").state == "discontinued"
    data = status(run, records, "2025-08-02")
    assert data["state"] == "discontinued"
    assert data["discontinuation"]["effective"] == "2025-08-02"
    assert data["discontinuation"]["last_day_in_force"] == "2025-08-01"
    assert data["discontinuation"]["received"] == "2025-05-01"  # Tokyo, where JP received it
    assert "MOC315" not in codes(findings(run, records))  # an instant: nothing was assumed


@pytest.mark.parametrize("by", ["UK", "JP"])
def test_safe_harbour_does_not_depend_on_who_gives_notice(
    records: Path, write: Write, run: Run, by: str
) -> None:
    # Received by JP on 1 May (Tokyo) or by UK on 30 April (London): safe-harbour looks at both.
    notice(write, "notice", "2025-04-30T20:00:00+01:00", dated="2025-04-30", by=by)
    assert status(run, records, "2025-08-02")["discontinuation"]["effective"] == "2025-08-02"


@pytest.mark.parametrize(
    ("by", "received", "effective"),
    [
        # to JP: 1 May in Tokyo; corresponding-date L = 1 Aug, E = 2 Aug
        ("UK", "2025-05-01", "2025-08-02"),
        # to UK: 30 April in London; corresponding-date L = 30 Jul, E = 31 Jul
        ("JP", "2025-04-30", "2025-07-31"),
    ],
)
def test_a_basic_rule_reads_the_instant_in_the_recipients_zone(
    records: Path, memo_dir: Path, write: Write, run: Run, by: str, received: str, effective: str
) -> None:
    set_rule(memo_dir, "corresponding-date")
    notice(write, "notice", "2025-04-30T20:00:00+01:00", dated="2025-04-30", by=by)
    view = at(records, "2025-09-01")
    assert view.discontinuation is not None
    assert view.discontinuation.received == D(received)
    assert view.discontinuation.effective == D(effective)
    ending = status(run, records, "2025-09-01")["discontinuation"]
    assert (ending["received"], ending["effective"]) == (received, effective)


def test_a_notice_is_known_from_its_receipt_date(records: Path, write: Write, run: Run) -> None:
    notice(write, "uk-notice", "2026-01-10")
    assert both_states(run, records, "2026-01-09") == "in_force"
    assert both_states(run, records, "2026-01-10") == "discontinuation_pending"


# -- requested_effective ---------------------------------------------------------------------------


def test_a_later_requested_date_applies(records: Path, write: Write, run: Run) -> None:
    # D = 2026-01-10: safe-harbour E = 2026-04-11 (CD: L 10 Apr; JP: S 11 Jan, L 10 Apr);
    # the notice asks for 2026-12-31, which is later, so that date applies.
    path = notice(write, "uk-notice", "2026-01-10", requested_effective="2026-12-31")
    view = at(records, "2026-12-30")
    assert view.state == "discontinuation_pending"
    assert view.discontinuation is not None
    assert view.discontinuation.effective == D("2026-12-31")
    assert view.discontinuation.last_day_in_force == D("2026-12-30")
    assert at(records, "2026-12-31").state == "discontinued"
    data = status(run, records, "2026-12-31")
    assert data["state"] == "discontinued"
    assert data["discontinuation"]["effective"] == "2026-12-31"
    assert data["discontinuation"]["last_day_in_force"] == "2026-12-30"
    assert data["discontinuation"]["requested_effective"] == "2026-12-31"
    assert "MOC305" not in codes(findings(run, records))
    assert path.exists()


def test_an_earlier_requested_date_warns_and_the_computed_date_applies(
    records: Path, write: Write, run: Run
) -> None:
    path = notice(write, "uk-notice", "2026-01-10", requested_effective="2026-02-01")
    view = at(records, "2026-04-10")
    assert view.state == "discontinuation_pending"
    assert view.discontinuation is not None
    assert view.discontinuation.effective == D("2026-04-11")
    assert both_states(run, records, "2026-02-01") == "discontinuation_pending"
    assert both_states(run, records, "2026-04-11") == "discontinued"
    assert status(run, records, "2026-04-11")["discontinuation"]["effective"] == "2026-04-11"
    found = findings(run, records)
    finding = assert_finding(found, "MOC305", "warning", path, "requested_effective")
    assert "2026-04-11" in finding["message"]


# -- revocation ---------------------------------------------------------------------------------


def test_a_revocation_before_e_cancels_the_discontinuation(
    records: Path, write: Write, run: Run
) -> None:
    notice(write, "uk-notice", "2026-01-10")  # E = 2026-04-11
    revocation(write, "uk-revocation", "uk-notice", "2026-04-10")
    assert both_states(run, records, "2026-04-09") == "discontinuation_pending"  # not yet known
    assert both_states(run, records, "2026-04-10") == "in_force"
    assert both_states(run, records, "2026-06-01") == "in_force"
    assert status(run, records, "2026-06-01")["discontinuation"] is None
    found = findings(run, records)
    assert not codes(found) & {"MOC306", "MOC319"}


def test_a_revocation_on_or_after_e_has_no_effect(records: Path, write: Write, run: Run) -> None:
    notice(write, "uk-notice", "2026-01-10")  # E = 2026-04-11
    path = revocation(write, "uk-revocation", "uk-notice", "2026-04-11")
    assert both_states(run, records, "2026-04-11") == "discontinued"
    assert both_states(run, records, "2026-06-01") == "discontinued"
    found = findings(run, records)
    finding = assert_finding(found, "MOC306", "error", path, "received")
    assert "2026-04-11" in finding["message"]


def test_a_revocation_counts_against_the_requested_date(
    records: Path, write: Write, run: Run
) -> None:
    # E is the requested 2026-12-31; a revocation in June is before E and cancels.
    notice(write, "uk-notice", "2026-01-10", requested_effective="2026-12-31")
    revocation(write, "uk-revocation", "uk-notice", "2026-06-01")
    assert both_states(run, records, "2027-01-01") == "in_force"
    assert "MOC306" not in codes(findings(run, records))


# -- several notices, form, terms in force on D ----------------------------------------------------


def test_the_earliest_effective_date_wins(records: Path, write: Write, run: Run) -> None:
    notice(write, "uk-notice", "2026-01-10", requested_effective="2026-12-31")
    # received later, but under safe-harbour effective earlier:
    # D = 2026-02-01: CD L 1 May, E 2 May; JP S 2 Feb, L 1 May, E 2 May.
    notice(write, "jp-notice", "2026-02-01", by="JP")
    early = at(records, "2026-01-20").discontinuation  # only the UK notice is known
    assert early is not None
    assert (early.id, early.effective) == ("uk-notice", D("2026-12-31"))
    view = at(records, "2026-02-01")
    assert view.discontinuation is not None
    assert (view.discontinuation.id, view.discontinuation.effective) == (
        "jp-notice",
        D("2026-05-02"),
    )
    data = status(run, records, "2026-05-02")
    assert data["state"] == "discontinued"
    assert data["discontinuation"]["notice"] == "jp-notice"
    assert data["discontinuation"]["by"] == "JP"
    assert data["discontinuation"]["effective"] == "2026-05-02"


def test_a_notice_not_in_writing_has_no_effect(records: Path, write: Write, run: Run) -> None:
    path = notice(write, "uk-notice", "2026-01-10", form="oral")
    assert both_states(run, records, "2026-06-01") == "in_force"
    assert at(records, "2026-06-01").discontinuation is None
    found = findings(run, records)
    assert_finding(found, "MOC302", "error", path, "form")


@pytest.mark.parametrize(
    ("received", "period", "effective"),
    [
        # D before the modification: P3M, corresponding-date L = 30 Jun (clamped), E = 1 Jul
        ("2026-03-31", "P3M", "2026-07-01"),
        # D on the modification's effective date: P6M, L = 1 Oct, E = 2 Oct
        ("2026-04-01", "P6M", "2026-10-02"),
    ],
)
def test_the_period_in_force_on_d_governs(
    records: Path,
    memo_dir: Path,
    write: Write,
    run: Run,
    received: str,
    period: str,
    effective: str,
) -> None:
    set_rule(memo_dir, "corresponding-date")
    modification(
        write, "six-months", "2026-04-01", set_term("discontinuation.notice_period", "P6M")
    )
    notice(write, "uk-notice", received)
    view = at(records, "2026-06-01")
    assert view.notice_period == "P6M"  # the memorandum's terms as of T
    assert view.discontinuation is not None
    assert view.discontinuation.notice_period == period
    assert view.discontinuation.effective == D(effective)
    data = status(run, records, "2026-06-01")
    assert data["notice_period"] == "P6M"
    assert data["discontinuation"]["notice_period"] == period
    assert data["discontinuation"]["effective"] == effective


@pytest.mark.parametrize(
    ("received", "rule", "effective"),
    [
        # before: safe-harbour; D 30 Mar: CD L 30 Jun, E 1 Jul; JP S 31 Mar, no 31 Jun, L 30 Jun
        ("2026-03-30", "safe-harbour", "2026-07-01"),
        # after: un-anniversary; D 30 Apr: E = 30 Jul (safe-harbour would give 1 Aug)
        ("2026-04-30", "un-anniversary", "2026-07-30"),
    ],
)
def test_the_rule_in_force_on_d_governs(
    records: Path, write: Write, run: Run, received: str, rule: str, effective: str
) -> None:
    modification(write, "un-rule", "2026-04-01", set_term("discontinuation.rule", "un-anniversary"))
    notice(write, "uk-notice", received)
    view = at(records, "2026-06-01")
    assert view.rule == "un-anniversary"
    assert view.discontinuation is not None
    assert (view.discontinuation.rule, view.discontinuation.effective) == (rule, D(effective))
    ending = status(run, records, "2026-06-01")["discontinuation"]
    assert (ending["rule"], ending["effective"]) == (rule, effective)


# -- §3.4 modifications and decisions --------------------------------------------------------------


def test_a_modification_waits_for_every_sides_consent(
    records: Path, write: Write, run: Run
) -> None:
    path = modification(
        write,
        "six-months",
        "2026-04-01",
        set_term("discontinuation.notice_period", "P6M"),
        consents="[{side: JP, date: 2026-03-02}]",
    )
    view = at(records, "2026-06-01")
    assert change_status(view, "six-months") == "awaiting_consent"
    assert view.notice_period == "P3M"
    data = status(run, records, "2026-06-01")
    change = json_change(data, "six-months")
    assert change["status"] == "awaiting_consent"
    assert change["awaiting_consent_of"] == ["UK"]
    assert data["notice_period"] == "P3M"
    found = findings(run, records)
    finding = assert_finding(found, "MOC308", "info", path, "consents")
    assert "UK" in finding["message"]
    assert not [f for f in found if f["severity"] == "error"]


def test_a_modification_is_scheduled_then_in_effect(records: Path, write: Write, run: Run) -> None:
    changes = (
        "[{op: add_area, area: {id: quantum-safe-comms, title: Quantum-safe communications, "
        "text: Fictional.}}, {op: set_term, term: discontinuation.notice_period, value: P6M}]"
    )
    modification(write, "mod-quantum-safe", "2026-04-01", changes)
    expected = [
        ("2026-03-03", "awaiting_consent", "P3M"),  # UK consents on 5 March
        ("2026-03-05", "scheduled", "P3M"),
        ("2026-03-31", "scheduled", "P3M"),
        ("2026-04-01", "in_effect", "P6M"),
    ]
    for as_of, state, period in expected:
        view = at(records, as_of)
        assert change_status(view, "mod-quantum-safe") == state, as_of
        assert view.notice_period == period
        assert ("quantum-safe-comms" in view.consolidated.area_ids()) is (state == "in_effect")
        data = status(run, records, as_of)
        assert json_change(data, "mod-quantum-safe")["status"] == state
        assert data["notice_period"] == period
        assert ("quantum-safe-comms" in data["areas"]) is (state == "in_effect")
    assert findings(run, records) == []


def test_a_decision_can_add_an_area_without_a_modification(
    records: Path, write: Write, run: Run
) -> None:
    # Paragraph 2.1: new areas "as identified by the Sides"
    decision(write, "new-area", "2026-04-01", add_area("quantum-biology"))
    assert "quantum-biology" not in status(run, records, "2026-03-31")["areas"]
    data = status(run, records, "2026-04-01")
    assert json_change(data, "new-area")["status"] == "in_effect"
    assert data["areas"][-1] == "quantum-biology"
    assert at(records, "2026-04-01").consolidated.area_ids()[-1] == "quantum-biology"


def test_a_decision_waits_for_consent(records: Path, write: Write, run: Run) -> None:
    path = decision(
        write,
        "new-area",
        "2026-04-01",
        add_area("quantum-biology"),
        consents="[{side: UK, date: 2026-03-05}]",
    )
    view = at(records, "2026-06-01")
    assert change_status(view, "new-area") == "awaiting_consent"
    assert "quantum-biology" not in view.consolidated.area_ids()
    assert json_change(status(run, records, "2026-06-01"), "new-area")["status"] == (
        "awaiting_consent"
    )
    assert_finding(findings(run, records), "MOC308", "info", path, "consents")


def test_consent_not_in_writing_does_not_count(records: Path, write: Write, run: Run) -> None:
    path = modification(
        write,
        "six-months",
        "2026-04-01",
        set_term("discontinuation.notice_period", "P6M"),
        consents="[{side: JP, date: 2026-03-02}, {side: UK, date: 2026-03-05, form: oral}]",
    )
    view = at(records, "2026-06-01")
    assert change_status(view, "six-months") == "awaiting_consent"
    assert view.notice_period == "P3M"
    assert json_change(status(run, records, "2026-06-01"), "six-months")["status"] == (
        "awaiting_consent"
    )
    found = findings(run, records)
    assert_finding(found, "MOC318", "warning", path, "consents")
    assert_finding(found, "MOC308", "info", path, "consents")


@pytest.mark.parametrize("effective", ["2026-04-11", "2026-05-01"])
def test_a_modification_effective_on_or_after_discontinuation_is_void(
    records: Path, write: Write, run: Run, effective: str
) -> None:
    notice(write, "uk-notice", "2026-01-10")  # E = 2026-04-11
    path = modification(write, "late", effective, set_term("discontinuation.notice_period", "P6M"))
    assert change_status(at(records, "2026-06-01"), "late") == "void"
    assert json_change(status(run, records, "2026-06-01"), "late")["status"] == "void"
    found = findings(run, records)
    assert_finding(found, "MOC307", "error", path, "effective")


def test_a_modification_before_discontinuation_takes_effect(
    records: Path, write: Write, run: Run
) -> None:
    notice(write, "uk-notice", "2026-01-10")  # E = 2026-04-11
    modification(write, "in-time", "2026-04-10", add_area("quantum-biology"))
    view = at(records, "2026-06-01")
    assert change_status(view, "in-time") == "in_effect"
    assert "quantum-biology" in view.consolidated.area_ids()
    assert "MOC307" not in codes(findings(run, records))


def test_a_void_modification_changes_nothing(records: Path, write: Write, run: Run) -> None:
    notice(write, "uk-notice", "2026-01-10")  # E = 2026-04-11
    changes = (
        "[{op: add_area, area: {id: quantum-biology, title: Fictional area, text: Fictional.}}, "
        "{op: set_term, term: discontinuation.notice_period, value: P6M}]"
    )
    modification(write, "late", "2026-05-01", changes)
    view = at(records, "2026-06-01")
    assert change_status(view, "late") == "void"
    assert "quantum-biology" not in view.consolidated.area_ids()
    assert view.notice_period == "P3M"
    data = status(run, records, "2026-06-01")
    assert "quantum-biology" not in data["areas"]
    assert data["notice_period"] == "P3M"


def test_a_change_that_cannot_be_applied_is_void(records: Path, write: Write, run: Run) -> None:
    # research-dialogue is already an area of the memorandum: adding it again is impossible.
    path = modification(write, "impossible", "2026-04-01", add_area("research-dialogue"))
    view = at(records, "2026-06-01")
    assert change_status(view, "impossible") == "void"
    assert view.consolidated.area_ids().count("research-dialogue") == 1
    assert json_change(status(run, records, "2026-06-01"), "impossible")["status"] == "void"
    # still scheduled ahead of time, it is already known to be void
    assert change_status(at(records, "2026-03-10"), "impossible") == "void"
    finding = assert_finding(findings(run, records), "MOC314", "error", path, "changes")
    assert "research-dialogue" in finding["message"]


def test_a_change_to_an_area_removed_earlier_is_void(records: Path, write: Write, run: Run) -> None:
    modification(write, "a-remove", "2026-04-01", "[{op: remove_area, area: private-funding}]")
    path = modification(
        write,
        "b-amend",
        "2026-05-01",
        "[{op: amend_area, area: {id: private-funding, text: Fictional.}}]",
    )
    view = at(records, "2026-06-01")
    assert change_status(view, "a-remove") == "in_effect"
    assert change_status(view, "b-amend") == "void"
    assert "private-funding" not in view.consolidated.area_ids()
    assert_finding(findings(run, records), "MOC314", "error", path, "changes")


def test_changes_apply_in_order_of_effective_date(records: Path, write: Write, run: Run) -> None:
    # by id "a-…" would apply first; by effective date "b-…" does, and "a-…" has the last word
    modification(write, "a-six", "2026-06-01", set_term("discontinuation.notice_period", "P6M"))
    modification(write, "b-twelve", "2026-05-01", set_term("discontinuation.notice_period", "P12M"))
    assert at(records, "2026-05-15").notice_period == "P12M"
    assert at(records, "2026-07-01").notice_period == "P6M"
    assert status(run, records, "2026-07-01")["notice_period"] == "P6M"


def insert_after(after: str, section: str) -> str:
    return f"[{{op: insert_text, after: '{after}', section: '{section}', body: Fictional.}}]"


def test_on_one_date_changes_apply_in_order_of_last_consent(
    records: Path, write: Write, run: Run
) -> None:
    # 2.6 is inserted after 2.5, so the record inserting 2.5 must apply first: it has the
    # earlier last consent, although its id sorts last.
    modification(
        write,
        "a-inserts-2-6",
        "2026-04-01",
        insert_after("2.5", "2.6"),
        consents="[{side: JP, date: 2026-03-02}, {side: UK, date: 2026-03-20}]",
    )
    modification(write, "b-inserts-2-5", "2026-04-01", insert_after("2.4", "2.5"))
    view = at(records, "2026-06-01")
    assert change_status(view, "a-inserts-2-6") == "in_effect"
    assert change_status(view, "b-inserts-2-5") == "in_effect"
    ids = [s.id for s in view.consolidated.sections]
    assert ids[ids.index("2.4") : ids.index("2.4") + 3] == ["2.4", "2.5", "2.6"]
    found = findings(run, records)
    assert not codes(found) & {"MOC311", "MOC314"}


def test_on_one_date_and_consent_changes_apply_in_order_of_id(
    records: Path, write: Write, run: Run
) -> None:
    modification(write, "m1-inserts-2-5", "2026-04-01", insert_after("2.4", "2.5"))
    modification(write, "m2-inserts-2-6", "2026-04-01", insert_after("2.5", "2.6"))
    view = at(records, "2026-06-01")
    assert [c.status for c in view.changes] == ["in_effect", "in_effect"]
    assert not codes(findings(run, records)) & {"MOC311", "MOC314"}
    # the other way round, the record inserting after 2.5 comes first and cannot apply
    (records / "jp-uk" / "modifications" / "m1-inserts-2-5.yaml").unlink()
    (records / "jp-uk" / "modifications" / "m2-inserts-2-6.yaml").unlink()
    modification(write, "m1-inserts-2-6", "2026-04-01", insert_after("2.5", "2.6"))
    modification(write, "m2-inserts-2-5", "2026-04-01", insert_after("2.4", "2.5"))
    view = at(records, "2026-06-01")
    assert change_status(view, "m1-inserts-2-6") == "void"
    assert change_status(view, "m2-inserts-2-5") == "in_effect"


def test_two_changes_to_one_term_on_one_date_conflict(
    records: Path, write: Write, run: Run
) -> None:
    modification(write, "a-six", "2026-04-01", set_term("discontinuation.notice_period", "P6M"))
    path = modification(
        write, "b-twelve", "2026-04-01", set_term("discontinuation.notice_period", "P12M")
    )
    finding = assert_finding(findings(run, records), "MOC311", "error", path, "effective")
    assert "a-six" in finding["message"]
    assert "b-twelve" in finding["message"]


def test_two_changes_to_one_section_on_one_date_conflict(
    records: Path, write: Write, run: Run
) -> None:
    replace = "[{op: replace_text, section: '2.2', body: Fictional.}]"
    modification(write, "a-text", "2026-04-01", replace)
    path = modification(write, "b-text", "2026-04-01", replace)
    modification(write, "c-other-day", "2026-05-01", replace)  # another date: no conflict
    assert_finding(findings(run, records), "MOC311", "error", path, "effective")


def test_a_decision_and_a_modification_adding_one_area_on_one_date_conflict(
    records: Path, write: Write, run: Run
) -> None:
    modification(write, "a-area", "2026-04-01", add_area("quantum-biology"))
    path = decision(write, "b-area", "2026-04-01", add_area("quantum-biology"))
    found = findings(run, records)
    assert_finding(found, "MOC311", "error", path, "effective")


def test_effective_before_commencement_is_an_error(records: Path, write: Write, run: Run) -> None:
    path = modification(
        write,
        "too-early",
        "2025-04-01",
        set_term("discontinuation.notice_period", "P6M"),
        consents="[{side: JP, date: 2025-03-02}, {side: UK, date: 2025-03-05}]",
    )
    assert at(records, "2026-01-01").notice_period == "P3M"
    finding = assert_finding(findings(run, records), "MOC309", "error", path, "effective")
    assert "2025-04-28" in finding["message"]


def test_a_retroactive_modification_is_a_warning(records: Path, write: Write, run: Run) -> None:
    # effective 1 March, but the UK consented on 5 March
    path = modification(
        write, "retroactive", "2026-03-01", set_term("discontinuation.notice_period", "P6M")
    )
    assert change_status(at(records, "2026-03-04"), "retroactive") == "awaiting_consent"
    view = at(records, "2026-03-05")
    assert change_status(view, "retroactive") == "in_effect"
    assert view.notice_period == "P6M"
    found = findings(run, records)
    assert_finding(found, "MOC310", "warning", path, "effective")
    assert not [f for f in found if f["severity"] == "error"]


# -- §3.5 activities -------------------------------------------------------------------------------


def test_activity_planned_ongoing_ended(records: Path, write: Write, run: Run) -> None:
    activity(write, "exchange", "2026-01-01", end="2026-12-31")
    for as_of, expected in [
        ("2025-12-31", "planned"),
        ("2026-01-01", "ongoing"),
        ("2026-12-31", "ongoing"),  # its end is not before T
        ("2027-01-01", "ended"),
    ]:
        assert activity_status(at(records, as_of), "exchange") == expected, as_of
        assert json_activity(status(run, records, as_of), "exchange") == expected, as_of
    assert findings(run, records) == []


def test_an_activity_ongoing_on_e_continues_after_discontinuation(
    records: Path, write: Write, run: Run
) -> None:
    notice(write, "uk-notice", "2026-01-10")  # E = 2026-04-11
    activity(write, "open-ended", "2025-10-01")
    activity(write, "ends-later", "2025-10-01", end="2027-03-31")
    activity(write, "ends-before-e", "2025-10-01", end="2026-04-10")
    activity(write, "starts-last-day", "2026-04-10")
    pending = at(records, "2026-04-10")
    assert [a.status for a in pending.activities] == ["ongoing"] * 4
    view = at(records, "2026-04-11")
    assert view.state == "discontinued"
    expected = {
        "open-ended": "continuing",
        "ends-later": "continuing",
        "ends-before-e": "ended",
        "starts-last-day": "continuing",
    }
    assert {a.id: a.status for a in view.activities} == expected
    data = status(run, records, "2026-04-11")
    assert {a["id"]: a["status"] for a in data["activities"]} == expected
    assert activity_status(at(records, "2027-04-01"), "ends-later") == "ended"
    assert not codes(findings(run, records)) & {"MOC312", "MOC313", "MOC317"}


def test_a_decision_can_end_an_activity(records: Path, write: Write, run: Run) -> None:
    # Paragraph 2.4 "unless otherwise decided by the Sides"
    notice(write, "uk-notice", "2026-01-10")  # E = 2026-04-11
    activity(write, "exchange", "2025-10-01", end="2028-09-30")
    decision(
        write,
        "wind-down",
        "2026-03-05",
        "[{op: end_activity, activity: exchange, end: 2026-09-30}]",
    )
    assert activity_status(at(records, "2026-09-30"), "exchange") == "continuing"
    view = at(records, "2026-10-01")
    assert activity_status(view, "exchange") == "ended"
    assert next(a for a in view.activities if a.id == "exchange").end == D("2026-09-30")
    data = status(run, records, "2026-10-01")
    assert json_activity(data, "exchange") == "ended"
    assert next(a for a in data["activities"] if a["id"] == "exchange")["end"] == "2026-09-30"


def test_an_activitys_own_earlier_end_beats_a_decision(records: Path, write: Write) -> None:
    activity(write, "exchange", "2025-10-01", end="2026-06-30")
    decision(
        write,
        "wind-down",
        "2026-03-05",
        "[{op: end_activity, activity: exchange, end: 2026-09-30}]",
    )
    assert activity_status(at(records, "2026-07-01"), "exchange") == "ended"


def test_a_void_decision_does_not_end_an_activity(records: Path, write: Write, run: Run) -> None:
    notice(write, "uk-notice", "2026-01-10")  # E = 2026-04-11
    activity(write, "exchange", "2025-10-01", end="2028-09-30")
    path = decision(
        write,
        "too-late",
        "2026-05-01",
        "[{op: end_activity, activity: exchange, end: 2026-09-30}]",
        consents="[{side: JP, date: 2026-04-20}, {side: UK, date: 2026-04-22}]",
    )
    assert_finding(findings(run, records), "MOC307", "error", path, "effective")
    view = at(records, "2026-10-01")
    assert change_status(view, "too-late") == "void"
    assert activity_status(view, "exchange") == "continuing"
    assert json_activity(status(run, records, "2026-10-01"), "exchange") == "continuing"


@pytest.mark.parametrize("start", ["2026-04-11", "2026-05-01"])
def test_an_activity_starting_on_or_after_e_is_an_error(
    records: Path, write: Write, run: Run, start: str
) -> None:
    notice(write, "uk-notice", "2026-01-10")  # E = 2026-04-11
    path = activity(write, "too-late", start)
    assert_finding(findings(run, records), "MOC312", "error", path, "start")


def test_an_activity_starting_the_day_before_e_is_fine(
    records: Path, write: Write, run: Run
) -> None:
    notice(write, "uk-notice", "2026-01-10")  # E = 2026-04-11
    activity(write, "just-in-time", "2026-04-10")
    assert "MOC312" not in codes(findings(run, records))


def test_an_activity_in_an_area_not_yet_in_force_is_an_error(
    records: Path, write: Write, run: Run
) -> None:
    modification(write, "new-area", "2026-04-01", add_area("quantum-biology"))
    early = activity(write, "too-early", "2026-03-01", areas="[research-dialogue, quantum-biology]")
    activity(write, "in-time", "2026-04-01", areas="[quantum-biology]")
    found = findings(run, records)
    finding = assert_finding(found, "MOC313", "error", early, "areas")
    assert "quantum-biology" in finding["message"]
    assert "MOC206" not in codes(found)
    # the finding points at the area itself, the second item of the list
    assert finding["column"] == len("areas: [research-dialogue, ") + 1


def test_an_activity_in_a_removed_area_is_an_error(records: Path, write: Write, run: Run) -> None:
    modification(write, "drop-area", "2026-04-01", "[{op: remove_area, area: private-funding}]")
    path = activity(write, "late", "2026-05-01", areas="[private-funding]")
    assert_finding(findings(run, records), "MOC313", "error", path, "areas")


def test_an_activity_ending_before_it_starts_is_an_error(
    records: Path, write: Write, run: Run
) -> None:
    path = activity(write, "backwards", "2026-05-01", end="2026-04-30")
    assert_finding(findings(run, records), "MOC317", "error", path, "end")


# -- the other MOC3xx findings ---------------------------------------------------------------------


def test_notice_received_before_commencement(records: Path, write: Write, run: Run) -> None:
    path = notice(write, "uk-notice", "2025-04-27")
    assert both_states(run, records, "2025-09-01") == "in_force"
    assert_finding(findings(run, records), "MOC301", "error", path, "received")


def test_notice_received_before_its_letter_date(records: Path, write: Write, run: Run) -> None:
    path = notice(write, "uk-notice", "2026-01-05", dated="2026-01-10")
    assert_finding(findings(run, records), "MOC303", "error", path, "received")


def test_notice_to_its_own_side(records: Path, write: Write, run: Run) -> None:
    path = notice(write, "uk-notice", "2026-01-10", to="[UK]")
    assert_finding(findings(run, records), "MOC304", "error", path, "to")


def test_revocation_by_another_side(records: Path, write: Write, run: Run) -> None:
    notice(write, "uk-notice", "2026-01-10")
    path = revocation(write, "jp-revocation", "uk-notice", "2026-02-01", by="JP")
    assert_finding(findings(run, records), "MOC304", "error", path, "by")


def test_a_plain_receipt_date_is_taken_as_the_recipients(
    records: Path, write: Write, run: Run
) -> None:
    path = notice(write, "uk-notice", "2026-01-10")
    view = at(records, "2026-02-01")
    assert view.discontinuation is not None
    assert view.discontinuation.receipt_assumed is True
    assert status(run, records, "2026-02-01")["discontinuation"]["receipt_assumed"] is True
    assert_finding(findings(run, records), "MOC315", "info", path, "received")


def test_without_received_the_letter_date_is_used(records: Path, write: Write, run: Run) -> None:
    path = notice(write, "uk-notice", None, dated="2026-01-10")
    view = at(records, "2026-02-01")
    assert view.discontinuation is not None
    assert view.discontinuation.received == D("2026-01-10")
    assert view.discontinuation.effective == D("2026-04-11")
    assert status(run, records, "2026-02-01")["discontinuation"]["effective"] == "2026-04-11"
    found = findings(run, records)
    assert_finding(found, "MOC316", "warning", path, "dated")
    assert "MOC315" not in codes(found)


@pytest.mark.parametrize("form", ["oral", "revocation"])
def test_revoking_a_notice_that_had_no_effect(
    records: Path, write: Write, run: Run, form: str
) -> None:
    if form == "oral":
        notice(write, "uk-notice", "2026-01-10", form="oral")
    else:  # a revocation cannot itself be revoked
        notice(write, "first", "2026-01-10")
        revocation(write, "uk-notice", "first", "2026-01-20")
    path = revocation(write, "uk-revocation", "uk-notice", "2026-02-01")
    assert_finding(findings(run, records), "MOC319", "warning", path, "revokes")


def test_revoking_a_notice_twice(records: Path, write: Write, run: Run) -> None:
    notice(write, "uk-notice", "2026-01-10")
    revocation(write, "first-revocation", "uk-notice", "2026-01-20")
    path = revocation(write, "second-revocation", "uk-notice", "2026-02-01")
    assert_finding(findings(run, records), "MOC319", "warning", path, "revokes")


def test_notice_received_after_discontinuation(records: Path, write: Write, run: Run) -> None:
    notice(write, "uk-notice", "2026-01-10")  # E = 2026-04-11
    path = notice(write, "jp-notice", "2026-04-11", by="JP")
    view = at(records, "2026-08-01")
    assert view.discontinuation is not None
    assert view.discontinuation.id == "uk-notice"
    finding = assert_finding(findings(run, records), "MOC307", "error", path, "received")
    assert "2026-04-11" in finding["message"]


# -- any number of Sides ---------------------------------------------------------------------------


def add_third_side(memo_dir: Path) -> None:
    """A fictional third Side, FR, so that the memorandum is trilateral."""
    edit_memorandum(
        memo_dir,
        "    timezone: Europe/London\n",
        "    timezone: Europe/London\n"
        "  - id: FR\n"
        "    name: A fictional French ministry\n"
        "    jurisdiction: FR\n"
        "    timezone: Europe/Paris\n",
    )


def test_a_trilateral_memorandum_commences_when_the_third_side_signs(
    records: Path, memo_dir: Path, run: Run
) -> None:
    add_third_side(memo_dir)
    set_signatures(memo_dir, ("JP", "2025-04-28"), ("UK", "2025-04-28"), ("FR", "2025-06-02"))
    assert both_states(run, records, "2025-05-01") == "awaiting_signature"
    assert status(run, records, "2025-05-01")["awaiting_signature_of"] == ["FR"]
    assert both_states(run, records, "2025-06-02") == "in_force"
    assert at(records, "2025-06-02").commenced == D("2025-06-02")


def test_a_trilateral_notice_reads_every_sides_zone(
    records: Path, memo_dir: Path, write: Write, run: Run
) -> None:
    add_third_side(memo_dir)
    set_signatures(memo_dir, ("JP", "2025-04-28"), ("UK", "2025-04-28"), ("FR", "2025-04-28"))
    # 23:30 on 31 Dec in London is 1 Jan in Paris and Tokyo. Latest E over GB and FR
    # (corresponding-date) and JP (jp-civil-code) on both dates: D = 1 Jan 2026 → E = 2 Apr.
    path = notice(write, "uk-notice", "2025-12-31T23:30:00+00:00", dated="2025-12-31")
    view = at(records, "2026-04-01")
    assert view.state == "discontinuation_pending"
    assert view.discontinuation is not None
    assert view.discontinuation.effective == D("2026-04-02")
    assert both_states(run, records, "2026-04-02") == "discontinued"
    # with more than two Sides, the recipients should be named
    finding = assert_finding(findings(run, records), "MOC304", "warning", path, "by")
    assert "to" in finding["message"]
