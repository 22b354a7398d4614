"""The records of one memorandum folder, as one immutable value. Pure: no files are read here.

The loader (:mod:`mocctl.io.loader`) builds it; the rules, checks and views take it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mocctl.model.records import (
    Activity,
    Decision,
    Memorandum,
    Modification,
    Notice,
    Record,
)
from mocctl.model.salvage import Shadow


@dataclass(frozen=True)
class MemorandumRecords:
    """The records of one memorandum folder, sorted by id within each kind.

    Records marked ``draft: true`` (written by ``mocctl draft``) are inert (SPEC §3.6): they are
    moved to ``drafts`` when the value is made, so no rule or check ever counts them.
    """

    folder: Path
    memorandum: Memorandum | None
    modifications: tuple[Modification, ...] = ()
    notices: tuple[Notice, ...] = ()
    activities: tuple[Activity, ...] = ()
    decisions: tuple[Decision, ...] = ()
    drafts: tuple[Record, ...] = ()
    # what the records that could not be read would have made known (model.salvage)
    shadow: Shadow = field(default_factory=Shadow)

    def __post_init__(self) -> None:
        drafts = list(self.drafts)
        for name in ("modifications", "notices", "activities", "decisions"):
            kept = tuple(r for r in getattr(self, name) if not r.draft)
            drafts += [r for r in getattr(self, name) if r.draft]
            object.__setattr__(self, name, kept)
        object.__setattr__(self, "drafts", tuple(drafts))

    @property
    def id(self) -> str:
        return self.memorandum.id if self.memorandum else self.folder.name

    def changesets(self) -> tuple[Modification | Decision, ...]:
        """Modifications and decisions: the records that change the memorandum."""
        return (*self.modifications, *self.decisions)

    def records(self) -> Iterable[Record]:
        """Every record that counts (drafts excluded)."""
        if self.memorandum:
            yield self.memorandum
        yield from self.modifications
        yield from self.notices
        yield from self.activities
        yield from self.decisions
