"""The lists cadres work from, read page by page: 意愿清单, 在读学生清单, 毕业生去向清单, households, people, visits.

Every list is a count plus ``fetch(after, limit)``; sorting, filtering and the org-unit scope (a county,
township or village and everything below it) are done in SQL, so a list of 200,000 people never leaves the
database whole. A page starts after the previous page's last row key (keyset paging) and each natural order
is one an index serves (migration 0009), so a page costs the same at the start, the middle or the end of a county. Sensitive columns (ID number, phone, bank account) are masked here, per DOMAIN.md, so no caller
can show them by accident. Column labels are Chinese; the desktop UI translates them for English users.
Beside a masked ID number the birth date shows its year only and the 学籍号 is masked: either would give
back the 8 hidden digits (issue 14). Plain dataclasses out — shared by the desktop UI, the CLI and printing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import text

from yulu_desktop.domain import codes
from yulu_desktop.domain.masking import (
    mask_account,
    mask_birth_date,
    mask_id_number,
    mask_phone,
    mask_registry_no,
)
from yulu_desktop.store.database import Database
from yulu_desktop.store.scope import SCOPE_CTE

__all__ = [
    "LIST_KINDS",
    "Column",
    "ListQuery",
    "ListRow",
    "ListSpec",
    "OrderTerm",
    "OrgNode",
    "Part",
    "count",
    "fetch",
    "like_pattern",
    "org_tree",
    "spec",
    "student_terms",
]

Render = Callable[[Any], str]


def _plain(value: Any) -> str:
    return "" if value is None else str(value)


def _code(codelist: codes.CodeList) -> Render:
    return lambda value: codelist.label(value)


def _yes_no(value: Any) -> str:
    if value is None:
        return ""
    return "是" if int(value) else "否"


def _yuan(value: Any) -> str:
    if value is None:
        return ""
    fen = int(value)
    return f"{fen // 100:,}" if fen % 100 == 0 else f"{fen / 100:,.2f}"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a list: ``sql`` selects it, ``sort_sql`` orders by it, ``render`` makes the shown text."""

    key: str
    label: str
    sql: str
    render: Render = _plain
    sort_sql: str | None = None
    sensitive: bool = False
    hidden_by_default: bool = False

    @property
    def order_by(self) -> str:
        return self.sort_sql or self.sql


