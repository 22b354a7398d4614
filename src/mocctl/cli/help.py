"""Plain help: arguments, options and the global options in sections, examples verbatim.

mocctl prints click's plain help rather than typer's rich panels: it reads the same at any
width and in a pipe, and ``mocctl --help`` does not import rich at all (typer's rich help costs
about 120 ms, more than the start of Python and typer together).
"""

from __future__ import annotations

from typer import _click

from mocctl.cli.options import NAMES, PANEL


def format_options(
    command: _click.Command, ctx: _click.Context, formatter: _click.HelpFormatter
) -> None:
    """Arguments, the command's own options, then the global options, each a section."""
    sections: dict[str, list[tuple[str, str]]] = {"Arguments": [], "Options": [], PANEL: []}
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        if param.param_type_name == "argument":
            sections["Arguments"].append(record)
        elif param.name in NAMES:
            sections[PANEL].append(record)
        else:
            sections["Options"].append(record)
    for title, rows in sections.items():
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


def format_commands(
    group: _click.Command,
    commands: dict[str, _click.Command],
    formatter: _click.HelpFormatter,
) -> None:
    """The commands with their whole one-line help, wrapped rather than cut short."""
    rows = [
        (name, command.get_short_help_str(limit=1000))
        for name, command in commands.items()
        if not command.hidden
    ]
    if rows:
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def format_epilog(epilog: str | None, formatter: _click.HelpFormatter) -> None:
    """The examples, one command line a line, never re-wrapped."""
    if not epilog:
        return
    title, *lines = epilog.splitlines()
    with formatter.section(title.rstrip(":")):
        for line in lines:
            formatter.write(f"{'':>{formatter.current_indent}}{line.strip()}\n")
