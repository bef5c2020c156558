"""The N-column document of a consolidation as Markdown: a pipe table per section.

    write_columns_markdown(view) -> str

The heading names the versions (label, party, document, version, date, file)
and gives the convergence line; each section is a heading and a table with the
columns No. | each version | (Compromise) | Status. A cell gives the version's
number, its direction in brackets, its text with ``<ins>``/``<del>`` marks
against the reference (lines joined by ``<br>``), or *not addressed*. Every
user text passes :func:`termsheet.writers.markdown.escape`.
"""

from __future__ import annotations

from termsheet.compare.columns import NOT_ADDRESSED, ColumnCell, ColumnRow, ColumnsView
from termsheet.compare.consolidation import STATUS_WORDS
from termsheet.compare.side_inlines import Invisible
from termsheet.document.nodes import (
    Deleted, Emphasis, Inserted, LineBreak, Reference, Term, Text, unknown_node,
)
from termsheet.writers.markdown import escape, one_line


def write_columns_markdown(view: ColumnsView) -> str:
    """The N-column document as GitHub-flavoured Markdown."""
    lines = [f"# {escape(one_line(view.title))}", "", f"**{escape(view.convergence)}**", ""]
    lines += ["| Column | Party | Document | Version | Date | File |",
              "|---|---|---|---|---|---|"]
    for column in view.columns:
        lines.append("| " + " | ".join(_cell_text(text) for text in (
            column.label, column.code, column.doc_id, column.version, column.date,
            column.file or "")) + " |")
    reference = "the base" if view.reference == "base" else view.reference
    lines += ["", f"Each cell is marked against {escape(reference)}: <del>deleted</del>, "
                  f"<ins>inserted</ins>; *{NOT_ADDRESSED}* where a version is silent on the "
                  "provision."]
    if view.consolidation.perspective:
        lines += ["", escape(one_line(view.consolidation.perspective))]
    header = ["No.", *(column.label for column in view.columns), "Status"]
    for section in view.sections:
        lines += ["", f"## {escape(one_line(section.title))}", "",
                  "| " + " | ".join(_cell_text(text) for text in header) + " |",
                  "|" + "---|" * len(header)]
        lines += [_row(row) for row in section.rows]
    return "\n".join(lines) + "\n"


def _row(row: ColumnRow) -> str:
    first = f"**{_cell_text(row.number)}** {_cell_text(row.label)}".strip()
    status = STATUS_WORDS.get(row.status, row.status)
    if row.state:
        status += f" ({row.state})"
    cells = [first, *(_cell(cell) for cell in row.cells), _cell_text(status)]
    return "| " + " | ".join(cells) + " |"


def _cell(cell: ColumnCell) -> str:
    if not cell.addressed:
        return f"*{NOT_ADDRESSED}*"
    parts = []
    if cell.number:
        parts.append(f"**{_inlines(cell.number)}**")
    if cell.direction:
        parts.append(f"({_cell_text(cell.direction)})")
    head = " ".join(parts)
    text = _inlines(cell.content)
    if cell.reasons:
        text += "<br>*" + _cell_text("; ".join(cell.reasons)) + "*"
    return f"{head}<br>{text}" if head else text


def _cell_text(text: str) -> str:
    """Plain text for one table cell: escaped, on one line."""
    return escape(one_line(text))


def _inlines(nodes) -> str:
    """Marked inline content on one line of a table cell."""
    out = []
    for node in nodes:
        if isinstance(node, (Text, Term)):
            out.append("<br>".join(escape(line) for line in node.text.splitlines() or [""]))
        elif isinstance(node, Reference):
            out.append(escape(node.number or node.target))
        elif isinstance(node, LineBreak):
            out.append("<br>")
        elif isinstance(node, Invisible):
            out.append(escape(node.marker))
        elif isinstance(node, Emphasis):
            inner = _inlines(node.children)
            mark = "**" if node.strong else "*"
            out.append(f"{mark}{inner}{mark}" if inner.strip() else inner)
        elif isinstance(node, (Inserted, Deleted)):
            tag = "ins" if isinstance(node, Inserted) else "del"
            out.append(f"<{tag}>{_inlines(node.children)}</{tag}>")
        else:
            raise unknown_node("columns-md", node)
    return "".join(out)
