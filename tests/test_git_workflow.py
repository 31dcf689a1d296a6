"""A commune's repository driven with real git and make, as its staff would: scaffold, validate,
report, record and commit a card, amend the plan and diff two revisions; and CI runs only the
Make targets these tests run."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

TARGETS = ("validate", "reports", "site", "status")


def env() -> dict:
    """A clerk's shell: this pam first on PATH (the scaffold's Makefile calls `pam`)."""
    clean = {k: v for k, v in os.environ.items() if k not in ("PAM", "PAM_PLAN", "PAM_NO_CACHE")}
    return {**clean, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "COLUMNS": "100"}


def run(*cmd: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(list(cmd), cwd=cwd, env=env(), capture_output=True, text=True,
                          timeout=120)


def git(repo: Path, *args: str) -> str:
    r = run("git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false",
            "-c", "init.defaultBranch=main", *args, cwd=repo)
    assert r.returncode == 0, r.stderr
    return r.stdout


def new_commune(parent: Path) -> Path:
    """`pam init`, then `git init` and a first commit, as the README tells the coordinator."""
    root = parent / "commune"
    r = run("pam", "init", str(root), "--commune", "جماعة الواحة", "--commune-fr",
            "Commune d'Al Waha", cwd=parent)
    assert r.returncode == 0, r.stderr
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "PAC: initial plan")
    return root


def report_available() -> bool:
    return run("pam", "report", "--help", cwd=Path.cwd()).returncode == 0


NO_REPORT = "`pam report` is not available yet (pam/cli/report_cmds.py is being built)"


@pytest.fixture(scope="module")
def commune(tmp_path_factory):
    """A scaffolded commune in git, with every Make target run once: (root, {target: result})."""
    root = new_commune(tmp_path_factory.mktemp("git"))
    ran = {t: run("make", "-C", str(root), t, cwd=root) for t in TARGETS
           if t not in ("reports", "site") or report_available()}
    return root, ran


def test_the_scaffold_is_committed_whole(commune):
    root, _ = commune
    tracked = set(git(root, "ls-files").split())
    assert {"plan/program.yaml", "plan/domains/d1.yaml", "plan/progress/.gitkeep", "Makefile",
            ".github/workflows/pam.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml",
            "schema/domain.schema.json", "README.md", ".gitignore"} <= tracked


def test_make_validate(commune):
    _, ran = commune
    r = ran["validate"]
    assert r.returncode == 0, r.stdout + r.stderr
    assert "pam validate --plan plan --format" in r.stdout and "0 errors" in r.stderr


def test_make_reports(commune):
    root, ran = commune
    if "reports" not in ran:
        pytest.skip(NO_REPORT)
    r = ran["reports"]
    assert r.returncode == 0, r.stdout + r.stderr
    assert (root / "reports" / "index.html").is_file()


def test_make_site_builds_the_website_with_the_reports(commune):
    """make site (after make reports, as CI runs them) writes the website and its open data,
    with the reports inside it: what Pages publishes."""
    root, ran = commune
    if "site" not in ran:
        pytest.skip(NO_REPORT)
    r = ran["site"]
    assert r.returncode == 0, r.stdout + r.stderr
    assert "--reports reports" in r.stdout
    site = root / "site"
    for rel in ("index.html", "fr/index.html", "data/datapackage.json", "reports/index.html",
                "data/iati-activities.xml", "assets/site.css"):
        assert (site / rel).is_file(), rel
    assert 'href="reports/' in (site / "index.html").read_text(encoding="utf-8")


def test_make_status(commune):
    _, ran = commune
    assert ran["status"].returncode == 0, ran["status"].stderr


def test_what_make_leaves_behind_is_ignored_by_git(commune):
    root, _ = commune
    assert git(root, "status", "--porcelain") == ""


def make_targets_in_ci(root: Path) -> dict[str, set[str]]:
    """Every `make X` that the GitHub and GitLab CI files run, per file."""
    yaml = YAML(typ="safe")
    github = yaml.load((root / ".github" / "workflows" / "pam.yml").read_text(encoding="utf-8"))
    gitlab = yaml.load((root / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    commands = {
        "github": [s.get("run", "") for job in github["jobs"].values()
                   for s in job.get("steps", [])],
        "gitlab": [line for job in gitlab.values() if isinstance(job, dict)
                   for key in ("before_script", "script", "after_script")
                   for line in job.get(key, [])]
                  + [line for key in ("before_script", "after_script")
                     for line in gitlab.get("default", {}).get(key, [])],
    }
    return {name: {m for c in cmds for m in re.findall(r"\bmake\s+(?:-\S+\s+)*([\w-]+)", c)}
            for name, cmds in commands.items()}


def test_ci_calls_only_make_targets_tested_here(commune):
    root, ran = commune
    found = make_targets_in_ci(root)
    assert found["github"] == found["gitlab"] == {"validate", "reports", "site"}
    if "reports" not in ran:
        pytest.skip(NO_REPORT)
    passed = {t for t, r in ran.items() if r.returncode == 0}
    for ci, targets in found.items():
        assert targets <= passed, f"{ci} runs make {targets - passed}, not run by these tests"


def test_ci_publishes_the_site_on_the_default_branch_only(commune):
    """Both CI files keep the reports and the site as artifacts and publish the site (which
    holds the reports) on Pages from the default branch only."""
    root, _ = commune
    yaml = YAML(typ="safe")
    github = yaml.load((root / ".github" / "workflows" / "pam.yml").read_text(encoding="utf-8"))
    steps = github["jobs"]["check"]["steps"]
    kept = [s["with"]["path"] for s in steps if "actions/upload-artifact" in s.get("uses", "")]
    assert kept == ["reports/", "site/"]
    pages = [s for s in steps if "upload-pages-artifact" in s.get("uses", "")]
    assert [s["with"]["path"] for s in pages] == ["site/"]
    assert "default_branch" in pages[0]["if"] and "default_branch" in github["jobs"]["pages"]["if"]
    assert "pip install \"$PAM_SOURCE\"" in "\n".join(s.get("run", "") for s in steps)
    runs = [s.get("run") for s in steps if s.get("run", "").startswith("make")]
    assert runs == ["make validate", "make reports", "make site"]
    gitlab = yaml.load((root / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["reports"]["artifacts"]["paths"] == ["reports/", "site/"]
    assert gitlab["reports"]["script"][-2:] == ["make reports", "make site"]
    assert gitlab["pages"]["script"][-1] == "cp -r site public"
    assert gitlab["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


def readme_command(root: Path, start: str) -> list[str]:
    """The shell command of the scaffold's README that starts with `start` (continuations joined)."""
    text = (root / "README.md").read_text(encoding="utf-8").replace("\\\n", " ")
    line = next(x for x in text.splitlines() if x.startswith(start))
    return shlex.split(line)


