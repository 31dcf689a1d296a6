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



MACROS = """
{%- macro cell(value, cls="") %}[{{ value }}{% if cls %} {{ cls }}{% endif %}]{% endmacro -%}
{%- macro rows(items) %}{% for it in items %}{{ caller(it) }};{% endfor %}{% endmacro -%}
{{ cell("a<b") }}{{ cell(1, cls="x") }}{{ cell(value="v") }}
{%- for i in [1, 2] %}{{ cell(i) }}{% endfor %}
{%- call(r) rows([{"id": "x&y"}, {"id": 2}]) %}{{ cell(r.id) }}{% endcall %}
{{- double(3) }}{{ "%s" | format(cell("f")) }}
"""


@pytest.mark.parametrize(("fmt", "amp"), [("md", "x\\&y"), ("html", "x&amp;y")])
def test_macro_calls_render_as_with_the_plain_context(fmt, amp):
    from jinja2.runtime import Context

    env = J.make_env(fmt)
    assert env.context_class is not Context
    got = env.from_string(MACROS).render(double=lambda v: 2 * v)
    env.context_class = Context
    assert got == env.from_string(MACROS).render(double=lambda v: 2 * v)
    assert "6" in got and amp in got


def test_a_macro_raising_stop_iteration_gives_undefined_as_jinja_does():
    import jinja2
    from jinja2.runtime import Context, Macro

    def stops(*_args):
        raise StopIteration

    env = J.make_env("html")
    context = env.from_string("").new_context()
    macro = Macro(env, stops, "stops", (), False, False, False, True)
    got, want = context.call(macro), Context.call(context, macro)
    assert isinstance(got, jinja2.Undefined) and type(got) is type(want)
    assert got._undefined_hint == want._undefined_hint
