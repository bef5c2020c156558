"""(Re)create templates/styles/reference.docx: the styles and page setup of every DOCX termsheet writes.

    python tools/make_reference_docx.py [OUTPUT]

The file is built from scratch (no Word or python-docx template) so that it
carries nothing but what is written here: no thumbnail, no custom XML, no
revision ids, no author. Running the script twice gives the same bytes.

Like pandoc's ``--reference-doc``, only the styles, numbering definitions, fonts
and page setup of the file are used; its body is a specimen of each style, for a
drafting office that opens it in Word to restyle (then passes the folder with
``--templates``). The DOCX writer looks styles up by *name*, so a restyled copy
must keep the names below; styles it lacks are taken from the packaged file.

Look: A4, 2.5 cm margins; Times New Roman body text, Arial headings and tables
(`termsheet.writers.fonts`: fonts Word ships, so Word never substitutes one; the
PDF uses their metric twins, Liberation Serif and Sans, and paginates alike).
Headings 1 and 2 are numbered by Word (list "termsheet headings", linked to the
two styles); Heading 3 (subheadings) is not numbered.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from termsheet.writers import fonts as type_roles  # noqa: E402
from termsheet.writers.zipnorm import midnight_utc, write_zip  # noqa: E402

OUTPUT = ROOT / "templates" / "styles" / "reference.docx"
DATE = "2026-01-01"  # entry and property timestamps of the reference file itself

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSMAP = {"w": W, "r": R}

SERIF = type_roles.SERIF.word
SANS = type_roles.SANS.word
HEADING_LIST = 3
"""``w:numId`` of the heading numbering (Heading 1 and 2 are linked to it)."""

# Page: A4 with 2.5 cm margins (twentieths of a point).
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN = 1417
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN  # 9072
NUMBER_INDENT = 851  # 1.5 cm: where heading text starts after its number

BLACK, GREY, DARK = "000000", "595959", "1F2A44"
RED, BLUE = "B00020", "1F4E9F"


# ----------------------------------------------------------------- XML helpers

def el(tag: str, *children, **attrs) -> etree._Element:
    """A ``w:`` element; keyword ``val="x"`` becomes ``w:val="x"`` (``r_id`` → ``r:id``)."""
    element = etree.Element(_qn(tag), nsmap=NSMAP)
    for key, value in attrs.items():
        if value is None:
            continue
        prefix, _, local = key.partition("_") if key.startswith("r_") else ("w", "", key)
        element.set(_qn(f"{prefix}:{local}"), str(value))
    for child in children:
        if child is not None:
            element.append(child)
    return element


def _qn(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NSMAP[prefix]}}}{local}"


def xml_bytes(element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def fonts(name):
    return el("w:rFonts", ascii=name, hAnsi=name, eastAsia=name, cs=name)


def rpr(font=None, bold=False, italic=False, caps=False, strike=False, color=None, size=None,
        underline=None, spacing=None):
    """Run properties in schema order."""
    return el(
        "w:rPr",
        fonts(font) if font else None,
        el("w:b") if bold else None, el("w:bCs") if bold else None,
        el("w:i") if italic else None, el("w:iCs") if italic else None,
        el("w:caps") if caps else None,
        el("w:strike") if strike else None,
        el("w:color", val=color) if color else None,
        el("w:spacing", val=spacing) if spacing is not None else None,
        el("w:sz", val=size) if size else None, el("w:szCs", val=size) if size else None,
        el("w:u", val=underline) if underline else None,
    )


def border(side, sz=4, color=GREY, space=1):
    return el(f"w:{side}", val="single", sz=sz, space=space, color=color)


def ppr(keep_next=False, keep_lines=False, num=None, level=0, borders=None, shading=None, tabs=(),
        before=None, after=None, line=None, left=None, hanging=None, right=None, jc=None,
        outline=None, contextual=False):
    """Paragraph properties in schema order."""
    return el(
        "w:pPr",
        el("w:keepNext") if keep_next else None,
        el("w:keepLines") if keep_lines else None,
        el("w:numPr", el("w:ilvl", val=level), el("w:numId", val=num)) if num else None,
        el("w:pBdr", *[border(side, **opts) for side, opts in borders]) if borders else None,
        el("w:shd", val="clear", color="auto", fill=shading) if shading else None,
        el("w:tabs", *[el("w:tab", val=kind, pos=pos) for kind, pos in tabs]) if tabs else None,
        el("w:spacing", before=before, after=after, line=line,
           lineRule="auto" if line else None)
        if (before, after, line) != (None, None, None) else None,
        el("w:ind", left=left, right=right, hanging=hanging)
        if (left, hanging, right) != (None, None, None) else None,
        el("w:contextualSpacing") if contextual else None,
        el("w:jc", val=jc) if jc else None,
        el("w:outlineLvl", val=outline) if outline is not None else None,
    )


def style(kind, style_id, name, *props, based_on=None, next_style=None, default=False,
          ui_priority=None, q_format=True, semi_hidden=False):
    return el(
        "w:style",
        el("w:name", val=name),
        el("w:basedOn", val=based_on) if based_on else None,
        el("w:next", val=next_style) if next_style else None,
        el("w:uiPriority", val=ui_priority) if ui_priority is not None else None,
        el("w:semiHidden") if semi_hidden else None,
        el("w:unhideWhenUsed") if semi_hidden else None,
        el("w:qFormat") if q_format else None,
        *props,
        type=kind, styleId=style_id, default="1" if default else None,
    )


# ---------------------------------------------------------------------- styles

def styles_xml():
    box = [("top", {}), ("left", {"space": 4}), ("bottom", {}), ("right", {"space": 4})]
    red_box = [(side, {"sz": 12, "color": RED, "space": 4 if side in ("left", "right") else 1})
               for side, _ in box]
    heading_tabs = [("left", NUMBER_INDENT)]
    page_tabs = [("center", TEXT_WIDTH // 2), ("right", TEXT_WIDTH)]
    cell_margin = el("w:tblCellMar",
                     el("w:top", w=57, type="dxa"), el("w:left", w=85, type="dxa"),
                     el("w:bottom", w=57, type="dxa"), el("w:right", w=85, type="dxa"))

    def grid():  # a new element each time: an lxml element has one parent
        return el("w:tblBorders", *[el(f"w:{side}", val="single", sz=4, space=0, color="7F7F7F")
                                    for side in ("top", "left", "bottom", "right", "insideH",
                                                 "insideV")])
    return el(
        "w:styles",
        el("w:docDefaults",
           el("w:rPrDefault", el("w:rPr", fonts(SERIF), el("w:sz", val=20), el("w:szCs", val=20),
                                 el("w:lang", val="en-GB", eastAsia="en-GB", bidi="ar-SA"))),
           el("w:pPrDefault", ppr(after=120, line=264))),
        # Defaults Word expects.
        style("paragraph", "Normal", "Normal", ppr(), rpr(), default=True, ui_priority=0),
        style("character", "DefaultParagraphFont", "Default Paragraph Font", default=True,
              ui_priority=1, q_format=False, semi_hidden=True),
        style("table", "TableNormal", "Normal Table",
              el("w:tblPr", el("w:tblInd", w=0, type="dxa"),
                 el("w:tblCellMar", el("w:top", w=0, type="dxa"), el("w:left", w=108, type="dxa"),
                    el("w:bottom", w=0, type="dxa"), el("w:right", w=108, type="dxa"))),
              default=True, ui_priority=99, q_format=False, semi_hidden=True),
        style("numbering", "NoList", "No List", default=True, ui_priority=99, q_format=False,
              semi_hidden=True),
        # Front matter.
        style("paragraph", "Title", "Title",
              ppr(keep_next=True, before=120, after=120, line=240),
              rpr(SANS, bold=True, size=36, color=DARK), based_on="Normal", next_style="BodyText",
              ui_priority=10),
        style("paragraph", "Subtitle", "Subtitle",
              ppr(keep_next=True, after=80, line=240),
              rpr(SANS, size=24, color=GREY), based_on="Normal", next_style="BodyText",
              ui_priority=11),
        style("paragraph", "DocumentInfo", "Document Info",
              ppr(after=20, tabs=[("left", 2268)], left=2268, hanging=2268),
              rpr(SANS, size=18), based_on="Normal"),
        style("character", "InfoLabel", "Info Label", rpr(bold=True, color=GREY),
              based_on="DefaultParagraphFont"),
        style("paragraph", "Marking", "Marking",
              ppr(keep_next=True, after=40, line=240, jc="center"),
              rpr(SANS, bold=True, size=20, spacing=10), based_on="Normal"),
        style("paragraph", "Handling", "Handling",
              ppr(keep_next=True, after=40, line=240, jc="center"),
              rpr(SANS, bold=True, size=16, color=GREY), based_on="Normal"),
        style("paragraph", "IllustrativeBanner", "Illustrative Banner",
              ppr(keep_next=True, borders=red_box, before=0, after=240, line=240, jc="center"),
              rpr(SANS, bold=True, size=28, color=RED, spacing=40), based_on="Normal"),
        style("paragraph", "Disclaimer", "Disclaimer",
              ppr(borders=box, shading="F2F2F2", before=240, after=240, line=252,
                  left=113, right=113),
              rpr(italic=True, size=18), based_on="Normal"),
        # Sections and clauses.
        style("paragraph", "Heading1", "heading 1",
              ppr(keep_next=True, keep_lines=True, num=HEADING_LIST, level=0, tabs=heading_tabs,
                  before=360, after=120, line=240, left=NUMBER_INDENT, hanging=NUMBER_INDENT,
                  outline=0),
              rpr(SANS, bold=True, size=28, color=DARK), based_on="Normal", next_style="BodyText",
              ui_priority=9),
        style("paragraph", "Heading2", "heading 2",
              ppr(keep_next=True, keep_lines=True, num=HEADING_LIST, level=1, tabs=heading_tabs,
                  before=240, after=80, line=240, left=NUMBER_INDENT, hanging=NUMBER_INDENT,
                  outline=1),
              rpr(SANS, bold=True, size=22, color=DARK), based_on="Normal", next_style="BodyText",
              ui_priority=9),
        style("paragraph", "Heading3", "heading 3",
              ppr(keep_next=True, keep_lines=True, before=200, after=60, line=240, outline=2),
              rpr(SANS, bold=True, italic=True, size=20, color=DARK), based_on="Normal",
              next_style="BodyText", ui_priority=9),
        style("paragraph", "BodyText", "Body Text", ppr(after=120), rpr(), based_on="Normal",
              ui_priority=1),
        style("paragraph", "Note", "Note",
              ppr(borders=[("left", {"sz": 12, "color": "BFBFBF", "space": 6})],
                  after=120, line=252, left=284),
              rpr(size=18, color=GREY), based_on="Normal"),
        style("paragraph", "Provenance", "Provenance", ppr(after=60, line=240),
              rpr(SANS, size=15, color=GREY), based_on="Normal"),
        style("paragraph", "ListBullet", "List Bullet", ppr(num=1, after=60, contextual=True),
              based_on="Normal", ui_priority=36),
        style("paragraph", "ListNumber", "List Number", ppr(num=2, after=60, contextual=True),
              based_on="Normal", ui_priority=36),
        # Tables.
        # Contents entries: Word's own "toc 1" and "toc 2", used before Word rebuilds the field.
        style("paragraph", "TOC1", "toc 1", ppr(after=60, tabs=[("left", 567)]), rpr(bold=True),
              based_on="Normal", next_style="Normal", ui_priority=39),
        style("paragraph", "TOC2", "toc 2", ppr(after=40, tabs=[("left", 1134)], left=567),
              rpr(), based_on="Normal", next_style="Normal", ui_priority=39),
        style("paragraph", "Caption", "caption", ppr(keep_next=True, before=120, after=80, line=240),
              rpr(SANS, bold=True, size=18, color=DARK), based_on="Normal", next_style="Normal",
              ui_priority=35),
        style("paragraph", "TableText", "Table Text", ppr(after=0, line=240),
              rpr(SANS, size=17), based_on="Normal"),
        style("paragraph", "TableHeader", "Table Header", ppr(keep_next=True, after=0, line=240),
              rpr(SANS, bold=True, size=17), based_on="TableText"),
        style("table", "TermTable", "Term Table",
              ppr(after=0, line=240),
              el("w:tblPr", el("w:tblInd", w=0, type="dxa"), grid(), cell_margin),
              el("w:tblStylePr",
                 rpr(bold=True),
                 el("w:tcPr", el("w:shd", val="clear", color="auto", fill="D9D9D9")),
                 type="firstRow"),
              based_on="TableNormal", ui_priority=59, q_format=False),
        # Wide tables (set compact when their words do not fit side by side at the normal size).
        style("paragraph", "TableTextCompact", "Table Text Compact", ppr(after=0, line=240),
              rpr(SANS, size=14), based_on="TableText"),
        style("paragraph", "TableHeaderCompact", "Table Header Compact",
              ppr(keep_next=True, after=0, line=240),
              rpr(SANS, bold=True, size=14), based_on="TableTextCompact"),
        style("table", "CompactTable", "Compact Table",
              ppr(after=0, line=240),
              el("w:tblPr", el("w:tblInd", w=0, type="dxa"), grid(),
                 el("w:tblCellMar",
                    el("w:top", w=40, type="dxa"), el("w:left", w=45, type="dxa"),
                    el("w:bottom", w=40, type="dxa"), el("w:right", w=45, type="dxa"))),
              el("w:tblStylePr",
                 rpr(bold=True),
                 el("w:tcPr", el("w:shd", val="clear", color="auto", fill="D9D9D9")),
                 type="firstRow"),
              based_on="TermTable", ui_priority=59, q_format=False),
        # Inline roles.
        style("character", "Emphasis", "Emphasis", rpr(italic=True), based_on="DefaultParagraphFont",
              ui_priority=20),
        style("character", "Strong", "Strong", rpr(bold=True), based_on="DefaultParagraphFont",
              ui_priority=22),
        style("character", "DefinedTerm", "Defined Term", rpr(), based_on="DefaultParagraphFont"),
        style("character", "NegotiationBracket", "Negotiation Bracket", rpr(color=DARK),
              based_on="DefaultParagraphFont"),
        style("character", "CrossReference", "Cross Reference", rpr(),
              based_on="DefaultParagraphFont"),
        style("character", "StatusTag", "Status Tag", rpr(bold=False, size=17, color=RED),
              based_on="DefaultParagraphFont"),
        style("character", "InsertedText", "Inserted Text", rpr(color=BLUE, underline="single"),
              based_on="DefaultParagraphFont"),
        style("character", "DeletedText", "Deleted Text", rpr(color=RED, strike=True),
              based_on="DefaultParagraphFont"),
        # Page header and footer.
        style("paragraph", "Header", "header", ppr(tabs=page_tabs, after=0, line=240),
              rpr(SANS, size=16, color=GREY), based_on="Normal", ui_priority=99, q_format=False),
        style("paragraph", "Footer", "footer", ppr(tabs=page_tabs, after=0, line=240),
              rpr(SANS, size=16, color=GREY), based_on="Normal", ui_priority=99, q_format=False),
    )


# ------------------------------------------------------------------- numbering

def numbering_xml():
    def level(ilvl, fmt, text, indent, hanging=284, font=None):
        return el(
            "w:lvl",
            el("w:start", val=1), el("w:numFmt", val=fmt), el("w:lvlText", val=text),
            el("w:lvlJc", val="left"),
            el("w:pPr", el("w:tabs", el("w:tab", val="num", pos=indent)),
               el("w:ind", left=indent, hanging=hanging)),
            el("w:rPr", fonts(font)) if font else None,
            ilvl=ilvl,
        )

    bullets = el("w:abstractNum",
                 el("w:nsid", val="5E1A0001"), el("w:multiLevelType", val="multilevel"),
                 el("w:name", val="termsheet bullet"),
                 level(0, "bullet", "\u2022", 567, font=SANS),
                 level(1, "bullet", "\u2013", 1134, font=SANS),
                 level(2, "bullet", "\u2022", 1701, font=SANS),
                 abstractNumId=1)
    numbers = el("w:abstractNum",
                 el("w:nsid", val="5E1A0002"), el("w:multiLevelType", val="multilevel"),
                 el("w:name", val="termsheet number"),
                 level(0, "decimal", "%1.", 567, hanging=397),
                 level(1, "lowerLetter", "(%2)", 1134, hanging=397),
                 level(2, "lowerRoman", "(%3)", 1701, hanging=397),
                 abstractNumId=2)
    return el("w:numbering", bullets, numbers, heading_numbering(),
              el("w:num", el("w:abstractNumId", val=1), numId=1),
              el("w:num", el("w:abstractNumId", val=2), numId=2),
              el("w:num", el("w:abstractNumId", val=3), numId=HEADING_LIST))


def heading_numbering():
    """Sections ``1``, clauses ``1.1`` (restarting in each section), linked to Heading 1 and 2;
    the number is followed by a tab to the heading's hanging indent, as a typed number was."""
    def level(ilvl, text, style_id):
        return el(
            "w:lvl",
            el("w:start", val=1), el("w:numFmt", val="decimal"),
            el("w:pStyle", val=style_id) if style_id else None,
            el("w:lvlText", val=text), el("w:lvlJc", val="left"),
            el("w:pPr", el("w:tabs", el("w:tab", val="num", pos=NUMBER_INDENT)),
               el("w:ind", left=NUMBER_INDENT, hanging=NUMBER_INDENT)),
            ilvl=ilvl,
        )

    return el("w:abstractNum",
              el("w:nsid", val="5E1A0003"), el("w:multiLevelType", val="multilevel"),
              el("w:name", val="termsheet headings"),
              level(0, "%1", "Heading1"),
              level(1, "%1.%2", "Heading2"),
              level(2, "%1.%2.%3", None),
              abstractNumId=3)