def test_a_card_recorded_and_committed_as_the_readme_says(tmp_path):
    root = new_commune(tmp_path)
    record = readme_command(root, "pam record ")
    assert record[:3] == ["pam", "record", "D1.A1.P1.01"] and "--date" in record
    r = run(*record, cwd=root)
    assert r.returncode == 0, r.stderr
    git(root, "add", "plan/progress")
    git(root, "commit", "-qm", "D1.A1.P1: card 2024-06a")
    assert git(root, "show", "--name-only", "--format=", "HEAD").split() == [
        "plan/progress/D1.A1.P1/2024-06a.yaml"]
    assert git(root, "status", "--porcelain") == ""  # no lock file is left; the cache is ignored
    r = run("pam", "validate", "--plan", "plan", cwd=root)
    assert r.returncode == 0, r.stdout
    assert run("make", "validate", cwd=root).returncode == 0


ADOPTED = """\
id: D1
name: {ar: المجال الأول}
axes:
- id: D1.A1
  name: {ar: المحور الأول}
  projects:
  - id: D1.A1.P1
    name: {ar: المشروع الأول}
    actions:
    - {id: D1.A1.P1.01, text: "دراسة تقنية", cost: 0.5, targets: {2023: 50, 2024: 100}}
    - {id: D1.A1.P1.02, text: "الإنارة العمومية", cost: "*", targets: {2025: 50, 2027: 100}}
    - {id: D1.A1.P1.03, text: "إجراء يحذف", cost: 1, targets: {2024: 100}}
    - {id: D1.A1.P1.04, text: "إجراء ينقل", cost: 0.3, targets: {2026: 100}}
  - id: D1.A1.P2
    name: {ar: المشروع الثاني}
    actions:
    - {id: D1.A1.P2.01, text: "تشوير الطرق", cost: 0.2, targets: {2024: 100}}
"""

