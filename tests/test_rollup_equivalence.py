"""The roll-up's figures are pam status's (issue 19, "done when"): bundles made by `pam export
bundle` from several workspaces, rolled up by `pam rollup --format json` at several dates, and
each commune's program and domains compared with its own `pam status --format json`, key by
key, and its reporting discipline with the one pam status shows.

The test set: the Dakhla example of `pam demo` with three seeds and dates; the fictional
commune of `pam demo --fictional` (indicators, credits, partners under agreements) with two
seeds; a workspace of bench/generate.py (three years of half-monthly cards); small plans with
edge cases: actions without targets, every kind of cost (a number, 0, '-', '*', blank),
cancelled actions and a project all cancelled, a project done (its cards stop being
expected), empty projects, axes and domains, a year without target between two targets,
reports with their own dates, a correction,
stale reports, means that fall exactly on a rounding midpoint (1.125), other thresholds; a
plan without any card; amendments that add and drop actions (a project left with none); a
PAC without domains (levels: implicit); a plan in git whose cards arrived on time, on the
last day of grace, late by their commit, or not committed yet; a plan of money and
indicators at their edges: credits only in later years, funding lines without an amount,
agreements signed after some dates or undated, negotiating or cancelled, funding on an
action without a numeric cost, cumulative indicators with a baseline dated or not (or dated
too late), going down with and without a baseline, per year (measured in an earlier year),
without a unit or an id, on a project (measured on its actions' lines, a correction), on a
cancelled action and a cancelled project, and both divergence alarms.
Random plans with money and indicators: tests/test_rollup_props.py.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest
from conftest import run_pam, write_plan
from rollup_cases import commune_differences, status_json

from pam.cache.run import cached_status
from pam.monitor.discipline import totals

pytest.importorskip("duckdb")

DATES = ["2016-12-31", "2018-12-31", "2019-01-01", "2020-06-30", "2021-08-15", "2023-03-01",
         "2024-07-01", "2025-06-30"]
COMPLETE_TO = "2027-12-31"  # every bundle's date: every card of every workspace is in it


def program(code: str, extra: str = "") -> str:
    return (f"id: pac-{code}\nname: {{ar: برنامج {code}, fr: Programme {code}}}\n"
            f"commune: {{ar: جماعة {code}, fr: Commune {code}}}\ncommune_code: '{code}'\n"
            "province: {ar: إقليم تجريبي, fr: Province test, code: P1}\n"
            "region: {ar: جهة تجريبية, code: R1}\n"
            "period: {start: 2017, end: 2022}\n" + extra)


EDGES_D1 = """\
id: D1
name: {ar: المالية و الجبايات}
axes:
- id: D1.A1
  name: {ar: المحور الأول}
  projects:
  - id: D1.A1.P1
    name: {ar: مشروع أول}
    actions:
    - {id: D1.A1.P1.01, text: "إجراء 1", cost: 0.7, targets: {2018: 50, 2019: 100}}
    - {id: D1.A1.P1.02, text: "إجراء 2", cost: 0.1, targets: {2018: 50, 2019: 100}}
    - {id: D1.A1.P1.03, text: "إجراء 3", cost: "-", targets: {2019: 40, 2021: 100}}
    - {id: D1.A1.P1.04, text: "إجراء 4", cost: "*", targets: {}}
    - {id: D1.A1.P1.05, text: "إجراء 5", targets: {2017: 33.3, 2018: 66.7, 2019: 100}}
    - {id: D1.A1.P1.06, text: "إجراء 6", cost: 0, targets: {2020: 100}}
  - id: D1.A1.P2
    name: {ar: مشروع بدون إجراءات}
    actions: []
- id: D1.A2
  name: {ar: محور بدون مشاريع}
  projects: []
"""

EDGES_D2 = """\
id: D2
name: {ar: المرافق العمومية}
axes:
- id: D2.A1
  name: {ar: محور ثان}
  projects:
  - id: D2.A1.P1
    name: {ar: ثمانية إجراءات}
    actions:
""" + "".join(f"    - {{id: D2.A1.P1.0{i}, text: \"إجراء {i}\", cost: 1, targets: {{2018: 100}}}}\n"
              for i in range(1, 9)) + """\
  - id: D2.A1.P2
    name: {ar: مشروع ملغى}
    actions:
    - {id: D2.A1.P2.01, text: "ملغى 1", cost: 3, targets: {2019: 100}}
    - {id: D2.A1.P2.02, text: "ملغى 2", targets: {2019: 100}}
  - id: D2.A1.P3
    name: {ar: مشروع منجز}
    actions:
    - {id: D2.A1.P3.01, text: "منجز 1", cost: 12.5, targets: {2018: 60, 2019: 100}}
    - {id: D2.A1.P3.02, text: "منجز 2", cost: 0.35, targets: {2019: 100}}
"""

EMPTY_D3 = "id: D3\nname: {ar: مجال فارغ}\naxes: []\n"


def one_action_domain(n: int, targets: str) -> str:
    """A domain of one axis, one project, one action (its status is the domain's)."""
    return (f"id: D{n}\nname: {{ar: مجال {n}}}\naxes:\n- id: D{n}.A1\n  name: {{ar: محور}}\n"
            f"  projects:\n  - id: D{n}.A1.P1\n    name: {{ar: مشروع}}\n    actions:\n"
            f"    - {{id: D{n}.A1.P1.01, text: \"إجراء\", cost: 2, targets: {targets}}}\n")


SMALL_DOMAINS = {f"d{n}.yaml": one_action_domain(n, t) for n, t in
                 ((4, "{}"), (5, "{2019: 100}"), (6, "{2019: 100}"))}


def card(project: str, period: str, day: str, lines: list[str]) -> str:
    return (f"project: {project}\nperiod: {period}\ndate: {day}\nactions:\n"
            + "".join(f"- {{{line}}}\n" for line in lines))


EDGES_CARDS = {
    "D1.A1.P1/2018-06a.yaml": card("D1.A1.P1", "2018-06a", "2018-06-14", [
        "action: D1.A1.P1.01, progress: 40, spent: 0.2",
        "action: D1.A1.P1.02, progress: 45, date: 2018-06-02",
        "action: D1.A1.P1.05, progress: 10",
        "action: D1.A1.P1.04, progress: 30, spent: 1.5"]),
    "D1.A1.P1/2018-12b.yaml": card("D1.A1.P1", "2018-12b", "2018-12-20", [
        "action: D1.A1.P1.01, progress: 51, spent: 0.32",
        "action: D1.A1.P1.05, progress: 66.66",
        "action: D1.A1.P1.03, progress: 5"]),
    "D1.A1.P1/2019-01a.yaml": card("D1.A1.P1", "2019-01a", "2019-01-10", [
        "action: D1.A1.P1.03, progress: 7, date: 2019-01-03"]),
    "D1.A1.P1/2020-03b.yaml": card("D1.A1.P1", "2020-03b", "2020-03-30", [
        "action: D1.A1.P1.02, progress: 100, state: done, spent: 0.1",
        "action: D1.A1.P1.05, progress: 60, correction: counted twice in 2018",
        "action: D1.A1.P1.06, progress: 0"]),
    "D2.A1.P1/2018-12b.yaml": card("D2.A1.P1", "2018-12b", "2018-12-31", [
        f"action: D2.A1.P1.0{i}, progress: {2 if i == 8 else 1}" for i in range(1, 9)]),
    "D2.A1.P2/2019-05a.yaml": card("D2.A1.P2", "2019-05a", "2019-05-10", [
        "action: D2.A1.P2.01, progress: 20, state: cancelled, spent: 0.4",
        "action: D2.A1.P2.02, progress: 100, state: cancelled"]),
    "D2.A1.P3/2019-06b.yaml": card("D2.A1.P3", "2019-06b", "2019-06-28", [
        "action: D2.A1.P3.01, progress: 100, state: done, spent: 11",
        "action: D2.A1.P3.02, progress: 100, state: done"]),
    "D5.A1.P1/2018-03a.yaml": card("D5.A1.P1", "2018-03a", "2018-03-02", [
        "action: D5.A1.P1.01, progress: 10, state: cancelled"]),
    "D6.A1.P1/2018-03a.yaml": card("D6.A1.P1", "2018-03a", "2018-03-02", [
        "action: D6.A1.P1.01, progress: 100, state: done, spent: 1.9"]),
}

THRESHOLDS = ("thresholds: {at_risk: -5, late: -15, late_share: 40, unreported_share: 30, "
              "stale_days: 90, card_grace_days: 3}\n")

AMENDED_D1 = """\
id: D1
name: {ar: المالية و الجبايات}
axes:
- id: D1.A1
  name: {ar: المحور الأول}
  projects:
  - id: D1.A1.P1
    name: {ar: مشروع معدل}
    actions:
    - {id: D1.A1.P1.01, text: "باق", cost: 2, targets: {2018: 50, 2019: 100}}
    - {id: D1.A1.P1.02, text: "محذوف", cost: 5, targets: {2018: 100}, dropped_by: AMD-2019-01}
    - {id: D1.A1.P1.03, text: "مضاف", cost: 1.5, targets: {2020: 100}, added_by: AMD-2019-01}
  - id: D1.A1.P2
    name: {ar: كل إجراءاته محذوفة}
    actions:
    - {id: D1.A1.P2.01, text: "محذوف", targets: {2018: 100}, dropped_by: AMD-2019-01}
"""

AMENDMENT = """\
id: AMD-2019-01
date: 2019-10-08
approved: 2019-11-20
reason: "تحيين"
changes:
- {action: D1.A1.P1.02, change: dropped}
- {action: D1.A1.P2.01, change: dropped}
- {action: D1.A1.P1.03, change: added}
"""

IMPLICIT_PROGRAM_EXTRA = ("levels:\n  domain: {ar: \"—\", fr: \"—\", implicit: true}\n"
                          "  axis: {ar: المحور}\n  project: {ar: البرنامج}\n"
                          "  action: {ar: المشروع}\n")

IMPLICIT_D1 = """\
id: D1
name: {ar: "—"}
notes: ["هذا البرنامج بدون مجالات"]
axes:
- id: D1.A1
  name: {ar: محور وحيد}
  projects:
  - id: D1.A1.P1
    name: {ar: برنامج}
    actions:
    - {id: D1.A1.P1.01, text: "مشروع", cost: 40, targets: {2023: 50, 2024: 100}}
"""


MONEY_D1 = """\
id: D1
name: {ar: المرافق العمومية}
axes:
- id: D1.A1
  name: {ar: محور المال}
  projects:
  - id: D1.A1.P1
    name: {ar: مشروع الطرق}
    indicators:
    - {id: P1.KM, name: {ar: طرق المشروع}, unit: km, targets: {2019: 4, 2021: 10}}
    - {id: P1.NOUNIT, name: {ar: بدون وحدة}, targets: {2020: 5}}
    actions:
    - id: D1.A1.P1.01
      text: "تعبيد"
      cost: 10
      targets: {2018: 30, 2019: 70, 2020: 100}
      budget: {2018: 3, 2019: 4.1, 2020: 2.9}
      funding:
      - {source: own, amount: 4}
      - source: partner
        partner: "الجهة"
        amount: 5
        agreement: {ref: C-1, signed: 2019-05-01, status: signed}
      - {source: partner, partner: "الوزارة", amount: 1, agreement: {status: negotiating}}
      indicators:
      - {id: A1.KM, name: {ar: كلم}, unit: km, baseline: {value: 1, year: 2017}, targets: {2018: 3, 2020: 8}}
      - {id: A1.DAYS, name: {ar: أيام}, unit: jours, direction: down, baseline: {value: 40}, targets: {2019: 30, 2020: 20}}
    - id: D1.A1.P1.02
      text: "إنارة"
      cost: 2.35
      targets: {2019: 50, 2020: 100}
      budget: {2021: 2.35}
      funding:
      - {source: partner, partner: "الجهة", amount: 1.35, agreement: {status: signed}}
      - {source: own, amount: 1}
      indicators:
      - {id: A2.KM, name: {ar: كلم ثان}, unit: km, targets: {2019: 1.5, 2020: 3}}
      - {id: A2.YEAR, name: {ar: مستفيدون}, unit: bénéficiaires, cumulative: false, targets: {2019: 120, 2020: 200, 2021: 80}}
    - id: D1.A1.P1.03
      text: "دراسة"
      cost: "-"
      targets: {2019: 100}
      funding:
      - {source: own, amount: 0.3}
      indicators:
      - {id: A3.DOWN, name: {ar: نقص}, unit: jours, direction: down, targets: {2019: 12, 2020: 6}}
      - {name: {ar: بدون معرف}, unit: km, targets: {2019: 2}}
    - id: D1.A1.P1.04
      text: "بدون مال"
      cost: 0
      targets: {2018: 100}
      funding:
      - {source: partner, partner: "المبادرة", agreement: {status: planned}}
  - id: D1.A1.P2
    name: {ar: مشروع ملغى}
    indicators:
    - {id: P2.ROOMS, name: {ar: أقسام}, unit: salles, targets: {2019: 3}}
    actions:
    - id: D1.A1.P2.01
      text: "ملغى"
      cost: 6
      targets: {2019: 100}
      budget: {2019: 6}
      funding:
      - {source: own, amount: 6}
      indicators:
      - {id: B1.ROOMS, name: {ar: أقسام}, unit: salles, targets: {2019: 3}}
- id: D1.A2
  name: {ar: محور ثان}
  projects:
  - id: D1.A2.P1
    name: {ar: مشروع الماء}
    actions:
    - id: D1.A2.P1.01
      text: "ماء"
      cost: 7.77
      targets: {2018: 20, 2019: 60, 2021: 100}
      budget: {2019: 2.22, 2018: 1.11}
      funding:
      - {source: own, amount: 2.59}
      - {source: partner, partner: "الوكالة", amount: 2.59, agreement: {ref: C-2, signed: 2018-01-10, status: signed}}
      - {source: partner, partner: "الجهة", amount: 2.59, agreement: {ref: C-3, status: cancelled}}
      indicators:
      - {id: W.PCT, name: {ar: نسبة الربط}, unit: "%", baseline: {value: 62, year: 2019}, targets: {2019: 70, 2021: 90}}
    - id: D1.A2.P1.02
      text: "ماء 2"
      cost: 1.1
      targets: {2020: 100}
"""

MONEY_CARDS = {
    "D1.A1.P1/2018-06a.yaml": """project: D1.A1.P1
period: 2018-06a
date: 2018-06-12
actions:
- {action: D1.A1.P1.01, progress: 10, committed: 6, paid: 5.5, indicators: {A1.KM: 1.4, A1.DAYS: 41, P1.KM: 0.5}}
- {action: D1.A1.P1.04, progress: 40}
""",
    "D1.A1.P1/2019-06b.yaml": """project: D1.A1.P1
period: 2019-06b
date: 2019-06-28
actions:
- {action: D1.A1.P1.01, progress: 65, committed: 7.2, paid: 6.1, indicators: {A1.KM: 2.2}}
- {action: D1.A1.P1.02, progress: 30, committed: 1, paid: 0.4, indicators: {A2.KM: 0.7, A2.YEAR: 50, P1.KM: 2.5}}
- {action: D1.A1.P1.03, progress: 90, indicators: {A3.DOWN: 14}}
""",
    "D1.A1.P1/2019-07a.yaml": """project: D1.A1.P1
period: 2019-07a
date: 2019-07-10
actions:
- {action: D1.A1.P1.02, progress: 35, indicators: {P1.KM: 2.25, A2.YEAR: 55}, correction: "recounted"}
""",
    "D1.A1.P1/2020-12b.yaml": """project: D1.A1.P1
period: 2020-12b
date: 2020-12-30
actions:
- {action: D1.A1.P1.01, progress: 95, committed: 9.9, paid: 9.95, indicators: {A1.KM: 7.1, A1.DAYS: 26}}
- {action: D1.A1.P1.02, progress: 100, state: done, committed: 2.35, paid: 2.2, indicators: {A2.KM: 3.1, A2.YEAR: 210}}
- {action: D1.A1.P1.03, progress: 100, state: done, indicators: {A3.DOWN: 5}}
""",
    "D1.A1.P2/2019-03a.yaml": """project: D1.A1.P2
period: 2019-03a
date: 2019-03-10
actions:
- {action: D1.A1.P2.01, progress: 20, state: cancelled, committed: 3, paid: 2, indicators: {B1.ROOMS: 1, P2.ROOMS: 1}}
""",
    "D1.A2.P1/2019-12b.yaml": """project: D1.A2.P1
period: 2019-12b
date: 2019-12-20
actions:
- {action: D1.A2.P1.01, progress: 70, committed: 3.33, paid: 3.33, indicators: {W.PCT: 63}}
- {action: D1.A2.P1.02, progress: 0, committed: 0.5}
""",
    "D1.A2.P1/2021-06a.yaml": """project: D1.A2.P1
period: 2021-06a
date: 2021-06-15
actions:
- {action: D1.A2.P1.01, progress: 100, state: done, committed: 7.77, paid: 7.0, indicators: {W.PCT: 91}}
- {action: D1.A2.P1.02, progress: 12, paid: 1.05}
""",
}


def git(repo, *args, when: str | None = None):
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {}
    import os

    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t",
                    *args], check=True, capture_output=True, env={**os.environ, **env})