# ----------------------------------------------------------------- other parts

def settings_xml():
    return el(
        "w:settings",
        el("w:zoom", percent=100),
        el("w:defaultTabStop", val=709),
        el("w:characterSpacingControl", val="doNotCompress"),
        el("w:compat", el("w:compatSetting", name="compatibilityMode",
                          uri="http://schemas.microsoft.com/office/word", val=15)),
        el("w:decimalSymbol", val="."),
        el("w:listSeparator", val=","),
    )


def font_table_xml():
    def font(name, panose, family, usb, csb):
        return el("w:font", el("w:panose1", val=panose), el("w:charset", val="00"),
                  el("w:family", val=family), el("w:pitch", val="variable"),
                  el("w:sig", usb0=usb[0], usb1=usb[1], usb2=usb[2], usb3=usb[3],
                     csb0=csb[0], csb1=csb[1]),
                  name=name)

    # PANOSE and OS/2 coverage bits as Word records them for its own fonts.
    coverage = ("E0002EFF", "C000785B", "00000009", "00000000"), ("000001FF", "00000000")
    return el(
        "w:fonts",
        font(SERIF, "02020603050405020304", "roman", *coverage),
        font(SANS, "020B0604020202020204", "swiss", *coverage),
    )


SPECIMEN = [
    ("IllustrativeBanner", "ILLUSTRATIVE"),
    ("Marking", "MARKING LINE"),
    ("Handling", "HANDLING LINE"),
    ("Title", "Title of the term sheet"),
    ("Subtitle", "Subtitle: localized title, document type"),
    ("DocumentInfo", "Document Info: version, status, date, drafting party"),
    ("Disclaimer", "Disclaimer: printed at the top of illustrative documents."),
    ("Heading1", "Heading 1: section (numbered by Word)"),
    ("Heading2", "Heading 2: clause (numbered by Word)"),
    ("BodyText", "Body Text: the wording of a clause. Кирилиця: Україна."),
    ("ListBullet", "List Bullet"),
    ("ListNumber", "List Number"),
    ("Provenance", "Provenance: basis and sources of a provision."),
    ("Note", "Note: a drafting note."),
    ("Heading3", "Heading 3"),
    ("Caption", "Caption of a table"),
    ("TableHeader", "Table Header"),
    ("TableText", "Table Text"),
]


