"""Synthetic, seeded workspaces for the benchmark. Every card says it is synthetic.

- dakhla-3y: the shipped Dakhla plan with a card for every project every half month of
  2017-2019 (3 years, 42 projects x 72 periods).
- x10, x100: the plan copied 10 and 100 times (ids prefixed K001…, about 1,500 and 15,000
  actions) with 6 years of cards, one card per project per year (31 December), so that
  x100 stays a folder of 25,000 files rather than 600,000.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

from pam.load import load_plan
from pam.periods import period_bounds, periods_between
from pam.progress import card_text
from pam.schedule import planned_at

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
    shutil.copy(src / "program.yaml", dst / "program.yaml")
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


def generate(shipped: Path, out: Path, kind: str, seed: int = 2017) -> dict:
    """Write one workspace (plan folder) and return a description of it."""
    if out.exists():
        shutil.rmtree(out)
    copies = {"dakhla-3y": 1, "x10": 10, "x100": 100}[kind]
    _copy_plan(shipped, out, copies)
    plan, problems = load_plan(out, cards=False)
    errors = [p.render() for p in problems if p.severity == "error"]
    if errors:
        raise SystemExit("generated plan does not validate:\n" + "\n".join(errors[:10]))
    rng = random.Random(seed)
    if kind == "dakhla-3y":
        periods = periods_between(dt.date(2017, 1, 1), dt.date(2019, 12, 31))
    else:
        periods = [f"{y}-12b" for y in range(2017, 2023)]
    cards = _cards(plan, out, periods, rng)
    return {"kind": kind, "actions": len(plan.actions()), "projects": len(plan.projects()),
            "cards": cards, "files": cards + 1 + len(plan.domains)}


if __name__ == "__main__":  # python -m bench.generate KIND OUT_PLAN_DIR
    import sys

    print(json.dumps(generate(Path(__file__).resolve().parents[1] / "plan", Path(sys.argv[2]),
                              sys.argv[1])))
