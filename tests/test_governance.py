"""The steering committee's decision log (steering/) and the council's review of an annual
report (council/): read with the structure, checked, each decision's state at a date, and the
two report sections that show them."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from conftest import write_plan

from pam.load.files import structure_names
from pam.load.pipeline import load_plan
from pam.model import Decision
from pam.report.governance import council_review, decision_state, follow_up

PROGRAM = """\
id: test-pac
name: {ar: برنامج تجريبي, fr: Programme de test}
commune: {ar: جماعة تجريبية, fr: Commune test}
period: {start: 2017, end: 2022}
governance:
- {id: steering, name: {ar: هيأة القيادة}}
"""
MEETING = """\
date: 2020-06-15
attendees: ["رئيس المجلس", "المنسق العام"]
decisions:
- {id: d1, text: "اجتماع مع المحافظة العقارية", owner: "المدير العام للمصالح", due: 2020-07-15,
   project: D1.A1.P1}
- {id: d2, text: "إعادة برمجة الاعتمادات", owner: "المصلحة المالية", due: 2020-09-30,
   state: done, done_on: 2020-08-20}
- {text: "تعيين رئيس مشروع", due: 2020-06-20}
"""
COUNCIL = """\
year: 2019
opinions:
- {committee: "لجنة الميزانية", date: 2020-04-14, opinion: "رأي إيجابي"}
deliberation:
  date: 2020-05-05
  session: "الدورة العادية لشهر ماي 2020"
  number: "12/2020"
  vote: {yes: 25, no: 3, abstained: 2}
  decision: "المصادقة على التقرير"
