"""pam demo --fictional: a FICTIONAL commune's workspace, its invented plan (physical
indicators, credits by budget year, partners under agreements) plus SIMULATED cards.

The commune of Amtal does not exist: every file, the program's `example:` block (fictional:
true) and every view say so. The Dakhla plan, the real one pam ships, has no indicators or
partners; this example is where those features are shown, and what the tests and README use.

The simulation tells a few stories on purpose, each written down in STORIES so that nobody
mistakes them for findings: paving paid well ahead of the work (spending_ahead), classrooms
reported built in progress but not counted (indicator_stalled), a youth centre running late.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from pam.fsio import write_atomic
from pam.monitor.indicators import planned_value, start_of
from pam.monitor.money import allocated_at
from pam.monitor.schedule import planned_at
from pam.periods import period_bounds, periods_between
from pam.plan import Plan
from pam.progress import card_text

BANNER = ("FICTIONAL COMMUNE AND SIMULATED CARDS written by `pam demo --fictional` (seed {seed}):"
          " Amtal does not exist; nothing here is real. جماعة خيالية وبيانات محاكاة.")
NOTICE = ("FICTIONAL COMMUNE (pam demo --fictional, seed {seed}): invented plan, simulated "
          "cards · جماعة خيالية · commune fictive")
DEFAULT_AS_OF = "2025-06-30"

# action id -> (story, what it shows): the simulation's deliberate cases
STORIES = {
    "D1.A1.P1.02": ("spending_ahead", "payments run ahead of the paving: advances paid on "
                                      "sections not yet done"),
    "D1.A2.P1.01": ("stalled", "the walls go up (progress) but no classroom is handed over "
                               "(the indicator stays at its baseline)"),
    "D3.A1.P1.01": ("late", "the youth centre runs late (procurement)"),
}


@dataclass
class _Sim:
    factor: float
    story: str = "steady"
    value: float = 0.0
    committed: float = 0.0
    paid: float = 0.0
    measures: dict = field(default_factory=dict)


def write_fictional(source: Plan, out: Path, *, seed: int, as_of: dt.date, force: bool) -> str:
    """Write DIR/plan (the fictional program marked fictional and simulated, its domains,
    simulated cards) and DIR/README.md; the same checks as pam demo."""
    from pam.scaffold.demo import replace_workspace

    def build(root: Path) -> int:
        banner = BANNER.format(seed=seed)
        program = (source.root / "program.yaml").read_text(encoding="utf-8")
        body = program.split("\nexample:", 1)[0].rstrip("\n")
        write_atomic(root / "plan" / "program.yaml",
                     f"# {banner}\n{body}\nexample:\n  simulated: true\n  fictional: true\n"
                     f"  as_of: {as_of.isoformat()}\n  seed: {seed}\n"
                     f"  notice: \"{NOTICE.format(seed=seed)}\"\n")
        for f in sorted((source.root / "domains").glob("*.y*ml")):
            write_atomic(root / "plan" / "domains" / f.name, f.read_text(encoding="utf-8"))
        write_atomic(root / "README.md", _readme(banner, as_of))
        return simulate(source, root / "plan", random.Random(seed), as_of, banner)

    return replace_workspace(source, Path(out), as_of=as_of, force=force, build=build)


def simulate(plan: Plan, root: Path, rng: random.Random, as_of: dt.date, banner: str) -> int:
    """Simulated cards of every project, one per half month most of the time, up to as_of."""
    periods = periods_between(dt.date(plan.loaded_program.period.start, 1, 1), as_of)
    count = 0
    for project in plan.projects():
        sims = {x.id: _Sim(factor=rng.uniform(0.88, 1.05),
                           story=STORIES.get(x.id, ("steady", ""))[0]) for x in project.actions}
        for s in sims.values():  # the stories hold whatever the seed
            if s.story == "late":
                s.factor = 0.6
            elif s.story == "spending_ahead":
                s.factor = min(s.factor, 0.88)
        head = "رئيس المشروع (خيالي) / chef de projet (fictif)"
        for period in periods:
            if rng.random() > 0.85:
                continue
            day = min(period_bounds(period)[1], as_of)
            entries = [e for x in project.actions
                       if (e := _entry(project, x, sims[x.id], day, rng, first=x is
                                       project.actions[0])) is not None]
            if not entries:
                continue
            late = any(sims[e["action"]].story == "late" for e in entries)
            obstacles = [{"text": "طلب عروض غير مثمر — appel d'offres infructueux (fictif)",
                          "category": "procurement", "id": "o1"}] if late else []
            solutions = [{"text": "إعادة إطلاق طلب العروض — relancer l'appel d'offres",
                          "answers": "o1", "owner": "مصلحة الصفقات — service des marchés",
                          "due": day + dt.timedelta(days=45)}] if late else []
            text = card_text(plan, project.id, period, day, entries, reporter=head,
                             example=True, banner=banner, obstacles=obstacles,
                             solutions=solutions)
            write_atomic(root / "progress" / project.id / f"{period}.yaml", text)
            count += 1
    return count


def _entry(project, x, s: _Sim, day: dt.date, rng: random.Random, first: bool) -> dict | None:
    """One action's line on the card of `day`, or None before its work starts."""
    planned = planned_at(x.targets, day)
    if not planned:
        return None
    s.value = max(s.value, min(100.0, round(planned * s.factor + rng.uniform(-2, 2))))
    if planned >= 100 and s.story == "steady" and (s.value >= 97 or rng.random() < 0.5):
        s.value = 100.0
    cost = x.cost_value
    entry: dict = {"action": x.id, "progress": s.value,
                   "state": "done" if s.value >= 100 else "ongoing"}
    if cost:
        ahead = 38 if s.story == "spending_ahead" and day.year >= 2024 else 0
        share = min(100.0, s.value + ahead)
        s.committed = max(s.committed, round(cost * min(1.0, share / 100 + 0.3), 2))
        s.paid = max(s.paid, round(cost * share / 100 * rng.uniform(0.85, 0.95), 2))
        s.paid = min(s.paid, s.committed, allocated_at(x.budget, day) or cost)
        entry["committed"], entry["paid"] = s.committed, s.paid
    owned = list(x.indicators) + (list(project.indicators) if first else [])
    values = {}
    for ind in owned:
        value = _indicator_value(ind, x, s, day, rng)
        if value is not None:
            values[ind.id] = value
    if values:
        entry["indicators"] = values
    return entry


