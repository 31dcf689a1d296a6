"""The summary's sentences in words (pure): pam.report.summary gives the figures, the catalog
(pam/i18n/<lang>.json, `summary` and `n`) the sentences, and every count agrees with its noun
through pam.render.words.plural (Arabic: 1, 2, 3-10, 11-99, 100...; French: 0-1, 2+).

`sentences(items, lang=...)`: one plain string per item, in order; `paragraphs(items)`, the
Jinja filter `paragraphs`: the sentences of each part (consecutive items with the same
`part`) joined into one paragraph. Texts from the plan (domain names) stay strings: the environment escapes them for the
output format like any other value."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from pam.i18n import load_messages


def sentences(items: list[dict], *, lang: str = "ar") -> list[str]:
    """Each summary item worded in `lang` (an unknown key is an error, never a blank)."""
    from pam.render import jinja as J
    from pam.render.words import longdate, plural

    L = load_messages(lang)
    S, N = L["summary"], L["n"]

    def count(n: float, noun: str, **values) -> str:
        return plural(n, N[noun], lang=lang, **values)

    def say(key: str, n: int | None = None, **values) -> str:
        form = S[key]
        if isinstance(form, dict):  # a sentence with plural forms: said with its n
            return plural(cast(float, n), form, lang=lang, **values)
        return form.format(**values)

    def pct(v) -> str:
        return J.pct(v, lang=lang)

    def points(actual, planned) -> str:
        value = J.shown_gap(actual, planned, 0)
        if value is None:
            return "—"
        return count(abs(value), "points", text=J.pts(value, lang=lang))

    def mmad(v) -> str:
        if v is None:
            return "—"
        return count(abs(J.shown(v, 2)), "mmad", text=J.money(v, lang=lang))

    def grade(g) -> str:
        return L["grade"][g] if g else "—"

    def name(n) -> str:
        return J.pick_name(n, lang=lang)

    words: dict[str, Callable[[dict], str]] = {
        "projects_rate": lambda s: say(
            "projects_rate", s["done"], date=longdate(s["date"], lang=lang),
            programmed=count(s["programmed"], "projects_programmed"), rate=pct(s["rate"])),
        "no_programmed": lambda s: say("no_programmed", date=longdate(s["date"], lang=lang)),
        "projects_stages": lambda s: say(
            "projects_stages", total=count(s["total"], "projects_of"),
            done=count(s["done"], "p_done"), in_progress=count(s["in_progress"], "p_ongoing"),
            not_started=count(s["not_started"], "p_not_started"),
            late=count(s["late"], "p_late")),
        "progress": lambda s: say(
            "progress", actual=pct(s["actual"]), planned=pct(s["planned"]),
            gap=points(s["actual"], s["planned"]), grade=grade(s["grade"])),
        "progress_cw": lambda s: say(
            "progress_cw", actual=pct(s["actual"]), planned=pct(s["planned"]),
            gap=points(s["actual"], s["planned"]), grade=grade(s["grade"])),
        "year": lambda s: say(
            "year", year=s["year"], progress=points(s["actual"], s["actual_start"]),
            planned_progress=points(s["planned"], s["planned_start"]),
            actions_done=count(s["actions_done"], "a_done_year"),
            projects_done=count(s["projects_done"], "p_done_year")),
        "domains": lambda s: say(
            "domains", ahead=name(s["ahead"]["name"]), ahead_actual=pct(s["ahead"]["actual"]),
            ahead_planned=pct(s["ahead"]["planned"]), behind=name(s["behind"]["name"]),
            behind_gap=points(s["behind"]["actual"], s["behind"]["planned"])),
        "alerts": lambda s: say(
            "alerts", late=count(s["late"], "a_late"), at_risk=count(s["at_risk"], "a_at_risk"),
            unreported=count(s["unreported"], "a_unreported")),
        "money": lambda s: say(
            "money" if s["paid_year"] is not None else "money_total", year=s["year"],
            paid=mmad(s["paid"]), paid_year=mmad(s["paid_year"]), cost=mmad(s["cost"])),
        "money_allocated": lambda s: say(
            "money_allocated", allocated=mmad(s["allocated"]),
            rate=pct(s["paid_of_allocated"])),
        "money_committed": lambda s: say(
            "money_committed", committed=mmad(s["committed"]),
            rate=pct(s["committed_of_cost"])),
        "funding": lambda s: say(
            "funding", own=pct(s["own_share"]), partners=pct(s["partner_share"]),
            signed=pct(s["signed_share"])),
        "obstacles": lambda s: say(
            "obstacles", obstacles=count(s["obstacles"], "obstacles"),
            projects=count(s["projects"], "projects_of"),
            top=plural(len(s["top"]), S["top"], lang=lang, top=S["list_sep"].join(
                S["cause"].format(category=L["category"][c["category"] or "none"],
                                  projects=count(c["projects"], "projects"))
                for c in s["top"])),
            answered=count(s["answered"], "o_answered"), open=count(s["open"], "o_open")),
        "no_obstacles": lambda s: say("no_obstacles"),
        "indicators": lambda s: say(
            "indicators", measured=count(s["measured"], "i_measured"),
            late=count(s["late"], "i_late"), at_risk=count(s["at_risk"], "i_at_risk")),
        "amendments": lambda s: say("amendments", s["n"], year=s["year"]),
    }
    return [words[s["key"]](s) for s in items]


def paragraphs(items: list[dict], *, lang: str = "ar") -> list[str]:
    """The summary as paragraphs: consecutive sentences of the same part, joined."""
    out: list[tuple[str | None, list[str]]] = []
    for item, text in zip(items, sentences(items, lang=lang), strict=True):
        part = item.get("part")
        if out and out[-1][0] == part:
            out[-1][1].append(text)
        else:
            out.append((part, [text]))
    return [" ".join(texts) for _part, texts in out]
