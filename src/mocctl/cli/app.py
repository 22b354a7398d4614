"""The Typer app, ``main``, and the one place that turns errors into exit codes (SPEC §4).

Only the standard library and typer are imported here, so that ``mocctl --help`` and
``mocctl --version`` start fast; each command imports what it needs when it runs.
"""

import copy
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer import _click

from mocctl import __version__
from mocctl.cli.core import MocctlGroup, examples
from mocctl.cli.options import state
from mocctl.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, MocctlError


def _say(message: str, hint: str | None = None) -> None:
    typer.echo(f"mocctl: error: {message}", err=True)
    if hint:
        typer.echo(f"hint: {hint}", err=True)


def _usage(error: _click.exceptions.UsageError) -> tuple[str, str | None]:
    """A click usage error in mocctl's words: the message, and a hint."""
    hint = None
    if isinstance(error, _click.exceptions.NoSuchOption):
        message = f"unknown option {error.option_name!r}"
        if error.possibilities:  # the closest first; two only when they are equally close
            import difflib

            ranked = sorted(
                error.possibilities,
                key=lambda p: -difflib.SequenceMatcher(None, error.option_name, p).ratio(),
            )
            best = difflib.SequenceMatcher(None, error.option_name, ranked[0]).ratio()
            close = [
                p
                for p in ranked[:2]
                if difflib.SequenceMatcher(None, error.option_name, p).ratio() == best
            ]
            hint = "did you mean " + " or ".join(repr(p) for p in close) + "?"
    else:
        text = error.format_message().strip().rstrip(".")
        message = text[:1].lower() + text[1:]
    if hint is None and error.ctx is not None:
        hint = f"see '{error.ctx.command_path} --help'"
    return message, hint


def _debugging(args: Sequence[str], ctx: _click.Context | None) -> bool:
    if ctx is not None and state(ctx).settings.debug:
        return True
    return "--debug" in args or os.environ.get("MOCCTL_DEBUG", "") not in ("", "0", "false")


class RootGroup(MocctlGroup):
    """``mocctl`` itself: runs the command and maps every outcome to an exit code."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> int:
        args = list(sys.argv[1:] if args is None else args)
        prog_name = prog_name or _click.utils._detect_program_name()
        self._main_shell_completion(extra, prog_name, complete_var)
        code = self._run(args, prog_name, extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(self, args: list[str], prog_name: str, extra: dict[str, Any]) -> int:
        ctx: _click.Context | None = None
        try:
            with self.make_context(prog_name, args, **extra) as ctx:
                self.invoke(ctx)
            return 0
        except typer.Exit as done:
            return done.exit_code
        except _click.exceptions.NoArgsIsHelpError as error:
            if error.format_message().strip():  # rich help is printed already
                typer.echo(error.format_message())
            return EXIT_USAGE
        except _click.exceptions.UsageError as error:
            _say(*_usage(error))
            return EXIT_USAGE
        except _click.exceptions.ClickException as error:
            _say(error.format_message())
            return error.exit_code
        except MocctlError as error:
            _say(error.message, error.hint)
            return error.exit_code
        except BrokenPipeError:
            # The reader went away (``mocctl … | head``): stop quietly, as other tools do.
            from mocctl.commands.replay import closed_pipe

            return closed_pipe()
        except (KeyboardInterrupt, typer.Abort):
            typer.echo("mocctl: interrupted", err=True)
            return EXIT_INTERRUPTED
        except Exception as error:
            if _debugging(args, ctx):
                traceback.print_exc(file=sys.stderr)
            typer.echo(f"mocctl: internal error: {type(error).__name__}: {error}", err=True)
            typer.echo(
                "This is a bug in mocctl. Run again with --debug for the traceback, "
                "and please report it.",
                err=True,
            )
            return EXIT_INTERNAL


_base = typer.Typer(
    name="mocctl",
    cls=RootGroup,
    help="Keep the records of a Memorandum of Cooperation, check them, and know where it "
    "stands on any date.",
    epilog=examples("mocctl status --as-of 2026-11-29", "mocctl validate", "mocctl explain MOC401"),
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help: see cli.help
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mocctl {__version__}")
        raise typer.Exit()


@_base.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Keep the records of a Memorandum of Cooperation, check them, and know where it stands."""


# The module of ``mocctl.cli`` that declares each command and group, in the order ``mocctl
# --help`` lists them. A command line that names one command imports only its module (``_for``):
# the other modules cost every start 3 ms of CPU time (issue 9). tests/test_startup_imports.py
# checks that each module registers exactly the names given here.
COMMANDS: dict[str, tuple[str, ...]] = {
    "records": ("validate", "status", "timeline", "text", "diff"),
    "period": ("period",),
    "schema": ("schema",),
    "explain": ("explain",),
    "calendar": ("calendar",),
    "report": ("report",),
    "draft": ("draft",),
    "init": ("init",),
    "record": ("record",),
}
GROUPS = ("draft", "record")  # modules whose ``app`` is a group of commands


def _register(target: typer.Typer, module: str) -> None:
    """Add the commands (or the group) of ``mocctl.cli.<module>`` to ``target``."""
    declared = importlib.import_module(f"mocctl.cli.{module}")
    if module in GROUPS:
        target.add_typer(declared.app, name=module)
    else:
        declared.register(target)


def _everything() -> typer.Typer:
    """The app with every command and group (``--help``, completion, tests, the docs)."""
    if not _base.registered_commands:
        for module in COMMANDS:
            _register(_base, module)
    return _base


def __getattr__(name: str) -> typer.Typer:
    """``app``: the whole Typer app, its commands registered on first use."""
    if name == "app":
        app = _everything()
        globals()["app"] = app
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _for(args: Sequence[str]) -> typer.Typer:
    """The whole app, or a copy of it holding only the command the command line names.

    When nothing but global options comes before the command's name, typer needs the click
    command of that one command, not of all of them: building the whole tree costs
    ``mocctl status`` 25-45 ms of CPU time (benchmarks/RESULTS.md), and importing the modules
    that declare the others 3 ms. The command itself and everything after its name are handled
    exactly as in the whole app; anything else (``--help``, ``--version``, shell completion, an
    unknown name) gets the whole app.
    """
    name = _command_name(args)
    module = next((m for m, names in COMMANDS.items() if name in names), None)
    if module is None or any(key.startswith("_MOCCTL") for key in os.environ):
        return _everything()
    light = copy.copy(_base)
    light.registered_commands = []
    light.registered_groups = []
    _register(light, module)
    light.registered_commands = [
        c for c in light.registered_commands if _registered_name(c) == name
    ]
    return light


def _command_name(args: Sequence[str]) -> str | None:
    """The first word of ``args`` when only global options come before it."""
    from mocctl.commands.replay import FLAG_OPTIONS, NO_CACHE, VALUE_OPTIONS

    index = 0
    while index < len(args):
        token = args[index]
        index += 1
        if token in (*FLAG_OPTIONS, NO_CACHE):
            continue
        if token in VALUE_OPTIONS:
            index += 1
            continue
        if token.partition("=")[0] in VALUE_OPTIONS and token.startswith("--"):
            continue
        return None if token.startswith("-") else token
    return None


def _registered_name(info: typer.models.CommandInfo) -> str | None:
    if info.name:
        return info.name
    callback = info.callback
    return typer.main.get_command_name(callback.__name__) if callback is not None else None


def main() -> int:
    """The console script: run the app and return its exit code."""
    try:
        _for(sys.argv[1:])()
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return 0
