"""Cross-county checks (跨县核查): what no single county can see.

The counties publish a keyed hash of every ID number (``prov_person.id_hash``, one province key for all counties),
so the same person compares equal across counties without the number itself leaving the county. Four checks:

- **重复登记** (``duplicate_registration``): one ID number registered as a normal member (status ``normal``) in
  two or more counties.
- **重复补助** (``double_subsidy``): one ID number with an application approved by the county (or later: announced,
  paid, failed, fixed) for the same term in two or more counties: a double payment, or one about to happen.
- **跨县迁户** (``household_moved``): a household of one county and a household of another sharing members: at
  least two, or all the members of one of them (a single member in common is a marriage or a lone move, which
  the registration check already shows).
- **去向不一致** (``placed_elsewhere``): a person whose latest job entry in one county is employment while in
  another county the same person is a graduate (latest enrollment graduated) with no destination or one that is
  not placed (待业求职, 暂不就业).

Each check is one set-based query over the partitioned parents. :func:`run_checks` first collects, in a
temporary table, the ID hashes found in two or more counties (one hash aggregate over ``prov_person``); every
query starts from them, so the expensive parts (latest enrollment and job, household sizes) are computed only
for the few thousand people concerned, reached through the id_hash index, never for all 20 million. Python only
groups the flagged rows and writes the Chinese messages. (The temporary table needs a writable session: the
checks do not run on a hot standby of the province database.)

Each :class:`CheckRow` lists every party, one per county record involved (two or more, from two or more
counties), so each county concerned can be sent its lines (``run_checks(county=…)``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from sqlalchemy import Connection, text

from yulu_desktop.domain import codes
from yulu_desktop.domain.employment import graduation_year_of
from yulu_desktop.domain.rules import term_label
from yulu_desktop.domain.subsidy_cycle import DECIDED
from yulu_desktop.province.db import ProvinceDatabase


class CheckKind(enum.StrEnum):
    DUPLICATE_REGISTRATION = "duplicate_registration"
    DOUBLE_SUBSIDY = "double_subsidy"
    HOUSEHOLD_MOVED = "household_moved"
    PLACED_ELSEWHERE = "placed_elsewhere"


CHECK_LABELS: Final[dict[CheckKind, str]] = {
    CheckKind.DUPLICATE_REGISTRATION: "重复登记",
    CheckKind.DOUBLE_SUBSIDY: "重复补助",
    CheckKind.HOUSEHOLD_MOVED: "跨县迁户",
    CheckKind.PLACED_ELSEWHERE: "去向不一致",
}

#: Subsidy states in which the county has approved the money (as the county's subsidy dashboard counts them).
APPROVED_STATES: Final = tuple(sorted(DECIDED))


@dataclass(frozen=True)
class Party:
    """One county's record in a finding: where the person lives there and what that county recorded."""

    county_code: str
    county_name: str
    township: str
    village: str
    household_no: str
    person_id: str
    name: str
    id_masked: str
    detail: str


@dataclass(frozen=True)
class CheckRow:
    kind: CheckKind
    term: str  # the subsidy term of a double subsidy, "" for the other kinds
    parties: tuple[Party, ...]
    message: str

    @property
    def county_codes(self) -> tuple[str, ...]:
        return tuple(sorted({p.county_code for p in self.parties}))


def _sql_list(values: Iterable[str]) -> str:
    """Constant codes as a SQL list (values from this module and ``domain.codes`` only)."""
    return ", ".join("'" + v.replace("'", "''") + "'" for v in sorted(values))


