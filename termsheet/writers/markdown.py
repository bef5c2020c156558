"""Markdown writer: the term sheet as GitHub-flavoured Markdown, for review and version control.

The same numbers and texts as the other formats: ``## 1 Parties and roles``,
``### 1.1 Parties``, GitHub pipe tables; annexes (``## Annex A …``) after the signature
block, each after a rule. Every character of the document's text that Markdown would
read as markup is backslash-escaped, so user data prints literally (a ``*``,
``[x](y)``, ``<b>`` or ``| cell`` stays text). Line breaks
are hard breaks (``\\`` at the end of a line) in paragraphs and ``<br>`` in
table cells. Footnotes are calls ``[^1]`` with their texts listed under "Notes" at
the end (``[^1]: …``). The output is deterministic: the same document gives the same bytes.
"""

from __future__ import annotations

import re

from termsheet.writers.furniture import SIGNATURE_LINES, labels_for, signature_for
from termsheet.document.nodes import (
    Bracket, bracket_text, Clause, Deleted, Document, DocumentInfo, Emphasis, Footnote, Inserted, LineBreak, ListBlock,
    Paragraph, Reference, Section, Table, Term, Text, annexes, body_sections, footnotes, row_lead,
    unknown_node,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#$])")
"""Characters escaped wherever they occur: emphasis, code, links, HTML, entities, tables,
strikethrough, headings and GitHub's math."""
_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")
"""What starts a list item or a setext underline at the start of a line."""
_NEWLINE = re.compile(r"\r\n|\r|\n")

CHANGE_LABELS = {"inserted": "inserted", "deleted": "deleted", "moved_from": "moved from here",
                 "moved_to": "moved here"}


class UnnumberedDocument(ValueError):
    """The document has not been through `termsheet.document.transforms.apply_transforms`."""


def one_line(text: str) -> str:
    """``text`` for a place that holds a single line (a heading, a header field): each line
    break becomes a space."""
    return " ".join(part.strip() for part in _NEWLINE.split(text)) if "\n" in text or "\r" in text \
        else text


def escape(text: str, line_start: bool = False) -> str:
    """``text`` with Markdown's special characters escaped; ``line_start`` also escapes what
    would open a list item or underline a heading at the start of a line."""
    text = _SPECIAL.sub(r"\\\1", text)
    if line_start:
        text = _LINE_START.sub(
            lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text)
    return text


def write_markdown(doc: Document) -> str:
    """The whole document as Markdown text (ending with one newline)."""
    if not isinstance(doc, Document):
        raise unknown_node("Markdown", doc)
    parts = _header(doc.info)
    for section in body_sections(doc):
        parts.extend(_section(section))
    parts.extend(_signatures(doc.info))
    for annex in annexes(doc):  # after the signature block; a rule stands for the new page
        parts.append("---")
        parts.extend(_section(annex))
    parts.extend(_footnotes(doc))
    if doc.info.marking:
        parts.append("---")
        parts.append(_bold(doc.info.marking))
    return "\n\n".join(part for part in parts if part) + "\n"


def _signatures(info: DocumentInfo) -> list[str]:
    """The signature block of an agreement: "For <party>:" and lines to fill in (none without signatories)."""
    if not info.signatories:
        return []
    labels = labels_for(info.language)
    parts = [f"## {escape(labels['signatures'])}"]
    for party in info.signatories:
        parts.append(f"**{escape(signature_for(labels, party))}**")
        parts.append("  \n".join(f"{escape(labels[key])}: {'_' * 12 * 3}".replace("_", "\\_")
                                  for key in SIGNATURE_LINES))
    return parts


def _footnotes(doc: Document) -> list[str]:
    """The "Notes" heading and one ``[^n]: text`` line per footnote (none without footnotes)."""
    notes = footnotes(doc)
    if not notes:
        return []
    return [f"## {escape(labels_for(doc.info.language)['notes'])}", *(f"[^{_footnote_number(note)}]: {_inlines(note.children, cell=True)}"
                          for note in notes)]


def _footnote_number(note: Footnote) -> int:
    if note.number is None:
        raise UnnumberedDocument("a footnote has no number: run "
                                 "termsheet.document.transforms.apply_transforms before writing")
    return note.number


# ----------------------------------------------------------------- header

def _header(info: DocumentInfo) -> list[str]:
    parts = []
    if info.marking:
        parts.append(_bold(info.marking))
    handling = [_bold(line) for line in info.handling if line.strip()]
    if handling:
        parts.append("\\\n".join(handling))
    parts.append(f"# {_field(info.title)}")
    for language, title in info.title_localized:
        parts.append(f"*{_field(language)}:* {_field(title)}")
    labels = labels_for(info.language)
    version = _field(info.version)
    if info.supersedes:
        version += f" ({_field(labels['supersedes'].lower())} {_field(_lower_first(info.supersedes))})"
    fields = [
        ("document_type", _field(info.document_type)),
        ("version", version),
        ("date", _field(info.date)),
        ("status", _field(info.status)),
        ("drafting_party", _field(info.drafting_party)),
        ("language", _field(info.language_name or info.language)),
    ]
    fields += [(key, _field(getattr(info, key)))
               for key in ("authentic_languages", "translation_of", "negotiation_track")
               if getattr(info, key)]
    fields.append(("document", _field(info.doc_id)))
    if info.source_file:
        fields.append(("source_file", _field(info.source_file)))
    parts.append("\n".join(f"- **{escape(labels[key])}:** {value}" for key, value in fields))
    if info.illustrative or info.disclaimer:
        lead = "**Illustrative.** " if info.illustrative else ""
        disclaimer = _lines(info.disclaimer or "") if info.disclaimer else ""
        parts.append(_quote(lead + disclaimer))
    return parts


def _field(text: str) -> str:
    """A header value: one line, escaped."""
    return escape(one_line(text).strip())


def _bold(text: str) -> str:
    """A header line in bold (nothing for an empty one: ``****`` would be a rule)."""
    field = _field(text)
    return f"**{field}**" if field else ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text.startswith("Version ") else text


def _lines(text: str) -> str:
    """Plain text with its line breaks kept as hard breaks."""
    return "\\\n".join(escape(line, line_start=True) for line in _NEWLINE.split(text))


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


# ----------------------------------------------------------------- blocks

def _number(node) -> str:
    if node.number is None:
        raise UnnumberedDocument(
            f"{type(node).__name__} {node.id!r} has no number: run "
            "termsheet.document.transforms.apply_transforms before writing")
    return node.number


def _section(section: Section) -> list[str]:
    if not isinstance(section, Section):
        raise unknown_node("Markdown", section)
    parts = [f"## {_number(section)} {_field(section.title)}"]
    for child in section.children:
        if isinstance(child, Clause):
            parts.extend(_clause(child))
        else:
            parts.append(_block(child))
    return parts


def _clause(clause: Clause) -> list[str]:
    heading = f"### {_number(clause)} {_field(clause.title)}"
    if clause.status != "agreed":
        heading += f" ({clause.status.replace('_', ' ')})"
    if clause.change:
        heading += f" ({CHANGE_LABELS.get(clause.change, escape(clause.change))})"
    return [heading, *(_block(block) for block in clause.blocks)]


def _block(block) -> str:
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, ListBlock):
        return _list(block)
    if isinstance(block, Table):
        return _table(block)
    raise unknown_node("Markdown", block)


