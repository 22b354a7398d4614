"""JSON Schema for editors: generated from the models, draft-07, committed under schema/."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from mocctl.cli import app
from mocctl.io.yamlio import parse
from mocctl.model import schema as schemas
from mocctl.model.records import MODELS

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schema"
JP_UK = ROOT / "records" / "jp-uk-quantum-2025" / "memorandum.yaml"
EXAMPLE = Path(__file__).parent / "data" / "ci-records" / "example-moc" / "memorandum.yaml"
REGENERATE = "run `mocctl schema -o schema --force` and commit the result"

FILES = schemas.all_schemas()


def load(text: str) -> Any:
    documents, findings = parse(text, "inline.yaml")
    assert findings == []
    (document,) = documents
    return document.data


def validator(name: str = schemas.RECORD_FILE) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(
        FILES[name], format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def errors(data: Any, name: str = schemas.RECORD_FILE) -> list[str]:
    return [e.message for e in validator(name).iter_errors(data)]


def model_accepts(data: Any) -> bool:
    model = MODELS.get(data.get("kind")) if isinstance(data, dict) else None
    if model is None:
        return False
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


# --- the committed files ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FILES))
def test_committed_schema_matches_the_models(name: str) -> None:
    path = SCHEMA_DIR / name
    assert path.is_file(), f"schema/{name} is missing: {REGENERATE}"
    assert path.read_text(encoding="utf-8") == schemas.dumps(FILES[name]), (
        f"schema/{name} differs from the models: {REGENERATE}"
    )


def test_schema_folder_holds_nothing_else() -> None:
    assert sorted(p.name for p in SCHEMA_DIR.iterdir()) == sorted(FILES)


def test_one_file_per_kind_and_one_for_any_record() -> None:
    assert list(FILES) == [
        "memorandum.schema.json",
        "modification.schema.json",
        "notice.schema.json",
        "activity.schema.json",
        "decision.schema.json",
        "record.schema.json",
    ]


# --- draft-07, and nothing editors cannot read ------------------------------------------------


def walk(value: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair in nested dicts and lists."""
    if isinstance(value, dict):
        for key, sub in value.items():
            yield key, sub
            yield from walk(sub)
    elif isinstance(value, list):
        for sub in value:
            yield from walk(sub)


@pytest.mark.parametrize("name", sorted(FILES))
def test_schema_is_draft_07(name: str) -> None:
    schema = FILES[name]
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    keys = {key for key, _ in walk(schema)}
    assert "$defs" not in keys
    assert "discriminator" not in keys
    assert "prefixItems" not in keys
    definitions = schema.get("definitions", {})
    for key, value in walk(schema):
        if key == "$ref":
            assert value.startswith("#/definitions/")
            assert value.removeprefix("#/definitions/") in definitions


def test_ref_with_siblings_is_wrapped() -> None:
    """Draft-07 ignores the siblings of $ref; pydantic's default beside it moves to allOf."""
    terms = FILES["memorandum.schema.json"]["definitions"]["Terms"]["properties"]
    assert terms["modification"]["allOf"] == [{"$ref": "#/definitions/ModificationTerms"}]
    assert "$ref" not in terms["modification"]
    for key, value in walk(FILES):
        if isinstance(value, dict) and "$ref" in value:
            assert list(value) == ["$ref"], (key, value)


def test_a_keyword_newer_than_draft_07_is_refused() -> None:
    with pytest.raises(schemas.SchemaError, match="prefixItems"):
        schemas._convert({"type": "array", "prefixItems": [{"type": "string"}]})


