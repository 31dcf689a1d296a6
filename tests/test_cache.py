"""The caching edge (pam/cache/): results kept per unit of files give exactly what the full
pipeline gives, after any change; caches live outside the work tree and are plain data."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from pam.cache.fingerprint import STRUCTURE, fingerprint
from pam.cache.run import _status_fully, _validate_fully, cached_status, cached_validate
from pam.cache.store import Store
from pam.monitor.results import status_json

AS_OF = dt.date(2019, 6, 30)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The shipped plan with simulated cards (pam demo), up to 2019-06-30."""
    from pam.load.pipeline import load_plan
    from pam.scaffold.demo import write_demo

    out = tmp_path_factory.mktemp("demo") / "ws"
    plan, _ = load_plan(ROOT / "plan")
    write_demo(plan, out, seed=3, as_of=AS_OF, force=False)
    return out / "plan"


@pytest.fixture
def workspace(demo, tmp_path, monkeypatch) -> Path:
    """A copy of the demo workspace, with caching on in a folder of this test."""
    root = tmp_path / "plan"
    shutil.copytree(demo, root)
    monkeypatch.setenv("PAM_NO_CACHE", "0")
    monkeypatch.setenv("PAM_CACHE_DIR", str(tmp_path / "cache"))
    return root


def _status_data(found) -> dict:
    return {"status": status_json(found.status) if found.status else None,
            "errors": [p.render() for p in found.errors],
            "header": json.loads(json.dumps(found.header, default=str)), "ids": found.ids}


def _same_as_full(root: Path, day=AS_OF, against="current") -> None:
    assert cached_validate(root) == _validate_fully(root)
    assert _status_data(cached_status(root, day, against)) == \
        _status_data(_status_fully(root, day, against))


def _cards(root: Path) -> list[Path]:
    return sorted((root / "progress").rglob("*.yaml"))


