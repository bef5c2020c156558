"""Safe publication of rendered files: checked paths, atomic writes, all formats or none.

Rendering happens in memory. Only when every requested format of a file has
been produced are the results written, each to a temporary file in the target
folder and then moved into place with ``os.replace``. An earlier good output is
therefore replaced only by a complete new one, and never half-written.
"""

import errno
import os
import secrets
import tempfile
from pathlib import Path

from termsheet.errors import OutputError
from termsheet.jobs.interrupts import deferred

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
    """Write every file atomically; if any cannot be written, none is replaced.

    Each file is staged beside its target first. Only then are the targets replaced,
    one ``os.replace`` each; an earlier version of each target is kept (as a hard link)
    until all of them are in place, so that a failure half-way puts the earlier files
    back and removes the new ones that had no earlier version. Ctrl-C and SIGTERM
    wait until the publication is complete (or undone), which takes moments.
    """
    with deferred():
        return _publish(files)


def _publish(files: dict[Path, bytes]) -> list[Path]:
    staged: list[tuple[str, Path]] = []
    replaced: list[tuple[Path, str | None]] = []
    current: Path | None = None
    try:
        for current, content in files.items():
            staged.append((_stage(current, content), current))
        for temporary, current in staged:
            backup = _keep_earlier(current)
            try:
                os.replace(temporary, current)
            except BaseException:
                if backup is not None:
                    _remove_quietly(backup)
                raise
            replaced.append((current, backup))
    except BaseException as error:
        _roll_back(replaced)
        for temporary, _ in staged:
            _remove_quietly(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {current or 'the output'}: {error.strerror or error}; "
                              "no output of this file was changed") from error
        raise
    for _, backup in replaced:
        if backup is not None:
            _remove_quietly(backup)
    return [target for _, target in staged]


def _keep_earlier(target: Path) -> str | None:
    """A hard link to the file now at ``target`` (None when there is none), for a roll-back."""
    if not target.exists():
        return None
    for _ in range(100):
        backup = str(target.parent / f".{target.name}.{secrets.token_hex(6)}.bak")
        try:
            os.link(target, backup)
            return backup
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links: keep a copy instead
            return _stage(target, target.read_bytes())
    raise FileExistsError(errno.EEXIST, "cannot name a backup file", str(target))


def _roll_back(replaced: list[tuple[Path, str | None]]) -> None:
    """Put back what stood at each replaced target before this publication."""
    for target, backup in reversed(replaced):
        try:
            if backup is None:
                os.unlink(target)
            else:
                os.replace(backup, target)
        except OSError:
            pass


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
