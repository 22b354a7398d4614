"""The mocctl command looks for no pydantic plugins (mocctl.commands.plugins)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def test_a_cold_status_validates_without_looking_for_plugins(tmp_path: Path) -> None:
    code = (
        "import sys, io, contextlib\n"
        "sys.argv = ['mocctl', '--no-cache', '--records', "
        f"{str(ROOT / 'records')!r}, 'status', '--as-of', '2026-11-29']\n"
        "from mocctl.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out: code = main()\n"
        "print(code, 'Japan' in out.getvalue(), 'importlib.metadata' in sys.modules)\n"
    )
    assert _python(code, tmp_path) == "0 True False"


def test_anything_else_asked_of_the_loader_comes_from_the_real_one(tmp_path: Path) -> None:
    code = (
        "from mocctl.commands.plugins import without_plugins\n"
        "without_plugins()\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "print(tuple(get_plugins()))\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP\n"
        "print(PYDANTIC_ENTRY_POINT_GROUP)\n"
    )
    assert _python(code, tmp_path) == "pydantic"


def test_once_pydantic_has_looked_nothing_changes(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import pydantic.plugin._loader as real\n"
        "from mocctl.commands.plugins import without_plugins\n"
        "without_plugins()\n"
        "print(sys.modules['pydantic.plugin._loader'] is real)\n"
    )
    assert _python(code, tmp_path) == "True"


def test_the_pre_commit_hook_validates_without_looking_for_plugins() -> None:
    memorandum = "records/jp-uk-quantum-2025/memorandum.yaml"  # as pre-commit names it
    code = (
        "import sys, io, contextlib\n"
        "from mocctl.commands.precommit import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    code = main(['--no-cache', {memorandum!r}])\n"
        "print(code, 'MOC401' in out.getvalue(), 'pydantic.main' in sys.modules,"
        " 'importlib.metadata' in sys.modules)\n"
    )
    assert _python(code, ROOT) == "0 True True False"
