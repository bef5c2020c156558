"""Errors that termsheet reports to the user (never as a traceback)."""


class TermsheetError(Exception):
    """A problem the user can fix; carries a stable code for diagnostics."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code:
            self.code = code


class RenderError(TermsheetError):
    """A document could not be rendered from valid input (a missing glyph, a refused resource)."""

    code = "render-error"


class OutputError(TermsheetError):
    """An output path is unsafe or cannot be written (exit status 2)."""

    code = "output-error"


class TemplateConfigError(RenderError):
    """A file of the ``--templates`` folder is broken or misnamed: a configuration error
    (exit status 2), reported with the file and line as the user names them."""

    code = "template-error"


class MissingGlyphError(RenderError):
    """Characters that no font the stylesheet names can draw: ``characters``, first printed
    at ``where`` (a place in the document); ``detail`` says which and in which faces."""

    code = "missing-glyph"

    def __init__(self, detail: str, *, characters: tuple[str, ...], where: str):
        super().__init__(f"{where}: {detail}", field=where)
        self.detail = detail
        self.characters = characters
