"""Property: every valid term sheet renders to every format, without errors or logged warnings.

Term sheets are generated from the shipped samples:

- optional fields and sections dropped — any key whose removal alone leaves the
  sample valid (computed once per sample by validating it without that key);
- lists shuffled — those whose reversal alone leaves the sample valid;
- titles and summaries replaced by random text: Latin and Cyrillic words, markup
  and template look-alikes (``{{ 7*7 }}``, ``<b>``, ``*x*``, ``| a |``), and very
  long unbroken tokens.

Each example goes through the real path — YAML text, `validate_text`, then
`build_document` and `write_format` — and must produce every format with no
exception and nothing logged at WARNING or above by any logger. PDF layout is slow,
so the PDF property runs few examples, with each PDF engine (WeasyPrint, Typst).
"""

from __future__ import annotations

import copy
import functools
import io
import logging
import string
import zipfile
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, assume, given, note, settings, strategies as st
from pydantic import ValidationError
from ruamel.yaml import YAML

from conftest import ROOT
from termsheet.source.lint import lint
from termsheet.source.load import load_file
from termsheet.schema import TermSheet
from termsheet.jobs.render import RenderOptions, build_document, write_format
from termsheet.resources import TemplateSet
from termsheet.source.validate import validate_text
from termsheet.writers.table import PDF_ENGINES

pytestmark = pytest.mark.slow

BASES = ("us-draft", "coalition-draft", "minimal")
TEXT_FIELDS = ("title", "summary")
TEMPLATES = TemplateSet()


# ------------------------------------------------------------- the samples' freedoms

def _valid(data) -> bool:
    try:
        sheet = TermSheet.model_validate(data)
    except ValidationError:
        return False
    return not any(finding.severity == "error" for finding in lint(sheet))


def _walk(node, path=()):
    """Every (path, value) below ``node``."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path + (key,), value
            yield from _walk(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield path + (index,), value
            yield from _walk(value, path + (index,))


def _parent(data, path):
    for part in path[:-1]:
        data = data[part]
    return data


def _without(data, path):
    data = copy.deepcopy(data)
    del _parent(data, path)[path[-1]]
    return data


def _reversed_at(data, path):
    data = copy.deepcopy(data)
    _parent(data, path)[path[-1]].reverse()
    return data


@functools.lru_cache(maxsize=None)
def base(name: str):
    """The sample's data, the keys that may go, the lists that may be reordered, the text fields."""
    data = load_file(ROOT / "samples" / f"{name}.yaml").data
    assert _valid(data)
    droppable = tuple(path for path, _ in _walk(data)
                      if isinstance(path[-1], str) and _valid(_without(data, path)))
    shuffleable = tuple(path for path, value in _walk(data)
                        if isinstance(value, list) and len(value) > 1
                        and _valid(_reversed_at(data, path)))
    texts = tuple(path for path, value in _walk(data)
                  if isinstance(path[-1], str) and path[-1] in TEXT_FIELDS and isinstance(value, str))
    return data, droppable, shuffleable, texts


# ------------------------------------------------------------------------ strategies

LATIN = string.ascii_letters + "éèüößçøñ"
CYRILLIC = "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгґдеєжзиіїйклмнопрстуфхцчшщьюяЁёЫыЭэЪъ"
LOOKALIKES = ["{{ 7*7 }}", "{% if x %}", "<b>bold</b>", "<script>", "*star*", "_under_",
              "[link](http://example.org)", "&amp;", "| a |", "#", "1.", "-", "—", "«лапки»",
              "“quoted”", "it’s", "%d", "\\", "`code`", "$x$", "~~struck~~", "50%", "()", "[]",
              '#read("/etc/passwd")', "#set page(width: 1cm)", "]", "[a]", "<label>", "@ref"]

words = st.one_of(
    st.text(alphabet=LATIN, min_size=1, max_size=12),
    st.text(alphabet=CYRILLIC, min_size=1, max_size=12),
    st.integers(min_value=0, max_value=10**9).map(str),
    st.sampled_from(LOOKALIKES),
)
long_tokens = st.builds(lambda unit, count: unit * count,
                        st.sampled_from(["x", "Ж", "ab-", "0123456789", "https://ex.org/", "ї"]),
                        st.integers(min_value=20, max_value=60))
free_text = st.lists(st.one_of(words, words, words, long_tokens), min_size=1, max_size=24).map(
    lambda parts: " ".join(parts)[:280].strip()).filter(bool)


