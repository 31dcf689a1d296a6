"""pam demo: an example workspace, the plan plus SIMULATED cards (seeded, reproducible).

Nothing here is real progress of any commune: every file says so, the program carries an
`example:` block, and `pam status` shows a banner.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pam.errors import Refused
from pam.fsio import write_atomic
from pam.monitor.schedule import planned_at
from pam.periods import period_bounds, periods_between
from pam.plan import Plan
from pam.progress import card_text

MARKER = ".pam-demo"
BANNER = ("SIMULATED EXAMPLE DATA written by `pam demo` (seed {seed}): NOT real progress of the "
          "commune. بيانات مثال محاكاة وليست إنجازات حقيقية.")

# Simulated remarks. The main generator draws an index into each list (their lengths are
# part of the seeded stream: changing one would change every simulated figure); the details
# (a variant, the category, who carries a solution, by when, a risk's rating) come from a
# second generator, so they can change without moving the figures.
OBSTACLES = [  # (category, variants)
    ("procurement", ["تأخر في إبرام الصفقة العمومية — retard dans la passation du marché",
                     "طلب عروض غير مثمر — appel d'offres infructueux"]),
    ("funding", ["نقص في الاعتمادات المرصودة — crédits insuffisants",
                 "عدم توصل الجماعة بمساهمة الشريك — contribution du partenaire non versée"]),
    ("contractor", ["تعثر المقاول في احترام الآجال — l'entreprise ne respecte pas les délais"]),
    ("land", ["صعوبات في تعبئة الوعاء العقاري — difficulté à mobiliser le foncier"]),
    ("approvals", ["انتظار تأشيرة سلطة المراقبة — attente du visa de l'autorité de contrôle",
                   "الدراسات التقنية لم تنجز بعد — études techniques non achevées"]),
    ("staff", ["نقص في الموارد البشرية المؤهلة — manque de personnel qualifié"]),
]
# a variant of an obstacle may belong to another category than the first one
VARIANT_CATEGORY = {"عدم توصل الجماعة بمساهمة الشريك": "partner-funding",
                    "الدراسات التقنية لم تنجز بعد": "studies"}
SOLUTIONS = [
    "إعادة برمجة الاعتمادات في الميزانية المقبلة — reprogrammer les crédits au prochain budget",
    "توجيه إنذار للمقاول وتطبيق غرامات التأخير — mise en demeure et pénalités de retard",
    "عقد اجتماع تنسيقي مع الشركاء — réunion de coordination avec les partenaires",
    "تسريع مسطرة التحفيظ مع المحافظة العقارية — accélérer l'immatriculation",
    "الاستعانة بخبرة خارجية — recours à une expertise externe",
]
ANSWERS = {  # category -> the solutions that answer it (indexes into SOLUTIONS), who carries them
    "procurement": ([4, 0], "مصلحة الصفقات — service des marchés"),
    "funding": ([0], "المصلحة المالية — service financier"),
    "partner-funding": ([2], "رئيس المجلس — le président du conseil"),
    "contractor": ([1], "المصلحة التقنية — service technique"),
    "land": ([3], "مصلحة الممتلكات — service du patrimoine"),
    "approvals": ([2], "المدير العام للمصالح — le DGS"),
    "studies": ([4], "المصلحة التقنية — service technique"),
    "staff": ([4, 2], "مصلحة الموارد البشرية — service des ressources humaines"),
}
RISKS = [
    "ارتفاع أسعار المواد — hausse du prix des matériaux",
    "عدم كفاية الاعتمادات — crédits insuffisants",
    "تأخر الشركاء في الوفاء بالتزاماتهم — retard des partenaires",
]
NEXT = [
    "إطلاق طلب العروض — lancer l'appel d'offres",
    "تسلم الأشغال المؤقت — réception provisoire des travaux",
    "إعداد دفتر التحملات — préparer le cahier des charges",
    "تتبع الأشغال ميدانيا — suivi des travaux sur le terrain",
]
# Simulated project heads and their services, one pair per domain (a head often carries
# several projects of their service); every name says it is an example. A domain's axes take
# its pairs in turn, and the last project of the plan has none, so the views show a project
# whose head the plan does not name.
HEADS = {
    "D1": [("فاطمة الزهراء (مثال)", "المصلحة المالية — service financier"),
           ("خديجة (مثال)", "مصلحة الممتلكات — service du patrimoine")],
    "D2": [("محمد أمين (مثال)", "المصلحة التقنية — service technique"),
           ("رشيد (مثال)", "مصلحة الطرق — service de la voirie")],
    "D3": [("سعاد (مثال)", "مصلحة الشؤون الاجتماعية — service des affaires sociales"),
           ("يوسف (مثال)", "مصلحة الشؤون الاقتصادية — service des affaires économiques")],
    "D4": [("عبد الله (مثال)", "مصلحة التعمير — service de l'urbanisme")],
    "D5": [("نادية (مثال)", "مصلحة حفظ الصحة — bureau d'hygiène")],
    "D6": [("كريم (مثال)", "مصلحة الموارد البشرية — service des ressources humaines"),
           ("ليلى (مثال)", "مصلحة التواصل — service de la communication")],
    "D7": [("حسن (مثال)", "مصلحة الشراكة — service des partenariats")],
}
PROFILES = {  # performance factor range, chance of a card each half month
    "steady": ((0.92, 1.08), 0.85),
    "slow": ((0.75, 0.9), 0.6),
    "struggling": ((0.45, 0.7), 0.5),
    "stopped": ((0.85, 1.05), 0.8),  # reports, then falls silent (stale)
    "silent": ((0.0, 0.0), 0.0),  # never reports (unreported)
}


@dataclass
class _Sim:
    factor: float
    value: float = 0.0
    state: str = "ongoing"
    spend: float = 1.0
    stop: float = 2.0  # fraction of the plan at which the action gets suspended (>1: never)


def write_demo(plan: Plan, out: Path, *, seed: int, as_of: dt.date, force: bool) -> str:
    """Write DIR/plan (program with an example block, domains, simulated cards) and DIR/README."""
    def build(root: Path) -> int:
        return _build(plan, root, seed, as_of)

    return replace_workspace(plan, Path(out), as_of=as_of, force=force, build=build)


def replace_workspace(plan: Plan, out: Path, *, as_of: dt.date, force: bool, build) -> str:
    """Check the target folder and the date, let `build(folder)` write the workspace into a
    fresh folder beside it (with its marker and the schemas), then put it in place of `out`
    in one rename; `build` returns how many cards it simulated."""
    from pam.outputs import plan_folder_of

    inside = plan_folder_of(out.parent, plan.root)
    if inside is not None:
        raise Refused(f"{out} is inside the plan folder {inside}: a workspace written there "
                      "would be read as part of that plan; choose a folder outside it")
    if out.exists() and not out.is_dir():
        raise Refused(f"{out} exists and is a file: choose a new folder for the workspace")
    if out.exists():
        if not force:
            raise Refused(f"{out} already exists; pass --force to replace an earlier demo")
        if not (out / MARKER).exists():
            raise Refused(f"{out} exists and is not a pam demo workspace (no {MARKER} "
                              "file): pam will not delete it; choose another folder")
    years = plan.loaded_program.years
    if not (dt.date(years.start, 1, 1) <= as_of <= dt.date(years.stop - 1, 12, 31)):
        raise Refused(f"--as-of {as_of} is outside the program period")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        (tmp / MARKER).write_text("pam demo workspace\n", encoding="utf-8")
        _write_schemas(tmp)
        count = build(tmp)
        if out.exists():
            old = out.with_name(f".{out.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
            tmp.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return f"{count} simulated cards up to {as_of}"


def _write_schemas(root: Path) -> None:
    """The JSON Schemas beside the workspace's plan (its files name ../schema)."""
    from pam.schema import write_schemas

    write_schemas(root / "schema")


