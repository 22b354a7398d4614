"""``mocctl explain CODE``: the documentation of a finding code, from docs/checks.md.

The page is read from the installed package (``mocctl/docs/checks.md``, put in the wheel by
``force-include``) or, in a source checkout, from ``docs/checks.md``.
"""

from __future__ import annotations

import re
import sys
from difflib import get_close_matches
from functools import cache
from pathlib import Path

from mocctl.codes import CHECKS, Check
from mocctl.errors import EXIT_OK, UsageError
from mocctl.render.output import write_json
from mocctl.settings import Settings

DOCS = "docs/checks.md"
_SECTION = re.compile(r"^### (MOC\d{3}) ", re.M)


def docs_path() -> Path | None:
    """Where checks.md is: inside the package (a wheel), else in the source tree."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "docs" / "checks.md", package.parents[1] / DOCS):
        if candidate.is_file():
            return candidate
    return None


@cache
def sections() -> dict[str, str]:
    """Each code's section of checks.md, from its ``### MOCnnn — title`` to the next heading."""
    path = docs_path()
    if path is None:
        return {}
    text = path.read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for match in _SECTION.finditer(text):
        end = re.compile(r"^(<a id=|#{2,3} )", re.M).search(text, match.end())
        found[match.group(1)] = text[match.start() : end.start() if end else len(text)].strip()
    return found


def anchor(code: str) -> str:
    """The link to a code's section: ``docs/checks.md#moc401``."""
    return f"{DOCS}#{code.lower()}"


def lookup(text: str) -> Check:
    """The code ``text`` names (``MOC401``, ``moc401``, ``401``), or a usage error."""
    code = text.strip().upper()
    if code.isdigit():
        code = f"MOC{code:0>3}"
    if code in CHECKS:
        return CHECKS[code]
    matches = get_close_matches(code, list(CHECKS), n=3, cutoff=0.6)
    hint = (
        "did you mean " + " or ".join(matches) + "?"
        if matches
        else "mocctl explain --list shows every code"
    )
    raise UsageError(f"unknown finding code {text!r}", hint=hint)


def documentation(check: Check) -> str:
    """The section of checks.md, or the catalogue's line when the page has none."""
    section = sections().get(check.code)
    if section:
        return section + "\n"
    return (
        f"### {check.code} — {check.title}\n\n**Severity:** {check.severity.value}\n\n"
        f"{check.help}\n\n(Not yet described in {DOCS}.)\n"
    )


def _json(check: Check) -> dict[str, object]:
    return {
        "code": check.code,
        "severity": check.severity.value,
        "title": check.title,
        "summary": check.help,
        "docs": anchor(check.code),
    }


def run(settings: Settings, code: str | None, *, list_all: bool = False) -> int:
    fmt = settings.output_format(("text", "json"))
    if list_all or code is None:
        if not list_all:
            raise UsageError(
                "explain needs a finding code", hint="mocctl explain --list shows every code"
            )
        if fmt == "json":
            write_json([_json(check) for check in CHECKS.values()])
        else:
            width = max(len(c.severity.value) for c in CHECKS.values())
            sys.stdout.write(
                "".join(
                    f"{c.code}  {c.severity.value:<{width}}  {c.title}: {c.help}\n"
                    for c in CHECKS.values()
                )
            )
        return EXIT_OK
    check = lookup(code)
    if fmt == "json":
        write_json({**_json(check), "text": documentation(check)})
    else:
        sys.stdout.write(documentation(check))
    return EXIT_OK
