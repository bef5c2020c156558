"""``styles/styles.yaml`` of a ``--templates`` folder: DOCX styles changed one property at a time.

A drafting office that wants one style to look different need not supply a whole
reference.docx: it names the style (as Word shows it) and the properties to change,
and the writers apply them on top of the reference.docx in effect::

    Heading 1:
      font: Liberation Serif
      size: 16          # points
      colour: "#1F3864"
      bold: true
    Normal:
      space_after: 6    # points

Every problem is a `TemplateConfigError` at ``FILE:LINE:COLUMN``: an unknown style (one
the reference.docx in effect does not define) or property, a value of the wrong kind.
A file of comments only (as ``termsheet templates export`` writes it) changes nothing.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from termsheet.errors import TemplateConfigError
from termsheet.resources import TemplateSet
from termsheet.schema.suggest import suggest
from termsheet.templates_folder import office_file, read_template

STYLE_FILE = "styles/styles.yaml"
REFERENCE = "styles/reference.docx"
_COLOUR = re.compile(r"^#?[0-9A-Fa-f]{6}$")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _points(low: float, high: float):
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"a number of points ({low:g} to {high:g})"
        return None if low <= value <= high else f"a number of points from {low:g} to {high:g}"
    return check


def _bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "true or false"


def _font(value: Any) -> str | None:
    ok = isinstance(value, str) and 0 < len(value) <= 100 and value.isprintable()
    return None if ok else "a font name (text of up to 100 characters)"


def _colour(value: Any) -> str | None:
    ok = isinstance(value, str) and _COLOUR.match(value)
    return None if ok else 'an RGB colour such as "#1F3864" (quoted: # starts a YAML comment)'


def _spacing(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.5 <= value <= 5:
        return "a multiple of single line spacing from 0.5 to 5 (1.15, 1.5, 2)"
    return None


PROPERTIES = {
    "font": _font, "size": _points(1, 400), "colour": _colour, "bold": _bool, "italic": _bool,
    "underline": _bool, "space_before": _points(0, 1000), "space_after": _points(0, 1000),
    "line_spacing": _spacing,
}
"""Each property a style may change, with the check of its value (None: fine, else what it must be)."""
ALIASES = {"color": "colour"}
PARAGRAPH_ONLY = frozenset({"space_before", "space_after", "line_spacing"})
"""Properties of paragraph styles only (not character styles)."""


@dataclass(frozen=True)
class StyleChange:
    """The properties to change in one style, and where the style is named."""

    name: str
    properties: tuple[tuple[str, Any], ...]
    where: str
    """``FILE:LINE:COLUMN`` of the style's name, for later errors."""


def read_style_file(templates: TemplateSet) -> tuple[StyleChange, ...]:
    """The changes of the office's ``styles.yaml`` (none without one); `TemplateConfigError` else."""
    from termsheet.source.load import load_bytes

    file = office_file(templates, STYLE_FILE)  # a regular file, not a symlink
    if file is None:
        return ()
    shown = file.shown
    loaded = load_bytes(file.data, shown)
    for problem in loaded.problems:
        if problem.code == "empty-file":
            return ()
        if problem.severity == "error":
            message = problem.message if problem.code != "not-a-mapping" else (
                "styles.yaml is a mapping of style names to properties (Heading 1: {size: 16})")
            raise TemplateConfigError(f"{_at(shown, problem.span)}: {message}")
    return _changes(loaded.data, loaded.positions, shown)


def _changes(data: dict, positions, shown: str) -> tuple[StyleChange, ...]:
    changes = []
    for name, properties in data.items():
        where = _at(shown, positions.span((name,), key=True))
        if not isinstance(name, str) or not name.strip():
            raise TemplateConfigError(f"{where}: a style name must be text")
        if not isinstance(properties, dict) or not properties:
            raise TemplateConfigError(f"{_at(shown, positions.span((name,)))}: style {name!r} needs "
                                      f"a mapping of properties ({', '.join(PROPERTIES)})")
        checked = []
        for key, value in properties.items():
            prop = ALIASES.get(key, key)
            if prop not in PROPERTIES:
                close = _closest(str(key), list(PROPERTIES))
                guess = f"; did you mean {close}?" if close else ""
                raise TemplateConfigError(
                    f"{_at(shown, positions.span((name, key), key=True))}: unknown property "
                    f"{key!r}{guess} (known: {', '.join(PROPERTIES)})")
            wanted = PROPERTIES[prop](value)
            if wanted:
                raise TemplateConfigError(
                    f"{_at(shown, positions.span((name, key)))}: {key} must be {wanted}, "
                    f"not {value!r}")
            checked.append((prop, value))
        changes.append(StyleChange(name, tuple(checked), where))
    return tuple(changes)


def style_problem(change: StyleChange, kinds: dict[str, str]) -> str | None:
    """What is wrong with ``change`` against ``kinds`` (lower-case style name → style type)."""
    kind = kinds.get(change.name.lower())
    if kind is None:
        close = _closest(change.name.lower(), sorted(kinds))
        guess = f"; did you mean {close!r}?" if close else ""
        return f"{change.where}: the reference.docx in use has no style {change.name!r}{guess}"
    if kind not in ("paragraph", "character", "table"):
        return f"{change.where}: {change.name!r} is a {kind} style; only paragraph and character styles can be changed"
    wrong = [prop for prop, _ in change.properties if prop in PARAGRAPH_ONLY and kind == "character"]
    if wrong:
        return f"{change.where}: {', '.join(wrong)} apply to paragraph styles; {change.name!r} is a character style"
    return None


def reference_style_kinds(data: bytes) -> dict[str, str]:
    """Lower-case name → type of every style in the reference.docx ``data`` (read without python-docx)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = etree.fromstring(archive.read("word/styles.xml"),
                                    etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return {}  # an unusable reference.docx is reported where it is opened
    kinds = {}
    for style in root.iterfind(f"{_W}style"):
        name = style.find(f"{_W}name")
        if name is not None:
            kinds.setdefault(name.get(f"{_W}val", "").lower(), style.get(f"{_W}type", "paragraph"))
    return kinds


def check_style_file(templates: TemplateSet) -> list[str]:
    """Every problem of the office's ``styles.yaml`` (the first one met while reading it, or
    each unknown style), as ``FILE:LINE:COLUMN: what``."""
    try:
        changes = read_style_file(templates)
    except TemplateConfigError as error:
        return [error.message]
    if not changes:
        return []
    try:
        kinds = reference_style_kinds(read_template(templates, REFERENCE).data)
    except TemplateConfigError as error:  # a symlinked reference.docx
        return [error.message]
    if not kinds:
        return []
    return [problem for change in changes if (problem := style_problem(change, kinds))]


def _closest(word: str, candidates: list[str]) -> str | None:
    """The candidate ``word`` most likely stands for (the project's suggester, then spelling)."""
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.7)
    return suggest(word, candidates) or (close[0] if close else None)


def _at(shown: str, span) -> str:
    return f"{shown}:{span.line}:{span.column}" if span is not None else shown
