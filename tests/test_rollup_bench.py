"""The roll-up benchmark's synthetic communes (bench/communes.py): bundles that pam rollup
reads and checks like any commune's, of varied plans (not copies of one), a tenth of the
country when 150 are asked; and the BENCHMARKS.md section is replaced in place."""

from __future__ import annotations

import json
import sys

import pytest
from conftest import ROOT, run_pam

pytest.importorskip("duckdb")
sys.path.insert(0, str(ROOT))

from bench import communes, rollup  # noqa: E402


def test_synthetic_communes_are_bundles_of_varied_plans(tmp_path):
    made = communes.generate(12, tmp_path / "b")
    assert made["communes"] == 12 and made["entries"] > 0
    done = run_pam("rollup", str(tmp_path / "b"), "--as-of", "2025-06-30", "--by", "province",
                   "--format", "json", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "out" / "rollup.json").read_text(encoding="utf-8"))
    sizes = [c["program"]["actions"] + c["program"]["excluded"]["dropped"]
             for c in data["communes"]]
    assert len(set(sizes)) > 6 and min(sizes) >= 50
    shapes = {(len(c["domains"]), c["program"]["projects"]["total"]) for c in data["communes"]}
    assert len(shapes) > 6
    assert all(c["simulated"] for c in data["communes"])
    assert any(len(g["communes"]) > 1 for g in data["domains"])


def test_a_smaller_set_is_a_sample_of_the_country():
    assert communes.sample(150) == list(range(0, 1500, 10))
    country = communes.sizes(__import__("random").Random(1))
    assert len(country) == 1500 and max(country) == 4000
    assert sum(country) > 200_000  # the national scale of issue 19: ~250,000 actions


def test_the_benchmark_section_is_replaced_in_place(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\nother rows\n", encoding="utf-8")
    rollup.update(path, [rollup.BEGIN, "first", rollup.END])
    rollup.update(path, [rollup.BEGIN, "second", rollup.END])
    text = path.read_text(encoding="utf-8")
    assert "other rows" in text and "second" in text and "first" not in text
    assert text.count(rollup.BEGIN) == 1