@dataclass(frozen=True, slots=True)
class OrderTerm:
    """One term of an ORDER BY. ``nullable=False`` lets a keyset bound skip the NULL case (a tighter range)."""

    sql: str
    descending: bool = False
    nullable: bool = True


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of a list in its natural order, read by its own query whose ORDER BY an index serves.

    ``order`` ends in a unique key, so the last row of a page says exactly where the next page starts (keyset
    paging: ``WHERE (sort key) > (last row's key)`` walks the index from there instead of counting rows off).
    ``from_sql`` names the driving table first; ``{join}`` in it is ``CROSS JOIN`` (SQLite keeps that loop
    order, so the walk stops after a page) unless a scope is set, when the planner may start from the scope.
    """

    where_sql: str
    order: tuple[OrderTerm, ...]
    from_sql: str = ""


@dataclass(frozen=True, slots=True)
class ListSpec:
    kind: str
    title: str  # 意愿清单 …
    unit: str  # what a row counts: 人, 户, 条
    columns: tuple[Column, ...]
    from_sql: str
    household_sql: str  # expression naming the household of a row (scope filter)
    id_sql: str
    person_sql: str  # NULL where a row is not about one person
    text_filter_sql: str  # condition with :like
    where_sql: str = "1 = 1"
    #: The natural order, as stretches read one after the other (e.g. open follow-ups, then the other visits).
    parts: tuple[Part, ...] = ()
    #: FROM clause for counting (fewer joins than ``from_sql`` where the shown columns need more).
    count_from_sql: str = ""
    #: Table counted when there is no scope and no filter (the common first view of a county).
    count_table: str = ""
    #: Condition on ``count_table`` alone that stands for ``where_sql`` in that count (e.g. not voided).
    count_table_where: str = ""
    #: Count the parts one by one instead of ``from_sql`` with ``where_sql`` (graduates: the parts use indexes).
    count_by_parts: bool = False
    #: The count with no scope and no filter, where ``count_table`` cannot stand for it.
    count_all_sql: str = ""

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(f"list {self.kind!r} has no column {key!r}")


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What part of a list to show: scope, filter text, sort and list-specific filters."""

    org_unit_id: str | None = None
    text: str = ""
    sort: str | None = None  # a column key; None = the list's natural order
    descending: bool = False
    open_follow_ups_only: bool = False  # visits: only promised follow-ups not yet done
    term: str | None = None  # students: "2025-2026/autumn"; None = every term


@dataclass(frozen=True, slots=True)
class ListRow:
    id: str
    person_id: str | None
    household_id: str
    cells: tuple[str, ...]
    #: Where the row stands in the list's order (part number, then its sort key): ``fetch(after=row.key)``.
    key: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class OrgNode:
    id: str
    code: str
    name: str
    level: str
    parent_id: str | None
    children: list[OrgNode] = field(default_factory=list)


# Person name sorted by its pinyin (search_key is "张坤 zhangkun zk"), so 安 comes before 张 as cadres expect.
_NAME_PINYIN = "lower(substr(p.search_key, instr(p.search_key, ' ') + 1))"
_PERSON_FROM = "person p JOIN household h ON h.id = p.household_id JOIN org_unit v ON v.id = h.village_id"
#: Drives a list from people in pinyin order (``ix_person_pinyin`` is an index on this expression and ``id``).
_PINYIN_ORDER = (OrderTerm(_NAME_PINYIN), OrderTerm("p.id", nullable=False))
_HOUSEHOLD_VILLAGE = "JOIN household h ON h.id = p.household_id JOIN org_unit v ON v.id = h.village_id"
_PERSON_TEXT = "(p.search_key LIKE :like ESCAPE '\\' OR h.household_no LIKE :like ESCAPE '\\' OR p.person_no LIKE :like ESCAPE '\\')"


def _name() -> Column:
    return Column("name", "姓名", "p.name", sort_sql=_NAME_PINYIN)


def _id_number() -> Column:
    return Column("id_number", "身份证号", "p.id_number", mask_id_number, sensitive=True)


def _household_no() -> Column:
    return Column("household_no", "户编号", "h.household_no")


def _village() -> Column:
    return Column("village", "行政村", "v.name")


def _sex() -> Column:
    return Column("sex", "性别", "p.sex", _code(codes.SEX))


_TERM_OF_ENROLLMENT = (
    "(CASE e.semester WHEN 'autumn' THEN substr(e.school_year, 1, 4) ELSE substr(e.school_year, 6, 4) END"
    " || '-' || e.semester)"
)

_SPECS: dict[str, ListSpec] = {}


def _register(list_spec: ListSpec) -> None:
    _SPECS[list_spec.kind] = list_spec


_register(
    ListSpec(
        kind="intents",
        title="入读职业院校意愿清单",
        unit="人",
        columns=(
            _name(),
            _sex(),
            Column("birth_date", "出生年份", "p.birth_date", mask_birth_date, sensitive=True),
            _id_number(),
            _household_no(),
            _village(),
            Column("wants_vocational", "有意愿就读", "i.wants_vocational", _yes_no),
            Column("desired_school_type", "意向学校类型", "i.desired_school_type", _code(codes.SCHOOL_TYPE)),
            Column("desired_school", "意向学校", "i.desired_school"),
            Column("desired_major", "意向专业", "i.desired_major"),
            Column("expected_year", "预计入学年份", "i.expected_year"),
            Column("wants_employment_help", "需要就业帮扶", "i.wants_employment_help", _yes_no),
            Column("recorded_on", "登记日期", "i.recorded_on"),
            Column("notes", "情况记录", "i.notes", hidden_by_default=True),
        ),
        from_sql=f"intent i JOIN {_PERSON_FROM.replace('person p', 'person p ON p.id = i.person_id', 1)}",
        household_sql="p.household_id",
        id_sql="i.id",
        person_sql="p.id",
        text_filter_sql=_PERSON_TEXT,
        # People in pinyin order, each one's intents newest first: the walk stops after a page.
        parts=(
            Part(
                "1 = 1",
                (
                    *_PINYIN_ORDER,
                    OrderTerm("i.recorded_on", descending=True),
                    OrderTerm("i.id", nullable=False),
                ),
                f"person p {{join}} intent i ON i.person_id = p.id {_HOUSEHOLD_VILLAGE}",
            ),
        ),
        count_table="intent",
    )
)

_STUDENTS_BY_NAME = f"person p {{join}} enrollment e ON e.person_id = p.id {_HOUSEHOLD_VILLAGE}"

_register(
    ListSpec(
        kind="students",
        title="雨露计划在读学生清单",
        unit="人",
        columns=(
            _name(),
            _sex(),
            _id_number(),
            _household_no(),
            _village(),
            Column("school_name", "学校名称", "e.school_name"),
            Column("school_type", "学校类型", "e.school_type", _code(codes.SCHOOL_TYPE)),
            Column("major", "专业", "e.major"),
            Column("grade", "年级", "e.grade"),
            Column("school_year", "学年", "e.school_year"),
            Column("semester", "学期", "e.semester", _code(codes.SEMESTER)),
            Column("registry_status", "学籍状态", "e.registry_status", _code(codes.REGISTRY_STATUS)),
            Column(
                "subsidy_state",
                "补助状态",
                f"(SELECT s.state FROM subsidy_application s WHERE s.person_id = e.person_id "
                f"AND s.term = {_TERM_OF_ENROLLMENT})",
                _code(codes.SUBSIDY_STATE),
            ),
            Column(
                "registry_no",
                "学籍号",
                "e.registry_no",
                mask_registry_no,
                sensitive=True,
                hidden_by_default=True,
            ),
        ),
        from_sql=f"enrollment e JOIN {_PERSON_FROM.replace('person p', 'person p ON p.id = e.person_id', 1)}",
        household_sql="p.household_id",
        id_sql="e.id",
        person_sql="p.id",
        text_filter_sql=f"({_PERSON_TEXT} OR e.school_name LIKE :like ESCAPE '\\')",
        # One term at a time (newest first, see ``_parts``), each in pinyin order: a term's page walks people
        # by pinyin and looks up their enrollment of that term in the (person, term) unique index.
        parts=(Part("1 = 1", (*_PINYIN_ORDER, OrderTerm("e.id", nullable=False)), _STUDENTS_BY_NAME),),
        count_table="enrollment",
    )
)

# The latest job entry of a person that was not voided in error (作废); None for an unplaced graduate.
LATEST_JOB = (
    "(SELECT x.id FROM employment_record x WHERE x.person_id = p.id AND x.voided_on IS NULL "
    "ORDER BY x.effective_date DESC, x.recorded_at DESC, x.id DESC LIMIT 1)"
)
# Job entry ``er`` is its person's latest (as ``LATEST_JOB`` picks it): no later one that is not voided.
_LATER_JOB = (
    "SELECT 1 FROM employment_record z WHERE z.person_id = er.person_id AND z.voided_on IS NULL AND "
    "(z.effective_date > er.effective_date OR (z.effective_date = er.effective_date AND "
    "(z.recorded_at > er.recorded_at OR (z.recorded_at = er.recorded_at AND z.id > er.id))))"
)
# A later semester than enrollment ``e`` of the same person (autumn opens a school year, spring closes it).
_LATER_ENROLLMENT = (
    "SELECT 1 FROM enrollment later WHERE later.person_id = e.person_id AND (later.school_year > e.school_year "
    "OR (later.school_year = e.school_year AND e.semester = 'autumn' AND later.semester = 'spring'))"
)
#: Who is on the graduates list: a person whose latest enrollment ended as 毕业 — placed or not, since the one
#: with no destination yet most needs help — or who has a (not voided) employment entry. The set is built from
#: the two tables (the later-semester check walks the (person, term) unique index), then people are looked up
#: by id, so the page never scans every person.
GRADUATE_IDS = (
    "SELECT person_id FROM employment_record WHERE voided_on IS NULL "
    f"UNION SELECT e.person_id FROM enrollment e WHERE e.registry_status = 'graduated' AND NOT EXISTS ({_LATER_ENROLLMENT})"
)
#: What the 去向 column shows for a graduate without any employment entry.
NO_DESTINATION = "未填报（待就业）"


def _destination(value: Any) -> str:
    return codes.DESTINATION.label(value) if value else NO_DESTINATION


_register(
    ListSpec(
        kind="graduates",
        title="雨露计划毕业生就业去向清单",
        unit="人",
        columns=(
            _name(),
            _sex(),
            _id_number(),
            _household_no(),
            _village(),
            Column("destination", "去向", "er.destination", _destination),
            Column("employer", "就业单位", "er.employer"),
            Column("job", "岗位", "er.job"),
            Column("place", "就业地点", "er.place"),
            Column("monthly_income_fen", "月收入（元）", "er.monthly_income_fen", _yuan),
            Column("channel", "就业渠道", "er.channel", _code(codes.JOB_CHANNEL)),
            Column("matches_major", "专业对口", "er.matches_major", _yes_no),
            Column("effective_date", "变更日期", "er.effective_date"),
            Column(
                "changes",
                "变更次数",
                "(SELECT count(*) FROM employment_record c WHERE c.person_id = p.id AND c.voided_on IS NULL)",
            ),
        ),
        from_sql=f"{_PERSON_FROM} LEFT JOIN employment_record er ON er.id = {LATEST_JOB}",
        household_sql="p.household_id",
        id_sql="p.id",
        person_sql="p.id",
        where_sql=f"p.id IN ({GRADUATE_IDS})",
        text_filter_sql=(
            f"({_PERSON_TEXT} OR EXISTS (SELECT 1 FROM employment_record y WHERE y.person_id = p.id "
            "AND y.voided_on IS NULL AND y.employer LIKE :like ESCAPE '\\'))"
        ),
        parts=(
            # Unplaced graduates first (they need a follow-up): from the graduated-enrollment index, few rows.
            Part(
                f"e.registry_status = 'graduated' AND NOT EXISTS ({_LATER_ENROLLMENT}) AND NOT EXISTS "
                "(SELECT 1 FROM employment_record j WHERE j.person_id = p.id AND j.voided_on IS NULL)",
                _PINYIN_ORDER,
                f"enrollment e {{join}} person p ON p.id = e.person_id {_HOUSEHOLD_VILLAGE} "
                # No job entry, but the job columns are selected: an outer join that matches nothing (a NULL
                # probe of the primary key, not a scan as ``ON 0`` would be).
                "LEFT JOIN employment_record er ON er.id = NULL",
            ),
            # Then everyone placed, the most recent change first: each person's latest job entry, walked
            # backwards through ``ix_employment_record_current`` (not voided; date, when recorded, id). Within a
            # date the newest entry comes first, not the name: graduates start work on the same few dates (a
            # county's July intake is 20,000 entries), and sorting such a day by name would sort it whole.
            Part(
                f"er.voided_on IS NULL AND NOT EXISTS ({_LATER_JOB})",
                (
                    OrderTerm("er.effective_date", descending=True, nullable=False),
                    OrderTerm("er.recorded_at", descending=True, nullable=False),
                    OrderTerm("er.id", descending=True, nullable=False),
                ),
                f"employment_record er {{join}} person p ON p.id = er.person_id {_HOUSEHOLD_VILLAGE}",
            ),
        ),
        count_by_parts=True,  # with a filter text: the graduate set once, as ``where_sql`` has it
        count_from_sql=_PERSON_FROM,
        # People with a job entry (a walk of a covering index) plus unplaced graduates (few, by their index).
        count_all_sql=(
            "SELECT (SELECT count(DISTINCT person_id) FROM employment_record WHERE voided_on IS NULL) + "
            f"(SELECT count(*) FROM enrollment e WHERE e.registry_status = 'graduated' AND NOT EXISTS "
            f"({_LATER_ENROLLMENT}) AND NOT EXISTS (SELECT 1 FROM employment_record j "
            "WHERE j.person_id = e.person_id AND j.voided_on IS NULL))"
        ),
    )
)

_HEAD_NAME = "(SELECT hp.name FROM person hp WHERE hp.household_id = h.id AND hp.relationship = '01' LIMIT 1)"

_register(
    ListSpec(
        kind="households",
        title="户",
        unit="户",
        columns=(
            _household_no(),
            _village(),
            Column("group_name", "村民小组", "h.group_name"),
            Column("head", "户主", _HEAD_NAME),
            Column("members", "人数", "(SELECT count(*) FROM person m WHERE m.household_id = h.id)"),
            Column("household_type", "户类型", "h.household_type", _code(codes.HOUSEHOLD_TYPE)),
            Column("monitoring_type", "监测对象类型", "h.monitoring_type", _code(codes.MONITORING_TYPE)),
            Column("risk_eliminated", "风险是否消除", "h.risk_eliminated", _yes_no),
            Column("contact_phone", "联系电话", "h.contact_phone", mask_phone, sensitive=True),
            Column("payee_account", "收款账号", "h.payee_account", mask_account, sensitive=True),
            Column("address", "住址", "h.address", hidden_by_default=True),
        ),
        from_sql="household h JOIN org_unit v ON v.id = h.village_id",
        household_sql="h.id",
        id_sql="h.id",
        person_sql=(
            "(SELECT hp.id FROM person hp WHERE hp.household_id = h.id ORDER BY hp.relationship, hp.name LIMIT 1)"
        ),
        text_filter_sql=(
            "(h.household_no LIKE :like ESCAPE '\\' OR h.address LIKE :like ESCAPE '\\' OR EXISTS "
            "(SELECT 1 FROM person m WHERE m.household_id = h.id AND m.search_key LIKE :like ESCAPE '\\'))"
        ),
        parts=(
            Part("1 = 1", (OrderTerm("h.household_no", nullable=False), OrderTerm("h.id", nullable=False))),
        ),
        count_table="household",
    )
)

_register(
    ListSpec(
        kind="people",
        title="人",
        unit="人",
        columns=(
            _name(),
            _sex(),
            Column("birth_date", "出生年份", "p.birth_date", mask_birth_date, sensitive=True),
            _id_number(),
            Column("relationship", "与户主关系", "p.relationship", _code(codes.RELATIONSHIP)),
            _household_no(),
            _village(),
            Column("education", "文化程度", "p.education", _code(codes.EDUCATION)),
            Column("student_status", "在校生状况", "p.student_status", _code(codes.STUDENT_STATUS)),
            Column("phone", "手机号", "p.phone", mask_phone, sensitive=True),
            Column("status", "人员状态", "p.status", _code(codes.PERSON_STATUS)),
            Column("person_no", "人员编号", "p.person_no", hidden_by_default=True),
        ),
        from_sql="household h JOIN person p ON p.household_id = h.id JOIN org_unit v ON v.id = h.village_id",
        household_sql="p.household_id",
        id_sql="p.id",
        person_sql="p.id",
        text_filter_sql=_PERSON_TEXT,
        # Grouped by household, head first: households first ({join}), the walk goes down the household_no index
        # and each household's people come from ``ix_person_household_order`` already in order.
        parts=(
            Part(
                "1 = 1",
                (
                    OrderTerm("h.household_no", nullable=False),
                    OrderTerm("p.relationship", nullable=False),
                    OrderTerm("p.id", nullable=False),
                ),
                "household h {join} person p ON p.household_id = h.id JOIN org_unit v ON v.id = h.village_id",
            ),
        ),
        count_from_sql="person p JOIN household h ON h.id = p.household_id",
        count_table="person",
    )
)

# Open follow-ups first, the most overdue at the top; then everything else, newest visit first.
_FOLLOW_UP_OPEN = "(t.follow_up_due IS NOT NULL AND t.follow_up_done_on IS NULL)"
_VISIT_ORDER = (
    OrderTerm("t.follow_up_due"),
    OrderTerm("t.visit_date", descending=True, nullable=False),
    OrderTerm("t.id", nullable=False),
)
_VISITS_FROM = "visit t {join} household h ON h.id = t.household_id JOIN org_unit v ON v.id = h.village_id"
_register(
    ListSpec(
        kind="visits",
        title="走访",
        unit="条",
        columns=(
            Column("visit_date", "走访日期", "t.visit_date"),
            _household_no(),
            Column(
                "visited",
                "走访对象",
                f"coalesce((SELECT vp.name FROM person vp WHERE vp.id = t.person_id), {_HEAD_NAME})",
            ),
            _village(),
            Column("visitor_name", "走访人", "t.visitor_name"),
            Column("mode", "走访方式", "t.mode", _code(codes.VISIT_MODE)),
            Column("purpose", "走访目的", "t.purpose", _code(codes.VISIT_PURPOSE)),
            Column("follow_up", "承诺事项", "t.follow_up"),
            Column("follow_up_due", "办结期限", "t.follow_up_due"),
            Column(
                "follow_up_state",
                "办理状态",
                f"CASE WHEN t.follow_up_done_on IS NOT NULL THEN '已办结' WHEN {_FOLLOW_UP_OPEN} AND "
                "t.follow_up_due < date('now', 'localtime') THEN '已逾期' WHEN "
                f"{_FOLLOW_UP_OPEN} THEN '待办' ELSE '' END",
            ),
            Column("notes", "情况记录", "t.notes"),
        ),
        from_sql="visit t JOIN household h ON h.id = t.household_id JOIN org_unit v ON v.id = h.village_id",
        household_sql="t.household_id",
        id_sql="t.id",
        person_sql=(
            "coalesce(t.person_id, (SELECT hp.id FROM person hp WHERE hp.household_id = t.household_id "
            "ORDER BY hp.relationship, hp.name LIMIT 1))"
        ),
        text_filter_sql=(
            "(h.household_no LIKE :like ESCAPE '\\' OR t.notes LIKE :like ESCAPE '\\' OR "
            "t.follow_up LIKE :like ESCAPE '\\' OR t.visitor_name LIKE :like ESCAPE '\\' OR EXISTS "
            "(SELECT 1 FROM person m WHERE m.household_id = t.household_id AND m.search_key LIKE :like ESCAPE '\\'))"
        ),
        # Visits voided in error (作废) are not visits: they stay in the person's file, struck through.
        # The unary + keeps ``ix_visit_worklist`` (partial: not voided) out of counts and column sorts: there it would
        # read every visit in index order, a random walk of the table (3.3 s for a filtered count at 200k).
        where_sql="+t.voided_on IS NULL",
        # Two stretches, both walking ``ix_visit_worklist`` (not voided; due date, newest visit first).
        parts=(
            Part(f"t.voided_on IS NULL AND {_FOLLOW_UP_OPEN}", _VISIT_ORDER, _VISITS_FROM),
            Part(f"t.voided_on IS NULL AND NOT {_FOLLOW_UP_OPEN}", _VISIT_ORDER, _VISITS_FROM),
        ),
        count_table="visit",
        count_table_where="voided_on IS NULL",
        count_from_sql="visit t JOIN household h ON h.id = t.household_id",
    )
)

LIST_KINDS: tuple[str, ...] = tuple(_SPECS)


def spec(kind: str) -> ListSpec:
    try:
        return _SPECS[kind]
    except KeyError:
        raise KeyError(f"unknown list {kind!r}; known: {', '.join(_SPECS)}") from None


def like_pattern(value: str) -> str:
    """``%value%`` for LIKE … ESCAPE '\\', with the wildcards in ``value`` taken literally."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filters(list_spec: ListSpec, query: ListQuery) -> tuple[str, list[str], dict[str, Any]]:
    """(WITH prefix, conditions, parameters) of a query's scope and filters (not the list's own condition)."""
    conditions: list[str] = []
    params: dict[str, Any] = {}
    prefix = ""
    if query.org_unit_id:
        prefix = SCOPE_CTE
        params["scope_root"] = query.org_unit_id
        conditions.append("h.village_id IN (SELECT id FROM scope)")
    needle = query.text.strip().lower()
    if needle:
        params["like"] = like_pattern(needle)
        conditions.append(list_spec.text_filter_sql)
    if query.open_follow_ups_only and list_spec.kind == "visits":
        conditions.append(_FOLLOW_UP_OPEN)
    if query.term and list_spec.kind == "students":
        school_year, _, semester = query.term.partition("/")
        conditions.append("e.school_year = :school_year AND e.semester = :semester")
        params.update(school_year=school_year, semester=semester)
    return prefix, conditions, params


def _and(conditions: Sequence[str]) -> str:
    return " AND ".join(f"({c})" for c in conditions) if conditions else "1 = 1"


def _parts(conn: Any, list_spec: ListSpec, query: ListQuery) -> list[tuple[Part, dict[str, Any]]]:
    """The stretches a list is read in for ``query``, each with its own parameters."""
    if query.sort:
        column = list_spec.column(query.sort)
        order = (OrderTerm(column.order_by, query.descending), OrderTerm(list_spec.id_sql, nullable=False))
        return [(Part(list_spec.where_sql, order, list_spec.from_sql), {})]
    parts = list_spec.parts
    if list_spec.kind == "visits" and query.open_follow_ups_only:
        parts = parts[:1]  # the second stretch is the visits without an open follow-up
    if list_spec.kind == "students" and not query.term:
        # Every term: one stretch per term, newest first (the term filter of each is what its index needs).
        (by_name,) = parts
        if query.text.strip():
            # A filter text reads its matches and sorts them (see ``_page``): one query for every term, in
            # the same order, rather than reading the matches again for each term.
            newest_term_first = (
                OrderTerm("e.school_year", True, False),
                OrderTerm("e.semester", True, False),
            )
            return [(replace(by_name, order=(*newest_term_first, *by_name.order)), {})]
        return [
            (
                replace(
                    by_name, where_sql=f"e.school_year = :term{n}_year AND e.semester = :term{n}_semester"
                ),
                {f"term{n}_year": year, f"term{n}_semester": semester},
            )
            for n, (year, semester) in enumerate(_terms(conn))
        ]
    return [(part, {}) for part in parts]


def _from(part: Part, list_spec: ListSpec, query: ListQuery) -> str:
    # Within a scope the planner may start from the scope's villages (a village is a few hundred people).
    return (part.from_sql or list_spec.from_sql).replace(
        "{join}", "JOIN" if query.org_unit_id else "CROSS JOIN"
    )


def count(db: Database, kind: str, query: ListQuery = ListQuery()) -> int:
    """How many rows the list has for ``query`` (the page header shows it)."""
    list_spec = spec(kind)
    prefix, conditions, params = _filters(list_spec, query)
    with db.read_connection() as conn:
        if (
            list_spec.count_table
            and not params
            and (list_spec.where_sql == "1 = 1" or list_spec.count_table_where)
            and not query.open_follow_ups_only
        ):
            where = list_spec.count_table_where or "1 = 1"
            return int(
                conn.execute(text(f"SELECT count(*) FROM {list_spec.count_table} WHERE {where}")).scalar_one()
            )
        if list_spec.kind == "students" and set(params) == {"school_year", "semester"}:
            # One term, no scope or text: its entries of the term index, without joining people.
            sql = "SELECT count(*) FROM enrollment e WHERE e.school_year = :school_year AND e.semester = :semester"
            return int(conn.execute(text(sql), params).scalar_one())
        if list_spec.count_all_sql and not params and not query.open_follow_ups_only:
            return int(conn.execute(text(list_spec.count_all_sql)).scalar_one())
        if list_spec.count_by_parts and not query.text.strip():
            total = 0
            for part, part_params in _parts(conn, list_spec, replace(query, sort=None)):
                sql = f"{prefix}SELECT count(*) FROM {_from(part, list_spec, query)} WHERE {_and([part.where_sql, *conditions])}"
                total += int(conn.execute(text(sql), {**params, **part_params}).scalar_one())
            return total
        sql = (
            f"{prefix}SELECT count(*) FROM {list_spec.count_from_sql or list_spec.from_sql} "
            f"WHERE {_and([list_spec.where_sql, *conditions])}"
        )
        return int(conn.execute(text(sql), params).scalar_one())


def _after(order: Sequence[OrderTerm], key: Sequence[Any], params: dict[str, Any]) -> str:
    """Rows after ``key`` in ``order`` (SQLite sorts NULL first ascending, last descending).

    A leading range on the first term comes first, so the index that serves the order is entered at the key
    rather than walked from its start; the alternatives after it decide ties term by term.
    """
    for n, value in enumerate(key):
        params[f"k{n}"] = value
    alternatives: list[str] = []
    for n, term in enumerate(order):
        same = [f"{earlier.sql} IS :k{m}" for m, earlier in enumerate(order[:n])]
        if key[n] is None:
            if term.descending:
                continue  # nothing comes after NULL in a descending term
            beyond = f"{term.sql} IS NOT NULL"
        elif term.descending:
            beyond = f"{term.sql} < :k{n}" + ("" if not term.nullable else f" OR {term.sql} IS NULL")
        else:
            beyond = f"{term.sql} > :k{n}"
        alternatives.append(_and([*same, beyond]))
    if not alternatives:
        return "0"
    first, value = order[0], key[0]
    if value is None:
        bound = "1 = 1" if not first.descending else f"{first.sql} IS NULL"
    elif first.descending:
        bound = f"{first.sql} <= :k0" + ("" if not first.nullable else f" OR {first.sql} IS NULL")
    else:
        bound = f"{first.sql} >= :k0"
    return _and([bound, " OR ".join(f"({a})" for a in alternatives)])


def _reversed(order: Sequence[OrderTerm]) -> tuple[OrderTerm, ...]:
    """The order read backwards. SQLite puts NULL first ascending and last descending, so flipping every term
    mirrors the NULLs too: the rows "after" a key in the reversed order are those before it in ``order``."""
    return tuple(replace(term, descending=not term.descending) for term in order)


def _page(
    conn: Any,
    list_spec: ListSpec,
    query: ListQuery,
    after: tuple[Any, ...] | None,
    limit: int,
    *,
    backwards: bool = False,
) -> list[ListRow]:
    """Up to ``limit`` rows after the key ``after`` (from the start without one); ``backwards``: the rows
    before it, nearest first (``fetch`` puts them back in the list's order)."""
    prefix, conditions, params = _filters(list_spec, query)
    parts = _parts(conn, list_spec, query)
    selected = ", ".join(c.sql for c in list_spec.columns)
    renders = [c.render for c in list_spec.columns]
    width = len(renders)
    out: list[ListRow] = []
    first_part = int(after[0]) if after else 0
    numbers = range(first_part, -1, -1) if backwards else range(first_part, len(parts))
    for number in numbers:
        part, part_params = parts[number]
        if backwards:
            part = replace(part, order=_reversed(part.order))
        if query.text.strip() and part.order[0].sql == _NAME_PINYIN:
            # A filter text matches people anywhere in pinyin order: walking the pinyin index would read the
            # county's people one by one (random reads) to fill a page. The unary + keeps the planner off that
            # index, so it reads the matching rows and sorts them, as a filtered list always did.
            first, *others = part.order
            part = replace(part, order=(replace(first, sql=f"+{first.sql}"), *others))
        where = [part.where_sql, *conditions]
        page_params = {**params, **part_params, "limit": limit - len(out)}
        if after and number == first_part:
            where.append(_after(part.order, after[1:], page_params))
        keys = ", ".join(term.sql for term in part.order)
        order_by = ", ".join(term.sql + (" DESC" if term.descending else "") for term in part.order)
        sql = (
            f"{prefix}SELECT {list_spec.id_sql}, {list_spec.person_sql}, {list_spec.household_sql}, {selected}, "
            f"{keys} FROM {_from(part, list_spec, query)} WHERE {_and(where)} ORDER BY {order_by} LIMIT :limit"
        )
        for row in conn.execute(text(sql), page_params).fetchall():
            out.append(
                ListRow(
                    id=row[0],
                    person_id=row[1],
                    household_id=row[2],
                    cells=tuple(
                        render(value) for render, value in zip(renders, row[3 : 3 + width], strict=True)
                    ),
                    key=(number, *row[3 + width :]),
                )
            )
        if len(out) >= limit:
            break
    return out


def fetch(
    db: Database,
    kind: str,
    query: ListQuery = ListQuery(),
    *,
    after: tuple[Any, ...] | None = None,
    before: tuple[Any, ...] | None = None,
    offset: int = 0,
    limit: int = 200,
) -> list[ListRow]:
    """Up to ``limit`` rows of the list, rendered and masked, in the order asked for.

    The next page starts ``after`` the last row's ``key`` (keyset paging: as fast in the middle of a county as at
    its start). ``offset`` skips rows from there by reading them, for callers that count rows. ``before`` a
    row's key gives the ``limit`` rows just above it, in the list's order (a view scrolled back up).
    """
    list_spec = spec(kind)
    if before is not None:
        if after is not None or offset:
            raise ValueError("fetch: before= goes without after= and offset=")
        with db.read_connection() as conn:
            return _page(conn, list_spec, query, before, int(limit), backwards=True)[::-1]
    with db.read_connection() as conn:
        while offset > 0:
            skipped = _page(conn, list_spec, query, after, min(offset, 1000))
            if not skipped:
                return []
            offset -= len(skipped)
            after = skipped[-1].key
        return _page(conn, list_spec, query, after, int(limit))


def _terms(conn: Any) -> list[tuple[str, str]]:
    """(school year, semester) of every term with enrollments, newest first (spring closes a school year).

    One step down ``ix_enrollment_term`` per term rather than a DISTINCT over every enrollment of the county.
    """
    terms: list[tuple[str, str]] = []
    sql = "SELECT school_year, semester FROM enrollment {} ORDER BY school_year DESC, semester DESC LIMIT 1"
    # Two plain ranges rather than a row-value comparison, which SQLite would answer by walking the newer terms.
    same_year = text(sql.format("WHERE school_year = :year AND semester < :semester"))
    earlier_year = text(sql.format("WHERE school_year < :year"))
    row = conn.execute(text(sql.format(""))).first()
    while row is not None:
        terms.append((str(row[0]), str(row[1])))
        params = {"year": row[0], "semester": row[1]}
        row = conn.execute(same_year, params).first() or conn.execute(earlier_year, params).first()
    return terms


def org_tree(db: Database) -> list[OrgNode]:
    """Org units as a forest (county → township → village), children in code order."""
    with db.read_connection() as conn:
        rows = conn.execute(
            text("SELECT id, code, name, level, parent_id FROM org_unit WHERE level != 'group' ORDER BY code")
        ).fetchall()
    nodes = {
        row[0]: OrgNode(id=row[0], code=row[1], name=row[2], level=row[3], parent_id=row[4]) for row in rows
    }
    roots: list[OrgNode] = []
    for node in nodes.values():
        parent = nodes.get(node.parent_id) if node.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


def student_terms(db: Database) -> list[tuple[str, str]]:
    """Terms that have enrollments, newest first: ``("2025-2026/autumn", "2025-2026学年 秋季学期")``."""
    with db.read_connection() as conn:
        rows = _terms(conn)
    return [(f"{year}/{semester}", f"{year}学年 {codes.SEMESTER.label(semester)}") for year, semester in rows]


def columns(kind: str) -> Sequence[Column]:
    return spec(kind).columns