def _demo(root, seed: int, as_of: str, code: str, *fictional: str):
    out = root / f"demo-{seed}{'-fictional' if fictional else ''}"
    done = run_pam("demo", str(out), "--seed", str(seed), "--as-of", as_of, *fictional)
    assert done.returncode == 0, done.stderr
    path = out / "plan" / "program.yaml"
    text = path.read_text(encoding="utf-8")
    site = "site: https://example.org/pac\n" if seed == 2017 else ""
    place = ("province: {ar: إقليم وادي الذهب, fr: Oued Ed-Dahab, code: P9}\n"
             "region: {ar: جهة الداخلة وادي الذهب, code: R12}\n") if seed != 42 else ""
    if fictional:  # its own region is in it already
        place = "province: {ar: إقليم خيالي, code: P9}\n"
    path.write_text(text.replace("\nperiod:", f"\ncommune_code: '{code}'\n{place}{site}"
                                 "period:", 1), encoding="utf-8")
    return out / "plan"


def _generated(root, code: str):
    """bench/generate.py's dakhla-3y: the shipped plan, a card per project every half month of
    2017-2019 (synthetic progress and payments)."""
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT))
    from bench.generate import generate

    plan = root / "generated" / "plan"
    generate(ROOT / "plan", plan, "dakhla-3y", seed=11)
    path = plan / "program.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nperiod:", f"\ncommune_code: '{code}'\nperiod:", 1),
                    encoding="utf-8")
    return plan


