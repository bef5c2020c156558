"""What every section builder shares: names for ids, origins, wording, provenance and brackets."""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

from termsheet.compose import labels
from termsheet.document.nodes import (
    Bracket, Cell, Clause, Footnote, Inline, LineBreak, Origin, Paragraph, Reference, Row, Term,
    Text,
)
from termsheet.schema import TermSheet
from termsheet.schema.brackets import party_code
from termsheet.schema.types import DURATION_UNITS, duration_parts
from termsheet.schema.walk import Loc
from termsheet.source.editions import INTERNAL, Edition
from termsheet.source.diagnostics import format_field
from termsheet.resources import TemplateSet
from termsheet.compose.wording import (
    Inlines, OutlineWording, Wording, WordingError, current_helpers, user_text, wording_for,
)

Nodes = tuple[Inline, ...]

# Words that make a state's name take "the": the United States, the Russian Federation…
_ARTICLE_WORDS = (
    "Republic", "Kingdom", "Federation", "States", "Union", "Emirates", "Islands", "Netherlands",
    "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros", "Seychelles", "Holy See",
)


def _position_lookup(positions) -> Callable[[Loc], tuple[int, int] | None]:
    """Accept a callable ``loc -> (line, column) | None`` or a loader's position map."""
    if positions is None:
        return lambda loc: None
    if callable(positions):
        return positions
    head_span = getattr(positions, "head_span", None)
    if head_span is None:
        raise TypeError("positions must be a callable loc -> (line, column) or a position map")

    def lookup(loc: Loc) -> tuple[int, int] | None:
        span = head_span(loc)
        return None if span is None else (span.line, span.column)

    return lookup


