"""The sandbox draft templates run in: Jinja2's immutable sandbox, bounded in time and size.

:func:`environment` is an :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` with
``StrictUndefined``, no autoescaping (the output is Markdown and YAML), the filters of
:mod:`mocctl.drafting.filters`. Its loaders, in order: a one-off template, the memorandum
folder's own ``templates/``, the templates packaged with mocctl. The sandbox still lets a
template call the public methods of what it is given, so templates are given plain data only
(:mod:`mocctl.drafting.context`).

Bounds (a template that would pass one is stopped *before* the work, with a clear error):

- size: no value a template builds may be larger than :data:`MAX_OUTPUT` characters (or list
  items): checked before ``*`` (repetition), ``+`` and ``~`` (joining), ``%`` and ``format``
  (field widths), every filter and every method call (``center``/``ljust``/``rjust``/``zfill``
  widths, ``replace``, ``join``, ``expandtabs``, ``indent``, ``batch``…), and before any value
  is printed (a list holding a big text many times is as big as its text); the output of the
  whole draft (letter and record together) is counted as it is produced (:class:`Budget`);
- numbers: no integer a template computes may have more than :data:`MAX_INT_BITS` bits (``*``,
  ``**`` chains), and an exponent is at most 64;
- time: :data:`RENDER_SECONDS` for all the templates of one draft together (:func:`deadline`,
  POSIX main thread only);
- ``lipsum`` (the one global that builds text by the megabyte) gives at most 100 paragraphs of
  at most 1,000 words.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mocctl.drafting.filters import FILTERS

if TYPE_CHECKING:
    from jinja2 import Environment

MAX_OUTPUT = 1_000_000  # characters the templates of one draft may produce, and any value
MAX_INT_BITS = 65_536  # bits of any integer a template computes (about 19,700 digits)
RENDER_SECONDS = 5.0  # the templates of one draft (letter and record) together

OneOff = Callable[[str], "tuple[str, str, Any] | None"]


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


def _check_int(value: Any) -> None:
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


def environment(one_off: OneOff, folder: Path | None, files: set[str]) -> Environment:
    """The sandbox; ``files`` collects the file of every template loaded, to name it in errors."""
    from jinja2 import (
        BaseLoader,
        ChoiceLoader,
        FunctionLoader,
        PackageLoader,
        StrictUndefined,
    )
    from jinja2.compiler import CodeGenerator
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Recording(BaseLoader):
        """Remembers the file of every template loaded, to name it in errors."""

        def __init__(self, inner: BaseLoader) -> None:
            self.inner = inner

        def get_source(self, environment: Any, template: str) -> Any:
            source, filename, uptodate = self.inner.get_source(environment, template)
            if filename:
                files.add(filename)
            return source, filename, uptodate

    class Generator(CodeGenerator):
        """Jinja's code generator, with ``~`` (joining text) checked like ``+``."""

        def visit_Concat(self, node: Any, frame: Any) -> None:
            self.write("environment.concat_checked((")
            for arg in node.nodes:
                self.visit(arg, frame)
                self.write(", ")
            self.write("))")

    class Sandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox, with every value it builds bounded (no memory bombs)."""

        code_generator_class = Generator
        intercepted_binops = frozenset({"*", "**", "+", "%"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _binop(operator, left, right)
            result = super().call_binop(context, operator, left, right)
            _check_int(result)
            return result

        def concat_checked(self, values: tuple[Any, ...]) -> str:
            if sum(size(value) for value in values) > MAX_OUTPUT:
                raise SecurityError(f"joining text beyond {MAX_OUTPUT:,} characters")
            return "".join(str(value) for value in values)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            name = getattr(__obj, "__name__", "")
            # str.format comes wrapped by the sandbox (its formatter): the method is __wrapped__
            owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
            try:
                if owner is not None and not isinstance(owner, type(contextlib)):
                    if name in ("format", "format_map") and isinstance(owner, str):
                        check_format(owner, args, kwargs)
                    check_call(name, owner, args, kwargs)
                else:
                    check_call(name, None, args, kwargs)
            except TooBig as error:
                raise SecurityError(str(error)) from None
            result = super().call(__context, __obj, *args, **kwargs)
            _check_int(result)
            return result

    def _binop(operator: str, left: Any, right: Any) -> None:
        try:
            if operator == "**":
                if isinstance(right, int) and abs(right) > 64:
                    raise SecurityError("an exponent above 64 is not allowed")
                ints = isinstance(left, int) and isinstance(right, int)
                if ints and right > 0 and left.bit_length() * right > MAX_INT_BITS:
                    raise TooBig(f"a number of more than {MAX_INT_BITS:,} bits")
            elif operator == "*":
                for seq, count in ((left, right), (right, left)):
                    if (
                        isinstance(seq, str | list | tuple)
                        and isinstance(count, int)
                        and len(seq) * count > MAX_OUTPUT
                    ):
                        raise SecurityError("repetition beyond the size of a draft")
                ints = isinstance(left, int) and isinstance(right, int)
                if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                    raise TooBig(f"a number of more than {MAX_INT_BITS:,} bits")
            elif operator == "+":
                sized = isinstance(left, str | list | tuple) and isinstance(
                    right, str | list | tuple
                )
                if sized and len(left) + len(right) > MAX_OUTPUT:
                    raise TooBig(f"joining beyond {MAX_OUTPUT:,} characters or items")
            elif operator == "%" and isinstance(left, str):
                check_percent(left, right)
        except TooBig as error:
            raise SecurityError(str(error)) from None

    loaders: list[BaseLoader] = [FunctionLoader(one_off)]
    if folder is not None:
        loaders.append(FunctionLoader(_inside(folder)))
    loaders.append(PackageLoader("mocctl", "templates"))
    env = Sandbox(
        loader=Recording(ChoiceLoader(loaders)),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        finalize=_printable,
    )
    env.filters.update(FILTERS)
    for name, function in list(env.filters.items()):
        env.filters[name] = _bounded_filter(name, function, SecurityError)
    env.globals["lipsum"] = _bounded_lipsum(env.globals["lipsum"], SecurityError)
    return env


def _bounded_lipsum(lipsum: Any, error: type[Exception]) -> Any:
    """Jinja's ``lipsum``, at most 100 paragraphs of at most 1,000 words."""

    def bounded(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
        if not all(isinstance(v, int) for v in (n, min, max)) or n > 100 or max > 1000:
            raise error("lipsum: at most 100 paragraphs of at most 1,000 words")
        return lipsum(n, html, min, max)

    return bounded


def _printable(value: Any) -> Any:
    """Every value a template prints, before it is made text: not beyond the bounds."""
    check_size(value, "a printed value")
    return value


def _bounded_filter(name: str, function: Any, error: type[Exception]) -> Any:
    """``function`` (a filter), refusing arguments that would build a value beyond the bounds."""
    import functools

    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0  # context first

    @functools.wraps(function)  # keeps ``jinja_pass_arg``
    def bounded(*args: Any, **kwargs: Any) -> Any:
        value, rest = (args[skip], args[skip + 1 :]) if len(args) > skip else (None, ())
        try:
            if name == "format" and isinstance(value, str):
                check_percent(value, tuple(rest) or kwargs)
            check_call(name, value, tuple(rest), kwargs)
        except TooBig as too_big:
            raise error(f"{name}: {too_big}") from None
        result = function(*args, **kwargs)
        _check_int(result)
        return result

    return bounded


MAX_TEMPLATE_BYTES = 1 << 20  # as a record file


def _inside(folder: Path) -> Callable[[str], tuple[str, str, Callable[[], bool]] | None]:
    """A loader of the memorandum's own templates that reads only regular files inside the
    memorandum's folder (links resolved and checked), of bounded size: a template that is a
    link to ``/etc/passwd`` is refused, never included in a letter."""
    import stat

    from mocctl.drafting.errors import DraftError

    home = folder.parent.resolve()

    def load(name: str) -> tuple[str, str, Callable[[], bool]] | None:
        candidate = folder / name
        try:
            if not candidate.exists():
                return None
            resolved = candidate.resolve(strict=True)
            info = resolved.stat()
        except (OSError, RuntimeError, ValueError):
            raise DraftError("cannot be read", field="template", value=candidate) from None
        if not resolved.is_relative_to(home):
            raise DraftError(
                "is a link to outside the memorandum's folder; it is not read",
                field="template",
                value=candidate,
            )
        if not stat.S_ISREG(info.st_mode):
            raise DraftError("is not a regular file", field="template", value=candidate)
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise DraftError(
                f"is larger than {MAX_TEMPLATE_BYTES:,} bytes", field="template", value=candidate
            )
        with resolved.open("rb") as handle:
            text = handle.read(MAX_TEMPLATE_BYTES + 1).decode("utf-8", errors="replace")
        return text, str(resolved), lambda: True

    return load
