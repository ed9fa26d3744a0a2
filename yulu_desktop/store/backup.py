"""Backup files (备份): one encrypted, verified file holding the database, the local users' key file and a manifest.

**Format.** A ZIP archive (stored, not compressed: the database is encrypted and would not shrink) named
``*.yulubak`` with three members:

* ``yulu.db`` — a page-for-page copy of the SQLCipher database made with SQLite's online backup API while the
  source connection holds one read transaction, so the copy is one consistent moment even while the app (sync,
  a form) goes on writing; the copy is keyed with the same raw key *and the same salt*, so it stays encrypted
  and opens with the same passphrase (and the key file's slots still fit it);
* ``yulu.db.keys`` — the local users' key file (``store.keyring``), when there is one;
* ``manifest.json`` — format version, app version, when, schema revision, county code and name, the village
  scope, device id, record counts, the highest journal sequence and the size and SHA-256 of each other member.

**Writing** goes to a temporary file next to the target, is flushed and fsync'd, then checked again from disk
(every member's SHA-256 against the manifest) before it is renamed into place; the copy of the database is
checked before it is packed (``PRAGMA cipher_integrity_check`` — the HMAC of every page — and
``PRAGMA integrity_check``, and its record counts against those read from the source in the same transaction).
Nothing is ever held whole in memory: the database is streamed in 1 MiB pieces, so a county of 200,000 people
costs the same memory as a village.

**Restoring** checks everything before anything is replaced (``prepare_restore``): the archive and manifest,
the hash of each member, that the passphrase opens the copy, both integrity checks, the counts, and that the
backup is of the expected county. Only then (``install_restore``) is the current database renamed aside — never
deleted — and the restored one moved into place and opened; if it cannot be opened, the old one is put back.
The restored database is marked for the sync client (``store.restore_mark``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import sqlcipher3.dbapi2 as sqlcipher

from yulu_desktop import __version__
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.private_files import PRIVATE_FILE_MODE
from yulu_desktop.store import keyring, restore_mark
from yulu_desktop.store.database import Database, WrongPassphrase, make_private
from yulu_desktop.store.schema import SHARED_TABLES

FORMAT = "yulu-backup"
FORMAT_VERSION = 1
SUFFIX = ".yulubak"
MANIFEST = "manifest.json"
DATABASE = "yulu.db"
KEYS = "yulu.db.keys"
#: Pages copied per backup step (4 MiB of 4 KiB pages) — the granularity of progress and cancelling.
_PAGES_PER_STEP = 1024
_CHUNK = 1024 * 1024
#: Tables counted in the manifest (besides the shared ones): files, audit trail, unsent changes, conflicts.
_LOCAL_COUNTED = ("attachment_blob", "audit_log", "change_journal", "sync_conflict")

#: ``progress(stage, done, total)``: stages "copy" (pages), "check", "write" and "verify" (bytes).
Progress = Callable[[str, int, int], None]
Cancel = Callable[[], bool]


class BackupError(YuluError):
    """A backup could not be made or used; the message says why, in Chinese."""


class BackupDamaged(BackupError):
    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"备份文件“{path.name}”已损坏或不完整（{what}），不能使用。当前数据没有任何改动。")


class NotABackup(BackupError):
    def __init__(self, path: Path, what: str = "") -> None:
        detail = f"（{what}）" if what else ""
        super().__init__(f"“{path.name}”不是雨露备份文件{detail}。请选择以 {SUFFIX} 结尾的备份文件。")


class OtherCounty(BackupError):
    def __init__(self, backup: str, current: str) -> None:
        super().__init__(
            f"这是{backup}的备份，而本机的数据属于{current}：不能用另一个县的备份替换本机数据。"
            "当前数据没有任何改动。请选择本县的备份文件。"
        )


class BackupCancelled(BackupError):
    def __init__(self) -> None:
        super().__init__("已取消备份")


@dataclass(frozen=True)
class Part:
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What a backup holds (``manifest.json``)."""

    created_at: str  # ISO 8601, UTC
    app_version: str
    schema_revision: str
    county_code: str
    county_name: str
    scope_name: str  # the village (or township) the laptop holds
    device_id: str
    enrolled: bool
    counts: dict[str, int]
    journal_seq: int  # highest journal sequence given out (for the sync after a restore)
    pending_changes: int  # changes not yet at the county when the backup was made
    parts: dict[str, Part] = field(default_factory=dict)
    format_version: int = FORMAT_VERSION

    @property
    def people(self) -> int:
        return self.counts.get("person", 0)

    @property
    def households(self) -> int:
        return self.counts.get("household", 0)

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.created_at)

    @property
    def county_label(self) -> str:
        """The county as a person names it: 城口县（500229）, or 未知县 when the database names none."""
        if not self.county_name and not self.county_code:
            return "未注明县的数据"
        return f"{self.county_name}（{self.county_code}）" if self.county_code else self.county_name

    def to_json(self) -> bytes:
        doc = {"format": FORMAT, **asdict(self)}
        return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes, path: Path) -> Manifest:
        try:
            doc = json.loads(data.decode("utf-8"))
            if doc.get("format") != FORMAT:
                raise NotABackup(path, "清单格式不对")
            version = int(doc["format_version"])
            if version > FORMAT_VERSION:
                raise BackupError(f"备份文件“{path.name}”由更新版本的雨露制作，请先升级本机的雨露再恢复。")
            parts = {str(k): Part(int(v["size"]), str(v["sha256"])) for k, v in doc["parts"].items()}
            return cls(
                created_at=str(doc["created_at"]),
                app_version=str(doc["app_version"]),
                schema_revision=str(doc["schema_revision"]),
                county_code=str(doc["county_code"]),
                county_name=str(doc["county_name"]),
                scope_name=str(doc["scope_name"]),
                device_id=str(doc["device_id"]),
                enrolled=bool(doc["enrolled"]),
                counts={str(k): int(v) for k, v in doc["counts"].items()},
                journal_seq=int(doc["journal_seq"]),
                pending_changes=int(doc["pending_changes"]),
                parts=parts,
                format_version=version,
            )
        except BackupError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise BackupDamaged(path, "清单无法读取") from exc


