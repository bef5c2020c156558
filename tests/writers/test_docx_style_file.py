"""``styles/styles.yaml``: one DOCX style changed on top of reference.docx, the rest untouched."""

from __future__ import annotations

import io
import re
import zipfile

from conftest import ROOT
from termsheet.jobs.render import build_document
from termsheet.resources import TemplateSet
from termsheet.source.validate import validate_file
from termsheet.writers.docx import write_docx

STYLE_FILE = """\
Heading 1:
  font: Liberation Serif
  size: 17
  colour: "#1F3864"
  italic: true
Normal:
  space_after: 9
"""


def styles_xml(templates: TemplateSet) -> str:
    sheet = validate_file(str(ROOT / "samples" / "us-draft.yaml")).sheet
    doc = build_document(sheet, templates=templates, source_file="x.yaml")
    with zipfile.ZipFile(io.BytesIO(write_docx(doc, templates=templates))) as archive:
        return archive.read("word/styles.xml").decode("utf-8")


def style(xml: str, style_id: str) -> str:
    return re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', xml).group(0)


def test_styles_yaml_changes_only_the_named_styles(tmp_path):
    path = tmp_path / "office" / "styles" / "styles.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(STYLE_FILE, encoding="utf-8")
    changed, default = styles_xml(TemplateSet(tmp_path / "office")), styles_xml(TemplateSet())

    heading = style(changed, "Heading1")
    assert 'w:ascii="Liberation Serif"' in heading and "Theme" not in heading
    assert '<w:sz w:val="34"/><w:szCs w:val="34"/>' in heading
    assert '<w:color w:val="1F3864"/>' in heading and "<w:i/>" in heading
    assert "w:spacing" not in style(default, "Normal")
    assert '<w:spacing w:after="180"/>' in style(changed, "Normal")  # 9 pt
    for other in ("Heading2", "Title", "BodyText"):
        assert style(changed, other) == style(default, other)


def test_an_exported_styles_yaml_of_comments_changes_nothing(tmp_path):
    path = tmp_path / "office" / "styles" / "styles.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes((ROOT / "templates" / "styles" / "styles.yaml").read_bytes())
    assert styles_xml(TemplateSet(tmp_path / "office")) == styles_xml(TemplateSet())
