"""Shell completion of values read from the records: memorandum ids, Side ids, record ids.

Completion runs mocctl on every <Tab>, so this reads the YAML files as plain lines (the
standard library only, no YAML parser or model), and only when a completion is asked for.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import typer
from typer import _click

_SKIPPED = {"templates", "documents"}
# Compiled when a completion is asked for (``re`` keeps them), not on every start of mocctl.
_TOP = r"^(?P<key>[A-Za-z_]+):\s*(?P<value>.*?)\s*(?:#.*)?$"
_ITEM_ID = r"^\s+-\s+id:\s*['\"]?(?P<id>[^'\"\s#]+)"


@dataclass
class Document:
    kind: str = ""
    id: str = ""
    title: str = ""
    sides: list[str] = field(default_factory=list)


def records_folder(ctx: _click.Context | None) -> Path:
    """The folder the command would read: ``--records`` anywhere on the line, else the default."""
    while ctx is not None:
        given = ctx.params.get("records")
        if given:
            return Path(given)
        ctx = ctx.parent
    if os.environ.get("MOCCTL_RECORDS"):
        return Path(os.environ["MOCCTL_RECORDS"])
    if Path("records").is_dir():
        return Path("records")
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "default_records", package.parents[1] / "records"):
        if candidate.is_dir():
            return candidate
    return Path("records")


def documents(root: Path) -> Iterator[Document]:
    """The kind, id, title (and a Memorandum's Side ids) of every document under ``root``."""
    for path in _record_files(root):
        try:
            with path.open("rb") as handle:  # a regular file (checked), read with a bound
                text = handle.read(_MAX_BYTES).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        yield from _parse(text)


_MAX_BYTES = 1 << 20  # as the loader's limit on a record file
_MAX_FILES = 10_000


def _record_files(root: Path) -> Iterator[Path]:
    """Regular *.yaml / *.yml files below ``root``: links not followed, FIFOs and devices
    skipped, a bounded number (completion must never hang on a hostile tree)."""
    import stat

    try:
        if root.is_file():
            yield root
            return
    except (OSError, ValueError):
        return
    seen = 0
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED and not d.startswith("."))
        for name in sorted(names):
            if not name.endswith((".yaml", ".yml")):
                continue
            path = Path(folder, name)
            try:
                if not stat.S_ISREG(path.lstat().st_mode):
                    continue
            except OSError:
                continue
            seen += 1
            if seen > _MAX_FILES:
                return
            yield path


def _parse(text: str) -> Iterator[Document]:
    top_key, item_id = re.compile(_TOP), re.compile(_ITEM_ID)
    doc, section = Document(), ""
    for line in text.splitlines():
        if line.startswith("---"):
            if doc.kind:
                yield doc
            doc, section = Document(), ""
            continue
        top = top_key.match(line)
        if top:
            section = top["key"]
            value = top["value"].strip("'\"")
            if section in ("kind", "id", "title"):
                setattr(doc, section, value)
        elif section == "sides" and (item := item_id.match(line)):
            doc.sides.append(item["id"])
    if doc.kind:
        yield doc


def _matching(values: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for value, help_ in values:
        if value.startswith(incomplete) and value not in seen:
            seen[value] = help_
    return list(seen.items())


def memorandum_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    docs = documents(records_folder(ctx))
    return _matching([(d.id, d.title) for d in docs if d.kind == "Memorandum"], incomplete)


def side_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    docs = documents(records_folder(ctx))
    return _matching(
        [(s, "Side") for d in docs if d.kind == "Memorandum" for s in d.sides], incomplete
    )


def activity_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Activity ids as ``ID=`` (``--end-activity ID=DATE``)."""
    docs = documents(records_folder(ctx))
    return _matching([(f"{d.id}=", d.title) for d in docs if d.kind == "Activity"], incomplete)


def finding_codes(incomplete: str) -> list[tuple[str, str]]:
    from mocctl.codes import CHECKS

    return _matching([(c.code, c.title) for c in CHECKS.values()], incomplete)
