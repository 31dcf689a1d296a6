"""Options shared by the commands, and the one way to load a plan and report its problems."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, cast, overload

import typer

PlanOpt = Annotated[
    Path,
    typer.Option("--plan", envvar="PAM_PLAN", show_default=True,
                 help="The plan folder (holds program.yaml, domains/, progress/). "
                      "Default ./plan or $PAM_PLAN."),
]


def _bidi(value: str | None) -> str | None:
    if value is not None and value.strip().lower() not in ("auto", "on", "off"):
        raise typer.BadParameter(f"'{value}' is not one of auto, on, off")
    return value.strip().lower() if value else value


BidiOpt = Annotated[str | None, typer.Option(
    "--bidi", metavar="auto|on|off", callback=_bidi,
    help="Arabic for the terminal: on shapes and reorders it (terminals that do not lay out "
         "right-to-left text), off leaves it in logical order, auto (default) decides from "
         "the terminal (README 'Arabic on the terminal'). Also PAM_BIDI; --bidi alone is on, "
         "--no-bidi off.")]


def _lang(value: str | None) -> str | None:
    from pam.i18n.terminal import LANGS, set_lang

    if value is not None and value not in LANGS:
        raise typer.BadParameter(f"'{value}' is not one of {', '.join(LANGS)}")
    if value is not None:  # else as pam.cli.main chose it (pam --lang, PAM_LANG, the locale)
        set_lang(value)
    return value


LangOpt = Annotated[str | None, typer.Option(
    "--lang", metavar="ar|fr|en", callback=_lang, is_eager=True,
    help="The language of the views, messages and hints (default: PAM_LANG, else the "
         "locale).")]


def document_lang(ctx: typer.Context, param: typer.CallbackParam, value):
    """A document's --lang (report, template: ar or fr) also sets the language of pam's
    messages when it is given on the command line (its default is the document's only)."""
    from click.core import ParameterSource

    from pam.i18n.terminal import set_lang

    raw = getattr(value, "value", value)  # typer converts what a callback returns
    # a declared option has its name (click types it optional)
    if raw is not None and \
            ctx.get_parameter_source(cast(str, param.name)) is ParameterSource.COMMANDLINE:
        set_lang(raw)
    return raw


PagerOpt = Annotated[bool, typer.Option(
    "--no-pager", help="Never page the view (default: a pager on a terminal when the view is "
                       "taller than the screen; PAM_PAGER or PAGER names it, empty or cat for "
                       "none).")]


class TableOrJson(str, Enum):
    """The formats of a view: text for people, json for scripts (the same names in every
    command); 'table' is the older name of text, still understood."""

    text = "text"
    json = "json"
    table = "table"


FormatOpt = Annotated[TableOrJson, typer.Option(
    "--format", "-f", metavar="text|json",
    help="text (for people; 'table' works too) or json (for scripts; stable keys).")]


def complete_ids(*kinds: str):
    """Shell completion of ids (pam --install-completion): the ids of these kinds ('domain',
    'axis', 'project', 'action') in the plan of --plan (or $PAM_PLAN, or ./plan), read from
    its domain files without building the models."""
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        import os

        plan = Path(ctx.params.get("plan") or os.environ.get("PAM_PLAN") or "plan")
        found = plan_ids(plan)
        lowered = incomplete.lower()
        return [i for kind in kinds for i in found.get(kind, []) if i.lower().startswith(lowered)]
    return complete


def plan_ids(plan: Path) -> dict[str, list[str]]:
    """kind -> ids, in plan order, from the domain files (nothing when they cannot be read)."""
    from pam.load.files import plan_files
    from pam.load.yaml import parse, read_text

    found: dict[str, list[str]] = {}
    try:
        files = plan_files(plan, False)[1]
    except OSError:
        return found
    levels = (("domain", "axes"), ("axis", "projects"), ("project", "actions"), ("action", ""))

    def walk(node, depth):
        if not isinstance(node, dict) or depth >= len(levels):
            return
        kind, below = levels[depth]
        if isinstance(node.get("id"), str):
            found.setdefault(kind, []).append(node["id"])
        for child in node.get(below, []) if below and isinstance(node.get(below), list) else []:
            walk(child, depth + 1)

    for path in files:
        text, _ = read_text(path, str(path))
        if text is not None:
            data, problems = parse(text, str(path))
            if not problems:
                walk(data, 0)
    return found


def say(message: str) -> None:
    """Messages and progress go to stderr; data goes to stdout. On a terminal that does not
    lay out right-to-left text, a message holding Arabic is shaped (pam.render.text)."""
    message = message.rstrip("\n")
    from pam.render.text import has_arabic

    if has_arabic(message):
        from pam.render.text import make_shaper, neutralize

        shape = make_shaper(None, sys.stderr)
        message = "\n".join(shape.line(line) if shape.visual else neutralize(line)
                            for line in message.split("\n"))
    sys.stderr.write(message + "\n")


def load_or_exit(plan_dir: Path, *, cards: bool = True, strict: bool = False,
                 view: bool = True):
    """Load the plan; on errors print them (located) and exit 1; warnings are left to validate.

    A card with an error blocks no one else: it is left out of the plan (and named on
    stderr; reports name it too), unless `strict`, which refuses as for any other error."""
    from pam.load.pipeline import load_for_views

    plan, errors, of_cards = load_for_views(plan_dir, cards=cards)
    if errors or (strict and of_cards):
        exit_with_errors(errors + (of_cards if strict else []), plan_dir)
    if of_cards:
        say_left_out(plan.left_out_cards, view)
    return plan


def say_left_out(errors: list, view: bool = True) -> None:
    """On stderr: the cards left out because of their errors, each with its first error
    (`view`: of a view's or a report's figures; else: not read by a command that writes)."""
    from pam.i18n.terminal import n, t
    from pam.problems import left_out_cards

    cards = left_out_cards(errors)
    say("pam: " + t("view.left_out" if view else "msg.left_out_not_read",
                    cards=n(len(cards), "cards")))
    for item in cards:
        say(f"  {item['problem']}")


def exit_with_errors(errors: list, plan_dir: Path):
    """Print the plan's errors (the first 50), say how to see them all, and exit 1."""
    from pam.i18n.terminal import n, t

    for p in errors[:50]:
        say(p.render())
    say("pam: " + t("msg.plan_errors", errors=n(len(errors), "errors"),
                    more=t("msg.first_50") if len(errors) > 50 else "", plan=plan_dir))
    raise typer.Exit(1)


@overload
def ascii_option(value: str, what: str) -> str: ...
@overload
def ascii_option(value: None, what: str) -> None: ...
@overload
def ascii_option(value: str | None, what: str) -> str | None: ...
def ascii_option(value: str | None, what: str) -> str | None:
    """An option or argument with its digits written in ASCII (Arabic-Indic or Persian digits
    converted, with a note saying so): one digit set for periods, dates and ids."""
    from pam.periods import ascii_digits

    if value is None:
        return None
    converted = ascii_digits(value)
    if converted != value:
        say(f"pam: note: read {what} '{value}' as '{converted}' (pam writes digits 0-9)")
    return converted


RELATIVE_DAYS = {"today": 0, "yesterday": 1, "aujourd'hui": 0, "hier": 1, "اليوم": 0,
                 "أمس": 1, "البارحة": 1}


def parse_date(value: str | None, what: str):
    """A date option as a date (None stays None): YYYY-MM-DD, today or yesterday (also in
    French and Arabic); a wrong one is a usage error (exit 2) that shows how to write it."""
    import datetime as dt

    if value is None:
        return None
    word = value.strip().lower()
    if word in RELATIVE_DAYS:
        return dt.date.today() - dt.timedelta(days=RELATIVE_DAYS[word])
    value = ascii_option(value, what)
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        from pam.i18n.terminal import t

        say("pam: " + t("msg.bad_date", option=what, value=value))
        raise typer.Exit(2) from None


def parse_number(value: str | None, what: str) -> float | None:
    """A number option as people type it: 12.5, 12,5, ١٢٫٥ or ٤٠ (read with a note that
    shows how pam writes it); anything else is a usage error (exit 2) with the fix."""
    from pam.numbers import is_plain_number, written
    from pam.numbers import parse_number as read

    if value is None:
        return None
    import math

    from pam.i18n.terminal import t

    number = read(value)
    if number is None or not math.isfinite(number):  # 1e999 reads as infinity: not a figure
        say("pam: " + t("msg.bad_number", option=what, value=value))
        raise typer.Exit(2)
    if not is_plain_number(value):
        say("pam: " + t("msg.read_number", option=what, value=value, number=written(number)))
    return number


def find_or_exit(plan, node_id: str, kinds: tuple[str, ...], label: str):
    """The node of one of `kinds` with this id; otherwise say so with a did-you-mean, exit 1."""
    from pam.problems import did_you_mean

    node_id = ascii_option(node_id, label.split(" ")[0] + " id")
    found = plan.find(node_id)
    if found is None or found[0] not in kinds:
        from pam.i18n.terminal import t

        known = [i for kind in kinds for i in plan.ids(kind)]
        say("pam: " + t("msg.no_id", label=label, id=node_id,
                        hint=did_you_mean(node_id, known)))
        raise typer.Exit(1)
    return found[1]


def find_id_or_exit(ids: dict[str, list[str]], node_id: str, kinds: tuple[str, ...],
                    label: str) -> str:
    """The id of one of `kinds` (ids by kind, in plan order) matching `node_id`, exactly or
    else case-insensitively, as Plan.find does; otherwise a did-you-mean and exit 1."""
    from pam.problems import did_you_mean

    known = [i for kind in kinds for i in ids.get(kind, [])]
    if node_id in known:
        return node_id
    lowered = {k.lower(): k for k in known}
    if node_id.lower() in lowered:
        return lowered[node_id.lower()]
    from pam.i18n.terminal import t

    say("pam: " + t("msg.no_id", label=label, id=node_id, hint=did_you_mean(node_id, known)))
    raise typer.Exit(1)


def print_json(data) -> None:
    """JSON to stdout: Arabic readable, control, bidi and invisible characters as \\u escapes."""
    from pam.render.text import json_text

    sys.stdout.write(json_text(data, default=str) + "\n")
