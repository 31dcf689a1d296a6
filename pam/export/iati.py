"""IATI activity XML (standard 2.03) of the program and its progress.

How the PAC maps to IATI (a choice of pam's, documented in README "Publish your PAC"):
- the **program** is one activity (hierarchy 1); each **project** is an activity (hierarchy 2)
  linked to it (related-activity type 1 parent / 2 child). Domains and axes are not
  activities: they are named in each project's description;
- each **action** is a result of type 1 (output) of its project, with one indicator: its
  completion in percent (measure 2, ascending), baseline 0 the year before the program; one
  period per year the plan gives a target for (1 January - 31 December), its target the
  cumulative % of the plan, its actual the action's actual at 31 December from `pam status`
  at that date (for the year in progress: at the as-of date, said in a comment; none for a
  year not begun);
- each **physical indicator** of an action is one more indicator of its result, in its unit
  (measure 1, ascending by its direction), baseline and yearly targets from the plan, actuals
  from the status;
- money, in MAD (the plan's million MAD x 1,000,000): the programmed cost as an outgoing
  commitment (transaction type 2, dated 1 January of the first year), what was paid by the
  as-of date as an expenditure (type 4), the credits allocated by budget year as budgets;
- the commune is the reporting, funding (own resources) and implementing organisation (type 11,
  local government); partners named in funding lines are funding organisations;
- sector: the commune's own vocabulary (99), the project's domain (the program: its id);
- activity status: 5 cancelled (every action cancelled), 3 finalisation (every action done),
  1 pipeline (nothing reported yet and nothing due), else 2 implementation.
The organisation identifier is `public.iati_org`, else a placeholder `MA-COMMUNE-<program id>`
to be replaced by the commune's registered one. Texts are neutralized (pam.render.text)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from pam import __version__
from pam.monitor.schedule import year_end
from pam.numbers import dirhams, written
from pam.plan import Plan
from pam.render.text import neutralize

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LOCAL_GOVERNMENT = "11"


def _text(parent, tag: str, name, **attrs) -> ET.Element:
    """An element holding one narrative per language of a Name (ar first, then fr)."""
    el = ET.SubElement(parent, tag, **attrs)
    for lang in ("ar", "fr"):
        value = name.get(lang) if isinstance(name, dict) else getattr(name, lang, None)
        if value:
            ET.SubElement(el, "narrative", {XML_LANG: lang}).text = neutralize(str(value))
    return el


def _mad(million: float | None) -> str:
    """Million MAD as whole dirhams, written as IATI's decimal value."""
    return str(dirhams(million or 0.0))


def _num(value: float) -> str:
    """An indicator's value to 2 decimals as xsd:decimal: no exponent (1500000, not 1.5e+06)."""
    return written(round(value, 2))


def org_ref(plan: Plan) -> str:
    from pam.site.public import publication

    return publication(plan).iati_org or f"MA-COMMUNE-{plan.loaded_program.id}"


def render_iati(plan: Plan, as_of: dt.date) -> str:
    """The IATI activities of the plan as amended, measured at `as_of`."""
    from pam.monitor.baseline import view
    from pam.report.shared import status_at

    plan = view(plan, "current")
    status = status_at(plan, as_of)
    ref = org_ref(plan)
    stamp = f"{as_of.isoformat()}T00:00:00Z"
    root = ET.Element("iati-activities", {"version": "2.03", "generated-datetime": stamp})
    program_id = f"{ref}-{plan.loaded_program.id}"
    projects = [(d, a, p) for d in plan.domains for a in d.axes for p in a.projects]
    nodes = {n.id: n for n in [status.program, *status.projects]}
    program = _activity(root, plan, program_id, ref, stamp, "1", plan.loaded_program.name,
                        nodes[plan.loaded_program.id], as_of)
    _money(program, plan, nodes[plan.loaded_program.id], None, as_of)
    for _d, _a, p in projects:
        ET.SubElement(program, "related-activity", ref=f"{ref}-{p.id}", type="2")
    years = _statuses(plan, as_of)
    for d, a, p in projects:
        act = _activity(root, plan, f"{ref}-{p.id}", ref, stamp, "2", p.name, nodes[p.id],
                        as_of, where=(d, a, p))
        _money(act, plan, nodes[p.id], p, as_of)
        ET.SubElement(act, "related-activity", ref=program_id, type="1")
        for x in p.actions:
            _result(act, plan, x, years, as_of)
    ET.indent(root, space=" ")
    head = (f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- pam {__version__}: IATI '
            f"activities of {neutralize(plan.loaded_program.id)} as of {as_of.isoformat()} -->\n")
    return head + ET.tostring(root, encoding="unicode") + "\n"


