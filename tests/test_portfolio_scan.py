"""Portfolio ``status``, memorandum by memorandum (issue 12): the same output and exit code as
reading every record at once, cold, warm (from the result cache) and with ``--no-cache``, on
FICTIONAL corpora (benchmarks/corpus.py: with many mistakes; benchmarks/portfolio_status.py:
memoranda in every state)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import Result

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[1]


def _benchmark(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=["mistakes", "states"])
def portfolio(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    root = tmp_path / "records"
    if request.param == "mistakes":
        _benchmark("corpus").build(root, 15, mistakes=True)
    else:
        _benchmark("portfolio_status").build(root, 15)
    (root / "stray.yaml").write_text("a: 1\n")  # a finding outside every memorandum folder
    return root


ARGS = [
    ("status",),
    ("status", "--format", "json"),
    ("status", "--state", "in_force,discontinuation_pending"),
    ("status", "--format", "json", "--side", "JP", "--due-within", "200d"),
    ("status", "--due-within", "400d", "--exit-code"),
]


@pytest.mark.parametrize("args", ARGS, ids=lambda a: " ".join(a[1:]) or "plain")
def test_the_same_as_reading_everything_at_once(
    run: Run, portfolio: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    common = ("--records", str(portfolio), "--as-of", "2027-03-01")
    cold = run(*common, *args)
    warm = run(*common, *args)
    bare = run("--no-cache", *common, *args)
    monkeypatch.setattr("mocctl.commands.status._portfolio", lambda *_: None)
    before = run("--no-cache", *common, *args)
    assert before.exit_code in (0, 1), before.stderr
    for result in (cold, warm, bare):
        assert (result.exit_code, result.stdout, result.stderr) == (
            before.exit_code,
            before.stdout,
            before.stderr,
        )


def test_one_memorandum_still_gets_its_panel(run: Run, portfolio: Path) -> None:
    for folder in sorted(portfolio.iterdir())[1:]:
        if folder.is_dir():
            for file in folder.rglob("*"):
                if file.is_file():
                    file.unlink()
    result = run("--records", str(portfolio), "--as-of", "2027-03-01", "status")
    assert "Memoranda as of" not in result.stdout


def test_one_memorandum_is_read_once(
    run: Run, records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``status`` with one memorandum shows its panel without scanning the folder first."""
    from mocctl.io import loader

    calls: list[Path] = []
    original = loader.load_folder

    def counted(folder: Path, findings: list[object]) -> object:
        calls.append(folder)
        return original(folder, findings)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "load_folder", counted)
    result = run("--records", str(records), "--no-cache", "status", "--as-of", "2026-11-29")
    assert result.exit_code in (0, 1), result.output
    assert "In force since 2025-04-28" in result.output
    assert len(calls) == 1, calls
