"""Reporting discipline and the freeze at their boundaries (real git): the grace period, a
card whose own date is late, arrival unknown without git or in a shallow clone, finished
projects, and a card dated on a published period's last day."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

from conftest import write_plan

from pam.load.pipeline import load_plan
from pam.monitor.discipline import reporting_discipline, totals


def card(period: str, day: str, progress: float = 5, state: str = "ongoing") -> str:
    return (f"project: D1.A1.P1\nperiod: {period}\ndate: {day}\nactions:\n"
            f"- {{action: D1.A1.P1.01, progress: {progress}, state: {state}}}\n")


def git(repo, *args, when: str | None = None):
    env = {**os.environ}
    if when:
        env.update(GIT_COMMITTER_DATE=when, GIT_AUTHOR_DATE=when)
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t",
                    "-c", "commit.gpgsign=false", *args], check=True, capture_output=True,
                   env=env)


def commit_card(repo, plan, period, day, committed):
    path = plan / "progress" / "D1.A1.P1" / f"{period}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(card(period, day), encoding="utf-8")
    git(repo, "add", ".", when=committed)
    git(repo, "commit", "-qm", period, when=committed)


def row(plan_dir, start="2018-01-01", end="2018-02-28"):
    plan, _ = load_plan(plan_dir)
    rows = reporting_discipline(plan, dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    return {r["project"]: r for r in rows}["D1.A1.P1"], rows


def test_the_grace_period_boundary(tmp_path):
    """Committed 5 days after the half month (the grace) is on time; 6 days is late."""
    plan = write_plan(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "plan", when="2017-12-01T10:00:00")
    commit_card(tmp_path, plan, "2018-01a", "2018-01-15", "2018-01-20T10:00:00")  # +5
    commit_card(tmp_path, plan, "2018-01b", "2018-01-31", "2018-02-06T10:00:00")  # +6
    r, _ = row(plan, end="2018-01-31")
    assert (r["expected"], r["received"], r["on_time"], r["late"], r["unknown"]) == \
        (2, 2, 1, 1, 0)


def test_a_card_whose_own_date_is_late_is_late_without_git(tmp_path):
    """The card's own date decides when git cannot: dated 6 days after its half month, it is
    late; dated within the grace, its arrival is unknown (not on time)."""
    plan = write_plan(tmp_path, cards={"D1.A1.P1/2018-01a.yaml": card("2018-01a", "2018-01-21"),
                                       "D1.A1.P1/2018-01b.yaml": card("2018-01b", "2018-02-05")})
    r, rows = row(plan, end="2018-02-15")
    assert (r["received"], r["late"], r["unknown"], r["on_time"]) == (2, 1, 1, 0)
    assert r["unknown_reason"] == "no-git"
    assert totals(rows)["unknown_reason"] == "no-git"


def test_cards_not_committed_yet_are_of_unknown_arrival(tmp_path):
    plan = write_plan(tmp_path, cards={"D1.A1.P1/2018-01a.yaml": card("2018-01a", "2018-01-15")})
    git(tmp_path, "init", "-q")
    r, _ = row(plan, end="2018-01-31")
    assert (r["late"], r["unknown"], r["unknown_reason"]) == (0, 1, "not-committed")


def test_a_shallow_clone_does_not_know_first_commits(tmp_path):
    origin = tmp_path / "origin"
    plan = write_plan(origin)
    git(origin, "init", "-q")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "plan", when="2017-12-01T10:00:00")
    commit_card(origin, plan, "2018-01a", "2018-01-15", "2018-03-20T10:00:00")  # late
    git(origin, "commit", "--allow-empty", "-qm", "later")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)],
                   check=True, capture_output=True)
    r, _ = row(clone / "plan", end="2018-01-31")
    assert (r["late"], r["unknown"], r["unknown_reason"]) == (0, 1, "shallow")
    full, _ = row(plan, end="2018-01-31")
    assert (full["late"], full["unknown"]) == (1, 0)


def test_a_finished_project_expects_no_more_cards_and_its_cards_count(tmp_path):
    """Done on 2018-01-15: nothing expected after its half month, its later cards received."""
    cards = {f"D1.A1.P1/{p}.yaml": card(p, d, 100, "done") for p, d in
             (("2018-01a", "2018-01-15"), ("2018-01b", "2018-01-31"), ("2018-02a", "2018-02-15"))}
    domain = """\
        id: D1
        name: {ar: م}
        axes:
        - id: D1.A1
          name: {ar: م}
          projects:
          - id: D1.A1.P1
            name: {ar: م}
            actions:
            - {id: D1.A1.P1.01, text: "إجراء", targets: {2018: 100}}
        """
    plan = write_plan(tmp_path, domains={"d1.yaml": domain}, cards=cards)
    r, _ = row(plan, end="2018-02-28")
    assert r["finished"] == dt.date(2018, 1, 15)
    assert (r["expected"], r["received"], r["missing"], r["rate"]) == (1, 3, 0, 100.0)


def test_a_card_dated_on_the_last_day_of_a_published_period_is_frozen(tmp_path, pam):
    plan = write_plan(tmp_path)
    git(tmp_path, "init", "-q")
    for day in ("2019-06-30", "2019-07-01"):
        assert pam("record", "D1.A1.P1.01", "--date", day, "--progress", "40",
                   "--plan", str(plan)).returncode == 0
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "cards")
    git(tmp_path, "tag", "report/2019-H1")
    for period in ("2019-06b", "2019-07a"):
        path = plan / "progress" / "D1.A1.P1" / f"{period}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("progress: 40", "progress: 45"),
                        encoding="utf-8")
    r = pam("validate", "--plan", str(plan))
    assert r.returncode == 1
    frozen = [line for line in r.stdout.splitlines() if "frozen-card-changed" in line]
    assert len(frozen) == 1 and "2019-06b.yaml" in frozen[0] and "report/2019-H1" in frozen[0]
