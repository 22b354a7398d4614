"""Drafting errors name fields, the command names options, and mocctl's own bugs stay bugs.

The memorandum is a copy of records/jp-uk-quantum-2025/memorandum.yaml; every drafted record
here is FICTIONAL test data.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from mocctl import drafting
from mocctl.commands import draft as command
from mocctl.errors import EXIT_INTERNAL, EXIT_USAGE, MocctlError
from mocctl.io.loader import load

Run = Callable[..., Result]
# The module, not the function ``drafting.notice`` that the package re-exports.
notice_module = importlib.import_module("mocctl.drafting.notice")
AS_OF = dt.date(2027, 1, 10)


def notice_of(records: Path, **asked: Any) -> drafting.Draft:
    (memo_records,) = load([records]).memoranda
    return drafting.notice(
        memo_records,
        AS_OF,
        drafting.Templates(memo_records.folder / "templates"),
        drafting.NoticeRequest(**asked),
    )


def test_the_domain_names_the_field_not_the_option(records: Path) -> None:
    with pytest.raises(drafting.DraftError) as caught:
        notice_of(records, by="FR")
    error = caught.value
    assert isinstance(error, MocctlError) and error.exit_code == EXIT_USAGE
    assert (error.field, error.value) == ("by", "FR")
    assert "--" not in error.message
    assert error.message == "by FR: not a Side of jp-uk-quantum-2025"
    assert error.worded(command.OPTIONS) == (
        "--by FR: not a Side of jp-uk-quantum-2025",
        "Sides: JP, UK",
    )


def test_hints_name_fields_too() -> None:
    error = drafting.DraftError("nothing to decide", hint="give {end_activity} or {add_area}")
    assert error.hint == "give end_activity or add_area"
    assert error.worded(command.OPTIONS)[1] == "give --end-activity or --add-area"
    assert drafting.DraftError("x", hint="{unknown} stays").hint == "{unknown} stays"


def test_every_field_has_an_option() -> None:
    assert set(command.OPTIONS) == drafting.FIELDS


def test_no_option_name_in_the_drafting_package() -> None:
    package = Path(drafting.__file__).parent
    for module in package.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        for option in command.OPTIONS.values():
            assert f'"{option}' not in text and f"'{option}" not in text, (module.name, option)
        assert "UsageError" not in text, module.name


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "FR"], "mocctl: error: --by FR: not a Side of jp-uk-quantum-2025"),
        (["--by", "JP", "--to", "JP"], "--to JP: the notice goes to another Side"),
        (["--by", "JP", "--received", "2025-01-01"], "--received 2025-01-01: jp-uk-quantum-2025"),
        (["--by", "JP", "--id", "Bad Id"], "--id 'Bad Id': is not a valid id"),
        (["--by", "JP", "--template", "nowhere.md.j2"], "--template nowhere.md.j2: does not"),
    ],
)
def test_the_command_names_the_option(
    run: Run, records: Path, args: list[str], message: str
) -> None:
    result = run("draft", "notice", "--records", str(records), "--as-of", "2026-01-10", *args)
    assert result.exit_code == EXIT_USAGE, result.output
    assert message in result.stderr


def test_nothing_to_modify_hints_at_the_options(run: Run, records: Path) -> None:
    result = run(
        "draft", "modification", "--records", str(records), "--as-of", "2026-01-10",
        "--effective", "2026-04-01",
    )  # fmt: skip
    assert result.exit_code == EXIT_USAGE
    assert "hint: give --add-area, --replace-text or --set-term (each may repeat)" in result.stderr


# -- mocctl's own bugs are internal errors (exit 3), never usage errors ----------------------------


def test_a_bug_in_a_filter_is_an_internal_error(
    run: Run, records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table: dict[str, str] = {}

    def broken(value: object) -> str:
        return table["no such key"]

    monkeypatch.setitem(drafting.filters.FILTERS, "yaml_str", broken)
    result = run(
        "draft", "notice", "--by", "JP", "--records", str(records), "--as-of", "2026-01-10"
    )
    assert result.exit_code == EXIT_INTERNAL, result.output
    assert "internal error: KeyError" in result.stderr


def test_a_bug_in_a_packaged_template_is_an_internal_error(
    run: Run, records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = notice_module.memorandum_context

    def without_title(*args: Any) -> dict[str, Any]:
        context: dict[str, Any] = real(*args)
        del context["title"]
        return context

    monkeypatch.setattr(notice_module, "memorandum_context", without_title)
    result = run(
        "draft", "notice", "--by", "JP", "--records", str(records), "--as-of", "2026-01-10"
    )
    assert result.exit_code == EXIT_INTERNAL, result.output
    assert "internal error: UndefinedError" in result.stderr


def test_a_bug_in_a_builder_is_an_internal_error(
    run: Run, records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> list[dict[str, Any]]:
        raise TypeError("a bug")

    monkeypatch.setattr(notice_module, "_rules", broken)
    result = run(
        "draft", "notice", "--by", "JP", "--records", str(records), "--as-of", "2026-01-10"
    )
    assert result.exit_code == EXIT_INTERNAL
    assert "internal error: TypeError: a bug" in result.stderr


def test_a_filter_misused_by_a_given_template_is_the_template_s_error(
    run: Run, records: Path, memo_dir: Path
) -> None:
    (memo_dir / "templates").mkdir()
    (memo_dir / "templates" / "notice.md.j2").write_text(
        "{{ draft.id | months_words }}\n{{ 3 | yaml_text('x') }}\n", encoding="utf-8"
    )
    result = run(
        "draft", "notice", "--by", "JP", "--records", str(records), "--as-of", "2026-01-10"
    )
    assert result.exit_code == EXIT_USAGE, result.output
    assert "notice.md.j2, line 1: months_words needs a number of months" in result.stderr


def test_a_record_template_must_mark_the_draft(run: Run, records: Path, tmp_path: Path) -> None:
    packaged = Path(drafting.__file__).parents[1] / "templates" / "notice.yaml.j2"
    text = packaged.read_text(encoding="utf-8").replace("draft: true", "draft: false")
    mine = tmp_path / "real.yaml.j2"
    mine.write_text(text, encoding="utf-8")
    result = run(
        "draft", "notice", "--by", "JP", "--records", str(records), "--as-of", "2026-01-10",
        "--template", str(mine),
    )  # fmt: skip
    assert result.exit_code == EXIT_USAGE
    assert "template real.yaml.j2 must mark the record as a draft (`draft: true`)" in result.stderr


# -- --format json -------------------------------------------------------------------------------


def test_json_on_stdout(run: Run, records: Path) -> None:
    result = run(
        "draft", "modification", "--records", str(records), "--as-of", "2026-01-10",
        "--effective", "2026-04-01", "--id", "mod-x", "--format", "json",
        "--add-area", "meetings=Meetings:The Parties shall meet every year.",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert set(answer) >= {"letter", "record", "dates", "findings"}
    assert answer["letter"]["path"] is None and answer["record"]["path"] is None
    assert answer["letter"]["text"].startswith("# Draft: Meetings as an area of cooperation")
    assert "\ndraft: true" in answer["record"]["text"]
    assert answer["dates"] == {"effective": "2026-04-01"}
    assert [f["code"] for f in answer["findings"] if f["file"] == "mod-x.yaml"] == ["MOC402"]
    assert {f["file"] for f in answer["findings"]} == {
        "mod-x.yaml",
        "records/jp-uk/memorandum.yaml",
    }
    assert "MOC402" not in result.stderr  # said once, in the JSON


def test_json_with_files_written(run: Run, records: Path, tmp_path: Path) -> None:
    result = run(
        "draft", "decision", "--records", str(records), "--as-of", "2027-01-10",
        "--effective", "2027-02-03", "--id", "new-area", "--format", "json", "-o", "out",
        "--add-area", "quantum-biology=Quantum biology:Exploring quantum effects (fictional).",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["letter"]["path"] == "out/new-area.md"
    assert answer["record"]["path"] == "out/new-area.yaml"
    written = (tmp_path / "out" / "new-area.yaml").read_text(encoding="utf-8")
    assert written == answer["record"]["text"]


def test_a_format_drafts_do_not_have_is_refused(run: Run, records: Path) -> None:
    result = run(
        "draft", "notice", "--by", "JP", "--records", str(records), "--as-of", "2026-01-10",
        "--format", "sarif",
    )  # fmt: skip
    assert result.exit_code == EXIT_USAGE
    assert result.stdout == ""
    assert "--format sarif is not available here" in result.stderr


def test_a_packaged_record_template_that_is_not_a_draft_is_an_internal_error(
    run: Run, records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packaged = Path(drafting.__file__).parents[1] / "templates" / "notice.yaml.j2"
    mine = tmp_path / "notice.yaml.j2"
    mine.write_text(
        packaged.read_text(encoding="utf-8").replace("draft: true", "draft: false"),
        encoding="utf-8",
    )
    # As if the packaged template itself had lost its `draft: true`.
    monkeypatch.setattr(drafting.Templates, "given", lambda self, name: False)
    result = run(
        "draft", "notice", "--by", "JP", "--records", str(records), "--as-of", "2026-01-10",
        "--template", str(mine),
    )  # fmt: skip
    assert result.exit_code == EXIT_INTERNAL
    assert "internal error: RuntimeError: the packaged template notice.yaml.j2 must mark" in (
        result.stderr
    )


@pytest.mark.parametrize("spec", ["Bad_Id=Title:Text.", "-x=Title:Text."])
def test_an_area_id_that_is_not_an_id(run: Run, records: Path, spec: str) -> None:
    result = run(
        "draft", "modification", "--records", str(records), "--as-of", "2026-01-10",
        "--effective", "2026-04-01", "--add-area", spec,
    )  # fmt: skip
    assert result.exit_code == EXIT_USAGE
    assert f"--add-area {spec.split('=')[0]}: is not a valid id for an area" in result.stderr
