"""The consolidations already made are reused, invisibly (issue 12 item 5).

``consolidate`` keeps the last few results by the identities of the memorandum and changesets it
was given and continues from the longest one already made: the history, its ``text_on``, the fold's
``terms_on`` and the checks ask for the same few consolidations many times per memorandum. These
tests show that a reused result is never a stale one, that the work is done once per distinct
input, and that what is kept stays bounded. Every record here is FICTIONAL test data, built in
memory.
"""

from __future__ import annotations

import datetime as dt
import gc
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.core.test_terms_mutants import EVERY_KEY

from mocctl.core import consolidation
from mocctl.core.consolidation import Consolidated, consolidate
from mocctl.core.history import FAR_FUTURE, history
from mocctl.core.memoranda import MemorandumRecords
from mocctl.model.records import Memorandum, Modification, Notice

D = dt.date.fromisoformat
SIDES = [
    {"id": "JP", "name": "Side J", "jurisdiction": "JP", "timezone": "Asia/Tokyo"},
    {"id": "UK", "name": "Side U", "jurisdiction": "GB", "timezone": "Europe/London"},
]


def memorandum(period: str = "P3M") -> Memorandum:
    return Memorandum.model_validate(
        {
            "apiVersion": "mocctl/v1",
            "kind": "Memorandum",
            "id": "fictional-moc",
            "title": "A fictional memorandum for tests",
            "sides": SIDES,
            "signatures": [
                {"side": "JP", "signatory": "Signatory JP", "date": "2026-01-10"},
                {"side": "UK", "signatory": "Signatory UK", "date": "2026-01-15"},
            ],
            "terms": {"discontinuation": {"notice_period": period, "rule": "corresponding-date"}},
            "areas": [{"id": "a1", "title": "Area one", "text": "Text of area one."}],
            "text": [{"id": "s1", "body": "Body one."}],
        }
    )


def modification(record: str, effective: str, *changes: dict[str, Any]) -> Modification:
    return Modification.model_validate(
        {
            "apiVersion": "mocctl/v1",
            "kind": "Modification",
            "id": record,
            "title": f"Fictional modification {record}",
            "consents": [
                {"side": "JP", "date": "2026-01-20", "form": "written"},
                {"side": "UK", "date": "2026-01-21", "form": "written"},
            ],
            "effective": effective,
            "changes": list(changes),
        }
    )


def period(value: str) -> dict[str, str]:
    return {"op": "set_term", "term": "discontinuation.notice_period", "value": value}


def add_area(area: str) -> dict[str, Any]:
    return {"op": "add_area", "area": {"id": area, "title": f"Area {area}", "text": "New."}}


def notice(record: str, received: str) -> Notice:
    return Notice.model_validate(
        {
            "apiVersion": "mocctl/v1",
            "kind": "Notice",
            "id": record,
            "type": "discontinuation",
            "by": "JP",
            "dated": received,
            "received": received,
        }
    )


def records(memo: Memorandum, *modifications: Modification, **more: Any) -> MemorandumRecords:
    return MemorandumRecords(
        folder=Path("fictional"),
        memorandum=memo,
        modifications=modifications,
        **{name: tuple(value) for name, value in more.items()},
    )


def counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[object]:
    """Every call of ``consolidation.<name>`` from now on, by its first argument."""
    calls: list[object] = []
    real: Callable[..., Consolidated] = getattr(consolidation, name)

    def counted(first: Any, *rest: Any) -> Consolidated:
        calls.append(first)
        return real(first, *rest)

    monkeypatch.setattr(consolidation, name, counted)
    return calls


def fresh(memo: Memorandum, changesets: list[Modification]) -> Consolidated:
    """What ``consolidate`` would give with nothing kept: a fold made here, step by step."""
    state = consolidation.base(memo)
    for changeset in changesets:
        state = consolidation._step(state, changeset)
    return state


# -- never stale ---------------------------------------------------------------------------------


def test_different_change_sets_of_one_memorandum_give_different_consolidations() -> None:
    memo = memorandum()
    m1 = modification("m1", "2026-02-01", period("P6M"))
    m2 = modification("m2", "2026-03-01", add_area("a2"))
    got = [consolidate(memo, chain) for chain in ([], [m1], [m1, m2], [m2], [m1], [])]
    assert [c.notice_period for c in got] == ["P3M", "P6M", "P6M", "P3M", "P6M", "P3M"]
    assert [c.area_ids() for c in got] == [
        ("a1",),
        ("a1",),
        ("a1", "a2"),
        ("a1", "a2"),
        ("a1",),
        ("a1",),
    ]
    assert [c.applied for c in got] == [(), ("m1",), ("m1", "m2"), ("m2",), ("m1",), ()]


