"""Characters a term file may not hold, and words that mix look-alike alphabets.

Raw control characters, invisible or direction-changing characters (Unicode
category Cf), lone surrogates, non-characters and line/paragraph separators
are refused anywhere in the file; a double-quoted string may not write them as
escapes either.  A word mixing Latin, Cyrillic and Greek letters is a warning.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from termsheet.source.diagnostics import Diagnostic, Span, make_diagnostic
from termsheet.source.limits import MAX_PROBLEMS

# --------------------------------------------------------------------------
# forbidden characters

_FORBIDDEN_RANGES = [
    # C0 and C1 controls (TAB, LF and CR are handled separately), DEL
    (0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F),
    # Unicode category Cf (format: invisible, bidi, joiners, soft hyphen, ...)
    (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F),
    (0x890, 0x891), (0x8E2, 0x8E2), (0x180E, 0x180E), (0x200B, 0x200F),
    (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
    # line and paragraph separators
    (0x2028, 0x2029),
    # surrogates and non-characters
    (0xD800, 0xDFFF), (0xFDD0, 0xFDEF),
] + [(p * 0x10000 + 0xFFFE, p * 0x10000 + 0xFFFF) for p in range(17)]


def _char_class(ranges: list[tuple[int, int]], extra: str = "") -> re.Pattern[str]:
    parts = [extra]
    for lo, hi in ranges:
        parts.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
    return re.compile("[" + "".join(parts) + "]")


#: Characters refused anywhere in the raw file (TAB, LF, CR are fine).
RAW_FORBIDDEN = _char_class(_FORBIDDEN_RANGES)
#: Characters refused in a string value (also CR: use a line break instead).
STRING_FORBIDDEN = _char_class(_FORBIDDEN_RANGES, re.escape("\r"))


def describe_char(ch: str) -> str:
    """``'\\u202e'`` → ``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    cp = ord(ch)
    name = unicodedata.name(ch, "")
    if not name:
        if 0xD800 <= cp <= 0xDFFF:
            name = "lone surrogate"
        elif (cp & 0xFFFE) == 0xFFFE or 0xFDD0 <= cp <= 0xFDEF:
            name = "non-character"
    return f"U+{cp:04X} {name}".rstrip()


def char_problem(ch: str) -> tuple[str, str, str]:
    """(code, what, hint) for a forbidden character."""
    cp = ord(ch)
    if cp < 0x20 or 0x7F <= cp <= 0x9F:
        return (
            "control-character",
            "a control character",
            "remove it; control characters break DOCX and PDF output",
        )
    if 0xD800 <= cp <= 0xDFFF or (cp & 0xFFFE) == 0xFFFE or 0xFDD0 <= cp <= 0xFDEF:
        return ("invalid-character", "a character that is not valid text", "remove it")
    return (
        "invisible-character",
        "an invisible or direction-changing character",
        "remove it; such characters can make two different texts look identical",
    )


# --------------------------------------------------------------------------
# raw text checks


def raw_character_problems(text: str, filename: str) -> list[Diagnostic]:
    """Every forbidden character written raw in the file (at most :data:`MAX_PROBLEMS`)."""
    problems: list[Diagnostic] = []
    if RAW_FORBIDDEN.search(text) is None:
        return problems
    line_starts = _line_starts(text)
    for match in RAW_FORBIDDEN.finditer(text):
        ch = match.group()
        line, col = _line_col(line_starts, match.start())
        code, what, hint = char_problem(ch)
        message = f"{what} ({describe_char(ch)}) in the file"
        if ch == "\ufeff":
            message = "a byte-order mark (U+FEFF) after the start of the file"
            hint = "remove it; only one, at the very start, is allowed"
        problems.append(make_diagnostic(filename, code, message, Span(line, col, line, col + 1), hint))
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


def _line_col(line_starts: list[int], index: int) -> tuple[int, int]:
    i = bisect.bisect_right(line_starts, index) - 1
    return i + 1, index - line_starts[i] + 1


# --------------------------------------------------------------------------
# look-alike letters

_WORD = re.compile(r"\w+")
_SCRIPT_CACHE: dict[str, str | None] = {}


def _script(ch: str) -> str | None:
    """'Latin', 'Cyrillic' or 'Greek' for a letter (other scripts: None)."""
    try:
        return _SCRIPT_CACHE[ch]
    except KeyError:
        pass
    name = unicodedata.name(ch, "")
    script = None
    for candidate in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(candidate):
            script = candidate.capitalize()
            break
    _SCRIPT_CACHE[ch] = script
    return script


def mixed_script(text: str) -> tuple[str, list[str], str] | None:
    """The first word of ``text`` mixing Latin, Cyrillic and Greek letters: the word, its
    alphabets (sorted) and a letter of the rarest one; ``None`` when there is none."""
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        counts: dict[str, list[str]] = {}
        for ch in word:
            script = _script(ch)
            if script:
                counts.setdefault(script, []).append(ch)
        if len(counts) > 1:
            return word, sorted(counts), min(counts.values(), key=len)[0]
    return None