def _statuses(plan: Plan, as_of: dt.date) -> dict[int, dict]:
    """The actions' results at the end of each year begun by `as_of` (the year in progress:
    at `as_of`), by id: the actuals of the periods."""
    from pam.report.shared import status_at

    out = {}
    for year in plan.loaded_program.years:
        if dt.date(year, 1, 1) > as_of:
            break
        day = min(year_end(year), as_of)
        out[year] = {a.id: a for a in status_at(plan, day).actions}
    return out


def _activity(root, plan: Plan, identifier: str, ref: str, stamp: str, hierarchy: str, name,
              node, as_of: dt.date, where=None) -> ET.Element:
    prog = plan.loaded_program
    act = ET.SubElement(root, "iati-activity", {"last-updated-datetime": stamp, XML_LANG: "ar",
                                                "default-currency": "MAD",
                                                "hierarchy": hierarchy})
    ET.SubElement(act, "iati-identifier").text = identifier
    _text(act, "reporting-org", prog.commune, ref=ref, type=LOCAL_GOVERNMENT)
    _text(act, "title", name)
    if where is not None:
        d, a, p = where
        about = {lang: " › ".join(str(getattr(n.name, lang, None) or n.name.ar)
                                  for n in (d, a, p)) for lang in ("ar", "fr")}
    else:
        about = {"ar": f"{prog.name.ar} — {prog.commune.ar}",
                 "fr": f"{prog.name.fr or prog.name.ar} — {prog.commune.fr or prog.commune.ar}"}
    _text(act, "description", about, type="1")
    _text(act, "participating-org", prog.commune, ref=ref, role="1", type=LOCAL_GOVERNMENT)
    for partner in _partners(where[2] if where else None, plan):
        _text(act, "participating-org", {"ar": partner}, role="1")
    _text(act, "participating-org", prog.commune, ref=ref, role="4", type=LOCAL_GOVERNMENT)
    ET.SubElement(act, "activity-status", code=_activity_status(node))
    ET.SubElement(act, "activity-date", {"type": "1", "iso-date": f"{prog.period.start}-01-01"})
    ET.SubElement(act, "activity-date", {"type": "3", "iso-date": f"{prog.period.end}-12-31"})
    ET.SubElement(act, "recipient-country", code="MA")
    # the sector in the commune's own vocabulary (99): the project's domain, or the program
    sector = where[0] if where is not None else None
    _text(act, "sector", sector.name if sector is not None else prog.name, vocabulary="99",
          code=sector.id if sector is not None else prog.id)
    return act


def _partners(project, plan: Plan) -> list[str]:
    actions = project.actions if project is not None else plan.actions()
    names = [f.partner for x in actions for f in x.funding if f.source == "partner" and f.partner]
    return list(dict.fromkeys(names))


def _activity_status(node) -> str:
    counts = node.counts
    total = node.actions
    if total and counts.get("cancelled", 0) == total:
        return "5"
    if total and counts.get("done", 0) + counts.get("cancelled", 0) == total:
        return "3"
    if node.reported == 0 and node.due == 0:
        return "1"
    return "2"


