"""The open data of pam site and pam export, checked with the validators their communities
publish (installed by `make install`: the `opendata` extra, and pyIATI without its 2018 pins):
- the Frictionless data package: frictionless (the Open Knowledge Foundation's validator);
- IATI activities: the IATI 2.03 XML schema as pyIATI ships it (with lxml), and pyIATI's own
  full validation (schema, rulesets, codelists);
- OC4IDS: libcoveoc4ids (the Open Contracting Partnership's data review library) and the
  OC4IDS 0.9.5 JSON schema with jsonschema; no package ships that schema and libcoveoc4ids
  downloads it, so both read the copy in tests/data/oc4ids-0.9.5 (see SOURCE.md there);
- Decidim: the columns and links its accountability importer reads.
Each validator missing is a skip that says how to install it. Both example workspaces are
checked: Dakhla (pam demo: no indicators or partners) and the fictional Amtal (pam demo
--fictional: indicators, credits, partners)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from unittest import mock

import pytest
from conftest import ROOT, run_pam

from pam.load.pipeline import load_plan

OC4IDS = ROOT / "tests" / "data" / "oc4ids-0.9.5"
WORKSPACES = {"dakhla": ((), dt.date(2020, 6, 30)), "amtal": (("--fictional",),
                                                              dt.date(2025, 6, 30))}
INSTALL = "make install (the opendata extra and pyiati; see the Makefile)"


@pytest.fixture(scope="module", params=sorted(WORKSPACES))
def exported(request, tmp_path_factory) -> dict:
    """One example workspace and its open data, written by `pam export`."""
    name = request.param
    options, as_of = WORKSPACES[name]
    root = tmp_path_factory.mktemp(f"opendata-{name}")
    assert run_pam("demo", *options, str(root / "ws")).returncode == 0
    plan = root / "ws" / "plan"
    out = {"name": name, "plan": plan, "as_of": as_of, "root": root}
    r = run_pam("export", "datapackage", "--plan", str(plan), "--out", str(root / "data"))
    assert r.returncode == 0, r.stderr
    for fmt, file in (("iati", "iati.xml"), ("oc4ids", "oc4ids.json"),
                      ("decidim", "decidim.csv")):
        r = run_pam("export", fmt, "--plan", str(plan), "--out", str(root / file))
        assert r.returncode == 0, r.stderr
        out[fmt] = root / file
    out["status"] = json.loads(run_pam("status", "--plan", str(plan), "-f", "json").stdout)
    loaded, problems = load_plan(plan)
    out["loaded"] = loaded
    return out


# --- Frictionless --------------------------------------------------------------------------

def test_frictionless_validates_the_data_package(exported):
    frictionless = pytest.importorskip("frictionless", reason=f"frictionless: {INSTALL}")
    report = frictionless.validate(exported["root"] / "data" / "datapackage.json")
    errors = [e.message for task in report.tasks for e in task.errors] + \
        [e.message for e in report.errors]
    assert report.valid, errors[:10]
    names = {task.name for task in report.tasks}
    assert {"plan", "plan-json", "progress", "progress-json", "nodes", "cards"} <= names


def test_csv_has_a_bom_and_the_json_the_same_rows(exported):
    data = exported["root"] / "data"
    for table in ("plan", "progress"):
        raw = (data / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        js = json.loads((data / f"{table}.json").read_text(encoding="utf-8"))
        assert len(rows) == len(js) and list(rows[0]) == list(js[0])
    status = {a["id"]: a for a in exported["status"]["actions"]}
    progress = json.loads((data / "progress.json").read_text(encoding="utf-8"))
    assert {r["action"]: (r["planned"], r["actual"], r["status"]) for r in progress} == \
        {k: (a["planned"], a["actual"], a["status"]) for k, a in status.items()}


def test_the_package_holds_nothing_internal(exported):
    data = exported["root"] / "data"
    header = (data / "cards.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert "reporter" not in header and "note" not in header
    remarks = {r["kind"] for r in csv.DictReader(io.StringIO(
        (data / "remarks.csv").read_text(encoding="utf-8-sig")))}
    assert "risk" not in remarks and (remarks <= {"obstacle", "solution"})


# --- IATI ----------------------------------------------------------------------------------

def _iati_schema():
    pytest.importorskip("lxml", reason=f"lxml: {INSTALL}")
    iati = pytest.importorskip("iati", reason=f"pyIATI (its 2.03 schema files): {INSTALL}")
    from lxml import etree

    path = iati.resources.get_activity_schema_paths(iati.Version("2.03"))[0]
    return etree.XMLSchema(etree.parse(path)), iati


def test_iati_activities_are_valid_against_the_2_03_schema(exported):
    from lxml import etree

    schema, _iati = _iati_schema()
    doc = etree.parse(str(exported["iati"]))
    assert schema.validate(doc), [str(e) for e in schema.error_log][:10]
    assert doc.getroot().get("version") == "2.03"


def test_pyiati_full_validation_finds_no_error(exported):
    _schema, iati = _iati_schema()
    dataset = iati.Dataset(exported["iati"].read_bytes())
    log = iati.validator.full_validation(dataset, iati.default.activity_schema("2.03"))
    assert [(e.name, str(e.info)) for e in log.get_errors()] == []


def test_the_iati_validator_is_not_a_rubber_stamp(exported, tmp_path):
    """A result without its indicator is refused by the same schema."""
    from lxml import etree

    schema, _iati = _iati_schema()
    doc = etree.parse(str(exported["iati"]))
    indicator = doc.find(".//result/indicator")
    indicator.getparent().remove(indicator)
    assert not schema.validate(doc)


def test_iati_results_carry_the_targets_and_the_status_actuals(exported):
    from lxml import etree

    doc = etree.parse(str(exported["iati"]))
    plan, as_of = exported["loaded"], exported["as_of"]
    projects = [p for p in plan.projects()]
    activities = doc.findall("iati-activity")
    assert len(activities) == 1 + len(projects)
    assert activities[0].get("hierarchy") == "1"
    results = doc.findall(".//iati-activity[@hierarchy='2']/result")
    assert len(results) == len(plan.actions())
    status = {a["id"]: a for a in exported["status"]["actions"]}
    for x, result in zip(plan.actions(), results, strict=True):
        percent = result.find("indicator[@measure='2']")
        periods = percent.findall("period")
        assert [(p.find("period-start").get("iso-date")[:4], float(p.find("target").get("value")))
                for p in periods] == [(str(y), float(v)) for y, v in sorted(x.targets.items())]
        current = [p for p in periods if p.find("period-start").get("iso-date")[:4]
                   == str(as_of.year)]
        if current and status[x.id]["actual"] is not None:
            assert float(current[0].find("actual").get("value")) == status[x.id]["actual"]
        assert len(result.findall("indicator[@measure='1']")) == \
            len([i for i in x.indicators if i.id])


# --- OC4IDS --------------------------------------------------------------------------------

def _oc4ids_validator():
    jsonschema = pytest.importorskip("jsonschema", reason=f"jsonschema: {INSTALL}")
    from referencing import Registry
    from referencing.jsonschema import DRAFT4

    project = json.loads((OC4IDS / "project-schema.json").read_text(encoding="utf-8"))
    package = json.loads((OC4IDS / "project-package-schema.json").read_text(encoding="utf-8"))
    registry = Registry().with_resources([(project["id"], DRAFT4.create_resource(project))])
    return jsonschema.Draft4Validator(package, registry=registry,
                                      format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def test_oc4ids_package_is_valid_against_the_schema(exported):
    validator = _oc4ids_validator()
    data = json.loads(exported["oc4ids"].read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(data)] == []
    broken = json.loads(json.dumps(data))
    broken["projects"][0]["status"] = 3
    assert list(validator.iter_errors(broken)), "the schema must refuse a wrong status"


class _Local:
    """A response read from the copy of the OC4IDS schema and codelists (no network)."""

    status_code = 200

    def __init__(self, url: str, *args, **kwargs):
        name = url.rstrip("/").rsplit("/", 1)[-1]
        path = OC4IDS / name if (OC4IDS / name).is_file() else OC4IDS / "codelists" / name
        if not path.is_file():
            raise OSError(f"no local copy of {url}")
        self.content = path.read_bytes()
        self.text = self.content.decode("utf-8")

    def json(self):
        return json.loads(self.text)

    def raise_for_status(self):
        return None

    def iter_lines(self):
        return iter(self.content.splitlines())


def _cove(path: Path, tmp_path: Path) -> dict:
    pytest.importorskip("libcoveoc4ids", reason=f"libcoveoc4ids: {INSTALL}")
    import libcove.lib.common
    import libcove.lib.tools
    from libcoveoc4ids.api import oc4ids_json_output

    with mock.patch.object(libcove.lib.tools, "get_request", _Local), \
            mock.patch.object(libcove.lib.common, "get_request", _Local), \
            mock.patch("requests.get", _Local):
        return oc4ids_json_output(str(tmp_path), str(path))


def test_libcoveoc4ids_finds_no_error_and_no_unknown_code(exported, tmp_path):
    result = _cove(exported["oc4ids"], tmp_path)
    assert result["validation_errors"] == []
    assert result["additional_closed_codelist_values"] == {}
    assert result["additional_open_codelist_values"] == {}
    assert result["additional_fields_count"] == 0
    assert result.get("additional_checks", []) in ([], {})


def test_libcoveoc4ids_is_not_a_rubber_stamp(exported, tmp_path):
    data = json.loads(exported["oc4ids"].read_text(encoding="utf-8"))
    data["projects"][0]["status"] = "bogus"
    data["projects"][0]["budget"] = {"amount": {"amount": "lots"}}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = _cove(bad, tmp_path)
    assert result["validation_errors"] or result["additional_closed_codelist_values"]


def test_oc4ids_projects_are_the_declared_infrastructure(exported):
    from pam.site.public import asset_of, publication

    plan = exported["loaded"]
    pub = publication(plan)
    declared = [x.id for p in plan.projects() for x in p.actions if asset_of(pub, x.id, p.id)]
    assert declared, "the workspace declares no infrastructure: this test would check nothing"
    data = json.loads(exported["oc4ids"].read_text(encoding="utf-8"))
    assert [p["identifiers"][0]["id"] for p in data["projects"]] == declared
    status = {a["id"]: a for a in exported["status"]["actions"]}
    words = {"done": "completion", "cancelled": "cancelled"}
    for project in data["projects"]:
        a = status[project["identifiers"][0]["id"]]
        assert project["status"] == words.get(a["status"], "implementation" if a["actual"]
                                              else "identification")
        if a["actual"] is None:  # never reported: nothing measured yet
            assert "physicalProgress" not in [m["id"] for m in project.get("metrics", [])]
        else:
            actual = next(m for m in project["metrics"] if m["id"] == "physicalProgress")
            assert actual["observations"][-1]["measure"] == a["actual"]
        assert ("completion" in project) == (a["status"] == "done")
        if a["cost"] is not None:
            assert project["budget"]["amount"] == {"amount": round(a["cost"] * 1_000_000),
                                                   "currency": "MAD"}


# --- Decidim -------------------------------------------------------------------------------

def test_decidim_csv_is_what_its_importer_reads(exported):
    raw = exported["decidim"].read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "Decidim would read the BOM into 'id'"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8")), delimiter=";"))
    plan = exported["loaded"]
    assert len(rows) == len(plan.projects()) + len(plan.actions())
    seen = set()
    for row in rows:
        assert row["id"].isdigit() and row["id"] not in seen
        assert row["parent/id"] == "" or row["parent/id"] in seen
        seen.add(row["id"])
        assert row["title/ar"] and row["title/fr"] and row["description/ar"] \
            and row["description/fr"]  # Decidim requires a title and a description
        assert dt.date.fromisoformat(row["start_date"]) <= dt.date.fromisoformat(row["end_date"])
        assert row["progress"] == "" or 0 <= float(row["progress"]) <= 100
    status = {a["id"]: a for a in exported["status"]["actions"]}
    for row in rows:
        if row["reference"] in status and status[row["reference"]]["actual"] is not None:
            assert float(row["progress"]) == status[row["reference"]]["actual"]


def test_export_refuses_to_overwrite_a_file_it_did_not_write(exported, tmp_path):
    mine = tmp_path / "mine.xml"
    mine.write_text("<mine/>", encoding="utf-8")
    r = run_pam("export", "iati", "--plan", str(exported["plan"]), "--out", str(mine))
    assert r.returncode == 1 and "pam did not write it" in r.stderr
    r = run_pam("export", "iati", "--plan", str(exported["plan"]), "--out",
                str(exported["iati"]))
    assert r.returncode == 0, r.stderr  # its own file it writes again
    r = run_pam("export", "oc4ids", "--plan", str(exported["plan"]), "--table", "x")
    assert r.returncode == 2


# --- Numbers as the formats read them --------------------------------------------------------

def test_numbers_are_plain_decimals_without_exponent_or_trailing_zeros():
    """IATI's xsd:decimal refuses an exponent, and '%g' kept 6 digits (1234567.89 was written
    1.23457e+06); the IATI values and Decidim's progress are written in full."""
    from pam.export.decidim import _progress
    from pam.export.iati import _num
    from pam.numbers import written

    cases = [(2, "2"), (2.0, "2"), (2.5, "2.5"), (40.25, "40.25"), (1_500_000, "1500000"),
             (1_500_000.0, "1500000"), (1_234_567.89, "1234567.89"), (0.1 + 0.2, "0.3"),
             (12_000_000_000, "12000000000"), (0.05, "0.05"), (-3.5, "-3.5")]
    for value, text in cases:
        assert (_num(value), _progress(value)) == (text, text), value
    assert written(0.00001) == "0.00001" and written(1234567.891) == "1234567.891"
    assert _num(1234567.891) == "1234567.89" and _progress(None) is None


