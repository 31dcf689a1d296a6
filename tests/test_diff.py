"""pam diff: the pure comparison on small inline plans, its renderings, and the command's exits."""

from __future__ import annotations

import json
import subprocess
import textwrap

import pytest
from conftest import DOMAIN, run_pam, write_plan

from pam.diff.compare import (
    CostChange,
    Moved,
    Node,
    Renamed,
    TargetChange,
    Version,
    compute_diff,
)
from pam.load.pipeline import load_plan
from pam.render.diff import diff_json, render_markdown, render_text

# A second project beside conftest's DOMAIN, so actions can move between projects.
TWO_PROJECTS = DOMAIN + """\
  - id: D1.A1.P2
    name: {ar: المشروع الثاني}
    actions:
    - id: D1.A1.P2.01
      text: "إجراء رابع"
      cost: 0.5
      targets: {2020: 100}
"""


def plan_of(tmp_path, name: str, domain: str, program: str | None = None):
    kwargs = {"program": program} if program else {}
    root = write_plan(tmp_path / name, domains={"d1.yaml": domain}, **kwargs)
    plan, problems = load_plan(root, cards=False)
    return plan, problems


def diff_of(tmp_path, before: str, after: str):
    a, _ = plan_of(tmp_path, "a", before)
    b, _ = plan_of(tmp_path, "b", after)
    return compute_diff(a, b)


def git(repo, *args: str) -> str:
    r = subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t",
                        "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                       capture_output=True, text=True, check=True)
    return r.stdout


# --- the pure comparison ---------------------------------------------------------------------

def test_same_plan_no_difference(tmp_path):
    d = diff_of(tmp_path, DOMAIN, DOMAIN)
    assert not d.changed
    assert (d.totals.actions_before, d.totals.actions_after) == (3, 3)
    assert (d.totals.cost_before, d.totals.cost_after, d.totals.cost_difference) == (2, 2, 0)
    assert "no difference in the plan" in render_text(d)


def test_cost_and_target_changes_keep_cost_kinds_apart(tmp_path):
    after = (DOMAIN.replace("cost: 2", "cost: 2.75")
             .replace('cost: "*"', "cost: 1.5")
             .replace('cost: "-"', "cost:")
             .replace("{2018: 50, 2019: 100}", "{2018: 40, 2019: 90, 2020: 100}"))
    d = diff_of(tmp_path, DOMAIN, after)
    assert d.costs == (
        CostChange("D1.A1.P1.01", 2, 2.75, "costed", "costed", 0.75),
        CostChange("D1.A1.P1.02", "-", None, "no_cost", "blank", None),
        CostChange("D1.A1.P1.03", "*", 1.5, "not_fixed", "costed", None),
    )
    assert d.targets == (
        TargetChange("D1.A1.P1.01", 2018, 50.0, 40.0),
        TargetChange("D1.A1.P1.01", 2019, 100.0, 90.0),
        TargetChange("D1.A1.P1.01", 2020, None, 100.0),
    )
    assert (d.totals.cost_before, d.totals.cost_after, d.totals.cost_difference) == (2, 4.25, 2.25)
    assert not (d.added or d.removed or d.moved or d.renamed)


def test_added_removed_and_renamed(tmp_path):
    after = (TWO_PROJECTS.replace("name: {ar: المشروع الثاني}",
                                  "name: {ar: المشروع الثاني المعدل, fr: Projet deux}")
             .replace('text: "إجراء ثالث"', 'text: "إجراء ثالث معدل"'))
    after = after.replace("""    - id: D1.A1.P1.02
      text: "إجراء ثان"
      cost: "-"
      targets: {2019: 40, 2020: 100}
""", "")
    d = diff_of(tmp_path, DOMAIN, after)
    assert [(n.kind, n.id) for n in d.added] == [("project", "D1.A1.P2"), ("action", "D1.A1.P2.01")]
    assert d.added[1] == Node("action", "D1.A1.P2.01", "D1.A1.P2", "إجراء رابع", None, 0.5,
                              ((2020, 100.0),))
    assert [(n.kind, n.id) for n in d.removed] == [("action", "D1.A1.P1.02")]
    assert d.renamed == (Renamed("action", "D1.A1.P1.03", "text", "إجراء ثالث", "إجراء ثالث معدل"),)
    assert (d.totals.actions_before, d.totals.actions_after) == (3, 3)


