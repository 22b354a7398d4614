"""``mocctl diff``: what changed in the text, areas and terms between two dates."""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from typing import Any

from mocctl.core.history import History
from mocctl.core.memoranda import MemorandumRecords
from mocctl.errors import UsageError
from mocctl.model.records import (
    AddArea,
    AmendArea,
    Decision,
    InsertText,
    Modification,
    RemoveArea,
    RemoveText,
    ReplaceText,
)
from mocctl.model.terms import SetTerm
from mocctl.render.output import write_json
from mocctl.settings import Settings, parse_date

CONTEXT_LINES = 2


def run(settings: Settings, memorandum_id: str | None, start: str | None, end: str | None) -> int:
    from mocctl.commands.common import exit_code, one_memorandum, open_workspace, report_findings
    from mocctl.render import text as textview

    fmt = settings.output_format(("text", "json"))
    space = open_workspace(settings, known_on=settings.today)
    loaded = space.loaded
    records = one_memorandum(loaded, memorandum_id)
    seen = space.history(records)
    known = settings.today
    first = parse_date(start, "--from") if start else _signed(seen)
    last = parse_date(end, "--to") if end else known
    if first > last:
        raise UsageError(
            f"--from {first} is after --to {last}", hint="give the earlier date with --from"
        )
    before = seen.text_on(first)
    after = seen.text_on(last)
    changes = textview.compare(before, after)
    responsible = _responsible(
        records, changes, [c for c in after.applied if c not in before.applied]
    )
    if fmt == "json":
        write_json(
            {
                "id": records.id,
                "from": first,
                "to": last,
                "as_of": known,
                "records": responsible,
                "changes": changes,
                "findings": [f.to_json() for f in space.findings_of(records)],
            }
        )
        return exit_code(loaded.findings)
    old = textview.body_markdown(before).splitlines(keepends=True)
    new = textview.body_markdown(after).splitlines(keepends=True)
    lines = list(
        difflib.unified_diff(
            old,
            new,
            f"{records.id} as in force on {first}",
            f"{records.id} as in force on {last}",
            n=CONTEXT_LINES,
        )
    )
    out = sys.stdout
    if not lines:
        out.write(
            f"No change to the text, areas or terms of {records.id} between {first} "
            f"and {last} (records known as of {known}).\n"
        )
    else:
        out.writelines(line if line.endswith("\n") else line + "\n" for line in lines)
    if responsible:
        out.write(f"\nChanged between {first} and {last} by:\n")
        for item in responsible:
            did = "; ".join(item["did"]) or "no change to the text"
            out.write(
                f"- {item['id']} ({item['kind']} “{item['title']}”), with effect from "
                f"{item['effective']}: {did}\n"
            )
    report_findings(loaded.findings)
    return exit_code(loaded.findings)


def _signed(seen: History) -> dt.date:
    if seen.commenced is None:
        raise UsageError(f"{seen.id} has not commenced as of {seen.as_of}; give --from DATE")
    return seen.commenced


def _responsible(
    records: MemorandumRecords, changes: list[dict[str, Any]], applied: list[str]
) -> list[dict[str, Any]]:
    """The records applied between the two dates, in order, with what each changed."""
    by_id: dict[str, Modification | Decision] = {c.id: c for c in records.modifications}
    by_id.update({c.id: c for c in records.decisions})
    result = []
    for record_id in applied:
        record = by_id[record_id]
        order = _targets(record)
        mine = [c for c in changes if any(p["record"] == record_id for p in c["by"])]
        mine.sort(key=lambda c: _position(order, (c["part"], c["id"])))
        did = [_described(c) for c in mine]
        result.append(
            {
                "id": record_id,
                "kind": type(record).__name__,
                "title": record.title,
                "effective": record.effective,
                "did": did,
            }
        )
    return result


def _described(change: dict[str, Any]) -> str:
    if change["part"] == "term":
        return f"set {change['id']} to {change['after']} (was {change['before']})"
    return f"{change['change']} {change['part']} {change['id']}"


def _position(order: list[tuple[str, str]], target: tuple[str, str]) -> int:
    return order.index(target) if target in order else len(order)


def _targets(record: Modification | Decision) -> list[tuple[str, str]]:
    """(part, id) of each change of ``record``, in the order the record writes them."""
    targets: list[tuple[str, str]] = []
    for item in record.items:
        if isinstance(item, AddArea | AmendArea):
            targets.append(("area", item.area.id))
        elif isinstance(item, RemoveArea):
            targets.append(("area", item.area))
        elif isinstance(item, ReplaceText | InsertText | RemoveText):
            targets.append(("section", item.section))
        elif isinstance(item, SetTerm):
            targets.append(("term", item.term))
    return targets
