"""A small deterministic workspace for report tests: 2 domains, 4 projects, 8 actions, cards.

Marked as simulated example data (program.example), measured at 2020-06-30 by default.
`hostile=True` fills every free text with markup, template syntax and bidi overrides.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import write_plan

NO_GIT = {"commit": None, "state": "no-git"}
AS_OF = dt.date(2020, 6, 30)
HOSTILE = ('<script>alert(1)</script> "><img src=x onerror=alert(1)> {{ 7*7 }} {% raw %} '
           "it's \"quoted\" | pipe *star* [link](javascript:x) \u202eevil\u202c \x1b[2J\x07")

PROGRAM = """\
id: ws-pac
name: {{ar: "{pname} 2017-2022", fr: "Programme d'action d'essai 2017-2022"}}
commune: {{ar: "{commune}", fr: "Commune d'essai"}}
period: {{start: 2017, end: 2022}}
example:
  simulated: true
  as_of: 2020-06-30
  seed: 7
  notice: "{notice}"
"""

DOMAINS = {"d1.yaml": """\
id: D1
name: {{ar: "{dname}", fr: "Finances"}}
axes:
- id: D1.A1
  name: {{ar: "الميزانية", fr: "Budget"}}
  projects:
  - id: D1.A1.P1
    name: {{ar: "{pname_p1}", fr: "Fiscalité"}}
    head: "{head}"
    actions:
    - id: D1.A1.P1.01
      text: "{text}"
      cost: 2
      targets: {{2018: 50, 2019: 100}}
    - id: D1.A1.P1.02
      text: "تنظيم يوم دراسي"
      cost: "-"
      targets: {{2019: 40, 2020: 100}}
    - id: D1.A1.P1.03
      text: "إعداد دليل المساطر"
      cost: "*"
      targets: {{}}
  - id: D1.A1.P2
    name: {{ar: "تأهيل الأملاك الجماعية"}}
    head: "مكلف بالأملاك"
    service: "مصلحة الممتلكات"
    actions:
    - id: D1.A1.P2.01
      text: "إحصاء الأملاك"
      cost: 1.5
      targets: {{2019: 60, 2020: 100}}
    - id: D1.A1.P2.02
      text: "تحفيظ العقارات"
      targets: {{2020: 50, 2021: 100}}
""", "d2.yaml": """\
id: D2
name: {{ar: "التجهيزات العمومية", fr: "Équipements publics"}}
axes:
- id: D2.A1
  name: {{ar: "الطرق"}}
  projects:
  - id: D2.A1.P1
    name: {{ar: "تهيئة الطرق", fr: "Aménagement des routes"}}
    actions:
    - id: D2.A1.P1.01
      text: "تهيئة الطريق الرئيسية"
      cost: 4
      targets: {{2019: 30, 2020: 70, 2021: 100}}
    - id: D2.A1.P1.02
      text: "إنارة عمومية"
      cost: 0.5
      targets: {{2020: 100}}
  - id: D2.A1.P2
    name: {{ar: "مشروع صامت", fr: "Projet silencieux"}}
    actions:
    - id: D2.A1.P2.01
      text: "دراسة"
      cost: 1
      targets: {{2019: 100}}
