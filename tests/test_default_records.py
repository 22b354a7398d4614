"""The packaged record of the Japan–UK Memorandum of Cooperation (records/jp-uk-quantum-2025).

The expected sentences below are copied from the signed text of 28 April 2025, with only the
PDF's page and line breaks inside a sentence joined by a single space.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mocctl.io.yamlio import parse
from mocctl.model.records import Memorandum

RECORD = Path(__file__).resolve().parents[1] / "records" / "jp-uk-quantum-2025" / "memorandum.yaml"


@pytest.fixture(scope="module")
def memorandum() -> Memorandum:
    documents, findings = parse(RECORD.read_text(encoding="utf-8"), str(RECORD))
    assert findings == []
    assert len(documents) == 1
    return Memorandum.model_validate(documents[0].data)


def section(memorandum: Memorandum, section_id: str) -> str:
    return next(s.body for s in memorandum.text if s.id == section_id)


def all_text(memorandum: Memorandum) -> str:
    parts = [memorandum.title]
    parts += [f"{area.title}\n{area.text}" for area in memorandum.areas]
    parts += [f"{s.heading or ''}\n{s.body}" for s in memorandum.text]
    return "\n".join(parts)


def test_record_is_one_valid_memorandum(memorandum: Memorandum) -> None:
    assert memorandum.id == "jp-uk-quantum-2025"
    assert memorandum.title == "Memorandum of Cooperation on quantum science and technology"
    assert memorandum.legally_binding is False
    assert memorandum.originals == 2


def test_schema_comment_on_first_line() -> None:
    first = RECORD.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/record.schema.json"


def test_eight_areas_in_the_order_of_paragraph_1(memorandum: Memorandum) -> None:
    assert [area.id for area in memorandum.areas] == [
        "research-dialogue",
        "academia-industry",
        "education-exchange",
        "security-dialogue",
        "standards-governance",
        "infrastructure-missions",
        "commercialisation",
        "private-funding",
    ]
    assert [area.title for area in memorandum.areas] == [
        "Dialogue on research and innovation",
        "Interactions, academia/private sector, and funding opportunities",
        "Education, exchange, talent, and skills",
        "Security policy dialogue",
        "Standards and governance",
        "Infrastructure, test-facilities, and missions",
        "Commercialisation, use cases, and scale up",
        "Private funding, industry, and institutional investors",
    ]


def test_area_texts_keep_their_closing_punctuation(memorandum: Memorandum) -> None:
    texts = [area.text for area in memorandum.areas]
    assert all(text.endswith(";") for text in texts[:6])
    assert texts[6].endswith("; and")
    assert texts[7].endswith(".")


def test_an_area_text_is_verbatim(memorandum: Memorandum) -> None:
    area = next(a for a in memorandum.areas if a.id == "research-dialogue")
    assert area.text == (
        "Promoting dialogue between the Sides within all levels from fundamental research to "
        "applied research and innovation through relevant research bodies and research hubs – "
        "to share best practices and identify future opportunities in academic research "
        "collaboration, including but not limited to quantum computing, networking, and sensing;"
    )


def test_sides(memorandum: Memorandum) -> None:
    sides = [(s.id, s.name, s.jurisdiction, s.timezone) for s in memorandum.sides]
    assert sides == [
        ("JP", "The Cabinet Office of Japan", "JP", "Asia/Tokyo"),
        (
            "UK",
            "The Department for Science, Innovation and Technology of the United Kingdom of "
            "Great Britain and Northern Ireland",
            "GB",
            "Europe/London",
        ),
    ]


def test_signatures(memorandum: Memorandum) -> None:
    signatures = [(s.side, s.signatory, s.title, s.date, s.place) for s in memorandum.signatures]
    assert signatures == [
        (
            "JP",
            "KIUCHI Minoru",
            "Minister of State for Science and Technology Policy",
            dt.date(2025, 4, 28),
            "London, United Kingdom",
        ),
        (
            "UK",
            "Patrick VALLANCE",
            "Minister of State for Science, Research and Innovation",
            dt.date(2025, 4, 28),
            "London, United Kingdom",
        ),
    ]


def test_terms(memorandum: Memorandum) -> None:
    terms = memorandum.terms
    assert terms.commencement == "on-signature"
    assert terms.discontinuation.notice_form == "written"
    assert terms.discontinuation.notice_period == "P3M"
    assert terms.discontinuation.rule == "safe-harbour"
    assert terms.modification.consent == "all-sides-in-writing"
    assert terms.continuing_activities == "unaffected-unless-decided"


def test_text_sections_in_order(memorandum: Memorandum) -> None:
    assert [s.id for s in memorandum.text] == [
        "title",
        "introduction",
        "1",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "signing",
    ]
    headings = {s.id: s.heading for s in memorandum.text}
    assert headings["introduction"] == "Introduction"
    assert headings["1"] == "Paragraph 1"
    assert headings["2.1"] == (
        "Paragraph 2 — Commencement, duration, modification and discontinuation"
    )


def test_title_keeps_department_of(memorandum: Memorandum) -> None:
    # The title page says "Department of"; Paragraph 1 says "Department for". Both are kept.
    assert section(memorandum, "title") == (
        "Memorandum of Cooperation on quantum science and technology between The Cabinet Office "
        "of Japan and The Department of Science, Innovation and Technology of the United Kingdom "
        "of Great Britain and Northern Ireland"
    )


def test_paragraph_1_keeps_department_for(memorandum: Memorandum) -> None:
    assert section(memorandum, "1") == (
        "The foregoing represents the recognitions reached between the Cabinet Office of Japan "
        "and the Department for Science, Innovation and Technology of the United Kingdom of "
        "Great Britain and Northern Ireland on the matters referred to therein.\n\n"
        "The Sides have jointly decided to pursue cooperation in the following areas:"
    )


def test_paragraph_2_bodies_are_verbatim_without_numbers(memorandum: Memorandum) -> None:
    assert section(memorandum, "2.2") == (
        "The cooperation under this Memorandum of Cooperation will commence on the date of its "
        "signature by the Sides. Each Side may discontinue this Memorandum of Cooperation by "
        "giving written notice to the other Side of the intention to discontinue three (3) "
        "months in advance."
    )
    assert section(memorandum, "2.4") == (
        "The discontinuation of this Memorandum of Cooperation will not affect the ongoing "
        "collaboration activities unless otherwise decided by the Sides."
    )
    for section_id in ("2.1", "2.2", "2.3", "2.4"):
        assert not section(memorandum, section_id).startswith("2.")


@pytest.mark.parametrize(
    "sentence",
    [
        # the Introduction, with the seed's curly quotes and straight apostrophe
        "(hereinafter referred to individually as “Side” and collectively as “Sides”);",
        "signed in June 1994 (hereafter referred to as “the Agreement”)",
        "solving problems beyond the world's most powerful supercomputers",
        # joined across a page break of the PDF
        "related to the effective implementation of the Agreement and to review the cooperative "
        "activities and accomplishments.",
        "This Memorandum of Cooperation may be modified at any time in writing by mutual consent "
        "of the Sides. Such modification will commence on the date mutually determined by the "
        "Sides and form an integral part of this Memorandum of Cooperation.",
        "Signed in London, United Kingdom with two (2) originals, on this day of 28th April 2025.",
        "Cabinet Office of Japan, Minister of State for Science and Technology Policy",
    ],
)
def test_verbatim_sentences(memorandum: Memorandum, sentence: str) -> None:
    assert sentence in all_text(memorandum)


def test_introduction_paragraphs_are_separated_by_blank_lines(memorandum: Memorandum) -> None:
    paragraphs = section(memorandum, "introduction").split("\n\n")
    assert len(paragraphs) == 7
    assert all(p and "\n" not in p and p == p.strip() for p in paragraphs)


def test_references(memorandum: Memorandum) -> None:
    references = [(r.title, r.date) for r in memorandum.references]
    assert references == [
        (
            "Agreement between the Government of Japan and the Government of the United Kingdom of "
            "Great Britain and Northern Ireland on Cooperation in Science and Technology",
            "1994-06",
        ),
        ("Hiroshima Accord: an enhanced Japan-UK Global Strategic Partnership", "2023-05"),
        ("Japan and the UK Joint Committee Meeting on Science and Technology Cooperation", None),
    ]
    assert memorandum.references[2].note


def test_folder_holds_only_the_memorandum() -> None:
    # No modification, notice, activity or decision of this memorandum is public.
    files = sorted(p.name for p in RECORD.parent.rglob("*") if p.suffix in (".yaml", ".yml"))
    assert files == ["memorandum.yaml"]
