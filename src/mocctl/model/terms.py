"""The terms of a memorandum (``terms:``, SPEC §2.1 and issue 14's ``duration``) and the
``set_term`` changes of them, each term's value typed by the term."""

from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictInt, StringConstraints

from mocctl.model.base import Model
from mocctl.model.values import Duration, Effect, RuleName, TermLength


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
