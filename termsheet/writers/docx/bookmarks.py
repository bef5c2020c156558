"""Word bookmark names for the provisions of a `Document`: one per id, valid and unique.

Word accepts a bookmark name of at most 40 characters that starts with a
letter and holds only letters, digits and ``_`` (a leading ``_`` hides it from
Word's bookmark list, so none is used). A provision's id is mangled into such a
name the same way every time: characters outside ``[A-Za-z0-9_]`` become
``_``; a name not starting with a letter gets the prefix ``p_``; a name that is
too long, or that would clash (Word compares names without regard to case),
is cut and given the first 8 hex digits of the id's SHA-1.
"""

from __future__ import annotations

import hashlib
import re

from termsheet.document.nodes import Clause, Document, Paragraph, Reference, Row, Section, Table, walk

MAX_LENGTH = 40
_INVALID = re.compile(r"[^A-Za-z0-9_]")
_DIGEST = 8


def bookmark_name(node_id: str, taken: set[str] = frozenset()) -> str:
    """The bookmark name of ``node_id``, unlike every name in ``taken`` (lower-cased names)."""
    name = _INVALID.sub("_", node_id)
    if not name[:1].isascii() or not name[:1].isalpha():
        name = "p_" + name
    if len(name) > MAX_LENGTH or name.lower() in taken:
        digest = hashlib.sha1(node_id.encode("utf-8")).hexdigest()
        salt = 0
        while True:
            suffix = digest[:_DIGEST] if not salt else f"{digest[:_DIGEST]}{salt}"
            candidate = f"{name[:MAX_LENGTH - len(suffix) - 1]}_{suffix}"
            if candidate.lower() not in taken:
                return candidate
            salt += 1
    return name


def bookmark_names(doc: Document) -> dict[str, str]:
    """A bookmark name for every id of a section, clause, paragraph, table or row, and for every
    reference target, in document order."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for node in walk(doc):
        if isinstance(node, (Section, Clause, Paragraph, Table, Row)):
            node_id = node.id
        elif isinstance(node, Reference):
            node_id = node.target
        else:
            continue
        if node_id and node_id not in names:
            names[node_id] = bookmark_name(node_id, taken)
            taken.add(names[node_id].lower())
    return names