def test_action_moved_under_a_new_id_is_matched_by_its_text(tmp_path):
    before = TWO_PROJECTS
    after = TWO_PROJECTS.replace("""    - id: D1.A1.P1.03
      text: "إجراء ثالث"
      cost: "*"
      targets: {}
""", "") + """\
    - id: D1.A1.P2.02
      text: "إجراء ثالث"
      cost: "*"
      targets: {2021: 100}
"""
    d = diff_of(tmp_path, before, after)
    assert d.moved == (Moved("action", "D1.A1.P1.03", "D1.A1.P2.02", "D1.A1.P1", "D1.A1.P2",
                             "إجراء ثالث"),)
    assert not d.added and not d.removed
    assert d.targets == (TargetChange("D1.A1.P2.02", 2021, None, 100.0),)


def test_same_id_under_another_parent_is_a_move(tmp_path):
    # The id keeps its old parent's prefix (pam validate reports id-parent); diff still says where.
    block = """    - id: D1.A1.P1.03
      text: "إجراء ثالث"
      cost: "*"
      targets: {}
"""
    after = TWO_PROJECTS.replace(block, "") + block
    d = diff_of(tmp_path, TWO_PROJECTS, after)
    assert d.moved == (Moved("action", "D1.A1.P1.03", "D1.A1.P1.03", "D1.A1.P1", "D1.A1.P2",
                             "إجراء ثالث"),)


def test_identical_texts_are_not_guessed(tmp_path):
    twins = TWO_PROJECTS.replace('text: "إجراء رابع"', 'text: "إجراء ثالث"')
    after = twins.replace("D1.A1.P1.03", "D1.A1.P1.09").replace("D1.A1.P2.01", "D1.A1.P2.09")
    d = diff_of(tmp_path, twins, after)
    assert not d.moved
    assert [n.id for n in d.removed] == ["D1.A1.P1.03", "D1.A1.P2.01"]


def test_dropped_by_an_amendment_leaves_the_totals(tmp_path):
    after = DOMAIN.replace("cost: 2\n", "cost: 2\n      dropped_by: A1\n")
    d = diff_of(tmp_path, DOMAIN, after)
    assert [(m.id, m.field, m.before, m.after) for m in d.marks] == [
        ("D1.A1.P1.01", "dropped_by", None, "A1")]
    assert (d.totals.actions_after, d.totals.cost_after) == (2, 0)


def test_json_is_the_result_serialized(tmp_path):
    after = DOMAIN.replace("cost: 2", "cost: 3")
    d = diff_of(tmp_path, DOMAIN, after)
    data = diff_json(d)
    assert list(data) == ["before", "after", "changed", "totals", "added", "removed", "moved",
                          "renamed", "costs", "targets", "marks"]
    assert data["before"] == {"label": "before", "commit": None}
    assert data["totals"] == {"actions": {"before": 3, "after": 3, "difference": 0},
                              "cost": {"before": 2, "after": 3, "difference": 1}}
    assert data["costs"] == [{"id": "D1.A1.P1.01", "before": 2, "after": 3,
                              "status_before": "costed", "status_after": "costed",
                              "difference": 1}]
    assert json.loads(json.dumps(data)) == data


def test_text_and_markdown(tmp_path):
    after = TWO_PROJECTS.replace('cost: "*"', "cost: 1.25")
    d = compute_diff(plan_of(tmp_path, "a", DOMAIN)[0], plan_of(tmp_path, "b", after)[0],
                     (Version("HEAD~1", "0123456789abcdef"), Version("HEAD", "fedcba9876543210")))
    text = render_text(d)
    assert text.splitlines()[:2] == [
        "pam diff: HEAD~1 (0123456789) → HEAD (fedcba9876)",
        "actions 3 → 4 (+1); numeric cost 2.00 → 3.75 M MAD (+1.75)"]
    assert "  $ D1.A1.P1.03  * (not fixed) → 1.25" in text
    assert "  + action   D1.A1.P2.01 in D1.A1.P2  إجراء رابع  cost 0.5; targets 2020: 100%" in text
    md = render_markdown(d)
    assert "| `D1.A1.P1.03` | `*` (not fixed) | 1.25 | — |" in md
    assert "### Added (2)" in md and "| numeric cost (million MAD) | 2.00 | 3.75 | +1.75 |" in md


