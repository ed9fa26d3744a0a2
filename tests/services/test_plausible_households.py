"""Demo data a cadre would believe, and ``yulu check`` flagging households that are not believable.

The demo generator's households pass every plausibility check at 300 and at 3,000 households (ages by
relationship, spouses of marriageable age, one head, one 组, real mobile prefixes), deterministically by seed;
a crafted household gets each warning, listed by household and person, in Chinese, without failing the check.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from yulu_desktop.cli.main import main
from yulu_desktop.domain import plausibility
from yulu_desktop.domain.entities import Household, OrgUnit, Person
from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.domain.plausibility import Member, household_findings
from yulu_desktop.domain.validation import mobile_issues
from yulu_desktop.services import check as check_service
from yulu_desktop.services import demo
from yulu_desktop.store.database import Database

TODAY = dt.date(2025, 11, 20)


def _plausibility_warnings(report: check_service.CheckReport) -> list[str]:
    return [p.text() for p in report.problems if p.entity == "household"]


def _digest(db: Database) -> list[tuple[object, ...]]:
    with db.read_connection() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT p.name, p.id_number, p.relationship, p.phone, h.group_name, h.address "
                "FROM person p JOIN household h ON h.id = p.household_id ORDER BY p.id_number"
            )
        ]


@pytest.mark.parametrize("households", [300, 3000])
def test_the_demo_households_are_believable(db: Database, households: int) -> None:
    demo.generate_demo(db, households=households, seed=11, today=TODAY)
    report = check_service.check(db, today=TODAY)
    assert _plausibility_warnings(report) == []
    assert report.ok, [p.text() for p in report.errors][:5]
    with db.read_connection() as conn:
        rows = conn.exec_driver_sql(
            "SELECT h.group_name || ' ' || h.address, h.contact_phone FROM household h"
        ).fetchall()
        phones = [r[0] for r in conn.exec_driver_sql("SELECT phone FROM person WHERE phone != ''")]
        ages = conn.exec_driver_sql(
            "SELECT h.id, p.relationship, p.birth_date FROM person p JOIN household h ON h.id = p.household_id"
        ).fetchall()
    assert all(len(re.findall("组", place)) == 1 for place, _ in rows)
    for phone in [*phones, *(r[1] for r in rows)]:
        assert mobile_issues(phone) == [], phone
        assert phone[:3] in demo._MOBILE_PREFIXES
    by_household: dict[str, dict[str, list[dt.date]]] = {}
    for household_id, relationship, birth in ages:
        by_household.setdefault(household_id, {}).setdefault(relationship, []).append(
            dt.date.fromisoformat(birth)
        )
    if households >= 3000:  # every relationship the checks look at is there to be checked
        present = {r for members in by_household.values() for r in members}
        assert {"01", "10", "20", "30", "40", "50", "60"} <= present
    for members in by_household.values():
        for grandparent in members.get("60", []):
            assert all(grandparent < parent for parent in members.get("50", []))
        (head,) = members["01"]
        for child in members.get("20", []) + members.get("30", []):
            for parent in [head, *members.get("10", [])]:
                assert 18 <= plausibility.years_between(parent, child) <= 45


def test_the_demo_is_the_same_for_the_same_seed(
    db: Database, template_database: Path, tmp_path: Path
) -> None:
    demo.generate_demo(db, households=30, seed=5, today=TODAY)
    other_path = tmp_path / "other.db"
    shutil.copyfile(template_database, other_path)
    with Database.open(other_path, "test-passphrase-1") as other:
        demo.generate_demo(other, households=30, seed=5, today=TODAY)
        assert _digest(other) == _digest(db)


def _person(
    household_id: str, name: str, relationship: str, birth: dt.date, seq: int, *, female: bool
) -> Person:
    return Person(
        household_id=household_id,
        name=name,
        relationship=relationship,
        id_number=make_id_number("500229", birth, seq * 2 + (0 if female else 1)),
        sex="F" if female else "M",
        birth_date=birth,
    )


def test_a_crafted_household_gets_each_warning(db: Database, tmp_path: Path) -> None:
    with db.write() as session:
        village = OrgUnit(code="500229101201", name="红岩村", level="village")
        session.add(village)
        session.flush()
        household = Household(
            household_no="H-BAD", village_id=village.id, group_name="三组", address="二组15号"
        )
        session.add(household)
        session.flush()
        hid = household.id
        session.add_all(
            [
                _person(hid, "张大山", "01", dt.date(1980, 5, 1), 1, female=False),
                _person(hid, "张二山", "01", dt.date(1982, 5, 1), 2, female=False),  # a second head
                _person(hid, "李小花", "10", dt.date(2007, 3, 1), 3, female=True),  # 18: under the legal age
                _person(hid, "张老大", "20", dt.date(1978, 1, 1), 4, female=False),  # older than the head
                _person(hid, "张小妹", "30", dt.date(1990, 1, 1), 5, female=True),  # 10 years after the head
                _person(hid, "张孙", "40", dt.date(2000, 1, 1), 6, female=False),  # 20 years after the head
                _person(hid, "张父", "50", dt.date(1990, 6, 1), 7, female=False),  # younger than the head
                _person(hid, "张祖", "60", dt.date(1995, 1, 1), 8, female=False),  # younger than the parent
            ]
        )
    report = check_service.check(db, today=TODAY)
    warnings = _plausibility_warnings(report)
    text = "\n".join(warnings)
    assert "[户] 户编号 H-BAD：与户主关系：一户有 2 个户主（张大山、张二山）" in text, text
    assert "[户] 户编号 H-BAD：住址：村民小组和住址中出现了 2 个“组”（三组、二组）" in text
    assert "户编号 H-BAD 李小花：出生日期：李小花已婚（户内有配偶），但只有 18 岁，不到法定婚龄 20 岁" in text
    assert "户编号 H-BAD 张老大：出生日期：张老大是户主张大山的儿子，却比张大山年长或同岁" in text
    assert "户编号 H-BAD 张小妹：出生日期：张小妹是户主张大山的女儿，两人只相差 9 岁" in text
    assert "户编号 H-BAD 张孙：出生日期：张孙是户主张大山的孙辈，两人只相差 19 岁" in text
    assert "户编号 H-BAD 张父：出生日期：张父登记为户主张大山的父母，却不比户主年长" in text
    assert "户编号 H-BAD 张祖：出生日期：祖父母张祖不比父母张父年长" in text
    assert all(not re.search(r"[A-Za-z_]{2,}", w.replace("H-BAD", "")) for w in warnings), warnings
    # Warnings only: the check passes, and ``yulu check`` keeps its exit code.
    assert not [p for p in report.errors if p.entity == "household"]


def test_yulu_check_lists_the_warnings_and_keeps_its_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("YULU_DB_KEY", "test-key-for-the-cli-1")
    path = tmp_path / "cli.db"
    assert main(["--db", str(path), "demo", "--households", "5", "--seed", "2"]) == 0
    with Database.open(path, "test-key-for-the-cli-1") as db, db.write_connection() as conn:
        conn.exec_driver_sql("UPDATE household SET address = '五组8号' WHERE rowid = 1")
    capsys.readouterr()
    assert main(["--db", str(path), "check"]) == 0
    out = capsys.readouterr().out
    assert "提醒 [户] 户编号" in out and "出现了 2 个“组”" in out
    assert "0 个错误，1 个提醒" in out


def test_findings_of_a_plausible_household_are_none() -> None:
    members = [
        Member("h", "户主", "01", dt.date(1970, 1, 1), "M"),
        Member("s", "配偶", "10", dt.date(1972, 1, 1), "F"),
        Member("c", "子", "20", dt.date(1995, 1, 1), "M"),
        Member("g", "孙", "40", dt.date(2020, 1, 1), "M"),
        Member("p", "父", "50", dt.date(1945, 1, 1), "M"),
        Member("gp", "祖", "60", dt.date(1920, 1, 1), "M"),
    ]
    assert household_findings(members, group_name="3组", address="15号", today=TODAY) == []
    assert household_findings(members, group_name="", address="三组15号", today=TODAY) == []
