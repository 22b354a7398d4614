"""The record format v1 (SPEC §2) as immutable pydantic models.

Every model forbids unknown keys and validates strictly: YAML's ``no`` or ``1.10`` never turn
silently into a boolean or a number where text is expected. Dates are ``YYYY-MM-DD`` text (the
loader keeps YAML timestamps as text so that an impossible date is reported with its position);
instants carry an explicit UTC offset.

The base of every model is :mod:`mocctl.model.base`; the memorandum's terms and the
``set_term`` changes of them are :mod:`mocctl.model.terms`; the value types are
:mod:`mocctl.model.values`.
"""

from typing import Annotated, ClassVar, Literal, Self

from pydantic import (
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StringConstraints,
)

from mocctl.findings import Source
from mocctl.model.base import Model
from mocctl.model.terms import (
    AnySetTerm,
    Terms,
)
from mocctl.model.values import (
    Date,
    Form,
    PartialDate,
    Received,
    SideId,
    Slug,
    Text,
    TimeZone,
)

API_VERSION = "mocctl/v1"
KINDS = ("Memorandum", "Modification", "Notice", "Activity", "Decision")
RULES = ("safe-harbour", "corresponding-date", "jp-civil-code", "un-anniversary")


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

    def located(self, source: Source) -> Self:
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
