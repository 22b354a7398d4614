"""The limits that keep reading hostile records safe and fast, in one place (docs/checks.md).

No real record comes close to any of them. Each has its own finding code, whose message names
the limit and its value.
"""

from __future__ import annotations

MAX_FILE_BYTES = 1024 * 1024  # a record file (MOC006)
MAX_DEPTH = 64  # nesting of lists and mappings in a record (MOC006)
MAX_DOCUMENTS = 1_000  # YAML documents in one file (MOC010)
MAX_FILES = 10_000  # record files in one memorandum folder (MOC011)
MAX_ENTRIES = 100_000  # files and folders of any kind looked at in one memorandum folder (MOC011)
MAX_SCALAR_CHARS = 100_000  # characters in one value or key (MOC012)
MAX_DOCUMENT_BYTES = 128 * 1024 * 1024  # a document referenced by path and hash (MOC505)
MAX_PATH_CHARS = 1_024  # a document's `path` (MOC506)
MAX_DOCUMENTS_TOTAL_BYTES = 1024 * 1024 * 1024  # all documents of one memorandum (MOC508)
