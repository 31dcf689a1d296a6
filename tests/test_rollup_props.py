"""Property tests of the roll-up's SQL (issue 19): over random plans and cards, every commune's
figures from figures.sql equal pam status's (program, domains, discipline; money, indicators
and alarms included: random credits, funding lines and agreements, indicators of every kind
on actions and projects, commitments, payments and values measured on the cards), two or
three communes rolled up together; and the SQL's rounding equals Python's round() on every
double tried, midpoints and their neighbours included.

Derandomized (the same examples every run) unless PAM_FUZZ_RANDOM=1.
"""

from __future__ import annotations

import datetime as dt
import math
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rollup_cases import commune_differences, raw_differences, roll_tables, tables_of

from pam.cache.units import as_of_date
from pam.model import Amendment, Card, Domain, Program
from pam.monitor.baseline import view
from pam.monitor.discipline import reporting_discipline, totals
from pam.monitor.results import status_json
from pam.monitor.status import compute_status
from pam.plan import Plan

SETTINGS = dict(deadline=None, derandomize=os.environ.get("PAM_FUZZ_RANDOM") != "1",
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
YEARS = list(range(2017, 2023))
PROGRESS = [0, 5, 10, 12.5, 25, 33.333, 37.5, 50, 62.5, 66.666, 87.5, 90, 99.995, 100]


@st.composite
def targets(draw):
    years = sorted(draw(st.sets(st.sampled_from(YEARS), max_size=4)))
    values = sorted(draw(st.lists(st.sampled_from([0, 10, 12.5, 20, 33.3, 40, 50, 66.7, 75,
                                                   80, 100]),
                                  min_size=len(years), max_size=len(years))))
    return dict(zip(years, values, strict=True))


COSTS = st.one_of(st.none(), st.sampled_from(["-", "*", 0, 0.1, 0.7, 0.35, 2, 12.5]),
                  st.floats(0, 50, allow_nan=False).map(lambda v: round(v, 3)))


AMOUNTS = st.one_of(st.sampled_from([0, 0.1, 0.35, 1, 2.5, 3.3, 12.5]),
                   st.floats(0, 40, allow_nan=False).map(lambda v: round(v, 3)))
UNITS = st.sampled_from([None, "km", "km", "salles", "%"])


@st.composite
def budgets(draw):
    years = draw(st.lists(st.sampled_from(YEARS), max_size=4, unique=True))
    return {y: draw(AMOUNTS) for y in years}


@st.composite
def funding_lines(draw):
    out = []
    for _ in range(draw(st.integers(0, 3))):
        source = draw(st.sampled_from(["own", "partner", "partner"]))
        line = {"source": source, "amount": draw(st.one_of(st.none(), AMOUNTS))}
        if source == "partner":
            line["partner"] = draw(st.sampled_from(["الجهة", "العمالة", "الوكالة", "Région"]))
            status = draw(st.sampled_from([None, "planned", "negotiating", "signed", "signed",
                                           "cancelled"]))
            if status:
                signed = draw(st.one_of(st.none(), st.dates(dt.date(2017, 1, 1),
                                                            dt.date(2022, 12, 31))))
                line["agreement"] = {"status": status,
                                     **({"signed": signed} if signed and status == "signed"
                                        else {})}
        out.append(line)
    return out


@st.composite
def indicators(draw, prefix: str):
    out = []
    for k in range(draw(st.sampled_from([0, 0, 1, 1, 2]))):
        years = sorted(draw(st.sets(st.sampled_from(YEARS), max_size=4)))
        cumulative = draw(st.booleans())
        direction = draw(st.sampled_from(["up", "up", "down"]))
        values = draw(st.lists(st.sampled_from([0, 1, 2.5, 3, 7.77, 10, 12.5, 40, 100]),
                               min_size=len(years), max_size=len(years)))
        if cumulative:
            values = sorted(values, reverse=direction == "down")
        baseline = draw(st.one_of(st.none(), st.sampled_from([0, 1, 5, 62, 120]).flatmap(
            lambda v: st.sampled_from([{"value": v}, {"value": v, "year": 2016},
                                       {"value": v, "year": 2019}]))))
        out.append({"id": f"{prefix}.I{k + 1}" if draw(st.integers(0, 9)) else None,
                    "name": {"ar": "مؤشر"}, "unit": draw(UNITS), "targets": dict(zip(
                        years, values, strict=True)), "cumulative": cumulative,
                    "direction": direction, **({"baseline": baseline} if baseline else {})})
    return out


@st.composite
def project_actions(draw, pid: str):
    out = []
    for i in range(1, draw(st.integers(0, 5)) + 1):
        fate = draw(st.sampled_from([None, None, None, None, "dropped", "added"]))
        xid = f"{pid}.{i:02d}"
        out.append({"id": xid, "text": "إجراء", "cost": draw(COSTS),
                    "targets": draw(targets()), "budget": draw(budgets()),
                    "funding": draw(funding_lines()), "indicators": draw(indicators(xid)),
                    **({"dropped_by": "AMD-1"} if fate == "dropped" else {}),
                    **({"added_by": "AMD-1"} if fate == "added" else {})})
    return out


def _measures(draw, ids: list[str]) -> dict:
    """Values measured on one line: some of the indicators the line may name."""
    chosen = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)) if ids else []
    return {i: draw(st.sampled_from([0, 0.5, 1, 2.25, 3, 6, 9.99, 11, 40, 61, 100, 130]))
            for i in chosen}


