"""Export the three lists to .xlsx, and reconcile a national export against what Yulu holds.

Exports are streamed from one query straight into the sheet writer, so a county's 200,000 rows never sit in
memory. Sensitive columns (ID numbers, phones, accounts, and beside them the birth date and the 学籍号, which
would undo the ID number's mask) are masked unless the user chose the full values. Who may have the full
values is the role table of :mod:`yulu_desktop.domain.access`, checked here before anything is read or
written; a full export needs a reason. Every export is recorded in the audit log under the acting cadre
(:mod:`yulu_desktop.services.acting`), and a full one says so, with the reason.

Reconciliation (核对) reads the national export once and compares it with the database: people only in the
file, people only in Yulu (within the villages the file covers), fields that differ, and households whose
members differ. The report is plain data (:class:`ReconcileReport`) for the app's page, and an .xlsx with
one sheet per kind of difference (:func:`write_reconcile_report`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection

from yulu_desktop.domain import codes
from yulu_desktop.domain.access import Permission
from yulu_desktop.domain.errors import Issue, YuluError
from yulu_desktop.domain.masking import mask_id_number, mask_phone
from yulu_desktop.excel import national as nat
from yulu_desktop.excel.lists import LIST_COLUMNS, LIST_TITLES, ListKind, write_list
from yulu_desktop.excel.results import RejectedRow
from yulu_desktop.excel.writer import Column, write_workbook
from yulu_desktop.services import records
from yulu_desktop.services.acting import permit
from yulu_desktop.services.excel_import import _norm_name, _OrgUnits, _Writes
from yulu_desktop.services.lists import GRADUATE_IDS, LATEST_JOB
from yulu_desktop.services.tasks import CancelToken, Progress, check, report
from yulu_desktop.store.database import Database
from yulu_desktop.store.scope import SCOPE_CTE

__all__ = [
    "EXPORT_KINDS",
    "ExportResult",
    "FieldDifference",
    "HouseholdDifference",
    "PersonEntry",
    "ReconcileReport",
    "export_list",
    "export_reconcile_report",
    "permit_export",
    "reconcile",
    "resolve_scope",
    "write_reconcile_report",
]

EXPORT_KINDS: Final = tuple(LIST_COLUMNS)

# --- export -------------------------------------------------------------------------------------------------

_PLACE_SQL = (
    "JOIN household h ON h.id = p.household_id JOIN org_unit v ON v.id = h.village_id "
    "LEFT JOIN org_unit t ON t.id = v.parent_id LEFT JOIN org_unit c ON c.id = t.parent_id"
)
_PLACE_COLUMNS = (
    "CASE WHEN c.level = 'county' THEN c.name WHEN t.level = 'county' THEN t.name END AS county, "
    "CASE WHEN t.level = 'township' THEN t.name END AS township, v.name AS village, h.household_no, "
    "p.name, p.id_number, p.sex, p.birth_date, p.phone"
)

_EXPORT_SQL: Final[Mapping[str, str]] = {
    "intent": (
        f"SELECT {_PLACE_COLUMNS}, p.student_status, i.wants_vocational, i.desired_school_type, "
        "i.desired_school, i.desired_major, i.expected_year, i.wants_employment_help, i.recorded_on, i.notes, "
        f"i.id AS record_id FROM intent i JOIN person p ON p.id = i.person_id {_PLACE_SQL}"
    ),
    "students": (
        f"SELECT {_PLACE_COLUMNS}, e.school_year, e.semester, e.school_name, e.school_type, e.major, "
        "e.length_years, e.entry_date, e.grade, e.registry_no, e.registry_status, h.payee_name, h.payee_bank, "
        f"h.payee_account, e.id AS record_id FROM enrollment e JOIN person p ON p.id = e.person_id {_PLACE_SQL}"
    ),
    # Who the graduates list shows (``lists.GRADUATE_IDS``: placed or not), with the latest job entry not voided
    # in error (作废). A graduate with no entry yet (待就业) has blank employment columns and is keyed by the
    # person's id, so that filling them in and importing the sheet again records the first entry.
    "graduates": (
        f"SELECT {_PLACE_COLUMNS}, "
        "(SELECT x.school_name FROM enrollment x WHERE x.person_id = p.id ORDER BY x.school_year DESC, "
        "x.semester LIMIT 1) AS school_name, "
        "(SELECT x.major FROM enrollment x WHERE x.person_id = p.id ORDER BY x.school_year DESC, "
        "x.semester LIMIT 1) AS major, "
        "er.effective_date, er.destination, er.employer, er.industry, er.job, er.place, er.channel, "
        "er.monthly_income_fen, er.matches_major, er.change_reason, er.source, er.verified_by, "
        f"coalesce(er.id, p.id) AS record_id FROM person p LEFT JOIN employment_record er ON er.id = {LATEST_JOB} "
        f"{_PLACE_SQL} WHERE p.id IN ({GRADUATE_IDS})"
    ),
}
_ORDER: Final = " ORDER BY v.code, h.household_no, p.relationship, p.name"
_DATES: Final = frozenset({"birth_date", "recorded_on", "entry_date", "effective_date"})
_BOOLS: Final = frozenset({"wants_vocational", "wants_employment_help", "matches_major"})


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    full: bool
    scope_name: str


def resolve_scope(
    db: Database, *, village: str | None = None, township: str | None = None, org_unit_id: str | None = None
) -> tuple[str | None, str]:
    """(org unit id, its name) for a village or township code (or an id); (None, "全部") for everything.

    Raises ``YuluError`` if the code is unknown or not of the level asked for."""
    if org_unit_id is None and village is None and township is None:
        return None, "全部"
    with db.read_connection() as conn:
        if org_unit_id is not None:
            row = conn.exec_driver_sql(
                "SELECT id, name, level FROM org_unit WHERE id = ?", (org_unit_id,)
            ).first()
            what = "行政区划"
        else:
            code = village if village is not None else township
            row = conn.exec_driver_sql("SELECT id, name, level FROM org_unit WHERE code = ?", (code,)).first()
            what = f"代码为 {code} 的{'行政村' if village is not None else '乡镇'}"
    if row is None:
        raise YuluError(f"找不到{what}，请检查代码（可用 yulu stats 或在程序的区划树中查看）")
    level = "village" if village is not None else "township" if township is not None else row[2]
    if row[2] != level:
        raise YuluError(f"{row[1]}是{codes.ORG_LEVEL.label(row[2])}，不是{codes.ORG_LEVEL.label(level)}")
    return str(row[0]), str(row[1])


def export_rows(conn: Connection, kind: str, org_unit_id: str | None) -> Iterator[dict[str, Any]]:
    """The rows of a list as stored values (field → value), streamed from one query, in village order."""
    sql = _EXPORT_SQL[kind]
    params: dict[str, Any] = {}
    if org_unit_id is not None:
        joiner = " AND " if " WHERE " in sql else " WHERE "
        sql = SCOPE_CTE + sql + joiner + "h.village_id IN (SELECT id FROM scope)"
        params["scope_root"] = org_unit_id
    result = conn.exec_driver_sql(sql.replace(":root", "?") + _ORDER, tuple(params.values()))
    names = list(result.keys())
    for row in result:
        out = dict(zip(names, row, strict=True))
        for name in _DATES & out.keys():
            value = out[name]
            if isinstance(value, str) and value:
                out[name] = dt.date.fromisoformat(value[:10])
        for name in _BOOLS & out.keys():
            if out[name] is not None:
                out[name] = bool(out[name])
        yield out


def export_list(
    db: Database,
    kind: ListKind,
    path: str | Path,
    *,
    actor: str = "",
    full: bool = False,
    reason: str = "",
    org_unit_id: str | None = None,
    village: str | None = None,
    township: str | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ExportResult:
    """Write a list (intent, students, graduates) for a village, a township or everything to ``path``.

    ``full`` writes ID numbers, phones, accounts, birth dates and 学籍号 unmasked: only for a role that may
    (``AccessDenied`` otherwise) and with a ``reason`` (``ReasonRequired`` otherwise), checked before anything
    is written. ``actor`` is the local author name, used only on a laptop not enrolled yet. The export is
    recorded in the audit log. A cancelled export raises ``Cancelled`` and leaves no file (nor changes an
    earlier one)."""
    if kind not in LIST_COLUMNS:
        raise YuluError(f"未知的清单“{kind}”，可选：{'、'.join(EXPORT_KINDS)}")
    who, why = permit(db, actor, Permission.EXPORT_FULL if full else Permission.EXPORT, reason)
    root, scope_name = resolve_scope(db, village=village, township=township, org_unit_id=org_unit_id)
    target = Path(path)

    def tick(done: int) -> None:
        check(cancel)
        report(progress, "write", done)

    title = f"{LIST_TITLES[kind]}（{scope_name}，{dt.date.today():%Y年%m月%d日}导出）"
    with db.read_connection() as conn:
        rows = write_list(
            target, kind, export_rows(conn, kind, root), mask=not full, title=title, progress=tick
        )
    detail = f"{LIST_TITLES[kind]}（{scope_name}）{rows} 行 → {target.name}；" + (
        f"含完整身份证号、电话、账号、出生日期、学籍号（未打码）；理由：{why}" if full else "敏感信息已打码"
    )
    records.audit_file(
        db, target, actor=who.audit_name, action="export", entity=kind, entity_id=root or "", detail=detail
    )
    return ExportResult(path=target, rows=rows, full=full, scope_name=scope_name)


# --- reconciliation -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonEntry:
    """A person found on one side only."""

    household_no: str
    person_no: str
    name: str
    id_number: str
    village: str
    row_number: int | None = None  # the Excel row (people in the file)


@dataclass(frozen=True)
class FieldDifference:
    row_number: int
    household_no: str
    name: str
    id_number: str
    field: str  # Chinese name of the field
    in_file: str
    in_yulu: str


@dataclass(frozen=True)
class HouseholdDifference:
    household_no: str
    only_in_file: tuple[str, ...]  # member names
    only_in_yulu: tuple[str, ...]
    moved: tuple[str, ...] = ()  # members Yulu has in another household


@dataclass
class ReconcileReport:
    path: Path
    rows_read: int = 0
    matched: int = 0
    only_in_file: list[PersonEntry] = field(default_factory=list)
    only_in_yulu: list[PersonEntry] = field(default_factory=list)
    differences: list[FieldDifference] = field(default_factory=list)
    households: list[HouseholdDifference] = field(default_factory=list)
    unreadable: list[RejectedRow] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def in_step(self) -> bool:
        return not (self.only_in_file or self.only_in_yulu or self.differences or self.households)

    def summary(self) -> str:
        return (
            f"核对 {self.rows_read} 行：一致或已匹配 {self.matched} 人；仅在国家系统 {len(self.only_in_file)} 人，"
            f"仅在雨露 {len(self.only_in_yulu)} 人，字段不一致 {len(self.differences)} 处，"
            f"成员不一致的户 {len(self.households)} 户，无法核对的行 {len(self.unreadable)} 行"
        )


_COMPARED: Final[tuple[tuple[str, str, str, codes.CodeList | None], ...]] = (
    # (record attribute, stored column, Chinese name, code list)
    ("name", "p.name", "姓名", None),
    ("id_number", "p.id_number", "证件号码", None),
    ("person_no", "p.person_no", "人编号", None),
    ("relationship", "p.relationship", "与户主关系", codes.RELATIONSHIP),
    ("education", "p.education", "文化程度", codes.EDUCATION),
    ("student_status", "p.student_status", "在校生状况", codes.STUDENT_STATUS),
    ("health", "p.health", "健康状况", codes.HEALTH),
    ("skills", "p.skills", "劳动技能", codes.SKILL),
    ("phone", "p.phone", "联系电话", None),
    ("household_no", "h.household_no", "户编号", None),
    ("household_type", "h.household_type", "户类型", codes.HOUSEHOLD_TYPE),
    ("monitoring_type", "h.monitoring_type", "监测对象类型", codes.MONITORING_TYPE),
    ("risk_causes", "h.risk_causes", "致贫原因", None),
    ("risk_eliminated", "h.risk_eliminated", "风险是否消除", None),
    ("risk_identified_on", "h.risk_identified_on", "风险识别时间", None),
    ("risk_eliminated_on", "h.risk_eliminated_on", "风险消除时间", None),
    ("income_per_capita_fen", "h.income_per_capita_fen", "人均纯收入", None),
)
#: Columns of the export each compared attribute needs (not compared when the file lacks the column).
_NEEDS: Final[Mapping[str, str]] = {
    "person_no": "person_no",
    "education": "education",
    "student_status": "student_status",
    "health": "health",
    "skills": "skills",
    "phone": "phone",
    "household_type": "household_type",
    "monitoring_type": "monitoring_type",
    "risk_causes": "risk_causes",
    "risk_eliminated": "risk_eliminated",
    "risk_identified_on": "risk_identified_on",
    "risk_eliminated_on": "risk_eliminated_on",
    "income_per_capita_fen": "income_per_capita",
}


def _shown(attribute: str, value: Any, codelist: codes.CodeList | None) -> str:
    if value is None or value == "":
        return ""
    if codelist is not None:
        return codelist.label(str(value))
    if attribute == "risk_causes":
        parts = value if isinstance(value, tuple | list) else str(value).split(",")
        return "、".join(codes.RISK_CAUSE.label(p) for p in parts if p)
    if attribute == "risk_eliminated":
        return "是" if value in (True, 1, "1") else "否"
    if attribute == "income_per_capita_fen":
        return f"{int(value) / 100:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _file_value(record: nat.NationalPersonRow, attribute: str) -> Any:
    if attribute == "risk_causes":
        return record.risk_causes_text
    if attribute == "risk_eliminated":
        return int(record.risk_eliminated)
    if attribute in ("risk_identified_on", "risk_eliminated_on"):
        value = getattr(record, attribute)
        return None if value is None else value.isoformat()
    if attribute == "phone":
        return record.phone or ""
    return getattr(record, attribute)


def _db_value(attribute: str, value: Any) -> Any:
    if attribute == "risk_eliminated":
        return int(bool(value))
    if attribute in ("risk_identified_on", "risk_eliminated_on") and value:
        return str(value)[:10]
    return value


_PERSON_SQL = (
    "SELECT p.id, v.name, "
    + ", ".join(c for _, c, _, _ in _COMPARED)
    + " FROM person p JOIN household h ON h.id = p.household_id JOIN org_unit v ON v.id = h.village_id"
)


def reconcile(
    db: Database,
    national_path: str | Path,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ReconcileReport:
    """Compare a national export with the database; nothing is written. See the module docstring.

    People are matched by 人编号, else by ID number. "Only in Yulu" is limited to the villages the file
    names and the households it lists, so a township's file is not compared with the whole county."""
    path = Path(national_path)
    result = ReconcileReport(path=path)
    with db.read_connection() as conn:
        by_no: dict[str, str] = {}
        by_id: dict[str, str] = {}
        for person_id, person_no, id_number in conn.exec_driver_sql(
            "SELECT id, person_no, id_number FROM person"
        ):
            if person_no:
                by_no[person_no] = person_id
            if id_number:
                by_id[id_number] = person_id
        orgs = _OrgUnits(conn, _Writes())
        villages: set[str] = set()
        file_households: dict[str, list[tuple[str | None, str]]] = {}  # 户编号 → [(person id or None, name)]
        matched: set[str] = set()
        batch: list[tuple[nat.NationalPersonRow, str | None]] = []

        def compare(batch: Sequence[tuple[nat.NationalPersonRow, str | None]], present: set[str]) -> None:
            ids = [pid for _, pid in batch if pid]
            stored: dict[str, tuple[Any, ...]] = {}
            for start in range(0, len(ids), 500):
                part = ids[start : start + 500]
                sql = f"{_PERSON_SQL} WHERE p.id IN ({', '.join('?' * len(part))})"
                for found in conn.exec_driver_sql(sql, tuple(part)):
                    stored[found[0]] = tuple(found)
            for record, pid in batch:
                if pid is None:
                    continue
                row = stored[pid]
                for index, (attribute, _, label, codelist) in enumerate(_COMPARED):
                    needed = _NEEDS.get(attribute)
                    if needed is not None and needed not in present:
                        continue
                    mine = _db_value(attribute, row[index + 2])
                    theirs = _file_value(record, attribute)
                    if (mine or None) != (theirs or None) and not (
                        attribute == "risk_eliminated" and int(mine or 0) == int(theirs or 0)
                    ):
                        result.differences.append(
                            FieldDifference(
                                row_number=record.row_number,
                                household_no=record.household_no,
                                name=record.name,
                                id_number=record.id_number,
                                field=label,
                                in_file=_shown(attribute, theirs, codelist),
                                in_yulu=_shown(attribute, mine, codelist),
                            )
                        )

        with nat.scan_national(path, today=today) as scan:
            present = set(scan.header.columns)
            for item in scan:
                result.rows_read += 1
                if result.rows_read % 500 == 0:
                    check(cancel)
                    report(progress, "compare", result.rows_read)
                if isinstance(item, RejectedRow):
                    result.unreadable.append(item)
                    result.issues.extend(i for i in item.issues if i.is_error)
                    continue
                village_id = orgs.find(item.county, item.township, item.village)
                if village_id is not None:
                    villages.add(village_id)
                pid = (by_no.get(item.person_no) if item.person_no else None) or by_id.get(item.id_number)
                file_households.setdefault(item.household_no, []).append((pid, item.name))
                if pid is None:
                    result.only_in_file.append(
                        PersonEntry(
                            household_no=item.household_no,
                            person_no=item.person_no or "",
                            name=item.name,
                            id_number=item.id_number,
                            village=_norm_name(item.village),
                            row_number=item.row_number,
                        )
                    )
                else:
                    matched.add(pid)
                    result.matched += 1
                batch.append((item, pid))
                if len(batch) >= 2000:
                    compare(batch, present)
                    batch = []
            compare(batch, present)

        # People of the covered villages and households that the file does not list; members per household.
        members: dict[str, list[tuple[str, str]]] = {}
        in_scope: dict[str, tuple[str, str, str, str, str]] = {}
        households = list(file_households)
        for start in range(0, max(len(households), 1), 500):
            part = households[start : start + 500]
            village_part = list(villages) if start == 0 else []
            conditions = []
            if part:
                conditions.append(f"h.household_no IN ({', '.join('?' * len(part))})")
            if village_part:
                conditions.append(f"h.village_id IN ({', '.join('?' * len(village_part))})")
            if not conditions:
                continue
            sql = (
                "SELECT p.id, h.household_no, coalesce(p.person_no, ''), p.name, coalesce(p.id_number, ''), v.name "
                "FROM person p JOIN household h ON h.id = p.household_id JOIN org_unit v ON v.id = h.village_id "
                f"WHERE {' OR '.join(conditions)}"
            )
            for pid, household_no, person_no, name, id_number, village_name in conn.exec_driver_sql(
                sql, (*part, *village_part)
            ):
                in_scope[pid] = (household_no, person_no, name, id_number, village_name)
        for pid, (household_no, person_no, name, id_number, village_name) in in_scope.items():
            members.setdefault(household_no, []).append((pid, name))
            if pid not in matched:
                result.only_in_yulu.append(
                    PersonEntry(household_no, person_no, name, id_number, village_name)
                )
        for household_no, listed in file_households.items():
            file_ids = {pid for pid, _ in listed if pid}
            mine = members.get(household_no, [])
            mine_ids = {pid for pid, _ in mine}
            only_file = tuple(name for pid, name in listed if pid is None or pid not in mine_ids)
            only_yulu = tuple(name for pid, name in mine if pid not in file_ids)
            moved = tuple(name for pid, name in listed if pid is not None and pid not in mine_ids)
            if mine and (only_file or only_yulu):
                result.households.append(HouseholdDifference(household_no, only_file, only_yulu, moved))
    result.only_in_yulu.sort(key=lambda e: (e.village, e.household_no, e.name))
    report(progress, "compare", result.rows_read, result.rows_read)
    return result