#: The columns of a party, for a person ``p`` (joined with :data:`_PARTY_JOINS`).
_PARTY_COLUMNS: Final = (
    "p.county_code, COALESCE(pc.name, fs.county_name, p.county_code) AS county_name, "
    "COALESCE(t.name, '') AS township, COALESCE(v.name, '') AS village, "
    "COALESCE(h.household_no, '') AS household_no, p.id AS person_id, COALESCE(p.name, '') AS name, "
    "p.id_masked"
)
_PARTY_JOINS: Final = (
    "LEFT JOIN province_county pc ON pc.code = p.county_code "
    "LEFT JOIN prov_feed_state fs ON fs.county_code = p.county_code "
    "LEFT JOIN prov_household h ON h.county_code = p.county_code AND h.id = p.household_id "
    "LEFT JOIN prov_unit v ON v.county_code = p.county_code AND v.id = COALESCE(p.village_id, h.village_id) "
    "LEFT JOIN prov_unit t ON t.county_code = v.county_code AND t.id = v.parent_id AND t.level = 'township' "
)
#: The temporary table of the ID hashes present in two or more counties (any status), made once per
#: :func:`run_checks`: the hashes seen more than once at all (one aggregate over id_hash alone: a person is in one
#: county nearly always), then those of them seen in one county only are removed. A table rather than a CTE so
#: that ANALYZE tells the planner it holds thousands of rows, not the hundreds of thousands it would guess, and
#: the checks reach the people concerned by the id_hash index.
_MULTI_TABLE: Final = "prov_multi_hash"
_MAKE_MULTI: Final = (
    f"CREATE TEMPORARY TABLE {_MULTI_TABLE} ON COMMIT DROP AS "
    "SELECT id_hash FROM prov_person WHERE id_hash IS NOT NULL GROUP BY id_hash HAVING count(*) > 1",
    f"ANALYZE {_MULTI_TABLE}",
    f"DELETE FROM {_MULTI_TABLE} WHERE id_hash IN (SELECT m.id_hash FROM {_MULTI_TABLE} m "
    "JOIN prov_person p ON p.id_hash = m.id_hash GROUP BY m.id_hash HAVING min(p.county_code) = max(p.county_code))",
    f"ANALYZE {_MULTI_TABLE}",
)
_MULTI: Final = f"multi AS (SELECT id_hash FROM {_MULTI_TABLE})"

_DUPLICATE_SQL: Final = f"""
WITH multi AS (
    SELECT p.id_hash FROM {_MULTI_TABLE} m JOIN prov_person p ON p.id_hash = m.id_hash
    WHERE p.status = 'normal'
    GROUP BY p.id_hash HAVING min(p.county_code) <> max(p.county_code)
)
SELECT multi.id_hash AS grp, {_PARTY_COLUMNS}
FROM multi JOIN prov_person p ON p.id_hash = multi.id_hash AND p.status = 'normal'
{_PARTY_JOINS}
ORDER BY grp, p.county_code, p.id
"""

_DOUBLE_SUBSIDY_SQL: Final = f"""
WITH {_MULTI},
s AS (
    SELECT p.id_hash, s.term, s.county_code, s.person_id, s.id, COALESCE(s.amount_fen, 0) AS amount_fen, s.state
    FROM multi
    JOIN prov_person p ON p.id_hash = multi.id_hash
    JOIN prov_subsidy s ON s.county_code = p.county_code AND s.person_id = p.id
    WHERE s.state IN ({_sql_list(APPROVED_STATES)}) AND s.term IS NOT NULL
),
twice AS (SELECT id_hash, term FROM s GROUP BY id_hash, term HAVING count(DISTINCT county_code) > 1)
SELECT twice.id_hash || '|' || twice.term AS grp, twice.term, s.amount_fen, s.state, {_PARTY_COLUMNS}
FROM twice
JOIN s ON s.id_hash = twice.id_hash AND s.term = twice.term
JOIN prov_person p ON p.county_code = s.county_code AND p.id = s.person_id
{_PARTY_JOINS}
ORDER BY twice.term, grp, p.county_code, s.id
"""

_HOUSEHOLD_SQL: Final = f"""
WITH {_MULTI},
m AS (
    SELECT p.county_code, p.household_id, p.id_hash, p.id, COALESCE(p.name, '') AS name
    FROM multi JOIN prov_person p ON p.id_hash = multi.id_hash
    WHERE p.household_id IS NOT NULL
),
pairs AS (
    SELECT a.county_code AS ca, a.household_id AS ha, b.county_code AS cb, b.household_id AS hb,
           count(DISTINCT a.id_hash) AS shared,
           string_agg(DISTINCT a.name, '、' ORDER BY a.name) AS names_a,
           string_agg(DISTINCT b.name, '、' ORDER BY b.name) AS names_b,
           (array_agg(a.id ORDER BY a.name, a.id))[1] AS pa,
           (array_agg(b.id ORDER BY b.name, b.id))[1] AS pb
    FROM m a JOIN m b ON b.id_hash = a.id_hash AND b.county_code > a.county_code
    GROUP BY a.county_code, a.household_id, b.county_code, b.household_id
),
sizes AS (
    SELECT p.county_code, p.household_id, count(*) AS size
    FROM prov_person p
    WHERE (p.county_code, p.household_id) IN (SELECT ca, ha FROM pairs UNION SELECT cb, hb FROM pairs)
    GROUP BY p.county_code, p.household_id
),
flagged AS (
    SELECT pairs.*, sa.size AS size_a, sb.size AS size_b,
           pairs.ca || '/' || pairs.ha || '|' || pairs.cb || '/' || pairs.hb AS grp
    FROM pairs
    JOIN sizes sa ON sa.county_code = pairs.ca AND sa.household_id = pairs.ha
    JOIN sizes sb ON sb.county_code = pairs.cb AND sb.household_id = pairs.hb
    WHERE pairs.shared >= 2 OR pairs.shared = sa.size OR pairs.shared = sb.size
),
sides AS (
    SELECT grp, ca AS county_code, pa AS person_id, shared, names_a AS names, size_a AS size FROM flagged
    UNION ALL
    SELECT grp, cb, pb, shared, names_b, size_b FROM flagged
)
SELECT sides.grp, sides.shared, sides.names, sides.size, {_PARTY_COLUMNS}
FROM sides
JOIN prov_person p ON p.county_code = sides.county_code AND p.id = sides.person_id
{_PARTY_JOINS}
ORDER BY sides.grp, p.county_code
"""

