"""Progress cards: where they live, writing a new card, recording one action (round-trip, atomic)."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from pam.errors import Refused
from pam.fsio import locked, write_atomic
from pam.model import OBSTACLE_CATEGORIES
from pam.monitor.baseline import dropped_since
from pam.monitor.schedule import planned_at
from pam.monitor.variance import latest_on, reports_by_action
from pam.periods import is_period, period_bounds, period_of
from pam.plan import Plan
from pam.problems import did_you_mean

STATES = ("ongoing", "done", "suspended", "cancelled")


def card_path(root: Path, project_id: str, period: str) -> Path:
    """progress/<project>/<period>.yaml — one file per project per half month. The card of
    that half month already written as PERIOD.yml or PERIOD.YAML is that file."""

    safe = project_id.replace("/", "_").replace("\\", "_")
    if safe in ("", ".", "..") or safe.startswith("."):
        raise Refused(f"'{project_id}' cannot name a card file")
    if not is_period(period):
        raise Refused(f"'{period}' is not a half month: write YYYY-MMa or YYYY-MMb, e.g. 2019-06a")
    folder = root / "progress" / safe
    same = _same_period_files(folder, period)
    if len(same) > 1:
        names = ", ".join(p.name for p in same)
        raise Refused(f"{folder} holds {len(same)} files for {period} ({names}): a half month "
                      "has one card; merge them into one file and delete the others")
    return same[0] if same else folder / f"{period}.yaml"


def _same_period_files(folder: Path, period: str) -> list[Path]:
    """The files of `folder` named PERIOD with a YAML suffix in any case."""
    import os

    names = {f"{period}.yaml", f"{period}.yml"}
    try:
        return sorted(folder / n for n in os.listdir(folder) if n.lower() in names)
    except OSError:
        return []


def check_writable(root: Path, path: Path) -> None:
    """Refuse a card path that leaves the plan folder, goes through a symbolic link, or meets
    a file where a folder must be (or a folder where the card must be): pam writes cards only
    at plan/progress/PROJECT/PERIOD.yaml, in real folders."""
    progress = root / "progress"
    for part in (progress, path.parent):
        if part.is_symlink():
            raise Refused(f"{part} is a symbolic link (to {_target(part)}): pam writes cards "
                          "only into real folders of the plan, never through a link; replace "
                          "the link by the folder itself (pam validate names it)")
        if part.exists() and not part.is_dir():
            raise Refused(f"{part} is a file, but it must be the folder of the cards; move "
                          "the file away (pam validate names it) and record again")
    if path.is_symlink():
        raise Refused(f"{path} is a symbolic link (to {_target(path)}): pam will not write "
                      "through it; replace the link by the card itself")
    if path.exists() and not path.is_file():
        raise Refused(f"{path} is not a file (a folder or a special file has the card's name); "
                      "move it away and record again")
    inside = root.resolve() / "progress"
    try:
        path.parent.resolve().relative_to(inside)
    except ValueError:
        raise Refused(f"{path} is outside the plan's progress folder {inside}; pam writes "
                      "cards only inside it") from None


def _target(link: Path) -> str:
    import os

    try:
        return os.readlink(link)
    except OSError:
        return "?"


def _q(text: str | None) -> str:
    """A YAML double-quoted scalar, read back as the same text."""
    from pam.render.text import yaml_quote

    return yaml_quote(text)


def _item(value) -> str:
    """A list item of a card: a quoted text, or a flow mapping (obstacle, solution, risk)."""
    if not isinstance(value, dict):
        return _q(value)
    parts = []
    for key, v in value.items():
        if v is None:
            continue
        if isinstance(v, dt.date):
            shown = v.isoformat()
        elif key in ("category", "likelihood", "impact") and re.fullmatch(r"[a-z-]+", str(v)):
            shown = v  # a word of a closed list, as a person would write it
        else:
            shown = _q(v) if isinstance(v, str) else _num(v)
        parts.append(f"{key}: {shown}")
    return "{" + ", ".join(parts) + "}"


def _num(value: float | None) -> str:
    if value is None:
        return "null"
    return f"{value:g}" if float(value) != int(value) else str(int(value))


# What a project head fills in on each action of a template card (pam card): written empty,
# so that an untouched card is not a report (pam validate: card-not-filled). A required value
# left empty is refused, an optional one reads as "not reported"; a new field of the card's
# lines joins this list to be written empty too.
TO_FILL = ("progress", "committed", "paid")


def card_text(plan: Plan, project_id: str, period: str, day: dt.date, entries: list[dict],
              *, reporter: str | None = None, obstacles=(), solutions=(), risks=(),
              next_steps=(), example: bool = False, banner: str | None = None,
              template: bool = False) -> str:
    """The text of a new card, laid out for a person to read and fill in. A `template`
    (pam card) leaves the values of TO_FILL empty, with the last card's values beside them
    in a comment, and says so at the top."""
    found = plan.find(project_id)
    project = found[1]
    start, end = period_bounds(period)
    lines = ["# yaml-language-server: $schema=../../../schema/card.schema.json"]
    if banner:
        lines.append(f"# {banner}")
    lines += [
        f"# بطاقة تتبع المشروع / fiche de suivi du projet — {project.id} {project.name.ar}",
        f"# Period {period}: {start} to {end}. Per action: progress = cumulative % done (0-100),",
        "# committed, paid = cumulative million MAD (الالتزامات، الأداءات; spent = paid's older",
        "# name), state = ongoing | done | suspended | cancelled; indicators: ID: value measured.",
    ]
    if template:
        lines += [
            "# TO FILL IN: every empty value (املأ كل خانة فارغة / remplir chaque valeur vide).",
            "# An action you do not report on this half month: delete its lines. pam validate",
            "# refuses the card while a progress is empty (card-not-filled).",
        ]
    lines += [
        "# A progress (or a cumulative amount or indicator) lower than the last card needs",
        "#   correction: \"<reason>\".",
        "# obstacles, solutions, risks: a text each, or a mapping that says more:",
        "#   obstacles: - {text: \"...\", category: CATEGORY, id: o1}",
        f"#     CATEGORY: {' | '.join(OBSTACLE_CATEGORIES)}",
        "#   solutions: - {text: \"...\", answers: o1, owner: \"...\", due: YYYY-MM-DD}",
        "#     (answers: the obstacle's id, or its number on this card: 1, 2 ...)",
        "#   risks: - {text: \"...\", likelihood: low|medium|high, impact: low|medium|high}",
        f"project: {project.id}",
        f"period: {period}",
        f"date: {day.isoformat()}",
        f"reporter: {_q(reporter)}" if reporter or not template else
        "reporter:  # TO FILL IN: who reports (من يعد البطاقة / qui établit la fiche)",
    ]
    if example:
        lines.append("example: true")
    closed = [e for e in entries if e.get("closed")]
    entries = [e for e in entries if not e.get("closed")]
    lines.append("actions:" if entries else "actions: []")
    for e in closed:
        state, when = e["closed"]
        lines.append(f"# {e['action']}: {state} since the card of {when}, nothing to fill in")
    carrier = project_carrier(plan, [plan.find(e["action"])[1] for e in entries], day)
    for e in entries:
        x = plan.find(e["action"])[1]
        planned = planned_at(x.targets, day)
        cost = f"{x.cost_value:g} M MAD" if x.cost_value is not None else x.cost_status
        plan_txt = f"planned {planned:.0f}%" if planned is not None else "no target"
        lines.append(f"- action: {x.id}")
        lines.append(f"  # {x.text[:70]} · {cost} · {plan_txt} on {day}")
        if template:
            lines.append(f"  # {_last_text(e.get('last'))}")
            for key in TO_FILL:
                lines.append(f"  {key}:")
        else:
            lines.append(f"  progress: {_num(e.get('progress', 0))}")
            lines.append(f"  committed: {_num(e.get('committed'))}")
            paid = e.get("paid") if e.get("paid") is not None else e.get("spent")
            lines.append(f"  paid: {_num(paid)}")
        lines += _indicator_lines(x, project, x is carrier,
                                  {} if template else e.get("indicators") or {}, day,
                                  e.get("last_indicators") if template else None)
        lines.append(f"  state: {e.get('state') or 'ongoing'}")
        if e.get("date"):
            lines.append(f"  date: {e['date'].isoformat()}")
        if e.get("correction"):
            lines.append(f"  correction: {_q(e['correction'])}")
        lines.append(f"  note: {_q(e.get('note'))}")
    for key, values in (("obstacles", obstacles), ("solutions", solutions), ("risks", risks),
                        ("next_steps", next_steps)):
        if values:
            lines.append(f"{key}:")
            lines += [f"- {_item(v)}" for v in values]
        else:
            lines.append(f"{key}: []")
    return "\n".join(lines) + "\n"


def _indicator_lines(x, project, carrier: bool, values: dict, day: dt.date,
                     last: dict | None = None) -> list[str]:
    """A line's `indicators:` block: a value per indicator of the action (and of the project
    on the line that carries them, see project_carrier, or on a line that gives one a value),
    each with its unit and plan as a comment; an indicator without a value yet is a comment
    to fill in. `last` (a template card): each indicator left empty, to fill in when
    measured, its last value beside it."""
    from pam.monitor.indicators import planned_value

    owned = [i for i in x.indicators if i.id] + [
        i for i in project.indicators if i.id and (carrier or values.get(i.id) is not None)]
    given = [i for i in owned if values.get(i.id) is not None]
    # an id that is no indicator of the line's action or project is written as given, so
    # that the card's check refuses it, saying which ids it knows (never dropped unsaid)
    strays = [k for k, v in values.items() if v is not None and k not in {i.id for i in owned}]
    if not owned and not strays:
        return []
    if last is not None:
        lines = ["  indicators:  # each value measured, in its unit; empty: not measured"]
    else:
        lines = ["  indicators:" if given else "  indicators: {}"]
    for i in owned:
        planned = planned_value(i, day)
        about = (f"{i.name.ar[:40]} · {i.unit or 'no unit'}"
                 + (f" · planned {round(planned, 2):g}" if planned is not None else "")
                 + (" · project's" if i not in x.indicators else "")
                 + ("" if i.cumulative else " · this year's amount"))
        about = " ".join(about.split())  # a comment stays on its line
        if last is not None:
            when = last.get(i.id)
            before = f" · last {_num(when[1])} on {when[0]}" if when else " · never measured"
            lines.append(f"    {i.id}:  # {about}{before}")
        elif values.get(i.id) is not None:
            lines.append(f"    {i.id}: {_num(values[i.id])}  # {about}")
        else:
            lines.append(f"    # {i.id}: VALUE  ({about})")
    if strays and lines[0] == "  indicators: {}":
        lines[0] = "  indicators:"
    lines += [f"    {_q(k)}: {_num(values[k])}" for k in strays]
    return lines


def _last_text(last) -> str:
    """The comment beside a template's empty values: what the last card said."""
    if last is None:
        return "no card yet for this action: progress starts from 0"
    amounts = "".join(f", {name} {_num(value)}" for name, value in
                      (("committed", last.committed), ("paid", last.paid)) if value is not None)
    return f"last card {last.date}: progress {_num(last.progress)}{amounts}, {last.state}"


