"""validate memorandum by memorandum, with a result cache per folder (issue 12).

The findings — code, severity, message, file, line, column, hint, acceptance — are the same as
those of reading every record at once (``load_checked``), on a FICTIONAL corpus with many
mistakes (benchmarks/corpus.py), from a cold run, a warm one (every folder from the cache) and
with ``--no-cache``; and one byte changed in a folder is seen on the next run.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mocctl.commands.common import load_checked
from mocctl.commands.folder_cache import NAMESPACE
from mocctl.commands.folder_result import decode, encode
from mocctl.commands.scan import scan
from mocctl.findings import Finding
from mocctl.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
Run = Callable[..., Result]


def _corpus_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


corpus = _corpus_module()


def _all(finding: Finding) -> tuple[object, ...]:
    return (
        finding.code,
        finding.severity,
        finding.message,
        finding.file,
        finding.line,
        finding.column,
        finding.hint,
        finding.accepted,
    )


@pytest.fixture
def mistakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "records"
    corpus.build(root, 24, mistakes=True)
    monkeypatch.chdir(tmp_path)
    return Path("records")


def test_the_same_findings_as_reading_everything_at_once(mistakes: Path) -> None:
    settings = Settings(records=mistakes)
    before = [_all(f) for f in load_checked(settings).findings]
    codes = {f[0] for f in before}
    assert {"MOC002", "MOC003", "MOC103", "MOC106", "MOC204", "MOC206", "MOC503"} <= codes
    cold = [_all(f) for f in scan(settings, [mistakes]).findings]
    warm = scan(settings, [mistakes])
    bare = [_all(f) for f in scan(Settings(records=mistakes, no_cache=True), [mistakes]).findings]
    assert cold == before
    assert [_all(f) for f in warm.findings] == before
    assert bare == before
    assert warm.files_checked == load_checked(settings).files_checked


def test_a_warm_run_reads_no_record(mistakes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(records=mistakes)
    first = scan(settings, [mistakes]).findings

    def fail(*_: object) -> None:
        raise AssertionError("a record was read again")

    monkeypatch.setattr("mocctl.io.loader.load_folder", fail)
    assert scan(settings, [mistakes]).findings == first


def test_a_cold_run_reads_each_file_once(mistakes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bytes hashed for a folder's key are the bytes checked: no record is read again."""
    import mocctl.io.loader as loader

    read: list[Path] = []
    real = loader.read_bounded

    def counted(file: Path, shown: str) -> tuple[bytes | None, Finding | None]:
        read.append(file)
        return real(file, shown)

    monkeypatch.setattr(loader, "read_bounded", counted)
    cold = [_all(f) for f in scan(Settings(records=mistakes), [mistakes]).findings]
    assert read == []  # every record file came with the folder's hashing
    bare = scan(Settings(records=mistakes, no_cache=True), [mistakes])
    assert len(read) == bare.files_checked > 200  # without the cache, each is read by the loader
    assert cold == [_all(f) for f in bare.findings]


def test_one_byte_changed_is_seen(mistakes: Path) -> None:
    settings = Settings(records=mistakes)
    scan(settings, [mistakes])
    activity = mistakes / "memo-0000" / "activities" / "a0.yaml"
    activity.write_text(activity.read_text().replace("research-dialogue", "research-dialoguf"))
    after = scan(settings, [mistakes]).findings
    assert any(f.file.endswith("memo-0000/activities/a0.yaml") for f in after)
    assert [_all(f) for f in after] == [_all(f) for f in load_checked(settings).findings]


def test_a_changed_document_is_seen(mistakes: Path) -> None:
    settings = Settings(records=mistakes)
    letter = mistakes / "memo-0003" / "documents" / "letter.txt"
    assert any(f.code == "MOC503" for f in scan(settings, [mistakes]).findings)
    letter.write_bytes(letter.read_bytes() + b"x")
    assert [_all(f) for f in scan(settings, [mistakes]).findings] == [
        _all(f) for f in load_checked(settings).findings
    ]