@dataclass(frozen=True)
class County:
    """Whose data a database holds: the county's code and name ('' where the database names no county)."""

    code: str
    name: str

    @property
    def label(self) -> str:
        if not self.code and not self.name:
            return "未注明县的数据"
        return f"{self.name}（{self.code}）" if self.code else self.name

    def differs_from(self, other: County) -> bool:
        """True when both name a county and they are not the same one. Codes decide when both are real
        GB/T 2260 codes (six digits); a code made up by an import before enrollment is compared by name."""
        if not (self.code or self.name) or not (other.code or other.name):
            return False
        if _is_gb_code(self.code) and _is_gb_code(other.code):
            return self.code != other.code
        return self.name != other.name


def _is_gb_code(code: str) -> bool:
    return len(code) == 6 and code.isdigit()


@dataclass(frozen=True)
class Description:
    """What is read from a database for its manifest (and to compare a restored copy with it)."""

    county: County
    scope_name: str
    device_id: str
    enrolled: bool
    schema_revision: str
    counts: dict[str, int]
    journal_seq: int
    pending_changes: int


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    manifest: Manifest


@dataclass(frozen=True)
class PreparedRestore:
    """A backup unpacked and checked next to the target, waiting to be moved into place."""

    manifest: Manifest
    database: Path
    keys: Path | None
    passphrase: str = field(repr=False)

    def discard(self) -> None:
        for path in (self.database, self.keys):
            if path is not None:
                _remove_database_files(path)


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    path: Path
    #: Where the database that was replaced now is (renamed, never deleted); None if there was none.
    set_aside: Path | None


# --- reading a database ----------------------------------------------------------------------------------


def _tables(conn: Any) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}