def template_entries(plan: Plan, project_id: str, day: dt.date) -> list[dict]:
    """Every action of the project for a template card: nothing filled in, its last report
    (before `day`) beside it, its state carried over; an action done or cancelled already
    is only named (closed)."""
    reports = reports_by_action(plan.cards)
    project = plan.find(project_id)[1]
    last_of = _last_measures(project, reports, day)
    out = []
    for x in project.actions:
        last = latest_on(reports.get(x.id, []), day)
        if last is not None and (last.progress >= 100 or last.state == "cancelled"):
            out.append({"action": x.id, "closed": ("done" if last.progress >= 100
                                                   else last.state, last.date)})
            continue
        out.append({"action": x.id, "last": last, "last_indicators": last_of,
                    "state": last.state if last else "ongoing"})
    return out


def _last_measures(project, reports: dict, day: dt.date) -> dict[str, tuple]:
    """indicator id -> (date, value) last measured on or before `day` on the project's
    cards (a yearly amount only within the same year)."""
    yearly = {i.id for n in [project, *project.actions] for i in n.indicators
              if not i.cumulative}
    last_of: dict[str, tuple] = {}
    for x in project.actions:
        for r in reports.get(x.id, []):
            if r.date <= day:
                for key, value in r.indicators.items():
                    if key not in yearly or r.date.year == day.year:
                        last_of[key] = max(last_of.get(key, (r.date, value)), (r.date, value),
                                           key=lambda p: p[0])
    return last_of


