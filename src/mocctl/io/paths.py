"""Paths as mocctl makes and shows them: a child of a listed folder, a real path, the text of a
name that may not be UTF-8 or may hold controls, the kind of a file that is not a regular one."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from mocctl.findings import Finding, display_path
from mocctl.io.yamlio import file_finding


def _make_child() -> Callable[[Path, str], Path] | None:
    """pathlib's own way of making ``folder / name`` from a name that is one part (what its
    glob uses): a quarter of the cost of ``folder / name``, which parses the name again. Used
    only when it gives what ``/`` gives (it is not public: another Python may lack it)."""
    make = getattr(Path, "_make_child_relpath", None)
    try:
        for folder in (Path("a/b"), Path(), Path("/"), Path("/a")):
            made = make(folder, "c.yaml") if make is not None else None
            if made != folder / "c.yaml" or str(made) != str(folder / "c.yaml"):
                return None
            if type(made) is not type(folder):
                return None
    except Exception:  # any surprise: the public way
        return None
    return make


_CHILD = _make_child()


def child_path(folder: Path, name: str) -> Path:
    """``folder / name`` for a name listed in ``folder`` (one part: no separator in it)."""
    if _CHILD is not None:
        return _CHILD(folder, name)
    return folder / name


def real_path(path: Path) -> Path:
    return Path(os.path.realpath(path))


def readable_name(name: str) -> bool:
    """Whether a name from the file system is printable text (UTF-8, no control characters)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return name.isprintable()


def printable(path: Path) -> str:
    """``path`` as text that prints on one line: bytes that are not UTF-8 and controls escaped."""
    text = os.fsencode(path).decode("utf-8", "replace") if "\x00" not in str(path) else str(path)
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def shown_name(path: Path) -> str:
    """``display_path`` of a path whose name may hold bytes that are not UTF-8, or controls."""
    return display_path(Path(printable(path)))


def shown_below(folder: Path) -> Callable[[Path], str]:
    """:func:`shown_name` for the files below ``folder`` (as :func:`record_files` gives them):
    the folder's shown name is worked out once, each file's relative part joined to it (a
    record file's name is always printable: :func:`record_files` skips the others)."""
    top = shown_name(folder)
    prefix = "" if top == "." else top.rstrip("/") + "/"
    start = len(os.fspath(folder).rstrip(os.sep)) + 1

    def shown(path: Path) -> str:
        text = os.fspath(path)
        if not text.startswith(os.fspath(folder)) or text[start - 1 : start] != os.sep:
            return shown_name(path)
        relative = text[start:]
        if os.sep != "/":  # pragma: no cover - POSIX separators in findings
            relative = relative.replace(os.sep, "/")
        return prefix + relative if readable_name(relative) else shown_name(path)

    return shown


def name_finding(path: Path) -> Finding:
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        why = "is not UTF-8 text"
    else:
        why = "holds control characters (such as a line break)"
    return file_finding("MOC016", f"the name {why}; it is not read", shown_name(path))


def kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"
