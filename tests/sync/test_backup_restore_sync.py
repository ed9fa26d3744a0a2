"""A laptop restored from a backup syncs without losing anything (docs/BACKUP.md "After a restore").

The original laptop makes a backup with unsent changes, then syncs them and more; it dies (database and key file
deleted). The backup restored in its place still holds its unsent changes as unsent; at the next sync the
county skips what it already has, the pull brings back what was synced after the backup, and changes made on
the restored laptop since the restore reach the county (the journal is renumbered past what the original sent:
``store.restore_mark``) — online against a real loopback server (SQLite and PostgreSQL), and by USB bundles.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from sync_helpers import (
    PASSPHRASE,
    VILLAGE_A,
    County,
    add_household,
    content_digest,
    device_records,
    pending,
    row,
    server_records,
    update,
)

from yulu_desktop.server import bundles
from yulu_desktop.store import backup, keyring
from yulu_desktop.store.database import Database
from yulu_desktop.sync import bundle
from yulu_desktop.sync.client import SyncClient


def destroy(db: Database) -> Path:
    """The laptop dies: the database, its companions and the key file are gone."""
    path = db.path
    db.close()
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    assert not path.exists() and not keyring.key_file_path(path).exists()
    return path


def restore(source: Path, path: Path) -> Database:
    prepared = backup.prepare_restore(source, PASSPHRASE, path)
    backup.install_restore(prepared, path)
    return Database.open(path, PASSPHRASE)


def test_restored_laptop_keeps_unsent_changes_and_gets_synced_ones_back(
    county: County, tmp_path: Path
) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    village = county.unit_id(VILLAGE_A)
    unsent_at_backup = [add_household(db, village), add_household(db, village)]
    taken = backup.create_backup(db, tmp_path)
    assert taken.manifest.pending_changes == pending(db) == 2

    # After the backup the original laptop goes on working and syncs everything.
    client.sync_once()
    synced_after_backup = add_household(db, village)
    update(db, "household", unsent_at_backup[0], address="庙坝镇红岩村3组")
    client.sync_once()
    assert pending(db) == 0
    path = destroy(db)
    county.devices.remove(db)

    restored = restore(taken.path, path)
    county.devices.append(restored)
    # The backup's unsent changes are still unsent; what was synced after the backup is not here yet.
    assert pending(restored) == 2
    assert row(restored, "household", synced_after_backup) is None
    # The cadre works on before the first sync: this change must reach the county.
    made_since_restore = add_household(restored, village)
    update(restored, "household", unsent_at_backup[1], address="庙坝镇红岩村5组")

    report = SyncClient(restored, county.url, http=county.http).sync_once()
    assert not report.push_error and not report.problems
    assert pending(restored) == 0
    held = server_records(county.db, "")
    assert ("household", made_since_restore) in held
    assert held[("household", unsent_at_backup[1])]["address"] == "庙坝镇红岩村5组"
    assert (
        held[("household", unsent_at_backup[0])]["address"] == "庙坝镇红岩村3组"
    )  # the pull brought it back
    restored_row = row(restored, "household", synced_after_backup)
    assert restored_row is not None
    entities = ("household", "person", "org_unit")
    assert content_digest(device_records(restored, entities)) == content_digest(
        server_records(county.db, county_path(county), entities)
    )
    # Another laptop of the village sees what the restored one made.
    other, other_client = county.device("hongyan2")
    other_client.sync_once()
    assert row(other, "household", made_since_restore) is not None


def county_path(county: County) -> str:
    from sqlalchemy import select

    from yulu_desktop.server.models import OrgUnit

    with county.db.read() as session:
        return str(session.scalars(select(OrgUnit.path).where(OrgUnit.code == VILLAGE_A)).one())


def test_restored_usb_laptop_sends_changes_made_since_the_restore(county: County, tmp_path: Path) -> None:
    db, client = county.device("hongyan")
    client.sync_once()  # once online: the county's bundle keys
    village = county.unit_id(VILLAGE_A)
    add_household(db, village)
    taken = backup.create_backup(db, tmp_path)
    _exchange(county, db, tmp_path)  # the original sends it by USB…
    later = add_household(db, village)
    _exchange(county, db, tmp_path)  # …and more after the backup
    path = destroy(db)
    county.devices.remove(db)

    restored = restore(taken.path, path)
    county.devices.append(restored)
    made_since_restore = [add_household(restored, village) for _ in range(3)]
    # First bundle: only the backup's own entry (the county has it); its reply tells where the numbering is.
    _exchange(county, restored, tmp_path)
    assert pending(restored) == 3
    # Second bundle: the changes made since the restore.
    _exchange(county, restored, tmp_path)
    assert pending(restored) == 0
    held = server_records(county.db, "")
    for household in [*made_since_restore, later]:
        assert ("household", household) in held
    assert row(restored, "household", later) is not None


def _exchange(county: County, db: Database, tmp: Path) -> bundle.ImportReport:
    request = tmp / f"{uuid.uuid4().hex[:6]}{bundle.REQUEST_SUFFIX}"
    bundle.export_bundle(db, request)
    result = bundles.import_bundle(county.db, request.read_bytes(), imported_by="test")
    return bundle.import_reply(db, result.reply)
