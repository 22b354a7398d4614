"""The base of every record model: immutable, strict, no unknown keys.

The modules that declare models (``base``, ``values``, ``terms``, ``records``) do not use
``from __future__ import annotations``: pydantic would then compile and evaluate every field's
annotation string when the class is created, about 3 ms of CPU time on each start of a command
that reads records (issue 9; tests/test_startup_imports.py).
"""

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Base of every record part: immutable, no unknown keys.

    Validation is pydantic's default mode, which never turns a number or a boolean into text;
    booleans and whole numbers are declared strict (``StrictBool``, ``StrictInt``) so that
    ``no``/``on`` or ``"3"`` are refused rather than converted, and dates go through
    ``_parse_date``. Lists in YAML become tuples.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