def test_patterns_are_ecmascript(tmp_path: Path) -> None:
    """Editors run patterns as JavaScript regular expressions (with the u flag)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    patterns = sorted({value for key, value in walk(FILES) if key == "pattern"})
    script = tmp_path / "check.js"
    script.write_text(
        "const ps = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "for (const p of ps) { new RegExp(p, 'u'); }\n"
        "console.log(ps.length);\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [node, str(script)], input=json.dumps(patterns), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(patterns) >= 8


def test_every_pattern_is_explained_in_words() -> None:
    """Editors show ``patternErrorMessage`` rather than a regular expression."""
    for name, schema in FILES.items():
        for key, value in walk(schema):
            if isinstance(value, dict) and "pattern" in value:
                assert value.get("patternErrorMessage"), (name, key, value["pattern"])


def test_custom_types_have_a_sensible_schema() -> None:
    props = FILES["notice.schema.json"]["properties"]
    dated = props["dated"]
    assert dated["type"] == "string"
    assert dated["format"] == "date"
    assert dated["pattern"] == r"^\d{4}-\d{2}-\d{2}$"
    received = props["received"]["anyOf"][0]
    assert received["type"] == "string" and "pattern" in received
    memo = FILES["memorandum.schema.json"]["definitions"]
    period = memo["DiscontinuationTerms"]["properties"]["notice_period"]
    assert period["type"] == "string" and "pattern" in period
    timezone = memo["Side"]["properties"]["timezone"]
    assert timezone["type"] == "string" and "pattern" in timezone


# --- the schema agrees with the records and with the models -----------------------------------


def test_jp_uk_memorandum_is_accepted() -> None:
    data = load(JP_UK.read_text(encoding="utf-8"))
    assert data["kind"] == "Memorandum"
    assert errors(data) == []
    assert errors(data, "memorandum.schema.json") == []


def test_example_memorandum_is_accepted() -> None:
    data = load(EXAMPLE.read_text(encoding="utf-8"))
    assert errors(data) == []
    assert errors(data, "memorandum.schema.json") == []


def test_a_misspelt_key_is_rejected() -> None:
    data = load(JP_UK.read_text(encoding="utf-8"))
    data["legaly_binding"] = data.pop("legally_binding")
    assert any("'legaly_binding'" in m for m in errors(data))
    assert errors(data, "memorandum.schema.json")


def test_a_wrong_type_is_rejected() -> None:
    data = load(
        JP_UK.read_text(encoding="utf-8").replace("legally_binding: false", 'legally_binding: "no"')
    )
    assert data["legally_binding"] == "no"
    assert any("is not of type 'boolean'" in m for m in errors(data))


def test_a_wrong_kind_is_rejected() -> None:
    assert errors({"apiVersion": "mocctl/v1", "kind": "Treaty", "id": "x"})
    assert errors({"apiVersion": "mocctl/v1", "id": "x"})
    assert errors({"apiVersion": "mocctl/v2", "kind": "Activity", "id": "x"})


NOTICE = """\
apiVersion: mocctl/v1
kind: Notice
id: uk-discontinuation-2027
type: discontinuation
by: UK
to: [JP]
form: written
dated: 2027-01-08
received: 2027-01-10T16:30:00+00:00
requested_effective: 2027-06-30
reference: "Note verbale 2027/001"
"""
MODIFICATION = """\
apiVersion: mocctl/v1
kind: Modification
id: mod-2026-quantum-safe
title: Quantum-safe communications as an area of cooperation
consents:
  - {side: JP, date: 2026-03-02, signatory: "A", form: written}
  - {side: UK, date: 2026-03-05, signatory: "B", form: written}
effective: 2026-04-01
changes:
  - op: add_area
    area: {id: quantum-safe-comms, title: "Quantum-safe", text: "Communications."}
  - op: replace_text
    section: "2.2"
    body: "Each Side may discontinue … six (6) months in advance."
  - op: set_term
    term: discontinuation.notice_period
    value: P6M
"""
ACTIVITY = """\
apiVersion: mocctl/v1
kind: Activity
id: researcher-exchange
title: Early-career researcher exchange
areas: [education-exchange]
start: 2025-10-01
end: 2028-09-30
"""
DECISION = """\
apiVersion: mocctl/v1
kind: Decision
id: wind-down-2027
title: Arrangements on discontinuation
consents: [{side: JP, date: 2027-02-01}, {side: UK, date: 2027-02-03}]
effective: 2027-02-03
decides:
  - op: end_activity
    activity: researcher-exchange
    end: 2027-09-30
