"""A new laptop's first pull as a database image (``sync.first_pull``, ``server.first_pull``): the same database
as page by page, its later syncs as usual, and every way it can fail leaving the laptop to pull page by page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sync_helpers import (
    VILLAGE_A,
    VILLAGE_B,
    County,
    add_household,
    add_person,
    device_context,
    pending,
    row,
    update,
)

from yulu_desktop.server import first_pull as server_image
from yulu_desktop.services import search
from yulu_desktop.store import search_index
from yulu_desktop.store.database import Database
from yulu_desktop.store.schema import SHARED_TABLES
from yulu_desktop.sync import first_pull
from yulu_desktop.sync.client import SyncClient
from yulu_desktop.sync.errors import DeviceRevoked


@pytest.fixture(autouse=True)
def images_for_small_pulls(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests' counties are small: an image is offered from the first record on."""
    monkeypatch.setattr(first_pull, "IMAGE_FROM", 1)


def _seed(county: County) -> dict[str, str]:
    """Two villages' households and people (one with an ID number and phone), synced to the county."""
    db_a, client_a = county.device("hongyan")
    client_a.sync_once()
    db_b, client_b = county.device("shiping")
    client_b.sync_once()
    ids: dict[str, str] = {}
    for number in range(6):
        household = add_household(db_a, county.unit_id(VILLAGE_A), number=f"50022910120100{number:02d}")
        ids[f"person{number}"] = add_person(
            db_a, household, name=f"张坤{number}", phone=f"1380000{number:04d}"
        )
    ids["with_id"] = add_person(
        db_a, household, name="鼎鑫", id_number="500229200801010013", phone="13912345678"
    )
    other = add_household(db_b, county.unit_id(VILLAGE_B))
    ids["shiping"] = add_person(db_b, other, name="李明")
    client_a.sync_once()
    client_b.sync_once()
    update(db_a, "person", ids["person0"], name="张坤改")  # an insert and a later edit in the log
    client_a.sync_once()
    return ids


def _pulled_tables(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every table a pull writes, whole (rowids of the rowid tables included), and the sync state."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with db.read_connection() as conn:
        for table in first_pull.COPIED_TABLES:
            has_rowid = table not in (f"{search_index.TABLE}_idx",)
            select = f'SELECT {"rowid, " if has_rowid else ""}* FROM "{table}"'
            found[table] = sorted(tuple(r) for r in conn.exec_driver_sql(select).all())
        found["sync_state"] = [tuple(conn.exec_driver_sql("SELECT pull_cursor FROM sync_state").one())]
        found["device_state"] = [tuple(conn.exec_driver_sql("SELECT hlc_floor FROM device_state").one())]
    # Notes of set-aside values carry their own id and time: compared by what they say.
    found["sync_conflict"] = sorted(r[2:6] for r in found["sync_conflict"])
    return found


def _names(db: Database, query: str) -> list[str]:
    return sorted(hit.name for hit in search.search(db, query))


def test_a_first_pull_as_an_image_leaves_the_database_a_pull_page_by_page_does(county: County) -> None:
    ids = _seed(county)
    db_image, client_image = county.device("miaoba")
    db_pages, client_pages = county.device("miaoba")
    client_pages.first_pull_image = False

    image_report = client_image.sync_once()
    pages_report = client_pages.sync_once()

    assert image_report.pulled_as_image and image_report.complete and not image_report.repaired
    assert not pages_report.pulled_as_image and pages_report.pull_pages > 0
    tables = _pulled_tables(db_image)
    assert tables == _pulled_tables(db_pages)
    people_households_units = 8 + 7 + 4
    assert image_report.pulled == sum(len(tables[name]) for name in SHARED_TABLES) == people_households_units
    assert row(db_image, "person", ids["person0"])["name"] == "张坤改"
    # The search index came with it: by name, by initials, by part of an ID number or phone, one character.
    for query in ("张坤改", "zk", "200801", "5678", "鑫", "李明"):
        assert _names(db_image, query) == _names(db_pages, query), query
    assert _names(db_image, "鑫") == ["鼎鑫"] and _names(db_image, "200801") == ["鼎鑫"]
    with db_image.write_connection() as conn:
        conn.exec_driver_sql(
            f"INSERT INTO {search_index.TABLE}({search_index.TABLE}) VALUES ('integrity-check')"
        )
        assert search_index.in_step(conn)
    assert pending(db_image) == 0, "nothing pulled is sent back"


def test_after_an_image_the_laptop_syncs_as_usual(county: County) -> None:
    ids = _seed(county)
    db_a = county.devices[0]
    client_a = SyncClient(db_a, county.url, http=county.http)
    db_t, client_t = county.device("miaoba")
    assert client_t.sync_once().pulled_as_image

    # A change made elsewhere arrives page by page, and the search index follows it.
    update(db_a, "person", ids["with_id"], name="鼎盛")
    client_a.sync_once()
    report = client_t.sync_once()
    assert not report.pulled_as_image and report.pulled == 1
    assert _names(db_t, "鼎盛") == ["鼎盛"] and _names(db_t, "鑫") == []

    # The laptop's own work is journaled (the triggers dropped for the copy are back) and reaches the county.
    update(db_t, "person", ids["person1"], phone="13700000001")
    household = add_household(db_t, county.unit_id(VILLAGE_A))
    new_person = add_person(db_t, household, name="王五")
    assert pending(db_t) == 3
    assert client_t.sync_once().complete
    client_a.sync_once()
    assert row(db_a, "person", new_person) is not None
    assert row(db_a, "person", ids["person1"])["phone"] == "13700000001"
    assert _names(db_t, "王五") == ["王五"]


def test_a_laptop_that_already_holds_a_record_pulls_page_by_page(county: County) -> None:
    _seed(county)
    db_t, client_t = county.device("miaoba")
    _add_local_unit(db_t)
    assert not first_pull.wanted(db_t)
    report = client_t.sync_once()
    assert not report.pulled_as_image and report.pull_pages > 0
    with db_t.read_connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar_one() == 8


def _add_local_unit(db: Database) -> None:
    """A record entered on the laptop before its first sync (as an import before enrolling would)."""
    with db.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO org_unit (id, code, name, level) VALUES (:id, '500229101299', '新村', 'village')"
            ),
            {"id": "0190a000-0000-7000-8000-000000000001"},
        )


