"""Reading the files of a consolidation: validated, and built when the job writes files.

Each file is validated as ``validate`` validates it; when the job writes outputs
and every file is valid, each is built into its numbered Document. A job that
writes JSON only needs no more of a Document than where it numbers each provision,
so it keeps each file's numbers by YAML path
(:func:`~termsheet.compare.places.nodes_by_path`) and not the Document.

Many large files are read in a pool of worker processes (:func:`~termsheet.jobs.batch.
map_in_pool`), which validate and build each file in one pass: the builds of a job
with an invalid file are then dropped, and a build that fails is made again here,
after every file is known valid, so that its error is raised as in one process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termsheet.jobs.batch import map_in_pool, worker_count
from termsheet.jobs.render import build_document, source_name
from termsheet.resources import TemplateSet
from termsheet.source.editions import INTERNAL, Edition
from termsheet.source.validate import ValidationResult, validate_input
from termsheet.source.yaml_reader import paused_gc

PARALLEL_BYTES = 1_000_000
"""Input size from which the files are read in worker processes: below it, starting the
workers costs more than they save."""
PARALLEL_FILES = 4
"""Fewest files read in worker processes."""
NUMBERS_ONLY_FORMATS = frozenset({"json"})
"""Outputs that read no more of a Document than its numbers by YAML path."""


@dataclass(frozen=True)
class Plan:
    """What to make of each file besides its validation."""

    build: bool = False
    """Build its Document (the job writes files)."""
    numbers_only: bool = False
    """Keep only the Document's numbers by YAML path (the job writes JSON only)."""
    templates: Path | None = None
    edition: Edition = INTERNAL


class ReadInputs:
    """The files of a consolidation, validated (:attr:`validations`, in the order given), and
    what the job builds of each (:meth:`built`)."""

    def __init__(self, validations: list[ValidationResult], plan: Plan,
                 built: dict[int, Any] | None = None):
        self.validations, self.plan = validations, plan
        self._built = built or {}

    def built(self, validation: ValidationResult) -> Any:
        """The file's numbered Document, or its numbers by YAML path
        (:attr:`Plan.numbers_only`): made in a worker, else made here now."""
        key = id(validation)
        if key not in self._built:
            self._built[key] = _built(validation, self.plan)
        return self._built[key]


def read_inputs(paths: list[Path], options, *, parallel: bool | None = None) -> ReadInputs:
    """Every file of ``paths`` validated, in the order of ``paths``; ``options`` (a
    ``ConsolidateOptions``) say what the job builds of them.

    ``parallel``: read in worker processes, each building its file at once (None: when
    there are several cores and many large files, :data:`PARALLEL_FILES`,
    :data:`PARALLEL_BYTES`); else the
    files are built one by one when the job asks (:meth:`ReadInputs.built`)."""
    plan = plan_for(options)
    jobs = worker_count(len(paths))
    if parallel is None:
        parallel = (jobs > 1 and len(paths) >= PARALLEL_FILES
                    and _size(paths) >= PARALLEL_BYTES)
    if not parallel or len(paths) < 2:
        with paused_gc():  # every file's data and model are kept
            return ReadInputs([validate_input(path) for path in paths], plan)
    read = map_in_pool(_read_and_build, [(path, plan) for path in paths], max(2, jobs))
    validations = [validation for validation, _ in read]
    if any(validation.sheet is None for validation in validations):
        return ReadInputs(validations, plan)  # the builds of an invalid job are dropped
    return ReadInputs(validations, plan, {id(validation): built for validation, built in read
                                          if built is not None})


def plan_for(options) -> Plan:
    """The plan of a job with ``options`` (a ``ConsolidateOptions``)."""
    writes = options.out_dir is not None and bool(options.formats)
    return Plan(build=writes, numbers_only=set(options.formats) <= NUMBERS_ONLY_FORMATS,
                templates=options.templates, edition=options.edition)


def _read_and_build(task: tuple[Path, Plan]) -> tuple[ValidationResult, Any]:
    """In a worker: validate one file and, when the plan says so and it is valid, build it
    (None when not built, or when its build fails: made again in the main process, which
    raises the error in its turn)."""
    path, plan = task
    with paused_gc():
        validation = validate_input(path)
        if not plan.build or validation.sheet is None:
            return validation, None
        try:
            return validation, _built(validation, plan)
        except Exception:
            return validation, None


def _built(validation: ValidationResult, plan: Plan) -> Any:
    if plan.numbers_only:
        with paused_gc():
            return _numbers(validation, plan)
    return build_document(validation.sheet, templates=_template_set(plan.templates),
                          source_file=validation.path, positions=validation.document.positions,
                          edition=plan.edition)


def _numbers(validation: ValidationResult, plan: Plan) -> dict:
    """The file's numbers by YAML path, from its outline numbered: of the transforms, only
    numbering changes them (an outline has no sentences, hence no references or footnotes
    for the other passes)."""
    from termsheet.compare.places import nodes_by_path
    from termsheet.compose import build
    from termsheet.document.transforms import number

    outline = build(validation.sheet, templates=_template_set(plan.templates),
                    source_file=source_name(validation.path),
                    positions=validation.document.positions, edition=plan.edition, outline=True)
    return nodes_by_path(number(outline))


@functools.lru_cache(maxsize=4)
def _template_set(folder: Path | None) -> TemplateSet:
    """One template set per folder and process: its templates are compiled once."""
    return TemplateSet(folder)


def _size(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:  # reported by the validation
            pass
    return total