"""

# (record text, replacement) pairs: each replacement makes the record invalid for the models
BREAKAGES = [
    (NOTICE, ("received: 2027-01-10T16:30:00+00:00", "received: 2027-01-10T16:30:00")),
    (NOTICE, ("dated: 2027-01-08", "dated: 2027-1-8")),
    (NOTICE, ("dated: 2027-01-08", "dated: 20270108")),
    (NOTICE, ("type: discontinuation", "type: withdrawal")),
    (NOTICE, ("to: [JP]", "to: JP")),
    (NOTICE, ("form: written", "form: writen")),
    (NOTICE, ("by: UK", "by: UK\nrecieved: 2027-01-10")),
    (MODIFICATION, ("value: P6M", "valu: P6M")),
    (MODIFICATION, ("op: set_term", "op: set_terms")),
    (MODIFICATION, ("effective: 2026-04-01\n", "")),
    (MODIFICATION, ("changes:", "changes: []\nx:")),
    (ACTIVITY, ("areas: [education-exchange]", "areas: []")),
    (ACTIVITY, ("id: researcher-exchange", "id: Researcher Exchange")),
    (ACTIVITY, ("start: 2025-10-01", "start: 1 October 2025")),
    (DECISION, ("end: 2027-09-30", "end: 2027-09-30\n    reason: x")),
    (EXAMPLE.read_text(encoding="utf-8"), ("notice_period: P3M", "notice_period: P0M")),
    (EXAMPLE.read_text(encoding="utf-8"), ("notice_period: P3M", "notice_period: 3 months")),
    (EXAMPLE.read_text(encoding="utf-8"), ("timezone: Asia/Tokyo", "timezone: Tokyo time")),
    (EXAMPLE.read_text(encoding="utf-8"), ("originals: 2", "originals: 0")),
    (EXAMPLE.read_text(encoding="utf-8"), ("originals: 2", 'originals: "2"')),
    (EXAMPLE.read_text(encoding="utf-8"), ("jurisdiction: GB", "jurisdiction: gb")),
]


@pytest.mark.parametrize("text", [NOTICE, MODIFICATION, ACTIVITY, DECISION])
def test_spec_examples_are_accepted_by_schema_and_models(text: str) -> None:
    data = load(text)
    assert model_accepts(data)
    assert errors(data) == []
    assert errors(data, schemas.file_name(data["kind"])) == []


@pytest.mark.parametrize(("text", "change"), BREAKAGES)
def test_schema_rejects_what_the_models_reject(text: str, change: tuple[str, str]) -> None:
    assert change[0] in text
    data = load(text.replace(change[0], change[1], 1))
    assert not model_accepts(data)
    assert errors(data), f"the schema accepts {change[1]!r}"
    assert errors(data, schemas.file_name(data["kind"]))


def test_record_schema_dispatches_on_kind() -> None:
    """A Notice key in an Activity is an error only because kind says Activity."""
    data = load(ACTIVITY + "dated: 2025-01-01\n")
    assert any("'dated'" in m for m in errors(data))
    assert errors({**load(NOTICE), "kind": "Activity"})


# --- the command ------------------------------------------------------------------------------


def test_schema_command_prints_the_record_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    assert result.stdout == schemas.dumps(FILES[schemas.RECORD_FILE])
    assert json.loads(result.stdout)["title"] == "mocctl record"


def test_schema_command_writes_every_file(tmp_path: Path) -> None:
    out = tmp_path / "new" / "schema"
    result = CliRunner().invoke(app, ["schema", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    for name, schema in FILES.items():
        assert (out / name).read_text(encoding="utf-8") == schemas.dumps(schema)
    # the same again changes nothing and needs no --force
    again = CliRunner().invoke(app, ["schema", "-o", str(out)])
    assert again.exit_code == 0, again.output
    assert again.stdout.count("unchanged ") == len(FILES)


def test_schema_command_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "schema"
    out.mkdir()
    mine = out / "notice.schema.json"
    mine.write_text("{}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["schema", "-o", str(out)])
    assert result.exit_code == 2
    assert "notice.schema.json exists" in result.stderr
    assert "--force" in result.stderr
    assert mine.read_text(encoding="utf-8") == "{}\n"
    assert [p.name for p in out.iterdir()] == ["notice.schema.json"]  # nothing else written

    forced = CliRunner().invoke(app, ["schema", "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert mine.read_text(encoding="utf-8") == schemas.dumps(FILES["notice.schema.json"])
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)  # no temporary files left


def test_schema_command_refuses_a_file_as_folder(tmp_path: Path) -> None:
    target = tmp_path / "schema"
    target.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["schema", "-o", str(target)])
    assert result.exit_code == 2
    assert "not a folder" in result.stderr
    assert "Traceback" not in result.output


def test_schema_command_keeps_the_cli_import_light() -> None:
    code = (
        "import sys, mocctl.cli\n"
        "heavy = [m for m in ('pydantic', 'ruamel', 'jinja2') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- docs/editors.md --------------------------------------------------------------------------


def test_modelines_point_at_the_committed_schema() -> None:
    """The modeline of the default records, and the one docs/editors.md shows, resolve."""
    first = JP_UK.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    assert (
        JP_UK.parent / first.removeprefix(prefix)
    ).resolve() == SCHEMA_DIR / "record.schema.json"
    editors = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    assert f"{prefix}../../schema/record.schema.json" in editors
    settings = editors.split("```json\n", 1)[1].split("```", 1)[0]
    (schema_path,) = json.loads(settings)["yaml.schemas"]
    assert (ROOT / schema_path).resolve() == SCHEMA_DIR / "record.schema.json"
