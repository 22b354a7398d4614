"""Nothing leaked, nothing opened that is not what it claims (issue 13): a memorandum's own
template that is a link to a file outside is refused; a time zone is an IANA name, never a path
or a folder of the time-zone database. The records are the Japan–UK memorandum copied by the
fixtures (FICTIONAL notices only)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Run = Callable[..., Result]


def test_a_template_linked_to_a_file_outside_is_refused(
    run: Run, records: Path, memo_dir: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:a secret line\n", encoding="utf-8")
    (memo_dir / "templates").mkdir()
    (memo_dir / "templates" / "notice.md.j2").symlink_to(secret)
    result = run(
        "--records", str(records), "draft", "notice", "--by", "UK",
        "--received", "2027-01-10", "--as-of", "2027-01-01",
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "root:x" not in result.output
    assert "outside the memorandum's folder" in result.output
    # the user gave no --template: the error names the memorandum's own template, not an option
    assert "the memorandum's template" in result.output
    assert "--template" not in result.output


def test_a_template_inside_the_folder_is_used(run: Run, records: Path, memo_dir: Path) -> None:
    (memo_dir / "templates").mkdir()
    (memo_dir / "templates" / "notice.md.j2").write_text(
        "A fictional letter of {{ draft.by.id }}.\n", encoding="utf-8"
    )
    result = run(
        "--records", str(records), "draft", "notice", "--by", "UK",
        "--received", "2027-01-10", "--as-of", "2027-01-01",
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    assert "A fictional letter of UK." in result.output


@pytest.mark.parametrize(
    "zone",
    ["Europe", "America", "/etc/passwd", "../../etc/passwd", "Europe/../Asia/Tokyo", "tzdata"],
)
def test_a_time_zone_is_an_iana_name_never_a_path(
    run: Run, records: Path, memo_dir: Path, zone: str
) -> None:
    memo = memo_dir / "memorandum.yaml"
    memo.write_text(
        memo.read_text(encoding="utf-8").replace("timezone: Europe/London", f"timezone: '{zone}'"),
        encoding="utf-8",
    )
    result = run("--records", str(records), "validate", "--format", "json")
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert "is not an IANA time zone" in result.output
