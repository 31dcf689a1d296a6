"""Obstacles, solutions and risks as data: the card model (plain lists still valid), the card
checks, the analysis reports use (pam/report/remarks.py), the card template and the demo."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import write_plan

from pam.load.pipeline import load_plan
from pam.model import OBSTACLE_CATEGORIES, Card
from pam.report.remarks import analyse, answered, card_remarks

CARD = """\
project: D1.A1.P1
period: {period}
date: {date}
actions: []
"""


def card(period="2019-06a", date="2019-06-10", **lists) -> Card:
    return Card.model_validate({"project": "D1.A1.P1", "period": period, "date": date,
                                **lists})


def problems_of(tmp_path, body: str, period="2019-06a", date="2019-06-10"):
    text = CARD.format(period=period, date=date) + body + 'reporter: "x"\n'
    plan = write_plan(tmp_path, cards={f"D1.A1.P1/{period}.yaml": text})
    _, problems = load_plan(plan)
    return [(p.code, p.line) for p in problems if "progress" in p.file]


def test_plain_lists_stay_valid_and_read_as_remarks():
    c = card(obstacles=["تأخر الصفقة"], solutions=["إعادة البرمجة"], risks=["ارتفاع الأسعار"])
    assert c.obstacles[0].text == "تأخر الصفقة" and c.obstacles[0].category is None
    assert c.solutions[0].answers is None and c.risks[0].likelihood is None


def test_mappings_say_category_answer_owner_due_and_rating():
    c = card(obstacles=[{"text": "x", "category": "land", "id": "o1"}, "y"],
             solutions=[{"text": "s", "answers": "o1", "owner": "DGS", "due": "2019-07-01"},
                        {"text": "t", "answers": 2}],
             risks=[{"text": "r", "likelihood": "high", "impact": "medium"}])
    assert c.obstacles[0].category == "land" and c.solutions[0].due == dt.date(2019, 7, 1)
    assert answered(c) == [0, 1]
    assert c.risks[0].impact == "medium"


def test_the_documented_categories():
    assert OBSTACLE_CATEGORIES == ("land", "funding", "partner-funding", "procurement",
                                   "studies", "contractor", "approvals", "staff", "technical",
                                   "other")


def test_every_corpus_card_still_validates():
    from pathlib import Path

    import ruamel.yaml

    paths = sorted((Path(__file__).parent / "corpus" / "base").glob("progress/**/*.yaml"))
    assert paths
    for path in paths:
        Card.model_validate(ruamel.yaml.YAML(typ="safe").load(path.read_text()))


def test_an_unknown_category_is_located_with_the_list(tmp_path):
    plan = write_plan(tmp_path, cards={"D1.A1.P1/2019-06a.yaml": CARD.format(
        period="2019-06a", date="2019-06-10") + "obstacles:\n- {text: x, category: lnd}\n"})
    _, problems = load_plan(plan)
    [p] = [p for p in problems if "progress" in p.file]
    assert (p.code, p.line) == ("wrong-type", 6)
    assert "'category': expected one of: 'land', 'funding'" in p.message


def test_a_solution_must_answer_an_obstacle_of_its_card(tmp_path):
    found = problems_of(tmp_path, """\
obstacles:
- {text: a, id: o1}
- {text: b, id: o1}
solutions:
- {text: s, answers: o2}
- {text: t, answers: 3}
- {text: u, answers: 2, due: 2019-05-01}
- "  "
""")
    assert found == [("duplicate-obstacle-id", 7), ("solution-unknown-obstacle", 9),
                     ("solution-unknown-obstacle", 10), ("solution-due-before-card", 11),
                     ("empty-remark", 12)]


def test_solution_answers_with_no_obstacle_at_all(tmp_path):
    from pam.checks.cards import check_remarks
    from pam.plan import Plan

    plan = Plan(root=tmp_path, cards=[card(solutions=[{"text": "s", "answers": 1}])])
    plan.cards[0]._file = "c.yaml"
    [p] = check_remarks(plan)
    assert p.code == "solution-unknown-obstacle" and "lists no obstacle" in p.message


def test_a_plain_card_has_no_remark_problem(tmp_path):
    assert problems_of(tmp_path, 'obstacles: ["a", "b"]\nsolutions: ["s"]\nrisks: ["r"]\n') == []


def _plan_with(cards: dict):
    from conftest import DOMAIN

    domain = DOMAIN + """\
  - id: D1.A1.P2
    name: {ar: المشروع الثاني}
    actions:
    - id: D1.A1.P2.01
      text: "إجراء"
      targets: {2019: 100}