def project_carrier(plan: Plan, actions: list, day: dt.date):
    """Of a card's actions, the one whose line carries the project's own indicators: the
    first not dropped by `day` (a report on a dropped action is refused), else the first."""
    for x in actions:
        since = dropped_since(plan, x)
        if not (since and day > since[1]):
            return x
    return actions[0] if actions else None


def prefilled_entries(plan: Plan, project_id: str, day: dt.date) -> list[dict]:
    """Every action of the project with its last reported values (or zero); indicators
    with their last value (a yearly amount only within the same year)."""
    reports = reports_by_action(plan.cards)
    project = plan.find(project_id)[1]
    last_of = _last_measures(project, reports, day)
    out = []
    carrier = project_carrier(plan, project.actions, day)
    for x in project.actions:
        last = latest_on(reports.get(x.id, []), day)
        mine = {i.id for i in x.indicators} | (
            {i.id for i in project.indicators} if x is carrier else set())
        out.append({"action": x.id, "progress": last.progress if last else 0,
                    "committed": last.committed if last else None,
                    "paid": last.paid if last else None,
                    "indicators": {k: v for k, (_d, v) in last_of.items() if k in mine},
                    "state": last.state if last else "ongoing"})
    return out


@dataclass(frozen=True)
class Recorded:
    path: Path
    created: bool
    previous: float | None


