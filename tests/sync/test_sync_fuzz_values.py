"""Fuzz the field values of pushed entries (issue 13: "zero 5xx, zero stored values that a laptop cannot apply").

For every shared entity, hypothesis builds push entries — inserts, updates of existing records and updates of
records the server does not know — starting from a record a laptop would write and replacing some fields with
anything JSON can carry (objects, lists, huge strings, floats, booleans, nulls, wrong dates, valid-looking codes
of other fields, values that are unique elsewhere) or adding unknown fields or leaving required ones out. They go
up as signed requests of an enrolled village device or county device, through the real app on a loopback port.

Properties:

* every push is answered 200; every entry is acknowledged and answered applied / merged / lost, or quarantined
  with a non-empty reason (a bad entry never takes the batch down with it);
* every record the server then holds live passes ``adversary.laptop_problems`` (the shared checker
  ``record_check.value_problems`` once the app has it, and the laptop schema's types, lengths and required
  columns); no org unit is its own ancestor;
* at the end, laptops of the village and of the county pull everything and apply it: their syncs finish without
  an error and without a ``rejected_remote`` note, and hold what the server holds.

Modest example counts here; ``YULU_SOAK=1`` runs many more (``YULU_FUZZ_VALUES_EXAMPLES`` sets the number).
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from adversary import (
    Draft,
    Parents,
    Rogue,
    checker_name,
    columns_only,
    edit,
    insert,
    laptop_problems,
    org_unit_cycles,
    problems_of,
    record_differences,
    shared_columns,
    valid_values,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Boolean, Column, Date, DateTime, Integer, String, Text, select, text
from sync_helpers import COUNTY, VILLAGE_A, County, add_household, add_person, device_records

from yulu_desktop.domain import codes
from yulu_desktop.server import admin
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import OrgUnit, Record
from yulu_desktop.store.database import Database
from yulu_desktop.store.schema import SHARED_TABLES
from yulu_desktop.sync import record_check

SOAK = os.environ.get("YULU_SOAK", "") not in ("", "0")
EXAMPLES = int(os.environ.get("YULU_FUZZ_VALUES_EXAMPLES", "600" if SOAK else "45"))

#: Values that exist already (unique elsewhere), set up below.
BASE_HOUSEHOLD_NO = "H-BASE-0001"
BASE_PERSON_NO = "P-BASE-0001"
BASE_ID_NUMBER = "11010519491231002X"

ALL_CODES = sorted(
    {code for value in vars(codes).values() if isinstance(value, codes.CodeList) for code in value.labels}
)

JSON: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
HUGE = st.sampled_from(["x" * 100_000, "字" * 20_000, "1" * 41, "9" * 19, " " * 50])
LOOKALIKE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "null",
        "2025-09-01",
        "500229",
        "500229101201",
        BASE_HOUSEHOLD_NO,
        BASE_PERSON_NO,
        BASE_ID_NUMBER,
        "110105194912310021",
        "13800138000",
        "<script>",
        "'; DROP TABLE record; --",
        *ALL_CODES,
    ]
)
BAD_DATES = st.sampled_from(
    [
        "2025-02-30",
        "2025-13-01",
        "20250901",
        "2025/9/1",
        "2025-9-1",
        "2025年9月1日",
        "0000-00-00",
        "9999-12-31",
        "2025-09-01T00:00:00",
        "2025-09-01 10:00:00",
        "",
        "today",
    ]
)


def column_values(column: Column[Any]) -> st.SearchStrategy[Any]:
    """Values for one column: anything JSON, and values that look right for its type (some of them wrong)."""
    kind = column.type
    looks_right: st.SearchStrategy[Any]
    if isinstance(kind, Boolean):
        looks_right = st.sampled_from([0, 1, True, False, 2, -1, "1", "true", 0.5])
    elif isinstance(kind, Integer):
        looks_right = (
            st.integers(-(2**64), 2**64)
            | st.floats()
            | st.sampled_from(["12", "1e3", "", 2**63, -(2**63) - 1, 1.0])
        )
    elif isinstance(kind, Date):
        looks_right = st.dates().map(lambda d: d.isoformat()) | BAD_DATES | st.integers(0, 99999)
    elif isinstance(kind, DateTime):
        looks_right = st.datetimes().map(str) | BAD_DATES
    elif isinstance(kind, String | Text):
        length = getattr(kind, "length", None) or 60
        looks_right = (
            st.text(max_size=length)
            | st.text(min_size=length, max_size=length + 2)
            | st.text(alphabet="0123456789X", min_size=1, max_size=20)
            | LOOKALIKE_TEXT
        )
    else:
        looks_right = JSON
    return looks_right | JSON | HUGE | st.none()


def _column(entity: str, name: str) -> Column[Any]:
    return SHARED_TABLES[entity].columns[name]


@dataclass
class World:
    county: County
    laptop: Database
    village: Rogue
    county_device: Rogue
    parents: Parents
    #: One live record of each entity (an update target).
    existing: dict[str, str]
    village_path: str
    #: Valid records the server refused at set-up (reported at the end, after the fuzzing).
    refused: list[str]


def _setup(county: County) -> World:
    laptop, client = county.device("hongyan")
    assert client.sync_once().complete
    village_id = county.unit_id(VILLAGE_A)
    household = add_household(laptop, village_id, number=BASE_HOUSEHOLD_NO)
    person = add_person(laptop, household, person_no=BASE_PERSON_NO, id_number=BASE_ID_NUMBER)
    assert client.sync_once().complete
    village = Rogue.enroll(county.http, county.url, admin.issue_code(county.db, username="hongyan2"))
    county_device = Rogue.enroll(county.http, county.url, admin.issue_code(county.db, username="county"))
    parents = Parents(
        village_id=village_id, household_id=household, person_id=person, county_id=county.unit_id(COUNTY)
    )
    existing = {"org_unit": village_id, "household": household, "person": person}
    refused: list[str] = []
    # One valid record of every other entity, inserted by the village device (the county device for the
    # tables the county or a township writes): each must be applied, else the server refuses what a laptop
    # writes every day.
    for entity in SHARED_TABLES:
        if entity in existing:
            continue
        record_id = str(uuid.uuid4())
        county_written = record_check.COUNTY_OWNED | record_check.TOWNSHIP_OWNED
        device = county_device if entity in county_written else village
        values = valid_values(entity, parents)
        result = device.push([insert(entity, record_id, values)])
        assert problems_of(result) == []
        if result.sent[0].status != "applied":
            refused.append(f"{entity}: {result.sent[0].status} {result.sent[0].reason}")
        existing[entity] = record_id
        if entity == "enrollment":
            parents.enrollment_id = record_id
            parents.term = f"{values['school_year'][:4]}-{values['semester']}"
        if entity == "subsidy_application":
            parents.application_id = record_id
    with county.db.read() as session:
        path = session.scalars(select(OrgUnit.path).where(OrgUnit.id == village_id)).one()
    return World(county, laptop, village, county_device, parents, existing, path, refused)


def _live(server_db: ServerDatabase, entity: str, entity_id: str) -> dict[str, Any] | None:
    with server_db.read() as session:
        found = session.execute(
            select(Record.data, Record.deleted).where(Record.entity == entity, Record.entity_id == entity_id)
        ).first()
    if found is None or found[1]:
        return None
    # Sensitive fields are stored sealed (server.fieldcrypt): what a laptop receives is the opened value.
    return server_db.cipher.loads_fields(entity, found[0])


@st.composite
def entries(draw: st.DrawFn, world: World) -> Draft:
    entity = draw(st.sampled_from(sorted(SHARED_TABLES)))
    mode = draw(st.sampled_from(["insert", "update", "update_unknown_record"]))
    values = valid_values(entity, world.parents)
    names = [c.name for c in shared_columns(entity)]
    if mode == "update":
        values = {}  # only the changed fields
    for name in draw(st.sets(st.sampled_from(names), max_size=4, min_size=0 if mode != "update" else 1)):
        values[name] = draw(column_values(_column(entity, name)))
    for name in draw(st.sets(st.sampled_from(names), max_size=2)) if mode != "update" else ():
        values.pop(name, None)  # a required field left out, perhaps
    for _ in range(draw(st.integers(0, 1))):
        unknown = draw(
            st.sampled_from(["id", "deleted", "scope_path", "search_key", "household_no", "x" * 70])
            | st.text(max_size=12)
        )
        values[unknown] = draw(JSON)
    if mode == "insert":
        return insert(entity, str(uuid.uuid4()), values, label=f"{entity} insert")
    record_id = world.existing[entity] if mode == "update" else str(uuid.uuid4())
    return edit(entity, record_id, values, label=f"{entity} {mode}")


def _rejected_notes(db: Database) -> list[tuple[Any, ...]]:
    with db.read_connection() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT entity, entity_id, loser_author FROM sync_conflict WHERE kind = 'rejected_remote'"
                )
            )
        ]


@pytest.mark.timeout(0 if SOAK else 300)
def test_pushed_field_values_never_cause_errors_or_unappliable_records(county: County) -> None:
    world = _setup(county)
    touched: list[tuple[str, str]] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data(), batch_size=st.integers(1, 3), by_county=st.booleans())
    def check(data: st.DataObject, batch_size: int, by_county: bool) -> None:
        batch = [data.draw(entries(world)) for _ in range(batch_size)]
        device = world.county_device if by_county else world.village
        result = device.push(batch)
        assert problems_of(result) == [], [d.changes for d in batch]
        for one in result.sent:
            key = (one.draft.entity, one.draft.entity_id)
            touched.append(key)
            stored = _live(county.db, *key)
            if stored is not None:
                problems = laptop_problems(key[0], stored)
                assert problems == [], (
                    f"{one.draft.label} ({one.status}) left a record no laptop can apply: {problems}; "
                    f"sent {json.dumps(one.draft.changes, ensure_ascii=False, default=str)[:600]}"
                )
        assert org_unit_cycles(county.db) == []

    check()

    # Laptops of the village and of the county apply everything the county now holds.
    fresh_village, village_client = county.device("hongyan")
    county_laptop, county_client = county.device("county")
    for db, client in (
        (world.laptop, None),
        (fresh_village, village_client),
        (county_laptop, county_client),
    ):
        if client is None:
            from yulu_desktop.sync.client import SyncClient

            client = SyncClient(db, county.url, http=county.http)
        report = client.sync_once()
        assert report.push_error == "" and report.complete, report
        assert _rejected_notes(db) == [], f"a laptop could not apply pulled records ({checker_name()})"
    # The village laptops hold what the server holds for the village, field by field.
    from sync_helpers import server_records

    village_entities = [e for e in SHARED_TABLES if e not in ("org_unit", "subsidy_setting")]
    server = columns_only(server_records(county.db, world.village_path, village_entities))
    for db in (world.laptop, fresh_village):
        assert record_differences(columns_only(device_records(db, village_entities)), server) == []
    assert world.refused == [], "valid records a laptop writes were refused"
