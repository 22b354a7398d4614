"""Benchmark: start-up time of ``mocctl`` commands against the imports they cannot avoid.

Usage: python benchmarks/startup.py [RUNS]   (default: 15)

SPEC §5: ``mocctl status`` on the default records within 1.5× the time Python takes just to
import typer, rich, pydantic and ruamel.yaml; ``--help`` and ``--version`` import none of
pydantic, ruamel.yaml or jinja2. Prints the median and minimum wall-clock time of each.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

CASES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import typer, rich, pydantic, ruamel.yaml": [
        sys.executable,
        "-c",
        "import typer, rich.console, rich.table, pydantic, ruamel.yaml",
    ],
    "import typer, rich, BaseModel, YAML": [
        sys.executable,
        "-c",
        "import typer, rich.console, rich.table; from pydantic import BaseModel; "
        "from ruamel.yaml import YAML",
    ],
    "mocctl --version": [sys.executable, "-m", "mocctl", "--version"],
    "mocctl --help": [sys.executable, "-m", "mocctl", "--help"],
    "mocctl status": [sys.executable, "-m", "mocctl", "status", "--as-of", "2026-11-29"],
    "mocctl validate": [sys.executable, "-m", "mocctl", "validate"],
}


def measure(command: list[str], runs: int) -> tuple[float, float]:
    times = []
    env = {**os.environ, "NO_COLOR": "1"}
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def main(runs: int) -> None:
    results = {name: measure(command, runs) for name, command in CASES.items()}
    base = results["import typer, rich, pydantic, ruamel.yaml"][0]
    for name, (median, best) in results.items():
        print(
            f"{name:45s} median {median * 1000:6.0f} ms  min {best * 1000:6.0f} ms  "
            f"({median / base:.2f}× the imports)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
