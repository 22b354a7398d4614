"""Tests that kill the mutants of ``mocctl.core.notices`` (SPEC §3.3, §3.6; issue 8 item 4).

The dates of one notice: D is the recipients' (latest) calendar date of receipt; the basic rules
count from D, safe-harbour from the receipt date in every Side's zone; a later requested date
governs, an earlier one does not; a date beyond year 9999 is :class:`OutOfCalendar`. The receipt
that governs is the one ``received``, or the latest of the per-recipient ``receipts`` once every
recipient has one, or else the letter's ``dated``. Every memorandum and notice here is FICTIONAL
test data, built in memory; the expected dates are worked out by hand from SPEC §3.3 (its
London/Tokyo example among them). See docs/mutation.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mocctl.core import periods
from mocctl.core.notices import (
    OutOfCalendar,
    Parties,
    Receipt,
    dates_of,
    parties,
    receipt_day,
    receipt_of,
    recipients,
)
from mocctl.model.records import Memorandum, Notice

D = dt.date.fromisoformat
UTC = dt.UTC
SIDES = {
    "JP": {"id": "JP", "name": "Side J", "jurisdiction": "JP", "timezone": "Asia/Tokyo"},
    "UK": {"id": "UK", "name": "Side U", "jurisdiction": "GB", "timezone": "Europe/London"},
    "FR": {"id": "FR", "name": "Side F", "jurisdiction": "FR", "timezone": "Europe/Paris"},
}
TOKYO, LONDON, PARIS = "Asia/Tokyo", "Europe/London", "Europe/Paris"
JP_UK = Parties(("JP", "GB"), (TOKYO, LONDON), (TOKYO,))  # a notice from UK to JP
UK_JP = Parties(("JP", "GB"), (TOKYO, LONDON), (LONDON,))  # a notice from JP to UK


def memorandum(*sides: str) -> Memorandum:
    return Memorandum.model_validate(
        {
            "apiVersion": "mocctl/v1",
            "kind": "Memorandum",
            "id": "fictional-moc",
            "title": "A fictional memorandum for tests",
            "sides": [SIDES[side] for side in sides or ("JP", "UK")],
            "terms": {"discontinuation": {"notice_period": "P3M"}},
        }
    )


def notice(by: str = "UK", **more: Any) -> Notice:
    return Notice.model_validate(
        {
            "apiVersion": "mocctl/v1",
            "kind": "Notice",
            "id": "n1",
            "type": "discontinuation",
            "by": by,
            "dated": "2026-03-01",
            **more,
        }
    )


def at(hour: int, day: str, offset: int = 0) -> dt.datetime:
    """``day`` at ``hour``:00 at UTC + ``offset`` hours."""
    return dt.datetime.combine(D(day), dt.time(hour), dt.timezone(dt.timedelta(hours=offset)))


# -- dates_of --------------------------------------------------------------------------------------


def test_the_spec_example_across_time_zones_to_japan() -> None:
    # 30 April 2025, 20:00 in London (+01:00) is 1 May in Tokyo, the recipient's date: D = 1 May.
    got = dates_of(at(20, "2025-04-30", 1), notice_period="P3M", rule="safe-harbour", who=JP_UK)
    assert got.received == D("2025-05-01")
    assert got.received_as_given == at(20, "2025-04-30", 1)
    assert dict(got.receipt_dates) == {TOKYO: D("2025-05-01"), LONDON: D("2025-04-30")}
    assert (got.notice_period, got.months, got.rule) == ("P3M", 3, "safe-harbour")
    assert got.rules["corresponding-date"] == periods.Period(D("2025-08-01"), D("2025-08-02"))
    assert got.rules["jp-civil-code"] == periods.Period(D("2025-08-01"), D("2025-08-02"))
    assert got.rules["un-anniversary"] == periods.Period(D("2025-07-31"), D("2025-08-01"))
    assert got.rules["safe-harbour"] == periods.Period(D("2025-08-01"), D("2025-08-02"))
    assert set(got.rules) == set(periods.RULES)
    assert (got.last_day, got.effective, got.last_day_in_force) == (
        D("2025-08-01"),
        D("2025-08-02"),
        D("2025-08-01"),
    )
    assert got.requested_effective is None
    assert not got.requested_applies and not got.requested_too_early


def test_the_basic_rules_count_from_the_recipients_date_and_safe_harbour_from_every_zone() -> None:
    # The same instant to the UK: D = 30 April (London). Corresponding-date L 30 Jul / E 31 Jul;
    # jp-civil-code: S = 1 May, the 1st, so L = 31 July, E = 1 Aug; un-anniversary E = 30 Jul.
    # Safe-harbour still reads 1 May in Tokyo: E = 2 Aug.
    got = dates_of(
        at(20, "2025-04-30", 1), notice_period="P3M", rule="corresponding-date", who=UK_JP
    )
    assert got.received == D("2025-04-30")
    assert got.computed == got.rules["corresponding-date"]
    assert got.rules["corresponding-date"] == periods.Period(D("2025-07-30"), D("2025-07-31"))
    assert got.rules["jp-civil-code"] == periods.Period(D("2025-07-31"), D("2025-08-01"))
    assert got.rules["un-anniversary"] == periods.Period(D("2025-07-29"), D("2025-07-30"))
    assert got.rules["safe-harbour"].effective == D("2025-08-02")
    assert got.effective == D("2025-07-31")


def test_a_plain_date_is_the_recipients_date_and_has_no_zones() -> None:
    got = dates_of(D("2025-04-30"), notice_period="P1Y", rule="jp-civil-code", who=JP_UK)
    assert (got.received, got.months, dict(got.receipt_dates)) == (D("2025-04-30"), 12, {})
    # jp-civil-code: S = 1 May 2025, the 1st: L = 30 April 2026; corresponding-date L 30 Apr too.
    assert got.rules["jp-civil-code"] == periods.Period(D("2026-04-30"), D("2026-05-01"))
    assert got.rules["safe-harbour"] == periods.Period(D("2026-04-30"), D("2026-05-01"))
    assert got.effective == D("2026-05-01")


def test_a_later_requested_date_governs_and_an_earlier_or_equal_one_does_not() -> None:
    def asked(day: str) -> Any:
        return dates_of(
            D("2025-04-28"),
            notice_period="P3M",
            rule="corresponding-date",
            who=JP_UK,
            requested_effective=D(day),
        )

    later = asked("2025-09-01")  # computed: L 28 Jul, E 29 Jul
    assert (later.requested_applies, later.requested_too_early) == (True, False)
    assert (later.effective, later.last_day_in_force, later.last_day) == (
        D("2025-09-01"),
        D("2025-08-31"),
        D("2025-07-28"),
    )
    assert later.requested_effective == D("2025-09-01")
    same = asked("2025-07-29")
    assert (same.requested_applies, same.requested_too_early, same.effective) == (
        False,
        False,
        D("2025-07-29"),
    )
    earlier = asked("2025-07-28")
    assert (earlier.requested_applies, earlier.requested_too_early, earlier.effective) == (
        False,
        True,
        D("2025-07-29"),
    )


def test_a_date_beyond_year_9999_is_out_of_calendar() -> None:
    with pytest.raises(OutOfCalendar) as caught:
        dates_of(D("9999-11-01"), notice_period="P3M", rule="safe-harbour", who=JP_UK)
    assert str(caught.value) == (
        "a notice received 9999-11-01 with a P3M period would take effect after year 9999, "
        "outside the calendar mocctl can count in"
    )
    # jp-civil-code: S = 1 October 9999, L = 31 December 9999, E in year 10000.
    with pytest.raises(OutOfCalendar, match=r"^a notice received 9999-09-30 with a P3M period"):
        dates_of(D("9999-09-30"), notice_period="P3M", rule="corresponding-date", who=JP_UK)
    late = at(23, "9999-12-31")
    with pytest.raises(OutOfCalendar) as caught:
        dates_of(late, notice_period="P1M", rule="safe-harbour", who=JP_UK)
    assert str(caught.value).startswith(f"a notice received {late.isoformat()} with a P1M period")


def test_the_last_period_the_calendar_has_is_computed() -> None:
    got = dates_of(D("9999-09-29"), notice_period="P3M", rule="corresponding-date", who=UK_JP)
    assert got.effective == D("9999-12-30")


def test_other_errors_are_not_out_of_calendar() -> None:
    with pytest.raises(ValueError, match="P0M") as caught:
        dates_of(D("2025-04-28"), notice_period="P0M", rule="safe-harbour", who=JP_UK)
    assert not isinstance(caught.value, OutOfCalendar)
    bad_zone = Parties(("JP", "GB"), ("Not/AZone",), (TOKYO,))
    with pytest.raises(ValueError, match="'Not/AZone' is not an IANA time zone") as caught:
        dates_of(at(12, "2025-04-28"), notice_period="P3M", rule="safe-harbour", who=bad_zone)
    assert not isinstance(caught.value, OutOfCalendar)
    nobody = Parties((), (TOKYO,), (TOKYO,))
    with pytest.raises(ValueError, match="jurisdictions of the Sides") as caught:
        dates_of(D("2025-04-28"), notice_period="P3M", rule="safe-harbour", who=nobody)
    assert not isinstance(caught.value, OutOfCalendar)


# -- receipt_day and parties -----------------------------------------------------------------------


def test_receipt_day_is_the_latest_date_among_the_recipients_zones() -> None:
    assert receipt_day(D("2025-04-30"), [TOKYO]) == D("2025-04-30")
    assert receipt_day(at(20, "2025-04-30", 1), [LONDON]) == D("2025-04-30")
    assert receipt_day(at(20, "2025-04-30", 1), [LONDON, TOKYO]) == D("2025-05-01")
    assert receipt_day(at(20, "2025-04-30", 1), [TOKYO, LONDON]) == D("2025-05-01")
    # Late on 31 December 9999 (UTC) it is already year 10000 in Tokyo: the last day counts.
    assert receipt_day(at(23, "9999-12-31"), [TOKYO]) == dt.date.max


def test_parties_are_every_sides_and_the_recipients_zones() -> None:
    memo = memorandum("JP", "UK", "FR")
    assert parties(memo, ["FR", "JP"]) == Parties(
        ("JP", "GB", "FR"), (TOKYO, LONDON, PARIS), (PARIS, TOKYO)
    )
    everyone = Parties(("JP", "GB", "FR"), (TOKYO, LONDON, PARIS), (TOKYO, LONDON, PARIS))
    assert parties(memo) == everyone
    assert parties(memo, ["XX"]) == everyone  # no recipient known: every Side's zone
    assert parties(memo, ["XX", "UK"]).recipient_timezones == (LONDON,)


def test_recipients_are_as_recorded_else_every_other_side() -> None:
    memo = memorandum("JP", "UK", "FR")
    assert recipients(notice("UK"), memo) == ("JP", "FR")
    assert recipients(notice("UK", to=["FR"]), memo) == ("FR",)


# -- receipt_of ------------------------------------------------------------------------------------


def test_a_plain_date_of_receipt_is_assumed_to_be_the_recipients() -> None:
    got = receipt_of(notice(received="2026-03-10"), memorandum())
    assert got == Receipt(D("2026-03-10"), D("2026-03-10"), True, False, ())


def test_without_a_receipt_the_letters_date_is_used() -> None:
    got = receipt_of(notice(), memorandum())
    assert got == Receipt(D("2026-03-01"), D("2026-03-01"), True, True, ())


def test_an_instant_of_receipt_is_read_in_the_recipients_zone() -> None:
    memo = memorandum()
    instant = "2026-03-10T20:00:00+00:00"  # 10 March in London, 11 March in Tokyo
    to_jp = receipt_of(notice("UK", received=instant), memo)
    assert to_jp == Receipt(at(20, "2026-03-10"), D("2026-03-11"), False, False, ())
    to_uk = receipt_of(notice("JP", received=instant), memo)
    assert (to_uk.day, to_uk.assumed, to_uk.used_dated) == (D("2026-03-10"), False, False)
    nobody = receipt_of(notice("JP", to=["XX"], received=instant), memo)
    assert nobody.day == D("2026-03-11")  # no recipient is a Side: every Side's zone


def test_per_recipient_receipts_the_latest_governs_once_all_have_received() -> None:
    memo = memorandum("JP", "UK", "FR")
    got_it = notice(
        "UK",
        to=["JP", "FR"],
        receipts=[
            {"side": "FR", "received": "2026-03-12"},
            {"side": "JP", "received": "2026-03-10"},
        ],
    )
    assert receipt_of(got_it, memo) == Receipt(D("2026-03-12"), D("2026-03-12"), True, False, ())
    assert receipt_of(got_it, memo, D("2026-03-12")).day == D("2026-03-12")
    assert receipt_of(got_it, memo, D("2026-03-11")) == Receipt(None, None, False, False, ("FR",))
    assert receipt_of(got_it, memo, D("2026-03-09")) == Receipt(
        None, None, False, False, ("JP", "FR")
    )
    first = notice(
        "UK",
        to=["JP", "FR"],
        receipts=[
            {"side": "JP", "received": "2026-03-10"},
            {"side": "FR", "received": "2026-03-12"},
        ],
    )
    assert receipt_of(first, memo).day == D("2026-03-12")


def test_a_missing_recipient_means_not_yet_received() -> None:
    memo = memorandum("JP", "UK", "FR")
    half = notice("UK", receipts=[{"side": "JP", "received": "2026-03-10"}])
    assert receipt_of(half, memo) == Receipt(None, None, False, False, ("FR",))


def test_each_receipt_is_read_in_its_sides_zone() -> None:
    memo = memorandum("JP", "UK", "FR")
    # 20:00 UTC on 12 March: 21:00 in Paris (12 March), 05:00 on 13 March in Tokyo.
    got = receipt_of(
        notice(
            "UK",
            receipts=[
                {"side": "JP", "received": "2026-03-10"},
                {"side": "FR", "received": "2026-03-12T20:00:00+00:00"},
            ],
        ),
        memo,
    )
    assert got == Receipt(at(20, "2026-03-12"), D("2026-03-12"), False, False, ())
    assert receipt_of(
        notice(
            "UK",
            receipts=[
                {"side": "JP", "received": "2026-03-12T20:00:00+00:00"},
                {"side": "FR", "received": "2026-03-12"},
            ],
        ),
        memo,
    ).day == D("2026-03-13")


def test_an_instant_before_year_1_in_some_zone_is_out_of_calendar() -> None:
    # 01:00 on 1 January of year 1 in Tokyo is still year 0 in London: safe-harbour, which
    # reads the receipt in every Side's zone, cannot count there.
    first = dt.datetime(1, 1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    with pytest.raises(OutOfCalendar) as caught:
        dates_of(first, notice_period="P3M", rule="jp-civil-code", who=JP_UK)
    assert str(caught.value).startswith(
        "a notice received 0001-01-01T01:00:00+09:00 with a P3M period would take effect"
    )


def test_a_receipt_for_a_side_the_memorandum_does_not_name_is_read_in_every_zone() -> None:
    memo = memorandum("JP", "UK", "FR")
    got = receipt_of(
        notice(
            "UK",
            receipts=[
                {"side": "XX", "received": "2026-03-09T20:00:00+00:00"},  # 10 March in Tokyo
                {"side": "JP", "received": "2026-03-10"},
                {"side": "FR", "received": "2026-03-12"},
            ],
        ),
        memo,
    )
    assert got == Receipt(D("2026-03-12"), D("2026-03-12"), True, False, ())


def test_an_instant_still_in_year_0_in_a_sides_zone_is_out_of_calendar() -> None:
    # 02:00 UTC on 1 January of year 1: 11:00 that day in Tokyo (the recipient's date, from which
    # the basic rules count), but still year 0 in New York, where safe-harbour reads it as well.
    first = dt.datetime(1, 1, 1, 2, tzinfo=UTC)
    west = Parties(("JP", "US"), (TOKYO, "America/New_York"), (TOKYO,))
    with pytest.raises(OutOfCalendar) as caught:
        dates_of(first, notice_period="P3M", rule="jp-civil-code", who=west)
    assert str(caught.value).startswith(
        "a notice received 0001-01-01T02:00:00+00:00 with a P3M period would take effect"
    )


def test_the_order_in_which_receipts_are_listed_does_not_matter() -> None:
    # JP and FR both received it on 12 March: FR at 20:00 UTC (21:00 in Paris, already 13 March
    # in Tokyo), JP on a plain date. The records are a set of facts: listing them the other way
    # round must give the same receipt, and so the same dates under safe-harbour.
    memo = memorandum("JP", "UK", "FR")
    jp = {"side": "JP", "received": "2026-03-12"}
    fr = {"side": "FR", "received": "2026-03-12T20:00:00+00:00"}
    one = receipt_of(notice("UK", receipts=[jp, fr]), memo)
    other = receipt_of(notice("UK", receipts=[fr, jp]), memo)
    assert one.day == other.day == D("2026-03-12")
    assert one == other


def test_an_instant_before_1970_still_governs_a_plain_date_of_the_same_day() -> None:
    # FICTIONAL receipts on 12 March 1960: the instant (a negative POSIX timestamp) is still the
    # more precise receipt, whatever the order.
    memo = memorandum("JP", "UK", "FR")
    jp = {"side": "JP", "received": "1960-03-12"}
    fr = {"side": "FR", "received": "1960-03-12T10:00:00+00:00"}
    for receipts in ([jp, fr], [fr, jp]):
        got = receipt_of(notice("UK", receipts=receipts), memo)
        assert isinstance(got.given, dt.datetime) and not got.assumed


def test_one_instant_written_with_two_offsets_is_chosen_the_same_whatever_the_order() -> None:
    memo = memorandum("JP", "UK", "FR")
    jp = {"side": "JP", "received": "2026-03-13T05:00:00+09:00"}
    fr = {"side": "FR", "received": "2026-03-12T20:00:00+00:00"}  # the same instant
    one = receipt_of(notice("UK", receipts=[jp, fr]), memo)
    other = receipt_of(notice("UK", receipts=[fr, jp]), memo)
    assert one == other


def test_an_instant_on_the_first_day_of_the_calendar_west_of_greenwich() -> None:
    # 01:00 UTC on 1 January of year 1 is still 31 December of year 0 in New York: the
    # calendar's first day is taken, not an overflow and not its last day.
    first = dt.datetime(1, 1, 1, 1, 0, tzinfo=dt.UTC)
    assert receipt_day(first, ["America/New_York"]) == dt.date.min
    assert receipt_day(dt.datetime(2, 1, 1, 1, 0, tzinfo=dt.UTC), ["Asia/Tokyo"]).year == 2
