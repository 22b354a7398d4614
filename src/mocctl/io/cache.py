"""The one result cache of mocctl: content-keyed entries in the user's cache folder.

Standard library only (a cache hit must not import pydantic, ruamel.yaml, jinja2, rich or
typer). Two pieces:

- :func:`folder_key` (and :class:`Key`): the SHA-256 of every file below a folder, relative
  path and bytes, so that an entry is never stale. It refuses (``None``) whatever it cannot
  vouch for: a path that is not a readable folder, a symbolic link, a FIFO or device, a file or
  folder it cannot read, more than :data:`MAX_HASHED_FILES` files or :data:`MAX_HASHED_BYTES`
  bytes. A caller that gets ``None`` does not use the cache.
- :class:`Cache`: ``get(namespace, key) -> bytes | None`` and ``put(namespace, key, value)``.
  An entry is one file ``<folder>/<namespace>/<key>``: a magic line, the SHA-256 of the value,
  and the value; a corrupt or truncated entry reads as a miss. It is written to a temporary
  file in the same folder and renamed into place, so concurrent runs never see half an entry
  (the last writer wins; both wrote the same answer). A hit refreshes the entry's time; each
  namespace is bounded (:data:`MAX_ENTRIES` entries, :data:`MAX_BYTES` bytes): the first
  ``put`` of a process evicts the least recently used entries beyond the bound, unless the
  namespace was pruned less than :data:`PRUNE_SECONDS` ago (pruning looks at every entry: at
  65,536 entries that is more than the rest of a pre-commit hook's run). The bound may be
  exceeded by what the runs of that last interval wrote, until the next prune.

Where: ``$MOCCTL_CACHE_DIR``, else ``$XDG_CACHE_HOME/mocctl``, else ``~/.cache/mocctl``;
never inside the records. ``--no-cache`` or ``MOCCTL_NO_CACHE=1`` bypasses it
(:func:`disabled`). See docs/cache.md.

Today ``commands.replay`` keeps, in namespace ``run``, what ``status``, ``timeline`` and
``text`` printed and their exit code. **Issue 12** (findings per memorandum folder) reuses
the same module, with no second mechanism::

    cache = Cache()
    key = Key("validate", folder_key(folder), mocctl_fingerprint(__version__), ...).digest()
    if key is None: ...            # folder cannot be hashed: validate it, do not cache
    found = cache.get("findings", key)
    if found is None:
        found = encode(validate(folder))       # its own serialisation, e.g. JSON
        cache.put("findings", key, found)

``Key`` takes every part that changes the result (here: the folder's content key, mocctl's
fingerprint, the options that change findings, ``--as-of``) and is ``None`` when any part is.
"""

# os.path, not pathlib: importing pathlib would cost a cache hit about 12 ms.
# ruff: noqa: PTH100, PTH103, PTH105, PTH111, PTH112, PTH116, PTH117, PTH118, PTH120, PTH123, PTH208

from __future__ import annotations

import os
import stat
import sys

TYPE_CHECKING = False  # not ``typing.TYPE_CHECKING``: a hit must not even import typing
if TYPE_CHECKING:
    import hashlib
    from collections.abc import Callable, Iterable
    from hashlib import sha256
else:
    try:  # the built-in SHA-256: loading OpenSSL (``hashlib``) costs a cache hit about 10 ms
        from _sha256 import sha256
    except ImportError:  # pragma: no cover - Python 3.12 renamed it; else OpenSSL's
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256

MAGIC = b"mocctl-cache 1\n"
MAX_ENTRIES = 4096  # per namespace
MAX_BYTES = 64 * 1024 * 1024  # per namespace
MAX_HASHED_FILES = 10_000  # per folder_key
MAX_HASHED_BYTES = 256 * 1024 * 1024  # per folder_key
_STALE_TEMP_SECONDS = 3600.0
PRUNE_SECONDS = 60.0  # a namespace is pruned at most this often (see the module's docstring)
_PRUNED_MARK = ".pruned-"  # + namespace, in the cache folder: its time is the last prune
_TRUE = ("1", "true", "yes", "on")


def disabled(environ: dict[str, str] | os._Environ[str] | None = None) -> bool:
    """Whether ``MOCCTL_NO_CACHE`` asks for no cache."""
    env = os.environ if environ is None else environ
    return env.get("MOCCTL_NO_CACHE", "").strip().lower() in _TRUE


def cache_dir() -> str:
    """The cache folder: ``$MOCCTL_CACHE_DIR``, ``$XDG_CACHE_HOME/mocctl``, ``~/.cache/mocctl``."""
    named = os.environ.get("MOCCTL_CACHE_DIR", "")
    if named:
        return os.path.abspath(named)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return os.path.join(xdg, "mocctl")
    return os.path.join(os.path.expanduser("~"), ".cache", "mocctl")


