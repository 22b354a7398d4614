"""Benchmark: ``mocctl validate`` over N memoranda (SPEC §5, issue 12), honestly measured.

Usage: python benchmarks/validate_many.py [--pairs P] [--tools] N [N ...]   (default: 15 pairs, 300)

For each N, a FICTIONAL corpus (benchmarks/corpus.py: ten documents in ten files per memorandum)
is generated into a temporary folder, and these are run in interleaved rounds, P of each:

- the baseline: the bare libyaml load of the same files (``measure.py libyaml``: PyYAML's
  ``CSafeLoader``, in a fresh Python);
- ``mocctl --no-cache validate``: all the work, nothing kept;
- ``mocctl validate`` cold: an empty cache folder each time (the work, plus filling the cache);
- ``mocctl validate`` warm: the cache filled beforehand (every memorandum unchanged);
- with ``--tools``: ``yamllint`` (default rules) and ``check-jsonschema`` with mocctl's JSON
  Schema (``schema/record.schema.json``) on the same files (pip-install them for the benchmark
  only; they are not mocctl's dependencies).

It prints the machine and one Markdown table per N: the median, minimum and maximum CPU time
(user + system of the child, ``os.wait4``), the peak RSS, and the median of the per-round ratios
to the baseline.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import measure  # noqa: E402

SCHEMA = HERE.parent / "schema" / "record.schema.json"


def bench(count: int, rounds: int, tools: bool) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "records"
        documents = corpus.build(root, count)
        warm_cache = Path(tmp) / "warm-cache"
        cold_cache = Path(tmp) / "cold-cache"
        base = {k: v for k, v in os.environ.items() if not k.startswith("MOCCTL_")}
        base["NO_COLOR"] = "1"
        warm_env = {**base, "MOCCTL_CACHE_DIR": str(warm_cache)}
        cold_env = {**base, "MOCCTL_CACHE_DIR": str(cold_cache)}
        validate = (*measure.MOCCTL, "validate", str(root))
        filled = measure.run_child(validate, warm_env)
        assert filled.code == 0, "the corpus has errors"
        commands = [
            ("bare libyaml load (baseline)", (*measure.LIBYAML, str(root)), base),
            (
                "`mocctl --no-cache validate`",
                (*measure.MOCCTL, "--no-cache", "validate", str(root)),
                base,
            ),
            ("`mocctl validate`, cold (empty cache)", validate, cold_env),
            ("`mocctl validate`, warm (every memorandum cached)", validate, warm_env),
        ]
        if tools:
            files = measure.record_files(root)
            commands += [
                ("`yamllint -f parsable`", ("yamllint", "-f", "parsable", str(root)), base),
                (
                    "`check-jsonschema` (mocctl's schema)",
                    ("check-jsonschema", "--schemafile", str(SCHEMA), *files),
                    base,
                ),
            ]

        def empty_cold_cache() -> None:
            shutil.rmtree(cold_cache, ignore_errors=True)

        series = measure.pairs(
            commands, rounds, {"`mocctl validate`, cold (empty cache)": empty_cold_cache}
        )
        title = (
            f"**{count:,} memoranda** ({documents:,} documents in {documents:,} files), "
            f"{rounds} interleaved rounds"
        )
        return title + "\n\n" + measure.table(series) + "\n"


if __name__ == "__main__":
    measure.main(bench, sys.argv[1:], 300, ("--tools",))
