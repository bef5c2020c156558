"""Sources behind reported provisions."""

from termsheet.schema.types import Date, Id, Model, ShortText, Url
from termsheet.schema.vocab import Reliability, SourceKind


class Source(Model):
    """A public source, with a reliability rating."""

    id: Id
    """Stable id, e.g. `src-paris-decl-2026`."""
    title: ShortText
    """Title of the article or document."""
    publisher: ShortText
    """Who published it (and whom it relays)."""
    date: Date | None = None
    """Publication date."""
    url: Url | None = None
    """Web address."""
    kind: SourceKind
    """`official_text`, `press_report`, `aggregator_or_mirror`, `state_media`, …"""
    reliability: Reliability
    """`high`, `medium` or `low`."""
