"""Native tracked changes in WordprocessingML: element builders, and marked text → revisions.

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
- every ``w:id`` comes from one counter, started above the highest id already in
  the package (bookmarks included).

How the layout writer tells this module what is changed — without knowing about
revisions: :class:`Marker` hands out *sentinels*, characters of Unicode's
supplementary private use planes (U+F0000…U+10FFFD, never in a term file:
validation rejects private-use characters), each standing for one mark. The
redline writer puts them into the text of a plain Document before the ordinary
DOCX writer lays it out:

- ``start``/``end`` of a span: the text between them becomes ``w:ins``/``w:del``/
  ``w:moveFrom``/``w:moveTo``;
- a *paragraph* sentinel anywhere in a paragraph marks its paragraph mark;
- a *run* sentinel marks the whole run it ends up in (for text the layout writer
  adds around a value, such as the brackets of a ``[bracketed]`` tag);
- a *row* sentinel anywhere in a cell marks the table row around it.

:func:`apply_marks` then reads the laid-out package, splits runs at the
sentinels (each piece keeps the run's ``w:rPr``), wraps them, removes every
sentinel and renumbers nothing that was there: new ids are above the old ones.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

INS, DEL, MOVE_FROM, MOVE_TO = "ins", "del", "moveFrom", "moveTo"
KINDS = (INS, DEL, MOVE_FROM, MOVE_TO)
#: Kinds whose text is deleted when the change is accepted (and so is written as w:delText).
REMOVED_KINDS = (DEL, MOVE_FROM)

_P, _PPR, _RPR, _R, _T = qn("w:p"), qn("w:pPr"), qn("w:rPr"), qn("w:r"), qn("w:t")
_TR, _TRPR, _TBLPREX, _TC, _TBL = qn("w:tr"), qn("w:trPr"), qn("w:tblPrEx"), qn("w:tc"), qn("w:tbl")
_INSTR, _DELTEXT, _DELINSTR = qn("w:instrText"), qn("w:delText"), qn("w:delInstrText")
_ID = qn("w:id")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Elements that must stay after w:rPr in w:pPr, and after the marks in w:trPr.
_PPR_AFTER_RPR = (qn("w:sectPr"), qn("w:pPrChange"))
_TRPR_AFTER_MARKS = (qn("w:trPrChange"),)

_SENTINEL_RANGES = ((0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
SENTINELS = re.compile("[\U000F0000-\U000FFFFD\U00100000-\U0010FFFD]")


class RevisionError(ValueError):
    """The marked package cannot be turned into consistent revisions."""


# ----------------------------------------------------------------- builders

class Revisions:
    """Builds revision elements for one author and date, numbering every ``w:id`` from one counter."""

    def __init__(self, author: str, date: str, first_id: int = 1):
        self.author = author
        self.date = date
        self._next = first_id

    def new_id(self) -> str:
        value = self._next
        self._next += 1
        return str(value)

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


# ------------------------------------------------------------------ sentinels

@dataclass(frozen=True)
class Sentinel:
    """What one sentinel character stands for."""

    role: str
    """``start``, ``end``, ``paragraph``, ``run`` or ``row``."""
    kind: str
    """``ins``, ``del``, ``moveFrom`` or ``moveTo``."""
    move: str | None = None
    """The move's name (``moveFrom``/``moveTo`` only): pairs the two halves."""


