"""What every report shares: the title block (with the plan's git commit), rows for nodes and
actions (obstacles and solutions: pam/report/remarks.py), and reporting discipline (pure,
except for asking git which commit the plan folder is at)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pam import __version__, git
from pam.monitor.results import NodeResult, node_json
from pam.monitor.status import Status
from pam.plan import Plan


def memo(plan: Plan, key: tuple, make):
    """A value computed once per loaded plan (reports ask for the same status many times)."""
    store = plan.__dict__.setdefault("_report_memo", {})
    key = (len(plan.cards),) + key
    if key not in store:
        store[key] = make()
    return store[key]


def status_at(plan: Plan, day: dt.date) -> Status:
    from pam.monitor.status import compute_status

    return memo(plan, ("status", day), lambda: compute_status(plan, day, reports_of(plan)))


def reports_of(plan: Plan) -> dict:
    from pam.monitor.variance import reports_by_action

    return memo(plan, ("reports",), lambda: reports_by_action(plan.cards))


def cards_of(plan: Plan, project_id: str) -> list:
    """The cards of one project, in plan order (indexed once per loaded plan)."""
    def index() -> dict[str, list]:
        by_project: dict[str, list] = {}
        for card in plan.cards:
            by_project.setdefault(card.project, []).append(card)
        return by_project

    return memo(plan, ("cards by project",), index).get(project_id, [])


def plan_commit(root: Path) -> dict:
    """The plan folder's commit and whether it describes the files (see pam.git.head_state)."""
    return git.head_state(root)


def is_example(plan: Plan) -> bool:
    return bool((plan.loaded_program.example and plan.loaded_program.example.simulated)
                or any(c.example for c in plan.cards))


def report_meta(plan: Plan, kind: str, period: str, as_of: dt.date, *,
                start: dt.date | None = None, end: dt.date | None = None,
                commit: dict | None = None) -> dict:
    """The title block: commune, program, report kind, period, as-of date, plan commit."""
    prog = plan.loaded_program
    example = prog.example
    return {
        "kind": kind,
        "period": period,
        "start": start,
        "end": end,
        "as_of": as_of,
        "partial": end is not None and as_of < end,
        "commune": prog.commune,
        "region": prog.region,
        "program": prog.name,
        "program_id": prog.id,
        "years": f"{prog.period.start}-{prog.period.end}",
        "commit": commit if commit is not None else plan_commit(plan.root),
        "example": is_example(plan),
        "fictional": bool(example and example.fictional),
        "example_notice": example.notice if example else None,
        "example_seed": example.seed if example else None,
        "left_out_cards": left_out_of(plan),
        "version": __version__,
        "thresholds": thresholds_of(plan),
        "limits": limits_of(plan),
    }


def left_out_of(plan: Plan) -> list[dict]:
    """The cards left out of the figures because they have errors (named in the report)."""
    from pam.problems import left_out_cards

    return left_out_cards(plan.left_out_cards)


def limits_of(plan: Plan) -> dict:
    """The thresholds as the reports' sentences print them: points behind as positive
    numbers ('more than 10 points behind'), shares in percent, without a trailing .0."""
    t = plan.loaded_program.thresholds
    return {"at_risk": f"{abs(t.at_risk):g}", "late": f"{abs(t.late):g}",
            "late_share": f"{t.late_share:g}", "unreported_share": f"{t.unreported_share:g}",
            "grace": str(t.card_grace_days), "stale_days": str(t.stale_days),
            "divergence": f"{t.divergence:g}"}


def thresholds_of(plan: Plan) -> dict:
    """The program's thresholds, for the annex that says how the figures are computed."""
    t = plan.loaded_program.thresholds
    return {k: getattr(t, k) for k in ("at_risk", "late", "late_share", "unreported_share",
                                       "stale_days", "card_grace_days", "divergence")}


def node_row(plan: Plan, n: NodeResult) -> dict:
    """A domain, axis or project (or the program) ready for a table: exactly the node of
    `pam status --format json` (the same keys and figures), its name in both languages
    (a Name, not only the Arabic text) and its kind."""
    found = plan.find(n.id)
    name = found[1].name if found else plan.loaded_program.name
    return {**node_json(n), "name": name, "kind": n.kind}


def action_rows(plan: Plan, status: Status, keep=None) -> list[dict]:
    """Actions with their project's id and name, in plan order (optionally filtered)."""
    out = []
    for a in status.actions:
        if keep is not None and not keep(a):
            continue
        kind, node, parents = plan.find(a.id)
        out.append({
            "id": a.id, "text": a.text, "text_fr": node.text_fr, "project": a.project,
            "project_name": parents[2].name,
            "planned": a.planned, "actual": a.actual, "variance": a.variance,
            "status": a.status, "stale": a.stale, "last_report": a.last_report,
            "cost": a.cost, "cost_status": node.cost_status, "spent": a.spent, "state": a.state,
        })
    return out
