"""The sandbox draft templates run in: Jinja2's immutable sandbox, bounded in time and size.

:func:`environment` is an :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` with
``StrictUndefined``, no autoescaping (the output is Markdown and YAML), the filters of
:mod:`mocctl.drafting.filters`. Its loaders, in order: a one-off template, the memorandum
folder's own ``templates/``, the templates packaged with mocctl. The sandbox still lets a
template call the public methods of what it is given, so templates are given plain data only
(:mod:`mocctl.drafting.context`).

Bounds, set in :mod:`mocctl.drafting.limits` (a template that would pass one is stopped *before*
the work, with a clear error):

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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mocctl.drafting.filters import FILTERS

if TYPE_CHECKING:
    from jinja2 import Environment
from mocctl.drafting.limits import (
    MAX_INT_BITS,
    MAX_OUTPUT,
    TooBig,
    check_call,
    check_format,
    check_int,
    check_percent,
    check_size,
    size,
)

OneOff = Callable[[str], "tuple[str, str, Any] | None"]


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
            check_int(result)
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
            check_int(result)
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
        check_int(result)
        return result

    return bounded


MAX_TEMPLATE_BYTES = 1 << 20  # as a record file
# How errors name a template of the memorandum's own folder: the user gave no --template.
_OWN = "the memorandum's template"


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
            raise DraftError("cannot be read", field=_OWN, value=candidate) from None
        if not resolved.is_relative_to(home):
            raise DraftError(
                "is a link to outside the memorandum's folder; it is not read",
                field=_OWN,
                value=candidate,
            )
        if not stat.S_ISREG(info.st_mode):
            raise DraftError("is not a regular file", field=_OWN, value=candidate)
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise DraftError(
                f"is larger than {MAX_TEMPLATE_BYTES:,} bytes", field=_OWN, value=candidate
            )
        with resolved.open("rb") as handle:
            text = handle.read(MAX_TEMPLATE_BYTES + 1).decode("utf-8", errors="replace")
        return text, str(resolved), lambda: True

    return load