_PLACED_ELSEWHERE_SQL: Final = f"""
WITH {_MULTI},
f AS (
    SELECT p.county_code, p.id, p.id_hash, e.registry_status, e.school_year, e.ended_on,
           j.destination, j.region, j.effective_date
    FROM multi
    JOIN prov_person p ON p.id_hash = multi.id_hash
    LEFT JOIN LATERAL (
        SELECT x.registry_status, x.school_year, x.ended_on FROM prov_enrollment x
        WHERE x.county_code = p.county_code AND x.person_id = p.id
        ORDER BY x.school_year DESC NULLS LAST, (x.semester = 'spring') DESC NULLS LAST, x.id DESC LIMIT 1
    ) e ON true
    LEFT JOIN LATERAL (
        SELECT y.destination, y.region, y.effective_date FROM prov_employment y
        WHERE y.county_code = p.county_code AND y.person_id = p.id
        ORDER BY y.effective_date DESC NULLS LAST, y.recorded_at DESC NULLS LAST, y.id DESC LIMIT 1
    ) j ON true
),
g AS (
    SELECT f.*,
           COALESCE(f.destination IN ({_sql_list(codes.EMPLOYED_DESTINATIONS)}), false) AS employed,
           (f.registry_status = 'graduated'
            AND (f.destination IS NULL OR f.destination NOT IN ({_sql_list(codes.PLACED_DESTINATIONS)})))
               AS idle
    FROM f
),
hit AS (
    SELECT id_hash FROM g
    GROUP BY id_hash
    HAVING bool_or(employed) AND bool_or(idle)
       AND count(DISTINCT county_code) FILTER (WHERE employed OR idle) > 1
)
SELECT hit.id_hash AS grp, g.employed, g.destination, g.region, g.effective_date, g.school_year, g.ended_on,
       {_PARTY_COLUMNS}
FROM hit
JOIN g ON g.id_hash = hit.id_hash AND (g.employed OR g.idle)
JOIN prov_person p ON p.county_code = g.county_code AND p.id = g.id
{_PARTY_JOINS}
ORDER BY grp, g.employed DESC, p.county_code, p.id
"""


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}元"


def _party(r: Any, detail: str) -> Party:
    return Party(
        county_code=r.county_code,
        county_name=r.county_name,
        township=r.township,
        village=r.village,
        household_no=r.household_no,
        person_id=r.person_id,
        name=r.name,
        id_masked=r.id_masked or "",
        detail=detail,
    )


def _groups(rows: Sequence[Any]) -> list[list[Any]]:
    """Consecutive rows with the same ``grp`` (the queries order by it)."""
    groups: list[list[Any]] = []
    for r in rows:
        if groups and groups[-1][0].grp == r.grp:
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


def _county_names(parties: Iterable[Party]) -> list[str]:
    seen: dict[str, str] = {}
    for p in parties:
        seen.setdefault(p.county_code, p.county_name)
    return [seen[code] for code in sorted(seen)]


def _duplicates(conn: Connection) -> list[CheckRow]:
    result = []
    for group in _groups(conn.execute(text(_DUPLICATE_SQL)).all()):
        parties = tuple(_party(r, "正常在册") for r in group)
        names = _county_names(parties)
        result.append(
            CheckRow(
                CheckKind.DUPLICATE_REGISTRATION,
                "",
                parties,
                f"同一身份证号（{parties[0].id_masked}）在 {len(names)} 个县登记为正常在册人员：{'、'.join(names)}",
            )
        )
    return result


