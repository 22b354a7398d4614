"""A drafted notice names the dates of the one history, and a draft is inert until made real.

The memorandum is a copy of records/jp-uk-quantum-2025/memorandum.yaml. Every modification,
notice and activity here is FICTIONAL test data: no such record of the Japan–UK memorandum
exists.

The check that matters: draft a notice, make the drafted record real (``draft: false``, as a
person does once it is sent), and ask the one history about it (``history(records, FAR_FUTURE)``)
and ``status`` after its receipt: both give exactly the dates the draft named.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import WriteRecord
from typer.testing import Result

from mocctl import drafting
from mocctl.core.history import FAR_FUTURE, history
from mocctl.core.memoranda import MemorandumRecords
from mocctl.drafting.draft import with_record
from mocctl.io.loader import load
from mocctl.model.records import Consent

Run = Callable[..., Result]
D = dt.date.fromisoformat

SIX_MONTHS = """\
    # FICTIONAL test record
    apiVersion: mocctl/v1
    kind: Modification
    id: six-months
    title: Six months' notice
    consents: [{side: JP, date: 2026-03-02}, {side: UK, date: 2026-03-05}]
    effective: 2026-04-01
    changes:
      - {op: set_term, term: discontinuation.notice_period, value: P6M}
    """
UN_RULE = """\
    # FICTIONAL test record
    apiVersion: mocctl/v1
    kind: Modification
    id: un-rule
    title: The UN reading of the notice period
    consents: [{side: JP, date: 2026-05-02}, {side: UK, date: 2026-05-05}]
    effective: 2026-06-01
    changes:
      - {op: set_term, term: discontinuation.rule, value: un-anniversary}
    """


def the_records(folder: Path) -> MemorandumRecords:
    (records,) = load([folder]).memoranda
    return records


def draft_notice(records: MemorandumRecords, as_of: dt.date, **asked: object) -> drafting.Draft:
    request = drafting.NoticeRequest(by="JP", **asked)  # type: ignore[arg-type]
    return drafting.notice(
        records, as_of, drafting.Templates(records.folder / "templates"), request
    )


@pytest.mark.parametrize(
    ("extra", "as_of", "asked", "effective", "rule"),
    [
        # The safe-harbour date of SPEC §3.3 for 28 Feb, three months: 1 June (Japanese reading).
        ([], "2027-01-10", {"received": D("2027-02-28")}, "2027-06-01", "safe-harbour"),
        # A later date named in the notice applies; an earlier one does not.
        (
            [],
            "2027-01-10",
            {"received": D("2027-02-28"), "requested_effective": D("2027-07-01")},
            "2027-07-01",
            "safe-harbour",
        ),
        (
            [],
            "2027-01-10",
            {"received": D("2027-02-28"), "requested_effective": D("2027-05-01")},
            "2027-06-01",
            "safe-harbour",
        ),
        # The period in force on the day of receipt: six months from 1 April 2026 ...
        ([SIX_MONTHS], "2027-01-10", {"received": D("2027-02-28")}, "2027-09-01", "safe-harbour"),
        # ... but three months for a notice received before the modification takes effect,
        # even though it is drafted after the modification was consented.
        ([SIX_MONTHS], "2026-03-10", {"received": D("2026-03-31")}, "2026-07-01", "safe-harbour"),
        # A rule set by a modification: E = D + 6 months under the UN reading.
        (
            [SIX_MONTHS, UN_RULE],
            "2027-01-10",
            {"received": D("2027-02-28")},
            "2027-08-28",
            "un-anniversary",
        ),
        # No receipt given: the as-of date is the expected receipt.
        ([], "2026-11-30", {}, "2027-03-01", "safe-harbour"),
    ],
)
def test_drafted_notice_has_the_dates_of_the_history_once_made_real(
    records: Path,
    write: WriteRecord,
    extra: list[str],
    as_of: str,
    asked: dict[str, object],
    effective: str,
    rule: str,
) -> None:
    for text in extra:
        write(f"modifications/{text.split('id: ')[1].split()[0]}.yaml", text)
    memo_records = the_records(records)
    draft = draft_notice(memo_records, D(as_of), **asked)
    assert draft.value is not None and draft.value.draft is True

    real = with_record(memo_records, drafting.made_real(draft.value))
    whole = history(real, FAR_FUTURE)
    assert whole.discontinuation is not None and whole.discontinuation.id == draft.id
    dates = whole.discontinuation.dates
    assert dates is not None
    assert (dates.effective, dates.rule) == (D(effective), rule)
    assert draft.dates == {
        "dated": draft.dates["dated"],
        "received": dates.received,
        "notice_period": dates.notice_period,
        "rule": dates.rule,
        "last_day": dates.last_day,
        "last_day_in_force": dates.last_day_in_force,
        "effective": dates.effective,
        "requested_effective": draft.dates["requested_effective"],
        "latest_receipt": draft.dates["latest_receipt"],
        "rules": {
            name: {"last_day": p.last_day, "effective": p.effective}
            for name, p in dates.rules.items()
        },
    }
    # The letter and the record name the same date.
    assert f"requested_effective: {effective}" in draft.record
    assert f"take effect on {drafting.filters.long_date(D(effective))}" in draft.letter
    # Received on the expected day, the notice makes the memorandum pending, then discontinued.
    assert history(real, dates.received).state == "discontinuation_pending"
    assert history(real, dates.effective).state == "discontinued"
    assert history(real, dates.last_day_in_force).state == "discontinuation_pending"
    # Received on the latest day the letter names, it still discontinues on that date.
    assert dates.received <= draft.dates["latest_receipt"]


def test_the_draft_itself_changes_nothing(records: Path) -> None:
    memo_records = the_records(records)
    draft = draft_notice(memo_records, D("2027-01-10"), received=D("2027-02-28"))
    assert draft.value is not None
    with_draft = with_record(memo_records, draft.value)
    assert [r.id for r in with_draft.drafts] == [draft.id] and with_draft.notices == ()
    assert history(with_draft, FAR_FUTURE).state == "in_force"


def test_status_agrees_with_the_draft_once_it_is_made_real(
    run: Run, records: Path, memo_dir: Path
) -> None:
    base = ["--records", str(records), "--format", "json"]
    drafted = run(
        "draft", "notice", "--by", "UK", "--received", "2027-11-30", "--as-of", "2027-10-01",
        "-o", str(memo_dir / "notices"), *base,
    )  # fmt: skip
    assert drafted.exit_code == 0, drafted.output
    answer = json.loads(drafted.stdout)
    record = memo_dir / "notices" / "uk-discontinuation-2027.yaml"
    assert answer["record"]["path"] == "records/jp-uk/notices/uk-discontinuation-2027.yaml"
    assert answer["dates"]["effective"] == "2028-03-01"  # SPEC §3.3: 30 Nov 2027, three months

    # Inert while it is a draft: status counts nothing, validate says it is a draft.
    status = json.loads(run("status", "--as-of", "2027-12-31", *base).stdout)
    assert (status["state"], status["discontinuation"]) == ("in_force", None)
    validate = json.loads(run("validate", *base).stdout)
    assert [f["code"] for f in validate if f["file"].endswith(record.name)] == ["MOC320"]

    # Made real as the letter says: delete the line `draft: true` (received as expected).
    text = record.read_text(encoding="utf-8")
    assert "\ndraft: true" in text
    record.write_text(
        "".join(line for line in text.splitlines(True) if not line.startswith("draft:")),
        encoding="utf-8",
    )
    status = json.loads(run("status", "--as-of", "2027-12-31", *base).stdout)
    assert status["state"] == "discontinuation_pending"
    shown = status["discontinuation"]
    for key in ("received", "rule", "last_day_in_force", "effective"):
        assert shown[key] == answer["dates"][key], key
    assert shown["rules"]["corresponding-date"] == answer["dates"]["rules"]["corresponding-date"]
    assert shown["rules"]["jp-civil-code"] == answer["dates"]["rules"]["jp-civil-code"]


# -- the dates of the letter ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "received", "dated", "expected"),
    [
        # The letter is dated the as-of date; it is received later.
        ("2027-01-10", "2027-02-28", None, ("2027-02-28", "2027-01-10")),
        # Drafted after the expected receipt: the letter cannot be dated after it arrived.
        ("2027-03-10", "2027-02-28", None, ("2027-02-28", "2027-02-28")),
        # No receipt given: the as-of date ...
        ("2027-01-10", None, None, ("2027-01-10", "2027-01-10")),
        # ... or the date of a letter dated later, never a receipt before the letter.
        ("2027-01-10", None, "2027-01-20", ("2027-01-20", "2027-01-20")),
        ("2027-01-10", "2027-02-28", "2027-02-01", ("2027-02-28", "2027-02-01")),
    ],
)
def test_receipt_and_letter_dates(
    as_of: str, received: str | None, dated: str | None, expected: tuple[str, str]
) -> None:
    request = drafting.NoticeRequest(
        by="JP", received=D(received) if received else None, dated=D(dated) if dated else None
    )
    got = drafting.notice_days(request, D(as_of))
    assert got == (D(expected[0]), D(expected[1]))


def test_a_letter_dated_after_its_receipt_is_refused(run: Run, records: Path) -> None:
    result = run(
        "draft", "notice", "--by", "JP", "--received", "2027-02-28", "--dated", "2027-03-01",
        "--records", str(records), "--as-of", "2027-01-10",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--dated 2027-03-01: the letter would be dated after its receipt (2027-02-28)" in (
        result.stderr
    )


def test_letter_and_record_carry_the_dates(run: Run, records: Path) -> None:
    result = run(
        "draft", "notice", "--by", "JP", "--received", "2027-02-28", "--records", str(records),
        "--as-of", "2027-01-10", "--format", "json",
    )  # fmt: skip
    answer = json.loads(result.stdout)
    assert "dated: 2027-01-10\nreceived: 2027-02-28\n" in answer["record"]["text"]
    assert "Date: 10 January 2027" in answer["letter"]["text"]
    assert "Until then it holds the expected receipt, 2027-02-28." in answer["letter"]["text"]


# -- modifications and decisions: the history applies them on the date the draft names ------------


def test_drafted_modification_applies_on_its_date_once_made_real(records: Path) -> None:
    memo_records = the_records(records)
    request = drafting.ModificationRequest(
        effective=D("2026-04-01"),
        set_terms=[("notice_period", "P6M"), ("effect", "withdraws")],
        add_areas=[
            {"id": "quantum-safe", "title": "Quantum-safe", "text": "Migration (fictional)."}
        ],
    )
    draft = drafting.modification(memo_records, D("2026-01-10"), drafting.Templates(None), request)
    assert draft.dates == {"effective": D("2026-04-01")}
    assert "end the participation of that Side only" in draft.letter
    assert draft.value is not None
    consents = tuple(Consent(side=s, date=D("2026-03-02")) for s in ("JP", "UK"))
    real = drafting.made_real(draft.value).model_copy(update={"consents": consents})
    seen = history(with_record(memo_records, real), FAR_FUTURE)
    (change,) = seen.changes
    assert (change.id, change.status, change.effective) == (draft.id, "in_effect", D("2026-04-01"))
    after, before = seen.text_on(D("2026-04-01")), seen.text_on(D("2026-03-31"))
    assert after.notice_period == "P6M" and before.notice_period == "P3M"
    assert after.terms["discontinuation.effect"] == "withdraws"
    assert "quantum-safe" in after.area_ids() and "quantum-safe" not in before.area_ids()


def test_the_terms_a_modification_may_set_are_the_model_s() -> None:
    from mocctl.model.terms import TERMS

    assert set(drafting.TERMS) == set(TERMS)


def three_sides(memo_dir: Path) -> None:
    """FICTIONAL: the Japan–UK memorandum with a third Side, France, whose notice withdraws."""
    memo = memo_dir / "memorandum.yaml"
    text = memo.read_text(encoding="utf-8")
    text = text.replace(
        "\n# The signing block",
        "  - id: FR\n    name: The Ministry of Research of France (fictional)\n"
        "    jurisdiction: FR\n    timezone: Europe/Paris\n\n# The signing block",
    )
    text = text.replace(
        "originals: 2",
        "  - {side: FR, signatory: X, title: Y, date: 2025-05-02, place: Paris}\noriginals: 2",
    )
    text = text.replace(
        "    rule: safe-harbour\n", "    rule: safe-harbour\n    effect: withdraws\n"
    )
    memo.write_text(text, encoding="utf-8")


def test_a_withdrawal_from_three_sides_has_the_dates_of_the_history(
    records: Path, memo_dir: Path
) -> None:
    three_sides(memo_dir)
    memo_records = the_records(records)
    assert memo_records.memorandum is not None and len(memo_records.memorandum.sides) == 3
    draft = draft_notice(memo_records, D("2027-01-10"), received=D("2027-02-28"))
    assert "intention to discontinue its participation" in draft.letter
    assert "It will participate in the Memorandum of Cooperation up to and including" in (
        draft.letter
    )
    assert draft.value is not None and "to: [UK, FR]" in draft.record
    assert "--jurisdictions FR,GB,JP" in draft.letter
    real = with_record(memo_records, drafting.made_real(draft.value))
    seen = history(real, FAR_FUTURE)
    status = next(n for n in seen.notices if n.id == draft.id)
    assert (status.effect, status.standing) == ("withdraws", "past")
    assert status.dates is not None
    assert status.dates.effective == draft.dates["effective"] == D("2027-06-01")
    assert status.dates.rules == {
        name: type(status.dates.rules[name])(**dates)
        for name, dates in draft.dates["rules"].items()
    }
    assert seen.state == "in_force"  # two Sides remain


def test_the_letter_says_where_the_expected_receipt_comes_from(run: Run, records: Path) -> None:
    def letter(*more: str) -> str:
        result = run(
            "draft", "notice", "--by", "JP", "--records", str(records), "--as-of", "2027-01-10",
            "--format", "json", *more,
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        text: str = json.loads(result.stdout)["letter"]["text"]
        return text

    assert "Expected receipt: 10 January 2027 (the as-of date;" in letter()
    assert "Expected receipt: 1 February 2027 (the date of the letter;" in letter(
        "--dated", "2027-02-01"
    )
    assert "Expected receipt: 28 February 2027.\n" in letter("--received", "2027-02-28")


UK_NOTICE = """\
    # FICTIONAL test record: no such notice has been given.
    apiVersion: mocctl/v1
    kind: Notice
    id: uk-discontinuation-2027
    type: discontinuation
    by: UK
    dated: 2027-01-08
    received: 2027-01-10
    """


def test_a_notice_after_another_one(run: Run, records: Path, write: WriteRecord) -> None:
    write("notices/uk.yaml", UK_NOTICE)  # E = 2027-04-11 (safe-harbour, three months)

    def draft(received: str) -> Result:
        return run(
            "draft", "notice", "--by", "JP", "--received", received, "--records", str(records),
            "--as-of", "2027-01-20",
        )  # fmt: skip

    earlier = draft("2027-02-28")
    assert earlier.exit_code == 0, earlier.output
    assert (
        "note: notice uk-discontinuation-2027 already discontinues jp-uk-quantum-2025 from "
        "2027-04-11"
    ) in earlier.stderr
    late = draft("2027-04-11")
    assert late.exit_code == 2
    assert (
        "--received 2027-04-11: jp-uk-quantum-2025 is discontinued from 2027-04-11 (notice "
        "uk-discontinuation-2027); there is nothing to discontinue on 2027-04-11"
    ) in late.stderr
