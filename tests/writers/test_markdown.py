"""Markdown writer: goldens of the samples, escaping of user data, tables, and properties.

Goldens live in ``tests/golden/markdown/``; refresh them after an intended
change with ``TERMSHEET_UPDATE_GOLDENS=1`` (see tests/README.md) and review the diff.

Escaping is checked by reading the output back with a CommonMark parser
(markdown-it-py, with GitHub tables): the text a reader sees must be exactly
the text of the document.
"""

from __future__ import annotations

import html
import random
import re
import typing
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pydantic import BaseModel

from termsheet.compose import build
from termsheet.document.nodes import (
    Cell, Clause, Document, DocumentInfo, Emphasis, Inserted, LineBreak, ListBlock, Paragraph,
    Reference, Row, Section, Table, Term, Text, UnknownNode,
)
from termsheet.schema import TermSheet
from termsheet.schema.types import _check_text
from termsheet.document.transforms import apply_transforms
from termsheet.writers.markdown import UnnumberedDocument, escape, write_markdown

from goldens import GOLDEN, assert_golden
from samplefixtures import SAMPLES, built, model_in, sample_data, strip_optional

# ------------------------------------------------------------------ goldens


@pytest.mark.parametrize("name", SAMPLES)
def test_markdown_golden(name):
    assert_golden(GOLDEN / "markdown" / f"{name}.md", write_markdown(built(name)))


def test_deterministic():
    assert write_markdown(built("us-draft")) == write_markdown(built("us-draft"))


def test_headings_carry_the_same_numbers_as_the_model():
    doc = built("coalition-draft")
    text = write_markdown(doc)
    assert "\n## 1 Parties and roles\n" in text
    for section in doc.sections:
        assert f"\n## {section.number} {escape(section.title)}\n" in text
        for child in section.children:
            if isinstance(child, Clause):
                tag = "" if child.status == "agreed" else f" ({child.status.replace('_', ' ')})"
                assert f"\n### {child.number} {escape(child.title)}{tag}\n" in text


def test_header_block():
    text = write_markdown(built("us-draft"))
    assert text.startswith("**UNCLASSIFIED**\n\n**ILLUSTRATIVE — NOT A REAL DOCUMENT**\\\n")
    assert "# Security Protocols for Ukraine" in text
    assert "*uk:* Протоколи безпеки для України" in text
    assert "- **Version:** 0.3.0 (supersedes version 0.2.0)" in text
    assert text.rstrip().endswith("---\n\n**UNCLASSIFIED**")


def test_no_none_in_minimal():
    text = write_markdown(built("minimal"))
    assert "None" not in text and "Not addressed in this text." in text


# ------------------------------------------------------------ read it back

_PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")


