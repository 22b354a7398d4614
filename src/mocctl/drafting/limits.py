"""The bounds on what the templates of one draft may do: time, size, integers, widths (SPEC §5).

The letter and the record of one draft share one :class:`Budget` (5 s, 1,000,000 characters);
every operation that could build something huge (``*``, ``**``, ``+``, ``%``, ``.format``, padding
filters) is checked before it runs, so a template bomb ends in a clear error, not in gigabytes."""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass


MAX_OUTPUT = 1_000_000  # characters the templates of one draft may produce, and any value


MAX_INT_BITS = 65_536  # bits of any integer a template computes (about 19,700 digits)


RENDER_SECONDS = 5.0  # the templates of one draft (letter and record) together


class TimeUp(Exception):
    """The templates of a draft ran longer than they may (:data:`RENDER_SECONDS`)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds

    def __str__(self) -> str:
        unit = "second" if self.seconds == 1 else "seconds"
        return (
            f"rendering took longer than {self.seconds:g} {unit}; it was stopped (the limit is "
            "for the letter and the record together)"
        )


class TooBig(Exception):
    """A template was about to build a value, or a draft, beyond the bounds."""


class Budget:
    """What the templates of one draft may still spend: seconds and characters of output."""

    def __init__(self, seconds: float | None = None, characters: int = MAX_OUTPUT) -> None:
        seconds = RENDER_SECONDS if seconds is None else seconds
        self.total_seconds = seconds
        self.seconds = seconds
        self.characters = characters

    @contextlib.contextmanager
    def timed(self) -> Iterator[None]:
        """Run the block within what is left of the time; what it takes is spent."""
        if self.seconds <= 0:
            raise TimeUp(self.total_seconds)
        start = time.monotonic()
        try:
            with deadline(self.seconds, self.total_seconds):
                yield
        finally:
            self.seconds -= time.monotonic() - start

    def collect(self, chunks: Iterable[str]) -> str:
        """The chunks a template yields, joined, as long as the draft stays within its size."""
        parts: list[str] = []
        for chunk in chunks:
            self.characters -= len(chunk)
            if self.characters < 0:
                raise TooBig(
                    f"the draft (letter and record together) would be more than "
                    f"{MAX_OUTPUT:,} characters"
                )
            parts.append(chunk)
        return "".join(parts)


def size(value: Any, limit: int = MAX_OUTPUT) -> int:
    """About how many characters ``value`` is as text (a list's items each time they appear),
    counted only up to just past ``limit`` (so that it is cheap however big the value is)."""
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, bool) or item is None:
            total += 5
        elif isinstance(item, int):
            total += item.bit_length() * 3 // 10 + 2
        elif isinstance(item, dict):
            total += 2 + 4 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + 2 * len(item)
            if total <= limit:
                stack.extend(item)
        else:
            total += 16
        if total > limit:
            return total
    return total


def check_size(value: Any, what: str = "a value") -> None:
    if size(value) > MAX_OUTPUT:
        raise TooBig(f"{what} of more than {MAX_OUTPUT:,} characters")


def check_int(value: Any) -> None:
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise TooBig(f"a number of more than {MAX_INT_BITS:,} bits")


_PERCENT = re.compile(r"%[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


_SPEC_NUMBER = re.compile(r"\d+")


def _check_widths(numbers: Iterable[str]) -> None:
    for number in numbers:
        if number and number.isdigit() and (len(number) > 7 or int(number) > MAX_OUTPUT):
            raise TooBig(f"a field width of {number[:12]}{'…' if len(number) > 12 else ''}")


def check_percent(text: str, args: Any) -> None:
    """Before ``text % args``: no field width or precision beyond the bounds."""
    check_size(text)
    check_size(args)
    for width, precision in _PERCENT.findall(text):
        _check_widths((width, precision))
        if "*" in (width, precision):
            values = args if isinstance(args, tuple) else (args,)
            _check_widths(str(v) for v in values if isinstance(v, int) and not isinstance(v, bool))


def check_format(text: str, args: Any, kwargs: Any) -> None:
    """Before ``text.format(...)``: no field width or precision beyond the bounds."""
    import string

    check_size(text)
    check_size(args)
    check_size(kwargs)
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # format itself raises the error
    for _, _, spec, _ in fields:
        if spec:
            _check_widths(_SPEC_NUMBER.findall(spec))
            if "{" in spec:  # a nested width: {:{w}}
                for value in [*args, *kwargs.values()]:
                    if isinstance(value, int) and not isinstance(value, bool):
                        _check_widths([str(abs(value))])


# Methods and filters whose integer arguments are widths or counts of what they build.
_WIDTHS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "indent", "batch",
                     "slice", "wordwrap", "truncate"})  # fmt: skip


def check_call(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Before a method or filter ``name`` runs on ``value``: what it would build is in bounds."""
    check_size(value)
    check_size(args, "an argument")
    check_size(kwargs, "an argument")
    numbers = [
        a for a in (*args, *kwargs.values()) if isinstance(a, int) and not isinstance(a, bool)
    ]
    if name in _WIDTHS:
        for number in numbers:
            if abs(number) > MAX_OUTPUT:
                raise TooBig(f"{name}() with {number:,}: beyond the size of a draft")
    if name == "expandtabs" and isinstance(value, str):
        tab = numbers[0] if numbers else 8
        if value.count("\t") * max(tab, 0) + len(value) > MAX_OUTPUT:
            raise TooBig("expandtabs() beyond the size of a draft")
    if name == "replace" and isinstance(value, str) and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        hits = len(value) + 1 if not old else value.count(old)
        if len(value) + hits * (len(new) - len(old)) > MAX_OUTPUT:
            raise TooBig("replace() beyond the size of a draft")
    if name == "indent" and isinstance(value, str):
        width = args[0] if args else kwargs.get("width", 4)
        each = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        if len(value) + (value.count("\n") + 1) * each > MAX_OUTPUT:
            raise TooBig("indent() beyond the size of a draft")
    if name == "join":
        if isinstance(value, str):  # glue.join(items)
            glue, items = value, args[0] if args else ()
        else:  # items|join(glue)
            items = value
            glue = args[0] if args and isinstance(args[0], str) else str(kwargs.get("d", ""))
        if isinstance(items, list | tuple) and size(items) + len(glue) * len(items) > MAX_OUTPUT:
            raise TooBig("join() beyond the size of a draft")


@contextlib.contextmanager
def deadline(seconds: float, shown: float | None = None) -> Iterator[None]:
    """Stop a template that runs too long (POSIX main thread only; elsewhere no limit);
    ``shown``: the limit the message names (the draft's, when ``seconds`` is what is left)."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def _stop(signum: int, frame: Any) -> None:
        raise TimeUp(seconds if shown is None else shown)

    previous = signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
