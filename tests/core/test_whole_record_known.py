"""``knows_the_whole_record``: when a history as of a date folds exactly what the whole record
folds, so that its text in force is the whole record's (checks.wording then folds once, not
twice). Every record here is FICTIONAL.

Each condition has an edge test on the day itself and the day before (the shortcut must be
refused whenever anything becomes known after ``as_of``), and a hypothesis property checks the
promise itself: whenever the shortcut is allowed, the applying changes and the text on every day
equal those of ``history(records, FAR_FUTURE)``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.core.test_memo_consolidation import add_area, period, records
from tests.core.test_memo_consolidation import memorandum as base_memorandum

from mocctl.checks import wording
from mocctl.core import history as history_module
from mocctl.core.history import FAR_FUTURE, history, knows_the_whole_record
from mocctl.core.memoranda import MemorandumRecords
from mocctl.model.records import Memorandum, Modification, Notice

D = dt.date.fromisoformat
DAY = dt.timedelta(days=1)


def memorandum(jp: str = "2026-01-10", uk: str = "2026-01-15", *, term: bool = False) -> Memorandum:
    data = base_memorandum().model_dump(mode="json", by_alias=True, exclude_none=True)
    data["signatures"][0]["date"], data["signatures"][1]["date"] = jp, uk
    if term:
        data["terms"]["duration"] = {"term": "P2Y", "at_end": "expires"}
    return Memorandum.model_validate(data)


def modification(
    record: str, effective: str, jp: str, uk: str | None, *changes: dict[str, Any]
) -> Modification:
    consents = [{"side": "JP", "date": jp, "form": "written"}]
    if uk is not None:
        consents.append({"side": "UK", "date": uk, "form": "written"})
    return Modification.model_validate(
        {
            "apiVersion": "mocctl/v1",
            "kind": "Modification",
            "id": record,
            "title": f"Fictional modification {record}",
            "consents": consents,
            "effective": effective,
            "changes": list(changes) or [add_area(f"area-{record}")],
        }
    )


def notice(record: str, received: str | None, dated: str = "2026-02-01") -> Notice:
    data = {
        "apiVersion": "mocctl/v1",
        "kind": "Notice",
        "id": record,
        "type": "discontinuation",
        "by": "UK",
        "dated": dated,
    }
    if received is not None:
        data["received"] = received
    return Notice.model_validate(data)


def _agree(known: MemorandumRecords, as_of: dt.date) -> None:
    """The promise: the history as of ``as_of`` has the whole record's text on every day."""
    seen, whole = history(known, as_of), history(known, FAR_FUTURE)
    assert [c.id for c in seen.applying] == [c.id for c in whole.applying]
    days = {dt.date.min, as_of, *(c.effective for c in whole.applying)}
    for day in sorted(days):
        assert seen.text_on(day) == whole.text_on(day), day


# -- each condition, on the day and the day before ------------------------------------------------


def test_everything_dated_on_or_before_the_day_is_the_whole_record() -> None:
    known = records(
        memorandum(),
        modification("m1", "2026-06-01", "2026-03-01", "2026-03-05", period("P6M")),
        notices=[notice("n1", "2026-04-01")],
    )
    assert knows_the_whole_record(known, D("2026-04-01"))  # the last date named: the receipt
    assert not knows_the_whole_record(known, D("2026-03-31"))
    _agree(known, D("2026-04-01"))


def test_a_change_effective_later_but_agreed_by_the_day_is_known() -> None:
    known = records(memorandum(), modification("m1", "2027-01-01", "2026-03-01", "2026-03-05"))
    assert knows_the_whole_record(known, D("2026-03-05"))
    assert not knows_the_whole_record(known, D("2026-03-04"))  # the UK's consent is later
    _agree(known, D("2026-03-05"))


def test_a_signature_after_the_day_is_not_known_yet() -> None:
    known = records(memorandum(uk="2026-01-15"))
    assert knows_the_whole_record(known, D("2026-01-15"))
    assert not knows_the_whole_record(known, D("2026-01-14"))


