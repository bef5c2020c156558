"""Document metadata: illustrative marking, versions and translations."""

import re
from collections.abc import Iterator

from termsheet.source.rules.context import Context
from termsheet.source.rules.helpers import version_key
from termsheet.source.rules.registry import Hit, rule

_CLASSIFIED_LEVEL = re.compile(
    r"RESTRICTED|RESTREINT|CONFIDENTIAL|CONFIDENTIEL|SECRET|COSMIC|SENSITIVE", re.IGNORECASE)
_CLASSIFIED_CAVEAT = re.compile(r"EYES ONLY|NOFORN|\bREL TO\b|ORCON", re.IGNORECASE)
MARK = "ILLUSTRATIVE"


def _marking_loc(ctx: Context):
    metadata = ctx.sheet.metadata
    if "marking" not in metadata.model_fields_set:
        return ("metadata", "illustrative")
    if "handling" in metadata.marking.model_fields_set:
        return ("metadata", "marking", "handling")
    return ("metadata", "marking")


@rule("E-ILLUSTRATIVE-MARKING", "error",
      "an illustrative document has a handling line containing `ILLUSTRATIVE`",
      "avoid any impression of a leaked real text",
      fix='add to metadata.marking.handling a line such as "ILLUSTRATIVE — NOT A REAL '
          'DOCUMENT"')
def illustrative_marking(ctx: Context) -> Iterator[Hit]:
    metadata = ctx.sheet.metadata
    if metadata.illustrative and not any(MARK in h for h in metadata.marking.handling):
        yield Hit(_marking_loc(ctx), "the document is illustrative but no handling line says "
                  "ILLUSTRATIVE",
                  "add to marking.handling: \"ILLUSTRATIVE — NOT A REAL DOCUMENT\"")


@rule("E-ILLUSTRATIVE-DISCLAIMER", "error", "an illustrative document has a `disclaimer`",
      "the disclaimer is printed at the top of every rendering",
      fix="add metadata.disclaimer: one sentence saying that the document is not real")
def illustrative_disclaimer(ctx: Context) -> Iterator[Hit]:
    metadata = ctx.sheet.metadata
    if metadata.illustrative and metadata.disclaimer is None:
        yield Hit(("metadata", "illustrative"),
                  "the document is illustrative but has no disclaimer",
                  "add metadata.disclaimer saying it is a made-up sample and whose position it "
                  "is not")


@rule("E-ILLUSTRATIVE-CLASSIFIED", "error",
      "an illustrative document carries a classified level or a classified-only caveat "
      "(RESTRICTED, CONFIDENTIAL, SECRET, …, EYES ONLY, NOFORN)",
      "never put real classification markings on made-up text",
      fix="use marking scheme: none and level: UNCLASSIFIED, and remove classified-only caveats")
def illustrative_classified(ctx: Context) -> Iterator[Hit]:
    metadata = ctx.sheet.metadata
    if not metadata.illustrative:
        return
    marking = metadata.marking
    level = marking.level
    if level and "UNCLASSIFIED" not in level.upper() and _CLASSIFIED_LEVEL.search(level):
        yield Hit(("metadata", "marking", "level"),
                  f"an illustrative document is marked {level}",
                  "use scheme: none and level: UNCLASSIFIED")
    for k, caveat in enumerate(marking.caveats):
        if _CLASSIFIED_CAVEAT.search(caveat):
            yield Hit(("metadata", "marking", "caveats", k),
                      f"an illustrative document carries the classified caveat {caveat}",
                      "remove the caveat")


@rule("W-ILLUSTRATIVE-FLAG", "warning",
      "a handling line says `ILLUSTRATIVE` but `illustrative` is not true",
      "the banner and the disclaimer are printed from the flag",
      fix="set metadata.illustrative: true and add a disclaimer, or remove the ILLUSTRATIVE "
          "handling line")
def illustrative_flag(ctx: Context) -> Iterator[Hit]:
    metadata = ctx.sheet.metadata
    if metadata.illustrative:
        return
    for k, line in enumerate(metadata.marking.handling):
        if MARK in line.upper():
            yield Hit(("metadata", "marking", "handling", k),
                      "a handling line says ILLUSTRATIVE but metadata.illustrative is not true",
                      "set illustrative: true and add a disclaimer")
            return


@rule("E-VERSION", "error",
      "`supersedes` names an older version (compared numerically) of the same `doc_id`",
      "versions are diffed in order",
      fix="supersede an earlier version of the same doc_id, or raise this version; relate "
          "other documents under scope.relationship_to_other_instruments")
def version(ctx: Context) -> Iterator[Hit]:
    metadata = ctx.sheet.metadata
    older = metadata.supersedes
    if older is None:
        return
    if older.doc_id != metadata.doc_id:
        yield Hit(("metadata", "supersedes", "doc_id"),
                  f"supersedes names '{older.doc_id}', not this document '{metadata.doc_id}'",
                  "a new version supersedes an earlier version of the same doc_id; relate other "
                  "documents under scope.relationship_to_other_instruments")
    if version_key(older.version) >= version_key(metadata.version):
        yield Hit(("metadata", "supersedes", "version"),
                  f"version {metadata.version} supersedes {older.version}, which is not older",
                  "supersede an earlier version, or raise this version")


@rule("W-TRANSLATION-LANGUAGE", "warning",
      "a translation has the same language as its original", "a translation changes language",
      fix="correct metadata.language or translation_of.language")
def translation_language(ctx: Context) -> Iterator[Hit]:
    metadata = ctx.sheet.metadata
    original = metadata.translation_of
    if original is not None and original.language == metadata.language:
        yield Hit(("metadata", "translation_of", "language"),
                  f"this text and its original '{original.doc_id}' are both in {metadata.language}",
                  "correct metadata.language or translation_of.language")
