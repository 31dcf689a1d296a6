"""Checks of the `public:` section of program.yaml (what pam site and the open data publish)."""

from __future__ import annotations

from pam.plan import Plan
from pam.problems import Problem, did_you_mean


def check_public(plan: Plan) -> list[Problem]:
    """Each id under `public.infrastructure` is a project or an action of the plan."""
    public = plan.program.public if plan.program else None
    if public is None:
        return []
    out = []
    index = plan.index()
    choices = [k for k, v in index.items() if v[0] in ("project", "action")]
    for node_id in public.infrastructure:
        found = index.get(node_id)
        if found is None:
            out.append(plan.problem(public, ("infrastructure", node_id), "error",
                                    "unknown-infrastructure-id",
                                    f"public.infrastructure names '{node_id}', which is no "
                                    f"project or action of the plan.{did_you_mean(node_id, choices)}"))
        elif found[0] not in ("project", "action"):
            out.append(plan.problem(public, ("infrastructure", node_id), "error",
                                    "infrastructure-not-project",
                                    f"public.infrastructure names the {found[0]} '{node_id}': "
                                    "name its projects or actions instead (an OC4IDS project is "
                                    "one asset's works, not a whole domain or axis)"))
    return out
