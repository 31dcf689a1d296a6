"""Synthetic, seeded workspaces for the benchmark. Every card says it is synthetic.

- dakhla-3y: the shipped Dakhla plan with a card for every project every half month of
  2017-2019 (3 years, 42 projects x 72 periods).
- x10, x100: the plan copied 10 and 100 times (ids prefixed K001…, about 1,500 and 15,000
  actions) with 6 years of cards, one card per project per year (31 December), so that
  x100 stays a folder of 25,000 files rather than 600,000.
- city: a large city's PAC (about 3,900 actions in 1,100 projects, shapes varied at random,
  not copies of one plan) with a card per project per half month over six years: about
  158,000 files, the size of Casablanca's program monitored as the decree asks.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
from pathlib import Path

from pam.load.pipeline import load_plan
from pam.monitor.schedule import planned_at
from pam.periods import period_bounds, periods_between
from pam.progress import card_text

BANNER = "SYNTHETIC BENCHMARK DATA (bench/generate.py): not real progress of any commune."


def _cards(plan, root: Path, periods: list[str], rng: random.Random) -> int:
    count = 0
    for project in plan.projects():
        factor = rng.uniform(0.6, 1.1)
        value = {x.id: 0.0 for x in project.actions}
        for period in periods:
            day = period_bounds(period)[1]
            entries = []
            for x in project.actions:
                planned = planned_at(x.targets, day)
                if planned is None:
                    continue
                value[x.id] = max(value[x.id], min(100.0, round(planned * factor)))
                entries.append({"action": x.id, "progress": value[x.id], "state":
                                "done" if value[x.id] >= 100 else "ongoing",
                                "spent": round((x.cost_value or 0) * value[x.id] / 100, 3)
                                if x.cost_value else None})
            text = card_text(plan, project.id, period, day, entries, example=True,
                             banner=BANNER, reporter="synthetic")
            path = root / "progress" / project.id / f"{period}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            count += 1
    return count


def _copy_plan(src: Path, dst: Path, copies: int) -> None:
    (dst / "domains").mkdir(parents=True)
    program = (src / "program.yaml").read_text(encoding="utf-8")
    if copies > 1:  # the copies' ids are prefixed: public.infrastructure would name none
        program = re.sub(r"(?m)^  infrastructure:\n(?:(?:    .*| *#.*)?\n)*", "", program)
    (dst / "program.yaml").write_text(program, encoding="utf-8")
    if copies == 1:
        for f in sorted((src / "domains").glob("*.yaml")):
            shutil.copy(f, dst / "domains" / f.name)
        return
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    yaml.allow_unicode = True
    plan, _ = load_plan(src, cards=False)
    for k in range(1, copies + 1):
        prefix = f"K{k:03d}"
        for d in plan.domains:
            data = d.model_dump(exclude_defaults=True)
            _prefix_ids(data, prefix)
            with open(dst / "domains" / f"{prefix}-{d.id.lower()}.yaml", "w",
                      encoding="utf-8") as fh:
                yaml.dump(data, fh)


def _prefix_ids(node, prefix: str) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            node["id"] = prefix + node["id"]
        for v in node.values():
            _prefix_ids(v, prefix)
    elif isinstance(node, list):
        for v in node:
            _prefix_ids(v, prefix)


def _city_plan(dst: Path, rng: random.Random, projects: int = 1100) -> None:
    """A synthetic plan of `projects` projects in 8 domains, 1-7 actions each (mean ~3.5),
    cumulative targets over 2017-2022 drawn at random; every file says it is synthetic."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    yaml.allow_unicode = True
    (dst / "domains").mkdir(parents=True)
    program = (Path(__file__).resolve().parents[1] / "plan" / "program.yaml").read_text(
        encoding="utf-8")
    program = program.split("\ndeclared:")[0] if "\ndeclared:" in program else program
    (dst / "program.yaml").write_text(f"# {BANNER}\n" + program, encoding="utf-8")
    per_domain = [projects // 8 + (1 if i < projects % 8 else 0) for i in range(8)]
    for d, count in enumerate(per_domain, 1):
        axes_n = rng.randint(3, 6)
        cuts = sorted(rng.sample(range(1, count), axes_n - 1))
        sizes = [b - a for a, b in zip([0, *cuts], [*cuts, count], strict=True)]
        axes = []
        for a, size in enumerate(sizes, 1):
            projs = []
            for p in range(1, size + 1):
                pid = f"D{d}.A{a}.P{p}"
                actions = []
                for x in range(1, rng.choice((1, 2, 2, 3, 3, 4, 4, 5, 6, 6)) + 1):
                    first = rng.randint(2017, 2021)
                    last = rng.randint(first, 2022)
                    steps = sorted(rng.sample(range(5, 100), last - first)) + [100]
                    targets = {y: v for y, v in zip(range(first, last + 1), steps, strict=True)}
                    cost = rng.choice((round(rng.uniform(0.05, 40), 2), "-", "*", None))
                    actions.append({"id": f"{pid}.{x:02d}", "text": f"إجراء تجريبي {pid}.{x:02d}",
                                    "cost": cost, "targets": targets})
                projs.append({"id": pid, "name": {"ar": f"مشروع تجريبي {pid}"},
                              "actions": actions})
            axes.append({"id": f"D{d}.A{a}", "name": {"ar": f"محور تجريبي D{d}.A{a}"},
                         "projects": projs})
        with open(dst / "domains" / f"d{d}.yaml", "w", encoding="utf-8") as fh:
            fh.write(f"# {BANNER}\n")
            yaml.dump({"id": f"D{d}", "name": {"ar": f"مجال تجريبي D{d}"}, "axes": axes}, fh)


def generate(shipped: Path, out: Path, kind: str, seed: int = 2017) -> dict:
    """Write one workspace (plan folder) and return a description of it."""
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(seed)
    if kind == "city":
        _city_plan(out, rng)
    else:
        _copy_plan(shipped, out, {"dakhla-3y": 1, "x10": 10, "x100": 100}[kind])
    plan, problems = load_plan(out, cards=False)
    errors = [p.render() for p in problems if p.severity == "error"]
    if errors:
        raise SystemExit("generated plan does not validate:\n" + "\n".join(errors[:10]))
    if kind == "dakhla-3y":
        periods = periods_between(dt.date(2017, 1, 1), dt.date(2019, 12, 31))
    elif kind == "city":
        periods = periods_between(dt.date(2017, 1, 1), dt.date(2022, 12, 31))
    else:
        periods = [f"{y}-12b" for y in range(2017, 2023)]
    cards = _cards(plan, out, periods, rng)
    return {"kind": kind, "actions": len(plan.actions()), "projects": len(plan.projects()),
            "cards": cards, "files": cards + 1 + len(plan.domains)}


if __name__ == "__main__":  # python -m bench.generate KIND OUT_PLAN_DIR
    import sys

    print(json.dumps(generate(Path(__file__).resolve().parents[1] / "plan", Path(sys.argv[2]),
                              sys.argv[1])))