def test_a_server_without_images_is_pulled_from_page_by_page(
    county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(county)
    _db_t, client_t = county.device("miaoba")
    monkeypatch.setattr(first_pull, "PATH", "/v1/no-such-route")  # as a server of the last release: 404
    report = client_t.sync_once()
    assert not report.pulled_as_image and report.complete and report.pull_pages > 0
    assert not report.problems


def test_a_server_of_another_schema_revision_is_pulled_from_page_by_page(
    county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(county)
    _db_t, client_t = county.device("miaoba")
    monkeypatch.setattr(server_image.migrate, "head_revision", lambda: "a-later-revision")
    report = client_t.sync_once()
    assert not report.pulled_as_image and report.complete and report.pull_pages > 0


def test_a_small_first_pull_comes_page_by_page(county: County, monkeypatch: pytest.MonkeyPatch) -> None:
    """Below ``IMAGE_FROM`` rows (a village on a slow link) the image's bytes are not worth its CPU."""
    _seed(county)
    monkeypatch.setattr(first_pull, "IMAGE_FROM", 10_000)
    _, client_t = county.device("miaoba")
    report = client_t.sync_once()
    assert not report.pulled_as_image and report.complete


@pytest.mark.parametrize("damage", ["truncated", "wrong key"])
def test_a_damaged_image_leaves_nothing_behind_and_the_pull_goes_page_by_page(
    county: County, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    _seed(county)
    db_t, client_t = county.device("miaoba")
    real_copy = first_pull.copy_image

    def copy_damaged(db: Database, image: first_pull.Image) -> first_pull.Copied:
        if damage == "truncated":
            with image.path.open("r+b") as file:
                file.truncate(image.path.stat().st_size // 2)
            return real_copy(db, image)
        return real_copy(db, first_pull.Image(image.path, first_pull.new_key()))

    monkeypatch.setattr(first_pull, "copy_image", copy_damaged)
    report = client_t.sync_once()
    assert not report.pulled_as_image and report.complete and report.pull_pages > 0
    assert any("逐页" in problem for problem in report.problems)
    assert not list(db_t.path.parent.glob(db_t.path.name + ".first-pull-*")), "the image file is removed"


def test_a_copy_refused_at_its_commit_writes_nothing(county: County) -> None:
    """Every table copied, then the COMMIT refuses (people of households the image lacks: the references are
    checked at COMMIT): the laptop is as before, triggers and all, and the same laptop then pulls page by page."""
    _seed(county)
    db_t, client_t = county.device("miaoba")
    triggers_before = _trigger_names(db_t)
    _copy_refused(county, db_t, lambda image: _tamper(image, "DELETE FROM household"), match="FOREIGN KEY")
    with db_t.read_connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar_one() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM person_search").scalar_one() == 0
        assert conn.exec_driver_sql("SELECT pull_cursor FROM sync_state").scalar_one() == 0
        assert conn.exec_driver_sql("SELECT applying_remote FROM device_state").scalar_one() == 0
    assert _trigger_names(db_t) == triggers_before
    assert first_pull.wanted(db_t)
    report = client_t.sync_once()
    assert report.pulled_as_image and report.complete


def _copy_refused(
    county: County, db: Database, meanwhile: Callable[[first_pull.Image], None], match: str = ""
) -> first_pull.Image:
    """An image built for ``db``'s jurisdiction, ``meanwhile`` done, then its copy refused; the image removed."""
    image = server_image.build(county.db, device_context(county.db, "miaoba"))
    try:
        meanwhile(image)
        with pytest.raises(first_pull.ImageUnusable, match=match or None):
            first_pull.copy_image(db, image)
    finally:
        server_image.remove(image)
    return image


def _tamper(image: first_pull.Image, statement: str) -> None:
    import sqlcipher3

    connection = sqlcipher3.connect(str(image.path))
    try:
        connection.execute(f"PRAGMA key = \"x'{image.key.hex()}'\"")
        connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def _trigger_names(db: Database) -> set[str]:
    with db.read_connection() as conn:
        return set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())


def test_a_record_saved_while_the_image_came_stops_the_copy(county: County) -> None:
    """The copy checks again, inside its transaction, that the laptop holds nothing (the cadre may have saved
    a record while the image downloaded): then nothing is copied."""
    _seed(county)
    db_t, _client_t = county.device("miaoba")
    assert first_pull.wanted(db_t)
    image = _copy_refused(county, db_t, lambda _image: _add_local_unit(db_t))
    with db_t.read_connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM org_unit").scalar_one() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar_one() == 0
        assert conn.exec_driver_sql("SELECT pull_cursor FROM sync_state").scalar_one() == 0
    assert pending(db_t) == 1
    assert not image.path.parent.exists(), "the server's temporary files are gone"


def test_a_revoked_laptop_is_refused_not_sent_an_image(county: County) -> None:
    from yulu_desktop.server import admin

    _seed(county)
    db_t, client_t = county.device("miaoba")
    admin.revoke_device(county.db, _device_id(db_t))
    with pytest.raises(DeviceRevoked):
        client_t.sync_once()


def _device_id(db: Database) -> str:
    with db.read_connection() as conn:
        return str(conn.execute(text("SELECT device_id FROM device_state")).scalar_one())


def test_enrolling_a_new_laptop_downloads_its_data_as_an_image(county: County) -> None:
    """The enrollment dialog's first download (``enrollment.enroll_and_pull``) takes the image too, and says
    so in its progress: the server preparing it, then the bytes."""
    from yulu_desktop.server import admin
    from yulu_desktop.sync import enrollment

    _seed(county)
    db_t, _client = county.device("miaoba")  # enrolled already: the download picks up from there
    stages: list[tuple[str, int, int]] = []
    enrolled = enrollment.enroll_and_pull(
        db_t,
        county.url,
        admin.issue_code(county.db, username="miaoba"),
        lambda stage, done, total: stages.append((stage, done, total)),
        lambda: False,
        actor="苗书记",
        http=county.http,
    )
    assert stages[0] == ("image", 0, 0)
    assert stages[1][0] == "image" and stages[1][1] > 0 and stages[1][1] <= stages[1][2]
    assert enrolled.pulled >= 8
    with db_t.read_connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar_one() == 8
        assert conn.exec_driver_sql("SELECT pull_cursor FROM sync_state").scalar_one() > 0


def test_image_files_left_by_a_cut_sync_are_removed(county: County, monkeypatch: pytest.MonkeyPatch) -> None:
    """A laptop's half-downloaded image (its key lost with the sync) goes at the next first pull; a server's
    image directory an unfinished answer left goes at a later build, once an hour old."""
    import os
    import tempfile
    import time

    _seed(county)
    db_t, client_t = county.device("miaoba")
    left_on_laptop = db_t.path.with_name(db_t.path.name + ".first-pull-0badc0de")
    left_on_laptop.write_bytes(b"\0" * 4096)
    left_on_server = Path(tempfile.mkdtemp(prefix="yulu-first-pull-"))
    (left_on_server / "image.db").write_bytes(b"\0" * 4096)
    recent_on_server = Path(tempfile.mkdtemp(prefix="yulu-first-pull-"))
    an_hour_ago = time.time() - server_image.STALE_AFTER_S - 1
    os.utime(left_on_server, (an_hour_ago, an_hour_ago))

    assert client_t.sync_once().pulled_as_image
    assert not left_on_laptop.exists()
    assert not left_on_server.exists()
    assert recent_on_server.exists(), "an image being sent right now stays"
    recent_on_server.rmdir()


def test_a_cancel_during_the_download_stops_it_and_keeps_nothing(county: County) -> None:
    _seed(county)
    db_t, client_t = county.device("miaoba")
    downloaded: list[int] = []

    def progress(stage: str, done: int, _total: int) -> None:
        if stage == "image" and done:
            downloaded.append(done)

    report = client_t.sync_once(progress, cancel=lambda: bool(downloaded))
    assert report.cancelled and not report.pulled_as_image and downloaded
    assert first_pull.wanted(db_t), "nothing copied: the next sync starts the first pull again"
    assert not list(db_t.path.parent.glob(db_t.path.name + ".first-pull-*"))
    assert client_t.sync_once().pulled_as_image


def test_a_laptop_killed_in_the_middle_of_the_copy_keeps_nothing_of_it(county: County) -> None:
    """SIGKILL inside the copying transaction (every table written, the triggers dropped, no COMMIT yet): the
    database opens as it was before, triggers and all, and the next sync takes the image again."""
    import subprocess
    import sys

    _seed(county)
    db_t, client_t = county.device("miaoba")
    triggers_before = _trigger_names(db_t)
    image = server_image.build(county.db, device_context(county.db, "miaoba"))
    child_script = Path(__file__).with_name("first_pull_child.py")
    command = [sys.executable, str(child_script), str(db_t.path), str(image.path), image.key.hex()]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "copied"  # waits as long as the child takes
        finally:
            child.kill()
            server_image.remove(image)
    assert first_pull.wanted(db_t)
    with db_t.read_connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar_one() == 0
        assert conn.exec_driver_sql("SELECT applying_remote FROM device_state").scalar_one() == 0
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    assert _trigger_names(db_t) == triggers_before
    report = client_t.sync_once()
    assert report.pulled_as_image and report.complete
    assert pending(db_t) == 0


def test_a_link_cut_during_the_image_goes_on_page_by_page(
    county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link that cannot carry the whole image at once still makes progress: the same sync goes on page by
    page (each page stored as it arrives) instead of failing and asking for the whole image again."""
    import httpx

    _seed(county)
    db_t, client_t = county.device("miaoba")
    real_iter_bytes = httpx.Response.iter_bytes

    def cut_after_the_first_chunk(self: httpx.Response, chunk_size: int | None = None) -> Any:
        if self.request.url.path != first_pull.PATH:
            yield from real_iter_bytes(self, chunk_size)
            return
        yield next(iter(real_iter_bytes(self, 4096)))
        raise httpx.RemoteProtocolError("peer closed connection", request=self.request)

    monkeypatch.setattr(httpx.Response, "iter_bytes", cut_after_the_first_chunk)
    report = client_t.sync_once()
    assert report.complete and not report.pulled_as_image and report.pull_pages > 0
    assert any("没有下载完" in problem for problem in report.problems)
    assert not list(db_t.path.parent.glob(db_t.path.name + ".first-pull-*"))
