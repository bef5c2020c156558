"""Fields shared by every provision: where it comes from and whether it is agreed."""

from pydantic import field_validator

from termsheet.schema.types import Id, Model, Ref, Text, items
from termsheet.schema.vocab import Basis, TextStatus


class Provenance(Model):
    """Where a statement comes from."""

    basis: Basis = "illustrative"
    """`reported` (needs source_refs), `paraphrased_official`, `illustrative` (invented for this file) or `inferred`."""
    source_refs: items(Ref) = ()
    """Ids of entries in `sources` that support this statement."""
    notes: Text | None = None
    """Drafting notes: context, conflicting reports, why this wording was chosen."""


class Provision(Provenance):
    """A negotiated provision: provenance plus the status of its text."""

    text_status: TextStatus = "agreed"
    """`agreed`, `bracketed` (disputed, printed in square brackets), `alternative` or `for_discussion`."""
    proposed_by: Ref | None = None
    """Party that proposed bracketed or alternative text (printed with the brackets)."""
    replaces: Id | None = None
    """For a provision with an `id`: the id it had in an earlier version (comparisons pair the two)."""

    @field_validator("replaces")
    @classmethod
    def _replaces_needs_an_id(cls, value: str | None) -> str | None:
        if value is not None and "id" not in cls.model_fields:
            raise ValueError("only a provision with an id can say which id it replaces")
        return value