class BuildContext:
    """One build: the term sheet, its lookups, and the wording of one template set."""

    def __init__(self, sheet: TermSheet, templates: TemplateSet | None, source_file: str | None,
                 positions=None, edition: Edition = INTERNAL, outline: bool = False):
        self.sheet = sheet
        self.edition = edition
        self.file = source_file or "<input>"
        self._position = _position_lookup(positions)
        self._used_ids: set[str] = set()
        self._articles: dict[str, bool] = {}
        self._names: dict[str, Nodes] = {}
        self.wording: Wording = wording_for(templates or TemplateSet(), FILTERS, GLOBALS)
        if outline:  # numbers only: no sentence is rendered
            self.wording = OutlineWording(self.wording, "titles.j2")
        self.parties = {party.id: party for party in sheet.parties}
        forces = sheet.forces
        command_nodes = forces.command_nodes if forces else ()
        # Things with a printed name that ids may point at (printed as defined terms).
        self.defined = {item.id: item for item in (*command_nodes, *sheet.monitoring, *sheet.bodies)}
        self.command_node_ids = {node.id for node in command_nodes}
        self.sources = {source.id: source for source in sheet.sources}
        enforcement = sheet.enforcement
        triggers = enforcement.triggers if enforcement else ()
        self.clause_ids = {
            item.id for item in (*sheet.commitments, *sheet.force_limits, *sheet.monitoring,
                                 *sheet.bodies, *triggers, *sheet.territorial_provisions,
                                 *(sheet.open_issues if edition.open_issues else ()),
                                 *(sheet.sources if edition.sources == "citations" else ()))
        }

    # ------------------------------------------------------------- origins

    def origin(self, *loc: str | int) -> Origin:
        """Where the item at ``loc`` was written: file, YAML path and (if known) line and column."""
        position = self._position(tuple(loc))
        line, column = position if position else (None, None)
        return Origin(self.file, format_field(loc), line, column)

    # -------------------------------------------------------------- names

    def name(self, ref: str) -> Nodes:
        """The printed name for a party, body or command-node id, without an article."""
        cached = self._names.get(ref)
        if cached is None:
            cached = self._names[ref] = self._name(ref)
        return cached

    def _name(self, ref: str) -> Nodes:
        if ref in self.parties:
            return (Text(self.parties[ref].name.strip()),)
        defined = self.defined.get(ref)
        if defined is not None:
            return (Term(defined.name.strip()),)
        return (Text(ref),)  # a dangling reference (the linter reports it); keep what was written

    def phrase(self, ref: str, start: bool = False) -> Nodes:
        """The name as it reads in a sentence: ``the United States of America``, ``France``,
        ``the Special Commission``; ``start`` capitalises the article."""
        name = self.name(ref)
        if not self._takes_article(ref):
            return name
        return (Text("The " if start else "the "), *name)

    def _takes_article(self, ref: str) -> bool:
        cached = self._articles.get(ref)
        if cached is None:
            cached = self._articles[ref] = self._needs_article(ref)
        return cached

    def _needs_article(self, ref: str) -> bool:
        party = self.parties.get(ref)
        if party is not None:
            text = party.name
            if text[:4].lower() == "the ":
                return False
            words = text.split()
            return party.kind != "state" or any(word in words or text.startswith(word)
                                                for word in _ARTICLE_WORDS)
        defined = self.defined.get(ref)
        return defined is not None and defined.name[:4].lower() != "the "

    def phrases(self, refs: Iterable[str], start: bool = False, conjunction: str = "and") -> Nodes:
        """Several names joined: ``France, Germany and the United Kingdom``."""
        return join_nodes([self.phrase(ref, start and index == 0) for index, ref in enumerate(refs)],
                          conjunction)

    def names(self, refs: Iterable[str]) -> Nodes:
        """Names for a table cell, without articles, separated by commas."""
        return join_nodes([self.name(ref) for ref in refs], None)

    # -------------------------------------------------------------- wording

    def say(self, template: str | Sequence[str], **values) -> list[Nodes]:
        """The paragraphs a wording template says about ``values``."""
        return self.wording.paragraphs(template, self, **values)

    def say_inline(self, template: str | Sequence[str], **values) -> Nodes:
        """The text of a one-paragraph wording template (for a table cell or a heading)."""
        return self.wording.inline(template, self, **values)

    # --------------------------------------------------- provenance, brackets

    def source_refs(self, refs: Iterable[str]) -> Nodes:
        """``10.2, 10.5``: cross-references to the numbered clauses of the Sources section,
        as any other cross-reference (square brackets are kept for unagreed text); in an
        edition without citations one footnote naming the sources, or nothing."""
        if self.edition.sources != "citations":
            return self.source_note(refs)
        items = []
        for ref in refs:
            if ref in self.sources:
                items.append((Reference(ref),))
            else:  # dangling: reported by the linter; never invent a number
                items.append((Text(f"unknown source {ref}"),))
        return join_nodes(items, ", ")

    def source_note(self, refs: Iterable[str]) -> Nodes:
        """A footnote naming the sources ``refs`` (footnote editions), else nothing."""
        refs = list(refs)
        if self.edition.sources != "footnotes" or not refs:
            return ()
        parts = [self.say_inline("footnote.j2", s=self.sources[ref]) if ref in self.sources
                 else (Text(f"Unknown source {ref}."),) for ref in refs]
        return (Footnote(join_nodes(parts, "; ")),)

    def provenance(self, item) -> Paragraph | None:
        """The compact provenance line of a provision: basis and sources. Without basis
        lines, a paragraph holding only the sources' footnote (the edition pass moves it to
        the end of the text before it), or None."""
        if not self.edition.basis:
            note = self.source_note(getattr(item, "source_refs", ()))
            return Paragraph(note, role="provenance") if note else None
        content = self.say_inline("provenance.j2", item=item)
        return Paragraph(content, role="provenance")

    def note(self, item, *, about: Nodes = ()) -> Paragraph | None:
        """A drafting note as a note paragraph, or None when there is none."""
        notes = getattr(item, "notes", None)
        if not notes or not self.edition.notes:
            return None
        label = (Text("Note on "), *about, Text(": ")) if about else (Text("Note: "),)
        return Paragraph(label + user_text(notes), role="note")

    def annotations(self, item) -> list[Paragraph]:
        """Provenance line, then the note if any."""
        provenance = self.provenance(item)
        blocks = [provenance] if provenance is not None else []
        note = self.note(item)
        if note is not None:
            blocks.append(note)
        return blocks

    def bracket(self, paragraphs: list[Nodes], item) -> list[Nodes]:
        """Mark disputed text as negotiators do, attributed as inline brackets are:
        ``[US: … text …]``, ``[Alternative, COW: …]``, ``[For discussion: …]``."""
        status = getattr(item, "text_status", "agreed")
        if status == "agreed" or not paragraphs:
            return paragraphs
        opening = Text(bracket_opening(status, getattr(item, "proposed_by", None)))
        first, *rest = paragraphs
        if not rest:
            return [_merge((opening, *first, *_closing(first)))]
        return [_merge((opening, *first)), *rest[:-1], _merge((*rest[-1], *_closing(rest[-1])))]

    def bracket_cells(self, cells: list[Nodes], item) -> list[Nodes]:
        """A disputed table row: ``[`` opens its first cell, ``]`` closes its last."""
        status = getattr(item, "text_status", "agreed")
        if status == "agreed" or not cells:
            return cells
        if len(cells) == 1:
            return self.bracket(cells, item)
        first, *middle, last = cells
        opened = self.bracket([first, last], item)
        return [opened[0], *middle, opened[1]]

    def cells(self, template: str, macros: Sequence[str], item) -> list[Nodes]:
        """The cells of a table row, one macro of ``template`` per column."""
        return self.wording.macros(template, macros, self, item)

    def basis_cell(self, item) -> Nodes:
        """``Reported`` and the source numbers, for the last column of a table (without basis
        lines: the sources' footnote only; the edition pass drops the column)."""
        if not self.edition.basis:
            return self.source_note(item.source_refs)
        basis = (Text(labels.cap(labels.words(item.basis, "basis"))),)
        if not item.source_refs:
            return basis
        label = "Source: " if len(item.source_refs) == 1 else "Sources: "
        return _merge((*basis, LineBreak(), Text(label), *self.source_refs(item.source_refs)))

    def row(self, item, cells: list[Nodes], *, id: str | None, loc: Loc, basis: bool = True) -> Row:
        """A table row for one provision: bracketed if disputed, with its basis and origin."""
        if basis and self.edition.basis:
            cells = self.bracket_cells([*cells, self.basis_cell(item)], item)
        elif basis:  # the edition pass drops this column: the bracket closes the row's text
            cells = [*self.bracket_cells(cells, item), self.basis_cell(item)]
        else:
            cells = self.bracket_cells(cells, item)
        return Row(tuple(Cell(content) for content in cells), id=id, origin=self.origin(*loc))

    def unique_id(self, base: str) -> str:
        """``base``, or ``base_2``, ``base_3``… if already used in this build."""
        candidate, count = base, 1
        while candidate in self._used_ids:
            count += 1
            candidate = f"{base}_{count}"
        self._used_ids.add(candidate)
        return candidate

    def key_terms(self, kind: str, item) -> Paragraph | None:
        """The "Terms: …" line of a provision whose drafter's text is shown (macro ``kind``
        of terms.j2), in editions that show key terms; else None."""
        if not self.edition.key_terms:
            return None
        (nodes,) = self.wording.macros(TERMS_TEMPLATE, (kind,), self, item)
        return Paragraph(nodes, role="provenance") if nodes else None

    def empty(self) -> Paragraph:
        """What a section or standing clause with nothing in it says (empty.j2), the same in
        every document type."""
        return Paragraph(self.say_inline(EMPTY_TEMPLATE))

    def provision_clause(self, item, *, id: str, title: str, loc: Loc, text: list[Nodes],
                         blocks: Sequence = (), terms: Paragraph | None = None) -> Clause:
        """A clause for one provision: its (bracketed) text, its Terms line if any,
        provenance and note, then extra blocks (a table with its own row notes)."""
        paragraphs = [Paragraph(nodes) for nodes in self.bracket(text, item)]
        if terms is not None:
            paragraphs.append(terms)
        return Clause(
            id=id,
            title=title,
            blocks=(*paragraphs, *self.annotations(item), *blocks),
            origin=self.origin(*loc),
            status=getattr(item, "text_status", "agreed"),
        )


