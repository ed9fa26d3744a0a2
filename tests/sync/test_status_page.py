"""The township office view: ``yulu-server admin devices`` and the status page ``GET /status``.

The page is served by the real app; the client address is set through httpx's ASGI transport (``client=``), so
that the loopback rule and the token are checked exactly as uvicorn would hand them over.
"""

from __future__ import annotations

import asyncio
import base64
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import update
from sync_helpers import VILLAGE_A, County, add_household, add_person

from yulu_desktop.server import admin, cli, status
from yulu_desktop.server.app import create_app
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import Conflict, Device

TOKEN = "s3cret-status-token-0123456789"


def _get(
    db: ServerDatabase, host: str, *, token: str | None = None, headers: dict[str, str] | None = None
) -> httpx.Response:
    app = create_app(db=db, migrate=False, status_token=token)

    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, client=(host, 50123))
        async with httpx.AsyncClient(transport=transport, base_url="http://county.example") as client:
            return await client.get("/status", headers=headers or {})

    return asyncio.run(fetch())


def _basic(password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"admin:{password}".encode()).decode()}


def test_the_status_page_answers_loopback_and_shows_the_devices(county: County) -> None:
    db, client = county.device("hongyan", name="红岩村-笔记本")
    client.sync_once()
    add_person(db, add_household(db, county.unit_id(VILLAGE_A)), "张坤")
    client.sync_once()
    county.device("shiping", name="石坪村-笔记本")
    for host in ("127.0.0.1", "::1"):
        response = _get(county.db, host)
        assert response.status_code == 200, host
    page = response.text
    assert response.headers["content-type"].startswith("text/html")
    assert '<meta http-equiv="refresh" content="10">' in page
    assert "<script" not in page
    assert "红岩村-笔记本" in page and "张书记（hongyan）" in page and "石坪村-笔记本" in page
    assert "从未" in page  # the second laptop never synced
    head = admin.stats(county.db)["head_seq"]
    assert f"<th>最新变更序号</th><td>{head}</td>" in page
    assert response.headers["cache-control"] == "no-store"


