"""``termsheet new FILE``: a commented skeleton of a term file.

The skeleton carries the ``yaml-language-server`` modeline (so VS Code's YAML
extension completes and checks fields), every required key with an empty
value and a comment saying what to write, and the optional sections as
commented-out examples.  Until the empty values are filled in,
``termsheet validate`` lists exactly the keys that still need a value; once
they are filled, the file validates.
"""

from __future__ import annotations

import os
from pathlib import Path

MODELINE_PREFIX = "# yaml-language-server: $schema="

SKELETON = """\
{modeline}
# Term file created by `termsheet new`. Fill in every empty value (the
# comment beside it says what to write), then check the file with:
#
#     termsheet validate {name}
#
# Quote versions ("0.1.0") and any text that contains ": " or starts with
# a special character. Write dates as YYYY-MM-DD. Ids are lowercase letters,
# digits and '-', e.g. cmt-consult.
schema_version: "1.0"

metadata:
  doc_id:            # stable id of this document across versions, e.g. us-security-protocols
  title:             # title as printed, e.g. "Security Protocols — Term Sheet"
  document_type: term_sheet   # term_sheet, non_paper, framework_draft, declaration, ...
  version: "0.1.0"   # version of this text, always in quotes
  date:              # date of this version, YYYY-MM-DD
  drafting_party:    # id of the party that drafted it (one of `parties` below), e.g. us
  status: working_draft       # working_draft, negotiating_draft, ad_referendum, signed, ...
  language: en
  # illustrative: true        # for made-up samples: then add a `disclaimer:`
  #                           # and an "ILLUSTRATIVE" line under marking.handling

# Every party referenced anywhere in this file.
parties:
  - id:              # lowercase ISO 3166 code for a state (ua, us), a short slug otherwise (eu)
    name:            # full name as printed, e.g. Ukraine
    kind: state      # state, international_organization or coalition
  # - {{id: us, name: United States of America, kind: state, iso3166: US}}

beneficiary:         # id of the party that receives the guarantees, e.g. ua
# counterparties: [] # parties whose aggression the guarantees deter
# mediators: []

# Optional sections (see samples/ for complete examples):
#
# guarantors:
#   - party: us
#     tier: core                # core or broader
#     roles:
#       - {{domain: monitoring, role: lead}}
#
# commitments:
#   - id: cmt-consult
#     kind: consultation
#     providers: [us]
#     beneficiary: ua
#     summary: "Consult at the most senior level within 24 hours of an attack."
#     modality: will            # proposed, may, stands_ready, intends, will, shall
#     legal_character: politically_binding
#
# scope:, force_limits:, forces:, monitoring:, bodies:, enforcement:,
# duration:, ratification:, engagement_plan:, territorial_provisions:,
# open_issues:, sources:
"""


def find_schema(folder: Path) -> Path | None:
    """A ``termsheet.schema.json`` beside or above ``folder``, or None.

    Looks in each folder from ``folder`` upwards for ``termsheet.schema.json``
    and ``schemas/termsheet.schema.json``; stops at the repository root (a
    folder holding ``.git``) or at the file-system root.
    """
    from termsheet.schema.export import SCHEMA_FILENAME

    for parent in (folder, *folder.parents):
        for candidate in (parent / SCHEMA_FILENAME, parent / "schemas" / SCHEMA_FILENAME):
            if candidate.is_file():
                return candidate
        if (parent / ".git").exists():
            return None
    return None


def schema_reference(target: Path, schema: str | os.PathLike[str] | None = None) -> str:
    """The modeline's ``$schema`` value for a file written at ``target``.

    A URL is used as given; a path (``schema``, else :func:`find_schema`) is
    made relative to the target's folder (``./…`` or ``../…``, ``/``
    separators), as the YAML language server resolves it; with neither, the
    schema's ``$id`` URL.
    """
    from termsheet.schema.export import SCHEMA_ID

    if schema is not None and "://" in str(schema):
        return str(schema)
    folder = target.resolve().parent
    schema_path = Path(schema) if schema is not None else find_schema(folder)
    if schema_path is None:
        return SCHEMA_ID
    try:
        rel = os.path.relpath(schema_path.resolve(), folder)
    except ValueError:  # another drive (Windows)
        return schema_path.resolve().as_uri()
    rel = Path(rel).as_posix()
    return rel if rel.startswith("../") else "./" + rel


def skeleton(target: Path, schema: str | os.PathLike[str] | None = None) -> str:
    """The text of a new term file to be written at ``target``."""
    return SKELETON.format(
        modeline=MODELINE_PREFIX + schema_reference(target, schema),
        name=target.name,
    )


def write_new(target: str | os.PathLike[str], schema: str | os.PathLike[str] | None = None) -> Path:
    """Create ``target`` with the skeleton; never overwrites.

    Raises ``FileExistsError`` if the file exists, ``OSError`` if it cannot
    be written (e.g. the folder does not exist).
    """
    path = Path(target)
    text = skeleton(path, schema)
    # "x" mode: fails atomically if the file appeared meanwhile.
    with path.open("x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return path
