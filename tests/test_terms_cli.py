"""Fixed terms and renewal through the command line (issue 14): every state, the must-shows,
and each finding code. The memoranda under examples/ and written here are FICTIONAL.

Dates worked by hand (docs/dates.md#fixed-terms-and-renewal): signed 2021-06-02, P5Y terms:
term 1 2021-06-02..2026-06-01, term 2 2026-06-02..2031-06-01. Notice of non-renewal P6M before
the end of term 2: corresponding-date and jp-civil-code 2030-12-01 (D + 6 months = 1 Jun),
un-anniversary 2030-12-02 (D + 6 months = 2 Jun, the first day after the term); the safe-harbour
date is the earliest, 2030-12-01.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
Run = Callable[..., Result]


def status(run: Run, records: Path, as_of: str, code: int = 0) -> dict[str, Any]:
    result = run("--records", str(records), "status", "--as-of", as_of, "--format", "json")
    assert result.exit_code == code, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def codes(data: dict[str, Any]) -> list[str]:
    return [f["code"] for f in data["findings"]]


def test_second_term_with_its_end_and_last_day_for_non_renewal(run: Run) -> None:
    data = status(run, EXAMPLES / "five-year-term-renewing", "2026-07-01")
    assert data["state"] == "in_force"
    term = data["term"]
    assert (term["number"], term["first_day"], term["last_day"]) == (2, "2026-06-02", "2031-06-01")
    assert term["at_end"] == "renews" and term["next_term_begins"] == "2031-06-02"
    assert term["non_renewal"]["last_day_to_receive"] == "2030-12-01"
    assert term["non_renewal"]["rules"] == {
        "safe-harbour": "2030-12-01",
        "corresponding-date": "2030-12-01",
        "jp-civil-code": "2030-12-01",
        "un-anniversary": "2030-12-02",
    }
    assert data["next_event"]["date"] == "2030-12-01"
    assert data["next_event"]["kind"] == "non-renewal deadline"
    assert data["discontinuation"] is None and data["expires"] is None


def test_status_text_says_the_term_and_the_deadline(run: Run) -> None:
    result = run(
        "--records", str(EXAMPLES / "five-year-term-renewing"), "--no-color", "status",
        "--as-of", "2026-07-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.replace("│", " ").split())
    assert "in its 2nd term" in text
    assert "term 2 (P5Y): 2026-06-02 to 2031-06-01; renews on 2031-06-02" in text
    assert "must be received by Sun 1 Dec 2030" in text


@pytest.mark.parametrize(
    ("as_of", "number", "state"),
    [("2021-06-01", None, "draft"), ("2021-06-02", 1, "in_force"), ("2026-06-01", 1, "in_force"),
     ("2026-06-02", 2, "in_force"), ("2031-06-02", 3, "in_force")],
)  # fmt: skip
def test_each_term_in_turn(run: Run, as_of: str, number: int | None, state: str) -> None:
    data = status(run, EXAMPLES / "five-year-term-renewing", as_of)
    assert data["state"] == state
    assert (data["term"] or {}).get("number") == number


def test_non_renewal_in_time_expires_at_the_end_of_the_term(run: Run) -> None:
    folder = EXAMPLES / "non-renewal-in-time"
    before = status(run, folder, "2031-06-01")
    assert before["state"] == "in_force"
    assert before["term"]["at_end"] == "expires" and before["term"]["expires"] == "2031-06-02"
    assert before["term"]["ended_by"] == "uk-non-renewal-2030"
    assert before["notices"][0]["ends_term"] == 2
    after = status(run, folder, "2031-06-02")
    assert after["state"] == "expired" and after["expires"] == "2031-06-02"
    assert "MOC327" not in codes(after) and "MOC329" not in codes(after)


def test_non_renewal_one_day_late_is_a_finding_and_it_renews(run: Run) -> None:
    data = status(run, EXAMPLES / "non-renewal-too-late", "2031-06-02")
    assert data["state"] == "in_force" and data["term"]["number"] == 3
    notice = data["notices"][0]
    assert notice["standing"] == "void" and notice["needed_by"] == "2030-12-01"
    late = [f for f in data["findings"] if f["code"] == "MOC327"]
    assert len(late) == 1 and "had to be received by 2030-12-01" in late[0]["message"]


def test_three_year_term_expires_the_day_after_its_last_day(run: Run) -> None:
    folder = EXAMPLES / "three-year-term-expiring"
    last = status(run, folder, "2026-10-15")
    assert last["state"] == "in_force" and last["term"]["last_day"] == "2026-10-15"
    assert last["activities"] == [{"id": "research-cruise", "status": "ongoing",
                                   "start": "2024-04-01", "end": "2027-03-31"}]  # fmt: skip
    gone = status(run, folder, "2026-10-16")
    assert gone["state"] == "expired" and gone["expires"] == "2026-10-16"
    assert gone["activities"][0]["status"] == "continuing"  # 2.4
    assert "MOC329" in codes(gone)
    assert status(run, folder, "2027-04-01")["activities"][0]["status"] == "ended"


def test_timeline_and_calendar_show_the_terms(run: Run) -> None:
    folder = str(EXAMPLES / "five-year-term-renewing")
    result = run("--records", folder, "timeline", "--as-of", "2026-07-01", "--format", "json")
    kinds = {(e["date"], e["kind"]) for e in json.loads(result.stdout)["events"]}
    assert {("2030-12-01", "non-renewal deadline"), ("2031-06-01", "term ends"),
            ("2031-06-02", "renewal")} <= kinds  # fmt: skip
    ical = run("--records", folder, "calendar", "--as-of", "2026-07-01").stdout
    assert "DTSTART;VALUE=DATE:20301201" in ical  # the deadline
    assert "in 30 days" in ical and "DTSTART;VALUE=DATE:20301101" in ical  # its reminder
    expiring = run("--records", str(EXAMPLES / "non-renewal-in-time"), "timeline",
                   "--as-of", "2031-01-01", "--format", "json")  # fmt: skip
    events = json.loads(expiring.stdout)["events"]
    assert {"date": "2031-06-02", "kind": "expiry"}.items() <= next(
        e for e in events if e["kind"] == "expiry"
    ).items()


def test_the_portfolio_next_key_date_is_the_deadline(run: Run, tmp_path: Path) -> None:
    for name in ("five-year-term-renewing", "three-year-term-expiring"):
        shutil.copytree(EXAMPLES / name, tmp_path / name)
    result = run("--records", str(tmp_path), "status", "--as-of", "2026-07-01", "--format", "json")
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["example-urban-2021"]["next_event"]["date"] == "2030-12-01"
    assert rows["example-marine-2023"]["next_event"]["kind"] == "expiry"


# -- the findings ---------------------------------------------------------------------------------

MEMO = (EXAMPLES / "five-year-term-renewing" / "memorandum.yaml").read_text(encoding="utf-8")
NOTICE = """apiVersion: mocctl/v1
kind: Notice
id: {id}
type: {type}
by: UK
dated: {day}
received: {day}
"""


def _folder(tmp_path: Path, memo: str, **notices: tuple[str, str]) -> Path:
    folder = tmp_path / "records" / "example-urban-2021"
    (folder / "notices").mkdir(parents=True)
    (folder / "memorandum.yaml").write_text(memo, encoding="utf-8")
    for notice_id, (kind, day) in notices.items():
        text = NOTICE.format(id=notice_id, type=kind, day=day)
        (folder / "notices" / f"{notice_id}.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "records"


def test_moc328_a_term_of_no_length_is_read_as_no_term(run: Run, tmp_path: Path) -> None:
    records = _folder(tmp_path, MEMO.replace("term: P5Y ", "term: P0Y "))
    data = status(run, records, "2026-07-01", code=1)
    assert "MOC328" in codes(data) and data["term"] is None and data["state"] == "in_force"


def test_moc328_renewals_without_a_term(run: Run, tmp_path: Path) -> None:
    records = _folder(tmp_path, MEMO.replace("    term: P5Y", "    # no term"))
    assert "MOC328" in codes(status(run, records, "2026-07-01", code=1))


def test_moc330_a_notice_with_nothing_to_refuse(run: Run, tmp_path: Path) -> None:
    memo = MEMO.replace("    non_renewal_notice: P6M", "    # none")
    records = _folder(tmp_path, memo, n1=("non-renewal", "2025-06-01"))
    data = status(run, records, "2026-07-01")
    assert "MOC330" in codes(data) and data["term"]["number"] == 2


def test_moc331_no_discontinuation_during_a_term(run: Run, tmp_path: Path) -> None:
    memo = MEMO.replace(
        "    non_renewal_notice: P6M",
        "    non_renewal_notice: P6M\n    discontinuation_during_term: false",
    )
    records = _folder(tmp_path, memo, d1=("discontinuation", "2023-01-10"))
    data = status(run, records, "2024-01-01", code=1)
    assert "MOC331" in codes(data) and data["state"] == "in_force"
    assert data["discontinuation"] is None


def _no_discontinuation_during_a_term(tmp_path: Path) -> Path:
    memo = MEMO.replace(
        "    non_renewal_notice: P6M",
        "    non_renewal_notice: P6M\n    discontinuation_during_term: false",
    )
    return _folder(tmp_path, memo)


def test_no_discontinuation_during_a_term_in_the_history(run: Run, tmp_path: Path) -> None:
    from mocctl.commands.common import load_checked
    from mocctl.core.history import history
    from mocctl.settings import Settings

    (records,) = load_checked(
        Settings(records=_no_discontinuation_during_a_term(tmp_path))
    ).memoranda
    seen = history(records, dt.date(2026, 7, 1))
    assert not seen.discontinuable_on(dt.date(2026, 7, 1))
    (plain,) = load_checked(Settings(records=EXAMPLES / "five-year-term-renewing")).memoranda
    assert history(plain, dt.date(2026, 7, 1)).discontinuable_on(dt.date(2026, 7, 1))


def test_draft_notice_refuses_what_would_be_void(run: Run, tmp_path: Path) -> None:
    records = _no_discontinuation_during_a_term(tmp_path)
    result = run(
        "--records", str(records), "--as-of", "2026-07-01", "draft", "notice", "--by", "UK",
        "--output", str(tmp_path / "out"),
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "MOC331" in result.output and "draft non-renewal" in result.output
    assert not (tmp_path / "out").exists()  # nothing written


def test_an_expiry_before_a_discontinuation_supersedes_it(run: Run, tmp_path: Path) -> None:
    memo = (
        MEMO.replace("at_end: renews ", "at_end: expires")
        .replace('    renewal_term: P5Y                 #  of 5 years"\n', "")
        .replace("    non_renewal_notice: P6M", "")
    )
    records = _folder(tmp_path, memo, d1=("discontinuation", "2026-03-01"))
    data = status(run, records, "2026-06-02")
    assert data["state"] == "expired" and data["discontinuation"] is None
    assert data["notices"][0]["standing"] == "superseded"


def test_a_modification_extends_the_term(run: Run, tmp_path: Path) -> None:
    records = _folder(tmp_path, MEMO.replace("at_end: renews ", "at_end: expires").replace(
        "    renewal_term: P5Y                 #  of 5 years\"\n", "").replace(
        "    non_renewal_notice: P6M", ""))  # fmt: skip
    (records / "example-urban-2021" / "extend.yaml").write_text(
        """apiVersion: mocctl/v1