@st.composite
def cards_for(draw, pid: str, actions: list[dict], own: list[str] = ()):
    out = []
    for _ in range(draw(st.integers(0, 5))):
        day = draw(st.dates(dt.date(2017, 1, 1), dt.date(2022, 12, 31)))
        period = f"{day.year}-{day.month:02d}{'a' if day.day <= 15 else 'b'}"
        entries = []
        for x in actions:
            for _twice in range(draw(st.sampled_from([0, 1, 1, 1, 2]))):
                own_day = draw(st.one_of(st.none(), st.dates(dt.date(2017, 1, 1), day)))
                entries.append({
                    "action": x["id"], "progress": draw(st.sampled_from(PROGRESS)),
                    "state": draw(st.sampled_from(["ongoing", "ongoing", "done", "suspended",
                                                   "cancelled"])),
                    "spent": draw(st.one_of(st.none(), st.floats(0, 60).map(
                        lambda v: round(v, 2)))),
                    "committed": draw(st.one_of(st.none(), AMOUNTS)),
                    "indicators": _measures(draw, [i["id"] for i in x["indicators"]
                                                   if i["id"]] + list(own)),
                    **({"date": own_day} if own_day else {})})
        out.append(Card.model_validate({"project": pid, "period": period, "date": day,
                                        "actions": entries}))
    return out


@st.composite
def plans(draw, key: str):
    domains, cards = [], []
    for d in range(1, draw(st.integers(1, 3)) + 1):
        axes = []
        for a in range(1, draw(st.integers(0, 2)) + 1):
            projects = []
            for p in range(1, draw(st.integers(0, 3)) + 1):
                pid = f"D{d}.A{a}.P{p}"
                xs = draw(project_actions(pid))
                own = draw(indicators(pid))
                projects.append({"id": pid, "name": {"ar": "مشروع"}, "actions": xs,
                                 "indicators": own})
                cards += draw(cards_for(pid, xs, [i["id"] for i in own if i["id"]]))
            axes.append({"id": f"D{d}.A{a}", "name": {"ar": "محور"}, "projects": projects})
        domains.append(Domain.model_validate({"id": f"D{d}", "name": {"ar": f"مجال {d}"},
                                              "axes": axes}))
    thresholds = draw(st.sampled_from([{}, {"at_risk": -5, "late": -15, "late_share": 40,
                                            "unreported_share": 30, "stale_days": 90,
                                            "card_grace_days": 0, "divergence": 10}]))
    program = Program.model_validate({
        "id": "pac", "name": {"ar": "برنامج"}, "commune": {"ar": "جماعة"},
        "commune_code": key, "period": {"start": 2017, "end": 2022},
        "province": {"ar": draw(st.sampled_from(["إقليم أ", "إقليم ب"]))},
        **({"thresholds": thresholds} if thresholds else {})})
    amendments = [Amendment.model_validate({"id": "AMD-1", "date": dt.date(2019, 10, 8),
                                            "reason": "تحيين"})]
    return program, domains, cards, amendments


