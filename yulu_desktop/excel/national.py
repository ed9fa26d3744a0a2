"""Parse and validate an export of the national monitoring system (全国防返贫监测信息系统), one row per person.

Nothing here writes anywhere: the result is plain, validated records plus every problem with its Excel row and
column, for the import service to apply (or refuse) as a whole.

Two ways to use it:

* :func:`parse_national` — the whole sheet into a :class:`ParsedSheet` (valid rows in memory); for previews,
  small files and tests.
* :func:`scan_national` — a stream of rows (:class:`NationalPersonRow` or :class:`RejectedRow`) in sheet
  order, with constant memory apart from a small index of keys (ID number, 人编号, 户编号 → row numbers). Checks that
  need the whole sheet (the same person twice, a household without its head) can only finish at the end, so a
  row may be yielded as valid and found wrong later: :meth:`NationalScan.summary` lists those rows. An
  all-or-nothing import scans once to validate, then scans again passing ``known_issues=summary.row_issues``
  to apply; the second scan rejects those rows up front and yields only rows that are valid for good.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import os
from collections.abc import Container, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType, TracebackType
from typing import Any, Final

from yulu_desktop.domain import code_text, codes
from yulu_desktop.domain.errors import Issue, Severity
from yulu_desktop.domain.masking import mask_id_number
from yulu_desktop.domain.validation import date_not_before, date_not_in_future
from yulu_desktop.excel import cells
from yulu_desktop.excel.headers import ColumnSpec, HeaderMap, find_header, is_repeated_header
from yulu_desktop.excel.results import ParsedSheet, RejectedRow, sort_issues
from yulu_desktop.excel.sheets import CellValue, Formula, SheetReader, is_blank, open_sheet

WHAT = "全国防返贫监测信息系统导出表"

#: Columns of the export, with the names other versions and hand-made copies use.
NATIONAL_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("county", "县", ("县（市、区）", "县(市、区)", "县市区", "县区", "区县", "所属县")),
    ColumnSpec("township", "乡", ("乡镇", "乡（镇）", "乡镇（街道）", "所属乡镇", "镇")),
    ColumnSpec("village", "行政村", ("村", "行政村（社区）", "村（社区）", "所属村")),
    ColumnSpec("natural_village", "自然村", ("自然村（组）", "村民小组", "组")),
    ColumnSpec("household_no", "户编号", ("户码", "户号", "家庭编号"), required=True),
    ColumnSpec("person_no", "人编号", ("人员编号", "人员码", "个人编号", "成员编号")),
    ColumnSpec("name", "姓名", ("成员姓名", "人员姓名"), required=True),
    ColumnSpec(
        "id_number",
        "证件号码",
        ("身份证号", "身份证号码", "公民身份号码", "身份证件号码", "证件号", "居民身份证号码"),
        required=True,
    ),
    ColumnSpec("household_size", "人数", ("家庭人口数", "户人数", "家庭人数", "人口数")),
    ColumnSpec("relationship", "与户主关系", ("与户主的关系", "与户主关系（代码）"), required=True),
    ColumnSpec("ethnicity", "民族"),
    ColumnSpec("education", "文化程度", ("学历",)),
    ColumnSpec("student_status", "在校生状况", ("在校生情况", "在校情况", "在校生状态")),
    ColumnSpec("health", "健康状况", ("身体状况",)),
    ColumnSpec("skills", "劳动技能", ("劳动能力",)),
    ColumnSpec("migrant_months", "务工时间（月）", ("务工时间", "务工月数", "外出务工时间", "务工时间(月)")),
    ColumnSpec(
        "risk_causes",
        "致贫原因",
        ("主要致贫原因", "风险类型", "主要风险类型", "风险/致贫原因", "返贫致贫风险", "致贫（返贫）原因"),
    ),
    ColumnSpec("income_per_capita", "人均纯收入", ("人均纯收入（元）", "家庭人均纯收入", "人均收入")),
    ColumnSpec("phone", "联系电话", ("联系方式", "手机号", "手机号码", "电话", "电话号码")),
    ColumnSpec("household_type", "户类型", ("户属性", "农户类型")),
    ColumnSpec("monitoring_type", "监测对象类型", ("监测类型", "监测对象类别", "监测户类型")),
    ColumnSpec("risk_eliminated", "风险是否消除", ("是否消除风险", "风险消除", "是否风险消除")),
    ColumnSpec("risk_identified_on", "风险识别时间", ("识别时间", "纳入监测时间", "风险识别日期")),
    ColumnSpec("risk_eliminated_on", "风险消除时间", ("消除时间", "风险消除日期")),
)

# Spellings found in real exports and hand-kept sheets, beyond the labels of domain.codes.
_RELATIONSHIP_SYNONYMS: Mapping[str, str] = MappingProxyType(
    {
        "户主": "01",
        "02": "01",  # GB/T 4761: 02 户主
        "妻子": "10",
        "丈夫": "10",
        "夫": "10",
        "妻": "10",
        "11": "10",
        "12": "10",
        "之子": "20",
        "儿子": "20",
        "长子": "20",
        "次子": "20",
        "养子": "20",
        "继子": "20",
        "女婿": "20",
        "之女": "30",
        "女儿": "30",
        "长女": "30",
        "次女": "30",
        "养女": "30",
        "继女": "30",
        "儿媳": "30",
        "之儿媳": "30",
        "之女婿": "20",
        "孙子": "40",
        "孙女": "40",
        "之孙子": "40",
        "之孙女": "40",
        "外孙子": "40",
        "外孙女": "40",
        "之外孙子": "40",
        "之外孙女": "40",
        "孙子女": "40",
        "孙媳妇": "40",
        "父亲": "50",
        "母亲": "50",
        "之父": "50",
        "之母": "50",
        "父": "50",
        "母": "50",
        "岳父": "50",
        "岳母": "50",
        "公公": "50",
        "婆婆": "50",
        "祖父": "60",
        "祖母": "60",
        "之祖父": "60",
        "之祖母": "60",
        "外祖父": "60",
        "外祖母": "60",
        "哥哥": "70",
        "弟弟": "70",
        "姐姐": "70",
        "妹妹": "70",
        "兄弟": "70",
        "姐妹": "70",
        "之兄弟姐妹": "70",
        "兄": "70",
        "弟": "70",
        "姐": "70",
        "妹": "70",
    }
)
_RISK_SYNONYMS: Mapping[str, str] = MappingProxyType(
    {
        "因灾": "02",
        "因自然灾害": "02",
        "缺劳力": "04",
        "因缺劳力": "04",
        "缺劳动力": "04",
        "因意外": "05",
        "因产业": "06",
        "因就业不稳": "07",
        "因务工": "07",
        "因病致贫": "01",
        "因残致贫": "03",
        "因学致贫": "09",
        "其它": "99",
    }
)
#: 2014-era 建档立卡 causes with no code of their own: imported as 99 其他, with a warning.
_RISK_LEGACY: Mapping[str, str] = MappingProxyType(
    dict.fromkeys(
        ("缺技术", "缺资金", "缺土地", "缺水", "交通条件落后", "自身发展动力不足", "因婚", "因丧", "因住房"),
        "99",
    )
)
_HOUSEHOLD_TYPE_SYNONYMS: Mapping[str, str] = MappingProxyType(
    {"一般农户": "yiban", "监测对象": "jiance", "防止返贫监测对象": "jiance", "脱贫人口": "tuopin"}
)
_MONITORING_SYNONYMS: Mapping[str, str] = MappingProxyType(
    {"脱贫不稳定": "unstable", "边缘易致贫": "marginal", "边缘户": "marginal", "突发严重困难": "sudden"}
)
HEAD = "01"  # 与户主关系 = 本人
_FIELD_NAMES: Final = tuple(spec.field for spec in NATIONAL_COLUMNS)


@dataclass(frozen=True, slots=True)
class NationalPersonRow:
    """One valid person row of the export. Birth date and sex come from the ID number.

    Code fields hold codes of :mod:`yulu_desktop.domain.codes` (``relationship`` RELATIONSHIP, ``education``
    EDUCATION, ``student_status`` STUDENT_STATUS, ``health`` HEALTH, ``skills`` SKILL, ``household_type``
    HOUSEHOLD_TYPE, ``monitoring_type`` MONITORING_TYPE, ``risk_causes`` RISK_CAUSE). Money is in fen.
    Household-level columns (place, type, risk, income) repeat on every member's row.
    """

    row_number: int
    household_no: str
    person_no: str | None
    name: str
    id_number: str
    birth_date: dt.date
    sex: str
    relationship: str
    ethnicity: str | None = None
    education: str | None = None
    student_status: str | None = None
    health: str | None = None
    skills: str | None = None
    migrant_months: int | None = None
    risk_causes: tuple[str, ...] = ()
    income_per_capita_fen: int | None = None
    phone: str | None = None
    household_type: str | None = None
    monitoring_type: str | None = None
    risk_eliminated: bool = False
    risk_identified_on: dt.date | None = None
    risk_eliminated_on: dt.date | None = None
    household_size: int | None = None
    county: str | None = None
    township: str | None = None
    village: str | None = None
    natural_village: str | None = None
    #: Original texts of descriptive cells that could not be read (field, text): their field is empty (or 其他).
    raw_values: tuple[tuple[str, str], ...] = ()

    @property
    def is_head(self) -> bool:
        return self.relationship == HEAD

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Rows cross a process boundary by the hundred thousand (see national_stream): pickled as the
        # constructor's arguments, which is several times cheaper than the per-field state of a slotted dataclass.
        return NationalPersonRow, tuple([getattr(self, name) for name in _ROW_FIELDS])

    @property
    def risk_causes_text(self) -> str:
        """Risk causes as stored on a household: comma-separated codes, e.g. "01,03"."""
        return ",".join(self.risk_causes)


_ROW_FIELDS: Final = tuple(f.name for f in fields(NationalPersonRow))


@dataclass
class ScanSummary:
    """What a finished :class:`NationalScan` found beyond single rows.

    ``row_issues`` maps every row concerned by a sheet-level problem (duplicates, households without a head)
    to its issues; ``late_rejected`` is the part of it that was yielded as a valid row before the problem was
    known. ``sheet_issues`` lists each sheet-level problem once. ``warnings`` are the warnings of valid rows.
    """

    data_rows: int = 0
    valid_rows: int = 0
    rejected_rows: int = 0
    sheet_issues: list[Issue] = field(default_factory=list)
    row_issues: dict[int, list[Issue]] = field(default_factory=dict)
    late_rejected: dict[int, list[Issue]] = field(default_factory=dict)
    warnings: list[Issue] = field(default_factory=list)


@dataclass
class _Household:
    rows: list[int] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)


class NationalScan:
    """A streaming pass over an export; iterate once, then read :meth:`summary`. Close it (or ``with``)."""

    def __init__(
        self,
        reader: SheetReader,
        *,
        today: dt.date | None = None,
        known_issues: Mapping[int, Sequence[Issue]] | None = None,
        known_households: Container[str] = (),
    ) -> None:
        self.reader = reader
        self._known_households = known_households
        self.today = today or dt.date.today()
        self._known = known_issues
        try:
            self.header, self._rows = find_header(reader.rows(), NATIONAL_COLUMNS, what=WHAT)
        except BaseException:
            reader.close()
            raise
        columns = self.header.columns
        self._width = max(columns.values(), default=-1) + 1
        self._padding: tuple[None, ...] = (None,) * self._width
        self._cells = operator.itemgetter(*[columns.get(name, -1) for name in _FIELD_NAMES])
        self._labels = {f: self.header.label(f) for f in self.header.columns}
        for spec in NATIONAL_COLUMNS:
            self._labels.setdefault(spec.field, spec.header)
        self._ids: dict[str, int] = {}
        self._person_nos: dict[str, int] = {}
        self._dups: dict[int, list[tuple[int, str, Issue]]] = {}  # first row → [(later row, key, its issue)]
        self._households: dict[str, _Household] = {}
        self._yielded_valid: set[int] = set()
        self._summary = ScanSummary(sheet_issues=list(self.header.notes))
        self._done = False

    # -- context management --

    def close(self) -> None:
        self.reader.close()

    def __enter__(self) -> NationalScan:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def column_letters(self) -> dict[str, str]:
        return self.header.column_letters

    # -- the pass --

    def __iter__(self) -> Iterator[NationalPersonRow | RejectedRow]:
        header = self.header
        summary = self._summary
        known = self._known
        for number, values in self._rows:
            if is_blank(values) or is_repeated_header(values, header):
                continue
            summary.data_rows += 1
            result, issues, key_id, person_no, household_no, relationship = self._parse(number, values)
            if known is None:
                issues.extend(self._index(number, key_id, person_no, household_no, relationship))
            elif number in known:
                issues.extend(known[number])
            if result is not None and not any(i.is_error for i in issues):
                summary.valid_rows += 1
                summary.warnings.extend(issues)
                self._yielded_valid.add(number)
                yield result
            else:
                summary.rejected_rows += 1
                yield RejectedRow(number, header.raw_values(values), tuple(issues))
        self._finish()

    def summary(self) -> ScanSummary:
        """Sheet-level findings; call after the iteration has finished."""
        if not self._done:
            raise RuntimeError("NationalScan.summary() is available after the rows have been read")
        return self._summary

    def _parse(
        self, number: int, values: tuple[CellValue, ...]
    ) -> tuple[NationalPersonRow | None, list[Issue], str | None, str | None, str | None, str | None]:
        """One row → (record or None, issues with row numbers, and the keys for the sheet-level checks)."""
        lab = self._labels
        issues: list[Issue] = []
        # Every known column's cell in one C call: short rows padded, absent columns read the final None.
        short = self._width - len(values)
        padded = (values + self._padding[:short] if short > 0 else values) + (None,)
        get = dict(zip(_FIELD_NAMES, self._cells(padded), strict=True)).__getitem__

        household_no, found = cells.read_identifier(get("household_no"), "household_no", lab["household_no"])
        issues += found
        if household_no is None and not found:
            issues.append(cells.error("household_no", lab["household_no"], "户编号不能为空"))

        person_no, found = cells.read_identifier(get("person_no"), "person_no", lab["person_no"])
        issues += found

        name, found = cells.read_text(get("name"), "name", lab["name"])
        issues += found
        if name is None and not found:
            issues.append(cells.error("name", lab["name"], "姓名不能为空"))

        id_number, found = cells.read_id_number(get("id_number"), "id_number", lab["id_number"], self.today)
        issues += found
        if id_number is None and not found:
            issues.append(cells.error("id_number", lab["id_number"], "证件号码不能为空"))

        # Everything below the identity columns is descriptive: a value that cannot be read is imported empty
        # (or as 其他), its original text kept in ``raw``, with a warning — the person is never refused for it.
        raw: dict[str, str] = {}
        relationship, found = _read_soft_code(
            get("relationship"), codes.RELATIONSHIP, "relationship", lab["relationship"], raw,
            _RELATIONSHIP_SYNONYMS, fallback="99",
        )  # fmt: skip
        issues += found
        if relationship is None and not found:
            issues.append(cells.error("relationship", lab["relationship"], "与户主关系不能为空"))

        education, found = _read_soft_code(
            get("education"), codes.EDUCATION, "education", lab["education"], raw
        )
        issues += found
        student_status, found = _read_soft_code(
            get("student_status"), codes.STUDENT_STATUS, "student_status", lab["student_status"], raw
        )
        issues += found
        health, found = _read_soft_code(get("health"), codes.HEALTH, "health", lab["health"], raw)
        issues += found
        skills, found = _read_soft_code(get("skills"), codes.SKILL, "skills", lab["skills"], raw)
        issues += found
        soft = functools.partial(_soft, get, raw)
        migrant_months, found = soft(
            "migrant_months",
            cells.read_int(
                get("migrant_months"), "migrant_months", lab["migrant_months"], minimum=0, maximum=12
            ),
        )
        issues += found
        risk_causes, found = soft(
            "risk_causes",
            cells.read_codes(
                get("risk_causes"), codes.RISK_CAUSE, "risk_causes", lab["risk_causes"], _RISK_SYNONYMS,
                _RISK_LEGACY,
            ),
        )  # fmt: skip
        issues += found
        income, found = soft(
            "income_per_capita",
            cells.read_money(get("income_per_capita"), "income_per_capita", lab["income_per_capita"]),
        )
        issues += found
        # A wrong contact number should not keep a person out of the system either.
        phone, found = soft("phone", cells.read_phone(get("phone"), "phone", lab["phone"]))
        issues += found
        household_type, found = _read_soft_code(
            get("household_type"), codes.HOUSEHOLD_TYPE, "household_type", lab["household_type"], raw,
            _HOUSEHOLD_TYPE_SYNONYMS,
        )  # fmt: skip
        issues += found
        monitoring_type, found = _read_soft_code(
            get("monitoring_type"), codes.MONITORING_TYPE, "monitoring_type", lab["monitoring_type"], raw,
            _MONITORING_SYNONYMS,
        )  # fmt: skip
        issues += found
        risk_eliminated, found = soft(
            "risk_eliminated",
            cells.read_bool(get("risk_eliminated"), "risk_eliminated", lab["risk_eliminated"]),
        )
        issues += found
        identified_on, found = soft(
            "risk_identified_on",
            cells.read_date(get("risk_identified_on"), "risk_identified_on", lab["risk_identified_on"]),
        )
        issues += found
        identified_on, found = soft(
            "risk_identified_on",
            (
                identified_on,
                date_not_in_future(
                    identified_on, self.today, "risk_identified_on", lab["risk_identified_on"]
                ),
            ),
        )
        issues += found
        eliminated_on, found = soft(
            "risk_eliminated_on",
            cells.read_date(get("risk_eliminated_on"), "risk_eliminated_on", lab["risk_eliminated_on"]),
        )
        issues += found
        eliminated_on, found = soft(
            "risk_eliminated_on",
            (
                eliminated_on,
                date_not_in_future(eliminated_on, self.today, "risk_eliminated_on", lab["risk_eliminated_on"])
                + date_not_before(
                    eliminated_on,
                    identified_on,
                    "risk_eliminated_on",
                    lab["risk_eliminated_on"],
                    "风险识别时间",
                ),
            ),
        )
        issues += found
        household_size, found = soft(
            "household_size",
            cells.read_int(
                get("household_size"), "household_size", lab["household_size"], minimum=1, maximum=99
            ),
        )
        issues += found

        if issues:
            issues = [replace(i, row=number) for i in issues]
        key_id = id_number.value if id_number is not None else None
        if issues and any(i.is_error for i in issues):
            return None, issues, key_id, person_no, household_no, relationship
        assert household_no is not None
        assert name is not None
        assert id_number is not None
        assert relationship is not None
        record = NationalPersonRow(
            row_number=number,
            household_no=household_no,
            person_no=person_no,
            name=name,
            id_number=id_number.value,
            birth_date=id_number.birth_date,
            sex=id_number.sex,
            relationship=relationship,
            ethnicity=cells.cell_text(get("ethnicity")),
            education=education,
            student_status=student_status,
            health=health,
            skills=skills,
            migrant_months=migrant_months,
            risk_causes=risk_causes,
            income_per_capita_fen=income,
            phone=phone,
            household_type=household_type,
            monitoring_type=monitoring_type,
            risk_eliminated=bool(risk_eliminated),
            risk_identified_on=identified_on,
            risk_eliminated_on=eliminated_on,
            household_size=household_size,
            raw_values=tuple(sorted(raw.items())),
            county=cells.cell_text(get("county")),
            township=cells.cell_text(get("township")),
            village=cells.cell_text(get("village")),
            natural_village=cells.cell_text(get("natural_village")),
        )
        return record, issues, key_id, person_no, household_no, relationship

    def _index(
        self,
        number: int,
        id_number: str | None,
        person_no: str | None,
        household_no: str | None,
        relationship: str | None,
    ) -> list[Issue]:
        """Record the row's keys; issues for this row if it repeats an earlier person."""
        found: list[Issue] = []
        duplicate_of: int | None = None
        if id_number is not None:
            first = self._ids.setdefault(id_number, number)
            if first != number:
                duplicate_of = first
                issue = Issue(
                    field="id_number",
                    label=self._labels["id_number"],
                    row=number,
                    message=f"与第{first}行是同一人（证件号码都是 {mask_id_number(id_number)}），"
                    "同一人只能出现一次，请删除重复的一行",
                )
                self._dups.setdefault(first, []).append((number, "id_number", issue))
                found.append(issue)
        if person_no is not None:
            first = self._person_nos.setdefault(person_no, number)
            if first != number and first != duplicate_of:
                issue = Issue(
                    field="person_no",
                    label=self._labels["person_no"],
                    row=number,
                    message=f"人编号“{person_no}”与第{first}行重复，同一人只能出现一次，请核对人编号",
                )
                self._dups.setdefault(first, []).append((number, "person_no", issue))
                found.append(issue)
        if household_no is not None:
            household = self._households.get(household_no)
            if household is None:
                household = self._households[household_no] = _Household()
            household.rows.append(number)
            if relationship == HEAD:
                household.heads.append(number)
        return found

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        summary = self._summary
        if self._known is not None:
            # A second pass: the sheet-level problems are those of the first pass.
            summary.row_issues = {r: list(v) for r, v in self._known.items()}
            return
        row_issues = summary.row_issues

        def add(row: int, issue: Issue) -> None:
            row_issues.setdefault(row, []).append(issue)

        for first, later in self._dups.items():
            for row, _, later_issue in later:
                add(row, later_issue)
            key = later[0][1]
            what = "证件号码" if key == "id_number" else "人编号"
            issue = Issue(
                field=key,
                label=self._labels[key],
                row=first,
                message=f"同一人在表中出现多次：本行与{_row_list([r for r, _, _ in later])}的{what}相同，"
                "请删除重复的行",
            )
            add(first, issue)
            summary.sheet_issues.append(issue)

        label = self._labels["relationship"]
        for household_no, household in self._households.items():
            if household.heads and len(household.heads) == 1:
                continue
            if not household.heads and household_no in self._known_households:
                continue  # the head is already in Yulu (re-importing corrected rows, say)
            if not household.heads:
                rows = household.rows
                message = (
                    f"户编号“{household_no}”的{len(rows)}名成员（{_row_list(rows)}）中没有与户主关系为“本人”的户主，"
                    "请补上户主一行，或核对户编号、与户主关系是否填错"
                )
            else:
                rows = household.heads
                message = (
                    f"户编号“{household_no}”有{len(rows)}个与户主关系为“本人”的成员（{_row_list(rows)}），"
                    "一户只能有一个户主，请核对与户主关系或户编号"
                )
            issue = Issue(field="relationship", label=label, row=rows[0], message=message)
            summary.sheet_issues.append(issue)
            for row in rows:
                add(row, issue)

        summary.sheet_issues = sort_issues(summary.sheet_issues)
        for row, found in row_issues.items():
            if row in self._yielded_valid:
                summary.late_rejected[row] = found
        summary.valid_rows -= len(summary.late_rejected)
        summary.rejected_rows += len(summary.late_rejected)