def test_a_corrupt_or_foreign_entry_is_a_miss(mistakes: Path, _cache_in_tmp: Path) -> None:
    settings = Settings(records=mistakes)
    first = scan(settings, [mistakes]).findings
    entries = sorted((_cache_in_tmp / NAMESPACE).iterdir())
    assert len(entries) == 24
    entries[0].write_bytes(b"garbage")
    from mocctl.io.cache import MAGIC, sha256

    value = json.dumps({"findings": 3}).encode()
    entries[1].write_bytes(MAGIC + sha256(value).hexdigest().encode() + value)
    assert scan(settings, [mistakes]).findings == first


def test_the_cache_is_never_in_the_records(mistakes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCCTL_CACHE_DIR", str(mistakes / "memo-0001" / ".cache"))
    scan(Settings(records=mistakes), [mistakes])
    assert not (mistakes / "memo-0001" / ".cache" / NAMESPACE).exists() or not any(
        (mistakes / "memo-0001" / ".cache" / NAMESPACE).iterdir()
    )


def test_encoding_keeps_every_field(mistakes: Path) -> None:
    for result in scan(Settings(records=mistakes, no_cache=True), [mistakes]).folders:
        again = decode(result.folder, encode(result))
        assert [_all(f) for f in again.findings] == [_all(f) for f in result.findings]
        assert (again.files, again.memorandum, again.ids) == (
            result.files,
            result.memorandum,
            result.ids,
        )


def test_validate_cold_warm_and_no_cache_print_the_same(run: Run, mistakes: Path) -> None:
    outputs = [
        run("validate", "--format", "json", str(mistakes)),
        run("validate", "--format", "json", str(mistakes)),
        run("--no-cache", "validate", "--format", "json", str(mistakes)),
    ]
    assert {result.exit_code for result in outputs} == {1}
    assert len({result.stdout for result in outputs}) == 1


def test_a_folder_copied_elsewhere_shows_its_own_paths(
    run: Run, mistakes: Path, tmp_path: Path
) -> None:
    first = run("validate", "--format", "json", str(mistakes))
    shutil.copytree(mistakes, tmp_path / "other")
    second = run("validate", "--format", "json", "other")
    assert second.stdout == first.stdout.replace("records/", "other/")


def test_two_concurrent_runs_agree_and_leave_whole_entries(
    mistakes: Path, _cache_in_tmp: Path
) -> None:
    import subprocess
    import sys

    command = [sys.executable, "-m", "mocctl", "validate", "--format", "json", str(mistakes)]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [1, 1]
    assert outputs[0][0] == outputs[1][0]
    from mocctl.io.cache import Cache

    cache = Cache(_cache_in_tmp)
    entries = [p for p in (_cache_in_tmp / NAMESPACE).iterdir() if not p.name.startswith(".")]
    assert len(entries) == 24
    assert all(cache.get(NAMESPACE, entry.name) is not None for entry in entries)
    again = subprocess.run(command, capture_output=True, check=False)
    assert again.stdout == outputs[0][0]


def test_a_folder_changed_while_it_is_read_is_not_kept(
    mistakes: Path, _cache_in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mocctl.commands.folder_cache as folder_cache

    check = folder_cache.check_folder
    changed = mistakes / "memo-0002" / "activities" / "a0.yaml"

    def check_and_change(folder: Path, *args: object) -> object:
        found = check(folder, *args)  # type: ignore[arg-type]
        if folder.name == "memo-0002":
            changed.write_text(changed.read_text() + "# changed meanwhile\n")
        return found

    monkeypatch.setattr(folder_cache, "check_folder", check_and_change)
    scan(Settings(records=mistakes), [mistakes])
    assert len(list((_cache_in_tmp / NAMESPACE).iterdir())) == 23


def test_a_file_too_big_is_refused_from_the_hashed_bytes_too(mistakes: Path) -> None:
    from mocctl.io.limits import MAX_FILE_BYTES

    big = mistakes / "memo-0004" / "notices" / "big.yaml"
    big.write_text("# " + "x" * MAX_FILE_BYTES + "\n")
    cold = [_all(f) for f in scan(Settings(records=mistakes), [mistakes]).findings]
    bare = [_all(f) for f in scan(Settings(records=mistakes, no_cache=True), [mistakes]).findings]
    assert cold == bare
    assert [f[0] for f in cold if f[3].endswith("big.yaml")] == ["MOC006"]
