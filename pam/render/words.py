"""Numbers and dates in words, for Arabic and French reports (pure; the Jinja filters).

Plurals follow CLDR's rules (plurals.xml, the cardinal rules of 'ar', 'fr' and 'en'), written
here once: pam speaks three languages, and Babel would bring 30 MB of locale data for these few
lines. Arabic agrees a counted noun with its number: 1 بطاقة، بطاقتان، 3–10 بطاقات،
11–99 بطاقة، 100 بطاقة; French: 0 and 1 singular, 2 and more plural (and 'de' for a million).
A catalog gives the forms of one noun as a mapping of CLDR category to text with '{n}':
    {"one": "بطاقة واحدة", "two": "بطاقتان", "few": "{n} بطاقات", "many": "{n} بطاقة",
     "other": "{n} بطاقة"}
Missing categories fall back to 'other'; an exact count may have its own form, as in ICU
messages ("=0": "aucun projet"), chosen before the category. A form may name other values
than {n} (`plural(2, forms, total="39 projets")`), and print the count as shown (`text="-16"`)
while the category follows the number.

Dates: the day, the month's name (Moroccan usage in Arabic: يناير … ماي … يوليوز، غشت، شتنبر
… نونبر، دجنبر) and the year, in running text and in tables alike; French writes the first of
a month '1er'.
"""

from __future__ import annotations

import datetime as dt

MONTHS = {
    "ar": ("يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر",
           "أكتوبر", "نونبر", "دجنبر"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
}
CATEGORIES = ("zero", "one", "two", "few", "many", "other")
RANGE_DASH = "\u2013"  # en dash between the two ends of a range: 1–15
NBSP = "\u00a0"


def plural_category(n: float | int, lang: str) -> str:
    """CLDR's cardinal plural category of `n` in 'ar', 'fr' or 'en' (zero one two few many
    other; English: one for exactly 1, other otherwise)."""
    integer = float(n).is_integer()
    i = int(abs(n)) if integer else None
    if lang == "ar":
        if i is None:  # not an integer
            return "other"
        if i == 0:
            return "zero"
        if i == 1:
            return "one"
        if i == 2:
            return "two"
        if 3 <= i % 100 <= 10:
            return "few"
        if 11 <= i % 100 <= 99:
            return "many"
        return "other"
    if lang == "fr":
        whole = int(abs(n))
        if whole in (0, 1):
            return "one"
        if integer and whole != 0 and whole % 1_000_000 == 0:
            return "many"
        return "other"
    if lang == "en":
        return "one" if integer and i == 1 else "other"
    raise ValueError(f"no plural rules for '{lang}'")


def plural(n: float | int, forms: dict, text: str | None = None, *, lang: str = "ar",
           **values) -> str:
    """`n` with the form of its noun that agrees with it: plural(2, forms) -> 'بطاقتان'.
    An exact form ("=0", "=1" ...) wins over the category; `text` is how the count is printed
    (a signed gap, a decimal amount), `values` fill the form's other fields."""
    exact = f"={n:g}" if float(n).is_integer() else None
    category = plural_category(n, lang)
    form = forms.get(exact) if exact in forms else (forms.get(category) or forms.get("other"))
    if form is None:
        raise KeyError(f"no '{category}' nor 'other' form in {forms!r}")
    return form.format(n=n if text is None else text, **values)


def day_words(day: int, lang: str) -> str:
    return "1er" if lang == "fr" and day == 1 else str(day)


def longdate(value: dt.date | None, months=None, *, lang: str = "ar") -> str:
    """30 June 2020 in words: '30 يونيو 2020', '1er juillet 2020'; None -> '—'.

    `months` (twelve names) is still taken for templates written before the language was
    bound; the names of `lang` are used otherwise."""
    if value is None:
        return "—"
    names = list(months) if months else MONTHS[lang]
    return f"{day_words(value.day, lang)}{NBSP}{names[value.month - 1]}{NBSP}{value.year}"


def daterange(start: dt.date | None, end: dt.date | None, *, lang: str = "ar") -> str:
    """Two dates as one range, the shared month and year written once:
    '1–15 يناير 2019', '1er janvier – 31 mars 2019', '16 دجنبر 2018 – 15 يناير 2019'."""
    if start is None or end is None:
        return longdate(start or end, lang=lang)
    if start == end:
        return longdate(start, lang=lang)
    names = MONTHS[lang]
    if (start.year, start.month) == (end.year, end.month):
        return (f"{day_words(start.day, lang)}{RANGE_DASH}{end.day}{NBSP}"
                f"{names[end.month - 1]}{NBSP}{end.year}")
    if start.year == end.year:
        return (f"{day_words(start.day, lang)}{NBSP}{names[start.month - 1]} {RANGE_DASH} "
                f"{longdate(end, lang=lang)}")
    return f"{longdate(start, lang=lang)} {RANGE_DASH} {longdate(end, lang=lang)}"


ORDINALS = {  # the half (semester) and the quarter of a year, in words
    "ar": ("الأول", "الثاني", "الثالث", "الرابع"),
    "fr": ("1er", "2e", "3e", "4e"),
}
SPAN_WORDS = {
    "ar": {"half": "النصف {nth} من سنة {year}", "quarter": "الفصل {nth} من سنة {year}"},
    "fr": {"half": "{nth} semestre {year}", "quarter": "{nth} trimestre {year}"},
}


def periodname(label: str, *, lang: str = "ar") -> str:
    """A report's period label in words: '2020-06b' -> '16–30 يونيو 2020', '2020-H1' ->
    '1er semestre 2020', '2020-Q2' -> 'الفصل الثاني من سنة 2020', '2019' -> '2019', a date
    '2020-06-30' -> '30 juin 2020'. Anything else is returned as it is."""
    import re

    from pam.periods import is_period

    text = str(label)
    if is_period(text):
        return halfmonth(text, lang=lang)
    m = re.fullmatch(r"(\d{4})-([HQ])([1-4])", text)
    if m and (m[2] == "Q" or m[3] in "12"):
        kind = "half" if m[2] == "H" else "quarter"
        return SPAN_WORDS[lang][kind].format(nth=ORDINALS[lang][int(m[3]) - 1], year=m[1])
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return longdate(dt.date.fromisoformat(text), lang=lang)
        except ValueError:
            return text
    return text


def halfmonth(period: str, *, lang: str = "ar") -> str:
    """A half-month period code in words: '2019-01a' -> '1–15 يناير 2019'."""
    from pam.periods import period_bounds

    start, end = period_bounds(period)
    return daterange(start, end, lang=lang)
