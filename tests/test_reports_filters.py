"""The Jinja factory, its filters (tested directly), the catalogs and the SVG helper."""

from __future__ import annotations

import datetime as dt

import jinja2
import pytest

from pam.i18n import flat_keys, is_plural_forms, load_messages
from pam.render import jinja as J
from pam.report import svg


@pytest.mark.parametrize("value,lang,expected", [
    (58.52, "ar", "59%"), (58.52, "fr", "59\u202f%"), (None, "ar", "—"), (0, "ar", "0%"),
    (100.0, "fr", "100\u202f%"),
])
def test_pct(value, lang, expected):
    assert J.pct(value, lang=lang) == expected


def test_pct_with_decimals_uses_the_language_decimal_mark():
    assert J.pct(12.34, 1, lang="ar") == "12.3%"
    assert J.pct(12.34, 1, lang="fr") == "12,3\u202f%"


def test_figures_are_shown_from_their_json_value_half_up():
    """A reader rounds the JSON figure half up: 58.50 -> 59, 12.35 -> 12.4 (Python's own
    formatting gives 58 and 12.3: half to even, and 12.35 is 12.3499... in binary)."""
    assert J.pct(58.5) == "59%" and J.pct(58.49) == "58%"
    assert J.pct(12.35, 1) == "12.4%"
    assert J.pct(12.345, 1) == "12.4%"  # JSON prints 12.35
    assert J.pts(-16.5) == "\u200e-17"


@pytest.mark.parametrize("actual,planned,expected", [
    (58.52, 75.4, "\u200e-16"),  # 59 - 75, not round(-16.88) = -17
    (56.36, 65.69, "\u200e-10"),  # 56 - 66
    (50.5, 50.49, "\u200e+1"),  # 51 - 50
    (40, 40.2, "\u200e±0"), (None, 40, "—"), (40, None, "—"),
])
def test_gap_is_the_shown_actual_minus_the_shown_planned(actual, planned, expected):
    assert J.gap(actual, planned) == expected


@pytest.mark.parametrize("value,expected", [
    (-16.88, "\u200e-17"), (3, "\u200e+3"), (0.2, "\u200e±0"), (-0.2, "\u200e±0"),
    (None, "—"),
])
def test_pts_keeps_the_sign_on_the_left_in_arabic(value, expected):
    assert J.pts(value) == expected


def test_money():
    assert J.money(1234.5) == "1,234.50"
    assert J.money(1234.5, lang="fr") == "1\u202f234,50"
    assert J.money(308.54, 1) == "308.5"
    assert J.money(-0.001) == "0.00"
    assert J.money(None) == "—"


def test_share_ratio_dates_names():
    assert J.share(3, 12) == "3 / 12 (25%)" and J.share(0, 0) == "0 / 0"
    assert J.ratio(0.678) == "0.68" and J.ratio(None) == "—"
    assert J.isodate(dt.date(2020, 6, 30)) == "2020-06-30" and J.isodate(None) == "—"
    months = load_messages("fr")["months"]
    assert J.longdate(dt.date(2020, 6, 30), months) == "30\u00a0juin\u00a02020"
    assert J.longdate(dt.date(2020, 6, 30), lang="ar") == "30\u00a0يونيو\u00a02020"
    assert J.pick_name({"ar": "المالية", "fr": "Finances"}, lang="fr") == "Finances"
    assert J.pick_name({"ar": "المالية", "fr": None}, lang="fr") == "المالية"
    assert J.pick_name({"ar": "المالية", "fr": "Finances"}, lang="ar") == "المالية"
    assert J.status_class("at_risk") == "st-at-risk"
    assert J.clip("abcdef", 4) == "abc…" and J.clip("abc", 4) == "abc"
    assert J.ltr("2020-Q2") == "\u200e2020-Q2\u200e"


@pytest.mark.parametrize("text,expected", [
    ("a|b", "a\\|b"), ("<script>", "\\<script\\>"), ("x\ny\r\nz", "x y z"),
    ("- item", "\\- item"), ("2019. done", "2019\\. done"), ("# title", "\\# title"),
    ("[a](http://x)", "\\[a\\](http://x)"), ("*b* _i_ `c`", "\\*b\\* \\_i\\_ \\`c\\`"),
    ("&lt;", "\\&lt;"), ("a\\b", "a\\\\b"), ("abc-def 10.5", "abc-def 10.5"),
])
def test_md_escape(text, expected):
    assert J.md_escape(text) == expected


