"""Fuzz the CLI with mutated record trees: ``python benchmarks/fuzz.py N [--seed S] [--out DIR]``.

Each tree is one of the example record trees (``records/``, ``examples/*``) with one to four
mutations: keys misspelt, dropped or added; values replaced by another type (huge integers, lists,
maps, nulls, booleans, edge dates and periods); list items dropped or doubled; a document made a
list, a scalar or deeply nested; a file truncated, cut, spliced with random bytes or YAML's special
characters, emptied, removed or copied elsewhere. Every tree runs in-process through ``validate``,
``status``, ``timeline`` and ``text`` (the last three with ``--as-of``).

A *crash* is an exit code outside 0/1/2 or "internal error"/"Traceback" in the output; a *hang* is
a command still running after ``--hang`` seconds (interrupted by a timer). Each one's tree is kept
under ``--out`` with the command line. At the end (or on Ctrl-C) it prints the trees run, the
crashes and hangs with their distinct signatures, and the time. Ctrl-C or SIGTERM stops it after
the tree under way (never counted as a crash) and prints the same report.

``tests/hostile/test_fuzz.py`` runs the same mutations for a short while under hypothesis.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ("validate", "status", "timeline", "text")
AS_OF = ("2026-11-29", "2025-01-01", "9999-12-31", "0001-01-01", "2030-06-30")

Tree = dict[str, bytes]


def seeds() -> list[Tree]:
    """The example record trees, each as ``{relative path: bytes}``."""
    folders = [ROOT / "records" / "jp-uk-quantum-2025"]
    folders += sorted(p for p in (ROOT / "examples").iterdir() if (p / "memorandum.yaml").is_file())
    trees = []
    for folder in folders:
        trees.append(
            {
                str(path.relative_to(folder)): path.read_bytes()
                for path in sorted(folder.rglob("*"))
                if path.is_file() and path.suffix in (".yaml", ".yml", ".md", ".txt", ".j2")
            }
        )
    return trees


SPECIAL = [b"[", b"]", b"{", b"}", b",", b": ", b"- ", b"? ", b"#", b'"', b"'", b"|", b">",
           b"&a ", b"*a", b"!!python/object ", b"---\n", b"...\n", b"\t", b"\n", b"\x00", b"\xff",
           b"\xef\xbb\xbf", b"\r", b"\xe2\x80\xa8", b" " * 70, b"[" * 70, b"<<: *a\n"]  # fmt: skip

DATES: list[Any] = [
    dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2026, 2, 28), dt.date(2024, 2, 29),
    "2026-02-30", "2026-13-01", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-12:00",
    "2026-11-29T24:00:00Z", "yesterday", "", "2026-11-29 09:00 Asia/Tokyo",
    dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC),
]  # fmt: skip
PERIODS = ["P0M", "P-3M", "P3W", "p3m", "P3M1Y", "P9999Y", "P1000000M",
           "P99999999999999999999M", "P", "3 months", "PT3M"]  # fmt: skip
ZONES = ["Nowhere/City", "", "../../etc/passwd", "/etc/passwd", "UTC", "Asia/Tokyo", "zoneinfo",
         "Europe/", "\x00"]  # fmt: skip


def _values(rng: random.Random) -> Any:
    """A value of any type, often one at the edge of what a field accepts."""
    choice = rng.randrange(14)
    if choice == 0:
        return rng.choice(DATES)
    if choice == 1:
        return rng.choice(PERIODS)
    if choice == 2:
        return rng.choice(ZONES)
    if choice == 3:
        return int("9" * rng.choice((20, 400, 4000)))
    if choice == 4:
        return rng.choice([0, -1, 1, 2**63, -(2**63), 3.5, float("inf"), float("nan")])
    if choice == 5:
        return rng.choice([None, True, False, "yes", "no", "null", "~"])
    if choice == 6:
        return []
    if choice == 7:
        return {}
    if choice == 8:
        return [rng.choice(["a", 1, None, {"x": 1}])] * rng.randrange(1, 4)
    if choice == 9:
        return {"kind": ["notice"], "id": {"a": 1}}
    if choice == 10:
        return "x" * rng.choice((1, 100, 5000))
    if choice == 11:
        return rng.choice(["jp-uk-quantum-2025", "missing-id", "JP", "UK", "discontinuation"])
    if choice == 12:
        return "{{ 7 * 7 }}" if rng.random() < 0.5 else "\u202e\u200b\x1b[31m"
    return rng.choice(
        ["notice", "modification", "decision", "activity", "memorandum", "revocation"]
    )


def _nodes(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    found = [(path, data)]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _nodes(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _nodes(value, (*path, index))
    return found


def _structural(rng: random.Random, data: Any) -> Any:
    """One change to parsed YAML: a key, a value's type, a date, the structure."""
    nodes = _nodes(data)
    path, node = rng.choice(nodes)
    op = rng.randrange(8)
    if op == 0 and isinstance(node, dict) and node:  # misspell, drop or add a key
        key = rng.choice(list(node))
        how = rng.randrange(3)
        value = node.pop(key)
        if how == 0:
            node[f"{key}"[:-1] + "x" if str(key) else "x"] = value
        elif how == 1:
            node[rng.choice(["unknown", "kind", "id", "effective", "received", 7, None])] = value
            node[key] = value
        return data
    if op == 1 and isinstance(node, list) and node:  # drop or double an item
        index = rng.randrange(len(node))
        if rng.random() < 0.5:
            del node[index]
        else:
            node.insert(index, node[index])
        return data
    if op == 2:  # wrap the whole document
        return rng.choice([[data], None, "text", 42, {"a": data}, [data, data]])
    if op == 3:  # nest a value a hundred deep
        deep: Any = node
        for _ in range(rng.choice((10, 100))):
            deep = [deep] if rng.random() < 0.5 else {"k": deep}
        return _replace(data, path, deep)
    return _replace(data, path, _values(rng))


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return data