def _double_subsidies(conn: Connection) -> list[CheckRow]:
    result = []
    for group in _groups(conn.execute(text(_DOUBLE_SUBSIDY_SQL)).all()):
        term = group[0].term
        parties = tuple(
            _party(r, f"{term_label(term)} {codes.SUBSIDY_STATE.label(r.state)} {_yuan(r.amount_fen)}")
            for r in group
        )
        names = _county_names(parties)
        total = sum(r.amount_fen for r in group)
        result.append(
            CheckRow(
                CheckKind.DOUBLE_SUBSIDY,
                term,
                parties,
                f"{term_label(term)}同一学生（{parties[0].id_masked}）在 {len(names)} 个县获批补助：{'、'.join(names)}，"
                f"合计 {_yuan(total)}",
            )
        )
    return result


def _households(conn: Connection) -> list[CheckRow]:
    result = []
    for group in _groups(conn.execute(text(_HOUSEHOLD_SQL)).all()):
        parties = tuple(
            _party(r, f"户编号 {r.household_no}，本户 {r.size} 人，共同成员 {r.shared} 人：{r.names}")
            for r in group
        )
        a, b = parties[0], parties[-1]
        result.append(
            CheckRow(
                CheckKind.HOUSEHOLD_MOVED,
                "",
                parties,
                f"{a.county_name}{a.township}{a.village}的户 {a.household_no} 与 {b.county_name}{b.township}{b.village}"
                f"的户 {b.household_no} 有 {group[0].shared} 名相同成员，疑似跨县迁户",
            )
        )
    return result


def _employed_detail(r: Any) -> str:
    label = codes.DESTINATION.label(r.destination) if r.destination in codes.DESTINATION else r.destination
    if r.region:
        region = codes.REGION.label(r.region) if r.region in codes.REGION else r.region
        label = f"{label}（{region}）"
    since: date | None = r.effective_date
    return f"{label}，{since.isoformat()} 起" if since is not None else label


def _idle_detail(r: Any) -> str:
    year = graduation_year_of(r.school_year, r.ended_on)
    graduated = f"{year}届毕业，" if year is not None else "毕业，"
    if not r.destination:
        return f"{graduated}未登记去向"
    label = codes.DESTINATION.label(r.destination) if r.destination in codes.DESTINATION else r.destination
    return f"{graduated}未就业（{label}）"


def _placed_elsewhere(conn: Connection) -> list[CheckRow]:
    result = []
    for group in _groups(conn.execute(text(_PLACED_ELSEWHERE_SQL)).all()):
        parties = tuple(_party(r, _employed_detail(r) if r.employed else _idle_detail(r)) for r in group)
        employed = _county_names(p for p, r in zip(parties, group, strict=True) if r.employed)
        idle = _county_names(p for p, r in zip(parties, group, strict=True) if not r.employed)
        result.append(
            CheckRow(
                CheckKind.PLACED_ELSEWHERE,
                "",
                parties,
                f"同一毕业生（{parties[0].id_masked}）在{'、'.join(employed)}登记就业，"
                f"在{'、'.join(idle)}仍为未就业或未登记去向",
            )
        )
    return result


_RUNNERS: Final = {
    CheckKind.DUPLICATE_REGISTRATION: _duplicates,
    CheckKind.DOUBLE_SUBSIDY: _double_subsidies,
    CheckKind.HOUSEHOLD_MOVED: _households,
    CheckKind.PLACED_ELSEWHERE: _placed_elsewhere,
}


def run_checks(
    db: ProvinceDatabase, *, county: str | None = None, kinds: Iterable[CheckKind] | None = None
) -> list[CheckRow]:
    """The findings of ``kinds`` (all by default), in the order of :class:`CheckKind`; with ``county`` only those
    with a party in that county."""
    wanted = set(CheckKind if kinds is None else kinds)
    rows: list[CheckRow] = []
    with db.engine.begin() as conn:
        # JIT compilation costs seconds on these plans and saves nothing: the work is in scans and joins.
        conn.exec_driver_sql("SET LOCAL jit = off")
        for statement in _MAKE_MULTI:
            conn.exec_driver_sql(statement)
        for kind in CheckKind:
            if kind in wanted:
                rows += _RUNNERS[kind](conn)
    if county is not None:
        rows = [r for r in rows if any(p.county_code == county for p in r.parties)]
    return rows
