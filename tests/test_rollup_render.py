"""The roll-up as documents (issue 19): HTML in Arabic (right to left) and French with charts
and links to communes' sites, text from bundles escaped and neutralized; JSON with pam
status's node keys; CSV tables; groups by province; and the same SQL run over Parquet files
laid out one folder per table (as on object storage) giving the same figures."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

import pytest
from conftest import DOMAIN, run_pam, write_plan

pytest.importorskip("duckdb")

from pam.load.pipeline import load_plan  # noqa: E402
from pam.monitor.results import NODE_KEYS  # noqa: E402
from pam.rollup.bundle import export_bundle  # noqa: E402
from pam.rollup.schema import TABLES  # noqa: E402

CARD = """\
project: D1.A1.P1
period: 2019-06a
date: 2019-06-10
actions:
- {{action: D1.A1.P1.01, progress: {progress}, spent: 1.1}}
- {{action: D1.A1.P1.02, progress: 20}}
"""

COMMUNES = [  # code, Arabic name, province (code, name), site, progress
    ("0101", "جماعة الواحة", ("P1", "إقليم الأول"), "https://wahat.example.org/pac", 80),
    ("0102", "جماعة <script>alert(1)</script>", ("P1", "إقليم الأول"), None, 10),
    ("0201", "جماعة \u202eمعكوسة", ("P2", "إقليم الثاني"), None, 45),
]


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    root = tmp_path_factory.mktemp("render")
    for code, name, (pcode, pname), site, progress in COMMUNES:
        program = (f"id: pac-{code}\nname: {{ar: برنامج}}\ncommune: {{ar: \"{name}\", fr: "
                   f"\"=Commune {code}\"}}\ncommune_code: '{code}'\n"
                   f"province: {{ar: {pname}, fr: Province {pcode}, code: {pcode}}}\n"
                   + (f"site: {site}\n" if site else "")
                   + "period: {start: 2017, end: 2022}\n")
        plan = write_plan(root / code, program, {"d1.yaml": DOMAIN},
                          {"D1.A1.P1/2019-06a.yaml": CARD.format(progress=progress)})
        p, problems = load_plan(plan)  # a bidi override is refused by pam validate: the
        # bundle holding one stands for a hostile file, which the roll-up must show as text
        assert [x.code for x in problems if x.severity == "error"] in ([], ["bidi-control"])
        export_bundle(p, root / "bundles" / f"{code}.zip", dt.date(2020, 12, 31))
    return root / "bundles"


def rollup(bundles, out, *args):
    done = run_pam("rollup", str(bundles), "--as-of", "2019-12-31", "--out", str(out), *args)
    assert done.returncode == 0, done.stderr
    return done


def test_html_in_arabic_right_to_left_with_charts_links_and_escaped_names(bundles, tmp_path):
    rollup(bundles, tmp_path, "--by", "province")
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    assert '<meta name="generator" content="pam ' in html
    assert "مقارنة برامج عمل الجماعات" in html and "حسب العمالات والأقاليم" in html
    assert '<a href="https://wahat.example.org/pac"' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "\u202e" not in html and "[U+202E]" in html
    assert html.count("<svg") == 3  # groups, communes, domains across communes
    assert "إقليم الأول" in html and "إقليم الثاني" in html
    # ranked by completion: the commune at 80% first
    assert html.index("جماعة الواحة") < html.index("[U+202E]معكوسة") < html.index("&lt;script")


def test_html_in_french(bundles, tmp_path):
    rollup(bundles, tmp_path, "--lang", "fr")
    html = (tmp_path / "index.fr.html").read_text(encoding="utf-8")
    assert '<html lang="fr" dir="ltr">' in html
    assert "Comparaison des programmes d&#39;action des communes" in html
    assert "=Commune 0101" in html
    assert not (tmp_path / "index.html").exists()


def test_json_has_pam_status_nodes_ranks_groups_and_domains(bundles, tmp_path):
    rollup(bundles, tmp_path, "--format", "json", "--by", "province")
    data = json.loads((tmp_path / "rollup.json").read_text(encoding="utf-8"))
    assert data["format"] == "pam-rollup" and data["version"] == 1
    assert [c["commune"] for c in data["communes"]] == ["0101", "0201", "0102"]
    assert [c["rank"]["simple"] for c in data["communes"]] == [1, 2, 3]
    for c in data["communes"]:
        assert list(c["program"]) == list(NODE_KEYS)
        assert [list(d)[:len(NODE_KEYS)] for d in c["domains"]] == [list(NODE_KEYS)]
    first = data["communes"][0]
    assert first["site"] == "https://wahat.example.org/pac"
    assert first["province"] == {"ar": "إقليم الأول", "fr": "Province P1", "code": "P1"}
    assert first["discipline"]["expected"] == 12 and first["discipline"]["missing"] == 12
    assert first["late_share"] is not None and first["paid_share"] == 55.0  # 1.1 of 2 M MAD
    groups = {g["key"]: g for g in data["groups"]}
    assert groups["P1"]["communes"] == ["0101", "0102"] and groups["P2"]["communes"] == ["0201"]
    assert groups["P1"]["node"]["actions"] == 6 and data["total"]["node"]["actions"] == 9
    assert data["domains"][0]["node"]["actions"] == 9  # one domain name in three communes
    assert len(data["domains"][0]["communes"]) == 3


def test_csv_tables_start_with_a_bom_and_guard_formulas(bundles, tmp_path):
    rollup(bundles, tmp_path, "--format", "csv", "--by", "region")
    communes = (tmp_path / "communes.csv").read_text(encoding="utf-8")
    assert communes.startswith("\ufeffrank,rank_cost_weighted,commune,code,")
    assert ",'=Commune 0101," in communes
    assert len(communes.strip().splitlines()) == 4
    assert len((tmp_path / "domains.csv").read_text(encoding="utf-8").strip().splitlines()) == 4
    assert (tmp_path / "groups.csv").read_text(encoding="utf-8").startswith("\ufeffkind,key,")


def test_communes_without_money_or_indicators_say_so(bundles, tmp_path):
    rollup(bundles, tmp_path, "--lang", "fr")
    html = (tmp_path / "index.fr.html").read_text(encoding="utf-8")
    assert "Aucune commune ne déclare de crédits, d&#39;engagements ni de financement." in html
    assert "Aucune commune ne déclare d&#39;indicateur physique avec une unité." in html
    rollup(bundles, tmp_path / "csv", "--format", "csv")
    assert (tmp_path / "csv" / "indicators.csv").read_text(encoding="utf-8") == (
        "\ufeffcommune,unit,direction,cumulative,indicators,measured,reported,planned,actual,"
        "variance,start\n")


@pytest.fixture(scope="module")
def fictional(tmp_path_factory):
    """The fictional commune's bundle (credits, partners, indicators), at its own date."""
    root = tmp_path_factory.mktemp("fictional")
    assert run_pam("demo", str(root / "demo"), "--fictional").returncode == 0
    done = run_pam("export", "bundle", "--plan", str(root / "demo" / "plan"), "--out",
                   str(root / "bundles" / "amtal.zip"))
    assert done.returncode == 0, done.stderr
    return root / "bundles"


