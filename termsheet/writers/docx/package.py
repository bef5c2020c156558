"""The DOCX package around the body: reference.docx in, reproducible bytes out.

reference.docx supplies styles, numbering definitions, fonts, page setup and its
default page header and footer with their pictures (as pandoc's ``--reference-doc``;
the page writer adds its own lines after theirs). Everything else it may carry — body text,
other headers and footers, comments, footnotes, pictures, custom XML, custom properties,
a thumbnail, Word's revision ids, the path of an attached template — is dropped,
so nothing of the machine or office that made it leaks into a circulated file.
Styles and list definitions the writer needs but a drafting office's file lacks
are copied from the packaged reference.docx.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.parts.numbering import NumberingPart
from lxml import etree

from termsheet.document.nodes import DocumentInfo
from termsheet.errors import RenderError, TemplateConfigError
from termsheet.resources import TemplateSet
from termsheet.templates_folder import read_template
from termsheet.writers.docx.labels import sentence
from termsheet.writers.docx.roles import ROLE_STYLES, StyleMap
from termsheet.writers.docx.runs import VAL, w
from termsheet.writers.docx.toc import insert_in_order
from termsheet.writers.zipnorm import fixed_timestamp, normalize_zip

REFERENCE = "styles/reference.docx"
APPLICATION = "termsheet"

KEEP_DOCUMENT_RELS = frozenset({
    RT.STYLES, RT.NUMBERING, RT.SETTINGS, RT.FONT_TABLE, RT.THEME, RT.WEB_SETTINGS,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
})
"""Parts of reference.docx that carry look only; every other part is dropped."""

KEEP_PACKAGE_RELS = frozenset({RT.OFFICE_DOCUMENT, RT.CORE_PROPERTIES})
"""Package-level parts kept (the core properties are then rewritten in full)."""

DROP_SETTINGS = tuple(w(tag) for tag in (
    "writeProtection", "removePersonalInformation", "removeDateAndTime", "documentProtection",
    "attachedTemplate", "linkStyles", "mailMerge", "evenAndOddHeaders", "hdrShapeDefaults",
    "footnotePr", "endnotePr", "docVars", "rsids", "attachedSchema",
))
"""Settings that point at other files or machines, protect the file, or refer to dropped parts."""

BULLET_LIST, NUMBERED_LIST, HEADING_LIST = "termsheet bullet", "termsheet number", "termsheet headings"
"""Names of the list definitions (``w:abstractNum``) in reference.docx's numbering part."""

APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>" + APPLICATION.encode() + b"</Application><DocSecurity>0</DocSecurity>"
    b"</Properties>"
)
"""docProps/app.xml: the application name, and no page or word counts that would go stale."""


class ReferenceDocxError(RenderError):
    """reference.docx cannot be used."""

    code = "docx-reference"


# ------------------------------------------------------------ opening

def reference_bytes(templates: TemplateSet | None) -> bytes:
    """The bytes of the reference.docx in effect (a drafting office's, else the packaged one)."""
    return read_template(templates or TemplateSet(), REFERENCE).data


def read_reference(templates: TemplateSet | None) -> docx.document.Document:
    """The reference.docx in effect, opened as it is; an office's file that python-docx cannot
    open is a `TemplateConfigError` (exit status 2), a packaged one a `ReferenceDocxError`."""
    file = read_template(templates or TemplateSet(), REFERENCE)
    try:
        return docx.Document(io.BytesIO(file.data))
    except Exception as error:  # a corrupt or non-DOCX file from a user's templates folder
        kind = TemplateConfigError if file.from_office else ReferenceDocxError
        raise kind(f"{file.shown}: cannot be opened as a DOCX file: {error}") from error


@functools.lru_cache(maxsize=1)
def default_reference() -> docx.document.Document:
    """The packaged reference.docx, opened once: the source of missing styles and lists (read only)."""
    return docx.Document(str(TemplateSet().default / REFERENCE))


def open_reference(templates: TemplateSet | None) -> docx.document.Document:
    """reference.docx opened and stripped to styles, numbering, fonts, theme and page setup."""
    document = read_reference(templates)
    _strip(document)
    from termsheet.writers.docx.style_changes import apply_style_file

    apply_style_file(document, templates)  # the office's styles/styles.yaml, if any
    return document


def _strip(document) -> None:
    part = document.part
    kept = _default_header_footer_ids(document)
    for rid, rel in list(part.rels.items()):
        if rel.reltype not in KEEP_DOCUMENT_RELS and rid not in kept:
            del part.rels[rid]
    package = part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype not in KEEP_PACKAGE_RELS:
            del package.rels[rid]
    body = document.element.body
    section = body.find(w("sectPr"))
    for child in list(body):
        if child is not section:
            body.remove(child)
    if section is None:
        section = etree.SubElement(body, w("sectPr"))
    for child in list(section):
        if child.tag in (w("headerReference"), w("footerReference"), w("titlePg")) \
                and child.get(w("type"), "default") != "default":
            section.remove(child)
    settings = document.settings.element
    for child in list(settings):
        if child.tag in DROP_SETTINGS:
            settings.remove(child)


