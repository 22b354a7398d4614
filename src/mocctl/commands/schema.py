"""``mocctl schema``: the JSON Schema of the records, for editors.

Without ``-o`` it prints ``record.schema.json`` (any record, by ``kind``). With ``-o DIR`` it
writes every schema file into DIR: one per kind and ``record.schema.json``. A file that exists
with other content is never replaced without ``--force``, and nothing is written unless every
file can be; each file is written to a temporary file in DIR and renamed into place.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mocctl.errors import EXIT_OK, UsageError
from mocctl.io.atomic import atomic_write_text
from mocctl.render.output import write_json
from mocctl.settings import Settings


def run(settings: Settings, out_dir: Path | None, force: bool) -> int:
    from mocctl.model.schema import all_schemas, dumps, record_schema

    fmt = settings.output_format(("text", "json"))
    if out_dir is None:
        sys.stdout.write(dumps(record_schema()))  # the schema is JSON in either format
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
            atomic_write_text(out_dir / name, text, overwrite=True)
    except OSError as error:
        raise UsageError(f"cannot write {error.filename or out_dir}: {error.strerror}") from None
    paths = {name: (out_dir / name).as_posix() for name in texts}
    if fmt == "json":
        write_json(
            {
                "written": [paths[n] for n in texts if n in changed],
                "unchanged": [paths[n] for n in texts if n not in changed],
            }
        )
    else:
        for name in texts:
            sys.stdout.write(f"{'wrote' if name in changed else 'unchanged'} {paths[name]}\n")
    return EXIT_OK


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
