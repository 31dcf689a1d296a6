"""The fast reader (yaml-rs) and the reference reader (ruamel, YAML 1.2) read the same data
from every text the fast reader is given; everything else goes to the reference reader."""

import io
import math
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from pam.load.yaml import _fast_reader, _safe_yaml, parse, unusual

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ["", "~", "null", "Null", "NULL", "nUll", "n", "true", "True", "false", "FALSE", "tRue",
           "yes", "no", "on", "0", "-0", "+1", "00", "12", "0o17", "0O17", "0x1F", "0X1F", "017",
           "08", "1_000", "_1", "1_", "3.14", "-.5", ".5", "5.", "1e3", "1E3", "1.0e+3", "1e400",
           ".inf", "-.Inf", "+.INF", ".iNf", ".nan", ".NaN", ".nAn", "2019-06-30", "2019-6-3",
           "2019-06-30T10:00:00Z", "2019-06-30 10:00:00.5 +01:00", "20190630", "1:20",
           "190:20:30", "<<", "=", "!x", "&a", "*a", "ongoing", "D1.A1.P1.01", "20%", "0.3 درهم",
           "إجراء", "1,5", "12,5", "٣", "۱۲", "-", "_", "+", ".", "99999999999999999999999",
           "3.14159265358979323846", "a b", "x #c", "x# c", "''", '""', "'yes'", '"12"']

needs_fast = pytest.mark.skipif(_fast_reader() is None, reason="yaml-rs is not installed")


def _reference():
    return _safe_yaml(True)


def _same(a, b) -> bool:
    """Equal data, types included; NaN equals NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _both(text: str):
    """(fast result, reference result), each the data or the exception's type."""
    def run(read):
        try:
            return read(text)
        except Exception as exc:  # noqa: BLE001
            return type(exc)
    return run(_fast_reader()), run(_reference().load)


def _agree(text: str) -> None:
    if unusual(text):
        return  # the fast reader never sees it
    fast, ref = _both(text)
    if isinstance(fast, type):
        return  # refused by yaml-rs: the reference reader reads it or says why
    if isinstance(ref, type):
        # in brackets (flow context) YAML 1.2 allows plain scalars such as '0?' or 'a:b' that
        # ruamel's scanner refuses; yaml-rs reads them as the spec says. Nowhere else.
        assert "[" in text or "{" in text, (text, fast, ref)
        return
    assert _same(fast, ref), (text, fast, ref)


@needs_fast
def test_known_scalars_read_alike():
    for value in SAMPLES:
        for doc in (f"k: {value}\n", f"- {value}\n", f"k: [{value}]\n", f"{value}: v\n"):
            _agree(doc)


@needs_fast
@settings(max_examples=400, derandomize=True)
@given(st.text(alphabet=st.sampled_from("0123456789-+.:eExXoObB_ TtFfNnaAiIlLuU~<=yY ٣درهم%,'\""),
               max_size=14))
def test_any_scalar_reads_alike(value):
    _agree(f"k: {value}\n")


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                    st.floats(allow_nan=False, allow_infinity=False, width=64),
                    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
                    st.sampled_from(SAMPLES))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.text(min_size=1, max_size=8), st.integers(1900, 2100)), inner,
                    max_size=4)), max_leaves=20)


@needs_fast
@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=10), documents, min_size=1, max_size=5),
       st.sampled_from([False, True, None]))
def test_documents_written_by_ruamel_read_alike(data, flow):
    out = io.StringIO()
    writer = YAML(typ="safe", pure=True)
    writer.default_flow_style = flow
    writer.allow_unicode = True
    writer.dump(data, out)
    _agree(out.getvalue())


@needs_fast
def test_every_shipped_and_example_file_reads_alike(tmp_path):
    from pam.load.pipeline import load_plan
    from pam.scaffold.demo import write_demo

    plan, _ = load_plan(ROOT / "plan")
    write_demo(plan, tmp_path / "demo", seed=1, as_of=__import__("datetime").date(2019, 6, 30),
               force=False)
    files = sorted((ROOT / "plan").rglob("*.yaml")) + sorted((tmp_path / "demo").rglob("*.yaml"))
    assert len(files) > 500
    fast_used = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        _agree(text)
        data, problems = parse(text, str(path))
        assert not problems and _same(data, _reference().load(text)), path
        fast_used += not unusual(text)
    assert fast_used > len(files) * 0.9  # cards take the fast path


def test_what_goes_to_the_reference_reader():
    for text in ["a: !!int 3\n", "a: &x 1\n", "b: *x\n", "- *x\n", "<<: {a: 1}\n", "%YAML 1.2\n",
                 "---\na: 1\n", "a: 1\n...\n", "a: \x07\n", "a: \ufeffb\n", "a: 0X1F\n",
                 "a: 0O7\n", "a: _1\n", "- _1\n", "a: .iNf\n", "a: .nan\n", ": v\n", "- : v\n",
                 "_k: 1\n"]:
        assert unusual(text), text
    for text in ['cost: "*"\n', "note: a * b\n", "next_steps: []\n", "stale_days: 31\n",
                 "a: 0x1F\n", "a: 0o17\n", "a: 1_000\n", 'a: "x & y"\n']:
        assert not unusual(text), text


def test_without_yaml_rs_everything_is_read_by_the_reference(monkeypatch):
    import pam.load.yaml as Y

    monkeypatch.setattr(Y, "_fast_reader", lambda: None)
    data, problems = parse("a: 1\nb: [x, 2019-06-30]\n", "x.yaml")
    assert data == {"a": 1, "b": ["x", "2019-06-30"]} and not problems


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


def test_random_plan_like_texts_read_alike():
    rng = random.Random(7)
    values = [v for v in SAMPLES if v[:1] not in "!&*<=-'\""]
    for _ in range(300):
        items = rng.sample(values, 6)
        _agree("".join(f"k{i}: {v}\n" for i, v in enumerate(items)))


def test_when_the_fast_reading_does_not_fit_the_reference_reading_decides(tmp_path, monkeypatch):
    """A file whose fast reading fails validation is read again by ruamel: its refusal, or
    its data when it reads the file otherwise, is what counts (pam.load.pipeline.read_model)."""
    import pam.load.yaml as Y
    from pam.load.pipeline import read_model
    from pam.model import Card
    from pam.plan import Plan

    card = tmp_path / "2019-06a.yaml"
    card.write_text("project: D1.A1.P1\nperiod: 2019-06a\ndate: 2019-06-10\n", encoding="utf-8")
    monkeypatch.setattr(Y, "_fast_reader", lambda: (lambda text: {"project": 5}))  # a misreading
    problems: list = []
    obj = read_model(Plan(tmp_path), card, Card, problems)
    assert obj is not None and obj.project == "D1.A1.P1" and problems == []
    card.write_text("project: D1.A1.P1\nperiod: [\n", encoding="utf-8")
    obj = read_model(Plan(tmp_path), card, Card, problems)
    assert obj is None and [p.code for p in problems] == ["yaml-syntax"]
