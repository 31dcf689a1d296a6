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


def render_action(e: dict) -> list[str]:
    r = e["result"]
    out = [f"{e['id']}  {e['text']}",
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
                   + (f", committed {rep['committed']:g}" if rep["committed"] is not None
                      else "")
                   + (f", paid {rep['paid']:g} M MAD" if rep["paid"] is not None else ""))
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
                   f"actual% = {fmt(r.ev)}; AC (paid) = {fmt(r.ac)}")
        out.append(f"  SPI = EV / PV = {fmt(r.spi)}; CPI = EV / AC = {fmt(r.cpi)}")
    out += _money(e["money"], r, e["as_of"])
    for ind in e["indicators"]:
        out += _indicator(ind)
    if r.last_report is not None:
        days = (e["as_of"] - r.last_report).days
        out += ["", f"stale: {'yes' if r.stale else 'no'} (last report {days} days before the "
                f"date; stale after {e['stale_days']} days, unless done)"]
    return out


def render_node(e: dict) -> list[str]:
    n = e["node"]
    out = [f"{e['id']}  {e['name']}", f"{e['kind']}, as of {e['as_of']}", ""]
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
    m = n.money
    out += ["", f"money: cost {fmt(m['cost'])}, allocated {fmt(m['allocated'])}, committed "
                f"{fmt(m['committed'])}, paid {fmt(m['paid'])} M MAD; paid / allocated "
                f"{_pct(m['paid_of_allocated'])} over {m['rated']['paid_of_allocated']} "
                f"action(s) with both; committed / cost {_pct(m['committed_of_cost'])} over "
                f"{m['rated']['committed_of_cost']}",
            f"funding: {m['funded']} action(s) declare it; own {fmt(m['own'])} "
            f"({_pct(m['own_share'])}), partners {fmt(m['partner'])} ({_pct(m['partner_share'])}"
            f"), signed {fmt(m['partner_signed'])} ({_pct(m['signed_share'])} of the partners'); "
            f"coverage of the cost {_pct(m['coverage'])}"]
    alarms = ", ".join(f"{k} {v}" for k, v in n.alarms.items() if v)
    if alarms:
        out.append(f"alarms: {alarms}")
    if n.indicators:
        out += ["", "indicators summed where unit, direction and kind agree (an unreported one "
                    "at its start):"]
        for g in n.indicators:
            out.append(f"  {g['unit']} ({g['direction']}, "
                       f"{'cumulative' if g['cumulative'] else 'per year'}): "
                       f"{g['measured']} of {g['indicators']} with a plan, {g['reported']} "
                       f"reported; planned {fmt(g['planned'])}, actual {fmt(g['actual'])}, "
                       f"variance {fmt(g['variance'])}")
    out += ["", f"earned value: PV {fmt(n.pv)}, EV {fmt(n.ev)}, AC (paid) {fmt(n.ac)} M MAD; "
                f"SPI = EV / PV = {fmt(n.spi)}; CPI = EV / AC = {fmt(n.cpi)}",
            f"projects: {pr.get('total', 0)}: {pr.get('done', 0)} done, "
            f"{pr.get('in_progress', 0)} in progress, {pr.get('not_started', 0)} not started; "
            f"{pr.get('late', 0)} late; programmed {pr.get('programmed', 0)}, of which done "
            f"{pr.get('programmed_done', 0)}"]
    return out