def _row_list(rows: Sequence[int], limit: int = 10) -> str:
    shown = "、".join(f"第{r}行" for r in rows[:limit])
    return shown + (f"等{len(rows)}行" if len(rows) > limit else "")


def _match(field: str, codelist: codes.CodeList, text: str, synonyms: Mapping[str, str] | None) -> str | None:
    """The code a descriptive text stands for: the domain's mapping table, then this column's own synonyms."""
    code = code_text.match_code(field, codelist, text)
    if code is None and synonyms:
        folded = code_text.fold(text)
        code = synonyms.get(folded) or synonyms.get(code_text.without_qualifiers(folded))
    return code


def _read_soft_code(
    value: CellValue,
    codelist: codes.CodeList,
    field: str,
    label: str,
    raw: dict[str, str],
    synonyms: Mapping[str, str] | None = None,
    *,
    fallback: str | None = None,
) -> tuple[str | None, list[Issue]]:
    """A code from a descriptive cell. A text no code stands for is not an error: the field is left empty (or
    takes ``fallback``), the text goes to ``raw`` and a warning names the value."""
    code, found = cells.read_code(value, codelist, field, label, synonyms)
    if code is not None or not found:
        return code, found
    text = cells.cell_text(value)
    if text is None or isinstance(value, Formula):
        return None, _warnings(found, raw, field, text)
    code = _match(field, codelist, text, synonyms)
    if code is not None:
        return code, []
    raw[field] = text
    if fallback is not None:
        message = (
            f"“{text}”不在{codelist.name}代码中，按“{codelist.label(fallback)}”导入，原文已保留在人员档案中"
        )
        return fallback, [cells.warning(field, label, message)]
    message = f"“{text}”不在{codelist.name}代码中，{codelist.name}暂不填写，原文已保留在人员档案中"
    return None, [cells.warning(field, label, message)]