def record(plan: Plan, action_id: str, day: dt.date, progress: float, *, spent=None,
           state: str | None = None, note: str | None = None, reporter: str | None = None,
           correction: str | None = None, today: dt.date | None = None,
           committed=None, paid=None, indicators: dict | None = None) -> Recorded:
    """Record one action's progress (and its amounts committed and paid, the values of its
    indicators) into its project's card for the period of `day`."""
    from pam.i18n.terminal import t

    found = plan.find(action_id)
    if found is None or found[0] != "action":
        raise Refused(t("record.no_action", id=action_id,
                        hint=did_you_mean(action_id, plan.ids("action"))))
    x, project = found[1], found[2][2]
    check_project_cards(plan, project.id)
    _check_values(plan, day, progress, spent, state, today or dt.date.today())
    for name, value in (("committed", committed), ("paid", paid)):
        if value is not None and not 0 <= value < 1e9:
            raise Refused(t("record.amount", name=name, value=f"{value:g}"), about=name)
    if spent is not None and paid is not None and spent != paid:
        raise Refused(t("record.spent_paid"), about="paid")
    for text in (note, reporter, correction):
        if text:
            _encoded(text)  # half a character (bytes that were not UTF-8): said plainly
    since = dropped_since(plan, x)
    if since and day > since[1]:
        raise Refused(f"{x.id} was dropped by amendment {since[0]} on {since[1]}: a report "
                      f"dated {day} would not count in the current plan; check the action id "
                      "(pam tree lists the ids) or the amendment in amendments/")
    history = reports_by_action(plan.cards).get(x.id, [])
    before = latest_on(history, day)
    if before and progress < before.progress and not correction:
        raise Refused(t("record.lower", progress=f"{progress:g}",
                        before=f"{before.progress:g}", date=before.date), about="progress")
    later = [r for r in history if r.date > day and r.progress < progress]
    if later and not correction:
        r = later[0]
        raise Refused(t("record.later", date=r.date, later=f"{r.progress:g}",
                        progress=f"{progress:g}"), about="progress")
    _check_indicators(plan, x, project, indicators or {}, day, correction)
    period = period_of(day)
    path = card_path(plan.root, project.id, period)
    check_writable(plan.root, path)
    entry = {"action": x.id, "progress": progress, "spent": spent, "state": state or "ongoing",
             "note": note, "correction": correction, "committed": committed, "paid": paid,
             "indicators": dict(indicators or {})}
    with locked(path):
        created = not path.exists()
        if created:
            reporter = reporter or reporter_of(plan, project)
        text = card_text(plan, project.id, period, day, [entry], reporter=reporter) \
            if created else _updated_card(path, entry, day, reporter)
        check_card_text(plan, path, text, project.id)
        write_atomic(path, text)
    return Recorded(path, created, before.progress if before else None)