def _money(m: dict, r, as_of) -> list[str]:
    """The stages, rates, funding and alarm tests of an action, step by step."""
    out = []
    if m["budget"]:
        years = "  ".join(f"{y}: {fmt(v)}" for y, v in m["budget"].items())
        out.append(f"  credits allocated by budget year: {years}; counted up to {as_of.year} "
                   f"(the date's budget year): allocated = {fmt(m['allocated'])}")
    else:
        out.append("  no credits allocated in the plan (budget:)")
    out.append(f"  committed {fmt(m['committed'])}, paid {fmt(m['paid'])} (the last report's "
               "cumulative figures)")
    out.append(f"  paid / allocated = {fmt(m['paid'])} / {fmt(m['allocated'])} = "
               f"{_pct(m['paid_of_allocated'])}; committed / cost = {fmt(m['committed'])} / "
               f"{fmt(r.cost)} = {_pct(m['committed_of_cost'])}")
    if m["funding"]:
        out.append("  funding:")
        for f in m["funding"]:
            who = "own resources" if f["source"] == "own" else \
                f"partner {f['partner'] or '(no name)'}"
            a = f["agreement"]
            deal = "" if a is None else (
                f"; agreement {a['ref'] or '(no ref)'} {a['status']}"
                + (f" on {a['signed']}" if a["signed"] else "")
                + (": signed at the date" if f["signed_at_date"] else
                   (": not signed at the date" if f["source"] == "partner" else "")))
            out.append(f"    {who}: {fmt(f['amount'])}{deal}")
        out.append(f"  own {fmt(m['own'])}, partners {fmt(m['partner'])}, of which under "
                   f"signed agreements {fmt(m['partner_signed'])}")
    else:
        out.append("  funding: none declared (funding:)")
    sa = m["spending_ahead"]
    if sa is not None:
        out.append(f"  spending ahead? paid share of the cost {fmt(sa['paid_share'])}% - "
                   f"progress {fmt(sa['progress'])}% = {fmt(sa['gap'])} points vs "
                   f"{m['divergence']:g}: {'yes' if sa['holds'] else 'no'}")
    for x in m["indicator_stalled"]:
        why = f" (the {x['cancelled']} is cancelled: no alarm)" if x.get("cancelled") else ""
        out.append(f"  indicator stalled? progress - share of {x['id']}'s way "
                   f"{fmt(x['share'])}% = {fmt(x['gap'])} points vs {m['divergence']:g}: "
                   f"{'yes' if x['holds'] else 'no'}{why}")
    return out


def _indicator(e: dict) -> list[str]:
    """One indicator: targets, the planned point, the value used, the status rules."""
    r = e["result"]
    unit = r.unit if r.unit else "(no unit)"
    out = ["", f"indicator {r.id}  {r.name}  [{unit}, {r.direction}, "
               f"{'cumulative' if r.cumulative else 'per year'}]"]
    targets = "  ".join(f"{y}: {v:g}" for y, v in e["targets"].items()) or "none"
    b = e["baseline"]
    out.append(f"  targets: {targets}; baseline: "
               + ("none" if b is None else f"{b['value']:g}" + (f" ({b['year']})"
                                                                 if b["year"] else "")))
    p = e["planned"]
    case = p["case"]
    if case == "no_target":
        out.append("  no target: not measured")
    elif case == "no_target_this_year":
        out.append(f"  no target for {p['year']}: a per-year indicator is measured only in a "
                   "year with a target")
    elif case == "per_year":
        out.append(f"  this year's target {p['target']:g}, from 0 on 1 January, linear in days:"
                   f" {p['target']:g} x {p['days']}/{p['span']} = {fmt(p['value'])}")
    elif case == "no_start":
        d, v = p["first"]
        out.append(f"  no baseline (it goes down): no plan before its first target ({v:g} on "
                   f"{d})")
    elif case == "before":
        d, v = p["start"]
        out.append(f"  before the plan moves: its start {v:g} (end of {d.year})")
    elif case == "after":
        d, v = p["last"]
        out.append(f"  after the last target ({v:g} on {d}): stays at {v:g}")
    else:
        (d0, v0), (d1, v1) = p["from"], p["to"]
        out.append(f"  between {v0:g} on {d0} and {v1:g} on {d1}, linear in days: "
                   f"{v0:g} + ({v1:g} - {v0:g}) x {p['days']}/{p['span']} = {fmt(p['value'])}")
    if r.actual is None:
        out.append("  no value measured" + (" this year" if not r.cumulative else "")
                   + " on or before the date")
    else:
        out.append(f"  measured {fmt(r.actual)} on {r.measured_on}; variance = actual - planned"
                   f" = {fmt(r.variance)} {unit}")
    if e["points"] is not None:
        way = "more is better" if r.direction == "up" else "less is better"
        out.append(f"  in points of its way from {fmt(r.start)} to {fmt(r.target)} ({way}): "
                   f"{fmt(e['points'])} vs late {e['late']:g}, at risk {e['at_risk']:g}")
    if e["share"] is not None:
        out.append(f"  share of its way done: {fmt(e['share'])}%")
    out.append(f"  status: {status_label(r.status)}")
    return out
