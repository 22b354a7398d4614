"""``mocctl schema``: the JSON Schema of the records, for editors.

Without ``-o`` it prints ``record.schema.json`` (any record, by ``kind``). With ``-o DIR`` it
writes every schema file into DIR: one per kind and ``record.schema.json``. A file that exists
with other content is never replaced without ``--force``, and nothing is written unless every
file can be; each file is written to a temporary file in DIR and renamed into place.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from mocctl.errors import EXIT_OK, UsageError
from mocctl.settings import Settings


def run(settings: Settings, out_dir: Path | None, force: bool) -> int:
    from mocctl.model.schema import all_schemas, dumps, record_schema

    if out_dir is None:
        sys.stdout.write(dumps(record_schema()))
        return EXIT_OK
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir} is not a folder", hint="give -o the folder to write into")
    texts = {name: dumps(schema) for name, schema in all_schemas().items()}
    changed = {name: text for name, text in texts.items() if _read(out_dir / name) != text}
    clash = [name for name in changed if (out_dir / name).exists()]
    if clash and not force:
        raise UsageError(
            f"{out_dir / clash[0]} exists with other content"
            + (f" (and {len(clash) - 1} more)" if len(clash) > 1 else ""),
            hint="add --force to replace the schema files",
        )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, text in changed.items():
            _write_atomic(out_dir / name, text)
    except OSError as error:
        raise UsageError(f"cannot write {error.filename or out_dir}: {error.strerror}") from None
    for name in texts:
        state = "wrote" if name in changed else "unchanged"
        sys.stdout.write(f"{state} {(out_dir / name).as_posix()}\n")
    return EXIT_OK


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename."""
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(mode)
        tmp.replace(path)  # os.replace: atomic within one folder
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