kind: Modification
id: extend
title: The term is seven years
consents: [{side: JP, date: 2025-01-10}, {side: UK, date: 2025-01-12}]
effective: 2025-02-01
changes:
  - {op: set_term, term: duration.term, value: P7Y}
""",
        encoding="utf-8",
    )
    data = status(run, records, "2026-07-01")
    assert data["state"] == "in_force" and data["term"]["last_day"] == "2028-06-01"
    assert status(run, records, "2028-06-02")["state"] == "expired"


def test_text_names_the_term_and_the_portfolio_shows_expired(run: Run, tmp_path: Path) -> None:
    folder = str(EXAMPLES / "five-year-term-renewing")
    text = run("--records", folder, "text", "--as-of", "2026-07-01").stdout
    assert (
        "> Term 2 (P5Y): 2026-06-02 to 2031-06-01; it renews on 2031-06-02 unless a notice of "
        "non-renewal is received by 2030-12-01." in text
    )
    assert "- Notice of non-renewal, before the end of a term: P6M" in text
    for name in ("five-year-term-renewing", "three-year-term-expiring"):
        shutil.copytree(EXAMPLES / name, tmp_path / name)
    table = run("--records", str(tmp_path), "--no-color", "status", "--as-of", "2026-10-20")
    assert table.exit_code == 0, table.output
    assert "expired" in table.stdout


def test_draft_modification_sets_a_duration_term(run: Run, tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "three-year-term-expiring", tmp_path / "m")
    result = run(
        "--records", str(tmp_path / "m"), "--as-of", "2025-12-01", "draft", "modification",
        "--effective", "2026-01-01", "--set-term", "duration.term=P5Y",
        "--set-term", "duration.renewals=2",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "term: duration.term\n    value: P5Y" in result.stdout
    assert 'value: "2"' in result.stdout
    bad = run(
        "--records", str(tmp_path / "m"), "--as-of", "2025-12-01", "draft", "modification",
        "--effective", "2026-01-01", "--set-term", "duration.term=P0Y",
    )  # fmt: skip
    assert bad.exit_code == 2 and "at least one month" in bad.output


@pytest.mark.parametrize("length", ["P9000Y", "P99999999Y", "P1M"])
def test_terms_at_the_calendar_s_edges_are_no_internal_error(
    run: Run, tmp_path: Path, length: str
) -> None:
    records = _folder(
        tmp_path, MEMO.replace("term: P5Y ", f"term: {length} "), n1=("non-renewal", "2025-06-01")
    )
    for command in ("status", "timeline", "validate", "calendar"):
        result = run("--records", str(records), "--as-of", "2026-07-01", command)
        assert result.exit_code in (0, 1), result.output
        assert "internal error" not in result.output


def test_the_portfolio_filters_by_the_state_expired(run: Run, tmp_path: Path) -> None:
    for name in ("five-year-term-renewing", "three-year-term-expiring"):
        shutil.copytree(EXAMPLES / name, tmp_path / name)
    result = run(
        "--records", str(tmp_path), "status", "--as-of", "2026-10-20", "--state", "expired",
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in json.loads(result.stdout)] == ["example-marine-2023"]


# -- a discontinuation that the expiry would overtake: status and period say the same -----------

MARINE = Path(__file__).resolve().parents[1] / "examples" / "three-year-term-expiring"


@pytest.mark.parametrize(
    ("as_of", "says"),
    [
        ("2026-06-01", "would discontinue it from"),  # E 2026-09-02, before the expiry
        ("2026-08-01", "after the memorandum expires on 2026-10-16: it would change nothing"),
    ],
)
def test_status_and_period_agree_on_a_notice_the_expiry_overtakes(
    run: Run, as_of: str, says: str
) -> None:
    """The FICTIONAL three-year memorandum expires on 2026-10-16; notice is P3M."""
    status = run("--records", str(MARINE), "--as-of", as_of, "status", env={"COLUMNS": "200"})
    assert says in " ".join(status.output.split()), status.output
    period = run("--records", str(MARINE), "--as-of", as_of, "period", as_of, "--format", "json")
    data = json.loads(period.stdout)
    assert data["expires"] == "2026-10-16"
    overtaken = data["safe_harbour"]["effective"] > data["expires"]
    assert overtaken == ("change nothing" in says)
    text = run("--records", str(MARINE), "--as-of", as_of, "period", as_of)
    assert ("it would change nothing" in " ".join(text.output.split())) == overtaken


def test_status_says_a_notice_today_would_be_void(run: Run, tmp_path: Path) -> None:
    args = ("--records", str(_no_discontinuation_during_a_term(tmp_path)), "--no-color")
    result = run(*args, "status", "--as-of", "2026-07-01", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.output.splitlines() if "If notice" in line]
    assert "would be void" in line and "MOC331" in line and "2031-06-01" in line
    assert "would discontinue" not in result.output
    plain = run("--records", str(EXAMPLES / "five-year-term-renewing"), "--no-color", "status",
                "--as-of", "2026-07-01", env={"COLUMNS": "200"})  # fmt: skip
    assert "would discontinue it from" in plain.output and "void" not in plain.output
