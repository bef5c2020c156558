"""What every rule needs, computed once per sheet: the node list and the id indexes."""

from collections.abc import Iterator, Mapping
from functools import cache, cached_property

from pydantic import BaseModel

from termsheet.schema import (
    Body, Caveat, CommandNode, Deployment, Guarantor, MonitoringMechanism, Position,
    RatificationStep, ResponseStep, RoleAssignment, Source, Strength, Termination, TermSheet,
    Trigger,
)
from termsheet.schema.vocab import code_words
from termsheet.schema.walk import Loc, fields, walk


@cache
def _field_pos(cls: type[BaseModel], key: str) -> tuple[int, type[BaseModel] | None]:
    """Where field ``key`` comes in ``cls``, and the model class it holds."""
    specs = fields(cls)
    for position, spec in enumerate(specs):
        if spec.key == key:
            return position, spec.model
    return len(specs), None


def order_key(loc: Loc) -> tuple[int, ...]:
    """Sort key putting locs in document order (fields in model order, items by index)."""
    cls: type | None = TermSheet
    key: list[int] = []
    for part in loc:
        if isinstance(part, int):
            key.append(part)
        elif cls is None:
            key.append(0)
        else:
            position, cls = _field_pos(cls, part)
            key.append(position)
    return tuple(key)


def _first_index(items, attr: str = "id") -> dict[str, int]:
    index: dict[str, int] = {}
    for i, item in enumerate(items):
        index.setdefault(getattr(item, attr), i)
    return index


class Context:
    """A validated sheet plus the indexes rules share (built once per lint run)."""

    def __init__(self, sheet: TermSheet):
        self.sheet = sheet
        self.nodes = list(walk(sheet))
        self._refs: dict[int, list[tuple[Loc, str]]] = {}
        self.parties = _first_index(sheet.parties)
        self.beneficiary = sheet.beneficiary
        self.counterparties = frozenset(sheet.counterparties)
        self.guarantors: dict[str, tuple[int, Guarantor]] = {}
        for i, guarantor in enumerate(sheet.guarantors):
            self.guarantors.setdefault(guarantor.party, (i, guarantor))
        forces = sheet.forces
        self.deployments: tuple[Deployment, ...] = forces.deployments if forces else ()
        self.command_nodes: tuple[CommandNode, ...] = forces.command_nodes if forces else ()
        self.command_index = _first_index(self.command_nodes)
        self.monitoring: tuple[MonitoringMechanism, ...] = sheet.monitoring
        self.bodies: tuple[Body, ...] = sheet.bodies
        self.body_index = _first_index(sheet.bodies)
        enforcement = sheet.enforcement
        self.triggers: tuple[Trigger, ...] = enforcement.triggers if enforcement else ()
        self.responses: tuple[ResponseStep, ...] = enforcement.responses if enforcement else ()
        self.trigger_index = _first_index(self.triggers)
        self.terminations: tuple[Termination, ...] = (
            sheet.duration.termination if sheet.duration else ()
        )
        self.sources: dict[str, Source] = {}
        for source in sheet.sources:
            self.sources.setdefault(source.id, source)

    # -- guarantor roles -------------------------------------------------------

    def roles(self, party: str) -> tuple[RoleAssignment, ...]:
        """Roles of ``party`` as a guarantor (empty when it is not one)."""
        entry = self.guarantors.get(party)
        return entry[1].roles if entry else ()

    def observer_only(self, party: str) -> bool:
        """True when ``party`` is a guarantor whose every role is `observer`."""
        roles = self.roles(party)
        return bool(roles) and all(r.role == "observer" for r in roles)

    # -- references ------------------------------------------------------------

    def refs(self, fields: Mapping[type, tuple[str, ...]]) -> list[tuple[Loc, str]]:
        """Every (loc, value) of the named reference fields, by node class, in document order."""
        cached = self._refs.get(id(fields))
        if cached is None:
            cached = self._refs[id(fields)] = list(self._find_refs(fields))
        return cached

    def _find_refs(self, fields: Mapping[type, tuple[str, ...]]) -> Iterator[tuple[Loc, str]]:
        for loc, node in self.nodes:
            names = fields.get(type(node))
            if not names:
                continue
            for name in names:
                value = getattr(node, name)
                if isinstance(value, str):
                    yield (*loc, name), value
                elif isinstance(value, tuple):
                    for i, item in enumerate(value):
                        yield (*loc, name, i), item

    def describe(self, loc: Loc, node: BaseModel) -> str:
        """How a message names ``node``: its id, or what it belongs to."""
        fields = type(node).model_fields
        if "id" in fields:
            return f"'{node.id}'"
        if isinstance(node, Position):
            return f"the position of '{node.party}' on '{self.sheet.open_issues[loc[1]].id}'"
        if isinstance(node, Caveat):
            return f"the caveat {node.code} of '{self.sheet.guarantors[loc[1]].party}'"
        if isinstance(node, Guarantor):
            return f"guarantor '{node.party}'"
        if isinstance(node, RatificationStep):
            return f"the {node.instrument} step of '{node.party}'"
        if isinstance(node, Strength) and loc[:2] == ("forces", "deployments"):
            return f"the strength of '{self.deployments[loc[2]].id}'"
        return "the " + code_words(str(loc[-1]))

    @cached_property
    def actor_ids(self) -> frozenset[str]:
        """Ids an actor reference may name: parties, bodies and command nodes."""
        return frozenset(self.parties) | frozenset(self.body_index) | frozenset(self.command_index)

    def kind_of(self, ref: str) -> str | None:
        """What a reference names ("party", "body", "command node", …), for hints."""
        if ref in self.parties:
            return "party"
        if ref in self.body_index:
            return "body"
        if ref in self.command_index:
            return "command node"
        if ref in self.trigger_index:
            return "trigger"
        if ref in self.sources:
            return "source"
        return None
