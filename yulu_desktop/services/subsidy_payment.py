"""Payment batches of the 雨露计划 subsidy (发放批次, issue 15): the county puts approved applications into a batch,
exports the batch as the sheet its 惠民惠农“一卡通” platform takes, and imports the bank's result back.

Nothing is paid twice. An application in a batch is ``in_payment`` and no other batch takes it until its result
is known; a result row for a person who is not in the batch, or whose subsidy is already paid, is an error with
its row number, and a result file with any error changes nothing. A failed payment goes back to the village to
fix the account (``account_fixed``) and the county puts it into a later batch.

County roles only (``domain.subsidy_cycle``: the county level puts applications into a batch and records
paid/failed). The export carries full ID numbers and accounts: ``Permission.EXPORT_FULL`` with a reason,
audited like every export.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain.access import AccessDenied, Permission, Role
from yulu_desktop.domain.entities import OrgUnit, SubsidyApplication, SubsidyPaymentBatch
from yulu_desktop.domain.errors import NotFound, YuluError
from yulu_desktop.domain.masking import mask_id_number
from yulu_desktop.domain.subsidy_cycle import PAYABLE, step_problem
from yulu_desktop.domain.subsidy_rules import PAYMENT_COLUMNS
from yulu_desktop.excel.cells import cell_text, read_identifier, read_money
from yulu_desktop.excel.sheets import CellValue, is_blank, open_sheet
from yulu_desktop.excel.writer import Column, ColumnKind, write_xlsx
from yulu_desktop.services import acting, records
from yulu_desktop.services.subsidy_rules import county_code_of, require_county, rule_in_force_on
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

if TYPE_CHECKING:
    from yulu_desktop.services.subsidy import ApplicationRow

__all__ = [
    "BatchRow",
    "ResultReport",
    "batch_lines",
    "batches",
    "create_batch",
    "export_batch",
    "import_result",
    "payable",
]

#: How many result rows an error list shows before it says "and N more".
MAX_ERRORS_SHOWN: Final = 200


@dataclass(frozen=True)
class BatchRow:
    """A payment batch with what became of it. ``failed_count`` counts the applications of the batch whose
    payment failed (they may since be in a later batch); ``pending_count`` those still waiting for a result."""

    id: str
    batch_no: str
    term: str
    created_on: date
    total_count: int
    total_fen: int
    exported_on: date | None
    result_imported_on: date | None
    paid_count: int
    failed_count: int
    pending_count: int
    paid_fen: int = 0
    item: str = ""
    created_by: str = ""


@dataclass(frozen=True)
class ResultReport:
    """What importing a bank result did: how many paid and failed, or the errors (then nothing was applied)."""

    paid: int
    failed: int
    errors: tuple[str, ...] = ()
    paid_ids: tuple[str, ...] = ()
    failed_ids: tuple[str, ...] = ()
    pending: int = 0  # applications of the batch the file did not mention (still in payment)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class BatchLine:
    """One application of a batch, with everything the 一卡通 sheet may show (full ID number and account)."""

    application_id: str
    person_id: str
    name: str
    id_number: str
    payee_name: str
    account: str
    amount_fen: int
    village: str
    township: str
    state: str
    paid_on: date | None
    payment_failure: str


# --- reading ------------------------------------------------------------------------------------------------


def payable(db: Database, term: str) -> list[ApplicationRow]:
    """Applications of ``term`` a batch may take (county approved, announced, or with a fixed account)."""
    from yulu_desktop.services import subsidy

    return subsidy.applications(db, term=term, states=sorted(PAYABLE))


def _batch_counts(conn: Connection, batch_ids: Sequence[str]) -> dict[str, tuple[int, int, int]]:
    """Per batch: (paid count, paid fen, still in payment) over the applications now pointing at it."""
    a = schema.subsidy_application
    if not batch_ids:
        return {}
    rows = conn.execute(
        select(a.c.payment_batch_id, a.c.state, func.count(), func.coalesce(func.sum(a.c.amount_fen), 0))
        .where(a.c.payment_batch_id.in_(batch_ids), a.c.state.in_(("paid", "in_payment")))
        .group_by(a.c.payment_batch_id, a.c.state)
    ).all()
    found: dict[str, tuple[int, int, int]] = {}
    for batch_id, state, count, fen in rows:
        paid, paid_fen, pending = found.get(batch_id, (0, 0, 0))
        if state == "paid":
            paid, paid_fen = int(count), int(fen)
        else:
            pending = int(count)
        found[batch_id] = (paid, paid_fen, pending)
    return found


def batches(db: Database, term: str | None = None) -> list[BatchRow]:
    """The payment batches on this laptop (of ``term``, or all), newest first."""
    b = schema.subsidy_payment_batch
    query = select(b).order_by(b.c.created_on.desc(), b.c.batch_no.desc())
    if term is not None:
        query = query.where(b.c.term == term)
    with db.read_connection() as conn:
        rows = conn.execute(query).all()
        counts = _batch_counts(conn, [r.id for r in rows])
    result = []
    for r in rows:
        paid, paid_fen, pending = counts.get(r.id, (0, 0, 0))
        # Whatever of the batch is neither paid nor still waiting failed at the bank (the result was imported).
        failed = max(r.total_count - paid - pending, 0) if r.result_imported_on is not None else 0
        result.append(
            BatchRow(
                id=r.id,
                batch_no=r.batch_no,
                term=r.term,
                created_on=r.created_on,
                total_count=r.total_count,
                total_fen=r.total_fen,
                exported_on=r.exported_on,
                result_imported_on=r.result_imported_on,
                paid_count=paid,
                failed_count=failed,
                pending_count=pending if r.result_imported_on is not None else r.total_count - paid,
                paid_fen=paid_fen,
                item=r.item,
                created_by=r.created_by,
            )
        )
    return result


_LINE_SQL = (
    select(
        schema.subsidy_application.c.id,
        schema.subsidy_application.c.person_id,
        schema.person.c.name,
        schema.person.c.id_number,
        schema.subsidy_application.c.payee_name,
        schema.subsidy_application.c.payee_account,
        schema.subsidy_application.c.amount_fen,
        schema.org_unit.c.name.label("village"),
        schema.org_unit.c.parent_id,
        schema.subsidy_application.c.state,
        schema.subsidy_application.c.paid_on,
        schema.subsidy_application.c.payment_failure,
    )
    .join(schema.person, schema.person.c.id == schema.subsidy_application.c.person_id)
    .join(schema.household, schema.household.c.id == schema.person.c.household_id)
    .join(schema.org_unit, schema.org_unit.c.id == schema.household.c.village_id)
)


def _unit_names(conn: Connection) -> dict[str, str]:
    u = schema.org_unit
    return {r.id: r.name for r in conn.execute(select(u.c.id, u.c.name))}


def batch_lines(db: Database, batch_id: str) -> list[BatchLine]:
    """The applications now in a batch, by village and name (full values: callers mask or audit)."""
    a = schema.subsidy_application
    with db.read_connection() as conn:
        names = _unit_names(conn)
        rows = conn.execute(
            _LINE_SQL.where(a.c.payment_batch_id == batch_id).order_by(
                schema.org_unit.c.code, schema.person.c.name, a.c.id
            )
        ).all()
    return [
        BatchLine(
            application_id=r.id,
            person_id=r.person_id,
            name=r.name,
            id_number=r.id_number or "",
            payee_name=r.payee_name or "",
            account=r.payee_account or "",
            amount_fen=r.amount_fen,
            village=r.village,
            township=names.get(r.parent_id, "") if r.parent_id else "",
            state=r.state,
            paid_on=r.paid_on,
            payment_failure=r.payment_failure or "",
        )
        for r in rows
    ]


# --- creating a batch -----------------------------------------------------------------------------------------


_SEASON: Final = {"autumn": "秋", "spring": "春"}


def _batch_prefix(county_code: str, term: str) -> str:
    parsed = rules.parse_term(term)
    if parsed is None:
        raise YuluError(f"学期“{term}”格式不对（应如 2025-autumn）")
    year, semester = parsed
    return f"{county_code}-{year}{_SEASON.get(semester, semester)}-"


def _next_batch_no(session: Session, county_code: str, term: str) -> str:
    prefix = _batch_prefix(county_code, term)
    b = schema.subsidy_payment_batch
    taken = set(session.execute(select(b.c.batch_no).where(b.c.batch_no.like(f"{prefix}%"))).scalars())
    n = len(taken) + 1
    while f"{prefix}{n:02d}" in taken:
        n += 1
    return f"{prefix}{n:02d}"


def _county_unit(session: Session, code: str) -> OrgUnit:
    unit = (
        session.execute(
            select(OrgUnit).where(schema.org_unit.c.code == code, schema.org_unit.c.level == "county")
        )
        .scalars()
        .first()
    )
    if unit is None:
        raise YuluError("本机没有县级行政区划，无法建立发放批次（请先同步县里的数据）")
    return unit


def _names(session: Session, person_ids: Iterable[str]) -> dict[str, str]:
    p = schema.person
    ids = list(set(person_ids))
    return {r.id: r.name for r in session.execute(select(p.c.id, p.c.name).where(p.c.id.in_(ids)))}


def create_batch(
    db: Database,
    term: str,
    application_ids: Sequence[str] | None = None,
    *,
    actor: str,
    today: date | None = None,
    item: str = "雨露计划补助",
) -> str:
    """A new payment batch of ``term`` holding ``application_ids`` (all payable applications of the term when
    None); they move to 发放中 (``in_payment``). All or nothing: one application that may not enter the batch
    (not approved, already in a batch, no account, another term) refuses the batch, naming it. Returns the id."""
    who = require_county(db, actor, "建立发放批次")
    today = today or date.today()
    a = schema.subsidy_application
    with records.writing(db, who.audit_name) as session:
        code = county_code_of(session.connection())
        county = _county_unit(session, code)
        if application_ids is None:
            chosen = list(
                session.execute(
                    select(SubsidyApplication)
                    .where(a.c.term == term, a.c.state.in_(sorted(PAYABLE)))
                    .order_by(a.c.applied_on, a.c.id)
                ).scalars()
            )
            if not chosen:
                raise YuluError(f"{rules.term_label(term)}没有待发放的补助申请（须县审定通过或账户已更正）")
        else:
            wanted = list(dict.fromkeys(application_ids))
            if not wanted:
                raise YuluError("请选择要纳入发放批次的补助申请")
            found = {
                x.id: x
                for x in session.execute(select(SubsidyApplication).where(a.c.id.in_(wanted))).scalars()
            }
            missing = [i for i in wanted if i not in found]
            if missing:
                raise NotFound(f"找不到补助申请（编号 {'、'.join(missing)}），可能已被删除")
            chosen = [found[i] for i in wanted]
        names = _names(session, (x.person_id for x in chosen))
        problems = []
        for application in chosen:
            name = names.get(application.person_id, application.person_id)
            problem = _batch_problem(application, term, who.role)
            if problem:
                problems.append(f"{name}：{problem}")
        if problems:
            raise YuluError("以下补助申请不能纳入发放批次，批次未建立：\n" + "\n".join(problems))
        batch = SubsidyPaymentBatch(
            county_id=county.id,
            term=term,
            batch_no=_next_batch_no(session, code, term),
            created_on=today,
            created_by=who.audit_name,
            item=item,
            total_count=len(chosen),
            total_fen=sum(x.amount_fen for x in chosen),
        )
        session.add(batch)
        session.flush()
        for application in chosen:
            application.state = "in_payment"
            application.payment_batch_id = batch.id
            application.paid_on = None
            application.payment_failure = ""
        return batch.id


def _batch_problem(application: SubsidyApplication, term: str, role: Role | str) -> str | None:
    if application.term != term:
        return f"是{rules.term_label(application.term)}的申请，不属于{rules.term_label(term)}"
    if application.state == "in_payment":
        return "已在其他发放批次中，发放结果回来之前不能纳入新批次"
    if application.state == "paid":
        return "已发放，不能重复发放"
    problem = step_problem(application.state, "in_payment", role)
    if problem:
        return problem
    if not (application.payee_account or "").strip():
        return "没有收款账号，请村里补充后再发放"
    if application.amount_fen <= 0:
        return "补助金额为 0"
    return None


# --- export -------------------------------------------------------------------------------------------------


_COLUMN_KINDS: Final[Mapping[str, tuple[ColumnKind, float]]] = {
    "seq": ("auto", 8),
    "name": ("text", 12),
    "id_number": ("id", 22),
    "payee_name": ("text", 12),
    "account": ("account", 24),
    "amount": ("money", 14),
    "item": ("text", 16),
    "village": ("text", 14),
    "township": ("text", 14),
    "note": ("text", 20),
}


def _batch(session: Session, batch_id: str) -> SubsidyPaymentBatch:
    batch = session.get(SubsidyPaymentBatch, batch_id)
    if batch is None:
        raise NotFound(f"找不到发放批次（编号 {batch_id}），可能还没有同步到本机")
    return batch


def export_batch(
    db: Database, batch_id: str, path: str | Path, *, actor: str, reason: str, today: date | None = None
) -> Path:
    """Write the batch as the county's 一卡通 sheet: the rule's ``payment_columns`` (in force when the batch
    was made), one row per application, a totals row (人数, 金额合计); amounts in yuan with 2 decimals, ID
    numbers and accounts as text cells. Full values: ``Permission.EXPORT_FULL`` and a ``reason``; audited,
    and the batch records the export date."""
    who, why = acting.permit(db, actor, Permission.EXPORT_FULL, reason)
    require_county(db, actor, "导出发放表")
    target = Path(path)
    with db.read() as session:
        batch = _batch(session, batch_id)
        batch_no, item, created_on, term = batch.batch_no, batch.item, batch.created_on, batch.term
        keys = rule_in_force_on(session, created_on).payment_columns
    lines = batch_lines(db, batch_id)
    if not lines:
        raise YuluError(f"发放批次 {batch_no} 中没有补助申请")
    columns = [
        Column(field=k, header=PAYMENT_COLUMNS[k], width=_COLUMN_KINDS[k][1], kind=_COLUMN_KINDS[k][0])
        for k in keys
        if k in PAYMENT_COLUMNS
    ]

    def rows() -> Iterator[dict[str, Any]]:
        for n, line in enumerate(lines, start=1):
            yield {
                "seq": n,
                "name": line.name,
                "id_number": line.id_number,
                "payee_name": line.payee_name or line.name,
                "account": line.account,
                "amount": line.amount_fen,
                "item": item,
                "village": line.village,
                "township": line.township,
                "note": "",
            }
        total: dict[str, Any] = {"amount": sum(x.amount_fen for x in lines)}
        label_key = keys[0] if keys else "seq"
        total[label_key] = "合计"
        count_key = next((k for k in keys if k in ("name", "payee_name", "item", "note")), None)
        if count_key is not None:
            total[count_key] = f"{len(lines)} 人"
        yield total

    write_xlsx(target, columns, rows(), mask=False, sheet_name=batch_no)
    detail = (
        f"雨露计划发放表 {batch_no}（{rules.term_label(term)}）{len(lines)} 人 → {target.name}；"
        f"含完整身份证号和账号；理由：{why}"
    )
    try:
        with records.writing(db, who.audit_name) as session:
            stored = _batch(session, batch_id)
            stored.exported_on = today or date.today()
            records.record_audit(
                session,
                actor=who.audit_name,
                action="export",
                entity="subsidy_payment_batch",
                entity_id=batch_id,
                detail=detail,
            )
    except BaseException:
        target.unlink(missing_ok=True)  # an unrecorded export is not allowed to stay behind
        raise
    return target


# --- the bank's result ----------------------------------------------------------------------------------------


def _header_key(value: CellValue) -> str:
    text = cell_text(value) or ""
    return "".join(unicodedata.normalize("NFKC", text).split())


_ID_HEADERS: Final = ("身份证号", "身份证号码", "证件号码", "证件号", "公民身份号码")
_ACCOUNT_HEADERS: Final = ("账号", "卡号", "银行账号", "收款账号", "社保卡号", "一卡通账号")
_RESULT_HEADERS: Final = ("发放结果", "结果", "状态", "发放状态", "处理结果")
_REASON_HEADERS: Final = ("失败原因", "原因", "备注", "失败说明")
_PAID_WORDS: Final = frozenset({"成功", "发放成功", "已发放", "支付成功", "已支付", "正常"})
_FAILED_WORDS: Final = frozenset({"失败", "发放失败", "支付失败", "退回", "退票", "未发放"})
#: How far down the sheet the header row is looked for (banks put titles and dates above it).
_HEADER_SEARCH_ROWS: Final = 20


@dataclass(frozen=True)
class _ResultColumns:
    id_number: int
    result: int
    account: int | None
    amount: int | None
    reason: int | None


def _find(headers: Sequence[str], names: Sequence[str]) -> int | None:
    for name in names:
        if name in headers:
            return headers.index(name)
    return None


def _result_columns(headers: Sequence[str]) -> _ResultColumns | None:
    id_col = _find(headers, _ID_HEADERS)
    result_col = _find(headers, _RESULT_HEADERS)
    if id_col is None or result_col is None:
        return None
    amount_col = next((i for i, h in enumerate(headers) if h.startswith("金额") or h == "发放金额"), None)
    return _ResultColumns(
        id_number=id_col,
        result=result_col,
        account=_find(headers, _ACCOUNT_HEADERS),
        amount=amount_col,
        reason=_find(headers, _REASON_HEADERS),
    )


@dataclass(frozen=True)
class _ResultRow:
    row: int
    id_number: str
    account: str | None
    amount_fen: int | None
    paid: bool
    reason: str


def _cell(values: tuple[CellValue, ...], index: int | None) -> CellValue:
    if index is None or index >= len(values):
        return None
    return values[index]


def _read_result_file(path: Path) -> tuple[list[_ResultRow], list[str]]:
    """The result rows of the bank's sheet, and the errors of rows that cannot be read."""
    errors: list[str] = []
    rows: list[_ResultRow] = []
    layout: _ResultColumns | None = None
    with open_sheet(path) as reader:
        for number, values in reader.rows():
            if layout is None:
                if number > _HEADER_SEARCH_ROWS:
                    break
                layout = _result_columns([_header_key(v) for v in values])
                continue
            if is_blank(values):
                continue
            texts = [cell_text(v) or "" for v in values]
            raw_id, id_issues = read_identifier(_cell(values, layout.id_number), "id_number", "身份证号")
            if id_issues and any(i.is_error for i in id_issues):
                errors.append(f"第 {number} 行：身份证号{id_issues[0].message}")
                continue
            if not raw_id:
                if any("合计" in t or "总计" in t for t in texts):
                    continue  # the totals row
                errors.append(f"第 {number} 行：没有身份证号")
                continue
            id_number = unicodedata.normalize("NFKC", raw_id).replace(" ", "").upper()
            result_text = _header_key(_cell(values, layout.result))
            if result_text in _PAID_WORDS:
                paid = True
            elif result_text in _FAILED_WORDS:
                paid = False
            else:
                shown = result_text or "（空）"
                errors.append(f"第 {number} 行：发放结果“{shown}”无法识别（应为“成功”或“失败”）")
                continue
            amount: int | None = None
            if layout.amount is not None:
                amount, issues = read_money(_cell(values, layout.amount), "amount", "金额")
                if any(i.is_error for i in issues):
                    errors.append(f"第 {number} 行：金额{issues[0].message}")
                    continue
            account_text = cell_text(_cell(values, layout.account))
            account = "".join(unicodedata.normalize("NFKC", account_text).split()) if account_text else None
            reason = cell_text(_cell(values, layout.reason)) or ""
            rows.append(_ResultRow(number, id_number, account, amount, paid, reason))
    if layout is None:
        errors.append(
            "没有找到表头：发放结果表须有“身份证号”（或“证件号码”）和“发放结果”（或“结果”“状态”）两列"
        )
    elif not rows and not errors:
        errors.append("发放结果表中没有数据行")
    return rows, errors