def describe(conn: Any) -> Description:
    """Read what a manifest says from a raw (DB-API) connection, inside the caller's transaction."""
    tables = _tables(conn)
    counts = {
        name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
        for name in (*SHARED_TABLES, *_LOCAL_COUNTED)
        if name in tables
    }
    revision = ""
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = str(row[0]) if row else ""
    device_id = ""
    acked = 0
    if "device_state" in tables:
        row = conn.execute("SELECT device_id, acked_seq FROM device_state WHERE id = 1").fetchone()
        if row is not None:
            device_id, acked = str(row[0]), int(row[1])
    enrolled, scope, jurisdiction = False, "", ""
    if "sync_state" in tables:
        row = conn.execute(
            "SELECT server_url, private_key, jurisdiction_id, jurisdiction_name FROM sync_state WHERE id = 1"
        ).fetchone()
        if row is not None:
            enrolled = bool(row[0]) and row[1] is not None
            jurisdiction, scope = str(row[2] or ""), str(row[3] or "")
    county = _county(conn, jurisdiction) if "org_unit" in tables else County("", "")
    if not scope and "org_unit" in tables:
        villages = [
            r[0]
            for r in conn.execute("SELECT name FROM org_unit WHERE level = 'village' ORDER BY code LIMIT 4")
        ]
        scope = "、".join(villages[:3]) + ("等" if len(villages) > 3 else "")
    journal_seq = restore_mark.highest_seq(conn) if {"change_journal", "device_state"} <= tables else 0
    return Description(
        county=county,
        scope_name=scope,
        device_id=device_id,
        enrolled=enrolled,
        schema_revision=revision,
        counts=counts,
        journal_seq=journal_seq,
        pending_changes=max(0, journal_seq - acked) if "change_journal" in tables else 0,
    )


def _county(conn: Any, jurisdiction_id: str) -> County:
    """The county of the jurisdiction the laptop is enrolled for (walking up), else the one county unit."""
    unit_id = jurisdiction_id
    for _ in range(10):  # county › township › village › group at most
        if not unit_id:
            break
        row = conn.execute(
            "SELECT code, name, level, parent_id FROM org_unit WHERE id = ?", (unit_id,)
        ).fetchone()
        if row is None:
            break
        if row[2] == "county":
            return County(str(row[0]), str(row[1]))
        unit_id = row[3]
    row = conn.execute(
        "SELECT code, name FROM org_unit WHERE level = 'county' ORDER BY code LIMIT 1"
    ).fetchone()
    return County(str(row[0]), str(row[1])) if row is not None else County("", "")


def database_county(db: Database) -> County:
    """The county whose data ``db`` holds (for refusing another county's backup): a few indexed reads."""
    with db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        row = raw.execute("SELECT jurisdiction_id FROM sync_state WHERE id = 1").fetchone()
        return _county(raw, str(row[0] or "") if row is not None else "")


# --- making a backup -------------------------------------------------------------------------------------


def default_name(manifest_county: County, when: datetime) -> str:
    county = manifest_county.name or "雨露"
    return f"雨露备份_{county}_{when.astimezone().strftime('%Y%m%d-%H%M%S')}{SUFFIX}"


def create_backup(
    db: Database,
    target: Path,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    now: datetime | None = None,
) -> BackupResult:
    """Write a verified backup of ``db`` to ``target`` (a file name, or a folder: then named by county and
    time). Nothing is left at ``target`` unless the whole backup was written and checked."""
    target = Path(target)
    work = _work_folder(db.path.parent)
    try:
        snapshot = work / DATABASE
        source = _snapshot(db, snapshot, progress, cancel)
        if progress is not None:
            progress("check", 0, 1)
        copy = _check_copy(snapshot, _keyed(db), source.counts)
        if progress is not None:
            progress("check", 1, 1)
        created = (now or datetime.now(UTC)).astimezone(UTC)
        if target.is_dir():
            target = target / default_name(source.county, created)
        keys = keyring.key_file_path(db.path)
        members = [(DATABASE, snapshot)] + ([(KEYS, keys)] if keys.exists() else [])
        manifest = Manifest(
            created_at=created.isoformat(timespec="seconds"),
            app_version=__version__,
            schema_revision=copy.schema_revision,
            county_code=copy.county.code,
            county_name=copy.county.name,
            scope_name=copy.scope_name,
            device_id=copy.device_id,
            enrolled=copy.enrolled,
            counts=copy.counts,
            journal_seq=copy.journal_seq,
            pending_changes=copy.pending_changes,
        )
        size = _write_archive(target, members, manifest, progress, cancel)
        written = verify_archive(target, progress)
        return BackupResult(path=target, size=size, manifest=written)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _work_folder(near: Path) -> Path:
    """A private scratch folder beside the database (same disk; encrypted copies only ever go in it)."""
    folder = near / f".yulu-backup-{secrets.token_hex(6)}"
    folder.mkdir(mode=0o700, parents=True)
    return folder


