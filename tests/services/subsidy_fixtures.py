"""A small county for the payment and ledger tests: 城口县 with two townships, three villages and students whose
applications are already at a chosen state (written straight through the ORM, so these tests do not depend on
the whole cycle; the cycle itself is covered by tests/sync/test_subsidy_cycle_end_to_end.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import text

from yulu_desktop.domain.entities import (
    Enrollment,
    Household,
    OrgUnit,
    Person,
    SubsidyApplication,
    SubsidySetting,
)
from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database

TERM = "2025-autumn"


@dataclass
class County:
    county: OrgUnit
    townships: dict[str, OrgUnit] = field(default_factory=dict)
    villages: dict[str, OrgUnit] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    applications: dict[str, SubsidyApplication] = field(default_factory=dict)


def set_role(db: Database, role: str, name: str = "王县") -> None:
    """Enroll the laptop as a cadre with ``role`` (what sync enrollment writes)."""
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, :u, :n, :r) "
                "ON CONFLICT (id) DO UPDATE SET cadre_username = :u, cadre_name = :n, cadre_role = :r"
            ),
            {"u": f"user-{role}", "n": name, "r": role},
        )


#: (village key, name, state, amount fen, account)
STUDENTS: tuple[tuple[str, str, str, int, str], ...] = (
    ("hongyan", "张坤", "county_approved", 150000, "6217000000000000011"),
    ("hongyan", "李娜", "county_approved", 150000, "6217000000000000029"),
    ("hongyan", "王强", "announced", 200000, "6217000000000000037"),
    ("shiping", "赵敏", "county_approved", 150000, "6217000000000000045"),
    ("shiping", "孙磊", "township_reviewed", 150000, "6217000000000000052"),
    ("sancha", "周杰", "applied", 150000, "6217000000000000060"),
)


#: Students of the term without an application: (village key, name, household type).
NOT_APPLIED: tuple[tuple[str, str, str], ...] = (
    ("hongyan", "陈晨", "jiance"),  # eligible
    ("sancha", "刘洋", "yiban"),  # 一般户: not eligible, so not on the list
)


def build_county(
    db: Database,
    students: tuple[tuple[str, str, str, int, str], ...] = STUDENTS,
    not_applied: tuple[tuple[str, str, str], ...] = NOT_APPLIED,
) -> County:
    county = OrgUnit(code="500229", name="城口县", level="county")
    miaoba = OrgUnit(code="500229101", name="庙坝镇", level="township", parent_id=county.id)
    gaoguan = OrgUnit(code="500229102", name="高观镇", level="township", parent_id=county.id)
    found = County(county=county, townships={"miaoba": miaoba, "gaoguan": gaoguan})
    found.villages = {
        "hongyan": OrgUnit(code="500229101201", name="红岩村", level="village", parent_id=miaoba.id),
        "shiping": OrgUnit(code="500229101202", name="石坪村", level="village", parent_id=miaoba.id),
        "sancha": OrgUnit(code="500229102201", name="三岔村", level="village", parent_id=gaoguan.id),
    }
    with db.write() as session:
        journal.set_author(session.connection(), "测试员")
        for unit in (county, miaoba, gaoguan, *found.villages.values()):
            session.add(unit)
            session.flush()
        session.add(
            SubsidySetting(
                county_code="500229",
                school_type="zhongzhuan",
                annual_amount_fen=300000,
                effective_from=date(2020, 1, 1),
            )
        )
        rows: list[tuple[str, str, str | None, int, str, str]] = [
            (v, name, state, amount, account, "tuopin") for v, name, state, amount, account in students
        ]
        rows += [(v, name, None, 0, "", kind) for v, name, kind in not_applied]
        for n, (village_key, name, state, amount, account, kind) in enumerate(rows, start=1):
            village = found.villages[village_key]
            household = Household(
                household_no=f"{village.code}{n:04d}",
                village_id=village.id,
                payee_name=f"{name}家长",
                payee_account=account,
                household_type=kind,
            )
            person = Person(
                household_id=household.id,
                name=name,
                id_number=make_id_number("500229", date(2007, 3, n), 10 + 2 * n),
                relationship="20",
            )
            enrollment = Enrollment(
                person_id=person.id,
                school_year="2025-2026",
                semester="autumn",
                school_name="重庆三峡职业学院",
                grade="2024级",
                school_type="zhongzhuan",
                entry_date=date(2024, 9, 1),
            )
            for record in (household, person, enrollment):
                session.add(record)
                session.flush()
            found.people[name] = person
            if state is None:
                continue
            application = SubsidyApplication(
                person_id=person.id,
                enrollment_id=enrollment.id,
                term=TERM,
                amount_fen=amount,
                payee_name=household.payee_name,
                payee_account=account,
                state=state,
                applied_on=date(2025, 9, 15),
                rule_version=0,
            )
            session.add(application)
            session.flush()
            found.applications[name] = application
    return found