# --- the command -----------------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path):
    """A git repository with two commits of a plan: the second raises one cost."""
    root = tmp_path / "repo"
    write_plan(root)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "adopted")
    path = root / "plan" / "domains" / "d1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("cost: 2", "cost: 2.5"),
                    encoding="utf-8")
    git(root, "commit", "-qam", "amended")
    return root


def test_two_revisions_json(repo):
    r = run_pam("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["before"]["label"] == "HEAD~1" and len(data["before"]["commit"]) == 40
    assert [c["id"] for c in data["costs"]] == ["D1.A1.P1.01"]
    assert data["totals"]["cost"] == {"before": 2, "after": 2.5, "difference": 0.5}


def test_working_tree_is_the_default_and_exit_code(repo):
    r = run_pam("diff", "HEAD", cwd=repo)
    assert r.returncode == 0 and "no difference in the plan" in r.stdout
    assert "HEAD (" in r.stdout and "working tree (plan)" in r.stdout
    assert run_pam("diff", "HEAD", "--exit-code", cwd=repo).returncode == 0
    assert run_pam("diff", "HEAD~1", "--exit-code", cwd=repo).returncode == 1


def test_plan_option_from_elsewhere(repo, tmp_path):
    r = run_pam("diff", "HEAD~1", "HEAD", "--plan", str(repo / "plan"), "-f", "md", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "| `D1.A1.P1.01` | 2 | 2.5 | +0.50 |" in r.stdout


def test_unknown_revision_exit_2(repo):
    r = run_pam("diff", "abc", cwd=repo)
    assert r.returncode == 2
    assert f"pam: 'abc' is not a revision of the repository at {repo.resolve()}" in r.stderr
    assert run_pam("diff", "--", "--output=x", cwd=repo).returncode == 2


def test_not_a_repository_exit_2(tmp_path):
    write_plan(tmp_path)
    r = run_pam("diff", "HEAD", cwd=tmp_path)
    assert r.returncode == 2 and "is not inside a git repository" in r.stderr


def test_a_revision_that_does_not_load_exit_1_with_its_errors(repo):
    path = repo / "plan" / "domains" / "d1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("cost: 2.5", "cost: [oops"),
                    encoding="utf-8")
    git(repo, "commit", "-qam", "broken")
    r = run_pam("diff", "HEAD~1", "HEAD", cwd=repo)
    assert r.returncode == 1
    assert "HEAD:plan/domains/d1.yaml:" in r.stderr
    assert "pam: the plan at HEAD (" in r.stderr and "does not load" in r.stderr


def test_other_errors_do_not_stop_the_comparison(repo):
    path = repo / "plan" / "domains" / "d1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{2018: 50, 2019: 100}",
                                                             "{2018: 50, 2019: 30}"),
                    encoding="utf-8")
    r = run_pam("diff", "HEAD", cwd=repo)
    assert r.returncode == 0
    assert "1 other error(s)" in r.stderr and "2019: 100% → 30%" in r.stdout


def test_no_plan_at_an_old_revision_exit_1(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README.md").write_text("x\n")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "empty")
    write_plan(root)
    r = run_pam("diff", "HEAD", cwd=root)
    assert r.returncode == 1 and "there is no plan folder 'plan' at HEAD" in r.stderr


def test_two_folders(tmp_path):
    a = write_plan(tmp_path / "a")
    b = write_plan(tmp_path / "b", domains={"d1.yaml": TWO_PROJECTS})
    r = run_pam("diff", str(a), str(b), "-f", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert [n["id"] for n in data["added"]] == ["D1.A1.P2", "D1.A1.P2.01"]
    assert data["before"] == {"label": str(a), "commit": None}


def test_help_documents_the_command():
    r = run_pam("diff", "--help")
    assert r.returncode == 0
    for words in ("REV_A", "[REV_B]", "--exit-code", "working tree", "pam diff HEAD~1 HEAD",
                  "text|json|md"):
        assert words in r.stdout, words


def test_program_change_alone_is_no_plan_difference(tmp_path):
    program = textwrap.dedent("""\
        id: test-pac
        name: {ar: برنامج تجريبي معدل}
        commune: {ar: جماعة تجريبية}
        period: {start: 2017, end: 2022}
        """)
    a, _ = plan_of(tmp_path, "a", DOMAIN)
    b, _ = plan_of(tmp_path, "b", DOMAIN, program=program)
    assert not compute_diff(a, b).changed
