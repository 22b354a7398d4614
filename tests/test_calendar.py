"""``mocctl calendar``: key dates as iCalendar, parsed back by two independent parsers.

The notices and activities written here are FICTIONAL test data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
from tests.conftest import WriteRecord
from typer.testing import Result

vobject = pytest.importorskip("vobject", reason="the second parser is a test extra (vobject)")

Run = Callable[..., Result]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


NOTICE = """
    # FICTIONAL
    apiVersion: mocctl/v1
    kind: Notice
    id: uk-notice-2027
    type: discontinuation
    by: UK
    form: written
    dated: 2027-02-20
    received: {received}
"""
ACTIVITY = """
    # FICTIONAL
    apiVersion: mocctl/v1
    kind: Activity
    id: exchange
    title: Researcher exchange
    areas: [education-exchange]
    start: 2026-01-01
    end: 2028-03-31
"""


@pytest.fixture
def scenario(write: WriteRecord, records: Path) -> Path:
    write("notices/uk.yaml", NOTICE.format(received="2027-02-28"))
    write("activities/exchange.yaml", ACTIVITY)
    return records


def events_of(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def key_events(data: bytes) -> list[icalendar.Event]:
    """The events of the key dates themselves (not the reminder events before them)."""
    return [e for e in events_of(data) if not str(e["summary"]).split(": ", 1)[1].startswith("in ")]


def calendar(
    run: Run, records: Path, *args: str, as_of: str = "2027-03-01", code: int = 0
) -> bytes:
    result = run("--records", str(records), "--as-of", as_of, "calendar", *args)
    assert result.exit_code == code, result.output
    return result.stdout_bytes


def test_a_notice_received_2027_02_28_gives_an_event_on_2027_06_01(
    run: Run, scenario: Path
) -> None:
    data = calendar(run, scenario)
    events = events_of(data)
    by_day: dict[dt.date, list[str]] = {}
    for event in events:
        by_day.setdefault(event.decoded("dtstart"), []).append(str(event["summary"]))
    # safe-harbour: the later of corresponding-date (29 May) and jp-civil-code (1 June).
    assert any("discontinuation takes effect" in s for s in by_day[dt.date(2027, 6, 1)])
    assert any("last day in force" in s for s in by_day[dt.date(2027, 5, 31)])
    assert any("last day of activity exchange" in s for s in by_day[dt.date(2028, 3, 31)])
    ending = next(e for e in key_events(data) if "discontinuation takes" in str(e["summary"]))
    description = str(ending["description"])
    assert "safe-harbour rule" in description
    assert "corresponding-date: last day 2027-05-28, discontinued from 2027-05-29" in description
    assert "un-anniversary: last day 2027-05-27, discontinued from 2027-05-28" in description
    # All-day: DATE values, DTEND the next day; DTSTAMP from the as-of date, not the clock.
    assert b"DTSTART;VALUE=DATE:20270601\r\nDTEND;VALUE=DATE:20270602" in data
    assert b"DTSTAMP:20270301T000000Z" in data
    assert not data.replace(b"DTSTAMP:20270301T000000Z", b"").count(b"DTSTAMP")
    # Reminders: VALARMs on the event and separate all-day events 90, 30 and 7 days before.
    triggers = sorted(str(a["trigger"].to_ical(), "ascii") for a in ending.walk("VALARM"))
    assert triggers == ["-P30D", "-P7D", "-P90D"]
    for days in (90, 30, 7):
        assert any(
            "in " + str(days) + " days" in s
            for s in by_day[dt.date(2027, 6, 1) - dt.timedelta(days)]
        )


def test_uids_are_unique_and_the_output_is_reproducible(run: Run, scenario: Path) -> None:
    first = calendar(run, scenario)
    assert calendar(run, scenario) == first
    uids = [str(e["uid"]) for e in events_of(first)]
    assert len(uids) == len(set(uids)) > 5
    assert all("@" not in uid for uid in uids)  # RFC 7986: no host or domain


def test_a_second_independent_parser_reads_it(run: Run, scenario: Path) -> None:
    data = calendar(run, scenario, "--target", "2027-12-31", as_of="2027-01-01")
    parsed = vobject.readOne(data.decode("utf-8"))
    events = list(parsed.vevent_list)
    assert len(events) == len(events_of(data))
    starts = {e.dtstart.value for e in events}
    assert dt.date(2028, 3, 31) in starts
    assert len(vobject.readOne(calendar(run, scenario).decode()).vevent_list) > 5
    for event in events:
        assert isinstance(event.dtstart.value, dt.date)
        assert event.dtend.value == event.dtstart.value + dt.timedelta(days=1)
        assert event.uid.value
    # --target: the latest receipt for discontinuation on 31 Dec 2027 (the search of period).
    latest = [e for e in events if e.summary.value.endswith("discontinuation on 2027-12-31")]
    # safe-harbour: received on 29 Sep 2027, jp-civil-code gives E = 30 Dec; on 30 Sep, 1 Jan.
    assert {e.dtstart.value for e in latest} == {dt.date(2027, 9, 29)}


def test_moving_the_receipt_keeps_the_uids_and_raises_sequence(
    run: Run, scenario: Path, write: WriteRecord, tmp_path: Path
) -> None:
    out = tmp_path / "dates.ics"
    calendar(run, scenario, "-o", str(out))
    before = {str(e["uid"]): e for e in events_of(out.read_bytes())}
    assert {int(e["sequence"]) for e in before.values()} == {0}
    # Writing again over the file with nothing changed: the same bytes.
    first = out.read_bytes()
    calendar(run, scenario, "-o", str(out), "--force")
    assert out.read_bytes() == first

    write("notices/uk.yaml", NOTICE.format(received="2027-02-27"))
    calendar(run, scenario, "-o", str(out), "--force")
    after = {str(e["uid"]): e for e in events_of(out.read_bytes())}
    moved = [
        uid
        for uid, event in after.items()
        if uid in before and event.decoded("dtstart") != before[uid].decoded("dtstart")
    ]
    ending = next(
        str(e["uid"])
        for e in key_events(out.read_bytes())
        if "discontinuation takes" in str(e["summary"])
    )
    assert ending in before  # the same event, the same UID
    assert after[ending].decoded("dtstart") == dt.date(2027, 5, 28)  # moved from 1 June
    assert moved and all(int(after[uid]["sequence"]) == 1 for uid in moved)
    unchanged = [uid for uid in after if uid in before and uid not in moved]
    assert unchanged and all(int(after[uid]["sequence"]) == 0 for uid in unchanged)


def test_an_existing_file_is_not_replaced_without_force(
    run: Run, scenario: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dates.ics"
    out.write_text("keep me", encoding="utf-8")
    result = run("--records", str(scenario), "calendar", "-o", str(out), "--as-of", "2027-03-01")
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"


def test_a_revoked_notice_is_cancelled_and_has_no_reminders(run: Run) -> None:
    data = calendar(run, EXAMPLES / "revoked-then-discontinued", "--remind", "30")
    events = events_of(data)
    revoked = [e for e in events if "uk-discontinuation-2026" in str(e["summary"])]
    assert revoked and all(str(e["status"]) == "CANCELLED" for e in revoked)
    assert all(not list(e.walk("VALARM")) for e in revoked)
    live = [e for e in events if "jp-discontinuation-2027" in str(e["summary"])]
    assert any(e.decoded("dtstart") == dt.date(2027, 6, 30) for e in live)


def test_the_whole_portfolio_in_one_calendar(run: Run, tmp_path: Path) -> None:
    data = calendar(run, EXAMPLES, "--remind", "none", code=1)  # MOC204: the ids repeat
    names = {str(e["summary"]).split(":")[0] for e in events_of(data)}
    # Examples share memorandum ids: each one's UIDs carry its folder too.
    uids = [str(e["uid"]) for e in events_of(data)]
    assert len(uids) == len(set(uids))
    assert names == {"jp-uk-quantum-2025", "example-urban-2021", "example-marine-2023"}
    assert b"BEGIN:VALARM" not in data


@pytest.mark.parametrize("bad", ["soon", "0", "30,x"])
def test_bad_reminders_are_usage_errors(run: Run, scenario: Path, bad: str) -> None:
    result = run("--records", str(scenario), "calendar", "--remind", bad)
    assert result.exit_code == 2
    assert "--remind" in result.stderr


def test_no_readable_memorandum_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("--records", str(empty), "calendar")
    assert result.exit_code == 2
    assert "no memorandum" in result.stderr
