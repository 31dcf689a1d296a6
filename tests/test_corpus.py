"""The corpus of bad inputs: every case gives a located error (or is accepted), never a traceback.

Each case in tests/corpus/cases.yaml and tests/corpus/hostile.yaml is a copy of the small valid
plan in tests/corpus/base/, overlaid with the files of tests/corpus/cases/<case>/, minus the
files listed under `remove`, plus what its `generate` steps make (binary and huge files,
folders, links, pipes, git history, poisoned caches: see `apply_step`). `pam validate --plan
plan` runs on it as a real subprocess; the cases of hostile.yaml (issue 12) may then run more
commands (`run`) and check what they left (`after`): see that file's header.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
BASE = CORPUS / "base"
OVERLAYS = CORPUS / "cases"
LINE = re.compile(r"^(?P<file>[^\s:].*?):(?P<line>\d+):(?P<column>\d+): "
                  r"(?P<severity>error|warning)\[(?P<code>[a-z0-9]+(?:-[a-z0-9]+)*)\]: "
                  r"(?P<message>.+)$")
TIMEOUT = 60


CASE_FILES = ("cases.yaml", "hostile.yaml")
# raw characters no output of pam may hold (pam.render.text.neutralize makes them visible)
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
GITHUB_LINE = re.compile(r"^::(error|warning) file=[^:,\n]*,line=\d+,col=\d+,title=pam [a-z0-9-]+::")


def load_cases(name: str | None = None) -> list[dict]:
    from ruamel.yaml import YAML

    out = []
    for file in CASE_FILES if name is None else (name,):
        out += YAML(typ="safe").load((CORPUS / file).read_text(encoding="utf-8"))
    return out


CASES = load_cases()


def apply_step(plan: Path, step: dict) -> None:
    """Make one generated file of a case (the spec is in cases.yaml, the bytes are made here)."""
    op, path = step["op"], plan / step.get("path", ".")
    path.parent.mkdir(parents=True, exist_ok=True)
    if op == "mkdir":
        path.mkdir()
    elif op == "symlink":
        os.symlink(step["target"], path)
    elif op == "fifo":
        os.mkfifo(path)
    elif op == "sparse":  # a large file without writing its bytes
        with open(path, "wb") as fh:
            fh.truncate(step["size"])
    elif op == "write":
        path.write_bytes(_parts(step))
    elif op == "prepend":
        path.write_bytes(bytes.fromhex(step["hex"]) + path.read_bytes())
    elif op == "replace":
        new = bytes.fromhex(step["hex"]) if "hex" in step else _parts(step)
        old = step["find"].encode("utf-8")
        data = path.read_bytes()
        assert old in data, f"{step}: text to replace not found"
        path.write_bytes(data.replace(old, new, 1))
    elif op == "crlf":
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    elif op == "cr":
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    elif op == "reencode":
        path.write_bytes(path.read_text(encoding="utf-8").encode(step["encoding"]))
    elif op == "text":  # a file written from the YAML string of the step (escapes and all)
        if "name_hex" in step:  # a name of raw bytes (not UTF-8) in the folder `path`
            path.mkdir(parents=True, exist_ok=True)
            path = Path(os.fsdecode(os.fsencode(path) + b"/" + bytes.fromhex(step["name_hex"])))
        path.write_text(step["text"], encoding="utf-8")
    elif op == "unlink":
        path.unlink()
    elif op == "rename":
        path.rename(plan / step["to"])
    elif op == "git":  # a git command in the case's folder (the plan's parent)
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c",
                        "init.defaultBranch=main", *step["args"]], cwd=plan.parent,
                       check=True, capture_output=True)
    elif op == "poison":  # a cache file that runs code (or tries to) when loaded
        path.write_bytes(poisoned(step["kind"]))
    else:
        raise AssertionError(f"unknown generate step {op!r}")


MARKER = "PWNED"  # what a poisoned cache file creates in the working folder when it runs


def poisoned(kind: str) -> bytes:
    """A pickle whose loading runs `touch PWNED`; marshal'd code doing the same if executed; a
    JSON cache entry claiming to be a Python object."""
    import marshal
    import pickle

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {MARKER}",))

    if kind == "pickle":
        return pickle.dumps(Payload())
    if kind == "marshal":
        return marshal.dumps(compile(f"open({MARKER!r}, 'w')", "cache", "exec"))
    return json.dumps({"py/object": "os.system", "args": [f"touch {MARKER}"],
                       "__reduce__": ["os.system", f"touch {MARKER}"]}).encode()


def _parts(step: dict) -> bytes:
    return b"".join(text.encode("utf-8") * times for text, times in step["parts"])


def build_case(case: dict, where: Path) -> Path:
    """The case's plan folder under `where` (returned): base + overlay - remove + generate."""
    plan = where / "plan"
    shutil.copytree(BASE, plan)
    for rel in case.get("remove", []) or []:
        target = plan / rel
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    overlay = OVERLAYS / case["case"]
    if overlay.is_dir():
        shutil.copytree(overlay, plan, dirs_exist_ok=True)
    for step in case.get("generate", []) or []:
        apply_step(plan, step)
    return plan


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]),
            "PYTHONIOENCODING": "utf-8"}