def _keyed(db: Database) -> str:
    """The key that opens a copy of ``db``: its raw key with its salt (so the copy keeps the same salt)."""
    return f"\"x'{db.raw_key().hex()}{keyring.database_salt(db.path).hex()}'\""


def _open_copy(path: Path, key: str) -> sqlcipher.Connection:
    """A raw connection to a copy; ``key`` is an SQL literal (``_keyed`` or ``_passphrase_literal``)."""
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {key}")
    return conn


def _snapshot(db: Database, dest: Path, progress: Progress | None, cancel: Cancel | None) -> Description:
    """Copy ``db`` to ``dest`` in one read transaction; what the source held at that moment."""
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    os.close(fd)
    target = _open_copy(dest, _keyed(db))
    try:
        with db.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            raw.execute("BEGIN")
            try:
                # The read transaction pins one snapshot (WAL): writers carry on, the copy does not restart.
                described = describe(raw)

                def step(_status: int, remaining: int, total: int) -> None:
                    if cancel is not None and cancel():
                        raise BackupCancelled()
                    if progress is not None:
                        progress("copy", total - remaining, total)

                raw.backup(target, pages=_PAGES_PER_STEP, progress=step)
            finally:
                raw.execute("COMMIT")
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        target.close()
    _remove_companions(dest)
    return described


def _check_copy(path: Path, key: str, expected: dict[str, int] | None) -> Description:
    """Open a copy with ``key`` and check it page by page; its description. ``WrongPassphrase`` if the key does
    not open it, ``BackupDamaged`` if a check fails or its counts differ from ``expected``."""
    conn = _open_copy(path, key)
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as exc:
            raise WrongPassphrase(path) from exc
        try:
            # cipher_integrity_check: the HMAC of every page; integrity_check: the b-trees and indexes.
            cipher_problems = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            if cipher_problems:
                raise BackupDamaged(path, f"{len(cipher_problems)} 个数据页校验不符")
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            if integrity != ["ok"]:
                raise BackupDamaged(path, "数据库完整性检查未通过：" + "；".join(integrity[:3]))
            described = describe(conn)
        except sqlcipher.DatabaseError as exc:
            raise BackupDamaged(path, f"数据库无法读取：{exc}") from exc
    finally:
        conn.close()
    _remove_companions(path)
    if expected is not None and described.counts != expected:
        differ = sorted(
            k for k in set(expected) | set(described.counts) if expected.get(k) != described.counts.get(k)
        )
        raise BackupDamaged(path, "记录数与清单不符：" + "、".join(differ))
    return described