def _check_indicators(plan: Plan, x, project, values: dict, day: dt.date,
                      correction: str | None) -> None:
    """Refuse a cumulative indicator moving back (down for `up`, up for `down`) from its
    last value on or before the day, without --correction (as a progress that decreases)."""
    from pam.i18n.terminal import t

    if correction:
        return
    known = {i.id: i for i in [*x.indicators, *project.indicators] if i.id}
    reports = reports_by_action(plan.cards)
    for key, value in values.items():
        ind = known.get(key)
        if ind is None or not ind.cumulative:
            continue  # an unknown id: the card's check says so, with the ids it knows
        carriers = [x] if ind in x.indicators else list(project.actions)
        series = sorted((r.date, r.indicators[key]) for a in carriers
                        for r in reports.get(a.id, []) if key in r.indicators and r.date <= day)
        if not series:
            continue
        when, last = series[-1]
        if (value < last) if ind.direction == "up" else (value > last):
            raise Refused(t("record.indicator_lower" if ind.direction == "up"
                            else "record.indicator_higher",
                            id=key, value=f"{value:g}", last=f"{last:g}", date=when),
                          about=f"indicator:{key}")


def reporter_of(plan: Plan, project) -> str:
    """Who reports on a new card when --reporter is not given: PAM_REPORTER (set once by a
    project head, as git's user.name), else the project's head, else the reporter of its
    latest card; refused when none is known (a card says who reports)."""
    import os

    if os.environ.get("PAM_REPORTER", "").strip():
        return os.environ["PAM_REPORTER"].strip()
    if project.head:
        return project.head
    own = [c for c in plan.cards if c.project == project.id and (c.reporter or "").strip()]
    if own:
        # own: the cards with a reporter
        return cast(str, max(own, key=lambda c: (c.date, c.period)).reporter)
    from pam.i18n.terminal import t

    raise Refused(t("record.who", project=project.id))


def check_project_cards(plan: Plan, project_id: str) -> None:
    """Refuse to write a card for a project one of whose cards has an error (left out of the
    plan: pam.load.pipeline.load_for_views): its history would be read without it. The
    cards of other projects do not matter: one broken card blocks no one else."""
    from pathlib import PurePath

    own = [p for p in plan.left_out_cards
           if PurePath(p.file).parent.name == project_id.replace("/", "_")
           and PurePath(p.file).parent.parent.name == "progress"]
    if own:
        first = own[0]
        from pam.i18n.terminal import t

        raise Refused(t("record.own_broken", file=first.file, project=project_id)
                      + f"\n  {first.render()}")


def check_card_text(plan: Plan, path: Path, text: str | bytes, project_id: str,
                    allow: tuple[str, ...] = ()) -> None:
    """Refuse, before anything is written, a card that pam validate would not accept: its text
    is read, built and checked as validate does (the same reader, model and card checks, with
    the project's other cards and the published periods), so that no write can lock anyone
    out. Only problems the new text brings count: the plan had none when it was loaded."""
    import copy

    from pam.checks import CARD_CHECKS, run_checks
    from pam.load.models import to_model
    from pam.load.positions import Locator, relpath
    from pam.load.yaml import decode, parse
    from pam.model import Card

    rel = relpath(path)
    raw = text if isinstance(text, bytes) else _encoded(text)
    decoded, problems = decode(raw, rel)
    card = None
    if decoded is not None:
        data, problems = parse(decoded, rel)
        if not problems:
            locator = Locator(text=decoded, path=path)
            card = to_model(data, Card, rel, locator, problems)
    if card is not None:
        period = card.period
        others = [c for c in plan.cards if c.project == project_id and not (
            c.period == period and Path(plan.file_of(c)).name.lower() == path.name.lower())]
        shadow = copy.copy(plan)
        shadow.locators = {**plan.locators, rel: locator}
        shadow.card_files = {**plan.card_files, id(card): rel}
        shadow.pending = {path.resolve()}
        known = {(p.file, p.code) for p in _card_errors(shadow, others, run_checks, CARD_CHECKS)}
        problems += [p for p in _card_errors(shadow, others + [card], run_checks, CARD_CHECKS)
                     if (p.file, p.code) not in known]
    errors = [p for p in problems if p.severity == "error" and p.code not in allow]
    if errors:
        shown = "\n  ".join(p.render() for p in errors[:5])
        raise Refused("the card would not pass pam validate, so nothing was written:\n  "
                      + shown + ("\n  (with pam record, a change to a published period needs "
                                 "--correction \"<reason>\")"
                                 if any(p.code.startswith("frozen") for p in errors) else ""))


