"""The sandbox draft templates run in: Jinja2's immutable sandbox, bounded in time and size.

:func:`environment` is an :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` with
``StrictUndefined``, no autoescaping (the output is Markdown and YAML), the filters of
:mod:`mocctl.drafting.filters`, and caps on ``*`` and ``**`` so that no template can build a
memory bomb. Its loaders, in order: a one-off template, the memorandum folder's own
``templates/``, the templates packaged with mocctl. :func:`deadline` stops a template that runs
longer than :data:`RENDER_SECONDS`; :data:`MAX_OUTPUT` bounds what it may produce. The sandbox
still lets a template call the public methods of what it is given, so templates are given plain
data only (:mod:`mocctl.drafting.context`).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mocctl.drafting.filters import FILTERS

if TYPE_CHECKING:
    from jinja2 import Environment

MAX_OUTPUT = 1_000_000  # characters a template may produce
RENDER_SECONDS = 10

OneOff = Callable[[str], "tuple[str, str, Any] | None"]


class TimeUp(Exception):
    """A template ran longer than it may (:data:`RENDER_SECONDS`)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds

    def __str__(self) -> str:
        unit = "second" if self.seconds == 1 else "seconds"
        return f"rendering took longer than {self.seconds:g} {unit}; it was stopped"


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Stop a template that runs too long (POSIX main thread only; elsewhere no limit)."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def _stop(signum: int, frame: Any) -> None:
        raise TimeUp(seconds)

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
        FileSystemLoader,
        FunctionLoader,
        PackageLoader,
        StrictUndefined,
    )
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

    class Sandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox, with a cap on ``*`` and ``**`` (no memory bombs)."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise SecurityError("an exponent above 64 is not allowed")
            if operator == "*":
                for seq, count in ((left, right), (right, left)):
                    if (
                        isinstance(seq, str | list | tuple)
                        and isinstance(count, int)
                        and len(seq) * count > MAX_OUTPUT
                    ):
                        raise SecurityError("repetition beyond the size of a draft")
            return super().call_binop(context, operator, left, right)

    loaders: list[BaseLoader] = [FunctionLoader(one_off)]
    if folder is not None:
        loaders.append(FileSystemLoader(str(folder)))
    loaders.append(PackageLoader("mocctl", "templates"))
    env = Sandbox(
        loader=Recording(ChoiceLoader(loaders)),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    return env
