"""Fonts chosen in one place (`termsheet.writers.fonts`): Word's fonts in the DOCX, their metric
twins first in every stylesheet, DejaVu as the fallback."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from termsheet.writers import fonts
from termsheet.writers.glyphs import COVERAGE_FILE, FileCoverage, font_coverage
from termsheet.writers.pdf import font_families
from termsheet.writers.typst_engine import fonts_folder, typst_folder

ROOT = Path(__file__).resolve().parents[2]
STYLESHEETS = sorted((ROOT / "templates" / "styles").glob("*.css"))
_DECLARATION = re.compile(r"\b(?:font|font-family)\s*:\s*([^;}]+)", re.IGNORECASE)
_FAMILY_LIST = re.compile(r'("[^"]+"|[A-Za-z][\w-]*)(\s*,\s*("[^"]+"|[A-Za-z][\w-]*))+\s*$')


def family_lists(css: str) -> list[str]:
    """The font-family list at the end of every ``font``/``font-family`` declaration."""
    found = []
    for value in _DECLARATION.findall(css):
        match = _FAMILY_LIST.search(value.strip())
        if match:
            found.append(match.group(0).strip())
    return found


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_every_stylesheet_font_list_is_one_of_the_chosen_stacks(path):
    lists = family_lists(path.read_text(encoding="utf-8"))
    assert all(found in fonts.CSS_STACKS for found in lists), set(lists) - set(fonts.CSS_STACKS)


def test_each_stack_names_the_metric_twin_the_word_font_and_the_dejavu_fallback():
    assert font_families(f"p {{ font: 10pt/1.4 {fonts.SERIF.css()} }}") == (
        "Liberation Serif", "Times New Roman", "DejaVu Serif", "serif")
    for role in fonts.ROLES:
        assert role.word in fonts.WORD_FONTS
        assert role.fallback.startswith("DejaVu")


def test_print_stylesheet_uses_the_twins_of_the_docx_fonts():
    families = font_families((ROOT / "templates" / "styles" / "print.css").read_text(encoding="utf-8"))
    assert families[:2] == ("Liberation Sans", "Arial")
    assert "Liberation Serif" in families and "Times New Roman" in families


def test_the_system_dependencies_install_the_font_packages():
    script = (ROOT / "scripts" / "install-system-deps.sh").read_text(encoding="utf-8")
    assert all(package in script for package in fonts.DEBIAN_PACKAGES)


@pytest.mark.parametrize("family", ["Liberation Serif", "Liberation Sans"])
def test_the_metric_twins_cover_cyrillic_where_installed(family):
    try:
        listed = subprocess.run(["fc-list", f":family={family}", "lang"], capture_output=True,
                                text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("fontconfig's fc-list is not available")
    if not listed.strip():
        pytest.skip(f"{family} is not installed (scripts/install-system-deps.sh installs it)")
    assert "uk" in re.split(r"[|:=\s]", listed)


def test_the_typst_font_lists_are_the_bundled_twins_and_fallbacks():
    """The Typst PDF sets text in the metric twins of the Word fonts, then DejaVu, all read
    from the fonts bundled with termsheet (never the machine's)."""
    library = (typst_folder() / "lib.typ").read_text(encoding="utf-8")
    lists = dict(re.findall(r'^#let (serif|sans|mono) = \(([^)]*)\)', library, re.M))
    for name, role in (("serif", fonts.SERIF), ("sans", fonts.SANS), ("mono", fonts.MONO)):
        assert lists[name] == f'"{role.metric_twin}", "{role.fallback}"'
    bundled = (fonts.SERIF.metric_twin, fonts.SERIF.fallback, fonts.SANS.metric_twin,
               fonts.SANS.fallback, fonts.MONO.metric_twin)
    assert FileCoverage.for_families(str(fonts_folder()), bundled).families == bundled


def test_the_stored_coverage_of_the_bundled_fonts_is_current():
    """The glyph check of the Typst PDF reads the coverage stored beside the fonts; after a
    font changes, `termsheet.writers.glyphs.write_font_coverage` writes it again."""
    stored = json.loads((fonts_folder() / COVERAGE_FILE).read_text(encoding="utf-8"))
    assert stored == font_coverage(fonts_folder())


def test_a_stored_coverage_that_does_not_describe_the_fonts_is_ignored(tmp_path):
    shutil.copy(fonts_folder() / "LiberationSans-Regular.ttf", tmp_path)
    claimed = [{"file": "LiberationSans-Regular.ttf", "size": 1, "family": "Liberation Sans",
                "style": "regular", "ranges": [[0x5317, 0x5317]]}]
    (tmp_path / COVERAGE_FILE).write_text(json.dumps(claimed), encoding="utf-8")
    coverage = FileCoverage.for_families(str(tmp_path), ("Liberation Sans",))
    assert coverage.styles_without("A") == ()
    assert coverage.styles_without("\u5317") == ("regular", "bold", "italic", "bold italic")
