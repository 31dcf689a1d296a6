"""pam validate / tree / show / schema through the real command: exit codes and output shapes."""

from __future__ import annotations

import json

from conftest import DOMAIN, SHIPPED_PLAN, write_plan


def test_validate_shipped_plan_exit_0_with_a_summary_on_stderr(pam):
    r = pam("validate", "--plan", str(SHIPPED_PLAN))
    assert r.returncode == 0, r.stdout[-2000:]
    assert "0 errors" in r.stderr and "warnings" in r.stderr
    assert "Traceback" not in r.stderr


def test_validate_strict_fails_on_warnings(pam):
    r = pam("validate", "--plan", str(SHIPPED_PLAN), "--strict")
    assert r.returncode == 1
    assert "warning[declared-count-mismatch]" in r.stdout


def test_validate_json_shape(pam):
    data = json.loads(pam("validate", "--plan", str(SHIPPED_PLAN), "--format", "json").stdout)
    assert set(data) == {"ok", "errors", "warnings", "problems"}
    assert data["ok"] is True and data["errors"] == 0 and data["warnings"] > 0
    assert set(data["problems"][0]) == {"file", "line", "column", "severity", "code", "message"}


def test_validate_errors_exit_1_located(tmp_path, pam):
    plan = write_plan(tmp_path, domains={"d1.yaml": DOMAIN.replace("cost: 2", "cost: -2")})
    r = pam("validate", "--plan", str(plan))
    assert r.returncode == 1
    line = next(x for x in r.stdout.splitlines() if "error[out-of-range]" in x)
    assert line.split(": error")[0].endswith("d1.yaml:12:13")


def test_validate_github_annotations(tmp_path, pam):
    plan = write_plan(tmp_path, domains={"d1.yaml": DOMAIN.replace("cost: 2", "cost: -2")})
    r = pam("validate", "--plan", str(plan), "--format", "github")
    assert r.returncode == 1
    assert any(x.startswith("::error file=") and ",line=12,col=13,title=pam out-of-range::" in x
               for x in r.stdout.splitlines())


def test_usage_errors_exit_2(pam):
    assert pam("validate", "--format", "xml").returncode == 2
    assert pam("status", "--as-of", "the day after", "--plan", str(SHIPPED_PLAN)).returncode == 2
    assert pam("no-such-command").returncode == 2


def test_missing_plan_folder(tmp_path, pam):
    r = pam("validate", "--plan", str(tmp_path / "nothing"))
    assert r.returncode == 1 and "plan-not-found" in r.stdout


def test_plan_from_environment(tmp_path, pam):
    r = pam("validate", cwd=tmp_path, env={"PAM_PLAN": str(SHIPPED_PLAN)})
    assert r.returncode == 0


def test_tree_renders_arabic(pam):
    r = pam("tree", "--plan", str(SHIPPED_PLAN), "--depth", "2")
    assert r.returncode == 0
    assert "المالية و الجبايات و الأملاك الجماعية" in r.stdout
    assert "D7.A2" in r.stdout and "151 actions" in r.stdout


def test_tree_json_shape(pam):
    data = json.loads(pam("tree", "--plan", str(SHIPPED_PLAN), "--format", "json").stdout)
    assert {"program", "domains"} <= set(data)
    d = data["domains"][0]
    assert {"id", "name", "axes"} <= set(d)
    a = d["axes"][0]["projects"][0]["actions"][0]
    assert set(a) == {"id", "text", "cost", "cost_status", "targets"}
    assert list(a["targets"]) == ["2017", "2018", "2019", "2020", "2021", "2022"]
    statuses = {x["cost_status"] for dd in data["domains"] for ax in dd["axes"]
                for p in ax["projects"] for x in p["actions"]}
    assert statuses == {"costed", "no_cost", "not_fixed", "blank"}
    assert sum(len(p["actions"]) for dd in data["domains"] for ax in dd["axes"]
               for p in ax["projects"]) == 151


def test_tree_of_one_node_and_unknown_id(pam):
    r = pam("tree", "D2.A2", "--plan", str(SHIPPED_PLAN))
    assert r.returncode == 0 and "D2.A2.P2.07" in r.stdout and "D1.A1" not in r.stdout
    bad = pam("tree", "D2.A9", "--plan", str(SHIPPED_PLAN))
    assert bad.returncode == 1 and "Did you mean" in bad.stderr


def test_show_prints_notes_and_seed_lines(pam):
    r = pam("show", "D3.A1.P1.04", "--plan", str(SHIPPED_PLAN), "--format", "json")
    data = json.loads(r.stdout)
    assert data["seed_lines"] == [129] and data["cost"] == 0.3 and data["targets"]["2019"] is None
    assert any("129" in n for n in data["notes"])
    table = pam("show", "D3.A1.P1.04", "--plan", str(SHIPPED_PLAN))
    assert "seed lines" in table.stdout and "129" in table.stdout


def test_schema_command_writes_the_schemas(tmp_path, pam):
    r = pam("schema", "--out", str(tmp_path))
    assert r.returncode == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["amendment.schema.json", "card.schema.json", "domain.schema.json",
                     "program.schema.json"]
    schema = json.loads((tmp_path / "domain.schema.json").read_text())
    assert schema["additionalProperties"] is False


def test_plan_files_point_editors_at_the_schema():
    for f in sorted((SHIPPED_PLAN / "domains").glob("*.yaml")):
        assert f.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../../schema/domain.schema.json")
    assert (SHIPPED_PLAN / "program.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/program.schema.json")


def test_help_texts(pam):
    r = pam("--help")
    assert r.returncode == 0
    for cmd in ("validate", "tree", "show", "schema", "status", "record", "card", "history",
                "demo"):
        assert cmd in r.stdout


def test_a_command_loads_only_its_own_module():
    """`pam status` must not import the report or git commands (start-up time)."""
    import subprocess
    import sys

    code = ("import sys\nfrom pam.cli import main\n"
            "try:\n    main(['status', '--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('pam.cli.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert "pam.cli.status_cmds" in out
    assert "pam.cli.progress_cmds" not in out and "pam.cli.report_cmds" not in out and "pam.cli.git_cmds" not in out