def _warnings(found: list[Issue], raw: dict[str, str], field: str, text: str | None) -> list[Issue]:
    """Errors of a descriptive cell as warnings: the value is imported empty, its text kept in ``raw``."""
    if not any(i.is_error for i in found):
        return found
    if text:
        raw[field] = text
    return [
        replace(i, severity=Severity.WARNING, message=f"{i.message}（已留空，原文已保留在人员档案中）")
        if i.is_error
        else i
        for i in found
    ]


def _soft(
    get: Any, raw: dict[str, str], field: str, result: tuple[Any, list[Issue]]
) -> tuple[Any, list[Issue]]:
    """A descriptive cell read by ``cells``: with an error it is imported empty, with a warning (see
    :func:`_warnings`). ``field`` is the column's field, whose cell is ``get(field)``."""
    value, found = result
    if not any(i.is_error for i in found):
        return value, found
    # Several codes in one cell (致贫原因): the ones that were read are kept.
    kept: Any = value if isinstance(value, tuple) else None
    return kept, _warnings(found, raw, field, cells.cell_text(get(field)))


def scan_national(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    today: dt.date | None = None,
    known_issues: Mapping[int, Sequence[Issue]] | None = None,
    known_households: Container[str] = (),
) -> NationalScan:
    """Open an export and find its header; iterate the result for rows. See the module docstring.

    ``known_households``: 户编号 of households that already have their head in Yulu; their members may come
    without a head row (a file of corrected rejected rows, for instance)."""
    return NationalScan(
        open_sheet(path, sheet=sheet),
        today=today,
        known_issues=known_issues,
        known_households=known_households,
    )


