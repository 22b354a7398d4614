"""A JSON list of findings (SPEC §4, contract)."""

from __future__ import annotations

import json

from mocctl.reporters import Report


def render(report: Report) -> str:
    return json.dumps([f.to_json() for f in report.findings], indent=2, ensure_ascii=False) + "\n"
