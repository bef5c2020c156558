"""The glyph check of the PDF writers: every character printed must be drawn by a face of
a font family the stylesheet names, never by a fallback font it does not.

The families are read from the stylesheet's ``font`` and ``font-family`` declarations
(:func:`font_families`); each is resolved by fontconfig, the library Pango uses to pick
fonts.  Text may be set regular, bold, italic or bold italic, so a character must be
in the face fontconfig picks for each of these styles, in at least one named family: a
character that only a family's bold face has would be printed in regular text by another
font.  A missing character raises :class:`~termsheet.errors.MissingGlyphError`, naming
it, the place in the document, and the styles that lack it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import json
import re
import unicodedata
from dataclasses import fields
from pathlib import Path

from termsheet.document.nodes import (
    Clause, Document, Paragraph, Reference, Row, Section, Table, Term, Text, children,
)
from termsheet.errors import MissingGlyphError, RenderError

_FONT_DECLARATION = re.compile(r"\b(font|font-family)\s*:\s*([^;}]+)", re.IGNORECASE)
_FONT_SIZE = re.compile(r"^.*?\b[\d.]+(?:pt|px|em|rem|ex|%|mm|cm|in|pc)(?:/\S+)?\s+",
                        re.IGNORECASE)
_SKIPPED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
"""Characters that draw no glyph (controls, format characters, line separators)."""

STYLES = (("regular", 80, 0), ("bold", 200, 0), ("italic", 80, 100), ("bold italic", 200, 100))
"""The styles text can be set in: name, fontconfig weight, fontconfig slant."""


def font_families(css: str) -> tuple[str, ...]:
    """Every family named in the stylesheet's ``font`` and ``font-family`` declarations."""
    families: list[str] = []
    for match in _FONT_DECLARATION.finditer(css):
        prop, value = match.group(1).lower(), match.group(2).strip()
        if prop == "font":
            value = _FONT_SIZE.sub("", value, count=1)
        for name in value.split(","):
            name = name.strip().strip("'\"").strip()
            if name and name.lower() not in ("inherit", "initial", "unset") and name not in families:
                families.append(name)
    return tuple(families)


def check_glyphs(doc: Document, families: tuple[str, ...]) -> None:
    """Raise :class:`MissingGlyphError` for the first place that prints a character some
    style of the fonts of ``families``, as fontconfig resolves them, cannot draw."""
    check_coverage(doc, _Coverage.for_families(families))


def check_coverage(doc: Document, coverage) -> None:
    """Raise :class:`MissingGlyphError` for the first place that prints a character some
    style of ``coverage`` (its ``families`` and ``styles_without(char)``) cannot draw."""
    chars: set[str] = set()
    for _, text in document_texts(doc):
        chars.update(text)
    lacking = {char: styles for char in sorted(chars)
               if unicodedata.category(char) not in _SKIPPED_CATEGORIES
               and (styles := coverage.styles_without(char))}
    if not lacking:
        return
    for where, text in document_texts(doc):
        found = [char for char in lacking if char in text]
        if found:
            raise MissingGlyphError(
                f"no glyph for {', '.join(_describe(char) for char in found)}"
                f" in {_faces(lacking[found[0]])}the fonts {', '.join(coverage.families)}",
                characters=tuple(found), where=where)


def _faces(styles: tuple[str, ...]) -> str:
    """``""`` when every style lacks it, else ``"the bold and italic faces of "``."""
    if len(styles) == len(STYLES):
        return ""
    named = " and ".join(styles) if len(styles) < 3 else f"{', '.join(styles[:-1])} and {styles[-1]}"
    return f"the {named} face{'s' if len(styles) > 1 else ''} of "


def _describe(char: str) -> str:
    name = unicodedata.name(char, "unnamed character")
    return f"U+{ord(char):04X} {name} ({char!r})"


def document_texts(doc: Document):
    """Pairs (where, text) for every piece of text the page prints, in document order."""
    info = doc.info
    for item in fields(info):
        value = getattr(info, item.name)
        if isinstance(value, str):
            yield f"document {item.name}", value
        elif item.name == "handling":
            for index, line in enumerate(value):
                yield f"document handling[{index}]", line
        elif item.name == "title_localized":
            for language, title in value:
                yield f"document title_localized[{language}]", title
    for section in doc.sections:
        yield from _texts(section, "document")


def _texts(node, place: str):
    if isinstance(node, (Section, Clause)):
        place = _place(node)
        yield place, " ".join(filter(None, (node.number, node.title, getattr(node, "status", ""))))
    elif isinstance(node, (Paragraph, Row)) and node.origin is not None:
        place = _place(node)
    elif isinstance(node, Table):
        yield place, " ".join(node.header) + " " + (node.caption or "")
    elif isinstance(node, (Text, Term)):
        yield place, node.text
    elif isinstance(node, Reference):
        yield place, node.number or node.target
    for child in children(node):
        yield from _texts(child, place)


