"""``styles/extra.css`` of a ``--templates`` folder: one rule added after the packaged CSS."""

from __future__ import annotations

import base64
import hashlib
import os
import re

import pytest

from conftest import ROOT
from termsheet.compare import compare
from termsheet.errors import TemplateConfigError
from termsheet.jobs.render import build_document
from termsheet.resources import TemplateSet
from termsheet.source.validate import validate_file
from termsheet.writers.diff_html import write_diff_html
from termsheet.writers.extra_css import EXTRA_CSS, extra_css_text, print_stylesheet
from termsheet.writers.html import render_page, write_html

RULE = ".doc-title { color: rgb(1, 2, 3); }\n"
PACKAGED = ROOT / "templates" / "styles"


def office(tmp_path, css: str) -> TemplateSet:
    path = tmp_path / "office" / EXTRA_CSS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(css, encoding="utf-8")
    return TemplateSet(tmp_path / "office")


def sample(name: str = "us-draft.yaml", shown: str = "x.yaml", templates=None):
    sheet = validate_file(str(ROOT / "samples" / name)).sheet
    return sheet, build_document(sheet, templates=templates or TemplateSet(), source_file=shown)


def styles(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<style media="([a-z]+)">\n?(.*?)</style>', html, re.DOTALL)


def test_one_rule_follows_the_packaged_stylesheets_in_the_html(tmp_path):
    templates = office(tmp_path, RULE)
    _, doc = sample(templates=templates)
    found = styles(write_html(doc, templates=templates))
    assert [media for media, _ in found] == ["screen", "print", "all"]
    assert found[0][1] == (PACKAGED / "screen.css").read_text(encoding="utf-8")
    assert found[1][1] == (PACKAGED / "print.css").read_text(encoding="utf-8")
    assert found[2][1] == RULE


def test_the_pdf_input_carries_the_rule_after_print_css(tmp_path):
    templates = office(tmp_path, RULE)
    _, doc = sample(templates=templates)
    found = styles(render_page(doc, templates=templates, for_print=True, timestamp=doc.info.date))
    assert found == [("all", (PACKAGED / "print.css").read_text(encoding="utf-8")), ("all", RULE)]
    path, css = print_stylesheet(templates, "styles/print.css")
    assert path == tmp_path / "office" / EXTRA_CSS  # its folder's assets/ are served
    assert css.endswith(RULE) and "@page" in css    # its fonts are checked with print.css's


def test_the_comparison_page_carries_it_and_its_csp_allows_it(tmp_path):
    templates = office(tmp_path, RULE)
    old, old_doc = sample("us-draft-v0.2.yaml", "old.yaml", templates)
    new, new_doc = sample("us-draft.yaml", "new.yaml", templates)
    comparison = compare(old, new, old_file="old.yaml", new_file="new.yaml",
                         old_document=old_doc, new_document=new_doc)
    html = write_diff_html(comparison, old_doc, new_doc, templates=templates)
    assert styles(html)[-1] == ("all", RULE)
    digest = base64.b64encode(hashlib.sha256(RULE.encode()).digest()).decode()
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert f"'sha256-{digest}'" in csp.split("style-src", 1)[1].split(";", 1)[0]


def test_a_file_of_comments_only_adds_nothing(tmp_path):
    templates = office(tmp_path, (PACKAGED / "extra.css").read_text(encoding="utf-8"))
    _, doc = sample()
    assert write_html(doc, templates=templates) == write_html(doc)


@pytest.mark.parametrize("css, what", [
    ('@import url("https://example.org/x.css");', "@import is not allowed"),
    ("body { background: url(https://example.org/t.png); }", "is not allowed"),
    ('body { background: url("//example.org/t.png"); }', "is not allowed"),
    (r"body { background: \75 rl(http://example.org/t.png); }", "is not allowed"),
    ('body { background: image-set("http://example.org/t.png" 1x); }', "is not allowed"),
    ("body { background: url(file:///etc/passwd); }", "is not allowed"),
    ("body { background: url(../assets/x.png); }", "is not allowed"),
    ("p { color: red }\n</style><script>alert(1)</script>", "'</style'"),
])
def test_remote_urls_imports_and_markup_are_refused_with_a_line(tmp_path, css, what):
    with pytest.raises(TemplateConfigError, match=re.escape(what)) as caught:
        extra_css_text(office(tmp_path, css))
    assert caught.value.message.startswith(f"{tmp_path / 'office' / EXTRA_CSS}".replace(os.sep, "/"))


def test_data_images_and_own_assets_are_allowed(tmp_path):
    css = 'h1 { background: url(assets/logo.png) } p { background: url("data:image/png;base64,AA==") }'
    assert extra_css_text(office(tmp_path, css)) == css


def test_a_symlinked_extra_css_is_refused(tmp_path):
    real = tmp_path / "elsewhere.css"
    real.write_text(RULE, encoding="utf-8")
    link = tmp_path / "office" / EXTRA_CSS
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    with pytest.raises(TemplateConfigError, match="symlink"):
        extra_css_text(TemplateSet(tmp_path / "office"))


def test_a_packaged_extra_css_is_never_applied():
    assert extra_css_text(TemplateSet()) == ""


@pytest.mark.slow
def test_pdf_renders_with_a_one_rule_extra_css(cli, tmp_path):
    office(tmp_path, "@media print { .doc-title { color: rgb(1, 2, 3); } }\n")
    status, _, err = cli("render", ROOT / "samples" / "us-draft.yaml", "--to", "pdf,html",
                         "--out-dir", tmp_path / "out", "--templates", tmp_path / "office", "-q")
    assert status == 0, err
    assert (tmp_path / "out" / "us-draft.pdf").read_bytes().startswith(b"%PDF-")


def test_a_refused_extra_css_stops_the_run_before_rendering(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    office(tmp_path, "p { color: red }\nbody { background: url(https://example.org/t.png) }\n")
    status, _, err = cli("render", ROOT / "samples" / "us-draft.yaml", "--to", "html",
                         "--out-dir", "out", "--templates", "office")
    assert status == 2
    assert "termsheet: office/styles/extra.css:2:" in err and "is not allowed" in err
    assert not (tmp_path / "out").exists()
