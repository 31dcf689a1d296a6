"""Hostile input and faults (issue 12), beyond the corpus: the neutralizing helper on its own,
a poisoned cache in a real clone, the property that whatever record and card write validates,
faults of the environment (a full disk, a broken pipe, a closed stdout), the output guard."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pam.render.text import (
    char_kind,
    flagged,
    github_annotation,
    json_text,
    neutralize,
    yaml_quote,
)

ROOT = Path(__file__).resolve().parents[1]
BASE = Path(__file__).parent / "corpus" / "base"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
GITHUB_LINE = re.compile(r"^::error file=[^:,\n]*,line=\d+,col=\d+,title=[^:,\n]*::[^\n]*$")
# texts with every kind of character the issue names, and ordinary Arabic
NASTY = st.lists(st.sampled_from(
    list("abc ع م ل 01\n\t:,%\"'\\") + ["\x1b", "\x07", "\x00", "\r", "\x9b", "\x85", "\u202e",
                                        "\u2066", "\u2069", "\u200b", "\u200e", "\u200c",
                                        "\ufeff", "\u2028", "\ufef7", "\U000e0041", "\ud800",
                                        "::error ", "%0A"]), max_size=30).map("".join)


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}


def pam(cwd: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pam", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", errors="surrogateescape", timeout=120,
                          env=_env(), **kw)


# --- the one neutralizing helper -----------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("\x1b[2J", "[U+001B][2J"), ("a\x07", "a[U+0007]"), ("\x9b31m", "[U+009B]31m"),
    ("x\u202ey", "x[U+202E]y"), ("\u2066a\u2069", "[U+2066]a[U+2069]"),
    ("a\u200bb", "a[U+200B]b"), ("\ufeffx", "[U+FEFF]x"), ("a\rb", "a[U+000D]b"),
    ("\ud800", "[U+D800]"), ("tag\U000e0041", "tag[U+E0041]"), ("a\u2028b", "a[U+2028]b"),
    # letters, digits, marks, joiners, presentation forms, newlines and tabs are kept
    ("برنامج عمل ٢٠١٩", "برنامج عمل ٢٠١٩"), ("\u200e2019\u200e", "\u200e2019\u200e"),
    ("می\u200cخواهم", "می\u200cخواهم"), ("ﻻ", "ﻻ"), ("a\nb\tc", "a\nb\tc"),
])
def test_neutralize(text, expected):
    assert neutralize(text) == expected


def test_neutralize_on_one_line():
    assert neutralize("a\nb\tc\x1b", newlines=False) == "a b c[U+001B]"


@given(NASTY)
@settings(max_examples=300)
def test_every_output_form_is_safe_and_faithful(text):
    assert RAW.search(neutralize(text)) is None
    assert RAW.search(neutralize(text, newlines=False).replace("\n", "")) is None
    dumped = json_text({"t": text})
    assert RAW.search(dumped.replace("\n", "")) is None
    assert json.loads(dumped) == {"t": text}  # the same data, only escaped
    line = github_annotation("error", text, file=text, line=1, col=2, title=f"pam {text}")
    assert "\n" not in line and "\r" not in line and RAW.search(line) is None
    assert GITHUB_LINE.match(line), line


@given(NASTY.filter(lambda t: not re.search("[\ud800-\udfff]", t)))
@settings(max_examples=200)
def test_yaml_quote_reads_back_the_same_text(text):
    from pam.load.yaml import parse

    data, problems = parse(f"note: {yaml_quote(text)}\n", "x.yaml")
    assert problems == [] and data == {"note": text}


def test_the_checks_and_the_outputs_share_one_table():
    for ch in "\x1b\x07\x00\x9b\u202e\u2066\u200b\ufeff\U000e0041":
        assert char_kind(ch) in ("control", "bidi", "invisible")
        assert neutralize(ch) != ch
    for ch in "\u200e\u200f\u061c\u200c\u200d":  # flagged (a warning), never rewritten
        assert char_kind(ch) == "invisible" and neutralize(ch) == ch
    assert flagged("ﻻ") and char_kind("ﻻ") == "presentation" and neutralize("ﻻ") == "ﻻ"


def test_a_problem_renders_on_one_line():
    from pam.problems import Problem

    p = Problem("progress/P/a\n::error file=x::b.yaml", 3, 4, "error", "x", "m\x1b\nn")
    line = p.render()
    assert "\n" not in line and RAW.search(line) is None
    assert line.startswith("progress/P/a[U+000A]::error file=x::b.yaml:3:4: error[x]: m[U+001B] n")


# --- class 1: nothing in a clone or a cache runs code ----------------------------------------

def test_no_pickle_or_marshal_in_pam():
    found = []
    for path in (ROOT / "pam").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"^\s*(import|from)\s+(c?pickle|marshal|shelve|dill|joblib)\b", line) \
                    or re.search(r"\b(pickle|marshal)\.loads?\(", line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, found


def test_a_poisoned_cache_in_a_clone_runs_nothing(tmp_path):
    """A repository holding .pam-cache/*.pickle, *.marshal and *.json that run `touch PWNED`
    when loaded, cloned with git: validate, status and report all behave as on a clean
    copy, and nothing ran."""
    from test_corpus import poisoned

    origin = tmp_path / "origin"
    shutil.copytree(BASE, origin / "plan")
    for where in (origin / ".pam-cache", origin / "plan" / ".pam-cache"):
        where.mkdir()
        for name in ("plan.pickle", "status.pickle", "parse.pickle"):
            (where / name).write_bytes(poisoned("pickle"))
        (where / "plan.marshal").write_bytes(poisoned("marshal"))
        (where / "plan.json").write_bytes(poisoned("json"))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], cwd=origin, check=True)
    subprocess.run([*git, "add", "-A", "-f"], cwd=origin, check=True)
    subprocess.run([*git, "commit", "-qm", "poisoned"], cwd=origin, check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
    assert (clone / ".pam-cache" / "plan.pickle").exists()
    clean = tmp_path / "clean"
    shutil.copytree(BASE, clean / "plan")
    for args in (("validate", "--plan", "plan"),
                 ("status", "--plan", "plan", "--as-of", "2019-12-31"),
                 ("status", "--plan", "plan", "--as-of", "2019-12-31", "-f", "json"),
                 ("report", "all", "--plan", "plan", "--out", "reports",
                  "--as-of", "2019-12-31")):
        for _ in range(2):  # and again, with whatever the first run may have cached
            got, want = pam(clone, *args), pam(clean, *args)
            assert got.returncode == want.returncode == 0, got.stderr
            assert got.stdout == want.stdout
    assert sorted(p.name for p in (clone / "reports").rglob("*")) == \
        sorted(p.name for p in (clean / "reports").rglob("*"))
    assert not list(tmp_path.rglob("PWNED"))


def test_the_jinja_bytecode_cache_needs_a_private_folder(tmp_path, monkeypatch):
    from pam.render import jinja

    shared = tmp_path / "cache"
    (shared / "pam" / "jinja").mkdir(parents=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    monkeypatch.delenv("PAM_NO_CACHE", raising=False)
    monkeypatch.delenv("PAM_CACHE_DIR", raising=False)
    os.chmod(shared / "pam" / "jinja", 0o777)
    cache = jinja._bytecode_cache()  # made private again (it is the user's own folder)
    assert cache is not None and not (shared / "pam" / "jinja").stat().st_mode & 0o077
    monkeypatch.setattr(os, "getuid", lambda: 12345)  # a folder another user owns
    assert jinja._bytecode_cache() is None


# --- class 2: whatever record and card write, validate accepts -------------------------------

def _workspace(root: Path) -> Path:
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(BASE, root / "plan")
    return root / "plan"


def _run(argv: list[str]) -> int:
    from pam.cli import main

    try:
        main(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0


ACTIONS = st.sampled_from(["D1.A1.P1.01", "D1.A1.P1.02", "D1.A1.P1.0١", "d1.a1.p1.01", "X"])
DAYS = st.dates(dt.date(2016, 12, 1), dt.date(2023, 1, 31))
NUMBERS = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                    st.floats(-5, 200), st.integers(-10, 10 ** 7))


@given(action=ACTIONS, day=DAYS, progress=NUMBERS, spent=st.none() | NUMBERS,
       state=st.none() | st.sampled_from(["ongoing", "done", "suspended", "cancelled", "x"]),
       note=st.none() | NASTY | st.text(min_size=3990, max_size=4010),
       reporter=st.none() | NASTY, correction=st.none() | NASTY)
@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_accepted_record_leaves_a_valid_workspace(tmp_path_factory, action, day, progress,
                                                      spent, state, note, reporter, correction):
    from pam.load.pipeline import load_plan

    plan = _workspace(tmp_path_factory.getbasetemp() / "record-property")
    argv = ["record", action, "--date", day.isoformat(), "--progress", repr(float(progress)),
            "--plan", str(plan)]
    for option, value in (("--spent", spent), ("--state", state), ("--note", note),
                          ("--reporter", reporter), ("--correction", correction)):
        if value is not None:
            argv += [option, repr(float(value)) if option == "--spent" else value]
    if any("\x00" in a for a in argv):
        return  # argv cannot hold a NUL byte
    code = _run(argv)
    assert code in (0, 1, 2)
    _plan, problems = load_plan(plan)
    errors = [p.render() for p in problems if p.severity == "error"]
    assert not errors, (code, argv[:6], errors)


@given(period=st.sampled_from(["2019-07a", "2019-06a", "٢٠١٩-٠٧b", "2030-01a", "2016-12b",
                               "2019-13a", "2019-7a"]),
       reporter=st.none() | NASTY | st.text(min_size=3995, max_size=4005))
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_accepted_card_leaves_a_valid_workspace(tmp_path_factory, period, reporter):
    from pam.load.pipeline import load_plan

    plan = _workspace(tmp_path_factory.getbasetemp() / "card-property")
    argv = ["card", "D1.A1.P1", "--period", period, "--plan", str(plan)]
    if reporter is not None:
        if "\x00" in reporter:
            return
        argv += ["--reporter", reporter]
    assert _run(argv) in (0, 1, 2)
    _plan, problems = load_plan(plan)
    # a card written by pam card is a template to fill in: its blanks are its only errors
    assert not [p.render() for p in problems
                if p.severity == "error" and p.code != "card-not-filled"]
    for card in (plan / "progress").rglob("*.yaml"):
        text = card.read_text(encoding="utf-8")
        if "TO FILL IN" in text:  # filled in, it validates
            text = text.replace("\n  progress:\n", "\n  progress: 100\n").replace(
                "reporter:  # TO FILL IN", 'reporter: "x"  #')
            card.write_text(text, encoding="utf-8")
    _plan, problems = load_plan(plan)
    assert not [p.render() for p in problems if p.severity == "error"]


# --- class 5 and the environment ---------------------------------------------------------------

def test_a_full_disk_keeps_the_old_card_and_says_so(tmp_path, monkeypatch, capsys):
    plan = _workspace(tmp_path / "w")
    card = plan / "progress/D1.A1.P1/2019-06a.yaml"
    before = card.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code = _run(["record", "D1.A1.P1.01", "--date", "2019-06-14", "--progress", "70",
                 "--plan", str(plan)])
    err = capsys.readouterr().err
    assert code == 1 and "disk is full" in err and "intact" in err and "internal" not in err
    assert card.read_bytes() == before
    assert sorted(p.name for p in card.parent.iterdir()) == ["2019-06a.yaml"]


@pytest.mark.parametrize("args", [["report", "annual", "--year", "2019", "-o", "r.html"],
                                  ["report", "all", "--out", "reports"],
                                  ["export", "csv", "--out", "tables"],
                                  ["export", "xlsx", "-o", "e.xlsx"],
                                  ["schema", "-o", "schemas"]])
@pytest.mark.parametrize("fault", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_an_output_folder_that_refuses_writes(tmp_path, monkeypatch, capsys, args, fault):
    import tempfile

    plan = _workspace(tmp_path / "w")
    monkeypatch.chdir(tmp_path)

    def refuse(*a, **k):
        raise OSError(fault, os.strerror(fault))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code = _run([*args, "--plan", str(plan)] if args[0] != "schema" else args)
    err = capsys.readouterr().err
    assert code == 1, err
    assert "cannot write" in err and "internal" not in err


def test_writes_through_a_linked_plan_folder_still_work(tmp_path):
    """The plan folder itself may be a link (a shared drive): only links inside it are
    refused."""
    real = _workspace(tmp_path / "real")
    (tmp_path / "plan").symlink_to(real)
    r = pam(tmp_path, "record", "D1.A1.P1.01", "--date", "2019-06-14", "--progress", "70",
            "--plan", "plan")
    assert r.returncode == 0, r.stderr
    assert "progress: 70" in (real / "progress/D1.A1.P1/2019-06a.yaml").read_text()


def test_an_unreadable_project_folder_is_named(tmp_path, monkeypatch):
    from pam.load.pipeline import load_plan

    plan = _workspace(tmp_path / "w")
    folder = str(plan / "progress" / "D1.A1.P1")
    real = os.scandir

    def scandir(path="."):
        if str(path) == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    _plan, problems = load_plan(plan)
    found = [p for p in problems if p.code == "folder-unreadable"]
    assert found and found[0].severity == "error" and found[0].file.endswith("D1.A1.P1")


@pytest.mark.parametrize("command", [["status", "--as-of", "2020-06-30"], ["tree"],
                                     ["export", "json"], ["validate"]])
def test_a_broken_pipe_exits_0_quietly(tmp_path, command):
    """`pam status | head -1` exits 0 and says nothing more; pam validate keeps its verdict
    (1: the plan below has 400 errors)."""
    shutil.copytree(ROOT / "plan", tmp_path / "plan")
    if command == ["validate"]:
        for i in range(400):
            (tmp_path / "plan" / "progress" / f"X{i}").mkdir(parents=True)
            (tmp_path / "plan" / "progress" / f"X{i}" / "2019-06a.yaml").write_text(
                f"project: X{i}\nperiod: 2019-06a\ndate: 2019-06-14\nactions: []\n")
    line = " ".join([sys.executable, "-m", "pam", *command, "--plan", "plan"])
    done = subprocess.run(["bash", "-c", f"{line} 2>err | head -c 1 >/dev/null; "
                                         "echo ${PIPESTATUS[0]}"],
                          cwd=tmp_path, capture_output=True, text=True, env=_env(), timeout=120)
    err = (tmp_path / "err").read_text()
    assert done.stdout.strip() == ("1" if command == ["validate"] else "0"), err
    assert "Traceback" not in err and "Exception ignored" not in err and "Broken" not in err


def test_a_closed_stdout_is_said_plainly(tmp_path):
    plan = _workspace(tmp_path / "w")
    status = subprocess.run(["bash", "-c", f"{sys.executable} -m pam status --plan {plan} >&-"],
                            capture_output=True, text=True, env=_env(), timeout=120)
    assert status.returncode == 1 and "standard output is closed" in status.stderr
    record = subprocess.run(["bash", "-c", f"{sys.executable} -m pam record D1.A1.P1.01 "
                             f"--date 2019-06-14 --progress 70 --plan {plan} >&-"],
                            capture_output=True, text=True, env=_env(), timeout=120)
    assert record.returncode == 0, record.stderr  # record writes nothing to stdout


# --- the output guard ----------------------------------------------------------------------------

def test_pam_recognizes_what_it_wrote_and_nothing_else(tmp_path):
    from pam.outputs import written_by_pam

    plan = _workspace(tmp_path / "w")
    outputs = [("report", "annual", "--year", "2019", "-o", "a.html"),
               ("report", "annual", "--year", "2019", "-o", "a.md"),
               ("report", "annual", "--year", "2019", "--lang", "fr", "-o", "a.fr.md"),
               ("report", "card", "--project", "D1.A1.P1", "--period", "2019-06a", "-o",
                "c.md"),
               ("export", "csv", "-o", "t"), ("export", "csv", "-o", "one.csv"),
               ("export", "json", "-o", "e.json"), ("export", "tjp", "-o", "e.tjp"),
               ("export", "xlsx", "-o", "e.xlsx")]
    for args in outputs:
        assert pam(tmp_path, *args, "--plan", str(plan)).returncode == 0, args
    assert pam(tmp_path, "schema", "-o", "s").returncode == 0
    mine = ["a.html", "a.md", "a.fr.md", "c.md", "t/actions.csv", "t/cards.csv", "one.csv",
            "e.json", "e.tjp", "e.xlsx", "s/card.schema.json"]
    for name in mine:
        assert written_by_pam(tmp_path / name), name
    others = {"notes.md": "# my notes\n", "page.html": "<!DOCTYPE html><p>x</p>",
              "data.csv": "a,b\n1,2\n", "data.json": '{"as_of": 1}', "plan.tjp": "project x",
              "program.yaml": "id: x\n", "book.xlsx": "PK\x03\x04 not a zip"}
    for name, text in others.items():
        (tmp_path / name).write_text(text)
        assert not written_by_pam(tmp_path / name), name
    (tmp_path / "empty.html").write_text("")
    assert written_by_pam(tmp_path / "empty.html")  # nothing to lose


def test_task_ids_are_unique_in_the_taskjuggler_export(tmp_path):
    from pam.export.tjp import render_tjp
    from pam.load.pipeline import load_plan

    plan = _workspace(tmp_path / "w")
    d1 = plan / "domains/d1.yaml"
    d1.write_text(d1.read_text().replace("id: D1.A1.P1.01", "id: D1.A1.P1.0_1")
                  .replace("id: D1.A1.P1.02", "id: D1.A1.P1.0.1"))
    shutil.rmtree(plan / "progress")
    loaded, problems = load_plan(plan)
    assert any(p.code == "id-collision" for p in problems)
    ids = re.findall(r"^\s*task (\S+)", render_tjp(loaded, dt.date(2019, 12, 31)), re.M)
    assert len(ids) == len(set(ids)) == 5


def test_other_digit_sets_read_as_ascii():
    from pam.periods import ascii_digits

    assert ascii_digits("٢٠١٩-٠٦a") == "2019-06a" == ascii_digits("۲۰۱۹-۰۶a")
    assert ascii_digits("D1.A1.P1.٠١") == "D1.A1.P1.01"
    assert ascii_digits("عمل 2019") == "عمل 2019"


def test_write_atomic_never_replaces_a_link_or_a_device(tmp_path):
    """Renaming over a link or a device replaces it (as root, /dev/null itself): refused."""
    from pam.errors import WriteFailed
    from pam.fsio import write_atomic

    target = tmp_path / "target.txt"
    target.write_text("mine")
    (tmp_path / "link.txt").symlink_to(target)
    os.mkfifo(tmp_path / "pipe")
    for name in ("link.txt", "pipe"):
        with pytest.raises(WriteFailed, match="not a regular file"):
            write_atomic(tmp_path / name, "new")
    assert (tmp_path / "link.txt").is_symlink() and target.read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "pipe", "target.txt"]
