"""The checks beyond the schema, one module per family of finding codes.

- :mod:`references` (MOC2xx): identities and references between records;
- :mod:`lifecycle` (MOC3xx): the memorandum's history (notices, consents, activities);
- :mod:`wording` (MOC4xx): the text and its wording;
- :mod:`integrity` (MOC5xx): referenced documents and their hashes.
"""

from __future__ import annotations

from mocctl.core.history import History
from mocctl.core.memoranda import MemorandumRecords
from mocctl.findings import Finding


def check_records(records: MemorandumRecords, seen: History | None = None) -> list[Finding]:
    """Every finding about one memorandum's records beyond the schema.

    ``seen``: the history whose lifecycle is checked — as of the date a command shows
    (``status``, ``text``), or by default the whole record (``validate``).
    """
    from mocctl.checks import acceptance, integrity, references, wording
    from mocctl.checks import lifecycle as lifecycle_checks

    found = references.check(records)
    # A change that names an unknown area or section is reported once, as that (MOC206/MOC209),
    # not also as a change that cannot be applied (MOC314).
    unknown = {f.file for f in found if f.code in ("MOC206", "MOC209")}
    found += [
        f
        for f in lifecycle_checks.check(records, seen)
        if not (f.code == "MOC314" and f.file in unknown)
    ]
    found += integrity.check(records) + wording.check(records, seen)
    return acceptance.apply(records, found)
