"""The data of every page of the public site (pure): the plan and its status at a date -> one
dict per page. Figures are never computed here: they are the status's own (`pam status`,
pam.monitor) as the reports print them (pam.report.shared rows, rounded once by
pam.report.data.rounded), so the site says exactly what `pam status` and the reports say.

Pages, by their path in the site (the French one is the same under fr/):
  index.html          the program: summary, completion by domain, reports and data to download
  plan/ID.html        a domain, axis, project or action
  actions.html        every project and action with its status (also the search without script)
  data.html           the open data files and what they hold
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pam.monitor.results import Status, action_json, gap, grade
from pam.monitor.schedule import year_end
from pam.plan import Plan
from pam.report.amendments import amendments_in
from pam.report.data import rounded
from pam.report.kinds import headline
from pam.report.remarks import analyse
from pam.report.resources import indicator_row
from pam.report.series import action_points, progress_series, series_dates
from pam.report.shared import cards_of, node_row, report_meta, reports_of, status_at
from pam.site.public import Publication, asset_of, publication

KINDS = ("domain", "axis", "project", "action")
CHILD = {"program": "domain", "domain": "axis", "axis": "project", "project": "action"}


@dataclass
class Site:
    """Everything the pages show: the title block, the pages, the search entries."""

    meta: dict
    publication: Publication
    pages: list[dict] = field(default_factory=list)
    search: list[tuple] = field(default_factory=list)  # (path, kind, id, name ar, name fr)


def node_path(node_id: str) -> str:
    """The site path of a node's page (ids are [A-Za-z0-9._-]: safe as file names)."""
    return f"plan/{node_id}.html"


def build_site(plan: Plan, as_of: dt.date, *, commit: dict | None = None) -> Site:
    """Every page's data at `as_of`, for the plan as amended (as `pam status` measures)."""
    from pam.monitor.baseline import view

    plan = view(plan, "current")
    pub = publication(plan)
    status = status_at(plan, as_of)
    meta = report_meta(plan, "site", as_of.isoformat(), as_of, commit=commit)
    site = Site(meta, pub)
    start = dt.date(plan.loaded_program.period.start, 1, 1)
    dates = series_dates(start, as_of)
    series = progress_series(plan, dates)
    remarks = {p.project: p for p in analyse(plan, start, as_of).projects}
    ctx = _Context(plan, status, pub, as_of, dates, series, remarks)
    site.pages.append(_home(ctx))
    for kind, node, parents in _walk(plan):
        page = _node_page(ctx, kind, node, parents)
        site.pages.append(page)
        site.search.append((page["path"], kind, node.id, node.name.ar,
                            node.text_fr if kind == "action" else node.name.fr))
    site.pages.append(_list_page(ctx))
    site.pages.append({"kind": "data", "path": "data.html", "meta": meta,
                       "crumbs": [_crumb_home(plan)], "program": ctx.node(plan.loaded_program.id)})
    for page in site.pages:
        page.setdefault("meta", meta)
    return site


@dataclass
class _Context:
    plan: Plan
    status: Status
    pub: Publication
    as_of: dt.date
    dates: list
    series: dict
    remarks: dict

    def __post_init__(self):
        s = self.status
        self.nodes = {n.id: n for n in [s.program, *s.domains, *s.axes, *s.projects]}
        self.actions = {a.id: a for a in s.actions}

    def results_at_year_end(self, year: int) -> dict:
        """The actions' results at 31 December of `year` (the status at that date), by id."""
        cache = self.__dict__.setdefault("_years", {})
        if year not in cache:
            cache[year] = {a.id: a for a in status_at(self.plan, year_end(year)).actions}
        return cache[year]

    def node(self, node_id: str) -> dict:
        return rounded(node_row(self.plan, self.nodes[node_id]))

    def action(self, action_id: str) -> dict:
        x = self.plan.find(action_id)[1]
        result = self.actions[action_id]
        row = rounded(action_json(result))
        row.update(last_report=result.last_report, text_fr=x.text_fr, kind="action",
                   cost_status=x.cost_status, name={"ar": x.text, "fr": x.text_fr},
                   location=x.location)
        return row


def _walk(plan: Plan):
    """(kind, node, parents) for every node that has a page, in plan order; the levels the
    PAC does not have (`levels: {axis: {implicit: true}}`) have none."""
    implicit = plan.loaded_program.implicit_kinds()
    for kind, node, parents in plan.index().values():
        if kind not in implicit:
            yield kind, node, tuple(p for p, k in zip(parents, KINDS, strict=False)
                                    if k not in implicit)


