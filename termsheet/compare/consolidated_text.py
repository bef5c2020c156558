"""The consolidated negotiating text: one term sheet in which what is not agreed stands in
brackets attributed to the versions holding each wording, as UN compilation texts do.

:func:`consolidated_text` starts from the first version's built Document (its
sections, order and wording) and, row by row of the
:class:`~termsheet.compare.consolidation.Consolidation`:

- leaves an agreed provision as it is;
- replaces a provision the versions word differently by its alternatives, one
  per group of versions sharing a wording, each in a
  :class:`~termsheet.document.nodes.Bracket` naming the versions (``[US, UA: …]
  [COW: …]``) — a clause keeps one number, a table row one letter (each cell then
  holds the alternatives of that cell);
- brackets a provision that only some versions address with the versions that
  do, and inserts one the first version does not address after the provision
  before it (in the order of the versions holding it);
- for a singleton part (scope, forces, duration…), compares the clauses it prints
  one by one, by their text.

With a base (three-way, :data:`~termsheet.compare.consolidation.STATES`), a
provision only one side changed is printed as changed, in one bracket naming who
proposes it (``[Proposal, US: …]``, or ``[Proposed deletion, US: …]`` around the
base's wording when that side no longer holds it); a conflict brackets every
wording as above, with ``[UA: delete]`` for a side that dropped it.

The result is numbered again, so its numbers run as a term sheet's do; a
cross-reference keeps its own version's number when its target is not in the text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from termsheet.compare.align import COLLECTION_BY_NAME
from termsheet.compare.places import holds
from termsheet.compose.context import bracket_opening
from termsheet.compare.consolidation import (
    CONFLICT, PROPOSAL, Consolidation, Row as Provision, convergence_line,
)
from termsheet.document import nodes as doc
from termsheet.document.transforms import map_inlines, number, number_footnotes, numbers

_ITEM_NODES = (doc.Clause, doc.Row, doc.Paragraph)
"""The nodes a provision is printed as."""

DELETE = doc.Paragraph((doc.Text("delete"),))
"""The wording of a side that dropped a provision of the base, in a conflict."""


def consolidated_text(consolidation: Consolidation, documents: Sequence[doc.Document]
                      ) -> doc.Document:
    """The consolidated text of ``consolidation``, from the versions' built, numbered
    Documents (in the order of ``consolidation.versions``)."""
    labels = [version.label for version in consolidation.versions]
    places = [_nodes_by_path(document) for document in documents]
    plan = _Plan()
    for provision in consolidation.rows:
        if COLLECTION_BY_NAME[provision.collection].singleton:
            _plan_singleton(plan, provision, places, labels)
        elif provision.differs:
            _plan_item(plan, provision, places, labels, consolidation)
    sections = plan.sections(documents[0].sections, documents)
    text = dataclasses.replace(documents[0], sections=sections,
                               info=_info(documents[0].info, consolidation))
    return number_footnotes(_references(number(text)))


# ------------------------------------------------------------------ the plan

@dataclasses.dataclass
class _Plan:
    """What changes in the first version's tree, by node identity."""

    replace: dict[int, doc.Block | doc.Clause | doc.Row] = dataclasses.field(default_factory=dict)
    after: dict[int, list] = dataclasses.field(default_factory=dict)
    before: dict[int, list] = dataclasses.field(default_factory=dict)
    appended: dict[str, list] = dataclasses.field(default_factory=dict)
    """Section id → nodes added at its end (no neighbour in the first version)."""

    def sections(self, sections: Sequence[doc.Section], documents) -> tuple[doc.Section, ...]:
        result = [dataclasses.replace(section, children=self._children(section.children)
                                      + tuple(self.appended.pop(section.id, ())))
                  for section in sections]
        for section_id, added in self.appended.items():  # a section the first version lacks
            model = next(s for document in documents for s in document.sections
                         if s.id == section_id)
            result.append(dataclasses.replace(model, children=tuple(added)))
        return tuple(result)

    def _children(self, children: tuple) -> tuple:
        out = []
        for child in children:
            out += self.before.get(id(child), ())
            out.append(self._inside(self.replace.get(id(child), child)))
            out += self.after.get(id(child), ())
        return tuple(out)

    def _inside(self, node):
        if isinstance(node, doc.Clause):
            blocks = self._children(node.blocks)
            return node if blocks == node.blocks else dataclasses.replace(node, blocks=blocks)
        if isinstance(node, doc.Table):
            rows = self._children(node.rows)
            return node if rows == node.rows else dataclasses.replace(node, rows=rows)
        return node


