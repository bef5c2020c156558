"""Tell term files from other YAML files (``termsheet validate --only-term-files``).

A file is a term file when it has either

- the editor modeline naming the termsheet schema, a comment line
  ``# yaml-language-server: $schema=…termsheet.schema.json``, or
- a top-level ``schema_version:`` key (a line that starts with it; every term
  file has one).

``termsheet new`` and ``termsheet samples`` write both.  The test reads the
file's text only (no YAML parsing), so a term file with a syntax error still
counts and gets reported.  A file that cannot be read counts too, so that
validating it reports why.
"""

from __future__ import annotations

import os
import re

from termsheet.source.limits import MAX_FILE_BYTES
from termsheet.source.reading import Unreadable, open_regular

_MODELINE = re.compile(
    r"^[ \t]*#[ \t]*yaml-language-server[ \t]*:[ \t]*\$schema=\S*termsheet\.schema\.json[ \t]*$",
    re.MULTILINE)
_SCHEMA_VERSION_KEY = re.compile(r"""^["']?schema_version["']?[ \t]*:""", re.MULTILINE)


def is_term_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` holds a term file by the rule above (``-``, standard input, always does)."""
    if os.fspath(path) == "-":
        return True
    try:
        with open_regular(path) as fh:
            data = fh.read(MAX_FILE_BYTES)
    except (Unreadable, OSError):  # validating it says why
        return True
    return looks_like_term_file(data.decode("utf-8", errors="replace"))


def looks_like_term_file(text: str) -> bool:
    """Whether ``text`` has the schema modeline or a top-level ``schema_version:`` key."""
    text = text.removeprefix("\ufeff")
    return bool(_MODELINE.search(text) or _SCHEMA_VERSION_KEY.search(text))
