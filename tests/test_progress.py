"""Recording progress, cards, status, history and the demo, through the real `pam` command."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import write_plan

SCENARIO = [
    ("D1.A1.P1.01", "2018-06-30", "20", ["--spent", "0.5"]),
    ("D1.A1.P1.01", "2018-12-20", "45", ["--spent", "0.9", "--reporter", "Fatima (test)"]),
    ("D1.A1.P1.02", "2019-05-10", "10", []),
]


def record(pam, plan, action, day, progress, *extra):
    return pam("record", action, "--date", day, "--progress", progress, "--plan", str(plan),
               *extra)


@pytest.fixture(scope="module")
def recorded_once(tmp_path_factory):
    from conftest import run_pam

    plan = write_plan(tmp_path_factory.mktemp("scenario"))
    for action, day, progress, extra in SCENARIO:
        r = record(run_pam, plan, action, day, progress, *extra)
        assert r.returncode == 0, r.stderr
    return plan


@pytest.fixture
def recorded(recorded_once, tmp_path):
    """A fresh copy of the recorded scenario for each test."""
    import shutil

    return shutil.copytree(recorded_once, tmp_path / "plan")


def planned(targets, day):
    """Independent reading of the rule: linear in days between 31 Decembers."""
    pts = [(date(min(targets) - 1, 12, 31), 0)] + [(date(y, 12, 31), v)
                                                   for y, v in sorted(targets.items())]
    for (d0, v0), (d1, v1) in zip(pts, pts[1:], strict=False):
        if d0 <= day <= d1:
            return v0 + (v1 - v0) * (day - d0).days / (d1 - d0).days
    return pts[-1][1] if day > pts[-1][0] else 0


def test_scenario_gives_the_values_the_rules_define(recorded, pam):
    r = pam("status", "--plan", str(recorded), "--as-of", "2019-06-30", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    acts = {a["id"]: a for a in data["actions"]}
    day = date(2019, 6, 30)
    p1 = planned({2018: 50, 2019: 100}, day)
    p2 = planned({2019: 40, 2020: 100}, day)
    a1, a2, a3 = acts["D1.A1.P1.01"], acts["D1.A1.P1.02"], acts["D1.A1.P1.03"]
    assert a1["planned"] == round(p1, 2) and a1["actual"] == 45
    assert a1["variance"] == round(45 - p1, 2) and a1["status"] == "late"
    assert a1["stale"] is True and a1["last_report"] == "2018-12-20"
    assert a1["pv"] == round(2 * p1 / 100, 2) and a1["ev"] == 0.9 and a1["ac"] == 0.9
    assert a1["spi"] == round(0.9 / (2 * p1 / 100), 2) and a1["cpi"] == 1.0
    assert a2["planned"] == round(p2, 2) and a2["actual"] == 10
    assert a2["status"] == "on_track" and a2["cost"] is None and a2["pv"] is None
    assert a3["planned"] is None and a3["status"] == "no_target"
    proj = data["projects"][0]
    assert proj["planned"] == round((p1 + p2) / 2, 2)
    assert proj["actual"] == 27.5
    assert proj["variance"] == round(27.5 - round((p1 + p2) / 2, 2), 2)  # as printed
    assert proj["status"] == "late" and proj["rule"] == "late-share"  # 1 of 2 due late
    assert (proj["measured"], proj["due"], proj["reported"], proj["counted_as_zero"]) == \
        (2, 2, 2, 0)
    assert proj["excluded"] == {"no_target": 1, "cancelled": 0, "dropped": 0, "added": 0}
    assert proj["counts"]["late"] == 1 and proj["counts"]["on_track"] == 1
    assert proj["planned_cost_weighted"] == round(p1, 2)
    assert data["program"]["actual"] == proj["actual"]
    assert set(data) == {"as_of", "program", "domains", "axes", "projects", "actions"}
    assert set(a1) == {"id", "project", "text", "planned", "actual", "variance", "status",
                       "state", "stale", "last_report", "cost", "spent", "pv", "ev", "ac", "spi",
                       "cpi", "allocated", "committed", "paid", "paid_of_allocated",
                       "committed_of_cost", "own", "partner", "partner_signed", "funding",
                       "indicators", "alarms"}
    assert set(proj) == {"id", "name", "planned", "actual", "variance", "status", "rule",
                         "planned_cost_weighted", "actual_cost_weighted", "pv", "ev", "ac",
                         "spi", "cpi", "cost", "counts", "actions", "measured", "due",
                         "due_done", "reported", "counted_as_zero", "planned_reported",
                         "actual_reported", "costed", "weight", "excluded", "projects", "stale",
                         "money", "indicators", "alarms", "project_indicators"}


def test_cards_are_one_file_per_project_per_half_month(recorded):
    files = sorted(p.relative_to(recorded).as_posix() for p in recorded.rglob("progress/**/*.yaml"))
    assert files == ["progress/D1.A1.P1/2018-06b.yaml", "progress/D1.A1.P1/2018-12b.yaml",
                     "progress/D1.A1.P1/2019-05a.yaml"]


def test_recorded_cards_validate(recorded, pam):
    r = pam("validate", "--plan", str(recorded), "--format", "json")
    data = json.loads(r.stdout)
    assert data["errors"] == 0, data


def test_second_record_in_a_period_updates_the_card_and_keeps_comments(recorded, pam):
    path = recorded / "progress/D1.A1.P1/2018-06b.yaml"
    before = path.read_text(encoding="utf-8")
    r = record(pam, recorded, "D1.A1.P1.02", "2018-06-20", "5", "--note", "بداية الأشغال")
    assert r.returncode == 0, r.stderr
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before.split("actions:")[0])     # header comments kept
    assert "action: D1.A1.P1.01" in after and "action: D1.A1.P1.02" in after
    assert "date: 2018-06-20" in after                        # differs from the card's date
    assert "بداية الأشغال" in after


@pytest.mark.parametrize("args,message", [
    (("D1.A1.P1.1", "2019-01-10", "50"), "Did you mean 'D1.A1.P1.01'?"),
    (("D1.A1.P1.01", "2019-01-10", "120"), "outside 0-100"),
    (("D1.A1.P1.01", "2016-01-10", "50"), "outside the program period"),
    (("D1.A1.P1.01", "2019-01-10", "30"), "lower than the 45% reported on 2018-12-20"),
])
def test_record_refuses_bad_input(recorded, pam, args, message):
    r = record(pam, recorded, *args)
    assert r.returncode == 1
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_record_refuses_future_dates(recorded, pam):
    r = record(pam, recorded, "D1.A1.P1.01", (date.today().replace(year=date.today().year + 1))
               .isoformat(), "50")
    assert r.returncode == 1 and ("future" in r.stderr or "outside" in r.stderr)


def test_a_lower_progress_is_accepted_as_a_correction(recorded, pam):
    r = record(pam, recorded, "D1.A1.P1.01", "2019-01-10", "30", "--correction",
               "December figure counted an unpaid invoice")
    assert r.returncode == 0, r.stderr
    assert pam("validate", "--plan", str(recorded)).returncode == 0
    text = (recorded / "progress/D1.A1.P1/2019-01a.yaml").read_text(encoding="utf-8")
    assert 'correction: "December figure counted an unpaid invoice"' in text


def test_bad_date_is_a_usage_error(recorded, pam):
    r = record(pam, recorded, "D1.A1.P1.01", "2019-02-30", "50")
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr


def test_card_is_a_template_to_fill_in_with_last_values_beside(recorded, pam):
    """pam card leaves the values to fill in empty, the last card's beside them: an untouched
    card is not a report (card-not-filled), a filled one validates (issue 14)."""
    r = pam("card", "D1.A1.P1", "--period", "2019-06a", "--plan", str(recorded))
    assert r.returncode == 0, r.stderr
    path = recorded / "progress/D1.A1.P1/2019-06a.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("- action:") == 3
    assert "# last card 2018-12-20: progress 45" in text
    assert "progress: 45" not in text and text.count("\n  progress:\n") == 3
    assert "date: 2019-06-15" in text and 'reporter:  # TO FILL IN' in text
    again = pam("card", "D1.A1.P1", "--period", "2019-06a", "--plan", str(recorded))
    assert again.returncode == 1 and "already exists" in again.stderr
    untouched = pam("validate", str(path))
    assert untouched.returncode == 1 and untouched.stdout.count("error[card-not-filled]") == 1
    assert "4 values left empty (reporter, D1.A1.P1.01 progress, D1.A1.P1.02 progress, " \
           "D1.A1.P1.03 progress)" in untouched.stdout
    # filled in (one action deleted, as the template says an unreported one may be)
    filled = text.replace("reporter:  # TO FILL IN", 'reporter: "F. Z." # ').replace(
        "  progress:\n", "  progress: 50\n", 2)
    start = filled.index("- action: D1.A1.P1.03")
    filled = filled[:start] + filled[filled.index("obstacles: []"):]
    path.write_text(filled, encoding="utf-8")
    ok = pam("validate", str(path))
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_card_unknown_project(recorded, pam):
    r = pam("card", "D1.A1.P2", "--plan", str(recorded))
    assert r.returncode == 1 and "Did you mean 'D1.A1.P1'?" in r.stderr


def test_history(recorded, pam):
    r = pam("history", "D1.A1.P1.01", "--plan", str(recorded), "--format", "json")
    rows = json.loads(r.stdout)["reports"]
    reports = [x for x in rows if x["kind"] == "report"]
    assert [(x["date"], x["actual"]) for x in reports] == [("2018-06-30", 20), ("2018-12-20", 45)]
    assert reports[0]["planned"] == round(planned({2018: 50, 2019: 100}, date(2018, 6, 30)), 2)
    assert [x["date"] for x in rows if x["kind"] == "target"] == ["2018-12-31", "2019-12-31"]
    table = pam("history", "D1.A1.P1.01", "--plan", str(recorded))
    assert table.returncode == 0 and "2018-12-20" in table.stdout and "إجراء أول" in table.stdout


def test_status_table_fits_100_columns_and_reads_without_colour(recorded, pam):
    r = pam("status", "--plan", str(recorded), "--as-of", "2019-06-30", env={"NO_COLOR": "1"})
    assert r.returncode == 0, r.stderr
    assert "\x1b[" not in r.stdout
    assert max(len(line) for line in r.stdout.splitlines()) <= 100
    assert "LATE" in r.stdout and "المشروع الأول" in r.stdout


def test_status_filters(recorded, pam):
    r = pam("status", "--plan", str(recorded), "--as-of", "2019-06-30", "--only", "late",
            "--format", "json")
    assert [a["id"] for a in json.loads(r.stdout)["actions"]] == ["D1.A1.P1.01"]
    bad = pam("status", "--plan", str(recorded), "--only", "lat")
    assert bad.returncode == 2 and "Did you mean 'late'?" in bad.stderr


def test_bidi_option_reorders_arabic(recorded, pam):
    plain = pam("tree", "--plan", str(recorded)).stdout
    shaped = pam("tree", "--plan", str(recorded), "--bidi").stdout
    assert "المشروع الأول" in plain
    assert "المشروع الأول" not in shaped and "D1.A1.P1" in shaped


def test_demo_is_reproducible_and_marked_simulated(tmp_path, pam):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        r = pam("demo", str(out), "--seed", "7", "--as-of", "2018-06-30")
        assert r.returncode == 0, r.stderr
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    cards = [p for p in a.rglob("progress/**/*.yaml")]
    assert len(cards) > 100
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    assert all("SIMULATED" in c.read_text(encoding="utf-8") for c in cards)
    assert all("example: true" in c.read_text(encoding="utf-8") for c in cards)
    v = pam("validate", "--plan", str(a / "plan"), "--format", "json")
    assert json.loads(v.stdout)["errors"] == 0
    s = pam("status", "--plan", str(a / "plan"), "--format", "json")
    data = json.loads(s.stdout)
    assert data["as_of"] == "2018-06-30"
    statuses = {x["status"] for x in data["actions"]}
    assert {"late", "at_risk", "on_track", "unreported", "done"} <= statuses
    assert any(x["stale"] for x in data["actions"])
    table = pam("status", "--plan", str(a / "plan"))
    assert "SIMULATED EXAMPLE DATA" in table.stdout
    c = pam("demo", str(a), "--seed", "7")
    assert c.returncode == 1 and "--force" in c.stderr


def test_demo_refuses_to_replace_a_folder_that_is_not_a_demo(tmp_path, pam):
    precious = tmp_path / "mine"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    r = pam("demo", str(precious), "--force")
    assert r.returncode == 1 and (precious / "notes.txt").read_text() == "keep me"


def test_caches_never_hide_a_change(recorded, pam, tmp_path):
    """With the caches on, a card edited after a first run changes the next status at once."""
    env = {"PAM_NO_CACHE": "0", "PAM_CACHE_DIR": str(tmp_path / "cache")}
    args = ("status", "--plan", str(recorded), "--as-of", "2019-06-30", "--format", "json")
    first = json.loads(pam(*args, env=env).stdout)
    again = json.loads(pam(*args, env=env).stdout)
    assert first == again
    assert list((tmp_path / "cache").rglob("status-*.json"))  # kept outside the work tree
    # no cache in the work tree: caches live in the user's cache folder (issue 12)
    assert not (recorded.parent / ".pam-cache").exists()
    card = recorded / "progress/D1.A1.P1/2018-12b.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("progress: 45", "progress: 47"),
                    encoding="utf-8")
    after = json.loads(pam(*args, env=env).stdout)
    acts = {a["id"]: a for a in after["actions"]}
    assert acts["D1.A1.P1.01"]["actual"] == 47
    # a broken card is reported even though a good result was cached before: left out of
    # the figures and named (issue 14: one broken card blocks no one else); --strict refuses
    card.write_text("project: [", encoding="utf-8")
    broken = pam(*args, env=env)
    assert broken.returncode == 0 and "yaml-syntax" in broken.stderr
    assert [c["file"] for c in json.loads(broken.stdout)["left_out_cards"]] == [str(card)]
    strict = pam(*args, "--strict", env=env)
    assert strict.returncode == 1 and "yaml-syntax" in strict.stderr