def _touch(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_units_give_what_the_full_pipeline_gives_after_each_change(workspace):
    rng = random.Random(11)
    _same_as_full(workspace)  # cold: every unit computed
    _same_as_full(workspace)  # warm: every unit from the cache
    cards = _cards(workspace)
    edits = [
        lambda t: t.replace("progress: ", "progress: 1", 1),  # a value changed
        lambda t: t.replace("state: ongoing", "state: done", 1),
        lambda t: t + "obstacles_extra: 1\n",  # an unknown key: an error
        lambda t: "project: [\n",  # broken YAML
        lambda t: t.replace("date: 2", "date: 1", 1),  # a date outside the program
    ]
    for _step in range(12):
        card = rng.choice(cards)
        card.write_text(rng.choice(edits)(card.read_text(encoding="utf-8")), encoding="utf-8")
        _same_as_full(workspace)
    new = workspace / "progress" / cards[0].parent.name / "2019-06b.yaml"  # a card added
    new.write_text(cards[0].read_text(encoding="utf-8").replace("period: ", "period: x"),
                   encoding="utf-8")
    _same_as_full(workspace)
    shutil.rmtree(cards[-1].parent)  # a project folder removed
    _same_as_full(workspace)


def test_a_change_of_structure_and_a_card_outside_its_folder(workspace):
    _same_as_full(workspace)
    domain = workspace / "domains" / "d1.yaml"
    domain.write_text(domain.read_text(encoding="utf-8").replace("cost: 5", "cost: 6", 1),
                      encoding="utf-8")
    _same_as_full(workspace)
    card = _cards(workspace)[0]
    moved = workspace / "progress" / "elsewhere" / card.name  # a card in another folder
    moved.parent.mkdir()
    shutil.move(card, moved)
    _same_as_full(workspace)
    (workspace / "progress" / "loose.yaml").write_text("project: X\n", encoding="utf-8")
    _same_as_full(workspace)
    (workspace / "progress" / "loose.yaml").unlink()
    backup = _cards(workspace)[3].parent / "old"  # a backup copy beside the cards: named
    backup.mkdir()
    shutil.copy(_cards(workspace)[3], backup / _cards(workspace)[3].name)
    _same_as_full(workspace)
    (workspace / "notes.txt").write_text("x", encoding="utf-8")  # a stray file at the top
    _same_as_full(workspace)
    domain.write_text("id: [\n", encoding="utf-8")  # the structure broken
    _same_as_full(workspace)


def test_baseline_and_default_date(workspace):
    _same_as_full(workspace, None, "current")
    _same_as_full(workspace, None, "baseline")
    _same_as_full(workspace, dt.date(2018, 3, 31), "baseline")


def test_only_changed_units_are_read_again(workspace, monkeypatch):
    import pam.cache.units as units

    cached_validate(workspace)
    cached_status(workspace, AS_OF, "current")
    read = []
    original = units.read_unit
    monkeypatch.setattr(units, "read_unit", lambda s, r, u: read.append(u) or original(s, r, u))
    cached_validate(workspace)
    cached_status(workspace, AS_OF, "current")
    assert read == []  # warm: nothing read
    card = _cards(workspace)[5]
    _touch(card)
    cached_validate(workspace)
    cached_status(workspace, AS_OF, "current")
    assert read == [card.parent.name] * 2


def test_caches_are_json_outside_the_work_tree_and_checked_when_read(workspace, tmp_path):
    cached_validate(workspace)
    files = list((tmp_path / "cache").rglob("*.json"))
    assert files and not list(workspace.parent.rglob("*.pickle"))
    assert not [p for p in workspace.rglob("*") if "cache" in p.name]
    for f in files:
        header, payload = f.read_text(encoding="utf-8").split("\n", 1)
        json.loads(header), json.loads(payload)  # plain JSON, both lines
    before = cached_validate(workspace)
    for garbage in ("", "{", '{"format": 1}\n', '{"format": 1, "key": 3, "units": {}}\n[',
                    "\x80\x81", '{"format": 1, "key": "x", "units": {}}\n{}\n'):
        for f in files:
            f.write_bytes(garbage.encode("utf-8", "surrogateescape")
                          if isinstance(garbage, str) else garbage)
        assert cached_validate(workspace) == before  # ignored, rebuilt


def test_a_payload_that_lies_is_not_trusted_beyond_its_key(workspace, tmp_path):
    """The key covers pam's code, the date and the files: a payload stored under the right
    key but edited by hand is the user's own doing; a wrong key is never read."""
    cached_validate(workspace)
    store = Store(workspace, "validate")
    header = json.loads(store.path.read_text(encoding="utf-8").split("\n", 1)[0])
    header["key"] = "another"
    store.path.write_text(json.dumps(header) + "\n{}\n", encoding="utf-8")
    assert cached_validate(workspace) == _validate_fully(workspace)


def test_the_fingerprint_follows_every_change(workspace):
    fps = [fingerprint(workspace)]
    card = _cards(workspace)[0]
    (workspace / "progress" / ".hidden.yaml").write_text("x")
    assert fingerprint(workspace) == fps[0]  # hidden files do not count
    _touch(card)
    fps.append(fingerprint(workspace))
    card.write_text(card.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    fps.append(fingerprint(workspace))
    card.rename(card.with_name("2019-12a.yaml"))
    fps.append(fingerprint(workspace))
    (workspace / "domains" / "d9.yaml").write_text("id: D9\n")
    fps.append(fingerprint(workspace))
    assert len({repr(sorted(f.units.items())) for f in fps}) == len(fps)
    assert fps[-1].digest(STRUCTURE) != fps[-2].digest(STRUCTURE)
    assert fps[1].digest(STRUCTURE) == fps[0].digest(STRUCTURE)


def test_no_cache_means_none_written(workspace, tmp_path, monkeypatch):
    monkeypatch.setenv("PAM_NO_CACHE", "1")
    assert cached_validate(workspace) == _validate_fully(workspace)
    assert not (tmp_path / "cache").exists()


def test_two_processes_give_what_one_gives(workspace, monkeypatch):
    import pam.cache.parallel as parallel

    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    monkeypatch.setenv("PAM_NO_CACHE", "1")
    two = cached_validate(workspace), _status_data(cached_status(workspace, AS_OF, "current"))
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    one = cached_validate(workspace), _status_data(cached_status(workspace, AS_OF, "current"))
    assert two == one


def test_a_failing_child_is_done_again_here(monkeypatch):
    import pam.cache.parallel as parallel

    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    parent = os.getpid()

    def fn(x):
        if os.getpid() != parent:
            raise RuntimeError("child fails")
        return x * 2

    assert parallel.map_json(fn, list(range(10))) == [x * 2 for x in range(10)]


@pytest.fixture(scope="module")
def fictional(tmp_path_factory) -> Path:
    """The fictional commune with simulated cards: indicators, money stages, funding."""
    from pam.load.pipeline import load_plan
    from pam.scaffold.fictional import write_fictional

    out = tmp_path_factory.mktemp("fictional") / "ws"
    plan, _ = load_plan(ROOT / "examples" / "fictional" / "plan")
    write_fictional(plan, out, seed=5, as_of=dt.date(2025, 6, 30), force=False)
    return out / "plan"


def test_indicators_and_money_from_the_cache_are_the_full_pipeline_s(fictional, tmp_path,
                                                                      monkeypatch):
    """The nested indicator results (actions' and projects' own), the money stages, the
    funding and the alarms round-trip through the cache after random edits of the cards."""
    import re

    root = tmp_path / "plan"
    shutil.copytree(fictional, root)
    monkeypatch.setenv("PAM_NO_CACHE", "0")
    monkeypatch.setenv("PAM_CACHE_DIR", str(tmp_path / "cache"))
    day = dt.date(2025, 6, 30)
    _same_as_full(root, day)
    found = cached_status(root, day, "current").status
    assert found.program.alarms["spending_ahead"] and found.program.alarms["indicator_stalled"]
    assert any(p.project_indicators for p in found.projects)
    rng = random.Random(15)

    def bump(pattern: str):
        def edit(text: str) -> str:
            hits = list(re.finditer(pattern, text))
            if not hits:
                return text
            m = rng.choice(hits)
            return text[:m.start(1)] + str(round(float(m.group(1)) * 1.5 + 1, 2)) + \
                text[m.end(1):]
        return edit

    edits = [bump(r"\n  paid: ([0-9.]+)"), bump(r"\n  committed: ([0-9.]+)"),
             bump(r"\n    D[0-9.A-Z]+I[0-9]+: ([0-9.]+)"),
             lambda t: t.replace("\n  paid:", "\n  spent:", 1),
             lambda t: re.sub(r"\n    (D[0-9.A-Z]+I[0-9]+):", r"\n    \1x:", t, count=1)]
    cards = _cards(root)
    for _step in range(10):
        card = rng.choice(cards)
        card.write_text(rng.choice(edits)(card.read_text(encoding="utf-8")), encoding="utf-8")
        _same_as_full(root, day)
    for day in (dt.date(2023, 12, 31), dt.date(2024, 6, 30)):
        _same_as_full(root, day)


def test_indicator_results_round_trip_as_data():
    from pam.monitor.results import ActionResult, IndicatorResult, from_data, to_data

    ind = IndicatorResult("I1", "A.01", "كلم", "km", "down", False, 0.0, 4.0, 2.0, 1.5, -0.5,
                          "on_track", dt.date(2024, 3, 1))
    a = ActionResult("A.01", "A", "t", 10.0, 5.0, -5.0, "at_risk", False, dt.date(2024, 3, 1),
                     2.0, 0.5, 0.2, 0.1, 0.5, 0.5, 0.2, "ongoing", allocated=1.0,
                     committed=0.8, funding=(("own", "", 1.0, False), ("partner", "X", 1.0, True)),
                     indicators=(ind,), alarms=("spending_ahead",))
    data = json.loads(json.dumps(to_data(a)))
    assert from_data(ActionResult, data) == a
    assert from_data(IndicatorResult, json.loads(json.dumps(to_data(ind)))) == ind


def test_a_broken_card_is_left_out_as_if_it_were_not_there(workspace, tmp_path):
    """One broken card blocks no one else (issue 14): the cache and the full pipeline both
    leave it out and name it; the figures are those of the plan without that file."""
    rng = random.Random(5)
    cards = _cards(workspace)
    broken = rng.sample(cards, 3)
    edits = [lambda t: t.replace("\n  progress:", "\n   progress:", 1),  # a 3-space indent
             lambda t: t.replace("progress: ", "progress: 1000", 1),  # out of range
             lambda t: t.replace("reporter: ", "reporter: \"\"\nx: ", 1)]  # an empty reporter
    for card, edit in zip(broken, edits, strict=True):
        card.write_text(edit(card.read_text(encoding="utf-8")), encoding="utf-8")
    _same_as_full(workspace)
    found = cached_status(workspace, AS_OF, "current")
    assert found.errors == [] and found.status is not None
    assert sorted(c["file"] for c in found.header["left_out_cards"]) == sorted(
        os.path.relpath(c) if not os.path.relpath(c).startswith("..") else str(c)
        for c in broken)
    without = tmp_path / "without" / "plan"
    shutil.copytree(workspace, without)
    for card in broken:
        (without / card.relative_to(workspace)).unlink()
    assert status_json(found.status) == status_json(
        cached_status(without, AS_OF, "current").status)
    assert found.header["rows"] == cached_status(without, AS_OF, "current").header["rows"]


def test_validate_files_gives_the_full_problems_of_those_files(workspace):
    """pam validate FILE... : the problems of just those files, as the full run finds them,
    warm or cold, after changes (the cache's units of those files only)."""
    from pam.cache.run import cached_validate_files

    rng = random.Random(3)
    cards = _cards(workspace)
    for card in rng.sample(cards, 4):
        card.write_text(card.read_text(encoding="utf-8").replace("progress: ", "progress: -", 1),
                        encoding="utf-8")
    full, _ = _validate_fully(workspace)
    for _ in range(3):
        files = rng.sample(cards, 3) + [workspace / "domains" / "d2.yaml"]
        wanted = {os.path.realpath(f) for f in files}
        problems, _ = cached_validate_files(workspace, files)
        assert problems == [p for p in full if os.path.realpath(p.file) in wanted]
    cached_validate(workspace)  # warm: the parts come from the stored full run
    problems, _ = cached_validate_files(workspace, files)
    assert problems == [p for p in full if os.path.realpath(p.file) in wanted]


def _add_amendment(root: Path) -> None:
    """An amendment that changes one action's cost (d2) and drops another (d3)."""
    d2, d3 = root / "domains" / "d2.yaml", root / "domains" / "d3.yaml"
    text = d2.read_text(encoding="utf-8")
    assert "      cost: 5\n      targets: {2018: 5, 2019: 55" in text
    d2.write_text(text.replace("      cost: 5\n      targets: {2018: 5, 2019: 55",
                               "      cost: 6\n      targets: {2018: 5, 2019: 55", 1),
                  encoding="utf-8")
    text = d3.read_text(encoding="utf-8")
    dropped = text.split("    - id: ", 2)[1].split("\n", 1)[0]
    d3.write_text(text.replace(f"    - id: {dropped}\n",
                               f"    - id: {dropped}\n      dropped_by: AMD-2019-01\n", 1),
                  encoding="utf-8")
    (root / "amendments").mkdir()
    (root / "amendments" / "2019-01.yaml").write_text(
        "id: AMD-2019-01\ndate: 2019-10-08\nsession: \"دورة أكتوبر 2019\"\n"
        "deliberation: \"23/2019\"\napproved: 2019-11-20\nreason: \"test\"\nchanges:\n"
        "- {action: D2.A1.P1.01, change: cost, before: 5, after: 6}\n"
        f"- {{action: {dropped}, change: dropped}}\n", encoding="utf-8")


def test_one_changed_card_reads_only_the_domain_file_of_its_project(workspace, monkeypatch):
    """When the structure did not change, a changed card is checked against its own domain
    file only (with the program and the amendments), and the results are still the full
    pipeline's: for the amended plan as it is and as adopted, for a card that names another
    project's action (then the whole plan is read), and for cards changed in many domains."""
    import pam.load.pipeline as pipeline

    _add_amendment(workspace)
    assert not [p for p in cached_validate(workspace)[0] if p.severity == "error"]
    read: list = []
    original = pipeline.load_structure

    def spy(root, locate_warnings=True, domain_files=None):
        read.append(None if domain_files is None else [Path(f).name for f in domain_files])
        return original(root, locate_warnings, domain_files)

    def run() -> list:
        read.clear()
        monkeypatch.setattr(pipeline, "load_structure", spy)
        cached_validate(workspace)
        for against in ("current", "baseline"):
            cached_status(workspace, AS_OF, against)
        monkeypatch.setattr(pipeline, "load_structure", original)
        return list(read)

    for against in ("current", "baseline"):
        _same_as_full(workspace, AS_OF, against)
    cards = {p.parent.name: p for p in _cards(workspace)}
    d3 = next(p for p in cards if p.startswith("D3"))
    for project, domain in (("D2.A1.P1", "d2.yaml"), (d3, "d3.yaml")):
        card = cards[project]
        card.write_text(card.read_text(encoding="utf-8") + "# seen again\n", encoding="utf-8")
        assert run() == [[domain]] * 3
        for against in ("current", "baseline"):
            _same_as_full(workspace, AS_OF, against)
    card = cards["D2.A1.P1"]  # names an action of a project of another domain: an error
    text = card.read_text(encoding="utf-8")
    assert "action: D2.A1.P1." in text
    card.write_text(text.replace("action: D2.A1.P1.", "action: D1.A1.P1.", 1), encoding="utf-8")
    assert run()[0] == ["d2.yaml"]  # tried with its domain, then the full pipeline
    found = [p for p in cached_validate(workspace)[0] if p.code == "unknown-action"]
    assert found and "it belongs to project 'D1.A1.P1'" in found[0].message
    _same_as_full(workspace)
    for domain in ("D1", "D4", "D5"):  # the whole plan read: that card's unit is not clean
        _touch(cards[next(p for p in cards if p.startswith(domain))])  # either (its reports
    _same_as_full(workspace)  # of D1.A1.P1.01 meet D1.A1.P1's in the action's history)
    card.write_text(text, encoding="utf-8")
    run()
    for domain in ("D1", "D4", "D5"):  # three domains of seven: more than a quarter, all read
        _touch(cards[next(p for p in cards if p.startswith(domain))])
    assert run() == [None] * 3
    _same_as_full(workspace)
