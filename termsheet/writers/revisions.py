"""Native tracked changes in WordprocessingML: the revision elements and where they go.

python-docx has no API for revisions, so the elements are built here with lxml
(`docx.oxml.OxmlElement`, `docx.oxml.ns.qn`), following the WordprocessingML revision markup:

- a changed span of a paragraph is a run group wrapped in ``w:ins``/``w:del``
  (``w:moveFrom``/``w:moveTo`` for moved text); deleted text is ``w:delText``
  (never ``w:t``), a deleted field instruction ``w:delInstrText``;
- a wholly inserted/deleted paragraph also has its *paragraph mark* marked:
  ``w:pPr/w:rPr/w:ins`` (first in that ``w:rPr``); a whole ``w:p`` is never
  wrapped in ``w:del``;
- an inserted/deleted table row has ``w:trPr/w:ins|w:del`` (before any
  ``w:trPrChange``), and every cell paragraph is marked as above;
- a move is a named pair of ranges: ``w:moveFromRangeStart`` (id, author, date,
  name) … ``w:moveFromRangeEnd`` (same id) around the ``w:moveFrom`` runs, and the
  mirror with ``moveTo``; both carry the same ``w:name``;
- every ``w:id`` comes from one counter, started above the ids already used
  (bookmarks).

The redline DOCX writer (`termsheet.writers.docx.tracked`) calls these builders
while it writes the runs, paragraphs and rows.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

INS, DEL, MOVE_FROM, MOVE_TO = "ins", "del", "moveFrom", "moveTo"
KINDS = (INS, DEL, MOVE_FROM, MOVE_TO)
#: Kinds whose text is deleted when the change is accepted (and so is written as w:delText).
REMOVED_KINDS = (DEL, MOVE_FROM)

_PPR, _RPR, _T = qn("w:pPr"), qn("w:rPr"), qn("w:t")
_TRPR, _TBLPREX = qn("w:trPr"), qn("w:tblPrEx")
_INSTR, _DELTEXT, _DELINSTR = qn("w:instrText"), qn("w:delText"), qn("w:delInstrText")
_ID = qn("w:id")

# Elements that must stay after w:rPr in w:pPr, and after the marks in w:trPr.
_PPR_AFTER_RPR = (qn("w:sectPr"), qn("w:pPrChange"))
_TRPR_AFTER_MARKS = (qn("w:trPrChange"),)


class RevisionError(ValueError):
    """The marks cannot be written as consistent revisions."""


class Revisions:
    """Builds revision elements for one author and date, numbering every ``w:id`` from one counter."""

    def __init__(self, author: str, date: str, first_id: int = 1):
        self.author = author
        self.date = date
        self._next = first_id

    def start_after(self, used: int) -> None:
        """Number the next revisions above ``used`` (the highest id already taken)."""
        self._next = max(self._next, used + 1)

    def new_id(self) -> str:
        value = self._next
        self._next += 1
        return str(value)

    @staticmethod
    def tag(kind: str) -> str:
        """The Clark name of the revision element of ``kind``."""
        _check_kind(kind)
        return qn(f"w:{kind}")

    def _attrs(self, **extra) -> dict:
        attrs = {qn("w:id"): self.new_id(), qn("w:author"): self.author, qn("w:date"): self.date}
        attrs.update({qn(f"w:{k}"): v for k, v in extra.items()})
        return attrs

    def mark(self, kind: str) -> etree._Element:
        """An empty ``<w:ins|w:del|w:moveFrom|w:moveTo w:id w:author w:date/>`` (paragraph mark, row)."""
        _check_kind(kind)
        return OxmlElement(f"w:{kind}", self._attrs())

    def wrapper(self, kind: str, runs=()) -> etree._Element:
        """``<w:ins>``… around ``runs`` (moved into it); deleted kinds get ``w:delText``."""
        element = self.mark(kind)
        for run in runs:
            element.append(run)
            if kind in REMOVED_KINDS:
                as_deleted_text(run)
        return element

    def range_start(self, kind: str, name: str) -> etree._Element:
        """``<w:moveFromRangeStart|w:moveToRangeStart w:id w:author w:date w:name/>``."""
        if kind not in (MOVE_FROM, MOVE_TO):
            raise RevisionError(f"no range for {kind!r}")
        return OxmlElement(f"w:{kind}RangeStart", self._attrs(name=name))

    @staticmethod
    def range_end(kind: str, start: etree._Element) -> etree._Element:
        """The ``…RangeEnd`` closing ``start`` (same ``w:id``)."""
        return OxmlElement(f"w:{kind}RangeEnd", {_ID: start.get(_ID)})


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise RevisionError(f"unknown revision kind {kind!r}")


def as_deleted_text(run: etree._Element) -> None:
    """Turn ``w:t``/``w:instrText`` of ``run`` into ``w:delText``/``w:delInstrText`` in place."""
    for child in run:
        if child.tag == _T:
            child.tag = _DELTEXT
        elif child.tag == _INSTR:
            child.tag = _DELINSTR


def mark_paragraph(paragraph: etree._Element, mark: etree._Element) -> None:
    """Put ``mark`` first in ``w:pPr/w:rPr`` of ``paragraph`` (creating both in schema order)."""
    ppr = paragraph.find(_PPR)
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        paragraph.insert(0, ppr)
    rpr = ppr.find(_RPR)
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        after = next((child for child in ppr if child.tag in _PPR_AFTER_RPR), None)
        if after is None:
            ppr.append(rpr)
        else:
            after.addprevious(rpr)
    for old in rpr.findall(qn(f"w:{etree.QName(mark).localname}")):
        rpr.remove(old)
    rpr.insert(0, mark)


def mark_row(row: etree._Element, mark: etree._Element) -> None:
    """Put ``mark`` in ``w:trPr`` of ``row`` (after the row properties, before ``w:trPrChange``)."""
    trpr = row.find(_TRPR)
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        prex = row.find(_TBLPREX)
        if prex is not None:
            prex.addnext(trpr)
        else:
            row.insert(0, trpr)
    if any(etree.QName(child).localname in KINDS for child in trpr):
        return
    after = next((child for child in trpr if child.tag in _TRPR_AFTER_MARKS), None)
    if after is None:
        trpr.append(mark)
    else:
        after.addprevious(mark)


class Moves:
    """The moves of one document: a name per moved node, and the paragraphs each half spans."""

    def __init__(self):
        self._names: dict[object, str] = {}
        self._ends: dict[str, dict[str, list]] = {}

    def name(self, key) -> str:
        """The move name of the node ``key`` (``("clause", id)``), the same for both halves."""
        if key not in self._names:
            self._names[key] = f"move{len(self._names) + 1}"
        return self._names[key]

    def note(self, name: str, kind: str, paragraph: etree._Element) -> None:
        """Record that ``paragraph`` holds part of the ``kind`` half of move ``name``."""
        ends = self._ends.setdefault(name, {}).setdefault(kind, [paragraph, paragraph])
        ends[1] = paragraph

    def finish(self, revisions: Revisions) -> None:
        """Put each half's range start in its first paragraph and its range end in its last one."""
        for name, halves in self._ends.items():
            if set(halves) != {MOVE_FROM, MOVE_TO}:
                raise RevisionError(f"move {name!r} has only its {', '.join(halves)} half")
            for kind in (MOVE_FROM, MOVE_TO):
                first, last = halves[kind]
                start = revisions.range_start(kind, name)
                ppr = first.find(_PPR)
                if ppr is not None:
                    ppr.addnext(start)
                else:
                    first.insert(0, start)
                last.append(Revisions.range_end(kind, start))
