"""``mocctl status`` over several memoranda: one row each, most urgent first, filters, exit code.

Every memorandum here except the Japan–UK text itself is FICTIONAL test data.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import DEFAULT_MEMORANDUM
from typer.testing import Result

Run = Callable[..., Result]
AS_OF = "2027-03-01"


def memorandum(root: Path, folder: str, memo_id: str, *, notice: str | None = None) -> Path:
    """A copy of the Japan–UK memorandum as ``memo_id`` in ``root/folder``, with a notice from
    the UK received on ``notice`` (FICTIONAL)."""
    path = root / folder
    path.mkdir(parents=True)
    text = DEFAULT_MEMORANDUM.read_text(encoding="utf-8")
    text = text.replace("id: jp-uk-quantum-2025", f"id: {memo_id}", 1)
    (path / "memorandum.yaml").write_text(text, encoding="utf-8")
    if notice:
        (path / "notice.yaml").write_text(
            "# FICTIONAL\napiVersion: mocctl/v1\nkind: Notice\nid: notice\n"
            f"type: discontinuation\nby: UK\nform: written\ndated: {notice}\n"
            f"received: {notice}\n",
            encoding="utf-8",
        )
    return path


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    root = tmp_path / "portfolio"
    memorandum(root, "a", "calm-memorandum-with-a-long-id-2025")
    memorandum(root, "b", "ending-soon", notice="2027-01-10")  # E = 2027-04-11
    memorandum(root, "c", "ending-later", notice="2027-02-28")  # E = 2027-06-01
    return root


def status(run: Run, root: Path, *args: str, columns: int = 120) -> Result:
    return run(
        "--records", str(root), "--as-of", AS_OF, "status", *args, env={"COLUMNS": str(columns)}
    )


def test_one_row_each_most_urgent_first(run: Run, portfolio: Path) -> None:
    result = status(run, portfolio)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("ending-soon") < out.index("ending-later") < out.index("calm-memorandum")
    assert "2027-04-11" in out and "41 d" in out
    assert "JP–UK" in out and "discontinuation_pending" in out


@pytest.mark.parametrize("columns", [80, 100, 120, 200])
def test_no_id_state_or_date_is_cut_at_any_width(run: Run, portfolio: Path, columns: int) -> None:
    out = status(run, portfolio, columns=columns).stdout
    for whole in (
        "calm-memorandum-with-a-long-id-2025",
        "ending-soon",
        "discontinuation_pending",
        "in_force",
        "2027-04-11",
        "2027-06-01",
    ):
        assert whole in out, (columns, out)
    assert "…" not in out
    assert all(len(line) <= columns for line in out.splitlines())


def test_json_is_the_list_of_status_objects_in_the_same_order(run: Run, portfolio: Path) -> None:
    result = status(run, portfolio, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["id"] for d in data] == [
        "ending-soon",
        "ending-later",
        "calm-memorandum-with-a-long-id-2025",
    ]
    assert {"id", "as_of", "state", "commenced", "discontinuation", "findings"} <= set(data[0])
    assert data[1]["discontinuation"]["effective"] == "2027-06-01"


def test_filters(run: Run, portfolio: Path) -> None:
    def ids(*args: str) -> list[str]:
        result = status(run, portfolio, "--format", "json", *args)
        assert result.exit_code == 0, result.output
        return [d["id"] for d in json.loads(result.stdout)]

    assert ids("--state", "in_force") == ["calm-memorandum-with-a-long-id-2025"]
    assert ids("--state", "in_force,discontinuation_pending") == [
        "ending-soon",
        "ending-later",
        "calm-memorandum-with-a-long-id-2025",
    ]
    assert ids("--due-within", "60d") == ["ending-soon"]
    assert ids("--due-within", "92d") == ["ending-soon", "ending-later"]  # 1 June: 92 days
    assert ids("--due-within", "13w") == ["ending-soon"]  # 91 days
    assert len(ids("--side", "jp")) == 3  # a Side's id, or its country
    assert len(ids("--side", "GB")) == 3
    assert ids("--side", "FR") == []


def test_exit_code_for_a_scheduled_ci_job(run: Run, portfolio: Path) -> None:
    assert status(run, portfolio, "--due-within", "30d", "--exit-code").exit_code == 0
    due = status(run, portfolio, "--due-within", "90d", "--exit-code")
    assert due.exit_code == 1
    assert "ending-soon" in due.stdout
    # Without --due-within the window is 30 days.
    assert status(run, portfolio, "--exit-code").exit_code == 0


def test_repeated_ids_show_their_folder_and_an_ambiguous_id_is_an_error(
    run: Run, tmp_path: Path
) -> None:
    root = tmp_path / "twice"
    memorandum(root, "first", "same-id")
    memorandum(root, "second", "same-id", notice="2027-01-10")
    result = status(run, root)
    assert "path: twice/first" in result.stdout and "path: twice/second" in result.stdout
    ambiguous = status(run, root, "same-id")
    assert ambiguous.exit_code == 2
    assert "twice/first" in ambiguous.stderr and "twice/second" in ambiguous.stderr


@pytest.mark.parametrize(
    ("option", "value"), [("--state", "ending"), ("--due-within", "soon"), ("--due-within", "3m")]
)
def test_bad_filters_are_usage_errors(run: Run, portfolio: Path, option: str, value: str) -> None:
    result = status(run, portfolio, option, value)
    assert result.exit_code == 2
    assert option in result.stderr or value in result.stderr


def test_one_memorandum_still_gets_its_panel(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "one"
    memorandum(root, "only", "only-one")
    result = status(run, root, "--format", "json")
    assert json.loads(result.stdout)["id"] == "only-one"  # an object, as before
    shutil.rmtree(root)


def test_short_ids_make_a_table_at_80_columns(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "short"
    memorandum(root, "a", "moc-a", notice="2027-01-10")
    memorandum(root, "b", "moc-b")
    out = status(run, root, columns=80).stdout
    assert "next key date" in out  # the table's header, not the list
    lines = out.splitlines()
    assert any(line.split()[:4] == ["moc-a", "JP–UK", "discontinuation_pending", "2027-04-11"]
               for line in lines)  # fmt: skip
    assert all(len(line) <= 80 for line in lines)


def test_a_named_memorandum_is_shown_and_its_due_date_sets_the_exit_code(
    run: Run, portfolio: Path
) -> None:
    due = status(run, portfolio, "ending-soon", "--due-within", "60d", "--exit-code", "-f", "json")
    assert due.exit_code == 1
    assert json.loads(due.stdout)["id"] == "ending-soon"  # the object, as for any named one
    calm = status(run, portfolio, "ending-later", "--due-within", "60d", "--exit-code")
    assert calm.exit_code == 0
    assert "ending-later" in calm.stdout