def _write_archive(
    target: Path,
    members: list[tuple[str, Path]],
    manifest: Manifest,
    progress: Progress | None,
    cancel: Cancel | None,
) -> int:
    """Pack ``members`` and the manifest into ``target`` through a temporary file, fsync'd, then renamed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    total = sum(path.stat().st_size for _, path in members)
    done = 0
    parts: dict[str, Part] = {}
    try:
        fd = os.open(
            tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE
        )
        with os.fdopen(fd, "wb") as raw_out:
            with zipfile.ZipFile(raw_out, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
                for name, path in members:
                    digest = hashlib.sha256()
                    size = 0
                    with open(path, "rb") as src, archive.open(name, "w", force_zip64=True) as out:
                        while chunk := src.read(_CHUNK):
                            if cancel is not None and cancel():
                                raise BackupCancelled()
                            digest.update(chunk)
                            out.write(chunk)
                            size += len(chunk)
                            done += len(chunk)
                            if progress is not None:
                                progress("write", done, total)
                    parts[name] = Part(size, digest.hexdigest())
                final = Manifest(**{**asdict(manifest), "parts": parts})
                archive.writestr(MANIFEST, final.to_json())
            raw_out.flush()
            os.fsync(raw_out.fileno())
        verify_archive(tmp, progress)  # read back from the disk (a USB stick that lies shows here)
        os.replace(tmp, target)
        _sync_folder(target.parent)
        return target.stat().st_size
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _sync_folder(folder: Path) -> None:
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --- reading and checking a backup -----------------------------------------------------------------------


@contextlib.contextmanager
def _open_archive(path: Path) -> Iterator[zipfile.ZipFile]:
    path = Path(path)
    if path.is_dir():
        raise NotABackup(path, "这是一个文件夹")
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except FileNotFoundError as exc:
        raise BackupError(f"找不到备份文件 {path}") from exc
    except OSError as exc:
        raise BackupError(f"无法读取备份文件 {path}：{exc.strerror or exc}") from exc
    if head != b"PK\x03\x04":
        raise NotABackup(path)
    try:
        with zipfile.ZipFile(path) as archive:
            yield archive
    except zipfile.BadZipFile as exc:
        raise BackupDamaged(path, "文件结构不完整，可能没有复制完") from exc
    except zipfile.LargeZipFile as exc:  # pragma: no cover - allowZip64 is on
        raise BackupDamaged(path, str(exc)) from exc


def read_manifest(path: Path) -> Manifest:
    """The manifest of the backup at ``path`` (quick: the members' contents are not read)."""
    path = Path(path)
    with _open_archive(path) as archive:
        names = set(archive.namelist())
        if MANIFEST not in names:
            raise NotABackup(path, "缺少备份清单")
        try:
            manifest = Manifest.from_json(archive.read(MANIFEST), path)
        except zipfile.BadZipFile as exc:
            raise BackupDamaged(path, "清单校验不符") from exc
        if DATABASE not in manifest.parts or set(manifest.parts) - names:
            raise BackupDamaged(path, "缺少数据库")
        for name, part in manifest.parts.items():
            if archive.getinfo(name).file_size != part.size:
                raise BackupDamaged(path, f"{name} 的大小与清单不符")
        return manifest


def verify_archive(path: Path, progress: Progress | None = None) -> Manifest:
    """Read every member of the backup and compare its SHA-256 with the manifest."""
    manifest = read_manifest(path)
    total = sum(p.size for p in manifest.parts.values())
    done = 0
    with _open_archive(path) as archive:
        for name, part in manifest.parts.items():
            digest = hashlib.sha256()
            try:
                with archive.open(name) as src:
                    while chunk := src.read(_CHUNK):
                        digest.update(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress("verify", done, total)
            except zipfile.BadZipFile as exc:
                raise BackupDamaged(path, f"{name} 校验不符") from exc
            if digest.hexdigest() != part.sha256:
                raise BackupDamaged(path, f"{name} 的校验值与清单不符")
    return manifest


def _extract(archive: zipfile.ZipFile, name: str, dest: Path, part: Part, path: Path) -> None:
    digest = hashlib.sha256()
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        try:
            with archive.open(name) as src:
                _copy(src, out, digest)
        except zipfile.BadZipFile as exc:
            raise BackupDamaged(path, f"{name} 校验不符") from exc
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != part.sha256:
        raise BackupDamaged(path, f"{name} 的校验值与清单不符")


def _copy(src: IO[bytes], out: IO[bytes], digest: Any) -> None:
    while chunk := src.read(_CHUNK):
        digest.update(chunk)
        out.write(chunk)


# --- restoring -------------------------------------------------------------------------------------------


def prepare_restore(
    source: Path,
    passphrase: str,
    target: Path,
    *,
    expected_county: County | None = None,
    progress: Progress | None = None,
) -> PreparedRestore:
    """Unpack the backup beside ``target`` and check all of it; nothing at ``target`` is touched.

    Raises ``NotABackup``/``BackupDamaged`` (file), ``WrongPassphrase`` (the passphrase does not open it) or
    ``OtherCounty`` (``expected_county`` is another county: the manifest is compared first, then the data)."""
    source, target = Path(source), Path(target)
    manifest = read_manifest(source)
    backup_county = County(manifest.county_code, manifest.county_name)
    if expected_county is not None and backup_county.differs_from(expected_county):
        raise OtherCounty(backup_county.label, expected_county.label)
    target.parent.mkdir(parents=True, exist_ok=True)
    stem = f".{target.name}.restore-{secrets.token_hex(6)}"
    database = target.with_name(stem)
    keys = target.with_name(stem + keyring.KEY_FILE_SUFFIX) if KEYS in manifest.parts else None
    prepared = PreparedRestore(manifest, database, keys, passphrase)
    try:
        total = sum(p.size for p in manifest.parts.values())
        if progress is not None:
            progress("verify", 0, total)
        with _open_archive(source) as archive:
            _extract(archive, DATABASE, database, manifest.parts[DATABASE], source)
            if keys is not None:
                _extract(archive, KEYS, keys, manifest.parts[KEYS], source)
        if progress is not None:
            progress("verify", total, total)
            progress("check", 0, 1)
        described = _check_copy(database, _passphrase_literal(passphrase), manifest.counts)
        if expected_county is not None and described.county.differs_from(expected_county):
            raise OtherCounty(described.county.label, expected_county.label)
        conn = _open_copy(database, _passphrase_literal(passphrase))
        try:
            restore_mark.mark(conn)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        _remove_companions(database)
        if progress is not None:
            progress("check", 1, 1)
    except WrongPassphrase:
        prepared.discard()
        raise BackupError(
            f"密码不正确，无法打开备份“{source.name}”。请输入制作这个备份时数据库的密码（注意大小写）。"
            "当前数据没有任何改动。"
        ) from None
    except BaseException:
        prepared.discard()
        raise
    return prepared


def _passphrase_literal(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def install_restore(prepared: PreparedRestore, target: Path, *, now: datetime | None = None) -> RestoreResult:
    """Move a prepared restore into place: the current database (with its -wal, -shm and key file) is renamed
    aside, the restored one moved in and opened with the passphrase. If it does not open, everything is put
    back as it was. The database at ``target`` must be closed by the caller."""
    target = Path(target)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = target.with_name(f"{target.name}.恢复前-{stamp}")
    moved: list[tuple[Path, Path]] = []
    set_aside: Path | None = None
    try:
        if target.exists():
            set_aside = aside
            for suffix in ("", "-wal", "-shm", "-journal", keyring.KEY_FILE_SUFFIX):
                current = target.with_name(target.name + suffix)
                if current.exists():
                    os.replace(current, aside.with_name(aside.name + suffix))
                    moved.append((aside.with_name(aside.name + suffix), current))
        os.replace(prepared.database, target)
        moved.append((Path(os.devnull), target))  # a marker: the restored file is in place
        target_keys = keyring.key_file_path(target)
        if prepared.keys is not None:
            os.replace(prepared.keys, target_keys)
        _sync_folder(target.parent)
        make_private(target)
        Database.open(target, prepared.passphrase).close()
    except BaseException:
        _undo(moved, target)
        raise
    return RestoreResult(prepared.manifest, target, set_aside)


def _undo(moved: list[tuple[Path, Path]], target: Path) -> None:
    """Put the files renamed aside back (the restored ones are dropped)."""
    with contextlib.suppress(OSError):
        if any(src == Path(os.devnull) for src, _ in moved):
            _remove_database_files(target)
            with contextlib.suppress(FileNotFoundError):
                keyring.key_file_path(target).unlink()
    for src, original in reversed(moved):
        if src != Path(os.devnull):
            with contextlib.suppress(OSError):
                os.replace(src, original)


def _remove_companions(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


def _remove_database_files(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    _remove_companions(path)
