"""The fast path of ``status``, ``timeline`` and ``text``: replay what they printed last time.

Standard library only, and reached before typer, pydantic, ruamel.yaml, rich or jinja2 are
imported (``mocctl.cli.main``). :func:`plan` reads the command line; when it is one of the
three commands with nothing but the options it knows (the global options and an id), it
computes the key (``io.cache``: the content of the records folder, mocctl's fingerprint, the
command line, the working folder, the as-of date, the environment and terminal that change
the output). :meth:`Plan.replay` writes a hit's stdout and stderr byte for byte and returns its
exit code; on a miss :meth:`Plan.record` runs the command with its output teed and keeps it,
unless it ended in anything but 0 or 1 or a write failed. Any doubt means no plan: an option
it does not know, ``--help``, ``--no-cache`` or ``MOCCTL_NO_CACHE``, shell completion, a
records path that is not a folder it can hash.
"""

# os.path, not pathlib: importing pathlib would cost a cache hit about 12 ms.
# ruff: noqa: PTH109, PTH112, PTH118, PTH120

from __future__ import annotations

import os
import sys
import time

from mocctl import __version__
from mocctl.io.cache import Cache, disabled
from mocctl.io.fingerprint import Key, folder_key, mocctl_fingerprint

TYPE_CHECKING = False  # not ``typing.TYPE_CHECKING``: a hit must not even import typing
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import IO, Any

NAMESPACE = "run"
COMMANDS = ("status", "timeline", "text")
# The global options (cli.options), as the fast path reads them; a test checks them.
VALUE_OPTIONS = ("--records", "--as-of", "--format", "-f", "--color")
FLAG_OPTIONS = ("--no-color", "--debug")
NO_CACHE = "--no-cache"
CACHED_EXITS = (0, 1)
# What rich, click and Python read from the environment that can change what is printed.
ENVIRONMENT = (
    "COLORTERM",
    "COLUMNS",
    "FORCE_COLOR",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "LINES",
    "NO_COLOR",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
    "TERM",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "TZ",
    "UNICODE_VERSION",
)


class Plan:
    """A cacheable run: its key, the cache it is kept in, and how to compute the key again.

    The key is computed again after a run that missed, and the output is kept only if it is
    the same: records (or mocctl's files) changed while the command ran would otherwise
    leave an answer under the key of what was there before.
    """

    def __init__(self, key: str, cache: Cache, rekey: Callable[[], str | None]) -> None:
        self.key = key
        self.cache = cache
        self.rekey = rekey

    def replay(self) -> int | None:
        """Write the stored output and return its exit code; ``None`` on a miss."""
        value = self.cache.get(NAMESPACE, self.key)
        parsed = decode(value) if value is not None else None
        if parsed is None:
            return None
        code, chunks = parsed
        streams = {1: sys.stdout, 2: sys.stderr}
        try:
            for number, data in chunks:
                stream = streams[number]
                stream.flush()
                stream.buffer.write(data)
                stream.buffer.flush()
        except BrokenPipeError:  # as cli.app does: stop quietly
            return closed_pipe()
        return code

    def record(self, run: Callable[[], int]) -> int:
        """Run the command with stdout and stderr teed; keep the output if it may be replayed."""
        log: list[tuple[int, bytes]] = []
        out, err = _Tee(sys.stdout, 1, log), _Tee(sys.stderr, 2, log)
        sys.stdout, sys.stderr = out, err
        try:
            code = run()
        finally:
            if sys.stdout is out:
                sys.stdout = out.stream
            if sys.stderr is err:
                sys.stderr = err.stream
        if code in CACHED_EXITS and not (out.failed or err.failed) and self.rekey() == self.key:
            self.cache.put(NAMESPACE, self.key, encode(code, log))
        return code


EXIT_CLOSED_PIPE = 141
"""The exit code when the reader of stdout went away (``mocctl validate | head -1``): 128 + 13
(SIGPIPE), what a shell reports for ``cat``, ``grep`` or ``git log`` stopped the same way, as 130
is 128 + SIGINT. Never 1: that code means findings."""


