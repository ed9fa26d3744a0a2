"""Finding the header row and its columns, whatever the sheet looks like above and inside it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from yulu_desktop.domain.errors import ValidationFailed, YuluError
from yulu_desktop.excel.headers import ColumnSpec, find_header, normalize_header
from yulu_desktop.excel.national import NATIONAL_COLUMNS
from yulu_desktop.excel.sheets import SheetRow


def rows(*values: tuple[Any, ...]) -> Iterator[SheetRow]:
    return iter([(i, v) for i, v in enumerate(values, start=1)])


SPECS = [
    ColumnSpec("household_no", "户编号", ("户码",), required=True),
    ColumnSpec("name", "姓名", required=True),
    ColumnSpec("id_number", "证件号码", ("身份证号", "身份证号码", "公民身份号码")),
]


def test_normalize_header() -> None:
    assert normalize_header(" 县（市、区）\n") == "县(市、区)"
    assert normalize_header("身份证\n号码") == "身份证号码"
    assert normalize_header("*姓　名：") == "姓名"


def test_header_below_title_rows_and_rest_of_rows_follow() -> None:
    header, rest = find_header(
        rows(
            ("XX县监测对象信息表", None, None),
            (None, None, None),
            ("户编号", "姓名", "身份证号"),
            ("H1", "张三", "x"),
        ),
        SPECS,
    )
    assert header.row == 3
    assert header.columns == {"household_no": 0, "name": 1, "id_number": 2}
    assert header.label("id_number") == "身份证号（C列）"
    assert list(rest) == [(4, ("H1", "张三", "x"))]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("证件号码", "id_number"),
        ("身份证号", "id_number"),
        ("身份证号码", "id_number"),
        ("公民身份号码", "id_number"),
        (" 身份证\n号码 ", "id_number"),
        ("人编号", "person_no"),
        ("人员编号", "person_no"),
        ("户码", "household_no"),
        ("联系方式", "phone"),
        ("手机号", "phone"),
        ("村", "village"),
        ("乡镇", "township"),
        ("县（市、区）", "county"),
        ("县(市、区)", "county"),
        ("务工时间(月)", "migrant_months"),
        ("人均纯收入（元）", "income_per_capita"),
        ("*姓名", "name"),
    ],
)
def test_national_header_variants(text: str, field: str) -> None:
    header_row = (
        ("户编号", "姓名", "与户主关系", "证件号码", text)
        if field
        not in (
            "id_number",
            "household_no",
            "name",
        )
        else tuple(
            text if h == {"id_number": "证件号码", "household_no": "户编号", "name": "姓名"}[field] else h
            for h in ("户编号", "姓名", "与户主关系", "证件号码")
        )
    )
    header, _ = find_header(rows(header_row), NATIONAL_COLUMNS)
    assert field in header.columns
    assert header.headers[header.columns[field]] == "".join(text.split())


def test_missing_required_columns_are_named_with_their_variants() -> None:
    with pytest.raises(ValidationFailed) as info:
        find_header(rows(("户编号", "姓名", "民族")), NATIONAL_COLUMNS)
    text = info.value.text()
    assert "缺少“证件号码”列" in text
    assert "身份证号" in text
    assert "缺少“与户主关系”列" in text
    assert {i.field for i in info.value.issues} == {"id_number", "relationship"}


def test_no_header_at_all() -> None:
    with pytest.raises(YuluError, match="没有找到表头。表头应包含这些列：户编号、姓名"):
        find_header(rows(*[("a", "b")] * 25), SPECS)


def test_empty_sheet() -> None:
    with pytest.raises(YuluError, match="是空的"):
        find_header(rows((None,), ()), SPECS)


def test_column_given_twice_is_a_warning() -> None:
    header, _ = find_header(rows(("户编号", "姓名", "身份证号", "证件号码")), SPECS)
    assert header.columns["id_number"] == 2
    assert [n.message for n in header.notes] == ["与身份证号（C列）是同一项，只读取C列"]


def test_raw_values_keys_are_unique() -> None:
    header, _ = find_header(rows(("户编号", "姓名", None, "备注", "备注")), SPECS)
    assert header.header_keys == ("户编号", "姓名", "C列", "备注", "备注（E列）")
    assert header.raw_values(("H1", "张三")) == {
        "户编号": "H1",
        "姓名": "张三",
        "C列": None,
        "备注": None,
        "备注（E列）": None,
    }
