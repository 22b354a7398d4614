"""Empty input is an error at its place, and every limit has its own finding (io/limits.py).

An empty file, a file of only `---` or comments, or an empty document among others is usually a
truncated record: an error (MOC007), not a silent pass. File size and nesting are MOC006,
documents per file MOC010, files per memorandum folder MOC011, characters in a value MOC012.
All records are FICTIONAL.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import WriteRecord
from tests.hostile.conftest import Hostile, each_has

from mocctl.io.limits import MAX_DOCUMENTS, MAX_FILE_BYTES, MAX_SCALAR_CHARS

NOTICE = """\
apiVersion: mocctl/v1
kind: Notice
id: n
type: discontinuation
by: UK
form: written
dated: 2027-01-08
received: 2027-01-10
"""


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("", 1),
        ("---\n", 2),
        ("# nothing yet\n# still nothing\n", 1),
        ("\n\n   \n", 1),
        ("---\n...\n", 2),
        (NOTICE + "---\n", 10),  # a stray --- at the end
        (NOTICE + "---\n---\n" + NOTICE.replace("id: n", "id: m"), 10),  # one empty among others
    ],
    ids=["empty", "dashes", "comments", "blank", "dashes-dots", "stray-end", "among-others"],
)
def test_empty_input_is_an_error_at_its_place(
    text: str, line: int, hostile: Hostile, write: WriteRecord
) -> None:
    write("notices/n.yaml", text)
    outcomes = hostile()
    each_has(outcomes, "MOC007", "jp-uk/notices/n.yaml", line)
    assert all("error MOC007" in outcome.text for outcome in outcomes)


def test_a_file_over_the_size_limit(hostile: Hostile, write: WriteRecord) -> None:
    write("notices/n.yaml", NOTICE + "note: " + "x" * MAX_FILE_BYTES + "\n")
    outcomes = hostile()
    each_has(outcomes, "MOC006", "jp-uk/notices/n.yaml", 1, 1)
    assert all(f"{MAX_FILE_BYTES:,} bytes" in outcome.output for outcome in outcomes)


def test_a_file_over_the_size_limit_is_not_read_to_its_end(
    hostile: Hostile, memo_dir: Path
) -> None:
    with (memo_dir / "huge.yaml").open("wb") as handle:
        handle.truncate(8 * 1024**3)  # 8 GiB, sparse
    each_has(hostile(), "MOC006", "jp-uk/huge.yaml", 1, 1)


def test_too_many_documents_in_one_file(hostile: Hostile, write: WriteRecord) -> None:
    activity = "apiVersion: mocctl/v1\nkind: Activity\nid: a{i}\ntitle: A\n"
    activity += "areas: [research-dialogue]\nstart: 2025-06-01\n"
    documents = [activity.format(i=i) for i in range(MAX_DOCUMENTS + 1)]
    write("activities/all.yaml", "---\n".join(documents))
    outcomes = hostile()
    line = MAX_DOCUMENTS * (activity.count("\n") + 1) + 1
    each_has(outcomes, "MOC010", "jp-uk/activities/all.yaml", line, 1)
    assert all(f"more than {MAX_DOCUMENTS:,} YAML documents" in o.output for o in outcomes)


def test_too_many_files_in_one_memorandum_folder(
    hostile: Hostile, write: WriteRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mocctl.io.folders as folders

    monkeypatch.setattr(folders, "MAX_FILES", 5)
    for index in range(6):  # with the memorandum: 7 files
        write(f"notices/n{index}.yaml", NOTICE.replace("id: n", f"id: n{index}"))
    outcomes = hostile()
    each_has(outcomes, "MOC011", "records/jp-uk", 1, 1)
    assert all("more than 5 record files" in outcome.output for outcome in outcomes)


def test_a_value_over_the_length_limit(hostile: Hostile, write: WriteRecord) -> None:
    write("notices/n.yaml", NOTICE + "note: " + "x" * (MAX_SCALAR_CHARS + 1) + "\n")
    each_has(hostile(), "MOC012", "jp-uk/notices/n.yaml", 9, 7)


def test_a_key_over_the_length_limit(hostile: Hostile, write: WriteRecord) -> None:
    # (a plain key longer than 1,024 characters is a syntax error: an explicit key is not)
    write("notices/n.yaml", NOTICE + "? " + "k" * (MAX_SCALAR_CHARS + 1) + "\n: 1\n")
    each_has(hostile(), "MOC012", "jp-uk/notices/n.yaml", 9, 3)


def test_the_limits_are_each_at_the_value_documented() -> None:
    import mocctl.io.limits as limits

    docs = (Path(__file__).resolve().parents[2] / "docs" / "checks.md").read_text("utf-8")
    assert limits.MAX_FILE_BYTES == 1024 * 1024 and "larger than 1 MB" in docs
    assert limits.MAX_DEPTH == 64 and "more than 64\nlevels deep" in docs
    assert limits.MAX_DOCUMENTS == 1_000 and "more than 1,000 YAML documents" in docs
    assert limits.MAX_FILES == 10_000 and "more than 10,000 `*.yaml`" in docs
    assert limits.MAX_SCALAR_CHARS == 100_000 and "longer than 100,000 characters" in docs
    assert limits.MAX_DOCUMENT_BYTES == 128 * 1024**2 and "larger than 128 MiB" in docs
    assert limits.MAX_DOCUMENTS_TOTAL_BYTES == 1024**3 and "more than 1 GiB" in docs
    assert limits.MAX_PATH_CHARS == 1_024 and "longer than 1,024 characters" in docs
