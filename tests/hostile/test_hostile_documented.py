"""The output docs/checks.md shows for the codes it describes in words is the real output.

MOC010-MOC016 and MOC505, MOC507, MOC508 need files that a YAML example cannot show (a FIFO, a
link, a huge or sparse file, 1,001 documents); each scenario of the page is built here and run.
All records are FICTIONAL.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "checks.md"
MEMORANDUM = ROOT / "records" / "jp-uk-quantum-2025" / "memorandum.yaml"
NOTICE = """\
apiVersion: mocctl/v1
kind: Notice
id: uk-notice
type: discontinuation
by: UK
form: written
dated: 2027-01-08
received: 2027-01-10T16:30:00+00:00
"""
HASH = "b6fd1f3a6b6c503c76a263f2e3952deec642ce3cd607ee7333c4ef04b187f9ed"
ACTIVITY = "apiVersion: mocctl/v1\nkind: Activity\nid: a{i}\ntitle: Activity {i}\n"
ACTIVITY += "areas: [research-dialogue]\nstart: 2025-06-01\n"


def shown(code: str) -> list[str]:
    section = re.split(r"^(?=#{2,3} )", DOC.read_text(encoding="utf-8"), flags=re.M)
    [part] = [p for p in section if p.startswith(f"### {code} ")]
    block = re.search(r"\*\*mocctl says:\*\*\n\n```console\n\$ [^\n]*\n(.*?)```", part, re.S)
    assert block is not None
    return block.group(1).rstrip("\n").split("\n")


def documents_entry(*paths: str) -> str:
    return "documents:\n" + "".join(f"  - path: {p}\n    sha256: {HASH}\n" for p in paths)


def _moc010(folder: Path, _: pytest.MonkeyPatch) -> None:
    (folder / "activities").mkdir()
    text = "---\n".join(ACTIVITY.format(i=i) for i in range(1001))
    (folder / "activities" / "all.yaml").write_text(text, encoding="utf-8")


def _moc011(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mocctl.io.folders as folders

    monkeypatch.setattr(folders, "MAX_FILES", 10)  # the page's 10,000, made small
    (folder / "activities").mkdir()
    for i in range(11):
        (folder / "activities" / f"a{i:05d}.yaml").write_text(ACTIVITY.format(i=i), "utf-8")


def _moc012(folder: Path, _: pytest.MonkeyPatch) -> None:
    (folder / "notices" / "uk-notice.yaml").write_text(
        NOTICE + "note: " + "x" * 100_001 + "\n", encoding="utf-8"
    )


def _moc013(folder: Path, _: pytest.MonkeyPatch) -> None:
    os.mkfifo(folder / "notices" / "uk-notice.yaml")


def _moc014(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "notices" / "uk-notice.yaml").write_text(NOTICE, encoding="utf-8")
    real_scandir, refused = os.scandir, (folder / "notices").resolve()

    def scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)).resolve() == refused:  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)


def _moc015(folder: Path, _: pytest.MonkeyPatch) -> None:
    shared = folder.parents[1] / "shared-notices"
    shared.mkdir()
    (shared / "uk-notice.yaml").write_text(NOTICE, encoding="utf-8")
    (folder / "notices").rmdir()
    (folder / "notices").symlink_to("../../shared-notices")


def _moc016(folder: Path, _: pytest.MonkeyPatch) -> None:
    (folder / "notices" / os.fsdecode(b"uk-notice-caf\xe9.yaml")).write_text(NOTICE, "utf-8")


def _moc505(folder: Path, _: pytest.MonkeyPatch) -> None:
    with (folder / "documents" / "note-verbale-2027-001.pdf").open("wb") as handle:
        handle.truncate(300 * 1024**2)  # sparse
    text = NOTICE + documents_entry("documents/note-verbale-2027-001.pdf")
    (folder / "notices" / "uk-notice.yaml").write_text(text, encoding="utf-8")


def _moc507(folder: Path, _: pytest.MonkeyPatch) -> None:
    (folder / "documents" / "note-verbale-2027-001.pdf").symlink_to("note-verbale-2027-001.pdf")
    text = NOTICE + documents_entry("documents/note-verbale-2027-001.pdf")
    (folder / "notices" / "uk-notice.yaml").write_text(text, encoding="utf-8")


def _moc508(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mocctl.checks.integrity as integrity

    def sha256(path: Path) -> tuple[str, int]:  # nine sparse files, counted but not read
        return HASH, path.stat().st_size

    monkeypatch.setattr(integrity, "_sha256", sha256)
    for k in range(1, 10):
        with (folder / "documents" / f"scan-{k}.pdf").open("wb") as handle:
            handle.truncate(120 * 1024**2)
    text = NOTICE + documents_entry(*(f"documents/scan-{k}.pdf" for k in range(1, 10)))
    (folder / "notices" / "uk-notice.yaml").write_text(text, encoding="utf-8")


SCENARIOS: dict[str, Callable[[Path, pytest.MonkeyPatch], None]] = {
    "MOC010": _moc010,
    "MOC011": _moc011,
    "MOC012": _moc012,
    "MOC013": _moc013,
    "MOC014": _moc014,
    "MOC015": _moc015,
    "MOC016": _moc016,
    "MOC505": _moc505,
    "MOC507": _moc507,
    "MOC508": _moc508,
}


@pytest.mark.parametrize("code", list(SCENARIOS))
def test_the_page_shows_the_real_output(
    code: str, run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "records" / "jp-uk-quantum-2025"
    for sub in ("notices", "documents"):
        (folder / sub).mkdir(parents=True)
    shutil.copy(MEMORANDUM, folder / "memorandum.yaml")
    SCENARIOS[code](folder, monkeypatch)
    result = run("--records", "records", "validate", "--format", "json")
    assert result.exit_code == 1, result.output
    lines = []
    for finding in json.loads(result.stdout):
        if finding["code"] == code:
            lines.append(
                f"{finding['file']}:{finding['line']}:{finding['column']}: "
                f"{finding['severity']} {code} {finding['message']}"
            )
            if finding.get("hint"):  # as the text reporter shows it
                lines.append(f"    hint: {finding['hint']} (see: mocctl explain {code})")
    expected = shown(code)
    if code == "MOC011":
        expected = [line.replace("10,000", "10") for line in expected]
    assert lines == expected
