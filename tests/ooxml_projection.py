"""Test oracles for tracked changes that need no Word: accept-all / reject-all projections and a lint.

`project(docx, "accept")` reads a .docx and gives its text as Word shows it after
*Accept All Changes*; ``"reject"`` after *Reject All Changes*; ``None`` as it
stands (for a plain term sheet). python-docx's ``paragraph.text`` cannot serve:
it drops inserted and deleted runs alike.

The projection (per part: body, each header, each footer):

- ``w:ins``/``w:moveTo`` content is kept on accept, dropped on reject;
  ``w:del``/``w:moveFrom`` content (``w:delText``) the other way round;
- a paragraph whose *mark* is removed (``pPr/rPr/w:del`` or ``w:moveFrom`` on
  accept, ``w:ins`` or ``w:moveTo`` on reject) merges with the next paragraph of
  its container: what is left of its text goes in front of the next paragraph's;
- a table row whose ``trPr`` carries the removed mark is dropped, and a table
  left without rows disappears;
- field instructions are not text; ``w:tab`` is ``\\t``, ``w:br``/``w:cr`` ``\\n``;
- a heading numbered by Word's list numbering reads "number ``\\t`` title" (`docx_numbers`).

A paragraph projects to ``(style id, text)``; a table to ``("table", rows)`` with
each row a list of cells and each cell a list of projected blocks. The cover page of
a redline (its leading paragraphs and tables in styles named ``Comparison Cover …``)
is left out: `cover` gives its text.

`lint(docx)` lists violations of the rules Word enforces and the schema does
not: unique ``w:id`` across the package, ``w:delText`` only inside
``w:del``/``w:moveFrom`` and ``w:t`` never there, no ``w:p`` inside a run-level
revision, paragraph-mark marks first in ``pPr/rPr``, every revision with author
and an xsd:dateTime date, moves paired by name with matching range ids and their
``w:moveFrom``/``w:moveTo`` runs inside their ranges. Comments number apart (a
comment's id is unique among comments, ECMA-376 §17.13.4.2): each comment has
an author and date, exactly one ``w:commentReference`` in the body, and its
``w:commentRangeStart`` before its ``w:commentRangeEnd`` and the reference.
`comments(docx)` lists the comments with the text they are anchored on.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from docx_numbers import Lists

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


INS, DEL, MOVE_FROM, MOVE_TO = q("ins"), q("del"), q("moveFrom"), q("moveTo")
REVISION_WRAPPERS = (INS, DEL, MOVE_FROM, MOVE_TO)
REMOVED_ON = {"accept": (DEL, MOVE_FROM), "reject": (INS, MOVE_TO), None: ()}
P, PPR, RPR, TBL, TR, TRPR, TC, SDT, SDT_CONTENT = map(
    q, ("p", "pPr", "rPr", "tbl", "tr", "trPr", "tc", "sdt", "sdtContent"))
TEXT_TAGS = {q("t"): None, q("delText"): None, q("tab"): "\t", q("br"): "\n", q("cr"): "\n",
             q("noBreakHyphen"): "\u2011", q("softHyphen"): "\u00ad"}
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


# ------------------------------------------------------------------ reading

def parts(docx: bytes) -> dict[str, etree._Element]:
    """The XML parts under ``word/`` (document, headers, footers, styles…), parsed."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in archive.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                out[name] = etree.fromstring(archive.read(name))
    return out


def story_parts(docx: bytes) -> dict[str, etree._Element]:
    """Parts holding text a reader sees: ``document``, then ``header1``…, ``footer1``…, by name."""
    found = parts(docx)
    out = {"document": found["word/document.xml"]}
    for name in sorted(found):
        match = re.fullmatch(r"word/((?:header|footer|footnotes|endnotes)\d*)\.xml", name)
        if match:
            out[match.group(1)] = found[name]
    return out


# --------------------------------------------------------------- projection

def project(docx: bytes, mode: str | None) -> dict[str, list]:
    """Every story part's blocks after accepting (``"accept"``) or rejecting (``"reject"``) all
    changes, or as they stand (``None``); a redline's cover page left out."""
    if mode not in REMOVED_ON:
        raise ValueError(f"mode must be 'accept', 'reject' or None, not {mode!r}")
    out = {}
    for name, root in story_parts(docx).items():
        if root.tag == q("document"):
            body = root.find(q("body"))
            _type_heading_numbers(docx, body)
            out[name] = project_container(body, mode, skip=len(_cover_blocks(docx, body)))
        else:
            out[name] = project_container(root, mode)
    return out