def permit_export(db: Database, actor: str = "", *, full: bool = False, reason: str = "") -> None:
    """Check, before any work, that the acting cadre may export (``full``: unmasked, with ``reason``)."""
    permit(db, actor, Permission.EXPORT_FULL if full else Permission.EXPORT, reason)


def export_reconcile_report(
    db: Database,
    report_data: ReconcileReport,
    path: str | Path,
    *,
    actor: str = "",
    full: bool = False,
    reason: str = "",
) -> Path:
    """Write the reconciliation report (:func:`write_reconcile_report`) after the role check, and audit it.

    ``full`` (ID numbers and phones unmasked) needs a role that may export full values and a ``reason``."""
    who, why = permit(db, actor, Permission.EXPORT_FULL if full else Permission.EXPORT, reason)
    target = write_reconcile_report(report_data, path, mask=not full)
    detail = f"核对报告 → {target.name}；" + (f"未打码；理由：{why}" if full else "敏感信息已打码")
    return records.audit_file(
        db, target, actor=who.audit_name, action="export", entity="person", detail=detail
    )


def write_reconcile_report(report_data: ReconcileReport, path: str | Path, *, mask: bool = True) -> Path:
    """The reconciliation as an .xlsx: 概况, 仅在国家系统, 仅在雨露, 字段不一致, 成员不一致的户, 无法核对的行.

    ID numbers and phones are masked unless ``mask`` is False. No role check and no audit: callers go through
    :func:`export_reconcile_report`."""
    target = Path(path)

    def idn(value: str) -> str:
        return mask_id_number(value) if mask else value

    person_columns = (
        Column("village", "行政村", width=14),
        Column("household_no", "户编号", width=20),
        Column("person_no", "人编号", width=22),
        Column("name", "姓名", width=10),
        Column("id_number", "证件号码", width=21),
        Column("row_number", "原表行号", width=9, kind="int"),
    )

    def people(entries: Sequence[PersonEntry]) -> Iterator[dict[str, Any]]:
        for e in entries:
            yield {
                "village": e.village,
                "household_no": e.household_no,
                "person_no": e.person_no,
                "name": e.name,
                "id_number": idn(e.id_number),
                "row_number": e.row_number,
            }

    def differences() -> Iterator[dict[str, Any]]:
        for d in report_data.differences:
            phone = d.field == "联系电话" and mask
            secret = d.field == "证件号码" and mask
            yield {
                "row_number": d.row_number,
                "household_no": d.household_no,
                "name": d.name,
                "id_number": idn(d.id_number),
                "field": d.field,
                "in_file": mask_phone(d.in_file) if phone else idn(d.in_file) if secret else d.in_file,
                "in_yulu": mask_phone(d.in_yulu) if phone else idn(d.in_yulu) if secret else d.in_yulu,
            }

    sheets: list[tuple[str, str, Sequence[Column], Any]] = [
        (
            "概况",
            f"核对：{report_data.path.name}",
            (Column("item", "项目", width=24), Column("count", "数量", width=10, kind="int")),
            [
                {"item": "读取的行", "count": report_data.rows_read},
                {"item": "已匹配的人", "count": report_data.matched},
                {"item": "仅在国家系统的人", "count": len(report_data.only_in_file)},
                {"item": "仅在雨露的人", "count": len(report_data.only_in_yulu)},
                {"item": "字段不一致", "count": len(report_data.differences)},
                {"item": "成员不一致的户", "count": len(report_data.households)},
                {"item": "无法核对的行", "count": len(report_data.unreadable)},
            ],
        ),
        (
            "仅在国家系统",
            "国家系统导出表中有、雨露中没有的人",
            person_columns,
            people(report_data.only_in_file),
        ),
        (
            "仅在雨露",
            "雨露中有、国家系统导出表中没有的人（限表中涉及的村和户）",
            person_columns[:-1],
            people(report_data.only_in_yulu),
        ),
        (
            "字段不一致",
            "同一人在两边不一致的字段",
            (
                Column("row_number", "原表行号", width=9, kind="int"),
                Column("household_no", "户编号", width=20),
                Column("name", "姓名", width=10),
                Column("id_number", "证件号码", width=21),
                Column("field", "字段", width=14),
                Column("in_file", "国家系统", width=24),
                Column("in_yulu", "雨露", width=24),
            ),
            differences(),
        ),
        (
            "成员不一致的户",
            "同一户在两边的成员不同",
            (
                Column("household_no", "户编号", width=20),
                Column("only_in_file", "仅在国家系统的成员", width=30),
                Column("only_in_yulu", "仅在雨露的成员", width=30),
                Column("moved", "雨露中在其他户的成员", width=30),
            ),
            (
                {
                    "household_no": h.household_no,
                    "only_in_file": "、".join(h.only_in_file),
                    "only_in_yulu": "、".join(h.only_in_yulu),
                    "moved": "、".join(h.moved),
                }
                for h in report_data.households
            ),
        ),
        (
            "无法核对的行",
            "国家系统导出表中有问题、无法核对的行",
            (Column("row_number", "原表行号", width=9, kind="int"), Column("reason", "问题", width=80)),
            ({"row_number": r.row_number, "reason": r.reason()} for r in report_data.unreadable),
        ),
    ]
    write_workbook(target, [(name, title, columns, rows) for name, title, columns, rows in sheets])
    return target
