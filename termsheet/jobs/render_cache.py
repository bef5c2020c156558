"""The render cache: a term file whose outputs are already current is not rendered again.

The same input, templates, options and versions give byte-identical outputs. So each
render of ``termsheet render`` (`termsheet.jobs.batch.render_batch` with ``cache``)
leaves, beside its outputs, a small hidden record, ``.STEM.termsheet-cache.json``
in the output folder, published in the same all-or-nothing publication as the outputs
(`termsheet.jobs.publish`, the record last), never on its own. It holds:

``key``
    sha256 over the input's name and bytes and the job's key (:func:`job_key`): every
    file of the templates in effect (the ``--templates`` folder's and the packaged ones,
    names and bytes), every option that changes output bytes
    (`RenderOptions.output_settings`), the environment the writers read
    (:data:`KEY_ENVIRONMENT`), termsheet's version and the versions of the libraries
    that make the bytes (:data:`KEY_LIBRARIES`);
``outputs``
    the sha256 of every file written, by name.

A file is current when its record has this render's key and every recorded output is
in place, a regular file with its recorded hash: a changed input, template or option,
a deleted or edited output, each makes it render again. A failed or interrupted render
publishes nothing, so no record ever describes outputs that are not there.

Not in the key: the fonts installed on the system and the system's libraries (Pango,
HarfBuzz, fontconfig); after changing those, render with ``--force``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from termsheet import __version__
from termsheet.errors import OutputError
from termsheet.jobs.publish import NAME_MAX, OutputFolder, open_folder, plan_outputs
from termsheet.resources import TemplateSet
from termsheet.templates_folder import MAX_TEMPLATE_FILE_BYTES, read_regular_file, regular_files

RECORD_FORMAT = 1
"""The version of the record's layout; a record of another version is not current."""

RECORD_SUFFIX = ".termsheet-cache.json"

KEY_LIBRARIES = ("weasyprint", "pydyf", "fonttools", "python-docx", "lxml", "typst", "jinja2")
"""Distributions whose version decides output bytes (looked up without importing them)."""

KEY_ENVIRONMENT = ("SOURCE_DATE_EPOCH",)
"""Environment variables the writers read."""


def job_key(settings: Mapping[str, object], templates: Path | None,
            environ: Mapping[str, str] | None = None) -> str:
    """sha256 over what decides every output of a render job but the input itself:
    ``settings`` (the options that change output bytes), the template files in effect
    (``templates``: the ``--templates`` folder, or None), the environment the writers
    read, and the versions of termsheet, Python and :data:`KEY_LIBRARIES`."""
    environ = os.environ if environ is None else environ
    described = {
        "record": RECORD_FORMAT,
        "termsheet": __version__,
        "python": list(sys.version_info[:3]),
        "libraries": library_versions(),
        "environment": {name: environ.get(name, "").strip() for name in KEY_ENVIRONMENT},
        "settings": settings,
    }
    digest = hashlib.sha256(json.dumps(described, sort_keys=True).encode("utf-8"))
    _add_templates(digest, TemplateSet(templates))
    return digest.hexdigest()


def library_versions() -> dict[str, str | None]:
    """The installed version of each of :data:`KEY_LIBRARIES` (None: not installed)."""
    versions: dict[str, str | None] = {}
    for name in KEY_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def _add_templates(digest, templates: TemplateSet) -> None:
    """Every regular file of every root of ``templates``, by root, name and bytes, in a
    stable order (a `TemplateConfigError` for an office's file that cannot be read safely)."""
    for label, root in zip(("office", "packaged") if templates.override else ("packaged",),
                           templates.roots()):
        for relative in regular_files(root):
            data, _mtime = read_regular_file(root / relative, relative, MAX_TEMPLATE_FILE_BYTES)
            digest.update(f"{label}\0{relative}\0{len(data)}\0".encode("utf-8"))
            digest.update(hashlib.sha256(data).digest())


def file_key(job: str, name: str, data: bytes) -> str:
    """The key of one input: the job's key, the file's name (the documents show it) and
    its bytes."""
    digest = hashlib.sha256(f"{job}\0{name}\0".encode("utf-8"))
    digest.update(data)
    return digest.hexdigest()


def record_name(stem: str) -> str | None:
    """The record's file name for an input named ``stem``; None when the name would be too
    long for a file system (that input is then never taken as current)."""
    name = f".{stem}{RECORD_SUFFIX}"
    return name if len(os.fsencode(name)) <= NAME_MAX else None


def record_file(folder: OutputFolder, stem: str, key: str,
                outputs: Mapping[Path, bytes]) -> dict[Path, bytes]:
    """``{record path: record bytes}`` to publish with ``outputs`` (empty when the record
    cannot be named)."""
    name = record_name(stem)
    if name is None:
        return {}
    record = {"record": RECORD_FORMAT, "key": key,
              "outputs": {path.name: _sha256(data) for path, data in outputs.items()}}
    return {folder.path / name: (json.dumps(record, indent=1, sort_keys=True) + "\n").encode()}


def current_outputs(out_dir: Path, stem: str, key: str, formats, inputs) -> list[Path] | None:
    """The outputs of ``stem`` in ``out_dir`` when they are current for ``key`` (see the
    module's description), in the order of ``formats``; None when the file must be
    rendered. Reads, never writes; a folder or target a render would refuse is not current."""
    if not out_dir.is_dir():
        return None
    try:
        with open_folder(out_dir) as folder:
            targets = plan_outputs(stem, folder, formats, inputs)
            if not _recorded(folder, stem, key, [target.name for target in targets.values()]):
                return None
    except OutputError:
        return None
    return list(targets.values())


def _recorded(folder: OutputFolder, stem: str, key: str, names: list[str]) -> bool:
    """Whether the record of ``stem`` has ``key`` and names exactly ``names``, each in
    place with its recorded hash."""
    record = _read_record(folder, stem)
    if record is None or record.get("key") != key:
        return False
    outputs = record.get("outputs")
    if not isinstance(outputs, dict) or set(outputs) != set(names):
        return False
    return all(_hash_in(folder, name) == outputs[name] for name in names)


def _read_record(folder: OutputFolder, stem: str) -> dict | None:
    name = record_name(stem)
    if name is None:
        return None
    try:
        record = json.loads(folder.read(name))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("record") != RECORD_FORMAT:
        return None
    return record


def _hash_in(folder: OutputFolder, name: str) -> str | None:
    try:
        return _sha256(folder.read(name))
    except OSError:
        return None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
