"""README's examples run: every `pam ...` line of its shell blocks, in order, in a sandbox that
holds what they name (the example workspace as ./plan, a git history with an 'adopted' tag,
two plan folders to compare, examples/). Each must end as pam says it may (0, or 1 for a
refusal or problems found), never as wrong usage (2) or an internal error (3)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

README = ROOT / "README.md"


def readme_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```(?:sh|bash|console)\n(.*?)```", text, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split(" && ")[0].strip()
            if line.startswith("pam "):
                out.append(line)
    return out


def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    import datetime as dt

    from pam.load.pipeline import load_plan
    from pam.scaffold.demo import write_demo

    box = tmp_path_factory.mktemp("readme")
    plan, _ = load_plan(ROOT / "plan")
    write_demo(plan, box / "ws", seed=2017, as_of=dt.date(2020, 6, 30), force=False)
    shutil.copytree(box / "ws" / "plan", box / "plan")
    shutil.rmtree(box / "ws")
    shutil.copytree(ROOT / "examples", box / "examples")
    for side in ("old", "new"):
        shutil.copytree(ROOT / "plan", box / side / "plan")
    _git(box, "init", "-q")
    _git(box, "add", "plan")
    _git(box, "commit", "-qm", "adopted plan")
    _git(box, "tag", "adopted")
    (box / "plan" / "README-amendment.txt").write_text("x", encoding="utf-8")
    _git(box, "add", "plan")
    _git(box, "commit", "-qm", "a second commit")
    return box


def test_readme_has_examples():
    assert len(readme_commands()) > 30


def test_every_readme_example_runs(sandbox):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    failed = []
    for line in readme_commands():
        args = shlex.split(line, comments=True)[1:]
        if "pdf" in args and not chromium:
            continue  # PDF needs headless Chromium (make browser-deps installs it)
        env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1",
               "PAM_CACHE_DIR": str(sandbox / ".cache")}
        for name in ("PAM_PLAN", "PAM_NO_CACHE"):
            env.pop(name, None)
        r = subprocess.run([sys.executable, "-c", "from pam.cli import main; main()", *args],
                           cwd=sandbox, capture_output=True, text=True, env=env, timeout=300)
        if r.returncode not in (0, 1) or "Traceback" in r.stderr:
            failed.append(f"{line}\n  -> exit {r.returncode}: {r.stderr.strip()[-400:]}")
    assert failed == [], "\n".join(failed)