def _textual(rng: random.Random, data: bytes) -> bytes:
    """One change to the bytes: cut, doubled, special characters, random bytes, truncation."""
    start = rng.randrange(len(data) + 1)
    end = min(len(data), start + rng.randrange(200))
    op = rng.randrange(5)
    if op == 0:
        return data[:start] + data[end:]
    if op == 1:
        return data[:end] + data[start:end] + data[end:]
    if op == 2:
        return data[:start] + b"".join(rng.choices(SPECIAL, k=rng.randrange(1, 6))) + data[end:]
    if op == 3:
        return data[:start] + rng.randbytes(rng.randrange(1, 20)) + data[end:]
    return data[:start]


def _dump(data: Any) -> bytes:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    out = io.StringIO()
    try:
        yaml.dump(data, out)
    except Exception:  # a value the safe dumper cannot write (nan keys…): keep the text
        return b""
    return out.getvalue().encode("utf-8")


def _load(text: bytes) -> Any:
    from ruamel.yaml import YAML

    try:
        return YAML(typ="safe", pure=True).load(text)
    except Exception:
        return None


def mutate(rng: random.Random, trees: list[Tree]) -> Tree:
    """A copy of one of ``trees`` with one to four mutations."""
    tree = dict(rng.choice(trees))
    for _ in range(rng.randrange(1, 5)):
        name = rng.choice(sorted(tree))
        op = rng.randrange(10)
        if op < 5 and name.endswith((".yaml", ".yml")):
            data = _load(tree[name])
            if data is not None:
                dumped = _dump(_structural(rng, data))
                if dumped:
                    tree[name] = dumped
        elif op < 8:
            tree[name] = _textual(rng, tree[name])
        elif op == 8:
            if len(tree) > 1 and rng.random() < 0.5:
                del tree[name]
            else:
                tree[rng.choice(["notices/empty.yaml", "x.yaml", "memorandum.yml"])] = b""
        else:
            tree[rng.choice(["notices/", "modifications/", "activities/", "decisions/", ""])
                 + f"copy-{rng.randrange(99)}.yaml"] = tree[name]  # fmt: skip
    return tree


def write_tree(tree: Tree, root: Path) -> Path:
    """The tree as ``root/records/m/…``; returns ``root/records``."""
    records = root / "records"
    for name, data in tree.items():
        path = records / "m" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return records


def command_lines(rng: random.Random, records: Path) -> list[list[str]]:
    as_of = rng.choice(AS_OF)
    lines = []
    for command in COMMANDS:
        args = ["--records", str(records), command]
        if command != "validate":
            args += ["--as-of", as_of]
        lines.append(args)
    return lines


