"""Writes that never lose data: atomic replace under SIGKILL, concurrent `pam record`,
round-trips that change only what they must, and paths from data that stay in their folder."""

from __future__ import annotations

import difflib
import multiprocessing
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pam.errors import WriteFailed
from pam.fsio import STALE_SECONDS, remove_stale_temps, write_atomic

ROOT = Path(__file__).resolve().parents[1]
BASE = Path(__file__).parent / "corpus" / "base"
TEMP = re.compile(r"^\.target\.bin\.[a-z0-9_]{8}\.tmp$")
KILLS = 60


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}


def pam(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pam", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, env=_env())


# --- SIGKILL during write_atomic -------------------------------------------------------------

def _writer(target: str, old: bytes, new: bytes, ready) -> None:
    """Write old and new in turn, forever (until killed)."""
    ready.set()
    i = 0
    while True:
        write_atomic(Path(target), new if i % 2 == 0 else old)
        i += 1


def test_a_killed_writer_leaves_the_old_or_the_new_file(tmp_path):
    """SIGKILL a writer at random moments: the file is always exactly one of the two versions.

    What a kill may leave: a temp file `.target.bin.XXXXXXXX.tmp` (killed before the rename);
    write_atomic removes such files once they are older than STALE_SECONDS.
    """
    old = b"old\n" + b"o" * (3 * 2**20)  # different sizes and bytes: a mix cannot pass
    new = b"new\n" + b"n" * (2 * 2**20 + 12345)
    target = tmp_path / "target.bin"
    write_atomic(target, old)
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(2017)
    seen, leftovers, started = set(), set(), time.monotonic()
    for _ in range(KILLS):
        ready = ctx.Event()
        proc = ctx.Process(target=_writer, args=(str(target), old, new, ready), daemon=True)
        proc.start()
        assert ready.wait(10)
        time.sleep(rng.uniform(0, 0.03))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(10)
        assert proc.exitcode == -signal.SIGKILL
        data = target.read_bytes()
        assert data in (old, new), f"a mix of {len(data)} bytes"
        seen.add(data[:3])
        others = {p.name for p in tmp_path.iterdir()} - {"target.bin"}
        assert all(TEMP.match(name) for name in others), others
        leftovers |= others
    assert time.monotonic() - started < 60
    assert seen == {b"old", b"new"}, "the writer never completed a write: the test proved nothing"
    # what kills left behind is removed by the next write once it is stale, and only then
    young = [p for p in tmp_path.iterdir() if TEMP.match(p.name)]
    write_atomic(target, old)
    assert all(p.exists() for p in young), "a live writer's temp file must never be removed"
    for p in young:
        os.utime(p, (time.time() - STALE_SECONDS - 10,) * 2)
    write_atomic(target, new)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["target.bin"]
    assert target.read_bytes() == new
    print(f"{KILLS} kills, {len(leftovers)} temp files left by kills, cleaned")


def test_stale_temps_of_other_files_are_left_alone(tmp_path):
    (tmp_path / "a.yaml").write_text("x")
    mine = tmp_path / ".a.yaml.abcd1234.tmp"
    other = tmp_path / ".b.yaml.abcd1234.tmp"
    lookalike = tmp_path / ".a.yaml.notatemp.txt"
    for p in (mine, other, lookalike):
        p.write_text("partial")
        os.utime(p, (time.time() - STALE_SECONDS - 10,) * 2)
    assert remove_stale_temps(tmp_path / "a.yaml") == [mine]
    assert other.exists() and lookalike.exists()


def test_a_failed_write_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "card.yaml"
    target.write_text("old: 1\n")

    def failing_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(WriteFailed, match="No space left on device; the disk is full.*intact"):
        write_atomic(target, b"new: 2\n")
    monkeypatch.undo()
    assert target.read_text() == "old: 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.yaml"]


# --- two `pam record` at once ------------------------------------------------------------------

RECORDER = r"""
import sys, time
from pathlib import Path
from pam.cli import main
go, plan, actions = Path(sys.argv[1]), sys.argv[2], sys.argv[3].split(",")
while not go.exists():
    time.sleep(0.001)
for k in range(10):
    action = actions[k % len(actions)]
    try:
        main(["record", action, "--date", "2019-06-10", "--progress", str(10 + 5 * k),
              "--note", f"run {k}", "--plan", plan])
    except SystemExit as exc:
        if exc.code not in (0, None):
            sys.exit(f"record {k} of {action} failed with {exc.code}")
"""