def _git_plan(root):
    base = root / "git"
    plan = write_plan(base, program(
        "0900", "thresholds: {card_grace_days: 5}\n"), {"d1.yaml": EDGES_D1})
    git(base, "init", "-q")
    git(base, "add", ".")
    git(base, "commit", "-qm", "plan", when="2018-01-01T10:00:00")
    arrivals = [("2018-07a", "2018-07-14", "2018-07-16T10:00:00"),   # on time
                ("2018-07b", "2018-07-31", "2018-08-05T10:00:00"),   # on the last day of grace
                ("2018-08a", "2018-08-15", "2018-08-25T10:00:00"),   # late by its commit
                ("2018-08b", "2018-08-31", None)]                    # not committed
    for period, day, committed in arrivals:
        path = plan / "progress" / "D1.A1.P1" / f"{period}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(card("D1.A1.P1", period, day, ["action: D1.A1.P1.01, progress: 20"]),
                        encoding="utf-8")
        if committed:
            git(base, "add", ".")
            git(base, "commit", "-qm", period, when=committed)
    return plan


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory):
    """Every plan folder of the test set, each validated as a commune would."""
    root = tmp_path_factory.mktemp("communes")
    plans = [
        _demo(root, 2017, "2020-06-30", "0101"),
        _demo(root, 7, "2022-12-31", "0102"),
        _demo(root, 42, "2019-03-10", "0201"),
        write_plan(root / "edges", program("0301", THRESHOLDS),
                   {"d1.yaml": EDGES_D1, "d2.yaml": EDGES_D2, "d3.yaml": EMPTY_D3,
                    **SMALL_DOMAINS},
                   EDGES_CARDS),
        write_plan(root / "nocards", program("0302"), {"d1.yaml": EDGES_D1}),
        write_plan(root / "amended", program("0303"), {"d1.yaml": AMENDED_D1}, {
            "D1.A1.P1/2018-06a.yaml": card("D1.A1.P1", "2018-06a", "2018-06-10", [
                "action: D1.A1.P1.01, progress: 30", "action: D1.A1.P1.02, progress: 80"])}),
        write_plan(root / "implicit", program("0304", IMPLICIT_PROGRAM_EXTRA).replace(
            "end: 2022", "end: 2027").replace("start: 2017", "start: 2022"),
            {"d1.yaml": IMPLICIT_D1}),
        _git_plan(root),
        _demo(root, 2017, "2025-06-30", "0501", "--fictional"),
        _demo(root, 5, "2024-03-31", "0502", "--fictional"),
        write_plan(root / "money", program("0401", "thresholds: {divergence: 20}\n"),
                   {"d1.yaml": MONEY_D1}, MONEY_CARDS),
        _generated(root, "0601"),
    ]
    amendments = root / "amended" / "plan" / "amendments"
    amendments.mkdir()
    (amendments / "2019-01.yaml").write_text(AMENDMENT, encoding="utf-8")
    for plan in plans:
        done = run_pam("validate", "--plan", str(plan))
        assert "error[" not in done.stdout + done.stderr, (plan, done.stdout, done.stderr)
    bundles = root / "bundles"
    for plan in plans:
        done = run_pam("export", "bundle", "--plan", str(plan), "--as-of", COMPLETE_TO,
                       "--out", str(bundles / f"{plan.parent.name}.zip"))
        assert done.returncode == 0, done.stderr
    return plans, bundles