@dataclass
class Marker:
    """Hands out sentinel characters and remembers what each means."""

    table: dict[str, Sentinel] = field(default_factory=dict)
    _moves: int = 0
    _free: int = _SENTINEL_RANGES[0][0]

    def _new(self, sentinel: Sentinel) -> str:
        code = self._free
        if _SENTINEL_RANGES[0][1] < code < _SENTINEL_RANGES[1][0]:
            code = _SENTINEL_RANGES[1][0]
        if code > _SENTINEL_RANGES[1][1]:
            raise RevisionError("too many changes for one redline (more than 131,000 marks)")
        self._free = code + 1
        char = chr(code)
        self.table[char] = sentinel
        return char

    def new_move(self) -> str:
        """A fresh move name, for both halves of one move."""
        self._moves += 1
        return f"move{self._moves}"

    def pair(self, kind: str, move: str | None = None) -> tuple[str, str]:
        """Start and end sentinels of a span of ``kind``: the text between them is the change."""
        _check_kind(kind)
        return self._new(Sentinel("start", kind, move)), self._new(Sentinel("end", kind, move))

    def span(self, kind: str, text: str, move: str | None = None) -> str:
        """``text`` wrapped in start/end sentinels of ``kind`` (empty text stays empty)."""
        if not text:
            return text
        start, end = self.pair(kind, move)
        return start + text + end

    def paragraph(self, kind: str, move: str | None = None) -> str:
        """A sentinel for a whole changed paragraph: its mark gets ``kind``, and so does every
        run of it not inside a span (a moved paragraph keeps its ``ins``/``del`` spans)."""
        _check_kind(kind)
        return self._new(Sentinel("paragraph", kind, move))

    def run(self, kind: str) -> str:
        """A sentinel for a whole run as the layout writer writes it (a label or tag the writer
        adds around the text it is given): every piece of that run not inside a span gets ``kind``."""
        _check_kind(kind)
        return self._new(Sentinel("run", kind))

    def row(self, kind: str) -> str:
        """A sentinel that marks the table row it ends up in (``ins`` or ``del``)."""
        if kind not in (INS, DEL):
            raise RevisionError("rows can only be inserted or deleted")
        return self._new(Sentinel("row", kind))


def strip_sentinels(text: str) -> str:
    """``text`` without sentinel characters."""
    return SENTINELS.sub("", text)


# ------------------------------------------------------------------ conversion

@dataclass
class _Piece:
    """Part of a run in one state: the children of a new run."""

    kind: str | None
    move: str | None
    children: list


def max_id(roots) -> int:
    """The highest integer ``w:id`` in the given XML trees (0 if none)."""
    highest = 0
    for root in roots:
        for element in root.iter():
            value = element.get(_ID)
            if value is not None and value.lstrip("-").isdigit():
                highest = max(highest, int(value))
    return highest


def convert_part(root: etree._Element, marker: Marker, revisions: Revisions) -> dict[str, dict]:
    """Turn the sentinels of one XML part (document, header, footer) into revisions, in place.

    Returns, per move name, the first and last paragraph of each half
    (``{"move1": {"moveFrom": [p_first, p_last], "moveTo": [...]}}``); `finish_moves`
    puts the range markers in once every part is converted.
    """
    moves: dict[str, dict] = {}
    paragraphs = [p for p in root.iter(_P)]
    for paragraph in paragraphs:
        _convert_paragraph(paragraph, marker, revisions, moves)
    return moves


def _own_runs(paragraph):
    """Runs of ``paragraph`` in document order, not those of paragraphs nested in it (text boxes)."""
    for run in paragraph.iter(_R):
        owner = run.getparent()
        while owner is not None and owner.tag != _P:
            owner = owner.getparent()
        if owner is paragraph:
            yield run


