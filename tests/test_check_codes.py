"""The catalogue of finding codes (mocctl.codes), its documentation and its tests.

* every code is unique, well-formed and in one of the documented ranges;
* every code has a section in docs/checks.md (heading, anchor, severity, example, output, fix),
  and every example there gives the output the page shows;
* every code appears in at least one other test file: a cheap guard that each finding has a test
  that triggers it.

The records written here are the FICTIONAL examples of docs/checks.md.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mocctl.codes import _TABLE, CHECKS
from mocctl.findings import Finding, Severity

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "checks.md"
TESTS = Path(__file__).resolve().parent
DEFAULT_MEMORANDUM = ROOT / "records" / "jp-uk-quantum-2025" / "memorandum.yaml"
Run = Callable[..., Result]

RANGES = {
    "0": "files and YAML",
    "1": "schema",
    "2": "identities and references",
    "3": "lifecycle",
    "4": "text and wording",
    "5": "documents and integrity",
}

# Codes that no other test file mentions yet. Each is a strict xfail: when a test for the code
# is added, this test passes, fails as XPASS, and the code must be removed from this set.
UNTESTED: set[str] = set()

# Examples of docs/checks.md that are described in words rather than shown as YAML files
# (a binary or runaway file, an empty folder, a copied memorandum).
DESCRIBED_ONLY = {"MOC001", "MOC006", "MOC009", "MOC203", "MOC204"}
# Limits and paths that are not files (a FIFO, a link, a huge file): shown in words; the output
# each section shows is checked against a real run in tests/hostile/test_documented_output.py.
DESCRIBED_ONLY |= {"MOC010", "MOC011", "MOC012", "MOC013", "MOC014", "MOC015", "MOC016"}
DESCRIBED_ONLY |= {"MOC505", "MOC507", "MOC508"}
# Files an example needs beyond its YAML: the changed document of MOC503.
EXTRA_FILES = {
    "MOC503": {"documents/note-verbale-2027-001.pdf": b"a fictional note verbale, edited\n"}
}


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def sections() -> dict[str, str]:
    """The text of each code's section, from its ``### MOCnnn`` heading to the next heading."""
    found: dict[str, str] = {}
    parts = re.split(r"^(?=#{2,3} )", doc_text(), flags=re.M)
    for part in parts:
        match = re.match(r"### (MOC\d{3}) ", part)
        if match:
            assert match.group(1) not in found, f"two sections for {match.group(1)}"
            found[match.group(1)] = part
    return found


# -- the catalogue ---------------------------------------------------------------------------------


def test_codes_are_unique() -> None:
    codes = [row[0] for row in _TABLE]
    assert len(codes) == len(set(codes))
    assert list(CHECKS) == codes


def test_codes_are_in_the_documented_ranges_and_in_order() -> None:
    for code, check in CHECKS.items():
        assert re.fullmatch(r"MOC[0-5]\d{2}", code), code
        assert check.code == code
        assert code[3] in RANGES
        assert not code.endswith("00"), f"{code}: numbering in a range starts at 01"
        assert isinstance(check.severity, Severity)
        assert check.title and check.title == check.title.strip()
        assert check.help.endswith((".", ")")), code
    assert list(CHECKS) == sorted(CHECKS)


# -- docs/checks.md -------------------------------------------------------------------------------


def test_every_range_has_its_heading() -> None:
    text = doc_text()
    for digit, about in RANGES.items():
        assert f"\n## MOC{digit}xx — {about}\n" in text


def test_no_section_for_a_code_that_does_not_exist() -> None:
    assert list(sections()) == list(CHECKS)  # every code once, in the catalogue's order


@pytest.mark.parametrize("code", list(CHECKS))
def test_every_code_has_a_section(code: str) -> None:
    check = CHECKS[code]
    text = doc_text()
    # the heading, and the anchor that SARIF's helpUri points at (docs/checks.md#moc103)
    assert f'<a id="{code.lower()}"></a>\n\n### {code} — {check.title}\n' in text
    section = sections()[code]
    assert f"**Severity:** {check.severity.value}\n" in section
    for part in ("**When:**", "**Example:**", "**mocctl says:**", "**Fix:**"):
        assert part in section, f"{code}: no {part}"
    assert f": {check.severity.value} {code} " in section  # the output shows the finding


def test_the_intro_documents_exit_codes_and_json_keys() -> None:
    text = doc_text()
    for exit_code in ("`0`", "`1`", "`2`", "--strict"):
        assert exit_code in text
    example = re.search(r"```json\n(.*?)\n```", text, flags=re.S)
    assert example is not None
    keys = set(json.loads(example.group(1)))
    finding = Finding("MOC315", Severity.INFO, "m", "f", 8, 11, hint="h").to_json()
    assert keys == set(finding)
    for key in finding:
        assert f"| `{key}` |" in text


def example_files(section: str) -> list[tuple[str, str]]:
    """(path as labelled, YAML) of each file an example shows."""
    return re.findall(r"^`([^`\n]+)`:\n\n```yaml\n(.*?)```", section, flags=re.M | re.S)


def example_output(section: str) -> list[str]:
    block = re.search(r"\*\*mocctl says:\*\*\n\n```console\n\$ [^\n]*\n(.*?)```", section, re.S)
    assert block is not None
    return block.group(1).rstrip("\n").split("\n")


@pytest.mark.parametrize("code", sorted(set(CHECKS) - DESCRIBED_ONLY))
def test_every_example_gives_the_output_shown(
    code: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = example_files(sections()[code])
    assert files, f"{code}: no example file"
    folder = tmp_path / "records" / "jp-uk-quantum-2025"
    folder.mkdir(parents=True)
    if not any(re.search(r"^kind: Memorandum$", text, flags=re.M) for _, text in files):
        shutil.copy(DEFAULT_MEMORANDUM, folder / "memorandum.yaml")
    written: dict[str, str | bytes] = {**dict(files), **EXTRA_FILES.get(code, {})}
    for label, content in written.items():
        path = tmp_path / label if label.startswith("records/") else folder / label
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("--records", "records", "validate", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    lines = []
    for finding in json.loads(result.stdout):
        if finding["code"] != code:
            continue
        lines.append(
            f"{finding['file']}:{finding['line']}:{finding['column']}: "
            f"{finding['severity']} {code} {finding['message']}"
        )
        if finding.get("hint"):  # as the text reporter shows it
            lines.append(f"    hint: {finding['hint']} (see: mocctl explain {code})")
    assert lines == example_output(sections()[code])


@pytest.mark.parametrize("code", sorted(DESCRIBED_ONLY))
def test_examples_in_words_show_their_output(code: str) -> None:
    section = sections()[code]
    assert example_files(section) == []
    assert any(f" {code} " in line for line in example_output(section))


# -- every code is tested --------------------------------------------------------------------------


def other_test_files() -> str:
    me = Path(__file__).resolve()
    return "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(TESTS.rglob("*.py"))
        if path.resolve() != me
    )


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(
            code,
            marks=pytest.mark.xfail(
                strict=True,
                reason=f"no test triggers {code} yet; when one does, remove {code} from "
                "UNTESTED in tests/test_check_codes.py",
            ),
        )
        if code in UNTESTED
        else code
        for code in CHECKS
    ],
)
def test_every_code_appears_in_another_test_file(code: str) -> None:
    assert re.search(rf"\b{code}\b", other_test_files()), f"no test file mentions {code}"


def test_untested_holds_only_real_codes() -> None:
    assert set(CHECKS) >= UNTESTED
