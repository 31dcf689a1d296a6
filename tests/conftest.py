"""Shared fixtures: the repository paths, a tiny plan written from inline YAML, a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# the tests read pam's messages in English whatever the machine's locale (pam.i18n.terminal);
# the tests of the other languages set PAM_LANG themselves
os.environ["PAM_LANG"] = "en"
# who reports on the cards the tests record (pam record's default after --reporter)
os.environ["PAM_REPORTER"] = "Test reporter"
SHIPPED_PLAN = ROOT / "plan"

PROGRAM = """\
id: test-pac
name: {ar: برنامج تجريبي, fr: Programme de test}
commune: {ar: جماعة تجريبية, fr: Commune test}
period: {start: 2017, end: 2022}
"""

DOMAIN = """\
id: D1
name: {ar: المجال الأول}
axes:
- id: D1.A1
  name: {ar: المحور الأول}
  projects:
  - id: D1.A1.P1
    name: {ar: المشروع الأول}
    actions:
    - id: D1.A1.P1.01
      text: "إجراء أول"
      cost: 2
      targets: {2018: 50, 2019: 100}
    - id: D1.A1.P1.02
      text: "إجراء ثان"
      cost: "-"
      targets: {2019: 40, 2020: 100}
    - id: D1.A1.P1.03
      text: "إجراء ثالث"
      cost: "*"
      targets: {}
"""


def write_plan(root: Path, program: str = PROGRAM, domains: dict[str, str] | None = None,
               cards: dict[str, str] | None = None) -> Path:
    """Write a plan folder from inline YAML texts; returns its path."""
    plan = root / "plan"
    (plan / "domains").mkdir(parents=True, exist_ok=True)
    (plan / "program.yaml").write_text(textwrap.dedent(program), encoding="utf-8")
    for name, text in (domains if domains is not None else {"d1.yaml": DOMAIN}).items():
        (plan / "domains" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    for rel, text in (cards or {}).items():
        path = plan / "progress" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return plan


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Every test's caches go to a folder of the test session, never the user's."""
    os.environ["PAM_CACHE_DIR"] = str(tmp_path_factory.mktemp("pam-cache"))


@pytest.fixture
def tiny_plan(tmp_path) -> Path:
    return write_plan(tmp_path)


def run_pam(*args: str, cwd: Path | None = None, env: dict | None = None):
    """Run the real `pam` command in a subprocess; returns CompletedProcess (text)."""
    full_env = {**os.environ, "COLUMNS": "100", "PAM_NO_CACHE": "1", **(env or {})}
    return subprocess.run([sys.executable, "-c", "from pam.cli import main; main()", *args],
                          capture_output=True, text=True, cwd=cwd or ROOT, env=full_env,
                          timeout=120)


@pytest.fixture
def pam():
    return run_pam