def _convert_paragraph(paragraph, marker: Marker, revisions: Revisions, moves: dict) -> None:
    state: tuple[str | None, str | None] = (None, None)
    paragraph_mark: Sentinel | None = None
    row_mark: Sentinel | None = None
    placed: list[tuple[etree._Element, str | None, str | None]] = []
    for run in list(_own_runs(paragraph)):
        has_sentinel = any(child.text and SENTINELS.search(child.text) for child in run if child.tag in (_T, _INSTR))
        if not has_sentinel:
            placed.append((run, *state))
            continue
        pieces: list[_Piece] = []
        run_mark: Sentinel | None = None
        rpr = run.find(_RPR)
        for child in run:
            if child is rpr:
                continue
            if child.tag not in (_T, _INSTR) or not child.text:
                _append(pieces, state, copy.deepcopy(child))
                continue
            for part in re.split(f"({SENTINELS.pattern})", child.text):
                if not part:
                    continue
                sentinel = marker.table.get(part) if len(part) == 1 else None
                if sentinel is None:
                    if SENTINELS.fullmatch(part):
                        raise RevisionError(f"unknown sentinel U+{ord(part):X} in the laid-out document")
                    element = etree.Element(child.tag)
                    element.text = part
                    if part[0].isspace() or part[-1].isspace():
                        element.set(_XML_SPACE, "preserve")
                    _append(pieces, state, element)
                elif sentinel.role == "start":
                    if state[0] is not None:
                        raise RevisionError(f"nested change spans ({state[0]} then {sentinel.kind})")
                    state = (sentinel.kind, sentinel.move)
                elif sentinel.role == "end":
                    if state != (sentinel.kind, sentinel.move):
                        raise RevisionError(f"change span {sentinel.kind} closed but not open")
                    state = (None, None)
                elif sentinel.role == "paragraph":
                    paragraph_mark = sentinel
                elif sentinel.role == "run":
                    run_mark = sentinel
                else:
                    row_mark = sentinel
        if run_mark is not None:
            for piece in pieces:
                if piece.kind is None:
                    piece.kind, piece.move = run_mark.kind, run_mark.move
        parent = run.getparent()
        position = parent.index(run)
        parent.remove(run)
        for piece in pieces:
            new_run = etree.Element(_R)
            if rpr is not None:
                new_run.append(copy.deepcopy(rpr))
            new_run.extend(piece.children)
            parent.insert(position, new_run)
            position += 1
            placed.append((new_run, piece.kind, piece.move))
    if state[0] is not None:
        raise RevisionError(f"change span {state[0]} not closed within its paragraph")
    if paragraph_mark is not None:
        placed = [(run, kind, move) if kind is not None else (run, paragraph_mark.kind, paragraph_mark.move)
                  for run, kind, move in placed]
    _wrap_groups(placed, revisions, moves, paragraph)
    if paragraph_mark is not None:
        mark_paragraph(paragraph, revisions.mark(paragraph_mark.kind))
        if paragraph_mark.move:
            _note_move(moves, paragraph_mark.move, paragraph_mark.kind, paragraph)
    if row_mark is not None:
        row = paragraph.getparent()
        while row is not None and row.tag != _TR:
            row = row.getparent()
        if row is None:
            raise RevisionError("a row mark outside a table")
        mark_row(row, revisions.mark(row_mark.kind))


def _append(pieces: list[_Piece], state, element) -> None:
    if pieces and (pieces[-1].kind, pieces[-1].move) == state:
        previous = pieces[-1].children[-1] if pieces[-1].children else None
        if previous is not None and previous.tag == element.tag and element.tag in (_T, _INSTR):
            previous.text += element.text
            if previous.text[0].isspace() or previous.text[-1].isspace():
                previous.set(_XML_SPACE, "preserve")
            return
        pieces[-1].children.append(element)
    else:
        pieces.append(_Piece(state[0], state[1], [element]))


def _wrap_groups(placed, revisions: Revisions, moves: dict, paragraph) -> None:
    """Wrap runs of the same change that are adjacent siblings into one revision element."""
    i = 0
    while i < len(placed):
        run, kind, move = placed[i]
        if kind is None:
            i += 1
            continue
        group = [run]
        j = i + 1
        while (j < len(placed) and placed[j][1:] == (kind, move)
               and placed[j][0].getprevious() is group[-1]):
            group.append(placed[j][0])
            j += 1
        group[0].addprevious(revisions.mark(kind))
        wrapper = group[0].getprevious()
        for member in group:
            wrapper.append(member)
            if kind in REMOVED_KINDS:
                as_deleted_text(member)
        if move:
            _note_move(moves, move, kind, paragraph)
        i = j


def _note_move(moves: dict, name: str, kind: str, paragraph) -> None:
    ends = moves.setdefault(name, {}).setdefault(kind, [paragraph, paragraph])
    ends[1] = paragraph


def finish_moves(moves: dict, revisions: Revisions) -> None:
    """Put each move's range start in its first paragraph and range end in its last one."""
    for name, halves in moves.items():
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


