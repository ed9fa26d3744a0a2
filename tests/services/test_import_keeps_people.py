"""Imports that keep people: a descriptive value no code stands for imports the person, keeps the export's own
text and names row, column and value in a warning; only identity refuses a row; re-imports are idempotent and a
later, known value fills the coded field."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from yulu_desktop.services import excel_import as xi
from yulu_desktop.services.person_file import load_person_file
from yulu_desktop.store.database import Database

TODAY = dt.date(2025, 6, 1)


def col(xl: Any, name: str) -> int:
    return list(xl.NATIONAL_HEADER).index(name)


def run(db: Database, path: Path, **kwargs: Any) -> xi.ImportReport:
    return xi.import_national(db, path, actor="测试员", today=TODAY, **kwargs)


def person(db: Database, person_no: str) -> dict[str, Any]:
    with db.read_connection() as conn:
        found = (
            conn.exec_driver_sql("SELECT * FROM person WHERE person_no = ?", (person_no,)).mappings().one()
        )
    return dict(found)


def household_of(db: Database, person_no: str) -> dict[str, Any]:
    with db.read_connection() as conn:
        found = (
            conn.exec_driver_sql(
                "SELECT h.* FROM household h JOIN person p ON p.household_id = h.id WHERE p.person_no = ?",
                (person_no,),
            )
            .mappings()
            .one()
        )
    return dict(found)


def journal_count(db: Database) -> int:
    with db.read_connection() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM change_journal").scalar_one())


def odd_rows(xl: Any) -> list[list[Any]]:
    """The standard two households, with values of descriptive columns that no code list knows."""
    rows: list[list[Any]] = xl.standard_rows()
    rows[2][col(xl, "在校生状况")] = "在读（职业技能培训班）"  # 张小明, row 5
    rows[2][col(xl, "健康状况")] = "一般"
    rows[1][col(xl, "文化程度")] = "扫盲班"  # 李四, row 4
    rows[4][col(xl, "劳动技能")] = "待评估"  # 王丽, row 7
    rows[4][col(xl, "与户主关系")] = "侄女"
    rows[3][col(xl, "务工时间（月）")] = "半年左右"  # 王五, row 6
    return rows


@pytest.mark.parametrize("parallel", [False, True], ids=["in-process", "child-process"])
def test_unknown_descriptive_values_import_everyone_and_keep_the_text(
    db: Database, xl: Any, parallel: bool
) -> None:
    report = run(db, xl.national(odd_rows(xl)), parallel=parallel)
    assert report.applied and report.ok, report.problems()
    assert (report.new, report.rejected) == (5, 0)
    student = person(db, "P003")
    assert (student["student_status"], student["health"]) == (None, None)
    assert json.loads(student["raw_values"]) == {"health": "一般", "student_status": "在读（职业技能培训班）"}
    assert person(db, "P002")["education"] is None
    niece = person(db, "P005")
    assert (niece["relationship"], niece["skills"]) == ("99", None)
    assert json.loads(niece["raw_values"]) == {"relationship": "侄女", "skills": "待评估"}
    assert json.loads(person(db, "P004")["raw_values"]) == {"migrant_months": "半年左右"}
    assert person(db, "P001")["raw_values"] == ""
    text = report.problems()
    # One warning per value, naming row, column and value, in Chinese.
    assert "第5行，在校生状况（M列）：“在读（职业技能培训班）”不在在校生状况代码中" in text, text
    assert "第5行，健康状况（N列）：“一般”" in text
    assert "第4行，文化程度（L列）：“扫盲班”" in text
    assert "第7行，与户主关系（J列）：“侄女”不在与户主关系代码中，按“其他”导入" in text
    assert "第7行，劳动技能（O列）：“待评估”" in text
    assert "第6行，务工时间（月）（P列）" in text
    assert len(report.warnings) == 6 and not report.errors
    assert (
        report.summary()
        == "已导入：新增 5 人，修改 0 人，未变 0 人，未导入 0 行；户：新增 2，修改 0；新建行政区划 3 个；另有 6 条提醒，请查看"
    )


def test_reimport_of_the_same_file_writes_nothing(db: Database, xl: Any) -> None:
    path = xl.national(odd_rows(xl))
    run(db, path)
    before = journal_count(db)
    again = run(db, path)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 5)
    assert journal_count(db) == before


def test_a_later_known_value_fills_the_coded_field_and_drops_the_text(db: Database, xl: Any) -> None:
    run(db, xl.national(odd_rows(xl)))
    rows = odd_rows(xl)
    rows[2][col(xl, "在校生状况")] = "中职二年级"
    report = run(db, xl.national(rows))
    assert report.changed == 1, report.summary()
    student = person(db, "P003")
    assert student["student_status"] == "secondary_vocational"
    assert json.loads(student["raw_values"]) == {"health": "一般"}


def test_an_unreadable_value_never_clears_a_known_one(db: Database, xl: Any) -> None:
    run(db, xl.national(xl.standard_rows()))
    rows = xl.standard_rows()
    rows[0][col(xl, "健康状况")] = "？？"
    rows[0][col(xl, "监测对象类型")] = "不清楚"
    report = run(db, xl.national(rows))
    assert report.applied, report.problems()
    head = person(db, "P001")
    assert head["health"] == "healthy"
    assert json.loads(head["raw_values"]) == {"health": "？？", "monitoring_type": "不清楚"}
    assert household_of(db, "P001")["monitoring_type"] == "unstable"


def test_a_sheet_without_the_column_keeps_the_text_an_earlier_import_kept(db: Database, xl: Any) -> None:
    run(db, xl.national(odd_rows(xl)))
    header = [h for h in xl.NATIONAL_HEADER if h != "健康状况"]
    rows = [[v for h, v in zip(xl.NATIONAL_HEADER, r, strict=True) if h != "健康状况"] for r in odd_rows(xl)]
    path = xl.book([header, *rows])
    report = run(db, path)
    assert report.applied, report.problems()
    assert json.loads(person(db, "P003")["raw_values"])["health"] == "一般"


def test_identity_still_refuses_the_row(db: Database, xl: Any) -> None:
    rows = odd_rows(xl)
    rows[2][col(xl, "证件号码")] = "50022919700304001X"  # bad check character
    report = run(db, xl.national(rows), skip_invalid=True, rejected_path=xl.path("rejected.xlsx"))
    assert report.rejected == 1 and report.new == 4
    assert "第5行，证件号码（H列）" in report.problems()
    # The file of rejected rows shows the export's own text, so the corrected row imports the same again.
    from openpyxl import load_workbook

    sheet = load_workbook(report.rejected_path).active
    assert sheet is not None
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert "在读（职业技能培训班）" in cells


def test_the_person_file_shows_the_text_where_the_code_is_empty(db: Database, xl: Any) -> None:
    run(db, xl.national(odd_rows(xl)))
    student = load_person_file(db, person(db, "P003")["id"])
    assert student.raw_texts == {"health": "一般", "student_status": "在读（职业技能培训班）"}
    assert student.describe("student_status") == "在读（职业技能培训班）（原表填写）"
    assert student.describe("health") == "一般（原表填写）"
    assert student.describe("education") == "初中"
    assert student.describe("monitoring_type") == "脱贫不稳定户"
    niece = load_person_file(db, person(db, "P005")["id"])
    assert niece.describe("relationship") == "侄女（原表填写）"
    head = load_person_file(db, person(db, "P004")["id"])
    assert head.describe("relationship") == "本人"
    assert head.describe("risk_causes") == "因病"
