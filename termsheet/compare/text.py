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
whole document, and tidies its opcodes for a reader (:func:`word_opcodes`):
changes that touch join into one, and a one-token equality shorter than the
changes on both sides of it is folded into them ("[United States] of [America]"
becomes one replacement). The redline (:mod:`termsheet.compare.inline_diff`)
runs the same :func:`word_opcodes`, so both mark the same words.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from typing import Hashable, Sequence

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
    opcodes = word_opcodes([token_key(t) for t in old_tokens], [token_key(t) for t in new_tokens],
                           old_tokens, new_tokens)
    return tuple(
        TextOp(tag, old_tokens[i1:i2], new_tokens[j1:j2]) for tag, i1, i2, j1, j2 in opcodes
    )


Opcode = tuple[str, int, int, int, int]


def word_opcodes(old_keys: Sequence[Hashable], new_keys: Sequence[Hashable],
                 old_texts: Sequence[str], new_texts: Sequence[str]) -> list[Opcode]:
    """The opcodes of every word diff: SequenceMatcher's on the token keys, tidied for a reader.

    ``*_texts`` are the tokens as a reader sees them (for folding short equalities).
    """
    ops = _join_adjacent_changes(_matched(old_keys, new_keys))
    return _absorb_short_equalities(ops, old_texts, new_texts)


def _matched(old_keys: Sequence[Hashable], new_keys: Sequence[Hashable]) -> list[Opcode]:
    """SequenceMatcher's opcodes between the common prefix and suffix (kept equal), so that the
    text around one changed field (a template's words, the next field) does not move its marks."""
    limit = min(len(old_keys), len(new_keys))
    head = 0
    while head < limit and old_keys[head] == new_keys[head]:
        head += 1
    tail = 0
    while tail < limit - head and old_keys[-1 - tail] == new_keys[-1 - tail]:
        tail += 1
    old_end, new_end = len(old_keys) - tail, len(new_keys) - tail
    matcher = difflib.SequenceMatcher(None, old_keys[head:old_end], new_keys[head:new_end],
                                      autojunk=False)
    ops = [("equal", 0, head, 0, head)] if head else []
    ops += [(tag, i1 + head, i2 + head, j1 + head, j2 + head)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
    if tail:
        ops.append(("equal", old_end, len(old_keys), new_end, len(new_keys)))
    return ops


def _join_adjacent_changes(opcodes) -> list[list]:
    merged: list[list] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if merged and tag == merged[-1][0] == "equal":
            merged[-1] = ["equal", merged[-1][1], i2, merged[-1][3], j2]
        elif merged and tag != "equal" and merged[-1][0] != "equal":
            merged[-1] = ["replace", merged[-1][1], i2, merged[-1][3], j2]
        else:
            merged.append([tag, i1, i2, j1, j2])
    return merged


def _absorb_short_equalities(ops: list[list], old_texts, new_texts) -> list[Opcode]:
    """Fold a one-word equality shorter than the changes on both sides into them (diff-match-patch's
    semantic cleanup): "[Support for] Ukraine's [accession]" → "[Support for Ukraine's accession]".
    Punctuation between two changes stays: it usually ends a sentence, clause or field."""
    def change_size(op) -> int:
        return max(sum(map(len, old_texts[op[1]:op[2]])), sum(map(len, new_texts[op[3]:op[4]])))

    k = 1
    while k < len(ops) - 1:
        tag, i1, i2, _, _ = ops[k]
        short = (tag == "equal" and i2 - i1 == 1 and ops[k - 1][0] != "equal" != ops[k + 1][0]
                 and any(char.isalnum() for char in old_texts[i1]))
        if short and len(old_texts[i1]) < min(change_size(ops[k - 1]), change_size(ops[k + 1])):
            ops[k - 1:k + 2] = [["replace", ops[k - 1][1], ops[k + 1][2], ops[k - 1][3], ops[k + 1][4]]]
            k = max(k - 1, 1)
        else:
            k += 1
    return [tuple(op) for op in ops]


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
