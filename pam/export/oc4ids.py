"""OC4IDS (Open Contracting for Infrastructure Data Standards, 0.9) project package of the
actions that are infrastructure.

What counts as infrastructure is the commune's declaration, never a guess: `public:
infrastructure:` in program.yaml names projects (all their actions) or actions, each with its
OC4IDS sector (projectSector codelist) and type (construction, rehabilitation, replacement,
expansion, decommissioning). Each such action is one OC4IDS project:
- id `<organisation identifier>-<action id>` (the IATI one: public.iati_org, else a
  placeholder), title the action's Arabic text, description its French text (or where it
  sits: domain › axis › project), language ar;
- status from the action's status at the as-of date: cancelled -> cancelled, done ->
  completion, any progress reported -> implementation, else identification (the PAC is the
  owner's decision to develop it);
- budget: the programmed cost in MAD (none for '-', '*' or blank); period: 1 January of the
  first year with a target to 31 December of the year its target reaches 100 % (else the
  program's last year);
- forecasts and metrics `physicalProgress` (percent: the cumulative target / actual at the end
  of each year, and at the as-of date) and `financialProgress` (MAD: the planned value PV /
  what was paid, at the same dates), all from `pam status` at those dates;
- completion (done actions only): the date of the report at 100 %, the final value paid, the
  final scope (the action's text);
- parties: the commune (publicAuthority, buyer) and the partners of its funding lines (funder).
None is written when no action is infrastructure (an OC4IDS package needs a project)."""

from __future__ import annotations

import datetime as dt
import json

from pam.monitor.schedule import year_end
from pam.numbers import dirhams
from pam.plan import Plan
from pam.render.text import neutralize

VERSION = "0.9"


def _stamp(day: dt.date, end: bool = False) -> str:
    return f"{day.isoformat()}T{'23:59:59' if end else '00:00:00'}Z"


def _mad(million: float | None) -> dict | None:
    if million is None:
        return None
    return {"amount": dirhams(million), "currency": "MAD"}


def render_oc4ids(plan: Plan, as_of: dt.date) -> str | None:
    """The project package as JSON text, None when no action is infrastructure."""
    from pam.export.iati import org_ref
    from pam.monitor.baseline import view
    from pam.report.shared import status_at
    from pam.site.public import asset_of, publication

    plan = view(plan, "current")
    pub = publication(plan)
    ref = org_ref(plan)
    results = {a.id: a for a in status_at(plan, as_of).actions}
    dates = [min(year_end(y), as_of) for y in plan.loaded_program.years if dt.date(y, 1, 1) <= as_of]
    at = {day: {a.id: a for a in status_at(plan, day).actions} for day in dates}
    projects = []
    for d in plan.domains:
        for a in d.axes:
            for p in a.projects:
                for x in p.actions:
                    asset = asset_of(pub, x.id, p.id)
                    if asset is None:
                        continue
                    projects.append(_project(plan, ref, (d, a, p), x, asset, results[x.id],
                                             at, as_of))
    if not projects:
        return None
    package = {"version": VERSION,
               "uri": (pub.site.rstrip("/") + "/data/oc4ids-projects.json") if pub.site
               else f"urn:pam:{plan.loaded_program.id}:oc4ids:{as_of.isoformat()}",
               "publishedDate": _stamp(as_of),
               "publisher": {"name": neutralize(pub.publisher.fr or pub.publisher.ar)},
               "projects": projects}
    if pub.license:
        package["license"] = pub.license
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def _status(r) -> str:
    if r.status == "cancelled":
        return "cancelled"
    if r.status == "done":
        return "completion"
    if r.actual:
        return "implementation"
    return "identification"


def _period(plan: Plan, x) -> dict:
    years = sorted(x.targets)
    first = next((y for y in years if x.targets[y] > 0), years[0] if years else
                 plan.loaded_program.period.start)
    last = next((y for y in years if x.targets[y] >= 100), plan.loaded_program.period.end)
    return {"startDate": _stamp(dt.date(first, 1, 1)),
            "endDate": _stamp(dt.date(last, 12, 31), end=True)}


def _project(plan: Plan, ref: str, where, x, asset, r, at: dict, as_of: dt.date) -> dict:
    d, a, p = where
    commune = plan.loaded_program.commune
    authority = {"id": ref, "name": neutralize(commune.fr or commune.ar)}
    funders = list(dict.fromkeys(f.partner for f in x.funding
                                 if f.source == "partner" and f.partner))
    parties = [{**authority, "roles": ["publicAuthority", "buyer"]}]
    parties += [{"id": f"{ref}-partner-{i}", "name": neutralize(name), "roles": ["funder"]}
                for i, name in enumerate(funders, 1)]
    where_text = " › ".join(str(n.name.fr or n.name.ar) for n in (d, a, p))
    out = {"id": f"{ref}-{x.id}", "updated": _stamp(as_of), "language": "ar",
           "title": neutralize(x.text),
           "description": neutralize(x.text_fr or where_text),
           "identifiers": [{"id": x.id, "scheme": "pam"}],
           "publicAuthority": authority, "status": _status(r)}
    sector, kind = asset
    if kind:
        out["type"] = kind
    if sector:
        out["sector"] = [sector]
    out["parties"] = parties
    if x.cost_value is not None:
        out["budget"] = {"amount": _mad(x.cost_value)}
    out["period"] = _period(plan, x)
    forecasts, metrics = _progress(x, at, as_of)
    if forecasts:
        out["forecasts"] = forecasts
    if metrics:
        out["metrics"] = metrics
    if r.status == "done" and r.last_report is not None:
        completion: dict[str, object] = {"endDate": _stamp(r.last_report),
                                         "finalScope": neutralize(x.text)}
        if r.paid is not None:
            completion["finalValue"] = _mad(r.paid)
        out["completion"] = completion
    return out


def _progress(x, at: dict, as_of: dt.date) -> tuple[list, list]:
    """The planned (forecasts) and actual (metrics) physical and financial progress at the end
    of each year begun and at the as-of date, from the status at those dates."""
    planned_phys, actual_phys, planned_fin, actual_fin = [], [], [], []
    for day, results in sorted(at.items()):
        r = results.get(x.id)
        if r is None:
            continue
        period = {"startDate": _stamp(dt.date(day.year, 1, 1)), "endDate": _stamp(day, True)}
        key = day.isoformat()
        if r.planned is not None:
            planned_phys.append({"id": key, "period": period, "measure": round(r.planned, 2),
                                 "unit": {"name": "percent"}})
        if r.actual is not None:
            actual_phys.append({"id": key, "period": period, "measure": round(r.actual, 2),
                                "unit": {"name": "percent"}})
        if r.pv is not None:
            planned_fin.append({"id": key, "period": period, "value": _mad(r.pv)})
        if r.paid is not None:
            actual_fin.append({"id": key, "period": period, "value": _mad(r.paid)})

    def metrics(physical, financial, what) -> list:
        out = []
        if physical:
            out.append({"id": "physicalProgress", "title": f"{what} physical progress",
                        "description": "Cumulative share of the action done (percent), from "
                                       "the program's yearly targets and the monitoring cards.",
                        "observations": physical})
        if financial:
            out.append({"id": "financialProgress", "title": f"{what} financial progress",
                        "description": "Planned value (cost x planned share) and amounts paid "
                                       "(MAD), from the monitoring cards.",
                        "observations": financial})
        return out

    return metrics(planned_phys, planned_fin, "Planned"), metrics(actual_phys, actual_fin,
                                                                    "Actual")
