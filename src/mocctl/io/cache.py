"""The one result cache of mocctl: content-keyed entries in the user's cache folder.

Standard library only (a cache hit must not import pydantic, ruamel.yaml, jinja2, rich or
typer). Two pieces:

- the keys, in :mod:`mocctl.io.fingerprint`: :func:`~mocctl.io.fingerprint.folder_key` (the
  SHA-256 of every file below a folder, so that an entry is never stale),
  :class:`~mocctl.io.fingerprint.Key` and :func:`~mocctl.io.fingerprint.mocctl_fingerprint`;
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
# ruff: noqa: PTH100, PTH103, PTH105, PTH111, PTH116, PTH117, PTH118, PTH120, PTH123

from __future__ import annotations

import os
import stat

from mocctl.io.fingerprint import sha256

TYPE_CHECKING = False  # not ``typing.TYPE_CHECKING``: a hit must not even import typing
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

MAGIC = b"mocctl-cache 1\n"
MAX_ENTRIES = 4096  # per namespace
MAX_BYTES = 64 * 1024 * 1024  # per namespace
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
