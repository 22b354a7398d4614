"""Drafts: a Markdown letter and the matching YAML record, rendered from Jinja2 templates.

Four drafts: a ``Modification`` (Paragraph 2.3; consents still to come), a discontinuation
``Notice`` (Paragraph 2.2), a non-renewal ``Notice`` (a fixed term's end) and a ``Decision``
(Paragraphs 2.1 and 2.4). Every date a draft
names comes from the one history of the memorandum (:mod:`mocctl.core.history`); every record
it writes is marked ``draft: true`` and is inert until a person records it as sent (SPEC §3.6).

- :mod:`~mocctl.drafting.templates`: where templates come from, rendering, whose fault a failure is;
- :mod:`~mocctl.drafting.sandbox`: the bounded Jinja2 sandbox they run in;
- :mod:`~mocctl.drafting.filters`: the filters templates may use (YAML scalars, words);
- :mod:`~mocctl.drafting.context`: the memorandum as plain data, and the ids of drafts;
- :mod:`~mocctl.drafting.requests`: what each draft is asked for;
- :mod:`~mocctl.drafting.draft`: the :class:`Draft`, read back and checked;
- :mod:`~mocctl.drafting.modification`, :mod:`~mocctl.drafting.notice`,
  :mod:`~mocctl.drafting.non_renewal`, :mod:`~mocctl.drafting.decision`: one builder per kind;
- :mod:`~mocctl.drafting.errors`: :class:`DraftError`, which names fields, never options.
"""

from __future__ import annotations

from mocctl.drafting.context import memorandum_context
from mocctl.drafting.decision import decision
from mocctl.drafting.draft import Draft, made_real
from mocctl.drafting.errors import FIELDS, DraftError
from mocctl.drafting.filters import FilterError, and_join, months_words, quote, yaml_str, yaml_text
from mocctl.drafting.modification import TERMS, modification
from mocctl.drafting.non_renewal import non_renewal
from mocctl.drafting.notice import notice, notice_days
from mocctl.drafting.requests import (
    DecisionRequest,
    ModificationRequest,
    NoticeRequest,
    areas_from_data,
    parse_area,
    parse_assignment,
    read_areas,
    read_replacement,
)
from mocctl.drafting.templates import Templates

__all__ = [
    "FIELDS",
    "TERMS",
    "DecisionRequest",
    "Draft",
    "DraftError",
    "FilterError",
    "ModificationRequest",
    "NoticeRequest",
    "Templates",
    "and_join",
    "areas_from_data",
    "decision",
    "made_real",
    "memorandum_context",
    "modification",
    "months_words",
    "non_renewal",
    "notice",
    "notice_days",
    "parse_area",
    "parse_assignment",
    "quote",
    "read_areas",
    "read_replacement",
    "yaml_str",
    "yaml_text",
]