def test_neutralize_bidi_makes_overrides_visible_and_keeps_marks():
    assert J.neutralize_bidi("a\u202eb\u2066c\u2069") == "a[U+202E]b[U+2066]c[U+2069]"
    assert J.neutralize_bidi("a\u200eb\u200f") == "a\u200eb\u200f"


def test_css_string_cannot_close_the_string_or_the_style():
    out = J.css_string('x" } </style><script>')
    assert out.startswith('"') and out.endswith('"') and out.count('"') == 2
    assert "<" not in out and "}" not in out


def test_every_filter_is_registered_once_in_the_factory():
    env = J.make_env("html", "fr")
    for name in J.FILTERS:
        assert name in env.filters
    assert env.filters["pct"](50) == "50\u202f%"  # bound to the language


def test_strict_undefined_and_autoescape():
    env = J.make_env("html")
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    md = J.make_env("md")
    assert md.from_string("| {{ x }} |").render(x="a|b\n<i>") == "| a\\|b \\<i\\> |"
    with pytest.raises(ValueError):
        J.make_env("docx")


def test_templates_dir_is_package_data_linked_from_the_checkout():
    assert (J.templates_dir() / "layout.html.j2").is_file()
    assert J.templates_dir().parent == J.Path(J.__file__).resolve().parents[1]
    top = J.Path(J.__file__).resolve().parents[2] / "templates"
    assert top.resolve() == J.templates_dir()


def test_catalogs_have_the_same_labels_in_both_languages():
    ar, fr = load_messages("ar"), load_messages("fr")
    assert flat_keys(ar) == flat_keys(fr)
    assert len(ar["months"]) == len(fr["months"]) == 12
    with pytest.raises(ValueError):
        load_messages("en")


def test_catalog_placeholders_match_between_languages():
    import string

    def fields(text):
        return {f for _l, f, _s, _c in string.Formatter().parse(text) if f}

    def walk(a, b, key=""):
        if is_plural_forms(a):  # each language its own forms: the Arabic dual names no
            fa = set().union(*(fields(f) for f in a.values()))  # number (بطاقتان), but
            fb = set().union(*(fields(f) for f in b.values()))  # the forms of one phrase
            yield key, fa - {"n"}, fb - {"n"}  # together fill the same fields
        elif isinstance(a, dict):
            for k in a:
                yield from walk(a[k], b[k], f"{key}.{k}")
        elif isinstance(a, str):
            yield key, fields(a), fields(b)

    for key, fa, fb in walk(load_messages("ar"), load_messages("fr")):
        assert fa == fb, key


def test_bar_chart_is_deterministic_escaped_and_mirrored_for_arabic():
    rows = [("D1 · <b>المالية</b>", [80.0, 60.0]), ("D2", [None, 10.0])]
    series = [("planned", svg.COLORS["planned"]), ("actual", svg.COLORS["actual"])]
    a = svg.bar_chart("t", rows, series, lambda v: f"{v}", rtl=True, scale=100)
    assert a == svg.bar_chart("t", rows, series, lambda v: f"{v}", rtl=True, scale=100)
    assert "<b>" not in a and "&lt;b&gt;" in a
    assert 'direction="rtl"' in a and "<script" not in a
    ltr = svg.bar_chart("t", rows, series, lambda v: f"{v}", rtl=False, scale=100)
    assert 'x="0" y="44" width="492.8"' in ltr  # 80% of the track from the left edge
    assert 'x="187.2" y="44" width="492.8"' in a  # ... and from the right edge in Arabic


def test_line_chart_draws_planned_dashed_and_actual_solid():
    pts = [(dt.date(2018, 12, 31), 10.0), (dt.date(2019, 12, 31), 50.0)]
    out = svg.line_chart("p", [("planned", "#999", True, pts), ("actual", "#00f", False,
                                                               [(d, None) for d, _v in pts])],
                         rtl=False)
    assert out.count("<polyline") == 1 and 'stroke-dasharray="5 3"' in out
    assert ">2019</text>" in out