def _place(node) -> str:
    kind = type(node).__name__.lower()
    origin = node.origin if hasattr(node, "origin") else None
    label = f"{kind} {node.id}" if getattr(node, "id", None) else kind
    if origin is None:
        return label
    position = ":".join(str(part) for part in (origin.file, origin.line, origin.column) if part)
    return f"{position}: {origin.path} ({label})"


class _Coverage:
    """Which characters the faces of some families draw, style by style, asked of
    fontconfig itself, so that no fallback font is ever needed."""

    def __init__(self, families: tuple[str, ...], faces: dict[str, list]):
        self.families = families
        self._faces = faces  # style → the charset of the face picked in each family

    @classmethod
    @functools.lru_cache(maxsize=16)
    def for_families(cls, families: tuple[str, ...]) -> _Coverage:
        fc = _fontconfig()
        resolved: list[str] = []
        for family in families:
            name = _resolve_family(fc, family)
            if name and name not in resolved:
                resolved.append(name)
        faces = {style: [charset for name in resolved
                         if (charset := _face_charset(fc, name, weight, slant)) is not None]
                 for style, weight, slant in STYLES}
        if not faces["regular"]:
            raise RenderError(f"no installed font matches {', '.join(families) or 'the stylesheet'}",
                              code="missing-glyph")
        return cls(tuple(resolved), faces)

    def styles_without(self, char: str) -> tuple[str, ...]:
        """The styles in which no named family's face draws ``char``."""
        has_char = _fontconfig().FcCharSetHasChar
        code = ord(char)
        return tuple(style for style, charsets in self._faces.items()
                     if not any(has_char(charset, code) for charset in charsets))


class FileCoverage:
    """Which characters the font files of a folder draw, style by style, for the families
    named: the coverage of an engine that uses only the fonts it is given (Typst)."""

    def __init__(self, families: tuple[str, ...], faces: dict[str, list[frozenset[int]]]):
        self.families = families
        self._faces = faces

    @classmethod
    @functools.lru_cache(maxsize=16)
    def for_families(cls, folder: str, families: tuple[str, ...]) -> FileCoverage:
        """The faces of ``families`` among the ``*.ttf``/``*.otf`` files of ``folder``."""
        found = _font_files(folder)
        present = tuple(family for family in families if family in found)
        if not present:
            raise RenderError(f"no bundled font matches {', '.join(families)}", code="missing-glyph")
        faces = {style: [found[family].get(style) or found[family]["regular"]
                         for family in present if found[family].get("regular")]
                 for style, _, _ in STYLES}
        return cls(present, faces)

    def styles_without(self, char: str) -> tuple[str, ...]:
        """The styles in which no named family's face draws ``char``."""
        code = ord(char)
        return tuple(style for style, charsets in self._faces.items()
                     if not any(code in charset for charset in charsets))


COVERAGE_FILE = "coverage.json"
"""The characters each font file of a folder draws, stored beside them so that a process
need not parse every font to check a document: a list of ``{"file", "size", "family",
"style", "ranges"}`` written by :func:`write_font_coverage` (a test checks that the file
bundled in ``templates/fonts/`` matches its fonts). It is used only while every font
file it lists has the size it records; otherwise the font files are read."""


@functools.lru_cache(maxsize=4)
def _font_files(folder: str) -> dict[str, dict[str, frozenset[int]]]:
    """family → style → the characters its face draws, for the font files of ``folder``."""
    entries = _stored_coverage(Path(folder))
    if entries is None:
        entries = font_coverage(Path(folder))
    families: dict[str, dict[str, frozenset[int]]] = {}
    for entry in entries:
        codes = frozenset(code for start, end in entry["ranges"] for code in range(start, end + 1))
        families.setdefault(entry["family"], {})[entry["style"]] = codes
    return families


def font_coverage(folder: Path) -> list[dict]:
    """What :data:`COVERAGE_FILE` holds for the ``*.ttf``/``*.otf`` files of ``folder``,
    read from the fonts themselves."""
    from fontTools.ttLib import TTFont

    entries = []
    for path in _font_paths(folder):
        with TTFont(path, lazy=True) as font:
            names = font["name"]
            entries.append({"file": path.name, "size": path.stat().st_size,
                            "family": str(names.getDebugName(1)),
                            "style": _style_name(str(names.getDebugName(2))),
                            "ranges": _ranges(font.getBestCmap() or ())})
    return entries