def _nodes_by_path(document: doc.Document) -> dict[str, list]:
    """YAML path → the outermost provision nodes built from it, in page order, each with the
    id of its section and the table holding it (None outside a table)."""
    found: dict[str, list] = {}

    def visit(node, section: str, inside: frozenset, table) -> None:
        origin = getattr(node, "origin", None)
        if isinstance(node, _ITEM_NODES) and origin is not None and origin.path not in inside:
            found.setdefault(origin.path, []).append((node, section, table))
            inside = inside | {origin.path}
        for child in doc.children(node):
            visit(child, section, inside, node if isinstance(node, doc.Table) else table)

    for section in document.sections:
        visit(section, section.id, frozenset(), None)
    return found


# ------------------------------------------------------------------ list items

def _plan_item(plan: _Plan, provision: Provision, places, labels, consolidation) -> None:
    wordings = []
    for group in provision.groups:
        holder = group.versions[0]
        found = places[holder].get(provision.cells[holder].yaml_path)
        if found:
            wordings.append((group.versions, found[0][0]))
    if provision.differs or provision.state is not None:
        wordings = [(versions, without_status_bracket(node, provision.cells[versions[0]].data))
                    for versions, node in wordings]
    dropped = [index for index, cell in enumerate(provision.cells)
               if not cell.addressed and provision.changed and provision.changed[index]]
    alternatives = _attributed(provision, wordings, dropped, labels)
    if not alternatives:
        return
    first = provision.cells[0]
    if first.addressed and first.yaml_path in places[0]:
        node = places[0][first.yaml_path][0][0]
        plan.replace[id(node)] = _alternatives(node, alternatives)
        return
    holder = provision.groups[0].versions[0]
    _, section, table = places[holder][provision.cells[holder].yaml_path][0]
    added = _alternatives(alternatives[0][0], alternatives, inserted=True)
    _insert(plan, provision, added, section, table, places[0], consolidation)


def _insert(plan: _Plan, provision: Provision, added, section: str, table, first_places,
            consolidation: Consolidation) -> None:
    """Put a provision the first version lacks after the provision before it of the same
    collection there, else before the one after it, else at the end of its section (a row
    in a table of its own, with its table's header)."""
    rows = [row for row in consolidation.rows if row.collection == provision.collection]
    at = rows.index(provision)
    for row, where in [*((r, plan.after) for r in reversed(rows[:at])),
                       *((r, plan.before) for r in rows[at + 1:])]:
        found = first_places.get(row.cells[0].yaml_path) if row.cells[0].addressed else None
        if found and type(found[0][0]) is type(added):
            anchor = id(found[-1][0] if where is plan.after else found[0][0])
            where.setdefault(anchor, []).append(added)  # after what was put there before
            return
    if isinstance(added, doc.Row):
        added = dataclasses.replace(table, rows=(added,), id=None)
    plan.appended.setdefault(section, []).append(added)


