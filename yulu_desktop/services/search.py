"""One search box for people: Chinese name, full pinyin or initials, last digits of an ID number, 户编号, phone.

``zk`` and ``zhangkun`` find 张坤 through ``person.search_key`` ("张坤 zhangkun zk", with every reading of a
polyphonic surname, see ``domain.pinyin``). Pinyin matches the start of a reading, so ``zha`` finds 张 but ``ang``
does not. Digits match the end of an ID number, the start or end of a phone number and any part of a 户编号 or
人员编号. Results are capped (``limit``): the box shows the first matches while the user keeps typing.
Hits carry masked identifiers only.

Queries of two characters or more are answered from the FTS5 trigram index ``person_search``
(``store.search_index``) in milliseconds at county scale; a database without it (or a one-character query)
falls back to LIKE over the person table, which is right but scans it (0.3–2 s at 200,000 people).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text

from yulu_desktop.domain import codes
from yulu_desktop.domain.idcard import normalize_id_number
from yulu_desktop.domain.masking import mask_id_number, mask_phone
from yulu_desktop.services.lists import like_pattern
from yulu_desktop.store.database import Database

__all__ = ["SearchHit", "classify", "has_search_index", "search"]

_CJK = re.compile(r"[\u3400-\u9fff]")
_DIGITS = re.compile(r"[0-9]+[xX]?")
_LETTERS = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class SearchHit:
    person_id: str
    household_id: str
    name: str
    sex: str  # 男 / 女 / ""
    birth_date: str
    id_number_masked: str
    phone_masked: str
    household_no: str
    village: str
    relationship: str  # 与户主关系 label
    matched: str  # what matched, in Chinese: 姓名 / 拼音 / 身份证号 / 手机号 / 户编号


def classify(query: str) -> str:
    """``name``, ``pinyin``, ``digits`` or ``code`` (anything else: a 户编号 with letters, say)."""
    q = query.strip()
    if _CJK.search(q):
        return "name"
    if _DIGITS.fullmatch(q):
        return "digits"
    if _LETTERS.fullmatch(q.lower()):
        return "pinyin"
    return "code"


_SELECT = (
    "SELECT p.id, p.household_id, p.name, p.sex, p.birth_date, p.id_number, p.phone, h.household_no, v.name, "
    "p.relationship, {matched} AS matched FROM person p JOIN household h ON h.id = p.household_id "
    "JOIN org_unit v ON v.id = h.village_id WHERE {where}"
)

# Driven from the trigram index (CROSS JOIN keeps it the outer loop), so LIMIT stops after the first matches
# instead of materialising every match of a short query first.
_SELECT_INDEXED = (
    "SELECT p.id, p.household_id, p.name, p.sex, p.birth_date, p.id_number, p.phone, h.household_no, v.name, "
    "p.relationship, {matched} AS matched FROM person_search s CROSS JOIN person p ON p.id = s.person_id "
    "JOIN household h ON h.id = p.household_id JOIN org_unit v ON v.id = h.village_id WHERE {where}"
)

_SCOPE = (
    " AND h.village_id IN (WITH RECURSIVE scope(id) AS (SELECT :scope_root UNION ALL "
    "SELECT o.id FROM org_unit o JOIN scope ON o.parent_id = scope.id) SELECT id FROM scope)"
)


def _branches(query: str) -> list[tuple[str, str, dict[str, str]]]:
    """(matched label, condition, parameters) to try in order; earlier branches rank higher."""
    kind = classify(query)
    q = query.strip()
    if kind == "name":
        name = re.sub(r"\s+", "", q)
        # The prefix branch is a range on the name index; the contains branch finds given names (坤 → 张坤).
        return [
            ("姓名", "p.name >= :lo AND p.name < :hi", {"lo": name, "hi": name + "\U0010ffff"}),
            (
                "姓名",
                "p.name LIKE :like ESCAPE '\\' AND p.name NOT LIKE :prefix ESCAPE '\\'",
                {"like": like_pattern(name), "prefix": like_pattern(name)[1:]},
            ),
        ]
    if kind == "pinyin":
        # search_key is "name reading1 initials1 …": a reading starts after a space.
        return [("拼音", "p.search_key LIKE :like ESCAPE '\\'", {"like": "% " + like_pattern(q.lower())[1:]})]
    if kind == "digits":
        digits = normalize_id_number(q).upper()
        branches: list[tuple[str, str, dict[str, str]]] = []
        if len(digits) >= 11:
            branches.append(("手机号", "p.phone = :exact", {"exact": digits}))
        branches += [
            ("户编号", "h.household_no LIKE :like ESCAPE '\\'", {"like": like_pattern(digits)}),
            ("人员编号", "p.person_no LIKE :like ESCAPE '\\'", {"like": like_pattern(digits)}),
        ]
        if len(digits) >= 4:
            branches += [
                ("身份证号", "p.id_number LIKE :suffix ESCAPE '\\'", {"suffix": like_pattern(digits)[:-1]}),
                ("手机号", "p.phone LIKE :suffix ESCAPE '\\'", {"suffix": like_pattern(digits)[:-1]}),
            ]
        if len(digits) >= 3:
            branches.append(
                ("手机号", "p.phone LIKE :prefix ESCAPE '\\'", {"prefix": like_pattern(digits)[1:]})
            )
        return branches
    return [("户编号", "h.household_no LIKE :like ESCAPE '\\'", {"like": like_pattern(q)})]


_INDEXED: dict[str, bool] = {}


def has_search_index(db: Database) -> bool:
    """Whether the database has the ``person_search`` trigram index (looked up once per database file)."""
    key = str(db.path)
    if key not in _INDEXED:
        with db.read_connection() as conn:
            found = conn.execute(
                text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'person_search'")
            ).first()
        _INDEXED[key] = found is not None
    return _INDEXED[key]


def _indexed_branches(query: str) -> list[tuple[str, str, dict[str, str]]]:
    """The branches of ``_branches`` answered from the trigram index (queries of 2+ characters)."""
    kind = classify(query)
    q = re.sub(r"\s+", "", query.strip())
    # No ESCAPE clause: FTS5 answers LIKE from the trigram index only without one; wildcards are removed instead.
    q = q.replace("%", "").replace("_", "").replace("\\", "")
    search_in = "s.terms LIKE :pattern"
    if kind == "name":
        return [
            ("姓名", "p.name >= :lo AND p.name < :hi", {"lo": q, "hi": q + "\U0010ffff"}),
            ("姓名", search_in, {"pattern": like_pattern(q)}),
        ]
    if kind == "pinyin":
        return [("拼音", search_in, {"pattern": "% " + like_pattern(q.lower())[1:]})]
    if kind == "digits":
        digits = normalize_id_number(q).upper()
        return [
            ("编号或号码", search_in, {"pattern": like_pattern(digits)[:-1] + " %"}),
            ("编号或号码", search_in, {"pattern": like_pattern(digits)}),
        ]
    return [("户编号", search_in, {"pattern": like_pattern(q)})]


def search(db: Database, query: str, *, limit: int = 20, org_unit_id: str | None = None) -> list[SearchHit]:
    """People matching ``query``, best matches first, at most ``limit``."""
    if not query.strip():
        return []
    hits: list[SearchHit] = []
    seen: set[str] = set()
    stripped = query.strip()
    use_index = len(stripped) >= 2 and has_search_index(db)
    branches = _indexed_branches(stripped) if use_index else _branches(query)
    with db.read_connection() as conn:
        for matched, condition, params in branches:
            want = limit - len(hits)
            if want <= 0:
                break
            where = condition + (_SCOPE if org_unit_id else "")
            bound: dict[str, object] = dict(params)
            if org_unit_id:
                bound["scope_root"] = org_unit_id
            select = _SELECT_INDEXED if condition.startswith("s.terms") else _SELECT
            sql = select.format(matched=":matched", where=where) + " LIMIT :limit"
            bound.update(matched=matched, limit=want + len(seen))
            for row in conn.execute(text(sql), bound):
                if row[0] in seen or len(hits) >= limit:
                    continue
                seen.add(row[0])
                hits.append(
                    SearchHit(
                        person_id=row[0],
                        household_id=row[1],
                        name=row[2],
                        sex=codes.SEX.label(row[3]),
                        birth_date=row[4] or "",
                        id_number_masked=mask_id_number(row[5]),
                        phone_masked=mask_phone(row[6]),
                        household_no=row[7],
                        village=row[8],
                        relationship=codes.RELATIONSHIP.label(row[9]),
                        matched=row[10],
                    )
                )
    return hits
