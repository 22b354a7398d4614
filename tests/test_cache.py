"""The result cache (``io.cache``) and the fast path of status, timeline and text
(``commands.replay``): replayed byte for byte, never stale, bypassable, robust (docs/cache.md).

Every test caches in its own temporary folder (the autouse fixture in conftest.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import harmonise_names
from mocctl import __version__
from mocctl.commands import replay
from mocctl.commands.common import records_root
from mocctl.io.cache import Cache, cache_dir
from mocctl.io.fingerprint import Key, folder_key, mocctl_fingerprint
from mocctl.settings import Settings

HEAVY = {"pydantic", "ruamel.yaml", "jinja2", "rich", "typer"}
PROBE = (
    "import json, os, sys\nfrom mocctl.cli import main\ntry:\n    code = main()\nfinally:\n"
    "    with open(os.environ['MOCCTL_TEST_PROBE'], 'w') as f:\n"
    "        json.dump(sorted(sys.modules), f)\nsys.exit(code)"
)


class Ran:
    def __init__(
        self, done: subprocess.CompletedProcess[bytes], modules: set[str], moved: bool
    ) -> None:
        self.code = done.returncode
        self.stdout = done.stdout
        self.stderr = done.stderr
        self.hit = not (HEAVY & modules)
        self.fingerprint = mocctl_fingerprint(__version__)
        self.moved = moved  # mocctl's own files changed during the run (a shared work tree)


def mocctl(cwd: Path, *args: str, **env: str) -> Ran:
    """Run ``mocctl ARGS`` as the console script does, in ``cwd``; say whether it was a hit."""
    probe = cwd / "modules.json"
    before = mocctl_fingerprint(__version__)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=cwd,
        capture_output=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1", "MOCCTL_TEST_PROBE": str(probe), **env},
    )
    modules = set(json.loads(probe.read_text(encoding="utf-8")))
    probe.unlink()
    return Ran(done, modules, moved=before != mocctl_fingerprint(__version__))


def twice(cwd: Path, *args: str, **env: str) -> tuple[Ran, Ran]:
    """Two runs with mocctl's files unchanged in between (others may edit the source tree:
    that changes the key, as it should, so such a pair is run again)."""
    for _ in range(5):
        first = mocctl(cwd, *args, **env)
        second = mocctl(cwd, *args, **env)
        if not (first.moved or second.moved) and first.fingerprint == second.fingerprint:
            return first, second
    pytest.skip("mocctl's source files keep changing under the test")


def entries(cache: Path) -> list[Path]:
    folder = cache / replay.NAMESPACE
    return (
        sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []
    )


AS_OF = ("--as-of", "2026-11-29")


@pytest.mark.parametrize("command", ["status", "timeline", "text"])
def test_a_hit_replays_the_same_bytes_and_exit_code_without_heavy_imports(
    records: Path, command: str, _cache_in_tmp: Path
) -> None:
    cwd = records.parent
    first = mocctl(cwd, command, *AS_OF)
    assert not first.hit
    assert first.code == 0
    second = twice(cwd, command, *AS_OF)[1]
    assert second.hit  # none of pydantic, ruamel.yaml, jinja2, rich, typer was imported
    assert (second.code, second.stdout, second.stderr) == (first.code, first.stdout, first.stderr)


def test_findings_on_stderr_and_exit_1_are_replayed(records: Path, memo_dir: Path) -> None:
    (memo_dir / "notices").mkdir()
    (memo_dir / "notices" / "bad.yaml").write_text(
        "apiVersion: moc/v1\nkind: Notice\nid: x\n", encoding="utf-8"
    )
    first, second = twice(records.parent, "status", *AS_OF)
    assert first.code == 1
    assert second.hit
    assert (second.code, second.stdout, second.stderr) == (first.code, first.stdout, first.stderr)


def test_one_byte_changed_in_a_record_is_seen(records: Path, memo_dir: Path) -> None:
    cwd = records.parent
    before = mocctl(cwd, "status", *AS_OF, COLUMNS="200")
    assert b"warning MOC401" in before.stdout  # the name written two ways
    harmonise_names(memo_dir)  # "of" -> "for": one record file changes
    after = mocctl(cwd, "status", *AS_OF, COLUMNS="200")
    assert not after.hit
    assert b"warning MOC401" not in after.stdout
    memo = memo_dir / "memorandum.yaml"
    data = memo.read_bytes()
    title = b"title: Memorandum of Cooperation on quantum"
    assert data.count(title) == 1
    memo.write_bytes(data.replace(title, title.replace(b"quantum", b"Quantum")))  # one byte
    again = mocctl(cwd, "status", *AS_OF, COLUMNS="200")
    assert not again.hit
    assert b"on Quantum science" in again.stdout
    assert b"on quantum science" not in again.stdout


def test_a_changed_document_misses(records: Path, memo_dir: Path, _cache_in_tmp: Path) -> None:
    cwd = records.parent
    (memo_dir / "documents").mkdir()
    letter = memo_dir / "documents" / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4 signed\n")
    assert twice(cwd, "status", *AS_OF)[1].hit
    letter.write_bytes(b"%PDF-1.4 signeD\n")
    assert not mocctl(cwd, "status", *AS_OF).hit


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("status", *AS_OF, "--no-cache"), {}),
        (("--no-cache", "status", *AS_OF), {}),
        (("status", *AS_OF), {"MOCCTL_NO_CACHE": "1"}),
    ],
)
def test_no_cache_bypasses_it(
    records: Path, _cache_in_tmp: Path, args: tuple[str, ...], env: dict[str, str]
) -> None:
    cwd = records.parent
    plain = mocctl(cwd, "status", *AS_OF)
    for _ in range(2):
        bypassed = mocctl(cwd, *args, **env)
        assert not bypassed.hit
        assert (bypassed.code, bypassed.stdout) == (plain.code, plain.stdout)
    assert not plain.moved
    assert len(entries(_cache_in_tmp)) == 1  # only the plain run's


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("status", "--as-of", "2027-06-01"), {}),
        (("status", *AS_OF, "--format", "json"), {}),
        (("status", *AS_OF), {"COLUMNS": "60"}),
        (("status", *AS_OF), {"NO_COLOR": ""}),
        (("status", *AS_OF, "--color", "always"), {}),
        (("timeline", *AS_OF), {}),
        (("status", *AS_OF, "jp-uk-quantum-2025"), {}),
    ],
)
def test_other_options_miss(records: Path, args: tuple[str, ...], env: dict[str, str]) -> None:
    cwd = records.parent
    base, hit = twice(cwd, "status", *AS_OF)
    assert hit.hit
    other = mocctl(cwd, *args, **env)
    assert not other.hit
    assert twice(cwd, *args, **env)[1].hit
    if args[-1] in ("json", "2027-06-01", "always") or "COLUMNS" in env:
        assert other.stdout != base.stdout


def test_records_changed_during_the_run_are_not_kept(
    records: Path, memo_dir: Path, monkeypatch: pytest.MonkeyPatch, _cache_in_tmp: Path
) -> None:
    monkeypatch.chdir(records.parent)
    plan = replay.plan(["status", *AS_OF])
    assert plan is not None

    def run() -> int:
        (memo_dir / "memorandum.yaml").write_text("changed meanwhile\n", encoding="utf-8")
        return 0

    assert plan.record(run) == 0
    assert entries(_cache_in_tmp) == []
    plan = replay.plan(["status", *AS_OF])
    assert plan is not None
    assert plan.record(lambda: 0) == 0
    assert len(entries(_cache_in_tmp)) == 1


def test_a_usage_error_is_not_cached(records: Path, _cache_in_tmp: Path) -> None:
    ran = mocctl(records.parent, "status", *AS_OF, "no-such-id")
    assert ran.code == 2
    assert entries(_cache_in_tmp) == []


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "garbage"])
def test_a_corrupt_entry_is_ignored(records: Path, _cache_in_tmp: Path, damage: str) -> None:
    cwd = records.parent
    first = mocctl(cwd, "status", *AS_OF)
    if first.moved:
        pytest.skip("mocctl's source files changed during the run")
    (entry,) = entries(_cache_in_tmp)
    data = entry.read_bytes()
    entry.write_bytes(
        {
            "truncate": data[: len(data) // 2],
            "flip": data[:-1] + bytes([data[-1] ^ 1]),
            "empty": b"",
            "garbage": b"\x00\xff" * 40,
        }[damage]
    )
    again = mocctl(cwd, "status", *AS_OF)
    assert not again.hit
    assert (again.code, again.stdout, again.stderr) == (first.code, first.stdout, first.stderr)
    if not again.moved:
        assert entry.read_bytes() == data  # written afresh


def test_two_concurrent_runs_leave_a_valid_entry(records: Path, _cache_in_tmp: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "mocctl", "status", *AS_OF]
    runs = [
        subprocess.Popen(command, cwd=records.parent, env=env, stdout=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [run.communicate()[0] for run in runs]
    assert outputs[0] == outputs[1]
    (entry,) = entries(_cache_in_tmp)
    value = Cache(_cache_in_tmp).get(replay.NAMESPACE, entry.name)
    assert value is not None
    assert replay.decode(value) == (0, [(1, outputs[0])])
    assert not [p for p in (_cache_in_tmp / replay.NAMESPACE).iterdir() if p.name.startswith(".")]


def test_concurrent_writers_of_one_key(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    values = [bytes([n]) * 200_000 for n in range(8)]

    def write(value: bytes) -> None:
        for _ in range(20):
            assert cache.put("findings", "k", value)

    threads = [threading.Thread(target=write, args=(v,)) for v in values]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get("findings", "k") in values
    assert [p.name for p in (tmp_path / "findings").iterdir()] == ["k"]


def test_get_put_and_bounds(tmp_path: Path) -> None:
    cache = Cache(tmp_path, max_entries=3, max_bytes=1000)
    assert cache.get("ns", "a") is None
    assert cache.put("ns", "a", b"A")
    assert cache.get("ns", "a") == b"A"
    assert not cache.put("ns", "big", b"x" * 1001)  # larger than the bound: not kept
    assert not cache.put("../escape", "a", b"A")  # names are checked
    assert cache.get("ns", "../a") is None
    for index, name in enumerate("bcde"):
        assert cache.put("ns", name, b"v")
        os.utime(tmp_path / "ns" / name, (1000 + index, 1000 + index))
    os.utime(tmp_path / "ns" / "a", (10, 10))  # the least recently used
    cache.prune("ns")
    assert sorted(p.name for p in (tmp_path / "ns").iterdir()) == ["c", "d", "e"]
    small = Cache(tmp_path, max_bytes=len(b"v") + 100)
    small.prune("ns")
    assert len(list((tmp_path / "ns").iterdir())) == 1


def test_where_the_cache_lives(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MOCCTL_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == str(tmp_path / "c")
    monkeypatch.delenv("MOCCTL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == str(tmp_path / "xdg" / "mocctl")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == str(tmp_path / "home" / ".cache" / "mocctl")


def test_folder_key(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    (folder / "documents").mkdir(parents=True)
    (folder / "memorandum.yaml").write_bytes(b"a: 1\n")
    (folder / "documents" / "x.pdf").write_bytes(b"pdf")
    key = folder_key(folder)
    assert key is not None
    assert folder_key(folder) == key
    (folder / "documents" / "x.pdf").write_bytes(b"pdF")
    assert folder_key(folder) not in (key, None)
    (folder / "documents" / "x.pdf").rename(folder / "documents" / "y.pdf")  # a name counts
    assert folder_key(folder) not in (key, None)
    assert folder_key(folder / "memorandum.yaml") is None  # not a folder
    assert folder_key(tmp_path / "missing") is None
    (folder / "link.yaml").symlink_to(folder / "memorandum.yaml")
    assert folder_key(folder) is None  # a link: not vouched for
    (folder / "link.yaml").unlink()
    os.mkfifo(folder / "fifo")
    assert folder_key(folder) is None


def test_key_is_none_when_a_part_is() -> None:
    assert Key("a", None).digest() is None
    assert Key("a", "b").digest() == Key("a", "b").digest() != Key("ab", "").digest()
    assert mocctl_fingerprint("0.1.0") != mocctl_fingerprint("0.1.1")  # another version


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["status", "--help"],
        ["status", "-h"],
        ["--version"],
        ["validate"],
        ["diff"],
        ["status", "a", "b"],
        ["status", "-o", "out.txt"],
        ["status", "--unknown"],
        ["status", "--as-of"],
        ["status", "-f=json"],
        ["status", "--"],
        ["stat"],
        ["draft", "notice"],
    ],
    ids=" ".join,
)
def test_no_plan_for_anything_else(records: Path, args: list[str]) -> None:
    os.chdir(records.parent)
    assert replay.plan(args) is None


def test_no_plan_when_the_cache_folder_is_inside_the_records(
    records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(records.parent)
    monkeypatch.setenv("MOCCTL_CACHE_DIR", str(records / "jp-uk" / ".cache"))
    assert replay.plan(["status"]) is None
    monkeypatch.setenv("MOCCTL_CACHE_DIR", str(records))
    assert replay.plan(["status"]) is None
    monkeypatch.setenv("MOCCTL_CACHE_DIR", str(records.parent / "records-cache"))
    assert replay.plan(["status"]) is not None


def test_a_plan_for_the_three_commands(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(records.parent)
    for args in (
        ["status"],
        ["--records", "records", "timeline", "--format=json", "--no-color"],
        ["text", "jp-uk-quantum-2025", "-f", "text", "--as-of=2026-01-01", "--debug"],
    ):
        assert replay.plan(args) is not None, args
    monkeypatch.setenv("_MOCCTL_COMPLETE", "bash_complete")  # shell completion
    assert replay.plan(["status"]) is None


def test_the_fast_path_knows_the_global_options() -> None:
    from mocctl.cli.options import global_params

    values: set[str] = set()
    flags: set[str] = set()
    for param in global_params():
        (flags if param.is_flag else values).update(param.opts)
    assert values == set(replay.VALUE_OPTIONS)
    assert flags == {*replay.FLAG_OPTIONS, replay.NO_CACHE}


def test_the_fast_path_finds_the_records_folder_as_commands_do(
    records: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("MOCCTL_RECORDS", raising=False)
    monkeypatch.chdir(records.parent)
    assert replay._records_root(None) == str(records_root(Settings()))
    elsewhere = tmp_path / "empty"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert replay._records_root(None) == str(records_root(Settings()))
    monkeypatch.setenv("MOCCTL_RECORDS", str(records))
    assert replay._records_root(None) == str(records)


def test_settings_know_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().use_cache
    assert not Settings().merged(no_cache=True).use_cache
    monkeypatch.setenv("MOCCTL_NO_CACHE", "1")
    assert not Settings().use_cache


def test_the_same_interpreter_by_another_name_is_the_same_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The console script starts ``bin/python3``, the pre-commit hook ``python -m …``: one
    program, one fingerprint, so that the hook finds what ``mocctl validate`` cached."""
    alias = tmp_path / "python-alias"
    alias.symlink_to(os.path.realpath(sys.executable))
    before = mocctl_fingerprint(__version__)
    monkeypatch.setattr(sys, "executable", str(alias))
    assert mocctl_fingerprint(__version__) == before
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert mocctl_fingerprint(__version__) != before
