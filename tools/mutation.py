"""Mutation testing of mocctl's pure core with mutmut: the score and every surviving mutant.

Run from the repository root, in the project's virtualenv (``mutmut`` ≥ 3.8 installed)::

    python tools/mutation.py                          # core/periods.py and core/consolidation.py
    python tools/mutation.py periods                  # one module (a name under src/mocctl/core/)
    python tools/mutation.py history --tests tests/core/test_history.py tests/test_status.py
    python tools/mutation.py periods --workers 1 --examples 10
    python tools/mutation.py --report                 # print the last run's results again
    python tools/mutation.py --keep                   # reuse mutants/ and its cached results
    python tools/mutation.py --show NAME              # the diff of one mutant

A module is named as ``periods``, ``core/periods.py`` or ``src/mocctl/core/periods.py``. The
tests run for each module default to the ones in ``DEFAULT_TESTS`` below (fast, targeted: no CLI
suites unless the module has no unit tests); ``--tests`` replaces them for every module named.
mutmut then runs, for each mutant, only the selected tests that call the mutated function.

What the script does:

* It runs mutmut in this process with its configuration from ``[tool.mutmut]`` of
  ``pyproject.toml``, overriding the modules to mutate (``only_mutate``) and the test selection
  with the command line, so that the table in ``pyproject.toml`` never needs editing.
* It loads a hypothesis profile, ``mutation``, in this process (mutmut runs pytest in it and in
  its forks): property tests run ``--examples`` examples each (default 25) with no deadline and
  no example database, so that a mutant is judged quickly, by the same examples every time, and
  never by a timing flake.
* It runs at most ``--workers`` mutants at a time (default 2; the machine is shared).
* mutmut works in a copy of ``src/``, ``tests/`` and the files the tests read, ``mutants/``
  (git-ignored, never committed). The script deletes that copy before each run, because mutmut
  refreshes only the modules it mutates there: an edit anywhere else in ``src/`` or ``tests/``
  would otherwise be tested against the old copy. ``--keep`` reuses it (mutmut then re-runs
  only the mutants of functions that changed): quicker, for a second look at the same tree.

Finally it prints, per module, killed / total and the score (a mutant whose tests never end,
"timeout", counts as killed and is reported as such), then every mutant that was not killed, as
mutmut's name and its status (survived, no tests, suspicious), with the diff of each when
``--diff`` is given. A survivor listed in ``EQUIVALENT`` below is printed with its reason; any
other one is a gap in the tests. The exit status is 0 when every mutant was killed or is a
listed equivalent, 1 when some other mutant was not killed, 2 when mutmut could not run.

The script uses a few of mutmut's internal names (``configuration._config``, ``stats`` and
``mutation.diff_apply``); it was written against mutmut 3.8.1, and the ``test`` extra keeps mutmut
below 4.

For each new survivor: write a test that kills it, or, if no test can tell it from the original
(an equivalent mutant), add it to ``EQUIVALENT`` and to ``docs/mutation.md`` with the reason.
mutmut numbers the mutants of each function in order, so an edit to a function renumbers its
mutants: check the listed ones with ``--show NAME`` after such an edit.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path("src/mocctl")
CORE = PACKAGE / "core"

# The fast, targeted tests for each core module: its unit tests and the mutant-killing tests.
# history, notices and events are judged by the same three files (a history calls all three).
_HISTORY_TESTS = [
    "tests/core/test_history_mutants.py",
    "tests/core/test_history_terms.py",
    "tests/core/test_term_events.py",
    "tests/core/test_assemble_mutants.py",
    "tests/core/test_whole_record_known.py",
    "tests/core/test_notices_mutants.py",
    "tests/core/test_events_mutants.py",
]
DEFAULT_TESTS: dict[str, list[str]] = {
    "periods": ["tests/test_periods.py", "tests/core/test_periods_mutants.py"],
    "consolidation": [
        "tests/core/test_consolidation_mutants.py",
        "tests/core/test_memo_consolidation.py",
    ],
    "history": _HISTORY_TESTS,
    "fold": _HISTORY_TESTS,
    "standing": _HISTORY_TESTS,
    "notices": _HISTORY_TESTS,
    "events": _HISTORY_TESTS,
    "terms": ["tests/test_terms.py", "tests/core/test_terms_mutants.py"],
    "renewal": [*_HISTORY_TESTS, "tests/core/test_renewal_mutants.py"],
}
DEFAULT_MODULES = ["periods", "consolidation"]
REWRITE_WARNING = "pytest.PytestAssertRewriteWarning"
# A mutant that makes the tests run forever (a loop that never ends) is detected as well.
KILLED = {"killed", "caught by type check", "timeout"}


_UNREACHABLE = "unreachable: no public call can make the day before 0001-01-01"
_BOUND = "the search's lower bound is only a start: any bound from 1 to D* gives the same D*"
_ORDER = "aware datetimes compare as UTC instants anyway: min picks the same start"
_DEFAULT = "GB, UK and the EU states get corresponding-date, which is also the fallback"
_BY_ANYONE = "a notice by no Side to every Side: every Side's zone, as with no recipient named"
_ASSERTED = "a known notice always has both its receipt day and its receipt as given"
_LATER = "revocations (2) still come after discontinuation notices (1) and changesets (0)"
_PLAIN = "a plain date's receipt day is the date itself: safe_harbour gets the same value"
_RANGE = "every ValueError raised there that says 'out of range' also says 'year'"
_NO_REASON = "a notice shown as past or scheduled never has a reason: and/or give the same text"
_FIXED_POINT = "core.terms._term reads a term's rules again until they agree: the loop repairs it"
_LAST = "OrderedDict.popitem reads `last` as true or false: None pops the oldest, as False does"
_NO_RULES = "core.terms.schedule makes no terms when there are no rules at commencement"
_FALSY = "governing is only tested for truth afterwards: None and '' are both false"
# Survivors that no test can kill (docs/mutation.md gives the full reasons).
EQUIVALENT: dict[str, str] = {
    "mocctl.core.terms.x__term__mutmut_11": _FIXED_POINT,
    "mocctl.core.terms.x__term__mutmut_13": _FIXED_POINT,
    "mocctl.core.terms.x__term__mutmut_28": _FIXED_POINT,
    "mocctl.core.terms.x__term__mutmut_33": _FIXED_POINT,
    "mocctl.core.terms.x_schedule__mutmut_14": "MAX_TERMS is a guard: 9,999 or 10,000 terms",
    "mocctl.core.terms.xǁScheduleǁon__mutmut_12": "on a term's last day the loop has returned it",
    "mocctl.core.fold.x__known_items__mutmut_28": _LATER,
    "mocctl.core.history.xǁHistoryǁif_received__mutmut_6": _BY_ANYONE,
    "mocctl.core.history.x__assemble__mutmut_53": _FALSY,
    "mocctl.core.consolidation.xǁ_Recentǁput__mutmut_10": _LAST,
    "mocctl.core.renewal.x_schedule_of__mutmut_16": _NO_RULES,
    "mocctl.core.fold.x__receive__mutmut_3": _ASSERTED,
    "mocctl.core.notices.x_dates_of__mutmut_25": _PLAIN,
    "mocctl.core.notices.x_dates_of__mutmut_36": _RANGE,
    "mocctl.core.notices.x_dates_of__mutmut_37": _RANGE,
    "mocctl.core.notices.x_dates_of__mutmut_39": _RANGE,
    "mocctl.core.events.x__why__mutmut_4": _NO_REASON,
    "mocctl.core.notices.x__later__mutmut_2": "an instant's rank 1 or 2: only its order above a "
    "plain date's 0 matters",
    "mocctl.core.notices.x__later__mutmut_4": "two plain receipts on the same day are the same "
    "value: which of them is kept cannot be seen",
    "mocctl.core.notices.x__later__mutmut_5": "the text key of a plain date is compared only with "
    "another plain date of the same day: the same value",
    "mocctl.core.notices.x__later__mutmut_7": "> or >= on a full tie: the two receipts are then "
    "the same day and the same text, so the same value",
    "mocctl.core.fold.x__known_items__mutmut_11": "a change and a notice known on the same day "
    "give the same dates in either order: accepting a change recomputes every live notice",
    "mocctl.core.periods.x__previous_day__mutmut_2": _UNREACHABLE,
    "mocctl.core.periods.x__previous_day__mutmut_3": _UNREACHABLE,
    "mocctl.core.periods.x__previous_day__mutmut_4": _UNREACHABLE,
    "mocctl.core.periods.x_latest_receipt__mutmut_20": "effective_on() is only given plain dates, "
    "whose receipt date is themselves: safe_harbour() never reads the zones there",
    "mocctl.core.periods.x_latest_receipt__mutmut_42": _BOUND,
    "mocctl.core.periods.x_latest_receipt__mutmut_45": _BOUND,
    "mocctl.core.periods.x_latest_receipt__mutmut_47": _BOUND,
    "mocctl.core.periods.x_latest_receipt__mutmut_48": _BOUND,
    "mocctl.core.periods.x_receipt_deadline__mutmut_31": _ORDER,
    "mocctl.core.periods.x_receipt_deadline__mutmut_33": _ORDER,
    "mocctl.core.periods.x_receipt_deadline__mutmut_35": _ORDER,
    "mocctl.core.periods.x_rule_for_jurisdiction__mutmut_11": _DEFAULT,
    "mocctl.core.periods.x_rule_for_jurisdiction__mutmut_13": _DEFAULT,
    "mocctl.core.periods.x_rule_for_jurisdiction__mutmut_14": _DEFAULT,
    "mocctl.core.periods.x_rule_for_jurisdiction__mutmut_15": _DEFAULT,
    "mocctl.core.periods.x_rule_for_jurisdiction__mutmut_16": _DEFAULT,
}


def module_path(name: str) -> Path:
    """``periods``, ``core/periods.py`` or ``src/mocctl/core/periods.py`` → the source path.

    A bare name is a module of the pure core; a path may name any module of the package.
    """
    name = name if name.endswith(".py") else f"{name}.py"
    for path in (Path(name), PACKAGE / name, CORE / name):
        if (ROOT / path).is_file() and path.is_relative_to(PACKAGE):
            return path
    raise SystemExit(f"mutation.py: there is no module {name} in {CORE} or {PACKAGE}")


def tests_for(stems: list[str], chosen: list[str] | None) -> list[str]:
    if chosen:
        return chosen
    selection: list[str] = []
    for stem in stems:
        if stem not in DEFAULT_TESTS:
            raise SystemExit(
                f"mutation.py: no default tests for {stem}; name them with --tests FILE ..."
            )
        selection += [test for test in DEFAULT_TESTS[stem] if test not in selection]
    return [test for test in selection if (ROOT / test).exists()]


def configure(paths: list[Path], tests: list[str]) -> None:
    """mutmut's configuration from pyproject.toml, with these modules and tests."""
    from mutmut import configuration

    configuration.reset_config()
    loaded = configuration.config()
    configuration._config = dataclasses.replace(
        loaded,
        only_mutate=[str(path) for path in paths],
        pytest_add_cli_args_test_selection=tests,
        # hypothesis is imported before pytest starts (for the profile): not a problem.
        pytest_add_cli_args=[*loaded.pytest_add_cli_args, "-W", f"ignore::{REWRITE_WARNING}"],
    )