def parse_national(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    today: dt.date | None = None,
    known_households: Container[str] = (),
) -> ParsedSheet[NationalPersonRow]:
    """Parse and validate a whole export; nothing is written. Raises ``YuluError`` if the file cannot be read
    or has no usable header (``ValidationFailed`` naming the missing columns)."""
    with scan_national(path, sheet=sheet, today=today, known_households=known_households) as scan:
        valid: list[NationalPersonRow] = []
        rejected: list[RejectedRow] = []
        issues: list[Issue] = []
        for item in scan:
            if isinstance(item, RejectedRow):
                rejected.append(item)
                issues.extend(item.issues)
            else:
                valid.append(item)
        summary = scan.summary()
        issues.extend(summary.warnings)
        notes = list(scan.reader.notes)
        header = scan.header

    late = summary.late_rejected
    if late:
        keep = []
        for record in valid:
            if record.row_number in late:
                rejected.append(_late_rejected(record, header, late[record.row_number]))
            else:
                keep.append(record)
        valid = keep
    # Rows already rejected that a sheet-level issue also concerns carry it too.
    extra = {r: v for r, v in summary.row_issues.items() if r not in late}
    if extra:
        rejected = [
            replace(r, issues=r.issues + tuple(i for i in extra.get(r.row_number, ()) if i not in r.issues))
            for r in rejected
        ]
    rejected.sort(key=lambda r: r.row_number)
    issues.extend(summary.sheet_issues)
    return ParsedSheet(
        rows=valid,
        rejected=rejected,
        issues=sort_issues(dict.fromkeys(issues)),
        header_row=header.row,
        column_letters=header.column_letters,
        headers=header.header_keys,
        sheet_name=scan.reader.sheet_name,
        notes=notes,
    )


