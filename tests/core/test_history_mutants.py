"""Tests that kill the mutants of ``mocctl.core.history`` (SPEC §3.2-§3.6, issue 8 item 4).

The history folds the records in the order they became known (a changeset on its last written
consent, a notice on its receipt): discontinued is final, the earliest E governs (ties broken by
the receipt date, then the id), a revocation by the notifying Side before E cancels its notice,
a withdrawal ends the memorandum once fewer than two Sides remain, an activity's ``end`` is its
last day. Every memorandum, notice, modification, decision and activity here is FICTIONAL test
data, built in memory; the expected dates are worked out by hand from SPEC §3.3 (mostly under
``corresponding-date``: L = D + N months, E = L + 1). See docs/mutation.md.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from mocctl.core.history import (
    FAR_FUTURE,
    commencement,
    consent_state,
    decided_end,
    history,
)
from mocctl.core.memoranda import MemorandumRecords
from mocctl.model.records import Activity, Decision, Memorandum, Modification, Notice

D = dt.date.fromisoformat
SIDES = {
    "JP": {"id": "JP", "name": "Side J", "jurisdiction": "JP", "timezone": "Asia/Tokyo"},
    "UK": {"id": "UK", "name": "Side U", "jurisdiction": "GB", "timezone": "Europe/London"},
    "FR": {"id": "FR", "name": "Side F", "jurisdiction": "FR", "timezone": "Europe/Paris"},
}
# JP signs on 10 January 2026, UK on 15 January: the memorandum commences on 15 January 2026.
SIGNED = [("JP", "2026-01-10"), ("UK", "2026-01-15")]
START = D("2026-01-15")


def memorandum(
    sides: tuple[str, ...] = ("JP", "UK"),
    signatures: list[tuple[str, str]] | None = None,
    **discontinuation: str,
) -> Memorandum:
    terms = {"notice_period": "P3M", "rule": "corresponding-date", **discontinuation}
    return Memorandum.model_validate(
        {
            "apiVersion": "mocctl/v1",
            "kind": "Memorandum",
            "id": "fictional-moc",
            "title": "A fictional memorandum for tests",
            "sides": [SIDES[side] for side in sides],
            "signatures": [
                {"side": side, "signatory": f"Signatory {side}", "date": date}
                for side, date in (SIGNED if signatures is None else signatures)
            ],
            "terms": {"discontinuation": terms},
            "areas": [{"id": "a1", "title": "Area one", "text": "Text of area one."}],
            "text": [{"id": "s1", "body": "Body one."}],
        }
    )


def notice(record: str, by: str, received: str | None, **more: Any) -> Notice:
    data: dict[str, Any] = {
        "apiVersion": "mocctl/v1",
        "kind": "Notice",
        "id": record,
        "type": "discontinuation",
        "by": by,
        "dated": more.pop("dated", received or "2026-01-01")[:10],
        **more,
    }
    if received is not None:
        data["received"] = received
    return Notice.model_validate(data)


def revocation(record: str, by: str, received: str, revokes: str, **more: Any) -> Notice:
    return notice(record, by, received, type="revocation", revokes=revokes, **more)


def consents(*given: tuple[str, str] | tuple[str, str, str]) -> list[dict[str, str]]:
    return [
        {"side": c[0], "date": c[1], "form": c[2] if len(c) > 2 else "written"}  # type: ignore[misc]
        for c in given
    ]


BOTH = (("JP", "2026-01-20"), ("UK", "2026-01-21"))


def modification(
    record: str, effective: str, *changes: dict[str, Any], agreed: Any = BOTH
) -> Modification:
    return Modification.model_validate(
        {
            "apiVersion": "mocctl/v1",
            "kind": "Modification",
            "id": record,
            "title": f"Fictional modification {record}",
            "consents": consents(*agreed),
            "effective": effective,
            "changes": list(changes) or [period("P6M")],
        }
    )


def period(value: str) -> dict[str, str]:
    return {"op": "set_term", "term": "discontinuation.notice_period", "value": value}


def add_area(area: str) -> dict[str, Any]:
    return {"op": "add_area", "area": {"id": area, "title": f"Area {area}", "text": "New."}}


def decision(record: str, effective: str, *decides: dict[str, Any], agreed: Any = BOTH) -> Decision:
    return Decision.model_validate(
        {
            "apiVersion": "mocctl/v1",
            "kind": "Decision",
            "id": record,
            "title": f"Fictional decision {record}",
            "consents": consents(*agreed),
            "effective": effective,
            "decides": list(decides),
        }
    )


def end_activity(activity: str, end: str) -> dict[str, str]:
    return {"op": "end_activity", "activity": activity, "end": end}


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


def records(memo: Memorandum | None = None, **kinds: Any) -> MemorandumRecords:
    return MemorandumRecords(
        folder=Path("fictional"),
        memorandum=memorandum() if memo is None else memo,
        **{name: tuple(value) for name, value in kinds.items()},
    )


def at(as_of: str, memo: Memorandum | None = None, **kinds: Any) -> Any:
    return history(records(memo, **kinds), D(as_of))


def by_id(items: Any, record: str) -> Any:
    (found,) = [item for item in items if item.id == record]
    return found


# A notice received on 10 March 2026: L = 10 June, E = 11 June 2026 under corresponding-date.
N1 = ("n1", "UK", "2026-03-10")
E1 = D("2026-06-11")


# -- commencement and signatures (SPEC §3.2, Paragraph 2.2) ----------------------------------------


def test_the_memorandum_commences_on_the_last_signature() -> None:
    memo = memorandum()
    assert commencement(memo) == START
    assert commencement(memo, START) == START  # the last signature, on T itself
    assert commencement(memo, D("2026-01-14")) is None
    assert commencement(memorandum(signatures=[])) is None


@pytest.mark.parametrize(
    "signatures",
    [
        [("JP", "2026-01-10"), ("JP", "2026-02-01"), ("UK", "2026-01-15")],
        [("JP", "2026-02-01"), ("JP", "2026-01-10"), ("UK", "2026-01-15")],
    ],
)
def test_a_side_that_signs_twice_counts_its_first_signature(
    signatures: list[tuple[str, str]],
) -> None:
    memo = memorandum(signatures=signatures)
    assert commencement(memo) == START
    assert at("2026-01-15", memo).state == "in_force"


def test_a_signature_of_a_side_that_is_not_a_side_does_not_complete_it() -> None:
    memo = memorandum(signatures=[("JP", "2026-01-10"), ("FR", "2026-01-12")])
    assert commencement(memo) is None
    got = at("2026-02-01", memo)
    assert (got.state, got.commenced, got.unsigned) == ("awaiting_signature", None, ("UK",))


def test_states_before_and_after_signature() -> None:
    assert at("2026-01-09").state == "draft"
    got = at("2026-01-10")
    assert (got.state, got.signed_by, got.unsigned) == ("awaiting_signature", ("JP",), ("UK",))
    got = at("2026-01-15")
    assert (got.state, got.signed_by, got.unsigned, got.commenced) == (
        "in_force",
        ("JP", "UK"),
        (),
        START,
    )
    assert got.ends is None and got.discontinuation is None


def test_the_history_of_a_folder_without_a_memorandum_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"^fictional has no Memorandum record$"):
        history(MemorandumRecords(folder=Path("fictional"), memorandum=None), START)


def test_the_history_carries_the_memorandums_identity_and_terms() -> None:
    got = at("2026-02-01")
    assert (got.id, got.title, got.legally_binding) == (
        "fictional-moc",
        "A fictional memorandum for tests",
        False,
    )
    assert (got.notice_period, got.rule) == ("P3M", "corresponding-date")


# -- consents (Paragraph 2.3) ----------------------------------------------------------------------


def test_the_first_written_consent_of_each_side_counts_and_oral_does_not() -> None:
    memo = memorandum()
    change = modification(
        "m1",
        "2026-04-01",
        agreed=(
            ("JP", "2026-02-01", "oral"),
            ("UK", "2026-02-05"),
            ("JP", "2026-02-10"),
            ("UK", "2026-02-20"),
            ("JP", "2026-02-03", "oral"),
        ),
    )
    assert consent_state(change, memo, D("2026-02-09")) == (D("2026-02-05"), ("JP",))
    assert consent_state(change, memo, D("2026-02-10")) == (D("2026-02-10"), ())
    assert consent_state(change, memo, FAR_FUTURE) == (D("2026-02-10"), ())
    assert consent_state(modification("m2", "2026-04-01", agreed=()), memo, FAR_FUTURE) == (
        None,
        ("JP", "UK"),
    )
    later_first = modification(
        "m3",
        "2026-04-01",
        agreed=(("UK", "2026-02-20"), ("UK", "2026-02-05"), ("JP", "2026-02-01")),
    )
    assert consent_state(later_first, memo, FAR_FUTURE) == (D("2026-02-05"), ())


def test_a_change_awaiting_consent_says_whose() -> None:
    change = modification("m1", "2026-04-01", agreed=(("UK", "2026-02-05"),))
    got = by_id(at("2026-05-01", modifications=[change]).changes, "m1")
    assert (got.status, got.reason, got.code) == (
        "awaiting_consent",
        "awaiting the written consent of JP",
        None,
    )
    assert (got.last_consent, got.missing_consents) == (D("2026-02-05"), ("JP",))
    assert (got.kind, got.title, got.effective) == (
        "Modification",
        "Fictional modification m1",
        D("2026-04-01"),
    )


# -- change statuses (SPEC §3.4) -------------------------------------------------------------------


def test_a_change_is_scheduled_then_in_effect_on_its_date() -> None:
    change = modification("m1", "2026-04-01")
    got = by_id(at("2026-03-31", modifications=[change]).changes, "m1")
    assert (got.status, got.reason, got.code) == ("scheduled", None, None)
    got = at("2026-04-01", modifications=[change])
    assert by_id(got.changes, "m1").status == "in_effect"
    assert got.notice_period == "P6M"
    assert at("2026-03-31", modifications=[change]).notice_period == "P3M"


def test_a_change_effective_on_commencement_is_in_effect_and_one_before_is_void() -> None:
    on = modification(
        "m-on", "2026-01-15", add_area("x"), agreed=(("JP", "2026-01-05"), ("UK", "2026-01-06"))
    )
    before = modification(
        "m-before", "2026-01-14", add_area("y"), agreed=(("JP", "2026-01-05"), ("UK", "2026-01-06"))
    )
    got = at("2026-02-01", modifications=[on, before])
    assert by_id(got.changes, "m-on").status == "in_effect"
    void = by_id(got.changes, "m-before")
    assert (void.status, void.code) == ("void", "MOC309")
    assert void.reason == "takes effect before commencement (2026-01-15)"
    assert got.consolidated.area_ids() == ("a1", "x")
    assert [c.id for c in got.applying] == ["m-on"]


def test_a_change_before_the_memorandum_commences_is_scheduled() -> None:
    memo = memorandum(signatures=[("JP", "2026-01-10")])
    got = by_id(
        at("2026-05-01", memo, modifications=[modification("m1", "2026-04-01")]).changes, "m1"
    )
    assert (got.status, got.reason, got.code) == (
        "scheduled",
        "the memorandum has not commenced",
        None,
    )


def test_a_change_that_cannot_apply_is_void_with_the_reason() -> None:
    bad = modification("m1", "2026-04-01", {"op": "remove_area", "area": "missing"})
    got = at("2026-05-01", modifications=[bad])
    change = by_id(got.changes, "m1")
    assert (change.status, change.code) == ("void", "MOC314")
    assert change.reason and "missing" in change.reason
    assert got.applying == ()


def test_changes_are_listed_by_effective_date_then_id() -> None:
    got = at(
        "2026-05-01",
        modifications=[
            modification("m-b", "2026-03-01", add_area("b")),
            modification("m-c", "2026-02-01", add_area("c")),
        ],
        decisions=[decision("d-a", "2026-03-01", add_area("d"))],
    )
    assert [c.id for c in got.changes] == ["m-c", "d-a", "m-b"]
    assert [c.kind for c in got.changes] == ["Modification", "Decision", "Modification"]


def test_changes_apply_by_effective_date_then_last_consent_then_id() -> None:
    # Known in the order m-late-effect (consent 20/21 Jan), m-early-effect (consent 10 Feb):
    # m-early-effect (1 Feb) applies first, m-late-effect (1 Mar) after it, whatever order known.
    late = modification("m-late-effect", "2026-03-01", period("P6M"))
    early = modification(
        "m-early-effect",
        "2026-02-01",
        period("P12M"),
        agreed=(("JP", "2026-02-10"), ("UK", "2026-02-10")),
    )
    got = at("2026-03-10", modifications=[late, early], notices=[notice(*N1)])
    assert got.notice_period == "P6M"
    assert [c.id for c in got.applying] == ["m-early-effect", "m-late-effect"]
    assert got.discontinuation.effective == D("2026-09-11")  # 10 Mar + 6 months + 1 day
    # The same effective date: the later last consent applies last; then the id.
    first = modification(
        "m-z", "2026-02-01", period("P6M"), agreed=(("JP", "2026-01-20"), ("UK", "2026-01-22"))
    )
    second = modification(
        "m-a", "2026-02-01", period("P12M"), agreed=(("JP", "2026-01-20"), ("UK", "2026-01-25"))
    )
    got = at("2026-03-10", modifications=[second, first], notices=[notice(*N1)])
    assert [c.id for c in got.applying] == ["m-z", "m-a"]
    assert got.notice_period == "P12M"
    assert got.discontinuation.effective == D("2027-03-11")
    same = modification("m-b", "2026-02-01", period("P12M"))
    got = at(
        "2026-03-10",
        modifications=[same, modification("m-a", "2026-02-01", period("P6M"))],
        notices=[notice(*N1)],
    )
    assert [c.id for c in got.applying] == ["m-a", "m-b"]
    assert got.notice_period == "P12M"
    assert got.discontinuation.effective == D("2027-03-11")


def test_text_on_a_day_uses_the_changes_effective_by_then() -> None:
    got = at("2026-02-01", modifications=[modification("m1", "2026-04-01", add_area("x"))])
    assert got.consolidated.area_ids() == ("a1",)
    assert got.text_on(D("2026-03-31")).area_ids() == ("a1",)
    assert got.text_on(D("2026-04-01")).area_ids() == ("a1", "x")


# -- discontinuation (SPEC §3.3) -------------------------------------------------------------------


def test_a_notice_is_pending_until_e_and_discontinues_on_e() -> None:
    pending = at("2026-06-10", notices=[notice(*N1)])
    assert (pending.state, pending.ends) == ("discontinuation_pending", E1)
    assert by_id(pending.notices, "n1").standing == "scheduled"
    assert pending.discontinuation.id == "n1"
    assert pending.discontinuation.last_day == D("2026-06-10")
    assert pending.discontinuation.last_day_in_force == D("2026-06-10")
    done = at("2026-06-11", notices=[notice(*N1)])
    assert (done.state, done.ends) == ("discontinued", E1)
    assert by_id(done.notices, "n1").standing == "past"
    assert by_id(done.notices, "n1").effect == "discontinues"


def test_a_notice_not_yet_received_is_not_known() -> None:
    got = at("2026-03-09", notices=[notice(*N1)])
    assert (got.state, got.discontinuation) == ("in_force", None)
    status = by_id(got.notices, "n1")
    assert (status.standing, status.known, status.dates) == ("scheduled", False, None)
    assert by_id(at("2026-03-10", notices=[notice(*N1)]).notices, "n1").known is True


def test_the_period_in_force_on_the_day_of_receipt_governs() -> None:
    change = modification("m1", "2026-04-01", period("P6M"))
    on = at("2026-05-01", modifications=[change], notices=[notice("n1", "UK", "2026-04-01")])
    assert on.ends == D("2026-10-02")  # 1 Apr + 6 months = 1 Oct; E = 2 Oct
    before = at("2026-05-01", modifications=[change], notices=[notice("n1", "UK", "2026-03-31")])
    assert before.ends == D("2026-07-01")  # 31 Mar + 3 months = 30 Jun; E = 1 Jul


def test_a_change_on_commencement_governs_a_notice_and_one_before_does_not() -> None:
    agreed = (("JP", "2026-01-05"), ("UK", "2026-01-06"))
    on = modification("m1", "2026-01-15", period("P6M"), agreed=agreed)
    got = at("2026-03-01", modifications=[on], notices=[notice("n1", "UK", "2026-02-01")])
    assert got.ends == D("2026-08-02")
    before = modification("m1", "2026-01-14", period("P6M"), agreed=agreed)
    got = at("2026-03-01", modifications=[before], notices=[notice("n1", "UK", "2026-02-01")])
    assert got.ends == D("2026-05-02")


def test_a_later_consented_change_retroactive_to_before_receipt_recomputes_the_notice() -> None:
    # Notice received 10 Apr (P3M: E 11 Jul); then a modification consented 20 Apr, effective
    # 1 Apr, sets P6M: the period in force on D is P6M, so E = 11 Oct 2026.
    change = modification(
        "m1", "2026-04-01", period("P6M"), agreed=(("JP", "2026-04-18"), ("UK", "2026-04-20"))
    )
    got = at("2026-05-01", modifications=[change], notices=[notice("n1", "UK", "2026-04-10")])
    assert got.ends == D("2026-10-11")
    assert by_id(got.notices, "n1").dates.notice_period == "P6M"
    assert at(
        "2026-04-19", modifications=[change], notices=[notice("n1", "UK", "2026-04-10")]
    ).ends == D("2026-07-11")


def test_a_requested_later_date_governs() -> None:
    got = at("2026-04-01", notices=[notice(*N1, requested_effective="2026-08-01")])
    assert got.ends == D("2026-08-01")


def test_a_notice_that_is_not_written_has_no_effect() -> None:
    got = at("2026-07-01", notices=[notice(*N1, form="oral")])
    status = by_id(got.notices, "n1")
    assert (got.state, status.standing, status.code) == ("in_force", "void", "MOC302")
    assert status.reason == "notice n1 is oral, not written: it has no effect (Paragraph 2.2)"


def test_a_notice_by_one_who_is_not_a_side_has_no_effect() -> None:
    got = at("2026-07-01", notices=[notice("n1", "FR", "2026-03-10", to=["JP"])])
    status = by_id(got.notices, "n1")
    assert (got.state, status.standing, status.code) == ("in_force", "void", "MOC205")
    assert status.reason == "FR is not a Side of the memorandum"


def test_a_notice_before_commencement_has_no_effect() -> None:
    got = at("2026-07-01", notices=[notice("n1", "UK", "2026-01-14")])
    status = by_id(got.notices, "n1")
    assert (got.state, status.standing, status.code) == ("in_force", "void", "MOC301")
    assert (
        status.reason == "notice received 2026-01-14, before the memorandum commenced (2026-01-15)"
    )
    on = at("2026-07-01", notices=[notice("n1", "UK", "2026-01-15")])
    assert on.ends == D("2026-04-16")
    unsigned = memorandum(signatures=[("JP", "2026-01-10")])
    got = at("2026-07-01", unsigned, notices=[notice("n1", "UK", "2026-03-10")])
    assert by_id(got.notices, "n1").reason == (
        "notice received 2026-03-10, before the memorandum commenced (not yet signed by every Side)"
    )


def test_a_notice_whose_dates_leave_the_calendar_is_void() -> None:
    got = at("9999-12-31", notices=[notice("n1", "UK", "9999-11-01")])
    status = by_id(got.notices, "n1")
    assert (got.state, status.standing, status.code) == ("in_force", "void", "MOC324")
    assert "after year 9999" in status.reason


def test_a_notice_received_on_e_changes_nothing_and_one_before_is_superseded() -> None:
    late = notice("n2", "JP", "2026-06-11")
    got = at("2026-07-01", notices=[notice(*N1), late])
    status = by_id(got.notices, "n2")
    assert (got.ends, status.standing, status.code) == (E1, "void", "MOC307")
    assert (
        status.reason
        == "notice received 2026-06-11, after the memorandum was discontinued on 2026-06-11"
    )
    got = at("2026-07-01", notices=[notice(*N1), notice("n2", "JP", "2026-06-10")])
    status = by_id(got.notices, "n2")
    assert (got.ends, status.standing) == (E1, "superseded")
    assert status.reason == "n1 discontinues it first, from 2026-06-11"
    assert status.dates.effective == D("2026-09-11")


def test_the_earliest_e_governs_whatever_the_order_of_receipt() -> None:
    # n-late received first with a requested date after the other's E.
    first = notice("n-late", "UK", "2026-03-01", requested_effective="2026-12-01")
    second = notice("n-early", "JP", "2026-04-01")  # E 2 Jul 2026
    got = at("2026-05-01", notices=[first, second])
    assert (got.discontinuation.id, got.ends) == ("n-early", D("2026-07-02"))
    assert by_id(got.notices, "n-late").standing == "superseded"
    assert by_id(got.notices, "n-early").standing == "scheduled"


def test_a_tie_on_e_is_broken_by_the_receipt_date_then_the_id() -> None:
    # z-first: received 10 Mar, asks for 31 Jul; a-second: received 30 Apr, E 31 Jul.
    z_first = notice("z-first", "UK", "2026-03-10", requested_effective="2026-07-31")
    a_second = notice("a-second", "JP", "2026-04-30")
    got = at("2026-05-01", notices=[a_second, z_first])
    assert (got.discontinuation.id, got.ends) == ("z-first", D("2026-07-31"))
    assert by_id(got.notices, "a-second").standing == "superseded"
    # Both received the same day: the id decides.
    got = at(
        "2026-05-01", notices=[notice("n-b", "UK", "2026-03-10"), notice("n-a", "JP", "2026-03-10")]
    )
    assert got.discontinuation.id == "n-a"
    assert by_id(got.notices, "n-b").standing == "superseded"
    assert by_id(got.notices, "n-b").reason == "n-a discontinues it first, from 2026-06-11"


# -- revocations -----------------------------------------------------------------------------------


def test_a_revocation_before_e_cancels_the_notice() -> None:
    got = at("2026-07-01", notices=[notice(*N1), revocation("r1", "UK", "2026-06-10", "n1")])
    assert (got.state, got.ends) == ("in_force", None)
    status = by_id(got.notices, "n1")
    assert (status.standing, status.revoked_by) == ("revoked", "r1")
    assert by_id(got.notices, "r1").standing == "past"


def test_a_revocation_received_the_same_day_as_its_notice_cancels_it() -> None:
    # Notices are read before revocations on one day.
    got = at("2026-07-01", notices=[revocation("r1", "UK", "2026-03-10", "n1"), notice(*N1)])
    assert (got.state, by_id(got.notices, "n1").standing) == ("in_force", "revoked")


def test_a_revocation_on_e_has_no_effect() -> None:
    got = at("2026-07-01", notices=[notice(*N1), revocation("r1", "UK", "2026-06-11", "n1")])
    status = by_id(got.notices, "r1")
    assert (got.state, status.standing, status.code) == ("discontinued", "void", "MOC306")
    assert status.reason == (
        "revocation received 2026-06-11, on or after the discontinuation took effect "
        "(2026-06-11): it has no effect"
    )
    assert by_id(got.notices, "n1").standing == "past"


def test_only_the_notifying_side_can_revoke() -> None:
    got = at("2026-07-01", notices=[notice(*N1), revocation("r1", "JP", "2026-04-01", "n1")])
    status = by_id(got.notices, "r1")
    assert (got.state, status.standing, status.code) == ("discontinued", "void", "MOC304")
    assert status.reason == "n1 was given by UK; only that Side can revoke it"


def test_a_revocation_that_is_oral_or_by_no_side_has_no_effect() -> None:
    got = at(
        "2026-07-01", notices=[notice(*N1), revocation("r1", "UK", "2026-04-01", "n1", form="oral")]
    )
    assert (got.state, by_id(got.notices, "r1").code) == ("discontinued", "MOC302")


def test_a_revoked_notice_cannot_be_revoked_again() -> None:
    # Two revocations on one day are read in the order of their ids, whatever the records' order.
    got = at(
        "2026-07-01",
        notices=[
            notice(*N1),
            revocation("r-b", "UK", "2026-04-01", "n1"),
            revocation("r-a", "UK", "2026-04-01", "n1"),
        ],
    )
    assert by_id(got.notices, "n1").revoked_by == "r-a"
    status = by_id(got.notices, "r-b")
    assert (status.standing, status.code) == ("void", "MOC319")
    assert status.reason == "n1 was already revoked by r-a"


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("nothing", "nothing is not a written discontinuation notice"),
        ("r0", "r0 is not a written discontinuation notice"),
        ("n-oral", "n-oral is not a written discontinuation notice"),
        (
            "n-early",
            "n-early is not a discontinuation notice in effect (notice received 2026-01-14, "
            "before the memorandum commenced (2026-01-15))",
        ),
    ],
)
def test_a_revocation_of_what_is_not_a_live_notice_has_no_effect(target: str, why: str) -> None:
    others = [
        notice("n-oral", "UK", "2026-02-01", form="oral"),
        notice("n-early", "UK", "2026-01-14"),
        revocation("r0", "UK", "2026-02-01", "n-oral"),
    ]
    got = at("2026-07-01", notices=[*others, revocation("r1", "UK", "2026-04-01", target)])
    status = by_id(got.notices, "r1")
    assert (status.standing, status.code, status.reason) == ("void", "MOC319", why)


def test_revoking_the_governing_notice_lets_the_superseded_one_govern() -> None:
    got = at(
        "2026-12-01",
        notices=[
            notice(*N1),
            notice("n2", "JP", "2026-04-01"),
            revocation("r1", "UK", "2026-05-01", "n1"),
        ],
    )
    assert (got.discontinuation.id, got.ends, got.state) == ("n2", D("2026-07-02"), "discontinued")
    assert by_id(got.notices, "n2").standing == "past"


def test_a_superseded_notice_can_be_revoked() -> None:
    got = at(
        "2026-12-01",
        notices=[
            notice(*N1),
            notice("n2", "JP", "2026-04-01"),
            revocation("r2", "JP", "2026-05-01", "n2"),
        ],
    )
    assert (got.discontinuation.id, got.ends) == ("n1", E1)
    assert (by_id(got.notices, "n2").standing, by_id(got.notices, "n2").revoked_by) == (
        "revoked",
        "r2",
    )


# -- discontinued is final (SPEC §3.6) -------------------------------------------------------------


def test_a_change_consented_on_e_changes_nothing() -> None:
    agreed = (("JP", "2026-06-01"), ("UK", "2026-06-11"))
    change = modification("m1", "2026-06-05", add_area("x"), agreed=agreed)
    got = at("2026-07-01", modifications=[change], notices=[notice(*N1)])
    status = by_id(got.changes, "m1")
    assert (status.status, status.code) == ("void", "MOC307")
    assert status.reason == (
        "consent completed 2026-06-11, on or after the discontinuation took effect (2026-06-11)"
    )
    assert got.consolidated.area_ids() == ("a1",)
    assert got.text_on(D("2026-06-10")).area_ids() == ("a1",)
    before = (("JP", "2026-06-01"), ("UK", "2026-06-10"))
    got = at(
        "2026-07-01",
        modifications=[modification("m1", "2026-06-05", add_area("x"), agreed=before)],
        notices=[notice(*N1)],
    )
    assert by_id(got.changes, "m1").status == "in_effect"
    assert got.consolidated.area_ids() == ("a1", "x")


def test_a_change_effective_on_e_is_void_and_one_on_e_minus_1_applies() -> None:
    on = modification("m-on", "2026-06-11", add_area("x"))
    eve = modification("m-eve", "2026-06-10", add_area("y"))
    got = at("2026-07-01", modifications=[on, eve], notices=[notice(*N1)])
    status = by_id(got.changes, "m-on")
    assert (status.status, status.code) == ("void", "MOC307")
    assert status.reason == "takes effect on or after the discontinuation (2026-06-11)"
    assert by_id(got.changes, "m-eve").status == "in_effect"
    assert got.consolidated.area_ids() == ("a1", "y")
    assert [c.id for c in got.applying] == ["m-eve"]


def test_a_change_consented_before_e_but_after_t_is_not_known() -> None:
    change = modification(
        "m1", "2026-05-01", add_area("x"), agreed=(("JP", "2026-04-01"), ("UK", "2026-04-02"))
    )
    got = at("2026-04-01", modifications=[change], notices=[notice(*N1)])
    assert by_id(got.changes, "m1").status == "awaiting_consent"
    assert got.applying == ()


# -- withdrawals (SPEC §3.6, more than two Sides) --------------------------------------------------


THREE = memorandum(
    ("JP", "UK", "FR"),
    [("JP", "2026-01-10"), ("UK", "2026-01-15"), ("FR", "2026-01-12")],
    effect="withdraws",
)


def to_all(record: str, by: str, received: str, **more: Any) -> Notice:
    return notice(record, by, received, to=[s for s in ("JP", "UK", "FR") if s != by], **more)


def test_one_withdrawal_leaves_the_memorandum_in_force() -> None:
    got = at("2026-07-01", THREE, notices=[to_all("w1", "UK", "2026-03-10")])
    status = by_id(got.notices, "w1")
    assert (got.state, got.ends, got.discontinuation) == ("in_force", None, None)
    assert (status.effect, status.standing, status.effective) == (
        "withdraws",
        "past",
        D("2026-06-11"),
    )
    assert (
        by_id(
            at("2026-06-10", THREE, notices=[to_all("w1", "UK", "2026-03-10")]).notices, "w1"
        ).standing
        == "scheduled"
    )


def test_the_withdrawal_that_leaves_one_side_ends_the_memorandum() -> None:
    w1 = to_all("w1", "UK", "2026-03-10")  # E 11 Jun
    w2 = to_all("w2", "FR", "2026-04-10")  # E 11 Jul
    got = at("2026-07-10", THREE, notices=[w2, w1])
    assert (got.state, got.ends, got.discontinuation.id) == (
        "discontinuation_pending",
        D("2026-07-11"),
        "w2",
    )
    assert by_id(got.notices, "w1").standing == "past"
    assert by_id(got.notices, "w2").standing == "scheduled"
    assert at("2026-07-11", THREE, notices=[w2, w1]).state == "discontinued"


def test_a_side_that_withdraws_twice_still_leaves_two() -> None:
    got = at(
        "2026-12-01",
        THREE,
        notices=[to_all("w1", "UK", "2026-03-10"), to_all("w2", "UK", "2026-04-10")],
    )
    assert (got.state, got.ends) == ("in_force", None)


def test_a_withdrawal_can_be_revoked_before_its_e_and_not_on_it() -> None:
    w1 = to_all("w1", "UK", "2026-03-10")  # E 11 Jun
    got = at(
        "2026-07-01",
        THREE,
        notices=[w1, revocation("r1", "UK", "2026-06-10", "w1", to=["JP", "FR"])],
    )
    assert by_id(got.notices, "w1").standing == "revoked"
    got = at(
        "2026-07-01",
        THREE,
        notices=[w1, revocation("r1", "UK", "2026-06-11", "w1", to=["JP", "FR"])],
    )
    status = by_id(got.notices, "r1")
    assert (status.standing, status.code) == ("void", "MOC306")
    assert status.reason == (
        "revocation received 2026-06-11, on or after the discontinuation took effect "
        "(2026-06-11): it has no effect"
    )
    assert by_id(got.notices, "w1").standing == "past"


def test_a_withdrawal_after_a_discontinuing_notice_the_earliest_e_governs() -> None:
    memo = memorandum(
        ("JP", "UK", "FR"),
        [("JP", "2026-01-10"), ("UK", "2026-01-15"), ("FR", "2026-01-12")],
        effect="discontinues",
    )
    got = at("2026-07-01", memo, notices=[to_all("n1", "UK", "2026-03-10")])
    assert (got.state, got.ends) == ("discontinued", E1)


# -- activities (SPEC §3.5, Paragraph 2.4) ---------------------------------------------------------


def statuses(as_of: str, *acts: Activity, **kinds: Any) -> dict[str, str]:
    got = at(as_of, activities=list(acts), **kinds)
    return {a.id: a.status for a in got.activities}


def test_an_activity_is_planned_then_ongoing_then_ended_after_its_last_day() -> None:
    act = activity("x", "2026-02-01", "2026-03-31")
    assert statuses("2026-01-31", act) == {"x": "planned"}
    assert statuses("2026-02-01", act) == {"x": "ongoing"}
    assert statuses("2026-03-31", act) == {"x": "ongoing"}
    assert statuses("2026-04-01", act) == {"x": "ended"}


def test_activities_on_and_around_e() -> None:
    acts = (
        activity("on-e", "2026-06-11"),  # starts on E: continuing from E
        activity("ends-eve", "2026-02-01", "2026-06-10"),  # ends on E - 1: ended on E
        activity("ends-on-e", "2026-02-01", "2026-06-11"),  # ongoing on E: continuing
        activity("open", "2026-02-01"),
    )
    n = [notice(*N1)]
    assert statuses("2026-06-10", *acts, notices=n) == {
        "on-e": "planned",
        "ends-eve": "ongoing",
        "ends-on-e": "ongoing",
        "open": "ongoing",
    }
    assert statuses("2026-06-11", *acts, notices=n) == {
        "on-e": "continuing",
        "ends-eve": "ended",
        "ends-on-e": "continuing",
        "open": "continuing",
    }
    assert statuses("2026-06-12", *acts, notices=n) == {
        "on-e": "continuing",
        "ends-eve": "ended",
        "ends-on-e": "ended",
        "open": "continuing",
    }


def test_a_decision_ends_an_activity_on_its_end_and_not_before_the_decision_takes_effect() -> None:
    act = activity("x", "2026-02-01", "2026-12-31")
    dec = decision("d1", "2026-05-01", end_activity("x", "2026-05-31"))
    got = at("2026-04-30", activities=[act], decisions=[dec])
    assert (got.activities[0].end, got.activities[0].ended_by) == (D("2026-12-31"), None)
    got = at("2026-05-01", activities=[act], decisions=[dec])
    assert (got.activities[0].end, got.activities[0].ended_by, got.activities[0].status) == (
        D("2026-05-31"),
        "d1",
        "ongoing",
    )
    got = at("2026-06-01", activities=[act], decisions=[dec])
    assert (got.activities[0].status, got.activities[0].title) == ("ended", "Activity x")
    assert got.activities[0].start == D("2026-02-01")


def test_a_decision_after_the_planned_end_keeps_the_planned_end() -> None:
    act = activity("x", "2026-02-01", "2026-04-30")
    dec = decision("d1", "2026-03-01", end_activity("x", "2026-05-31"))
    got = at("2026-05-01", activities=[act], decisions=[dec])
    assert (got.activities[0].end, got.activities[0].ended_by, got.activities[0].status) == (
        D("2026-04-30"),
        None,
        "ended",
    )


def test_a_decision_ending_another_activity_or_void_ends_nothing() -> None:
    act = activity("x", "2026-02-01")
    other = decision("d1", "2026-03-01", end_activity("y", "2026-03-31"))
    void = decision("d2", "2026-06-11", end_activity("x", "2026-06-30"))  # effective on E: void
    early = decision("d3", "2026-01-14", end_activity("x", "2026-03-31"))  # before commencement
    got = at("2026-08-01", activities=[act], decisions=[other, void, early], notices=[notice(*N1)])
    assert (got.activities[0].end, got.activities[0].status) == (None, "continuing")
    assert by_id(got.changes, "d2").status == "void"


def test_the_last_decision_in_effect_sets_the_end() -> None:
    act = activity("x", "2026-02-01")
    first = decision("d1", "2026-03-01", end_activity("x", "2026-09-30"))
    second = decision(
        "d2", "2026-04-01", end_activity("x", "2026-08-31"), end_activity("y", "2026-05-01")
    )
    got = at("2026-05-01", activities=[act], decisions=[second, first])
    assert (got.activities[0].end, got.activities[0].ended_by) == (D("2026-08-31"), "d2")
    got = at("2026-03-15", activities=[act], decisions=[second, first])
    assert (got.activities[0].end, got.activities[0].ended_by) == (D("2026-09-30"), "d1")


def test_decided_end_reads_every_decision_in_effect_in_any_order() -> None:
    act = activity("x", "2026-02-01")
    later = decision("d2", "2026-06-01", end_activity("x", "2026-08-31"))
    sooner = decision("d1", "2026-03-01", add_area("z"), end_activity("x", "2026-09-30"))
    assert decided_end(act, [later, sooner], D("2026-05-01")) == (D("2026-09-30"), "d1")
    assert decided_end(act, [sooner, later], D("2026-06-01")) == (D("2026-08-31"), "d2")
    assert decided_end(act, [], D("2026-06-01")) == (None, None)


def test_an_activity_ended_before_e_is_ended_not_continuing() -> None:
    act = activity("x", "2026-02-01")
    dec = decision("d1", "2026-03-01", end_activity("x", "2026-05-31"))
    got = at("2026-07-01", activities=[act], decisions=[dec], notices=[notice(*N1)])
    assert got.activities[0].status == "ended"


# -- next event and if_received --------------------------------------------------------------------


def test_the_next_event_is_the_next_change_after_t() -> None:
    got = at(
        "2026-03-01",
        modifications=[
            modification("m-void", "2026-03-05", {"op": "remove_area", "area": "missing"}),
            modification(
                "m1",
                "2026-03-20",
                add_area("x"),
                agreed=(("JP", "2026-03-01"), ("UK", "2026-03-01")),
            ),
        ],
        activities=[activity("a-now", "2026-03-01"), activity("a-later", "2026-04-01")],
    )
    assert got.next_event is not None
    assert (got.next_event.date, got.next_event.kind, got.next_event.record) == (
        D("2026-03-20"),
        "modification",
        "m1",
    )
    assert at("2026-03-01").next_event is None


def test_the_next_event_after_a_notice_is_its_discontinuation() -> None:
    got = at("2026-03-10", notices=[notice(*N1)])
    assert (got.next_event.date, got.next_event.kind) == (E1, "discontinuation")


def test_if_received_reads_the_recipients_zone_and_the_terms_on_that_day() -> None:
    got = at("2026-02-01", modifications=[modification("m1", "2026-04-01", period("P6M"))])
    # 20:00 UTC on 10 March is 10 March in London, 11 March in Tokyo.
    instant = dt.datetime(2026, 3, 10, 20, 0, tzinfo=dt.UTC)
    to_uk = got.if_received(instant, "JP")
    assert (to_uk.received, to_uk.effective) == (D("2026-03-10"), D("2026-06-11"))
    to_jp = got.if_received(instant, "UK")
    assert (to_jp.received, to_jp.effective) == (D("2026-03-11"), D("2026-06-12"))
    anyone = got.if_received(instant)
    assert anyone.received == D("2026-03-11")
    named = got.if_received(instant, "JP", to=["UK"])
    assert named.received == D("2026-03-10")
    assert got.if_received(D("2026-03-31")).effective == D("2026-07-01")
    assert got.if_received(D("2026-04-01")).effective == D("2026-10-02")
    asked = got.if_received(D("2026-03-10"), "UK", requested_effective=D("2026-07-01"))
    assert (asked.effective, asked.requested_effective) == (D("2026-07-01"), D("2026-07-01"))
    # 23:30 in Tokyo on 31 March is 1 April nowhere else: P3M in force on 31 March.
    tokyo = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert got.if_received(tokyo, "JP").months == 3


def test_a_notice_received_by_some_recipients_only_is_known_and_does_not_count_yet() -> None:
    w1 = to_all(
        "w1",
        "UK",
        None,
        receipts=[
            {"side": "FR", "received": "2026-04-10"},
            {"side": "JP", "received": "2026-03-10"},
        ],
    )
    got = at("2026-03-09", THREE, notices=[w1])
    status = by_id(got.notices, "w1")
    assert (status.known, status.standing, status.reason) == (
        False,
        "scheduled",
        "not yet received by JP, FR",
    )
    got = at("2026-03-10", THREE, notices=[w1])
    status = by_id(got.notices, "w1")
    assert (status.known, status.standing, status.reason) == (
        True,
        "past",
        "not yet received by FR",
    )
    assert (status.received, status.dates) == (None, None)
    # Once FR has it too, the latest receipt (10 April) is D: E = 11 July 2026.
    got = at("2026-04-10", THREE, notices=[w1])
    status = by_id(got.notices, "w1")
    assert (status.known, status.received, status.effective, status.reason) == (
        True,
        D("2026-04-10"),
        D("2026-07-11"),
        None,
    )
    assert (status.receipt_assumed, status.used_dated) == (True, False)


def test_a_notice_without_a_receipt_counts_from_its_date() -> None:
    got = at("2026-04-01", notices=[notice("n1", "UK", None, dated="2026-03-10")])
    status = by_id(got.notices, "n1")
    assert (status.received, status.used_dated, status.receipt_assumed) == (
        D("2026-03-10"),
        True,
        True,
    )
    assert got.ends == E1


def test_an_instant_of_receipt_is_read_in_the_recipients_zone() -> None:
    # 20:00 UTC on 10 March is 11 March in Tokyo: a notice from UK to JP has D = 11 March.
    got = at("2026-04-01", notices=[notice("n1", "UK", "2026-03-10T20:00:00+00:00")])
    status = by_id(got.notices, "n1")
    assert (status.received, status.receipt_assumed, status.effective) == (
        D("2026-03-11"),
        False,
        D("2026-06-12"),
    )
    assert status.received_as_given == dt.datetime(2026, 3, 10, 20, tzinfo=dt.UTC)
    got = at("2026-04-01", notices=[notice("n1", "JP", "2026-03-10T20:00:00+00:00")])
    assert got.ends == E1


def test_a_retroactive_change_recomputes_each_live_notice_with_its_own_receipt() -> None:
    # A notice from JP to UK at 20:00 UTC on 10 April (10 April in London, the recipient's),
    # then a change consented on 20 April, effective 1 April, sets P6M: E = 11 October 2026.
    change = modification(
        "m1", "2026-04-01", period("P6M"), agreed=(("JP", "2026-04-18"), ("UK", "2026-04-20"))
    )
    instant = "2026-04-10T20:00:00+00:00"
    got = at("2026-05-01", modifications=[change], notices=[notice("n1", "JP", instant)])
    status = by_id(got.notices, "n1")
    assert (got.ends, status.received) == (D("2026-10-11"), D("2026-04-10"))
    assert status.dates.received_as_given == dt.datetime(2026, 4, 10, 20, tzinfo=dt.UTC)
    assert status.dates.months == 6
    # A later requested date still governs after the recomputation.
    asked = notice("n1", "JP", instant, requested_effective="2026-12-01")
    got = at("2026-05-01", modifications=[change], notices=[asked])
    assert got.ends == D("2026-12-01")
    # A withdrawal is recomputed as well (FR consents too: three Sides).
    change = modification(
        "m1",
        "2026-04-01",
        period("P6M"),
        agreed=(("JP", "2026-04-18"), ("UK", "2026-04-20"), ("FR", "2026-04-19")),
    )
    got = at(
        "2026-05-01", THREE, modifications=[change], notices=[to_all("w1", "UK", "2026-04-10")]
    )
    assert by_id(got.notices, "w1").effective == D("2026-10-11")


def test_a_retroactive_change_that_takes_a_notice_beyond_the_calendar_voids_it() -> None:
    # Received 10 January 9998 under P3M (E 11 April 9998); then P36M from 1 January 9998:
    # E would be in year 10001.
    change = modification(
        "m1",
        "9998-01-01",
        period("P36M"),
        agreed=(("JP", "9998-02-01"), ("UK", "9998-02-01")),
    )
    got = at("9998-03-01", modifications=[change], notices=[notice("n1", "UK", "9998-01-10")])
    status = by_id(got.notices, "n1")
    assert (got.state, got.ends, status.standing, status.code) == (
        "in_force",
        None,
        "void",
        "MOC324",
    )
    assert status.reason.startswith("a notice received 9998-01-10 with a P36M period")
    assert at(
        "9998-01-31", modifications=[change], notices=[notice("n1", "UK", "9998-01-10")]
    ).ends == D("9998-04-11")


# -- more edges of the fold ---------------------------------------------------------------------


def test_a_decision_that_sets_the_planned_end_is_the_one_that_set_it() -> None:
    act = activity("x", "2026-02-01", "2026-05-31")
    dec = decision("d1", "2026-03-01", end_activity("x", "2026-05-31"))
    got = at("2026-04-01", activities=[act], decisions=[dec])
    assert (got.activities[0].end, got.activities[0].ended_by) == (D("2026-05-31"), "d1")


def test_every_record_known_on_or_after_e_changes_nothing() -> None:
    # After n1's E (11 June) come a notice (12 June) and a modification (consented 13 June,
    # effective 1 June): neither counts, however many there are.
    late_notice = notice("n2", "JP", "2026-06-12")
    late_change = modification(
        "m1", "2026-06-01", add_area("x"), agreed=(("JP", "2026-06-13"), ("UK", "2026-06-13"))
    )
    got = at("2026-07-01", modifications=[late_change], notices=[notice(*N1), late_notice])
    assert (by_id(got.notices, "n2").standing, by_id(got.notices, "n2").code) == ("void", "MOC307")
    change = by_id(got.changes, "m1")
    assert (change.status, change.code) == ("void", "MOC307")
    assert got.applying == ()
    assert got.text_on(D("2026-06-05")).area_ids() == ("a1",)


def test_withdrawals_count_in_the_order_of_their_e() -> None:
    # w-a (FR) is received first and named first but takes effect last (1 September, as asked);
    # w-b (UK): E 11 July. After both only JP remains: the memorandum ends on 1 September.
    w_a = to_all("w-a", "FR", "2026-03-10", requested_effective="2026-09-01")
    w_b = to_all("w-b", "UK", "2026-04-10")
    got = at("2026-08-01", THREE, notices=[w_a, w_b])
    assert (got.state, got.ends, got.discontinuation.id) == (
        "discontinuation_pending",
        D("2026-09-01"),
        "w-a",
    )


def test_withdrawals_on_the_same_day_the_id_decides_which_one_ends_it() -> None:
    got = at(
        "2026-07-01",
        THREE,
        notices=[to_all("w-y", "FR", "2026-03-10"), to_all("w-x", "UK", "2026-03-10")],
    )
    assert (got.state, got.ends, got.discontinuation.id) == ("discontinued", E1, "w-y")


def test_a_revocation_that_names_no_notice_has_no_effect() -> None:
    stray = notice("r1", "UK", "2026-04-01", type="revocation")
    got = at("2026-07-01", notices=[notice(*N1), stray])
    status = by_id(got.notices, "r1")
    assert (status.standing, status.code, status.reason) == (
        "void",
        "MOC319",
        "the notice is not a written discontinuation notice",
    )


def test_on_one_day_notices_are_read_before_revocations_whatever_their_ids() -> None:
    got = at(
        "2026-07-01",
        notices=[revocation("a-revocation", "UK", "2026-03-10", "n1"), notice(*N1)],
    )
    assert (got.state, by_id(got.notices, "n1").revoked_by) == ("in_force", "a-revocation")
    assert by_id(got.notices, "a-revocation").standing == "past"


def test_on_one_day_a_change_is_read_before_a_notice_whatever_their_ids() -> None:
    # A change consented on the day of receipt, effective that day, makes notices withdrawals:
    # the terms in force on D govern the notice (SPEC §3.3).
    change = modification(
        "m1",
        "2026-03-10",
        {"op": "set_term", "term": "discontinuation.effect", "value": "withdraws"},
        agreed=(("JP", "2026-03-10"), ("UK", "2026-03-10"), ("FR", "2026-03-10")),
    )
    memo = memorandum(
        ("JP", "UK", "FR"),
        [("JP", "2026-01-10"), ("UK", "2026-01-15"), ("FR", "2026-01-12")],
        effect="discontinues",
    )
    got = at(
        "2026-07-01", memo, modifications=[change], notices=[to_all("a-notice", "UK", "2026-03-10")]
    )
    assert by_id(got.notices, "a-notice").effect == "withdraws"
    assert (got.state, got.ends) == ("in_force", None)


def test_a_retroactive_change_of_effect_governs_a_notice_already_received() -> None:
    # Notice received 10 March; a change consented 20 March, effective 1 March, makes every
    # notice a withdrawal: on D the terms say `withdraws`, so UK only withdraws (SPEC §3.3, §3.6).
    change = modification(
        "m1",
        "2026-03-01",
        {"op": "set_term", "term": "discontinuation.effect", "value": "withdraws"},
        agreed=(("JP", "2026-03-20"), ("UK", "2026-03-20"), ("FR", "2026-03-20")),
    )
    memo = memorandum(
        ("JP", "UK", "FR"),
        [("JP", "2026-01-10"), ("UK", "2026-01-15"), ("FR", "2026-01-12")],
        effect="discontinues",
    )
    got = at("2026-07-01", memo, modifications=[change], notices=[to_all("n1", "UK", "2026-03-10")])
    assert by_id(got.notices, "n1").effect == "withdraws"
    assert (got.state, got.ends) == ("in_force", None)


def test_only_receipts_on_or_before_t_count() -> None:
    # JP's receipt is recorded twice, on 10 and 25 March; FR received it on 12 March. On 20 March
    # what is known is JP's first receipt and FR's: D = 12 March.
    twice = to_all(
        "w1",
        "UK",
        None,
        receipts=[
            {"side": "JP", "received": "2026-03-10"},
            {"side": "FR", "received": "2026-03-12"},
            {"side": "JP", "received": "2026-03-25"},
        ],
    )
    got = at("2026-03-20", THREE, notices=[twice])
    assert by_id(got.notices, "w1").received == D("2026-03-12")
    assert by_id(got.notices, "w1").effective == D("2026-06-13")


def test_if_received_by_no_side_to_the_named_recipients() -> None:
    got = at("2026-02-01")
    instant = dt.datetime(2026, 3, 10, 20, 0, tzinfo=dt.UTC)  # 10 March in London only
    assert got.if_received(instant, to=["UK"]).received == D("2026-03-10")


def test_records_that_share_an_id_give_a_history_not_a_crash() -> None:
    # Two records with one id are an error (MOC201), but every command still computes the
    # history of what was read (SPEC §5: bad input never ends in a traceback).
    twins = [notice("n1", "UK", "2026-03-10"), notice("n1", "JP", "2026-03-10")]
    got = at("2026-04-01", notices=twins)
    assert (got.state, got.ends) == ("discontinuation_pending", E1)
    same = [modification("c1", "2026-04-01", add_area("x"))]
    got = at(
        "2026-05-01", modifications=same, decisions=[decision("c1", "2026-04-01", add_area("y"))]
    )
    assert set(got.consolidated.area_ids()) == {"a1", "x", "y"}


def test_a_change_awaiting_two_sides_names_both() -> None:
    change = modification("m1", "2026-04-01", agreed=())
    got = by_id(at("2026-05-01", modifications=[change]).changes, "m1")
    assert got.reason == "awaiting the written consent of JP, UK"


def test_a_revoked_withdrawal_no_longer_counts_towards_the_end() -> None:
    # UK withdraws and revokes it; FR withdraws: JP and UK remain, the memorandum stays in force.
    got = at(
        "2026-12-01",
        THREE,
        notices=[
            to_all("w1", "UK", "2026-03-10"),
            revocation("r1", "UK", "2026-04-01", "w1", to=["JP", "FR"]),
            to_all("w2", "FR", "2026-04-10"),
        ],
    )
    assert (got.state, got.ends) == ("in_force", None)
    assert by_id(got.notices, "w1").standing == "revoked"
    assert by_id(got.notices, "w2").standing == "past"


def test_a_tie_on_e_between_different_notices_is_broken_by_the_id() -> None:
    # Same E (11 June) and the same receipt day (10 March), received differently: the id decides.
    by_instant = notice("n-b", "UK", "2026-03-10T01:00:00+00:00")  # 10:00 in Tokyo
    by_date = notice("n-a", "JP", "2026-03-10")
    got = at("2026-04-01", notices=[by_instant, by_date])
    assert (got.discontinuation.id, got.ends) == ("n-a", E1)
    assert by_id(got.notices, "n-b").standing == "superseded"
    # Withdrawals with one E, one asked for and one computed: the later id ends it.
    w_x = to_all("w-x", "UK", "2026-04-10")  # E 11 July
    w_y = to_all("w-y", "FR", "2026-03-10", requested_effective="2026-07-11")
    got = at("2026-08-01", THREE, notices=[w_y, w_x])
    assert (got.state, got.ends, got.discontinuation.id) == ("discontinued", D("2026-07-11"), "w-y")


def test_a_retroactive_period_change_keeps_a_multilateral_notice_discontinuing() -> None:
    # Three Sides whose notices discontinue. UK's notice is received 10 March (P3M: E 10 June
    # under corresponding-date); a P6M change consented 20 March, effective 1 March, is in force
    # on D: E 10 September. The notice still discontinues the whole memorandum.
    memo = memorandum(
        ("JP", "UK", "FR"),
        [("JP", "2026-01-10"), ("UK", "2026-01-15"), ("FR", "2026-01-12")],
        effect="discontinues",
    )
    change = modification(
        "m1",
        "2026-03-01",
        agreed=(("JP", "2026-03-20"), ("UK", "2026-03-20"), ("FR", "2026-03-20")),
    )
    got = at("2026-07-01", memo, modifications=[change], notices=[to_all("n1", "UK", "2026-03-10")])
    assert (got.state, got.ends) == ("discontinuation_pending", D("2026-09-11"))
    assert by_id(got.notices, "n1").effect == "discontinues"


def test_every_live_notice_is_recomputed_when_a_change_puts_them_past_the_calendar() -> None:
    # Two notices received in May 9999 (P3M: E in August 9999); a P12M change consented on
    # 10 May 9999, effective 1 January 9999, would put both in year 10000: both are void.
    change = modification(
        "m1", "9999-01-01", period("P12M"), agreed=(("JP", "9999-05-10"), ("UK", "9999-05-10"))
    )
    notices = [notice("a", "UK", "9999-05-01"), notice("b", "JP", "9999-05-02")]
    got = at("9999-06-01", modifications=[change], notices=notices)
    assert [(n.id, n.standing, n.code) for n in got.notices] == [
        ("a", "void", "MOC324"),
        ("b", "void", "MOC324"),
    ]
    assert got.state == "in_force"


def test_a_notice_of_discontinuation_counts_unless_the_term_in_force_forbids_it() -> None:
    assert at("2026-02-01").discontinuable_on(D("2026-02-01"))
    changed = at("2026-02-01", modifications=[modification("m1", "2026-03-01")])
    assert changed.discontinuable_on(D("2026-03-01"))  # the text in force on that day is read
    data = memorandum().model_dump(mode="json", by_alias=True, exclude_none=True)
    duration = {"term": "P5Y", "at_end": "renews", "non_renewal_notice": "P6M"}
    data["terms"]["duration"] = {**duration, "discontinuation_during_term": False}
    assert not at("2026-02-01", Memorandum.model_validate(data)).discontinuable_on(START)
    data["terms"]["duration"] = {**duration, "discontinuation_during_term": True}
    assert at("2026-02-01", Memorandum.model_validate(data)).discontinuable_on(START)
