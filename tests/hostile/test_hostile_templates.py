"""Hostile templates: every bomb ends in a clear error (exit 2) within seconds and bounded memory.

Each case runs ``mocctl draft notice --template CASE.md.j2`` in a child process whose address
space is capped at 1.5 GB (so a bomb shows as a ``MemoryError`` or a kill, not as a slow
machine), and checks the exit code, the message (the template named, the bound that was hit), a
time bound, and that nothing in the records changed. The limits are for the whole draft: the
letter and the record together (:class:`mocctl.drafting.limits.Budget`). FICTIONAL records.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mocctl import drafting
from mocctl.drafting import limits, sandbox

from .conftest import snapshot

SECONDS = 15.0  # the sandbox's own limit is 5 s; the rest is start-up on a busy machine
MEMORY = 1536 << 20
BIG = "'x' * 999999"
CASES = {
    "nested-loops": (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "rendering took longer than 5 seconds",
    ),
    "nested-loops-output": (
        "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
        "the draft (letter and record together) would be more than 1,000,000 characters",
    ),
    "output-loop": (
        "{% for a in range(100000) %}{{ " + BIG + " }}{% endfor %}",
        "would be more than 1,000,000 characters",
    ),
    "pow-chain": ("{{ ((((2**64)**64)**64)**64)**64 }}", "a number of more than 65,536 bits"),
    "pow-chain-unprinted": ("{% set x = (((9**64)**64)**64)**64 %}ok", "more than 65,536 bits"),
    "pow-big-exponent": ("{{ 2 ** 100000 }}", "an exponent above 64 is not allowed"),
    "bigint-multiplication": (
        "{% set a = 10**64 %}"
        + "".join(f"{{% set a{n + 1} = a{n} * a{n} %}}".replace("a0", "a") for n in range(16))
        + "ok",
        "a number of more than 65,536 bits",
    ),
    "ljust": ("{{ 'x'.ljust(1000000000) }}", "ljust() with 1,000,000,000"),
    "rjust": ("{{ 'x'.rjust(10**9) }}", "rjust() with 1,000,000,000"),
    "zfill": ("{{ '1'.zfill(10**9) }}", "zfill() with 1,000,000,000"),
    "center-method": ("{{ 'x'.center(10**9) }}", "center() with 1,000,000,000"),
    "center-filter": ("{{ 'x'|center(1000000000) }}", "center() with 1,000,000,000"),
    "format-width": ("{{ '{:>1000000000}'.format('x') }}", "a field width of 1000000000"),
    "format-nested-width": ("{{ '{:{w}}'.format('x', w=10**9) }}", "a field width of"),
    "percent-width": ("{{ '%1000000000s' % 'x' }}", "a field width of 1000000000"),
    "percent-star-width": ("{{ '%*s' % (10**9, 'x') }}", "a field width of 1000000000"),
    "format-filter": ("{{ '%1000000000s'|format('x') }}", "a field width of 1000000000"),
    "string-doubling-tilde": (
        "{% set ns = namespace(s=" + BIG + ") %}{% for i in range(40) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
        "more than 1,000,000 characters",
    ),
    "string-doubling-plus": (
        "{% set ns = namespace(s=" + BIG + ") %}{% for i in range(40) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
        "more than 1,000,000 characters",
    ),
    "list-doubling": (
        "{% set ns = namespace(l=[1]*999999) %}{% for i in range(40) %}"
        "{% set ns.l = ns.l + ns.l %}{% endfor %}{{ ns.l|length }}",
        "more than 1,000,000 characters",
    ),
    "repetition": ("{{ 'x' * 10**9 }}", "repetition beyond the size of a draft"),
    "nested-list-printed": (
        "{% set a = [" + BIG + "] * 1000 %}{% set b = [a] * 1000 %}{{ b }}",
        "a printed value of more than 1,000,000 characters",
    ),
    "nested-list-string-filter": (
        "{% set a = [" + BIG + "] * 1000 %}{{ a|string|length }}",
        "more than 1,000,000 characters",
    ),
    "join-filter": ("{% set a = [" + BIG + "] * 1000 %}{{ a|join }}", "more than 1,000,000"),
    "join-method": ("{% set a = [" + BIG + "] * 1000 %}{{ ''.join(a) }}", "more than 1,000,000"),
    "join-glue": ("{{ ([''] * 1000)|join('x' * 9999) }}", "join() beyond the size"),
    "replace-filter": ("{{ (" + BIG + ")|replace('x', " + BIG + ") }}", "more than 1,000,000"),
    "replace-method": ("{{ ('x' * 1000).replace('x', 'y' * 9999) }}", "replace() beyond"),
    "expandtabs": ("{{ ('\\t' * 99999).expandtabs(99) }}", "expandtabs() beyond"),
    "indent": ("{{ ('\\n' * 999)|indent(' ' * 9999) }}", "indent() beyond"),
    "batch-fill": ("{{ [1]|batch(1000000000, 0)|list|length }}", "batch() with 1,000,000,000"),
    "lipsum": ("{{ lipsum(100000) }}", "lipsum: at most 100 paragraphs"),
}


def _limit() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_AS"), reason="POSIX address-space limit")
@pytest.mark.parametrize("name", list(CASES))
def test_a_template_bomb_is_a_clear_error(records: Path, tmp_path: Path, name: str) -> None:
    text, message = CASES[name]
    template = tmp_path / f"{name}.md.j2"
    template.write_text(text, encoding="utf-8")
    before = snapshot(records)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCCTL")}
    env.update({"NO_COLOR": "1", "COLUMNS": "300", "MOCCTL_NO_CACHE": "1"})
    start = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mocctl",
            "--records",
            str(records),
            "draft",
            "notice",
            "--by",
            "JP",
            "--received",
            "2027-02-28",
            "--as-of",
            "2027-01-10",
            "--template",
            str(template),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        preexec_fn=_limit,
    )
    seconds = time.monotonic() - start
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    assert done.stdout == ""
    assert f"template {name}.md.j2" in done.stderr
    assert message in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert "too much memory" not in done.stderr  # stopped before, not by the 1.5 GB cap
    assert seconds < SECONDS, f"{seconds:.1f} s"
    assert snapshot(records) == before


def test_ordinary_values_still_work() -> None:
    """The bounds leave room for what letters do: formats, joins, padding, numbers."""
    env = sandbox.environment(lambda name: None, None, set())
    text = env.from_string(
        "{{ '{:>8}|{:<4}|{:^5}'.format('a', 'b', 'c') }} {{ '%05d' % 42 }} {{ 'x'.center(9) }}"
        " {{ ['a', 'b']|join(', ') }} {{ 2 ** 64 }} {{ (10 ** 60) * (10 ** 60) }}"
        " {{ 'ab' ~ 'cd' }} {{ [1, 2] + [3] }} {{ 'a\\tb'.expandtabs(4) }}"
        " {{ 'x' * 10 }} {{ [1, 2, 3]|batch(2)|list }} {{ '{:,}'.format(10 ** 7) }}"
    ).render()
    assert text == (
        "       a|b   |  c   00042     x     a, b 18446744073709551616 " + "1" + "0" * 120
        + " abcd [1, 2, 3] a   b xxxxxxxxxx [[1, 2], [3]] 10,000,000"
    )  # fmt: skip


def test_the_bounds_are_for_the_whole_draft() -> None:
    """The letter and the record draw on one budget: what the letter spent, the record lacks."""
    templates = drafting.Templates(None)
    budget = templates.budget
    assert budget.seconds == limits.RENDER_SECONDS
    assert budget.characters == limits.MAX_OUTPUT
    half = "{{ 'x' * 600000 }}"
    env = templates.env
    first = budget.collect(env.from_string(half).generate())
    assert len(first) == 600000 and budget.characters == limits.MAX_OUTPUT - 600000
    with pytest.raises(limits.TooBig, match="letter and record together"):
        budget.collect(env.from_string(half).generate())
    with budget.timed():
        pass
    assert budget.seconds < limits.RENDER_SECONDS
    budget.seconds = 0
    with pytest.raises(limits.TimeUp), budget.timed():
        pass


def test_a_draft_whose_letter_and_record_together_are_too_big(
    run: object, records: Path, tmp_path: Path
) -> None:
    """Each template alone is within the bound, the two together are not: the second one is
    named, exit 2, nothing written."""
    from typer.testing import CliRunner

    from mocctl.cli.app import app

    packaged = Path(drafting.__file__).parents[1] / "templates" / "notice.yaml.j2"
    letter = tmp_path / "letter.md.j2"
    letter.write_text("{{ 'x' * 600000 }}\n", encoding="utf-8")
    record = tmp_path / "big.yaml.j2"
    record.write_text(
        packaged.read_text(encoding="utf-8") + "# {{ 'y' * 600000 }}\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    before = snapshot(records)
    result = CliRunner().invoke(
        app,
        [
            "--records",
            str(records),
            "draft",
            "notice",
            "--by",
            "JP",
            "--received",
            "2027-02-28",
            "--as-of",
            "2027-01-10",
            "--template",
            str(letter),
            "--template",
            str(record),
            "-o",
            str(out),
        ],
        env={"NO_COLOR": "1", "COLUMNS": "300"},
    )
    assert result.exit_code == 2, result.output
    assert "big.yaml.j2" in result.stderr
    assert "letter and record together" in result.stderr
    assert not out.exists()
    assert snapshot(records) == before
