"""Property tests over random plans and cards (issue 13): a node is never on track with a late
action below it; every variance is the printed actual minus the printed planned; status
counts sum to the action count; each mean (simple and cost-weighted) lies between its
children's extremes; every report's JSON figures equal `pam status` at its date.

Plans are built in memory from the input models (no files), measured at a random date.
Derandomized (the same examples every run) unless PAM_FUZZ_RANDOM=1.
"""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pam.model import Card, Domain, Program
from pam.monitor.results import gap, node_json, r2, shown, status_json
from pam.monitor.status import compute_status
from pam.plan import Plan
from pam.report.data import plain
from pam.report.run import build

SETTINGS = dict(deadline=None, derandomize=os.environ.get("PAM_FUZZ_RANDOM") != "1",
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
YEARS = list(range(2017, 2023))
NO_GIT = {"commit": None, "state": "no-git"}


@st.composite
def targets(draw):
    years = sorted(draw(st.sets(st.sampled_from(YEARS), max_size=4)))
    values = sorted(draw(st.lists(st.integers(0, 100), min_size=len(years),
                                  max_size=len(years))))
    return dict(zip(years, values, strict=True))


@st.composite
def actions(draw, project: str):
    n = draw(st.integers(1, 6))
    out = []
    for i in range(1, n + 1):
        cost = draw(st.one_of(st.none(), st.sampled_from(["-", "*"]),
                              st.floats(0, 50, allow_nan=False).map(lambda v: round(v, 3))))
        out.append({"id": f"{project}.{i:02d}", "text": "إجراء", "cost": cost,
                    "targets": draw(targets())})
    return out


@st.composite
def plans(draw):
    domains, cards = [], []
    for d in range(1, draw(st.integers(1, 2)) + 1):
        axes = []
        for a in range(1, draw(st.integers(1, 2)) + 1):
            projects = []
            for p in range(1, draw(st.integers(1, 3)) + 1):
                pid = f"D{d}.A{a}.P{p}"
                xs = draw(actions(pid))
                projects.append({"id": pid, "name": {"ar": "مشروع"}, "actions": xs})
                for _ in range(draw(st.integers(0, 4))):
                    day = draw(st.dates(dt.date(2017, 1, 1), dt.date(2022, 12, 31)))
                    period = f"{day.year}-{day.month:02d}{'a' if day.day <= 15 else 'b'}"
                    entries = [{"action": x["id"],
                                "progress": draw(st.sampled_from([0, 10, 33.333, 50, 66.666,
                                                                  90, 99.995, 100])),
                                "state": draw(st.sampled_from(["ongoing", "ongoing", "done",
                                                               "suspended", "cancelled"])),
                                "spent": draw(st.one_of(st.none(), st.floats(0, 60).map(
                                    lambda v: round(v, 2))))}
                               for x in xs if draw(st.booleans())]
                    cards.append(Card.model_validate({"project": pid, "period": period,
                                                      "date": day, "actions": entries}))
            axes.append({"id": f"D{d}.A{a}", "name": {"ar": "محور"}, "projects": projects})
        domains.append(Domain.model_validate({"id": f"D{d}", "name": {"ar": "مجال"},
                                              "axes": axes}))
    program = Program.model_validate({
        "id": "pac", "name": {"ar": "برنامج"}, "commune": {"ar": "جماعة"},
        "period": {"start": 2017, "end": 2022}})
    as_of = draw(st.dates(dt.date(2017, 1, 1), dt.date(2022, 12, 31)))
    return program, domains, cards, as_of


def make_plan(tmp, program, domains, cards) -> Plan:
    return Plan(root=tmp, program=program, domains=domains, cards=cards)


def nodes_of(status):
    return [status.program] + status.domains + status.axes + status.projects


def below(node_id: str, status):
    if node_id == status.program.id:
        return list(status.actions)
    return [a for a in status.actions if a.id.startswith(node_id + ".")]


def children(n, status):
    if n.kind == "program":
        return status.domains
    level = {"domain": status.axes, "axis": status.projects}.get(n.kind, [])
    return [c for c in level if c.id.rsplit(".", 1)[0] == n.id]


@settings(max_examples=150, **SETTINGS)
@given(plans())
def test_status_figures_hold_their_definitions(tmp_path_factory, case):
    program, domains, cards, as_of = case
    status = compute_status(make_plan(tmp_path_factory.getbasetemp(), program, domains, cards),
                            as_of)
    for a in status.actions:
        if a.actual is not None and a.planned is not None:
            assert a.variance == r2(r2(a.actual) - r2(a.planned))
            assert gap(a.actual, a.planned, 0) == shown(a.actual) - shown(a.planned)
    for n in nodes_of(status):
        xs = below(n.id, status)
        assert n.actions == len(xs) == sum(n.counts.values())
        if any(a.status == "late" for a in xs):
            assert n.status != "on_track", (n.id, n.rule)
        if n.actual is not None:
            assert n.variance == r2(r2(n.actual) - r2(n.planned))
            assert gap(n.actual, n.planned, 0) == shown(n.actual) - shown(n.planned)
        kids = children(n, status)
        for figure, weight in (("actual_cost_weighted", "costed"), ("actual", "measured"),
                               ("planned_cost_weighted", "costed"), ("planned", "measured")):
            if n.kind == "project":  # its children are its actions in that mean
                field = figure.replace("_cost_weighted", "")
                keep = [a for a in xs if a.planned is not None and a.status != "cancelled"
                        and (a.cost or weight == "measured")]
                values = [getattr(a, field) or 0.0 for a in keep]
            else:
                values = [getattr(c, figure) for c in kids if getattr(c, weight)]
            if values:
                value = getattr(n, figure)
                assert min(values) - 1e-9 <= value <= max(values) + 1e-9, (n.id, figure)
    printed = status_json(status)
    for n in [printed["program"], *printed["domains"], *printed["axes"], *printed["projects"],
              *printed["actions"]]:
        if n["actual"] is not None and n["planned"] is not None:
            assert n["variance"] == round(n["actual"] - n["planned"], 2)


KINDS = ("public", "semiannual", "steering", "annual", "card")


@settings(max_examples=25, **SETTINGS)
@given(plans(), st.sampled_from(KINDS))
def test_every_report_json_equals_pam_status_at_its_date(tmp_path_factory, case, kind):
    program, domains, cards, as_of = case
    plan = make_plan(tmp_path_factory.getbasetemp(), program, domains, cards)
    options = {"as_of": as_of, "commit": NO_GIT}
    if kind == "annual":
        if as_of.year == 2017:
            return
        options["period"] = str(as_of.year - 1)
    if kind == "card":
        options["project"] = "D1.A1.P1"
    data = plain(build(plan, kind, **options))
    day = dt.date.fromisoformat(data["meta"]["as_of"])
    expected = node_json(compute_status(plan, day).program)
    got = data["program"]
    assert set(expected) <= set(got)
    for key, value in expected.items():
        if key == "name":
            assert got["name"]["ar"] == value
        else:
            assert got[key] == value, key
