"""Benchmark: the pre-commit hook on one changed memorandum in a big portfolio (issue 12).

Usage: python benchmarks/precommit_hook.py [--pairs P] [N]   (default: 15 pairs, 3000)

A FICTIONAL corpus of N memoranda (benchmarks/corpus.py) is validated once in full (as CI or an
earlier commit would: it fills the result cache and the ids index; the index trusts no file changed
in the last 2 s, so a small corpus is given one more, untimed, hook run once its files are that
old, as a repository's memoranda are). Then, in P interleaved
rounds: the start-up floor of SPEC §5 (``python -c "import typer, rich, pydantic, ruamel.yaml"``),
and the hook's command on one changed file, ``python -m mocctl.commands.precommit
records/memo-K/activities/a0.yaml``, after a change to that file (a new title each round: that
memorandum is never in the cache), K moving through the portfolio. CPU time of the child
(benchmarks/measure.py). Before issue 12 the hook validated the whole folder on every commit:
that is ``mocctl --no-cache validate`` in benchmarks/validate_many.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import measure  # noqa: E402

FLOOR = (measure.PYTHON, "-c", "import typer, rich, pydantic, ruamel.yaml")


def bench(count: int, rounds: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus.build(work / "records", count)
        env = {k: v for k, v in os.environ.items() if not k.startswith("MOCCTL_")}
        env.update(NO_COLOR="1", MOCCTL_CACHE_DIR=str(work / "cache"))
        os.chdir(work)
        built = time.time()
        full = measure.run_child((*measure.MOCCTL, "validate", "records"), env)
        assert full.code == 0
        time.sleep(max(0.0, built + 2.5 - time.time()))  # see the docstring: the ids index
        settle = (*measure.PYTHON_M_HOOK, "records/memo-0000/memorandum.yaml")
        assert measure.run_child(settle, env).code == 0
        hooks = []
        for index in range(rounds):
            changed = f"records/memo-{(index * 997) % count:04d}/activities/a0.yaml"
            hooks.append((*measure.PYTHON_M_HOOK, changed))
        floor = measure.Series(
            'start-up floor: `python -c "import typer, rich, pydantic, ruamel.yaml"` (baseline)'
        )
        hook = measure.Series("the hook on one changed memorandum")
        for index, command in enumerate(hooks):
            floor.samples.append(measure.run_child(FLOOR, env))
            path = work / command[-1]
            path.write_text(path.read_text().replace("title: Fictional", f"title: Changed {index}"))
            hook.samples.append(measure.run_child(command, env))
            assert hook.samples[-1].code == 0
        title = (
            f"**{count:,} memoranda**, {rounds} interleaved rounds; the full validate that filled "
            f"the cache took {full.cpu:.1f} s CPU"
        )
        return title + "\n\n" + measure.table([floor, hook]) + "\n"


if __name__ == "__main__":
    measure.main(bench, sys.argv[1:], 3000)
