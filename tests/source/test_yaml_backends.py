"""The C parser reads YAML 1.2 flow collections the pure parser reads, with equal results."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termsheet.source.load import BACKENDS, load_text
from termsheet.source.yaml_reader import mask_flow_indicators

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(BACKENDS != ("c", "pure"),
                                reason="ruamel.yaml.clib (the C parser) is not installed")

FLOW_SCALARS = [
    "source: {url: https://example.org/x, title: T}\n",
    "a: {a:b}\n",
    "a: [a:b, c]\n",
    "a: {url: https://example.org/a?q=1}\n",
    "a: [x?y]\n",
    "a: {k: a:b:c}\n",
    "a: [http://x, 'h:t', \"q:r\"]\n",
    "a: {? a:b}\n",
    "a: {k: a:b #c:d\n }\n",
    "a: [12:30, 2026-01-02]\n",
    "a: {k: https://example.org/\n    folded:line}\n",
    "a: {k: \"x:\\ue000y\", l: m:n}\n",  # a mask written as an escape elsewhere
    "a: {k: \ue000:x}\n",  # a mask character in the text itself
    "a: {link: https://example.org/\u0431ook, note: bоok:x}\n",  # a look-alike: a warning
]


def outcome(doc) -> tuple:
    return doc.data, doc._positions, doc.problems


@pytest.mark.parametrize("text", FLOW_SCALARS)
def test_the_c_parser_reads_colons_and_question_marks_in_flow_scalars(text):
    fast, pure = load_text(text, "flow.yaml"), load_text(text, "flow.yaml", backend="pure")
    assert pure.ok
    assert fast.backend == "c"
    assert outcome(fast) == outcome(pure)


def test_a_sample_with_a_flow_mapping_holding_a_url_is_read_by_the_c_parser():
    text = (ROOT / "samples" / "us-draft.yaml").read_text(encoding="utf-8")
    block = text[text.index("  - id: src-bsa-crs-2024"):]
    block = block[:block.index("  - id:", 5)]
    flow = ("  - {id: src-bsa-crs-2024, title: CRS Insight, url: https://milthink.com/detail/70555,"
            " kind: aggregator_or_mirror, reliability: medium}\n")
    text = text.replace(block, flow)
    fast, pure = load_text(text, "us.yaml"), load_text(text, "us.yaml", backend="pure")
    assert fast.ok and fast.backend == "c"
    assert outcome(fast) == outcome(pure)
    assert {"id": "src-bsa-crs-2024", "title": "CRS Insight",
            "url": "https://milthink.com/detail/70555", "kind": "aggregator_or_mirror",
            "reliability": "medium"} in fast.data["sources"]


@pytest.mark.parametrize("text", ["a: {k: x:[1]}\n", "a: {k: :b}\n", "a: {?? : b}\n"])
def test_invalid_flow_collections_are_reported_by_the_pure_parser(text):
    fast, pure = load_text(text, "bad.yaml"), load_text(text, "bad.yaml", backend="pure")
    assert fast.backend == "pure" and not fast.ok
    assert outcome(fast) == outcome(pure)


def test_masks_keep_every_position_and_avoid_characters_of_the_text():
    text = "a: {k: \ue000:x, l: \"\\ue001\"}\nb: why?\n"
    masked = mask_flow_indicators(text)
    assert len(masked.text) == len(text)
    assert [i for i, (x, y) in enumerate(zip(text, masked.text)) if x != y] == [text.index(":x"), text.index("?")]
    assert not set(masked.masks) & {"\ue000", "\ue001"}
    assert masked.restore(masked.text) == text
    assert mask_flow_indicators("a: b\nc: 'd'\n") is None


def _plain(draw) -> str:
    return draw(st.text(alphabet="ab:/?.-#é б%@&*!~", min_size=1, max_size=8))


@st.composite
def _flow_node(draw, depth: int = 0) -> str:
    kind = draw(st.sampled_from(["map", "seq", "scalar"] if depth < 2 else ["scalar"]))
    if kind == "map":
        entries = [f"{_plain(draw)}{draw(st.sampled_from([': ', ':', ' : ']))}"
                   f"{draw(_flow_node(depth + 1))}" for _ in range(draw(st.integers(0, 3)))]
        return "{" + ", ".join(entries) + "}"
    if kind == "seq":
        return "[" + ", ".join(draw(st.lists(_flow_node(depth + 1), max_size=3))) + "]"
    quote = draw(st.sampled_from(["", "", "", "'", '"']))
    scalar = _plain(draw)
    return f"{quote}{scalar.replace(quote, '') if quote else scalar}{quote}"


def _has_empty_value(data) -> bool:
    if data is None:
        return True
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()
    return any(_has_empty_value(v) for v in values)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_flow_node(), _flow_node())
def test_the_c_parser_and_the_pure_parser_agree_on_flow_collections(first, second):
    text = f"k: {first}\nz: {second}\n"
    fast, pure = load_text(text, "f.yaml"), load_text(text, "f.yaml", backend="pure")
    assert fast.ok == pure.ok
    assert (fast.data, fast.problems) == (pure.data, pure.problems)
    if not _has_empty_value(pure.data):  # the parsers place an empty value apart
        assert fast._positions == pure._positions