TERMS_TEMPLATE = "terms.j2"
EMPTY_TEMPLATE = "empty.j2"

_STATUS_WORDS = {"alternative": "Alternative", "for_discussion": "For discussion"}


def bracket_opening(status: str, proposer: str | None) -> str:
    """``[``, ``[US: ``, ``[Alternative: ``, ``[Alternative, US: ``…"""
    words = [word for word in (_STATUS_WORDS.get(status), proposer and party_code(proposer))
             if word]
    return f"[{', '.join(words)}: " if words else "["


def _closing(paragraph: Nodes) -> Nodes:
    """The ``]`` closing a bracketed provision, a space apart from an inline bracket that
    ends its text (so that two closing brackets never touch)."""
    last = paragraph[-1] if paragraph else None
    touching = isinstance(last, Bracket) or (isinstance(last, Text) and last.text.endswith("]"))
    return (Text(" ]" if touching else "]"),)


def join_nodes(items: Sequence[Nodes], conjunction: str | None = "and") -> Nodes:
    """Join node sequences: ``a, b and c``; with ``conjunction=None`` ``a, b, c``; or a separator."""
    result: list[Inline] = []
    count = len(items)
    for index, item in enumerate(items):
        if index:
            if conjunction is None:
                result.append(Text(", "))
            elif conjunction in (", ", "; "):
                result.append(Text(conjunction))
            elif index == count - 1:
                result.append(Text(f" {conjunction} "))
            else:
                result.append(Text(", "))
        result.extend(item)
    return _merge(result)