class _TextOf(HTMLParser):
    """The text a reader sees in rendered HTML (``<br>`` as a newline)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def seen(markdown: str) -> str:
    parser = _TextOf()
    parser.feed(_PARSER.render(markdown))
    return "".join(parser.parts)


def _doc(*children, info: DocumentInfo | None = None) -> Document:
    info = info or DocumentInfo(doc_id="d", title="T", document_type="Term sheet", version="1.0",
                                date="2026-01-01", status="Concept", drafting_party="P",
                                language="en")
    return Document(info, (Section("s", "S", tuple(children), number="1"),))


def _html(markdown: str) -> str:
    return _PARSER.render(markdown)


NASTY = [
    "*not emphasis* and _not_ either", "**bold?**", "[link](http://example.com)",
    "![img](x.png)", "<b>tag</b> <script>alert(1)</script>", "`code`", "a | b | c",
    "# not a heading", "- not a list", "1. not a list", "2) nor this", "> not a quote",
    "~~not struck~~", "&amp; &lt; &#65;", "$x^2$", "\\backslash\\", "=====", "---",
    "    four spaces", "[x]: http://example.com/ref", "<http://example.com>", "{{ 7*7 }}",
    "trailing backslash \\", "+ plus", "| pipe first", "1.5 million", "Türkiye — Україна",
]


@pytest.mark.parametrize("value", NASTY)
def test_user_text_prints_literally_in_paragraphs(value):
    markdown = write_markdown(_doc(Paragraph((Text(value),))))
    body = markdown.split("## 1 S\n\n", 1)[1]
    assert seen(body).strip() == value.strip()
    assert "<b>" not in _html(body) and "<script>" not in _html(body)


@pytest.mark.parametrize("value", NASTY)
def test_user_text_prints_literally_in_table_cells(value):
    table = Table(("A", value), (Row((Cell((Text(value),)), Cell((Text("x"),)))),))
    markdown = write_markdown(_doc(table))
    html_table = _html(markdown.split("## 1 S\n\n", 1)[1])
    assert html_table.count("<td>") == 2 and html_table.count("<th>") == 2
    cells = re.findall(r"<t[dh]>(.*?)</t[dh]>", html_table, flags=re.S)
    texts = [html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in cells]
    assert texts[1] == value.strip() and texts[2] == value.strip()


@pytest.mark.parametrize("value", NASTY)
def test_user_text_prints_literally_in_headings_and_header(value):
    info = DocumentInfo(doc_id="d", title=value, document_type="Term sheet", version="1.0",
                        date="2026-01-01", status="Concept", drafting_party=value, language="en")
    doc = Document(info, (Section("s", value, (Clause("c", value, (), number="1.1"),),
                                  number="1"),))
    text = seen(write_markdown(doc))
    assert text.count(value.strip()) >= 4


def test_pipes_and_newlines_in_cells():
    table = Table(("Who", "What"), (
        Row((Cell((Text("a|b"),)), Cell((Text("line 1"), LineBreak(), Text("line 2\nline 3"))))),))
    markdown = write_markdown(_doc(table))
    row = [line for line in markdown.splitlines() if line.startswith("| a")][0]
    assert row == "| a\\|b | line 1<br>line 2<br>line 3 |"


def test_line_breaks_in_paragraphs_and_list_items():
    markdown = write_markdown(_doc(
        Paragraph((Text("one"), LineBreak(), Text("- two"))),
        ListBlock(((Text("item"), LineBreak(), Text("1. more")),), ordered=True)))
    assert "one\\\n\\- two" in markdown
    assert "1. item\\\n   1\\. more" in markdown
    assert seen(markdown.split("## 1 S\n\n", 1)[1]).split() == ["one", "-", "two", "item", "1.",
                                                                  "more"]


def test_roles_and_inlines():
    doc = apply_transforms(_doc(
        Paragraph((Text("Group"),), role="subheading"),
        Clause("c1", "Clause", (
            Paragraph((Text("Note: careful"),), role="note"),
            Paragraph((Text("See "), Reference("c1"), Text(" and "), Term("Special Commission"),
                       Text(" "), Emphasis((Text("now"),)), Text(" "),
                       Emphasis((Text("firmly"),), strong=True))),
            Paragraph((Inserted((Text("new"),)), Text(" old")), change="inserted"),
        ))))
    markdown = write_markdown(doc)
    assert "**Group**" in markdown
    assert "> Note: careful" in markdown
    assert "See 1.1 and Special Commission *now* **firmly**" in markdown
    assert "*(inserted)* <ins>new</ins> old" in markdown


def test_unknown_node_raises():
    class Strange:
        pass

    with pytest.raises(UnknownNode, match="Markdown writer cannot handle Strange"):
        write_markdown(_doc(Paragraph((Strange(),))))
    with pytest.raises(UnknownNode):
        write_markdown(_doc(Strange()))


def test_unnumbered_document_is_refused():
    doc = build(_sheet("minimal"))
    with pytest.raises(UnnumberedDocument, match="apply_transforms"):
        write_markdown(doc)


def _sheet(name: str) -> TermSheet:
    return TermSheet.model_validate(sample_data(name))


# ----------------------------------------------------------- properties

SAFE_TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMOPQRSTUVWXYZ0123456789 ")
        + list("абвгдежзийклмнопрстуфхцчшщьюяєіїґАБВҐ")
        + list("éèàçüößñœ—–…«»“”’")
        + list("*_[]()#|<>&`~$\\!-+=.:;'\"{}%@^/,?")
        + ["\n"]),
    min_size=1, max_size=40)
"""Random user text from an alphabet the input model accepts (no control or invisible
characters; no capital N, so that "None" can only come from a bug)."""
MODEL_TEXT = SAFE_TEXT.filter(str.strip)
"""Random text a free-text field accepts: not blank."""

LIST_KEYS = ("commitments", "deployments", "command_nodes", "triggers", "responses", "bodies",
             "monitoring", "open_issues", "positions", "territorial_provisions", "sources",
             "guarantors", "termination", "ratification", "engagement_plan", "parties")


def _is_free_text(annotation) -> bool:
    """Whether an annotation is (a tuple of) the input model's free text (`Text`, `ShortText`):
    strings checked by its text validator, not ids, codes, durations or dates."""
    metadata = getattr(annotation, "__metadata__", ())
    if any(getattr(item, "func", None) is _check_text for item in metadata):
        return True
    return any(_is_free_text(argument) for argument in typing.get_args(annotation))


def _mutate_text(data, model: type[BaseModel], draw):
    """Replace free-text values (chosen at random) with random text, in place."""
    for key, value in list(data.items()):
        field = model.model_fields[key]
        inner = model_in(field.annotation)
        texts = _is_free_text(field.annotation) or any(
            getattr(item, "func", None) is _check_text for item in field.metadata)
        if isinstance(value, str) and texts and draw(st.booleans()):
            data[key] = draw(MODEL_TEXT)
        elif isinstance(value, list) and texts and inner is None:
            data[key] = [draw(MODEL_TEXT) if draw(st.booleans()) else item for item in value]
        elif isinstance(value, dict) and inner is None and texts:  # title_localized
            data[key] = {lang: draw(MODEL_TEXT) for lang in value}
        elif isinstance(value, dict) and inner is not None:
            _mutate_text(value, inner, draw)
        elif isinstance(value, list) and inner is not None:
            for item in value:
                _mutate_text(item, inner, draw)


def _permute(data, rng: random.Random):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in LIST_KEYS and isinstance(value, list):
                rng.shuffle(value)
            _permute(value, rng)
    elif isinstance(data, list):
        for item in data:
            _permute(item, rng)


@st.composite
def mutated_sheets(draw):
    """Valid term sheets made from the samples: texts replaced by random text, optional
    fields dropped at random, lists shuffled."""
    data = sample_data(draw(st.sampled_from(SAMPLES)))
    rng = random.Random(draw(st.integers(0, 2**32)))
    _mutate_text(data, TermSheet, draw)
    _permute(data, rng)
    threshold = draw(st.floats(0, 1))
    data = strip_optional(data, TermSheet, drop=lambda path: rng.random() < threshold)
    return TermSheet.model_validate(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_sheets())
def test_generated_sheets_build_and_write(sheet):
    doc = apply_transforms(build(sheet, source_file="generated.yaml"))
    markdown = write_markdown(doc)
    assert "None" not in markdown
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")
    headings = [token.tag for token in _PARSER.parse(markdown) if token.type == "heading_open"]
    clauses = [node for section in doc.sections for node in section.children
               if isinstance(node, Clause)]
    assert headings == ["h1"] + [tag for section in doc.sections
                                 for tag in ["h2"] + ["h3"] * sum(
                                     isinstance(node, Clause) for node in section.children)] + (
        ["h2"] if doc.info.signatories else [])  # the signature block of an agreement
    assert len(clauses) == headings.count("h3")


@settings(max_examples=150, deadline=None)
@given(SAFE_TEXT)
def test_any_text_reads_back_exactly(value):
    markdown = write_markdown(_doc(Paragraph((Text("x "), Text(value), Text(" y")))))
    expected = " ".join(("x " + value + " y").split())
    assert " ".join(seen(markdown.split("## 1 S\n\n", 1)[1]).split()) == expected


@settings(max_examples=100, deadline=None)
@given(SAFE_TEXT)
def test_any_text_reads_back_exactly_in_a_cell(value):
    table = Table(("A",), (Row((Cell((Text("x "), Text(value), Text(" y"))),)),))
    html_table = _html(write_markdown(_doc(table)).split("## 1 S\n\n", 1)[1])
    cell = re.findall(r"<td>(.*?)</td>", html_table, flags=re.S)
    assert len(cell) == 1
    raw = re.sub(r"<br\s*/?>", "\n", cell[0])
    text = html.unescape(re.sub(r"<[^>]+>", "", raw))  # tags first: user "<" arrives as &lt;
    assert " ".join(text.split()) == " ".join(("x " + value + " y").split())
