"""What a cache key is made of: the content of a folder, the program, the options.

Standard library only, like :mod:`mocctl.io.cache` (a cache hit imports both).

- :func:`folder_key`: the SHA-256 of every file below a folder, relative path and bytes, so
  that an entry is never stale. It refuses (``None``) whatever it cannot vouch for: a path that
  is not a readable folder, a symbolic link, a FIFO or device, a file or folder it cannot read,
  more than :data:`MAX_HASHED_FILES` files or :data:`MAX_HASHED_BYTES` bytes. A caller that
  gets ``None`` does not use the cache. :func:`folder_stamps` says, without reading a file,
  whether a folder is as it was hashed.
- :func:`mocctl_fingerprint`: what the installed program is.
- :class:`Key`: a key from its parts, ``None`` when any part is.
"""

# os.path, not pathlib: importing pathlib would cost a cache hit about 12 ms.
# ruff: noqa: PTH100, PTH112, PTH116, PTH118, PTH120, PTH208

from __future__ import annotations

import os
import stat
import sys

TYPE_CHECKING = False  # not ``typing.TYPE_CHECKING``: a hit must not even import typing
if TYPE_CHECKING:
    import hashlib
    from hashlib import sha256
else:
    try:  # the built-in SHA-256: loading OpenSSL (``hashlib``) costs a cache hit about 10 ms
        from _sha256 import sha256
    except ImportError:  # pragma: no cover - Python 3.12 renamed it; else OpenSSL's
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256

__all__ = ["Key", "folder_key", "folder_stamps", "mocctl_fingerprint", "sha256"]

MAX_HASHED_FILES = 10_000  # per folder_key
MAX_HASHED_BYTES = 256 * 1024 * 1024  # per folder_key


def folder_key(
    path: str | os.PathLike[str],
    stamps: list[tuple[object, ...]] | None = None,
    contents: dict[str, bytes] | None = None,
) -> str | None:
    """The SHA-256 of every file below ``path`` (relative path and bytes), or ``None``.

    ``None`` when the folder cannot be vouched for: not a folder, not readable, a symbolic link
    or special file below it, or more than the hashing limits. ``stamps``, when given, receives
    what :func:`folder_stamps` would say of the folder as it was hashed; ``contents`` the bytes
    hashed, by path (``path`` joined with the names below it), so that a caller that goes on
    to read the files reads exactly what was hashed, and reads nothing twice.
    """
    top = os.fspath(path)
    try:
        if not stat.S_ISDIR(os.stat(top).st_mode):
            return None
    except (OSError, ValueError):
        return None
    digest = sha256(b"folder 1\0")
    budget = [MAX_HASHED_FILES, MAX_HASHED_BYTES]
    if not _hash_folder(top, b"", digest, budget, stamps, contents):
        if contents is not None:
            contents.clear()  # not vouched for: nothing of it is handed on
        return None
    return str(digest.hexdigest())


def folder_stamps(path: str | os.PathLike[str]) -> list[tuple[object, ...]] | None:
    """The name, size, modification and change times and inode of every file below ``path``
    (no file is read): equal before and after a run only when no file changed meanwhile (a
    write changes the change time, which no program can set back). ``None`` when unreadable."""
    found: list[tuple[object, ...]] = []
    return found if _walk(os.fspath(path), b"", found) else None


def _walk(folder: str, relative: bytes, found: list[tuple[object, ...]]) -> bool:
    entries = _entries(folder)
    if entries is None:
        return False
    for name, entry, status in entries:
        name = relative + name
        found.append(_stamp(name, status))
        if stat.S_ISDIR(status.st_mode) and not _walk(entry.path, name + b"/", found):
            return False
    return True


def _entries(folder: str) -> list[tuple[bytes, os.DirEntry[str], os.stat_result]] | None:
    """The entries of ``folder`` by name (as bytes), each with its ``lstat``; None when not
    readable."""
    try:
        return [(name, e, e.stat(follow_symlinks=False)) for name, e in _listing(folder)]
    except (OSError, ValueError):
        return None