def document_xml():
    body = el("w:body")
    for style_id, text in SPECIMEN:
        paragraph = el("w:p", el("w:pPr", el("w:pStyle", val=style_id)))
        for i, part in enumerate(text.split("\t")):
            if i:
                paragraph.append(el("w:r", el("w:tab")))
            t = el("w:t")
            t.text = part
            paragraph.append(el("w:r", t))
        body.append(paragraph)
    body.append(el(
        "w:sectPr",
        el("w:pgSz", w=PAGE_WIDTH, h=PAGE_HEIGHT),
        el("w:pgMar", top=MARGIN, right=MARGIN, bottom=MARGIN, left=MARGIN,
           header=709, footer=709, gutter=0),
        el("w:cols", space=708),
        el("w:docGrid", linePitch=360),
    ))
    return el("w:document", body)


PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>\
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>\
</Relationships>"""

WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
<Override PartName="/word/document.xml" ContentType="{WML}.document.main+xml"/>\
<Override PartName="/word/fontTable.xml" ContentType="{WML}.fontTable+xml"/>\
<Override PartName="/word/numbering.xml" ContentType="{WML}.numbering+xml"/>\
<Override PartName="/word/settings.xml" ContentType="{WML}.settings+xml"/>\
<Override PartName="/word/styles.xml" ContentType="{WML}.styles+xml"/>\
</Types>"""