def small_plan(tmp_path: Path) -> Path:
    """program.yaml and the domain of D5.A2.P1 (8 actions) from the real plan."""
    plan = tmp_path / "plan"
    (plan / "domains").mkdir(parents=True)
    program = (ROOT / "plan" / "program.yaml").read_text(encoding="utf-8")
    # without its public: section, which names actions of the other domains
    program = re.sub(r"(?m)^public:\n(?:(?:  .*| *#.*)?\n)*", "", program)
    (plan / "program.yaml").write_text(program, encoding="utf-8")
    shutil.copy(ROOT / "plan" / "domains" / "d5.yaml", plan / "domains" / "d5.yaml")
    return plan


def expected_progress(actions: list[str]) -> dict[str, int]:
    out = {}
    for k in range(10):
        out[actions[k % len(actions)]] = 10 + 5 * k
    return out


@pytest.mark.parametrize("round_", [1, 2])
def test_two_recorders_on_one_card_lose_nothing(tmp_path, round_):
    from ruamel.yaml import YAML

    plan = small_plan(tmp_path)
    first = [f"D5.A2.P1.0{i}" for i in (1, 2, 3, 4)]
    second = [f"D5.A2.P1.0{i}" for i in (5, 6, 7, 8)]
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", RECORDER, str(go), str(plan), ",".join(a)],
                              cwd=tmp_path, env=_env(), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for a in (first, second)]
    time.sleep(0.3)  # both interpreters up, waiting for the same signal
    go.touch()
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        assert "Traceback" not in err and "internal error" not in err, err
    card = plan / "progress" / "D5.A2.P1" / "2019-06a.yaml"
    doc = YAML(typ="safe").load(card.read_text(encoding="utf-8"))
    got = {e["action"]: e["progress"] for e in doc["actions"]}
    assert got == {**expected_progress(first), **expected_progress(second)}
    assert len(doc["actions"]) == 8, "an action appears twice"
    leftovers = [p.name for p in card.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    check = pam(tmp_path, "validate", "--plan", "plan")
    assert check.returncode == 0, check.stdout + check.stderr


# --- round-trips change only what they must -----------------------------------------------------

HAND_WRITTEN = """\
# بطاقة مكتوبة باليد — a hand-written card
# comments, odd key order and mixed quoting must survive `pam record`
date: 2019-06-14   # the card's date
project: D1.A1.P1
period: '2019-06a'
reporter: 'رئيس المشروع'   # single quotes on purpose
actions:
# the audit
- progress: 40      # progress before action: odd order
  action: D1.A1.P1.01
  note: "a note: with a colon"
  state: ongoing
  spent: 0.1
obstacles: ["flow", 'style']
notes: []   # nothing yet
"""


def changed_lines(before: bytes, after: bytes) -> list[str]:
    diff = difflib.unified_diff(before.decode("utf-8").splitlines(keepends=True),
                                after.decode("utf-8").splitlines(keepends=True), n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


@pytest.fixture
def hand_card(tmp_path):
    plan = tmp_path / "plan"
    shutil.copytree(BASE, plan)
    card = plan / "progress" / "D1.A1.P1" / "2019-06a.yaml"
    card.write_bytes(HAND_WRITTEN.encode("utf-8"))
    assert_valid(plan)
    return tmp_path, card


def assert_valid(plan: Path) -> None:
    from pam.load.pipeline import load_plan

    _plan, problems = load_plan(plan)
    assert not [p for p in problems if p.severity == "error"], problems


def test_record_changes_only_the_progress_line(hand_card):
    where, card = hand_card
    before = card.read_bytes()
    proc = pam(where, "record", "D1.A1.P1.01", "--date", "2019-06-14", "--progress", "55",
               "--plan", "plan")
    assert proc.returncode == 0, proc.stderr
    assert changed_lines(before, card.read_bytes()) == [
        "-- progress: 40      # progress before action: odd order\n",
        "+- progress: 55      # progress before action: odd order\n",
    ]


def test_record_of_a_new_action_only_adds_its_lines(hand_card):
    where, card = hand_card
    before = card.read_bytes()
    proc = pam(where, "record", "D1.A1.P1.02", "--date", "2019-06-14", "--progress", "5",
               "--plan", "plan")
    assert proc.returncode == 0, proc.stderr
    assert changed_lines(before, card.read_bytes()) == [
        "+- action: D1.A1.P1.02\n", "+  progress: 5\n", "+  state: ongoing\n"]


def test_record_keeps_crlf_and_bom(hand_card):
    where, card = hand_card
    card.write_bytes(b"\xef\xbb\xbf" + HAND_WRITTEN.replace("\n", "\r\n").encode("utf-8"))
    before = card.read_bytes()
    proc = pam(where, "record", "D1.A1.P1.01", "--date", "2019-06-14", "--progress", "55",
               "--plan", "plan")
    assert proc.returncode == 0, proc.stderr
    assert len(changed_lines(before, card.read_bytes())) == 2


def test_record_keeps_indented_sequences(hand_card):
    where, card = hand_card
    text = HAND_WRITTEN.replace("\n- ", "\n  - ").replace("\n  action", "\n    action") \
        .replace("\n  note", "\n    note").replace("\n  state", "\n    state") \
        .replace("\n  spent", "\n    spent").replace("\n# the audit", "\n  # the audit")
    card.write_text(text, encoding="utf-8")
    assert_valid(card.parents[2])
    before = card.read_bytes()
    proc = pam(where, "record", "D1.A1.P1.01", "--date", "2019-06-14", "--progress", "55",
               "--plan", "plan")
    assert proc.returncode == 0, proc.stderr
    assert len(changed_lines(before, card.read_bytes())) == 2


# --- paths from data stay in their folder ---------------------------------------------------------

EVIL = ["../../etc/x", "..", ".", "", "/etc/passwd", "a/../../b", "..\\..\\x", "D1/../../..",
        ".hidden", "~", "D1.A1.P1/../../../x"]


@pytest.mark.parametrize("project_id", EVIL)
def test_card_path_never_leaves_progress(tmp_path, project_id):
    from pam.errors import Refused
    from pam.progress import card_path

    root = tmp_path / "plan"
    try:
        path = card_path(root, project_id, "2019-06a")
    except Refused:
        return
    progress = (root / "progress").resolve()
    resolved = path.resolve()
    assert resolved.is_relative_to(progress), resolved
    assert resolved.parent.parent == progress, "one folder per project, directly in progress/"


def test_card_path_refuses_a_period_that_climbs(tmp_path):
    from pam.errors import Refused
    from pam.progress import card_path

    root = tmp_path / "plan"
    try:
        path = card_path(root, "D1.A1.P1", "../../../x")
    except Refused:
        return
    assert path.resolve().is_relative_to((root / "progress").resolve())


@pytest.fixture
def keep_cwd():
    cwd = os.getcwd()
    yield
    os.chdir(cwd)


def test_the_cli_refuses_ids_and_periods_that_climb(tmp_path, keep_cwd):
    plan = tmp_path / "work" / "plan"
    shutil.copytree(BASE, plan)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    runs = [
        ("record", "../../etc/x", "--date", "2019-06-14", "--progress", "5"),
        ("record", "D1.A1.P1.01/../../../x", "--date", "2019-06-14", "--progress", "5"),
        ("card", "../../etc/x"),
        ("card", "D1.A1.P1", "--period", "../../../x"),
        ("card", "D1.A1.P1", "--period", "2019-06a/../../../../x"),
        ("history", "../../etc/x"),
        ("show", "../../etc/x"),
    ]
    from typer.testing import CliRunner

    from pam.cli import app

    os.chdir(tmp_path / "work")  # restored by the fixture below
    for args in runs:
        result = CliRunner().invoke(app, [*args, "--plan", "plan"])
        assert result.exit_code in (1, 2), (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        assert "Traceback" not in result.output and "internal error" not in result.output
        assert result.stderr.strip(), f"{args}: refused without a word"
    created = [p for p in tmp_path.rglob("*")
               if p.relative_to(tmp_path) not in before and ".pam-cache" not in p.parts]
    assert created == [], created
