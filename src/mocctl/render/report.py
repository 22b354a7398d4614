"""``mocctl report``: one self-contained HTML page of a history, with a timeline picture in SVG.

A rendering: every date on the page comes from the histories it is given (the one as of T for
where the memorandum stands, the whole record for the picture, as ``timeline`` shows it). This
module only places those dates on an axis. The page has no external scripts, fonts, styles or
images; it is rendered by a sandboxed Jinja2 environment with autoescaping on, so record text
can never become markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from importlib import resources
from typing import Any

from mocctl.core import periods
from mocctl.core.history import History, NoticeStatus
from mocctl.findings import Finding
from mocctl.render.output import long_date, plural
from mocctl.render.picture import OPEN_ENDED, timeline_picture
from mocctl.render.portfolio import Row
from mocctl.render.status import STATE_WORDS, headline
from mocctl.render.text import markdown, view_of

# -- the picture ---------------------------------------------------------------------------------


# -- the page ------------------------------------------------------------------------------------


def _source(name: str) -> str | None:
    """A report template of the package (``report*.j2`` only), or None."""
    if not (name.startswith("report") and name.endswith(".j2") and "/" not in name):
        return None
    text: str = resources.files("mocctl").joinpath("templates", name).read_text(encoding="utf-8")
    return text


def _template(name: str) -> Any:
    from jinja2 import FunctionLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    environment = ImmutableSandboxedEnvironment(
        loader=FunctionLoader(_source),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(name)


def _markdown_html(text: str) -> str:
    """The consolidated text's Markdown as HTML; raw HTML in it is escaped, not passed on."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False})
    tokens = parser.parse(text)
    for token in tokens:  # under the page's own h2: # → h3, ## → h4, …
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 2, 6)}"
    html: str = parser.renderer.render(tokens, parser.options, {})
    return html


def _rules(notice: NoticeStatus) -> list[dict[str, Any]]:
    dates = notice.dates
    assert dates is not None
    return [
        {
            "name": name,
            "last_day": long_date(period.last_day),
            "effective": long_date(period.effective),
            "governing": name == dates.rule,
        }
        for name, period in dates.rules.items()
        if name in periods.RULES
    ]


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "where": f"{f.file}:{f.line}:{f.column}",
        "severity": f.severity.value,
        "code": f.code,
        "message": f.message,
        "hint": f.hint,
    }


def memorandum_page(
    seen: History, whole: History, found: Sequence[Finding], *, version: str
) -> str:
    """The report of one memorandum: ``seen`` as of T, ``whole`` the whole record; ``version``
    is mocctl's, shown in the page."""
    from markupsafe import Markup

    as_of = seen.as_of
    memo = seen.memorandum
    upcoming = seen.next_event
    ending = seen.discontinuation
    context = {
        "version": version,
        "id": seen.id,
        "title": seen.title,
        "as_of": as_of,
        "as_of_long": long_date(as_of),
        "state": seen.state,
        "state_words": STATE_WORDS[seen.state],
        "headline": headline(seen),
        "sides": [
            {
                "id": side.id,
                "name": side.name,
                "signed": [
                    f"{s.date} by {s.signatory}"
                    for s in memo.signatures
                    if s.side == side.id and s.date <= as_of
                ],
            }
            for side in memo.sides
        ],
        "commenced": long_date(seen.commenced) if seen.commenced else None,
        "notice_terms": f"{plural(periods.parse_months(seen.notice_period), 'month')} "
        f"({seen.notice_period}) in writing; dates by the {seen.rule} rule",
        "next": (
            {
                "date": long_date(upcoming.date),
                "what": upcoming.description,
                "days": plural((upcoming.date - as_of).days, "day"),
            }
            if upcoming
            else None
        ),
        "ending": (
            {
                "id": ending.id,
                "by": ending.by,
                "received": ending.received,
                "rules": _rules(ending),
                "requested": ending.dates.requested_effective
                if ending.dates and ending.dates.requested_applies
                else None,
            }
            if ending is not None and ending.dates is not None
            else None
        ),
        "picture": timeline_picture(whole, as_of, seen=seen),
        "events": [
            {
                "date": e.date,
                "kind": e.kind,
                "record": e.record,
                "description": e.description,
                "standing": e.standing(as_of),
            }
            for e in whole.events
        ],
        "notices": [
            {
                "id": n.id,
                "type": n.type,
                "by": n.by,
                "received": n.received or "—",
                "standing": n.standing,
                "effective": n.effective or "—",
                "note": n.reason or (f"revoked by {n.revoked_by}" if n.revoked_by else ""),
            }
            for n in seen.notices
            if n.known
        ],
        "changes": [
            {
                "id": c.id,
                "kind": c.kind,
                "status": c.status,
                "effective": c.effective,
                "note": c.reason or c.title,
            }
            for c in seen.changes
        ],
        "activities": [
            {
                "id": a.id,
                "title": a.title,
                "status": a.status,
                "start": a.start,
                "end": a.end if a.end not in (None, OPEN_ENDED) else "open-ended",
                "fate": f"ends {a.end} (decided: {a.ended_by})"
                if a.ended_by
                else ("—" if a.status == "ended" else "continues (2.4)"),
            }
            for a in seen.activities
        ],
        "text_html": Markup(_markdown_html(markdown(view_of(seen)))),
        "findings": [_finding(f) for f in found],
    }
    return str(_template("report.html.j2").render(**context))


def portfolio_page(
    entries: Sequence[tuple[Row, History, History, Sequence[Finding]]],
    as_of: dt.date,
    *,
    version: str,
) -> str:
    """The portfolio: one row and a small timeline per memorandum, in the order given (most
    urgent first). Each entry: (row, history as of T, whole record, findings)."""
    context = {
        "version": version,
        "as_of": as_of,
        "as_of_long": long_date(as_of),
        "rows": [
            {
                "id": row.id,
                "title": row.title,
                "sides": "–".join(row.sides),
                "state": row.state,
                "state_words": STATE_WORDS[row.state],
                "headline": headline(seen),
                "next_date": row.next_date or "—",
                "days": "—" if row.days is None else plural(row.days, "day"),
                "next_what": row.next_what or "",
                "path": row.path,
                "errors": row.errors,
                "warnings": row.warnings,
                "findings": [_finding(f) for f in found],
                "picture": timeline_picture(whole, as_of, seen=seen, compact=True),
            }
            for row, seen, whole, found in entries
        ],
    }
    return str(_template("report-portfolio.html.j2").render(**context))
