"""Semantic lint rules, one module per area of the domain.

Importing this package registers every rule in :data:`RULES` (in the order of
the modules below, which is the order of the documentation table).
"""

from termsheet.source.rules import (  # noqa: F401  (imported to register their rules)
    metadata, identity, parties, commitments, forces, monitoring, enforcement, final, territory,
    provenance, brackets,
)
from termsheet.source.rules.context import Context, order_key
from termsheet.source.rules.registry import RULES, Hit, Rule, rule

__all__ = ["Context", "Hit", "RULES", "Rule", "order_key", "rule"]
