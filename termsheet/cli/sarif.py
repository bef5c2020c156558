"""SARIF 2.1.0 output (``--format sarif``) for GitHub code scanning and other SARIF viewers.

One log with one run.  ``tool.driver`` names termsheet and describes each rule
that occurs, with what it reports, why and how to fix it, as ``termsheet
explain`` does.  Each diagnostic is a result located
by a path relative to the repository root (``uriBaseId`` ``%SRCROOT%``; relative
to ``GITHUB_WORKSPACE`` when given) and a region whose 1-based lines and columns
count Unicode code points, end exclusive — as in every other format.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from termsheet import __version__
from termsheet.source.diagnostics import Diagnostic
from termsheet.source.suppress import INVALID_CODE

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HOMEPAGE = "https://github.com/termsheet/termsheet"
LINT_RULES_DOC = f"{HOMEPAGE}/blob/main/docs/lint-rules.md"
CLI_DOC = f"{HOMEPAGE}/blob/main/docs/cli.md"
#: The base of every relative artifact URI: the root of the checked-out repository.
SRCROOT = "%SRCROOT%"


#: Codes that ``termsheet explain`` does not describe: code → (what it reports, more help).
OTHER_CODES = {
    INVALID_CODE: ("a disable comment that switches nothing off (malformed, an unknown code,"
                   " or an error code)", f"{CLI_DOC}#disabling-lint-warnings"),
}


def format_sarif(diagnostics: Sequence[Diagnostic], *, exit_code: int | None = None,
                 workspace: str | None = None) -> str:
    """One SARIF log (JSON text) with a result per diagnostic, in the order given."""
    rules: list[dict] = []
    index: dict[str, int] = {}
    results = []
    for d in diagnostics:
        if d.code not in index:
            index[d.code] = len(rules)
            rules.append(rule_descriptor(d.code, d.severity))
        results.append(sarif_result(d, index[d.code], workspace))
    run: dict = {
        "tool": {"driver": {"name": "termsheet", "version": __version__,
                            "semanticVersion": __version__, "informationUri": HOMEPAGE,
                            "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if exit_code is not None:
        run["invocations"] = [{"executionSuccessful": exit_code in (0, 1), "exitCode": exit_code}]
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def rule_descriptor(code: str, severity: str) -> dict:
    """The ``reportingDescriptor`` of ``code``, from ``termsheet explain`` where it knows the code
    (``severity`` is the level of a code it does not know)."""
    from termsheet.source.explain import find

    known = find(code)
    if known is None:
        summary, help_uri = OTHER_CODES.get(code, (f"{code}: a file or rendering problem", CLI_DOC))
        return _descriptor(code, severity, [(None, summary)], help_uri, "other")
    parts = [(None, known.summary), ("Why", known.why), ("Fix", known.fix)]
    parts = [(label, body) for label, body in parts if body and body != "—"]
    if known.kind == "lint rule":
        return _descriptor(code, known.severity, parts, LINT_RULES_DOC, "lint")
    return _descriptor(code, known.severity, parts, known.see or CLI_DOC, known.kind.split()[0])


def _descriptor(code: str, level: str, parts: list[tuple[str | None, str]], help_uri: str,
                tag: str) -> dict:
    text = "\n".join(f"{label}: {body}" if label else body for label, body in parts)
    markdown = "\n\n".join(f"**{label}:** {body}" if label else body for label, body in parts)
    return {
        "id": code,
        "name": _name(code),
        "shortDescription": {"text": parts[0][1]},
        "fullDescription": {"text": ". ".join(
            f"{label}: {body}" if label else body for label, body in parts) + "."},
        "help": {"text": f"{text}\nSee {help_uri}",
                 "markdown": f"{markdown}\n\nSee <{help_uri}>."},
        "helpUri": help_uri,
        "defaultConfiguration": {"level": level},
        "properties": {"tags": [tag]},
    }


def _name(code: str) -> str:
    """``E-REF-PARTY`` → ``RefParty``; ``literal_error`` → ``LiteralError``."""
    words = code.replace("_", "-").split("-")
    if len(words) > 1 and words[0] in ("E", "W"):
        words = words[1:]
    return "".join(word.capitalize() for word in words if word)


def sarif_result(d: Diagnostic, rule_index: int, workspace: str | None = None) -> dict:
    """The SARIF ``result`` of one diagnostic."""
    message = (f"{d.field}: " if d.field else "") + d.message
    if d.hint:
        message += f"\nhint: {d.hint}"
    if d.span is None:  # a problem with the whole file: its first position
        region = {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}
    else:
        s = d.span
        region = {"startLine": s.line, "startColumn": s.column,
                  "endLine": s.end_line, "endColumn": s.end_column}
    result = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": d.severity,
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact_location(d.file, workspace),
            "region": region,
        }}],
    }
    if d.omitted:  # "… and N more": how many results of this rule it stands for
        result["properties"] = {"omitted": d.omitted}
    return result


def artifact_location(file: str, workspace: str | None = None) -> dict:
    """``{"uri", "uriBaseId"}`` of a file: relative to the repository root (``workspace``,
    else the current folder); a ``file:`` URI for a file outside it given by absolute path."""
    path = github_path(file, workspace)
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path.replace(os.sep, "/")), "uriBaseId": SRCROOT}


def github_path(file: str, workspace: str | None) -> str:
    """``file`` relative to ``workspace`` (``GITHUB_WORKSPACE``), where GitHub looks for it.

    A file outside the workspace, or a name such as ``<stdin>``, is kept as given.
    """
    if not workspace or file.startswith("<"):
        return file
    absolute = os.path.abspath(file)
    folder = os.path.realpath(os.path.dirname(absolute))  # the workspace may be reached by a link
    try:
        relative = os.path.relpath(os.path.join(folder, os.path.basename(absolute)),
                                   os.path.realpath(workspace))
    except ValueError:  # another drive on Windows
        return file
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return file
    return relative.replace(os.sep, "/")
