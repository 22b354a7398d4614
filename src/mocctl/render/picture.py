"""The timeline picture of a report: the whole record as shapes on a time axis (inline SVG).

Signatures and commencement, changes, each notice with its notice-period band and the date under
every rule, the discontinuation line, activities as bars that continue past it under 2.4, and
revoked, void or superseded events drawn as such. A rendering of the history: nothing here
computes a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from mocctl.core.history import History, NoticeStatus

OPEN_ENDED = dt.date.max


FATES = ("revoked", "void", "superseded")


@dataclass(frozen=True, slots=True)
class Shape:
    """One SVG element: ``tag`` and ``attrs`` are this module's constants and numbers; ``title``
    (a tooltip and text alternative) and ``text`` are escaped by the template."""

    tag: str
    attrs: dict[str, str]
    title: str | None = None
    text: str | None = None


@dataclass
class Picture:
    """An inline SVG timeline: its size, its accessible name and description, its shapes."""

    width: int
    height: int
    title: str
    desc: str
    shapes: list[Shape] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Axis:
    start: dt.date
    end: dt.date
    left: float
    right: float

    def x(self, day: dt.date) -> float:
        span = max((self.end - self.start).days, 1)
        return round(self.left + (day - self.start).days / span * (self.right - self.left), 1)


def _n(value: float) -> str:
    return f"{value:g}"


def _span(whole: History, as_of: dt.date) -> tuple[dt.date, dt.date]:
    days = [e.date for e in whole.events if e.date != OPEN_ENDED]
    days += [s.date for s in whole.memorandum.signatures]
    days.append(as_of)
    if whole.ends:
        days.append(whole.ends)
    if whole.expiry:
        days.append(whole.expiry)
    first, last = min(days), max(days)
    margin = dt.timedelta(days=max(30, (last - first).days // 20))
    try:
        return first - margin, last + margin
    except OverflowError:
        return first, last


def _ticks(axis: _Axis) -> list[dt.date]:
    years = range(axis.start.year, axis.end.year + 1)
    months = (1,) if (axis.end - axis.start).days > 2 * 366 else (1, 4, 7, 10)
    found = [dt.date(year, month, 1) for year in years for month in months]
    return [day for day in found if axis.start <= day <= axis.end]


def timeline_picture(
    whole: History, as_of: dt.date, *, seen: History | None = None, compact: bool = False
) -> Picture:
    """The timeline of the whole record ``whole``, with the as-of date marked.

    Lanes, top to bottom: the memorandum (signatures, commencement, the period in force,
    modifications and decisions), one per notice of discontinuation (its notice-period band
    from receipt to effect, a tick at the date under every rule, a revocation's receipt), one
    per activity (a bar, continuing past the discontinuation under 2.4). A vertical line marks
    the discontinuation, a dashed one the as-of date. Revoked and void events are hatched and
    struck through. A notice's standing is the one as of the as-of date (``seen``, the history
    as of T), else, for a notice not yet known then, ``scheduled``.
    """
    standings = {n.id: n.standing for n in seen.notices if n.known} if seen else {}
    lane = 20 if compact else 34
    label = 0 if compact else 210
    width = 640 if compact else 980
    top = 8 if compact else 34
    start, end = _span(whole, as_of)
    axis = _Axis(start, end, label + 8, width - 12)
    notices = [n for n in whole.notices if n.type == "discontinuation" and n.dates is not None]
    revocations = {n.revokes: n for n in whole.notices if n.type == "revocation" and n.revokes}
    activities = list(whole.activities)
    lanes = 1 + len(notices) + len(activities)
    height = top + lanes * lane + (16 if compact else 30)
    ending = whole.discontinuation
    # the first day it is no longer in force, and why: activities continue past it (2.4)
    over = (
        (whole.ends, "discontinuation")
        if whole.ends
        else (whole.expiry, "expiry")
        if whole.expiry
        else None
    )
    pic = Picture(
        width,
        height,
        f"Timeline of {whole.id}",
        _description(whole, as_of, notices, standings if seen else None),
    )
    add = pic.shapes.append

    def lane_label(row: int, text: str, css: str = "lane-label") -> None:
        if not compact:
            y = top + row * lane + lane / 2 + 4
            add(Shape("text", {"x": "6", "y": _n(y), "class": css}, text=text))

    def bar(row: int, first: dt.date, last: dt.date, css: str, title: str) -> None:
        y = top + row * lane + lane * 0.25
        x0, x1 = axis.x(first), axis.x(min(last, end))
        attrs = {
            "x": _n(x0),
            "y": _n(y),
            "width": _n(max(x1 - x0, 2)),
            "height": _n(lane * 0.5),
            "class": css,
        }
        add(Shape("rect", attrs, title=title))

    def mark(row: int, day: dt.date, css: str, title: str, shape: str = "circle") -> None:
        x, y = axis.x(day), top + row * lane + lane / 2
        r = 3.5 if compact else 6
        if shape == "circle":
            add(Shape("circle", {"cx": _n(x), "cy": _n(y), "r": _n(r), "class": css}, title))
        elif shape == "diamond":
            points = (
                f"{_n(x)},{_n(y - r)} {_n(x + r)},{_n(y)} {_n(x)},{_n(y + r)} {_n(x - r)},{_n(y)}"
            )
            add(Shape("polygon", {"points": points, "class": css}, title))
        else:  # a triangle pointing down onto the lane
            points = f"{_n(x - r)},{_n(y - r)} {_n(x + r)},{_n(y - r)} {_n(x)},{_n(y + r)}"
            add(Shape("polygon", {"points": points, "class": css}, title))

    def strike(row: int, first: dt.date, last: dt.date, title: str) -> None:
        y = top + row * lane + lane / 2
        attrs = {
            "x1": _n(axis.x(first)),
            "x2": _n(axis.x(min(last, end))),
            "y1": _n(y),
            "y2": _n(y),
            "class": "strike",
        }
        add(Shape("line", attrs, title))

    # the axis
    bottom = top + lanes * lane
    add(
        Shape(
            "line",
            {
                "x1": _n(axis.left),
                "x2": _n(axis.right),
                "y1": _n(bottom),
                "y2": _n(bottom),
                "class": "axis",
            },
        )
    )
    for tick in _ticks(axis):
        x = axis.x(tick)
        add(
            Shape(
                "line",
                {"x1": _n(x), "x2": _n(x), "y1": _n(top), "y2": _n(bottom + 4), "class": "grid"},
            )
        )
        text = str(tick.year) if tick.month == 1 else f"{tick.year}-{tick.month:02d}"
        add(Shape("text", {"x": _n(x), "y": _n(bottom + 15), "class": "tick"}, text=text))

    # lane 0: the memorandum
    lane_label(0, "Memorandum")
    if whole.commenced:
        last = ending.last_day_in_force if ending and ending.last_day_in_force else end
        bar(
            0,
            whole.commenced,
            last,
            "in-force",
            f"in force from {whole.commenced}"
            + (f" to {last} (last day in force)" if ending else ""),
        )
    for event in whole.events:
        standing = event.standing(as_of)
        title = f"{event.date}: {event.description} ({standing})"
        if event.kind == "signature":
            mark(0, event.date, "signature", title)
        elif event.kind == "commencement":
            mark(0, event.date, "commencement", title, "diamond")
        elif event.kind in ("modification", "decision"):
            mark(0, event.date, f"change {event.kind} {standing}", title, "triangle")

    # one lane per notice
    for index, notice in enumerate(notices, start=1):
        dates = notice.dates
        assert dates is not None
        standing = standings.get(notice.id, notice.standing if seen is None else "scheduled")
        lane_label(index, f"Notice {notice.id} ({standing})", f"lane-label {standing}")
        bar(
            index,
            dates.received,
            dates.effective,
            f"notice-band {standing}",
            f"notice {notice.id} from {notice.by}: received {dates.received}, "
            f"{dates.notice_period} ({dates.rule}); discontinued from {dates.effective} "
            f"({standing})",
        )
        if standing in FATES:
            why = f"revoked by {notice.revoked_by}" if notice.revoked_by else notice.reason
            strike(index, dates.received, dates.effective, f"notice {notice.id}: {why or standing}")
        # the governing rule's tick last, so that it is drawn on top of the others
        for name, period in sorted(dates.rules.items(), key=lambda item: item[0] == dates.rule):
            x = axis.x(period.effective)
            y = top + index * lane
            css = "rule-tick governing" if name == dates.rule else "rule-tick"
            add(
                Shape(
                    "line",
                    {
                        "x1": _n(x),
                        "x2": _n(x),
                        "y1": _n(y + 3),
                        "y2": _n(y + lane - 3),
                        "class": css,
                        "data-rule": name,
                    },
                    f"{name}: last day {period.last_day}, discontinued from {period.effective}",
                )
            )
        revocation = revocations.get(notice.id)
        if revocation is not None and revocation.received is not None:
            mark(
                index,
                revocation.received,
                f"revocation {revocation.standing}",
                f"{revocation.received}: {revocation.by} revokes {notice.id} ({revocation.id})",
                "diamond",
            )

    # one lane per activity
    for index, activity in enumerate(activities, start=1 + len(notices)):
        lane_label(index, f"Activity {activity.id}")
        last = activity.end if activity.end is not None and activity.end != OPEN_ENDED else end
        how = f"to {activity.end} (last day)" if last != end else "open-ended"
        bar(
            index,
            activity.start,
            last,
            "activity-bar",
            f"{activity.title}: from {activity.start} {how}",
        )
        if over is not None and last >= over[0] and activity.start < over[0]:
            bar(
                index,
                over[0],
                last,
                "activity-continuation",
                f"{activity.title} continues after the {over[1]} (Paragraph 2.4)",
            )

    # the discontinuation (or the expiry of the last term) and the as-of date
    line: tuple[dt.date, str, str] | None = None  # (day, title, caption)
    if ending is not None and ending.effective is not None:
        words = "withdrawal" if ending.effect == "withdraws" else "discontinued from"
        line = (
            ending.effective,
            f"{words} {ending.effective} (notice {ending.id}); last day in force "
            f"{ending.last_day_in_force}",
            f"{words} {ending.effective}",
        )
    elif whole.expiry is not None:
        last_term = whole.schedule.terms[-1]
        line = (
            whole.expiry,
            f"expired from {whole.expiry} (term {last_term.number} ended on {last_term.last_day})",
            f"expires {whole.expiry}",
        )
    if line is not None:
        day, title, caption = line
        x = axis.x(day)
        add(
            Shape(
                "line",
                {
                    "x1": _n(x),
                    "x2": _n(x),
                    "y1": _n(top - (0 if compact else 14)),
                    "y2": _n(bottom),
                    "class": "discontinuation-line",
                },
                title,
            )
        )
        if not compact:
            add(
                Shape(
                    "text",
                    {"x": _n(x + 4), "y": _n(top - 6), "class": "line-label discontinued"},
                    text=caption,
                )
            )
    x = axis.x(min(max(as_of, start), end))
    add(
        Shape(
            "line",
            {
                "x1": _n(x),
                "x2": _n(x),
                "y1": _n(top - (0 if compact else 26)),
                "y2": _n(bottom),
                "class": "as-of-line",
            },
            f"as of {as_of}",
        )
    )
    if not compact:
        add(
            Shape(
                "text",
                {"x": _n(x + 4), "y": _n(top - 20), "class": "line-label"},
                text=f"as of {as_of}",
            )
        )
    return pic


def _description(
    whole: History,
    as_of: dt.date,
    notices: Sequence[NoticeStatus],
    standings: dict[str, str] | None,
) -> str:
    parts = [f"Dated events of {whole.id}, as of {as_of}."]
    if whole.commenced:
        parts.append(f"In force from {whole.commenced}.")
    for notice in notices:
        assert notice.dates is not None
        standing = (
            (standings or {}).get(notice.id, "scheduled")
            if standings is not None
            else (notice.standing)
        )
        effect = "would have taken effect" if standing in FATES else "takes effect"
        parts.append(
            f"Notice {notice.id} from {notice.by}, received {notice.dates.received} "
            f"({standing}): under {notice.dates.rule} the discontinuation {effect} on "
            f"{notice.dates.effective}."
        )
    if whole.ends:
        verb = "Discontinued" if whole.ends <= as_of else "To be discontinued"
        parts.append(f"{verb} from {whole.ends}.")
    elif whole.expiry:
        verb = "Expired" if whole.expiry <= as_of else "Expires"
        parts.append(f"{verb} on {whole.expiry}, at the end of its last term.")
    for activity in whole.activities:
        end = activity.end if activity.end not in (None, OPEN_ENDED) else "open-ended"
        parts.append(f"Activity {activity.id} from {activity.start} to {end}.")
    parts.append("The table of events below gives every date in words.")
    return " ".join(parts)
