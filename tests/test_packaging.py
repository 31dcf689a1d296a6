"""A built wheel (distribution pam-pac) carries what pam reads at run time: templates, message
catalogs, the example plan and the JSON schemas."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_contains_templates_and_catalogs(tmp_path):
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                        "-q", "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    wheel = next(tmp_path.glob("pam_pac-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = sorted(p.relative_to(ROOT).as_posix()
                     for p in (ROOT / "pam" / "templates").rglob("*") if p.is_file())
    assert shipped and all(name in names for name in shipped), set(shipped) - names
    assert {"pam/i18n/ar.json", "pam/i18n/fr.json"} <= names
    # what a commune needs beside the code: the example plan (pam demo) and the JSON schemas
    plan = sorted("pam/data/" + p.relative_to(ROOT).as_posix()
                  for p in (ROOT / "plan").rglob("*.yaml"))
    assert plan and set(plan) <= names, set(plan) - names
    assert {f"pam/data/schema/{p.name}" for p in (ROOT / "schema").glob("*.json")} <= names
    assert Path(ROOT / "templates").resolve() == (ROOT / "pam" / "templates").resolve()
    # the report templates compiled ahead of time (pam/render/precompiled.py, setup.py)
    assert {"pam/templates_compiled/md/manifest.json",
            "pam/templates_compiled/html/manifest.json"} <= names
    assert any(n.startswith("pam/templates_compiled/html/tmpl_") for n in names)
