"""Tests that kill the mutants of ``mocctl.core.consolidation`` (SPEC §3.4, Paragraph 2.3).

The consolidated text is the signed text with every change applied in the order given, each part
annotated with the record that changed it; a changeset that cannot be applied is void as a whole.
Every memorandum, modification and decision here is FICTIONAL test data, built in memory; the
expected values are worked out by hand from those rules. See docs/mutation.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mocctl.core.consolidation import (
    Consolidated,
    Part,
    Provenance,
    base,
    consolidate,
)
from mocctl.model.records import Decision, Memorandum, Modification

D = dt.date.fromisoformat
SIGNED_AREAS = [
    {"id": "a1", "title": "Area one", "text": "Text of area one."},
    {"id": "a2", "title": "Area two", "text": "Text of area two."},
    {"id": "a3", "title": "Area three", "text": "Text of area three."},
]
SIGNED_TEXT = [
    {"id": "s1", "heading": "Heading one", "body": "Body one."},
    {"id": "s2", "body": "Body two, without a heading."},
    {"id": "s3", "heading": "Heading three", "body": "Body three."},
]


def memorandum(**discontinuation: str) -> Memorandum:
    return Memorandum.model_validate(
        {
            "apiVersion": "mocctl/v1",
            "kind": "Memorandum",
            "id": "fictional-moc",
            "title": "A fictional memorandum for tests",
            "sides": [
                {"id": "JP", "name": "Side J", "jurisdiction": "JP", "timezone": "Asia/Tokyo"},
                {"id": "UK", "name": "Side U", "jurisdiction": "GB", "timezone": "Europe/London"},
            ],
            "terms": {"discontinuation": {"notice_period": "P3M", **discontinuation}},
            "areas": SIGNED_AREAS,
            "text": SIGNED_TEXT,
        }
    )


def modification(record: str, effective: str, *changes: dict[str, Any]) -> Modification:
    return Modification.model_validate(
        {
            "apiVersion": "mocctl/v1",
            "kind": "Modification",
            "id": record,
            "title": f"Fictional modification {record}",
            "effective": effective,
            "changes": list(changes),
        }
    )


def decision(record: str, effective: str, *decides: dict[str, Any]) -> Decision:
    return Decision.model_validate(
        {
            "apiVersion": "mocctl/v1",
            "kind": "Decision",
            "id": record,
            "title": f"Fictional decision {record}",
            "effective": effective,
            "decides": list(decides),
        }
    )


def made(record: str, op: str, effective: str, kind: str = "Modification") -> Provenance:
    return Provenance(record, kind, op, D(effective))


def area(area_id: str, title: str = "New area", text: str = "New text.") -> dict[str, str]:
    return {"id": area_id, "title": title, "text": text}


def ids(parts: tuple[Part, ...]) -> list[str]:
    return [part.id for part in parts]


def live(parts: tuple[Part, ...]) -> list[str]:
    return [part.id for part in parts if part.removed is None]


SIGNED_PARTS_AREAS = (
    Part("a1", "Area one", "Text of area one."),
    Part("a2", "Area two", "Text of area two."),
    Part("a3", "Area three", "Text of area three."),
)
SIGNED_PARTS_SECTIONS = (
    Part("s1", "Heading one", "Body one."),
    Part("s2", None, "Body two, without a heading."),
    Part("s3", "Heading three", "Body three."),
)
SIGNED_TERMS = {
    "discontinuation.notice_period": "P3M",
    "discontinuation.rule": "safe-harbour",
    "discontinuation.notice_form": "written",
}


# -- the memorandum as signed -------------------------------------------------------------------


def test_base_is_the_signed_text_and_terms() -> None:
    signed = base(memorandum())
    assert signed == Consolidated(SIGNED_PARTS_AREAS, SIGNED_PARTS_SECTIONS, SIGNED_TERMS)
    assert signed.terms == SIGNED_TERMS  # exactly these keys: no effect term unless stated
    assert signed.term_changes == {}
    assert signed.applied == ()
    assert signed.void == {}
    assert signed.area_ids() == ("a1", "a2", "a3")
    assert signed.notice_period == "P3M"
    assert signed.rule == "safe-harbour"


def test_base_takes_the_stated_rule() -> None:
    assert base(memorandum(rule="jp-civil-code")).rule == "jp-civil-code"


def test_base_has_the_effect_term_only_when_stated() -> None:
    # SPEC §3.6: with more than two Sides the memorandum states what a notice does.
    stated = base(memorandum(effect="withdraws"))
    assert stated.terms == {**SIGNED_TERMS, "discontinuation.effect": "withdraws"}
    assert "discontinuation.effect" not in base(memorandum()).terms


def test_no_changesets_is_the_signed_text() -> None:
    assert consolidate(memorandum(), []) == base(memorandum())


# -- areas --------------------------------------------------------------------------------------


def test_add_area_without_after_goes_last() -> None:
    result = consolidate(
        memorandum(), [modification("m1", "2026-01-01", {"op": "add_area", "area": area("a4")})]
    )
    assert result.areas == (
        *SIGNED_PARTS_AREAS,
        Part("a4", "New area", "New text.", (made("m1", "add_area", "2026-01-01"),)),
    )
    assert result.area_ids() == ("a1", "a2", "a3", "a4")
    assert result.applied == ("m1",)


@pytest.mark.parametrize(
    ("after", "order"),
    [
        ("a1", ["a1", "new", "a2", "a3"]),  # right after the area named, not before or later
        ("a2", ["a1", "a2", "new", "a3"]),
        ("a3", ["a1", "a2", "a3", "new"]),
    ],
)
def test_add_area_after_goes_right_after_that_area(after: str, order: list[str]) -> None:
    change = {"op": "add_area", "area": area("new"), "after": after}
    result = consolidate(memorandum(), [modification("m1", "2026-01-01", change)])
    assert ids(result.areas) == order
    assert result.areas[order.index("new")] == Part(
        "new", "New area", "New text.", (made("m1", "add_area", "2026-01-01"),)
    )


def test_add_area_after_an_area_that_is_not_there_is_void() -> None:
    change = {"op": "add_area", "area": area("new"), "after": "a9"}
    result = consolidate(memorandum(), [modification("m1", "2026-01-01", change)])
    assert result.void == {"m1": "there is no area 'a9' at that date"}
    assert result.areas == SIGNED_PARTS_AREAS
    assert result.applied == ()


def test_add_area_after_a_removed_area_is_void() -> None:
    result = consolidate(
        memorandum(),
        [
            modification("m1", "2026-01-01", {"op": "remove_area", "area": "a2"}),
            modification(
                "m2", "2026-02-01", {"op": "add_area", "area": area("new"), "after": "a2"}
            ),
        ],
    )
    assert result.void == {"m2": "there is no area 'a2' at that date"}
    assert result.applied == ("m1",)


def test_add_area_that_exists_is_void() -> None:
    change = {"op": "add_area", "area": area("a2")}
    result = consolidate(memorandum(), [modification("m1", "2026-01-01", change)])
    assert result.void == {"m1": "area 'a2' exists already"}
    assert result.areas == SIGNED_PARTS_AREAS


def test_amend_area_title_only_keeps_the_text() -> None:
    change = {"op": "amend_area", "area": {"id": "a2", "title": "Area two, renamed"}}
    result = consolidate(memorandum(), [modification("m1", "2026-01-01", change)])
    assert result.areas == (
        SIGNED_PARTS_AREAS[0],
        Part(
            "a2",
            "Area two, renamed",
            "Text of area two.",
            (made("m1", "amend_area", "2026-01-01"),),
        ),
        SIGNED_PARTS_AREAS[2],
    )
    assert result.void == {}


def test_amend_area_text_only_keeps_the_title() -> None:
    change = {"op": "amend_area", "area": {"id": "a3", "text": "New text of area three."}}
    result = consolidate(memorandum(), [modification("m1", "2026-01-01", change)])
    assert result.areas[2] == Part(
        "a3", "Area three", "New text of area three.", (made("m1", "amend_area", "2026-01-01"),)
    )
    assert result.areas[:2] == SIGNED_PARTS_AREAS[:2]


def test_amend_area_title_and_text() -> None:
    change = {"op": "amend_area", "area": {"id": "a1", "title": "T", "text": "B."}}
    result = consolidate(memorandum(), [modification("m1", "2026-01-01", change)])
    assert result.areas[0] == Part("a1", "T", "B.", (made("m1", "amend_area", "2026-01-01"),))


def test_provenance_is_in_the_order_applied() -> None:
    # Two amendments of one area: the part lists both, the earlier first, with their own dates.
    result = consolidate(
        memorandum(),
        [
            modification(
                "m1", "2026-01-01", {"op": "amend_area", "area": {"id": "a1", "title": "T1"}}
            ),
            modification(
                "m2", "2026-03-01", {"op": "amend_area", "area": {"id": "a1", "text": "B2."}}
            ),
        ],
    )
    assert result.areas[0] == Part(
        "a1",
        "T1",
        "B2.",
        (made("m1", "amend_area", "2026-01-01"), made("m2", "amend_area", "2026-03-01")),
    )
    assert result.applied == ("m1", "m2")


@pytest.mark.parametrize("op", ["amend_area", "remove_area"])
def test_changing_an_area_that_is_not_there_is_void(op: str) -> None:
    change = (
        {"op": op, "area": {"id": "a9", "title": "T"}}
        if op == "amend_area"
        else {"op": op, "area": "a9"}
    )
    result = consolidate(memorandum(), [modification("m1", "2026-01-01", change)])
    assert result.void == {"m1": "there is no area 'a9' at that date"}
    assert result.areas == SIGNED_PARTS_AREAS


def test_remove_area_keeps_the_part_marked_removed() -> None:
    result = consolidate(
        memorandum(), [modification("m1", "2026-01-01", {"op": "remove_area", "area": "a2"})]
    )
    assert result.areas[1] == Part(
        "a2", "Area two", "Text of area two.", (), made("m1", "remove_area", "2026-01-01")
    )
    assert result.area_ids() == ("a1", "a3")
    assert ids(result.areas) == ["a1", "a2", "a3"]


def test_a_removed_area_cannot_be_amended_or_removed_again() -> None:
    remove = modification("m1", "2026-01-01", {"op": "remove_area", "area": "a2"})
    amend = modification(
        "m2", "2026-02-01", {"op": "amend_area", "area": {"id": "a2", "title": "T"}}
    )
    again = modification("m3", "2026-03-01", {"op": "remove_area", "area": "a2"})
    result = consolidate(memorandum(), [remove, amend, again])
    assert result.void == {
        "m2": "there is no area 'a2' at that date",
        "m3": "there is no area 'a2' at that date",
    }
    assert result.areas[1].removed == made("m1", "remove_area", "2026-01-01")


def test_remove_then_add_the_same_area_again() -> None:
    # The removed area stays where it was (for its annotation); the new one is a new part,
    # last, and later changes address the new one.
    result = consolidate(
        memorandum(),
        [
            modification("m1", "2026-01-01", {"op": "remove_area", "area": "a1"}),
            modification(
                "m2", "2026-02-01", {"op": "add_area", "area": area("a1", "Again", "Again.")}
            ),
            modification(
                "m3", "2026-03-01", {"op": "amend_area", "area": {"id": "a1", "text": "Amended."}}
            ),
            modification("m4", "2026-04-01", {"op": "add_area", "area": area("a5"), "after": "a1"}),
        ],
    )
    assert result.void == {}
    assert ids(result.areas) == ["a1", "a2", "a3", "a1", "a5"]
    assert result.area_ids() == ("a2", "a3", "a1", "a5")
    assert result.areas[0] == Part(
        "a1", "Area one", "Text of area one.", (), made("m1", "remove_area", "2026-01-01")
    )
    assert result.areas[3] == Part(
        "a1",
        "Again",
        "Amended.",
        (made("m2", "add_area", "2026-02-01"), made("m3", "amend_area", "2026-03-01")),
    )


# -- text sections ------------------------------------------------------------------------------


def test_replace_text_with_a_heading() -> None:
    change = {"op": "replace_text", "section": "s2", "heading": "New heading", "body": "New body."}
    result = consolidate(memorandum(), [modification("m1", "2026-01-01", change)])
    assert result.sections == (
        SIGNED_PARTS_SECTIONS[0],
        Part("s2", "New heading", "New body.", (made("m1", "replace_text", "2026-01-01"),)),
        SIGNED_PARTS_SECTIONS[2],
    )


def test_replace_text_without_a_heading_keeps_the_heading() -> None:
    change = {"op": "replace_text", "section": "s1", "body": "New body one."}
    result = consolidate(memorandum(), [modification("m1", "2026-01-01", change)])
    assert result.sections[0] == Part(
        "s1", "Heading one", "New body one.", (made("m1", "replace_text", "2026-01-01"),)
    )


def test_replace_text_twice_lists_both() -> None:
    result = consolidate(
        memorandum(),
        [
            modification(
                "m1", "2026-01-01", {"op": "replace_text", "section": "s3", "body": "B1."}
            ),
            modification(
                "m2",
                "2026-02-01",
                {"op": "replace_text", "section": "s3", "heading": "H2", "body": "B2."},
            ),
        ],
    )
    assert result.sections[2] == Part(
        "s3",
        "H2",
        "B2.",
        (made("m1", "replace_text", "2026-01-01"), made("m2", "replace_text", "2026-02-01")),
    )


@pytest.mark.parametrize(
    ("after", "order"),
    [
        ("s1", ["s1", "new", "s2", "s3"]),
        ("s2", ["s1", "s2", "new", "s3"]),
        ("s3", ["s1", "s2", "s3", "new"]),
    ],
)
def test_insert_text_goes_right_after_that_section(after: str, order: list[str]) -> None:
    change = {
        "op": "insert_text",
        "after": after,
        "section": "new",
        "heading": "Inserted",
        "body": "Inserted body.",
    }
    result = consolidate(memorandum(), [modification("m1", "2026-01-01", change)])
    assert ids(result.sections) == order
    assert result.sections[order.index("new")] == Part(
        "new", "Inserted", "Inserted body.", (made("m1", "insert_text", "2026-01-01"),)
    )


def test_insert_text_without_a_heading() -> None:
    change = {"op": "insert_text", "after": "s1", "section": "new", "body": "No heading."}
    result = consolidate(memorandum(), [modification("m1", "2026-01-01", change)])
    assert result.sections[1] == Part(
        "new", None, "No heading.", (made("m1", "insert_text", "2026-01-01"),)
    )


def test_insert_text_after_a_section_that_is_not_there_is_void() -> None:
    change = {"op": "insert_text", "after": "s9", "section": "new", "body": "B."}
    result = consolidate(memorandum(), [modification("m1", "2026-01-01", change)])
    assert result.void == {"m1": "there is no text section 's9' at that date"}
    assert result.sections == SIGNED_PARTS_SECTIONS


def test_insert_text_that_exists_is_void() -> None:
    change = {"op": "insert_text", "after": "s1", "section": "s3", "body": "B."}
    result = consolidate(memorandum(), [modification("m1", "2026-01-01", change)])
    assert result.void == {"m1": "text section 's3' exists already"}
    assert result.sections == SIGNED_PARTS_SECTIONS


def test_remove_text_then_insert_it_again() -> None:
    result = consolidate(
        memorandum(),
        [
            modification("m1", "2026-01-01", {"op": "remove_text", "section": "s2"}),
            modification(
                "m2",
                "2026-02-01",
                {
                    "op": "insert_text",
                    "after": "s3",
                    "section": "s2",
                    "heading": "Back",
                    "body": "Back.",
                },
            ),
        ],
    )
    assert result.void == {}
    assert ids(result.sections) == ["s1", "s2", "s3", "s2"]
    assert live(result.sections) == ["s1", "s3", "s2"]
    assert result.sections[1] == Part(
        "s2",
        None,
        "Body two, without a heading.",
        (),
        made("m1", "remove_text", "2026-01-01"),
    )
    assert result.sections[3] == Part(
        "s2", "Back", "Back.", (made("m2", "insert_text", "2026-02-01"),)
    )


@pytest.mark.parametrize(
    "change",
    [
        {"op": "replace_text", "section": "s2", "body": "B."},
        {"op": "remove_text", "section": "s2"},
        {"op": "insert_text", "after": "s2", "section": "new", "body": "B."},
    ],
)
def test_a_removed_section_cannot_be_changed(change: dict[str, str]) -> None:
    result = consolidate(
        memorandum(),
        [
            modification("m1", "2026-01-01", {"op": "remove_text", "section": "s2"}),
            modification("m2", "2026-02-01", change),
        ],
    )
    assert result.void == {"m2": "there is no text section 's2' at that date"}
    assert result.applied == ("m1",)


def test_replacing_a_section_that_is_not_there_is_void() -> None:
    change = {"op": "replace_text", "section": "s9", "body": "B."}
    result = consolidate(memorandum(), [modification("m1", "2026-01-01", change)])
    assert result.void == {"m1": "there is no text section 's9' at that date"}


# -- terms --------------------------------------------------------------------------------------


def test_set_term_changes_the_term_and_records_who() -> None:
    change = {"op": "set_term", "term": "discontinuation.notice_period", "value": "P6M"}
    result = consolidate(memorandum(), [modification("m1", "2026-01-01", change)])
    assert result.terms == {**SIGNED_TERMS, "discontinuation.notice_period": "P6M"}
    assert result.notice_period == "P6M"
    assert result.term_changes == {
        "discontinuation.notice_period": made("m1", "set_term", "2026-01-01")
    }


def test_a_later_set_term_wins_and_is_the_provenance() -> None:
    result = consolidate(
        memorandum(),
        [
            modification(
                "m1",
                "2026-01-01",
                {"op": "set_term", "term": "discontinuation.notice_period", "value": "P6M"},
            ),
            modification(
                "m2",
                "2026-02-01",
                {"op": "set_term", "term": "discontinuation.rule", "value": "un-anniversary"},
            ),
            modification(
                "m3",
                "2026-03-01",
                {"op": "set_term", "term": "discontinuation.notice_period", "value": "P1Y"},
            ),
        ],
    )
    assert result.terms == {
        "discontinuation.notice_period": "P1Y",
        "discontinuation.rule": "un-anniversary",
        "discontinuation.notice_form": "written",
    }
    assert result.rule == "un-anniversary"
    assert result.term_changes == {
        "discontinuation.notice_period": made("m3", "set_term", "2026-03-01"),
        "discontinuation.rule": made("m2", "set_term", "2026-02-01"),
    }


# -- changesets as a whole ----------------------------------------------------------------------


def test_a_void_changeset_changes_nothing_at_all() -> None:
    # The first change could be applied, the second cannot: neither is.
    bad = modification(
        "m2",
        "2026-02-01",
        {"op": "set_term", "term": "discontinuation.notice_period", "value": "P6M"},
        {"op": "amend_area", "area": {"id": "a1", "title": "T"}},
        {"op": "remove_text", "section": "s9"},
    )
    good = modification("m1", "2026-01-01", {"op": "add_area", "area": area("a4")})
    later = modification("m3", "2026-03-01", {"op": "remove_area", "area": "a3"})
    result = consolidate(memorandum(), [good, bad, later])
    assert result.void == {"m2": "there is no text section 's9' at that date"}
    assert result.applied == ("m1", "m3")
    assert result.terms == SIGNED_TERMS
    assert result.term_changes == {}
    assert result.areas[0] == SIGNED_PARTS_AREAS[0]
    assert result.area_ids() == ("a1", "a2", "a4")


def test_void_changesets_accumulate() -> None:
    result = consolidate(
        memorandum(),
        [
            modification("m1", "2026-01-01", {"op": "remove_area", "area": "a8"}),
            modification("m2", "2026-02-01", {"op": "remove_text", "section": "s8"}),
        ],
    )
    assert result.void == {
        "m1": "there is no area 'a8' at that date",
        "m2": "there is no text section 's8' at that date",
    }
    assert result.applied == ()
    assert (result.areas, result.sections, result.terms) == (
        SIGNED_PARTS_AREAS,
        SIGNED_PARTS_SECTIONS,
        SIGNED_TERMS,
    )


def test_changesets_apply_in_the_order_given() -> None:
    # In the order of the list, not by effective date (the caller sorts them, SPEC §3.4): m1
    # adds "c" after "b", which m2 adds. With m2 first both apply; with m1 first, m1 is void.
    add_b = modification("m2", "2026-02-01", {"op": "add_area", "area": area("b")})
    after_b = modification("m1", "2026-01-01", {"op": "add_area", "area": area("c"), "after": "b"})
    assert consolidate(memorandum(), [add_b, after_b]).area_ids() == ("a1", "a2", "a3", "b", "c")
    reverse = consolidate(memorandum(), [after_b, add_b])
    assert reverse.void == {"m1": "there is no area 'b' at that date"}
    assert reverse.applied == ("m2",)


def test_a_decision_adds_an_area_and_ends_an_activity() -> None:
    # A Decision may add an area (its provenance says Decision) and end an activity, which is
    # not part of the text and changes nothing here.
    result = consolidate(
        memorandum(),
        [
            decision(
                "d1",
                "2026-05-01",
                {"op": "end_activity", "activity": "some-activity", "end": "2026-06-30"},
                {"op": "add_area", "area": area("a4"), "after": "a1"},
            )
        ],
    )
    assert result.applied == ("d1",)
    assert result.areas[1] == Part(
        "a4", "New area", "New text.", (made("d1", "add_area", "2026-05-01", "Decision"),)
    )
    only_end = consolidate(
        memorandum(),
        [
            decision(
                "d2", "2026-05-01", {"op": "end_activity", "activity": "x", "end": "2026-06-30"}
            )
        ],
    )
    assert (only_end.areas, only_end.sections, only_end.terms) == (
        SIGNED_PARTS_AREAS,
        SIGNED_PARTS_SECTIONS,
        SIGNED_TERMS,
    )
    assert only_end.applied == ("d2",)
