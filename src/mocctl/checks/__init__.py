"""The checks beyond the schema, one module per family of finding codes.

- :mod:`references` (MOC2xx): identities and references between records;
- :mod:`lifecycle` (MOC3xx): the memorandum's history (notices, consents, activities);
- :mod:`terms` (MOC327–MOC331): fixed terms, renewal and notices of non-renewal;
- :mod:`wording` (MOC4xx): the text and its wording;
- :mod:`integrity` (MOC5xx): referenced documents and their hashes.
"""

from __future__ import annotations

import re

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
    from mocctl.checks import terms as term_checks
    from mocctl.model.salvage import SalvagedSource

    # Records with schema errors (reported by the loader) take part without their invalid
    # parts; what the unreadable ones would have named is known (records.shadow), so that a
    # reference to it is not reported as a second, consequential finding (mocctl.model.salvage).
    shadow = records.shadow
    if seen is None and records.memorandum is not None:
        seen = _whole(records)  # computed once for every check that reads the history
    found = references.check(records)
    # A change that names an unknown area or section is reported once, as that (MOC206/MOC209),
    # not also as a change that cannot be applied (MOC314).
    unknown = {f.file for f in found if f.code in ("MOC206", "MOC209")}
    found += [
        f
        for f in lifecycle_checks.check(records, seen)
        if not (f.code == "MOC314" and f.file in unknown)
    ]
    if records.memorandum is not None:
        assert seen is not None
        found += term_checks.check(records, seen)
    found += wording.check(records, seen) + integrity.check(records)
    # Accepted findings are matched before consequences are left out, so that an acceptance
    # of a finding left out is not reported as matching nothing (MOC326).
    found = acceptance.apply(records, found)
    # A record kept without a part that a rule reads: the rules' findings about it may be
    # consequences of its schema error; about every record, when that record is the memorandum.
    lossy = {
        record.source.file
        for record in records.records()
        if isinstance(record.source, SalvagedSource) and record.source.lossy
    }
    # A revocation of a notice that could not be read: "revokes a notice without effect"
    # (MOC319) would only be a consequence of that notice's schema error.
    readable = {notice.id for notice in records.notices}
    revoking = {
        notice.source.file
        for notice in records.notices
        if notice.revokes in shadow.ids and notice.revokes not in readable
    }
    found = [f for f in found if not (f.code == "MOC319" and f.file in revoking)]
    memo = records.memorandum
    if memo is not None and isinstance(memo.source, SalvagedSource) and memo.source.lossy:
        left_out = {re.split(r"[.\[]", part)[0] for part in memo.source.dropped}
        named = {code for key, code in _NAMED.items() if key in left_out}
        families = {"MOC3"} | ({"MOC4"} if left_out & _WORDED else set())
        found = [f for f in found if f.code[:4] not in families and f.code not in named]
    else:
        found = [f for f in found if not (f.file in lossy and f.code[:4] in _CONSEQUENCES)]
    return found


def _whole(records: MemorandumRecords) -> History:
    from mocctl.core.history import FAR_FUTURE, history

    return history(records, FAR_FUTURE)


# Families of findings computed from the records' content (lifecycle, wording), and the
# references to the memorandum's Sides, areas and sections (when some were left out).
_CONSEQUENCES = ("MOC3", "MOC4")
_NAMED = {"sides": "MOC205", "areas": "MOC206", "text": "MOC209"}
_WORDED = {"title", "sides", "areas", "text", "terms"}  # what the wording checks read
