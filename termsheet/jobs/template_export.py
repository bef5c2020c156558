"""``termsheet templates export DIR``: the packaged templates and styles, written out to start from.

Every file of the packaged template folder, at the place a ``--templates`` folder
gives it (``wording/``, ``html/``, ``styles/``), including the commented examples
``styles/extra.css`` and ``styles/styles.yaml``, which change nothing until edited:
the exported folder, used as ``--templates``, renders exactly as the defaults do.
The Typst templates and the bundled fonts are left out: the Typst PDF engine reads only
the packaged ones (a ``--templates`` folder does not override them).
"""

from __future__ import annotations

from pathlib import Path

from termsheet.jobs.samples import FilesExist
from termsheet.resources import TemplateSet

__all__ = ["FilesExist", "export_templates", "planned_files"]

ENGINE_FOLDERS = ("typst", "fonts")
"""Packaged folders that a ``--templates`` folder does not override: not exported."""


def planned_files(folder: Path) -> dict[Path, Path]:
    """Each file :func:`export_templates` writes into ``folder``, with the packaged file it copies."""
    root = TemplateSet().default
    return {
        folder / source.relative_to(root): source
        for source in sorted(root.rglob("*"))
        if source.is_file() and _exported(source.relative_to(root).parts)
    }


def export_templates(folder: Path, *, force: bool = False) -> list[Path]:
    """Write the packaged templates into ``folder`` (created if missing); the paths written.

    Without ``force``, raises :class:`FilesExist` before anything is written if any
    of the files exists; ``OSError`` if a file cannot be written. A symlink in the
    way is replaced by a file, never written through.
    """
    files = planned_files(folder)
    existing = [path for path in files if path.exists() or path.is_symlink()]
    if existing and not force:
        raise FilesExist(existing)
    for path, source in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            path.unlink()
        path.write_bytes(source.read_bytes())
    return list(files)


def _exported(parts: tuple[str, ...]) -> bool:
    return (parts[0] not in ENGINE_FOLDERS
            and not any(part.startswith((".", "__")) for part in parts))
