"""JSON Schema of the record kinds, for editors (``mocctl schema``; committed under ``schema/``).

The schemas are generated from the pydantic models, so they cannot drift from what ``validate``
accepts, and converted to JSON Schema draft-07, the newest draft that yaml-language-server (the
YAML support of VS Code and most other editors) validates with:

* ``$defs`` becomes ``definitions`` and every ``$ref`` is rewritten to point there;
* a ``$ref`` with sibling keywords (pydantic puts ``default`` beside it) is wrapped in ``allOf``,
  because draft-07 ignores the siblings of ``$ref``;
* pydantic's ``discriminator`` (an OpenAPI keyword) is dropped: each branch of the ``oneOf`` is
  already told apart by its ``op`` constant;
* the titles pydantic derives from field names ("Apiversion") are dropped, as they say nothing
  that the key does not;
* each ``pattern`` is explained in words in ``patternErrorMessage``, which yaml-language-server
  shows instead of the regular expression (other validators ignore the extra keyword).

Anything else outside draft-07 is an error here, so that a model change that needs a newer
keyword fails the tests instead of silently giving editors a schema they cannot read.

The schemas describe what a record may hold; some rules (a date that does not exist, a time zone
unknown to the IANA database, references between records) only ``mocctl validate`` checks.
"""

from __future__ import annotations

import json
from typing import Any

from mocctl.model.docs import describe
from mocctl.model.records import API_VERSION, KINDS, MODELS

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
# Placeholder until the project has a public home.
PROJECT_URL = "https://github.com/mocctl/mocctl"
RECORDS_DOC = f"{PROJECT_URL}/blob/main/docs/records.md"
RECORD_FILE = "record.schema.json"

JsonSchema = dict[str, Any]

# Keywords that take a schema, a list of schemas, or a mapping of names to schemas.
_SUBSCHEMA = {"items", "additionalProperties", "not", "if", "then", "else", "contains"}
_SUBSCHEMA_LISTS = {"anyOf", "oneOf", "allOf"}
_SUBSCHEMA_MAPS = {"properties", "definitions", "patternProperties"}
# Keywords whose value is data, not schema.
_DATA = {"const", "enum", "default", "examples"}
_OTHER = {
    "$schema",
    "$ref",
    "$comment",
    "title",
    "description",
    "type",
    "required",
    "pattern",
    "format",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "propertyNames",
    "readOnly",
    "patternErrorMessage",
}
DRAFT_07_KEYWORDS = frozenset(_SUBSCHEMA | _SUBSCHEMA_LISTS | _SUBSCHEMA_MAPS | _DATA | _OTHER)

# What each pattern of the models means, in words. yaml-language-server shows a schema's
# ``patternErrorMessage`` (an extension other validators ignore) instead of the bare regex.
PATTERN_MESSAGES = {
    r"^[a-z0-9][a-z0-9._-]*$": "An id: lower-case letters, digits, '.', '_' and '-', "
    "starting with a letter or digit (such as jp-uk-quantum-2025).",
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": "A Side id: letters, digits, '.', '_' and '-', "
    "starting with a letter or digit (such as JP or UK).",
    r"^[A-Z]{2}$": "A two-letter ISO 3166-1 country code in capitals, such as GB or JP.",
    r"^[0-9a-f]{64}$": "A SHA-256 hash: 64 lower-case hexadecimal digits.",
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "A year, month or date: YYYY, YYYY-MM or YYYY-MM-DD.",
    r"^\d{4}-\d{2}-\d{2}$": "A date written as YYYY-MM-DD.",
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?"
    r"(?:Z|[+-]\d{2}(?::?\d{2})?))?$": "A date (YYYY-MM-DD), or an instant with its UTC "
    "offset (such as 2027-01-10T16:30:00+00:00).",
    r"^P(?:(?:\d+Y)?0*[1-9]\d*M|0*[1-9]\d*Y(?:\d+M)?)$": "A period of months or years "
    "as an ISO 8601 duration, such as P3M or P1Y.",
    r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*$": "An IANA time zone, such as "
    "Europe/London or Asia/Tokyo.",
}


class SchemaError(ValueError):
    """The models produced a JSON Schema construct that draft-07 editors cannot read."""


def file_name(kind: str) -> str:
    """The schema file of one record kind: ``Memorandum`` → ``memorandum.schema.json``."""
    return f"{kind.lower()}.schema.json"


def _ref(ref: str) -> str:
    prefix = "#/$defs/"
    if not ref.startswith(prefix):
        raise SchemaError(f"unexpected $ref {ref!r}")
    return "#/definitions/" + ref[len(prefix) :]


