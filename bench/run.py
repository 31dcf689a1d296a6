"""Time whole commands on synthetic workspaces; print medians and ratios; write BENCHMARKS.md.

Usage: python -m bench.run [--runs N] [--quick] [--out BENCHMARKS.md]

Each command runs once to warm up, then N times; we keep wall time (median, min, max) and the
peak resident memory of the child process and its children (from wait4). Ratios are computed
between figures of the same run, since absolute times drift on shared machines. The benchmark
process itself imports nothing heavy, so that its children's peak memory is theirs.

- "cold": PAM_NO_CACHE=1 (every file read and checked, templates compiled);
- "warm": pam's caches (in a cache folder of the benchmark) filled by an untimed run of the
  same command just before each timed run;
- "one changed card": the same untimed run, then one card gets a comment line appended (a new
  size and modification time), so pam reads that project's folder again and the rest from its
  cache;
- "fresh clone": the workspace is a git repository; before each run it is cloned afresh and
  the cache folder is empty, as in a commune's CI.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PAM = [PY, "-c", "from pam.cli import main; main()"]


@dataclass
class Timing:
    name: str
    times: list[float]
    peak_mib: float

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def run_once(cmd: list[str], env: dict, cwd: Path) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1) or "Traceback" in err:
        raise SystemExit(f"benchmark command failed ({code}): {' '.join(cmd)}\n{err[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


@dataclass
class Spec:
    """One command to time: its key in the results, label, argv, mode and run count.
    `before` runs (untimed) before each run; `cwd` is where the command runs."""
    key: str
    name: str
    cmd: list[str] | Callable[[], list[str]]
    runs: int
    mode: str  # cold | warm | changed | fresh | plain
    before: Callable[[], None] | None = None
    cwd: Path | Callable[[], Path] = ROOT
    env: dict = field(default_factory=dict)


CACHE = Path(tempfile.mkdtemp(prefix="pam-bench-cache-"))


def _env(spec: Spec) -> dict:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "PAM_CACHE_DIR": str(CACHE),
           **spec.env}
    env.pop("PAM_NO_CACHE", None)
    if spec.mode == "cold":
        env["PAM_NO_CACHE"] = "1"
    return env


PRIMED = ("warm", "changed")  # modes whose every timed run follows an untimed run of its own


def measure_group(specs: list[Spec], warm_up: bool = True) -> dict[str, Timing]:
    """Time commands whose figures are compared with each other, interleaved: one warm-up run
    of each (which also fills the caches of warm runs), then round after round, one run of
    every command still counting. A slow spell of the machine then falls on all of them
    alike instead of on whichever command ran at that moment."""
    def once(spec: Spec) -> tuple[float, float]:
        if spec.mode in PRIMED:  # the caches as this command itself leaves them (untimed):
            # commands timed in turn share a cache folder, and another one's changed card,
            # library versions or options must not make this run a recomputation
            run_once(spec.cmd() if callable(spec.cmd) else spec.cmd, _env(spec),
                     spec.cwd() if callable(spec.cwd) else spec.cwd)
        if spec.before:
            spec.before()
        cmd = spec.cmd() if callable(spec.cmd) else spec.cmd
        cwd = spec.cwd() if callable(spec.cwd) else spec.cwd
        return run_once(cmd, _env(spec), cwd)

    for spec in specs if warm_up else []:
        once(spec)
    times: dict[str, list[float]] = {s.key: [] for s in specs}
    peaks: dict[str, float] = {s.key: 0.0 for s in specs}
    for round_ in range(max(s.runs for s in specs)):
        for spec in specs:
            if round_ < spec.runs:
                t, m = once(spec)
                times[spec.key].append(t)
                peaks[spec.key] = max(peaks[spec.key], m)
    out = {}
    for spec in specs:
        timing = out[spec.key] = Timing(spec.name, times[spec.key], peaks[spec.key])
        print(f"  {spec.name:<58} median {timing.median:7.3f} s  min {min(timing.times):7.3f}"
              f"  max {max(timing.times):7.3f}  peak {timing.peak_mib:7.1f} MiB", flush=True)
    return out


def parse_loop_cmd(plan: Path, reader: str) -> list[str]:
    """A plain loop of one YAML reader over every file of the plan: the floor of reading."""
    setup, call = {
        "yaml-rs": ("import yaml_rs", "yaml_rs.loads(text, parse_datetime=False)"),
        "ruamel": ("from ruamel.yaml import YAML\ny = YAML(typ='safe')\n"
                   "assert 'CParser' in y.Parser.__name__, y.Parser", "y.load(text)"),
    }[reader]
    code = (f"import os\n{setup}\n"
            f"for top, _dirs, names in os.walk({str(plan)!r}):\n"
            "    for name in names:\n"
            "        if name.endswith('.yaml'):\n"
            "            with open(os.path.join(top, name), encoding='utf-8') as fh:\n"
            "                text = fh.read()\n"
            f"            {call}\n")
    return [PY, "-c", code]


def ensure_tj3() -> str | None:
    tj3 = shutil.which("tj3")
    if tj3:
        return tj3
    print("  tj3 (TaskJuggler) is missing: installing the Debian package tj3 …", flush=True)
    cmd = ["apt-get", "install", "-y", "-q", "tj3"]
    if os.geteuid() != 0:
        cmd = ["sudo", "-n", *cmd]
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=600,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"  could not install tj3 ({exc}); the TaskJuggler comparison is skipped")
        return None
    return shutil.which("tj3")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines()
                   if x.startswith("MemTotal")) / 1024 / 1024
    except (OSError, StopIteration):
        mem = 0
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM; {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}")


def pam(*a) -> list[str]:
    return [*PAM, *a]


def _changer(plan: Path) -> Callable[[], None]:
    """Appends a comment line to one card (the same card each time): a changed card."""
    card = sorted((plan / "progress").rglob("*.yaml"))[len(list((plan / "progress").iterdir()))]
    count = [0]

    def change() -> None:
        count[0] += 1
        with open(card, "a", encoding="utf-8") as fh:
            fh.write(f"# benchmark: a changed card ({count[0]})\n")
    return change


def _sized(kind: str, plan: Path, runs: int, quick_runs: int) -> list[Spec]:
    """status cold, warm and with one changed card; validate warm and changed."""
    change = _changer(plan)
    status, validate = pam("status", "--plan", str(plan)), pam("validate", "--plan", str(plan))
    cold_runs = 2 if kind == "city" else max(2, runs // 2)
    return [Spec(f"{kind} status cold", f"pam status {kind} (cold)", status, cold_runs,
                 "cold"),
            Spec(f"{kind} status warm", f"pam status {kind} (warm)", status, quick_runs,
                 "warm"),
            Spec(f"{kind} status changed", f"pam status {kind} (one changed card)", status,
                 quick_runs, "changed", before=change),
            Spec(f"{kind} validate warm", f"pam validate {kind} (warm)", validate, quick_runs,
                 "warm"),
            Spec(f"{kind} validate changed", f"pam validate {kind} (one changed card)",
                 validate, quick_runs, "changed", before=change)]


def _git_repository(plan: Path) -> Path:
    """The workspace committed into a git repository of its own (for the fresh-clone runs)."""
    repo = plan.parent / "repo"
    if repo.exists():
        shutil.rmtree(repo)
    shutil.copytree(plan, repo / "plan")
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "benchmark workspace"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, env=env,
                       capture_output=True)
    return repo


def _fresh(repo: Path) -> tuple[Callable[[], None], Callable[[], list[str]]]:
    """Before each run: a new clone and an empty cache folder; the command on that clone."""
    state: dict = {}

    def before() -> None:
        if state.get("dir"):
            shutil.rmtree(state["dir"], ignore_errors=True)
        state["dir"] = Path(tempfile.mkdtemp(prefix="pam-bench-clone-"))
        subprocess.run(["git", "clone", "-q", str(repo), str(state["dir"] / "ws")], check=True,
                       capture_output=True)
        shutil.rmtree(CACHE / "fresh", ignore_errors=True)

    def cmd() -> list[str]:
        ws = state["dir"] / "ws"
        return pam("report", "all", "--plan", str(ws / "plan"), "--out", str(ws / "reports"),
                   "--as-of", "2019-12-31")
    return before, cmd


TYPER_NEXT = "0.29.2"  # the newest typer, above pyproject.toml's upper pin


def _pdf_spec(work: Path, runs: int) -> Spec | None:
    """`pam report all --format pdf` on the example workspace (`pam demo`: the Dakhla plan
    with simulated cards), printed by headless Chromium; None without a browser."""
    from pam.report.pdf import chromium_path

    if chromium_path() is None:
        print("  no headless Chromium (make browser-deps installs it): the PDF row is skipped")
        return None
    example = work / "example"
    subprocess.run(pam("demo", str(example), "--force"), check=True, capture_output=True)
    out = Path(tempfile.mkdtemp(prefix="pam-bench-pdf-"))
    return Spec("report pdf", "pam report all --format pdf, example workspace (Chromium)",
                pam("report", "all", "--format", "pdf", "--plan", str(example / "plan"),
                    "--out", str(out)), runs, "warm")


def typer_venv(work: Path, version: str) -> Path | None:
    """A virtual environment with pam (editable) and typer `version`, for the row that shows
    why typer is pinned; None when it cannot be made (no package index)."""
    venv = work / f"venv-typer-{version}"
    py = venv / "bin" / "python"
    if not py.exists():
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True,
                           capture_output=True)
            deps = ["pydantic>=2.7", "ruamel.yaml>=0.18.6", "ruamel.yaml.clib>=0.2.8",
                    "yaml-rs>=0.1.6", "rich>=13.7", "jinja2>=3.1", "python-bidi>=0.4",
                    "arabic-reshaper>=3.0", f"typer=={version}"]
            subprocess.run([str(py), "-m", "pip", "install", "-q", *deps], check=True,
                           capture_output=True, timeout=600)
            subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "-e", str(ROOT)],
                           check=True, capture_output=True, timeout=600)
        except (OSError, subprocess.SubprocessError) as exc:
            print(f"  could not make a venv with typer {version} ({exc}); that row is skipped")
            shutil.rmtree(venv, ignore_errors=True)
            return None
    return py


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true",
                    help="fewer runs, skip x100, the city and the roll-up of communes")
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    args = ap.parse_args(argv)

    runs = 2 if args.quick else args.runs
    quick_runs = max(runs, 11)  # sub-second commands: more runs for a steadier median
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    print(f"pam benchmark — {machine()}")
    # pam's own bytecode, as `pip install` (not editable) writes it
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "pam")], check=True)
    spaces = {}
    for kind in ("dakhla-3y", "x10") + (() if args.quick else ("x100", "city")):
        t0 = time.perf_counter()
        # in a child process: this one stays small, since a child's peak memory as the kernel
        # reports it starts from its parent's size at fork
        done = subprocess.run([PY, "-m", "bench.generate", kind, str(work / kind / "plan")],
                              cwd=ROOT, capture_output=True, text=True, check=True)
        spaces[kind] = json.loads(done.stdout)
        print(f"  generated {kind}: {spaces[kind]} in {time.perf_counter() - t0:.1f} s")
    d3 = work / "dakhla-3y" / "plan"

    print("Dakhla plan with 3 years of half-monthly cards (commands interleaved):")
    specs = [Spec("floor", "import floor: import typer, pydantic, rich",
                  [PY, "-c", "import typer, pydantic, rich"], quick_runs, "plain"),
             Spec("python", "Python itself: python -c pass", [PY, "-c", "pass"], quick_runs,
                  "plain"),
             Spec("parse", "plain loop of the chosen reader (yaml-rs) over the same files",
                  parse_loop_cmd(d3, "yaml-rs"), quick_runs, "plain"),
             Spec("parse ruamel", "plain loop of ruamel's C loader over the same files",
                  parse_loop_cmd(d3, "ruamel"), runs, "plain"),
             # what pydantic adds to a process that checks one file: the models' module and
             # the schemas of the files a changed card is checked with (built on first use)
             Spec("cli", "what a warm run imports: import typer, pam.cli",
                  [PY, "-c", "import typer, pam.cli"], quick_runs, "plain"),
             Spec("models", "the same, then pydantic: import pam.model, build the program's, "
                  "domains' and cards' schemas",
                  [PY, "-c", "import typer, pam.cli, pam.model as m; m.Program.model_rebuild(); "
                   "m.Domain.model_rebuild(); m.Card.model_rebuild()"], quick_runs, "plain")]
    for name, cmd in (("validate", pam("validate", "--plan", str(d3))),
                      ("status", pam("status", "--plan", str(d3))),
                      ("status json", pam("status", "--plan", str(d3), "--format", "json"))):
        specs.append(Spec(f"{name} cold", f"pam {name} (cold)", cmd, quick_runs, "cold"))
        specs.append(Spec(f"{name} warm", f"pam {name} (warm)", cmd, quick_runs, "warm"))
    next_py = None if args.quick else typer_venv(work, TYPER_NEXT)
    if next_py is not None:
        specs.append(Spec("status warm typer next", f"pam status (warm) with typer {TYPER_NEXT}",
                          [str(next_py), "-c", "from pam.cli import main; main()", "status",
                           "--plan", str(d3)], quick_runs, "warm"))
    change = _changer(d3)
    for name, cmd in (("validate", pam("validate", "--plan", str(d3))),
                      ("status", pam("status", "--plan", str(d3)))):
        specs.append(Spec(f"{name} changed", f"pam {name} (one changed card)", cmd,
                          quick_runs, "changed", before=change))
    results: dict[str, Timing] = measure_group(specs)

    out_dir = Path(tempfile.mkdtemp(prefix="pam-bench-reports-"))
    report = pam("report", "all", "--plan", str(d3), "--out", str(out_dir),
                 "--as-of", "2019-12-31")
    before, fresh_cmd = _fresh(_git_repository(d3))
    specs = [Spec("report cold", "pam report all (cold)", report, runs, "cold"),
             Spec("report warm", "pam report all (warm)", report, runs, "warm"),
             Spec("report fresh", "pam report all on a fresh clone (first run, no cache)",
                  fresh_cmd, runs, "fresh", before=before,
                  env={"PAM_CACHE_DIR": str(CACHE / "fresh")})]
    tj3 = ensure_tj3()
    tj_dir = work / "tj3"
    if tj3:
        if tj_dir.exists():
            shutil.rmtree(tj_dir)
        tj_dir.mkdir()
        subprocess.run(pam("export", "tjp", "--plan", str(d3), "--as-of", "2019-12-31",
                           "--out", str(tj_dir / "pam.tjp")), check=True, capture_output=True)
        specs.append(Spec("tj3", "tj3 on the exported project (HTML+CSV report)",
                          [tj3, "--silent", "--output-dir", str(tj_dir),
                           str(tj_dir / "pam.tjp")], max(2, runs // 2), "plain"))
        # how much of tj3's time is its Gantt chart (day columns over six years by default)
        text = (tj_dir / "pam.tjp").read_text(encoding="utf-8")
        for key, columns, label in (
                ("tj3 month", "chart { scale month }", "a monthly Gantt chart"),
                ("tj3 no chart", None, "no Gantt chart")):
            variant = tj_dir / f"{key.replace(' ', '-')}.tjp"
            new = text.replace(", chart\n", f", {columns}\n" if columns else "\n")
            if new == text:
                continue
            variant.write_text(new, encoding="utf-8")
            out = tj_dir / key.replace(" ", "-")
            out.mkdir()
            specs.append(Spec(key, f"tj3, the same report with {label}",
                              [tj3, "--silent", "--output-dir", str(out), str(variant)],
                              max(2, runs // 2), "plain"))
    print("Reports, and TaskJuggler on the same plan (interleaved):")
    results.update(measure_group(specs))
    pdf = _pdf_spec(work, max(2, runs // 2))
    if pdf is not None:
        print("PDF reports of the example workspace:")
        results.update(measure_group([pdf]))
    for kind in spaces:
        if kind == "dakhla-3y":
            continue
        print(f"{kind} (interleaved):")
        results.update(measure_group(_sized(kind, work / kind / "plan", runs, quick_runs)))
    shutil.rmtree(out_dir, ignore_errors=True)
    shutil.rmtree(CACHE, ignore_errors=True)
    write_report(args.out, results, spaces, runs, quick_runs)
    if not args.quick:
        from bench import rollup

        print("pam rollup over synthetic communes (bench/rollup.py):")
        rollup.update(args.out, rollup.section(*rollup.run(work)))
    return 0


def ratios(r: dict[str, Timing]) -> list[tuple[str, str, float, str, bool | None]]:
    """(claim, formula, value, target, holds) for each target of the performance issues;
    holds is None for a figure given for information."""
    out = []

    def add(claim, formula, value, target, holds):
        out.append((claim, formula, value, target, holds))

    floor, parse = r["floor"].median, r["parse"].median
    v = r["status warm"].median / floor
    add("pam status, warm ≤ 1.5 × import floor", "status warm / floor", v, "≤ 1.5", v <= 1.5)
    v = r["status cold"].median / (floor + r["parse ruamel"].median)
    add("pam status, cold ≤ 1.3 × (import floor + ruamel's C-loader parse)",
        "status cold / (floor + ruamel parse)", v, "≤ 1.3", v <= 1.3)
    v = r["validate cold"].median / (floor + parse)
    add("pam validate, cold ≤ 1.5 × (import floor + the chosen reader's plain loop)",
        "validate cold / (floor + yaml-rs loop)", v, "≤ 1.5", v <= 1.5)
    v = r["validate cold"].median / parse
    add("for information: pam validate, cold / the chosen reader's plain loop alone (see "
        "the notes)", "validate cold / yaml-rs loop", v, "—", None)
    if "models" in r:
        v = r["validate cold"].median / (r["models"].median + parse)
        add("for information: pam validate, cold / (what it must import and build before "
            "the first card: typer, pam.cli, pydantic, pam.model, the schemas + the "
            "reader's loop)", "validate cold / (models + yaml-rs loop)", v, "—", None)
    v = r["validate cold"].median / r["parse ruamel"].median
    add("for information: pam validate, cold / the previous reader's plain loop (ruamel C)",
        "validate cold / ruamel loop", v, "—", None)
    if "status warm typer next" in r:
        v = r["status warm typer next"].median - r["status warm"].median
        add(f"typer's upper pin (<0.29): typer {TYPER_NEXT} costs pam status (warm) more than "
            "0.05 s", "warm with typer next - warm (s)", v, "> 0.05", v > 0.05)
    if "tj3" in r:
        v = r["tj3"].median / r["report fresh"].median
        add("pam report all on a fresh clone ≥ 10× faster than tj3", "tj3 / report fresh", v,
            "≥ 10", v >= 10)
        if "tj3 month" in r:
            v = r["tj3 month"].median / r["report fresh"].median
            add("the same against tj3 with a monthly Gantt chart (≥ 10×)",
                "tj3 month / report fresh", v, "≥ 10", v >= 10)
        v = r["tj3"].median / r["report warm"].median
        add("pam report all, warm, ≥ 10× faster than tj3", "tj3 / report warm", v, "≥ 10",
            v >= 10)
        v = r["report cold"].peak_mib / r["tj3"].peak_mib
        add("pam report all ≤ ⅓ of tj3's peak memory", "report peak / tj3 peak", v, "≤ 0.33",
            v <= 1 / 3)
    if "report pdf" in r:
        v = r["report pdf"].median
        add("pam report all --format pdf on the example workspace ≤ 10 s",
            "report pdf (s)", v, "≤ 10", v <= 10)
    if "x100 status cold" in r and "x10 status cold" in r:
        for mode in ("cold", "warm"):
            v = r[f"x100 status {mode}"].median / r[f"x10 status {mode}"].median
            add(f"linear growth ({mode}): t(x100) / t(x10) ≤ 12",
                f"x100 {mode} / x10 {mode}", v, "≤ 12", v <= 12)
        v = max(r["x100 status cold"].peak_mib, r["x100 status warm"].peak_mib)
        add("pam status at x100 < 2 GiB peak", "peak MiB", v, "< 2048", v < 2048)
    if "city status cold" in r:
        v = r["city status cold"].median
        add("large city, pam status cold ≤ 20 s", "city cold (s)", v, "≤ 20", v <= 20)
        v = r["city status cold"].peak_mib
        add("large city, pam status cold ≤ 1 GiB", "city cold peak MiB", v, "≤ 1024",
            v <= 1024)
        v = r["city status warm"].median
        add("large city, pam status warm ≤ 0.5 s", "city warm (s)", v, "≤ 0.5", v <= 0.5)
    models = r["models"].median - r["cli"].median if "models" in r and "cli" in r else None
    for prefix, label in (("", "Dakhla + 3 years"), ("x10 ", "x10"), ("x100 ", "x100"),
                          ("city ", "large city")):
        for cmd in ("status", "validate"):
            changed, warm = f"{prefix}{cmd} changed", f"{prefix}{cmd} warm"
            if changed in r and warm in r:
                v = r[changed].median / r[warm].median
                add(f"{label}: pam {cmd} with one changed card ≤ 2 × warm",
                    f"{changed} / {warm}", v, "≤ 2", v <= 2)
                if models is not None:
                    v = (r[warm].median + models) / r[warm].median
                    add(f"for information: {label}, the least one changed card can cost "
                        f"against warm (pam {cmd}): (warm + pydantic's part) / warm",
                        f"({warm} + models - cli) / {warm}", v, "—", None)
    return out


def notes(r: dict[str, Timing]) -> list[str]:
    """What the figures mean, from the figures of this run."""
    out = [
        "- Commands whose figures are compared are timed interleaved (one run of each in "
        "turn), so a slow spell of the shared machine falls on all of them alike.",
        "- pam's modules are byte-compiled first (`python -m compileall pam`, as a regular "
        "`pip install` does and `make install` does for the editable install).",
        "- \"cold\": PAM_NO_CACHE=1, every file read and checked, templates compiled; \"warm\": "
        "pam's caches (results per unit of files, compiled templates; in the user's cache "
        "folder, here a folder of the benchmark) filled by an untimed run of the same "
        "command just before each timed run (commands timed in turn share the cache folder: "
        "without it, another command's changed card or library versions would make a "
        "\"warm\" run recompute); \"one changed card\": the same untimed run, then one card "
        "gets a line appended; \"fresh clone\": a new `git clone` of the workspace and an "
        "empty cache folder before each run.",
        "- The YAML reader is yaml-rs (a Rust YAML 1.2 parser), with ruamel's C loader for "
        "any file with something unusual in it and for every error's message.",
        "- Scaled plans (x10, x100) carry one card per project per year; the large city "
        "(`city`, bench/generate.py) a card per project per half month over six years.",
        "- Peak memory is the command's own and its children's (pam uses two processes on "
        "big workspaces; the benchmark process imports nothing heavy).",
    ]
    if "parse" in r and "floor" in r and "validate cold" in r:
        out.append(
            f"- The reading floor: the chosen reader's plain loop over the Dakhla files takes "
            f"{r['parse'].median:.3f} s and Python alone {r['python'].median:.3f} s; any pam "
            f"command also imports typer, pydantic and rich ({r['floor'].median:.3f} s), so "
            "the cold-validate target is measured against import floor + reading floor. "
            f"Against the reader's loop alone the ratio is "
            f"{r['validate cold'].median / r['parse'].median:.1f}: the reader is so fast that "
            "validating the data with pydantic and checking it costs more than reading it.")
    if "models" in r and "cli" in r and "validate warm" in r:
        part = r["models"].median - r["cli"].median
        out.append(
            f"- What one changed card cannot avoid: checking a file means pydantic's models; "
            f"importing them and building the schemas of program.yaml, a domain file and a "
            f"card adds {part:.3f} s to a process that has what a warm run imports "
            f"({r['cli'].median:.3f} s). A warm `pam validate` of the Dakhla workspace takes "
            f"{r['validate warm'].median:.3f} s in all, so one changed card costs at least "
            f"{(r['validate warm'].median + part) / r['validate warm'].median:.2f} × warm "
            "there, whatever else is cached (the rows 'for information: ... the least one "
            "changed card can cost'). The 2 × target can hold only where a warm run costs "
            "more than pydantic's part: on big plans, not at Dakhla's size.")
    if "status warm typer next" in r:
        out.append(
            f"- typer is pinned below 0.29: with typer {TYPER_NEXT} a warm `pam status` takes "
            f"{r['status warm typer next'].median:.3f} s against {r['status warm'].median:.3f} s "
            "(typer 0.29 builds a pydantic TypeAdapter for each option as it parses the command "
            "line). The pin can go when that row's difference drops under 0.05 s, or if pam "
            "builds its command line another way.")
    if "tj3 month" in r and "tj3 no chart" in r:
        out.append(
            f"- tj3's time is mostly its Gantt chart: the exported report (`columns bsi, name, "
            f"start, end, complete, chart`) takes {r['tj3'].median:.1f} s; with `chart "
            f"{{ scale month }}` {r['tj3 month'].median:.1f} s; without the chart "
            f"{r['tj3 no chart'].median:.1f} s. pam's `report all` writes 92 reports "
            "(Markdown and HTML with inline SVG charts), not one Gantt table.")
    return out


def write_report(path: Path, r: dict[str, Timing], spaces: dict, runs: int,
                 quick_runs: int) -> None:
    lines = ["# Benchmarks", "",
             f"Written by `make bench` (bench/run.py) on {time.strftime('%Y-%m-%d')}.", "",
             f"Machine: {machine()}.", "",
             "Each command: one warm-up run, then the runs counted (wall time of the whole "
             f"process; peak RSS of it and its children). Runs per command: {runs} "
             f"(sub-second commands: {quick_runs}; scaled plans' cold runs and tj3: fewer). "
             "Ratios compare medians of the same run.", "",
             "Workspaces (synthetic, seeded; every card says so):", ""]
    for kind, desc in spaces.items():
        lines.append(f"- **{kind}**: {desc['actions']} actions, {desc['projects']} projects, "
                     f"{desc['cards']} cards ({desc['files']} files)")
    lines += ["", "| command | median s | min | max | peak MiB |", "|---|---:|---:|---:|---:|"]
    for t in r.values():
        lines.append(f"| {t.name} | {t.median:.3f} | {min(t.times):.3f} | {max(t.times):.3f} "
                     f"| {t.peak_mib:.0f} |")
    lines += ["", "## Targets", "", "| target | measured | value | holds |", "|---|---|---:|---|"]
    print("Ratios (same run):")
    for claim, formula, value, _target, holds in ratios(r):
        said = {True: ("yes", "ok"), False: ("**no**", "MISSED"), None: ("—", "")}[holds]
        lines.append(f"| {claim} | {formula} | {value:.2f} | {said[0]} |")
        print(f"  {claim[:60]:<60} {formula:<36} {value:8.2f}  {said[1]}")
    lines += ["", "## Notes", "", *notes(r)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    raise SystemExit(main())