def _attributed(provision: Provision, wordings: list[tuple[Sequence[int], object]],
                dropped: list[int], labels: Sequence[str]) -> list[tuple[object, str | None]]:
    """What to print of a provision (or of one clause of a singleton): (node, attribution)
    per alternative, from ``wordings`` (the versions holding each wording, and its node) and
    ``dropped`` (the versions that changed it by no longer holding the base's wording).

    Without a base, every wording names the versions holding it. With one, a proposal is
    the changed wording alone, ``Proposal, US`` (or the base's wording, ``Proposed deletion,
    US``), and nothing when the changers' wording here is the base's; a conflict is every
    wording, and :data:`DELETE` for the versions that dropped it.

    A proposal's last alternative may be the base's wording attributed to None: never printed
    itself, it leaves plain the parts (a cell, a paragraph) the proposal does not change."""
    if not wordings:
        return []  # no wording of it prints in this edition
    if provision.state not in (PROPOSAL, CONFLICT):
        return [(node, _attribution(versions, labels)) for versions, node in wordings]
    changed = provision.changed
    if provision.state == CONFLICT:
        return [*((node, _attribution(versions, labels)) for versions, node in wordings),
                *([(DELETE, _attribution(dropped, labels))] if dropped else [])]
    changers = [index for index, did in enumerate(changed) if did]
    who = _attribution(changers, labels)
    held = next((found for found in wordings if changers[0] in found[0]), None)
    kept = next((found for found in wordings if not any(changed[i] for i in found[0])), None)
    if held is not None:
        if any(not changed[index] for index in held[0]):
            return []  # the changers print it as the base does
        return [(held[1], f"Proposal, {who}"), *([(kept[1], None)] if kept else [])]
    return [(kept[1], f"Proposed deletion, {who}")] if kept is not None else []


def without_status_bracket(node, data):
    """A version's clause or row without the square brackets its own text status puts
    around its text (``[Alternative, COW: …]``): the consolidated text brackets each
    wording itself, and two brackets one inside the other would read as nested text."""
    status = data.get("text_status", "agreed") if isinstance(data, dict) else "agreed"
    if status == "agreed":
        return node
    opening = bracket_opening(status, data.get("proposed_by"))
    if isinstance(node, doc.Row):
        contents = _unbracketed([cell.content for cell in node.cells], opening)
        return dataclasses.replace(node, cells=tuple(
            dataclasses.replace(cell, content=content)
            for cell, content in zip(node.cells, contents)))
    if isinstance(node, doc.Clause):
        texts = [index for index, block in enumerate(node.blocks)
                 if isinstance(block, doc.Paragraph)]
        contents = _unbracketed([node.blocks[index].content for index in texts], opening)
        blocks = list(node.blocks)
        for index, content in zip(texts, contents):
            blocks[index] = dataclasses.replace(blocks[index], content=content)
        return dataclasses.replace(node, blocks=tuple(blocks))
    return node


def _unbracketed(runs: list[tuple], opening: str) -> list[tuple]:
    """``runs`` (paragraph or cell contents, in order) without the opening bracket at the start
    of the first that has it and the closing one at the end of the first after it that ends
    with one (as compose's ``BuildContext.bracket`` writes them)."""
    runs = list(runs)
    start = next((i for i, run in enumerate(runs) if _opens(run, opening)), None)
    if start is None:
        return runs
    first = runs[start][0]
    rest = first.text[len(opening):]
    runs[start] = ((doc.Text(rest),) if rest else ()) + runs[start][1:]
    end = next((i for i in range(start, len(runs)) if _closes(runs[i])), None)
    if end is not None:
        last = runs[end][-1]
        text = last.text[:-2] if last.text.endswith(" ]") else last.text[:-1]
        runs[end] = runs[end][:-1] + ((doc.Text(text),) if text else ())
    return runs


def _opens(run: tuple, opening: str) -> bool:
    return bool(run) and isinstance(run[0], doc.Text) and run[0].text.startswith(opening)


def _closes(run: tuple) -> bool:
    return bool(run) and isinstance(run[-1], doc.Text) and run[-1].text.endswith("]")


def _attribution(versions: Sequence[int], labels: Sequence[str]) -> str:
    """``US, UA``: the versions holding a wording, as a bracket names them."""
    return ", ".join(dict.fromkeys(labels[index] for index in versions))