def _convert(schema: JsonSchema, *, in_properties: bool = False) -> JsonSchema:
    """One pydantic (2020-12 style) schema as draft-07."""
    out: JsonSchema = {}
    for key, value in schema.items():
        if key == "discriminator":
            continue
        if key == "title" and in_properties:
            continue
        if key == "$ref":
            out[key] = _ref(value)
        elif key in _SUBSCHEMA and isinstance(value, dict):
            out[key] = _convert(value)
        elif key in _SUBSCHEMA_LISTS:
            out[key] = [_convert(item) for item in value]
        elif key in _SUBSCHEMA_MAPS:
            out[key] = {
                name: _convert(sub, in_properties=key == "properties")
                for name, sub in value.items()
            }
        elif key in DRAFT_07_KEYWORDS:
            out[key] = value
        else:
            raise SchemaError(f"JSON Schema keyword {key!r} is not part of draft-07")
    if "pattern" in out and out["pattern"] in PATTERN_MESSAGES:
        out["patternErrorMessage"] = PATTERN_MESSAGES[out["pattern"]]
    if "$ref" in out and len(out) > 1:
        out["allOf"] = [{"$ref": out.pop("$ref")}, *out.get("allOf", [])]
    return out


def _described(owner: str, schema: JsonSchema) -> JsonSchema:
    """``schema`` with a description on every property that has none (for editors' hover)."""
    for prop, sub in schema.get("properties", {}).items():
        text = describe(owner, prop)
        if text and "description" not in sub:
            if "$ref" in sub:  # draft-07 ignores a $ref's siblings: wrap it, as _convert does
                sub["allOf"] = [{"$ref": sub.pop("$ref")}, *sub.get("allOf", [])]
            sub["description"] = text
    return schema


def _model_schema(kind: str) -> tuple[JsonSchema, dict[str, JsonSchema]]:
    """The draft-07 schema of one kind, and its definitions apart."""
    raw = MODELS[kind].model_json_schema(by_alias=True, mode="validation")
    definitions = {
        name: _described(name, _convert(sub)) for name, sub in raw.pop("$defs", {}).items()
    }
    body = _described(kind, _convert(raw))
    # apiVersion, kind and id first, as a record is written (and as editors offer the keys)
    first = ("apiVersion", "kind", "id")
    props = body["properties"]
    body["properties"] = {
        **{key: props[key] for key in first if key in props},
        **{key: value for key, value in props.items() if key not in first},
    }
    return body, definitions


def _description(what: str) -> str:
    return f"{what} (mocctl record format v1).\n{RECORDS_DOC}"


def kind_schema(kind: str) -> JsonSchema:
    """The JSON Schema (draft-07) of one record kind, self-contained."""
    body, definitions = _model_schema(kind)
    body.pop("title", None)
    schema: JsonSchema = {
        "$schema": DRAFT_07,
        "title": f"mocctl {kind.lower()} record",
        "description": _description(f"A `kind: {kind}` record"),
        **body,
    }
    if definitions:
        schema["definitions"] = definitions
    return schema


def record_schema() -> JsonSchema:
    """The JSON Schema (draft-07) of any record, dispatching on ``kind`` with if/then."""
    definitions: dict[str, JsonSchema] = {}
    for kind in KINDS:
        body, subs = _model_schema(kind)
        for name, sub in {**subs, kind: body}.items():
            if definitions.setdefault(name, sub) != sub:
                raise SchemaError(f"two different definitions are named {name!r}")
    return {
        "$schema": DRAFT_07,
        "title": "mocctl record",
        "description": _description(
            "A record of a Memorandum of Cooperation: "
            + ", ".join(KINDS)
            + ", told apart by `kind`"
        ),
        "type": "object",
        "required": ["apiVersion", "kind", "id"],
        "properties": {
            "apiVersion": {"const": API_VERSION, "description": "The record format."},
            "kind": {"enum": list(KINDS), "description": "What this record is."},
        },
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                "then": {"$ref": f"#/definitions/{kind}"},
            }
            for kind in KINDS
        ],
        "definitions": definitions,
    }


def all_schemas() -> dict[str, JsonSchema]:
    """Every schema file by name: one per kind, then ``record.schema.json``."""
    files = {file_name(kind): kind_schema(kind) for kind in KINDS}
    files[RECORD_FILE] = record_schema()
    return files


def dumps(schema: JsonSchema) -> str:
    """A schema as the text of its file."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