CORE = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<dc:title>termsheet reference styles</dc:title><dc:creator>termsheet</dc:creator>\
<cp:lastModifiedBy>termsheet</cp:lastModifiedBy><cp:revision>1</cp:revision>\
<dcterms:created xsi:type="dcterms:W3CDTF">{DATE}T00:00:00Z</dcterms:created>\
<dcterms:modified xsi:type="dcterms:W3CDTF">{DATE}T00:00:00Z</dcterms:modified>\
</cp:coreProperties>"""

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
<Application>termsheet</Application><DocSecurity>0</DocSecurity></Properties>"""


def reference_docx() -> bytes:
    """The bytes of reference.docx."""
    entries = {
        "[Content_Types].xml": CONTENT_TYPES.encode(),
        "_rels/.rels": PACKAGE_RELS.encode(),
        "docProps/core.xml": CORE.encode(),
        "docProps/app.xml": APP.encode(),
        "word/_rels/document.xml.rels": DOCUMENT_RELS.encode(),
        "word/document.xml": xml_bytes(document_xml()),
        "word/styles.xml": xml_bytes(styles_xml()),
        "word/numbering.xml": xml_bytes(numbering_xml()),
        "word/settings.xml": xml_bytes(settings_xml()),
        "word/fontTable.xml": xml_bytes(font_table_xml()),
    }
    return write_zip(entries, midnight_utc(DATE))


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(reference_docx())
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