def _default_header_footer_ids(document) -> set[str]:
    """The relationship ids of reference.docx's default header and footer (an office's logo
    and name, kept); the parts they point at lose every link to an outside file."""
    section = document.element.body.find(w("sectPr"))
    if section is None:
        return set()
    ids = {child.get(RID) for child in section
           if child.tag in (w("headerReference"), w("footerReference"))
           and child.get(w("type"), "default") == "default"}
    for rid in ids:
        part = document.part.rels[rid].target_part
        for inner, rel in list(part.rels.items()):
            if rel.is_external or rel.reltype != RT.IMAGE:
                del part.rels[inner]
    return ids


RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def text_width(document) -> int:
    """Width of the text column in twentieths of a point (page width less margins)."""
    section = document.element.body.find(w("sectPr"))
    size, margins = section.find(w("pgSz")), section.find(w("pgMar"))
    try:
        width = int(size.get(w("w")))
        for side in ("left", "right", "gutter"):
            width -= int(margins.get(w(side), "0"))
    except (AttributeError, TypeError, ValueError):
        return 9072  # A4 with 2.5 cm margins
    return max(width, 1440)


# ------------------------------------------------------------ styles

def style_map(document) -> StyleMap:
    """Every role's style id in ``document``, copying missing styles from the packaged reference."""
    styles = document.styles.element
    names = _style_names(styles)
    needed = {(kind, name.lower()) for kind, name in ROLE_STYLES.values()}
    if not needed <= names.keys():
        source = default_reference().styles.element
        for key in sorted(needed - names.keys()):
            _copy_style(key, source, styles, names)
    return StyleMap.resolve(names)


def _style_names(styles) -> dict[tuple[str, str], str]:
    names = {}
    for style in styles.iterfind(w("style")):
        name = style.find(w("name"))
        if name is not None:
            names.setdefault((style.get(w("type")), name.get(VAL, "").lower()), style.get(w("styleId")))
    return names


def _copy_style(key, source, target, names) -> str:
    """Copy the style ``key`` (and what it is based on) from ``source`` into ``target``; its new id."""
    if key in names:
        return names[key]
    by_name = {(s.get(w("type")), s.find(w("name")).get(VAL).lower()): s
               for s in source.iterfind(w("style"))}
    style = copy.deepcopy(by_name[key])
    taken = {s.get(w("styleId")) for s in target.iterfind(w("style"))}
    style_id = style.get(w("styleId"))
    while style_id in taken:
        style_id += "Termsheet"
    style.set(w("styleId"), style_id)
    if style.get(w("default")):
        del style.attrib[w("default")]
    names[key] = style_id
    source_ids = {s.get(w("styleId")): k for k, s in by_name.items()}
    for link in ("basedOn", "next", "link"):
        ref = style.find(w(link))
        if ref is None:
            continue
        linked = source_ids.get(ref.get(VAL))
        if linked is None:
            style.remove(ref)
        else:
            ref.set(VAL, _copy_style(linked, source, target, names) if linked != key else style_id)
    target.append(style)
    return style_id


