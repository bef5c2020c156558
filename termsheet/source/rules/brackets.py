"""Negotiation brackets in text fields (`termsheet.schema.brackets`): well formed, and
naming parties the term sheet declares."""

from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel

from termsheet.schema import brackets
from termsheet.schema.walk import Loc, fields
from termsheet.source.rules.context import Context
from termsheet.source.rules.helpers import missing_ref_hint
from termsheet.source.rules.registry import Hit, rule


@cache
def _keys(cls: type[BaseModel]) -> dict[str, str]:
    """Field name → the key written in YAML, for a model class."""
    return {spec.name: spec.key for spec in fields(cls)}


def _strings(node: BaseModel) -> Iterator[tuple[tuple, str]]:
    """Every string value of ``node``'s own fields (not of the models inside it), with its
    path from the field's name."""
    for name, value in node.__dict__.items():
        if isinstance(value, str):
            yield (name,), value
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    yield (name, index), item
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, str):
                    yield (name, key), item


_PLAIN_FIELDS = frozenset({"metadata", "name", "title", "title_localized"})
"""Where brackets do not print as brackets: the document's header, names and titles
(printed in headings and tables as written)."""


def _prints_brackets(loc: Loc) -> bool:
    return not any(part in _PLAIN_FIELDS for part in loc if isinstance(part, str))


def _texts(ctx: Context) -> Iterator[tuple[Loc, str]]:
    """Every string of the sheet that holds a bracket mark."""
    for loc, node in ctx.nodes:
        for (name, *rest), text in _strings(node):
            if "[[" in text or "]]" in text:
                yield (*loc, _keys(type(node))[name], *rest), text


@rule("E-BRACKET", "error",
      "negotiation brackets in a provision's text (`[[…]]`, `[[us: … | ua: …]]`) balance, "
      "do not nest, have no empty alternative and name each declared party at most once; "
      "none in the header, names or titles",
      "a bracket the reader cannot close, or a proposal put in the mouth of an unknown "
      "party, misstates who is negotiating what",
      fix="close each [[ with ]], write words in every alternative, and use party ids "
          "declared under parties")
def bracket_syntax(ctx: Context) -> Iterator[Hit]:
    for loc, text in _texts(ctx):
        if not _prints_brackets(loc):
            start = min(i for i in (text.find(brackets.OPEN), text.find(brackets.CLOSE)) if i >= 0)
            yield Hit(loc, "negotiation brackets belong in the texts of provisions, not in "
                           "the header, names or titles",
                      "bracket the disputed words in the provision's text (e.g. its summary), "
                      "or set its text_status", within=(start, start + 2))
            continue
        parts, problems = brackets.parse(text)
        for problem in problems:
            yield Hit(loc, problem.message, problem.hint, within=(problem.start, problem.end))
        for part in parts:
            if isinstance(part, brackets.Bracket):
                yield from _unknown_parties(ctx, loc, part)


def _unknown_parties(ctx: Context, loc: Loc, bracket: brackets.Bracket) -> Iterator[Hit]:
    for alternative in bracket.alternatives:
        party = alternative.party
        if party is None or party in ctx.parties:
            continue
        hint = missing_ref_hint(party, "party", ctx.parties, ctx.kind_of(party),
                                "declare it under parties")
        yield Hit(loc, f"party '{party}' in a bracket is not declared under parties",
                  f"{hint}; a word and a colon at the start of a bracket name a party",
                  within=(alternative.start, alternative.party_end or alternative.end))
