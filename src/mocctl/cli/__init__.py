"""The command line: parses arguments, calls a command, maps errors to exit codes.

``cli.app`` holds the Typer app and ``main``; ``cli.options`` the global options, declared
once; ``cli.core`` the click classes every command uses; one module per group of commands.

This package's ``__init__`` imports nothing heavy: the console script's :func:`main` first
asks ``commands.replay`` (standard library only) whether the answer is in the cache, and only
on a miss imports the app (typer) and what the command needs. ``app`` is imported on first use.

The modules that declare commands do not use ``from __future__ import annotations``: typer reads
every parameter's annotation when it builds the command, and a string annotation is compiled and
evaluated there, on every start (19 ms of build against 9 ms; ``tests/test_startup.py``).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not ``typing.TYPE_CHECKING``: a cache hit must not even import typing
if TYPE_CHECKING:
    from typing import Any

    from mocctl.cli.app import app as app

__all__ = ["app", "main"]


def main() -> int:
    """The console script: replay a cached answer when there is one, else run the app.

    A closed stdout (``mocctl --version | true``) ends every path the same way, quietly with
    ``commands.replay.EXIT_CLOSED_PIPE``: also the fast paths that never reach ``cli.app``, and
    the flush of what is still buffered when the command returns.
    """
    try:
        code = _main()
        if sys.stdout is not None:
            sys.stdout.flush()
        return code
    except BrokenPipeError:
        from mocctl.commands.replay import closed_pipe

        return closed_pipe()


def _main() -> int:
    args = sys.argv[1:]
    if "--help" in args or "-h" in args:  # never from the cache: not even its import
        from mocctl.cli.app import main as run

        return run()
    from mocctl.commands import replay

    if replay.version_only(args):
        from mocctl import __version__

        sys.stdout.write(f"mocctl {__version__}\n")  # as ``cli.app._version`` prints it
        sys.stdout.flush()
        return 0
    plan = replay.plan(args)
    if plan is not None:
        code = plan.replay()
        if code is not None:
            return code
    from mocctl.cli.app import main as run
    from mocctl.commands.plugins import without_plugins

    without_plugins()
    return run() if plan is None else plan.record(run)


def __getattr__(name: str) -> Any:
    """``mocctl.cli.app`` is the Typer app, imported on first use."""
    if name == "app":
        from mocctl.cli.app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Package(type(sys)):  # type: ignore[misc]
    """Keeps ``mocctl.cli.app`` the Typer app (as ``from mocctl.cli.app import app`` makes it)
    when the import system binds the submodule ``cli/app.py`` to the same name: the name is
    left unbound, and ``__getattr__`` answers it. Not bound to the app there and then, as that
    would register every command (``cli.app.COMMANDS``) on every start."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "app" and isinstance(value, type(sys)):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
