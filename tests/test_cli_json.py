"""``--format json`` is honoured or refused by every command: run on each example of the help."""

from __future__ import annotations

import json
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.test_cli_tree import walk
from typer.testing import Result

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[1]

# Commands known to ignore --format json: each is a bug to fix in the module named.
IGNORES_JSON: dict[str, str] = {}


def help_examples() -> list[str]:
    found: dict[str, None] = {}
    for _, command in walk():
        for line in (command.epilog or "").splitlines()[1:]:
            found[line.strip().removeprefix("$ ").split(" > ")[0]] = None
    return list(found)


def params() -> list[object]:
    return [
        pytest.param(e, marks=pytest.mark.xfail(strict=True, reason=IGNORES_JSON[e]))
        if e in IGNORES_JSON
        else e
        for e in help_examples()
    ]


@pytest.mark.parametrize("example", params())
def test_json_is_honoured_or_refused(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example: str
) -> None:
    work = tmp_path / "work"
    shutil.copytree(ROOT / "examples", work / "examples")
    shutil.copytree(ROOT / "records", work / "records")
    (work / "areas.yaml").write_text(
        "id: quantum-biology\ntitle: Quantum biology\ntext: Fictional.\n", encoding="utf-8"
    )
    monkeypatch.chdir(work)
    result = run(*shlex.split(example)[1:], "--format", "json")
    if result.exit_code == 2:
        assert "--format json" in result.stderr, result.output
        return
    assert result.exit_code in (0, 1), result.output
    words = shlex.split(example)
    if "-o" in words and not result.stdout:  # the output went to the file named
        json.loads((work / words[words.index("-o") + 1]).read_text(encoding="utf-8"))
        return
    json.loads(result.stdout)
