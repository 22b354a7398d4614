"""The pre-commit hook this repository publishes (.pre-commit-hooks.yaml), tried for real.

``pre-commit try-repo`` installs the hook from this checkout (its committed HEAD) into a fresh
virtual environment and runs it in a temporary git repository of records: once on clean records
(exit 0) and once on records with a misspelt key (exit 1). It needs git and the package index
(pip installs mocctl's build backend and dependencies into the hook's environment), so those two
tests are marked ``network``: they are skipped, with the reason, when pip cannot reach the index
(``pytest -m "not network"`` leaves them out). The two runs go side by side and take about 15 s.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
EXAMPLE = Path(__file__).parent / "data" / "ci-records" / "example-moc"
PRE_COMMIT = (sys.executable, "-m", "pre_commit")

pytest.importorskip("pre_commit", reason="pre-commit is in the test extra: pip install -e .[test]")

# What pip says when the index cannot be reached or has nothing for it (offline, no proxy, …).
OFFLINE = re.compile(
    r"Could not find a version that satisfies|No matching distribution found|"
    r"Failed to establish a new connection|Temporary failure in name resolution|"
    r"Network is unreachable|Name or service not known|ProxyError|ConnectTimeout|"
    r"Read timed out|ConnectionError|No route to host"
)


def _index_problem() -> str | None:
    """Why pip cannot fetch from the package index it is set up with, or None when it can."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "index", "versions", "hatchling", "--retries", "0"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**_env(), "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_DEFAULT_TIMEOUT": "15"},
        )
    except subprocess.TimeoutExpired:
        return "pip timed out asking the package index"
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        return "pip cannot reach the package index: " + (lines[-1] if lines else "no answer")
    return None


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "MOCCTL_"))}
    env.pop("GITHUB_ACTIONS", None)  # plain text output, whatever runs the tests
    env.pop("PRE_COMMIT_HOME", None)
    return env


def _records_repo(path: Path, broken: bool) -> Path:
    shutil.copytree(EXAMPLE, path / "records" / "example-moc")
    if broken:
        memo = path / "records" / "example-moc" / "memorandum.yaml"
        text = memo.read_text(encoding="utf-8")
        memo.write_text(text.replace("originals: 2", "orignals: 2"), encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(path)], check=True, env=_env())
    subprocess.run(["git", "add", "records"], cwd=path, check=True, env=_env())
    return path