def _alternatives(shown, alternatives: list[tuple[object, str | None]], *,
                  inserted: bool = False):
    """One node of ``shown``'s kind holding every alternative, each bracketed (``inserted``:
    ``shown`` is not the first version's, so the rows of other provisions inside it, placed
    on their own, are left out; an alternative attributed to None is the base's wording, see
    :func:`_attributed`)."""
    printed = _merged_alike([(node, party) for node, party in alternatives if party is not None])
    if isinstance(shown, doc.Clause):
        base = alternatives[-1][0] if len(printed) < len(alternatives) else None
        own = []
        for place, (node, party) in enumerate(printed):
            blocks = _own_blocks(node)
            plain = _worded_as(blocks, _own_blocks(base)) if base is not None else set()
            # ids stay unique: the first alternative keeps them
            own += [block if id(block) in plain else
                    _bracketed(block if place == 0 else _without_ids(block), party)
                    for block in blocks]
        # the rows of other provisions printed inside the clause stay, each judged on its own
        foreign = [] if inserted else [block for block in shown.blocks if _foreign(block, shown)]
        return dataclasses.replace(shown, title=_title(shown, printed),
                                   blocks=(*own, *foreign))
    if isinstance(shown, doc.Row):
        width = len(shown.cells)
        shared_cells = [_shared_cell(alternatives, column) for column in range(width)]
        if all(shared is not None for shared in shared_cells):
            shared_cells = [None] * width  # a difference the row does not print: all bracketed
        cells = []
        for column in range(width):
            shared = shared_cells[column]
            if shared is not None:  # the same words in every alternative: not in dispute
                cells.append(doc.Cell(shared))
                continue
            content: list = []
            for node, party in printed:
                cell = _cell_content(node, column)
                if cell:
                    content += [doc.Text(" ")] if content else []
                    content.append(doc.Bracket(cell, party))
            cells.append(doc.Cell(tuple(content)))
        return dataclasses.replace(shown, cells=tuple(cells))
    content = []
    for node, party in printed:
        inline = _inline_of(node)
        if inline:
            content += [doc.Text(" ")] if content else []
            content.append(doc.Bracket(inline, party))
    return dataclasses.replace(shown, content=tuple(content))


def _merged_alike(printed: list[tuple[object, str]]) -> list[tuple[object, str]]:
    """Alternatives that print the same words, as one naming all their holders
    (``[US, COW: …]``): they differ only in what the text does not print."""
    merged: dict[object, list] = {}
    for node, party in printed:
        proposal = node is DELETE or party.startswith(("Proposal", "Proposed"))
        key = id(node) if proposal else tuple(_block_text(b) for b in _own_blocks(node))
        if key in merged:
            merged[key][1] += f", {party}"
        else:
            merged[key] = [node, party]
    return [tuple(pair) for pair in merged.values()]


def _own_blocks(node) -> list:
    """The blocks an alternative prints (a clause's own, without other provisions' rows)."""
    if isinstance(node, doc.Clause):
        return [block for block in node.blocks if not _foreign(block, node)]
    return [_as_block(node)]


def _worded_as(blocks: list, base_blocks: list) -> set[int]:
    """The ids of a proposal's blocks worded as a block of the base, which it leaves plain
    (none when all are: the difference does not print, so the whole is bracketed)."""
    base_texts = {_block_text(block) for block in base_blocks}
    same = {id(block) for block in blocks if _block_text(block) in base_texts}
    return set() if len(same) == len(blocks) else same


def _block_text(block) -> str:
    return doc.plain_text(tuple(inline for run in _runs(block) for inline in run))


def _runs(block) -> list[tuple]:
    if isinstance(block, doc.Paragraph):
        return [block.content]
    if isinstance(block, doc.ListBlock):
        return list(block.items)
    if isinstance(block, doc.Table):
        return [cell.content for row in block.rows for cell in row.cells]
    return []


