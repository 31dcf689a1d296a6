"""Options shared by the commands, and the one way to load a plan and report its problems."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

PlanOpt = Annotated[
    Path,
    typer.Option("--plan", envvar="PAM_PLAN", show_default=True,
                 help="The plan folder (holds program.yaml, domains/, progress/). "
                      "Default ./plan or $PAM_PLAN."),
]


BidiOpt = Annotated[bool | None, typer.Option(
    "--bidi/--no-bidi", help="Shape and reorder Arabic for terminals without right-to-left "
                             "support (or set PAM_BIDI=1).")]


class TableOrJson(str, Enum):
    table = "table"
    json = "json"


FormatOpt = Annotated[TableOrJson, typer.Option(
    "--format", "-f", help="table (for people) or json (for scripts; stable keys).")]


def say(message: str) -> None:
    """Messages and progress go to stderr; data goes to stdout."""
    sys.stderr.write(message.rstrip("\n") + "\n")


def load_or_exit(plan_dir: Path, *, cards: bool = True):
    """Load the plan; on errors print them (located) and exit 1; warnings are left to validate."""
    from pam.load.pipeline import load_plan

    plan, problems = load_plan(plan_dir, cards=cards, locate_warnings=False)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        exit_with_errors(errors, plan_dir)
    return plan


def exit_with_errors(errors: list, plan_dir: Path):
    """Print the plan's errors (the first 50), say how to see them all, and exit 1."""
    for p in errors[:50]:
        say(p.render())
    more = " (first 50 shown)" if len(errors) > 50 else ""
    say(f"pam: {len(errors)} error(s) in the plan{more}; fix them first "
        f"(pam validate --plan {plan_dir} lists every problem)")
    raise typer.Exit(1)


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


def parse_date(value: str | None, what: str):
    """A YYYY-MM-DD option as a date (None stays None); a wrong one is a usage error (exit 2)."""
    import datetime as dt

    if value is None:
        return None
    value = ascii_option(value, what)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        say(f"pam: {what} '{value}' is not a date: write it YYYY-MM-DD, e.g. 2019-06-14")
        raise typer.Exit(2) from None


def find_or_exit(plan, node_id: str, kinds: tuple[str, ...], label: str):
    """The node of one of `kinds` with this id; otherwise say so with a did-you-mean, exit 1."""
    from pam.problems import did_you_mean

    node_id = ascii_option(node_id, label.split(" ")[0] + " id")
    found = plan.find(node_id)
    if found is None or found[0] not in kinds:
        known = [i for kind in kinds for i in plan.ids(kind)]
        say(f"pam: no {label} '{node_id}'.{did_you_mean(node_id, known)} "
            "(pam tree lists the ids)")
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
    say(f"pam: no {label} '{node_id}'.{did_you_mean(node_id, known)} (pam tree lists the ids)")
    raise typer.Exit(1)


def print_json(data) -> None:
    """JSON to stdout: Arabic readable, control, bidi and invisible characters as \\u escapes."""
    from pam.render.text import json_text

    sys.stdout.write(json_text(data, default=str) + "\n")