def test_money_and_indicators_shown_are_pam_status_figures(fictional, tmp_path):
    status = json.loads(run_pam("status", "--plan", str(fictional.parent / "demo" / "plan"),
                                "--format", "json").stdout)
    m = status["program"]["money"]
    done = run_pam("rollup", str(fictional), "--as-of", status["as_of"], "--lang", "fr",
                   "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "index.fr.html").read_text(encoding="utf-8")
    section = html[html.index("Les crédits et les paiements"):html.index("Les domaines d")]
    for value in (m["cost"], m["allocated"], m["committed"], m["paid"]):
        assert f"{value:.1f}".replace(".", ",") in section
    for share in ("paid_of_allocated", "committed_of_cost", "partner_share", "signed_share",
                  "coverage"):
        assert f">{round(m[share]):d}\u202f%<" in section.replace(" %", "\u202f%"), share
    assert "Les indicateurs physiques de toutes les communes" in section
    assert ">km<" in section and "points lumineux" in section
    done = run_pam("rollup", str(fictional), "--as-of", status["as_of"], "--format", "csv",
                   "--out", str(tmp_path / "csv"))
    assert done.returncode == 0, done.stderr
    import csv

    with open(tmp_path / "csv" / "indicators.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [(r["unit"], float(r["planned"]), float(r["actual"])) for r in rows] == [
        (g["unit"], g["planned"], g["actual"]) for g in status["program"]["indicators"]]
    with open(tmp_path / "csv" / "communes.csv", encoding="utf-8-sig") as f:
        (row,) = list(csv.DictReader(f))
    assert float(row["allocated"]) == m["allocated"] and float(row["coverage"]) == m["coverage"]
    assert int(row["alarm_spending_ahead"]) == status["program"]["alarms"]["spending_ahead"]


def test_many_communes_are_drawn_as_a_distribution():
    from pam.i18n import load_messages
    from pam.rollup.render import MAX_BARS, charts, grade

    assert [grade(v) for v in (3, 0, -0.49, -10, -10.5, -25, -25.5, None)] == [
        "ahead", "ahead", "ahead", "slight", "behind", "behind", "far", None]
    node = {"planned": 50.0, "actual": 40.0, "variance": -10.0}
    data = {"groups": [], "by": None, "shared_domains": [],
            "communes": [{"name": {"ar": f"ج {i}"}, "program": node}
                         for i in range(MAX_BARS + 1)]}
    drawn = charts(data, load_messages("ar"), "ar")
    assert "توزيع الجماعات حسب الفارق عن المتوقع" in drawn["communes"]
    assert drawn["communes"].count("<rect") < 20


def test_the_same_sql_over_parquet_laid_out_one_folder_per_table(bundles, tmp_path):
    """docs/bundle-format.md: unzip each table of each bundle into lake/TABLE/COMMUNE.parquet,
    make one view per table with read_parquet, run figures.sql: pam rollup's figures."""
    import duckdb

    from pam.rollup.figures import compute
    from pam.rollup.load import load_bundles

    lake = tmp_path / "lake"
    for bundle in sorted(bundles.glob("*.zip")):
        with zipfile.ZipFile(bundle) as z:
            for t in TABLES:
                (lake / t.name).mkdir(parents=True, exist_ok=True)
                (lake / t.name / f"{bundle.stem}.parquet").write_bytes(z.read(t.file))
    con = duckdb.connect()
    for t in TABLES:
        con.execute(f"CREATE VIEW {t.name} AS SELECT * FROM read_parquet("
                    f"'{lake / t.name}/*.parquet')")
    day = dt.date(2019, 12, 31)
    compute(con, day)
    loaded = load_bundles([bundles], day)
    compute(loaded.con, day)
    query = "SELECT * FROM r_out ORDER BY kind, owner, node"
    assert con.execute(query).fetchall() == loaded.con.execute(query).fetchall()
