"""The county's subsidy rules on this laptop (issue 15): rule versions, application windows and amounts.

Only county roles (``county``, ``county_admin``) write them; every laptop of the county reads them (they reach it
by sync). A rule is never edited: saving one makes a new version (``max + 1``), so an application keeps the
version it was judged under (``subsidy_application.rule_version``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from yulu_desktop.domain import codes, rules, subsidy_rules
from yulu_desktop.domain.access import AccessDenied, Actor
from yulu_desktop.domain.entities import OrgUnit, SubsidyRule, SubsidySetting, SubsidyWindow
from yulu_desktop.domain.errors import Issue, NotFound, ValidationFailed, YuluError
from yulu_desktop.domain.subsidy_cycle import Level, level_of
from yulu_desktop.domain.subsidy_rules import RuleSet
from yulu_desktop.services import acting, records
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

__all__ = [
    "amount_fen",
    "amounts",
    "county_code",
    "county_code_of",
    "require_county",
    "rule_in_force",
    "rule_in_force_on",
    "rules_of_county",
    "save_rule",
    "set_amount",
    "set_window",
    "window_problem",
    "windows",
]


# --- who may ------------------------------------------------------------------------------------------------


def require_county(db: Database, actor: str, what: str) -> Actor:
    """The acting cadre, if their role works at the county level; ``AccessDenied`` (Chinese) otherwise."""
    who = acting.current_actor(db, actor)
    if level_of(who.role) != Level.COUNTY:
        hint = "" if who.enrolled else "（本机尚未注册到县服务器，按村干部权限处理）"
        name = who.audit_name or "本机用户"
        raise AccessDenied(
            f"{name}的角色是{who.role.label}{hint}，无权{what}：须由县级经办人员或县级管理员办理。"
        )
    return who


# --- the county -----------------------------------------------------------------------------------------------


def _county_unit(conn: Connection, unit_id: str | None) -> str | None:
    u = schema.org_unit
    seen = 0
    while unit_id is not None and seen < 10:
        row = conn.execute(select(u.c.code, u.c.level, u.c.parent_id).where(u.c.id == unit_id)).first()
        if row is None:
            return None
        if row.level == "county":
            return str(row.code)
        unit_id = row.parent_id
        seen += 1
    return None


def county_code_of(conn: Connection) -> str:
    """The code of this laptop's county: the county above its enrolled jurisdiction, else the (first) county
    among its units, else ``""`` (a laptop holding no units yet)."""
    s = schema.sync_state
    jurisdiction = conn.execute(select(s.c.jurisdiction_id).where(s.c.id == 1)).scalar()
    if jurisdiction:
        found = _county_unit(conn, str(jurisdiction))
        if found:
            return found
    u = schema.org_unit
    code = conn.execute(select(u.c.code).where(u.c.level == "county").order_by(u.c.code).limit(1)).scalar()
    if code:
        return str(code)
    # Units without their county (a partial scope): the GB/T 2260 county code is the first 6 digits.
    any_code = conn.execute(select(u.c.code).order_by(u.c.code).limit(1)).scalar()
    return str(any_code)[:6] if any_code else ""


def county_code(db: Database) -> str:
    """The county of this laptop's units (see :func:`county_code_of`)."""
    with db.read_connection() as conn:
        return county_code_of(conn)


# --- rules ----------------------------------------------------------------------------------------------------


def _rules(session: Session, code: str) -> list[RuleSet]:
    rows = (
        session.execute(
            select(SubsidyRule)
            .where(schema.subsidy_rule.c.county_code == code)
            .order_by(schema.subsidy_rule.c.version)
        )
        .scalars()
        .all()
    )
    found = []
    for row in rows:
        try:
            found.append(subsidy_rules.rule_set(row))
        except ValueError as exc:
            raise YuluError(f"本县第 {row.version} 版补助规则无法读取：{exc}") from exc
    return found


def rules_in_session(session: Session, code: str | None = None) -> list[RuleSet]:
    """All rule versions of the county (this laptop's when ``code`` is None), oldest first."""
    if code is None:
        code = county_code_of(session.connection())
    return _rules(session, code)


def rules_of_county(db: Database) -> list[RuleSet]:
    """All rule versions of this laptop's county, oldest first (empty: the county uses ``DEFAULT_RULE``)."""
    with db.read() as session:
        return rules_in_session(session)


