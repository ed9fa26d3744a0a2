"""The cyclic garbage collector is paused while pulled pages are parsed and applied, and runs again afterwards."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from sync_helpers import VILLAGE_A, County, add_household, row

from yulu_desktop.store.database import Database
from yulu_desktop.sync import local
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.client import SyncReport


@pytest.fixture(autouse=True)
def collector_enabled() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def _watching_apply(monkeypatch: pytest.MonkeyPatch, *, fail: bool = False) -> list[bool]:
    seen: list[bool] = []
    real_apply = local.apply_page

    def apply_page(db: Database, changes: Sequence[p.Change], next_cursor: int) -> local.ApplyStats:
        seen.append(gc.isenabled())
        if fail:
            raise RuntimeError("disk full")
        return real_apply(db, changes, next_cursor)

    monkeypatch.setattr(local, "apply_page", apply_page)
    return seen


def test_pages_apply_with_the_collector_paused_and_it_runs_again_after(
    county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_a, client_a = county.device("hongyan")
    client_a.sync_once()  # the units arrive
    households = [add_household(db_a, county.unit_id(VILLAGE_A)) for _ in range(4)]
    client_a.sync_once()

    db_t, client_t = county.device("miaoba")
    client_t.pull_page = 2
    seen = _watching_apply(monkeypatch)
    assert client_t.sync_once().complete
    assert len(seen) > 2 and not any(seen), "every page applies with the collector paused"
    assert gc.isenabled(), "the collector runs again after the pull"
    assert all(row(db_t, "household", h) for h in households)


def test_the_collector_runs_again_when_a_page_fails(county: County, monkeypatch: pytest.MonkeyPatch) -> None:
    _, client_t = county.device("miaoba")
    seen = _watching_apply(monkeypatch, fail=True)
    with pytest.raises(RuntimeError):
        client_t.pull_all(SyncReport())
    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused() -> None:
    gc.disable()
    with local.collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_a_scope_repair_applies_with_the_collector_paused(
    county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_a, client_a = county.device("hongyan")
    client_a.sync_once()
    seen = _watching_apply(monkeypatch)
    record = p.SnapshotRecord(entity_id="0190a000-0000-7000-8000-0000000000aa", fields={}, versions={})
    local.repair_scope(db_a, "household", [record])
    assert seen == [False]
    assert gc.isenabled()


def test_a_usb_reply_applies_with_the_collector_paused(
    county: County, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from yulu_desktop.server import bundles
    from yulu_desktop.sync import bundle

    db_a, _client_a = county.device("hongyan")
    request = tmp_path / f"first{bundle.REQUEST_SUFFIX}"
    bundle.export_bundle(db_a, request)
    result = bundles.import_bundle(county.db, request.read_bytes(), imported_by="test")
    seen = _watching_apply(monkeypatch)
    assert bundle.import_reply(db_a, result.reply).pulled >= 3
    assert seen and not any(seen)
    assert gc.isenabled()
