"""The consolidation in a few lines for the terminal: the convergence summary, then each
provision that is not agreed, with who holds which wording."""

from __future__ import annotations

from termsheet.compare.consolidation import (
    DISPUTED, PARTIAL, SINGLE_PARTY, UNADDRESSED, Consolidation, Row, convergence_line,
)

_LISTED = ((DISPUTED, "Disputed"), (PARTIAL, "Addressed by some versions only"),
           (SINGLE_PARTY, "Addressed by one version only"),
           (UNADDRESSED, "Addressed by no version (base or compromise only)"))


def _holders(row: Row, consolidation: Consolidation) -> str:
    labels = [version.label for version in consolidation.versions]
    groups = " | ".join(", ".join(labels[i] for i in group.versions) for group in row.groups)
    absent = [labels[i] for i, cell in enumerate(row.cells) if not cell.addressed]
    if absent:
        groups += f" (not addressed: {', '.join(absent)})" if groups else "no version"
    return groups


def write_consolidate_summary(consolidation: Consolidation, *, max_lines: int = 40) -> str:
    """The summary as plain text."""
    lines = ["Consolidation of " + ", ".join(
        f"{version.label} ({version.info.file or version.info.doc_id}, {version.info.version})"
        for version in consolidation.versions)]
    if consolidation.base is not None:
        lines.append(f"Base: {consolidation.base.info.file or consolidation.base.info.doc_id} "
                     f"({consolidation.base.info.version})")
    if consolidation.compromise is not None:
        lines.append(f"Compromise: {consolidation.compromise.info.file} "
                     f"({consolidation.compromise.info.version})")
    lines.append(convergence_line(consolidation))
    for status, heading in _LISTED:
        rows = [row for row in consolidation.rows if row.status == status]
        if not rows:
            continue
        lines += ["", f"{heading}:"]
        for row in rows[:max_lines]:
            state = f" [{row.state}]" if row.state and row.state != "unchanged" else ""
            lines.append(f"  {row.id}: {row.label} — {_holders(row, consolidation)}{state}")
        if len(rows) > max_lines:
            lines.append(f"  … and {len(rows) - max_lines} more (see the JSON output)")
    return "\n".join(lines) + "\n"
