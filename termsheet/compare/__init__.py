"""Compare two versions of a term sheet on their data: align → compare → classify.

Entry points:

- :func:`compare` (two validated :class:`~termsheet.schema.TermSheet`\\ s → :class:`Comparison`);
- :func:`consolidate` (several → :class:`Consolidation`, provision by provision) and
  :func:`consolidated_text` (its negotiating text, a term-sheet Document);
- :func:`apply_changes` (OLD's plain data + the JSON change list → NEW's data);
- the writers :func:`termsheet.writers.diff_json.write_diff_json` and
  :mod:`termsheet.writers.diff_summary`.
"""

from termsheet.compare.align import COLLECTIONS, SIMILARITY_THRESHOLD, Collection
from termsheet.compare.classify import DIRECTIONS, MIRROR
from termsheet.compare.comparison import (
    KINDS, Change, Comparison, FieldChange, VersionInfo, document_numbers,
)
from termsheet.compare.compute import compare
from termsheet.compare.consolidate import Input, consolidate
from termsheet.compare.consolidated_text import consolidated_text
from termsheet.compare.consolidation import Consolidation
from termsheet.compare.patch import apply_changes, patch_normal_form
from termsheet.compare.text import Invisible, TextOp, word_diff
from termsheet.compare.tokens import tokenize

__all__ = [
    "COLLECTIONS", "Change", "Collection", "Comparison", "Consolidation", "DIRECTIONS",
    "FieldChange", "Input", "Invisible", "KINDS", "MIRROR", "SIMILARITY_THRESHOLD", "TextOp",
    "VersionInfo", "apply_changes", "compare", "consolidate", "consolidated_text",
    "document_numbers", "patch_normal_form", "tokenize", "word_diff",
]