def test_iati_indicator_values_of_a_million_and_more_are_valid_decimals(tmp_path):
    assert run_pam("demo", "--fictional", str(tmp_path / "ws")).returncode == 0
    plan = tmp_path / "ws" / "plan"
    domain = plan / "domains" / "d1.yaml"
    text = domain.read_text(encoding="utf-8")
    old = "targets: {2023: 600, 2024: 1400, 2025: 2000}"
    assert text.count(old) == 1
    domain.write_text(text.replace(old, "targets: {2023: 600, 2024: 1234567.89, 2025: 1500000}"),
                      encoding="utf-8")
    out = tmp_path / "iati.xml"
    r = run_pam("export", "iati", "--plan", str(plan), "--out", str(out))
    assert r.returncode == 0, r.stderr
    doc = ET.parse(out)
    values = [el.get("value") for el in doc.iter() if el.get("value") is not None]
    assert "1234567.89" in values and "1500000" in values
    assert not [v for v in values if "e" in v.lower()], "an exponent: xsd:decimal refuses it"
    schema, _iati = _iati_schema()
    from lxml import etree

    assert schema.validate(etree.parse(str(out))), [str(e) for e in schema.error_log][:10]


def test_a_plan_without_cards_has_every_table_with_its_header(tiny_plan):
    """No card yet (a new commune): each table is still a header, and its schema names the
    fields its keys refer to (cards.csv was an empty line, its foreign key on no field)."""
    from pam.export.opendata import package_files

    plan, _ = load_plan(tiny_plan)
    files = package_files(plan, dt.date(2019, 6, 30))
    descriptor = json.loads(files["datapackage.json"])
    for resource in descriptor["resources"]:
        if resource["format"] != "csv":
            continue
        names = [f["name"] for f in resource["schema"]["fields"]]
        header = next(csv.reader(io.StringIO(files[resource["path"]].decode("utf-8-sig"))))
        assert names and header == names, resource["name"]
        for key in resource["schema"].get("foreignKeys", []):
            assert set(key["fields"]) <= set(names), resource["name"]