def _merge(nodes: Iterable[Inline]) -> Nodes:
    """Adjacent `Text` nodes merged into one."""
    result: list[Inline] = []
    for node in nodes:
        if type(node) is Text and result and type(result[-1]) is Text:
            result[-1] = Text(result[-1].text + node.text)
        else:
            result.append(node)
    return tuple(result)


# ------------------------------------------------------------------ filters
# Filters templates use. Those that print names or references return `Inlines`;
# the others return plain words. They look ids up in the build in progress.

def _ctx() -> BuildContext:
    return current_helpers()  # type: ignore[return-value]


def _ref_given(ref) -> str:
    if not isinstance(ref, str):
        raise WordingError(f"a template asked for the name of a missing reference ({ref!r}); "
                           "guard optional references with {% if %}")
    return ref


def _actor(ref: str, start: bool = False) -> Inlines:
    return Inlines(_ctx().phrase(_ref_given(ref), start))


def _actors(refs: Iterable[str], start: bool = False, conjunction: str = "and") -> Inlines:
    return Inlines(_ctx().phrases([_ref_given(ref) for ref in refs], start, conjunction))


def _name(ref: str) -> Inlines:
    return Inlines(_ctx().name(_ref_given(ref)))


def _names(refs: Iterable[str]) -> Inlines:
    return Inlines(_ctx().names([_ref_given(ref) for ref in refs]))


def _term(text: str) -> Inlines:
    return Inlines((Term(text),))


def _see(target: str) -> Inlines:
    """`` (see 5.2)`` when ``target`` is a clause of this document; nothing otherwise."""
    if target in _ctx().clause_ids:
        return Inlines((Text(" (see "), Reference(target), Text(")")))
    return Inlines(())


def _verb(modality: str, subjects: Sequence[str] = (), proposal: bool = False) -> str:
    return labels.modal_verb(modality, len(subjects) > 1, proposal)


def _words(value: str, vocabulary: str) -> str:
    return labels.words(value, vocabulary)


def _words_list(values: Iterable[str], vocabulary: str, conjunction: str = "and",
                separator: str | None = None) -> str:
    """Enum values in words: ``a, b and c``; with ``separator``, ``a; b; c``."""
    items = [labels.words(value, vocabulary) for value in values]
    return separator.join(items) if separator else labels.join(items, conjunction)


def _amount(quantity) -> str:
    return labels.amount(quantity.value, quantity.unit)


def _strength(strength) -> str:
    """``15,000–30,000 personnel``, ``up to 35 aircraft``."""
    unit = strength.unit
    if strength.min is not None and strength.max is not None:
        if strength.min == strength.max:
            return f"{labels.number(strength.min)} {unit}"
        return f"{labels.number(strength.min)}–{labels.number(strength.max)} {unit}"
    if strength.max is not None:
        return f"up to {labels.number(strength.max)} {unit}"
    if strength.min is not None:
        return f"at least {labels.number(strength.min)} {unit}"
    return ""


def _ref(target: str) -> Inlines:
    return Inlines((Reference(target),))


