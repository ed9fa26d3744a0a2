"""One search box for people: Chinese name, full pinyin or initials, last digits of an ID number, 户编号, phone.

``zk``, ``zhk`` and ``zhangkun`` find 张坤 through ``person.search_key`` ("张坤 zhangkun zk zhk", with every
reading of a polyphonic surname and initials with and without zh/ch/sh, see ``domain.pinyin``). Pinyin matches
the start of a reading, so ``zha`` finds 张 but ``ang`` does not. A Chinese query matches the start of a name
first, then any part of it (鑫 finds 欧阳小鑫). Digits match any part of an ID number, phone, 户编号 or 人员编号;
numbers that end with them come first (the last digits of an ID number are what cadres type). Results are
capped (``limit``): the box shows the first matches while the user keeps typing. Hits carry masked identifiers
only.

Chinese queries of any length and other queries of two characters or more are answered from the FTS5 trigram
index ``person_search`` (``store.search_index``) in milliseconds at county scale. A database without it, and
one letter or digit, fall back to LIKE over the person table: right, and quick while matches are plenty (the
scan stops at ``limit``), but a letter no reading starts with scans every row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from yulu_desktop.domain import codes
from yulu_desktop.domain.idcard import normalize_id_number
from yulu_desktop.domain.masking import mask_id_number, mask_phone
from yulu_desktop.services.lists import like_pattern
from yulu_desktop.store import search_index
from yulu_desktop.store.database import Database
from yulu_desktop.store.scope import SCOPE_CTE

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

_SCOPE = f" AND h.village_id IN ({SCOPE_CTE}SELECT id FROM scope)"


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
    """The branches of ``_branches`` answered from the trigram index (Chinese, or 2+ characters)."""
    kind = classify(query)
    q = re.sub(r"\s+", "", query.strip())
    # No ESCAPE clause: FTS5 answers LIKE from the trigram index only without one; wildcards are removed instead.
    q = q.replace("%", "").replace("_", "").replace("\\", "")
    search_in = "s.terms LIKE :pattern"
    if kind == "name":
        # One or two characters are looked up among the name's characters between bars (|王|小|鑫|): the
        # trigram index needs three characters. Longer names are found as they are.
        bar = search_index.CHAR_BAR
        inside = bar + q + bar if len(q) == 1 else bar.join(q) if len(q) == 2 else q
        return [
            ("姓名", "p.name >= :lo AND p.name < :hi", {"lo": q, "hi": q + "\U0010ffff"}),
            ("姓名", search_in, {"pattern": like_pattern(inside)}),
        ]
    if kind == "pinyin":
        return [("拼音", search_in, {"pattern": "% " + like_pattern(q.lower())[1:]})]
    if kind == "digits":
        digits = normalize_id_number(q).upper()
        # "Ends with": the index looks up only the last digits (the address code that starts most numbers in a
        # county is in every row: reading its entries is most of the cost) and instr() checks the rest.
        ends_with = f"{search_in} AND instr(s.terms, :tail) > 0"
        return [
            ("编号或号码", ends_with, {"pattern": f"%{digits[-_ENDING_LOOKUP:]} %", "tail": digits + " "}),
            ("编号或号码", search_in, {"pattern": like_pattern(digits)}),
        ]
    return [("户编号", search_in, {"pattern": like_pattern(q)})]


#: How many of the last digits of a query the "ends with" lookup gives the index.
_ENDING_LOOKUP = 6


def _query(
    conn: Connection,
    matched: str,
    condition: str,
    params: dict[str, str],
    limit: int,
    org_unit_id: str | None,
    extra: str = "0",
) -> list[tuple[Any, ...]]:
    """Rows of the branch ``condition`` (``extra`` is one more column after ``matched``)."""
    bound: dict[str, object] = dict(params)
    if org_unit_id:
        bound["scope_root"] = org_unit_id
    select = _SELECT_INDEXED if condition.startswith("s.terms") else _SELECT
    where = condition + (_SCOPE if org_unit_id else "")
    sql = select.format(matched=f":matched, {extra}", where=where) + " LIMIT :limit"
    bound.update(matched=matched, limit=limit)
    return [tuple(row) for row in conn.execute(text(sql), bound)]


#: From this many digits on, a query is usually a fragment of one number: few matches in a county.
_FRAGMENT_DIGITS = 8


def _digit_rows(
    conn: Connection, branches: list[tuple[str, str, dict[str, str]]], limit: int, org_unit_id: str | None
) -> list[list[tuple[Any, ...]]]:
    """Rows of a digits query, numbers that end with the digits first.

    The "ends with" and "contains" branches read the same index entries, all of them when the matches are few.
    Then the "contains" rows alone are every match, and sorting them answers both branches in one pass. A short
    query (the last 4–6 digits of an ID number) has plenty of numbers ending with it: that branch goes first
    and is usually enough."""
    (ending_label, ending, ending_params), (matched, contains, params) = branches
    tail = ending_params["tail"]  # "digits ": a term ends with them
    ending_rows = None
    if len(tail) - 1 < _FRAGMENT_DIGITS:
        ending_rows = _query(conn, ending_label, ending, ending_params, limit, org_unit_id)
        if len(ending_rows) >= limit:
            return [ending_rows]
    bound = {**params, "tail": tail}
    rows = _query(conn, matched, contains, bound, limit, org_unit_id, extra="instr(s.terms, :tail) > 0")
    if len(rows) < limit:
        return [sorted(rows, key=lambda row: not row[11])]
    if ending_rows is None:
        ending_rows = _query(conn, ending_label, ending, ending_params, limit, org_unit_id)
    return [ending_rows, rows]


def search(db: Database, query: str, *, limit: int = 20, org_unit_id: str | None = None) -> list[SearchHit]:
    """People matching ``query``, best matches first, at most ``limit``."""
    if not query.strip():
        return []
    hits: list[SearchHit] = []
    seen: set[str] = set()
    stripped = query.strip()
    kind = classify(stripped)
    use_index = (len(stripped) >= 2 or kind == "name") and has_search_index(db)
    branches = _indexed_branches(stripped) if use_index else _branches(query)
    with db.read_connection() as conn:
        results: list[list[tuple[Any, ...]]] = []
        if use_index and kind == "digits":
            results = _digit_rows(conn, branches, limit, org_unit_id)
        else:
            for matched, condition, params in branches:
                want = limit - len(seen)
                if want <= 0:
                    break
                rows = _query(conn, matched, condition, params, want + len(seen), org_unit_id)
                seen.update(row[0] for row in rows)
                results.append(rows)
            seen.clear()
        for rows in results:
            for row in rows:
                if row[0] in seen or len(hits) >= limit:
                    continue
                seen.add(row[0])
                hits.append(_hit(row))
    return hits


def _hit(row: tuple[Any, ...]) -> SearchHit:
    return SearchHit(
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
