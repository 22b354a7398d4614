"""The pre-commit hook: validate the memoranda that the changed files belong to (issue 12).

``python -m mocctl.commands.precommit [--records DIR] [--strict] [--quiet] [--format F] FILE…``
(the entry of ``.pre-commit-hooks.yaml``; pre-commit passes the changed files). Files outside
the records folder (``--records``, ``MOCCTL_RECORDS``, else ``./records``) are left alone. Each
memorandum folder that holds a changed file is validated in full, and every finding in it is
reported, as ``mocctl validate FOLDER`` would; the other memoranda are not read, except for the
check across folders (a memorandum id used twice, MOC204), which needs only their ids: those come
from an index in the result cache, checked against each folder's memorandum file (its size,
times and inode), and are read again (through the result cache) for a folder whose file changed.
A commit that touches no file in the records folder costs the start of Python and nothing else.

CI should still run ``mocctl validate`` over the whole records folder (docs/ci.md): a record that
a commit deletes, or a change made without the hook, is seen there.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

USAGE = "usage: python -m mocctl.commands.precommit [--records DIR] [--strict] [--quiet] FILE…"


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the hook's arguments, run it, and map errors to mocctl's exit codes."""
    from mocctl.commands.plugins import without_plugins
    from mocctl.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, MocctlError

    without_plugins()  # a command, like `mocctl` itself: no look for pydantic plugins
    try:
        options, files = _parse(list(sys.argv[1:] if argv is None else argv))
        return run(files, **options)  # type: ignore[arg-type]
    except MocctlError as error:
        sys.stderr.write(f"mocctl: error: {error.message}\n")
        if error.hint:
            sys.stderr.write(f"hint: {error.hint}\n")
        return error.exit_code if error.exit_code else EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away: quiet, as every mocctl command
        from mocctl.commands.replay import closed_pipe

        return closed_pipe()
    except Exception as error:
        sys.stderr.write(
            f"mocctl: internal error: {type(error).__name__}: {error} "
            "(please report it; MOCCTL_DEBUG=1 shows where)\n"
        )
        if os.environ.get("MOCCTL_DEBUG"):
            raise
        return EXIT_INTERNAL


_FLAGS = {"--strict": "strict", "--quiet": "quiet", "-q": "quiet", "--no-cache": "no_cache"}


def _parse(args: list[str]) -> tuple[dict[str, object], list[Path]]:
    from mocctl.errors import UsageError

    options: dict[str, object] = {}
    files: list[Path] = []
    while args:
        word = args.pop(0)
        if word == "--":
            files += [Path(rest) for rest in args]
            break
        if word in _FLAGS:
            options[_FLAGS[word]] = True
        elif word in ("--records", "--format") or word.startswith(("--records=", "--format=")):
            name, _, value = word.partition("=")
            if not value:
                if not args:
                    raise UsageError(f"{name} needs a value", hint=USAGE)
                value = args.pop(0)
            options[name.lstrip("-")] = value
        elif word.startswith("-") and word != "-":
            raise UsageError(f"unknown option {word!r}", hint=USAGE)
        else:
            files.append(Path(word))
    return options, files


def run(
    files: Sequence[Path],
    *,
    records: str | None = None,
    format: str | None = None,
    strict: bool = False,
    quiet: bool = False,
    no_cache: bool = False,
) -> int:
    """Validate the memorandum folders of ``files`` below the records folder; exit code."""
    from mocctl.errors import EXIT_OK, UsageError

    root = Path(records or os.environ.get("MOCCTL_RECORDS") or "records")
    if not root.is_dir():
        if records or os.environ.get("MOCCTL_RECORDS"):
            raise UsageError(f"records folder {root} does not exist")
        raise UsageError(
            "no records folder here: no --records, no MOCCTL_RECORDS and no ./records",
            hint="give the hook `args: [--records, DIR]` in .pre-commit-config.yaml",
        )
    top = os.path.realpath(root)
    mine = [f for f in files if _below(os.path.realpath(f), top)]
    if not mine:
        return EXIT_OK  # nothing in the records changed: nothing imported, nothing read
    from mocctl.commands.validate import run_folders
    from mocctl.settings import Settings

    settings = Settings(records=root, format=format, no_cache=no_cache)
    return run_folders(settings, root, mine, strict=strict, quiet=quiet)


def _below(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip(os.sep) + os.sep)


if __name__ == "__main__":
    raise SystemExit(main())
