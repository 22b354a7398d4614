"""What each key of a record means, in words: the ``description`` editors show on hover.

``mocctl schema`` adds these to every property of the JSON Schema that the models do not describe
themselves. A key means the same wherever it appears, except where ``BY_OWNER`` says otherwise
(the owner is the record kind or the part, such as ``Side`` or ``AddArea``). docs/records.md says
the same at more length.
"""

from __future__ import annotations

PROPERTY_DOCS: dict[str, str] = {
    "accepted": "Findings about this record that are known and accepted, each with its code, "
    "where it points (at), the reason, and who accepted it.",
    "activity": "The id of the collaboration activity that ends.",
    "after": "The id of the part after which the new one is inserted.",
    "apiVersion": "The record format: mocctl/v1.",
    "area": "The area of cooperation the change adds, amends or removes.",
    "areas": "The areas of cooperation (Paragraph 1).",
    "at": "Where the accepted finding points: a key path in this record, list items by id "
    "(such as text.title).",
    "body": "The text of the section, verbatim.",
    "by": "The Side that gives the notice.",
    "changes": "What the modification changes, in order (add_area, amend_area, remove_area, "
    "replace_text, insert_text, remove_text, set_term).",
    "code": "The finding code accepted, such as MOC401.",
    "commencement": "When the memorandum commences: on-signature (Paragraph 2.2).",
    "consent": "How it is modified: all-sides-in-writing (Paragraph 2.3).",
    "consents": "The written consent of each Side; every Side's is needed (mutual consent).",
    "continuing_activities": "What happens to ongoing activities when it ends: "
    "unaffected-unless-decided (Paragraph 2.4).",
    "date": "The date, YYYY-MM-DD.",
    "decides": "What the Sides decided, in order (end_activity, add_area).",
    "description": "What the document is.",
    "discontinuation": "How a Side discontinues it: the form and period of notice, the rule "
    "for the date of effect, and what a notice does (Paragraph 2.2).",
    "duration": "How long it runs (issue 14): a term from commencement, and whether it "
    "expires or renews at the end of a term. Absent: it runs until discontinued.",
    "at_end": "What happens at the end of a term: expires, or renews (automatically, or "
    "unless a Side gives notice of non-renewal in time).",
    "renewal_term": "The length of each renewed term, such as P5Y (default: the first term's).",
    "renewals": "How many times it renews in all (default: any number of times).",
    "non_renewal_notice": "How long before the end of a term a notice of non-renewal must be "
    "received, such as P6M; absent: it renews with no notice of non-renewal possible.",
    "discontinuation_during_term": "Whether a Side may also discontinue it by notice during a "
    "term (default true); false: it ends only at the end of a term.",
    "documents": "The signed originals or letters this record rests on, each with its path "
    "and SHA-256 hash.",
    "draft": "true on a record written by mocctl draft: it counts for nothing until it is made "
    "real (delete the line).",
    "effect": "What one Side's notice does: discontinues (the memorandum ends) or withdraws "
    "(that Side leaves; the others continue). State it with more than two Sides.",
    "end": "The planned last day of the activity (it is ongoing on that day).",
    "form": "written or oral; only written counts.",
    "heading": "The heading of the section, if it has one.",
    "id": "The record's id: unique within its memorandum (a memorandum's, across the records).",
    "jurisdiction": "The Side's country (ISO 3166-1 alpha-2): selects how it counts periods.",
    "kind": "What this record is.",
    "legally_binding": "Whether the memorandum is legally binding (Paragraph 2.1: false).",
    "modification": "How the memorandum is modified (Paragraph 2.3).",
    "name": "The Side's name as the memorandum gives it.",
    "note": "A free remark; mocctl does not interpret it.",
    "notice_form": "The form a notice must take: written (Paragraph 2.2).",
    "notice_period": "How long in advance notice is given, such as P3M (Paragraph 2.2).",
    "op": "The kind of change.",
    "originals": "How many originals were signed.",
    "path": "The file, relative to the memorandum's folder; it must stay inside it.",
    "place": "Where it was signed.",
    "reason": "Why the finding is accepted, such as 'verbatim from the signed text'.",
    "receipts": "When each recipient received the notice, one entry per Side, instead of "
    "received; the latest governs.",
    "received": "When the other Side received the notice: a date, or an instant with its UTC "
    "offset. The notice period runs from here.",
    "reference": "The letter's own reference, such as a note verbale number.",
    "references": "Instruments the text refers to.",
    "requested_effective": "The date of discontinuation named in the notice; a later one than "
    "the period allows applies.",
    "revokes": "The id of the discontinuation notice this revocation withdraws.",
    "rule": "How the end of the notice period is counted: safe-harbour, corresponding-date, "
    "jp-civil-code or un-anniversary.",
    "section": "The id of the text section changed.",
    "sha256": "The document's SHA-256 hash, so a changed file is noticed.",
    "side": "The Side's id.",
    "sides": "The Sides of the memorandum, with their jurisdiction and time zone.",
    "signatory": "Who signed, or consented, for the Side.",
    "signatures": "Each Side's signature; the memorandum commences on the last (Paragraph 2.2).",
    "term": "The term changed.",
    "terms": "Commencement, duration, discontinuation and modification (Paragraph 2), and what "
    "happens to activities (2.4).",
    "text": "The text, verbatim.",
    "title": "The title.",
    "to": "The Sides the notice is addressed to (default, with two Sides: the other one).",
    "type": "discontinuation, revocation of an earlier notice, or non-renewal (at the end of "
    "the term).",
    "value": "The new value of the term.",
}

BY_OWNER: dict[tuple[str, str], str] = {
    ("Memorandum", "text"): "The memorandum's text, section by section, verbatim.",
    ("Memorandum", "title"): "The memorandum's title, as signed.",
    ("Activity", "areas"): "The areas of cooperation the activity serves.",
    ("Activity", "title"): "The activity's name.",
    ("Area", "title"): "The area's short title.",
    ("AreaPatch", "title"): "The area's new title (omit to keep it).",
    ("AreaPatch", "text"): "The area's new text (omit to keep it).",
    ("Acceptance", "by"): "Who accepted the finding.",
    ("Acceptance", "date"): "When it was accepted.",
    ("Reference", "date"): "When the instrument was made: YYYY, YYYY-MM or YYYY-MM-DD.",
    ("Signature", "title"): "The signatory's title.",
    ("Signature", "date"): "The date of the signature.",
    ("Consent", "date"): "The date of the Side's written consent.",
    ("EndActivity", "end"): "The activity's last day, as decided.",
    ("ReplaceText", "body"): "The section's new text.",
    ("InsertText", "section"): "The id of the new section.",
    ("InsertText", "body"): "The new section's text.",
    ("AddArea", "area"): "The new area: id, title and text.",
    ("DurationTerms", "term"): "The length of the first term, counted from commencement "
    "(the day of signature counts), such as P5Y.",
}


def describe(owner: str, prop: str) -> str | None:
    """The description of key ``prop`` of ``owner``, if there is one."""
    return BY_OWNER.get((owner, prop)) or PROPERTY_DOCS.get(prop)
