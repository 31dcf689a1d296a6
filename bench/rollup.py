"""The roll-up benchmark (issue 19): `pam rollup` over 150 and 1,500 synthetic communes
(bench/communes.py), wall time and peak memory, written as a section of BENCHMARKS.md.

Usage: python -m bench.rollup [--out BENCHMARKS.md]   (only this section; `make bench` runs it
with the rest). The 1,500-commune roll-up runs twice, the 150 one three times: the machine is
shared, and the figure that matters is far from its target or not.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = ((150, 3), (1500, 2))  # communes, runs
AS_OF = "2027-12-31"
BEGIN, END = "<!-- rollup benchmark: written by bench/rollup.py -->", "<!-- end of rollup -->"
TARGET_S, TARGET_MIB, TARGET_GROWTH = 60.0, 4096.0, 12.0


def command(bundles: Path, out: Path) -> list[str]:
    return [sys.executable, "-c", "from pam.cli import main; main()", "rollup", str(bundles),
            "--as-of", AS_OF, "--by", "region", "--out", str(out)]


def run(work: Path) -> tuple[dict, dict]:
    """Generate each size (untimed, in a child process) and time its roll-up."""
    from bench.run import Spec, measure_group

    spaces, results = {}, {}
    for count, _runs in SIZES:
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "bench.communes", str(count),
                               str(work / f"communes-{count}")], cwd=ROOT, check=True,
                              capture_output=True, text=True)
        spaces[count] = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"  generated {count} communes: {spaces[count]} in "
              f"{time.perf_counter() - t0:.0f} s", flush=True)
    for count, runs in SIZES:
        spec = Spec(f"rollup {count}", f"pam rollup, {count} communes (HTML, --by region)",
                    command(work / f"communes-{count}", work / f"out-{count}"), runs, "plain")
        results.update(measure_group([spec], warm_up=False))
    return results, spaces


def section(results: dict, spaces: dict) -> list[str]:
    """The BENCHMARKS.md section: what was rolled up, the times, the targets."""
    small, big = results["rollup 150"], results["rollup 1500"]
    lines = [BEGIN, "## Roll-up of communes (`pam rollup`, issue 19)", "",
             f"Written by bench/rollup.py on {time.strftime('%Y-%m-%d')}. Synthetic bundles "
             "(bench/communes.py: the same files as `pam export bundle` writes, packed by "
             "`pam.rollup.bundle.pack`; varied plans with credits, funding lines and physical "
             "indicators, six years of half-monthly cards made by a formula, with commitments, "
             "payments and indicator values, marked simulated), rolled up at the end of the mandate "
             f"(`--as-of {AS_OF}`, every entry counts) with `--by region`, HTML output; wall "
             "time of the whole command (reading and checking every bundle, DuckDB, the "
             "page) and its peak RSS. No warm-up run: each run reads every file afresh.", "",
             "| communes | actions | projects | cards | card entries | smallest / largest plan "
             "| bundles (MiB) |", "|---:|---:|---:|---:|---:|---|---:|"]
    for count, s in spaces.items():
        lines.append(f"| {count} | {s['actions']:,} | {s['projects']:,} | {s['cards']:,} | "
                     f"{s['entries']:,} | {s['smallest']} / {s['largest']} actions | "
                     f"{s['bytes'] / 2 ** 20:.0f} |")
    lines += ["", "| command | runs | median s | min | max | peak MiB |",
              "|---|---:|---:|---:|---:|---:|"]
    for t in (small, big):
        lines.append(f"| {t.name} | {len(t.times)} | {t.median:.2f} | {min(t.times):.2f} | "
                     f"{max(t.times):.2f} | {t.peak_mib:.0f} |")
    growth = big.median / small.median
    per_entry = big.median / spaces[1500]["entries"] * 1e6
    lines += ["", "| target | value | holds |", "|---|---:|---|",
              f"| 1,500 communes ≤ {TARGET_S:.0f} s | {big.median:.1f} s | "
              f"{_holds(big.median <= TARGET_S)} |",
              f"| 1,500 communes ≤ 4 GiB peak | {big.peak_mib:.0f} MiB | "
              f"{_holds(big.peak_mib <= TARGET_MIB)} |",
              f"| linear growth: t(1,500) / t(150) ≤ {TARGET_GROWTH:.0f} | {growth:.1f} | "
              f"{_holds(growth <= TARGET_GROWTH)} |",
              f"| for information: seconds per million card entries (1,500) | {per_entry:.2f} "
              "| — |", "", END]
    return lines


def _holds(ok: bool) -> str:
    return "yes" if ok else "**no**"


def update(path: Path, lines: list[str]) -> None:
    """Put the section into BENCHMARKS.md, in place of the one there (else at the end)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = "\n".join(lines) + "\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1].lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results, spaces = run(args.work)
    update(args.out, section(results, spaces))
    print(f"wrote the roll-up section of {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
