"""Daily use (issue 14): filters that filter, views that fit, who must act, the project
head's loop, one broken card blocking no one else, the user's language, the conventions.
The terminal itself (tmux, a pseudo-terminal) is driven in tests/test_terminal.py."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_pam, write_plan
from rich.cells import cell_len

AS_OF = "2020-06-30"


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """The example workspace (pam demo: the Dakhla plan, simulated cards and heads)."""
    from pam.load.pipeline import load_plan
    from pam.scaffold.demo import write_demo

    out = tmp_path_factory.mktemp("daily") / "ws"
    plan, _ = load_plan(ROOT / "plan")
    write_demo(plan, out, seed=2017, as_of=dt.date(2020, 6, 30), force=False)
    return out / "plan"


@pytest.fixture
def copy(example, tmp_path) -> Path:
    target = tmp_path / "plan"
    shutil.copytree(example, target)
    return target


def status(plan: Path, *args, env=None):
    # the caches on (in this test session's folder): the example is read once, not per call
    return run_pam("status", "--plan", str(plan), *args, env={"PAM_NO_CACHE": "0", **(env or {})})


def status_json(plan: Path, *args) -> dict:
    r = status(plan, "--format", "json", *args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


# --- 1. filters that filter -------------------------------------------------------------------

def test_only_lists_every_action_it_selects_and_says_what_is_shown(example):
    late = [a for a in status_json(example)["actions"] if a["status"] == "late"]
    out = status(example, "--only", "late").stdout
    listed = [line for line in out.splitlines() if line.split(" │")[0].strip()
              in {a["id"] for a in late}]
    assert len(listed) == len(late) > 12  # more than a list's first screen, every one
    assert "more (pam status" not in out
    assert f"shown: {len(late)} of 151 actions, status LATE" in out.replace("\n│ ", " ")
    assert "program: 151 actions: done" in out  # the program's totals, kept apart


def test_only_takes_every_status_the_screen_prints(example):
    from pam.cli.status_cmds import only_statuses

    words = {"LATE": "late", "Late": "late", "at risk": "at_risk", "AT RISK": "at_risk",
             "at-risk": "at_risk", "en retard": "late", "EN RETARD": "late", "متأخر": "late",
             "on track": "on_track", "not due": "not_due", "No Target": "no_target",
             "stale": "stale", "sans nouvelles": "stale", "à risque": "at_risk",
             "مهدد بالتأخر": "at_risk", "unreported": "unreported"}
    for word, code in words.items():
        assert only_statuses([word]) == (code,), word
    assert only_statuses(["late,AT RISK", "late"]) == ("late", "at_risk")
    r = status(example, "--only", "AT RISK", "--only", "stale", "--format", "json")
    assert r.returncode == 0 and {a["status"] for a in json.loads(r.stdout)["actions"]
                                  if not a["stale"]} == {"at_risk"}


def test_only_unknown_says_what_it_takes(example):
    r = status(example, "--only", "latte")
    assert r.returncode == 2 and "Did you mean 'late'?" in r.stderr and "stale" in r.stderr


def test_only_stale_done_and_unreported_list_their_actions(example):
    data = status_json(example, "--only", "stale")
    assert data["actions"] and all(a["stale"] for a in data["actions"])
    assert len(data["actions"]) == data["program"]["stale"]
    for word in ("done", "unreported"):
        out = status(example, "--only", word).stdout
        assert f"Actions shown: {word} (" in out
        count = status_json(example)["program"]["counts"][word]
        assert f"Actions shown: {word} ({count})" in out


def test_options_that_conflict_say_so(example):
    r = status(example, "--domain", "D1", "--project", "D2.A1.P1")
    assert r.returncode == 2 and "--project D2.A1.P1 is not in --domain D1" in r.stderr
    ok = status(example, "--domain", "D2", "--project", "D2.A1.P1")
    assert ok.returncode == 0 and "shown: project D2.A1.P1" in ok.stdout
    r = status(example, "--depth", "1", "--format", "json")
    assert r.returncode == 2 and "--depth and --format json" in r.stderr


def test_a_scope_shows_its_own_figures_beside_the_program(example):
    out = status(example, "--domain", "D2").stdout
    assert "shown: domain D2" in out and "program: 151 actions" in out
    rows = [x.split("│")[0].strip() for x in out.split("L/R/U")[1].splitlines()[2:]]
    assert rows[0] == "D2" and "D1" not in rows


# --- 2. fit the terminal -------------------------------------------------------------------------

@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_status_fits_the_width(example, width):
    out = status(example, env={"COLUMNS": str(width)}).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= width


def test_names_get_the_room_and_narrow_terminals_a_minimum(example):
    name = "التنمية الاقتصادية و الثقافية و الاجتماعية و الرياضية"
    assert name in status(example, env={"COLUMNS": "160"}).stdout
    narrow = status(example, env={"COLUMNS": "40"}).stdout  # below the minimum: 60 columns
    assert max(cell_len(line) for line in narrow.splitlines()) == 60


def test_depth_cuts_the_table(example):
    out = status(example, "--depth", "1").stdout
    table = out.split("L/R/U")[1].split("plan/done")[0]
    ids = [x.split("│")[0].strip() for x in table.splitlines()[2:] if x.strip()]
    assert ids == ["D1", "D2", "D3", "D4", "D5", "D6", "D7"]
    header = status(example, "--depth", "0").stdout
    assert "L/R/U" not in header and "EV, earned value" in header


# --- 3. Arabic on the terminal: the rules (the terminals: tests/test_terminal.py) -----------

def test_which_terminals_lay_out_right_to_left_text_themselves():
    from pam.render.text import terminal_lays_out_rtl

    assert terminal_lays_out_rtl({"VTE_VERSION": "7600"})  # GNOME Terminal and VTE >= 0.58
    assert terminal_lays_out_rtl({"VTE_VERSION": "5202"}) is None
    assert terminal_lays_out_rtl({"KONSOLE_VERSION": "230401"}) == "Konsole"
    assert terminal_lays_out_rtl({"TERM": "mlterm"}) == "mlterm"
    assert terminal_lays_out_rtl({"TERM_PROGRAM": "Apple_Terminal"}) == "macOS Terminal"
    assert terminal_lays_out_rtl({"TERM_PROGRAM": "iTerm.app"}) is None
    assert terminal_lays_out_rtl({"VTE_VERSION": "7600", "TMUX": "/tmp/t,1,0"}) is None
    assert terminal_lays_out_rtl({"KONSOLE_VERSION": "1", "TERM": "screen-256color"}) is None


def test_bidi_modes():
    import io

    from pam.render.text import bidi_mode

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert bidi_mode(None, Tty(), {}) == "on"
    assert bidi_mode(None, io.StringIO(), {}) == "off"  # a file or a pipe: the data as is
    assert bidi_mode(None, Tty(), {"VTE_VERSION": "7600"}) == "off"
    assert bidi_mode("on", io.StringIO(), {}) == "on"
    assert bidi_mode(None, io.StringIO(), {"PAM_BIDI": "1"}) == "on"
    assert bidi_mode(None, Tty(), {"PAM_BIDI": "off"}) == "off"
    assert bidi_mode(True, Tty(), {}) == "on" and bidi_mode(False, Tty(), {}) == "off"


def test_a_name_is_cut_at_its_logical_end_then_shaped():
    import unicodedata

    from pam.render.term import fit
    from pam.render.text import Shaper

    name = "المالية و الجبايات و الأملاك الجماعية"
    plain = fit(name, 20)
    assert plain == name[:19].rstrip() + "…" and cell_len(plain) <= 20
    shaped = fit(name, 20, Shaper(visual=True))
    back = unicodedata.normalize("NFKC", shaped[::-1].replace("…", "\0")).replace("\0", "…")
    assert back == plain and cell_len(shaped) <= 20


def test_wrapped_prose_reads_in_order_line_by_line():
    import io
    import unicodedata

    from pam.render.term import Styled, Terminal
    from pam.render.text import Shaper

    words = ("الإجراء المشروع المحور المجال البرنامج الجماعة المجلس الرئيس المنسق المصلحة "
             "البطاقة التقرير الهدف الكلفة الإنجاز المتوقع المنجز الفارق الوضعية المرجع").split()
    text = " ".join(words + words[::-1])
    out = io.StringIO()
    term = Terminal(file=out, width=60, color=False, shape=Shaper(visual=True, rtl=True))
    term.print(Styled(text))
    term.flush()
    lines = [unicodedata.normalize("NFKC", x[::-1]).strip() for x in out.getvalue().split("\n")
             if x]
    assert len(lines) > 2 and " ".join(lines) == text  # line after line, each from its start
    assert lines[0].startswith("الإجراء المشروع")


def test_bidi_flags_old_and_new():
    for args in (["--bidi"], ["--bidi", "on"], ["--bidi=on"], ["--no-bidi"], ["--bidi", "off"]):
        r = run_pam("tree", "--plan", str(ROOT / "plan"), "-d", "1", *args)
        assert r.returncode == 0, (args, r.stderr)
        shaped = any(0xFE70 <= ord(c) <= 0xFEFF for c in r.stdout)
        assert shaped == (args[-1] in ("--bidi", "on", "--bidi=on")), args
    assert run_pam("tree", "--plan", str(ROOT / "plan"), "--bidi=sideways").returncode == 2


# --- 4. who must act ----------------------------------------------------------------------------

def test_every_list_names_the_head(example):
    out = status(example, env={"COLUMNS": "160"}).stdout
    for title in ("Late actions", "At-risk actions", "Stale projects", "Projects with due "
                  "actions never reported", "Reporting discipline"):
        section = out.split(title)[1].split("\n\n")[0]
        header = next(x for x in section.splitlines() if "│" in x or " head" in x)
        assert "head" in header, title
        assert "(مثال)" in section, title  # the simulated heads of the example


def test_by_head_is_the_agenda_of_the_review(example):
    out = status(example, "--by", "head", env={"COLUMNS": "120"}).stdout
    assert "Agenda of the half-monthly review, as of 2020-06-30" in out
    assert "■ فاطمة الزهراء (مثال) · المصلحة المالية" in out
    data = status_json(example, "--by", "head")["agenda"]
    heads = [g["head"] for g in data]
    assert heads[-1] is None  # the projects whose head the plan does not name, last
    assert "(no head named in the plan)" in out
    every = {p["id"] for g in data for p in g["projects"]}
    late = {a["project"] for a in status_json(example, "--only", "late")["actions"]}
    assert late <= every


def test_without_heads_the_agenda_says_how_to_name_them(tmp_path):
    plan = write_plan(tmp_path, cards={"D1.A1.P1/2019-06a.yaml": CARD_0601})
    out = status(plan, "--by", "head", "--as-of", "2019-12-31").stdout
    assert "(no head named in the plan)" in out and "head: \"...\"" in out


CARD_0601 = """\
project: D1.A1.P1
period: 2019-06a
date: 2019-06-14
reporter: "F. Z."
actions:
- {action: D1.A1.P1.01, progress: 40, spent: 0.5}
"""


# --- 5. the project head's loop -------------------------------------------------------------------

def test_validate_files_checks_just_those(tmp_path):
    domain = (
        "id: D1\nname: {ar: المجال}\naxes:\n- id: D1.A1\n  name: {ar: المحور}\n  projects:\n"
        "  - id: D1.A1.P1\n    name: {ar: أ}\n    actions:\n    - {id: D1.A1.P1.01, text: x,"
        " cost: 0.1, targets: {2019: 100}}\n  - id: D1.A1.P2\n    name: {ar: ب}\n    actions:\n"
        "    - {id: D1.A1.P2.01, text: y, cost: 0.1, targets: {2019: 100}}\n")
    cards = {"D1.A1.P1/2019-06a.yaml": "project: D1.A1.P1\nperiod: 2019-06a\ndate: 2019-06-14\n"
             "reporter: a\nactions:\n- {action: D1.A1.P1.01, progress: 140}\n"}
    for i, period in enumerate(("2019-06a", "2019-06b", "2019-07a")):
        cards[f"D1.A1.P2/{period}.yaml"] = (
            f"project: D1.A1.P2\nperiod: {period}\ndate: {period[:7]}-{14 + 14 * (i % 2)}\n"
            f"reporter: b\nactions:\n- {{action: D1.A1.P2.01, progress: {10 + i}, spent: 1}}\n")
    plan = write_plan(tmp_path, domains={"d1.yaml": domain}, cards=cards)
    good = plan / "progress/D1.A1.P2/2019-06a.yaml"
    bad = plan / "progress/D1.A1.P1/2019-06a.yaml"
    r = run_pam("validate", str(good))
    assert r.returncode == 0 and "1 file checked: 0 errors, 1 warning" in r.stderr
    assert str(bad) not in r.stdout and "spent-over-cost" in r.stdout
    r = run_pam("validate", str(bad), str(good))
    assert r.returncode == 1 and "2 files checked: 1 error" in r.stderr
    assert r.stdout.index("error[") < r.stdout.index("warning[")  # errors first
    # grouped: the same cause once, with its count; --all lists each
    r = run_pam("validate", "--plan", str(plan))
    assert "warning[spent-over-cost] 3 times, e.g. " in r.stdout
    assert run_pam("validate", "--plan", str(plan), "--all").stdout.count(
        "warning[spent-over-cost]:") == 3
    quiet = run_pam("validate", str(good), "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    loud = run_pam("validate", str(bad), "--quiet")
    assert loud.returncode == 1 and "error[out-of-range]" in loud.stdout
    assert run_pam("validate", str(tmp_path / "nope.yaml")).returncode == 2
    (tmp_path / "stray.yaml").write_text("x: 1\n", encoding="utf-8")
    r = run_pam("validate", str(tmp_path / "stray.yaml"))
    assert r.returncode == 2 and "is not in a plan folder" in r.stderr
    r = run_pam("validate", str(good), "--plan", str(ROOT / "plan"))
    assert r.returncode == 2 and "is not in the plan folder" in r.stderr


def test_record_needs_a_reporter(tmp_path):
    plan = write_plan(tmp_path)
    r = run_pam("record", "D1.A1.P1.01", "--date", "2019-06-14", "--progress", "5", "--plan",
                str(plan), env={"PAM_REPORTER": ""})
    assert r.returncode == 1 and "give --reporter" in r.stderr
    r = run_pam("record", "D1.A1.P1.01", "--date", "2019-06-14", "--progress", "5", "--plan",
                str(plan), "--reporter", "F. Z.", env={"PAM_REPORTER": ""})
    assert r.returncode == 0, r.stderr
    again = run_pam("record", "D1.A1.P1.01", "--date", "2019-07-14", "--progress", "6",
                    "--plan", str(plan), env={"PAM_REPORTER": ""})
    assert again.returncode == 0  # the project's last reporter
    assert 'reporter: "F. Z."' in (plan / "progress/D1.A1.P1/2019-07a.yaml").read_text()


def test_an_empty_reporter_is_not_filled_in(tmp_path):
    plan = write_plan(tmp_path, cards={"D1.A1.P1/2019-06a.yaml": CARD_0601.replace(
        '"F. Z."', '""')})
    r = run_pam("validate", "--plan", str(plan))
    assert r.returncode == 1 and "error[card-not-filled]" in r.stdout and "'reporter'" in r.stdout
    missing = write_plan(tmp_path / "b", cards={"D1.A1.P1/2019-06a.yaml": CARD_0601.replace(
        'reporter: "F. Z."\n', "")})
    r = run_pam("validate", "--plan", str(missing))
    assert r.returncode == 0 and "warning[reporter-missing]" in r.stdout


# --- 6. one broken card blocks no one else --------------------------------------------------------

def test_one_broken_card_blocks_no_one_else(copy, tmp_path):
    broken = copy / "progress/D1.A1.P1/2020-06b.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("\n  progress:",
                                                                 "\n   progress:", 1),
                      encoding="utf-8")
    other = run_pam("record", "D2.A2.P2.01", "--date", "2020-06-20", "--progress", "61",
                    "--plan", str(copy))
    assert other.returncode == 0 and "not read because of errors" in other.stderr
    own = run_pam("record", "D1.A1.P1.01", "--date", "2020-06-20", "--progress", "99",
                  "--plan", str(copy))
    assert own.returncode == 1 and "fix it first" in own.stderr
    view = status(copy)
    assert view.returncode == 0 and "1 card left out of these figures" in view.stdout
    assert "2020-06b.yaml" in view.stdout.split("╭")[0]
    assert status(copy, "--strict").returncode == 1
    md = tmp_path / "annual.md"
    r = run_pam("report", "annual", "--year", "2019", "--plan", str(copy), "-o", str(md))
    assert r.returncode == 0 and "2020-06b.yaml" in md.read_text(encoding="utf-8")
    assert run_pam("report", "annual", "--year", "2019", "--plan", str(copy), "-o",
                   str(tmp_path / "b.md"), "--strict").returncode == 1


# --- 7. the user's language -------------------------------------------------------------------------

def test_the_language_comes_from_lang_pam_lang_or_the_locale():
    from pam.i18n.terminal import detect

    assert detect({"PAM_LANG": "fr", "LANG": "ar_MA.UTF-8"}) == "fr"
    assert detect({"LANG": "ar_MA.UTF-8"}) == "ar"
    assert detect({"LC_ALL": "fr_FR.UTF-8", "LANG": "ar_MA.UTF-8"}) == "fr"
    assert detect({"LANGUAGE": "ar:fr", "LANG": "fr_FR.UTF-8"}) == "ar"
    assert detect({"LANG": "C.UTF-8"}) == "en" and detect({}) == "en"
    assert detect({"LANG": "de_DE.UTF-8"}) == "en"


def test_views_and_messages_in_french_and_arabic(example):
    fr = status(example, "--only", "late", env={"PAM_LANG": "fr"}).stdout
    assert "situation au 2020-06-30" in fr and "EN RETARD" in fr and "Actions affichées" in fr
    ar = status(example, env={"PAM_LANG": "", "LANG": "ar_MA.UTF-8"}).stdout
    assert "الوضعية بتاريخ 2020-06-30" in ar and "متأخر" in ar
    en = status(example, "--lang", "en", env={"PAM_LANG": "fr"}).stdout
    assert "as of 2020-06-30" in en
    msg = run_pam("status", "--plan", str(example), "--only", "latte", env={"PAM_LANG": "fr"})
    assert "situation inconnue 'latte'" in msg.stderr
    helped = run_pam("--help", env={"PAM_LANG": "fr"}).stdout
    assert "suivi du programme d'action" in helped and "Vérifie le plan" in helped
    assert "Check the plan" in run_pam("--help").stdout


# --- 8. conventions ---------------------------------------------------------------------------------

def test_as_of_words_and_a_capped_date(example):
    today = status_json(example, "--as-of", "today")
    assert today["as_of"] == min(dt.date.today(), dt.date(2022, 12, 31)).isoformat()
    assert status(example, "--as-of", "yesterday", "--format", "json").returncode == 0
    capped = status(example, "--as-of", "2030-01-01")
    assert "as of 2022-12-31" in capped.stdout
    assert "--as-of 2030-01-01 is after the end of the program" in capped.stdout.replace(
        "│\n│ ", "")
    assert status_json(example, "--as-of", "2030-01-01")["as_of"] == "2022-12-31"
    bad = status(example, "--as-of", "tomorrow")
    assert bad.returncode == 2 and "today or yesterday" in bad.stderr


def test_the_same_format_names_everywhere(tmp_path):
    plan = write_plan(tmp_path)
    for cmd, formats in ((["status"], ("text", "table", "json")), (["tree"], ("text", "json")),
                         (["show", "D1"], ("text",)), (["history", "D1.A1.P1.01"], ("text",)),
                         (["explain", "D1.A1.P1.01"], ("text",))):
        for fmt in formats:
            r = run_pam(*cmd, "--plan", str(plan), "--format", fmt)
            assert r.returncode == 0, (cmd, fmt, r.stderr)
    assert run_pam("validate", "--plan", str(plan), "--format", "text").returncode == 0


def test_plurals_years_and_the_money_legend(tmp_path):
    domain = ("id: D1\nname: {ar: المجال}\naxes:\n- id: D1.A1\n  name: {ar: المحور}\n"
              "  projects:\n  - id: D1.A1.P1\n    name: {ar: أ}\n    actions:\n"
              "    - {id: D1.A1.P1.01, text: x, cost: 1, targets: {2018: 100}}\n")
    plan = write_plan(tmp_path, domains={"d1.yaml": domain})
    tree = run_pam("tree", "--plan", str(plan)).stdout
    assert "1 action · " in tree and "1 actions" not in tree and "2018–2018" not in tree
    assert "· 2018" in tree and "1 domain · 1 axis · 1 project" in tree
    out = status(plan, "--as-of", "2019-06-30").stdout
    assert "1 action:" in out and "1 actions" not in out
    assert "EV, earned value" in out and "CPI = EV ÷ AC" in out


def test_numbers_as_people_type_them(tmp_path):
    plan = write_plan(tmp_path)
    for typed, read in (("12,5", 12.5), ("١٢٫٥", 12.5), ("٤٠", 40)):
        r = run_pam("record", "D1.A1.P1.01", "--date", "2019-06-14", "--progress", typed,
                    "--plan", str(plan), "--correction", "test")
        assert r.returncode == 0 and f"read --progress '{typed}' as {read:g}" in r.stderr
    r = run_pam("record", "D1.A1.P1.01", "--date", "2019-06-14", "--progress", "forty",
                "--plan", str(plan))
    assert r.returncode == 2 and "write it like 12.5" in r.stderr
    card = plan / "progress/D1.A1.P1/2019-06b.yaml"
    card.write_text(CARD_0601.replace("2019-06a", "2019-06b").replace("2019-06-14",
                    "2019-06-20").replace("progress: 40", "progress: ٤٥٫٥"), encoding="utf-8")
    r = run_pam("validate", "--plan", str(plan))
    assert r.returncode == 0 and "warning[number-as-text]" in r.stdout and "write 45.5" in \
        r.stdout
    data = status_json(plan, "--as-of", "2019-06-30")
    assert next(a for a in data["actions"] if a["id"] == "D1.A1.P1.01")["actual"] == 45.5


def test_paths_are_shown_as_typed(tmp_path):
    r = run_pam("validate", "--plan", "/nonexistent/plan")
    assert "/nonexistent/plan" in r.stdout + r.stderr and "../" not in r.stdout + r.stderr


def test_shell_completion_knows_the_ids():
    import os

    env = {**os.environ, "_PAM_COMPLETE": "complete_bash", "COMP_WORDS": "pam record D2.A2.P2.0",
           "COMP_CWORD": "2", "PAM_PLAN": str(ROOT / "plan")}
    out = subprocess.run([sys.executable, "-c", "from pam.cli import main; main()"],
                         capture_output=True, text=True, env=env, timeout=60).stdout
    assert out.split() == [f"D2.A2.P2.0{i}" for i in range(1, 8)]
    show = run_pam("--show-completion", "bash", env={"_PAM_COMPLETE": ""})
    assert show.returncode == 0 and "_pam_completion" in show.stdout


@pytest.mark.parametrize("cmd", [["status"], ["tree"], ["validate"], ["history", "D1.A1.P1.01"],
                                 ["status", "--by", "head"]])
def test_a_closed_pipe_exits_0(example, cmd):
    args = [sys.executable, "-c", "from pam.cli import main; main()", *cmd, "--plan",
            str(example)]
    shell = subprocess.list2cmdline(args) + " | head -1"
    r = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True,
                       timeout=120)
    expected = 0
    assert r.returncode == expected, r.stderr
    assert "Traceback" not in r.stderr and "Exception ignored" not in r.stderr


def test_a_warm_status_imports_neither_pydantic_nor_the_models(example, tmp_path):
    import os

    env = {**os.environ, "PAM_NO_CACHE": "0", "PAM_CACHE_DIR": str(tmp_path / "cache")}
    code = ("import sys\nfrom pam.cli import main\n"
            "try:\n    main(['status', '--plan', sys.argv[1], '--only', 'late', '--by', 'head'])\n"
            "except SystemExit:\n    pass\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'jinja2',"
            " 'ruamel') or m in ('pam.model', 'rich.console', 'pam.plan'))\n"
            "print('LOADED', bad, file=sys.stderr)")
    for _ in range(2):  # the first run fills the cache
        r = subprocess.run([sys.executable, "-c", code, str(example)], capture_output=True,
                           text=True, env=env, timeout=120)
    assert "LOADED []" in r.stderr, r.stderr[-500:]


def test_every_view_in_colour(example):
    """With colour (FORCE_COLOR, as on a terminal), every view renders its styles."""
    for cmd in (["status", "--by", "head"], ["status"], ["tree", "D1"], ["show", "D1.A1.P1"],
                ["history", "D1.A1.P1.01"]):
        r = run_pam(*cmd, "--plan", str(example), "--bidi", "on",
                    env={"FORCE_COLOR": "1", "NO_COLOR": ""})
        assert r.returncode == 0 and "\x1b[1m" in r.stdout, (cmd, r.stderr)


def test_lang_before_the_command_holds(example):
    out = run_pam("--lang", "fr", "status", "--plan", str(example), "--depth", "0").stdout
    assert "situation au 2020-06-30" in out


def test_every_word_has_its_three_languages_and_no_stray_placeholder():
    import string

    from pam.cli.help_words import GROUP, SUMMARIES
    from pam.i18n.terminal_words import NOUNS, WORDS

    def fields(text):
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for key, texts in WORDS.items():
        assert set(texts) == {"en", "fr", "ar"}, key
        for lang in ("fr", "ar"):
            assert fields(texts[lang]) <= fields(texts["en"]), (key, lang)
    for key, forms in NOUNS.items():
        assert set(forms["ar"]) == {"zero", "one", "two", "few", "many", "other"}, key
        assert set(forms["en"]) == set(forms["fr"]) == {"one", "other"}, key
    from pam.cli import COMMANDS

    assert set(SUMMARIES) == set(COMMANDS) and set(GROUP) == {"fr", "ar"}