def _indicator_value(ind, x, s: _Sim, day: dt.date, rng: random.Random) -> float | None:
    """A simulated measure: a cumulative indicator follows the action's progress (stays at
    its start in the 'stalled' story), never moving back; a yearly amount follows the share
    of the year gone, from its first target year."""
    if not ind.id or not ind.targets:
        return None
    if not ind.cumulative:
        planned = planned_value(ind, day)
        if planned is None:
            return None
        return round(max(0.0, planned * rng.uniform(0.8, 1.05)), 0)
    start, _year = start_of(ind)
    if start is None:
        start = float(ind.targets[min(ind.targets)])
    last = float(ind.targets[max(ind.targets)])
    share = 0.0 if s.story == "stalled" else s.value / 100
    value = start + (last - start) * share * (1.0 if share >= 1 else rng.uniform(0.9, 1.0))
    value = round(value, 1) if abs(last - start) < 50 else round(value)
    before = s.measures.get(ind.id)
    if before is not None:
        value = max(value, before) if ind.direction == "up" else min(value, before)
    s.measures[ind.id] = value
    return value


def _readme(banner: str, as_of: dt.date) -> str:
    stories = "\n".join(f"- `{k}`: {v[1]} ({v[0]})" for k, v in STORIES.items())
    return f"""# FICTIONAL example workspace (pam demo --fictional)

**{banner}**

The commune of Amtal, its action program 2022-2027, its partners, agreements, credits and
indicators are **invented**: they show what pam does with physical indicators, money in
stages (allocated, committed, paid) and co-funding. `plan/progress/` holds cards **simulated**
by a seeded random generator up to {as_of}. The simulation tells these stories on purpose:

{stories}

Try:

    pam status --plan plan
    pam status --plan plan --format json
    pam explain D1.A1.P1.02 --plan plan
    pam history D1.A1.P1.02 --plan plan
    pam report annual --year 2024 --plan plan --out annual-2024.html
"""