def test_manifest_is_valid_and_passes_the_changed_files() -> None:
    import yaml  # pre-commit depends on PyYAML

    done = subprocess.run(
        [*PRE_COMMIT, "validate-manifest", str(MANIFEST)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (hook,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert hook["id"] == "mocctl-validate"
    assert hook["entry"] == "python -m mocctl.commands.precommit"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert hook["require_serial"] is True
    assert hook["always_run"] is False
    import re

    assert re.search(hook["files"], "records/x/notices/n.yaml")
    assert re.search(hook["files"], "records/x/memorandum.yml")
    assert re.search(hook["files"], "records/x/documents/letter.pdf")
    assert not re.search(hook["files"], "README.md")


@pytest.fixture(scope="module")
def try_repo_results(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, subprocess.CompletedProcess[str]]:
    """``pre-commit try-repo`` on clean and on broken records, run side by side."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("needs git and this project's git checkout")
    problem = _index_problem()
    if problem:
        pytest.skip(f"needs the package index: {problem}")
    # the committed HEAD: a clean checkout (as in CI) is tried as it is; a working copy with
    # uncommitted changes would otherwise be tried with its tracked changes but not its new files
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    processes = {}
    for name in ("clean", "broken"):
        repo = _records_repo(tmp_path_factory.mktemp(name), broken=name == "broken")
        processes[name] = subprocess.Popen(
            [*PRE_COMMIT, "try-repo", str(ROOT), "mocctl-validate", "--ref", head, "--all-files"],
            cwd=repo,
            env={**_env(), "PRE_COMMIT_COLOR": "never"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
    results = {}
    for name, process in processes.items():
        out, _ = process.communicate(timeout=900)
        results[name] = subprocess.CompletedProcess(process.args, process.returncode, out)
    for done in results.values():
        offline = OFFLINE.search(done.stdout)
        if offline and "mocctl validate" not in done.stdout:
            # the hook's environment could not be installed: the index went away meanwhile
            pytest.skip(f"needs the package index: {offline.group(0)}")
    return results


@pytest.mark.network
def test_hook_passes_on_clean_records(
    try_repo_results: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    done = try_repo_results["clean"]
    assert done.returncode == 0, done.stdout
    assert "mocctl validate" in done.stdout
    assert "Passed" in done.stdout


@pytest.mark.network
def test_hook_fails_on_a_misspelt_key(
    try_repo_results: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    done = try_repo_results["broken"]
    assert done.returncode == 1, done.stdout
    assert "Failed" in done.stdout
    assert "records/example-moc/memorandum.yaml" in done.stdout
    assert "MOC103" in done.stdout
    assert "orignals" in done.stdout


# --- the hook's command, offline: only the memoranda that the changed files belong to ---------


def _portfolio(root: Path, count: int = 4) -> Path:
    """``count`` FICTIONAL copies of the example memorandum, ``records/moc-N`` with id moc-N."""
    for index in range(count):
        folder = root / "records" / f"moc-{index}"
        shutil.copytree(EXAMPLE, folder)
        memo = folder / "memorandum.yaml"
        memo.write_text(
            memo.read_text(encoding="utf-8").replace("id: example-moc", f"id: moc-{index}", 1),
            encoding="utf-8",
        )
    return root / "records"


def _hook(
    cwd: Path, *files: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mocctl.commands.precommit", *files],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


def _break(folder: Path) -> None:
    memo = folder / "memorandum.yaml"
    memo.write_text(memo.read_text().replace("originals: 2", "orignals: 2"), encoding="utf-8")


def test_only_the_changed_memoranda_are_validated(tmp_path: Path) -> None:
    records = _portfolio(tmp_path)
    _break(records / "moc-1")
    _break(records / "moc-2")
    done = _hook(tmp_path, "records/moc-2/memorandum.yaml", "README.md")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "records/moc-2/memorandum.yaml" in done.stdout
    assert "MOC103" in done.stdout
    assert "moc-1" not in done.stdout
    alone = subprocess.run(
        [sys.executable, "-m", "mocctl", "validate", "records/moc-2"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.stdout == alone.stdout
    assert _hook(tmp_path, "records/moc-3/memorandum.yaml").returncode == 0


def test_an_id_used_by_another_memorandum_is_found_with_or_without_the_index(
    tmp_path: Path, _cache_in_tmp: Path
) -> None:
    records = _portfolio(tmp_path)
    assert _hook(tmp_path, *(str(p) for p in records.rglob("*.yaml"))).returncode == 0
    assert (_cache_in_tmp / "ids").is_dir()  # the index, built by the first run
    memo = records / "moc-3" / "memorandum.yaml"
    memo.write_text(memo.read_text().replace("id: moc-3", "id: moc-0", 1), encoding="utf-8")
    for env in ({}, {"MOCCTL_CACHE_DIR": str(tmp_path / "fresh")}):
        done = _hook(tmp_path, "records/moc-3/memorandum.yaml", env=env)
        assert done.returncode == 1, done.stdout + done.stderr
        assert "MOC204 memorandum id 'moc-0' is also used by records/moc-0/" in done.stdout


def test_an_unchanged_memorandum_whose_id_changed_is_read_again(tmp_path: Path) -> None:
    records = _portfolio(tmp_path)
    assert _hook(tmp_path, "records/moc-3/memorandum.yaml").returncode == 0
    other = records / "moc-1" / "memorandum.yaml"  # changed without the hook seeing it
    other.write_text(other.read_text().replace("id: moc-1", "id: moc-3", 1), encoding="utf-8")
    done = _hook(tmp_path, "records/moc-3/memorandum.yaml")
    assert done.returncode == 1, done.stdout
    assert "records/moc-3/memorandum.yaml" in done.stdout
    assert "MOC204 memorandum id 'moc-3' is also used by records/moc-1/" in done.stdout


def test_files_outside_the_records_cost_no_import(tmp_path: Path) -> None:
    _portfolio(tmp_path, 1)
    code = (
        "import sys; from mocctl.commands.precommit import run; "
        "assert run([__import__('pathlib').Path('README.md')]) == 0; "
        "heavy = {'pydantic', 'ruamel.yaml', 'mocctl.io.loader'} & set(sys.modules); "
        "assert not heavy, heavy"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_no_records_folder_and_bad_options_are_usage_errors(tmp_path: Path) -> None:
    done = _hook(tmp_path, "x.yaml")
    assert done.returncode == 2
    assert "no records folder here" in done.stderr
    _portfolio(tmp_path, 1)
    assert _hook(tmp_path, "--bogus", "x.yaml").returncode == 2
    assert "Traceback" not in done.stderr
    named = _hook(tmp_path, "--records", "records", "--strict", "records/moc-0/memorandum.yaml")
    assert named.returncode == 0, named.stdout + named.stderr
