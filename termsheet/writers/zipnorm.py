"""Rewrite a zip archive (DOCX, XLSX…) so that the same content always gives the same bytes.

What varies between two saves of the same content is not the content but the
container: entry order, entry timestamps (the wall clock), permission bits (the
umask), the creating system, and the compression level. `normalize_zip` fixes
all of them:

- entries in a fixed order: the names in ``first`` (``[Content_Types].xml``,
  ``_rels/.rels`` — where OPC readers look first), then every other name sorted;
- every entry stamped with one timestamp (`fixed_timestamp`: ``SOURCE_DATE_EPOCH``
  when set, else the document's own date — never "now");
- regular files ``0644``, folders ``0755``, created by "Unix", no extra fields,
  no archive comment;
- deflate at a fixed level (stored entries stay stored).

The byte stream also depends on the zlib build: identical on one machine, not
promised across machines.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from typing import Iterable, Mapping

OPC_FIRST = ("[Content_Types].xml", "_rels/.rels")
"""Entries an OPC package (DOCX) puts first."""

COMPRESSLEVEL = 6
"""zlib's default level, written down so a library default cannot change it."""

_DOS_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
_DOS_END = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.timezone.utc)


class TimestampError(ValueError):
    """``SOURCE_DATE_EPOCH`` or a document date cannot be used as a timestamp."""


def fixed_timestamp(date: str | dt.date | None = None, *, environ: Mapping[str, str] | None = None
                    ) -> dt.datetime:
    """The one timestamp of a rendered file, in UTC.

    ``SOURCE_DATE_EPOCH`` (seconds since 1970, reproducible-builds.org) wins when set;
    otherwise midnight UTC of ``date`` (an ISO date such as ``"2026-02-02"``).
    A malformed value is an error, never a silent fallback to the clock.
    """
    epoch = source_date_epoch(environ)
    if epoch is not None:
        return epoch
    if date is None:
        raise TimestampError("no date for the file timestamp (set SOURCE_DATE_EPOCH or the document date)")
    return midnight_utc(date)


#: The latest ``SOURCE_DATE_EPOCH`` every output can hold: the last time a zip entry holds,
#: 2107-12-31 23:59:58 UTC.
MAX_SOURCE_DATE_EPOCH = int(_DOS_END.timestamp())
_EPOCH = re.compile(r"[0-9]{1,20}")


def source_date_epoch(environ: Mapping[str, str] | None = None) -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` as a UTC datetime, ``None`` when it is unset or blank.

    Only ASCII digits (seconds since 1970) up to :data:`MAX_SOURCE_DATE_EPOCH` are
    accepted; anything else is a :class:`TimestampError` naming the variable.
    """
    environ = os.environ if environ is None else environ
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if _EPOCH.fullmatch(value) is None or int(value) > MAX_SOURCE_DATE_EPOCH:
        shown = value if len(value) <= 40 else value[:39] + "…"
        raise TimestampError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 from 0 to"
            f" {MAX_SOURCE_DATE_EPOCH} (the end of 2107), not {shown!r}")
    return dt.datetime.fromtimestamp(int(value), tz=dt.timezone.utc)


def midnight_utc(date: str | dt.date) -> dt.datetime:
    """Midnight UTC of an ISO date string or a `datetime.date`."""
    if isinstance(date, dt.datetime):
        return date if date.tzinfo else date.replace(tzinfo=dt.timezone.utc)
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date.strip())
        except ValueError:
            raise TimestampError(f"not an ISO date (YYYY-MM-DD): {date!r}") from None
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)


def dos_date_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """``when`` as a zip entry's date_time, clamped to what the zip format can store (1980–2107)."""
    when = when.astimezone(dt.timezone.utc)
    if when < _DOS_EPOCH:
        when = _DOS_EPOCH
    if when > _DOS_END:
        raise TimestampError(f"{when.isoformat()} is after 2107, the last date a zip entry can hold")
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def entry_order(names: Iterable[str], first: Iterable[str] = OPC_FIRST) -> list[str]:
    """``names`` in the archive's fixed order: those listed in ``first`` (in that order), then sorted."""
    names = list(names)
    leading = [name for name in first if name in names]
    rest = sorted(name for name in names if name not in leading)
    return leading + rest


def write_zip(entries: Mapping[str, bytes], when: dt.datetime, *, first: Iterable[str] = OPC_FIRST,
              stored: Iterable[str] = ()) -> bytes:
    """A zip archive of ``entries`` (name → content) with fixed order, times and permissions."""
    stored = set(stored)
    date_time = dos_date_time(when)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in entry_order(entries, first):
            info = zipfile.ZipInfo(name, date_time)
            info.create_system = 3  # Unix, so that the permission bits below mean something
            is_dir = name.endswith("/")
            info.external_attr = ((0o40755 if is_dir else 0o100644) << 16) | (0x10 if is_dir else 0)
            if is_dir or name in stored:
                info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, entries[name])
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, entries[name], compresslevel=COMPRESSLEVEL)
    return buffer.getvalue()


def read_entries(data: bytes) -> tuple[dict[str, bytes], set[str]]:
    """The entries of a zip archive (name → content) and the names of those stored uncompressed.

    A name that occurs twice is an error: which copy a reader takes is undefined.
    """
    entries: dict[str, bytes] = {}
    stored: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename in entries:
                raise ValueError(f"zip archive holds {info.filename!r} twice")
            entries[info.filename] = archive.read(info)
            if info.compress_type == zipfile.ZIP_STORED:
                stored.add(info.filename)
    return entries, stored


def normalize_zip(data: bytes, when: dt.datetime, *, first: Iterable[str] = OPC_FIRST) -> bytes:
    """``data`` (a zip archive) rewritten with fixed order, timestamps, permissions and compression."""
    entries, stored = read_entries(data)
    return write_zip(entries, when, first=first, stored=stored)
