"""A drafting office's ``styles/styles.yaml`` applied on top of the reference.docx styles.

Read and checked by :mod:`termsheet.compose.style_file`; a style the reference.docx
lacks is a `TemplateConfigError` at the line naming it. Fonts replace the theme fonts
(``w:asciiTheme`` … would otherwise win), colours replace theme colours.
"""

from __future__ import annotations

from docx.shared import Pt, RGBColor

from termsheet.compose.style_file import read_style_file, style_problem
from termsheet.errors import TemplateConfigError
from termsheet.resources import TemplateSet
from termsheet.writers.docx.runs import w

_THEME_FONTS = tuple(w(name) for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
_THEME_COLOUR = tuple(w(name) for name in ("themeColor", "themeTint", "themeShade"))


def apply_style_file(document, templates: TemplateSet | None) -> None:
    """Change the styles of ``document`` as the office's ``styles.yaml`` says (if it has one)."""
    changes = read_style_file(templates) if templates is not None else ()
    if not changes:
        return
    by_name = {}
    for style in document.styles:
        for name in (style.name, style.element.name_val):
            if name:
                by_name.setdefault(name.lower(), style)
    kinds = {name: _kind(style) for name, style in by_name.items()}
    for change in changes:
        problem = style_problem(change, kinds)
        if problem:
            raise TemplateConfigError(problem)
        style = by_name[change.name.lower()]
        for prop, value in change.properties:
            _set(style, prop, value)


def _kind(style) -> str:
    return {1: "paragraph", 2: "character", 3: "table", 4: "numbering"}.get(int(style.type), "other")


def _set(style, prop: str, value) -> None:
    font = style.font
    if prop == "font":
        fonts = font.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in _THEME_FONTS:
            fonts.attrib.pop(attribute, None)
        for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(w(attribute), value)
    elif prop == "size":
        font.size = Pt(value)
        size = font.element.rPr.sz
        complex_size = size.getnext()
        if complex_size is None or complex_size.tag != w("szCs"):
            complex_size = size.makeelement(w("szCs"), {})
            size.addnext(complex_size)
        complex_size.set(w("val"), size.get(w("val")))
    elif prop == "colour":
        font.color.rgb = RGBColor.from_string(value.lstrip("#").upper())
        colour = font.element.rPr.color
        for attribute in _THEME_COLOUR:
            colour.attrib.pop(attribute, None)
    elif prop in ("bold", "italic", "underline"):
        setattr(font, prop, value)
    elif prop == "space_before":
        style.paragraph_format.space_before = Pt(value)
    elif prop == "space_after":
        style.paragraph_format.space_after = Pt(value)
    elif prop == "line_spacing":
        style.paragraph_format.line_spacing = float(value)