def _crumb_home(plan: Plan) -> dict:
    return {"path": "index.html", "name": plan.loaded_program.name, "id": None}


def _crumbs(plan: Plan, parents) -> list[dict]:
    return [_crumb_home(plan)] + [{"path": node_path(p.id), "name": p.name, "id": p.id}
                                  for p in parents]


ATTR = {"domain": "axes", "axis": "projects", "project": "actions"}


def _children(ctx: _Context, kind: str, node) -> list[dict]:
    """The rows of the nodes just below, skipping the levels the PAC does not have."""
    implicit = ctx.plan.loaded_program.implicit_kinds()
    items = list(ctx.plan.domains if kind == "program" else getattr(node, ATTR[kind]))
    child_kind = CHILD[kind]
    while child_kind in implicit:
        items = [c for item in items for c in getattr(item, ATTR[child_kind])]
        child_kind = CHILD[child_kind]
    rows = []
    for child in items:
        row = ctx.action(child.id) if child_kind == "action" else ctx.node(child.id)
        row["path"] = node_path(child.id)
        row["kind"] = child_kind
        rows.append(row)
    return rows


def _points(points) -> list[dict]:
    """A series' points as the chart and its table of data need them."""
    return [{"date": p.date, "planned": p.planned, "actual": p.actual} for p in points]


def _year_points(points: list[dict], as_of: dt.date) -> list[dict]:
    """The points of 31 December of each year, and of the as-of date: the table beside a
    chart (its text alternative)."""
    return [p for p in points if (p["date"].month, p["date"].day) == (12, 31)
            or p["date"] == as_of]


def _home(ctx: _Context) -> dict:
    plan, t = ctx.plan, ctx.plan.loaded_program.thresholds
    program = ctx.nodes[plan.loaded_program.id]
    domains = [{**ctx.node(n.id), "path": node_path(n.id),
                "grade": grade(_shown_gap(n), t)} for n in ctx.status.domains]
    points = _points(ctx.series.get(plan.loaded_program.id, []))
    return {"kind": "home", "path": "index.html", "crumbs": [],
            "program": {**ctx.node(plan.loaded_program.id), "domains_count": len(plan.domains),
                        "years": f"{plan.loaded_program.period.start}–{plan.loaded_program.period.end}"},
            "headline": rounded(headline(program, t)), "domains": domains,
            "points": points, "year_points": _year_points(points, ctx.as_of)}


def _shown_gap(n):
    """A node's variance as shown (whole points), which its grade judges."""
    return gap(n.actual, n.planned, 0)


def _node_page(ctx: _Context, kind: str, node, parents) -> dict:
    page = {"kind": kind, "id": node.id, "path": node_path(node.id),
            "crumbs": _crumbs(ctx.plan, parents), "level": ctx.plan.loaded_program.level_name(kind)}
    if kind == "action":
        return {**page, **_action(ctx, node)}
    points = _points(ctx.series.get(node.id, []))
    page.update(node=ctx.node(node.id), children=_children(ctx, kind, node), points=points,
                year_points=_year_points(points, ctx.as_of),
                has_targets=any(p["planned"] is not None for p in points))
    if kind == "project":
        page.update(_project(ctx, node))
    return page


def _project(ctx: _Context, project) -> dict:
    """A project's own parts: its head (when public), indicators, remarks and timeline."""
    pub, status = ctx.pub, ctx.nodes[project.id]
    remarks = ctx.remarks.get(project.id)
    cards = sorted((c for c in cards_of(ctx.plan, project.id) if c.date <= ctx.as_of),
                   key=lambda c: (c.date, c.period))
    return {
        "head": project.head if pub.shows("heads") else None,
        "service": project.service if pub.shows("heads") else None,
        "project_location": project.location,
        "partners": [p.name for p in project.partners],
        "indicators": rounded([indicator_row(ctx.plan, i)
                               for a in ctx.status.actions if a.project == project.id
                               for i in a.indicators]
                              + [indicator_row(ctx.plan, i) for i in status.project_indicators]),
        "remarks": _remarks(pub, remarks),
        "timeline": _timeline(ctx, cards, {x.id for x in project.actions}),
    }