def rule_in_force_on(session: Session, on: date, code: str | None = None) -> RuleSet:
    """The rule version in force on a date, in an open session."""
    return subsidy_rules.rule_in_force(rules_in_session(session, code), on)


def rule_in_force(db: Database, on: date) -> RuleSet:
    """The rule version in force on ``on`` (``DEFAULT_RULE`` when the county set none from before that day)."""
    with db.read() as session:
        return rule_in_force_on(session, on)


def rule_version(session: Session, version: int, code: str | None = None) -> RuleSet:
    """A stored version (0: ``DEFAULT_RULE``); the default rule when that version is not on this laptop."""
    if version == 0:
        return subsidy_rules.DEFAULT_RULE
    for rule in rules_in_session(session, code):
        if rule.version == version:
            return rule
    return subsidy_rules.DEFAULT_RULE


def save_rule(db: Database, rule: RuleSet, *, actor: str) -> RuleSet:
    """Store ``rule`` as a new version of this laptop's county (``version`` and ``id`` of ``rule`` are ignored:
    the version is the highest so far + 1). County roles only; ``ValidationFailed`` lists what is wrong."""
    require_county(db, actor, "设置补助规则")
    with records.writing(db, actor) as session:
        code = county_code_of(session.connection())
        if not code:
            raise YuluError("本机还没有县级行政区划，不能设置补助规则（请先同步或导入）")
        top = session.execute(
            select(func.max(schema.subsidy_rule.c.version)).where(schema.subsidy_rule.c.county_code == code)
        ).scalar()
        version = int(top or 0) + 1
        new = RuleSet(
            version=version,
            effective_from=rule.effective_from,
            household_types=rule.household_types,
            school_types=rule.school_types,
            registry_statuses=rule.registry_statuses,
            exclusive_aids=tuple(a.strip() for a in rule.exclusive_aids if a.strip()),
            evidence=rule.evidence,
            publicity_min_days=rule.publicity_min_days,
            joint_reviewers=tuple(r.strip() for r in rule.joint_reviewers if r.strip()),
            payment_columns=rule.payment_columns,
            note=rule.note,
        )
        problems = subsidy_rules.rule_problems(new)
        if problems:
            raise ValidationFailed(Issue(field="rule", label="补助规则", message=p) for p in problems)
        row = new.to_row(code)
        session.add(row)
        session.flush()
        return subsidy_rules.rule_set(row)


# --- application windows --------------------------------------------------------------------------------------


def windows(db: Database) -> list[SubsidyWindow]:
    """The application windows (申请期) of this laptop's county, by term."""
    with db.read() as session:
        code = county_code_of(session.connection())
        found = (
            session.execute(
                select(SubsidyWindow)
                .where(schema.subsidy_window.c.county_code == code)
                .order_by(schema.subsidy_window.c.term)
            )
            .scalars()
            .all()
        )
        return list(found)


def window_of(session: Session, term: str, code: str | None = None) -> SubsidyWindow | None:
    if code is None:
        code = county_code_of(session.connection())
    return (
        session.execute(
            select(SubsidyWindow).where(
                schema.subsidy_window.c.county_code == code, schema.subsidy_window.c.term == term
            )
        )
        .scalars()
        .first()
    )


def window_problem(window: SubsidyWindow | None, applied_on: date) -> str | None:
    """Why ``applied_on`` is outside the term's window (Chinese), or None (also when the county set none)."""
    if window is None:
        return None
    span = f"{window.opens_on.isoformat()}至{window.closes_on.isoformat()}"
    if applied_on < window.opens_on:
        return f"{rules.term_label(window.term)}申请期 {span} 尚未开始"
    if applied_on > window.closes_on:
        return f"{rules.term_label(window.term)}申请期 {span} 已结束"
    return None


