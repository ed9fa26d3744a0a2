"""户籍登记: registering households and members, and life events with their history (services.households)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from yulu_desktop.domain import household_changes as hc
from yulu_desktop.domain.entities import Household, OrgUnit, Person, Visit
from yulu_desktop.domain.errors import ValidationFailed
from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.services import households, records
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database

TODAY = date(2026, 12, 5)
ACTOR = "李书记"


def _villages(db: Database) -> tuple[str, str]:
    with db.write() as session:
        county = records.ensure_org_unit(session, "500229", "城口县", "county", None)
        town = records.ensure_org_unit(session, "500229101", "庙坝镇", "township", county)
        a = records.ensure_org_unit(session, "500229101201", "红岩村", "village", town)
        b = records.ensure_org_unit(session, "500229101202", "石坪村", "village", town)
        return a.id, b.id


def _id(year: int, seq: int) -> str:
    return make_id_number("500229", date(year, 3, 4), seq)


def _register(db: Database, village_id: str, number: str, head: str, id_number: str) -> tuple[str, str]:
    household = Household(household_no=number, village_id=village_id, household_type="tuopin")
    person = Person(household_id="", name=head, id_number=id_number)
    households.register_household(db, household, person, actor=ACTOR, today=TODAY)
    return household.id, person.id


@pytest.fixture
def village(db: Database) -> dict[str, Any]:
    a, b = _villages(db)
    household_id, head_id = _register(db, a, "500229101201" + "00001", "张大山", _id(1970, 11))
    wife = Person(household_id=household_id, name="李秀英", id_number=_id(1972, 22), relationship="10")
    son = Person(household_id=household_id, name="张坤", id_number=_id(2005, 31), relationship="20")
    for member in (wife, son):
        households.add_member(db, member, actor=ACTOR, today=TODAY)
    return {"a": a, "b": b, "household": household_id, "head": head_id, "wife": wife.id, "son": son.id}


def _person(db: Database, person_id: str) -> Person:
    with db.read() as session:
        person = session.get(Person, person_id)
        assert person is not None
        return person


def test_register_household_writes_household_head_and_history_in_one_go(db: Database) -> None:
    a, _b = _villages(db)
    household_id, head_id = _register(db, a, "50022910120100001", "张大山", _id(1970, 11))
    head = _person(db, head_id)
    assert (head.household_id, head.relationship, head.sex, head.birth_date) == (
        household_id,
        "01",
        "M",
        date(1970, 3, 4),
    )
    [line] = households.history(db, head_id)
    assert (line.kind, line.to_place, line.recorded_by) == ("register", "红岩村 50022910120100001户", ACTOR)
    with db.read_connection() as conn:
        entities = {e.entity for e in journal.pending_entries(conn, limit=100)}
    assert {"household", "person", "membership_change"} <= entities


def test_a_bad_head_writes_nothing(db: Database) -> None:
    a, _b = _villages(db)
    with pytest.raises(ValidationFailed) as failed:
        _register(db, a, "5002291012010000１", "张大山", "500229197003041234")
    message = failed.value.text()
    assert "户编号" in message and "身份证号" in message
    with db.read_connection() as conn:
        assert conn.execute(text("SELECT count(*) FROM household")).scalar_one() == 0


def test_same_id_number_anywhere_is_refused_naming_the_person(db: Database, village: dict[str, Any]) -> None:
    other, _ = _register(db, village["b"], "50022910120200001", "王五", _id(1980, 51))
    again = Person(household_id=other, name="张坤", id_number=_id(2005, 31), relationship="20")
    with pytest.raises(ValidationFailed) as failed:
        households.add_member(db, again, actor=ACTOR, today=TODAY)
    assert "已登记为张坤（红岩村 50022910120100001户）" in failed.value.text()


def test_second_head_is_refused(db: Database, village: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed, match="该户已有户主（张大山）"):
        households.add_member(
            db,
            Person(household_id=village["household"], name="张三", relationship="01"),
            actor=ACTOR,
            today=TODAY,
        )


def test_birth_without_id_number_needs_a_date_and_records_the_birth(
    db: Database, village: dict[str, Any]
) -> None:
    baby = Person(household_id=village["household"], name="张小宝", relationship="40")
    with pytest.raises(ValidationFailed, match="出生日期：没有身份证号时请填写出生日期"):
        households.add_member(db, baby, kind="birth", actor=ACTOR, today=TODAY)
    baby = Person(
        household_id=village["household"], name="张小宝", relationship="40", birth_date=date(2026, 11, 1)
    )
    households.add_member(db, baby, kind="birth", actor=ACTOR, today=TODAY)
    [line] = households.history(db, baby.id)
    assert (line.kind, line.happened_on) == ("birth", date(2026, 11, 1))


def test_marry_in_from_outside_keeps_where_from(db: Database, village: dict[str, Any]) -> None:
    bride = Person(household_id=village["household"], name="陈梅", id_number=_id(2004, 42), relationship="99")
    households.add_member(
        db,
        bride,
        kind="marry_in",
        happened_on=date(2026, 10, 1),
        from_place="巫溪县某村",
        actor=ACTOR,
        today=TODAY,
    )
    [line] = households.history(db, bride.id)
    assert (line.kind_label, line.from_place) == ("婚入", "巫溪县某村")


def test_split_makes_a_new_household_with_its_head_and_history(db: Database, village: dict[str, Any]) -> None:
    visit = Visit(
        household_id=village["household"],
        person_id=village["son"],
        visit_date=date(2026, 9, 1),
        visitor_name="李书记",
        visitor_role="resident_cadre",
    )
    records.record_visit(db, visit, actor=ACTOR, today=TODAY)
    with pytest.raises(ValidationFailed, match="新户的户主必须是分出的成员之一"):
        households.split_household(
            db,
            village["household"],
            [village["son"]],
            village["wife"],
            "50022910120100002",
            happened_on=TODAY,
            actor=ACTOR,
        )
    new_id = households.split_household(
        db,
        village["household"],
        [village["son"]],
        village["son"],
        "50022910120100002",
        happened_on=date(2026, 12, 1),
        actor=ACTOR,
        today=TODAY,
    )
    son = _person(db, village["son"])
    assert (son.household_id, son.relationship) == (new_id, "01")
    [line] = [line for line in households.history(db, son.id) if line.kind == "split"]
    assert (line.kind, line.from_place, line.to_place) == (
        "split",
        "红岩村 50022910120100001户",
        "红岩村 50022910120100002户",
    )
    with db.read() as session:
        moved = session.get(Visit, visit.id)
        assert moved is not None and moved.household_id == new_id


def test_split_cannot_take_everyone_or_reuse_a_number(db: Database, village: dict[str, Any]) -> None:
    everyone = [village["head"], village["wife"], village["son"]]
    with pytest.raises(ValidationFailed, match="不能把全户成员都分出去"):
        households.split_household(
            db,
            village["household"],
            everyone,
            village["son"],
            "50022910120100009",
            happened_on=TODAY,
            actor=ACTOR,
            today=TODAY,
        )
    with pytest.raises(ValidationFailed, match="户编号：“50022910120100001”已被其他记录使用"):
        households.split_household(
            db,
            village["household"],
            [village["son"]],
            village["son"],
            "50022910120100001",
            happened_on=TODAY,
            actor=ACTOR,
            today=TODAY,
        )


def test_head_leaving_needs_a_new_head(db: Database, village: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed, match="张大山是户主，请从留在户内的成员中选定新户主"):
        households.leave(db, village["head"], "death", happened_on=TODAY, actor=ACTOR, today=TODAY)
    households.leave(
        db, village["head"], "death", happened_on=TODAY, new_head_id=village["wife"], actor=ACTOR, today=TODAY
    )
    head, wife = _person(db, village["head"]), _person(db, village["wife"])
    assert (head.status, head.relationship, wife.relationship) == ("deceased", "99", "01")
    with pytest.raises(ValidationFailed, match="人员状态是“死亡”，不能再办理变动"):
        households.leave(
            db, village["head"], "cancel", happened_on=TODAY, note="重复", actor=ACTOR, today=TODAY
        )


def test_marry_out_and_cancel_need_their_words(db: Database, village: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed, match="迁往何处"):
        households.leave(db, village["son"], "marry_out", happened_on=TODAY, actor=ACTOR, today=TODAY)
    with pytest.raises(ValidationFailed, match="原因说明：注销必须写明原因"):
        households.leave(db, village["son"], "cancel", happened_on=TODAY, actor=ACTOR, today=TODAY)
    households.leave(
        db, village["son"], "marry_out", happened_on=TODAY, to_place="城口县某村", actor=ACTOR, today=TODAY
    )
    assert _person(db, village["son"]).status == "moved_out"
    assert (
        households.history(db, village["son"])[-1]
        .text()
        .endswith("婚出  红岩村 50022910120100001户 → 城口县某村")
    )


def test_move_member_to_another_village_takes_visits_along(db: Database, village: dict[str, Any]) -> None:
    other, _ = _register(db, village["b"], "50022910120200001", "王五", _id(1980, 51))
    visit = Visit(
        household_id=village["household"],
        person_id=village["son"],
        visit_date=date(2026, 9, 1),
        visitor_name="李书记",
        visitor_role="resident_cadre",
    )
    records.record_visit(db, visit, actor=ACTOR, today=TODAY)
    with pytest.raises(ValidationFailed, match="迁入的户就是现在所在的户"):
        households.move_member(
            db, village["son"], village["household"], happened_on=TODAY, actor=ACTOR, today=TODAY
        )
    households.move_member(
        db, village["son"], other, happened_on=TODAY, relationship="70", actor=ACTOR, today=TODAY
    )
    son = _person(db, village["son"])
    assert (son.household_id, son.relationship) == (other, "70")
    with db.read() as session:
        assert session.get(Visit, visit.id).household_id == other  # type: ignore[union-attr]
    line = households.history(db, son.id)[-1]
    assert (
        line.text() == f"{TODAY.isoformat()}  迁出  红岩村 50022910120100001户 → 石坪村 50022910120200001户"
    )


def test_move_household_to_another_village(db: Database, village: dict[str, Any]) -> None:
    households.move_household(
        db, village["household"], village["b"], happened_on=TODAY, actor=ACTOR, today=TODAY
    )
    with db.read() as session:
        assert session.get(Household, village["household"]).village_id == village["b"]  # type: ignore[union-attr]
    for person_id in (village["head"], village["wife"], village["son"]):
        line = households.history(db, person_id)[-1]
        assert (line.from_place, line.to_place) == (
            "红岩村 50022910120100001户",
            "石坪村 50022910120100001户",
        )
    with pytest.raises(ValidationFailed, match="迁入的村就是现在所在的村"):
        households.move_household(
            db, village["household"], village["b"], happened_on=TODAY, actor=ACTOR, today=TODAY
        )


def test_suggested_household_number_follows_the_highest(db: Database, village: dict[str, Any]) -> None:
    assert households.suggest_household_no(db, village["a"]) == "50022910120100002"
    assert hc.suggest_household_no("500229101202", set()) == "50022910120200001"
    assert hc.household_no_issues("12 34")[0].text() == "户编号：户编号只能是数字和字母，不能含有“ ”"


def test_members_list_shows_status(db: Database, village: dict[str, Any]) -> None:
    households.leave(
        db, village["son"], "move_out", happened_on=TODAY, to_place="重庆市", actor=ACTOR, today=TODAY
    )
    labels = [m.label for m in households.household_members(db, village["household"])]
    assert labels == ["张大山（本人）", "李秀英（配偶）", "张坤（子）［迁出］"]
    assert isinstance(OrgUnit, type)