def expected_of(plan: Plan, as_of: dt.date) -> tuple:
    """pam status (its result, its JSON) and discipline totals for an in-memory plan, as the
    command makes them: the plan as amended; the half year of the date."""
    viewed = view(plan, "current")
    as_of = as_of_date(viewed, as_of)  # a later date is capped to the end of the program
    since = dt.date(as_of.year, 1 if as_of.month <= 6 else 7, 1)
    status = compute_status(viewed, as_of)
    return status, status_json(status), totals(reporting_discipline(viewed, since, as_of))


@settings(max_examples=80, **SETTINGS)
@given(st.lists(st.sampled_from(["0101", "0102", "0203"]), min_size=1, max_size=3,
                unique=True).flatmap(lambda keys: st.tuples(*[plans(k) for k in keys])),
       st.dates(dt.date(2016, 6, 1), dt.date(2023, 6, 30)))
def test_sql_figures_equal_pam_status(tmp_path_factory, communes, as_of):
    root = tmp_path_factory.getbasetemp()
    parts, expected = [], {}
    for program, domains, cards, amendments in communes:
        plan = Plan(root=root, program=program, domains=domains, cards=cards,
                    amendments=amendments)
        parts.append(tables_of(plan, dt.date(2023, 12, 31), arrival_unknown="no-git"))
        expected[program.commune_code] = expected_of(plan, as_of)
    data, con = roll_tables(parts, as_of, by="province", keep=True)
    assert len(data["communes"]) == len(communes)
    for c in data["communes"]:
        status, printed, discipline = expected[c["commune"]]
        assert commune_differences(c, printed, discipline) == []
        assert raw_differences(con, status, c["commune"]) == []


def _python_round(x: float, digits: int) -> float:
    return round(x, digits) + 0.0


MIDPOINTS = [k / 8 for k in range(-80, 800)] + [k / 200 for k in range(-400, 4000)] + \
    [2.675, 1.005, 0.285, 1.115, 8.345, 100.125, 12.345, 1e12 + 0.125, 0.0049999999999999]


def test_sql_rounding_equals_python_round_at_midpoints():
    values = []
    for v in MIDPOINTS:
        values += [v, math.nextafter(v, math.inf), math.nextafter(v, -math.inf)]
    _same_rounding(values)


@settings(max_examples=40, **SETTINGS)
@given(st.lists(st.one_of(st.floats(-1e6, 1e6, allow_nan=False),
                          st.floats(-1, 1, allow_nan=False),
                          st.integers(-10 ** 6, 10 ** 6).map(lambda k: k / 1000),
                          st.integers(1, 10 ** 5).flatmap(
                              lambda n: st.integers(0, 100 * n).map(lambda k: k / n))),
                min_size=1, max_size=200))
def test_sql_rounding_equals_python_round(values):
    _same_rounding(values)


def _same_rounding(values: list[float]) -> None:
    import duckdb
    import pyarrow as pa

    from pam.rollup.figures import helpers_sql

    con = duckdb.connect()
    macros = helpers_sql()
    con.execute(macros)
    con.register("v", pa.table({"x": pa.array(values, type=pa.float64())}))
    got = con.execute("SELECT x, pam_round(x, 2), pam_round(x, 1) FROM v").fetchall()
    wrong = [(x, two, _python_round(x, 2), one, _python_round(x, 1)) for x, two, one in got
             if two != _python_round(x, 2) or one != _python_round(x, 1)]
    assert wrong == []


def test_the_sql_sum_adds_in_list_order_as_python_does():
    """figures.sql's pam_fsum (DuckDB's list_sum) is a left fold in list order, as Python's
    sum() of floats (3.11): not compensated (Kahan, fsum), not pairwise. The lists are chosen
    so that each of those would give other bits."""
    import duckdb

    from pam.rollup.figures import helpers_sql

    con = duckdb.connect()
    con.execute(helpers_sql())
    lists = [[1.0] + [1e-16] * 10, [1e-16] * 10 + [1.0], [0.1] * 10, [0.1, 0.2, 0.3] * 7,
             [1e16, 1.0, 1.0, 1.0], [3.3, 0.7, 1e-3] * 400, []]
    for xs in lists:
        got, folded = con.execute(
            "SELECT pam_fsum(?::DOUBLE[]), "
            "list_reduce(?::DOUBLE[], lambda s, v: s + v, CAST(0 AS DOUBLE))",
            [xs, xs]).fetchone()
        assert got == folded == sum(xs), xs