def rejected_from_record(record: NationalPersonRow, header: HeaderMap, found: Sequence[Issue]) -> RejectedRow:
    """A row that was valid on its own but refused later (a sheet-level problem, or a check against the
    database by the import): its cells rebuilt from the record, in the form the parser reads back."""
    return _late_rejected(record, header, found)


def _late_rejected(record: NationalPersonRow, header: HeaderMap, found: Sequence[Issue]) -> RejectedRow:
    """A row that was valid on its own but not in the sheet: its cells rebuilt from the record."""
    values = dict.fromkeys(header.header_keys)
    keys = header.header_keys
    for field_name, index in header.columns.items():
        if index < len(keys):
            values[keys[index]] = _cell_of(record, field_name)
    return RejectedRow(record.row_number, values, tuple(found))


def _cell_of(record: NationalPersonRow, field_name: str) -> CellValue:
    """A record's field as a cell, in the form the parser reads back (labels for codes)."""
    if field_name == "income_per_capita":
        if "income_per_capita" in dict(record.raw_values):
            return dict(record.raw_values)["income_per_capita"]
        return None if record.income_per_capita_fen is None else record.income_per_capita_fen / 100
    raw = dict(record.raw_values)
    if field_name in raw:
        return raw[field_name]
    value = getattr(record, field_name)
    code_lists = {
        "relationship": codes.RELATIONSHIP,
        "education": codes.EDUCATION,
        "student_status": codes.STUDENT_STATUS,
        "health": codes.HEALTH,
        "skills": codes.SKILL,
        "household_type": codes.HOUSEHOLD_TYPE,
        "monitoring_type": codes.MONITORING_TYPE,
    }
    if field_name in code_lists:
        return code_lists[field_name].label(value) or None
    if field_name == "risk_causes":
        return ",".join(codes.RISK_CAUSE.label(c) for c in value) or None
    if field_name == "risk_eliminated":
        return "是" if value else "否"
    if value is None or isinstance(value, str | int | float | dt.date):
        return value
    return str(value)