def _title(shown: doc.Clause, alternatives) -> str:
    """The clause's title; where the alternatives title it differently, each title bracketed
    for the versions holding it (``[US: Consultations] [COW: Consultations after an attack]``)."""
    titles: dict[str, list[str]] = {}
    for node, party in alternatives:
        if isinstance(node, doc.Clause):
            titles.setdefault(node.title, []).append(party)
    if len(titles) <= 1 and (not titles or shown.title in titles):
        return shown.title
    return " ".join(f"[{', '.join(parties)}: {title}]" for title, parties in titles.items())


def _foreign(block, clause: doc.Clause) -> bool:
    """Whether ``block`` is a table of other provisions' rows (a trigger's response steps)."""
    if not isinstance(block, doc.Table) or clause.origin is None:
        return False
    return any(row.origin is not None and not holds(clause.origin.path, row.origin.path)
               for row in block.rows)


def _without_ids(block):
    """A block, and the rows of a table, without their ids."""
    if isinstance(block, doc.Table):
        return dataclasses.replace(block, id=None, rows=tuple(
            dataclasses.replace(row, id=None) for row in block.rows))
    return dataclasses.replace(block, id=None) if hasattr(block, "id") else block


def _bracketed(block, party: str):
    """``block`` with each run of text in it bracketed for ``party``."""
    if isinstance(block, doc.Paragraph):
        return dataclasses.replace(block, content=_wrapped(block.content, party))
    if isinstance(block, doc.ListBlock):
        return dataclasses.replace(block, items=tuple(_wrapped(item, party)
                                                      for item in block.items))
    if isinstance(block, doc.Table):
        return dataclasses.replace(block, rows=tuple(_bracketed(row, party)
                                                     for row in block.rows))
    if isinstance(block, doc.Row):
        return dataclasses.replace(block, cells=tuple(
            doc.Cell(_wrapped(cell.content, party)) for cell in block.cells))
    return block


def _wrapped(content: tuple, party: str) -> tuple:
    return (doc.Bracket(content, party),) if content else content


def _shared_cell(alternatives, column: int) -> tuple | None:
    """A cell's content when several alternatives all hold it in the same words, else None."""
    contents = [_cell_content(node, column) for node, _ in alternatives]
    if len(contents) > 1 and len({doc.plain_text(content) for content in contents}) == 1:
        return contents[0]
    return None


def _cell_content(node, column: int) -> tuple:
    if isinstance(node, doc.Row):
        return node.cells[column].content if column < len(node.cells) else ()
    return _inline_of(node) if column == 0 else ()


def _inline_of(node) -> tuple:
    """A node's inline content, paragraphs and cells joined by a space."""
    if isinstance(node, doc.Paragraph):
        return node.content
    parts: list = []
    pieces = ([cell.content for cell in node.cells] if isinstance(node, doc.Row)
              else [block.content for block in node.blocks if isinstance(block, doc.Paragraph)])
    for piece in pieces:
        if piece:
            parts += [doc.Text(" ")] if parts else []
            parts += piece
    return tuple(parts)


def _as_block(node):
    if isinstance(node, doc.Row):
        return doc.Paragraph(_inline_of(node))
    return node


# ------------------------------------------------------------------ singletons

def _plan_singleton(plan: _Plan, provision: Provision, places, labels) -> None:
    """Compare a singleton's clauses one by one: the versions addressing it grouped by each
    clause's text; a clause the first version lacks goes after its last one."""
    if not provision.differs:
        return
    collection = COLLECTION_BY_NAME[provision.collection]
    addressing = [index for index, cell in enumerate(provision.cells) if cell.addressed]
    paths = _singleton_paths(collection, places, addressing)
    last = None
    for path in paths:
        groups: dict[str, list[int]] = {}
        nodes = {}
        for index in addressing:
            found = places[index].get(path)
            if found:
                text = doc.plain_text(_inline_of(found[0][0]))
                groups.setdefault(text, []).append(index)
                nodes.setdefault(text, found[0][0])
        dropped = _dropped_clause(provision, groups)
        everyone = len(groups) == 1 and len(next(iter(groups.values()))) == len(addressing)
        alternatives = [] if everyone and not dropped else _attributed(
            provision, [(members, without_status_bracket(nodes[text],
                                                          provision.cells[members[0]].data))
                        for text, members in groups.items()], dropped, labels)
        if not alternatives:
            last = places[0].get(path, [[None]])[0][0] or last
            continue
        if path in places[0]:
            node = places[0][path][0][0]
            plan.replace[id(node)] = _alternatives(node, alternatives)
            last = node
        elif last is not None and type(alternatives[0][0]) is type(last):
            plan.after.setdefault(id(last), []).append(
                _alternatives(alternatives[0][0], alternatives, inserted=True))


