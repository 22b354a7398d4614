"""Finding codes MOC0xx (files and YAML) and MOC1xx (the schema)."""

from __future__ import annotations

from mocctl.findings import Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: a note

ROWS: tuple[tuple[str, Severity, str, str], ...] = (
    (
        "MOC001",
        E,
        "file cannot be read",
        "The file is not readable UTF-8 text (binary content, a wrong encoding, or an I/O error).",
    ),
    (
        "MOC002",
        E,
        "YAML syntax error",
        "The file is not well-formed YAML; fix the syntax at the position shown.",
    ),
    (
        "MOC003",
        E,
        "duplicate key",
        "A key appears twice in the same mapping; YAML would silently keep only one value.",
    ),
    (
        "MOC004",
        E,
        "anchors and aliases are not allowed",
        "Records must be plain data: write the value out instead of using &anchor / *alias.",
    ),
    (
        "MOC005",
        E,
        "YAML tag not allowed",
        "Explicit tags such as !!python/object or !custom are refused; records hold plain values.",
    ),
    (
        "MOC006",
        E,
        "file too large or nested too deeply",
        "Record files are limited in size and nesting depth to keep validation safe and fast.",
    ),
    (
        "MOC007",
        E,
        "file holds no record",
        "A .yaml file is empty or only comments, or holds an empty document: often a truncated record.",
    ),
    (
        "MOC008",
        E,
        "document is not a mapping",
        "Every YAML document must be a mapping with apiVersion, kind and id.",
    ),
    ("MOC009", E, "no records found", "The path holds no *.yaml or *.yml record files."),
    (
        "MOC010",
        E,
        "too many documents in one file",
        "A record file holds more than 1,000 YAML documents (the limit); the rest is not read.",
    ),
    (
        "MOC011",
        E,
        "too many files in one memorandum folder",
        "A memorandum folder holds more than 10,000 record files (the limit); the rest are not read.",
    ),
    (
        "MOC012",
        E,
        "value too long",
        "A value or key is longer than 100,000 characters (the limit); the document is not read.",
    ),
    (
        "MOC013",
        E,
        "not a regular file",
        "A *.yaml path is a FIFO, a device or a socket (or a link to one); it is not read.",
    ),
    (
        "MOC014",
        E,
        "folder cannot be read",
        "The system refused to list a folder below the memorandum's folder; its records are not read.",
    ),
    (
        "MOC015",
        E,
        "link not followed",
        "A link to a folder, a link that loops or a link to nothing is not followed; say why it is there.",
    ),
    (
        "MOC016",
        E,
        "file name cannot be used",
        "A file or folder name that is not UTF-8 or too long for the system is not read.",
    ),
    (
        "MOC017",
        E,
        "record file outside every memorandum folder",
        "A *.yaml file lies directly in the records folder, beside the memorandum folders; it is not read.",
    ),
    # MOC1xx: schema
    (
        "MOC101",
        E,
        "missing or unsupported apiVersion",
        "Every document starts with `apiVersion: mocctl/v1`.",
    ),
    (
        "MOC102",
        E,
        "missing or unknown kind",
        "`kind` is one of Memorandum, Modification, Notice, Activity, Decision.",
    ),
    (
        "MOC103",
        E,
        "unknown key",
        "The key is not part of the record format (usually a typo); see docs/records.md.",
    ),
    ("MOC104", E, "required key missing", "A key that this kind of record needs is absent."),
    (
        "MOC105",
        E,
        "wrong type",
        "The value has the wrong type, e.g. a number or yes/no where text is expected: quote it.",
    ),
    (
        "MOC106",
        E,
        "invalid date or instant",
        "Dates are YYYY-MM-DD and must exist; instants are ISO 8601 with an explicit offset.",
    ),
    (
        "MOC107",
        E,
        "invalid value",
        "The value is not one of those allowed here (a slug, a duration, a hash, a choice).",
    ),
)
