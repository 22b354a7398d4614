"""A SARIF 2.1.0 log, the format GitHub code scanning (``upload-sarif``) reads.

One run; the driver lists every check of the catalogue as a rule (so that a rule's help is there
even for codes that did not occur), and each finding becomes a result pointing at its rule by
``ruleId`` and ``ruleIndex``. Locations are relative URIs under ``%SRCROOT%`` (the repository
root), and columns count Unicode code points, as the YAML reader does (SARIF's default would be
UTF-16 code units). ``partialFingerprints`` are left to ``upload-sarif``, which computes them from
the files.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

import mocctl
from mocctl.codes import CHECKS, Check
from mocctl.findings import Finding, Severity
from mocctl.reporters import Report
from mocctl.reporters.github import message_text, workspace_path

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
# Placeholder until the project has a public home; also the base of every rule's helpUri.
INFORMATION_URI = "https://github.com/mocctl/mocctl"
CHECKS_DOC_URI = f"{INFORMATION_URI}/blob/main/docs/checks.md"
SRCROOT = "%SRCROOT%"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_name(title: str) -> str:
    """A rule's ``name``: its title in kebab case (``unknown key`` → ``unknown-key``)."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def help_uri(code: str) -> str:
    """Where a check is documented: its anchor in docs/checks.md."""
    return f"{CHECKS_DOC_URI}#{code.lower()}"


def rule(check: Check) -> dict[str, Any]:
    """The reportingDescriptor of one check."""
    uri = help_uri(check.code)
    return {
        "id": check.code,
        "name": rule_name(check.title),
        "shortDescription": {"text": check.title},
        "fullDescription": {"text": check.help},
        "help": {
            "text": f"{check.help}\nSee {uri}",
            "markdown": f"{check.help}\n\n[{check.code} in the mocctl checks]({uri})",
        },
        "helpUri": uri,
        "defaultConfiguration": {"level": LEVELS[check.severity]},
    }


def artifact_location(file: str) -> dict[str, str]:
    """A finding's file as a SARIF artifactLocation: relative to %SRCROOT%, percent-encoded."""
    path = workspace_path(file).replace("\\", "/")
    if PurePosixPath(path).is_absolute():
        return {"uri": "file://" + quote(path, safe="/")}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def result(finding: Finding, index: int) -> dict[str, Any]:
    """The SARIF result of one finding; ``index`` is its rule's position in the driver.

    An accepted finding carries an in-source suppression with its reason (SARIF §3.35)."""
    data: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": message_text(finding)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(finding.file),
                    "region": {
                        "startLine": max(finding.line, 1),
                        "startColumn": max(finding.column, 1),
                    },
                }
            }
        ],
    }
    if finding.accepted:
        data["suppressions"] = [
            {"kind": "inSource", "justification": finding.accepted.reason, "status": "accepted"}
        ]
    return data


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log of ``report`` as plain data."""
    checks = list(CHECKS.values())
    for finding in report.findings:  # a code outside the catalogue still needs a rule
        if finding.code not in CHECKS and all(c.code != finding.code for c in checks):
            checks.append(Check(finding.code, finding.severity, finding.code, finding.code))
    index = {check.code: position for position, check in enumerate(checks)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mocctl",
                        "informationUri": INFORMATION_URI,
                        "version": mocctl.__version__,
                        "semanticVersion": mocctl.__version__,
                        "rules": [rule(check) for check in checks],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [result(f, index[f.code]) for f in report.findings],
            }
        ],
    }


def render(report: Report) -> str:
    return json.dumps(sarif_log(report), indent=2, ensure_ascii=False) + "\n"
