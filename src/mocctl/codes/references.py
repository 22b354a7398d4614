"""Finding codes MOC2xx: identities and references between records."""

from __future__ import annotations

from mocctl.findings import Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: a note

ROWS: tuple[tuple[str, Severity, str, str], ...] = (
    (
        "MOC201",
        E,
        "duplicate id",
        "Ids are unique within a memorandum (record ids, Side ids, area ids, text section ids).",
    ),
    (
        "MOC202",
        E,
        "memorandum folder without a Memorandum",
        "Each memorandum folder holds exactly one `kind: Memorandum` document.",
    ),
    (
        "MOC203",
        E,
        "more than one Memorandum in a folder",
        "Each memorandum folder holds exactly one `kind: Memorandum` document.",
    ),
    (
        "MOC204",
        E,
        "duplicate memorandum id",
        "Memorandum ids are unique across the records folder.",
    ),
    ("MOC205", E, "unknown Side", "The Side named here is not one of the memorandum's `sides`."),
    (
        "MOC206",
        E,
        "unknown area",
        "The area named here is not an area of the memorandum (nor added by a modification or decision).",
    ),
    ("MOC207", E, "unknown activity", "The activity named here has no `kind: Activity` record."),
    (
        "MOC208",
        E,
        "unknown notice",
        "A revocation names a notice that has no `kind: Notice` record.",
    ),
    (
        "MOC209",
        E,
        "unknown text section",
        "A change names a section id that is not in the memorandum's text.",
    ),
    (
        "MOC210",
        E,
        "a Side signs or consents twice",
        "Each Side signs the memorandum once, and consents to a modification or decision once.",
    ),
)
