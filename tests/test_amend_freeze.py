"""Amendments (التحيين), baseline vs current, and the freeze of published periods (real git)."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import DOMAIN, write_plan

AMENDED_DOMAIN = DOMAIN.replace("""      cost: 2
      targets: {2018: 50, 2019: 100}""", """      cost: 3
      targets: {2018: 50, 2019: 80, 2020: 100}""") + """\
    - id: D1.A1.P1.04
      text: "إجراء أضيف بالتحيين"
      cost: 1
      targets: {2020: 100}
      added_by: AMD-2019-01
"""
AMENDED_DOMAIN = AMENDED_DOMAIN.replace("""      cost: "*"
      targets: {}""", """      cost: "*"
      targets: {}
      dropped_by: AMD-2019-01""")

AMENDMENT = """\
id: AMD-2019-01
date: 2019-10-08
session: "الدورة العادية لشهر أكتوبر 2019"
deliberation: "23/2019"
approved: 2019-11-20
reason: "تأخر الصفقة وإضافة إجراء جديد — retard du marché et nouvelle action"
changes:
- {action: D1.A1.P1.01, change: cost, before: 2, after: 3}
- {action: D1.A1.P1.01, change: targets, before: {2018: 50, 2019: 100}, after: {2018: 50, 2019: 80, 2020: 100}}
- {action: D1.A1.P1.04, change: added}
- {action: D1.A1.P1.03, change: dropped}
"""


def amended_plan(tmp_path, amendment=AMENDMENT):
    plan = write_plan(tmp_path, domains={"d1.yaml": AMENDED_DOMAIN})
    (plan / "amendments").mkdir()
    (plan / "amendments" / "2019-01.yaml").write_text(amendment, encoding="utf-8")
    return plan


def test_amendment_validates(tmp_path, pam):
    r = pam("validate", "--plan", str(amended_plan(tmp_path)), "--format", "json")
    assert json.loads(r.stdout)["errors"] == 0, r.stdout


@pytest.mark.parametrize("old,new,code", [
    ("date: 2019-10-08", "date: 2018-10-08", "amendment-too-early"),
    ("approved: 2019-11-20", "approved: 2019-09-20", "amendment-approval-date"),
    ("{action: D1.A1.P1.04, change: added}", "{action: D1.A1.P1.05, change: added}",
     "amendment-unknown-action"),
    ("before: 2, after: 3}", "before: 2, after: 4}", "amendment-mismatch"),
])
def test_amendment_checks(tmp_path, pam, old, new, code):
    r = pam("validate", "--plan", str(amended_plan(tmp_path, AMENDMENT.replace(old, new))))
    assert r.returncode == 1
    assert f"error[{code}]" in r.stdout and "amendments/2019-01.yaml:" in r.stdout


def test_status_against_baseline_or_current(tmp_path, pam):
    plan = amended_plan(tmp_path)
    cur = json.loads(pam("status", "--plan", str(plan), "--as-of", "2019-12-31",
                         "--format", "json").stdout)
    base = json.loads(pam("status", "--plan", str(plan), "--as-of", "2019-12-31",
                          "--against", "baseline", "--format", "json").stdout)
    cur_ids = {a["id"]: a for a in cur["actions"]}
    base_ids = {a["id"]: a for a in base["actions"]}
    assert "D1.A1.P1.04" in cur_ids and "D1.A1.P1.03" not in cur_ids
    assert "D1.A1.P1.04" not in base_ids and "D1.A1.P1.03" in base_ids
    assert cur_ids["D1.A1.P1.01"]["planned"] == 80 and cur_ids["D1.A1.P1.01"]["cost"] == 3
    assert base_ids["D1.A1.P1.01"]["planned"] == 100 and base_ids["D1.A1.P1.01"]["cost"] == 2


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t",
                    *args], check=True, capture_output=True)


def test_published_period_is_frozen(tmp_path, pam):
    plan = write_plan(tmp_path)
    git(tmp_path, "init", "-q")
    assert pam("record", "D1.A1.P1.01", "--date", "2019-03-10", "--progress", "40",
               "--plan", str(plan)).returncode == 0
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "card")
    git(tmp_path, "tag", "report/2019-H1")
    assert pam("validate", "--plan", str(plan)).returncode == 0
    # changing a frozen card without a correction is refused by validate
    card = plan / "progress/D1.A1.P1/2019-03a.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("progress: 40", "progress: 45"),
                    encoding="utf-8")
    r = pam("validate", "--plan", str(plan))
    assert r.returncode == 1 and "error[frozen-card-changed]" in r.stdout
    assert "2019-03a.yaml:" in r.stdout
    # with a correction and its reason it is accepted
    card.write_text(card.read_text(encoding="utf-8").replace(
        "progress: 45", 'progress: 45\n  correction: "counted twice in March"'), encoding="utf-8")
    assert pam("validate", "--plan", str(plan)).returncode == 0
    # a card dated after the published period is free to change
    assert pam("record", "D1.A1.P1.01", "--date", "2019-07-10", "--progress", "60",
               "--plan", str(plan)).returncode == 0
    assert pam("validate", "--plan", str(plan)).returncode == 0
    # a card added later for the frozen period is refused too: by pam record before it writes
    # (what it writes, validate accepts), and by validate when written by hand
    r = pam("record", "D1.A1.P1.02", "--date", "2019-05-02", "--progress", "5",
            "--plan", str(plan))
    assert r.returncode == 1 and "frozen-card-changed" in r.stderr and "--correction" in r.stderr
    assert not (plan / "progress/D1.A1.P1/2019-05a.yaml").exists()
    (plan / "progress/D1.A1.P1/2019-05a.yaml").write_text(
        "project: D1.A1.P1\nperiod: 2019-05a\ndate: 2019-05-02\nactions:\n"
        "- {action: D1.A1.P1.02, progress: 5}\n", encoding="utf-8")
    r = pam("validate", "--plan", str(plan))
    assert r.returncode == 1 and "2019-05a.yaml" in r.stdout and "was added" in r.stdout
    (plan / "progress/D1.A1.P1/2019-05a.yaml").unlink()
    assert pam("record", "D1.A1.P1.02", "--date", "2019-05-02", "--progress", "5",
               "--correction", "forgotten in May", "--plan", str(plan)).returncode == 0
    assert pam("validate", "--plan", str(plan)).returncode == 0


def test_tag_names():
    from datetime import date

    from pam.checks.freeze import period_end

    assert period_end("report/2019-H1") == date(2019, 6, 30)
    assert period_end("report/2019") == date(2019, 12, 31)
    assert period_end("report/2020-Q1") == date(2020, 3, 31)
    assert period_end("report/2020-02b") == date(2020, 2, 29)
    assert period_end("report/latest") is None


def test_annual_report_lists_the_year_amendments(tmp_path, pam):
    plan = amended_plan(tmp_path)
    r = pam("report", "annual", "--plan", str(plan), "--year", "2019", "--lang", "fr",
            "--format", "md")
    assert r.returncode == 0, r.stderr
    assert "23/2019" in r.stdout and "D1.A1.P1.01: coût 2 → 3" in r.stdout
    assert "D1.A1.P1.04: ajoutée" in r.stdout
    other = pam("report", "annual", "--plan", str(plan), "--year", "2020", "--lang", "fr",
                "--format", "md", "--as-of", "2020-12-31")
    assert "23/2019" not in other.stdout


def test_reporting_discipline_on_time_late_missing_from_git(tmp_path, pam):
    import datetime as dt
    import os

    from pam.load.pipeline import load_plan
    from pam.monitor.discipline import reporting_discipline

    plan = write_plan(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "plan")
    for day, committed in (("2018-01-10", "2018-01-16T10:00:00"),   # on time (1 day after)
                           ("2018-02-10", "2018-03-20T10:00:00")):  # 33 days after: late
        assert pam("record", "D1.A1.P1.01", "--date", day, "--progress", "5",
                   "--plan", str(plan)).returncode == 0
        env = {**os.environ, "GIT_COMMITTER_DATE": committed, "GIT_AUTHOR_DATE": committed}
        subprocess.run(["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t",
                        "add", "."], check=True, env=env)
        subprocess.run(["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t",
                        "commit", "-qm", f"card {day}"], check=True, env=env)
    p, _ = load_plan(plan)
    rows = {r["project"]: r for r in reporting_discipline(p, dt.date(2018, 1, 1),
                                                          dt.date(2018, 3, 31))}
    r = rows["D1.A1.P1"]
    assert (r["expected"], r["received"], r["on_time"], r["late"], r["missing"]) == (6, 2, 1, 1, 4)
    status = pam("status", "--plan", str(plan), "--as-of", "2018-03-31")
    assert "Reporting discipline since 2018-01-01: 2 of 6 expected cards received (33%), " \
           "4 missing; 2 received in all; late: 1 project" in " ".join(status.stdout.split())


def test_reports_on_a_dropped_action(tmp_path, pam):
    """Before the amendment a report on the dropped action is history; after it, pam record
    refuses it and pam validate warns about one written by hand."""
    plan = amended_plan(tmp_path)
    ok = pam("record", "D1.A1.P1.03", "--plan", str(plan), "--date", "2019-06-30",
             "--progress", "40")
    assert ok.returncode == 0, ok.stderr
    refused = pam("record", "D1.A1.P1.03", "--plan", str(plan), "--date", "2019-12-20",
                  "--progress", "60")
    assert refused.returncode == 1
    assert "dropped by amendment AMD-2019-01 on 2019-10-08" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (plan / "progress" / "D1.A1.P1" / "2019-12b.yaml").exists()
    before = pam("validate", "--plan", str(plan))
    assert before.returncode == 0 and "report-on-dropped-action" not in before.stdout
    card = plan / "progress" / "D1.A1.P1" / "2019-12b.yaml"
    card.write_text((plan / "progress" / "D1.A1.P1" / "2019-06b.yaml").read_text(
        encoding="utf-8").replace("2019-06b", "2019-12b").replace("2019-06-30", "2019-12-20"),
        encoding="utf-8")
    r = pam("validate", "--plan", str(plan))
    assert r.returncode == 0
    assert "2019-12b.yaml:" in r.stdout and "warning[report-on-dropped-action]" in r.stdout


def test_a_view_is_made_once_per_plan_and_cards(tmp_path):
    """The reports, the site's pages and the open data ask for the same view: they share it
    (and its memo of statuses); other cards, or a copy of the plan, get their own."""
    import copy

    from pam.load.pipeline import load_plan
    from pam.monitor.baseline import view

    plan, _ = load_plan(amended_plan(tmp_path))
    current = view(plan, "current")
    assert current is not plan and view(plan, "current") is current
    assert view(plan, "baseline") is not current
    assert view(current, "current") is current
    assert [x.id for x in current.actions()] != [x.id for x in view(plan, "baseline").actions()]
    shadow = copy.copy(plan)  # pam record's plan over a staging folder
    shadow.root = tmp_path / "staging"
    assert view(shadow, "current") is not current and view(shadow, "current").root == shadow.root
    plan.cards = []
    assert view(plan, "current") is not current
