"""The record format v1 (SPEC §2) as immutable pydantic models.

Every model forbids unknown keys and validates strictly: YAML's ``no`` or ``1.10`` never turn
silently into a boolean or a number where text is expected. Dates are ``YYYY-MM-DD`` text (the
loader keeps YAML timestamps as text so that an impossible date is reported with its position);
instants carry an explicit UTC offset.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StringConstraints,
)

from mocctl.findings import Source
from mocctl.model.values import (
    Date,
    Duration,
    Effect,
    Form,
    PartialDate,
    Received,
    RuleName,
    SideId,
    Slug,
    TermLength,
    Text,
    TimeZone,
)

API_VERSION = "mocctl/v1"
KINDS = ("Memorandum", "Modification", "Notice", "Activity", "Decision")
RULES = ("safe-harbour", "corresponding-date", "jp-civil-code", "un-anniversary")


class Model(BaseModel):
    """Base of every record part: immutable, no unknown keys.

    Validation is pydantic's default mode, which never turns a number or a boolean into text;
    booleans and whole numbers are declared strict (``StrictBool``, ``StrictInt``) so that
    ``no``/``on`` or ``"3"`` are refused rather than converted, and dates go through
    ``_parse_date``. Lists in YAML become tuples.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class DocumentRef(Model):
    path: Text
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    description: str | None = None


class Acceptance(Model):
    """A finding about this record that is known and accepted (``validate --strict`` passes).

    ``at`` is where the finding points, as a key path in this record with list items named by
    their ``id`` (``text.title`` for the body of the text section ``title``); it also matches
    anything below it. An acceptance that matches no finding is itself a warning (MOC326).
    """

    code: Annotated[
        str,
        StringConstraints(pattern=r"^MOC\d{3}$"),
        Field(json_schema_extra={"patternErrorMessage": "A finding code, such as MOC401."}),
    ]
    at: Annotated[
        str,
        StringConstraints(pattern=r"^\S+$"),
        Field(
            json_schema_extra={
                "patternErrorMessage": "A key path in this record, list items by id, "
                "such as text.title."
            }
        ),
    ]
    reason: Text
    by: str | None = None
    date: Date | None = None


class Record(Model):
    """Keys every document carries."""

    api_version: Literal["mocctl/v1"] = Field(alias="apiVersion")
    id: Slug
    note: str | None = None
    documents: tuple[DocumentRef, ...] = ()
    draft: StrictBool = False  # written by `mocctl draft`: inert until a person makes it real
    accepted: tuple[Acceptance, ...] = ()  # known findings about this record, accepted

    _source: Source | None = PrivateAttr(default=None)

    @property
    def source(self) -> Source:
        """Where this record was read from (file and positions), for findings about it."""
        return self._source or Source("<memory>")

    def located(self, source: Source) -> Record:
        """This record, remembering where it was read from."""
        self._source = source
        return self


# --- Memorandum -----------------------------------------------------------------------------


class Side(Model):
    id: SideId
    name: Text
    jurisdiction: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    timezone: TimeZone


class Signature(Model):
    side: SideId
    signatory: Text
    title: str | None = None
    date: Date
    place: str | None = None


class DiscontinuationTerms(Model):
    notice_form: Literal["written"] = "written"
    notice_period: Duration
    rule: RuleName = "safe-harbour"
    # What one Side's notice does (SPEC §3.6): ends the memorandum, or withdraws that Side and
    # the memorandum continues among the others. Must be stated with more than two Sides.
    effect: Effect | None = None


class DurationTerms(Model):
    """How long the memorandum runs (issue 14): a term from commencement, and what happens at
    its end. Absent, the memorandum runs until it is discontinued (format v1 as before).

    The lengths are text here so that a zero or negative length is a finding (MOC328) at its
    place, not a schema error; :mod:`mocctl.core.terms` reads them.
    """

    term: TermLength | None = None
    at_end: Literal["expires", "renews"] = "expires"
    renewal_term: TermLength | None = None
    renewals: StrictInt | None = None
    non_renewal_notice: TermLength | None = None
    discontinuation_during_term: StrictBool = True


class ModificationTerms(Model):
    consent: Literal["all-sides-in-writing"] = "all-sides-in-writing"


class Terms(Model):
    commencement: Literal["on-signature"] = "on-signature"
    discontinuation: DiscontinuationTerms
    duration: DurationTerms | None = None
    modification: ModificationTerms = ModificationTerms()
    continuing_activities: Literal["unaffected-unless-decided"] = "unaffected-unless-decided"


class Area(Model):
    id: Slug
    title: Text
    text: Text


class Section(Model):
    id: Slug
    heading: str | None = None
    body: Text


class Reference(Model):
    title: Text
    date: PartialDate | None = None
    note: str | None = None


class Memorandum(Record):
    kind: Literal["Memorandum"]
    title: Text
    legally_binding: StrictBool = False
    sides: Annotated[tuple[Side, ...], Field(min_length=2)]
    signatures: tuple[Signature, ...] = ()
    originals: Annotated[StrictInt, Field(ge=1)] | None = None
    terms: Terms
    areas: tuple[Area, ...] = ()
    text: tuple[Section, ...] = ()
    references: tuple[Reference, ...] = ()