def _yuan(fen: int) -> str:
    return f"{fen / 100:,.2f}"


def import_result(
    db: Database, batch_id: str, path: str | Path, *, actor: str, today: date | None = None
) -> ResultReport:
    """Apply the bank's returned sheet to a batch: each row paid (已发放, paid on ``today``) or failed (发放失败,
    with the bank's reason). Rows are matched to the batch's applications by ID number (and account, when the
    sheet has one). Any error (unknown person, not in this batch, already paid, amount or account differs,
    unknown result text, a person twice) is reported with its row number and nothing is applied."""
    who = require_county(db, actor, "导入发放结果")
    today = today or date.today()
    parsed, errors = _read_result_file(Path(path))
    a, p = schema.subsidy_application, schema.person
    with db.read() as session:
        batch = _batch(session, batch_id)
        batch_no, term = batch.batch_no, batch.term
        by_person_id: dict[str, list[str]] = {}
        wanted = sorted({r.id_number for r in parsed})
        for chunk_start in range(0, len(wanted), 500):
            chunk = wanted[chunk_start : chunk_start + 500]
            for found in session.execute(select(p.c.id, p.c.id_number).where(p.c.id_number.in_(chunk))):
                by_person_id.setdefault(str(found.id_number).upper(), []).append(found.id)
        person_ids = [pid for ids in by_person_id.values() for pid in ids]
        applications = {
            (x.person_id): x
            for x in session.execute(
                select(SubsidyApplication).where(a.c.person_id.in_(person_ids), a.c.term == term)
            ).scalars()
        }
        batch_nos = {
            r.id: r.batch_no
            for r in session.execute(
                select(schema.subsidy_payment_batch.c.id, schema.subsidy_payment_batch.c.batch_no)
            )
        }
        matched: list[tuple[_ResultRow, str]] = []
        seen: dict[str, int] = {}
        for row in parsed:
            shown = mask_id_number(row.id_number)
            owners = by_person_id.get(row.id_number, [])
            if not owners:
                errors.append(f"第 {row.row} 行：身份证号 {shown} 找不到对应的人员")
                continue
            application = next((applications[o] for o in owners if o in applications), None)
            if application is None:
                errors.append(
                    f"第 {row.row} 行：身份证号 {shown} 在{rules.term_label(term)}没有补助申请，不在本批次"
                )
                continue
            if application.state == "paid":
                where = batch_nos.get(application.payment_batch_id or "", "")
                errors.append(
                    f"第 {row.row} 行：身份证号 {shown} 的补助已发放"
                    + (f"（批次 {where}）" if where else "")
                    + "，不能重复发放"
                )
                continue
            if application.payment_batch_id != batch_id:
                where = batch_nos.get(application.payment_batch_id or "", "")
                errors.append(
                    f"第 {row.row} 行：身份证号 {shown} 不在本批次 {batch_no} 中"
                    + (f"（在批次 {where} 中）" if where else "")
                )
                continue
            if application.state != "in_payment":
                label = codes.SUBSIDY_STATE.label(application.state)
                errors.append(f"第 {row.row} 行：身份证号 {shown} 当前为“{label}”，本批次的发放结果已导入过")
                continue
            if application.id in seen:
                errors.append(
                    f"第 {row.row} 行：与第 {seen[application.id]} 行是同一人（身份证号 {shown}），重复"
                )
                continue
            seen[application.id] = row.row
            if row.account is not None and row.account != "".join((application.payee_account or "").split()):
                errors.append(f"第 {row.row} 行：身份证号 {shown} 的账号与发放表不一致")
                continue
            if row.amount_fen is not None and row.amount_fen != application.amount_fen:
                errors.append(
                    f"第 {row.row} 行：身份证号 {shown} 的金额 {_yuan(row.amount_fen)} 元"
                    f"与发放表 {_yuan(application.amount_fen)} 元不一致"
                )
                continue
            problem = step_problem("in_payment", "paid" if row.paid else "payment_failed", who.role)
            if problem:
                raise AccessDenied(problem)
            matched.append((row, application.id))
    if errors:
        shown_errors = errors[:MAX_ERRORS_SHOWN]
        if len(errors) > MAX_ERRORS_SHOWN:
            shown_errors.append(f"……另有 {len(errors) - MAX_ERRORS_SHOWN} 处错误")
        return ResultReport(paid=0, failed=0, errors=tuple(shown_errors))
    paid_ids: list[str] = []
    failed_ids: list[str] = []
    with records.writing(db, who.audit_name) as session:
        for row, application_id in matched:
            application = session.get(SubsidyApplication, application_id)
            if (
                application is None
                or application.state != "in_payment"
                or application.payment_batch_id != batch_id
            ):
                raise YuluError(f"第 {row.row} 行的补助申请刚被其他操作改变，请重新导入")
            if row.paid:
                application.state = "paid"
                application.paid_on = today
                application.payment_failure = ""
                paid_ids.append(application_id)
            else:
                failure = row.reason.strip() or "银行退回，未注明原因"
                application.state = "payment_failed"
                application.payment_failure = failure
                application.reason = failure
                failed_ids.append(application_id)
        stored = _batch(session, batch_id)
        stored.result_imported_on = today
        pending = session.execute(
            select(func.count()).where(a.c.payment_batch_id == batch_id, a.c.state == "in_payment")
        ).scalar_one()
        records.record_audit(
            session,
            actor=who.audit_name,
            action="import",
            entity="subsidy_payment_batch",
            entity_id=batch_id,
            detail=f"发放结果 {batch_no}：成功 {len(paid_ids)} 人，失败 {len(failed_ids)} 人 ← {Path(path).name}",
        )
    return ResultReport(
        paid=len(paid_ids),
        failed=len(failed_ids),
        paid_ids=tuple(paid_ids),
        failed_ids=tuple(failed_ids),
        pending=int(pending),
    )
