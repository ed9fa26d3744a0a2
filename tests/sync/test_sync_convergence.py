"""Property: three laptops editing the same people offline, syncing in any order, converge — and no value anyone
typed disappears without a trace (it is the final value, was overwritten by someone who had seen it, or is kept
in a conflict entry)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import (
    TOWNSHIP,
    County,
    LiveServer,
    add_household,
    add_person,
    delete,
    row,
    setup_county,
    update,
)

from yulu_desktop.server import admin
from yulu_desktop.server.app import create_app
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.store.schema import LOCAL_ONLY_COLUMNS

PEOPLE = 3
FIELDS = ("phone", "ethnicity", "disability")
VALUES = ("甲", "乙", "丙", "丁")

edit = st.tuples(
    st.just("edit"),
    st.integers(0, 2),
    st.integers(0, PEOPLE - 1),
    st.sampled_from(FIELDS),
    st.sampled_from(VALUES),
)
remove = st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, PEOPLE - 1), st.just(""), st.just(""))
sync = st.tuples(st.just("sync"), st.integers(0, 2), st.just(0), st.just(""), st.just(""))
steps = st.lists(st.one_of(edit, edit, remove, sync, sync), min_size=3, max_size=14)

_villages = itertools.count(1)


def test_three_replicas_converge(template_database: Path, tmp_path: Path) -> None:
    server_db = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    app = create_app(db=server_db)
    setup_county(server_db)
    with LiveServer(app) as url, httpx.Client(timeout=30) as http:

        @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(steps)
        def run(plan: list[tuple[str, int, int, str, str]]) -> None:
            number = next(_villages)
            code = f"5002291019{number:02d}"
            admin.create_unit(
                server_db, code=code, name=f"测试村{number}", level="village", parent_code=TOWNSHIP
            )
            cadres = [f"v{number}c{i}" for i in range(3)]
            for cadre in cadres:
                admin.create_cadre(server_db, username=cadre, name=cadre, unit_code=code)
            county = County(db=server_db, http=http, url=url, template=template_database, tmp=tmp_path)
            try:
                devices = [county.device(c) for c in cadres]
                db0, client0 = devices[0]
                client0.sync_once()
                household = add_household(db0, county.unit_id(code))
                people = [add_person(db0, household, f"人{i}") for i in range(PEOPLE)]
                for _db, client in devices:
                    client.sync_once()
                typed: set[tuple[str, str, Any]] = set()
                superseded: set[tuple[str, str, Any]] = set()
                for action, device, person_index, field, value in plan:
                    db, client = devices[device]
                    person = people[person_index]
                    if action == "sync":
                        client.sync_once()
                        continue
                    current = row(db, "person", person)
                    if current is None:
                        continue  # deleted on this laptop: nothing to edit
                    if action == "edit":
                        superseded.add((person, field, current[field]))
                        typed.add((person, field, value))
                        update(db, "person", person, **{field: value})
                    else:
                        superseded.update((person, f, current[f]) for f in FIELDS)
                        delete(db, "person", person)
                for _round in range(2):
                    for _db, client in devices:
                        client.sync_once()

                # The search key is local-only (each laptop computes its own; a pushed row is not pulled back).
                final = [{p: _shared(row(db, "person", p)) for p in people} for db, _client in devices]
                assert final[0] == final[1] == final[2], "all replicas hold the same people"
                server_state = admin.record_state(server_db)
                for person in people:
                    local = final[0][person]
                    remote = server_state.get(("person", person))
                    assert (local is None) == (remote is None)
                    if local is not None and remote is not None:
                        assert {f: local[f] for f in FIELDS} == {f: remote[f] for f in FIELDS}

                kept: set[tuple[str, str, Any]] = set()
                for conflict in admin.list_conflicts(server_db, include_resolved=True):
                    if conflict["kind"] == "field":
                        kept.add((conflict["entity_id"], conflict["field"], conflict["loser_value"]))
                    elif isinstance(conflict["loser_value"], dict):
                        kept.update((conflict["entity_id"], f, v) for f, v in conflict["loser_value"].items())
                for person, field, value in typed:
                    state = final[0][person]
                    if state is not None and state[field] == value:
                        continue
                    assert (person, field, value) in superseded | kept, f"{value!r} in {field} vanished"
            finally:
                for db in county.devices:
                    db.close()

        run()
    server_db.dispose()


def _shared(values: dict[str, Any] | None) -> dict[str, Any] | None:
    """A person row without its local-only columns."""
    if values is None:
        return None
    return {k: v for k, v in values.items() if k not in LOCAL_ONLY_COLUMNS["person"]}