def test_a_reused_consolidation_equals_one_made_afresh() -> None:
    memo = memorandum()
    m1 = modification("m1", "2026-02-01", period("P6M"))
    void = modification("m2", "2026-03-01", {"op": "remove_area", "area": "a9"})
    m3 = modification("m3", "2026-04-01", add_area("a2"))
    for chain in ([m1, void], [m1, void, m3], [m1], [m1, void, m3], [void, m3]):
        assert consolidate(memo, chain) == fresh(memo, chain)
    assert consolidate(memo, [m1, void, m3]).void == {"m2": "there is no area 'a9' at that date"}


def test_the_order_of_the_changesets_counts() -> None:
    memo = memorandum()
    m1 = modification("m1", "2026-02-01", period("P6M"))
    m2 = modification("m2", "2026-02-01", period("P1M"))
    assert consolidate(memo, [m1, m2]).notice_period == "P1M"
    assert consolidate(memo, [m2, m1]).notice_period == "P6M"


def test_equal_but_distinct_records_are_consolidated_each_on_their_own() -> None:
    first, second = memorandum("P3M"), memorandum("P4M")
    assert consolidate(first, []).notice_period == "P3M"
    assert consolidate(second, []).notice_period == "P4M"
    again = memorandum("P3M")  # equal to ``first``, another object: the result is the same
    assert consolidate(again, []) == consolidate(first, [])


def test_two_records_of_one_id_are_told_apart() -> None:
    """As when a record is edited between two runs in one process (the key is the object)."""
    memo = memorandum()
    before = modification("m1", "2026-02-01", period("P6M"))
    edited = modification("m1", "2026-02-01", period("P9M"))
    assert consolidate(memo, [before]).notice_period == "P6M"
    assert consolidate(memo, [edited]).notice_period == "P9M"
    assert consolidate(memo, [before, edited]).notice_period == "P9M"


def test_the_text_on_a_day_before_and_after_a_change() -> None:
    memo = memorandum()
    m1 = modification("m1", "2026-03-01", period("P6M"), add_area("a2"))
    seen = history(records(memo, m1), FAR_FUTURE)
    days = ["2026-02-28", "2026-03-01", "2026-02-28", "2026-12-31", "2026-01-15"]
    got = [seen.text_on(D(day)) for day in days]
    assert [c.notice_period for c in got] == ["P3M", "P6M", "P3M", "P6M", "P3M"]
    assert [c.area_ids() for c in got] == [
        ("a1",),
        ("a1", "a2"),
        ("a1",),
        ("a1", "a2"),
        ("a1",),
    ]
    assert got[1] == fresh(memo, [m1]) and got[0] == fresh(memo, [])


def test_a_history_as_of_a_date_and_the_whole_record_each_see_their_own_terms() -> None:
    memo = memorandum()
    m1 = modification("m1", "2026-03-01", period("P6M"))
    known = records(memo, m1, notices=[notice("n1", "2026-04-10")])
    before, whole = history(known, D("2026-02-01")), history(known, FAR_FUTURE)
    assert (before.notice_period, whole.notice_period) == ("P3M", "P6M")
    assert whole.discontinuation is not None and whole.discontinuation.dates is not None
    # the notice is read against the terms on its day of receipt: six months
    assert whole.discontinuation.effective == D("2026-10-11")
    assert history(known, D("2026-02-01")).notice_period == "P3M"


# -- once per distinct input ---------------------------------------------------------------------


def test_the_base_and_each_change_are_applied_once_for_one_memorandums_history_and_checks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bases = counting(monkeypatch, "base")
    applied = counting(monkeypatch, "_apply")
    memo = memorandum()
    m1 = modification("m1", "2026-03-01", period("P6M"))
    m2 = modification("m2", "2026-05-01", add_area("a2"))
    known = records(memo, m1, m2, notices=[notice("n1", "2026-06-10")])
    seen = history(known, FAR_FUTURE)
    for day in ("2026-01-01", "2026-03-01", "2026-05-01", "2026-12-31"):
        seen.text_on(D(day))
    again = history(known, FAR_FUTURE)  # as the checks do when they are not given the history
    assert again == seen
    assert bases == [memo]
    assert len(applied) == 2  # m1 on the base, m2 on that


