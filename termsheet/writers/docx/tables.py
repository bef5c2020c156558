"""Column widths for DOCX tables: the builder's preference, without breaking words.

Word lays out a fixed-layout table exactly as told, and breaks a word that does
not fit its column mid-word ("Deadlin|e"). So each column's longest word is
measured (with DejaVu Sans advance widths — the font of reference.docx's table
styles) and no column is given less, the space coming from the other columns.
Tables of seven or more columns are set compact (7 pt, narrower cell margins:
the "Compact" styles of reference.docx), which fits eight columns of ordinary
words on A4. The choice depends on the column count only, never on the text, so
tables of one kind look alike, and a redline (whose cells hold old and new
words) is styled exactly like the term sheets it compares.

A body row is kept on one page (``w:cantSplit``) when its estimated height is
small; a taller row may break, since Word clips a row taller than a page that
may not break.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass

from termsheet.document.nodes import Table, plain_text
from termsheet.writers.docx.runs import DocumentShapeError

# Advance widths of DejaVu Sans and DejaVu Sans Bold, U+0020..U+007E, in thousandths of an em
# (read from Debian's fonts-dejavu-core 2.37). Other characters: the Cyrillic average.
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
)
_OTHER_REGULAR, _OTHER_BOLD = 720, 800


@dataclass(frozen=True)
class TableSize:
    """A table's type size and cell padding, as the reference.docx styles set them."""

    points: float
    padding: int
    """Left plus right cell margin, plus a little air, in twentieths of a point."""


NORMAL = TableSize(8.5, 2 * 85 + 40)    # Table Text / Table Header, Term Table margins
COMPACT = TableSize(7.0, 2 * 45 + 40)   # Table Text Compact / …, Compact Table margins
COMPACT_COLUMNS = 7
"""Tables with at least this many columns are always set compact."""
KEEP_ROW_HEIGHT = 4320
"""Rows estimated shorter than this (3 in, about a third of an A4 text column) never split."""


_WIDTHS = {False: {chr(32 + i): w for i, w in enumerate(_REGULAR)},
           True: {chr(32 + i): w for i, w in enumerate(_BOLD)}}


@functools.lru_cache(maxsize=8192)
def text_width(text: str, points: float, bold: bool = False) -> float:
    """Estimated width of ``text`` in twentieths of a point."""
    widths = _WIDTHS[bold]
    units = sum(map(widths.get, text, itertools.repeat(_OTHER_BOLD if bold else _OTHER_REGULAR)))
    return units * points * 20 / 1000


@dataclass(frozen=True)
class Layout:
    widths: list[int]
    compact: bool

    @property
    def size(self) -> TableSize:
        return COMPACT if self.compact else NORMAL


def layout(table: Table, width: int) -> Layout:
    """Column widths (summing to ``width``) and whether the table must be set compact."""
    compact = len(table.header) >= COMPACT_COLUMNS
    minimums, maximums = measure(table, width, COMPACT if compact else NORMAL)
    return Layout(fit(preferred(table, width, minimums, maximums), minimums, width), compact)


def row_height(texts: list[str], shape: Layout) -> float:
    """Estimated height of a row holding ``texts`` (one per column), in twentieths of a point."""
    size = shape.size
    lines = 1
    for text, column in zip(texts, shape.widths):
        room = max(column - size.padding, 1)
        cell = sum(max(1, math.ceil(text_width(piece, size.points) / room))
                   for piece in text.split("\n"))
        lines = max(lines, cell)
    return lines * size.points * 1.17 * 20 + 2 * 57


def keep_together(texts: list[str], shape: Layout) -> bool:
    """Whether a row is short enough to be kept on one page."""
    return row_height(texts, shape) < KEEP_ROW_HEIGHT


def column_widths(table: Table, width: int) -> list[int]:
    """Just the widths of `layout`."""
    return layout(table, width).widths


def preferred(table: Table, width: int, minimums, maximums) -> list[float]:
    """The builder's relative widths, else CSS's automatic layout between words and lines."""
    columns = len(table.header)
    if table.widths is not None:
        if len(table.widths) != columns or not all(
                isinstance(v, int) and v > 0 for v in table.widths):
            raise DocumentShapeError(f"table {table.id or table.caption or ''}: widths "
                                  f"{table.widths!r} do not fit its {columns} columns")
        total = sum(table.widths)
        return [width * v / total for v in table.widths]
    if sum(maximums) <= width:
        return [width * m / sum(maximums) for m in maximums]
    if sum(minimums) < width:
        share = (width - sum(minimums)) / (sum(maximums) - sum(minimums))
        return [lo + (hi - lo) * share for lo, hi in zip(minimums, maximums)]
    return list(minimums)


def measure(table: Table, width: int, size: TableSize) -> tuple[list[int], list[int]]:
    """Each column's longest word and longest line, in twentieths of a point."""
    cap = int(width * 0.45)  # a URL-like token may not claim the whole table
    minimums, maximums = [], []
    for index, header in enumerate(table.header):
        cells = [(header, True)] + [(plain_text(row.cells[index].content), False)
                                    for row in table.rows]
        word = line = 0.0
        for text, bold in cells:
            for piece in text.split("\n"):
                line = max(line, text_width(piece, size.points, bold))
                tokens = piece.split()
                if tokens:  # the widest word is among the longest (glyphs differ < 2x on average)
                    longest = max(map(len, tokens))
                    word = max(word, max(text_width(t, size.points, bold)
                                         for t in tokens if 2 * len(t) >= longest))
        minimums.append(min(int(word) + 1 + size.padding, cap))
        maximums.append(max(int(line) + 1 + size.padding, minimums[-1]))
    return minimums, maximums


def fit(preferred: list[float], minimums: list[int], width: int) -> list[int]:
    """``preferred`` scaled to ``width`` with every column raised to its minimum, the space
    taken from the other columns in proportion to their preference."""
    if sum(minimums) >= width:  # even the words do not fit: share by the words
        preferred, minimums = list(minimums), [0] * len(minimums)
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(preferred)) if i not in fixed]
        room = width - sum(fixed.values())
        weight = sum(preferred[i] for i in free) or 1
        widths = {i: room * preferred[i] / weight for i in free}
        short = {i: minimums[i] for i in free if widths[i] < minimums[i]}
        if not short:
            break
        fixed.update(short)
    widths.update(fixed)
    result = [int(widths[i]) for i in range(len(preferred))]
    result[result.index(max(result))] += width - sum(result)  # rounding
    return result
