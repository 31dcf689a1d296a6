"""Bundles (issue 19): written deterministically with the documented schema; bad ones refused
with a message naming the file (another schema version, the same commune twice, a truncated
or damaged file, a missing table, an earlier date), every one at once and nothing written."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import zipfile

import pytest
from conftest import DOMAIN, run_pam, write_plan

pytest.importorskip("duckdb")

from pam.load.pipeline import load_plan  # noqa: E402
from pam.rollup.bundle import export_bundle  # noqa: E402
from pam.rollup.schema import FORMAT, TABLES, VERSION  # noqa: E402

CARD = """\
project: D1.A1.P1
period: 2019-06a
date: 2019-06-10
actions:
- {action: D1.A1.P1.01, progress: 60, spent: 1.1}
- {action: D1.A1.P1.02, progress: 20, state: suspended, note: "انتظار"}
obstacles:
- {text: "عدم توفر الوعاء العقاري", category: land}
"""


def program(code: str, extra: str = "") -> str:
    return (f"id: pac-{code}\nname: {{ar: برنامج {code}}}\ncommune: {{ar: جماعة {code}, fr: "
            f"Commune {code}}}\ncommune_code: '{code}'\nperiod: {{start: 2017, end: 2022}}\n"
            + extra)


def make_bundle(tmp_path, code: str = "0101", as_of: str = "2020-12-31",
                extra: str = "") -> object:
    plan = write_plan(tmp_path / code, program(code, extra), {"d1.yaml": DOMAIN},
                      {"D1.A1.P1/2019-06a.yaml": CARD})
    out = tmp_path / "bundles" / f"{code}.zip"
    p, _ = load_plan(plan)
    export_bundle(p, out, dt.date.fromisoformat(as_of))
    return out


def rollup(*args, as_of: str = "2020-06-30"):
    return run_pam("rollup", *map(str, args), "--as-of", as_of, "--format", "json")


def rewrite(path, change) -> None:
    """The bundle with one member changed by change(name, bytes) -> bytes (None drops it)."""
    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i.filename)) for i in z.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for info, data in members:
            data = change(info.filename, data)
            if data is not None:
                z.writestr(info, data)
    path.write_bytes(out.getvalue())


def test_a_bundle_is_the_same_bytes_every_time(tmp_path):
    plan = write_plan(tmp_path / "c", program("0101"), {"d1.yaml": DOMAIN},
                      {"D1.A1.P1/2019-06a.yaml": CARD})
    outs = []
    for name in ("a.zip", "b.zip"):
        done = run_pam("export", "bundle", "--plan", str(plan), "--as-of", "2020-06-30",
                       "--out", str(tmp_path / name))
        assert done.returncode == 0, done.stderr
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]
    with zipfile.ZipFile(tmp_path / "a.zip") as z:
        names = z.namelist()
        manifest = json.loads(z.read("bundle.json"))
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert names == ["bundle.json"] + [t.file for t in TABLES]
    assert manifest["format"] == FORMAT and manifest["version"] == VERSION
    assert manifest["commune"] == "0101" and manifest["as_of"] == "2020-06-30"
    assert manifest["tables"]["entries"]["rows"] == 2
    assert manifest["tables"]["remarks"]["rows"] == 1


def test_the_tables_hold_the_plan_and_every_entry(tmp_path):
    import pyarrow.parquet as pq

    path = make_bundle(tmp_path, extra="province: {ar: إقليم, code: P1}\n"
                                       "site: https://example.org/pac\n")
    with zipfile.ZipFile(path) as z:
        read = {t.name: pq.read_table(io.BytesIO(z.read(t.file))).to_pylist() for t in TABLES}
    assert read["program"][0]["province_code"] == "P1"
    assert read["program"][0]["site"] == "https://example.org/pac"
    assert read["program"][0]["arrival_unknown"] == "no-git"
    assert [(x["id"], x["cost"], x["cost_kind"]) for x in read["actions"]] == [
        ("D1.A1.P1.01", 2.0, "costed"), ("D1.A1.P1.02", None, "no_cost"),
        ("D1.A1.P1.03", None, "not_fixed")]
    assert [(t["action"], t["year"], t["value"]) for t in read["targets"]] == [
        ("D1.A1.P1.01", 2018, 50.0), ("D1.A1.P1.01", 2019, 100.0),
        ("D1.A1.P1.02", 2019, 40.0), ("D1.A1.P1.02", 2020, 100.0)]
    assert [(e["action"], e["progress"], e["paid"], e["state"]) for e in read["entries"]] == [
        ("D1.A1.P1.01", 60.0, 1.1, "ongoing"), ("D1.A1.P1.02", 20.0, None, "suspended")]
    assert read["cards"][0]["file"] == "progress/D1.A1.P1/2019-06a.yaml"
    assert read["remarks"][0]["category"] == "land"
    assert [n["kind"] for n in read["nodes"]] == ["domain", "axis", "project"]
    assert read["budget"] == [] and read["entries"][0]["committed"] is None


def test_bundle_format_doc_lists_every_table_and_column():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "bundle-format.md").read_text(
        encoding="utf-8")
    for t in TABLES:
        assert f"### `{t.name}`" in doc
        for c in t.columns:
            assert f"| `{c.name}` |" in doc, (t.name, c.name)


def _with_version(path, version: int) -> None:
    rewrite(path, lambda name, data: data.replace(f'"version": {VERSION}'.encode(),
                                                  f'"version": {version}'.encode())
            if name == "bundle.json" else data)


def test_a_version_1_bundle_is_refused_naming_the_file_and_saying_why(tmp_path):
    path = make_bundle(tmp_path)
    _with_version(path, 1)
    done = rollup(path, "--out", tmp_path / "out")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (f"{path}: bundle schema version 1, but this pam (reading version {VERSION}) reads "
            "only that one: a version 1 bundle has no credits, funding lines, indicator kinds "
            "or values measured (issue 15), so its money and indicator figures cannot be pam "
            "status's; ask the commune to export it again with this version of pam "
            "(pam export bundle)") in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_newer_schema_version_is_refused_naming_the_file(tmp_path):
    path = make_bundle(tmp_path)
    _with_version(path, VERSION + 1)
    done = rollup(path, "--out", tmp_path / "out")
    assert done.returncode == 1
    assert (f"{path}: bundle schema version {VERSION + 1}, but this pam (reading version "
            f"{VERSION}) reads only that one; upgrade pam to read it") in done.stderr
    assert not (tmp_path / "out").exists()


def test_the_same_commune_twice_is_refused(tmp_path):
    first = make_bundle(tmp_path)
    second = tmp_path / "bundles" / "copy.zip"
    shutil.copy(first, second)
    done = rollup(tmp_path / "bundles", "--out", tmp_path / "out")
    assert done.returncode == 1
    assert f"{second}: the commune '0101' is already in {first}" in done.stderr


def test_a_truncated_bundle_is_refused(tmp_path):
    path = make_bundle(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    done = rollup(path, "--out", tmp_path / "out")
    assert done.returncode == 1
    assert f"{path}: not a complete pam bundle: the file is cut short or damaged" in done.stderr


def test_a_damaged_table_is_refused(tmp_path):
    path = make_bundle(tmp_path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("entries.parquet")
    middle = info.header_offset + 30 + len(info.filename) + info.file_size // 2
    data[middle] ^= 0xFF
    path.write_bytes(bytes(data))
    done = rollup(path, "--out", tmp_path / "out")
    assert done.returncode == 1
    assert f"{path}: not a complete pam bundle" in done.stderr and "CRC" in done.stderr


def test_a_changed_table_a_missing_table_and_not_a_bundle_are_refused_together(tmp_path):
    changed = make_bundle(tmp_path, "0101")
    missing = make_bundle(tmp_path, "0102")
    other = tmp_path / "bundles" / "other.zip"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("readme.txt", "hello")
    with zipfile.ZipFile(changed) as z:
        nodes = z.read("nodes.parquet")
    rewrite(changed, lambda name, data: nodes if name == "entries.parquet" else data)
    rewrite(missing, lambda name, data: None if name == "targets.parquet" else data)
    done = rollup(tmp_path / "bundles", "--out", tmp_path / "out")
    assert done.returncode == 1
    assert "3 bundle(s) cannot be rolled up; nothing was computed" in done.stderr
    assert f"{changed}: entries.parquet is not the file its manifest describes" in done.stderr
    assert f"{missing}: the table 'targets' (targets.parquet) is missing" in done.stderr
    assert f"{other}: not a pam bundle: a ZIP file without bundle.json" in done.stderr


def test_a_bundle_of_an_earlier_date_is_refused_unless_allowed_and_then_marked(tmp_path):
    old = make_bundle(tmp_path, "0101", as_of="2019-12-31")
    make_bundle(tmp_path, "0102", as_of="2021-01-15")
    done = rollup(tmp_path / "bundles", "--out", tmp_path / "out", as_of="2020-06-30")
    assert done.returncode == 1
    assert f"{old}: complete only to 2019-12-31, before --as-of 2020-06-30" in done.stderr
    done = rollup(tmp_path / "bundles", "--out", tmp_path / "out", "--allow-older",
                  as_of="2020-06-30")
    assert done.returncode == 0, done.stderr
    assert "1 from older bundles, marked" in done.stderr
    data = json.loads((tmp_path / "out" / "rollup.json").read_text(encoding="utf-8"))
    marks = {c["commune"]: (c["older"], c["bundle_as_of"]) for c in data["communes"]}
    assert marks == {"0101": (True, "2019-12-31"), "0102": (False, "2021-01-15")}
    assert data["as_of"] == "2020-06-30"


def test_paths_that_hold_no_bundle_are_usage_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    done = rollup(tmp_path / "empty", "--out", tmp_path / "out")
    assert done.returncode == 2 and "no bundle (*.zip) in this folder" in done.stderr
    done = rollup(tmp_path / "nothing.zip", "--out", tmp_path / "out")
    assert done.returncode == 2 and "nothing.zip: no such file or folder" in done.stderr


def test_outputs_are_guarded(tmp_path):
    path = make_bundle(tmp_path)
    plan = tmp_path / "0101" / "plan"
    done = rollup(path, "--out", plan / "rollup")
    assert done.returncode == 1 and "inside the plan folder" in done.stderr
    out = tmp_path / "out"
    out.mkdir()
    (out / "rollup.json").write_text("mine", encoding="utf-8")
    done = rollup(path, "--out", out)
    assert done.returncode == 1 and "pam did not write it" in done.stderr
    (out / "rollup.json").unlink()
    assert rollup(path, "--out", out).returncode == 0
    assert rollup(path, "--out", out).returncode == 0  # its own file: written again
    # a bundle is pam's own file too; another zip is not
    again = run_pam("export", "bundle", "--plan", str(plan), "--out", str(path))
    assert again.returncode == 0, again.stderr
    foreign = tmp_path / "foreign.zip"
    with zipfile.ZipFile(foreign, "w") as z:
        z.writestr("a.txt", "a")
    done = run_pam("export", "bundle", "--plan", str(plan), "--out", str(foreign))
    assert done.returncode == 1 and "pam did not write it" in done.stderr


def test_export_bundle_names_its_file_and_says_what_it_holds(tmp_path):
    plan = write_plan(tmp_path, program("0707"), {"d1.yaml": DOMAIN},
                      {"D1.A1.P1/2019-06a.yaml": CARD})
    done = run_pam("export", "bundle", "--plan", str(plan), "--as-of", "2020-06-30",
                   cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "pam-bundle-0707-2020-06-30.zip").is_file()
    assert ("wrote pam-bundle-0707-2020-06-30.zip: 3 actions, 1 cards, 2 card entries, "
            "complete to 2020-06-30") in done.stderr


def test_program_metadata_refuses_a_site_that_is_not_a_web_address(tmp_path):
    plan = write_plan(tmp_path, program("0101", "site: \"javascript:alert(1)\"\n"),
                      {"d1.yaml": DOMAIN})
    done = run_pam("validate", "--plan", str(plan))
    assert done.returncode == 1 and "site" in done.stdout
    plan = write_plan(tmp_path / "b", program("01 01"), {"d1.yaml": DOMAIN})
    done = run_pam("validate", "--plan", str(plan))
    assert done.returncode == 1 and "commune_code" in done.stdout


def test_bundles_staged_in_batches_across_processes_give_the_same_figures(tmp_path,
                                                                          monkeypatch):
    """Many bundles are read in two processes and staged a batch per file: the figures do
    not depend on how they were batched, and a bad bundle in any batch is still named."""
    from pam.errors import Refused
    from pam.rollup import load
    from pam.rollup.figures import rollup_data

    paths = [make_bundle(tmp_path, code) for code in ("0101", "0102", "0103", "0104", "0105")]
    day = dt.date(2020, 6, 30)

    def figures(batch: int) -> dict:
        monkeypatch.setattr(load, "BATCH", batch)
        loaded = load.load_bundles(paths, day)
        try:
            return rollup_data(loaded, day)
        finally:
            loaded.close()

    one_each = figures(1)
    assert one_each == figures(2) == figures(50)
    assert len(one_each["communes"]) == 5
    rewrite(paths[3], lambda name, data: None if name == "entries.parquet" else data)
    monkeypatch.setattr(load, "BATCH", 1)
    with pytest.raises(Refused) as refused:
        load.load_bundles(paths, day)
    assert f"{paths[3]}: the table 'entries' (entries.parquet) is missing" in str(refused.value)
    assert str(paths[2]) not in str(refused.value)


def _status(plan, day: str) -> dict:
    done = run_pam("status", "--plan", str(plan), "--as-of", day, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_program_that_ended_is_measured_at_its_last_day_as_pam_status_does(tmp_path):
    """pam status caps a later --as-of to the end of the program: so does the roll-up, and a
    bundle complete to that day is not refused as older."""
    from rollup_cases import commune_differences

    path = make_bundle(tmp_path, "0101", as_of="2022-12-31")
    done = rollup(path, "--out", tmp_path / "out", as_of="2024-06-30")
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "out" / "rollup.json").read_text(encoding="utf-8"))
    (commune,) = data["communes"]
    assert data["as_of"] == "2024-06-30" and commune["as_of"] == "2022-12-31"
    status = _status(tmp_path / "0101" / "plan", "2024-06-30")
    assert status["as_of"] == "2022-12-31"
    assert commune_differences(commune, status) == []


def test_a_card_with_an_error_is_left_out_of_the_bundle_as_pam_status_leaves_it_out(tmp_path):
    from rollup_cases import commune_differences

    broken = CARD.replace("2019-06a", "2019-07a").replace("2019-06-10", "2019-07-10") \
        .replace("progress: 60", "progress: 160")
    plan = write_plan(tmp_path / "c", program("0101"), {"d1.yaml": DOMAIN},
                      {"D1.A1.P1/2019-06a.yaml": CARD, "D1.A1.P1/2019-07a.yaml": broken})
    out = tmp_path / "b.zip"
    done = run_pam("export", "bundle", "--plan", str(plan), "--as-of", "2020-12-31", "--out",
                   str(out))
    assert done.returncode == 0, done.stderr
    assert "2019-07a.yaml" in done.stderr  # named as left out
    done = rollup(out, "--out", tmp_path / "out", as_of="2020-06-30")
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "out" / "rollup.json").read_text(encoding="utf-8"))
    assert commune_differences(data["communes"][0], _status(plan, "2020-06-30")) == []
    assert data["communes"][0]["program"]["actual"] is not None