def hypothesis_profile(examples: int) -> None:
    """Few examples, no deadline, derandomized and without the example database."""
    from hypothesis import settings

    settings.register_profile(
        "mutation", max_examples=examples, deadline=None, derandomize=True, database=None
    )
    settings.load_profile("mutation")
    os.environ["HYPOTHESIS_PROFILE"] = "mutation"


def run_mutmut(workers: int) -> int:
    from mutmut.__main__ import cli

    try:
        cli.main(["run", "--max-children", str(workers)], standalone_mode=False)
    except SystemExit as stop:  # mutmut exits with a message when it cannot run
        return int(stop.code or 0)
    return 0


def results(paths: list[Path]) -> dict[Path, dict[str, str]]:
    """mutmut's status of every mutant of each module, from ``mutants/<path>.meta``."""
    from mutmut.stats import status_by_exit_code

    found: dict[Path, dict[str, str]] = {}
    for path in paths:
        meta = ROOT / "mutants" / f"{path}.meta"
        if not meta.exists():
            found[path] = {}
            continue
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        found[path] = {name: status_by_exit_code[code] for name, code in sorted(codes.items())}
    return found


def diff_of(name: str) -> str:
    from mutmut.mutation.diff_apply import find_mutant, get_diff_for_mutant

    return str(get_diff_for_mutant(name, path=find_mutant(name).path))