# The amendment: a cost and a target edited, a cost fixed ('*' -> 2.5), D1.A1.P1.03 removed,
# D1.A1.P1.04 moved to project D1.A1.P2 (new id D1.A1.P2.02), D1.A1.P2.03 added.
AMENDED = """\
id: D1
name: {ar: المجال الأول}
axes:
- id: D1.A1
  name: {ar: المحور الأول}
  projects:
  - id: D1.A1.P1
    name: {ar: المشروع الأول}
    actions:
    - {id: D1.A1.P1.01, text: "دراسة تقنية", cost: 0.8, targets: {2023: 60, 2024: 100}}
    - {id: D1.A1.P1.02, text: "الإنارة العمومية", cost: 2.5, targets: {2025: 50, 2027: 100}}
  - id: D1.A1.P2
    name: {ar: المشروع الثاني}
    actions:
    - {id: D1.A1.P2.01, text: "تشوير الطرق", cost: 0.2, targets: {2024: 100}}
    - {id: D1.A1.P2.02, text: "إجراء ينقل", cost: 0.3, targets: {2026: 100}}
    - {id: D1.A1.P2.03, text: "إجراء جديد", cost: 0.4, targets: {2026: 50, 2027: 100}}
"""


def test_an_amendment_diffed_between_two_revisions(tmp_path):
    root = new_commune(tmp_path)
    domain = root / "plan" / "domains" / "d1.yaml"
    domain.write_text(ADOPTED, encoding="utf-8")
    git(root, "commit", "-qam", "PAC as adopted")
    domain.write_text(AMENDED, encoding="utf-8")
    git(root, "commit", "-qam", "amendment 2024")
    assert run("pam", "validate", "--plan", "plan", "--strict", cwd=root).returncode == 0

    r = run("pam", "diff", "HEAD~1", "HEAD", "--format", "json", cwd=root)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    head = git(root, "rev-parse", "HEAD").strip()
    assert data.pop("after") == {"label": "HEAD", "commit": head}
    assert data.pop("before")["label"] == "HEAD~1"
    assert data == {
        "changed": True,
        "totals": {"actions": {"before": 5, "after": 5, "difference": 0},
                   "cost": {"before": 2.0, "after": 4.2, "difference": 2.2}},
        "added": [{"kind": "action", "id": "D1.A1.P2.03", "parent": "D1.A1.P2",
                   "name": "إجراء جديد", "name_fr": None, "cost": 0.4, "cost_status": "costed",
                   "targets": {"2026": 50, "2027": 100}, "added_by": None, "dropped_by": None}],
        "removed": [{"kind": "action", "id": "D1.A1.P1.03", "parent": "D1.A1.P1",
                     "name": "إجراء يحذف", "name_fr": None, "cost": 1, "cost_status": "costed",
                     "targets": {"2024": 100}, "added_by": None, "dropped_by": None}],
        "moved": [{"kind": "action", "id_before": "D1.A1.P1.04", "id_after": "D1.A1.P2.02",
                   "parent_before": "D1.A1.P1", "parent_after": "D1.A1.P2",
                   "name": "إجراء ينقل"}],
        "renamed": [],
        "costs": [{"id": "D1.A1.P1.01", "before": 0.5, "after": 0.8, "status_before": "costed",
                   "status_after": "costed", "difference": 0.3},
                  {"id": "D1.A1.P1.02", "before": "*", "after": 2.5,
                   "status_before": "not_fixed", "status_after": "costed", "difference": None}],
        "targets": [{"id": "D1.A1.P1.01", "year": 2023, "before": 50, "after": 60}],
        "marks": [],
    }
    r = run("pam", "diff", "HEAD~1", "HEAD", "--exit-code", cwd=root)
    assert r.returncode == 1  # they differ
    assert "  $ D1.A1.P1.02  * (not fixed) → 2.5" in r.stdout
    assert "  > action   D1.A1.P1.04 (in D1.A1.P1) → D1.A1.P2.02 (in D1.A1.P2)" in r.stdout
