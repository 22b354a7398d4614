"""The command line: wiring, exit codes (SPEC §4 contract), start-up weight, error handling.

Records written here are FICTIONAL test data.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import WriteRecord, harmonise_names
from tests.test_cli_tree import walk
from typer.testing import Result

from mocctl import __version__

Run = Callable[..., Result]

HEAVY = {"pydantic", "ruamel.yaml", "jinja2", "icalendar", "rich.markdown"}


def test_import_of_the_cli_stays_light() -> None:
    code = "import sys, json, mocctl.cli; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert not HEAVY & set(json.loads(out))


START_UP = [
    ["--help"],
    ["--version"],
    ["-V"],
    ["--records", "records", "--as-of", "2026-01-01", "status", "--help"],
    *[[*path, "--help"] for path, _ in walk()],
]


@pytest.mark.parametrize("args", START_UP, ids=" ".join)
def test_help_and_version_do_not_import_heavy_modules(args: list[str]) -> None:
    code = (
        "import sys, json\nfrom mocctl.cli import main\ntry:\n    main()\nfinally:\n"
        "    print(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    loaded = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert not {"pydantic", "ruamel.yaml", "jinja2"} & loaded
    assert "rich" not in loaded  # plain help (cli.help): rich alone costs more than typer


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"mocctl {__version__}"


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mocctl", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("mocctl ")


def test_validate_clean_records_prints_only_the_summary(
    run: Run, records: Path, memo_dir: Path
) -> None:
    harmonise_names(memo_dir)
    result = run("validate", "--records", str(records))
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 errors, 0 warnings in 1 file\n"


def test_validate_reports_every_file_and_exits_1(
    run: Run, records: Path, memo_dir: Path, write: WriteRecord
) -> None:
    harmonise_names(memo_dir)
    write(
        "notices/a.yaml",
        """\
        apiVersion: mocctl/v1
        kind: Notice
        id: a
        type: discontinuation
        by: UK
        dated: 2027-01-08
        recieved: 2027-01-10
        """,
    )
    write("notices/b.yaml", "id: [\n")
    result = run("--records", str(records), "validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "records/jp-uk/notices/a.yaml:7:1: error MOC103 unknown key 'recieved' in a Notice"
    )
    assert lines[2].startswith("records/jp-uk/notices/b.yaml:2:1: error MOC002 ")
    assert lines[-1] == "2 errors, 0 warnings in 3 files"
    assert "Traceback" not in result.output


def test_validate_json_is_a_list_of_findings(
    run: Run, records: Path, memo_dir: Path, write: WriteRecord
) -> None:
    harmonise_names(memo_dir)
    write("x.yaml", "apiVersion: mocctl/v1\nkind: Thing\n")
    result = run("validate", "--records", str(records), "--format", "json")
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)
    assert finding == {
        "code": "MOC102",
        "severity": "error",
        "message": "unknown kind 'Thing'",
        "file": "records/jp-uk/x.yaml",
        "line": 2,
        "column": 7,
        "hint": "kind is one of Memorandum, Modification, Notice, Activity, Decision",
    }


def test_validate_paths_and_strict(run: Run, records: Path, write: WriteRecord) -> None:
    notice = write(
        "notices/n.yaml",
        """\
        apiVersion: mocctl/v1
        kind: Notice
        id: n
        type: discontinuation
        by: UK
        dated: 2027-01-08
        """,
    )  # no `received`: a warning (MOC316)
    assert run("validate", str(notice)).exit_code == 0
    strict = run("validate", "--strict", str(notice))
    assert strict.exit_code == 1
    assert "MOC316" in strict.stdout
    quiet = run("validate", "--quiet", str(notice))
    assert quiet.stdout == ""


def test_validate_missing_path_is_a_usage_error(run: Run) -> None:
    result = run("validate", "no/such/folder")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_unknown_format_is_a_usage_error(run: Run, records: Path) -> None:
    result = run("status", "--records", str(records), "--format", "xml")
    assert result.exit_code == 2
    assert "--format xml" in result.stderr


def test_bad_as_of_is_a_usage_error(run: Run, records: Path) -> None:
    result = run("--as-of", "29/11/2026", "status", "--records", str(records))
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_status_json_contract(run: Run, records: Path) -> None:
    result = run("status", "--records", str(records), "--as-of", "2026-11-29", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == "jp-uk-quantum-2025"
    assert data["as_of"] == "2026-11-29"
    assert data["state"] == "in_force"
    assert data["commenced"] == "2025-04-28"
    assert data["legally_binding"] is False
    assert data["notice_period"] == "P3M"
    assert data["rule"] == "safe-harbour"
    assert data["discontinuation"] is None
    assert data["modifications"] == []
    assert len(data["areas"]) == 8
    assert data["areas"][0] == "research-dialogue"
    assert data["activities"] == []
    assert isinstance(data["findings"], list)


def test_status_before_signature_is_draft(run: Run, records: Path) -> None:
    result = run("status", "--records", str(records), "--as-of", "2025-04-27", "-f", "json")
    assert json.loads(result.stdout)["state"] == "draft"


def test_status_text_reads_at_a_glance(run: Run, records: Path) -> None:
    result = run("status", "--records", str(records), "--as-of", "2026-11-29")
    assert result.exit_code == 0
    out = result.stdout
    assert "In force since 2025-04-28." in out
    assert "KIUCHI Minoru" in out and "Patrick VALLANCE" in out
    assert "3 months (P3M)" in out
    assert "Areas of cooperation (8)" in out
    assert "Mon 1 Mar 2027" in out  # if notice were received on the as-of date


def test_status_unknown_id_is_a_usage_error(run: Run, records: Path) -> None:
    result = run("status", "nope", "--records", str(records))
    assert result.exit_code == 2
    assert "jp-uk-quantum-2025" in result.stderr


def test_status_with_errors_shows_what_it_can_and_exits_1(
    run: Run, records: Path, memo_dir: Path, write: WriteRecord
) -> None:
    harmonise_names(memo_dir)
    write("notices/bad.yaml", "apiVersion: mocctl/v1\nkind: Notice\nid: x\n")
    result = run("status", "--records", str(records), "--as-of", "2026-11-29", "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["state"] == "in_force"
    assert {f["code"] for f in data["findings"]} == {"MOC104"}


def test_several_memoranda_give_a_table_and_a_json_list(
    run: Run, records: Path, memo_dir: Path
) -> None:
    other = records / "other"
    other.mkdir()
    text = (memo_dir / "memorandum.yaml").read_text(encoding="utf-8")
    (other / "memorandum.yaml").write_text(
        text.replace("id: jp-uk-quantum-2025", "id: other-2025", 1), encoding="utf-8"
    )
    as_json = run("status", "--records", str(records), "--as-of", "2026-01-01", "-f", "json")
    assert [m["id"] for m in json.loads(as_json.stdout)] == ["jp-uk-quantum-2025", "other-2025"]
    table = run("status", "--records", str(records), "--as-of", "2026-01-01")
    assert "other-2025" in table.stdout and "jp-uk-quantum-2025" in table.stdout


def _renamed(records: Path, memo_dir: Path, new_id: str) -> Path:
    """The records folder with the memorandum's id changed, so that output shows which was read."""
    memo = memo_dir / "memorandum.yaml"
    text = memo.read_text(encoding="utf-8")
    memo.write_text(text.replace("id: jp-uk-quantum-2025", f"id: {new_id}", 1), encoding="utf-8")
    return records