# --- Modification and Decision ----------------------------------------------------------------


class Consent(Model):
    side: SideId
    date: Date
    signatory: str | None = None
    form: Form = "written"


class AreaPatch(Model):
    id: Slug
    title: str | None = None
    text: str | None = None


class AddArea(Model):
    op: Literal["add_area"]
    area: Area
    after: Slug | None = None


class AmendArea(Model):
    op: Literal["amend_area"]
    area: AreaPatch


class RemoveArea(Model):
    op: Literal["remove_area"]
    area: Slug


class ReplaceText(Model):
    op: Literal["replace_text"]
    section: Slug
    heading: str | None = None
    body: Text


class InsertText(Model):
    op: Literal["insert_text"]
    after: Slug
    section: Slug
    heading: str | None = None
    body: Text


class RemoveText(Model):
    op: Literal["remove_text"]
    section: Slug


class SetTerm(Model):
    """A change of one term; each term's value is typed (``SetNoticePeriod`` etc.)."""

    op: Literal["set_term"]
    term: str
    value: str


class SetNoticePeriod(SetTerm):
    term: Literal["discontinuation.notice_period"]
    value: Duration


class SetRule(SetTerm):
    term: Literal["discontinuation.rule"]
    value: RuleName


class SetNoticeForm(SetTerm):
    term: Literal["discontinuation.notice_form"]
    value: Literal["written"]


class SetEffect(SetTerm):
    term: Literal["discontinuation.effect"]
    value: Effect


class SetTermLength(SetTerm):
    """A new length of the term or of a renewal, or a new non-renewal notice period."""

    term: Literal["duration.term", "duration.renewal_term", "duration.non_renewal_notice"]
    value: TermLength


class SetAtEnd(SetTerm):
    term: Literal["duration.at_end"]
    value: Literal["expires", "renews"]


class SetRenewals(SetTerm):
    """How many renewals in all (text of a whole number, such as "2")."""

    term: Literal["duration.renewals"]
    value: Annotated[
        str,
        StringConstraints(pattern=r"^-?\d+$"),
        Field(json_schema_extra={"patternErrorMessage": 'A whole number, in quotes: "2".'}),
    ]


TERMS = (
    "discontinuation.notice_period",
    "discontinuation.rule",
    "discontinuation.notice_form",
    "discontinuation.effect",
    "duration.term",
    "duration.at_end",
    "duration.renewal_term",
    "duration.renewals",
    "duration.non_renewal_notice",
)
AnySetTerm = Annotated[
    SetNoticePeriod | SetRule | SetNoticeForm | SetEffect | SetTermLength | SetAtEnd | SetRenewals,
    Field(discriminator="term"),
]


Change = Annotated[
    AddArea | AmendArea | RemoveArea | ReplaceText | InsertText | RemoveText | AnySetTerm,
    Field(discriminator="op"),
]


class Modification(Record):
    kind: Literal["Modification"]
    title: Text
    consents: tuple[Consent, ...] = ()
    effective: Date
    changes: Annotated[tuple[Change, ...], Field(min_length=1)]

    items_key: ClassVar[str] = "changes"

    @property
    def items(self) -> tuple[Change, ...]:
        """The changes, in the order written (shared name with ``Decision.items``)."""
        return self.changes


class EndActivity(Model):
    op: Literal["end_activity"]
    activity: Slug
    end: Date


DecisionChange = Annotated[EndActivity | AddArea, Field(discriminator="op")]


class Decision(Record):
    kind: Literal["Decision"]
    title: Text
    consents: tuple[Consent, ...] = ()
    effective: Date
    decides: Annotated[tuple[DecisionChange, ...], Field(min_length=1)]

    items_key: ClassVar[str] = "decides"

    @property
    def items(self) -> tuple[DecisionChange, ...]:
        """What the Sides decided, in the order written."""
        return self.decides


# --- Notice and Activity ----------------------------------------------------------------------


class Receipt(Model):
    """When one recipient Side received a notice (multilateral memoranda)."""

    side: SideId
    received: Received


class Notice(Record):
    kind: Literal["Notice"]
    type: Literal["discontinuation", "revocation", "non-renewal"]
    by: SideId
    to: tuple[SideId, ...] | None = None
    form: Form = "written"
    dated: Date
    received: Received | None = None
    receipts: tuple[Receipt, ...] = ()  # per recipient, instead of one `received`
    requested_effective: Date | None = None
    revokes: Slug | None = None
    reference: str | None = None


class Activity(Record):
    kind: Literal["Activity"]
    title: Text
    areas: Annotated[tuple[Slug, ...], Field(min_length=1)]
    start: Date
    end: Date | None = None


AnyRecord = Memorandum | Modification | Notice | Activity | Decision

MODELS: dict[str, type[Record]] = {
    "Memorandum": Memorandum,
    "Modification": Modification,
    "Notice": Notice,
    "Activity": Activity,
    "Decision": Decision,
}