class Hang(BaseException):
    """Raised by the timer inside a command that runs too long (not caught as an error)."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang


def runner() -> Callable[[list[str]], tuple[int, str]]:
    """Run the CLI in-process: ``(exit code, stdout + stderr)``."""
    import typer.main
    import typer.testing
    from typer.testing import CliRunner

    from mocctl.cli.app import app

    # typer's runner builds the click command from the app on every call (evaluating every
    # annotation: 80% of the time of a small tree); build it once, as one `mocctl` process does.
    command = typer.main.get_command(app)
    build = typer.testing._get_command
    typer.testing._get_command = lambda typer_app: command if typer_app is app else build(typer_app)
    cli = CliRunner()
    env = {"NO_COLOR": "1", "COLUMNS": "120", "MOCCTL_NO_CACHE": "1"}

    def run(args: list[str]) -> tuple[int, str]:
        result = cli.invoke(app, args, env=env)
        return result.exit_code, result.output

    return run


def crashed(code: int, output: str) -> str | None:
    """The signature of a crash, or ``None``."""
    if "internal error" in output:
        line = next(line for line in output.splitlines() if "internal error" in line)
        return line.split("internal error:", 1)[1].strip()[:120]
    if "Traceback (most recent call last)" in output:
        return "traceback: " + output.strip().splitlines()[-1][:120]
    if code not in (0, 1, 2):
        return f"exit {code}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many trees")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hang", type=float, default=10.0, help="seconds per command")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "mocctl-fuzz")
    parser.add_argument("--every", type=int, default=1000, help="progress line every N trees")
    options = parser.parse_args(argv)
    rng = random.Random(options.seed)
    trees = seeds()
    run = runner()
    signal.signal(signal.SIGALRM, _alarm)
    stop: list[int] = []  # Ctrl-C or SIGTERM: finish the tree under way, then report
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda number, frame: stop.append(number))
    crashes: Counter[str] = Counter()
    codes: Counter[int] = Counter()
    hangs = 0
    done = 0
    start = time.monotonic()
    slowest = 0.0
    work = Path(tempfile.mkdtemp(prefix="mocctl-fuzz-"))
    old = Path.cwd()
    os.chdir(work)
    try:
        for number in range(options.n):
            if stop:
                break
            tree = mutate(rng, trees)
            root = work / "t"
            records = write_tree(tree, root)
            for args in command_lines(rng, records):
                began = time.monotonic()
                signal.setitimer(signal.ITIMER_REAL, options.hang)
                try:
                    code, output = run(args)
                    codes[code] += 1
                    signature = crashed(code, output)
                except Hang:
                    signature, output = "hang", ""
                    hangs += 1
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                slowest = max(slowest, time.monotonic() - began)
                if signature is not None:
                    if signature != "hang":
                        crashes[signature] += 1
                    keep = options.out / f"{number:07d}-{args[2]}"
                    shutil.copytree(records, keep / "records", dirs_exist_ok=True)
                    (keep / "command.txt").write_text(
                        " ".join(["mocctl", *args[2:]]) + f"\n{signature}\n{output[-2000:]}\n",
                        encoding="utf-8",
                    )
            shutil.rmtree(root)
            done = number + 1
            if done % options.every == 0:
                print(
                    f"{done} trees, {sum(crashes.values())} crashes, {hangs} hangs, "
                    f"{time.monotonic() - start:.0f} s",
                    flush=True,
                )
    except KeyboardInterrupt:
        pass
    finally:
        os.chdir(old)
        shutil.rmtree(work, ignore_errors=True)
    seconds = time.monotonic() - start
    print(f"trees run: {done} (seed {options.seed}, {len(COMMANDS)} commands each)")
    print(f"crashes: {sum(crashes.values())} ({len(crashes)} distinct)")
    for signature, count in crashes.most_common():
        print(f"  {count:6d}  {signature}")
    print(f"hangs (> {options.hang:g} s): {hangs}")
    print("exit codes: " + ", ".join(f"{c}: {n}" for c, n in sorted(codes.items())))
    print(f"slowest command: {slowest:.2f} s")
    print(f"time: {seconds:.0f} s ({done / seconds if seconds else 0:.1f} trees/s)")
    if crashes or hangs:
        print(f"reproducers: {options.out}")
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
