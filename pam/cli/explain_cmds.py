"""pam explain: how one action's or node's figures were computed at a date."""

from __future__ import annotations

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
    find_or_exit,
    load_or_exit,
    parse_date,
    print_json,
    say,
)


@app.command()
def explain(
    node_id: Annotated[str, typer.Argument(
        metavar="ID", autocompletion=complete_ids("domain", "axis", "project", "action"), help="An action (D2.A2.P1.03), a project, an axis, a domain, or the "
                           "program's id.")],
    plan: PlanOpt = Path("plan"),
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Date to explain at (YYYY-MM-DD). Default: as pam status.")] = None,
    against: Annotated[str, typer.Option(
        "--against", help="current (the plan as amended) or baseline (as adopted).")]
    = "current",
    format: FormatOpt = TableOrJson.text,
    bidi: BidiOpt = None,
    no_pager: PagerOpt = False,
    lang: LangOpt = None,
) -> None:
    """How the figures of an action or a node were computed: for an action its targets and
    the planned point, the report used, the variance and the status rule that fired; for a
    node which actions entered its means with which weights, what was left out and why,
    and the status rule that fired. The same numbers as pam status at that date."""
    from pam.monitor.baseline import view
    from pam.monitor.explain import explain as explain_id

    if against not in ("current", "baseline"):
        raise typer.BadParameter("current or baseline", param_hint="--against")
    day = parse_date(as_of, "--as-of")
    p = view(load_or_exit(plan), against)
    if node_id.lower() == p.loaded_program.id.lower():
        node_id = p.loaded_program.id
    else:
        node_id = find_or_exit(p, node_id, ("domain", "axis", "project", "action"),
                               "action, project, axis, domain or program with id").id
    from pam.cache.units import as_of_date

    measured_on = as_of_date(p, day)  # capped to the program's last day, else the default
    if day is not None and day > measured_on:
        from pam.i18n.terminal import t

        say("pam: " + t("msg.capped", asked=day, end=measured_on))
    data = explain_id(p, node_id, measured_on)
    if format is TableOrJson.json:
        from pam.monitor.explain import explain_json

        print_json(explain_json(data))
        return
    from pam.render.explain import render_action, render_node
    from pam.render.term import Terminal
    from pam.render.text import make_shaper

    term = Terminal(shape=make_shaper(bidi))
    lines = render_action(data) if data["kind"] == "action" else render_node(data)
    for line in lines:
        indent = " " * (len(line) - len(line.lstrip(" ")))
        term.print(line.lstrip(" "), first=indent, indent=indent + "  ")
    term.flush(pager=not no_pager)
