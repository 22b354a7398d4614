"""``mocctl init [PATH]``: the records of a new memorandum, or a copy of the Japan–UK example.

``PATH`` is the records folder (default: ``--records``, else ``./records``); the memorandum's
folder ``PATH/<id>/`` is created with a commented ``memorandum.yaml``, and the JSON Schema goes to
``PATH/.schema/`` for editors (hidden, so never read as a memorandum). Values come from the
options; any that is missing is asked for when stdin is a terminal, and is a usage error naming
the option otherwise. The new records are read and checked before anything is written: they
must validate without an error. Nothing is ever overwritten: every file is new, written
atomically, all or nothing.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mocctl.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from mocctl.findings import Severity, display_path
from mocctl.render.output import write_json
from mocctl.settings import Settings

EXAMPLE_ID = "jp-uk-quantum-2025"
SCHEMA_LINE = re.compile(r"\A# yaml-language-server: \$schema=\S+\n")


def interactive() -> bool:
    """Whether missing values may be asked for (stdin and stdout are terminals)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def run(
    settings: Settings,
    path: Path | None,
    *,
    example: bool,
    memorandum_id: str | None,
    title: str | None,
    sides: Sequence[str],
    signatures: Sequence[str],
    notice_period: str | None,
    rule: str | None,
    areas: Sequence[str],
    force: bool = False,
    ask: Callable[..., Any] | None = None,
) -> int:
    from mocctl.io.atomic import FileWrite, write_files
    from mocctl.model.schema import dumps, record_schema
    from mocctl.recording import init as new
    from mocctl.recording.session import read_folder

    fmt = settings.output_format(("text", "json"))
    root = path or settings.records or Path("records")
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root} is not a folder", hint="name the records folder to create")
    if example:
        folder, texts = _example(root)
    else:
        prompt = ask if ask is not None else (_prompt if interactive() else None)
        memo = _gather(
            prompt,
            memorandum_id=memorandum_id,
            title=title,
            sides=sides,
            signatures=signatures,
            notice_period=notice_period,
            rule=rule,
            areas=areas,
        )
        folder = root / memo.id
        texts = {
            "memorandum.yaml": new.memorandum_text(
                memo, f"../{new.SCHEMA_FOLDER}/record.schema.json"
            )
        }
    if folder.exists() and any(folder.iterdir()) and not force:
        raise UsageError(
            f"{folder} already exists and is not empty; nothing was written",
            hint="choose another --id or PATH",
        )
    writes = [FileWrite(folder / name, text) for name, text in texts.items()]
    schema = root / new.SCHEMA_FOLDER / "record.schema.json"
    if not schema.exists():
        writes.append(FileWrite(schema, dumps(record_schema())))
    for write in writes:
        if write.path.exists():
            raise UsageError(f"{write.path} already exists; nothing was written")
    records, findings = read_folder(folder, {w.path: w.text for w in writes if w.path != schema})
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors or records.memorandum is None:
        for f in errors:
            sys.stderr.write(f"{f.file}:{f.line}:{f.column}: error {f.code} {f.message}\n")
        sys.stderr.write("mocctl: the new records would not validate; nothing was written\n")
        return EXIT_FINDINGS
    write_files(writes)
    written = [display_path(w.path) for w in writes]
    if fmt == "json":
        write_json(
            {
                "memorandum": records.memorandum.id,
                "folder": display_path(folder),
                "written": written,
            }
        )
        return EXIT_OK
    for name in written:
        sys.stdout.write(f"wrote {name}\n")
    mocctl = "mocctl" if root == Path("records") else f"mocctl --records {display_path(root)}"
    sys.stdout.write(f"next: {mocctl} validate; {mocctl} status {records.memorandum.id}\n")
    return EXIT_OK


