"""The catalogue of finding codes (contract: codes are stable and documented in docs/checks.md).

MOC0xx files and YAML, MOC1xx schema, MOC2xx identities and references, MOC3xx lifecycle,
MOC4xx text and wording, MOC5xx documents and integrity.
"""

from __future__ import annotations

from dataclasses import dataclass

from mocctl.findings import Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: a note


@dataclass(frozen=True, slots=True)
class Check:
    """A finding code with its default severity and one-line explanation."""

    code: str
    severity: Severity
    title: str
    help: str


_TABLE: tuple[tuple[str, Severity, str, str], ...] = (
    # MOC0xx: files and YAML
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
    # MOC2xx: identities and references
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
    # MOC3xx: lifecycle
    (
        "MOC301",
        E,
        "notice before commencement",
        "A discontinuation notice was received before the memorandum commenced.",
    ),
    (
        "MOC302",
        E,
        "notice not in writing",
        "Paragraph 2.2 requires written notice; a notice in another form has no effect.",
    ),
    (
        "MOC303",
        E,
        "received before dated",
        "A notice cannot be received before the date on its letter.",
    ),
    (
        "MOC304",
        E,
        "notice by or to the wrong Side",
        "A notice is given by one Side to the other Side(s), never to itself.",
    ),
    (
        "MOC305",
        W,
        "requested date earlier than the notice period allows",
        "The discontinuation cannot take effect before the notice period has run; the computed date applies.",
    ),
    (
        "MOC306",
        E,
        "revocation after the discontinuation took effect",
        "A revocation received on or after the effective date has no effect.",
    ),
    (
        "MOC307",
        E,
        "event after discontinuation",
        "A notice, modification or decision dated after the memorandum was discontinued.",
    ),
    (
        "MOC308",
        N,
        "awaiting consent",
        "A modification or decision that not every Side has yet consented to in writing.",
    ),
    (
        "MOC309",
        E,
        "effective before commencement",
        "A modification or decision cannot take effect before the memorandum commenced.",
    ),
    (
        "MOC310",
        W,
        "effective before the last consent",
        "The effective date is before the last Side consented: the change is retroactive.",
    ),
    (
        "MOC311",
        E,
        "conflicting changes on one date",
        "Two modifications or decisions change the same section, area or term on the same date.",
    ),
    (
        "MOC312",
        E,
        "activity starts on or after discontinuation",
        "No new collaboration activity can start once the memorandum is discontinued.",
    ),
    (
        "MOC313",
        E,
        "activity area not in force",
        "An activity names an area that is not an area of cooperation on its start date.",
    ),
    (
        "MOC314",
        E,
        "change cannot be applied",
        "A change names an area or section that does not exist at its effective date (the record is void).",
    ),
    (
        "MOC315",
        N,
        "receipt date taken as the recipient's date",
        "`received` is a plain date: it is taken as the calendar date where the recipient received it.",
    ),
    (
        "MOC316",
        W,
        "receipt unknown: letter date used",
        "The notice has no `received`; its `dated` is used as the receipt date, which may be too early.",
    ),
    ("MOC317", E, "activity ends before it starts", "An activity's `end` is before its `start`."),
    (
        "MOC318",
        W,
        "consent not in writing",
        "A consent in another form is kept on record but does not count towards mutual consent (2.3).",
    ),
    (
        "MOC319",
        W,
        "revocation of a notice that had no effect",
        "The revoked notice was not an effective discontinuation notice, or was already revoked.",
    ),
    (
        "MOC320",
        N,
        "draft record",
        "A record written by `mocctl draft` (`draft: true`) is inert: nothing counts it until it is recorded as sent or received.",
    ),
    (
        "MOC321",
        E,
        "notice not addressed to every other Side",
        "A discontinuation notice must be given to every other Side; the Sides missing from `to` are named.",
    ),
    (
        "MOC322",
        W,
        "effect of a notice not stated",
        "With more than two Sides, `terms.discontinuation.effect` must say whether a notice discontinues the memorandum or withdraws the notifying Side.",
    ),
    (
        "MOC324",
        E,
        "date outside the calendar",
        "A date computed from the record would fall outside the years 1 to 9999; the record has no effect.",
    ),
    (
        "MOC325",
        W,
        "notice not yet received by every recipient",
        "With one receipt per recipient, a notice counts only once every recipient has received it; the missing ones are named.",
    ),
    (
        "MOC326",
        W,
        "acceptance that matches no finding",
        "A record's `accepted` entry names a finding (code and place) that is not there, or that is an error, which cannot be accepted; remove or correct the entry so that acceptances cannot rot.",
    ),
    (
        "MOC327",
        W,
        "notice of non-renewal received too late",
        "A notice of non-renewal must be received by the last day the term's notice period allows; one received later has no effect and the memorandum renews. The message gives the day it was needed by.",
    ),
    (
        "MOC328",
        E,
        "term that makes no sense",
        "A term or renewal of zero or negative length, renewals without a term, a renewal count below 1, or renewal details on a memorandum that expires; the memorandum is read as running until discontinued.",
    ),
    (
        "MOC329",
        N,
        "expired: past its term with no renewal",
        "The memorandum's last term has ended and it does not renew: it is expired. Activities ongoing then continue (2.4).",
    ),
    (
        "MOC330",
        W,
        "notice of non-renewal with no effect",
        "The notice of non-renewal has nothing to refuse: the term does not renew, the memorandum provides for no such notice, or it came before the term began or after the last one ended.",
    ),
    (
        "MOC331",
        E,
        "discontinuation during a term not provided for",
        "`terms.duration.discontinuation_during_term` is false: a discontinuation notice has no effect; the memorandum ends at the end of a term (give notice of non-renewal).",
    ),
    # MOC4xx: text and wording
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

CHECKS: dict[str, Check] = {row[0]: Check(*row) for row in _TABLE}
