"""People search: every kind of query finds the right people from the index, ranked as documented, masked."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, text

from yulu_desktop.domain.entities import Household, OrgUnit, Person
from yulu_desktop.domain.pinyin import search_key
from yulu_desktop.services import search
from yulu_desktop.store.database import Database

ZHANG_KUN_ID = "500229200703150012"
OTHER_ID = "500229199001011234"


def add_people(db: Database, village_id: str, people: list[dict[str, Any]]) -> list[str]:
    with db.read_connection() as conn:
        households = conn.execute(text("SELECT count(*) FROM household")).scalar_one()
    # Letters only: the household number must not match the digit queries below.
    household = Household(household_no="H-TEST-" + chr(ord("A") + households), village_id=village_id)
    rows = []
    for fields in people:
        fields.setdefault("search_key", search_key(fields["name"]))
        rows.append(Person(household_id=household.id, relationship="20", **fields))
    with db.write() as session:
        session.add(household)
        session.flush()
        session.add_all(rows)
    return [row.id for row in rows]


@pytest.fixture
def people(db: Database, sample_graph: dict[str, Any]) -> dict[str, str]:
    village = sample_graph["village"]
    names = [
        {"name": "张坤", "id_number": ZHANG_KUN_ID, "phone": "13812348000"},
        {"name": "曾坤", "id_number": OTHER_ID},
        {"name": "赵春生"},
        {"name": "欧阳小鑫"},
        {"name": "李鼎"},
        {"name": "王小红", "phone": "13900001357"},
        {"name": "刘小红", "id_number": "500229200812011357"},
    ]
    ids = add_people(db, village.id, names)
    return {fields["name"]: person_id for fields, person_id in zip(names, ids, strict=True)}


def names(db: Database, query: str, **options: Any) -> list[str]:
    return [hit.name for hit in search.search(db, query, **options)]


@pytest.fixture
def statements(db: Database) -> Iterator[list[str]]:
    """The SQL statements the search runs (to prove a query is answered from the index, not by a scan)."""
    seen: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)


def test_initials_with_zh_ch_sh_find_the_person_and_short_initials_keep_working(
    db: Database, people: dict[str, str]
) -> None:
    assert "张坤" in names(db, "zhk")
    assert "曾坤" not in names(db, "zhk")  # 曾 is zeng: no zh
    assert {"张坤", "曾坤"} <= set(names(db, "zk"))
    for typed in ("zcs", "zhchsh", "zhcs", "zchs", "zhch"):
        assert names(db, typed) == ["赵春生"], typed


def test_a_rare_character_is_found_anywhere_in_the_name_from_the_index(
    db: Database, people: dict[str, str], statements: list[str]
) -> None:
    assert names(db, "鑫") == ["欧阳小鑫"]
    assert names(db, "鼎") == ["李鼎"]
    assert names(db, "阳") == ["欧阳小鑫"]
    assert names(db, "小鑫") == ["欧阳小鑫"]  # two characters in the middle of a name
    assert names(db, "阳小鑫") == ["欧阳小鑫"]
    assert set(names(db, "小红")) == {"王小红", "刘小红"}
    assert names(db, "鑫鼎") == []
    searched = [s for s in statements if "FROM person" in s and "LIKE" in s]
    assert searched and all("person_search s CROSS JOIN person p" in s for s in searched), searched


def test_one_character_ranks_names_starting_with_it_first(db: Database, people: dict[str, str]) -> None:
    add_people(db, db_village(db), [{"name": "坤宁"}])
    found = names(db, "坤")
    assert found[0] == "坤宁" and set(found[1:]) == {"张坤", "曾坤"}


def test_an_id_fragment_in_the_middle_finds_the_person(db: Database, people: dict[str, str]) -> None:
    assert names(db, ZHANG_KUN_ID[4:13]) == ["张坤"]
    assert names(db, ZHANG_KUN_ID[6:10]) == ["张坤"]  # the birth year
    assert names(db, "5002292007031") == ["张坤"]
    assert names(db, "50022920070315001299") == []


def test_digits_at_the_end_of_a_number_rank_first(db: Database, people: dict[str, str]) -> None:
    # "1357" ends 王小红's phone and 刘小红's ID number; inside 曾坤's? no. Both come before middle matches.
    found = names(db, "1357")
    assert set(found[:2]) == {"王小红", "刘小红"}
    assert names(db, "200812") == ["刘小红"]  # inside an ID number only
    # More matches than the limit: the ending matches are still the ones shown.
    assert names(db, "1357", limit=1)[0] in {"王小红", "刘小红"}


def test_a_digit_query_inside_and_at_the_end_ranks_the_end_first(
    db: Database, people: dict[str, str]
) -> None:
    village_id = db_village(db)
    add_people(db, village_id, [{"name": "周末", "id_number": "500229201801234569"}])  # 01234 inside
    add_people(db, village_id, [{"name": "吴尾", "phone": "13700001234"}])  # 01234 at the end
    assert names(db, "01234") == ["吴尾", "周末"]
    assert names(db, "01234", limit=1) == ["吴尾"]
    # A long fragment inside several ID numbers, at the end of one phone number: that phone comes first.
    add_people(
        db, village_id, [{"name": "孙尾", "phone": "13150022920"}, {"name": "郑误", "phone": "13199022920"}]
    )
    assert names(db, "50022920", limit=2)[0] == "孙尾"
    assert names(db, "50022920")[0] == "孙尾"
    assert "郑误" not in names(db, "50022920")  # ends with its last six digits only


def db_village(db: Database) -> str:
    with db.read_connection() as conn:
        return str(conn.execute(text("SELECT id FROM org_unit WHERE level = 'village'")).scalar_one())


def test_results_stay_masked(db: Database, people: dict[str, str]) -> None:
    for query in ("zhk", ZHANG_KUN_ID[4:13], "8000", "张坤"):
        [hit] = [h for h in search.search(db, query) if h.person_id == people["张坤"]]
        assert hit.id_number_masked == "500229********0012"
        assert hit.phone_masked == "138****8000"
        shown = " ".join(str(value) for value in dataclasses.astuple(hit))
        assert ZHANG_KUN_ID not in shown and "13812348000" not in shown


def test_search_stays_within_the_scope(
    db: Database, people: dict[str, str], sample_graph: dict[str, Any]
) -> None:
    other = OrgUnit(
        code="500229101202", name="石坪村", level="village", parent_id=sample_graph["org_unit"].id
    )
    with db.write() as session:
        session.add(other)
    add_people(db, other.id, [{"name": "张鑫", "id_number": "500229201001011239"}])
    village = sample_graph["village"].id
    assert set(names(db, "鑫")) == {"欧阳小鑫", "张鑫"}
    assert names(db, "鑫", org_unit_id=village) == ["欧阳小鑫"]
    assert names(db, "2010010112", org_unit_id=village) == []
    assert names(db, "2010010112", org_unit_id=other.id) == ["张鑫"]


def test_a_person_without_a_search_key_is_found_by_name(db: Database, people: dict[str, str]) -> None:
    """People received from the county arrive without the local-only key; their name is still indexed."""
    add_people(db, db_village(db), [{"name": "钱多鑫", "search_key": ""}])
    assert names(db, "多鑫") == ["钱多鑫"]
    assert "钱多鑫" in names(db, "鑫")


def test_renaming_a_person_reindexes_the_name(db: Database, people: dict[str, str]) -> None:
    with db.write_connection() as conn:
        conn.execute(text("UPDATE person SET name = '李淼' WHERE id = :id"), {"id": people["李鼎"]})
    assert names(db, "淼") == ["李淼"]
    assert names(db, "鼎") == []
