"""List pages read with keyset paging (issue 20): every list, in every order and filter, walked page by page
after the last row's key gives the whole list once, in the order of one big read, with many ties; counts equal
the true number of rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from yulu_desktop.services import lists
from yulu_desktop.services.demo import generate_demo
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database

PASSPHRASE = "keyset-test-1"
VOID = "voided_on = '2026-07-20', void_reason = '录错', voided_by = '李明'"


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A small demo county bent to have ties everywhere the lists sort (read only by the tests)."""
    db = Database.open(tmp_path_factory.mktemp("keyset") / "county.db", PASSPHRASE, create=True)
    migrate.upgrade(db)
    generate_demo(db, households=40, seed=7)
    with db.write_connection() as conn:
        # Many people of one name (pinyin ties across households), visits with the same due and visit dates,
        # some open follow-ups, voided visits and jobs (the demo gives jobs few dates), and unplaced graduates.
        conn.execute(
            text("UPDATE person SET name = '张伟', search_key = '张伟 zhangwei zw' WHERE rowid % 3 = 0")
        )
        conn.execute(text("UPDATE visit SET visit_date = '2026-03-01' WHERE rowid % 2 = 0"))
        conn.execute(
            text(
                "UPDATE visit SET follow_up = '送资料', follow_up_due = '2026-04-01', follow_up_done_on = NULL "
                "WHERE rowid % 4 = 1"
            )
        )
        conn.execute(text(f"UPDATE visit SET {VOID} WHERE rowid % 5 = 0"))
        conn.execute(text(f"UPDATE employment_record SET {VOID} WHERE rowid % 4 = 0"))
        conn.execute(
            text(
                "UPDATE enrollment SET registry_status = 'graduated' WHERE id IN (SELECT e.id FROM enrollment e "
                "WHERE NOT EXISTS (SELECT 1 FROM enrollment l WHERE l.person_id = e.person_id AND "
                "l.school_year > e.school_year) AND e.semester = 'spring' AND e.rowid % 2 = 0)"
            )
        )
    yield db
    db.close()


def _walk(db: Database, kind: str, query: lists.ListQuery, page: int) -> list[lists.ListRow]:
    rows: list[lists.ListRow] = []
    after: tuple[Any, ...] | None = None
    while True:
        batch = lists.fetch(db, kind, query, after=after, limit=page)
        assert len(batch) <= page
        rows += batch
        if len(batch) < page:
            return rows
        after = batch[-1].key


def _scalars(db: Database, sql: str) -> list[Any]:
    with db.read_connection() as conn:
        return list(conn.execute(text(sql)).scalars())


def _village(db: Database) -> str:
    return str(_scalars(db, "SELECT village_id FROM household ORDER BY household_no LIMIT 1")[0])


def _queries(db: Database, kind: str) -> list[lists.ListQuery]:
    queries = [
        lists.ListQuery(),
        lists.ListQuery(org_unit_id=_village(db)),
        lists.ListQuery(text="张伟"),
        lists.ListQuery(text="zw", org_unit_id=_village(db)),
    ]
    for column in lists.columns(kind)[:4]:
        queries += [lists.ListQuery(sort=column.key), lists.ListQuery(sort=column.key, descending=True)]
    if kind == "visits":
        queries += [lists.ListQuery(open_follow_ups_only=True), lists.ListQuery(sort="follow_up_due")]
    if kind == "students":
        queries += [lists.ListQuery(term=key) for key, _ in lists.student_terms(db)]
    if kind == "graduates":
        queries += [lists.ListQuery(sort="effective_date", descending=True)]
    return queries


@pytest.mark.parametrize("kind", lists.LIST_KINDS)
def test_pages_after_the_last_key_give_the_whole_list_once_in_order(county: Database, kind: str) -> None:
    for query in _queries(county, kind):
        whole = lists.fetch(county, kind, query, limit=100_000)
        ids = [row.id for row in whole]
        assert len(set(ids)) == len(ids), f"{kind} {query}: a row twice"
        assert lists.count(county, kind, query) == len(whole), f"{kind} {query}"
        for page in (1, 3, 17):
            assert [row.id for row in _walk(county, kind, query, page)] == ids, f"{kind} {query} by {page}"
        # The old way of asking (rows skipped by number) still gives the same rows.
        assert [row.id for row in lists.fetch(county, kind, query, offset=5, limit=4)] == ids[5:9]
    assert lists.fetch(county, kind, limit=1000), f"the test county has {kind}"


