"""The one tokenizer and the one similarity measure of every comparison.

Texts are split into tokens a reader thinks of as one unit:

- an amount or a number with its unit: ``24 hours``, ``30 minutes``,
  ``US$5 billion``, ``€90bn``, ``EUR 90 billion``, ``800,000``, ``~1,400 km``,
  ``2026–27``;
- a hyphenated term: ``interest-free``, ``US–Ukraine–Coalition``;
- a name: a run of capitalised words such as ``Special Commission`` or
  ``Coalition of the Willing`` (a sentence-initial function word such as "If"
  or "The" does not start a name);
- any other word, or one punctuation character (``mediator;`` is two tokens).

Each token keeps the whitespace that follows it, so joining the tokens gives the
text back exactly. Tokens are matched on :func:`token_key`: their text, plus the
whitespace after them when that is not plain ASCII whitespace, so a no-break
space where there was a space is a change (shown, never hidden:
docs/threats.md, case 35).
"""

from __future__ import annotations

import difflib
import re

_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|km|kilometres?|kilometers?|miles?|nm|"
    r"personnel|troops|soldiers|aircraft|jets|ships|vessels|brigades?|battalions?|"
    r"billion|million|thousand|per\s+cent|percent|EUR|USD|GBP|euros?|dollars?|h)"
)
_NUMBER = (
    r"[~≈<>]?(?:[A-Z]{1,2}\$|[€$£₴]|(?:EUR|USD|GBP|UAH)[ \u00a0])?\d+(?:[.,]\d+)*(?:[/–-]\d+(?:[.,]\d+)*)*"
    r"(?:bn|mn|m|k|%|h|km|st|nd|rd|th)?(?![\w])"
)
_NUMBER_WITH_UNIT = _NUMBER + r"(?:[ \u00a0\u202f\u2009]" + _UNIT + r"(?![\w]))?"
_WORD = r"\w+(?:['’]\w+)*(?:[-–‑]\w+(?:['’]\w+)*)*"
_CAP = r"[A-Z][\w]*(?:['’]\w+)*(?:[-–‑]\w+)*"
_NAME = _CAP + r"(?:[ \u00a0](?:(?:of|the|de|du|des|la|le)[ \u00a0])*" + _CAP + r")+"
_TOKEN = re.compile(
    rf"(?P<core>{_NUMBER_WITH_UNIT}|{_NAME}|{_WORD}|\S)(?P<ws>\s*)"
)
#: Words that start sentences far more often than names; they never start a name token.
_NOT_NAME_START = frozenset(
    "A An And After All Any As At Before Both But By Each Either For From If In It Its Neither "
    "No Nor Not Of On Once Only Or So Such That The Their Then There These They This Those To "
    "Under Until Upon When Where Whether Which While Who With Within Without".split()
)


def tokenize(text: str) -> tuple[str, ...]:
    """Split ``text`` into tokens, each with its trailing whitespace; ``"".join`` gives it back."""
    tokens: list[str] = []
    position = 0
    lead = len(text) - len(text.lstrip())
    if lead:
        tokens.append(text[:lead])
        position = lead
    while position < len(text):
        match = _TOKEN.match(text, position)
        core = match.group("core")
        first, *rest = re.split(r"[ \u00a0]", core, maxsplit=1)
        if rest and first in _NOT_NAME_START:
            # "If Russia attacks": "If" is a word of its own; re-tokenise from the next word.
            end = position + len(first)
            match_ws = re.compile(r"\s*").match(text, end)
            tokens.append(text[position:match_ws.end()])
            position = match_ws.end()
            continue
        tokens.append(match.group(0))
        position = match.end()
    return tuple(tokens)


def token_key(token: str) -> str:
    """What a token is matched on: its text, plus its whitespace when that is not plain ASCII."""
    core = token.rstrip()
    whitespace = token[len(core):]
    if not whitespace or whitespace.isascii():
        return core
    return core + "\u2420" + whitespace  # symbol for space + the unusual whitespace itself


def similarity(old_tokens: tuple[str, ...], new_tokens: tuple[str, ...]) -> float:
    """Similarity in [0, 1] of two token sequences, the same whichever comes first."""
    if not old_tokens and not new_tokens:
        return 1.0
    first, second = sorted((tuple(old_tokens), tuple(new_tokens)))
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    if matcher.real_quick_ratio() < 0.3:
        return matcher.real_quick_ratio()
    if matcher.quick_ratio() < 0.3:
        return matcher.quick_ratio()
    return matcher.ratio()
