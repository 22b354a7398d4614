"""The value types of records: dates, instants, durations, time zones, ids and texts (SPEC §2.1).

Each is an annotated type for pydantic: a BeforeValidator that decides (YAML's timestamps stay
text, so an impossible date is reported at its position; an instant needs its UTC offset; a
time zone is an IANA name, never a path) and a JSON Schema that describes it for editors."""

import datetime as dt
import re
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BeforeValidator,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?")


_ZONE = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*")


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise PydanticCustomError(
            "moc_date", "expected a date written as YYYY-MM-DD, got '{value}'", {"value": value}
        )
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "moc_date", "{value} is not a real date", {"value": value}
        ) from None


def _parse_received(value: Any) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime):
        instant = value
    elif isinstance(value, str) and ("T" in value or " " in value.strip()):
        try:
            instant = dt.datetime.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "moc_instant",
                "expected an instant such as 2027-01-10T16:30:00+00:00, got '{value}'",
                {"value": value},
            ) from None
    else:
        return _parse_date(value)
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise PydanticCustomError(
            "moc_instant",
            "the instant {value} has no UTC offset; add one, e.g. +00:00 or +09:00",
            {"value": str(value)},
        )
    return instant


def _parse_duration(value: Any) -> str:
    match = _DURATION.fullmatch(value) if isinstance(value, str) else None
    if not match or not any(match.groups()) or months_in(value) == 0:
        raise PydanticCustomError(
            "moc_duration",
            "expected a period of months or years such as P3M or P1Y, got '{value}'",
            {"value": value},
        )
    return str(value)


def _parse_timezone(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("string_type", "Input should be a valid string")
    try:  # IANA names only: never a path, and a folder of the database is not a zone either
        if not _ZONE.fullmatch(value) or ".." in value.split("/"):
            raise ValueError(value)
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise PydanticCustomError(
            "moc_timezone",
            "'{value}' is not an IANA time zone (such as Europe/London or Asia/Tokyo)",
            {"value": value},
        ) from None
    return value


def months_in(duration: str) -> int:
    """The number of months in a ``PnYnM`` duration (a year is twelve months)."""
    match = _DURATION.fullmatch(duration)
    if match is None:
        raise ValueError(f"not a duration of months or years: {duration!r}")
    years, months = (int(part) if part else 0 for part in match.groups())
    return 12 * years + months


# The JSON Schema of the custom-validated types (``mocctl schema``, for editors): what a record
# may hold, as text. These annotations only describe; the BeforeValidators decide.
_DATE_SCHEMA = {
    "type": "string",
    "format": "date",
    "pattern": r"^\d{4}-\d{2}-\d{2}$",
    "description": "A date written as YYYY-MM-DD.",
}


_RECEIVED_SCHEMA = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?))?$",
    "description": "A date (YYYY-MM-DD), or an instant with an explicit UTC offset "
    "(2027-01-10T16:30:00+00:00).",
}


_DURATION_SCHEMA = {
    "type": "string",
    "pattern": r"^P(?:(?:\d+Y)?0*[1-9]\d*M|0*[1-9]\d*Y(?:\d+M)?)$",
    "description": "A period of months or years as an ISO 8601 duration, such as P3M or P1Y.",
}


_TIMEZONE_SCHEMA = {
    "type": "string",
    "pattern": r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*$",
    "description": "An IANA time zone, such as Europe/London or Asia/Tokyo.",
}


Date = Annotated[dt.date, BeforeValidator(_parse_date), WithJsonSchema(_DATE_SCHEMA)]


Received = Annotated[
    dt.date | dt.datetime, BeforeValidator(_parse_received), WithJsonSchema(_RECEIVED_SCHEMA)
]


Duration = Annotated[str, BeforeValidator(_parse_duration), WithJsonSchema(_DURATION_SCHEMA)]


TimeZone = Annotated[str, BeforeValidator(_parse_timezone), WithJsonSchema(_TIMEZONE_SCHEMA)]


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")]


SideId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]


Text = Annotated[str, StringConstraints(min_length=1)]


Form = Literal["written", "oral"]


RuleName = Literal["safe-harbour", "corresponding-date", "jp-civil-code", "un-anniversary"]


Effect = Literal["discontinues", "withdraws"]


# The length of a term (issue 14): like a Duration, but a zero or negative one ("P0Y", "-P1Y")
# is kept, so that the lifecycle check says what is wrong with it at its place (MOC328).
TermLength = Annotated[
    str,
    StringConstraints(pattern=r"^-?P(\d+Y)?(\d+M)?$"),
    Field(json_schema_extra={"patternErrorMessage": "A length of years or months, such as P5Y."}),
]


PartialDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