"""}


def _card(project, period, date, entries, *, obstacles=(), solutions=(), risks=(), steps=(),
          reporter="رئيس المشروع (مثال)", note=None):
    lines = [f"project: {project}", f"period: {period}", f"date: {date}",
             f"reporter: {_q(reporter)}", "example: true", "actions:"]
    for action, progress, spent, state in entries:
        lines += [f"- action: {action}", f"  progress: {progress}",
                  f"  spent: {'null' if spent is None else spent}", f"  state: {state}"]
        if note:
            lines.append(f"  note: {_q(note)}")
    for key, values in (("obstacles", obstacles), ("solutions", solutions), ("risks", risks),
                        ("next_steps", steps)):
        lines.append(f"{key}: [{', '.join(_q(v) for v in values)}]")
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def write_workspace(root: Path, hostile: bool = False) -> Path:
    """The plan folder of the workspace under `root`."""
    h = HOSTILE if hostile else None
    ob = h or "تأخر في إبرام الصفقة"
    so = h or "إعادة برمجة الاعتمادات"
    fill = {"pname": _e(h or "برنامج تجريبي"), "commune": _e(h or "جماعة تجريبية"),
            "notice": _e(h or "SIMULATED EXAMPLE DATA (test workspace)"),
            "dname": _e(h or "المالية"), "pname_p1": _e(h or "تحسين الجبايات"),
            "head": _e(h or "رئيس مصلحة الجبايات"), "text": _e(h or "إجراء افتحاص داخلي")}
    program = PROGRAM.format(**fill)
    domains = {k: v.format(**fill) for k, v in DOMAINS.items()}
    reporter = h or "رئيس المشروع (مثال)"
    note = h
    cards = {
        "D1.A1.P1/2018-12b.yaml": _card("D1.A1.P1", "2018-12b", "2018-12-31",
                                        [("D1.A1.P1.01", 45, 0.8, "ongoing")], reporter=reporter),
        "D1.A1.P1/2019-12b.yaml": _card("D1.A1.P1", "2019-12b", "2019-12-31",
                                        [("D1.A1.P1.01", 90, 1.7, "ongoing"),
                                         ("D1.A1.P1.02", 30, None, "ongoing")],
                                        obstacles=[ob], solutions=[so], reporter=reporter,
                                        note=note),
        "D1.A1.P1/2020-03b.yaml": _card("D1.A1.P1", "2020-03b", "2020-03-31",
                                        [("D1.A1.P1.01", 100, 2.1, "done"),
                                         ("D1.A1.P1.02", 45, None, "ongoing")],
                                        obstacles=[ob], solutions=[so], reporter=reporter),
        "D1.A1.P1/2020-06b.yaml": _card("D1.A1.P1", "2020-06b", "2020-06-30",
                                        [("D1.A1.P1.02", 60, None, "ongoing"),
                                         ("D1.A1.P1.03", 20, None, "ongoing")],
                                        obstacles=[ob], solutions=[so],
                                        risks=[h or "ارتفاع الأسعار"],
                                        steps=[h or "إطلاق طلب العروض"], reporter=reporter,
                                        note=note),
        "D1.A1.P2/2019-12b.yaml": _card("D1.A1.P2", "2019-12b", "2019-12-31",
                                        [("D1.A1.P2.01", 50, 0.6, "ongoing")]),
        "D1.A1.P2/2020-02a.yaml": _card("D1.A1.P2", "2020-02a", "2020-02-15",
                                        [("D1.A1.P2.01", 60, 0.8, "ongoing"),
                                         ("D1.A1.P2.02", 10, None, "ongoing")]),
        "D2.A1.P1/2019-12b.yaml": _card("D2.A1.P1", "2019-12b", "2019-12-31",
                                        [("D2.A1.P1.01", 20, 0.9, "ongoing")]),
        "D2.A1.P1/2020-04a.yaml": _card("D2.A1.P1", "2020-04a", "2020-04-15",
                                        [("D2.A1.P1.01", 35, 1.4, "ongoing"),
                                         ("D2.A1.P1.02", 40, 0.2, "ongoing")],
                                        obstacles=["نقص في الموارد البشرية"]),
        "D2.A1.P1/2020-06b.yaml": _card("D2.A1.P1", "2020-06b", "2020-06-30",
                                        [("D2.A1.P1.01", 50, 2.0, "ongoing"),
                                         ("D2.A1.P1.02", 70, 0.35, "ongoing")]),
    }
    return write_plan(root, program=program, domains=domains, cards=cards)


def _e(text: str) -> str:
    """Escape for the double-quoted YAML scalars of the templates above."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\x1b", "\\e") \
        .replace("\x07", "\\a")


def load(root: Path, allow: tuple[str, ...] = ()):
    """The plan, asserting it has no error but those of the codes in `allow` (the hostile
    workspace holds texts pam validate refuses, to test that reports neutralize them too)."""
    from pam.load.pipeline import load_plan

    plan, problems = load_plan(root, locate_warnings=False)
    errors = [p.render() for p in problems if p.severity == "error" and p.code not in allow]
    assert not errors, errors
    return plan


def example_workspace(root: Path):
    """The example workspace, loaded: the Dakhla plan with simulated cards up to 2020-06-30
    (what `make example` builds)."""
    from conftest import SHIPPED_PLAN

    from pam.load.pipeline import load_plan
    from pam.scaffold.demo import write_demo

    base, _ = load_plan(SHIPPED_PLAN, cards=False)
    write_demo(base, root / "ex", seed=2017, as_of=dt.date(2020, 6, 30), force=False)
    return load(root / "ex" / "plan")


def fictional_workspace(root: Path):
    """The fictional commune (indicators, credits, partners) with simulated cards, loaded."""
    from conftest import ROOT

    from pam.load.pipeline import load_plan
    from pam.scaffold.fictional import write_fictional

    plan, _ = load_plan(ROOT / "examples" / "fictional" / "plan")
    write_fictional(plan, root / "fi", seed=2017, as_of=dt.date(2025, 6, 30), force=False)
    return load(root / "fi" / "plan")


# every kind as the tests render it: (kind, period on the example, project of the card)
EXAMPLE_REPORTS = [("card", None, "D2.A2.P2"), ("semiannual", "2020-H1", None),
                   ("annual", "2019", None), ("public", "2019", None),
                   ("steering", "2020-Q2", None)]
LANGS = ("ar", "fr")
