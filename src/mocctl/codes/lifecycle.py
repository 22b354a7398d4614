"""Finding codes MOC3xx: the lifecycle (signature, notices, changes, terms)."""

from __future__ import annotations

from mocctl.findings import Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: a note

ROWS: tuple[tuple[str, Severity, str, str], ...] = (
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
)