def _paragraph(paragraph: Paragraph) -> str:
    text = _inlines(paragraph.content, cell=False)
    if paragraph.change:
        text = f"*({CHANGE_LABELS.get(paragraph.change, escape(paragraph.change))})* {text}"
    if paragraph.role == "subheading":
        return f"**{text}**"
    if paragraph.role == "note":
        return _quote(text)
    return text


def _list(block: ListBlock) -> str:
    lines = []
    for index, item in enumerate(block.items, start=1):
        marker = f"{index}." if block.ordered else "-"
        indent = " " * (len(marker) + 1)
        text = _inlines(item, cell=False).replace("\n", "\n" + indent)
        lines.append(f"{marker} {text}")
    return "\n".join(lines)


def _table(table: Table) -> str:
    lines = []
    if table.caption:
        lines.append(f"*{_field(table.caption)}*")
        lines.append("")
    width = len(table.header)
    lines.append("| " + " | ".join(_cell_text(title) for title in table.header) + " |")
    lines.append("|" + "|".join("---" for _ in range(width)) + "|")
    for row in table.rows:
        cells = [_inlines(cell.content, cell=True) for cell in row.cells]
        if row.label and cells:
            cells[0] = f"{_inlines(row_lead(row), cell=True)}{cells[0]}"
        if row.change and cells:
            cells[0] = f"*({CHANGE_LABELS.get(row.change, escape(row.change))})* {cells[0]}"
        cells += [""] * (width - len(cells))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell_text(text: str) -> str:
    return "<br>".join(escape(line) for line in _NEWLINE.split(text))


# ---------------------------------------------------------------- inlines

def _inlines(nodes, *, cell: bool) -> str:
    """Inline nodes as Markdown; ``cell`` writes line breaks as ``<br>`` (a table row is one line)."""
    out: list[str] = []
    state = {"line_start": True}
    for node in nodes:
        _inline(node, out, state, cell)
    return "".join(out)


def _inline(node, out: list[str], state: dict, cell: bool) -> None:
    if isinstance(node, (Text, Term)):
        _text(node.text, out, state, cell)
    elif isinstance(node, Reference):
        if node.number is None:
            raise UnnumberedDocument(
                f"reference to {node.target!r} has no number: run "
                "termsheet.document.transforms.apply_transforms before writing")
        _text(node.number, out, state, cell)
    elif isinstance(node, LineBreak):
        _break(out, state, cell)
    elif isinstance(node, Footnote):
        out.append(f"[^{_footnote_number(node)}]")
        state["line_start"] = False
    elif isinstance(node, Emphasis):
        mark = "**" if node.strong else "*"
        out.append(mark)
        for child in node.children:
            _inline(child, out, state, cell)
        out.append(mark)
    elif isinstance(node, Bracket):
        for child in bracket_text(node):
            _inline(child, out, state, cell)
    elif isinstance(node, (Inserted, Deleted)):
        tag = "ins" if isinstance(node, Inserted) else "del"
        out.append(f"<{tag}>")
        for child in node.children:
            _inline(child, out, state, cell)
        out.append(f"</{tag}>")
    else:
        raise unknown_node("Markdown", node)


def _text(text: str, out: list[str], state: dict, cell: bool) -> None:
    for index, line in enumerate(_NEWLINE.split(text)):
        if index:
            _break(out, state, cell)
        if line:
            out.append(escape(line, line_start=state["line_start"] and not cell))
            state["line_start"] = False


def _break(out: list[str], state: dict, cell: bool) -> None:
    out.append("<br>" if cell else "\\\n")
    state["line_start"] = True
