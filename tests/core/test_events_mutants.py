"""Tests that kill the mutants of ``mocctl.core.events`` (SPEC §3.1, §3.6; issue 8 item 4).

Every dated event known on T (signatures, commencement, consents, notices and revocations) and
the effects they schedule (a change taking effect, the end of a notice period, the
discontinuation or a withdrawal, an activity's start and last day), in date order and, on one
day, in the order of ``KINDS``; each with its fate (``revoked``, ``void``, ``superseded``) or,
without one, ``past``/``scheduled`` by its date. Every memorandum, notice, modification,
decision and activity here is FICTIONAL test data, built in memory; the dates are worked out by
hand from SPEC §3.3 under ``corresponding-date`` (L = D + N months, E = L + 1). See
docs/mutation.md.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from mocctl.core.events import CHANGES, KINDS, Event
from mocctl.core.history import History, history
from mocctl.core.memoranda import MemorandumRecords
from mocctl.model.records import Activity, Decision, Memorandum, Modification, Notice

D = dt.date.fromisoformat
SIDES = {
    "JP": {"id": "JP", "name": "Side J", "jurisdiction": "JP", "timezone": "Asia/Tokyo"},
    "UK": {"id": "UK", "name": "Side U", "jurisdiction": "GB", "timezone": "Europe/London"},
    "FR": {"id": "FR", "name": "Side F", "jurisdiction": "FR", "timezone": "Europe/Paris"},
}


def memorandum(*sides: str, **discontinuation: str) -> Memorandum:
    sides = sides or ("JP", "UK")
    dates = {"JP": "2026-01-10", "UK": "2026-01-15", "FR": "2026-01-12"}
    return Memorandum.model_validate(
        {
            "apiVersion": "mocctl/v1",
            "kind": "Memorandum",
            "id": "fictional-moc",
            "title": "A fictional memorandum for tests",
            "sides": [SIDES[side] for side in sides],
            "signatures": [
                {"side": side, "signatory": f"Signatory {side}", "date": dates[side]}
                for side in sides
            ],
            "terms": {
                "discontinuation": {
                    "notice_period": "P3M",
                    "rule": "corresponding-date",
                    **discontinuation,
                }
            },
            "areas": [{"id": "a1", "title": "Area one", "text": "Text of area one."}],
        }
    )


def notice(record: str, by: str, received: str | None, **more: Any) -> Notice:
    data: dict[str, Any] = {
        "apiVersion": "mocctl/v1",
        "kind": "Notice",
        "id": record,
        "type": "discontinuation",
        "by": by,
        "dated": (received or "2026-03-01")[:10],
        **more,
    }
    if received is not None:
        data["received"] = received
    return Notice.model_validate(data)


def revocation(record: str, by: str, received: str, revokes: str) -> Notice:
    return notice(record, by, received, type="revocation", revokes=revokes)


def modification(record: str, effective: str, consents: list[dict[str, str]]) -> Modification:
    return Modification.model_validate(
        {
            "apiVersion": "mocctl/v1",
            "kind": "Modification",
            "id": record,
            "title": f"Change {record}",
            "consents": consents,
            "effective": effective,
            "changes": [{"op": "add_area", "area": {"id": record, "title": "T", "text": "X."}}],
        }
    )


def decision(record: str, effective: str, *ends: tuple[str, str]) -> Decision:
    return Decision.model_validate(
        {
            "apiVersion": "mocctl/v1",
            "kind": "Decision",
            "id": record,
            "title": f"Decision {record}",
            "consents": [
                {"side": "JP", "date": "2026-02-01"},
                {"side": "UK", "date": "2026-02-02"},
            ],
            "effective": effective,
            "decides": [{"op": "end_activity", "activity": a, "end": end} for a, end in ends],
        }
    )


def activity(record: str, start: str, end: str | None = None) -> Activity:
    data = {
        "apiVersion": "mocctl/v1",
        "kind": "Activity",
        "id": record,
        "title": f"Activity {record}",
        "areas": ["a1"],
        "start": start,
    }
    if end is not None:
        data["end"] = end
    return Activity.model_validate(data)


def at(as_of: str, memo: Memorandum | None = None, **kinds: Any) -> History:
    return history(
        MemorandumRecords(
            folder=Path("fictional"),
            memorandum=memo or memorandum(),
            **{name: tuple(value) for name, value in kinds.items()},
        ),
        D(as_of),
    )


def rows(got: History) -> list[tuple[str, str, str, str, str]]:
    """(date, kind, record, description, standing) of every event."""
    return [
        (e.date.isoformat(), e.kind, e.record, e.description, e.standing(got.as_of))
        for e in got.events
    ]


MEMO = "fictional-moc"
SIGNATURES = [
    ("2026-01-10", "signature", MEMO, "signed by JP (Signatory JP)", "past"),
    ("2026-01-15", "signature", MEMO, "signed by UK (Signatory UK)", "past"),
    ("2026-01-15", "commencement", MEMO, "the memorandum commences (2.2)", "past"),
]


def test_an_events_standing_is_its_fate_else_past_or_scheduled_by_its_date() -> None:
    day = D("2026-05-01")
    assert Event(day, "notice", "n1", "x").standing(day) == "past"
    assert Event(day, "notice", "n1", "x").standing(D("2026-04-30")) == "scheduled"
    assert Event(day, "notice", "n1", "x", "void").standing(D("2026-06-01")) == "void"
    assert Event(day, "notice", "n1", "x", "revoked").standing(D("2026-04-01")) == "revoked"


def test_only_what_is_known_on_t_is_an_event() -> None:
    assert rows(at("2026-01-09")) == []
    assert rows(at("2026-01-10")) == [SIGNATURES[0]]
    assert rows(at("2026-01-15")) == SIGNATURES


def test_a_notice_its_period_and_its_discontinuation() -> None:
    # Received 10 March (a plain date, assumed the recipient's): L 10 June, E 11 June 2026.
    got = at("2026-03-10", notices=[notice("n1", "UK", "2026-03-10")])
    assert rows(got)[3:] == [
        (
            "2026-03-10",
            "notice",
            "n1",
            "notice of discontinuation from UK received (date as recorded)",
            "past",
        ),
        (
            "2026-06-10",
            "notice period ends",
            "n1",
            "last day of the P3M notice period (corresponding-date)",
            "scheduled",
        ),
        (
            "2026-06-11",
            "discontinuation",
            "n1",
            "discontinuation takes effect; last day in force 2026-06-10",
            "scheduled",
        ),
    ]
    assert rows(at("2026-03-09", notices=[notice("n1", "UK", "2026-03-10")])) == SIGNATURES


def test_a_notice_received_at_an_instant_is_not_said_to_be_assumed() -> None:
    got = at("2026-04-01", notices=[notice("n1", "UK", "2026-03-10T12:00:00+00:00")])
    assert rows(got)[3][3] == "notice of discontinuation from UK received"


def test_a_revoked_notice_and_its_revocation() -> None:
    got = at(
        "2026-07-01",
        notices=[notice("n1", "UK", "2026-03-10"), revocation("r1", "UK", "2026-04-01", "n1")],
    )
    why = " (revoked by r1)"
    assert rows(got)[3:] == [
        (
            "2026-03-10",
            "notice",
            "n1",
            f"notice of discontinuation from UK received (date as recorded){why}",
            "revoked",
        ),
        ("2026-04-01", "revocation", "r1", "UK revokes n1", "past"),
        (
            "2026-06-10",
            "notice period ends",
            "n1",
            f"last day of the P3M notice period (corresponding-date){why}",
            "revoked",
        ),
        (
            "2026-06-11",
            "discontinuation",
            "n1",
            f"discontinuation takes effect; last day in force 2026-06-10{why}",
            "revoked",
        ),
    ]


def test_a_void_revocation_and_a_superseded_notice_say_why() -> None:
    got = at(
        "2026-05-01",
        notices=[
            notice("n1", "UK", "2026-03-10"),
            notice("n2", "JP", "2026-04-01"),
            revocation("r1", "JP", "2026-04-15", "n1"),
        ],
    )
    found = {(e.record, e.kind): (e.description, e.standing(got.as_of)) for e in got.events}
    assert found["r1", "revocation"] == (
        "JP revokes n1 (void: n1 was given by UK; only that Side can revoke it)",
        "void",
    )
    superseded = " (superseded: n1 discontinues it first, from 2026-06-11)"
    assert found["n2", "discontinuation"] == (
        f"discontinuation takes effect; last day in force 2026-07-01{superseded}",
        "superseded",
    )
    assert found["n2", "notice period ends"][1] == "superseded"
    assert found["n1", "discontinuation"][1] == "scheduled"


def test_a_void_notice_has_no_dates_and_a_scheduled_one_is_not_shown_before_receipt() -> None:
    got = at("2026-05-01", notices=[notice("n1", "UK", "2026-03-10", form="oral")])
    (event,) = [e for e in got.events if e.record == "n1"]
    assert (event.kind, event.fate) == ("notice", "void")
    assert event.description == (
        "notice of discontinuation from UK received (date as recorded) "
        "(void: notice n1 is oral, not written: it has no effect (Paragraph 2.2))"
    )


def test_a_notice_not_yet_received_by_every_recipient_is_not_an_event() -> None:
    memo = memorandum("JP", "UK", "FR", effect="withdraws")
    half = notice(
        "w1", "UK", None, to=["JP", "FR"], receipts=[{"side": "JP", "received": "2026-03-10"}]
    )
    got = at("2026-05-01", memo, notices=[half])
    assert [e for e in got.events if e.record == "w1"] == []


def test_a_withdrawal_is_a_withdrawal_event() -> None:
    memo = memorandum("JP", "UK", "FR", effect="withdraws")
    got = at("2026-05-01", memo, notices=[notice("w1", "UK", "2026-03-10", to=["JP", "FR"])])
    assert [(e.date, e.kind, e.description) for e in got.events if e.record == "w1"][1:] == [
        (
            D("2026-06-10"),
            "notice period ends",
            "last day of the P3M notice period (corresponding-date)",
        ),
        (D("2026-06-11"), "withdrawal", "UK withdraws from the memorandum"),
    ]
    assert got.next_event is not None
    assert (got.next_event.kind, got.next_event.date) == ("withdrawal", D("2026-06-11"))


def test_consents_and_the_change_taking_effect() -> None:
    consents = [
        {"side": "JP", "date": "2026-02-01", "form": "oral"},
        {"side": "JP", "date": "2026-02-03"},
        {"side": "UK", "date": "2026-02-05"},
    ]
    got = at("2026-02-04", modifications=[modification("m1", "2026-03-01", consents)])
    assert rows(got)[3:] == [
        ("2026-02-01", "consent", "m1", "JP consents to m1 (oral: does not count)", "void"),
        ("2026-02-03", "consent", "m1", "JP consents to m1", "past"),
    ]  # awaiting UK's consent: no effect scheduled
    got = at("2026-02-05", modifications=[modification("m1", "2026-03-01", consents)])
    assert rows(got)[5:] == [
        ("2026-02-05", "consent", "m1", "UK consents to m1", "past"),
        ("2026-03-01", "modification", "m1", "Change m1 takes effect", "scheduled"),
    ]


def test_a_void_change_says_why() -> None:
    consents = [{"side": "JP", "date": "2026-01-02"}, {"side": "UK", "date": "2026-01-03"}]
    got = at("2026-02-01", modifications=[modification("m1", "2026-01-14", consents)])
    (effect,) = [e for e in got.events if e.kind == "modification"]
    assert effect.description == (
        "Change m1 takes effect (void: takes effect before commencement (2026-01-15))"
    )
    assert (effect.fate, effect.date) == ("void", D("2026-01-14"))


def test_activities_start_and_end_planned_or_decided() -> None:
    got = at(
        "2026-03-01",
        activities=[activity("x", "2026-02-01", "2026-12-31"), activity("y", "2026-02-10")],
        decisions=[decision("d1", "2026-02-15", ("y", "2026-06-30"))],
    )
    assert [r for r in rows(got) if r[1].startswith("activity")] == [
        ("2026-02-01", "activity starts", "x", "Activity x starts", "past"),
        ("2026-02-10", "activity starts", "y", "Activity y starts", "past"),
        ("2026-06-30", "activity ends", "y", "last day of Activity y (decided: d1)", "scheduled"),
        ("2026-12-31", "activity ends", "x", "last day of Activity x (planned end)", "scheduled"),
    ]
    assert [r[1] for r in rows(got) if r[2] == "d1"] == ["consent", "consent", "decision"]


def test_events_on_one_day_follow_the_order_of_kinds_then_record() -> None:
    # On 15 January: UK's signature, commencement, a consent, an activity's start; the
    # modification and another activity take effect on the same day.
    consents = [{"side": "UK", "date": "2026-01-15"}, {"side": "JP", "date": "2026-01-15"}]
    got = at(
        "2026-01-15",
        modifications=[modification("m1", "2026-01-15", consents)],
        activities=[activity("b", "2026-01-15"), activity("a", "2026-01-15")],
    )
    assert [(r[1], r[2], r[3]) for r in rows(got) if r[0] == "2026-01-15"] == [
        ("signature", MEMO, "signed by UK (Signatory UK)"),
        ("commencement", MEMO, "the memorandum commences (2.2)"),
        ("consent", "m1", "JP consents to m1"),
        ("consent", "m1", "UK consents to m1"),
        ("modification", "m1", "Change m1 takes effect"),
        ("activity starts", "a", "Activity a starts"),
        ("activity starts", "b", "Activity b starts"),
    ]


def test_the_kinds_that_change_where_things_stand() -> None:
    assert set(KINDS) >= CHANGES
    assert {"signature", "commencement", "consent", "notice", "revocation"}.isdisjoint(CHANGES)


def test_consents_after_t_are_left_out_wherever_they_are_listed() -> None:
    consents = [
        {"side": "UK", "date": "2026-03-05"},
        {"side": "JP", "date": "2026-02-01"},
    ]
    got = at("2026-02-10", modifications=[modification("m1", "2026-04-01", consents)])
    assert [(r[0], r[3]) for r in rows(got) if r[2] == "m1"] == [
        ("2026-02-01", "JP consents to m1")
    ]


def test_events_of_one_kind_record_and_day_are_in_the_order_of_their_descriptions() -> None:
    consents = [
        {"side": "UK", "date": "2026-02-01", "form": "oral"},
        {"side": "UK", "date": "2026-02-01"},
        {"side": "JP", "date": "2026-02-01"},
    ]
    got = at("2026-02-10", modifications=[modification("m1", "2026-04-01", consents)])
    assert [r[3] for r in rows(got) if r[1] == "consent"] == [
        "JP consents to m1",
        "UK consents to m1",
        "UK consents to m1 (oral: does not count)",
    ]


def test_a_revoked_withdrawal_is_shown_revoked() -> None:
    memo = memorandum("JP", "UK", "FR", effect="withdraws")
    got = at(
        "2026-07-01",
        memo,
        notices=[
            notice("w1", "UK", "2026-03-10", to=["JP", "FR"]),
            notice("r1", "UK", "2026-04-01", to=["JP", "FR"], type="revocation", revokes="w1"),
        ],
    )
    (withdrawal,) = [e for e in got.events if e.kind == "withdrawal"]
    assert (withdrawal.date, withdrawal.fate, withdrawal.standing(got.as_of)) == (
        D("2026-06-11"),
        "revoked",
        "revoked",
    )
    assert withdrawal.description == "UK withdraws from the memorandum (revoked by r1)"
