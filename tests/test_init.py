"""pam init: the files of a new commune's repository, what it refuses, and the hook pam exposes."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_pam
from ruamel.yaml import YAML

from pam.scaffold.init import (
    PLACEHOLDER_SOURCE,
    Settings,
    check_settings,
    example_targets,
    precommit_source,
    scaffold_files,
)

FILES = {"plan/program.yaml", "plan/domains/d1.yaml", "plan/progress/.gitkeep", "Makefile",
         ".github/workflows/pam.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml", ".gitignore",
         "README.md"}
SCHEMAS = {"schema/program.schema.json", "schema/domain.schema.json",
           "schema/card.schema.json", "schema/amendment.schema.json"}
COMMUNE = "جماعة الواحة"
EXAMPLES = {"examples/Makefile": "Makefile", "examples/github-workflow-pam.yml":
            ".github/workflows/pam.yml", "examples/gitlab-ci.yml": ".gitlab-ci.yml"}


def load_yaml(text: str):
    return YAML(typ="safe").load(text)


def env_with_pam() -> dict:
    """The environment of a clerk's shell: this pam first on PATH."""
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "PAM_NO_CACHE": "1"}


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def scaffold(tmp_path) -> Path:
    target = tmp_path / "commune"
    r = run_pam("init", str(target), "--commune", COMMUNE, "--commune-fr", "Commune d'Al Waha",
                "--start", "2022", "--end", "2027")
    assert r.returncode == 0, r.stderr
    return target


def test_writes_the_files_and_the_schemas(scaffold):
    assert files_under(scaffold) == FILES | SCHEMAS


def test_the_plan_validates_without_any_problem_and_shows_a_status(scaffold):
    r = run_pam("validate", "--plan", str(scaffold / "plan"), "--strict")
    assert r.returncode == 0, r.stdout
    assert "0 errors, 0 warnings" in r.stderr
    r = run_pam("status", "--plan", str(scaffold / "plan"), "--as-of", "2024-06-30")
    assert r.returncode == 0, r.stderr


def test_program_holds_the_commune_and_the_period(scaffold):
    program = load_yaml((scaffold / "plan" / "program.yaml").read_text(encoding="utf-8"))
    assert program["commune"] == {"ar": COMMUNE, "fr": "Commune d'Al Waha"}
    assert program["period"] == {"start": 2022, "end": 2027}
    assert program["id"] == "commune-d-al-waha-pac-2022-2027"
    assert {b["id"] for b in program["governance"]} >= {"steering", "coordinator",
                                                         "project-heads"}
    assert {r["every"] for r in program["reporting"]} == {"half-month", "quarter", "half-year",
                                                          "year"}


def test_example_domain_is_marked_as_an_example(scaffold):
    text = (scaffold / "plan" / "domains" / "d1.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[1].startswith("# EXAMPLE DOMAIN written by `pam init`")
    domain = load_yaml(text)
    assert domain["notes"][0].startswith("EXAMPLE")
    [axis] = domain["axes"]
    [project] = axis["projects"]
    assert [a["id"] for a in project["actions"]] == ["D1.A1.P1.01", "D1.A1.P1.02"]
    for action in project["actions"]:
        assert set(action["targets"]) <= set(range(2022, 2028))


def test_schema_lines_resolve(scaffold):
    for rel in ("plan/program.yaml", "plan/domains/d1.yaml"):
        first = (scaffold / rel).read_text(encoding="utf-8").splitlines()[0]
        schema = first.split("$schema=", 1)[1]
        assert ((scaffold / rel).parent / schema).resolve().is_file(), rel
        json.loads(((scaffold / rel).parent / schema).read_text(encoding="utf-8"))


def test_nothing_is_specific_to_dakhla(scaffold):
    for rel in files_under(scaffold):
        text = (scaffold / rel).read_text(encoding="utf-8").lower()
        words = ("dakhla", "الداخلة") + (() if rel.startswith("schema/") else ("seed", "2017"))
        for word in words:  # the schemas are pam's own: they name the seed_lines field
            assert word not in text, (rel, word)


def test_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "notes.txt").write_text("mine\n")
    r = run_pam("init", str(tmp_path / "x"), "--commune", COMMUNE)
    assert r.returncode == 1
    assert "exists and is not empty" in r.stderr
    assert files_under(tmp_path / "x") == {"notes.txt"}
    (tmp_path / "f").write_text("")
    assert run_pam("init", str(tmp_path / "f"), "--commune", COMMUNE).returncode == 1


def test_an_empty_folder_is_fine(tmp_path):
    r = run_pam("init", str(tmp_path), "--commune", COMMUNE)
    assert r.returncode == 0, r.stderr
    assert "placeholder" in r.stderr  # no --pam-source: say what to set


def test_wrong_period_or_source_exit_2(tmp_path):
    r = run_pam("init", str(tmp_path / "x"), "--commune", COMMUNE, "--start", "2027",
                "--end", "2022")
    assert r.returncode == 2 and "ends before it starts" in r.stderr
    r = run_pam("init", str(tmp_path / "x"), "--commune", COMMUNE, "--pam-source", "pam; rm")
    assert r.returncode == 2 and "--pam-source" in r.stderr
    assert not (tmp_path / "x").exists()
    assert run_pam("init", str(tmp_path / "x")).returncode == 2  # --commune is required


