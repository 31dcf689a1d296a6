"""Typography: plurals (CLDR rules for ar and fr), dates in words, through the Jinja filters."""

from __future__ import annotations

import datetime as dt

import pytest

from pam.i18n import load_messages
from pam.render import jinja as J
from pam.render.words import (
    MONTHS,
    daterange,
    halfmonth,
    longdate,
    plural,
    plural_category,
)

NB = "\u00a0"


@pytest.mark.parametrize("n,expected", [  # CLDR plurals.xml, 'ar' examples
    (0, "zero"), (1, "one"), (2, "two"), (3, "few"), (10, "few"), (103, "few"), (110, "few"),
    (11, "many"), (26, "many"), (99, "many"), (111, "many"), (1011, "many"),
    (100, "other"), (101, "other"), (102, "other"), (1000, "other"), (1.5, "other"),
])
def test_arabic_plural_categories(n, expected):
    assert plural_category(n, "ar") == expected


@pytest.mark.parametrize("n,expected", [  # CLDR 'fr': 0 and 1 are singular
    (0, "one"), (1, "one"), (1.5, "one"), (2, "other"), (17, "other"), (100, "other"),
    (1_000_000, "many"), (2_000_000, "many"), (1_000_001, "other"),
])
def test_french_plural_categories(n, expected):
    assert plural_category(n, "fr") == expected


def test_arabic_number_agreement_with_the_catalog():
    cards = load_messages("ar")["n"]["cards"]
    assert [plural(n, cards, lang="ar") for n in (1, 2, 3, 10, 11, 99, 100)] == [
        "1 بطاقة", "بطاقتان", "3 بطاقات", "10 بطاقات", "11 بطاقة", "99 بطاقة", "100 بطاقة"]
    projects = load_messages("ar")["n"]["projects"]
    assert plural(2, projects, lang="ar") == "مشروعان"
    assert plural(12, projects, lang="ar") == "12 مشروعا"


def test_french_plurals_with_the_catalog():
    cards = load_messages("fr")["n"]["cards"]
    assert [plural(n, cards, lang="fr") for n in (0, 1, 2, 1_000_000)] == [
        "0 fiche", "1 fiche", "2 fiches", "1000000 de fiches"]


def test_plural_falls_back_to_other_and_says_when_it_cannot():
    assert plural(5, {"other": "{n} x"}, lang="ar") == "5 x"
    with pytest.raises(KeyError):
        plural(5, {"one": "x"}, lang="ar")
    assert [plural_category(k, "en") for k in (0, 1, 2, 1.5)] == ["other", "one", "other",
                                                                   "other"]
    with pytest.raises(ValueError):
        plural_category(1, "de")


def test_every_catalog_plural_has_a_form_for_every_count():
    """Every set of plural forms (nouns in `n`, whole sentences in `summary`) has 'other',
    names only CLDR categories or exact counts, and gives a text for any count."""
    from pam.i18n import is_plural_forms

    for lang in ("ar", "fr"):
        messages = load_messages(lang)
        sets = list(messages["n"].values()) + [v for v in messages["summary"].values()
                                               if isinstance(v, dict)]
        for forms in sets:
            assert is_plural_forms(forms), forms
            for n in range(0, 121):
                fields = {"date": "d", "programmed": "p", "rate": "r", "year": "y", "top": "t"}
                assert plural(n, forms, lang=lang, **fields)


def test_exact_forms_win_and_the_count_may_be_printed_as_shown():
    forms = {"=0": "aucun", "one": "{n} point", "other": "{n} points"}
    assert plural(0, forms, lang="fr") == "aucun"
    assert plural(1, forms, lang="fr") == "1 point"
    assert plural(16, forms, text="-16", lang="fr") == "-16 points"
    assert plural(2, {"other": "{n} de {total}"}, lang="fr", total=3) == "2 de 3"


def test_moroccan_month_names_and_french_first_of_the_month():
    assert MONTHS["ar"] == tuple(load_messages("ar")["months"])
    assert MONTHS["ar"][4] == "ماي" and MONTHS["ar"][6] == "يوليوز" and MONTHS["ar"][7] == "غشت"
    assert MONTHS["ar"][8] == "شتنبر" and MONTHS["ar"][10] == "نونبر"
    assert MONTHS["ar"][11] == "دجنبر"
    assert longdate(dt.date(2019, 1, 1), lang="fr") == f"1er{NB}janvier{NB}2019"
    assert longdate(dt.date(2019, 12, 31), lang="ar") == f"31{NB}دجنبر{NB}2019"
    assert longdate(dt.date(2019, 1, 1), lang="ar") == f"1{NB}يناير{NB}2019"
    assert longdate(None, lang="fr") == "—"


def test_ranges_write_the_shared_month_and_year_once():
    d = dt.date
    assert daterange(d(2019, 1, 1), d(2019, 1, 15), lang="ar") == f"1–15{NB}يناير{NB}2019"
    assert daterange(d(2019, 1, 1), d(2019, 1, 15), lang="fr") == f"1er–15{NB}janvier{NB}2019"
    assert daterange(d(2019, 1, 1), d(2019, 3, 31), lang="fr") == (
        f"1er{NB}janvier – 31{NB}mars{NB}2019")
    assert daterange(d(2018, 12, 16), d(2019, 1, 15), lang="ar") == (
        f"16{NB}دجنبر{NB}2018 – 15{NB}يناير{NB}2019")
    assert daterange(d(2019, 5, 2), d(2019, 5, 2), lang="ar") == f"2{NB}ماي{NB}2019"


def test_half_month_codes_are_written_in_words():
    assert halfmonth("2019-01a", lang="ar") == f"1–15{NB}يناير{NB}2019"
    assert halfmonth("2019-01a", lang="fr") == f"1er–15{NB}janvier{NB}2019"
    assert halfmonth("2020-02b", lang="fr") == f"16–29{NB}février{NB}2020"


def test_the_filters_are_registered_and_bound_to_the_language():
    for lang, expected in (("ar", "بطاقتان"), ("fr", "2 fiches")):
        env = J.make_env("html", lang)
        forms = load_messages(lang)["n"]["cards"]
        assert env.filters["plural"](2, forms) == expected
    env = J.make_env("md", "fr")
    out = env.from_string("{{ d|longdate }} · {{ p|halfmonth }} · {{ a|daterange(b) }}").render(
        d=dt.date(2020, 7, 1), p="2019-06b", a=dt.date(2019, 6, 1), b=dt.date(2019, 6, 30))
    assert out == (f"1er{NB}juillet{NB}2020 · 16–30{NB}juin{NB}2019 · "
                   f"1er–30{NB}juin{NB}2019")


def test_the_same_date_style_in_running_text_and_tables(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from reports_workspace import NO_GIT, load, write_workspace

    from pam.report.run import build, render_as

    plan = load(write_workspace(tmp_path))
    for kind, period in (("semiannual", "2020-H1"), ("card", "2020-06b")):
        data = build(plan, kind, period=period, project="D1.A1.P1" if kind == "card" else None,
                     commit=NO_GIT)
        for lang in ("ar", "fr"):
            body = render_as(data, "md", lang)
            assert "2020-06-30" not in body and "30-06-2020" not in body, (kind, lang)