def _build(plan: Plan, root: Path, seed: int, as_of: dt.date) -> int:
    banner = BANNER.format(seed=seed)
    (root / MARKER).write_text(banner + "\n", encoding="utf-8")
    src = plan.root
    program = (src / "program.yaml").read_text(encoding="utf-8")
    program = (f"# {banner}\n" + program.rstrip("\n") +
               f"\nexample:\n  simulated: true\n  as_of: {as_of.isoformat()}\n  seed: {seed}\n"
               f"  notice: \"SIMULATED EXAMPLE DATA (pam demo, seed {seed}) — not real progress"
               f" · بيانات محاكاة\"\n")
    write_atomic(root / "plan" / "program.yaml", program)
    heads = simulated_heads(plan)
    for f in sorted((src / "domains").glob("*.y*ml")):
        write_atomic(root / "plan" / "domains" / f.name,
                     with_heads(f.read_text(encoding="utf-8"), heads))
    write_atomic(root / "README.md", _readme(banner, as_of))
    return _simulate(plan, root / "plan", random.Random(seed), as_of, banner, heads,
                     random.Random(f"{seed}-remarks"))


def simulated_heads(plan: Plan) -> dict[str, tuple[str, str]]:
    """project id -> (head, service) for the example workspace (see HEADS)."""
    out = {}
    last = plan.projects()[-1].id
    for d in plan.domains:
        names = HEADS.get(d.id) or HEADS["D1"]
        for i, a in enumerate(d.axes):
            for p in a.projects:
                if p.id != last:  # the plan names no head for the last one
                    out[p.id] = names[i % len(names)]
    return out


