"""What the portfolio benchmarks share: CPU time of a child, interleaved pairs, the machine.

Every number is the CPU time (user + system) of one child process, read with ``os.wait4``, so
that other work on a shared machine slows the wall clock, not the figure. A command is always
measured against its baseline in interleaved pairs (A B A B …), and reported as the median,
minimum and maximum over the pairs, with the median of the per-pair ratios. Peak RSS is the
child's ``ru_maxrss``.

``python benchmarks/measure.py libyaml ROOT`` is the bare-libyaml baseline: find the record
files below ROOT as mocctl does (every *.yaml / *.yml outside hidden, ``documents`` and
``templates`` folders) and load every document with PyYAML's ``CSafeLoader``; nothing else.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
MOCCTL = (PYTHON, "-m", "mocctl")
DEVNULL = subprocess.DEVNULL


@dataclass(frozen=True)
class Sample:
    cpu: float  # seconds, user + system
    rss_kb: int
    code: int


def run_child(
    command: Sequence[str], env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Sample:
    """Run ``command`` with its output thrown away; its CPU time, peak RSS and exit code."""
    process = subprocess.Popen(
        list(command), stdout=DEVNULL, stderr=DEVNULL, env=dict(env or os.environ), cwd=cwd
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return Sample(usage.ru_utime + usage.ru_stime, usage.ru_maxrss, process.returncode)


@dataclass
class Series:
    name: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def cpu(self) -> list[float]:
        return [s.cpu for s in self.samples]

    def row(self, baseline: Series | None = None) -> str:
        cpu = self.cpu
        text = (
            f"| {self.name} | {statistics.median(cpu):.3f} s | {min(cpu):.3f} s | "
            f"{max(cpu):.3f} s | {max(s.rss_kb for s in self.samples) / 1024:.0f} MB |"
        )
        if baseline is not None:
            ratios = [a / b for a, b in zip(cpu, baseline.cpu, strict=False) if b > 0]
            text += f" {statistics.median(ratios):.2f}× |"
        else:
            text += " 1.00× |"
        return text


HEADER = "| command | median CPU | min | max | peak RSS | × baseline (median of pairs) |\n"
HEADER += "|---|---:|---:|---:|---:|---:|"


def pairs(
    commands: Sequence[tuple[str, Sequence[str], Mapping[str, str] | None]],
    count: int,
    before_each: Mapping[str, object] | None = None,
) -> list[Series]:
    """Each of ``commands`` run ``count`` times, interleaved: 1 2 3 1 2 3 …; the first one is
    the baseline. ``before_each[name]``, when given, is called before each run of ``name``."""
    series = [Series(name) for name, _, _ in commands]
    for _ in range(count):
        for (name, command, env), found in zip(commands, series, strict=True):
            prepare = (before_each or {}).get(name)
            if callable(prepare):
                prepare()
            found.samples.append(run_child(command, env))
    return series


def table(series: Sequence[Series], baseline: int = 0) -> str:
    lines = [HEADER]
    for index, found in enumerate(series):
        lines.append(found.row(None if index == baseline else series[baseline]))
    return "\n".join(lines)


def machine() -> str:
    """The machine, the interpreter and the packages measured, and how busy it was."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for name in ("mocctl", "ruamel.yaml", "pydantic", "PyYAML", "yamllint", "check-jsonschema"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{platform.platform()}; {cpu}; {os.cpu_count()} CPUs; "
        f"Python {platform.python_version()}; " + ", ".join(versions) + f"; load average {load}"
    )


def compile_bytecode() -> str:
    """Compile mocctl's modules to bytecode, as ``pip install`` does, and say so.

    An editable install leaves that to the first import, which does not happen at all where
    ``PYTHONDONTWRITEBYTECODE`` is set (as on the development machines): every child would then
    compile ~70 modules from source, 60-90 ms of CPU that no installed copy ever spends.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("mocctl")
    assert spec is not None and spec.origin is not None
    folder = Path(spec.origin).parent
    compileall.compile_dir(folder, quiet=1)
    return f"bytecode: mocctl's modules compiled in {folder} (as pip install does)"


def main(
    bench: Callable[..., str], args: list[str], default: int, flags: Sequence[str] = ()
) -> None:
    """``[--pairs P] [FLAG…] [N…]``: the machine, ``bench(N, P, *flags given)`` for each N
    (``default`` when none), the machine again (its load may have changed)."""
    rounds, given, counts = 15, dict.fromkeys(flags, False), []
    while args:
        word = args.pop(0)
        if word == "--pairs":
            rounds = int(args.pop(0))
        elif word in given:
            given[word] = True
        else:
            counts.append(int(word))
    print("Machine:", machine())
    print(compile_bytecode(), "\n")
    for count in counts or [default]:
        print(bench(count, rounds, *given.values()), flush=True)
    print("After:", machine())


def record_files(root: Path) -> list[str]:
    found = []
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(
            f for f in folders if not f.startswith(".") and f not in ("documents", "templates")
        )
        found += [
            os.path.join(folder, name)  # noqa: PTH118 - os.walk gives text
            for name in sorted(files)
            if name.endswith((".yaml", ".yml")) and not name.startswith(".")
        ]
    return found


def libyaml_load(root: Path) -> int:
    import yaml  # type: ignore[import-untyped]  # PyYAML, for the baseline only

    documents = 0
    for name in record_files(root):
        with open(name, "rb") as file:  # noqa: PTH123
            documents += sum(1 for _ in yaml.load_all(file.read(), Loader=yaml.CSafeLoader))
    return documents


LIBYAML = (PYTHON, str(HERE / "measure.py"), "libyaml")
PYTHON_M_HOOK = (PYTHON, "-m", "mocctl.commands.precommit")


if __name__ == "__main__":
    if sys.argv[1:2] == ["libyaml"]:
        print(libyaml_load(Path(sys.argv[2])))
    else:
        print(machine())
