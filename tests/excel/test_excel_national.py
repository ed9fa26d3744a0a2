"""Import of the national monitoring system export: parsing, code mapping and every kind of bad input."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from yulu_desktop.domain.errors import ValidationFailed
from yulu_desktop.excel.national import NationalPersonRow, RejectedRow, parse_national, scan_national

TODAY = dt.date(2025, 6, 1)


def parse(path: Path) -> Any:
    return parse_national(path, today=TODAY)


def id_with_x(xl: Any) -> str:
    for seq in range(1000):
        candidate = str(xl.person_id(1988, seq))
        if candidate.endswith("X"):
            return candidate
    raise AssertionError("no ID with X")


def messages(result: Any, row: int) -> list[str]:
    return [i.text() for i in result.issues if i.row == row]


def test_valid_export_with_title_row(xl: Any) -> None:
    result = parse(xl.national(xl.standard_rows()))
    assert result.ok, result.report()
    assert result.header_row == 2
    assert result.column_letters["id_number"] == "H"
    assert [r.row_number for r in result.rows] == [3, 4, 5, 6, 7]
    head = result.rows[0]
    assert isinstance(head, NationalPersonRow)
    assert head.household_no == "H001"
    assert head.person_no == "P001"
    assert head.name == "张三"
    assert head.id_number == xl.person_id(1970, 11)
    assert head.birth_date == dt.date(1970, 3, 4)
    assert head.sex == "M"
    assert head.relationship == "01"
    assert head.is_head
    assert head.education == "junior"
    assert head.student_status == "not_student"
    assert head.health == "healthy"
    assert head.skills == "ordinary"
    assert head.migrant_months == 6
    assert head.risk_causes == ("01",)
    assert head.income_per_capita_fen == 876543
    assert head.phone == "13800138000"
    assert head.household_type == "jiance"
    assert head.monitoring_type == "unstable"
    assert head.risk_eliminated is False
    assert head.risk_identified_on == dt.date(2023, 5, 1)
    assert head.risk_eliminated_on is None
    assert head.household_size == 3
    assert (head.county, head.township, head.village, head.natural_village) == (
        "城口县",
        "庙坝镇",
        "红岩村",
        "一组",
    )
    assert [r.relationship for r in result.rows] == ["01", "10", "20", "01", "30"]


def test_code_variants(xl: Any) -> None:
    rows = xl.household(
        "H001",
        ("P1", "甲", xl.person_id(1970, 11), "01"),
        ("P2", "乙", xl.person_id(1971, 12), "1"),
    )
    rows[1][xl.NATIONAL_HEADER.index("与户主关系")] = "10"
    rows[0][xl.NATIONAL_HEADER.index("致贫原因")] = "因病,因残"
    rows[1][xl.NATIONAL_HEADER.index("致贫原因")] = "1、3 ；9"
    rows[0][xl.NATIONAL_HEADER.index("风险是否消除")] = "是"
    rows[0][xl.NATIONAL_HEADER.index("风险消除时间")] = "2024/3/5"
    rows.append(xl.national_row(户编号="H002", 人编号="P3", 与户主关系=1, 证件号码=xl.person_id(1980, 13)))
    result = parse(xl.national(rows))
    assert result.ok, result.report()
    first, second, third = result.rows
    assert first.risk_causes == ("01", "03")
    assert second.risk_causes == ("01", "03", "09")
    assert first.risk_eliminated is True
    assert first.risk_eliminated_on == dt.date(2024, 3, 5)
    assert second.relationship == "10"
    assert third.relationship == "01"
    assert first.risk_causes_text == "01,03"


def test_full_width_digits_and_lower_case_x(xl: Any) -> None:
    with_x = id_with_x(xl)
    full_width = xl.person_id(1972, 22).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    rows = xl.household(
        "H001",
        ("P1", "甲", with_x.lower(), "本人"),
        ("P2", "乙", f" {full_width} ", "配偶"),
    )
    result = parse(xl.national(rows))
    assert result.ok, result.report()
    assert result.rows[0].id_number == with_x
    assert result.rows[1].id_number == xl.person_id(1972, 22)


def test_trailing_blank_rows_are_ignored(xl: Any) -> None:
    rows = [*xl.standard_rows(), [None] * 24, ["", " ", None], [None]]
    result = parse(xl.national(rows))
    assert result.ok, result.report()
    assert len(result.rows) == 5


def test_id_turned_into_a_number_by_excel(xl: Any) -> None:
    rows = xl.standard_rows()
    rows[1][7] = float(xl.person_id(1972, 22))  # what Excel keeps: 15 significant digits
    rows[2][7] = "5.00229E+17"
    result = parse(xl.national(rows))
    assert not result.ok
    number_cell, text_cell = messages(result, 4), messages(result, 5)
    assert len(number_cell) == 1
    assert "第4行，证件号码（H列）：身份证号被 Excel 存成了数字（显示为 5.00229E+17）" in number_cell[0]
    assert "后几位已丢失" in number_cell[0]
    assert "“文本”" in number_cell[0]
    assert "科学计数法" in text_cell[0]
    assert "文本" in text_cell[0]
    assert [r.row_number for r in result.rejected] == [4, 5]
    assert len(result.rows) == 3


def test_bad_check_character(xl: Any) -> None:
    rows = xl.standard_rows()
    good = rows[1][7]
    rows[1][7] = good[:17] + ("0" if good[17] != "0" else "1")
    result = parse(xl.national(rows))
    (message,) = messages(result, 4)
    assert message.startswith("第4行，证件号码（H列）：校验位应为")


def test_impossible_birth_date(xl: Any) -> None:
    rows = xl.standard_rows()
    rows[1][7] = "500229" + "19990230" + "123" + "4"
    result = parse(xl.national(rows))
    (message,) = messages(result, 4)
    assert "出生日期" in message
    assert "不存在" in message


def test_missing_household_no_and_name_and_id(xl: Any) -> None:
    rows = xl.standard_rows()
    rows[1][4] = None
    rows[2][6] = "  "
    rows[4][7] = None
    result = parse(xl.national(rows))
    assert messages(result, 4) == ["第4行，户编号（E列）：户编号不能为空"]
    assert messages(result, 5) == ["第5行，姓名（G列）：姓名不能为空"]
    assert messages(result, 7) == ["第7行，证件号码（H列）：证件号码不能为空"]
    assert [r.row_number for r in result.rejected] == [4, 5, 7]


def test_same_person_twice_by_id_names_both_rows(xl: Any) -> None:
    rows = xl.standard_rows()
    copy = list(rows[2])
    copy[5] = "P999"
    rows.append(copy)  # row 8 repeats row 5 (张小明) under another 人编号
    result = parse(xl.national(rows))
    assert [r.row_number for r in result.rejected] == [5, 8]
    assert any("与第5行是同一人" in m for m in messages(result, 8))
    assert any("本行与第8行的证件号码相同" in m for m in messages(result, 5))
    rejected_5 = result.rejected[0]
    assert "第8行" in rejected_5.reason()
    assert rejected_5.values["姓名"] == "张小明"


def test_same_person_no_twice(xl: Any) -> None:
    rows = xl.standard_rows()
    rows[4][5] = "P004"  # 王丽 gets 王五's 人编号
    result = parse(xl.national(rows))
    assert any("人编号“P004”与第6行重复" in m for m in messages(result, 7))
    assert any("本行与第7行的人编号相同" in m for m in messages(result, 6))
    assert {r.row_number for r in result.rejected} == {6, 7}


def test_household_without_head_is_reported_once(xl: Any) -> None:
    rows = xl.standard_rows()[:3] + xl.household(
        "H009",
        ("P7", "赵一", xl.person_id(1990, 17), "配偶"),
        ("P8", "赵二", xl.person_id(2010, 18), "子"),
    )
    result = parse(xl.national(rows))
    household_issues = [i for i in result.issues if "H009" in i.message]
    assert len(household_issues) == 1
    assert household_issues[0].row == 6
    assert "第6行、第7行" in household_issues[0].message
    assert "没有与户主关系为“本人”的户主" in household_issues[0].message
    assert [r.row_number for r in result.rejected] == [6, 7]
    assert len(result.rows) == 3


def test_two_heads_in_one_household(xl: Any) -> None:
    rows = xl.standard_rows()
    rows[1][9] = "本人"
    result = parse(xl.national(rows))
    assert any("有2个与户主关系为“本人”的成员（第3行、第4行）" in i.message for i in result.errors)
    assert [r.row_number for r in result.rejected] == [3, 4]


def test_unknown_descriptive_values_import_the_person_with_a_warning_naming_row_and_column(xl: Any) -> None:
    rows = xl.standard_rows()
    rows[1][9] = "邻居"
    rows[2][20] = "一般困难户"
    rows[3][16] = "08"
    rows[4][11] = "幼儿园大班"
    result = parse(xl.national(rows))
    assert result.ok, result.report()
    assert not result.rejected
    assert messages(result, 4) == [
        "第4行，与户主关系（J列）：“邻居”不在与户主关系代码中，按“其他”导入，原文已保留在人员档案中"
    ]
    assert messages(result, 5) == [
        "第5行，监测对象类型（U列）：“一般困难户”不在监测对象类型代码中，监测对象类型暂不填写，原文已保留在人员档案中"
    ]
    assert messages(result, 6)[0].startswith("第6行，致贫原因（Q列）：“08”不是有效的风险/致贫原因")
    assert messages(result, 6)[0].endswith("（已留空，原文已保留在人员档案中）")
    assert messages(result, 7)[0].startswith("第7行，文化程度（L列）：“幼儿园大班”不在文化程度代码中")
    by_row = {r.row_number: r for r in result.rows}
    assert (by_row[4].relationship, by_row[4].raw_values) == ("99", (("relationship", "邻居"),))
    assert (by_row[5].monitoring_type, by_row[5].raw_values) == (None, (("monitoring_type", "一般困难户"),))
    assert (by_row[6].risk_causes, by_row[6].raw_values) == ((), (("risk_causes", "08"),))
    assert (by_row[7].education, by_row[7].raw_values) == (None, (("education", "幼儿园大班"),))
    assert by_row[3].raw_values == ()


def test_spelling_variants_of_descriptive_values_are_mapped(xl: Any) -> None:
    rows = xl.standard_rows()
    rows[0][11] = "初 中"  # 文化程度 with a space
    rows[0][13] = "长期慢性病（高血压）"  # 健康状况 with a qualifier
    rows[0][14] = "普通劳动力\u3000"  # 劳动技能 with a full-width space
    rows[1][12] = "中职（二年级）"  # 在校生状况
    rows[0][9] = "户主（本人）"
    rows[2][13] = "良好"
    result = parse(xl.national(rows))
    by_row = {r.row_number: r for r in result.rows}
    assert result.ok, result.report()
    assert result.issues == []
    assert by_row[3].relationship == "01"
    assert by_row[4].student_status == "secondary_vocational"
    assert (by_row[3].education, by_row[3].health, by_row[3].skills) == ("junior", "chronic", "ordinary")
    assert by_row[5].health == "healthy"
    assert all(r.raw_values == () for r in result.rows)


def test_legacy_causes_become_other_with_a_warning(xl: Any) -> None:
    rows = xl.standard_rows()
    rows[0][16] = "因病、缺技术"
    result = parse(xl.national(rows))
    assert result.ok
    assert result.rows[0].risk_causes == ("01", "99")
    assert [w.message for w in result.warnings] == ["“缺技术”不在风险/致贫原因代码中，按“99 其他”导入"]


def test_bad_or_masked_phone_is_a_warning_not_a_rejection(xl: Any) -> None:
    rows = xl.standard_rows()
    rows[0][18] = "138****8000"
    rows[1][18] = "12345"
    rows[2][18] = "023-6812345"  # a landline is fine
    rows[3][18] = 13912345678  # a numeric cell keeps all 11 digits
    result = parse(xl.national(rows))
    assert result.ok
    assert [r.phone for r in result.rows] == [None, None, "0236812345", "13912345678", "13800138000"]
    assert len(result.warnings) == 2


def test_other_field_problems(xl: Any) -> None:
    rows = xl.standard_rows()
    rows[0][15] = 13
    rows[1][17] = "八千"
    rows[2][21] = "也许"
    rows[3][22] = "2023-02-30"
    rows[4][22] = dt.datetime(2024, 5, 1)
    rows[4][23] = dt.datetime(2024, 1, 1)
    result = parse(xl.national(rows))
    assert "超出范围" in messages(result, 3)[0]
    assert "不是金额" in messages(result, 4)[0]
    assert "应填“是”或“否”" in messages(result, 5)[0]
    assert "2月没有30日" in messages(result, 6)[0]
    assert "早于风险识别时间" in messages(result, 7)[0]


def test_missing_required_column(xl: Any) -> None:
    path = xl.book([["户编号", "姓名", "与户主关系"], ["H1", "张三", "本人"]])
    with pytest.raises(ValidationFailed, match="缺少“证件号码”列"):
        parse(path)


def test_csv_export_in_gb18030(xl: Any, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    with path.open("w", encoding="gb18030", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["全国防返贫监测信息系统导出"])
        writer.writerow(xl.NATIONAL_HEADER)
        for row in xl.standard_rows():
            writer.writerow(
                ["" if v is None else (v.strftime("%Y-%m-%d") if isinstance(v, dt.date) else v) for v in row]
            )
        writer.writerow([])
    result = parse(path)
    assert result.ok, result.report()
    assert result.rows[0].risk_identified_on == dt.date(2023, 5, 1)
    assert result.rows[0].income_per_capita_fen == 876543


def test_streaming_scan_and_second_pass_with_known_issues(xl: Any) -> None:
    rows = xl.standard_rows()
    rows.append(list(rows[0]))  # row 8 repeats the head of H001 (row 3)
    path = xl.national(rows)
    with scan_national(path, today=TODAY) as scan:
        items = list(scan)
        summary = scan.summary()
    assert [type(i).__name__ for i in items] == ["NationalPersonRow"] * 5 + ["RejectedRow"]
    assert set(summary.late_rejected) == {3}
    assert set(summary.row_issues) >= {3, 8}
    assert summary.valid_rows == 4
    assert summary.rejected_rows == 2
    with scan_national(path, today=TODAY, known_issues=summary.row_issues) as again:
        second = list(again)
    valid = [i.row_number for i in second if isinstance(i, NationalPersonRow)]
    rejected = [i.row_number for i in second if isinstance(i, RejectedRow)]
    assert valid == [4, 5, 6, 7]
    assert rejected == [3, 8]


def test_summary_before_the_end_is_an_error(xl: Any) -> None:
    with scan_national(xl.national(xl.standard_rows()), today=TODAY) as scan, pytest.raises(RuntimeError):
        scan.summary()