def with_heads(text: str, heads: dict[str, tuple[str, str]]) -> str:
    """A domain file's text with `head:` and `service:` written after each project's name
    (the rest of the file, its notes and comments, as it was)."""
    import re

    from pam.render.text import yaml_quote

    lines = text.split("\n")
    out: list[str] = []
    pending: tuple[str, tuple[str, str]] | None = None
    for line in lines:
        if pending is not None:
            indent, (head, service) = pending
            inside = line.startswith(indent + "name:") or line.startswith(indent + "  ")
            if not inside:
                out += [f"{indent}head: {yaml_quote(head)}",
                        f"{indent}service: {yaml_quote(service)}"]
                pending = None
        found = re.match(r"^(\s*)- id: (\S+)\s*$", line)
        if found and found.group(2) in heads:
            pending = (found.group(1) + "  ", heads[found.group(2)])
        out.append(line)
    return "\n".join(out)


def _simulate(plan: Plan, root: Path, rng: random.Random, as_of: dt.date, banner: str,
              heads: dict[str, tuple[str, str]], detail: random.Random | None = None) -> int:
    detail = detail or random.Random(0)  # see OBSTACLES
    start = dt.date(plan.loaded_program.period.start, 1, 1)
    periods = periods_between(start, as_of)
    count = 0
    names = list(PROFILES)
    for project in plan.projects():
        profile = rng.choices(names, weights=[45, 25, 13, 9, 8])[0]
        (lo, hi), chance = PROFILES[profile]
        stop_at = rng.randint(len(periods) // 3, len(periods) - 4) if profile == "stopped" else None
        sims = {}
        for x in project.actions:
            s = _Sim(factor=rng.uniform(lo, hi) * rng.uniform(0.93, 1.07),
                     spend=rng.uniform(0.8, 1.06))
            if rng.random() < 0.05:
                s.stop = rng.uniform(0.2, 0.7)
            sims[x.id] = s
        head = heads.get(project.id, (f"رئيس المشروع {project.id} (مثال) / chef de projet "
                                      "(exemple)",))[0]
        usual = detail.choice(OBSTACLES)  # the obstacle this project keeps meeting
        for i, period in enumerate(periods):
            if profile == "silent" or (stop_at is not None and i >= stop_at):
                continue
            if rng.random() > chance:
                continue
            day = min(period_bounds(period)[1], as_of)
            entries = _entries(project, sims, day, rng)
            if not entries:
                continue
            trouble = profile in ("slow", "struggling") and rng.random() < 0.35
            drawn = (rng.choice(OBSTACLES), rng.choice(SOLUTIONS)) if trouble else None
            risk = rng.choice(RISKS) if rng.random() < 0.1 else None
            obstacles, solutions = _remarks(drawn, usual, day, detail)
            text = card_text(
                plan, project.id, period, day, entries, reporter=head, example=True,
                banner=banner, obstacles=obstacles, solutions=solutions,
                risks=[_risk(risk, detail)] if risk else [],
                next_steps=[rng.choice(NEXT)] if rng.random() < 0.3 else [],
            )
            write_atomic(root / "progress" / project.id / f"{period}.yaml", text,
                         durable=False)  # simulated data, made again at will
            count += 1
    return count


def _remarks(drawn, usual, day: dt.date, detail: random.Random) -> tuple[list, list]:
    """A trouble card's obstacle and solution: mostly the project's usual obstacle with its
    category and a solution that answers it (who, by when); some cards in plain text, as
    older cards are written."""
    if drawn is None:
        return [], []
    (category, variants), solution = drawn
    if detail.random() < 0.6:
        category, variants = usual
    text = detail.choice(variants)
    category = VARIANT_CATEGORY.get(text.split(" — ")[0], category)
    if detail.random() < 0.2:  # plain lists: the solution answers the card's only obstacle
        return [text], [solution]
    choices, owner = ANSWERS[category]
    due = day + dt.timedelta(days=detail.choice((30, 45, 60, 90)))
    return ([{"text": text, "category": category, "id": "o1"}],
            [{"text": SOLUTIONS[detail.choice(choices)], "answers": "o1", "owner": owner,
              "due": due}])


def _risk(text: str, detail: random.Random):
    """A risk, rated most of the time."""
    if detail.random() < 0.2:
        return text
    return {"text": text, "likelihood": detail.choice(("low", "medium", "high")),
            "impact": detail.choice(("low", "medium", "high"))}


def _entries(project, sims, day: dt.date, rng: random.Random) -> list[dict]:
    out = []
    for x in project.actions:
        s = sims[x.id]
        planned = planned_at(x.targets, day)
        if s.state == "cancelled":
            continue
        if planned is None:
            if rng.random() > 0.05 and s.value == 0:
                continue
            planned = min(100.0, s.value + rng.uniform(0, 6))
        elif planned == 0 and s.value == 0:
            continue
        entry = {"action": x.id}
        if s.state == "suspended" or planned / 100 >= s.stop:
            if s.state != "suspended":
                s.state = "suspended" if rng.random() < 0.7 else "cancelled"
                entry["note"] = ("متوقف في انتظار الاعتمادات — suspendu en attente de crédits"
                                 if s.state == "suspended" else
                                 "ألغي بقرار المكتب — annulé par décision du bureau")
        else:
            target = min(100.0, planned * s.factor + rng.uniform(-2, 2))
            if s.factor >= 0.97 and planned >= 100:
                target = 100.0
            new = max(s.value, round(target))
            if s.value >= 20 and rng.random() < 0.01:
                new = s.value - rng.randint(3, 10)
                entry["correction"] = ("الرقم السابق مبالغ فيه بعد المعاينة الميدانية — "
                                       "le chiffre précédent était surestimé (visite de terrain)")
            s.value = float(max(0, min(100, new)))
            s.state = "done" if s.value >= 100 else "ongoing"
        entry["progress"] = s.value
        entry["state"] = s.state
        if x.cost_value:
            entry["spent"] = round(x.cost_value * s.value / 100 * s.spend, 3)
        out.append(entry)
    return out


def _readme(banner: str, as_of: dt.date) -> str:
    return f"""# Example workspace (pam demo)

**{banner}**

This folder was written by `pam demo`. `plan/program.yaml` and `plan/domains/` are a copy of
the real Dakhla action program 2017-2022 as transcribed in pam; `plan/progress/` holds project
cards that were **simulated** by a seeded random generator, up to {as_of}, to show what pam does
with progress data: late, at-risk, stale and unreported work, corrections, obstacles.

Try:

    pam status --plan plan
    pam status --plan plan --only late
    pam history D2.A2.P1.01 --plan plan
    pam validate --plan plan
"""
