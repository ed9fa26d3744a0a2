"""What keeps the county server's CPU per push down under a township office (issue 20, docs/PERFORMANCE.md):
lookups of many values as one array parameter on PostgreSQL, and a serving process's startup heap frozen out of
the garbage collector's sight."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from yulu_desktop.server import merge
from yulu_desktop.server.cli import main as server_main
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import RecordKey


def test_among_finds_what_in_finds_with_one_statement_text_on_postgres(server_url: str) -> None:
    """``merge.among`` gives the rows an ``IN`` list gives, for none, one, and more values than one ``IN`` list
    of SQLite holds; on PostgreSQL its statement text does not depend on how many values are asked for (so it is
    compiled, converted and planned once), where an ``IN`` list renders one parameter per value."""
    db = ServerDatabase(server_url)
    db.migrate()
    keys = merge.table_of(RecordKey)
    stored = [f"户{n:05d}" for n in range(0, 2400, 2)]  # every other value exists
    with db.write() as session:
        session.execute(
            insert(keys),
            [
                {"entity": "household", "key_name": "household_no", "key_value": v, "entity_id": v}
                for v in stored
            ],
        )
    asked_for = [f"户{n:05d}" for n in range(2400)]
    with db.read() as session:
        conn = session.connection()

        def found(values: list[str]) -> set[str]:
            rows: set[str] = set()
            for within in merge.among(conn, keys.c.key_value, values):
                rows.update(
                    conn.execute(
                        select(keys.c.entity_id).where(keys.c.entity == "household", within)
                    ).scalars()
                )
            return rows

        for values in ([], asked_for[:1], asked_for[1:2], asked_for[:950], asked_for):
            assert found(values) == set(values) & set(stored)
        assert not list(merge.among(conn, keys.c.key_value, [])), "no values: no query"
        if conn.dialect.name == "postgresql":

            def text_for(count: int) -> str:
                (within,) = merge.among(conn, keys.c.key_value, asked_for[:count])
                statement = select(keys.c.entity_id).where(within)
                return str(
                    statement.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
                )

            assert text_for(2) == text_for(800)
    db.dispose()


def test_a_serving_process_freezes_its_startup_heap(tmp_path: Path) -> None:
    """``app.serving_app`` (the factory of ``uvicorn --workers``) exempts what exists once the app is built from
    later collections; ``create_app`` alone (what tests and tools build) does not."""
    code = (
        "import gc\n"
        "from yulu_desktop.server import app\n"
        "app.create_app()\n"
        "before = gc.get_freeze_count()\n"
        "app.serving_app()\n"
        "print(before, gc.get_freeze_count())\n"
    )
    env = {**os.environ, "YULU_SERVER_DB": f"sqlite:///{tmp_path / 'server.db'}"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300, check=True
    )
    before, after = (int(n) for n in done.stdout.split())
    assert before == 0
    assert after > 10_000, "the modules, the app and the tables' metadata are frozen"


def test_yulu_server_serve_freezes_the_heap_as_it_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``yulu-server serve`` freezes the heap when uvicorn starts serving, not when the command is parsed."""
    import uvicorn

    from yulu_desktop.server import app

    events: list[str] = []

    async def startup(self: uvicorn.Server, sockets: Any = None) -> None:
        events.append("startup")

    monkeypatch.setattr(app, "freeze_heap", lambda: events.append("freeze"))
    monkeypatch.setattr(uvicorn.Server, "startup", startup)
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: asyncio.run(self.startup()))
    url = f"sqlite:///{tmp_path / 'server.db'}"
    assert server_main(["--database-url", url, "serve", "--province-feed-seconds", "0"]) == 0
    assert events == ["freeze", "startup"]


@pytest.mark.postgres
def test_postgres_sessions_never_compile_a_query(pg_url: str) -> None:
    """The server's PostgreSQL sessions run with JIT off (compiled, a pull in a county of 200,000 people ran
    46 ms instead of 6), and the options the URL gives (here the test's schema) still hold."""
    db = ServerDatabase(pg_url)
    db.migrate()
    schema = pg_url.rsplit("%3D", 1)[1]
    with db.read() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("SHOW jit").scalar() == "off"
        assert conn.exec_driver_sql("SHOW search_path").scalar() == schema
        conn.exec_driver_sql("SET LOCAL jit_above_cost = 0")  # any plan would be compiled, were JIT on
        plan = "\n".join(
            row[0] for row in conn.exec_driver_sql("EXPLAIN ANALYZE SELECT count(*) FROM change_log")
        )
    assert "JIT" not in plan
    db.dispose()


def test_a_serving_process_merges_two_pushes_at_a_time_and_answers_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six laptops push at once: two are merged at a time (``push_queue.PUSHES_AT_ONCE``), the others wait
    without a worker thread, and every one is answered. Without the queue all six merge at once."""
    import threading
    import time

    import httpx

    from yulu_desktop.server import app as server_app
    from yulu_desktop.server import push_queue, service
    from yulu_desktop.sync import protocol as p

    running = 0
    most = 0
    guard = threading.Lock()

    def push(db: ServerDatabase, ctx: service.DeviceContext, req: p.PushRequest) -> p.PushResponse:
        nonlocal running, most
        with guard:
            running += 1
            most = max(most, running)
        time.sleep(0.2)
        with guard:
            running -= 1
        return p.PushResponse(
            acked_seq=len(req.entries), applied=len(req.entries), skipped=0, conflicts=0, quarantined=0
        )

    unit = p.OrgUnitInfo(id="u1", code="500229101201", name="红岩村", level="village")
    context = service.DeviceContext(
        device_id="d1", cadre_id="c1", revoked=False, jurisdiction=unit, path="/500229/101/201/"
    )
    monkeypatch.setattr(service, "authenticate", lambda *args: context)
    monkeypatch.setattr(service, "push", push)
    app = server_app.create_app(f"sqlite:///{tmp_path / 'server.db'}")
    body = p.PushRequest(entries=[]).model_dump_json()

    async def office() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://county") as client:
            answers = await asyncio.gather(
                *(
                    client.post(
                        "/v1/push",
                        content=body,
                        headers={
                            "Content-Type": "application/json",
                            p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION),
                        },
                    )
                    for _ in range(6)
                )
            )
        return [answer.status_code for answer in answers]

    assert asyncio.run(office()) == [200] * 6
    assert most == push_queue.PUSHES_AT_ONCE == 2
    # A second event loop (another test client) gets a queue of its own.
    most = 0
    assert asyncio.run(office()) == [200] * 6
    assert most == 2