def write_font_coverage(folder: Path) -> None:
    """Write :data:`COVERAGE_FILE` for the fonts of ``folder`` (after a font changes)."""
    text = json.dumps(font_coverage(folder), separators=(",", ":"))
    (folder / COVERAGE_FILE).write_text(text + "\n", encoding="utf-8")


def _stored_coverage(folder: Path) -> list[dict] | None:
    """The stored coverage of ``folder`` when it describes exactly its font files, else None."""
    try:
        entries = json.loads((folder / COVERAGE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    sizes = {path.name: path.stat().st_size for path in _font_paths(folder)}
    if not isinstance(entries, list) or sizes != {entry.get("file"): entry.get("size")
                                                   for entry in entries if isinstance(entry, dict)}:
        return None
    return entries


def _font_paths(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.suffix.lower() in (".ttf", ".otf"))


def _ranges(codes) -> list[list[int]]:
    """Sorted code points as ``[first, last]`` runs."""
    runs: list[list[int]] = []
    for code in sorted(codes):
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return runs


def _style_name(subfamily: str) -> str:
    """A font's subfamily (``Bold Oblique``) as one of the :data:`STYLES` names."""
    words = subfamily.lower().replace("oblique", "italic").split()
    bold, italic = "bold" in words, "italic" in words
    return {(False, False): "regular", (True, False): "bold",
            (False, True): "italic", (True, True): "bold italic"}[bold, italic]


@functools.lru_cache(maxsize=1)
def _fontconfig():
    try:
        fc = ctypes.CDLL("libfontconfig.so.1")
    except OSError:
        fc = ctypes.CDLL(ctypes.util.find_library("fontconfig") or "libfontconfig.so")
    void_p, char_p = ctypes.c_void_p, ctypes.c_char_p
    signatures = {
        "FcPatternCreate": ([], void_p),
        "FcPatternDestroy": ([void_p], None),
        "FcPatternAddString": ([void_p, char_p, char_p], ctypes.c_int),
        "FcPatternAddInteger": ([void_p, char_p, ctypes.c_int], ctypes.c_int),
        "FcPatternGetString": ([void_p, char_p, ctypes.c_int, ctypes.POINTER(char_p)], ctypes.c_int),
        "FcPatternGetCharSet": ([void_p, char_p, ctypes.c_int, ctypes.POINTER(void_p)], ctypes.c_int),
        "FcConfigSubstitute": ([void_p, void_p, ctypes.c_int], ctypes.c_int),
        "FcDefaultSubstitute": ([void_p], None),
        "FcFontMatch": ([void_p, void_p, ctypes.POINTER(ctypes.c_int)], void_p),
        "FcCharSetHasChar": ([void_p, ctypes.c_uint32], ctypes.c_int),
    }
    for name, (arguments, result) in signatures.items():
        function = getattr(fc, name)
        function.argtypes, function.restype = arguments, result
    return fc


def _match(fc, family: str, style: tuple[int, int] | None = None):
    """fontconfig's best match (an ``FcPattern`` the caller owns) for ``family`` in
    ``style`` (weight, slant), as Pango would ask for it; None if there is none."""
    pattern = fc.FcPatternCreate()
    try:
        fc.FcPatternAddString(pattern, b"family", family.encode("utf-8"))
        if style is not None:
            fc.FcPatternAddInteger(pattern, b"weight", style[0])
            fc.FcPatternAddInteger(pattern, b"slant", style[1])
        fc.FcConfigSubstitute(None, pattern, 0)  # FcMatchPattern
        fc.FcDefaultSubstitute(pattern)
        result = ctypes.c_int()
        return fc.FcFontMatch(None, pattern, ctypes.byref(result)) or None
    finally:
        fc.FcPatternDestroy(pattern)


def _family_of(fc, match) -> str | None:
    name = ctypes.c_char_p()
    if fc.FcPatternGetString(match, b"family", 0, ctypes.byref(name)) != 0:
        return None
    return name.value.decode("utf-8")


def _resolve_family(fc, family: str) -> str | None:
    """The installed family fontconfig picks for ``family`` (``serif`` → ``DejaVu Serif``)."""
    match = _match(fc, family)
    if match is None:
        return None
    try:
        return _family_of(fc, match)
    finally:
        fc.FcPatternDestroy(match)


def _face_charset(fc, family: str, weight: int, slant: int):
    """The character set of the face of ``family`` fontconfig picks for a style (a
    regular face when the family has no such style), kept alive for the process."""
    match = _match(fc, family, (weight, slant))
    if match is None:
        return None
    charset = ctypes.c_void_p()
    if _family_of(fc, match) != family or fc.FcPatternGetCharSet(
            match, b"charset", 0, ctypes.byref(charset)) != 0:
        fc.FcPatternDestroy(match)
        return None
    return charset