def test_other_computers_need_the_token(county: County) -> None:
    county.device("hongyan", name="红岩村-笔记本")
    remote = "203.0.113.7"
    refused = _get(county.db, remote)
    assert refused.status_code == 403 and "红岩村" not in refused.text  # no token configured: loopback only
    assert _get(county.db, remote, headers=_basic(TOKEN)).status_code == 403
    missing = _get(county.db, remote, token=TOKEN)
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Basic")
    assert "红岩村" not in missing.text
    assert _get(county.db, remote, token=TOKEN, headers=_basic("wrong-token")).status_code == 401
    assert _get(county.db, remote, token=TOKEN, headers={"Authorization": "Basic !!!"}).status_code == 401
    assert (
        _get(county.db, remote, token=TOKEN, headers={"Authorization": f"Bearer {TOKEN}x"}).status_code == 401
    )
    assert _get(county.db, "testclient", token=TOKEN).status_code == 401  # not an address: not loopback
    ok = _get(county.db, remote, token=TOKEN, headers=_basic(TOKEN))
    assert ok.status_code == 200 and "红岩村-笔记本" in ok.text
    assert (
        _get(county.db, remote, token=TOKEN, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    )


def test_the_token_file_must_hold_a_real_token(tmp_path: Path) -> None:
    good = tmp_path / "token"
    good.write_text(f"  {TOKEN}\n", encoding="utf-8")
    assert status.read_token_file(good) == TOKEN
    short = tmp_path / "short"
    short.write_text("abc", encoding="utf-8")
    with pytest.raises(ValueError, match="16"):
        status.read_token_file(short)


def _set_device(db: ServerDatabase, device_id: str, **values: object) -> None:
    with db.write() as session:
        session.execute(update(Device).where(Device.id == device_id).values(**values))


def test_devices_are_listed_by_last_sync_with_how_far_behind_and_open_conflicts(
    county: County, capsys: pytest.CaptureFixture[str]
) -> None:
    db_a, client_a = county.device("hongyan", name="A")
    _db_b, client_b = county.device("shiping", name="B")
    _db_c, _client_c = county.device("miaoba", name="C")  # enrolled, never synced
    client_a.sync_once()
    client_b.sync_once()
    add_household(db_a, county.unit_id(VILLAGE_A))  # B's cursor is now behind by A's push
    client_a.sync_once()
    client_a.sync_once()  # hello confirms A's cursor
    head = admin.stats(county.db)["head_seq"]
    rows = {r.name: r for r in admin.list_devices(county.db)}
    assert rows["A"].behind == 0 and rows["A"].pull_cursor == head
    assert rows["B"].behind > 0 and rows["B"].pull_cursor < head
    assert rows["C"].behind == head and rows["C"].last_sync_at is None
    assert rows["A"].last_seen_at is not None and rows["A"].client_version
    # Order: the most recent sync first, never synced last.
    now = datetime.now(UTC)
    _set_device(county.db, rows["A"].id, last_sync_at=now - timedelta(hours=2))
    _set_device(county.db, rows["B"].id, last_sync_at=now - timedelta(minutes=5))
    assert [r.name for r in admin.list_devices(county.db)] == ["B", "A", "C"]
    # Revoked, and open conflicts of the device's jurisdiction (resolved ones and other villages' not counted).
    admin.revoke_device(county.db, rows["B"].id)
    village_a = county.unit_id(VILLAGE_A)
    with county.db.read() as session:
        from sqlalchemy import select

        from yulu_desktop.server.models import OrgUnit

        path_a = session.scalars(select(OrgUnit.path).where(OrgUnit.id == village_a)).one()
    with county.db.write() as session:
        for i, resolved in enumerate((None, None, now)):
            session.add(
                Conflict(
                    id=f"00000000-0000-0000-0000-00000000000{i}",
                    seq=1,
                    kind="field",
                    entity="household",
                    entity_id="x",
                    field="address",
                    winner_value='"a"',
                    loser_value='"b"',
                    winner_device="w",
                    loser_device="l",
                    winner_hlc=0,
                    loser_hlc=0,
                    scope_path=path_a,
                    created_at=now,
                    resolved_at=resolved,
                )
            )
    listed = {r.name: r for r in admin.list_devices(county.db)}
    assert listed["B"].revoked and not listed["A"].revoked
    assert listed["A"].open_conflicts == 2 and listed["B"].open_conflicts == 0
    assert listed["C"].open_conflicts == 2  # the township sees its villages' conflicts

    assert cli.main(["--database-url", county.db.url, "admin", "devices"]) == 0
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["设备", "干部", "管辖范围"]
    assert "B " in lines[1] and "已停用" in lines[1] and "A " in lines[2] and "从未" in lines[3]
    assert "已是最新" in lines[2]
    assert cli.main(["--database-url", county.db.url, "admin", "devices", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["name"] for d in data] == ["B", "A", "C"]
    assert data[0]["revoked"] is True and data[2]["last_sync_at"] is None
    assert datetime.fromisoformat(data[0]["last_sync_at"]).tzinfo is not None


def test_an_idle_sync_needs_only_hello_and_still_confirms_the_cursor(county: County) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    seen: list[str] = []
    county.http.event_hooks["request"].append(lambda request: seen.append(request.url.path))
    try:
        report = client.sync_once()
    finally:
        county.http.event_hooks["request"].clear()
    assert report.complete
    assert seen == ["/v1/hello"]
    row = next(r for r in admin.list_devices(county.db) if r.id == _device_id(db))
    assert row.behind == 0 and row.last_sync_at is not None


def _device_id(db: object) -> str:
    from yulu_desktop.store import journal
    from yulu_desktop.store.database import Database

    assert isinstance(db, Database)
    with db.read_connection() as conn:
        return journal.device_id(conn)