def report(paths: list[Path], *, with_diff: bool) -> int:
    found = results(paths)
    gaps = 0
    print()
    print("Mutation score")
    for path, statuses in found.items():
        total = len(statuses)
        killed = sum(status in KILLED for status in statuses.values())
        timeouts = sum(status == "timeout" for status in statuses.values())
        equivalent = sum(
            name in EQUIVALENT for name, status in statuses.items() if status not in KILLED
        )
        score = f"{100 * killed / total:.1f}%" if total else "not run"
        detail = f", of which {timeouts} by a time-out" if timeouts else ""
        rest = total - killed - equivalent
        print(
            f"  {path}: {killed} / {total} killed ({score}{detail}); "
            f"{equivalent} equivalent, {rest} to kill"
        )
        gaps += rest if total else 1
    for path, statuses in found.items():
        left = {name: status for name, status in statuses.items() if status not in KILLED}
        if not left:
            continue
        print()
        print(f"Not killed in {path} ({len(left)}):")
        for name, status in left.items():
            why = f"equivalent: {EQUIVALENT[name]}" if name in EQUIVALENT else "TO KILL"
            print(f"  {name}: {status} ({why})")
            if with_diff:
                print("    " + diff_of(name).strip().replace("\n", "\n    "))
    return 0 if gaps == 0 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("modules", nargs="*", help="core modules (default: periods consolidation)")
    parser.add_argument("--tests", nargs="+", metavar="PATH", help="pytest paths to run")
    parser.add_argument("--workers", type=int, default=2, help="mutants at a time (default 2)")
    parser.add_argument("--examples", type=int, default=25, help="hypothesis examples per test")
    parser.add_argument("--keep", action="store_true", help="reuse mutants/ of the last run")
    parser.add_argument("--diff", action="store_true", help="print the diff of each survivor")
    parser.add_argument("--report", action="store_true", help="only print the last results")
    parser.add_argument("--show", metavar="MUTANT", help="print one mutant's diff and stop")
    args = parser.parse_args(argv)

    os.chdir(ROOT)
    try:
        import mutmut  # noqa: F401
    except ImportError:
        print("mutation.py: mutmut is not installed; pip install -e '.[test]'", file=sys.stderr)
        return 2
    paths = [module_path(name) for name in args.modules or DEFAULT_MODULES]
    running = not (args.report or args.show)
    tests = tests_for([path.stem for path in paths], args.tests) if running else []
    configure(paths, tests)
    if args.show:
        print(diff_of(args.show))
        return 0
    if running:
        if not args.keep:
            shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        hypothesis_profile(args.examples)
        print(f"mutating {', '.join(map(str, paths))}; tests: {' '.join(tests)}", flush=True)
        if run_mutmut(max(1, args.workers)) != 0:
            print("mutation.py: mutmut did not complete", file=sys.stderr)
            return 2
    return report(paths, with_diff=args.diff)


if __name__ == "__main__":
    sys.exit(main())