def _sources(refs: Iterable[str]) -> Inlines:
    return Inlines(_ctx().source_refs(refs))


def _duration(value) -> str:
    """A duration in words; of a proposed term (``{term, proposed_by}``), its term."""
    return labels.duration(value if isinstance(value, str) else value.term)


def _single_unit(term: str) -> tuple[int, str] | None:
    """``(15, "year")`` for ``P15Y``; None for a term of several units (``P1Y6M``)."""
    parts = duration_parts(term)
    given = [(amount, unit) for amount, unit in zip(parts or (), DURATION_UNITS) if amount]
    return given[0] if len(given) == 1 else None


def _terms_proposed(alternatives: Sequence) -> Inlines:
    """Terms under discussion. Attributed, one negotiation bracket per party, sharing their
    unit: ``[US: 15] [UA: 30 or 50] years``; none attributed: ``15, 30 or 50 years``."""
    entries = [(entry, None) if isinstance(entry, str) else (entry.term, entry.proposed_by)
               for entry in alternatives]
    if not any(party for _, party in entries):
        return Inlines((Text(labels.join([labels.duration(term) for term, _ in entries], "or")),))
    units = [_single_unit(term) for term, _ in entries]
    shared = units[0][1] if all(units) and len({unit for _, unit in units}) == 1 else None
    proposals: dict[object, list[str]] = {}  # party (or the entry's index) → its terms
    for index, ((term, party), unit) in enumerate(zip(entries, units)):
        words = labels.number(unit[0]) if shared else labels.duration(term)
        proposals.setdefault(party or index, []).append(words)
    nodes: list[Inline] = []
    for party, terms in proposals.items():
        if nodes:
            nodes.append(Text(" "))
        code = party_code(party) if isinstance(party, str) else None
        nodes.append(Bracket((Text(labels.join(terms, "or")),), code))
    if shared:
        nodes.append(Text(f" {shared}s"))
    return Inlines(nodes)


def _plural(items: Sequence, singular: str, plural: str) -> str:
    return singular if len(items) == 1 else plural


FILTERS: dict[str, Callable] = {
    "name": _name,
    "names": _names,
    "term": _term,
    "see": _see,
    "actor": _actor,
    "actors": _actors,
    "verb": _verb,
    "words": _words,
    "words_list": _words_list,
    "cap": labels.cap,
    "duration": _duration,
    "number": labels.number,
    "amount": _amount,
    "strength": _strength,
    "ref": _ref,
    "sources": _sources,
    "plural": _plural,
    "terms_proposed": _terms_proposed,
    "is_zero_duration": labels.is_zero_duration,
}


def _br() -> Inlines:
    return Inlines((LineBreak(),))


def _counterparty(start: bool = False) -> Inlines:
    ctx = _ctx()
    if ctx.sheet.counterparties:
        return Inlines(ctx.phrases(ctx.sheet.counterparties, start))
    return Inlines((Text("The aggressor" if start else "the aggressor"),))


def _counterparty_plural() -> bool:
    return len(_ctx().sheet.counterparties) > 1


def _deployments_under(node: str) -> list:
    """Deployments that name the command node ``node`` (none if it is not a command node)."""
    ctx = _ctx()
    if node not in ctx.command_node_ids or ctx.sheet.forces is None:
        return []
    return [d for d in ctx.sheet.forces.deployments if d.command == node]


def _beneficiary(start: bool = False) -> Inlines:
    ctx = _ctx()
    return Inlines(ctx.phrase(ctx.sheet.beneficiary, start))


def _voice() -> str:
    """How this document speaks (`labels.voice`): ``agreement``, ``position``, ``proposal``."""
    return labels.voice(_ctx().sheet.metadata.document_type)


def _drafter(start: bool = False) -> Inlines:
    ctx = _ctx()
    return Inlines(ctx.phrase(ctx.sheet.metadata.drafting_party, start))


GLOBALS: dict[str, Callable] = {
    "br": _br,
    "voice": _voice,
    "drafter": _drafter,
    "counterparty": _counterparty,
    "counterparty_plural": _counterparty_plural,
    "beneficiary": _beneficiary,
    "deployments_under": _deployments_under,
}
