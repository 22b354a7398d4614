"""The mocctl command runs no third-party pydantic plugins, and does not look for any.

Building the first model makes pydantic look for plugins: it imports ``importlib.metadata``
(and, through it, ``email``) and reads the entry points of every installed distribution,
25-35 ms of CPU on each cold start, for plugins (tracing, observability) that have no business
inside a command-line tool's validation. :func:`without_plugins`, called by the command's entry
points before any model is built, answers pydantic's question with "none", as the documented
``PYDANTIC_DISABLE_PLUGINS=__all__`` would, without the look. It does not import pydantic.

mocctl used as a library does not call it, so a host program keeps its own plugins.
"""

from __future__ import annotations

import sys
import types
from typing import Any

_LOADER = "pydantic.plugin._loader"


def without_plugins() -> None:
    """Make pydantic find no plugins in this process (a no-op once it has looked)."""
    if _LOADER in sys.modules:
        return
    stub = types.ModuleType(_LOADER, "mocctl: no pydantic plugins in this process")
    stub.get_plugins = _no_plugins  # type: ignore[attr-defined]
    stub.__getattr__ = _real  # type: ignore[method-assign]
    sys.modules[_LOADER] = stub


def _no_plugins() -> tuple[()]:
    return ()


def _real(name: str) -> Any:
    """Anything else a later pydantic asks of its loader: the real module's."""
    if name.startswith("__"):  # the import system's questions (``__path__``…): a plain module
        raise AttributeError(name)
    import importlib

    sys.modules.pop(_LOADER, None)
    return getattr(importlib.import_module(_LOADER), name)