def _remarks(pub: Publication, remarks) -> dict:
    """The public part of a project's obstacles, solutions and risks (pam/site/public.py)."""
    if remarks is None:
        return {"obstacles": [], "solutions": [], "risks": []}

    def solution(s) -> dict:
        return {"text": s.text, "owner": s.owner if pub.shows("owners") else None,
                "due": s.due, "count": s.count, "start": s.start, "end": s.end}

    obstacles = [{"text": o.text, "category": o.category, "count": o.count, "start": o.start,
                  "end": o.end,
                  "solutions": [solution(s) for s in o.solutions]
                  if pub.shows("solutions") else []}
                 for o in remarks.obstacles] if pub.shows("obstacles") else []
    return {"obstacles": obstacles,
            "solutions": [solution(s) for s in remarks.solutions]
            if pub.shows("solutions") else [],
            "risks": [{"text": r.text, "likelihood": r.likelihood, "impact": r.impact,
                       "count": r.count, "start": r.start, "end": r.end}
                      for r in remarks.risks] if pub.shows("risks") else []}


def _timeline(ctx: _Context, cards, action_ids: set[str]) -> list[dict]:
    """The cards received (one entry per year: how many, the first and last half month, and
    each card's public remarks) and the amendments that changed these actions, oldest first."""
    pub = ctx.pub
    by_year: dict[int, list] = {}
    for c in cards:
        by_year.setdefault(c.date.year, []).append(c)
    events = []
    for year, group in by_year.items():
        events.append({"type": "cards", "date": group[-1].date, "year": year,
                       "count": len(group), "first": group[0].period,
                       "last": group[-1].period,
                       "cards": [e for e in (_card_entry(pub, c) for c in group)
                                 if e["public_text"]]})
    start = dt.date(ctx.plan.loaded_program.period.start, 1, 1)
    for a in amendments_in(ctx.plan, start, ctx.as_of):
        changes = [c for c in a.changes if c.action in action_ids]
        if changes:
            events.append({"type": "amendment", "date": a.date, "session": a.session,
                           "deliberation": a.deliberation, "approved": a.approved,
                           "reason": a.summary, "changes": changes})
    return sorted(events, key=lambda e: (e["date"], e["type"]))


def _card_entry(pub: Publication, c) -> dict:
    """What a card says in public beyond its figures: who reported, its notes and next steps,
    each only when the commune publishes it."""
    entry = {"period": c.period, "date": c.date,
             "reporter": c.reporter if pub.shows("reporters") else None,
             "notes": list(c.notes) if pub.shows("notes") else [],
             "next_steps": list(c.next_steps) if pub.shows("next_steps") else []}
    entry["public_text"] = bool(entry["reporter"] or entry["notes"] or entry["next_steps"])
    return entry


def _action(ctx: _Context, x) -> dict:
    plan, pub = ctx.plan, ctx.pub
    project = plan.project_of(x.id)
    reports = [r for r in reports_of(plan).get(x.id, []) if r.date <= ctx.as_of]
    points = _points(action_points(x.targets, reports, ctx.dates))
    years = []
    for year in plan.loaded_program.years:
        end = year_end(year)
        result = ctx.results_at_year_end(year).get(x.id) if end <= ctx.as_of else None
        years.append({"year": year, "target": x.targets.get(year),
                      "actual": result.actual if result else None,
                      "status": result.status if result else None})
    a = ctx.action(x.id)
    project_id = project.id if project is not None else ""
    asset = asset_of(pub, x.id, project_id)
    return {
        "action": a, "points": points, "year_points": _year_points(points, ctx.as_of),
        "has_targets": bool(x.targets), "years": rounded(years),
        "reports": rounded([{"date": r.date, "period": r.period, "progress": r.progress,
                             "state": r.state, "paid": r.paid, "committed": r.committed,
                             "note": r.note if pub.shows("notes") else None,
                             "correction": r.correction if pub.shows("notes") else None,
                             "reporter": r.reporter if pub.shows("reporters") else None}
                            for r in reports]),
        "indicators": rounded([indicator_row(plan, i)
                               for i in ctx.actions[x.id].indicators]),
        "timeline": _timeline(ctx, [], {x.id}),
        "asset": {"sector": asset[0], "type": asset[1]} if asset else None,
    }


def _list_page(ctx: _Context) -> dict:
    """Every project with its actions: the page the search form leads to without script."""
    groups = []
    for kind, node, _parents in _walk(ctx.plan):
        if kind != "project":
            continue
        groups.append({**ctx.node(node.id), "path": node_path(node.id),
                       "actions": [{**ctx.action(x.id), "path": node_path(x.id)}
                                   for x in node.actions]})
    return {"kind": "list", "path": "actions.html", "crumbs": [_crumb_home(ctx.plan)],
            "groups": groups, "program": ctx.node(ctx.plan.loaded_program.id)}