def test_consolidate_continues_from_the_longest_consolidation_already_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    applied = counting(monkeypatch, "_apply")
    memo = memorandum()
    m1, m2, m3 = (modification(f"m{n}", f"2026-0{n + 1}-01", period(f"P{n}M")) for n in (1, 2, 3))
    consolidate(memo, [m1, m2])
    assert len(applied) == 2
    assert consolidate(memo, [m1, m2, m3]).notice_period == "P3M"
    assert len(applied) == 3  # only m3 was applied, on the kept [m1, m2]
    assert consolidate(memo, [m1]).notice_period == "P1M"
    assert consolidate(memo, [m1, m2, m3]).notice_period == "P3M"
    assert len(applied) == 3  # every step of the fold was kept
    assert consolidate(memo, [m2, m3]).notice_period == "P3M"
    assert len(applied) == 5  # another chain: made from the base


# -- bounded -------------------------------------------------------------------------------------


def test_what_is_kept_is_one_memorandums_and_lets_the_others_go() -> None:
    first = memorandum()
    gone = weakref.ref(first)
    consolidate(first, [modification("m1", "2026-02-01", period("P6M"))])
    second = memorandum()
    consolidate(second, [])
    del first
    gc.collect()
    assert gone() is None
    assert list(consolidation._recent._entries) == [(id(second),)]


def test_what_is_kept_of_one_memorandum_is_bounded() -> None:
    memo = memorandum()
    chain = [modification(f"m{n}", "2026-02-01", period("P6M")) for n in range(100)]
    assert consolidate(memo, chain).applied == tuple(f"m{n}" for n in range(100))
    assert len(consolidation._recent._entries) == consolidation._Recent.SIZE
    assert consolidate(memo, chain[:10]) == fresh(memo, chain[:10])  # made again: correct
    newest = (id(memo), *map(id, chain))
    assert newest in consolidation._recent._entries  # the least recently used went, not this


def test_while_kept_the_records_of_a_consolidation_stay_alive() -> None:
    """An entry holds the objects its key names: no id in a key can be another object's."""
    memo = memorandum()
    change = modification("m1", "2026-02-01", period("P6M"))
    alive = [weakref.ref(memo), weakref.ref(change)]
    consolidate(memo, [change])
    del memo, change
    gc.collect()
    assert all(ref() is not None for ref in alive)
    signed = memorandum()  # the base alone: its entry holds the memorandum
    alive = [weakref.ref(signed)]
    consolidate(signed, [])
    del signed
    gc.collect()
    assert alive[0]() is not None


def test_a_new_cache_keeps_what_is_put_and_gives_it_back() -> None:
    recent = consolidation._Recent()
    memo = memorandum()
    state = consolidation.base(memo)
    assert recent.get((id(memo),)) is None
    recent.put((id(memo),), (memo,), state)
    assert recent.get((id(memo),)) is state


# -- the terms of a fixed term, as signed (issue 14) ----------------------------------------------


def _with_duration(duration: dict[str, Any]) -> Memorandum:
    data = memorandum().model_dump(mode="json", by_alias=True, exclude_none=True)
    data["terms"]["duration"] = duration
    return Memorandum.model_validate(data)


def test_the_signed_fixed_term_becomes_duration_terms_each_as_text() -> None:
    signed = {
        "discontinuation.notice_period": "P3M",
        "discontinuation.rule": "corresponding-date",
        "discontinuation.notice_form": "written",
    }
    assert consolidation.base(memorandum()).terms == signed  # no fixed term: no duration.*
    every = _with_duration(
        {
            "term": "P5Y",
            "at_end": "renews",
            "renewal_term": "P2Y",
            "renewals": 3,
            "non_renewal_notice": "P6M",
            "discontinuation_during_term": False,
        }
    )
    assert consolidation.base(every).terms == {**signed, **EVERY_KEY}
    # Only what is stated, and the defaults: a term that expires, discontinuable during it.
    assert consolidation.base(_with_duration({"term": "P5Y"})).terms == {
        **signed,
        "duration.term": "P5Y",
        "duration.at_end": "expires",
        "duration.discontinuation_during_term": "true",
    }
