"""The FTS5 trigram search index follows person and household changes through its triggers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from yulu_desktop.domain.entities import Household, Person
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database


def terms(db: Database, person_id: str) -> str | None:
    with db.read_connection() as conn:
        value = conn.execute(
            text("SELECT terms FROM person_search WHERE person_id = :id"), {"id": person_id}
        ).scalar()
    return None if value is None else str(value)


def test_index_follows_inserts_updates_and_deletes(db: Database, sample_graph: dict[str, Any]) -> None:
    person = sample_graph["person"]
    assert " 11010519491231002X " in (terms(db, person.id) or "")
    with db.write() as session:
        stored = session.get(Person, person.id)
        assert stored is not None
        stored.search_key = "张坤 zhangkun zk"
        stored.phone = "13800138000"
        session.get(Household, sample_graph["household"].id).household_no = "H-NEW"  # type: ignore[union-attr]
    after = terms(db, person.id) or ""
    assert " zk " in after and " 13800138000 " in after and " H-NEW " in after
    with db.read_connection() as conn:
        found = (
            conn.execute(text("SELECT person_id FROM person_search WHERE terms LIKE '% zhangk%'"))
            .scalars()
            .all()
        )
    assert found == [person.id]
    with db.write() as session:
        session.delete(session.get(Person, person.id))
    assert terms(db, person.id) is None


def test_index_is_dropped_with_the_schema_and_rebuilt(db: Database, sample_graph: dict[str, Any]) -> None:
    migrate.downgrade(db, "base")
    with db.read_connection() as conn:
        assert (
            conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name LIKE 'person_search%'")).scalar()
            == 0
        )
    migrate.upgrade(db)
    with db.read_connection() as conn:
        assert (
            conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'person_search'")).scalar()
            == 1
        )


def test_index_is_refilled_when_rowids_no_longer_pair(db: Database, sample_graph: dict[str, Any]) -> None:
    """VACUUM may renumber person rowids; installing the index again puts it back in step."""
    from yulu_desktop.store import search_index

    person = sample_graph["person"]
    with db.write_connection() as conn:
        conn.execute(text("UPDATE person_search SET rowid = rowid + 1000"))
        assert not search_index.in_step(conn)
        search_index.install(conn)
        assert search_index.in_step(conn)
    assert " 11010519491231002X " in (terms(db, person.id) or "")


def test_an_index_of_the_older_layout_is_built_again(db: Database, sample_graph: dict[str, Any]) -> None:
    """An index made before single characters were indexed (no layout version) is replaced on install."""
    from yulu_desktop.store import search_index

    person = sample_graph["person"]
    with db.write_connection() as conn:
        conn.execute(text("DROP TABLE person_search_version"))
        conn.execute(text("UPDATE person_search SET terms = ' 张坤 '"))
        search_index.install(conn)
        assert conn.execute(text("SELECT version FROM person_search_version")).scalar_one() == (
            search_index.LAYOUT_VERSION
        )
    assert " |张|坤| " in (terms(db, person.id) or "")


def test_a_renamed_person_is_indexed_under_the_new_name(db: Database, sample_graph: dict[str, Any]) -> None:
    """A pull renames a person without touching the local-only search key: the name itself is indexed."""
    person = sample_graph["person"]
    with db.write_connection() as conn:
        conn.execute(text("UPDATE person SET name = '李淼' WHERE id = :id"), {"id": person.id})
    after = terms(db, person.id) or ""
    assert " 李淼 " in after and "|李|淼|" in after and "张" not in after
