"""A small term file with two annexes, and its validated sheet and built document."""

from __future__ import annotations

from termsheet.compose import build
from termsheet.document.transforms import apply_transforms
from termsheet.source.validate import validate_text

from conftest import MINIMAL_YAML

ANNEXES = """\
annexes:
  - id: annex-contributions
    title: Contributions to the force
    text: >
      Each contributing state notifies its forces.

      Notifications are renewed every [[us: six months | ua: twelve months]].
    basis: illustrative
    notes: Wording proposed at the last round.
  - id: annex-assistance
    title: Assistance
    text: Assistance is given as the parties agree.
    text_status: bracketed
    proposed_by: us
"""

SHEET = MINIMAL_YAML + ANNEXES


def validated(text: str = SHEET):
    """The validation result of ``text`` (a term file) as ``t.yaml``."""
    return validate_text(text, "t.yaml")


def document(text: str = SHEET, **options):
    """The numbered document of a valid term file."""
    result = validated(text)
    assert result.sheet is not None, [str(d) for d in result.diagnostics]
    return apply_transforms(build(result.sheet, source_file="t.yaml",
                                  positions=result.document.positions, **options))