def set_window(db: Database, term: str, opens_on: date, closes_on: date, *, actor: str) -> SubsidyWindow:
    """Set (or change) the application window of a term for this laptop's county. County roles only."""
    require_county(db, actor, "设置申请期")
    issues = []
    if not rules.parse_term(term):
        issues.append(
            Issue(field="term", label="学期", message=f"学期“{term}”格式应为“2025-autumn”或“2026-spring”")
        )
    if closes_on < opens_on:
        issues.append(Issue(field="closes_on", label="申请截止日期", message="截止日期早于开始日期"))
    if issues:
        raise ValidationFailed(issues)
    with records.writing(db, actor) as session:
        code = county_code_of(session.connection())
        if not code:
            raise YuluError("本机还没有县级行政区划，不能设置申请期（请先同步或导入）")
        window = window_of(session, term, code)
        if window is None:
            window = SubsidyWindow(county_code=code, term=term, opens_on=opens_on, closes_on=closes_on)
            session.add(window)
        else:
            window.opens_on, window.closes_on = opens_on, closes_on
        session.flush()
        return window


# --- amounts --------------------------------------------------------------------------------------------------


def amounts(db: Database) -> list[SubsidySetting]:
    """The yearly amounts per school type of this laptop's county (every effective date, oldest first)."""
    with db.read() as session:
        code = county_code_of(session.connection())
        found = (
            session.execute(
                select(SubsidySetting)
                .where(schema.subsidy_setting.c.county_code == code)
                .order_by(schema.subsidy_setting.c.school_type, schema.subsidy_setting.c.effective_from)
            )
            .scalars()
            .all()
        )
        return list(found)


def set_amount(
    db: Database,
    school_type: str,
    annual_amount_fen: int,
    *,
    effective_from: date,
    actor: str,
    county: str | None = None,
) -> SubsidySetting:
    """The county's yearly amount for a school type from a date on. County roles only."""
    require_county(db, actor, "设置补助标准")
    return store_amount(
        db,
        county or county_code(db),
        school_type,
        annual_amount_fen,
        effective_from=effective_from,
        actor=actor,
    )


def store_amount(
    db: Database,
    county: str,
    school_type: str,
    annual_amount_fen: int,
    *,
    effective_from: date,
    actor: str,
) -> SubsidySetting:
    """Write an amount setting without a role check (demo data, imports and the old ``records`` name)."""
    if school_type not in codes.SCHOOL_TYPE:
        raise ValidationFailed(
            [
                Issue(
                    field="school_type",
                    label="学校类型",
                    message=codes.SCHOOL_TYPE.problem(school_type) or "",
                )
            ]
        )
    if annual_amount_fen <= 0:
        raise ValidationFailed(
            [Issue(field="annual_amount_fen", label="年度补助标准", message="补助标准必须大于 0")]
        )
    if not county:
        raise YuluError("本机还没有县级行政区划，不能设置补助标准（请先同步或导入）")
    with records.writing(db, actor) as session:
        existing = (
            session.execute(
                select(SubsidySetting).where(
                    schema.subsidy_setting.c.county_code == county,
                    schema.subsidy_setting.c.school_type == school_type,
                    schema.subsidy_setting.c.effective_from == effective_from,
                )
            )
            .scalars()
            .first()
        )
        if existing is not None:
            existing.annual_amount_fen = annual_amount_fen
            setting = existing
        else:
            setting = SubsidySetting(
                county_code=county,
                school_type=school_type,
                annual_amount_fen=annual_amount_fen,
                effective_from=effective_from,
            )
            session.add(setting)
        session.flush()
        return setting


def amount_fen(session: Session, county: str, school_type: str, on: date) -> int | None:
    """The semester amount in force on a date (half the yearly standard), or None if the county set none."""
    setting = (
        session.execute(
            select(SubsidySetting)
            .where(
                schema.subsidy_setting.c.county_code == county,
                schema.subsidy_setting.c.school_type == school_type,
                schema.subsidy_setting.c.effective_from <= on,
            )
            .order_by(schema.subsidy_setting.c.effective_from.desc())
        )
        .scalars()
        .first()
    )
    return None if setting is None else setting.annual_amount_fen // 2


def county_of(session: Session, unit_id: str) -> OrgUnit:
    """The county org unit above ``unit_id`` (the topmost unit when there is no county)."""
    unit = session.get(OrgUnit, unit_id)
    if unit is None:
        raise NotFound(f"找不到行政区划（编号 {unit_id}），可能已被删除")
    while unit.level != "county" and unit.parent_id is not None:
        parent = session.get(OrgUnit, unit.parent_id)
        if parent is None:
            break
        unit = parent
    return unit