def _type_heading_numbers(docx: bytes, body) -> None:
    """Put the number Word gives each numbered heading in front of its text (a ``w:t`` and a
    ``w:tab``), as a reader sees it."""
    found = parts(docx)
    lists = Lists(found.get("word/numbering.xml"), found["word/styles.xml"])
    for paragraph in body.iter(P):
        label = lists.label(paragraph)
        style = style_of(paragraph) or ""
        if label is not None and style.startswith("Heading"):
            run = etree.Element(q("r"))
            etree.SubElement(run, q("t")).text = label
            etree.SubElement(run, q("tab"))
            paragraph.find(PPR).addnext(run)


COVER_PREFIX = "comparison cover"


def cover_style_ids(docx: bytes) -> set[str]:
    """Ids of the styles whose name starts with ``Comparison Cover`` (any case)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        if "word/styles.xml" not in archive.namelist():
            return set()
        styles = etree.fromstring(archive.read("word/styles.xml"))
    return {style.get(q("styleId")) for style in styles.iter(q("style"))
            if style.find(q("name")) is not None
            and style.find(q("name")).get(q("val"), "").lower().startswith(COVER_PREFIX)}


def _cover_blocks(docx: bytes, body) -> list:
    """The leading blocks of ``body`` in cover styles (a table: every paragraph of it)."""
    ids = cover_style_ids(docx)
    blocks = []
    for child in _block_children(body):
        paragraphs = [child] if child.tag == P else list(child.iter(P))
        if not paragraphs or any(style_of(p) not in ids for p in paragraphs):
            break
        blocks.append(child)
    return blocks


def cover(docx: bytes) -> list[str]:
    """The text of the cover page, one string per paragraph (table cells included, in order)."""
    body = parts(docx)["word/document.xml"].find(q("body"))
    return [paragraph_text(p, None) for block in _cover_blocks(docx, body)
            for p in ([block] if block.tag == P else block.iter(P))]


def project_container(container, mode: str | None, skip: int = 0) -> list:
    """The blocks of a body, header, footer or table cell (after its first ``skip`` blocks)."""
    removed = REMOVED_ON[mode]
    blocks: list = []
    pending: str | None = None  # text of paragraphs whose mark was removed, waiting for the next one
    for index, child in enumerate(_block_children(container)):
        if index < skip:
            continue
        if child.tag == P:
            text = paragraph_text(child, mode)
            if paragraph_mark(child) in removed:
                pending = (pending or "") + text
                continue
            blocks.append((style_of(child), (pending or "") + text))
            pending = None
        elif child.tag == TBL:
            if pending:
                blocks.append((None, pending))
            pending = None
            rows = []
            for tr in child.iter(TR):
                if _nearest(tr, TBL) is not child:
                    continue
                if row_mark(tr) in removed:
                    continue
                rows.append([project_container(tc, mode) for tc in tr if tc.tag == TC])
            if rows:
                blocks.append(("table", rows))
    if pending:
        blocks.append((None, pending))
    return blocks


def _block_children(container):
    for child in container:
        if child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _block_children(content)
        elif child.tag in (P, TBL):
            yield child


def _nearest(element, tag):
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def paragraph_text(paragraph, mode: str | None) -> str:
    """The visible text of ``paragraph`` once the changes are accepted/rejected."""
    removed = REMOVED_ON[mode]
    out = []
    for element in paragraph.iter():
        if element.tag not in TEXT_TAGS or _nearest(element, P) is not paragraph:
            continue
        if _in_removed(element, paragraph, removed):
            continue
        fixed = TEXT_TAGS[element.tag]
        out.append(fixed if fixed is not None else (element.text or ""))
    return "".join(out)


def _in_removed(element, paragraph, removed) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in removed:
            return True
        if parent.tag == PPR:  # the paragraph mark's own properties hold no text
            return True
        parent = parent.getparent()
    return False


def paragraph_mark(paragraph) -> str | None:
    """The revision tag on the paragraph mark (``pPr/rPr/w:ins`` …), if any."""
    rpr = paragraph.find(f"{PPR}/{RPR}")
    if rpr is None:
        return None
    for child in rpr:
        if child.tag in REVISION_WRAPPERS:
            return child.tag
    return None


def row_mark(row) -> str | None:
    trpr = row.find(TRPR)
    if trpr is None:
        return None
    for child in trpr:
        if child.tag in (INS, DEL):
            return child.tag
    return None


def style_of(paragraph) -> str | None:
    style = paragraph.find(f"{PPR}/{q('pStyle')}")
    return style.get(q("val")) if style is not None else None


def texts(blocks) -> list[str]:
    """Flatten projected blocks to one text per paragraph (table cells included, in order)."""
    out = []
    for block in blocks:
        if block[0] == "table":
            for row in block[1]:
                for cell in row:
                    out += texts(cell)
        else:
            out.append(block[1])
    return out


# --------------------------------------------------------------------- lint

def lint(docx: bytes) -> list[str]:
    """Violations of the tracked-change rules; an empty list when the package is clean."""
    problems: list[str] = []
    seen_ids: dict[str, str] = {}
    ranges: dict[str, dict] = {"moveFrom": {}, "moveTo": {}}
    names: dict[str, dict] = {"moveFrom": {}, "moveTo": {}}
    for part_name, root in parts(docx).items():
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            local = etree.QName(element).localname
            ident = element.get(q("id"))
            is_range_end = local.endswith("RangeEnd") or local in ("bookmarkEnd", "commentRangeEnd")
            if ident is not None and not is_range_end and local not in (
                    "footnoteReference", "endnoteReference", "commentReference", "commentRangeStart",
                    "footnote", "endnote", "comment", "abstractNum", "num"):
                key = ident
                if key in seen_ids:
                    problems.append(f"{part_name}: w:id {ident} on {local} already used by {seen_ids[key]}")
                seen_ids[key] = f"{part_name}:{local}"
            if element.tag in REVISION_WRAPPERS or local in ("moveFromRangeStart", "moveToRangeStart"):
                if not element.get(q("author")):
                    problems.append(f"{part_name}: {local} {ident} without w:author")
                if not DATE_TIME.fullmatch(element.get(q("date"), "")):
                    problems.append(f"{part_name}: {local} {ident} date {element.get(q('date'))!r} "
                                    "is not an xsd:dateTime")
            if local == "delText" and _nearest_any(element, (DEL, MOVE_FROM)) is None:
                problems.append(f"{part_name}: w:delText outside w:del/w:moveFrom")
            if local == "t" and _nearest_any(element, (DEL, MOVE_FROM)) is not None:
                problems.append(f"{part_name}: w:t inside a deletion: {element.text!r}")
            if element.tag in REVISION_WRAPPERS and element.getparent().tag != RPR \
                    and element.getparent().tag != TRPR and element.find(f".//{P}") is not None:
                problems.append(f"{part_name}: a w:p inside w:{local}")
            if element.tag in REVISION_WRAPPERS and element.getparent().tag == RPR \
                    and element.getparent().getparent().tag == PPR:
                if element.getparent().index(element) != 0:
                    problems.append(f"{part_name}: paragraph-mark {local} not first in pPr/rPr")
            for kind in ("moveFrom", "moveTo"):
                if local == f"{kind}RangeStart":
                    ranges[kind].setdefault(ident, [None, None])[0] = element
                    names[kind].setdefault(element.get(q("name")), []).append(ident)
                elif local == f"{kind}RangeEnd":
                    ranges[kind].setdefault(ident, [None, None])[1] = element
        problems += _moves_inside_ranges(part_name, root)
    problems += _comment_problems(parts(docx))
    for kind in ("moveFrom", "moveTo"):
        for ident, (start, end) in ranges[kind].items():
            if start is None or end is None:
                problems.append(f"{kind} range {ident} lacks its {'start' if start is None else 'end'}")
    for name in set(names["moveFrom"]) | set(names["moveTo"]):
        if len(names["moveFrom"].get(name, ())) != 1 or len(names["moveTo"].get(name, ())) != 1:
            problems.append(f"move {name!r}: {len(names['moveFrom'].get(name, ()))} moveFrom and "
                            f"{len(names['moveTo'].get(name, ()))} moveTo ranges")
    return problems


def _nearest_any(element, tags):
    parent = element.getparent()
    while parent is not None and parent.tag not in tags:
        parent = parent.getparent()
    return parent


def _moves_inside_ranges(part_name: str, root) -> list[str]:
    """Every w:moveFrom/w:moveTo wrapper lies between a RangeStart and RangeEnd of its kind."""
    problems = []
    open_ranges = {"moveFrom": set(), "moveTo": set()}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        for kind in ("moveFrom", "moveTo"):
            if local == f"{kind}RangeStart":
                open_ranges[kind].add(element.get(q("id")))
            elif local == f"{kind}RangeEnd":
                open_ranges[kind].discard(element.get(q("id")))
            elif local == kind and element.getparent().tag != RPR and not open_ranges[kind]:
                problems.append(f"{part_name}: w:{kind} {element.get(q('id'))} outside any {kind} range")
    return problems


def _comment_problems(found: dict[str, etree._Element]) -> list[str]:
    """Comments: unique ids, author and date, one reference each, ranges in order."""
    problems = []
    comments = found.get("word/comments.xml")
    ids = []
    if comments is not None:
        for comment in comments.iter(q("comment")):
            ident = comment.get(q("id"))
            ids.append(ident)
            if not comment.get(q("author")):
                problems.append(f"comment {ident} without w:author")
            if not DATE_TIME.fullmatch(comment.get(q("date"), "")):
                problems.append(f"comment {ident} date {comment.get(q('date'))!r} is not an xsd:dateTime")
    if len(set(ids)) != len(ids):
        problems.append(f"comment ids repeat: {sorted(ids)}")
    seen: dict[str, list[str]] = {}
    for part_name, root in found.items():
        if part_name == "word/comments.xml":
            continue
        for element in root.iter(q("commentRangeStart"), q("commentRangeEnd"), q("commentReference")):
            seen.setdefault(element.get(q("id")), []).append(etree.QName(element).localname)
    for ident, order in seen.items():
        if ident not in ids:
            problems.append(f"{order[0]} {ident} has no comment")
        if order.count("commentReference") != 1:
            problems.append(f"comment {ident} has {order.count('commentReference')} references")
        if order.count("commentRangeStart") != order.count("commentRangeEnd") or \
                order not in (["commentReference"], ["commentRangeStart", "commentRangeEnd", "commentReference"]):
            problems.append(f"comment {ident}: marks in the order {order}")
    for ident in set(ids) - set(seen):
        problems.append(f"comment {ident} is not referenced")
    return problems


def comments(docx: bytes) -> list[dict]:
    """Every comment: its id, author, date, initials, text (one line per paragraph) and the text
    it is anchored on (as it stands, changes shown: inserted and deleted words alike)."""
    found = parts(docx)
    root = found.get("word/comments.xml")
    if root is None:
        return []
    anchored: dict[str, str] = {}
    for part_name, story in found.items():
        if part_name == "word/comments.xml":
            continue
        open_ranges: dict[str, list[str]] = {}
        for element in story.iter():
            if element.tag == q("commentRangeStart"):
                open_ranges[element.get(q("id"))] = []
            elif element.tag == q("commentRangeEnd"):
                anchored[element.get(q("id"))] = "".join(open_ranges.pop(element.get(q("id")), []))
            elif element.tag in (q("t"), q("delText")):
                for pieces in open_ranges.values():
                    pieces.append(element.text or "")
    return [{
        "id": comment.get(q("id")), "author": comment.get(q("author")),
        "date": comment.get(q("date")), "initials": comment.get(q("initials")),
        "text": "\n".join("".join(t.text or "" for t in p.iter(q("t"))) for p in comment.iter(q("p"))),
        "anchor": anchored.get(comment.get(q("id"))),
    } for comment in root.iter(q("comment"))]


def revision_counts(docx: bytes) -> dict[str, int]:
    """How many of each revision element the package holds (for tests and summaries)."""
    counts: dict[str, int] = {}
    for root in parts(docx).values():
        for element in root.iter(*REVISION_WRAPPERS, q("moveFromRangeStart"), q("moveToRangeStart")):
            key = etree.QName(element).localname
            if element.getparent().tag == RPR:
                key = "paragraph-mark " + key
            elif element.getparent().tag == TRPR:
                key = "row " + key
            counts[key] = counts.get(key, 0) + 1
    return counts
