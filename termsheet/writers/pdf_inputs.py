"""What both PDF engines check and fix before a layout: the attachment and the timestamp.

Shared by the WeasyPrint writers (:mod:`termsheet.writers.pdf`) and the Typst ones
(:mod:`termsheet.writers.typst_engine`), so that both refuse the same attachments and date
a document alike: from ``source_date``, else ``SOURCE_DATE_EPOCH``, else the document's own
date — never the clock.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from termsheet.errors import RenderError

_FILENAME = re.compile(r"^[^/\\\x00-\x1f\x7f]{1,255}$")


def fixed_timestamp(doc, source_date: str | None = None) -> str:
    """The creation date written into the PDF: ``source_date``, ``SOURCE_DATE_EPOCH``, the
    date of ``doc`` (anything with ``info.date``: a document, the texts of a comparison)."""
    if source_date is not None:
        as_datetime(source_date)
        return source_date
    from termsheet.writers.zipnorm import TimestampError, source_date_epoch

    try:
        moment = source_date_epoch()
    except TimestampError as error:
        raise RenderError(str(error), code="render-date") from None
    return doc.info.date if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def as_datetime(value: str) -> datetime:
    """A W3C date or date-time (``2026-02-02``, ``2026-02-02T10:00:00Z``) as an aware datetime."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise RenderError(f"not a date or date-time: {value!r}", code="render-date") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def check_attachment(attachment) -> None:
    """Refuse an attachment that is not a (plain file name, bytes) pair."""
    if attachment is None:
        return
    if (not isinstance(attachment, tuple) or len(attachment) != 2
            or not isinstance(attachment[0], str) or not isinstance(attachment[1], bytes)):
        raise TypeError("attachment must be a (filename, bytes) tuple")
    name = attachment[0]
    if not _FILENAME.match(name) or name in (".", ".."):
        raise RenderError(f"attachment name {name!r} must be a plain file name",
                          code="render-attachment")