@st.composite
def term_sheets(draw, *, bases=BASES, max_drops=12, max_shuffles=6, max_texts=10):
    """Data of a valid-looking term sheet derived from one sample (validated by the caller)."""
    name = draw(st.sampled_from(bases))
    original, droppable, shuffleable, texts = base(name)
    data = copy.deepcopy(original)
    if droppable:
        for path in draw(st.lists(st.sampled_from(droppable), max_size=max_drops, unique=True)):
            try:
                del _parent(data, path)[path[-1]]
            except (KeyError, IndexError, TypeError):
                pass  # an enclosing key went first
    if shuffleable:
        for path in draw(st.lists(st.sampled_from(shuffleable), max_size=max_shuffles, unique=True)):
            try:
                items = _parent(data, path)[path[-1]]
            except (KeyError, IndexError, TypeError):
                continue
            order = draw(st.permutations(range(len(items))))
            items[:] = [items[index] for index in order]
    for path in draw(st.lists(st.sampled_from(texts), max_size=max_texts, unique=True)):
        try:
            parent = _parent(data, path)
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(parent, dict) and path[-1] in parent:
            parent[path[-1]] = draw(free_text)
    return name, data


def to_yaml(data) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 100_000
    yaml.representer.ignore_aliases = lambda *_: True  # term files may not use anchors
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


# -------------------------------------------------------------------------- checking

class _Recorder(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def render_every(data, formats, *, generated: bool = True,
                 pdf_engine: str = "weasyprint") -> dict[str, bytes]:
    """Validate the YAML text of ``data`` and write ``formats``; assert nothing was logged.

    A ``generated`` example that turns out invalid is discarded (hypothesis ``assume``).
    """
    text = to_yaml(data)
    validation = validate_text(text, "generated.yaml")
    errors = [f"{d.code} {d.field}: {d.message}" for d in validation.diagnostics
              if d.severity == "error"]
    if generated:
        note(f"validation errors: {errors}")
        assume(validation.sheet is not None)
    assert validation.sheet is not None, errors
    recorder = _Recorder()
    root = logging.getLogger()
    root.addHandler(recorder)
    level = root.level
    root.setLevel(min(level, logging.WARNING) if level else logging.WARNING)
    try:
        document = build_document(validation.sheet, templates=TEMPLATES,
                                  source_file="generated.yaml",
                                  positions=validation.document.positions)
        options = RenderOptions(formats=formats, out_dir=Path("unused"), pdf_variant="pdf/ua-1",
                                pdf_engine=pdf_engine)
        source = ("generated.yaml", text.encode("utf-8"))
        outputs = {fmt: write_format(fmt, document, templates=TEMPLATES, options=options,
                                     source=source) for fmt in formats}
    finally:
        root.removeHandler(recorder)
        root.setLevel(level)
    assert not recorder.records, [f"{r.name}: {r.getMessage()}" for r in recorder.records]
    return outputs


PROPERTY = dict(deadline=None, database=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])


@settings(max_examples=25, **PROPERTY)
@given(term_sheets())
def test_generated_term_sheets_render_to_markdown_html_and_docx(example):
    name, data = example
    note(f"derived from {name}")
    outputs = render_every(data, ("md", "html", "docx"))
    assert outputs["md"].endswith(b"\n")
    assert outputs["html"].rstrip().endswith(b"</html>")
    with zipfile.ZipFile(io.BytesIO(outputs["docx"])) as package:
        assert package.testzip() is None


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_generated_term_sheets_render_to_pdf(engine):
    @settings(max_examples=5, **PROPERTY)
    @given(term_sheets(max_drops=25))
    def renders(example):
        name, data = example
        note(f"derived from {name}")
        pdf = render_every(data, ("pdf",), pdf_engine=engine)["pdf"]
        assert pdf.startswith(b"%PDF-")
        sizes = {tuple(round(float(v)) for v in page.mediabox[2:])
                 for page in pypdf.PdfReader(io.BytesIO(pdf)).pages}
        assert sizes == {(595, 842)}, "every page is A4, whatever the text says"

    renders()


def test_the_generator_keeps_most_examples_valid():
    """A guard for the generator itself: most of what it makes must pass validation, or
    the properties above would quietly test little."""
    valid = []

    @settings(max_examples=30, **PROPERTY)
    @given(term_sheets())
    def sample(example):
        valid.append(validate_text(to_yaml(example[1]), "generated.yaml").sheet is not None)

    sample()
    assert sum(valid) >= 0.7 * len(valid), valid


def test_random_text_reaches_every_format():
    """A fixed example: Cyrillic, markup look-alikes and a long token in a title and a summary."""
    data = copy.deepcopy(base("us-draft")[0])
    title = "Гарантії безпеки {{ 7*7 }} <b>not bold</b> *not em* | cell | " + "Ж" * 150
    data["metadata"]["title"] = title[:280]
    data["commitments"][0]["summary"] = "Summary with [a](http://x) and `code` " + "x" * 400
    outputs = render_every(data, ("md", "html", "docx", "pdf"), generated=False)
    assert render_every(data, ("pdf",), generated=False, pdf_engine="typst")["pdf"].startswith(b"%PDF-")
    assert "Гарантії безпеки {{ 7*7 }}".encode() in outputs["html"]
    assert b"&lt;b&gt;not bold&lt;/b&gt;" in outputs["html"] and b"<b>not bold" not in outputs["html"]
    assert "Гарантії безпеки {{ 7\\*7 }} \\<b\\>".encode() in outputs["md"]
