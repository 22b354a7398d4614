"""Shared fixtures: records written into a temporary folder, and the CLI runner.

Records written by these fixtures are FICTIONAL test data, except the memorandum itself, which
is copied from records/jp-uk-quantum-2025/memorandum.yaml.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner, Result

from mocctl.cli import app

# typer's CliRunner builds the click command from the app on every invoke, evaluating every
# annotation again (most of a small test's time); a `mocctl` process builds it once, and so does
# the suite. Another app (a test's own typer.Typer) is still built on each call.
_COMMAND = typer.main.get_command(app)
_build = typer.testing._get_command
typer.testing._get_command = lambda typer_app: _COMMAND if typer_app is app else _build(typer_app)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MEMORANDUM = ROOT / "records" / "jp-uk-quantum-2025" / "memorandum.yaml"

WriteRecord = Callable[[str, str], Path]


@pytest.fixture(autouse=True)
def _cache_in_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test (and every mocctl it starts) caches in a fresh temporary folder, never in the
    user's cache (docs/cache.md)."""
    folder = tmp_path_factory.mktemp("mocctl-cache")
    monkeypatch.setenv("MOCCTL_CACHE_DIR", str(folder))
    monkeypatch.delenv("MOCCTL_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """A records folder holding a copy of the Japan–UK memorandum, as ``records/jp-uk/``."""
    folder = tmp_path / "records" / "jp-uk"
    folder.mkdir(parents=True)
    shutil.copy(DEFAULT_MEMORANDUM, folder / "memorandum.yaml")
    return tmp_path / "records"


@pytest.fixture
def memo_dir(records: Path) -> Path:
    return records / "jp-uk"


def harmonise_names(memo_dir: Path) -> None:
    """Write DSIT's name one way throughout the copy, so that it has no MOC401 warning.

    The signed text names it "Department of …" on the title page and "Department for …" in
    Paragraph 1; tests that want records without any finding use this.
    """
    memo = memo_dir / "memorandum.yaml"
    text = memo.read_text(encoding="utf-8")
    text = text.replace("Department of Science", "Department for Science")
    # ... and without the acceptance of that warning, which would match nothing (MOC326).
    text = text.split("\n# Findings of `mocctl validate` that are known and accepted")[0]
    memo.write_text(text, encoding="utf-8")


@pytest.fixture
def write(memo_dir: Path) -> WriteRecord:
    """Write dedented YAML to ``relative`` inside the memorandum folder."""

    def _write(relative: str, text: str) -> Path:
        path = memo_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    """Invoke the CLI in ``tmp_path`` with stable, colourless output."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("MOCCTL_RECORDS", raising=False)
    runner = CliRunner()

    def _run(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(
            app, list(args), env={"NO_COLOR": "1", "COLUMNS": "120", **(env or {})}
        )

    return _run