def run_pam(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m pam ARGS` in a fresh interpreter."""
    env = {**_env(), **(env or {})}
    return subprocess.run([sys.executable, "-m", "pam", *args], cwd=cwd, capture_output=True,
                          text=True, encoding=env["PYTHONIOENCODING"], errors="surrogateescape",
                          timeout=TIMEOUT, env=env)


class Runner:
    """Runs pam commands, each in a process of its own, forked from one that imported pam once.

    A child is a real process running pam's own entry point (pam.cli.main) with its own stdout
    and stderr files: exit codes, crashes (signals) and hangs (timeout) are seen as they would
    be from a shell, for ~40 ms a case instead of ~600 ms for a fresh interpreter. A few tests
    below run `python -m pam` itself, and PAM_CORPUS_EXEC=1 runs every case that way.
    """

    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, __file__, "--serve"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env=_env())

    def run(self, cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        if os.environ.get("PAM_CORPUS_EXEC") == "1":
            return run_pam(cwd, *args, env=env)
        out, err = cwd / ".stdout", cwd / ".stderr"
        job = {"cwd": str(cwd), "args": list(args), "out": str(out), "err": str(err),
               "timeout": TIMEOUT, "env": env or {}}
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        reply = json.loads(self.proc.stdout.readline())
        return subprocess.CompletedProcess(
            args, reply["rc"], out.read_text(encoding="utf-8", errors="surrogateescape"),
            err.read_text(encoding="utf-8", errors="surrogateescape"))

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=TIMEOUT)


def serve() -> None:
    """The runner process (python tests/test_corpus.py --serve): one JSON job per stdin line."""
    import signal
    import tempfile
    import time
    import traceback

    from pam.cli import main
    from pam.load.pipeline import load_plan

    with tempfile.TemporaryDirectory() as tmp:  # warm imports and parsers once, before forking
        shutil.copytree(BASE, Path(tmp) / "plan")
        load_plan(Path(tmp) / "plan")

    for line in sys.stdin:
        job = json.loads(line)
        pid = os.fork()
        if pid == 0:  # the child: run pam with stdout and stderr sent to the job's files
            code = 98
            try:
                os.chdir(job["cwd"])
                os.environ.update(job.get("env") or {})
                for fd, name in ((1, job["out"]), (2, job["err"])):
                    target = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                    os.dup2(target, fd)
                    os.close(target)
                try:
                    main(job["args"])
                    code = 0
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
                except BaseException:  # noqa: BLE001 - shown to the test as a traceback
                    traceback.print_exc()
                    code = 99
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
        deadline = time.monotonic() + job["timeout"]
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                rc = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                rc = "timeout"
                break
            time.sleep(0.002)
        sys.stdout.write(json.dumps({"rc": rc}) + "\n")
        sys.stdout.flush()


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    """Every case validated once, each by a `pam validate --plan plan` process of its own
    (two runners side by side)."""
    from concurrent.futures import ThreadPoolExecutor

    root = tmp_path_factory.mktemp("corpus")

    def run_share(cases: list[dict]) -> dict:
        runner, out = Runner(), {}
        try:
            for case in cases:
                where = root / case["case"]
                where.mkdir()
                build_case(case, where)
                out[case["case"]] = (where, runner.run(where, "validate", "--plan", "plan"))
        finally:
            runner.close()
        return out

    with ThreadPoolExecutor(max_workers=2) as pool:
        shares = list(pool.map(run_share, [CASES[0::2], CASES[1::2]]))
    return {**shares[0], **shares[1]}


def assert_no_crash(proc: subprocess.CompletedProcess) -> None:
    assert proc.returncode in (0, 1, 2), (proc.returncode, proc.stdout, proc.stderr)
    for stream in (proc.stdout, proc.stderr):
        assert "Traceback" not in stream, stream
        assert "internal error" not in stream, stream
        assert "internal-check-error" not in stream, stream
        raw = RAW.search(stream)
        assert raw is None, f"raw U+{ord(raw.group()):04X} in the output: {stream!r}"


def test_the_corpus_is_complete():
    names = [c["case"] for c in CASES]
    assert len(names) >= 60
    hostile = load_cases("hostile.yaml")
    assert len(hostile) >= 100, "issue 12: at least 100 cases of hostile input and faults"
    assert {c.get("class") for c in hostile} == set(CLASSES), "every class has cases"
    assert len(set(names)) == len(names), "case names must be unique"
    folders = {p.name for p in OVERLAYS.iterdir()}
    assert folders <= set(names), f"folders without a case: {folders - set(names)}"
    for case in CASES:
        assert case.get("about"), case["case"]
        assert (OVERLAYS / case["case"]).is_dir() or case.get("generate") or \
            case.get("remove") or case.get("run")
        if not case.get("ok"):
            assert {"file", "code", "line", "column"} <= set(case), case["case"]


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_case(case, results):
    where, proc = results[case["case"]]
    assert_no_crash(proc)
    out = proc.stdout.splitlines()
    for line in out:
        match = LINE.match(line)
        assert match, f"not a located problem: {line!r}"
        assert int(match["line"]) >= 1 and int(match["column"]) >= 1
    if case.get("ok"):
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert not [line for line in out if "error[" in line], proc.stdout
        return
    assert proc.returncode == 1, proc.stdout + proc.stderr
    expected = f"plan/{case['file']}:{case['line']}:{case['column']}: error[{case['code']}]: "
    found = [line for line in out if line.startswith(expected)]
    assert found, f"expected {expected!r} in:\n{proc.stdout}"
    message = found[0][len(expected):]
    assert len(message) >= 30, f"message too short to say what and how: {message!r}"


# the classes of issue 12, as tests/corpus/hostile.yaml names them (key `class`)
CLASSES = {"cache": "code execution from a cache", "write": "a write that locks everyone out",
           "freeze": "a published card changed", "files": "a file not read, or read twice",
           "outside": "a write outside the workspace", "text": "raw control text",
           "env": "a fault of the environment", "checked": "a rule that must be checked"}


def test_case_warnings(case, results):
    """An accepted case that names a warning gives it, located, with a message that says how."""
    if not case.get("warn"):
        return
    _where, proc = results[case["case"]]
    where = f"plan/{case['file']}:" + (f"{case['line']}:{case['column']}: " if "line" in case
                                       else "")
    for code in case["warn"]:
        lines = [line for line in proc.stdout.splitlines()
                 if line.startswith(where) and f"warning[{code}]: " in line]
        assert lines, f"expected a warning[{code}] at {where} in:\n{proc.stdout}"


test_case_warnings = pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])(
    test_case_warnings)


def test_case_runs(case, results, runner_once):
    """The commands of a case (`run`), each with its exit code and what it must (not) say,
    then what must hold of the files (`after`)."""
    if not case.get("run") and not case.get("after"):
        return
    where, _proc = results[case["case"]]
    before = {rel: _snapshot(where / rel) for rel in (case.get("after") or {}).get("unchanged", [])}
    for step in case.get("run") or []:
        args = [_arg(a) for a in step["args"]]
        env = {k: str(v) for k, v in (step.get("env") or {}).items()}
        proc = run_pam(where, *args, env=env) if step.get("exec") else \
            runner_once.run(where, *args, env=env)
        assert_no_crash(proc)
        said = proc.stdout + proc.stderr
        assert proc.returncode == step.get("exit", 0), (args, said)
        for text in _list(step.get("says")):
            assert text in said, f"{args}: expected {text!r} in:\n{said}"
        for text in _list(step.get("never")):
            assert text not in said, f"{args}: {text!r} should not be in:\n{said}"
        if step.get("github"):
            for line in proc.stdout.splitlines():
                assert GITHUB_LINE.match(line), f"not one annotation: {line!r}"
    after = case.get("after") or {}
    for rel, snap in before.items():
        assert _snapshot(where / rel) == snap, f"{rel} changed"
    for rel in after.get("absent", []):
        assert not os.path.lexists(where / rel), f"{rel} should not exist"
    for rel in after.get("exists", []):
        assert os.path.lexists(where / rel), f"{rel} should exist"
    for pattern, count in (after.get("count") or {}).items():
        found = sorted(p.relative_to(where).as_posix() for p in where.glob(pattern))
        assert len(found) == count, (pattern, found)
    assert not list(where.rglob(MARKER)), "a cache file ran code"
    if after.get("valid"):
        proc = runner_once.run(where, "validate", "--plan", "plan")
        assert_no_crash(proc)
        assert proc.returncode == 0, proc.stdout + proc.stderr


test_case_runs = pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])(
    test_case_runs)


def _list(value) -> list:
    return [] if value is None else value if isinstance(value, list) else [value]


def _arg(value) -> str:
    """A command-line argument: text, {repeat: TEXT, times: N} for long ones, or {hex: BYTES}."""
    if isinstance(value, dict) and "hex" in value:  # bytes that are not UTF-8, as argv has them
        return bytes.fromhex(value["hex"]).decode("utf-8", "surrogateescape")
    if isinstance(value, dict):
        return value["repeat"] * value["times"]
    return str(value)


def _snapshot(path: Path):
    if path.is_symlink():
        return ("link", os.readlink(path))
    if path.is_dir():
        return ("dir", sorted(p.relative_to(path).as_posix() for p in path.rglob("*")))
    return ("file", path.read_bytes()) if path.exists() else None


def test_python_tag_never_runs(results):
    where, proc = results["python-tag"]
    assert not (where / "PWNED").exists() and not (where / "plan" / "PWNED").exists()


STATUS_CASES = ["invalid-utf8", "alias-bomb", "fifo-named-yaml"]
CARD_CASES = ["progress-as-string", "unknown-action"]  # errors in a card, not in the plan


@pytest.mark.parametrize("name", STATUS_CASES)
def test_status_refuses_a_bad_plan(name, tmp_path):
    case = next(c for c in CASES if c["case"] == name)
    build_case(case, tmp_path)
    proc = run_pam(tmp_path, "status", "--plan", "plan", "--as-of", "2019-12-31")
    assert_no_crash(proc)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    expected = f"plan/{case['file']}:{case['line']}:{case['column']}: error[{case['code']}]: "
    assert expected in proc.stderr, proc.stderr


@pytest.mark.parametrize("name", CARD_CASES)
def test_status_leaves_a_broken_card_out_and_names_it(name, tmp_path):
    """One broken card blocks no one else: status shows the figures without it and names it
    (with its error) above them; --strict refuses as for any error (issue 14)."""
    case = next(c for c in CASES if c["case"] == name)
    build_case(case, tmp_path)
    expected = f"plan/{case['file']}:{case['line']}:{case['column']}: error[{case['code']}]: "
    proc = run_pam(tmp_path, "status", "--plan", "plan", "--as-of", "2019-12-31")
    assert_no_crash(proc)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 card left out of these figures" in proc.stdout
    assert expected in proc.stdout.replace("\n", " ").replace("  ", " ") or \
        expected.split(": error")[0] in proc.stdout
    strict = run_pam(tmp_path, "status", "--plan", "plan", "--as-of", "2019-12-31", "--strict")
    assert strict.returncode == 1 and expected in strict.stderr, strict.stderr


@pytest.mark.parametrize("name", ["bom-crlf-card-accepted", "cost-nan"])
def test_the_parse_cache_gives_the_same_answer(name, tmp_path):
    """A second run (parse cache and plan snapshot warm) reports exactly what the first did."""
    case = next(c for c in CASES if c["case"] == name)
    build_case(case, tmp_path)
    first = run_pam(tmp_path, "validate", "--plan", "plan")
    second = run_pam(tmp_path, "validate", "--plan", "plan")
    assert_no_crash(second)
    assert (first.returncode, first.stdout) == (second.returncode, second.stdout)


@pytest.mark.parametrize("name", ["deep-flow-100000", "python-tag", "bom-accepted"])
def test_a_fresh_interpreter_agrees_with_the_runner(name, results, tmp_path):
    """`python -m pam validate` gives the runner's exit code and output, byte for byte."""
    case = next(c for c in CASES if c["case"] == name)
    build_case(case, tmp_path)
    proc = run_pam(tmp_path, "validate", "--plan", "plan")
    assert_no_crash(proc)
    _, expected = results[name]
    assert (proc.returncode, proc.stdout) == (expected.returncode, expected.stdout)


@pytest.mark.parametrize("where, found", [("nowhere", "found nothing"),
                                          ("plan/program.yaml", "found a file")])
def test_a_plan_folder_that_is_not_there(where, found, runner_once, tmp_path):
    shutil.copytree(BASE, tmp_path / "plan")
    for command in ("validate", "status"):
        proc = runner_once.run(tmp_path, command, "--plan", where)
        assert_no_crash(proc)
        assert proc.returncode == 1
        assert f"{where}:1:1: error[plan-not-found]: expected a plan folder at '{where}', " \
               f"{found}" in proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def runner_once():
    runner = Runner()
    yield runner
    runner.close()


if __name__ == "__main__" and sys.argv[1:] == ["--serve"]:
    serve()
