"""pam explain: an action's and a node's figures computed step by step, equal to pam status;
pam show prints the seed lines a node cites when the source document is present."""

from __future__ import annotations

import hashlib
import json

from conftest import PROGRAM, SHIPPED_PLAN, write_plan

CARDS = {"D1.A1.P1/2019-06b.yaml": """\
project: D1.A1.P1
period: 2019-06b
date: 2019-06-30
actions:
- {action: D1.A1.P1.01, progress: 45, spent: 0.9}
- {action: D1.A1.P1.03, progress: 30, state: cancelled}
"""}


def test_explain_an_action(tmp_path, pam):
    plan = write_plan(tmp_path, cards=CARDS)
    # wide enough for each step on one line (at 80 or 100 columns they wrap)
    r = pam("explain", "D1.A1.P1.01", "--plan", str(plan), "--as-of", "2019-06-30",
            env={"COLUMNS": "160"})
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "targets (cumulative share done by 31 December): 2018: 50%  2019: 100%" in out
    assert "between 50% on 2018-12-31 and 100% on 2019-12-31, linear in days: " \
           "50 + (100 - 50) x 181/365 = 74.79%" in out
    assert "45% on 2019-06-30, card 2019-06b" in out and "2019-06b.yaml" in out
    assert "45 - 74.79 = -29.79 points (JSON)" in out
    assert "as the terminal and reports show it: 45 - 75 = -30" in out
    assert "yes  late" in out and "SPI = EV / PV = 0.6; CPI = EV / AC = 1" in out


def test_explain_a_node_lists_weights_and_what_it_left_out(tmp_path, pam):
    plan = write_plan(tmp_path, cards=CARDS)
    r = pam("explain", "D1.A1.P1", "--plan", str(plan), "--as-of", "2019-06-30",
            env={"COLUMNS": "160"})
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "status: LATE (rule late-share)" in out
    assert "yes  late-share         late: 1 of 2 due = 50%, at least 25%?" in out
    assert "D1.A1.P1.02    unreported" in out and "0 (none)" in out
    assert "D1.A1.P1.03    cancelled" in out
    assert "D1.A1.P1.01    late" in out and "100%" in out  # the only costed action: all weight


def test_explain_json_carries_the_status_figures(tmp_path, pam):
    plan = write_plan(tmp_path, cards=CARDS)
    status = json.loads(pam("status", "--plan", str(plan), "--as-of", "2019-06-30",
                            "--format", "json").stdout)
    for node_id, figures in (("test-pac", status["program"]), ("D1", status["domains"][0]),
                             ("D1.A1.P1.01", status["actions"][0])):
        r = pam("explain", node_id, "--plan", str(plan), "--as-of", "2019-06-30", "-f", "json")
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["figures"] == figures


def test_explain_an_unknown_id(tmp_path, pam):
    r = pam("explain", "D1.A1.P9", "--plan", str(write_plan(tmp_path)))
    assert r.returncode == 1 and "Did you mean" in r.stderr


def test_show_prints_the_cited_seed_lines_of_the_named_document(tmp_path, pam):
    seed = tmp_path / "seed.txt"
    seed.write_text("first line\nsecond line: the row\nthird\n", encoding="utf-8")
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    program = PROGRAM + f"""\
source:
  title: {{ar: وثيقة, fr: Document}}
  issuer: {{ar: الجماعة}}
  year: 2017
  sha256: {digest}
  path: seed.txt
"""
    domain = """\
id: D1
name: {ar: م}
seed_lines: [2]
axes: []
"""
    plan = write_plan(tmp_path, program=program, domains={"d1.yaml": domain})
    r = pam("show", "D1", "--plan", str(plan))
    assert r.returncode == 0, r.stderr
    assert "2: second line: the row" in r.stdout
    data = json.loads(pam("show", "D1", "--plan", str(plan), "-f", "json").stdout)
    assert data["seed_text"] == {"2": "second line: the row"}
    seed.write_text("changed\n", encoding="utf-8")
    r = pam("show", "D1", "--plan", str(plan))
    assert "is not the source document program.yaml names" in " ".join(r.stdout.split())


def test_the_shipped_plan_names_its_source_document():
    from pam.load.pipeline import load_plan

    plan, _ = load_plan(SHIPPED_PLAN, cards=False)
    source = plan.program.source
    assert source.title.ar.startswith("منظومة تتبع مشاريع")
    assert source.sha256 == "184b1fdffb46383ebff2f9c76d366368bb485378b604ca00adcf112a9f36a8d6"
    assert source.path == "../shared/seeds/000_a6d48e2f58b203b1.txt"


STALLED_DOMAIN = """\
id: D1
name: {ar: المجال}
axes:
- id: D1.A1
  name: {ar: المحور}
  projects:
  - id: D1.A1.P1
    name: {ar: المشروع}
    actions:
    - id: D1.A1.P1.01
      text: "تعبيد الطرق"
      cost: 10
      targets: {2018: 50, 2019: 100}
      indicators:
      - id: D1.A1.P1.01.I1
        name: {ar: الطرق المعبدة}
        unit: km
        baseline: {value: 0, year: 2017}
        targets: {2018: 6, 2019: 12}
    - id: D1.A1.P1.02
      text: "إنارة الطرق"
      cost: 5
      targets: {2018: 50, 2019: 100}
      indicators:
      - id: D1.A1.P1.02.I1
        name: {ar: الأعمدة}
        unit: points
        baseline: {value: 0, year: 2017}
        targets: {2018: 60, 2019: 120}
"""

STALLED_CARDS = {"D1.A1.P1/2019-06b.yaml": """\
project: D1.A1.P1
period: 2019-06b
date: 2019-06-30
actions:
- action: D1.A1.P1.01
  progress: 80
  indicators: {D1.A1.P1.01.I1: 1.2}
- action: D1.A1.P1.02
  progress: 80
  state: cancelled
  indicators: {D1.A1.P1.02.I1: 12}
"""}


def test_explain_indicator_stalled_holds_by_the_status_rule(tmp_path, pam):
    """Both actions report 80% with their indicator at 10% of its way: 70 points over the
    divergence limit (25). The ongoing one raises indicator_stalled and explain says it holds;
    the cancelled one raises no alarm (none on a cancelled action) and explain must not say it
    holds (it did: its test was the gap alone)."""
    plan = write_plan(tmp_path, domains={"d1.yaml": STALLED_DOMAIN}, cards=STALLED_CARDS)
    status = json.loads(pam("status", "--plan", str(plan), "--as-of", "2019-06-30",
                            "--format", "json").stdout)
    alarms = {a["id"]: a["alarms"] for a in status["actions"]}
    assert alarms == {"D1.A1.P1.01": ["indicator_stalled"], "D1.A1.P1.02": []}
    for action_id, holds in (("D1.A1.P1.01", True), ("D1.A1.P1.02", False)):
        r = pam("explain", action_id, "--plan", str(plan), "--as-of", "2019-06-30", "-f", "json")
        assert r.returncode == 0, r.stderr
        money = json.loads(r.stdout)["money"]
        (step,) = money["indicator_stalled"]
        assert round(step["share"], 6) == 10 and round(step["gap"], 6) == 70
        assert step["holds"] is holds
        assert ("indicator_stalled" in money["alarms"]) is holds  # the same answer as status
        text = pam("explain", action_id, "--plan", str(plan), "--as-of", "2019-06-30",
                   env={"COLUMNS": "160"}).stdout
        line = next(x for x in text.splitlines() if "indicator stalled?" in x)
        assert line.endswith(": yes" if holds else ": no (the action is cancelled: no alarm)")
