"""pam status: where the program stands, for the coordinator's terminal or a script.

The warm path: this module, the cache (pam/cache/run.py) and the view (pam/render/
status_view.py) import neither pydantic nor pam.model."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from pam.cli.base import app
from pam.cli.common import (
    BidiOpt,
    FormatOpt,
    LangOpt,
    PagerOpt,
    PlanOpt,
    TableOrJson,
    complete_ids,
    exit_with_errors,
    find_id_or_exit,
    parse_date,
    print_json,
    say,
    say_left_out,
)


class Against(str, Enum):
    current = "current"
    baseline = "baseline"


class By(str, Enum):
    head = "head"


def only_statuses(words: list[str] | None) -> tuple[str, ...]:
    """--only's words as status codes: any status the screen prints, in any language and
    case ('LATE', 'at risk', 'at-risk', 'en retard', 'متأخر'), and 'stale'; several may be
    given at once, separated by commas. An unknown word is a usage error (exit 2)."""
    from pam.monitor.results import STATUSES

    found: list[str] = []
    for word in words or []:
        for part in word.split(","):
            if not part.strip():
                continue
            code = status_code(part)
            if code is None:
                from pam.i18n.terminal import t
                from pam.problems import did_you_mean

                known = [*STATUSES, "stale"]
                say("pam: " + t("msg.unknown_status", value=part,
                                hint=did_you_mean(_key(part), known),
                                known=", ".join(known)))
                raise typer.Exit(2)
            if code not in found:
                found.append(code)
    return tuple(found)


def _key(word: str) -> str:
    return "_".join(word.strip().casefold().replace("-", " ").split())


def status_code(word: str) -> str | None:
    """The status code a word names (see only_statuses), or None."""
    from pam.monitor.results import STATUSES

    key = _key(word)
    if key in STATUSES or key == "stale":
        return key
    from pam.i18n import load_messages
    from pam.i18n.terminal_words import STATUS_EN, WORDS

    names = {_key(v): k for k, v in STATUS_EN.items()}
    for lang in ("fr", "ar"):
        names.update({_key(v): k for k, v in load_messages(lang)["status"].items()})
    names.update({_key(v): "stale" for v in WORDS["word.stale"].values()})
    return names.get(key)


@app.command()
def status(
    plan: PlanOpt = Path("plan"),
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Date to measure at: YYYY-MM-DD, today or yesterday. Default: today. "
                        "A date after the end of the program is measured at its last day "
                        "(and the view says so).")] = None,
    domain: Annotated[str | None, typer.Option(
        "--domain", autocompletion=complete_ids("domain", "axis"),
        help="Only this domain (or axis).")] = None,
    project: Annotated[str | None, typer.Option(
        "--project", autocompletion=complete_ids("project"),
        help="Only this project (with every one of its actions).")] = None,
    only: Annotated[list[str] | None, typer.Option(
        "--only", help="Only the actions of this status, every one of them listed "
                       "(repeatable, or comma-separated): late, at_risk, unreported, "
                       "on_track, done, not_due, no_target, cancelled, or stale; as the "
                       "screen prints them too, in any case ('LATE', 'at risk').")] = None,
    by: Annotated[By | None, typer.Option(
        "--by", help="head: the agenda of the half-monthly review, each project head's "
                     "projects and actions to act on, and the cards missing.")] = None,
    depth: Annotated[int | None, typer.Option(
        "--depth", "-d", min=0, help="Levels of the table: 1 domains, 2 and axes, 3 and "
                                     "projects (default: all; 0 no table).")] = None,
    format: FormatOpt = TableOrJson.text,
    against: Annotated[Against, typer.Option(
        "--against", help="Measure against the plan as amended (current) or as adopted "
                          "(baseline).")] = Against.current,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Refuse (exit 1) when a card has an error, instead of leaving it "
                         "out of the figures and naming it.")] = False,
    bidi: BidiOpt = None,
    no_pager: PagerOpt = False,
    lang: LangOpt = None,
) -> None:
    """Where the program stands: planned vs actual, variance, status, budget; what is late,
    at risk, stale or unreported, and who must act."""
    statuses = only_statuses(only)
    if format is TableOrJson.json and depth is not None:
        _conflict("--depth", "--format json")
    day = parse_date(as_of, "--as-of")
    found, scope_id = _status(plan, day, against.value, domain, project, strict)
    from pam.monitor.rollup import filter_status

    result = filter_status(found.status, scope_id, set(statuses) or None)
    header = _header(found, scope_id)
    if format is TableOrJson.json:
        from pam.monitor.results import status_json

        data = status_json(result)
        if found.header.get("left_out_cards"):
            data["left_out_cards"] = found.header["left_out_cards"]
            say_left_out(found.header["left_out_errors"])
        if by is By.head:
            from pam.render.agenda import agenda

            data["agenda"] = agenda(result, found.header.get("heads", {}),
                                    header["discipline"]["rows"])
        print_json(data)
        return
    from pam.render.status_view import Scope, render_status
    from pam.render.term import Terminal
    from pam.render.text import make_shaper

    asked = found.header.get("asked")
    scope = Scope(node=scope_id, only=statuses, depth=depth, by_head=by is By.head,
                  asked=asked, hint=_hint(plan, as_of, scope_id, domain),
                  heads=found.header.get("heads", {}))
    term = Terminal(shape=make_shaper(bidi))
    render_status(header, result, term, scope)
    term.flush(pager=not no_pager)


def _conflict(a: str, b: str) -> None:
    from pam.i18n.terminal import t

    say("pam: " + t("msg.conflict", a=a, b=b))
    raise typer.Exit(2)


def _hint(plan: Path, as_of: str | None, scope_id: str | None, domain: str | None) -> str:
    """The command that shows this view again (for '… lists them all')."""
    parts = ["pam status"]
    if str(plan) != os.environ.get("PAM_PLAN", "plan"):
        parts.append(f"--plan {plan}")
    if as_of:
        parts.append(f"--as-of {as_of}")
    if scope_id:
        kind = "--domain" if scope_id.count(".") == 0 else "--project" \
            if scope_id.count(".") == 2 else "--domain"
        parts.append(f"{kind} {scope_id}")
    return " ".join(parts)


def _status(plan_dir: Path, day, against: str, domain: str | None, project: str | None,
            strict: bool):
    """The status through the cache (pam/cache/run.py) and the node --domain or --project
    names; the plan's errors printed and exit 1 when it has any (with --strict, also when a
    card has one); --domain and --project that do not agree: exit 2."""
    from pam.cache.run import cached_status

    found = cached_status(plan_dir, day, against)
    if found.errors:
        exit_with_errors(found.errors, plan_dir)
    if strict and found.header.get("left_out_cards"):
        exit_with_errors(found.header["left_out_errors"], plan_dir)
    scope_id = None
    if domain:
        scope_id = find_id_or_exit(found.ids, domain, ("domain", "axis", "project"),
                                   "domain, axis or project")
    if project:
        chosen = find_id_or_exit(found.ids, project, ("project",), "project")
        if scope_id and not chosen.startswith(scope_id + "."):
            from pam.i18n.terminal import t

            say("pam: " + t("msg.not_in_domain", project=chosen, domain=scope_id))
            raise typer.Exit(2)
        scope_id = chosen
    return found, scope_id


def _header(found, node_id: str | None) -> dict:
    """The view's header: names, notice, cards left out, and the discipline of the scope."""
    from pam.monitor.discipline import totals

    rows = [r for r in found.header["rows"] if node_id is None or r["project"] == node_id
            or r["project"].startswith(node_id + ".")]
    header = {k: found.header.get(k) for k in ("name", "name_fr", "notice", "left_out_cards")}
    header["discipline"] = {"since": found.header["since"], "totals": totals(rows), "rows": rows}
    return header
