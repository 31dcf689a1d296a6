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


class TableOrJson(str, Enum):
    table = "table"
    json = "json"


def say(message: str) -> None:
    """Messages and progress go to stderr; data goes to stdout."""
    sys.stderr.write(message.rstrip("\n") + "\n")


def load_or_exit(plan_dir: Path, *, cards: bool = True):
    """Load the plan; on errors print them (located) and exit 1; warnings are left to validate."""
    from ..load import load_plan

    plan, problems = load_plan(plan_dir, cards=cards, locate_warnings=False)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        for p in errors[:50]:
            say(p.render())
        more = " (first 50 shown)" if len(errors) > 50 else ""
        say(f"pam: {len(errors)} error(s) in the plan{more}; fix them first "
            f"(pam validate --plan {plan_dir} lists every problem)")
        raise typer.Exit(1)
    return plan


def print_json(data) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
