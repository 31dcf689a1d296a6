"""Header recognition: which column holds what, from its wording in Arabic or French (or a
--columns map), the year columns, and the cost unit the header states."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import cast

from pam.sheets.values import plain_digits

# the levels a PAC may name, from the top; pam keeps four of them (see build.place_levels)
RANKS = ("domain", "axis", "programme", "project", "action")
DEFAULT_NAMES = {"domain": ("المجال", "domaine"), "axis": ("المحور", "axe"),
                 "programme": ("البرنامج", "programme"), "project": ("المشروع", "projet"),
                 "action": ("الإجراء", "action")}

WORDS = {  # normalized (see norm): no hamza forms, no diacritics, taa marbuta as haa
    "domain": ["المجالات", "المجال", "مجال", "domaines", "domaine", "domains", "domain"],
    "axis": ["المحاور", "المحور", "محور", "axes", "axe", "axis"],
    "programme": ["البرامج", "البرنامج", "برنامج", "programmes", "programme", "program"],
    "project": ["المشاريع", "المشروع", "مشروع", "projets", "projet", "projects", "project"],
    "action": ["الاهداف المراد بلوغها", "الاجراءات", "الاجراء", "اجراء", "الاهداف", "الهدف",
               "الانشطه", "العمليات", "actions", "action", "objectifs", "objectif",
               "activites", "activite", "mesures", "operations", "intitule"],
    "cost": ["الكلفه الاجماليه", "التكلفه الاجماليه", "الكلفه", "التكلفه", "كلفه", "تكلفه",
             "المبلغ", "الميزانيه", "cout global", "cout total", "couts", "cout", "montant",
             "budget", "cost"],
    "head": ["رئيس المشروع", "المسؤول", "chef de projet", "responsable", "project head"],
    "ignore": ["مؤشرات الفعاليه", "مؤشرات", "سنوات الانجاز", "indicateurs", "indicators",
               "الشركاء", "partenaires", "ملاحظات", "observations", "remarques", "notes",
               "الوحده", "unite", "الموقع", "localisation", "cost_status", "targets"],
}
ID_WORDS = ["الرمز", "رمز", "الرقم", "رقم", "id", "code", "ref", "reference"]
FR_WORDS = ["بالفرنسيه", "بالفرنسية", "francais", "fr", "french"]
UNIT_WORDS = [  # (pattern in the normalized header, factor to million MAD)
    (r"مليون|million|\bmdh\b|\bm ?mad\b|\bm ?dh\b|\bmdhs\b", 1.0),
    (r"الف درهم|الاف|\bkdh\b|\bk ?mad\b|milliers|mille", 0.001),
    (r"درهم|دراهم|\bdh\b|\bdhs\b|dirham|\bmad\b", 1e-6),
]
UNITS = {"million": 1.0, "thousand": 0.001, "dirham": 1e-6}
YEAR_RANGE = range(1990, 2101)


_LETTERS: dict[str, str | int | None] = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                                         "ی": "ي", "ک": "ك"}  # the Arabic letters folded by norm


def norm(text: str) -> str:
    """Text folded for matching headers: Arabic letter variants and diacritics removed, French
    accents removed, lower case, punctuation as spaces."""
    t = plain_digits(str(text)).lower()
    t = re.sub(r"[\u064b-\u065f\u0670\u0640]", "", t)  # tashkeel, superscript alef, tatweel
    t = t.translate(str.maketrans(_LETTERS))
    t = "".join(ch for ch in unicodedata.normalize("NFKD", t) if not unicodedata.combining(ch))
    t = re.sub(r"[^\w%]+", " ", t)
    return " ".join(t.split())


def _has(words: list[str], text: str) -> str | None:
    for w in sorted(words, key=len, reverse=True):
        if re.search(rf"(^| ){re.escape(w)}( |$)", text):
            return w
    return None


def year_of(value) -> int | None:
    """2019, '2019', '٢٠١٩', 'سنة 2019', 'target_2019' as a year; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() and int(value) in YEAR_RANGE else None
    t = plain_digits(str(value)).strip()
    m = re.fullmatch(r"(?:target[_ ]?|cible\s*|سنه\s*|سنة\s*|annee\s*|année\s*)?(\d{4})", t,
                     re.I)
    if m and int(m.group(1)) in YEAR_RANGE:
        return int(m.group(1))
    return None


@dataclass(frozen=True)
class Role:
    """What a column holds: a level's name (kind='level'), its id or French name, the cost,
    a year's target, the project head, or nothing pam reads ('ignore')."""

    kind: str  # level, id, fr, cost, year, head, ignore
    level: str | None = None  # for level, id, fr
    year: int | None = None
    word: str = ""  # the header as written, for the commune's level names


