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
