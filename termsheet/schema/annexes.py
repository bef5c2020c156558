"""Annexes: texts attached after the signature block, lettered Annex A, Annex B…"""

from termsheet.schema.common import Provision
from termsheet.schema.types import Id, ShortText, Text


class Annex(Provision):
    """An annex to the document, cited as a whole ("Annex A")."""

    id: Id
    """Stable id, e.g. `annex-contributions`; the annex's letter follows its place in the list."""
    title: ShortText
    """Heading printed after the annex's letter, e.g. "Contributions to the Multinational Force Ukraine"."""
    text: Text
    """The annex's text, one paragraph per line: write it as a folded block (`text: >`) with a blank line between paragraphs. Disputed words go in negotiation brackets: `[[words]]`, `[[us: 15 years | ua: 30 years]]` (docs/brackets.md)."""
