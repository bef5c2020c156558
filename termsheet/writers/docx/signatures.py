"""The signature block of an agreement-type document: for each signatory party, lines to
sign, print the name, the title and the date (`DocumentInfo.signatories`)."""

from __future__ import annotations

import contextlib

from termsheet.writers.furniture import SIGNATURE_LINES, signature_for
from termsheet.writers.docx.runs import InlineWriter, SubElement, add_paragraph, paragraph_properties, w
from termsheet.writers.docx.roles import StyleMap

RULE = "_" * 40


def write_signatures(body, signatories: list[tuple[str, str | None]], styles: StyleMap,
                     inline: InlineWriter, labels: dict[str, str], changed=None) -> None:
    """Append "Signatures" on a new page and one block per signatory (nothing when none).

    ``signatories`` pairs each party with its comparison mark (None in a term sheet);
    ``changed(paragraph, change)`` is the writer's context that marks a paragraph as a
    tracked change (a redline), so each version keeps its own signature block."""
    if not signatories:
        return
    changed = changed or (lambda paragraph, change: contextlib.nullcontext())
    marks = {change for _, change in signatories}
    whole = marks.pop() if len(marks) == 1 else None
    inline.where = "signatures"
    heading = add_paragraph(body, styles["document_type"])
    SubElement(paragraph_properties(heading), w("pageBreakBefore"))
    with changed(heading, whole):
        inline.run(heading, labels["signatures"])
    for party, change in signatories:
        lead = add_paragraph(body, styles["body"])
        properties = paragraph_properties(lead)
        SubElement(properties, w("keepNext"))
        SubElement(properties, w("spacing")).set(w("before"), "360")
        with changed(lead, change):
            inline.run(lead, signature_for(labels, party), ("strong",))
        for index, key in enumerate(SIGNATURE_LINES):
            line = add_paragraph(body, styles["body"])
            if index < len(SIGNATURE_LINES) - 1:
                SubElement(paragraph_properties(line), w("keepNext"))
            with changed(line, change):
                inline.run(line, f"{labels[key]}: {RULE}")
