"""What the public website and the open data show: the `public:` section of program.yaml.

Each part named in `public.internal` is never published:
- reporters   the names of who filled in each card (`reporter:`);
- notes       the cards' notes, their lines' notes and the reasons of corrections;
- heads       the project heads' names and services (`head:`, `service:` of a project);
- owners      who carries a proposed solution (`owner:`);
- risks       the risks seen on cards;
- next_steps  the next steps written on cards;
- obstacles   the obstacles met (their text and category);
- solutions   the proposed solutions.
Default: reporters, notes, heads, owners, risks and next steps stay internal; obstacles and
solutions (their text, category and due date) are public. A plan's own notes (transcription
judgements) and governance texts are never on the site.
"""

from __future__ import annotations

from dataclasses import dataclass

from pam.model import DEFAULT_INTERNAL, INTERNAL_PARTS, Name
from pam.plan import Plan


@dataclass(frozen=True)
class Publication:
    """The commune's choices, read once: what is internal, the site's address, the data's
    licence and publisher, the infrastructure (project or action id -> (sector, type))."""

    internal: frozenset[str]
    site: str | None
    license: str | None
    publisher: Name  # the commune by default
    iati_org: str | None
    infrastructure: dict

    def shows(self, part: str) -> bool:
        if part not in INTERNAL_PARTS:
            raise ValueError(f"unknown part '{part}' (one of {', '.join(INTERNAL_PARTS)})")
        return part not in self.internal


def publication(plan: Plan) -> Publication:
    """The `public:` section of the plan, with its defaults."""
    p = plan.loaded_program.public
    if p is None:
        return Publication(frozenset(DEFAULT_INTERNAL), None, None, plan.loaded_program.commune,
                           None, {})
    infra = {k: (v.sector, v.type) for k, v in p.infrastructure.items()}
    return Publication(frozenset(p.internal), p.site, p.license,
                       p.publisher or plan.loaded_program.commune, p.iati_org, infra)


def asset_of(pub: Publication, action_id: str, project_id: str) -> tuple | None:
    """(sector, type) when the action is infrastructure (named itself, or its project is);
    None otherwise."""
    return pub.infrastructure.get(action_id) or pub.infrastructure.get(project_id)
