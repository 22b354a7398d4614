"""Benchmark: ``mocctl validate`` over N memoranda of about ten documents each (SPEC §5).

Usage: python benchmarks/validate_many.py [N ...]   (default: 100 300 1000)

Each memorandum is a copy of the Japan–UK memorandum under a new id, with fictional notices,
activities, modifications and decisions, so that every check runs. Prints documents, files and
the best of three wall-clock times of one in-process validate run (no process start-up).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEMO = (ROOT / "records" / "jp-uk-quantum-2025" / "memorandum.yaml").read_text(encoding="utf-8")

EXTRA = {
    "modifications/mod.yaml": """\
apiVersion: mocctl/v1
kind: Modification
id: mod-{i}
title: Fictional modification
consents: [{{side: JP, date: 2026-03-02}}, {{side: UK, date: 2026-03-05}}]
effective: 2026-04-01
changes:
  - op: add_area
    area: {{id: extra-area, title: Extra area, text: "Exploring a fictional area."}}
""",
    "notices/notice.yaml": """\
apiVersion: mocctl/v1
kind: Notice
id: notice-{i}
type: discontinuation
by: UK
dated: 2027-01-08
received: 2027-01-10T16:30:00+00:00
""",
    "decisions/decision.yaml": """\
apiVersion: mocctl/v1
kind: Decision
id: decision-{i}
title: Fictional decision
consents: [{{side: JP, date: 2027-02-01}}, {{side: UK, date: 2027-02-03}}]
effective: 2027-02-03
decides:
  - {{op: end_activity, activity: activity-{i}-0, end: 2027-09-30}}
""",
}
ACTIVITY = """\
apiVersion: mocctl/v1
kind: Activity
id: activity-{i}-{k}
title: Fictional activity {k}
areas: [research-dialogue]
start: 2025-10-01
end: 2028-09-30
"""


def build(root: Path, count: int) -> int:
    documents = 0
    for i in range(count):
        folder = root / f"memo-{i:04d}"
        (folder / "activities").mkdir(parents=True)
        (folder / "memorandum.yaml").write_text(
            MEMO.replace("id: jp-uk-quantum-2025", f"id: memo-{i:04d}", 1), encoding="utf-8"
        )
        documents += 1
        for relative, text in EXTRA.items():
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_text(text.format(i=i), encoding="utf-8")
            documents += 1
        for k in range(6):
            (folder / "activities" / f"a{k}.yaml").write_text(
                ACTIVITY.format(i=i, k=k), encoding="utf-8"
            )
            documents += 1
    return documents


def main(counts: list[int]) -> None:
    from mocctl.commands.common import load_checked
    from mocctl.settings import Settings

    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            documents = build(root, count)
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                loaded = load_checked(Settings(records=root))
                best = min(best, time.perf_counter() - start)
            assert not [f for f in loaded.findings if f.severity.value == "error"], loaded.findings[
                :3
            ]
            print(
                f"{count:5d} memoranda, {documents:6d} documents, "
                f"{loaded.files_checked:6d} files: {best:6.2f} s "
                f"({best / documents * 1000:.2f} ms per document)"
            )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [100, 300, 1000])
