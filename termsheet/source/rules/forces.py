"""Force posture: contributors, national caveats, locations, command tree, strengths."""

from collections.abc import Iterator

from termsheet.schema import Strength
from termsheet.schema.vocab import LOCATIONS_INSIDE_UKRAINE
from termsheet.source.rules.context import Context
from termsheet.source.rules.helpers import missing_ref_hint
from termsheet.source.rules.registry import Hit, rule

INSIDE = frozenset(LOCATIONS_INSIDE_UKRAINE)
ON_LAND = INSIDE - {"ukraine_airspace", "ukraine_territorial_waters"}
CEASEFIRE_ANCHORS = frozenset({"ceasefire_in_force", "peace_agreement_in_force"})
_DEPLOYMENTS = ("forces", "deployments")


def _active(deployment) -> bool:
    return deployment.status != "ruled_out"


@rule("E-DEPLOY-GUARANTOR", "error", "every deployment's contributor is a declared guarantor",
      "forces are deployed under the guarantee by its guarantors",
      fix="declare the contributor under guarantors with its roles")
def deploy_guarantor(ctx: Context) -> Iterator[Hit]:
    for i, dep in enumerate(ctx.deployments):
        if dep.contributor in ctx.parties and dep.contributor not in ctx.guarantors:
            yield Hit((*_DEPLOYMENTS, i, "contributor"),
                      f"deployment '{dep.id}' is contributed by '{dep.contributor}', which is "
                      "not a guarantor",
                      f"declare '{dep.contributor}' under guarantors with its roles")


@rule("E-DEPLOY-OBSERVER", "error",
      "a guarantor whose only roles are `observer` deploys forces (unless `ruled_out`)",
      "an observer does not put forces in the field",
      fix="give the guarantor a contributor role, or mark the deployment ruled_out")
def deploy_observer(ctx: Context) -> Iterator[Hit]:
    for i, dep in enumerate(ctx.deployments):
        if _active(dep) and ctx.observer_only(dep.contributor):
            yield Hit((*_DEPLOYMENTS, i, "contributor"),
                      f"'{dep.contributor}' is only an observer but deploys '{dep.id}' "
                      f"({dep.status})",
                      f"give '{dep.contributor}' a contributor role, or mark the deployment "
                      "ruled_out")


def _caveat_conflict(code: str, dep) -> str | None:
    """Which field of the deployment the caveat ``code`` rules out, or None."""
    kind, force_type = dep.location.kind, dep.force_type
    if code == "no_forces_in_ukraine" and kind in INSIDE:
        return "location"
    if code == "no_ground_troops_in_ukraine" and kind in ON_LAND \
            and force_type not in ("air", "maritime"):
        return "location"
    if code == "no_ground_combat_troops_in_ukraine" and kind in ON_LAND \
            and force_type in ("land", "special_operations"):
        return "location"
    if code == "away_from_contact_line" and kind == "ukraine_contact_line_zone":
        return "location"
    if code == "post_ceasefire_only" and kind in INSIDE and dep.timing is not None \
            and dep.timing.anchor not in CEASEFIRE_ANCHORS:
        return "timing"
    return None


@rule("E-CAVEAT-VIOLATION", "error",
      "a deployment contradicts its contributor's caveat (`no_forces_in_ukraine`, "
      "`no_ground_troops…`, `no_ground_combat…` for land/SOF, `away_from_contact_line` versus "
      "`ukraine_contact_line_zone`, `post_ceasefire_only`); `ruled_out` entries are exempt",
      "DE/IT/PL/RO: no troops in Ukraine; US: \"no boots on the ground\"",
      fix="move the deployment, change its force type, or mark it ruled_out")
def caveat_violation(ctx: Context) -> Iterator[Hit]:
    for i, dep in enumerate(ctx.deployments):
        if not _active(dep) or dep.contributor not in ctx.guarantors:
            continue
        g, guarantor = ctx.guarantors[dep.contributor]
        for c, caveat in enumerate(guarantor.caveats):
            field = _caveat_conflict(caveat.code, dep)
            if field is None:
                continue
            where = ("location", "kind") if field == "location" else ("timing", "anchor")
            value = dep.location.kind if field == "location" else dep.timing.anchor
            yield Hit((*_DEPLOYMENTS, i, *where),
                      f"'{dep.id}' ({dep.force_type}, {value}) contradicts the caveat "
                      f"{caveat.code} of '{dep.contributor}' (guarantors[{g}].caveats[{c}])",
                      "move the deployment, change its force type, or mark it ruled_out")