@pytest.mark.parametrize("kind", lists.LIST_KINDS)
def test_pages_before_a_key_give_the_rows_above_it_in_order(county: Database, kind: str) -> None:
    """A view scrolled back up asks for the rows above its first row (``before``): walking up from the end a
    page at a time gives the whole list again, in order, for every order and filter (NULLs, ties, parts)."""
    for query in _queries(county, kind):
        whole = lists.fetch(county, kind, query, limit=100_000)
        ids = [row.id for row in whole]
        for page in (1, 4, 13):
            walked: list[str] = [ids[-1]] if ids else []
            while walked:
                first = whole[len(ids) - len(walked)].key
                batch = lists.fetch(county, kind, query, before=first, limit=page)
                assert len(batch) <= page
                walked = [row.id for row in batch] + walked
                if len(batch) < page:
                    break
            assert walked == ids, f"{kind} {query} by {page}"
        for number in range(0, len(whole), max(len(whole) // 7, 1)):
            above = lists.fetch(county, kind, query, before=whole[number].key, limit=5)
            assert [row.id for row in above] == ids[max(number - 5, 0) : number], (
                f"{kind} {query} at {number}"
            )


def test_lists_hold_exactly_their_rows(county: Database) -> None:
    assert {r.id for r in lists.fetch(county, "visits", limit=100_000)} == set(
        _scalars(county, "SELECT id FROM visit WHERE voided_on IS NULL")
    )
    assert {r.id for r in lists.fetch(county, "people", limit=100_000)} == set(
        _scalars(county, "SELECT id FROM person")
    )
    assert {r.id for r in lists.fetch(county, "intents", limit=100_000)} == set(
        _scalars(county, "SELECT id FROM intent")
    )
    assert {r.id for r in lists.fetch(county, "students", limit=100_000)} == set(
        _scalars(county, "SELECT id FROM enrollment")
    )
    placed = set(_scalars(county, "SELECT person_id FROM employment_record WHERE voided_on IS NULL"))
    graduated = set(
        _scalars(
            county,
            "SELECT e.person_id FROM enrollment e WHERE e.registry_status = 'graduated' AND NOT EXISTS "
            "(SELECT 1 FROM enrollment l WHERE l.person_id = e.person_id AND l.school_year > e.school_year)",
        )
    )
    assert graduated - placed, "the test county has unplaced graduates"
    graduates = lists.fetch(county, "graduates", limit=100_000)
    assert {r.person_id for r in graduates} == placed | graduated
    assert lists.count(county, "graduates") == len(placed | graduated)
    voided = set(_scalars(county, "SELECT id FROM visit WHERE voided_on IS NOT NULL"))
    assert voided and not voided & {r.id for r in lists.fetch(county, "visits", limit=100_000)}


def test_natural_orders(county: Database) -> None:
    people = lists.fetch(county, "people", limit=100_000)
    with county.read_connection() as conn:
        expected = [
            row[0]
            for row in conn.execute(
                text(
                    "SELECT p.id FROM person p JOIN household h ON h.id = p.household_id "
                    "ORDER BY h.household_no, p.relationship, p.id"
                )
            )
        ]
        intents = [
            row[0]
            for row in conn.execute(
                text(
                    "SELECT i.id FROM intent i JOIN person p ON p.id = i.person_id ORDER BY "
                    "lower(substr(p.search_key, instr(p.search_key, ' ') + 1)), p.id, i.recorded_on DESC, i.id"
                )
            )
        ]
        open_visits = set(
            conn.execute(
                text(
                    "SELECT id FROM visit WHERE voided_on IS NULL AND follow_up_due IS NOT NULL "
                    "AND follow_up_done_on IS NULL"
                )
            ).scalars()
        )
        (newest_year, newest_semester), *_ = (key.split("/") for key, _ in lists.student_terms(county))
        newest = set(
            conn.execute(
                text("SELECT id FROM enrollment WHERE school_year = :y AND semester = :s"),
                {"y": newest_year, "s": newest_semester},
            ).scalars()
        )
    assert [r.id for r in people] == expected
    assert [r.id for r in lists.fetch(county, "intents", limit=100_000)] == intents
    visits = [r.id for r in lists.fetch(county, "visits", limit=100_000)]
    assert open_visits and set(visits[: len(open_visits)]) == open_visits  # open follow-ups first
    graduates = lists.fetch(county, "graduates", limit=100_000)
    destination = [c.key for c in lists.columns("graduates")].index("destination")
    shown = [r.cells[destination] == lists.NO_DESTINATION for r in graduates]
    assert shown == sorted(shown, reverse=True)  # the unplaced first
    students = lists.fetch(county, "students", limit=100_000)
    assert newest and {r.id for r in students[: len(newest)]} == newest  # every term, the newest first


def test_a_filter_text_reads_students_of_every_term_in_one_query_in_the_list_order(county: Database) -> None:
    """With a filter text the every-term students page reads its matches once for all terms (a filtered page
    reads and sorts its matches; once per term cost 495 → 814 ms at 200,000 people), in the order of the
    unfiltered list: newest term first, then by name."""
    from sqlalchemy import event

    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(county.engine, "before_cursor_execute", record)
    try:
        filtered = lists.fetch(county, "students", lists.ListQuery(text="张伟"), limit=100_000)
    finally:
        event.remove(county.engine, "before_cursor_execute", record)
    assert len([s for s in statements if "FROM person p" in s]) == 1, statements
    matching = set(
        _scalars(
            county,
            "SELECT e.id FROM enrollment e JOIN person p ON p.id = e.person_id WHERE p.name = '张伟'",
        )
    )
    everything = lists.fetch(county, "students", limit=100_000)
    assert len(lists.student_terms(county)) > 1 and matching
    assert [row.id for row in filtered] == [row.id for row in everything if row.id in matching]