def _money(act, plan: Plan, node, project, as_of: dt.date) -> None:
    """Budgets (credits by year), then the commitment (cost) and expenditure (paid)."""
    if project is not None:
        for year in plan.loaded_program.years:
            credits = sum(x.budget.get(year, 0.0) for x in project.actions)
            if not any(year in x.budget for x in project.actions):
                continue
            budget = ET.SubElement(act, "budget", type="1", status="2")
            ET.SubElement(budget, "period-start", {"iso-date": f"{year}-01-01"})
            ET.SubElement(budget, "period-end", {"iso-date": f"{year}-12-31"})
            ET.SubElement(budget, "value",
                          {"currency": "MAD", "value-date": f"{year}-01-01"}).text = _mad(credits)
    start = f"{plan.loaded_program.period.start}-01-01"
    if node.cost:
        tx = ET.SubElement(act, "transaction")
        ET.SubElement(tx, "transaction-type", code="2")
        ET.SubElement(tx, "transaction-date", {"iso-date": start})
        ET.SubElement(tx, "value", {"currency": "MAD", "value-date": start}).text = \
            _mad(node.cost)
    paid = node.money.get("paid") or 0.0
    if paid:
        tx = ET.SubElement(act, "transaction")
        ET.SubElement(tx, "transaction-type", code="4")
        ET.SubElement(tx, "transaction-date", {"iso-date": as_of.isoformat()})
        ET.SubElement(tx, "value",
                      {"currency": "MAD", "value-date": as_of.isoformat()}).text = _mad(paid)
        _text(tx, "description", {"ar": "مجموع الأداءات المصرح بها في بطاقات التتبع إلى غاية "
                                        f"{as_of.isoformat()}",
                                  "fr": "Total des paiements déclarés sur les fiches de suivi "
                                        f"au {as_of.isoformat()}"})


def _result(act, plan: Plan, x, years: dict[int, dict], as_of: dt.date) -> None:
    """One action as a result: its completion in percent, then its physical indicators."""
    result = ET.SubElement(act, "result", type="1")
    _text(result, "title", {"ar": x.text, "fr": x.text_fr})
    first = plan.loaded_program.period.start
    ind = ET.SubElement(result, "indicator", measure="2", ascending="1")
    _text(ind, "title", {"ar": f"نسبة إنجاز الإجراء {x.id}",
                         "fr": f"Taux de réalisation de l'action {x.id}"})
    ET.SubElement(ind, "baseline", year=str(first - 1), value="0")
    for year in sorted(x.targets):
        actual = years.get(year, {}).get(x.id)
        _period(ind, year, x.targets[year], actual.actual if actual else None, as_of)
    for spec in x.indicators:
        if not spec.id:
            continue
        _physical(result, spec, x, years, as_of, first)


def _physical(result, spec, x, years: dict[int, dict], as_of: dt.date, first: int) -> None:
    ind = ET.SubElement(result, "indicator", measure="1",
                        ascending="1" if spec.direction == "up" else "0")
    unit = f" ({spec.unit})" if spec.unit else ""
    _text(ind, "title", {"ar": f"{spec.name.ar}{unit}",
                         "fr": f"{spec.name.fr}{unit}" if spec.name.fr else None})
    if spec.baseline is not None:
        ET.SubElement(ind, "baseline", year=str(spec.baseline.year or first - 1),
                      value=_num(spec.baseline.value))
    for year in sorted(spec.targets):
        actual = years.get(year, {}).get(x.id)
        found = next((i for i in actual.indicators if i.id == spec.id), None) if actual else None
        _period(ind, year, spec.targets[year], found.actual if found else None, as_of)


def _period(ind, year: int, target: float, actual: float | None, as_of: dt.date) -> None:
    period = ET.SubElement(ind, "period")
    ET.SubElement(period, "period-start", {"iso-date": f"{year}-01-01"})
    ET.SubElement(period, "period-end", {"iso-date": f"{year}-12-31"})
    ET.SubElement(period, "target", value=_num(target))
    if actual is None or dt.date(year, 1, 1) > as_of:
        return
    el = ET.SubElement(period, "actual", value=_num(actual))
    if year_end(year) > as_of:
        comment = ET.SubElement(el, "comment")
        for lang, text in (("ar", f"إلى غاية {as_of.isoformat()} (سنة جارية)"),
                           ("fr", f"au {as_of.isoformat()} (année en cours)")):
            ET.SubElement(comment, "narrative", {XML_LANG: lang}).text = text