@rule("W-DEPLOY-BEFORE-CEASEFIRE", "warning",
      "a deployment inside Ukraine is not tied to a ceasefire or peace agreement (its timing, or "
      "the scope's activation event)", "Paris 2026: the force deploys after a credible cessation "
      "of hostilities",
      fix="anchor the deployment's timing to ceasefire_in_force or peace_agreement_in_force")
def deploy_before_ceasefire(ctx: Context) -> Iterator[Hit]:
    scope = ctx.sheet.scope
    activated_by_ceasefire = scope is not None and scope.activation.event in CEASEFIRE_ANCHORS
    for i, dep in enumerate(ctx.deployments):
        if not _active(dep) or dep.location.kind not in INSIDE:
            continue
        entry = ctx.guarantors.get(dep.contributor)
        if entry and any(c.code == "post_ceasefire_only" for c in entry[1].caveats):
            continue  # E-CAVEAT-VIOLATION speaks for it
        if dep.timing is None:
            if not activated_by_ceasefire:
                yield Hit((*_DEPLOYMENTS, i),
                          f"'{dep.id}' deploys inside Ukraine ({dep.location.kind}) with no "
                          "timing, and the arrangement is not activated by a ceasefire",
                          "add timing: {anchor: ceasefire_in_force}")
        elif dep.timing.anchor not in CEASEFIRE_ANCHORS:
            yield Hit((*_DEPLOYMENTS, i, "timing", "anchor"),
                      f"'{dep.id}' deploys inside Ukraine from {dep.timing.anchor}, not from a "
                      "ceasefire or peace agreement",
                      "anchor it to ceasefire_in_force or peace_agreement_in_force")


def _located(ctx: Context):
    for i, node in enumerate(ctx.command_nodes):
        yield ("forces", "command_nodes", i), node
    for i, dep in enumerate(ctx.deployments):
        yield (*_DEPLOYMENTS, i), dep


@rule("W-LOCATION-TBD", "warning", "`location.kind: tbd` without `options`",
      "Jan 2026: it was unclear where US troops would be",
      fix="list the candidate location kinds under location.options")
def location_tbd(ctx: Context) -> Iterator[Hit]:
    for loc, node in _located(ctx):
        if node.location.kind == "tbd" and not node.location.options:
            yield Hit((*loc, "location", "kind"),
                      f"the location of '{node.id}' is tbd with no options",
                      "list the candidate kinds under location.options")


@rule("W-LOCATION-COUNTRY", "warning",
      "`location.country` contradicts `location.kind` (inside Ukraine but not UA, or a "
      "third-country/neighbouring location in UA)", "keeps the map and the table consistent",
      fix="correct location.country or location.kind")
def location_country(ctx: Context) -> Iterator[Hit]:
    outside = ("neighbouring_nato_territory", "third_country_headquarters")
    for loc, node in _located(ctx):
        location = node.location
        country = location.country
        if country is None:
            continue
        if (location.kind in INSIDE and country != "UA") or \
                (location.kind in outside and country == "UA"):
            yield Hit((*loc, "location", "country"),
                      f"'{node.id}' is located in {country} but its location kind is "
                      f"{location.kind}",
                      "correct the country or the location kind")


@rule("E-REF-COMMAND", "error",
      "a deployment's `command` and a command node's `parent` resolve to command nodes, without "
      "cycles", "the command tree is printed from these links",
      fix="correct the id, or declare the node under forces.command_nodes; break any cycle of "
          "parents")
