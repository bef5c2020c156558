"""The text of DOCX paragraphs as Word shows them: list numbers computed from numbering.xml.

A heading numbered by Word holds its title only; its number comes from the list
that its ``w:numPr`` (or its style's) names. `labels` replays Word's count
(decimal levels, counters shared by every ``w:num`` of one ``w:abstractNum``, the
levels below a counted one restarting) so that tests read "1.2<TAB>Title" as a
reader sees it, and compare it with the other formats.
"""

from __future__ import annotations

import re

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _val(element, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else found.get(f"{W}val")


class Lists:
    """Word's count over one document's lists (``numbering`` and ``styles``: the parsed parts)."""

    def __init__(self, numbering, styles):
        self.abstract_of: dict[str, str] = {}
        self.levels: dict[str, dict[int, tuple[str, str]]] = {}
        self.styles = {s.get(f"{W}styleId"): s for s in styles.iterfind(f"{W}style")}
        self.counts: dict[str, list[int]] = {}
        if numbering is None:
            return
        for abstract in numbering.iterfind(f"{W}abstractNum"):
            self.levels[abstract.get(f"{W}abstractNumId")] = {
                int(lvl.get(f"{W}ilvl")): (_val(lvl, f"{W}numFmt"), _val(lvl, f"{W}lvlText") or "")
                for lvl in abstract.iterfind(f"{W}lvl")}
        for num in numbering.iterfind(f"{W}num"):
            self.abstract_of[num.get(f"{W}numId")] = _val(num, f"{W}abstractNumId")

    def num_pr(self, paragraph) -> tuple[str | None, int]:
        """(numId, ilvl) of a paragraph: its own ``w:numPr``, else its style's (through basedOn)."""
        own = paragraph.find(f"{W}pPr/{W}numPr")
        if own is not None:
            return _val(own, f"{W}numId"), int(_val(own, f"{W}ilvl") or 0)
        style_id = _val(paragraph, f"{W}pPr/{W}pStyle")
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                break
            num = style.find(f"{W}pPr/{W}numPr")
            if num is not None:
                return _val(num, f"{W}numId"), int(_val(num, f"{W}ilvl") or 0)
            style_id = _val(style, f"{W}basedOn")
        return None, 0

    def label(self, paragraph) -> str | None:
        """The label Word prints before ``paragraph`` (a ``w:p``, met in document order), or None."""
        num_id, level = self.num_pr(paragraph)
        abstract = self.abstract_of.get(num_id or "0")
        if abstract is None:
            return None
        counts = self.counts.setdefault(abstract, [0] * 9)
        counts[level] += 1
        counts[level + 1:] = [0] * (8 - level)
        fmt, text = self.levels[abstract].get(level, ("decimal", ""))
        if fmt == "bullet":
            return text
        return re.sub(r"%(\d)", lambda m: str(counts[int(m.group(1)) - 1]), text)


def labels(document) -> dict:
    """The list label of every numbered body paragraph, by its ``w:p`` element."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering = None
    lists = Lists(numbering, document.styles.element)
    found = {}
    for paragraph in document.element.body.iter(f"{W}p"):
        label = lists.label(paragraph)
        if label is not None:
            found[paragraph] = label
    return found


def shown_text(paragraph, found: dict) -> str:
    """A python-docx paragraph's text preceded by its list label and a tab, if it has one."""
    label = found.get(paragraph._p)
    return f"{label}\t{paragraph.text}" if label is not None else paragraph.text


def headings(document, names=("Heading 1", "Heading 2")) -> list[tuple[str, str]]:
    """(style name, number TAB title) of every heading paragraph, as Word shows it."""
    found = labels(document)
    return [(p.style.name, shown_text(p, found)) for p in document.paragraphs
            if p.style is not None and p.style.name in names]
