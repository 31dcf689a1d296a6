"""pam's YAML 1.2 resolver gives the tags ruamel's own resolver gives, scalar by scalar."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from pam.load.yaml import _safe_yaml, parse

SAMPLES = ["", "~", "null", "Null", "NULL", "n", "true", "True", "false", "FALSE", "yes", "no",
           "on", "0", "-0", "+1", "12", "0o17", "0x1F", "017", "1_000", "3.14", "-.5", ".5", "1e3",
           "1.0e+3", ".inf", "-.Inf", ".nan", ".NaN", "2019-06-30", "2019-6-3", "2019-06-30T10:00:00Z",
           "2019-06-30 10:00:00.5 +01:00", "<<", "=", "!x", "&a", "*a", "ongoing", "D1.A1.P1.01",
           "20%", "1:20", "0.3 درهم", "إجراء", "1,5", "٣", "-", "_", "+", "."]


class Reference(VersionedResolver):
    """ruamel's resolver, pinned to YAML 1.2 the way ruamel itself chooses it."""

    @property
    def processing_version(self):
        return (1, 2)


def _pair():
    ours = _safe_yaml().Resolver(loader=None)
    return ours, Reference(loader=None)


def _same(value: str) -> None:
    ours, ref = _pair()
    for implicit in ((True, False), (False, True), (False, False)):
        assert str(ours.resolve(ScalarNode, value, implicit)) == \
            str(ref.resolve(ScalarNode, value, implicit)), (value, implicit)


def test_known_scalars_resolve_as_ruamel_does():
    for value in SAMPLES:
        _same(value)
    ours, ref = _pair()
    for kind in (MappingNode, SequenceNode):
        assert str(ours.resolve(kind, None, (True, False))) == str(ref.resolve(kind, None, (True, False)))


@settings(max_examples=300, derandomize=True)
@given(st.text(alphabet=st.sampled_from("0123456789-+.:eExXoO_ TtFfNn~<=yYa ٣درهم%"), max_size=12))
def test_any_scalar_resolves_as_ruamel_does(value):
    _same(value)


def test_documents_load_the_same():
    rng = random.Random(7)
    reference = YAML(typ="safe")
    reference.Resolver = Reference
    reference.Constructor = _safe_yaml().Constructor  # pam's: timestamps stay text
    values = [v for v in SAMPLES[1:] if v not in ("=", "<<", "-")]  # refused either way
    for _ in range(200):
        items = rng.sample(values, 6)
        text = "".join(f"k{i}: {v!s}\n" if v[:1] not in "!&*" else f"k{i}: '{v}'\n"
                       for i, v in enumerate(items))
        data, problems = parse(text, "x.yaml")
        assert not problems, text
        expected = reference.load(text)
        assert [(k, type(v), v) for k, v in data.items()] == \
            [(k, type(v), v) for k, v in expected.items()] or _nan_equal(data, expected), text


def _nan_equal(a: dict, b: dict) -> bool:
    """NaN is never equal to itself: compare those by type and text."""
    return [(k, type(v), str(v)) for k, v in a.items()] == \
        [(k, type(v), str(v)) for k, v in b.items()]


EDGES = [" " * 38 + "a", " " * 39 + "a", "a\n" + "- " * 20 + "x", "[" * 20 + "\n" + " " * 19,
         "[" * 20 + "\n" + " " * 18 + "b", "{" * 39, "{" * 40, "x:\r\n" + ":" * 39, ""]


@settings(max_examples=300, derandomize=True)
@given(st.one_of(st.sampled_from(EDGES),
                 st.text(alphabet=st.sampled_from(" -?:[{ab\n\r\t*&"), max_size=120)))
def test_the_quick_depth_guess_matches_its_definition(text):
    """may_nest_or_alias: any '*' or '&', or brackets plus the deepest line start (spaces,
    dashes, '?', ':') reaching MAX_DEPTH."""
    from pam.load.yaml import MAX_DEPTH, may_nest_or_alias

    brackets = text.count("[") + text.count("{")
    deepest = max((len(line) - len(line.lstrip(" -?:")) for line in text.split("\n")), default=0)
    expected = "*" in text or "&" in text or brackets >= MAX_DEPTH or \
        brackets + deepest + 1 >= MAX_DEPTH
    assert may_nest_or_alias(text) == expected
