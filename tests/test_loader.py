"""The YAML reader and loader: every MOC0xx/MOC1xx finding at its file, line and column.

All records here are FICTIONAL test data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.conftest import WriteRecord

from mocctl.findings import Finding
from mocctl.io.folders import memorandum_folders
from mocctl.io.loader import load
from mocctl.io.yamlio import MAX_FILE_BYTES, decode, parse

NOTICE = """\
apiVersion: mocctl/v1
kind: Notice
id: n1
type: discontinuation
by: UK
dated: 2027-01-08
received: 2027-01-10
"""


def findings(records: Path) -> list[Finding]:
    return load([records]).findings


def only(found: list[Finding], code: str) -> Finding:
    matching = [f for f in found if f.code == code]
    assert len(matching) == 1, found
    return matching[0]


def test_default_copy_loads_clean(records: Path) -> None:
    loaded = load([records])
    assert loaded.findings == []
    assert loaded.files_checked == 1
    [memo] = loaded.memoranda
    assert memo.memorandum is not None
    assert memo.id == "jp-uk-quantum-2025"


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("a: [1, 2\nb: 3\n", "MOC002", 2, 2),
        ("kind:\n\t- Notice\n", "MOC002", 2, 1),
        ("id: a\nid: b\n", "MOC003", 2, 1),
        ("a: &x 1\nb: *x\n", "MOC004", 2, 1),
        ("a: !!python/object:os.system echo\n", "MOC005", 1, 4),
        ("a: !custom 1\n", "MOC005", 1, 4),
        ("- 1\n- 2\n", "MOC008", 1, 1),
        ("? [a, b]\n: c\n", "MOC008", 1, 3),
        ("[" * 100 + "]" * 100, "MOC006", None, None),
    ],
)
def test_yaml_problems_are_findings_with_positions(
    text: str,
    code: str,
    line: int | None,
    column: int | None,
    records: Path,
    write: WriteRecord,
) -> None:
    write("bad.yaml", text)
    found = only(findings(records), code)
    assert found.file.endswith("jp-uk/bad.yaml")
    if line is not None:
        assert (found.line, found.column) == (line, column)


def test_deep_nesting_does_not_crash_the_parser() -> None:
    # libyaml's composer recurses on the C stack; such input must take the guarded path.
    docs, found = parse("[" * 200_000 + "]" * 200_000, "deep.yaml")
    assert docs == []
    assert [f.code for f in found] == ["MOC006"]


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    docs, found = parse(bomb, "bomb.yaml")
    assert docs == []
    assert found[0].code == "MOC004"


def test_binary_wrong_encoding_and_huge_files() -> None:
    assert decode(b"a: \x00", "f")[1].code == "MOC001"  # type: ignore[union-attr]
    problem = decode(b"a: 1\nb: \xff\n", "f")[1]
    assert problem is not None
    assert (problem.code, problem.line, problem.column) == ("MOC001", 2, 4)
    assert decode(b"#" * (MAX_FILE_BYTES + 1), "f")[1].code == "MOC006"  # type: ignore[union-attr]
    assert decode("\ufeffa: 1".encode(), "f") == ("a: 1", None)


def test_empty_file_and_empty_document(records: Path, write: WriteRecord) -> None:
    write("empty.yaml", "")
    write("comment.yaml", "# nothing here\n---\n")
    found = findings(records)
    assert [f.code for f in found] == ["MOC007", "MOC007"]


def test_several_documents_per_file(records: Path, write: WriteRecord) -> None:
    write("notices/all.yaml", NOTICE + "---\n" + NOTICE.replace("id: n1", "id: n2"))
    [memo] = load([records]).memoranda
    assert [n.id for n in memo.notices] == ["n1", "n2"]


@pytest.mark.parametrize(
    ("replace", "by", "code", "line", "column"),
    [
        ("apiVersion: mocctl/v1\n", "", "MOC101", 1, 1),
        ("apiVersion: mocctl/v1", "apiVersion: mocctl/v2", "MOC101", 1, 13),
        ("kind: Notice", "kind: Notise", "MOC102", 2, 7),
        ("kind: Notice\n", "", "MOC102", 1, 1),
        ("received: 2027-01-10", "recieved: 2027-01-10", "MOC103", 7, 1),
        ("by: UK\n", "", "MOC104", 1, 1),
        ("by: UK", "by: 7", "MOC105", 5, 5),
        ("dated: 2027-01-08", "dated: 2027-02-30", "MOC106", 6, 8),
        ("dated: 2027-01-08", "dated: 8 January 2027", "MOC106", 6, 8),
        ("received: 2027-01-10", "received: 2027-01-10T16:30:00", "MOC106", 7, 11),
        ("type: discontinuation", "type: termination", "MOC107", 4, 7),
        ("id: n1", "id: Notice One", "MOC107", 3, 5),
    ],
)
def test_schema_problems_point_at_the_key_or_value(
    replace: str, by: str, code: str, line: int, column: int, records: Path, write: WriteRecord
) -> None:
    write("notices/n1.yaml", NOTICE.replace(replace, by, 1))
    found = only(findings(records), code)
    assert (found.file, found.line, found.column) == (found.file, line, column), found
    assert found.file.endswith("notices/n1.yaml")


def test_misspelt_key_gets_a_did_you_mean_hint(records: Path, write: WriteRecord) -> None:
    write("notices/n1.yaml", NOTICE.replace("received:", "recieved:"))
    found = only(findings(records), "MOC103")
    assert found.hint == "did you mean 'received'?"
    assert "recieved" in found.message


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("legally_binding: false", "legally_binding: no", "MOC105"),
        ("originals: 2", "originals: '2'", "MOC105"),
        ("notice_period: P3M", "notice_period: 3 months", "MOC107"),
        ("timezone: Asia/Tokyo", "timezone: Asia/Tokio", "MOC107"),
    ],
)
def test_strict_types_in_the_memorandum(
    field: str, value: str, code: str, memo_dir: Path, records: Path
) -> None:
    path = memo_dir / "memorandum.yaml"
    text = path.read_text(encoding="utf-8")
    assert field in text
    path.write_text(text.replace(field, value, 1), encoding="utf-8")
    assert only(findings(records), code).file.endswith("memorandum.yaml")


def test_number_where_text_is_expected_is_not_silently_converted(
    records: Path, write: WriteRecord
) -> None:
    write(
        "activities/a.yaml",
        """\
        apiVersion: mocctl/v1
        kind: Activity
        id: a
        title: 1.10
        areas: [research-dialogue]
        start: 2025-06-01
        """,
    )
    found = only(findings(records), "MOC105")
    assert (found.line, found.column) == (4, 8)
    assert found.hint is not None and "quotes" in found.hint


def test_nested_change_errors_skip_the_union_tag(records: Path, write: WriteRecord) -> None:
    write(
        "modifications/m.yaml",
        """\
        apiVersion: mocctl/v1
        kind: Modification
        id: m
        title: t
        effective: 2026-01-01
        changes:
          - op: add_area
            area: {id: x, title: y, txt: z}
          - op: frobnicate
          - area: x
        """,
    )
    found = findings(records)
    assert [(f.code, f.line) for f in found] == [
        ("MOC104", 8),
        ("MOC103", 8),
        ("MOC107", 9),
        ("MOC104", 10),
    ]


def test_one_run_reports_problems_in_every_file(records: Path, write: WriteRecord) -> None:
    write("a.yaml", NOTICE.replace("received:", "recieved:"))
    write("b.yaml", NOTICE.replace("id: n1", "id: n2").replace("2027-01-08", "2025-02-30"))
    write("c.yaml", NOTICE.replace("id: n1", "id: n3\nid: n4"))
    write("d.yaml", "kind: [Notice\n")
    found = findings(records)
    assert [(Path(f.file).name, f.code, f.line) for f in found] == [
        ("a.yaml", "MOC103", 7),
        ("b.yaml", "MOC106", 6),
        ("c.yaml", "MOC003", 4),
        ("d.yaml", "MOC002", 2),
    ]


def test_memorandum_folders(records: Path, memo_dir: Path, write: WriteRecord) -> None:
    notice = write("notices/n1.yaml", NOTICE)
    assert memorandum_folders(records) == [memo_dir]
    assert memorandum_folders(memo_dir) == [memo_dir]
    assert memorandum_folders(notice) == [memo_dir.resolve()]


def test_folder_without_memorandum_and_without_files(records: Path, tmp_path: Path) -> None:
    other = records / "other"
    other.mkdir()
    (other / "n.yaml").write_text(NOTICE, encoding="utf-8")
    (records / "empty").mkdir()
    codes = [f.code for f in findings(records)]
    assert codes.count("MOC202") == 1
    assert codes.count("MOC009") == 1


def test_two_memoranda_in_a_folder_and_duplicate_ids(records: Path, memo_dir: Path) -> None:
    text = (memo_dir / "memorandum.yaml").read_text(encoding="utf-8")
    (memo_dir / "second.yaml").write_text(text, encoding="utf-8")
    twin = records / "twin"
    twin.mkdir()
    (twin / "memorandum.yaml").write_text(text, encoding="utf-8")
    codes = [f.code for f in findings(records)]
    assert "MOC203" in codes
    assert "MOC204" in codes


def test_link_outside_the_folder_is_not_read(records: Path, memo_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text(NOTICE, encoding="utf-8")
    (memo_dir / "link.yaml").symlink_to(outside)
    found = only(findings(records), "MOC001")
    assert "outside" in found.message


# -- hostile paths and the depth scan (see also tests/hostile/) -----------------------------------


def test_names_that_cannot_be_shown_are_findings(records: Path, memo_dir: Path) -> None:
    import os

    (memo_dir / "line\nbreak.yaml").write_text(NOTICE, encoding="utf-8")
    (memo_dir / os.fsdecode(b"caf\xe9.yaml")).write_text(NOTICE, encoding="utf-8")
    (records / os.fsdecode(b"m\xe9mo")).mkdir()
    found = [(Path(f.file).name, f.code, f.message) for f in findings(records)]
    assert (
        "line\\nbreak.yaml",
        "MOC016",
        "the name holds control characters (such as a line break); it is not read",
    ) in found
    assert ("caf\ufffd.yaml", "MOC016", "the name is not UTF-8 text; it is not read") in found
    assert ("m\ufffdmo", "MOC016", "the name is not UTF-8 text; it is not read") in found


def test_folders_of_many_entries_stop_at_the_limit(
    records: Path, memo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mocctl.io.folders as folders

    monkeypatch.setattr(folders, "MAX_ENTRIES", 20)
    for index in range(30):
        (memo_dir / "scans" / f"{index:02d}").mkdir(parents=True)
    found = only(findings(records), "MOC011")
    assert "more than 20 files and folders" in found.message


def test_records_paths_that_cannot_be_records(tmp_path: Path) -> None:
    from mocctl.errors import UsageError

    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    for path, words in [
        (tmp_path / "notes.txt", "is not a records folder or a *.yaml record file"),
        (tmp_path / "empty", "holds no records"),
        (Path("/dev/null"), "is a character device"),
        (tmp_path / "nothing", "does not exist"),
        (Path("a\x00b"), "NUL"),
    ]:
        with pytest.raises(UsageError, match=re.escape(words)):
            load([path])


@pytest.mark.parametrize(
    "text",
    [
        "[!a[b] x]",  # a tag swallows brackets
        "[!a]]]]]",
        "- - |\n   x\n  - [a]",  # a block scalar ends where its indentation does
        "a: |2\n  x\n b",
        'a: b\n  [ "\nc: [[[d]]]\n"',  # a plain scalar over two lines, then real nesting
        "[x: [y: [z: 1]]]",  # single-pair mappings in flow sequences
        "[[a]: b]",  # a mapping around a flow key
        "[[a], [b]]: c",
        "? {x: ]:",
        "x: \t{a: [1]}",  # a tab after ': '
        '["a":[b]]',
        "'it''s': [[x]]",
        "--- |\n[[a]]",
        "k: v # [[[[\nl: [1]",
    ],
)
def test_the_depth_scan_agrees_with_libyaml(text: str) -> None:
    from ruamel.yaml.cyaml import CSafeLoader
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    from mocctl.io.depth import nesting_scan

    loader = CSafeLoader(text)
    depth = deepest = 0
    failed = False
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, CollectionStartEvent):
                depth += 1
                deepest = max(deepest, depth)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except Exception:  # a parse error: nothing after it is composed
        failed = True
    scanned = nesting_scan(text, 10**9)[0]
    assert deepest <= scanned  # never less: the C composer would see what the scan missed
    assert failed or scanned <= deepest + 1  # and close to it for YAML that libyaml reads


@pytest.mark.parametrize("text", ["", "---\n", "- a\n", "a: &x 1\nb: *x\n", "a: [1\n"])
def test_an_unreadable_memorandum_yaml_is_not_also_a_missing_memorandum(
    text: str, records: Path, memo_dir: Path
) -> None:
    (memo_dir / "memorandum.yaml").write_text(text, encoding="utf-8")
    codes = [f.code for f in findings(records)]
    assert codes and "MOC202" not in codes  # its own finding says what is wrong


def test_a_memorandum_yaml_that_links_outside_is_not_read(
    records: Path, memo_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.yaml"
    (memo_dir / "memorandum.yaml").rename(outside)
    (memo_dir / "memorandum.yaml").symlink_to(outside)
    assert [f.code for f in findings(records)] == ["MOC001"]


def test_what_an_unreadable_record_names_belongs_to_its_memorandum(
    records: Path, write: WriteRecord, tmp_path: Path
) -> None:
    """The shadow of a record with schema errors is part of the loaded value, not of the
    process: a second load of another folder knows nothing of it."""
    write("notices/bad.yaml", NOTICE.replace("by: UK", "by: 7"))  # FICTIONAL; cannot be salvaged
    [memo] = load([records]).memoranda
    assert memo.shadow.ids == {"n1"}
    assert [n.id for n in memo.notices] == []
    other = tmp_path / "other"
    other.mkdir()
    (other / "m").mkdir()
    (other / "m" / "memorandum.yaml").write_text(
        (records / "jp-uk" / "memorandum.yaml").read_text("utf-8"), encoding="utf-8"
    )
    [clean] = load([other]).memoranda
    assert clean.shadow.ids == frozenset()
    [again] = load([records]).memoranda  # read again: the same, not twice as much
    assert again.shadow == memo.shadow


def test_a_duplicate_anchor_names_both_places(records: Path, write: WriteRecord) -> None:
    write("bad.yaml", "a: &x 1\nb: &x 2\n")
    found = only(findings(records), "MOC002")
    assert (found.line, found.column) == (2, 4)
    assert found.message == (
        "YAML syntax error: found duplicate anchor (first at line 1, column 4)"
    )
