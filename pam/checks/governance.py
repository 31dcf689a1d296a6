"""Checks of the governance records: the steering committee's meetings (steering/) and the
committees' and council's review of an annual report (council/)."""

from __future__ import annotations

from pam.plan import Plan
from pam.problems import Problem, did_you_mean


def _stem(node) -> str:
    return node._file.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]


def check_meetings(plan: Plan) -> list[Problem]:
    """A meeting: its file named after its date, a known body, decisions due after the meeting
    (an overdue decision is no error: the report shows it), done after it, ids unique, a
    project that exists."""
    out = []
    bodies = [b.id for b in plan.program.governance] if plan.program else []
    projects = plan.ids("project")
    for meeting in plan.meetings:
        if _stem(meeting) != meeting.date.isoformat():
            out.append(plan.problem(meeting, ("date",), "warning", "meeting-misplaced",
                                    f"a meeting of {meeting.date} is expected in "
                                    f"steering/{meeting.date.isoformat()}.yaml; rename the "
                                    "file so each meeting has its own"))
        if bodies and meeting.body not in bodies:
            out.append(plan.problem(meeting, ("body",), "error", "unknown-body",
                                    f"body '{meeting.body}' is not a governance body of "
                                    f"program.yaml ({', '.join(bodies)})."
                                    f"{did_you_mean(meeting.body, bodies)}"))
        seen: set[str] = set()
        for i, d in enumerate(meeting.decisions):
            where = ("decisions", i)
            if d.id is not None:
                if d.id in seen:
                    out.append(plan.problem(meeting, where + ("id",), "error",
                                            "duplicate-decision-id",
                                            f"decision id '{d.id}' is used twice in this "
                                            "meeting; give each decision its own id"))
                seen.add(d.id)
            if d.due is not None and d.due < meeting.date:
                out.append(plan.problem(meeting, where + ("due",), "error",
                                        "decision-due-before-meeting",
                                        f"due {d.due}, before the meeting of {meeting.date} "
                                        "that took the decision; correct the due date"))
            if d.done_on is not None and d.done_on < meeting.date:
                out.append(plan.problem(meeting, where + ("done_on",), "error",
                                        "decision-done-before-meeting",
                                        f"done on {d.done_on}, before the meeting of "
                                        f"{meeting.date} that took the decision; correct it"))
            if d.done_on is not None and d.state != "done":
                out.append(plan.problem(meeting, where + ("state",), "warning",
                                        "decision-state-mismatch",
                                        f"done_on is {d.done_on} but state is '{d.state}'; "
                                        "set state: done, or remove done_on"))
            if d.project is not None and d.project not in projects:
                out.append(plan.problem(meeting, where + ("project",), "error",
                                        "unknown-project",
                                        f"no project '{d.project}' in the plan."
                                        f"{did_you_mean(d.project, projects)}"))
    return out


def check_council(plan: Plan) -> list[Problem]:
    """A council review: one file per year, named after it, inside the program; the
    committees' opinions come before the council's deliberation (decree 2.16.301 art. 15)."""
    out = []
    years = plan.program.years if plan.program else None
    seen: set[int] = set()
    for review in plan.council:
        if _stem(review) != str(review.year):
            out.append(plan.problem(review, ("year",), "warning", "council-misplaced",
                                    f"the review of the {review.year} report is expected in "
                                    f"council/{review.year}.yaml; rename the file"))
        if review.year in seen:
            out.append(plan.problem(review, ("year",), "error", "duplicate-council-year",
                                    f"another file of council/ is about {review.year} too; "
                                    "keep one file per annual report"))
        seen.add(review.year)
        if years is not None and review.year not in years:
            out.append(plan.problem(review, ("year",), "error", "council-year-outside-program",
                                    f"{review.year} is outside the program period "
                                    f"{years.start}-{years.stop - 1}"))
        deliberation = review.deliberation
        for i, o in enumerate(review.opinions):
            if o.date.year <= review.year:
                out.append(plan.problem(review, ("opinions", i, "date"), "error",
                                        "opinion-before-year-end",
                                        f"an opinion of {o.date} on the report of "
                                        f"{review.year}, a year not yet over; check the date"))
            if deliberation is not None and o.date > deliberation.date:
                out.append(plan.problem(review, ("opinions", i, "date"), "error",
                                        "opinion-after-deliberation",
                                        f"the committee's opinion ({o.date}) comes after the "
                                        f"council's deliberation ({deliberation.date}): the "
                                        "committees give their opinion first (decree "
                                        "2.16.301 art. 15); check both dates"))
    return out