def test_records_from_environment(run: Run, records: Path, memo_dir: Path, tmp_path: Path) -> None:
    _renamed(records, memo_dir, "from-the-environment")
    elsewhere = records.rename(tmp_path / "elsewhere")  # not ./records, which is a default
    result = run("status", "-f", "json", env={"MOCCTL_RECORDS": str(elsewhere)})
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.stdout)["id"] == "from-the-environment"
    without = run("status", "-f", "json")
    assert json.loads(without.stdout)["id"] == "jp-uk-quantum-2025"


def test_records_option_beats_the_environment_wherever_it_is(
    run: Run, records: Path, memo_dir: Path, tmp_path: Path
) -> None:
    _renamed(records, memo_dir, "from-the-option")
    env = {"MOCCTL_RECORDS": str(tmp_path / "no-such-folder")}
    for args in (["--records", str(records), "status"], ["status", "--records", str(records)]):
        result = run(*args, "-f", "json", env=env)
        assert result.exit_code in (0, 1), result.output
        assert json.loads(result.stdout)["id"] == "from-the-option"


def test_embedded_default_records_when_no_records_folder(run: Run) -> None:
    result = run("status", "--as-of", "2026-11-29", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == "jp-uk-quantum-2025"


def test_internal_errors_exit_3_without_traceback(
    run: Run, records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mocctl.commands.status as status

    def boom(*_: object, **__: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(status, "run", boom)
    result = run("status", "--records", str(records))
    assert result.exit_code == 3
    assert result.stderr.startswith("mocctl: internal error: RuntimeError: boom\n")
    assert "--debug" in result.stderr
    assert "Traceback" not in result.output
    for args in (["--debug", "status"], ["status", "--debug"]):
        debug = run(*args, "--records", str(records))
        assert debug.exit_code == 3
        assert "Traceback (most recent call last)" in debug.stderr
        assert "RuntimeError: boom" in debug.stderr


@pytest.mark.parametrize(
    ("error", "code", "stderr"),
    [
        (BrokenPipeError(), 141, ""),  # 128 + SIGPIPE, not 1 (findings)
        (KeyboardInterrupt(), 130, "mocctl: interrupted\n"),
    ],
)
def test_closed_pipe_and_interrupt(
    run: Run, monkeypatch: pytest.MonkeyPatch, error: BaseException, code: int, stderr: str
) -> None:
    import mocctl.commands.schema as schema

    def stop(*_: object, **__: object) -> int:
        raise error

    monkeypatch.setattr(schema, "run", stop)
    result = run("schema")
    assert result.exit_code == code
    assert result.stderr == stderr


def test_errors_of_a_command_keep_their_hint(run: Run, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run("schema", "-o", str(tmp_path / "file"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"mocctl: error: {tmp_path / 'file'} is not a folder",
        "hint: give -o the folder to write into",
    ]


def test_main_returns_the_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    from mocctl.cli import main

    monkeypatch.setattr(sys, "argv", ["mocctl", "--version"])
    assert main() == 0
    monkeypatch.setattr(sys, "argv", ["mocctl", "stauts"])
    assert main() == 2
