"""Benchmark: ``mocctl status --format json`` over N memoranda (issue 11: a portfolio).

Usage: python benchmarks/portfolio_status.py [--pairs P] [N ...]   (default: 15 pairs, 300)

Each memorandum is a copy of the Japan–UK memorandum under a new id (FICTIONAL records): a third
in force with nothing pending, a third with a notice of discontinuation received on a date that
varies with the memorandum, a third with a notice and a modification, each with two activities.
``mocctl --no-cache status --format json`` (every memorandum read, nothing kept) is run in P
interleaved rounds with ``mocctl --no-cache validate`` of the same corpus, its baseline (issue 12:
within 1.2× of it); CPU time of the child (benchmarks/measure.py), median, minimum, maximum,
peak RSS and the median of the per-round ratios.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402
import measure  # noqa: E402

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
            (folder / "modification.yaml").write_text(
                corpus.MODIFICATION.format(i=i), encoding="utf-8"
            )
        for k in range(2):
            end = dt.date(2027, 3, 1) + dt.timedelta(days=(i * 7 + k * 100) % 700)
            (folder / f"activity-{k}.yaml").write_text(
                ACTIVITY.format(i=i, k=k, end=end), encoding="utf-8"
            )


def bench(count: int, rounds: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "records"
        build(root, count)
        env = {k: v for k, v in os.environ.items() if not k.startswith("MOCCTL_")}
        env.update(NO_COLOR="1", MOCCTL_CACHE_DIR=str(Path(tmp) / "cache"))
        common = (*measure.MOCCTL, "--no-cache", "--records", str(root), "--as-of", AS_OF)
        done = subprocess.run(
            [*common, "status", "--format", "json"], capture_output=True, check=False, env=env
        )
        assert len(json.loads(done.stdout)) == count, done.stderr[-2000:]
        series = measure.pairs(
            [
                ("`mocctl --no-cache validate` (baseline)", (*common, "validate"), env),
                (
                    "`mocctl --no-cache status --format json`",
                    (*common, "status", "--format", "json"),
                    env,
                ),
            ],
            rounds,
        )
        title = f"**{count:,} memoranda**, {rounds} interleaved rounds"
        return title + "\n\n" + measure.table(series) + "\n"


if __name__ == "__main__":
    measure.main(bench, sys.argv[1:], 300)
