"""``termsheet samples DIR``: copy the bundled samples, with the schema beside them.

The samples' first line is the editor modeline.  In the repository it points at
``../schemas/termsheet.schema.json``; in a copy it points at
``./termsheet.schema.json``, which is written into the same folder, so an
editor completes and checks fields offline, wherever the folder lands.
"""

from __future__ import annotations

from pathlib import Path

from termsheet.resources import data_dir
from termsheet.jobs.scaffold import MODELINE_PREFIX
from termsheet.schema.export import SCHEMA_FILENAME, schema_text

#: The modeline of a copied sample.
COPY_MODELINE = f"{MODELINE_PREFIX}./{SCHEMA_FILENAME}"


class FilesExist(FileExistsError):
    """Files that :func:`copy_samples` would overwrite (``paths``)."""

    def __init__(self, paths: list[Path]):
        super().__init__(f"{len(paths)} file(s) exist: " + ", ".join(map(str, paths)))
        self.paths = paths


def sample_files() -> list[Path]:
    """The bundled sample files (term files and their README), sorted by name."""
    folder = data_dir("samples")
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def with_local_modeline(text: str) -> str:
    """``text`` with its first line, if a schema modeline, pointing at the copied schema."""
    first, newline, rest = text.partition("\n")
    if not first.startswith(MODELINE_PREFIX):
        return text
    return COPY_MODELINE + newline + rest


def planned_files(folder: Path) -> dict[Path, bytes]:
    """Every file :func:`copy_samples` writes into ``folder``, with its content."""
    files: dict[Path, bytes] = {}
    for source in sample_files():
        data = source.read_bytes()
        if source.suffix in (".yaml", ".yml"):
            data = with_local_modeline(data.decode("utf-8")).encode("utf-8")
        files[folder / source.name] = data
    files[folder / SCHEMA_FILENAME] = schema_text().encode("utf-8")
    return files


def copy_samples(folder: Path, *, force: bool = False) -> list[Path]:
    """Write the samples and the schema into ``folder`` (created if missing); the paths written.

    Without ``force``, raises :class:`FilesExist` before anything is written
    if any of the files exists; ``OSError`` if a file cannot be written.
    """
    files = planned_files(folder)
    existing = [path for path in files if path.exists()]
    if existing and not force:
        raise FilesExist(existing)
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        path.write_bytes(data)
    return list(files)