"""


def plan_with(tmp_path, files: dict[str, str]):
    root = write_plan(tmp_path, program=PROGRAM)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def codes(problems):
    return sorted((p.file.rsplit("/", 2)[-2] + "/" + p.file.rsplit("/", 1)[-1], p.line, p.code)
                  for p in problems if "plan/steering/" in p.file or "plan/council/" in p.file)


def test_meetings_and_reviews_are_read_with_the_structure(tmp_path):
    root = plan_with(tmp_path, {"steering/2020-06-15.yaml": MEETING,
                                "council/2019.yaml": COUNCIL})
    plan, problems = load_plan(root)
    assert codes(problems) == []
    assert [m.date for m in plan.meetings] == [dt.date(2020, 6, 15)]
    assert plan.meetings[0].decisions[1].done_on == dt.date(2020, 8, 20)
    assert council_review(plan, 2019).deliberation.vote.yes == 25
    assert council_review(plan, 2020) is None
    names = structure_names(root)  # the cache fingerprints every file the structure reads
    assert str(root / "steering" / "2020-06-15.yaml") in names
    assert str(root / "council" / "2019.yaml") in names
    assert plan.with_cards([]).meetings == plan.meetings


def test_decision_states_at_a_date():
    d = Decision(text="x", due=dt.date(2020, 7, 15))
    assert decision_state(d, dt.date(2020, 7, 15)) == "due"
    assert decision_state(d, dt.date(2020, 7, 16)) == "overdue"
    assert decision_state(Decision(text="x"), dt.date(2030, 1, 1)) == "due"
    done = Decision(text="x", due=dt.date(2020, 7, 15), state="done",
                    done_on=dt.date(2020, 8, 1))
    assert decision_state(done, dt.date(2020, 8, 1)) == "done"
    assert decision_state(done, dt.date(2020, 7, 20)) == "overdue"  # not done yet then
    assert decision_state(Decision(text="x", state="done"), dt.date(2020, 1, 1)) == "done"


def test_follow_up_lists_overdue_first_and_leaves_out_what_was_done_before(tmp_path):
    root = plan_with(tmp_path, {"steering/2020-06-15.yaml": MEETING})
    plan, _ = load_plan(root)
    rows = follow_up(plan, dt.date(2020, 7, 1), dt.date(2020, 9, 30))
    assert [(r.text, r.state) for r in rows] == [
        ("تعيين رئيس مشروع", "overdue"), ("اجتماع مع المحافظة العقارية", "overdue"),
        ("إعادة برمجة الاعتمادات", "done")]
    assert follow_up(plan, dt.date(2020, 10, 1), dt.date(2020, 12, 31))[-1].state == "overdue"
    assert follow_up(plan, dt.date(2020, 1, 1), dt.date(2020, 6, 1)) == []  # not yet held


def test_an_overdue_decision_is_no_problem_a_due_date_before_the_meeting_is(tmp_path):
    root = plan_with(tmp_path, {"steering/2020-06-16.yaml": """\
        date: 2020-06-15
        body: stering
        decisions:
        - {id: d1, text: a, due: 2020-06-01}
        - {id: d1, text: b, done_on: 2020-06-01, project: D9.A1.P1}
        """, "steering/2020-07-01.yaml": "date: 2020-07-01\ndecisions:\n- {text: c, due: 2020-07-02}\n"})
    _, problems = load_plan(root)
    assert codes(problems) == [
        ("steering/2020-06-16.yaml", 1, "meeting-misplaced"),
        ("steering/2020-06-16.yaml", 2, "unknown-body"),
        ("steering/2020-06-16.yaml", 4, "decision-due-before-meeting"),
        ("steering/2020-06-16.yaml", 5, "decision-done-before-meeting"),
        ("steering/2020-06-16.yaml", 5, "decision-state-mismatch"),
        ("steering/2020-06-16.yaml", 5, "duplicate-decision-id"),
        ("steering/2020-06-16.yaml", 5, "unknown-project"),
    ]


def test_council_review_checks(tmp_path):
    root = plan_with(tmp_path, {"council/2019.yaml": """\
        year: 2019
        opinions:
        - {committee: a, date: 2019-11-02, opinion: x}
        - {committee: b, date: 2020-06-01, opinion: y}
        deliberation: {date: 2020-05-05, decision: z}
        """, "council/other.yaml": "year: 2025\n"})
    _, problems = load_plan(root)
    assert codes(problems) == [
        ("council/2019.yaml", 3, "opinion-before-year-end"),
        ("council/2019.yaml", 4, "opinion-after-deliberation"),
        ("council/other.yaml", 1, "council-misplaced"),
        ("council/other.yaml", 1, "council-year-outside-program"),
    ]


def test_unknown_keys_are_refused_with_their_place(tmp_path):
    root = plan_with(tmp_path, {"steering/2020-06-15.yaml": "date: 2020-06-15\nattendes: []\n"})
    _, problems = load_plan(root)
    [p] = [p for p in problems if "plan/steering/" in p.file]
    assert (p.line, p.code) == (2, "unknown-key") and "attendees" in p.message


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_steering_follows_up_decisions_and_annual_shows_the_council(tmp_path, lang):
    from reports_workspace import NO_GIT, load, write_workspace

    from pam.report.run import build, render_as

    root = write_workspace(tmp_path)
    plan = load(root)
    annual = render_as(build(plan, "annual", period="2019", commit=NO_GIT), "md", lang)
    todo = {"ar": "(يتمم)", "fr": "(à compléter)"}[lang]
    assert todo in annual  # no file yet: marked to be completed
    steering = render_as(build(plan, "steering", period="2020-Q2", commit=NO_GIT), "md", lang)
    assert {"ar": "لم تسجل بعد أي قرارات", "fr": "Aucune décision"}[lang] in steering
    (root / "steering").mkdir()
    (root / "steering" / "2020-04-10.yaml").write_text(
        "date: 2020-04-10\ndecisions:\n- {text: \"تسريع الصفقة\", owner: DGS, due: 2020-05-30}\n",
        encoding="utf-8")
    (root / "council").mkdir()
    (root / "council" / "2019.yaml").write_text(COUNCIL, encoding="utf-8")
    plan = load(root)
    annual = render_as(build(plan, "annual", period="2019", commit=NO_GIT), "md", lang)
    assert "المصادقة على التقرير" in annual and "لجنة الميزانية" in annual
    assert todo not in annual
    steering = render_as(build(plan, "steering", period="2020-Q2", commit=NO_GIT), "md", lang)
    assert "تسريع الصفقة" in steering
    assert {"ar": "تجاوز الأجل", "fr": "échéance dépassée"}[lang] in steering
