"""The command line: parses arguments, calls a command, maps errors to exit codes.

``cli.app`` holds the Typer app and ``main``; ``cli.options`` the global options, declared
once; ``cli.core`` the click classes every command uses; one module per group of commands.
"""

from __future__ import annotations

from mocctl.cli.app import app, main

__all__ = ["app", "main"]
