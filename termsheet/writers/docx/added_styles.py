"""Styles a writer adds to reference.docx when it lacks them (the redline's cover page, Word's comments).

Looked up by name, as the role styles are (`roles`): a drafting office's
reference.docx that defines a style of the same name keeps its own look. A
new style is based on the style of a role, so it follows that office's fonts.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from termsheet.writers.docx.roles import StyleMap
from termsheet.writers.docx.runs import VAL, SubElement, w

Properties = tuple[tuple[str, tuple], ...]
"""``w:pPr`` or ``w:rPr`` children in schema order: ``(tag, ((attribute, value), …))``; a value
that is itself a tuple makes a child element (``("pBdr", (("top", ((…),)),))``)."""


@dataclass(frozen=True)
class StyleSpec:
    """A style to add: its type, name and id, the role it is based on, its own properties."""

    kind: str
    """``paragraph`` or ``character``."""
    name: str
    style_id: str
    based_on: str | None = None
    """A role of `roles.ROLE_STYLES` (None: the document defaults)."""
    paragraph: Properties = ()
    run: Properties = ()


def add_styles(document, styles: StyleMap, specs: tuple[StyleSpec, ...]) -> dict[str, str]:
    """The style id of every spec's name in ``document``, adding the styles it lacks."""
    element = document.styles.element
    by_name, taken = {}, set()
    for style in element.iterfind(w("style")):
        taken.add(style.get(w("styleId")))
        name = style.find(w("name"))
        if name is not None:
            by_name.setdefault((style.get(w("type")), name.get(VAL, "").lower()), style.get(w("styleId")))
    ids = {}
    for spec in specs:
        found = by_name.get((spec.kind, spec.name.lower()))
        if found is None:
            found = spec.style_id
            while found in taken:
                found += "Termsheet"
            taken.add(found)
            element.append(_style(spec, found, styles))
        ids[spec.name] = found
    return ids


def _style(spec: StyleSpec, style_id: str, styles: StyleMap) -> etree._Element:
    style = etree.Element(w("style"))
    style.set(w("type"), spec.kind)
    style.set(w("styleId"), style_id)
    SubElement(style, w("name")).set(VAL, spec.name)
    if spec.based_on:
        SubElement(style, w("basedOn")).set(VAL, styles[spec.based_on])
    SubElement(style, w("uiPriority")).set(VAL, "99")
    for tag, properties in (("pPr", spec.paragraph), ("rPr", spec.run)):
        if properties:
            _fill(SubElement(style, w(tag)), properties)
    return style


def _fill(parent, properties: Properties) -> None:
    for child, attributes in properties:
        element = SubElement(parent, w(child))
        for key, value in attributes:
            if isinstance(value, tuple):  # a child element: pBdr/top
                _fill(element, ((key, value),))
            else:
                element.set(w(key), value)
