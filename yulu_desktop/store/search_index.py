"""The people search index: an FTS5 trigram table kept in step with ``person`` and ``household`` by triggers.

One row per person holds every searchable term between spaces — name, pinyin readings and initials
(``person.search_key``), ID number, phone, 人员编号 and 户编号 — so that ``LIKE '% zk%'`` (a reading starting
with zk), ``'%1234 %'`` (an ID or phone ending in 1234) and ``'%5002291%'`` (part of a 户编号) are answered
from the trigram index in milliseconds at county scale instead of scanning the person table.

Like the journal triggers, the index is derived from the live schema, not versioned by migrations: it is
(re)installed after every migration run, and filled from ``person`` when it is created.
"""

from __future__ import annotations

from sqlalchemy import Connection

TABLE = "person_search"

_TERMS = (
    "' ' || {p}.search_key || ' ' || coalesce({p}.id_number, '') || ' ' || {p}.phone || ' ' || "
    "coalesce({p}.person_no, '') || ' ' || coalesce((SELECT h.household_no FROM household h "
    "WHERE h.id = {p}.household_id), '') || ' '"
)

_TRIGGERS: tuple[str, ...] = (
    "CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN "
    f"INSERT INTO person_search (person_id, terms) VALUES (NEW.id, {_TERMS.format(p='NEW')}); END",
    "CREATE TRIGGER person_search_update AFTER UPDATE OF search_key, id_number, phone, person_no, household_id "
    f"ON person BEGIN UPDATE person_search SET terms = {_TERMS.format(p='NEW')} WHERE person_id = OLD.id; END",
    "CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN "
    "DELETE FROM person_search WHERE person_id = OLD.id; END",
    "CREATE TRIGGER person_search_household AFTER UPDATE OF household_no ON household BEGIN "
    f"UPDATE person_search SET terms = (SELECT {_TERMS.format(p='p')} FROM person p "
    "WHERE p.id = person_search.person_id) "
    "WHERE person_id IN (SELECT id FROM person WHERE household_id = NEW.id); END",
)


def is_index_object(name: str) -> bool:
    """Whether a schema object belongs to the index (FTS5 makes shadow tables ``person_search_*``)."""
    return name == TABLE or name.startswith(TABLE + "_")


def install(conn: Connection) -> None:
    """Create the index if it is missing (filling it from ``person``) and (re)create its triggers."""
    for statement in _TRIGGERS:
        trigger_name = statement.split()[2]
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger_name}")
    names = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master").fetchall()}
    if not {"person", "household"} <= names:
        if TABLE in names:
            conn.exec_driver_sql(f"DROP TABLE {TABLE}")
        return
    if TABLE not in names:
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5(person_id UNINDEXED, terms, tokenize='trigram')"
        )
        conn.exec_driver_sql(
            f"INSERT INTO {TABLE} (person_id, terms) SELECT p.id, {_TERMS.format(p='p')} FROM person p"
        )
    for statement in _TRIGGERS:
        conn.exec_driver_sql(statement)