def test_a_change_never_agreed_by_every_side_is_the_same_at_any_date() -> None:
    known = records(memorandum(), modification("m1", "2026-06-01", "2026-03-01", None))
    assert knows_the_whole_record(known, D("2026-03-01"))
    assert not knows_the_whole_record(known, D("2026-02-28"))  # JP's consent is still to come
    _agree(known, D("2026-03-01"))


def test_a_notice_never_received_uses_its_date_and_counts_from_it() -> None:
    known = records(memorandum(), notices=[notice("n1", None, dated="2026-05-01")])
    assert knows_the_whole_record(known, D("2026-05-01"))
    assert not knows_the_whole_record(known, D("2026-04-30"))


def test_a_notice_with_one_receipt_per_recipient_counts_from_the_latest() -> None:
    letter = notice("n1", None).model_dump(by_alias=True, exclude_none=True)
    letter["receipts"] = [{"side": "JP", "received": "2026-04-01"}]
    known = records(memorandum(), notices=[Notice.model_validate(letter)])
    assert knows_the_whole_record(known, D("2026-04-01"))
    assert not knows_the_whole_record(known, D("2026-03-31"))  # not received yet: no day at all
    _agree(known, D("2026-04-01"))


def test_a_fixed_term_is_never_taken_as_the_whole_record() -> None:
    known = records(memorandum(term=True))
    assert not knows_the_whole_record(known, D("2030-01-01"))
    assert knows_the_whole_record(records(memorandum()), D("2030-01-01"))


def test_a_folder_without_a_memorandum_is_not() -> None:
    from pathlib import Path

    assert not knows_the_whole_record(
        MemorandumRecords(folder=Path("fictional"), memorandum=None), FAR_FUTURE
    )


# -- the wording check folds once when the shortcut holds ---------------------------------------


def test_the_wording_check_takes_the_history_it_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    known = records(
        memorandum(), modification("m1", "2026-06-01", "2026-03-01", "2026-03-05", period("P6M"))
    )
    expected = wording.check(known, history(known, FAR_FUTURE))
    folds: list[dt.date] = []
    real = history_module.history

    def counted(rec: MemorandumRecords, as_of: dt.date) -> history_module.History:
        folds.append(as_of)
        return real(rec, as_of)

    monkeypatch.setattr(history_module, "history", counted)
    assert wording.check(known, real(known, D("2026-03-05"))) == expected
    assert folds == []  # the whole record is known: no second fold
    assert wording.check(known, real(known, D("2026-03-04"))) == expected
    assert folds == [FAR_FUTURE]  # the UK's consent comes later: the whole record is folded


# -- the promise, for any records ---------------------------------------------------------------

_days = st.integers(min_value=0, max_value=400).map(lambda n: D("2026-01-01") + n * DAY)


@st.composite
def _records(draw: st.DrawFn) -> MemorandumRecords:
    jp, uk = draw(_days), draw(_days)
    changes = []
    for index in range(draw(st.integers(0, 3))):
        first = draw(_days)
        second = draw(st.none() | _days)
        effective = draw(_days)
        change = period(draw(st.sampled_from(["P1M", "P3M", "P6M"])))
        changes.append(
            modification(
                f"m{index}", str(effective), str(first), str(second) if second else None, change
            )
        )
    notices = [
        notice(f"n{index}", str(draw(_days)), dated=str(D("2026-01-01")))
        for index in range(draw(st.integers(0, 2)))
    ]
    return records(memorandum(str(jp), str(uk)), *changes, notices=notices)


@settings(max_examples=300, deadline=None)
@given(known=_records(), as_of=_days)
def test_whenever_the_shortcut_is_allowed_the_text_is_the_whole_records(
    known: MemorandumRecords, as_of: dt.date
) -> None:
    if knows_the_whole_record(known, as_of):
        _agree(known, as_of)
    else:  # something named in the records is dated after the day
        memo = known.memorandum
        assert memo is not None
        named = [s.date for s in memo.signatures]
        named += [c.date for m in known.modifications for c in m.consents]
        named += [n.received or n.dated for n in known.notices]
        assert max(named) > as_of