def closed_pipe() -> int:
    """The reader of stdout went away: say nothing, send what is left to ``/dev/null`` (so that
    the flush at exit cannot fail again) and return :data:`EXIT_CLOSED_PIPE`."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout without a descriptor (tests)
        pass
    return EXIT_CLOSED_PIPE


def version_only(args: list[str]) -> bool:
    """Whether the command line is just ``--version`` (or ``-V``): answered without typer."""
    return args in (["--version"], ["-V"]) and not any(
        name.startswith("_MOCCTL") for name in os.environ
    )


def plan(args: list[str]) -> Plan | None:
    """The plan for a run with these arguments, or ``None`` when it must not use the cache."""
    if disabled() or any(name.startswith("_MOCCTL") for name in os.environ):
        return None
    if sys.stdout is None or sys.stderr is None or not _has_buffer(sys.stdout, sys.stderr):
        return None
    parsed = _parse(args)
    if parsed is None:
        return None
    records, as_of = parsed
    found = _records_root(records)
    if found is None:
        return None
    root: str = found
    cache = Cache()
    if _inside(cache.folder, root):  # the cache would change the records it is keyed by
        return None

    def rekey() -> str | None:
        try:
            cwd = os.getcwd()
        except OSError:
            return None
        return Key(
            NAMESPACE,
            mocctl_fingerprint(__version__),
            "\0".join(args),
            cwd,
            root,
            os.path.realpath(root),
            folder_key(root),
            "as-of given" if as_of else time.strftime("%Y-%m-%d"),
            _environment(),
            _terminal(),
        ).digest()

    key = rekey()
    return Plan(key, cache, rekey) if key is not None else None


def _inside(path: str, folder: str) -> bool:
    real, top = os.path.realpath(path), os.path.realpath(folder)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def _parse(args: list[str]) -> tuple[str | None, bool] | None:
    """``(the --records value, whether --as-of is given)``, or ``None`` for any doubt."""
    command: str | None = None
    positional = 0
    records: str | None = None
    as_of = False
    index = 0
    while index < len(args):
        token = args[index]
        index += 1
        name, equals, value = token.partition("=")
        if token in FLAG_OPTIONS:
            continue
        if name in VALUE_OPTIONS and (token in VALUE_OPTIONS or name.startswith("--")):
            if not equals:
                if index >= len(args):
                    return None
                value = args[index]
                index += 1
            if name == "--records":
                records = value
            elif name == "--as-of":
                as_of = True
            continue
        if token.startswith("-"):
            return None  # --help, --no-cache, -o, --, an option it does not know
        if command is None:
            if token not in COMMANDS:
                return None
            command = token
        else:
            positional += 1
            if positional > 1:
                return None
    if command is None:
        return None
    return records, as_of


def _records_root(given: str | None) -> str | None:
    """The records folder as ``commands.common.records_root`` would find it (a test checks)."""
    if given is None:
        given = os.environ.get("MOCCTL_RECORDS") or None
    if given is not None:
        return given if given else None
    if os.path.isdir("records"):
        return "records"
    import mocctl

    package = os.path.dirname(os.path.realpath(mocctl.__file__))
    for candidate in (
        os.path.join(package, "default_records"),
        os.path.join(os.path.dirname(os.path.dirname(package)), "records"),
    ):
        if os.path.isdir(candidate):
            return candidate
    return None


def _environment() -> str:
    env = os.environ
    names = sorted({*ENVIRONMENT, *(name for name in env if name.startswith("MOCCTL_"))})
    return "\0".join(f"{name}={env[name]}" for name in names if name in env)


def _terminal() -> str:
    parts = []
    for fd in (0, 1, 2):
        try:
            tty = os.isatty(fd)
            size = os.get_terminal_size(fd) if tty else None
        except OSError:
            size = None
            tty = False
        parts.append(f"{fd}:{tty}:{size and tuple(size)}")
    for stream in (sys.stdout, sys.stderr):
        parts.append(f"{getattr(stream, 'encoding', None)}:{getattr(stream, 'errors', None)}")
    return " ".join(parts)


def _has_buffer(*streams: IO[str]) -> bool:
    return all(getattr(stream, "buffer", None) is not None for stream in streams)


def encode(code: int, chunks: list[tuple[int, bytes]]) -> bytes:
    """An exit code and the chunks written to stdout (1) and stderr (2), in order."""
    parts = [b"R", code.to_bytes(1, "big")]
    for number, data in chunks:
        parts += [number.to_bytes(1, "big"), len(data).to_bytes(4, "big"), data]
    return b"".join(parts)


def decode(value: bytes) -> tuple[int, list[tuple[int, bytes]]] | None:
    """What :func:`encode` made, or ``None`` if it is not that."""
    if len(value) < 2 or value[:1] != b"R" or value[1] not in CACHED_EXITS:
        return None
    chunks: list[tuple[int, bytes]] = []
    index = 2
    while index < len(value):
        number = value[index]
        size = int.from_bytes(value[index + 1 : index + 5], "big")
        data = value[index + 5 : index + 5 + size]
        if number not in (1, 2) or len(data) != size or index + 5 > len(value):
            return None
        chunks.append((number, data))
        index += 5 + size
    return value[1], chunks


class _Tee:
    """A text stream that also records, as bytes, what was written through it."""

    def __init__(self, stream: Any, number: int, log: list[tuple[int, bytes]]) -> None:
        self.stream = stream
        self.number = number
        self.log = log
        self.failed = False
        self.buffer = _BinaryTee(stream.buffer, self)

    # What a text stream offers that rich and click look at, from the stream teed.
    @property
    def encoding(self) -> str:
        return str(self.stream.encoding)

    @property
    def errors(self) -> str | None:
        return self.stream.errors  # type: ignore[no-any-return]

    def write(self, text: str) -> int:
        try:
            written = self.stream.write(text)
            data = text.encode(self.stream.encoding, self.stream.errors or "strict")
        except BaseException:
            self.failed = True
            raise
        if os.linesep != "\n":  # pragma: no cover - text streams translate newlines there
            data = data.replace(b"\n", os.linesep.encode("ascii"))
        self.log.append((self.number, data))
        return int(written)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BaseException:
            self.failed = True
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class _BinaryTee:
    """``sys.stdout.buffer`` while teed: bytes written to it are recorded too."""

    def __init__(self, raw: Any, text: _Tee) -> None:
        self.raw = raw
        self.text = text

    def write(self, data: bytes) -> int:
        try:
            self.text.stream.flush()
            written = self.raw.write(data)
        except BaseException:
            self.text.failed = True
            raise
        self.text.log.append((self.text.number, bytes(data)))
        return int(written)

    def flush(self) -> None:
        try:
            self.raw.flush()
        except BaseException:
            self.text.failed = True
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)
