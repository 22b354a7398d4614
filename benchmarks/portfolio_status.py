"""Benchmark: ``mocctl status --format json`` over N memoranda (issue 11: a portfolio).

Usage: python benchmarks/portfolio_status.py [N ...]   (default: 300 3000)

Each memorandum is a copy of the Japan–UK memorandum under a new id (FICTIONAL records): a third
in force with nothing pending, a third with a notice of discontinuation received on a date that
varies with the memorandum, a third with a notice and a modification, each with two activities.
Prints the number of JSON objects, the wall-clock and the CPU time of one
``mocctl status --format json`` process (start-up included; CPU time is the steadier number on
a shared machine), and the CPU time per memorandum.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEMO = (ROOT / "records" / "jp-uk-quantum-2025" / "memorandum.yaml").read_text(encoding="utf-8")
AS_OF = "2027-03-01"

NOTICE = """\
# FICTIONAL
apiVersion: mocctl/v1
kind: Notice
id: notice-{i}
type: discontinuation
by: UK
dated: {received}
received: {received}
"""
MODIFICATION = """\
# FICTIONAL
apiVersion: mocctl/v1
kind: Modification
id: mod-{i}
title: Fictional modification
consents: [{{side: JP, date: 2026-03-02}}, {{side: UK, date: 2026-03-05}}]
effective: 2026-04-01
changes:
  - op: add_area
    area: {{id: extra-area, title: Extra area, text: "Exploring a fictional area."}}
"""
ACTIVITY = """\
# FICTIONAL
apiVersion: mocctl/v1
kind: Activity
id: activity-{i}-{k}
title: Fictional activity {k}
areas: [research-dialogue]
start: 2025-10-01
end: {end}
"""


def build(root: Path, count: int) -> None:
    for i in range(count):
        folder = root / f"memo-{i:04d}"
        folder.mkdir(parents=True)
        (folder / "memorandum.yaml").write_text(
            MEMO.replace("id: jp-uk-quantum-2025", f"id: memo-{i:04d}", 1), encoding="utf-8"
        )
        if i % 3:
            received = dt.date(2026, 12, 1) + dt.timedelta(days=i % 90)
            (folder / "notice.yaml").write_text(
                NOTICE.format(i=i, received=received), encoding="utf-8"
            )
        if i % 3 == 2:
            (folder / "modification.yaml").write_text(MODIFICATION.format(i=i), encoding="utf-8")
        for k in range(2):
            end = dt.date(2027, 3, 1) + dt.timedelta(days=(i * 7 + k * 100) % 700)
            (folder / f"activity-{k}.yaml").write_text(
                ACTIVITY.format(i=i, k=k, end=end), encoding="utf-8"
            )


def measure(root: Path) -> tuple[int, float, float]:
    """(objects, wall-clock seconds, CPU seconds of the child) of one run."""
    env = {**os.environ, "MOCCTL_NO_CACHE": "1", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "mocctl", "--records", str(root), "--as-of", AS_OF]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "status", "--format", "json"], capture_output=True, check=False, env=env
    )
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(done.stderr.decode()[-2000:])
    return len(json.loads(done.stdout)), took, cpu


def main(counts: list[int]) -> None:
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            build(root, count)
            runs = [measure(root) for _ in range(2)]
            objects = runs[0][0]
            took = min(run[1] for run in runs)
            cpu = min(run[2] for run in runs)
            assert objects == count, (objects, count)
            print(
                f"{count:5d} memoranda: {objects:5d} objects; wall {took:6.2f} s, "
                f"CPU {cpu:6.2f} s ({cpu / count * 1000:.2f} ms CPU per memorandum; "
                "start-up included; best of 2)"
            )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [300, 3000])
