"""The templates of one draft: where they come from, rendering them, and whose fault a failure is.

Templates are looked up in this order: a one-off template given for this draft, then the
memorandum folder's own ``templates/``, then the templates packaged with mocctl. They run in the
bounded sandbox of :mod:`mocctl.drafting.sandbox` and see plain data only (dicts, lists, text,
numbers, dates: never an object whose methods reach the disk).

A failure of a template someone gave mocctl (a one-off, or one in the memorandum's folder) is a
:class:`DraftError` naming the template file and line. A failure inside the packaged templates,
or inside mocctl's own code called from a template (other than a :class:`FilterError`), is
mocctl's bug and is raised as it is: the command line reports it as an internal error (exit 3).
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mocctl.drafting import sandbox
from mocctl.drafting.errors import DraftError
from mocctl.drafting.filters import FilterError
from mocctl.drafting.limits import MAX_OUTPUT, Budget, TimeUp, TooBig
from mocctl.findings import display_path

if TYPE_CHECKING:
    from jinja2 import Environment

_ONE_OFF = "one-off:"  # the prefix of the name under which a one-off template is loaded
_MOCCTL = Path(__file__).resolve().parents[1]  # the mocctl package
_PACKAGED = _MOCCTL / "templates"
_TEMPLATE_HINT = (
    "templates see plain data only: memorandum, draft and as_of (each packaged template lists "
    "its variables at the top)"
)


class Templates:
    """The template search path of one draft: one-offs, the memorandum's own, the packaged."""

    def __init__(
        self,
        folder: Path | None = None,
        *,
        letter: Path | None = None,
        record: Path | None = None,
    ) -> None:
        self.folder = folder if folder is not None and folder.is_dir() else None
        self.one_offs = {"letter": letter, "record": record}
        for path in (letter, record):
            if path is not None and not path.is_file():
                raise DraftError("does not exist or is not a file", field="template", value=path)
        self.files: set[str] = set()  # every template file loaded, to name it in errors
        self.budget = Budget()  # the time and output of this draft's templates, together
        self._env: Environment | None = None

    @property
    def env(self) -> Environment:
        if self._env is None:
            self._env = sandbox.environment(self.load_one_off, self.folder, self.files)
        return self._env

    def name_for(self, kind: str, role: str) -> str:
        """The template to render for ``kind`` (modification…) and ``role`` (letter, record)."""
        one_off = self.one_offs[role]
        if one_off is not None:
            return f"{_ONE_OFF}{one_off}"
        return f"{kind}.md.j2" if role == "letter" else f"{kind}.yaml.j2"

    def given(self, name: str) -> bool:
        """Whether the template ``name`` is one someone gave mocctl (not a packaged one)."""
        if name.startswith(_ONE_OFF):
            return True
        return self.folder is not None and (self.folder / name).is_file()

    def shown_name(self, name: str) -> str:
        """The template's name as the user knows it (a one-off's path from here)."""
        if name.startswith(_ONE_OFF):
            return display_path(Path(name.removeprefix(_ONE_OFF)))
        return name

    def load_one_off(self, name: str) -> tuple[str, str, Any] | None:
        if not name.startswith(_ONE_OFF):
            return None
        path = Path(name.removeprefix(_ONE_OFF))
        if path not in {p for p in self.one_offs.values() if p is not None}:
            return None
        return _read_template(path), str(path), lambda: True

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        """``name`` rendered with ``context``; a template's failure is one :class:`DraftError`.

        Every render of one :class:`Templates` draws on one :class:`~limits.Budget`: the
        letter and the record together are bounded in time and in size, not each of them. Time
        or size run out is the fault of the template running then, whoever wrote it.
        """
        from jinja2 import TemplateSyntaxError

        try:
            with self.budget.timed():
                template = self.env.get_template(name)
                text = self.budget.collect(template.generate(dict(context)))
        except DraftError:
            raise
        except TooBig as error:
            raise DraftError(
                f"template {self._where(*self._frame(error, name))}: {error}; it was not used",
                hint=f"a draft may be at most {MAX_OUTPUT:,} characters",
            ) from None
        except TimeUp as error:
            raise DraftError(
                f"template {self._where(*self._frame(error, name))}: {error}",
                hint="a template that loops over large ranges, or nests loops, runs too long",
            ) from None
        except TemplateSyntaxError as error:
            filename = error.filename or error.name or name
            if _packaged(filename):
                raise
            raise DraftError(
                f"template {self._where(filename, error.lineno)}: "
                f"{error.message or 'syntax error'}",
                hint="fix the template, or remove it to use the packaged one",
            ) from None
        except Exception as error:  # sorted below into the template's fault and mocctl's bugs
            if self._is_mocctl_bug(error):
                raise
            filename, line = self._frame(error, name)
            raise DraftError(
                f"template {self._where(filename, line)}: {_describe(error)}", hint=_TEMPLATE_HINT
            ) from None
        return text

    def _is_mocctl_bug(self, error: BaseException) -> bool:
        """Whether ``error`` is mocctl's fault rather than the fault of a template it was given."""
        from jinja2 import TemplateError

        frames = traceback.extract_tb(error.__traceback__)
        templates = [f.filename for f in frames if f.filename in self.files]
        if not any(not _packaged(filename) for filename in templates):
            return True  # only mocctl's own templates ran
        if isinstance(
            error, TemplateError | FilterError | RecursionError | MemoryError | TimeUp | TooBig
        ):
            return False
        innermost = Path(frames[-1].filename) if frames else None
        return innermost is not None and innermost.is_relative_to(_MOCCTL)

    def _frame(self, error: BaseException, name: str) -> tuple[str, int | None]:
        """The template file and line where ``error`` happened (the innermost template frame)."""
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if frame.filename in self.files:
                return frame.filename, frame.lineno
        return name, None

    def _where(self, filename: str, line: int | None) -> str:
        named = filename.startswith(_ONE_OFF) or filename in self.files
        shown = display_path(Path(filename.removeprefix(_ONE_OFF))) if named else filename
        return f"{shown}, line {line}" if line else shown


def _packaged(filename: str) -> bool:
    try:
        return Path(filename).resolve().is_relative_to(_PACKAGED)
    except (OSError, ValueError):
        return False


def _read_template(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DraftError("is not UTF-8 text", field="template", value=path) from None
    except OSError as error:
        raise DraftError(
            f"cannot be read: {error.strerror}", field="template", value=path
        ) from None


def _describe(error: BaseException) -> str:
    from jinja2 import TemplateNotFound, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(error, SecurityError):
        return f"not allowed in a template: {error}"
    if isinstance(error, UndefinedError):
        return f"unknown variable or attribute: {error}"
    if isinstance(error, TemplateNotFound):
        return f"no template named {error.name!r}"
    if isinstance(error, RecursionError):
        return "the template includes or extends itself"
    if isinstance(error, MemoryError):
        return "the template needs too much memory"
    if isinstance(error, TimeUp | TooBig | FilterError):
        return str(error)
    return f"{type(error).__name__}: {error}"
