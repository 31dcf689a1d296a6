"""The cache key: every plan file's path, size and mtime; hidden files do not count."""

import os

from pam.load.cache import inputs_key
from pam.load.files import file_stats, plan_files


def _plan(tmp_path):
    root = tmp_path / "plan"
    (root / "domains").mkdir(parents=True)
    (root / "progress" / "D1.A1.P1").mkdir(parents=True)
    (root / "program.yaml").write_text("id: P\n")
    (root / "domains" / "d1.yaml").write_text("id: D1\n")
    (root / "progress" / "D1.A1.P1" / "2018-01a.yaml").write_text("project: D1.A1.P1\n")
    return root


def test_file_stats_lists_what_plan_files_lists(tmp_path):
    root = _plan(tmp_path)
    (root / "progress" / ".#2018-01b.yaml").write_text("editor lock")
    (root / "progress" / "notes.txt").write_text("not yaml")
    (root / "progress" / "x.yaml").mkdir()  # listed (the reader says: not a file)
    program, domains, amendments, cards = plan_files(root, True)
    listed = sorted(str(p) for p in [program, *domains, *amendments, *cards])
    assert [p for p, _size, _mtime in file_stats(root, True)] == listed
    assert str(root / "progress" / "x.yaml") in listed
    assert not any(p.endswith(".#2018-01b.yaml") for p in listed)
    without_cards = [p for p, *_ in file_stats(root, False)]
    assert without_cards == sorted([str(program), *map(str, domains)])


def test_the_key_follows_every_change(tmp_path, monkeypatch):
    monkeypatch.delenv("PAM_NO_CACHE", raising=False)
    root = _plan(tmp_path)
    card = root / "progress" / "D1.A1.P1" / "2018-01a.yaml"
    keys = [inputs_key(root, ("status",))]
    assert keys[0] is not None and inputs_key(root, ("status",)) == keys[0]
    assert inputs_key(root, ("status", "2019-01-01")) != keys[0]  # options count
    (root / "progress" / ".hidden.yaml").write_text("x")
    assert inputs_key(root, ("status",)) == keys[0]  # hidden files do not
    st = card.stat()
    os.utime(card, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # same size, touched
    keys.append(inputs_key(root, ("status",)))
    card.write_text("project: D1.A1.P2\n")  # edited
    keys.append(inputs_key(root, ("status",)))
    (root / "progress" / "D1.A1.P1" / "2018-01b.yaml").write_text("project: D1.A1.P1\n")
    keys.append(inputs_key(root, ("status",)))
    card.rename(root / "progress" / "D1.A1.P1" / "2018-02a.yaml")
    keys.append(inputs_key(root, ("status",)))
    assert len(set(keys)) == len(keys)
    (root / "program.yaml").unlink()
    assert inputs_key(root, ("status",)) is None  # cannot be read: no caching
    monkeypatch.setenv("PAM_NO_CACHE", "1")
    (root / "program.yaml").write_text("id: P\n")
    assert inputs_key(root, ("status",)) is None


def test_a_plan_from_the_snapshot_still_locates_problems(tiny_plan, monkeypatch):
    """The snapshot keeps file paths as text; positions are read from the file when needed."""
    from pam.load.pipeline import load_plan

    monkeypatch.delenv("PAM_NO_CACHE", raising=False)
    first, problems = load_plan(tiny_plan)
    assert not [p for p in problems if p.severity == "error"]
    again, _ = load_plan(tiny_plan)  # from .pam-cache
    assert list((tiny_plan.parent / ".pam-cache").glob("plan-*.pickle"))
    assert again is not first and set(again.locators) == set(first.locators)
    rel = next(r for r in again.locators if r.endswith("d1.yaml"))
    assert isinstance(again.locators[rel].path, str)
    assert again.locators[rel].position(("axes", 0)) == first.locators[rel].position(("axes", 0))
    assert again.locators[rel].position(("axes", 0))[0] > 1


def test_validate_from_the_cache_sees_every_change(tiny_plan, pam):
    env = {"PAM_NO_CACHE": "0"}
    first = pam("validate", "--plan", str(tiny_plan), "--format", "json", env=env)
    again = pam("validate", "--plan", str(tiny_plan), "--format", "json", env=env)
    assert first.returncode == again.returncode == 0
    assert first.stdout == again.stdout and first.stderr == again.stderr
    assert list((tiny_plan.parent / ".pam-cache").glob("result-*.pickle"))
    domain = tiny_plan / "domains" / "d1.yaml"
    domain.write_text(domain.read_text(encoding="utf-8") + "surprise: 1\n", encoding="utf-8")
    broken = pam("validate", "--plan", str(tiny_plan), env=env)
    assert broken.returncode == 1 and "unknown-key" in broken.stdout
    assert pam("validate", "--plan", str(tiny_plan), env=env).returncode == 1  # not cached
