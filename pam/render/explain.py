"""pam explain as text: an action's or a node's figures computed step by step, so that the
reader can redo them by hand (the way hledger and beancount explain their balances)."""

from __future__ import annotations

from pam.i18n.terminal import status_label
from pam.monitor.explain import fmt
from pam.monitor.results import gap, shown


def _pct(v) -> str:
    return "—" if v is None else f"{fmt(v)}%"


def _whole(v) -> str:
    return "—" if v is None else f"{shown(v):.0f}"


def render_action(e: dict, shape) -> list[str]:
    r = e["result"]
    out = [f"{e['id']}  {shape(e['text'])}",
           f"action of project {e['project']}, as of {e['as_of']}", ""]
    targets = "  ".join(f"{y}: {v:g}%" for y, v in e["targets"].items()) or "none"
    out += ["planned", f"  targets (cumulative share done by 31 December): {targets}"]
    p = e["planned"]
    if p["case"] == "no_target":
        out.append("  no target: no planned value, so the action is outside every mean")
    elif p["case"] == "before":
        out.append(f"  before the plan starts ({p['start']}, the end of the year before the "
                   "first target): 0%")
    elif p["case"] == "after":
        d, v = p["last"]
        out.append(f"  after the last target ({v:g}% on {d}): stays at {v:g}%")
    else:
        (d0, v0), (d1, v1) = p["from"], p["to"]
        out.append(f"  between {v0:g}% on {d0} and {v1:g}% on {d1}, linear in days: "
                   f"{v0:g} + ({v1:g} - {v0:g}) x {p['days']}/{p['span']} = "
                   f"{_pct(p['value'])}")
    out += ["", "actual"]
    rep = e["report"]
    if rep is None:
        out.append("  no report on or before the date"
                   + (": counted as 0% in the means" if r.planned else ""))
    else:
        where = f" ({rep['file']})" if rep["file"] else ""
        out.append(f"  the last report on or before the date: {rep['progress']:g}% on "
                   f"{rep['date']}, card {rep['period']}{where}, state {rep['state']}"
                   + (f", spent {rep['spent']:g} M MAD" if rep["spent"] is not None else ""))
        if rep["earlier"]:
            out.append(f"  ({rep['earlier']} earlier report(s) not used: the latest counts, "
                       "progress is cumulative)")
    if e["later_reports"]:
        out.append(f"  {e['later_reports']} report(s) after the date not used")
    if r.variance is not None:
        sh = e["shown"]
        out += ["", "variance",
                f"  actual - planned, each to 2 decimals: {fmt(r.actual)} - {fmt(r.planned)} "
                f"= {fmt(r.variance)} points (JSON)",
                f"  as the terminal and reports show it: {_whole(r.actual)} - "
                f"{_whole(r.planned)} = {sh['variance']:+.0f}"]
    out += ["", f"status: {status_label(r.status)}", "  the rules, in order:"]
    for s in e["steps"]:
        out.append(f"    {'yes' if s['holds'] else 'no '}  {s['status']:<10}  {s['detail']}")
    out += ["", "money (million MAD)"]
    if r.cost is None:
        kind = {"no_cost": "no cost of its own (-)", "not_fixed": "cost not fixed (*)",
                "blank": "cost cell blank"}.get(e["cost_status"], e["cost_status"])
        out.append(f"  {kind}: no planned or earned value, outside the cost-weighted means")
    else:
        out.append(f"  cost {fmt(r.cost)}; PV = cost x planned% = {fmt(r.pv)}; EV = cost x "
                   f"actual% = {fmt(r.ev)}; AC (spent) = {fmt(r.ac)}")
        out.append(f"  SPI = EV / PV = {fmt(r.spi)}; CPI = EV / AC = {fmt(r.cpi)}")
    if r.last_report is not None:
        days = (e["as_of"] - r.last_report).days
        out += ["", f"stale: {'yes' if r.stale else 'no'} (last report {days} days before the "
                f"date; stale after {e['stale_days']} days, unless done)"]
    return out


def render_node(e: dict, shape) -> list[str]:
    n = e["node"]
    out = [f"{e['id']}  {shape(e['name'])}", f"{e['kind']}, as of {e['as_of']}", ""]
    out.append(f"status: {status_label(n.status)} (rule {n.rule})")
    out.append("  the rules, in order:")
    for s in e["steps"]:
        out.append(f"    {'yes' if s['holds'] else 'no '}  {s['rule']:<17}  {s['detail']}")
    out.append(f"  -> {e['steps'][-1]['means']}")
    m = len(e["entered"])
    out += ["", f"simple means over the {m} measured actions (a target, not cancelled), each "
                "weighing 1; an unreported one counts 0%:"]
    sum_p = sum(x["planned"] for x in e["entered"])
    sum_a = sum(x["actual"] or 0.0 for x in e["entered"])
    if m:
        out.append(f"  planned = {fmt(sum_p)} / {m} = {_pct(n.planned)}; actual = "
                   f"{fmt(sum_a)} / {m} = {_pct(n.actual)}")
        out.append(f"  variance = {fmt(n.actual)} - {fmt(n.planned)} = {fmt(n.variance)} "
                   f"points (shown: {_whole(n.actual)} - {_whole(n.planned)} = "
                   f"{gap(n.actual, n.planned, 0):+.0f})")
        out.append(f"  over the {n.reported} reported ones only: planned "
                   f"{_pct(n.planned_reported)}, actual {_pct(n.actual_reported)}")
    else:
        out.append("  none: no means")
    out += ["", f"cost-weighted means over the {e['costed']} measured actions with a numeric "
                f"cost (weights: their costs, {fmt(e['weight'])} M MAD in all):"]
    if e["costed"]:
        out.append(f"  planned = sum(cost x planned) / {fmt(e['weight'])} = "
                   f"{_pct(n.planned_cost_weighted)}; actual = sum(cost x actual) / "
                   f"{fmt(e['weight'])} = {_pct(n.actual_cost_weighted)}")
    out += ["", "entered the means:",
            f"  {'action':<14} {'status':<11} {'planned':>8} {'actual':>8} {'cost':>7} "
            f"{'weight':>7}"]
    for x in e["entered"]:
        actual = "0 (none)" if x["counted_as_zero"] else fmt(x["actual"])
        out.append(f"  {x['id']:<14} {x['status']:<11} {fmt(x['planned']):>8} {actual:>8} "
                   f"{fmt(x['cost']):>7} {_pct(x['cost_share']):>7}")
    out += ["", "left out of the means:"]
    if not e["excluded"] and not e["left_out"]:
        out.append("  nothing")
    for x in e["excluded"]:
        out.append(f"  {x['id']:<14} {x['reason']:<10} {x['detail']}")
    for reason, count in e["left_out"].items():
        why = {"dropped": "dropped by an amendment (the plan as amended)",
               "added": "added by an amendment (the plan as adopted)"}[reason]
        out.append(f"  {count} action(s) {why}")
    pr = n.projects
    out += ["", f"earned value: PV {fmt(n.pv)}, EV {fmt(n.ev)}, AC {fmt(n.ac)} M MAD; "
                f"SPI = EV / PV = {fmt(n.spi)}; CPI = EV / AC = {fmt(n.cpi)}",
            f"projects: {pr.get('total', 0)}: {pr.get('done', 0)} done, "
            f"{pr.get('in_progress', 0)} in progress, {pr.get('not_started', 0)} not started; "
            f"{pr.get('late', 0)} late; programmed {pr.get('programmed', 0)}, of which done "
            f"{pr.get('programmed_done', 0)}"]
    return out
