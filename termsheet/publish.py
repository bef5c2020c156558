"""Safe publication of rendered files: checked paths, atomic writes, all formats or none.

Rendering happens in memory. Only when every requested format of a file has
been produced are the results written, each to a temporary file in the target
folder and then moved into place with ``os.replace``. An earlier good output is
therefore replaced only by a complete new one, and never half-written.
"""

import os
import tempfile
from pathlib import Path

from termsheet.errors import OutputError

EXTENSIONS = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "md": ".md", "json": ".json"}


def prepare_out_dir(out_dir: Path) -> Path:
    """Create the output folder if needed; refuse a symlink or a file in its place."""
    if out_dir.is_symlink():
        raise OutputError(f"{out_dir}: the output folder is a symbolic link; give a real folder")
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out_dir}: cannot create the output folder ({error.strerror})") from error
    return out_dir


def plan_outputs(stem: str, out_dir: Path, formats, inputs) -> dict[str, Path]:
    """Target path per format; refuse targets that are inputs, folders or symlinks."""
    protected = {Path(path).resolve() for path in inputs}
    targets = {}
    for fmt in formats:
        target = out_dir / f"{stem}{EXTENSIONS[fmt]}"
        if target.is_symlink():
            raise OutputError(f"{target}: is a symbolic link; refusing to write through it")
        if target.is_dir():
            raise OutputError(f"{target}: is a folder; refusing to replace it")
        if target.resolve() in protected:
            raise OutputError(f"{target}: is one of the input files; refusing to overwrite it")
        targets[fmt] = target
    return targets


def publish(files: dict[Path, bytes]) -> list[Path]:
    """Write every file atomically; if any cannot be written, none is replaced."""
    staged: list[tuple[str, Path]] = []
    try:
        for target, content in files.items():
            staged.append((_stage(target, content), target))
        for temporary, target in staged:
            os.replace(temporary, target)
    except OSError as error:
        for temporary, _ in staged:
            _remove_quietly(temporary)
        raise OutputError(f"cannot write {error.filename or 'output'}: {error.strerror}") from error
    return [target for _, target in staged]


def _stage(target: Path, content: bytes) -> str:
    """Write ``content`` to a new temporary file beside ``target`` and return its path."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
    except BaseException:
        _remove_quietly(temporary)
        raise
    return temporary


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
