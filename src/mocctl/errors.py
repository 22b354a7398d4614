"""The errors mocctl turns into exit codes (SPEC §4, contract)."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class MocctlError(Exception):
    """A problem the user can fix: shown as one line on stderr, exit code ``exit_code``."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(MocctlError):
    """Bad arguments, or input that cannot be read at all (exit 2)."""


class CheckFailed(MocctlError):
    """A check the user asked for did not pass (exit 1)."""

    exit_code = EXIT_FINDINGS
