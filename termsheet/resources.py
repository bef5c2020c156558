"""Locate packaged data (templates, schemas, samples): in the wheel, or in the source tree."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder ``name`` (``templates``, ``schemas``, ``samples``) shipped with termsheet.

    A wheel carries them under ``termsheet/_data``; a source checkout or an editable
    install keeps them at the repository root.
    """
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name
