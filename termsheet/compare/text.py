"""Word-level diff of one text field, and the invisible differences between two texts.

Texts are split by :mod:`termsheet.compare.tokens` into tokens a reader thinks of as one unit:

- a number with its unit: ``24 hours``, ``€90bn``, ``800,000``, ``~1,400 km``, ``2026–27``;
- a hyphenated term: ``interest-free``, ``US–Ukraine–Coalition``;
- a name: a run of capitalised words such as ``Special Commission`` or
  ``Coalition of the Willing`` (a sentence-initial function word such as "If"
  or "The" does not start a name);
- any other word, or one punctuation character.

Each token keeps the whitespace that follows it, so joining the tokens gives the
text back exactly.  Tokens are matched on their text; the whitespace after a
token counts only when it is not plain ASCII whitespace, so a no-break space
where there was a space is a change (shown, never hidden: docs/threats.md, case 35).

The diff runs :class:`difflib.SequenceMatcher` with ``autojunk=False`` on the
token lists of one field at a time (one provision's summary, say), never on a
whole document.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass

from termsheet.compare.tokens import token_key, tokenize
from termsheet.schema.types import describe_char

@dataclass(frozen=True)
class TextOp:
    """One step of a word diff: ``equal``, ``insert``, ``delete`` or ``replace``.

    ``old`` and ``new`` are token tuples; each token includes its trailing
    whitespace, so ``"".join(old)`` over all ops gives the old text and
    ``"".join(new)`` the new text.  In an ``equal`` op the tokens match but their
    trailing ASCII whitespace may differ (a line break where there was a space).
    """

    op: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    @property
    def old_text(self) -> str:
        return "".join(self.old)

    @property
    def new_text(self) -> str:
        return "".join(self.new)


def word_diff(old: str | None, new: str | None) -> tuple[TextOp, ...]:
    """The word-level diff of two versions of one text field (either may be absent)."""
    old_tokens = tokenize(old) if old else ()
    new_tokens = tokenize(new) if new else ()
    if not old_tokens and not new_tokens:
        return ()
    if not old_tokens:
        return (TextOp("insert", (), new_tokens),)
    if not new_tokens:
        return (TextOp("delete", old_tokens, ()),)
    matcher = difflib.SequenceMatcher(
        None, [token_key(t) for t in old_tokens], [token_key(t) for t in new_tokens], autojunk=False
    )
    return tuple(
        TextOp(tag, old_tokens[i1:i2], new_tokens[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    )


# ------------------------------------------------------------ invisible differences

def _is_invisible(char: str) -> bool:
    """Characters a reader cannot see or cannot tell from another one."""
    if char in " \n\t\r":
        return False
    category = unicodedata.category(char)
    return category in ("Zs", "Zl", "Zp", "Cf", "Cc", "Mn", "Me") or char == "\u00ad"


def _visible_form(text: str) -> str:
    """What a reader sees: NFKC, every space-like character a space, invisible ones dropped."""
    normal = unicodedata.normalize("NFKC", text)
    out = []
    for char in normal:
        category = unicodedata.category(char)
        if category in ("Zs", "Zl", "Zp") or char in "\n\t\r":
            out.append(" ")
        elif category in ("Cf", "Cc") or char == "\u00ad":
            continue
        else:
            out.append(char)
    return " ".join("".join(out).split())


@dataclass(frozen=True)
class Invisible:
    """An invisible difference between two texts, shown to the reader.

    ``side`` is ``old`` or ``new`` (the text that has it); ``what`` names the
    character (``U+00A0 NO-BREAK SPACE``) or the condition (``not NFC-normalized``).
    """

    side: str
    what: str
    count: int = 1


def invisible_differences(old: str | None, new: str | None) -> tuple[Invisible, ...]:
    """Invisible characters or Unicode forms found in one text and not (as often) in the other."""
    if not isinstance(old, str) or not isinstance(new, str):
        old = old if isinstance(old, str) else ""
        new = new if isinstance(new, str) else ""
    found: list[Invisible] = []
    counts_old = _invisible_counts(old)
    counts_new = _invisible_counts(new)
    for char in sorted(set(counts_old) | set(counts_new)):
        extra = counts_old.get(char, 0) - counts_new.get(char, 0)
        if extra > 0:
            found.append(Invisible("old", describe_char(char), extra))
        elif extra < 0:
            found.append(Invisible("new", describe_char(char), -extra))
    old_nfc = unicodedata.is_normalized("NFC", old)
    new_nfc = unicodedata.is_normalized("NFC", new)
    if old_nfc != new_nfc:
        found.append(Invisible("new" if old_nfc else "old",
                               "not NFC-normalized (decomposed characters)"))
    return tuple(found)


def _invisible_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for char in text:
        if not char.isascii() and _is_invisible(char):
            counts[char] = counts.get(char, 0) + 1
    return counts


def looks_identical(old: str | None, new: str | None) -> bool:
    """True when two different texts look the same to a reader (they differ only invisibly)."""
    return (
        isinstance(old, str) and isinstance(new, str) and old != new
        and _visible_form(old) == _visible_form(new)
    )
