"""The shortcuts of the report environment give exactly what the long way gives."""

from __future__ import annotations

import random

import pytest

from pam.render import jinja as J

TRICKY = ("ab", "عمل", "7", "2020-06a", " ", "\u00a0", "\u200e", "\x1f", "-", "+", "=",
          ".", ")", "1", "12", *r"\`*_[]<>#|~&$", *J._MD_BREAKS,
          *"\u202a\u202e\u2066\u2069\x1b\x07\x9b\u200b\ufeff\U000e0041\ud800")


def test_md_breaks_are_every_character_splitlines_breaks_at():
    breaks = {chr(c) for c in range(0x110000) if len(f"a{chr(c)}b".splitlines()) > 1}
    assert breaks | {"\t"} == set(J._MD_BREAKS)


@pytest.mark.parametrize("text", ["", "plain", "عمل جماعي", "1. first", "  - item", "12)",
                                  "+", "3.5", "a|b", "x\ny", "tab\there", "\u202eevil",
                                  "-5", "2020-06a", "٣. عربي", "1.\u00a0x", "=", "-\u2028"])
def test_md_escape_equals_the_full_escape(text):
    assert J.md_escape(text) == J._md_escape_all(text)


def test_md_escape_equals_the_full_escape_on_random_texts():
    rng = random.Random(20)
    for _ in range(20000):
        text = "".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 5)))
        assert J.md_escape(text) == J._md_escape_all(text), repr(text)


def test_md_escape_of_non_text_values():
    assert J.md_escape(12) == "12"
    assert J.md_escape(-3.5) == "-3.5"
    assert J.md_escape(None) == "None"


class _Row(dict):
    """A dict subclass: resolved the ordinary Jinja way."""


class _Obj:
    id = "attr"


@pytest.mark.parametrize("obj", [{"id": 1, "items": 2, "name": None}, {}, _Row(id=3), _Obj(),
                                 [1, 2], "text"])
@pytest.mark.parametrize("attribute", ["id", "items", "name", "missing", "get", "__class__"])
def test_dict_attribute_lookup_resolves_as_jinja_does(obj, attribute):
    import jinja2

    env = J.make_env("html")
    plain = jinja2.Environment(undefined=jinja2.StrictUndefined)
    got, want = env.getattr(obj, attribute), plain.getattr(obj, attribute)
    if isinstance(want, jinja2.Undefined):
        assert type(got) is type(want)
        assert got._undefined_name == want._undefined_name
        assert got._undefined_obj is want._undefined_obj
    else:
        assert got == want


def test_a_missing_key_in_a_template_is_still_an_error():
    import jinja2

    env = J.make_env("md")
    with pytest.raises(jinja2.UndefinedError, match="missing"):
        env.from_string("{{ d.missing }}").render(d={"id": 1})
    assert env.from_string("{{ d.items is defined }} {{ d.id }}").render(d={"id": 1}) == \
        "True 1"





def test_precompiled_templates_render_the_same_bytes_and_go_stale_with_their_sources(
        tmp_path, monkeypatch):
    """The templates compiled ahead of time (pam/render/precompiled.py) give the bytes the
    sources give; a changed source or another Jinja makes pam read the sources again."""
    from reports_workspace import AS_OF, NO_GIT, load, write_workspace

    from pam.render import precompiled
    from pam.report import render as R
    from pam.report.run import build

    plan = load(write_workspace(tmp_path / "ws"))
    monkeypatch.setattr(precompiled, "FOLDER", tmp_path / "compiled")
    precompiled.compile_all(tmp_path / "compiled")
    assert precompiled.loader("html") is not None
    for kind, period in (("annual", "2019"), ("semiannual", "2020-H1"), ("public", None)):
        data = build(plan, kind, period=period, as_of=AS_OF, commit=NO_GIT)
        for fmt in ("md", "html"):
            ahead = R.render(data, fmt, "ar", env=J.make_env(fmt, "ar"))
            source = R.render(data, fmt, "ar", env=J.make_env(fmt, "ar", compiled=False))
            assert ahead == source, (kind, fmt)
    manifest = tmp_path / "compiled" / "html" / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"sources": "', '"sources": "0'))
    precompiled.loader.cache_clear()
    assert precompiled.loader("html") is None and precompiled.loader("md") is not None
