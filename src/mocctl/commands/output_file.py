"""``-o FILE`` for the commands that print a view (``status``, ``text``, ``diff``).

What the command prints on standard output is kept and written to FILE once the command has
finished, atomically (:mod:`mocctl.io.atomic`): never a partial file, and nothing at all when the
command ends in an error (exit 2 or 3). An existing FILE is replaced only with ``--force``, and
that is checked before any record is read. Findings still go to standard error; a view written
with findings in the records (exit 1) is complete and is written. Output to a file is not a
terminal: no colour unless asked for (``--color always``), and lines fit ``COLUMNS`` or 80.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable
from pathlib import Path

from mocctl.io.atomic import atomic_write_text, check_writable


def to_file(output: Path | None, force: bool, command: Callable[[], int]) -> int:
    """Run ``command``; with ``output``, write what it printed there instead of stdout."""
    if output is None:
        return command()
    check_writable([output], overwrite=force)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = command()
    atomic_write_text(output, printed.getvalue(), overwrite=force)
    sys.stderr.write(f"mocctl: wrote {output}\n")
    return code