def _dropped_clause(provision: Provision, groups: dict[str, list[int]]) -> list[int]:
    """With a base: the versions that changed a singleton and lack one of its clauses that
    a version holding the base's data prints (a clause they drop)."""
    changed = provision.changed
    if not changed or not any(not changed[i] for members in groups.values() for i in members):
        return []
    holding = {index for members in groups.values() for index in members}
    return [index for index, did in enumerate(changed) if did and index not in holding]


def _singleton_paths(collection, places, addressing: list[int]) -> list[str]:
    """The YAML paths of a singleton's own clauses in any version, the first's order first."""
    root = ".".join(collection.container)
    own = set(collection.own_fields())
    paths: list[str] = []
    for index in (0, *addressing):
        for path in places[index]:
            if path not in paths and _own_path(path, root, own):
                paths.append(path)
    return paths


def _own_path(path: str, root: str, own: set[str]) -> bool:
    if root:
        if path != root and not path.startswith(root + "."):
            return False
        rest = path[len(root) + 1:]
    else:
        rest = path
    return path == root or rest.split(".", 1)[0].split("[", 1)[0] in own


# ------------------------------------------------------------------ the whole

def _references(text: doc.Document) -> doc.Document:
    """Cross-references numbered after the consolidated text (their own number kept when
    their target is not in it)."""
    known = numbers(text)

    def renumber(node):
        if isinstance(node, doc.Reference) and node.target in known:
            return dataclasses.replace(node, number=known[node.target])
        return node

    return map_inlines(text, renumber)


def _info(info: doc.DocumentInfo, consolidation: Consolidation) -> doc.DocumentInfo:
    """The first version's header, titled as a consolidated text and saying what is in it."""
    versions = ", ".join(f"{v.label} ({v.info.file or v.info.doc_id}, {v.info.version})"
                         for v in consolidation.versions)
    summary = (f"Consolidated text of {versions}. {convergence_line(consolidation)}. Text in "
               "square brackets is not agreed; each alternative names the versions holding it.")
    if consolidation.base is not None:
        base = consolidation.base.info
        summary += (f" Against the base ({base.file or base.doc_id}, {base.version}), a change "
                    "only some versions make is their proposal: [Proposal, US: …] is the "
                    "changed text, [Proposed deletion, US: …] the base's text they drop.")
    disclaimer = f"{info.disclaimer} {summary}" if info.disclaimer else summary
    return dataclasses.replace(
        info, title=f"Consolidated text: {info.title}", disclaimer=disclaimer,
        document_type=CONSOLIDATED_TYPE, drafting_party=_compilers(consolidation),
        date=max(v.info.date for v in consolidation.versions), supersedes=None,
        source_file=None, signatories=())


CONSOLIDATED_TYPE = "Consolidated negotiating text"
"""The document type a consolidated text's header prints: no party's text, and not signed."""


def _compilers(consolidation: Consolidation) -> str:
    """The parties whose versions the text consolidates, by name, each once."""
    names = {}
    for version in consolidation.versions:
        name = next((p.name for p in version.sheet.parties if p.id == version.party),
                    version.party)
        names.setdefault(name, None)
    return ", ".join(names)
