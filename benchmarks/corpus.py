"""A corpus of N FICTIONAL memoranda for the benchmarks and tests (never written into records/).

Usage: python benchmarks/corpus.py N FOLDER [--mistakes]

Each memorandum is the Japan–UK memorandum (records/jp-uk-quantum-2025/memorandum.yaml) under a
new id, with a fictional modification, notice, decision and six activities: ten documents in ten
files, so that every check runs. With ``mistakes``, every memorandum also carries some of a
rotating set of mistakes (a misspelt key, an impossible date, an unknown area, a duplicate key,
a YAML syntax error, a memorandum id used twice, a wrong hash, …), for the tests that compare
findings and positions before and after a change.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEMO_FILE = ROOT / "records" / "jp-uk-quantum-2025" / "memorandum.yaml"

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
NOTICE = """\
# FICTIONAL
apiVersion: mocctl/v1
kind: Notice
id: notice-{i}
type: discontinuation
by: UK
dated: 2027-01-08
received: 2027-01-10T16:30:00+00:00
"""
DECISION = """\
# FICTIONAL
apiVersion: mocctl/v1
kind: Decision
id: decision-{i}
title: Fictional decision
consents: [{{side: JP, date: 2027-02-01}}, {{side: UK, date: 2027-02-03}}]
effective: 2027-02-03
decides:
  - {{op: end_activity, activity: activity-{i}-0, end: 2027-09-30}}
"""
ACTIVITY = """\
# FICTIONAL
apiVersion: mocctl/v1
kind: Activity
id: activity-{i}-{k}
title: Fictional activity {k}
areas: [research-dialogue]
start: 2025-10-01
end: 2028-09-30
"""

# (file, text to find, replacement): one mistake each, applied to memoranda in rotation.
MISTAKES = (
    ("memorandum.yaml", "originals: 2", "orignals: 2"),
    ("activities/a1.yaml", "start: 2025-10-01", "start: 2025-02-30"),
    ("activities/a2.yaml", "areas: [research-dialogue]", "areas: [no-such-area]"),
    ("notices/notice.yaml", "by: UK", "by: UK\nby: JP"),
    ("activities/a3.yaml", "title: Fictional", "title: [Fictional"),
    ("decisions/decision.yaml", "activity: activity-", "activity: missing-activity-"),
    ("modifications/mod.yaml", "effective: 2026-04-01", "effective: 2024-01-01"),
    ("notices/notice.yaml", "type: discontinuation", "type: discontinuation\nform: oral"),
    ("activities/a4.yaml", "id: activity-", "id: Activity "),
    ("memorandum.yaml", "legally_binding: false", "legally_binding: no"),
    ("activities/a5.yaml", "end: 2028-09-30", "end: 2025-01-01"),
)


def files_of(i: int, memo: str) -> dict[str, str]:
    """The files of memorandum ``i``: relative path → text."""
    files = {
        "memorandum.yaml": memo.replace("id: jp-uk-quantum-2025", f"id: memo-{i:04d}", 1),
        "modifications/mod.yaml": MODIFICATION.format(i=i),
        "notices/notice.yaml": NOTICE.format(i=i),
        "decisions/decision.yaml": DECISION.format(i=i),
    }
    for k in range(6):
        files[f"activities/a{k}.yaml"] = ACTIVITY.format(i=i, k=k)
    return files


def with_mistakes(i: int, files: dict[str, str]) -> dict[str, str]:
    """``files`` with two or three of the mistakes, chosen by ``i``."""
    changed = dict(files)
    for step in (0, 3, 7)[: 2 + i % 2]:
        name, old, new = MISTAKES[(i + step) % len(MISTAKES)]
        changed[name] = changed[name].replace(old, new, 1)
    if i % 5 == 4:  # the id of the memorandum before it: MOC204 across folders
        changed["memorandum.yaml"] = changed["memorandum.yaml"].replace(
            f"id: memo-{i:04d}", f"id: memo-{i - 1:04d}", 1
        )
    if i % 7 == 3:  # a referenced document whose hash does not match
        changed["documents/letter.txt"] = f"Fictional letter {i}\n"
        changed["activities/a0.yaml"] += (
            "documents:\n  - path: documents/letter.txt\n    sha256: " + "ab" * 32 + "\n"
        )
    return changed


def build(root: Path, count: int, *, mistakes: bool = False) -> int:
    """Write ``count`` memorandum folders into ``root``; the number of documents written."""
    memo = MEMO_FILE.read_text(encoding="utf-8")
    documents = 0
    for i in range(count):
        folder = root / f"memo-{i:04d}"
        files = files_of(i, memo)
        if mistakes:
            files = with_mistakes(i, files)
        for relative, text in files.items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            documents += relative.endswith(".yaml")
    return documents


def yaml_files(root: Path) -> list[Path]:
    """Every record file of a corpus, in a stable order."""
    return sorted(p for p in root.rglob("*.yaml") if "documents" not in p.parts)


if __name__ == "__main__":
    build(Path(sys.argv[2]), int(sys.argv[1]), mistakes="--mistakes" in sys.argv[3:])