def _example(root: Path) -> tuple[Path, dict[str, str]]:
    """The files of the embedded Japan–UK records, the schema line pointing at PATH/.schema."""
    from mocctl.io.folders import embedded_records
    from mocctl.recording import init as new

    source = embedded_records() / EXAMPLE_ID
    texts: dict[str, str] = {}
    for file in sorted(source.rglob("*")):
        if not file.is_file() or any(
            part.startswith(".") for part in file.relative_to(source).parts
        ):
            continue
        relative = file.relative_to(source)
        text = file.read_text(encoding="utf-8")
        up = "../" * len(relative.parts)
        line = f"# yaml-language-server: $schema={up}{new.SCHEMA_FOLDER}/record.schema.json\n"
        if SCHEMA_LINE.match(text):
            text = line + text[SCHEMA_LINE.match(text).end() :]  # type: ignore[union-attr]
        texts[relative.as_posix()] = text
    return root / EXAMPLE_ID, texts


def _prompt(text: str, default: str | None = None) -> str:
    import typer

    value: str = typer.prompt(text, default=default) if default is not None else typer.prompt(text)
    return value


def _gather(
    ask: Callable[..., Any] | None,
    *,
    memorandum_id: str | None,
    title: str | None,
    sides: Sequence[str],
    signatures: Sequence[str],
    notice_period: str | None,
    rule: str | None,
    areas: Sequence[str],
) -> Any:
    from mocctl.recording import init as new

    def need(value: str | None, option: str, question: str, default: str | None = None) -> str:
        if value:
            return value
        if ask is None:
            if default is not None:
                return default
            raise UsageError(
                f"missing option {option}",
                hint="give every value as an option (see `mocctl init --help`), "
                "or run `mocctl init` in a terminal to be asked",
            )
        answer: str = ask(question, default) if default is not None else ask(question)
        return answer.strip()

    memo_id = need(memorandum_id, "--id", "Memorandum id (a slug, e.g. aa-bb-research-2026)")
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", memo_id):
        raise UsageError(
            f"--id {memo_id!r} is not an id",
            hint="lower-case letters, digits, '.', '_' and '-', e.g. aa-bb-research-2026",
        )
    memo_title = need(title, "--title", "Title, as the signed text writes it")
    side_texts = list(sides)
    if len(side_texts) < 2 and ask is None:
        raise UsageError(
            "missing option --side (a memorandum has at least two Sides)",
            hint="repeat --side ID:NAME:JURISDICTION:TIMEZONE, e.g. "
            "--side UK:'The Department for …':GB:Europe/London",
        )
    parsed = [new.parse_side(text) for text in side_texts]
    while ask is not None and (len(parsed) < 2 or ask("Another Side? (y/n)", "n").lower() == "y"):
        n = len(parsed) + 1
        parsed.append(
            new.parse_side(
                ":".join(
                    [
                        ask(f"Side {n}: id (e.g. JP)"),
                        ask(f"Side {n}: name, as the text writes it"),
                        ask(f"Side {n}: country (ISO 3166-1, e.g. GB)"),
                        ask(f"Side {n}: time zone (IANA, e.g. Europe/London)"),
                    ]
                )
            )
        )
    if len({side.id for side in parsed}) != len(parsed):
        raise UsageError("two Sides have the same id")
    period = need(
        notice_period,
        "--notice-period",
        "Notice period (ISO 8601, e.g. P3M)",
        "P3M" if ask else None,
    )
    how = need(rule, "--rule", "Rule for counting the period", "safe-harbour")
    new.check_terms(period, how)
    area_list = [new.parse_area(text) for text in areas]
    if ask is not None and not areas:
        while ask("Add an area of cooperation? (y/n)", "n").lower() == "y":
            area_list.append(
                new.parse_area(
                    ":".join(
                        [
                            ask("Area id (e.g. research-dialogue)"),
                            ask("Area title"),
                            ask("Area text, verbatim"),
                        ]
                    )
                )
            )
    signed = [new.parse_signature(text, parsed) for text in signatures]
    return new.NewMemorandum(
        id=memo_id,
        title=memo_title,
        sides=tuple(parsed),
        notice_period=period,
        rule=how,
        signatures=tuple(signed),
        areas=tuple(area_list),
    )
