"""The options the three ``mocctl draft`` commands share."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from mocctl.cli import complete

IdArg = Annotated[
    Optional[str],  # noqa: UP045 - typer evaluates the annotation at run time
    typer.Argument(
        metavar="ID",
        help="The memorandum's id (default: the only one).",
        show_default=False,
        autocompletion=complete.memorandum_ids,
    ),
]
OutputOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        metavar="DIR",
        help="Write DIR/<id>.md and DIR/<id>.yaml instead of printing them.",
        show_default=False,
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace files that exist.")]
TemplateOpt = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--template",
        metavar="PATH",
        help="A one-off template for the letter, or for the record "
        "when its name ends in .yaml.j2 (repeatable).",
        show_default=False,
    ),
]
RecordIdOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--id",
        metavar="ID",
        help="The new record's id (default: made from the draft).",
        show_default=False,
    ),
]
EffectiveOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--effective",
        metavar="DATE",
        help="The date from which it has effect (required).",
        show_default=False,
    ),
]
TitleOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--title",
        metavar="TEXT",
        help="The title (default: made from the changes).",
        show_default=False,
    ),
]
AddAreaOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--add-area",
        metavar="ID=TITLE:TEXT",
        help="A new area of cooperation, or @FILE (YAML "
        "with id, title and text, or a list of them). Repeatable.",
        show_default=False,
    ),
]
SideOpt = Annotated[
    str,
    typer.Option(
        "--by",
        metavar="SIDE",
        help="The Side that gives notice.",
        autocompletion=complete.side_ids,
    ),
]
ToOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--to",
        metavar="SIDE",
        help="The Side(s) it is addressed to (default: the others).",
        show_default=False,
        autocompletion=complete.side_ids,
    ),
]
EndActivityOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--end-activity",
        metavar="ID=DATE",
        help="End a collaboration activity on DATE (Paragraph 2.4). Repeatable.",
        show_default=False,
        autocompletion=complete.activity_ids,
    ),
]

ReplaceTextOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--replace-text",
        metavar="SECTION=FILE",
        help="Replace a text section by the text in FILE (- for stdin). Repeatable.",
        show_default=False,
    ),
]
SetTermOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--set-term",
        metavar="TERM=VALUE",
        help="Set a term, e.g. notice_period=P6M. Repeatable.",
        show_default=False,
    ),
]
ReceivedOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--received",
        metavar="DATE",
        help="The expected date of receipt (default: the as-of date).",
        show_default=False,
    ),
]
RequestedOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--requested-effective",
        metavar="DATE",
        help="A later date of discontinuation to name instead of the earliest.",
        show_default=False,
    ),
]
DatedOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--dated",
        metavar="DATE",
        help="The date on the letter (default: the as-of date).",
        show_default=False,
    ),
]
