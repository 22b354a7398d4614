"""Finding codes MOC4xx (text and wording) and MOC5xx (documents and integrity)."""

from __future__ import annotations

from mocctl.findings import Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: a note

ROWS: tuple[tuple[str, Severity, str, str], ...] = (
    (
        "MOC401",
        W,
        "a Side's name written differently",
        "The same Side is named in different ways across the text.",
    ),
    (
        "MOC402",
        W,
        "treaty language in a non-binding memorandum",
        "Words such as shall, agree, parties or entry into force suggest legal obligations.",
    ),
    (
        "MOC403",
        W,
        "text and terms disagree",
        "The text states a notice period different from the `terms`.",
    ),
    # MOC5xx: documents and integrity
    (
        "MOC501",
        E,
        "document path outside the memorandum folder",
        "A document's `path` must stay inside the memorandum's folder.",
    ),
    ("MOC502", E, "document file missing", "A referenced document does not exist."),
    (
        "MOC503",
        E,
        "document hash mismatch",
        "The file's SHA-256 differs from the recorded `sha256`: the document changed.",
    ),
    (
        "MOC504",
        E,
        "document is not a regular file",
        "A document's `path` names a folder, a FIFO, a device or a socket; it is not read.",
    ),
    (
        "MOC505",
        E,
        "document too large",
        "A document is larger than 128 MiB (the limit); its hash is not checked.",
    ),
    (
        "MOC506",
        E,
        "document path cannot be used",
        "A document's `path` is empty, holds a NUL character or is longer than 1,024 characters.",
    ),
    (
        "MOC507",
        E,
        "document cannot be read",
        "The system refused to read a document (permissions, a link that loops, an I/O error).",
    ),
    (
        "MOC508",
        E,
        "documents too large in total",
        "The documents of one memorandum total more than 1 GiB (the limit); the rest are not checked.",
    ),
)