@pytest.mark.parametrize("start,end", [(2022, 2022), (2022, 2023), (2028, 2033), (2021, 2030)])
def test_example_targets_stay_inside_any_period(tmp_path, start, end):
    one, two = example_targets(start, end)
    for targets in (one, two):
        assert set(targets) <= set(range(start, end + 1)) and max(targets.values()) == 100
        assert list(targets.values()) == sorted(targets.values())
    target = tmp_path / "c"
    assert run_pam("init", str(target), "--commune", COMMUNE, "--start", str(start),
                   "--end", str(end)).returncode == 0
    r = run_pam("validate", "--plan", str(target / "plan"), "--strict")
    assert r.returncode == 0, r.stdout


def test_names_with_quotes_and_colons_survive():
    files = scaffold_files(Settings(commune='جماعة "النخيل": الشمال',
                                    commune_fr="Commune d'En-Nakhil: nord"))
    program = load_yaml(files["plan/program.yaml"])
    assert program["commune"] == {"ar": 'جماعة "النخيل": الشمال', "fr": "Commune d'En-Nakhil: nord"}
    assert "fr" not in load_yaml(scaffold_files(Settings(commune=COMMUNE))["plan/program.yaml"])[
        "commune"]


def test_settings_checks():
    assert check_settings(Settings(commune=COMMUNE)) == []
    assert check_settings(Settings(commune=" "))[0].startswith("--commune is empty")
    assert "ends before it starts" in check_settings(Settings(commune=COMMUNE, start=2022,
                                                              end=2021))[0]


def test_pam_source_sets_ci_and_pre_commit():
    source = "git+https://git.example.org/tools/pam@v0.3.0"
    files = scaffold_files(Settings(commune=COMMUNE, pam_source=source))
    assert precommit_source(source) == ("https://git.example.org/tools/pam", "v0.3.0")
    hook = load_yaml(files[".pre-commit-config.yaml"])["repos"][0]
    assert (hook["repo"], hook["rev"]) == ("https://git.example.org/tools/pam", "v0.3.0")
    assert source in load_yaml(files[".github/workflows/pam.yml"])["env"]["PAM_SOURCE"]
    assert load_yaml(files[".gitlab-ci.yml"])["variables"]["PAM_SOURCE"] == source
    assert f'pip install "{source}"' in files["README.md"]


def test_a_pip_source_that_is_not_git_gets_a_local_hook_like_pams_own():
    files = scaffold_files(Settings(commune=COMMUNE, pam_source="/srv/wheels/pam-0.1.0.whl"))
    [repo] = load_yaml(files[".pre-commit-config.yaml"])["repos"]
    [hook] = load_yaml((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert repo["repo"] == "local"
    local = repo["hooks"][0]
    for key in ("id", "entry", "pass_filenames", "files"):
        assert local[key] == hook[key], key


# --- the hook pam exposes to pre-commit --------------------------------------------------------

def test_pre_commit_hooks_file(scaffold):
    hooks = load_yaml((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = hooks
    assert hook["id"] == "pam-validate" and hook["language"] == "python"
    assert hook["pass_filenames"] is False and hook["entry"] == "pam validate --plan plan"
    files = re.compile(hook["files"])
    assert files.search("plan/domains/d1.yaml") and files.search("plan/progress/X/2024-01a.yml")
    assert not files.search("README.md") and not files.search("src/plan/x.yaml")
    # the scaffold's pre-commit config uses this hook
    config = load_yaml((scaffold / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"][0]["hooks"] == [{"id": "pam-validate"}]
    # what pre-commit would run, from the repository's root
    r = subprocess.run(shlex.split(hook["entry"]), cwd=scaffold, env=env_with_pam(),
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr


def test_example_pre_commit_config_points_at_the_hook():
    config = load_yaml((ROOT / "examples" / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["hooks"] == [{"id": "pam-validate"}] and repo["rev"]
    assert repo["repo"] == precommit_source(PLACEHOLDER_SOURCE)[0]


def test_examples_are_what_init_writes():
    """examples/ holds the CI files pam init writes; PAM_REFRESH_EXAMPLES=1 rewrites them."""
    files = scaffold_files(Settings(commune="<commune>"))
    for example, rel in EXAMPLES.items():
        path = ROOT / example
        if os.environ.get("PAM_REFRESH_EXAMPLES") == "1":
            path.write_text(files[rel], encoding="utf-8")
        assert path.read_text(encoding="utf-8") == files[rel], (
            f"{example} is out of date: run PAM_REFRESH_EXAMPLES=1 pytest tests/test_init.py")


def test_help_documents_the_command():
    r = run_pam("init", "--help")
    assert r.returncode == 0
    for words in ("DIR", "--commune", "--commune-fr", "--start", "--end", "--pam-source",
                  "EXAMPLE", "not empty"):
        assert words in r.stdout, words
