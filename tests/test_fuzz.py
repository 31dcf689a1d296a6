"""Property tests: a mutated plan or card never crashes pam, and every problem is located.

Valid files from tests/corpus/base/ are damaged (bytes flipped, inserted or deleted; lines
deleted, duplicated or re-indented; a key deleted or renamed; a value replaced by one of another
type) and loaded with pam.load.load_plan, or validated through the CLI in-process. Bounded:
about 200 examples in all, derandomized (the same examples every run) unless
PAM_FUZZ_RANDOM=1 asks for new ones.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pam.load.pipeline import load_plan

BASE = Path(__file__).parent / "corpus" / "base"
FILES = ["program.yaml", "domains/d1.yaml", "progress/D1.A1.P1/2019-06a.yaml"]
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SETTINGS = dict(deadline=None, derandomize=os.environ.get("PAM_FUZZ_RANDOM") != "1",
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
COUNT = {"examples": 0}

# bytes that mean something to YAML, to UTF-8 or to pam
SPECIAL = [b"\t", b"\x00", b"\x07", b":", b": ", b"-", b"- ", b"[", b"]", b"{", b"}", b"*",
           b"&", b"!", b"!!", b"'", b'"', b"#", b"\n", b"\r", b"\r\n", b"\xff", b"\xc3",
           b"\xef\xbb\xbf", b"%", b"?", b"|", b">", b"@", b"`", b",", b"\\", b" ", b"  ",
           b"---\n", b"...\n", b"&a ", b"*a", b"<<: ", b"\xd8", "ي".encode()]
VALUES = ["", "null", "~", "-1", "-0.5", "0", "1e400", "-.inf", ".nan", "'40'", '"40%"', "[]",
          "{}", "yes", "true", "2019-02-30", "2019-13-01", "*a", "&a x", "!!python/none",
          "!!binary aGk=", "!!int x", "1" * 40, "0x1F", "0o17", "1_000", "'", '"', "[1, [2]]",
          "{ar: 1}", "D1.A1.P1.99", "../../etc/x", "2017-2022", "x" * 5000]
WEIRD = [None, "", "40", "40%", 40, -1, -0.5, 10 ** 30, float("inf"), float("nan"), True, [],
         {}, [1, [2]], {"ar": 1}, "2019-02-30", "x" * 5000, "D9.A9.P9.99", "../x", 1800, 2.5]


@pytest.fixture(scope="module")
def workdir():
    """A copy of the base plan, rewritten by each example (parse caches off: every example
    is a new file, a cache would only add writes)."""
    old = os.environ.get("PAM_NO_CACHE")
    os.environ["PAM_NO_CACHE"] = "1"
    tmp = Path(tempfile.mkdtemp(prefix="pam-fuzz-"))
    shutil.copytree(BASE, tmp / "plan")
    yield tmp / "plan"
    shutil.rmtree(tmp, ignore_errors=True)
    if old is None:
        os.environ.pop("PAM_NO_CACHE", None)
    else:
        os.environ["PAM_NO_CACHE"] = old


def reset(plan: Path) -> None:
    for rel in FILES:
        shutil.copyfile(BASE / rel, plan / rel)


def check_problems(problems, plan: Path, rel: str, data: bytes) -> None:
    """Every problem is located (file, line >= 1, column >= 1) with a kebab-case code."""
    lines = len(data.decode("utf-8", errors="replace").splitlines()) or 1
    for p in problems:
        assert p.file, p
        assert isinstance(p.line, int) and p.line >= 1, p
        assert isinstance(p.column, int) and p.column >= 1, p
        assert KEBAB.match(p.code), p
        assert p.severity in ("error", "warning"), p
        assert len(p.message) >= 20, p
        assert p.code != "internal-check-error", p
        if p.file.replace("\\", "/").endswith(rel):
            assert p.line <= lines + 1, (p, lines)


def load_and_check(plan: Path, rel: str, data: bytes):
    (plan / rel).write_bytes(data)
    try:
        _plan, problems = load_plan(plan)
    finally:
        COUNT["examples"] += 1
    check_problems(problems, plan, rel, data)
    return problems


# --- byte and line mutations ---------------------------------------------------------------

@st.composite
def byte_mutation(draw, data: bytes) -> bytes:
    kind = draw(st.sampled_from(["flip", "insert", "delete", "special"]))
    pos = draw(st.integers(0, max(0, len(data) - 1)))
    if kind == "flip":
        return data[:pos] + bytes([data[pos] ^ draw(st.integers(1, 255))]) + data[pos + 1:]
    if kind == "insert":
        return data[:pos] + draw(st.binary(min_size=1, max_size=4)) + data[pos:]
    if kind == "delete":
        end = pos + draw(st.integers(1, 40))
        return data[:pos] + data[end:]
    return data[:pos] + draw(st.sampled_from(SPECIAL)) + data[pos:]


@st.composite
def line_mutation(draw, data: bytes) -> bytes:
    lines = data.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    kind = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "value", "swap",
                                 "truncate"]))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "indent":
        lines[i] = b" " * draw(st.integers(1, 3)) + lines[i]
    elif kind == "dedent":
        lines[i] = lines[i].lstrip(b" ")
    elif kind == "value":  # replace what follows the first ': ' (a value) by another type
        head, sep, _ = lines[i].partition(b": ")
        lines[i] = head + (sep or b": ") + draw(st.sampled_from(VALUES)).encode()
    elif kind == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        return b"\n".join(lines[:i]) + b"\n" + lines[i][: draw(st.integers(0, len(lines[i])))]
    return b"\n".join(lines)


@st.composite
def mutated_file(draw):
    rel = draw(st.sampled_from(FILES))
    data = (BASE / rel).read_bytes()
    for _ in range(draw(st.integers(1, 3))):
        mutate = draw(st.sampled_from([byte_mutation, line_mutation]))
        data = draw(mutate(data))
    return rel, data


@settings(max_examples=100, **SETTINGS)
@given(case=mutated_file())
def test_a_damaged_file_gives_located_problems(workdir, case):
    rel, data = case
    reset(workdir)
    load_and_check(workdir, rel, data)


# --- structural mutations on the parsed data -----------------------------------------------

def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    return yaml


@st.composite
def mutated_data(draw):
    """Parse a valid file, walk to a random node, damage it, write the data back as YAML."""
    import copy
    import io

    rel = draw(st.sampled_from(FILES))
    data = copy.deepcopy(_yaml().load((BASE / rel).read_text(encoding="utf-8")))
    node = data
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, (dict, list)) and child and draw(st.booleans()):
            node = child
            continue
        kind = draw(st.sampled_from(["delete", "retype", "rename", "duplicate", "add"]))
        if kind == "delete":
            del node[key]
        elif kind == "retype":
            node[key] = draw(st.sampled_from(WEIRD))
        elif kind == "rename" and isinstance(node, dict) and isinstance(key, str) and key:
            cut = draw(st.integers(0, len(key) - 1))
            node[key[:cut] + key[cut + 1:] or "_"] = node.pop(key)
        elif kind == "duplicate" and isinstance(node, list):
            node.insert(key, copy.deepcopy(child))
        elif isinstance(node, dict):
            node[draw(st.sampled_from(["colour", "cost", "id", "notes", "2019", "actoins"]))] = \
                draw(st.sampled_from(WEIRD))
        else:
            node.append(draw(st.sampled_from(WEIRD)))
        break
    out = io.StringIO()
    _yaml().dump(data, out)
    return rel, out.getvalue().encode("utf-8")


@settings(max_examples=60, **SETTINGS)
@given(case=mutated_data())
def test_damaged_data_gives_located_problems(workdir, case):
    rel, data = case
    reset(workdir)
    load_and_check(workdir, rel, data)


# --- the CLI, in-process ---------------------------------------------------------------------

@settings(max_examples=40, **SETTINGS)
@given(case=st.one_of(mutated_file(), mutated_data()))
def test_validate_exits_0_or_1_with_located_json(workdir, case):
    from typer.testing import CliRunner

    from pam.cli import app

    rel, data = case
    reset(workdir)
    (workdir / rel).write_bytes(data)
    result = CliRunner().invoke(app, ["validate", "--plan", str(workdir), "--format", "json"])
    COUNT["examples"] += 1
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    assert report["ok"] == (result.exit_code == 0)
    for p in report["problems"]:
        assert p["file"] and p["line"] >= 1 and p["column"] >= 1, p
        assert KEBAB.match(p["code"]), p


def test_examples_ran():
    """The property tests above really ran (hypothesis did not skip them)."""
    assert COUNT["examples"] >= 180, COUNT