def recognise(text: str) -> Role | None:
    """The role a header's text names; None when pam does not know it."""
    y = year_of(text)
    if y is not None:
        return Role("year", year=y)
    n = norm(text)
    if not n:
        return None
    m = re.fullmatch(r"(domain|axis|programme|project|action)_(id|fr)", n)
    if m:
        return Role(m.group(2), m.group(1), word=text)
    if _has(WORDS["head"], n):
        return Role("head", word=text)
    if _has(WORDS["cost"], n) and not _has(WORDS["ignore"][:3], n):
        return Role("cost", word=text)
    level = next((lv for lv in RANKS if _has(WORDS[lv], n)), None)
    if level is not None:
        if _has(ID_WORDS, n):
            return Role("id", level, word=text)
        if _has(FR_WORDS, n):
            return Role("fr", level, word=text)
        return Role("level", level, word=text)
    if n in ("id", "code", "الرمز", "رمز"):
        return Role("id", "action", word=text)
    if _has(WORDS["ignore"], n):
        return Role("ignore", word=text)
    return None


def cost_factor(text: str) -> float | None:
    """Million MAD per unit of the cost column, from its header; None when it does not say."""
    n = norm(text)
    for pattern, factor in UNIT_WORDS:
        if re.search(pattern, n):
            return factor
    return None


def known_headers() -> list[str]:
    """Every header wording pam recognises (for did-you-mean)."""
    return [w for key in ("domain", "axis", "programme", "project", "action", "cost", "head")
            for w in WORDS[key]]


@dataclass
class Columns:
    """The columns of one table: role by column index, and where the header was read."""

    roles: dict[int, Role] = field(default_factory=dict)
    header_rows: tuple[int, ...] = ()
    cost_factor: float | None = None
    cost_header: int | None = None  # column of the cost header, for the unit question

    def of(self, kind: str, level: str | None = None) -> int | None:
        return next((c for c, r in self.roles.items() if r.kind == kind and
                     (level is None or r.level == level)), None)

    @property
    def years(self) -> dict[int, int]:
        # a role of kind 'year' has its year
        return {cast(int, r.year): c for c, r in sorted(self.roles.items()) if r.kind == "year"}

    @property
    def levels(self) -> list[str]:
        return [lv for lv in RANKS if self.of("level", lv) is not None]


def parse_column_map(data) -> tuple[dict[str, Role], str | None, list[str]]:
    """A --columns map: {columns: {HEADER or LETTER: ROLE}, cost_unit: million|thousand|dirham}.

    ROLE is domain, axis, programme, project, action, cost, head, ignore, a year (2019),
    or LEVEL_id / LEVEL_fr. Returns (roles by folded header or letter, cost unit, errors)."""
    errors: list[str] = []
    if not isinstance(data, dict):
        return {}, None, ["expected a mapping with 'columns:' (header: role) and optionally "
                          "'cost_unit:'"]
    unknown = set(data) - {"columns", "cost_unit"}
    if unknown:
        errors.append(f"unknown key(s) {', '.join(map(str, sorted(unknown)))}: expected "
                      "'columns' and 'cost_unit'")
    unit = data.get("cost_unit")
    if unit is not None and unit not in UNITS:
        errors.append(f"cost_unit '{unit}' is not one of: {', '.join(UNITS)}")
    roles: dict[str, Role] = {}
    for header, role in (data.get("columns") or {}).items():
        r = _map_role(str(role))
        if r is None:
            from pam.problems import did_you_mean

            choices = [*RANKS, "cost", "head", "ignore", "2019", "action_id", "project_fr"]
            errors.append(f"column '{header}': unknown role '{role}'.{did_you_mean(role, choices)}"
                          f" Expected one of: {', '.join(RANKS)}, cost, head, ignore, a year "
                          "(e.g. 2019), or LEVEL_id / LEVEL_fr (e.g. action_id)")
            continue
        key = str(header).strip()
        roles[key if re.fullmatch(r"[A-Z]{1,3}", key) else norm(key)] = \
            Role(r.kind, r.level, r.year, word=str(header))
    return roles, unit, errors


def _map_role(role: str) -> Role | None:
    role = role.strip()
    if role in RANKS:
        return Role("level", role)
    if role in ("cost", "head", "ignore"):
        return Role(role)
    y = year_of(role)
    if y is not None:
        return Role("year", year=y)
    m = re.fullmatch(r"(domain|axis|programme|project|action)_(id|fr)", role)
    return Role(m.group(2), m.group(1)) if m else None