def _card_errors(shadow: Plan, cards: list, run_checks, checks) -> list:
    shadow.cards = cards
    return [p for p in run_checks(shadow, checks) if p.severity == "error"]


def _encoded(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = text[exc.start]
        raise Refused(f"the text holds U+{ord(bad):04X}, half of a character (a lone "
                      "surrogate: bytes that were not UTF-8 on the command line?), which "
                      "cannot be written to a UTF-8 file; type the text again") from None


def _check_values(plan: Plan, day, progress, spent, state, today) -> None:
    from pam.i18n.terminal import t

    years = plan.loaded_program.years
    if not 0 <= progress <= 100:
        raise Refused(t("record.range", progress=f"{progress:g}"), about="progress")
    if spent is not None and not 0 <= spent < 1e9:
        raise Refused(t("record.spent", spent=f"{spent:g}"), about="spent")
    if day.year not in years:
        raise Refused(t("record.outside", date=day, start=years.start, end=years.stop - 1),
                      about="date")
    if day > today:
        raise Refused(t("record.future", date=day, today=today), about="date")
    if state is not None and state not in STATES:
        raise Refused(t("record.state", state=state, states=", ".join(STATES),
                        hint=did_you_mean(state, STATES)), about="state")


def _rt(sequence_indent: int = 0):
    """A round-trip YAML that writes lists the way the file already does: `- item` under
    its key (sequence_indent 0) or `  - item` (sequence_indent 2)."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=2 + sequence_indent, offset=sequence_indent)
    return yaml


def _sequence_indent(text: str) -> int:
    """How far list items are indented under their key in this file (0 or more)."""
    import re

    m = re.search(r"^actions:[ \t]*\n(?:[ \t]*#.*\n)*([ \t]*)- ", text, re.M)
    return len(m.group(1)) if m else 0


def _updated_card(path: Path, entry: dict, day: dt.date, reporter: str | None) -> str:
    """The text of an existing card with only what must change changed, its comments and
    layout kept."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Q

    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    yaml = _rt(_sequence_indent(text))
    doc = yaml.load(text)
    card_day = doc.get("date")
    card_day = card_day if isinstance(card_day, dt.date) else dt.date.fromisoformat(str(card_day))
    actions = doc.get("actions")
    if not isinstance(actions, list):
        raise Refused(f"{path}: 'actions' is not a list; fix the card (pam validate) first")
    if hasattr(actions, "fa"):
        actions.fa.set_block_style()
    target = next((a for a in actions if str(a.get("action")) == entry["action"]), None)
    if target is None:
        target = CommentedMap()
        target["action"] = entry["action"]
        actions.append(target)
    target["progress"] = entry["progress"]
    paid = entry.get("paid") if entry.get("paid") is not None else entry.get("spent")
    if entry.get("committed") is not None:
        target["committed"] = entry["committed"]
    if paid is not None:  # on the line's own key: spent (older cards) or paid
        target["spent" if "spent" in target and "paid" not in target else "paid"] = paid
    if entry.get("indicators"):
        values = target.get("indicators")
        if not isinstance(values, dict):
            values = target["indicators"] = CommentedMap()
        if hasattr(values, "fa"):
            values.fa.set_block_style()
        for key, value in entry["indicators"].items():
            values[key] = value
    target["state"] = entry["state"]
    if day != card_day:
        target["date"] = day
    elif "date" in target:
        del target["date"]
    if entry["correction"]:
        target["correction"] = Q(entry["correction"])
    if entry["note"] is not None:
        target["note"] = Q(entry["note"])
    if reporter is not None and not doc.get("reporter"):
        doc["reporter"] = Q(reporter)
    out = io.StringIO()
    yaml.dump(doc, out)
    new = out.getvalue()
    if crlf:
        new = new.replace("\n", "\r\n")
    return ("\ufeff" if bom else "") + new