def _listing(folder: str) -> list[tuple[bytes, os.DirEntry[str]]]:
    """The entries of ``folder``, by name as bytes (its sort order)."""
    with os.scandir(folder) as listing:
        entries = list(listing)
    if all(entry.name.isascii() for entry in entries):  # bytes order is text order
        entries.sort(key=_name)
        return [(entry.name.encode("ascii"), entry) for entry in entries]
    return sorted(((os.fsencode(entry.name), entry) for entry in entries), key=_first)


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _first(pair: tuple[bytes, os.DirEntry[str]]) -> bytes:
    return pair[0]


def _stamp(name: bytes, status: os.stat_result) -> tuple[object, ...]:
    if stat.S_ISDIR(status.st_mode):
        return (name, "D")
    return (
        name,
        status.st_mode,
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
        status.st_ino,
    )


def _hash_folder(
    folder: str,
    relative: bytes,
    digest: hashlib._Hash,
    budget: list[int],
    stamps: list[tuple[object, ...]] | None = None,
    contents: dict[str, bytes] | None = None,
) -> bool:
    try:
        entries = _listing(folder)
    except (OSError, ValueError):
        return False
    for name, entry in entries:
        name = relative + name
        try:  # the listing's file type: no lstat (a file's stamp is the fstat of its reading)
            is_folder = entry.is_dir(follow_symlinks=False)
            is_file = not is_folder and entry.is_file(follow_symlinks=False)
        except OSError:
            return False
        if is_folder:
            if stamps is not None:
                stamps.append((name, "D"))
            digest.update(b"D" + _sized(name))
            if not _hash_folder(entry.path, name + b"/", digest, budget, stamps, contents):
                return False
        elif is_file:
            budget[0] -= 1
            if budget[0] < 0:
                return False
            status = _hash_file(entry.path, name, digest, budget, contents)
            if status is None:
                return False
            if stamps is not None:
                stamps.append(_stamp(name, status))
        else:  # a link, FIFO, socket or device: what it stands for cannot be vouched for
            return False
    return True


def _hash_file(
    path: str,
    name: bytes,
    digest: hashlib._Hash,
    budget: list[int],
    contents: dict[str, bytes] | None = None,
) -> os.stat_result | None:
    """Hash the file's name and bytes into ``digest`` (and keep them in ``contents``); its
    ``fstat`` as read, or None."""
    try:
        fd = os.open(
            path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return None
        budget[1] -= status.st_size
        if budget[1] < 0:
            return None
        chunks = []
        while True:
            data = os.read(fd, max(status.st_size + 1, 1 << 16))
            if not data:
                break
            chunks.append(data)
        content = b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)
    digest.update(b"F" + _sized(name) + _sized(content))
    if contents is not None:
        contents[path] = content
    return status


def _sized(data: bytes) -> bytes:
    return len(data).to_bytes(8, "big") + data


class Key:
    """A cache key from its parts, in order; ``None`` when any part is ``None``."""

    def __init__(self, *parts: str | None) -> None:
        self.parts = parts

    def digest(self) -> str | None:
        if any(part is None for part in self.parts):
            return None
        digest = sha256(b"key 1\0")
        for part in self.parts:
            digest.update(_sized(str(part).encode("utf-8", "surrogateescape")))
        return str(digest.hexdigest())


def mocctl_fingerprint(version: str) -> str | None:
    """What the installed program is: mocctl's version and source files, Python, dependencies.

    ``version`` (mocctl's), the size and modification time of every file of the mocctl package
    (an editable install changes without a new version), the interpreter (its real path), and
    the names of the installed distributions (``*.dist-info``: their versions) beside the
    mocctl package's dependencies.
    """
    # the interpreter by its real path: the console script starts `bin/python3`, the hook
    # `python -m …`, and both are the same program (one cache for both)
    parts = [f"mocctl {version}", sys.version, os.path.realpath(sys.executable)]
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # mocctl/io/.. = mocctl
    for folder, folders, files in os.walk(package):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".j2", ".yaml", ".yml", ".json", ".md")):
                try:
                    status = os.stat(os.path.join(folder, name))
                except OSError:
                    return None
                parts.append(f"{folder}/{name} {status.st_size} {status.st_mtime_ns}")
    for entry in sys.path:
        if entry.endswith("-packages") and os.path.isdir(entry):
            try:
                parts += sorted(n for n in os.listdir(entry) if n.endswith(".dist-info"))
            except OSError:
                return None
    return str(sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest())