def ref_command(ctx: Context) -> Iterator[Hit]:
    index = ctx.command_index
    declare = "declare it under forces.command_nodes"
    for i, dep in enumerate(ctx.deployments):
        if dep.command is not None and dep.command not in index:
            yield Hit((*_DEPLOYMENTS, i, "command"),
                      f"command '{dep.command}' of '{dep.id}' is not a declared command node",
                      missing_ref_hint(dep.command, "command node", index, ctx.kind_of(dep.command),
                                       declare))
    nodes = ctx.command_nodes
    for i, node in enumerate(nodes):
        if node.parent is None:
            continue
        loc = ("forces", "command_nodes", i, "parent")
        if node.parent == node.id:
            yield Hit(loc, f"command node '{node.id}' is its own parent")
        elif node.parent not in index:
            yield Hit(loc, f"parent '{node.parent}' of '{node.id}' is not a declared command node",
                      missing_ref_hint(node.parent, "command node", index,
                                       ctx.kind_of(node.parent), declare))
    yield from _command_cycles(ctx)


def _command_cycles(ctx: Context) -> Iterator[Hit]:
    index, nodes = ctx.command_index, ctx.command_nodes
    reported: set[str] = set()
    for i, node in enumerate(nodes):
        path, current = [node.id], node.parent
        while current is not None and current in index and current not in path:
            path.append(current)
            current = nodes[index[current]].parent
        if current == node.id and len(path) > 1 and not reported.intersection(path):
            reported.update(path)
            chain = " → ".join([*path, node.id])
            yield Hit(("forces", "command_nodes", i, "parent"),
                      f"command nodes form a cycle: {chain}",
                      "one node at the top of the tree has no parent")


@rule("E-STRENGTH-RANGE", "error", "a strength has `min` greater than `max`",
      "a range must be a range",
      fix="swap min and max")
def strength_range(ctx: Context) -> Iterator[Hit]:
    for loc, node in ctx.nodes:
        if isinstance(node, Strength) and node.min is not None and node.max is not None \
                and node.min > node.max:
            yield Hit((*loc, "min"), f"strength min {node.min:,} is greater than max {node.max:,}",
                      "swap the two numbers")


@rule("W-STRENGTH-EXCEEDS", "warning",
      "the deployments' numeric strengths (lower bounds, same unit, not ruled out) add up to more "
      "than `forces.total_strength.max`", "MNF-U: a reported 15–30k range",
      fix="raise forces.total_strength.max, or correct the deployments' strengths")
def strength_exceeds(ctx: Context) -> Iterator[Hit]:
    forces = ctx.sheet.forces
    total = forces.total_strength if forces else None
    if total is None or total.max is None:
        return
    counted, parts = 0, []
    for dep in ctx.deployments:
        strength = dep.strength
        if not _active(dep) or strength is None or strength.unit != total.unit:
            continue
        lower = strength.min if strength.min is not None else strength.max
        if lower:
            counted += lower
            parts.append(dep.id)
    if counted > total.max:
        yield Hit(("forces", "total_strength", "max"),
                  f"deployments add up to at least {counted:,} {total.unit} "
                  f"({', '.join(parts)}), more than the total maximum of {total.max:,}",
                  "raise the total or correct the deployments' strengths")


_FORCE_DOMAINS = {
    "land": "land", "special_operations": "land", "air": "air", "air_defence": "air_defence",
    "maritime": "maritime", "logistics": "logistics", "training_mission": "regeneration",
}
_UMBRELLA = {"land": "reassurance_force", "air": "reassurance_force",
             "air_defence": "reassurance_force", "maritime": "reassurance_force"}


@rule("W-DOMAIN-LEAD-MISSING", "warning",
      "deployments in a domain (by force type) but no `lead`/`co_lead` for it, for its umbrella "
      "(`reassurance_force`) or `overall`", "someone must lead each component of the force",
      fix="give one guarantor a lead or co_lead role in that domain (or in overall)")
def domain_lead_missing(ctx: Context) -> Iterator[Hit]:
    led = {r.domain for _, g in ctx.guarantors.values() for r in g.roles
           if r.role in ("lead", "co_lead")}
    if "overall" in led:
        return
    reported: set[str] = set()
    for i, dep in enumerate(ctx.deployments):
        domain = _FORCE_DOMAINS.get(dep.force_type)
        if domain is None or not _active(dep) or domain in reported:
            continue
        if domain in led or _UMBRELLA.get(domain) in led:
            continue
        reported.add(domain)
        yield Hit((*_DEPLOYMENTS, i, "force_type"),
                  f"'{dep.id}' deploys {dep.force_type} forces, but no guarantor leads the "
                  f"{domain} domain", f"give one guarantor a lead or co_lead role in {domain}")