@pytest.mark.parametrize("day", DATES)
def test_each_commune_of_the_rollup_has_its_own_pam_status_figures(workspaces, tmp_path, day):
    plans, bundles = workspaces
    done = run_pam("rollup", str(bundles), "--as-of", day, "--by", "region", "--format",
                   "json", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "out" / "rollup.json").read_text(encoding="utf-8"))
    assert data["as_of"] == day
    by_code = {c["commune"]: c for c in data["communes"]}
    assert len(by_code) == len(plans)
    wrong = []
    for plan in plans:
        code = _code_of(plan)
        status = status_json(plan, day)
        found = cached_status(plan, dt.date.fromisoformat(day), "current")
        discipline = totals(found.header["rows"])
        wrong += [f"{plan.parent.name}: {w}" for w in
                  commune_differences(by_code[code], status, discipline)]
    assert wrong == []


def _code_of(plan) -> str:
    for line in (plan / "program.yaml").read_text(encoding="utf-8").splitlines():
        if line.startswith("commune_code:"):
            return line.split(":", 1)[1].strip().strip("'")
    raise AssertionError(plan)


def test_the_test_set_reaches_every_rule(workspaces, tmp_path):
    """The communes above, at the dates above, show every action status, every node rule,
    every kind of card arrival, and money, indicators and alarms of every kind: the comparison
    is not vacuous."""
    plans, bundles = workspaces
    statuses, rules, arrival, seen = set(), set(), set(), set()
    for day in DATES:
        out = tmp_path / day
        assert run_pam("rollup", str(bundles), "--as-of", day, "--format", "json", "--out",
                       str(out)).returncode == 0
        data = json.loads((out / "rollup.json").read_text(encoding="utf-8"))
        for c in data["communes"]:
            for n in [c["program"], *c["domains"]]:
                statuses |= {s for s, k in n["counts"].items() if k}
                rules.add(n["rule"])
                seen |= _money_and_indicators_seen(n)
            arrival |= {k for k in ("on_time", "late", "unknown", "missing")
                        if c["discipline"][k]}
    from pam.monitor.results import STATUSES

    assert statuses == set(STATUSES)
    assert {"empty", "all-cancelled", "all-done", "no-target", "nothing-due",
            "mostly-unreported", "late-share"} <= rules
    assert arrival == {"on_time", "late", "unknown", "missing"}
    assert seen == {"allocated", "paid_of_allocated", "committed_of_cost", "own_share",
                    "partner_share", "signed_share", "coverage", "coverage_below_100",
                    "signed_part", "unsigned", "spending_ahead", "indicator_stalled",
                    "up", "down", "per_year", "unreported_indicator", "not_measured",
                    "several_in_a_group"}


def _money_and_indicators_seen(n: dict) -> set[str]:
    m, seen = n["money"], set()
    seen |= {k for k in ("allocated", "paid_of_allocated", "committed_of_cost", "own_share",
                         "partner_share", "signed_share", "coverage") if m[k]}
    if m["coverage"] is not None and m["coverage"] < 100:
        seen.add("coverage_below_100")
    for src in m["sources"]:
        if src["signed"] and src["signed"] < src["amount"]:
            seen.add("signed_part")
        if src["source"] == "partner" and src["signed"] == 0:
            seen.add("unsigned")
    seen |= {a for a, k in n["alarms"].items() if k}
    for g in n["indicators"]:
        seen.add(g["direction"] if g["cumulative"] else "per_year")
        if g["reported"] < g["measured"]:
            seen.add("unreported_indicator")
        if g["measured"] < g["indicators"]:
            seen.add("not_measured")
        if g["indicators"] > 1:
            seen.add("several_in_a_group")
    return seen
