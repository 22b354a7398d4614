"""What can go wrong in a draft, told in terms of the draft's fields, not of command-line options.

A :class:`DraftError` names the *field* of the request it is about (``by``, ``received``…) and,
where there is one, the value given. The command that asked for the draft knows what the user
typed for each field (``--by``) and words the message with :meth:`DraftError.worded`; anyone
else gets the field names. It is a :class:`~mocctl.errors.MocctlError`: exit 2, one line, no
traceback. mocctl's own bugs are never turned into one (they stay internal errors, exit 3).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from mocctl.errors import MocctlError

# The fields of the drafting requests; ``{field}`` in a hint stands for the way the user gives it.
FIELDS = frozenset(
    {
        "add_area", "by", "dated", "effective", "end_activity", "id", "received",
        "replace_text", "requested_effective", "set_term", "template", "title", "to",
    }
)  # fmt: skip
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_PLAIN_VALUE = re.compile(r"[^\s'\"]+")


class DraftError(MocctlError):
    """A draft that cannot be made as asked: ``field`` (if any) and ``value`` say what to fix."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        value: object = None,
        hint: str | None = None,
    ) -> None:
        self.field = field
        self.value = value
        self.detail = message
        self.hint_text = hint
        worded, worded_hint = self.worded({})
        super().__init__(worded, hint=worded_hint)

    def worded(self, names: Mapping[str, str]) -> tuple[str, str | None]:
        """(message, hint) with each field shown as ``names[field]`` (else its own name)."""

        def name(field: str) -> str:
            return names.get(field, field)

        message = self.detail
        if self.field is not None:
            label = name(self.field)
            if self.value is None:
                message = f"{label} {message}"
            else:
                shown = str(self.value)
                if not _PLAIN_VALUE.fullmatch(shown):
                    shown = repr(shown)
                message = f"{label} {shown}: {message}"
        hint = self.hint_text
        if hint is not None:
            hint = _PLACEHOLDER.sub(
                lambda m: name(m.group(1)) if m.group(1) in FIELDS else m.group(0), hint
            )
        return message, hint
