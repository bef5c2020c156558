"""Project configuration: ``.termsheet.toml``, or ``[tool.termsheet]`` in ``pyproject.toml``.

The file is found by walking up from the current folder; in each folder a
``.termsheet.toml`` wins over a ``pyproject.toml``, and a ``pyproject.toml``
without a ``[tool.termsheet]`` table is passed over.  Keys::

    disable = ["W-COUNTERPARTY-VETO"]   # lint warnings to switch off
    strict = true                       # warnings fail too, as `validate --strict`

    [editions.press]                    # an edition of `render --edition press`
    base = "circulation"                # start from this edition (default "internal")
    sources = "none"                    # citations, footnotes or none
    banners = false                     # also: notes, basis, counterparty_positions, open_issues

Only lint warnings (``W-…``) can be switched off: an error means the term
file is wrong, and reading and schema problems mean it is not a term file.
Every problem with the configuration is a :class:`ConfigError` that names the
file (exit status 2).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termsheet.source.editions import BUILTIN, Edition, parse_edition
from termsheet.source.lint import disable_problem
from termsheet.source.paths import display_path
from termsheet.source.reading import Unreadable, open_regular

CONFIG_NAME = ".termsheet.toml"
PYPROJECT_NAME = "pyproject.toml"
KEYS = ("disable", "strict", "editions")


@dataclass(frozen=True)
class Config:
    """The settings of one run; ``path`` is the file they came from (``None``: defaults)."""

    disable: frozenset[str] = frozenset()
    strict: bool | None = None
    path: Path | None = None
    editions: tuple[tuple[str, Edition], ...] = ()
    """The office's own editions, by name (the built-in ones are not repeated here)."""


class ConfigError(Exception):
    """A configuration file that cannot be used; ``str()`` is ``file[:line[:column]]: message``."""

    def __init__(self, path: Path, message: str, line: int | None = None,
                 column: int | None = None) -> None:
        self.path, self.message, self.line, self.column = path, message, line, column
        where = display_path(path) + "".join(f":{n}" for n in (line, column) if n is not None)
        super().__init__(f"{where}: {message}")


def load_config(config_file: Path | None = None, *, isolated: bool = False,
                start: Path | None = None) -> Config:
    """The configuration of a run: ``config_file`` if given, else the one found from ``start``
    (default: the current folder); defaults with ``isolated`` or when there is none."""
    if isolated:
        return Config()
    if config_file is not None:
        return read_config(Path(config_file), explicit=True)
    found = find_config(Path.cwd() if start is None else start)
    return Config() if found is None else read_config(found)


def find_config(start: Path) -> Path | None:
    """The nearest ``.termsheet.toml``, or ``pyproject.toml`` with ``[tool.termsheet]``,
    in ``start`` or a folder above it."""
    for folder in (start.absolute(), *start.absolute().parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        candidate = folder / PYPROJECT_NAME
        if candidate.is_file() and "termsheet" in _tools(_read_toml(candidate)):
            return candidate
    return None


def read_config(path: Path, *, explicit: bool = False) -> Config:
    """The settings in ``path``: its ``[tool.termsheet]`` table for a ``pyproject.toml``,
    else the whole file."""
    data = _read_toml(path)
    if path.name != PYPROJECT_NAME:
        return parse_config(data, path, where="")
    tool = _tools(data)
    if "termsheet" not in tool:
        if explicit:
            raise ConfigError(path, "has no [tool.termsheet] table")
        return Config()
    table = tool["termsheet"]
    if not isinstance(table, dict):
        raise ConfigError(path, "[tool.termsheet] must be a table")
    return parse_config(table, path, where=" in [tool.termsheet]")


def parse_config(table: dict[str, Any], path: Path, where: str = "") -> Config:
    """Check the keys and values of a configuration table."""
    for key in table:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            guess = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(KEYS)}"
            raise ConfigError(path, f"unknown key '{key}'{where}{guess}")
    strict = table.get("strict")
    if strict is not None and not isinstance(strict, bool):
        raise ConfigError(path, f"'strict'{where} must be true or false")
    return Config(_disabled_codes(table.get("disable", []), path, where), strict, path,
                  _editions(table.get("editions", {}), path, where))


def _editions(value: Any, path: Path, where: str) -> tuple[tuple[str, Edition], ...]:
    """The ``[editions.NAME]`` tables, each checked against the editions defined before it."""
    if not isinstance(value, dict):
        raise ConfigError(path, f"'editions'{where} must be a table of [editions.NAME] tables")
    defined = dict(BUILTIN)
    for name, table in value.items():
        if name in BUILTIN:
            raise ConfigError(path, f"'editions.{name}'{where}: '{name}' is a built-in edition;"
                                    " give yours another name")
        edition = parse_edition(name, table, defined)
        if isinstance(edition, str):
            raise ConfigError(path, edition + where)
        defined[name] = edition
    return tuple((name, defined[name]) for name in value)


def editions(config: Config) -> dict[str, Edition]:
    """Every edition a run may name: the built-in ones, then the configuration's."""
    return {**BUILTIN, **dict(config.editions)}


def _disabled_codes(value: Any, path: Path, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ConfigError(path, f"'disable'{where} must be a list of rule codes,"
                                ' e.g. disable = ["W-PARTY-UNUSED"]')
    for code in value:
        problem = disable_problem(code)
        if problem:
            raise ConfigError(path, f"'disable'{where}: {problem}")
    return frozenset(value)


def drop_disabled(results: Iterable[Any], config: Config) -> None:
    """Remove the diagnostics of the codes ``config`` disables from each result."""
    if not config.disable:
        return
    for result in results:
        result.diagnostics = [d for d in result.diagnostics if d.code not in config.disable]


def _tools(pyproject: dict[str, Any]) -> dict[str, Any]:
    """The ``[tool]`` table of a ``pyproject.toml`` (empty if there is none)."""
    tool = pyproject.get("tool")
    return tool if isinstance(tool, dict) else {}


_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open_regular(path) as stream:
            text = stream.read().decode("utf-8")
    except Unreadable as error:
        raise ConfigError(path, error.reason) from None
    except OSError as exc:
        raise ConfigError(path, f"cannot read the file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(path, "invalid TOML: the file is not UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(path, str(exc), text) from None


def _toml_error(path: Path, message: str, text: str) -> ConfigError:
    """A TOML syntax error with its line and column (the last line for "end of document")."""
    match = _TOML_POSITION.search(message)
    if match is None:
        return ConfigError(path, f"invalid TOML: {message}")
    if match.group(1):
        line, column = int(match.group(1)), int(match.group(2))
    else:
        line = text.count("\n") + 1
        column = len(text.rsplit("\n", 1)[-1]) + 1
    return ConfigError(path, f"invalid TOML: {message[:match.start()]}", line, column)
