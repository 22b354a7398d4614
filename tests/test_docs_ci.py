"""docs/ci.md: the CI examples users copy are run here, so that they cannot rot.

The GitHub Actions workflow and the GitLab CI job are read from their fenced blocks; their shell
steps (all but the install) run against a temporary records folder, the way the CI system would
run them: each ``run:`` with ``bash -e``, a failed step skipping the later steps unless their
``if:`` says otherwise, and each GitLab ``script`` line in turn until one fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ci.md"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "ci-records" / "example-moc"
SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
FENCE = re.compile(r"^```yaml\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks() -> dict[str, Any]:
    """The YAML blocks of docs/ci.md by the file name on their first line (``# name``)."""
    found: dict[str, Any] = {}
    for match in FENCE.finditer(DOC.read_text(encoding="utf-8")):
        text = match.group(1)
        first = text.splitlines()[0]
        assert first.startswith("# "), f"a YAML block in docs/ci.md names no file: {first!r}"
        found[first[2:].strip()] = YAML(typ="safe", pure=True).load(text)
    return found


BLOCKS = blocks()
WORKFLOW = BLOCKS[".github/workflows/records.yml"]
GITLAB = BLOCKS[".gitlab-ci.yml"]
PRECOMMIT = BLOCKS[".pre-commit-config.yaml"]
STEPS: list[dict[str, Any]] = WORKFLOW["jobs"]["validate"]["steps"]


def is_install(command: str) -> bool:
    return command.lstrip().startswith("pip install")


@dataclass
class Ran:
    name: str
    returncode: int
    stdout: str
    stderr: str


def records(tmp_path: Path, *, broken: bool) -> int:
    """A records folder in ``tmp_path``; the line of the misspelt key when ``broken``."""
    memo_dir = tmp_path / "records" / "example-moc"
    shutil.copytree(EXAMPLE, memo_dir)
    memo = memo_dir / "memorandum.yaml"
    text = memo.read_text(encoding="utf-8")
    if broken:
        text = text.replace("originals: 2", "orignals: 2")
        memo.write_text(text, encoding="utf-8")
    return text.splitlines().index("orignals: 2") + 1 if broken else 0


def shell_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MOCCTL_", "GITHUB_"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def sh(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-c", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_workflow(tmp_path: Path) -> tuple[bool, list[Ran]]:
    """Run the workflow's shell steps as GitHub would; whether the job failed, and what ran."""
    env = shell_env(tmp_path, GITHUB_ACTIONS="true", GITHUB_WORKSPACE=str(tmp_path), CI="true")
    failed = False
    ran = []
    for step in STEPS:
        command = step.get("run")
        if command is None or is_install(command):
            continue
        condition = str(step.get("if", ""))
        if failed and "always()" not in condition and "!cancelled()" not in condition:
            continue
        done = sh(command, tmp_path, env)
        ran.append(Ran(step.get("name", command), done.returncode, done.stdout, done.stderr))
        failed = failed or done.returncode != 0
    return failed, ran


def run_gitlab(tmp_path: Path) -> tuple[bool, list[Ran]]:
    """Run the GitLab job's script lines in turn until one fails."""
    env = shell_env(tmp_path, GITLAB_CI="true", CI="true")
    ran = []
    for line in GITLAB["mocctl"]["script"]:
        if is_install(line):
            continue
        done = sh(line, tmp_path, env)
        ran.append(Ran(line, done.returncode, done.stdout, done.stderr))
        if done.returncode != 0:
            return True, ran
    return False, ran


def assert_valid_sarif(path: Path) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    return log


# --- the workflow's shape ---------------------------------------------------------------------


def test_workflow_installs_python_311_and_mocctl() -> None:
    uses = [step["uses"] for step in STEPS if "uses" in step]
    assert uses[0].startswith("actions/checkout@")
    assert uses[1].startswith("actions/setup-python@")
    setup = next(step for step in STEPS if step.get("uses", "").startswith("actions/setup-py"))
    assert setup["with"]["python-version"] == "3.11"  # a string: 3.10 would read as 3.1
    installs = [step["run"] for step in STEPS if is_install(step.get("run", ""))]
    assert len(installs) == 1 and "mocctl" in installs[0]


def test_workflow_uploads_the_sarif_file_it_writes() -> None:
    (upload,) = [
        s for s in STEPS if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")
    ]
    writer = next(s for s in STEPS if "--format sarif" in s.get("run", ""))
    written = re.search(r">\s*(\S+)", writer["run"])
    assert written is not None
    assert upload["with"]["sarif_file"] == written.group(1)
    for step in (writer, upload):
        assert "!cancelled()" in step["if"] or "always()" in step["if"]
    permissions = WORKFLOW["jobs"]["validate"]["permissions"]
    assert permissions["security-events"] == "write"
    assert set(WORKFLOW["on"]) >= {"push", "pull_request"}


def test_precommit_config_names_a_published_hook() -> None:
    published = {hook["id"] for hook in YAML(typ="safe", pure=True).load(HOOKS.read_text())}
    (repo,) = PRECOMMIT["repos"]
    assert repo["repo"].startswith("https://")
    assert repo["rev"]
    assert {hook["id"] for hook in repo["hooks"]} <= published


# --- the workflow, run ------------------------------------------------------------------------


def test_workflow_on_clean_records(tmp_path: Path) -> None:
    records(tmp_path, broken=False)
    failed, ran = run_workflow(tmp_path)
    assert not failed, ran
    assert [r.returncode for r in ran] == [0, 0]
    assert ran[0].stdout == "0 errors, 0 warnings in 1 file\n"
    log = assert_valid_sarif(tmp_path / "mocctl.sarif")
    assert log["runs"][0]["results"] == []


def test_workflow_on_a_misspelt_key(tmp_path: Path) -> None:
    line = records(tmp_path, broken=True)
    failed, ran = run_workflow(tmp_path)
    assert failed
    check, sarif = ran  # the SARIF step still ran after the check failed
    assert check.returncode == 1
    annotation = (
        f"::error file=records/example-moc/memorandum.yaml,line={line},col=1,title=MOC103::"
    )
    assert any(out.startswith(annotation) for out in check.stdout.splitlines()), check.stdout
    assert sarif.returncode == 0
    log = assert_valid_sarif(tmp_path / "mocctl.sarif")
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "MOC103"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "records/example-moc/memorandum.yaml"
    assert location["region"]["startLine"] == line


def test_workflow_in_a_working_directory(tmp_path: Path) -> None:
    """Annotations are relative to the repository root even when the step runs below it."""
    sub = tmp_path / "agreements"
    sub.mkdir()
    line = records(sub, broken=True)
    env = shell_env(tmp_path, GITHUB_ACTIONS="true", GITHUB_WORKSPACE=str(tmp_path))
    check = next(step["run"] for step in STEPS if step.get("run", "").strip() == "mocctl validate")
    done = sh(check, sub, env)
    assert done.returncode == 1
    assert f"::error file=agreements/records/example-moc/memorandum.yaml,line={line}," in (
        done.stdout
    )


# --- the GitLab job, run ----------------------------------------------------------------------


def test_gitlab_job_on_clean_records(tmp_path: Path) -> None:
    records(tmp_path, broken=False)
    failed, ran = run_gitlab(tmp_path)
    assert not failed, ran
    assert ran[-1].stdout == "0 errors, 0 warnings in 1 file\n"
    (artifact,) = GITLAB["mocctl"]["artifacts"]["paths"]
    assert json.loads((tmp_path / artifact).read_text(encoding="utf-8")) == []


def test_gitlab_job_on_a_misspelt_key(tmp_path: Path) -> None:
    line = records(tmp_path, broken=True)
    failed, ran = run_gitlab(tmp_path)
    assert failed
    assert [r.returncode for r in ran] == [0, 1]
    assert f"records/example-moc/memorandum.yaml:{line}:1: error MOC103" in ran[-1].stdout, ran[
        -1
    ].stdout
    assert "\x1b[" not in ran[-1].stdout
    assert GITLAB["mocctl"]["artifacts"]["when"] == "always"
    (artifact,) = GITLAB["mocctl"]["artifacts"]["paths"]
    findings = json.loads((tmp_path / artifact).read_text(encoding="utf-8"))
    assert ("MOC103", line) in [(f["code"], f["line"]) for f in findings]


@pytest.mark.parametrize("block", sorted(BLOCKS))
def test_every_yaml_block_is_tested(block: str) -> None:
    assert block in {".github/workflows/records.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"}