def merge_moves(into: dict, more: dict) -> None:
    """Add the move ends found in a later part to those of earlier parts (document order)."""
    for name, halves in more.items():
        for kind, (first, last) in halves.items():
            ends = into.setdefault(name, {}).setdefault(kind, [first, last])
            ends[1] = last


def _table_exists(table) -> tuple[bool, bool]:
    """Whether ``table`` is left after accepting (first) and after rejecting (second) all changes."""
    marks = []
    for row in table.iter(_TR):
        trpr = row.find(_TRPR)
        kinds = {etree.QName(c).localname for c in trpr} & {INS, DEL} if trpr is not None else set()
        marks.append(next(iter(kinds), None))
    return any(m != DEL for m in marks), any(m != INS for m in marks)


def mark_table_separators(body: etree._Element, revisions: Revisions) -> None:
    """Track the empty paragraph a layout writer keeps between two tables (Word joins tables that
    touch): it exists in a version only when both tables do. Between a deleted and an inserted table
    it exists in neither, so it goes, and Word shows the replaced table as one table whose old rows
    are deleted and new rows inserted."""
    for paragraph in list(body.findall(_P)):
        before, after = paragraph.getprevious(), paragraph.getnext()
        if before is None or after is None or before.tag != _TBL or after.tag != _TBL:
            continue
        if paragraph.find(f".//{_R}") is not None or paragraph.find(f"{_PPR}/{_RPR}") is not None:
            continue
        (before_accept, before_reject), (after_accept, after_reject) = _table_exists(before), _table_exists(after)
        accept, reject = before_accept and after_accept, before_reject and after_reject
        if accept and reject:
            continue
        if accept:
            mark_paragraph(paragraph, revisions.mark(INS))
        elif reject:
            mark_paragraph(paragraph, revisions.mark(DEL))
        else:
            body.remove(paragraph)


def accepted_text(text: str, marker: Marker) -> str:
    """``text`` as it reads with every change accepted: removed spans dropped, sentinels stripped."""
    out, dropping = [], False
    for part in re.split(f"({SENTINELS.pattern})", text):
        sentinel = marker.table.get(part) if len(part) == 1 else None
        if sentinel is None:
            if not dropping and not SENTINELS.fullmatch(part or "x"):
                out.append(part)
        elif sentinel.role == "start":
            dropping = sentinel.kind in REMOVED_KINDS
        elif sentinel.role == "end":
            dropping = False
    return "".join(out)


def convert_parts(roots, marker: Marker, *, author: str, date: str) -> Revisions:
    """Turn the sentinels in the XML parts ``roots`` (document first, then headers, footers…) into
    revisions: one id counter above every id present, moves paired, attributes cleaned."""
    roots = list(roots)
    revisions = Revisions(author, date, max_id(roots) + 1)
    moves: dict[str, dict] = {}
    for root in roots:
        merge_moves(moves, convert_part(root, marker, revisions))
        for element in root.iter():
            for name, value in element.attrib.items():
                if SENTINELS.search(value):
                    element.set(name, accepted_text(value, marker))
    finish_moves(moves, revisions)
    for root in roots:
        for container in root.iter(qn("w:body"), qn("w:tc"), qn("w:hdr"), qn("w:ftr")):
            mark_table_separators(container, revisions)
    for root in roots:
        if not SENTINELS.search(etree.tostring(root, encoding="unicode")):
            continue
        left = leftover_sentinels(root)
        if left:
            raise RevisionError(f"marks left outside any run: {left[:3]!r}")
    return revisions


def leftover_sentinels(root: etree._Element) -> list[str]:
    """Texts in ``root`` that still hold sentinels (should be none after conversion)."""
    text_of = etree._Element.text.__get__  # python-docx classes compute a .text of their own
    return [text_of(element) for element in root.iter()
            if isinstance(text_of(element), str) and SENTINELS.search(text_of(element))] + [
        value for element in root.iter() for value in element.attrib.values() if SENTINELS.search(value)]