"""
    return cards, domain


def test_analysis_groups_by_category_each_project_once(tmp_path):
    cards, domain = _plan_with({})
    body = {
        "D1.A1.P1/2019-01a.yaml": ("2019-01a", "2019-01-14", [
            {"text": "العقار غير متوفر", "category": "land", "id": "o1"},
            {"text": "طلب عروض غير مثمر", "category": "procurement", "id": "o2"}],
            [{"text": "تسريع التحفيظ", "answers": "o1", "owner": "مصلحة الممتلكات",
              "due": "2019-03-01"}, "اجتماع تنسيقي"]),
        "D1.A1.P1/2019-02b.yaml": ("2019-02b", "2019-02-27", [
            {"text": "العقار  غير متوفر", "category": "land"}], ["تسريع التحفيظ"]),
        "D1.A1.P2/2019-02a.yaml": ("2019-02a", "2019-02-14", [
            {"text": "نزاع حول الأرض", "category": "land"}, {"text": "   "}], []),
        "D1.A1.P2/2019-03a.yaml": ("2019-03a", "2019-03-14", [], []),
    }
    files = {}
    import json

    for rel, (period, date, obstacles, solutions) in body.items():
        files[rel] = (f"project: {rel.split('/')[0]}\nperiod: {period}\ndate: {date}\n"
                      f"actions: []\nobstacles: {json.dumps(obstacles, ensure_ascii=False)}\n"
                      f"solutions: {json.dumps(solutions, ensure_ascii=False)}\n"
                      "reporter: \"x\"\n")
    root = write_plan(tmp_path, domains={"d1.yaml": domain}, cards=files)
    plan, problems = load_plan(root)
    assert not [p for p in problems if p.severity == "error"]
    r = analyse(plan, dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert [g.category for g in r.categories] == ["land", "procurement"]
    land = r.categories[0]
    assert [p.project for p in land.projects] == ["D1.A1.P1", "D1.A1.P2"]  # each once
    assert land.mentions == 3
    first = land.projects[0].obstacles[0]
    assert (first.text, first.count) == ("العقار غير متوفر", 2)
    assert (first.start, first.end) == (dt.date(2019, 1, 1), dt.date(2019, 2, 28))
    # tied explicitly on the first card, implicitly (its only obstacle) on the second
    [solution] = first.solutions
    assert (solution.text, solution.count, solution.owner) == ("تسريع التحفيظ", 2,
                                                               "مصلحة الممتلكات")
    # the card with two obstacles and an untied solution: listed apart, never guessed
    p1 = next(p for p in r.projects if p.project == "D1.A1.P1")
    assert [s.text for s in p1.solutions] == ["اجتماع تنسيقي"]
    assert [p.project for p in r.unlinked] == ["D1.A1.P1"]
    # no empty rows: a blank obstacle is skipped, a card with nothing adds nothing
    p2 = next(p for p in r.projects if p.project == "D1.A1.P2")
    assert [o.text for o in p2.obstacles] == ["نزاع حول الأرض"]
    assert len(r.projects) == 2


def test_analysis_of_nothing_is_empty(tiny_plan):
    plan, _ = load_plan(tiny_plan)
    r = analyse(plan, dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert r.categories == () and r.projects == () and r.obstacles == 0


def test_uncategorised_last_and_risks_rated_first():
    from pam.report.remarks import _project_remarks

    c = card(obstacles=["a", {"text": "b", "category": "other"}],
             risks=["low one", {"text": "hot", "likelihood": "high", "impact": "high"}])
    p = _project_remarks("D1.A1.P1", None, [c])
    from pam.report.remarks import group_by_category

    assert [g.category for g in group_by_category([p])] == ["other", None]
    assert [r.text for r in p.risks] == ["hot", "low one"] and p.risks[0].score == 9


def test_card_remarks_never_hold_period_codes():
    c = card(obstacles=["a"], solutions=["s"])
    r = card_remarks(c)
    assert r.obstacles[0].solutions[0].text == "s"
    assert "2019-06a" not in repr(r)


def test_the_card_template_round_trips_structured_remarks(tiny_plan):
    from pam.load.pipeline import load_plan
    from pam.progress import card_text

    plan, _ = load_plan(tiny_plan)
    text = card_text(plan, "D1.A1.P1", "2019-06a", dt.date(2019, 6, 10), [],
                     obstacles=[{"text": 'a "quoted": x', "category": "partner-funding",
                                 "id": "o1"}, "plain"],
                     solutions=[{"text": "s", "answers": "o1", "owner": "DGS",
                                 "due": dt.date(2019, 7, 1)}],
                     risks=[{"text": "r", "likelihood": "low", "impact": "high"}])
    assert "category: partner-funding" in text and "CATEGORY: land | funding" in text
    import ruamel.yaml

    c = Card.model_validate(ruamel.yaml.YAML(typ="safe").load(text))
    assert c.obstacles[0].text == 'a "quoted": x' and c.obstacles[1].text == "plain"
    assert c.solutions[0].due == dt.date(2019, 7, 1) and c.risks[0].impact == "high"


def test_the_demo_writes_categorised_linked_and_rated_remarks(tmp_path):
    from conftest import SHIPPED_PLAN

    from pam.scaffold.demo import write_demo

    plan, _ = load_plan(SHIPPED_PLAN, cards=False)
    write_demo(plan, tmp_path / "ex", seed=2017, as_of=dt.date(2019, 6, 30), force=False)
    demo, problems = load_plan(tmp_path / "ex" / "plan")
    assert not [p for p in problems if p.severity == "error"]
    obstacles = [o for c in demo.cards for o in c.obstacles]
    assert all(c.example for c in demo.cards)
    assert {o.category for o in obstacles} >= {"procurement", "land", None}
    assert any(s.answers == "o1" and s.owner and s.due for c in demo.cards
               for s in c.solutions)
    assert any(r.likelihood for c in demo.cards for r in c.risks)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_reports_list_obstacles_by_category_without_codes_or_empty_rows(tmp_path, lang):
    from reports_workspace import NO_GIT, load, write_workspace

    from pam.report.run import build, render_as

    plan = load(write_workspace(tmp_path))
    for kind, period in (("semiannual", "2020-H1"), ("annual", "2019"),
                         ("card", "2020-06b")):
        data = build(plan, kind, period=period, commit=NO_GIT,
                     project="D1.A1.P1" if kind == "card" else None)
        md = render_as(data, "md", lang)
        section = md[md.index("تأخر في إبرام الصفقة"):].split("\n## ")[0]
        assert "2020-03b" not in section and "2019-12b" not in section, (kind, section)
        assert "| — |" not in section and "|  |" not in section, (kind, section)
