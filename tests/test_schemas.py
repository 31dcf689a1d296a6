"""The JSON Schemas (pam schema) say what pam validate enforces, as far as a schema can: an
editor checking a file with them flags the same things. check-jsonschema (a dev dependency)
runs them on the shipped plan and on every file of the corpus."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_corpus import CASES, build_case

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema"
TOOL = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
# what pam says in these codes, a schema says too: the file must fail its schema
SCHEMA_CODES = {"wrong-type", "out-of-range", "unknown-key", "missing-key", "bad-id",
                "bad-value", "too-long", "target-range", "not-a-mapping", "control-character",
                "bidi-control", "bad-date"}
# codes a schema cannot say (cross-file rules, dates against today, YAML itself, ...): the
# file may pass its schema. And one case of those codes: a quoted year key ("2018": 40) is
# the text '2018' to pam (refused: years are numbers), but JSON has only text keys.
NOT_IN_JSON = {"target-year-quoted"}
pytestmark = pytest.mark.skipif(TOOL is None, reason="check-jsonschema is not installed "
                                                     "(pip install -e '.[dev]')")


def schema_of(rel: str) -> str | None:
    parts = rel.split("/")
    if any(part.startswith(".") for part in parts):
        return None  # hidden: not read
    if rel == "program.yaml":
        return "program"
    if parts[0] == "domains" and len(parts) == 2:
        return "domain"
    if parts[0] == "amendments":
        return "amendment"
    if parts[0] == "progress" and len(parts) == 3:
        return "card"
    return None


def check(schema: str, files: list[Path]) -> dict[str, list[str]]:
    """{file: [error messages]} for the files that fail `schema` (one run for all files)."""
    if not files:
        return {}
    done = subprocess.run([TOOL, "--schemafile", str(SCHEMA / f"{schema}.schema.json"),
                           "--default-filetype", "yaml", "--output-format", "json",
                           *map(str, files)],
                          capture_output=True, text=True, timeout=300)
    assert done.stdout.strip(), done.stderr[-2000:]
    report = json.loads(done.stdout)
    failed: dict[str, list[str]] = {}
    for e in report.get("errors", []) + report.get("parse_errors", []):
        failed.setdefault(e.get("filename", "?"), []).append(e.get("message", str(e)))
    return failed


def test_the_shipped_plan_passes_its_schemas():
    plan = ROOT / "plan"
    assert check("program", [plan / "program.yaml"]) == {}
    assert check("domain", sorted((plan / "domains").glob("*.yaml"))) == {}


def test_schema_patterns_are_ascii_classes():
    """\\d, \\w and \\s mean ASCII in JSON Schema but any script in pydantic's regex engine:
    every pattern is written with explicit classes, so model and schema agree."""
    for path in SCHEMA.glob("*.schema.json"):
        for pattern in re.findall(r'"pattern": "((?:[^"\\]|\\.)*)"', path.read_text()):
            assert not re.search(r"\\\\[dwsDWS]", pattern), (path.name, pattern)


def parses(path: Path) -> bool:
    """True when pam reads the file as YAML data without a problem (the schemas judge data:
    an alias bomb, a file of another encoding or 100,000 brackets are the reader's to refuse,
    and would only slow check-jsonschema down)."""
    from pam.load.yaml import parse, read_text

    text, problems = read_text(path, path.name)
    return text is not None and not problems and not parse(text, path.name, fast=False)[1]


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory):
    """Every YAML file of every corpus case that pam reads as data, with its schema."""
    root = tmp_path_factory.mktemp("schemas")
    out = []
    for case in CASES:
        where = root / case["case"]
        where.mkdir()
        try:
            plan = build_case(case, where)
        except (OSError, subprocess.CalledProcessError):
            continue
        for path in sorted(plan.rglob("*")):
            rel = path.relative_to(plan).as_posix()
            if path.is_file() and not path.is_symlink() and path.suffix.lower() in (
                    ".yaml", ".yml") and schema_of(rel) and path.stat().st_size < 100_000 \
                    and parses(path):
                out.append((case, rel, schema_of(rel), path))
    return out


@pytest.fixture(scope="module")
def verdicts(corpus_files):
    failed: dict[str, list[str]] = {}
    for schema in ("program", "domain", "card", "amendment"):
        failed.update(check(schema, [p for _c, _r, s, p in corpus_files if s == schema]))
    return failed


def test_a_file_pam_refuses_for_a_schema_reason_fails_its_schema(corpus_files, verdicts):
    missed = []
    for case, rel, _schema, path in corpus_files:
        if not case.get("ok") and case.get("code") in SCHEMA_CODES and rel == case["file"] \
                and str(path) not in verdicts and case["case"] not in NOT_IN_JSON:
            missed.append(f"{case['case']} ({case['code']}): {rel}")
    assert not missed, "the schema accepts what pam refuses:\n" + "\n".join(missed)


def test_a_case_pam_accepts_passes_the_schemas(corpus_files, verdicts):
    wrong = []
    for case, rel, _schema, path in corpus_files:
        if case.get("ok") and str(path) in verdicts:
            wrong.append(f"{case['case']}: {rel}: {verdicts[str(path)][:2]}")
    assert not wrong, "the schema refuses what pam accepts:\n" + "\n".join(wrong)