def set_language(document, language: str) -> None:
    """Make ``language`` the language of all text: in the document defaults, and in no style."""
    styles = document.styles.element
    defaults = styles.find(w("docDefaults"))
    if defaults is None:
        defaults = etree.Element(w("docDefaults"))
        styles.insert(0, defaults)
    rpr_default = defaults.find(w("rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(w("rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, w("rPr"))
    for style_rpr in styles.iterfind(f"{w('style')}/{w('rPr')}"):
        for lang in style_rpr.findall(w("lang")):
            style_rpr.remove(lang)
    lang = rpr.find(w("lang"))
    if lang is None:
        lang = insert_in_order(rpr, w("lang"), _RPR_AFTER_LANG)
    lang.set(VAL, language)


_RPR_AFTER_LANG = tuple(w(tag) for tag in ("eastAsianLayout", "specVanish", "oMath"))


# ------------------------------------------------------------ lists

class Numbering:
    """List definitions: one bullet list instance, a fresh numbered instance per ordered list,
    and the one heading list instance."""

    def __init__(self, document):
        self.element = _numbering_part(document).element
        self._abstract = {
            name: self._abstract_id(name) for name in (BULLET_LIST, NUMBERED_LIST)
        }
        self._bullets: str | None = None
        self._headings: str | None = None

    def headings(self) -> str:
        """The ``numId`` of the heading list: the one its styles link to, else a new one."""
        if self._headings is None:
            abstract = self._abstract_id(HEADING_LIST)
            self._headings = next(
                (num.get(w("numId")) for num in self.element.iterfind(w("num"))
                 if num.find(w("abstractNumId")).get(VAL) == abstract
                 and num.find(w("lvlOverride")) is None),
                None) or self._new_num(abstract, restart=False)
        return self._headings

    def bullets(self) -> str:
        """The ``numId`` shared by every bulleted list."""
        if self._bullets is None:
            self._bullets = self._new_num(self._abstract[BULLET_LIST], restart=False)
        return self._bullets

    def numbered(self) -> str:
        """A new ``numId`` for one ordered list, so that it starts again at 1."""
        return self._new_num(self._abstract[NUMBERED_LIST], restart=True)

    def _abstract_id(self, name: str) -> str:
        for abstract in self.element.iterfind(w("abstractNum")):
            label = abstract.find(w("name"))
            if label is not None and label.get(VAL) == name:
                return abstract.get(w("abstractNumId"))
        # A drafting office's numbering part without ours: copy the packaged definition.
        source = _numbering_part(default_reference()).element
        for abstract in source.iterfind(w("abstractNum")):
            label = abstract.find(w("name"))
            if label is not None and label.get(VAL) == name:
                new = copy.deepcopy(abstract)
                ids = [int(a.get(w("abstractNumId"))) for a in self.element.iterfind(w("abstractNum"))]
                new.set(w("abstractNumId"), str(max(ids, default=0) + 1))
                existing = self.element.findall(w("abstractNum"))
                if existing:
                    existing[-1].addnext(new)
                else:
                    self.element.insert(_num_pic_count(self.element), new)
                return new.get(w("abstractNumId"))
        raise ReferenceDocxError(f"the packaged {REFERENCE} has no list definition {name!r}")

    def _new_num(self, abstract_id: str, *, restart: bool) -> str:
        ids = [int(n.get(w("numId"))) for n in self.element.iterfind(w("num"))]
        num_id = str(max(ids, default=0) + 1)
        num = etree.Element(w("num"))
        num.set(w("numId"), num_id)
        etree.SubElement(num, w("abstractNumId")).set(VAL, abstract_id)
        if restart:
            override = etree.SubElement(num, w("lvlOverride"))
            override.set(w("ilvl"), "0")
            etree.SubElement(override, w("startOverride")).set(VAL, "1")
        cleanup = self.element.find(w("numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            self.element.append(num)
        return num_id


def _num_pic_count(numbering) -> int:
    return len(numbering.findall(w("numPicBullet")))


def _numbering_part(document):
    try:
        return document.part.part_related_by(RT.NUMBERING)
    except KeyError:
        pass
    blob = _numbering_part(default_reference()).blob
    part = NumberingPart.load(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, blob,
                              document.part.package)
    document.part.relate_to(part, RT.NUMBERING)
    return part


# ------------------------------------------------------------ metadata

def set_properties(document, info: DocumentInfo) -> None:
    """Set every core property explicitly (python-docx's defaults say "python-docx" and 2013),
    replace docProps/app.xml with one naming termsheet, and write the languages as custom
    properties."""
    part = document.part.package._core_properties_part
    part._element = type(part.element).new()  # drop whatever the reference carried
    core = part.element
    when = fixed_timestamp(info.date)
    document_type, status = sentence(info.document_type), sentence(info.status)
    texts = {
        "title": info.title,
        "subject": document_type,
        "creator": info.drafting_party,
        "keywords": "; ".join(v for v in (info.doc_id, document_type, status) if v),
        "description": info.disclaimer or "",
        "lastModifiedBy": info.drafting_party,
        "category": document_type,
        "contentStatus": status,
        "identifier": info.doc_id,
        "language": info.language,
        "version": info.version,
        "revision": "1",
    }
    for name, value in texts.items():
        getattr(core, f"get_or_add_{name}")().text = value
    properties = document.core_properties
    properties.created = properties.modified = properties.last_printed = _naive_utc(when)

    app = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, APP_XML,
               document.part.package)
    document.part.package.relate_to(app, RT.EXTENDED_PROPERTIES)
    custom = custom_properties(info)
    if custom:
        part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, custom,
                    document.part.package)
        document.part.package.relate_to(part, RT.CUSTOM_PROPERTIES)


CUSTOM_PROPERTIES = (("Authentic languages", "authentic_languages"),
                     ("Translation of", "translation_of"))
"""Custom document properties (Word: File › Properties › Custom): name, `DocumentInfo` field."""
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
"""The format id every custom property carries (ECMA-376 part 1, §22.3.2.2)."""


def custom_properties(info: DocumentInfo) -> bytes | None:
    """docProps/custom.xml with the document's languages (None when there is nothing to say)."""
    values = [(name, getattr(info, field)) for name, field in CUSTOM_PROPERTIES
              if getattr(info, field)]
    if not values:
        return None
    root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap={None: _CUSTOM_NS, "vt": _VT_NS})
    for pid, (name, value) in enumerate(values, start=2):  # ids 0 and 1 are reserved
        prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property", fmtid=_CUSTOM_FMTID,
                                pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _naive_utc(when: dt.datetime) -> dt.datetime:
    return when.astimezone(dt.timezone.utc).replace(tzinfo=None)


def save(document, info: DocumentInfo) -> bytes:
    """The package as bytes, its zip normalized (fixed order, times, permissions, compression)."""
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue(), fixed_timestamp(info.date))
