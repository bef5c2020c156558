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


class TemplateSet:
    """Template and style files: a drafting office's folder first, the packaged defaults second.

    Paths are relative to the templates root, e.g. ``wording/commitment.j2``,
    ``html/termsheet.html.j2``, ``styles/print.css``, ``styles/reference.docx``.
    """

    def __init__(self, override: Path | None = None):
        self.given = Path(override) if override else None
        """The override folder as the user named it (for messages)."""
        self.override = Path(override).resolve() if override else None
        self.default = data_dir("templates").resolve()

    def roots(self) -> list[Path]:
        """Folders searched, first match wins."""
        return [root for root in (self.override, self.default) if root is not None]

    def find(self, relative: str) -> Path:
        """The file ``relative`` from the first root that has it; FileNotFoundError otherwise."""
        for root in self.roots():
            candidate = root / relative
            if candidate.is_file():
                return candidate
        raise FileNotFoundError(f"template file not found: {relative}")

    def overridden(self, path: str | Path) -> str | None:
        """``path`` as the user names it (``DIR/wording/x.j2``) when it lies in the override
        folder, else None (a packaged file)."""
        if self.override is None or self.given is None or not Path(path).is_absolute():
            return None
        try:
            relative = Path(path).resolve().relative_to(self.override)
        except ValueError:
            return None
        return (self.given / relative).as_posix()