def folder_key(
    path: str | os.PathLike[str], stamps: list[tuple[object, ...]] | None = None
) -> str | None:
    """The SHA-256 of every file below ``path`` (relative path and bytes), or ``None``.

    ``None`` when the folder cannot be vouched for: not a folder, not readable, a symbolic link
    or special file below it, or more than the hashing limits. ``stamps``, when given, receives
    what :func:`folder_stamps` would say of the folder as it was hashed.
    """
    top = os.fspath(path)
    try:
        if not stat.S_ISDIR(os.stat(top).st_mode):
            return None
    except (OSError, ValueError):
        return None
    digest = sha256(b"folder 1\0")
    budget = [MAX_HASHED_FILES, MAX_HASHED_BYTES]
    if not _hash_folder(top, b"", digest, budget, stamps):
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
            if not _hash_folder(entry.path, name + b"/", digest, budget, stamps):
                return False
        elif is_file:
            budget[0] -= 1
            if budget[0] < 0:
                return False
            status = _hash_file(entry.path, name, digest, budget)
            if status is None:
                return False
            if stamps is not None:
                stamps.append(_stamp(name, status))
        else:  # a link, FIFO, socket or device: what it stands for cannot be vouched for
            return False
    return True


def _hash_file(
    path: str, name: bytes, digest: hashlib._Hash, budget: list[int]
) -> os.stat_result | None:
    """Hash the file's name and bytes into ``digest``; its ``fstat`` as read, or None."""
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


class Cache:
    """Entries ``(namespace, key) -> bytes`` in ``folder`` (default: :func:`cache_dir`)."""

    def __init__(
        self,
        folder: str | os.PathLike[str] | None = None,
        *,
        max_entries: int = MAX_ENTRIES,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.folder = os.fspath(folder) if folder is not None else cache_dir()
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._pruned: set[str] = set()

    def _path(self, namespace: str, key: str) -> str | None:
        if not (_safe_name(namespace) and _safe_name(key)):
            return None
        return os.path.join(self.folder, namespace, key)

    def get(self, namespace: str, key: str) -> bytes | None:
        """The value stored under ``key``, or ``None`` (missing, corrupt, truncated, unreadable)."""
        path = self._path(namespace, key)
        if path is None:
            return None
        try:
            with open(path, "rb") as file:
                data = file.read(self.max_bytes + len(MAGIC) + 65)
        except (OSError, ValueError):
            return None
        head = len(MAGIC) + 64
        if len(data) < head or not data.startswith(MAGIC):
            return None
        value = data[head:]
        if sha256(value).hexdigest().encode("ascii") != data[len(MAGIC) : head]:
            return None
        _quietly(os.utime, path)  # least recently used goes first
        return value

    def put(self, namespace: str, key: str, value: bytes) -> bool:
        """Store ``value`` under ``key`` atomically; ``False`` when it could not (never raises)."""
        path = self._path(namespace, key)
        if path is None or len(value) > self.max_bytes:
            return False
        folder = os.path.dirname(path)
        temp = os.path.join(folder, f".{key}.{os.getpid()}.{os.urandom(6).hex()}.tmp")
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                data = MAGIC + sha256(value).hexdigest().encode("ascii") + value
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
            os.replace(temp, path)
        except OSError:
            _quietly(os.unlink, temp)
            return False
        if namespace not in self._pruned:
            self._pruned.add(namespace)
            if self._prune_due(namespace):
                self.prune(namespace)
        return True

    def _prune_due(self, namespace: str) -> bool:
        """Whether ``namespace`` was not pruned within :data:`PRUNE_SECONDS`."""
        try:
            age = _age(os.stat(os.path.join(self.folder, _PRUNED_MARK + namespace)).st_mtime)
        except OSError:
            return True
        return not 0 <= age < PRUNE_SECONDS

    def prune(self, namespace: str) -> None:
        """Evict the least recently used entries of ``namespace`` beyond the bounds."""
        folder = os.path.join(self.folder, namespace)
        if not _safe_name(namespace):
            return
        entries: list[tuple[float, int, str]] = []
        _mark(os.path.join(self.folder, _PRUNED_MARK + namespace))
        try:
            with os.scandir(folder) as listing:
                for entry in listing:
                    try:
                        status = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    if not stat.S_ISREG(status.st_mode):
                        continue
                    if entry.name.startswith("."):  # a temporary file a crashed run left
                        if _age(status.st_mtime) > _STALE_TEMP_SECONDS:
                            _remove([entry.path])
                        continue
                    entries.append((status.st_mtime, status.st_size, entry.path))
        except OSError:
            return
        entries.sort(reverse=True)  # newest first
        kept_bytes = 0
        evicted: list[str] = []
        for index, (_, size, path) in enumerate(entries):
            kept_bytes += size
            if index >= self.max_entries or kept_bytes > self.max_bytes:
                evicted.append(path)
        _remove(evicted)


def _mark(path: str) -> None:
    """Create ``path`` (empty) or refresh its time; quietly."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        os.utime(path)
    except OSError:
        return


def _age(mtime: float) -> float:
    import time

    return time.time() - mtime


def _remove(paths: Iterable[str]) -> None:
    for path in paths:
        _quietly(os.unlink, path)


def _quietly(action: Callable[[str], object], path: str) -> None:
    """``action(path)``, ignoring an OSError (``contextlib.suppress`` costs a hit an import)."""
    try:
        action(path)
    except OSError:
        return


def _safe_name(name: str) -> bool:
    return bool(name) and name.isascii() and name.replace("-", "").replace("_", "").isalnum()
