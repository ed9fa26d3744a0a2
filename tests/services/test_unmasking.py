"""Roles decide, not flags (issue 14): the services check the role table and the reason before they read,
render or write anything, and write the enrolled cadre and the reason into the audit log."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from yulu_desktop.domain.access import AccessDenied, ReasonRequired, Role
from yulu_desktop.services import acting, demo
from yulu_desktop.services import excel_export as xe
from yulu_desktop.services import printing as ps
from yulu_desktop.store import journal, migrate
from yulu_desktop.store.database import Database

PASSPHRASE = "test-passphrase-1"
NOW = dt.datetime(2025, 11, 21, 9, 30)
VILLAGE = "500229101201"
TERM = "2025-autumn"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("unmask-demo") / "demo.db"
    with Database.open(path, PASSPHRASE, create=True) as db:
        migrate.upgrade(db)
        demo.generate_demo(db, households=8, seed=3, today=dt.date(2025, 11, 20))
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "yulu.db"
    shutil.copyfile(demo_template, path)
    with Database.open(path, PASSPHRASE) as database:
        yield database


def enroll(db: Database, role: str, name: str = "王县", username: str = "wangxian") -> None:
    with db.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, :u, :n, :r) "
                "ON CONFLICT (id) DO UPDATE SET cadre_username = :u, cadre_name = :n, cadre_role = :r"
            ),
            {"u": username, "n": name, "r": role},
        )


def audit(db: Database) -> list[tuple[Any, ...]]:
    with db.read_connection() as conn:
        return [
            tuple(r) for r in conn.execute(text("SELECT actor, action, detail FROM audit_log ORDER BY id"))
        ]


def student(db: Database) -> tuple[str, str]:
    with db.read_connection() as conn:
        row = conn.execute(
            text(
                "SELECT p.id, p.id_number FROM person p JOIN subsidy_application s ON s.person_id = p.id "
                "WHERE s.term = :term ORDER BY p.person_no LIMIT 1"
            ),
            {"term": TERM},
        ).one()
    return str(row[0]), str(row[1])


def test_the_actor_is_the_enrolled_cadre(db: Database) -> None:
    with db.write_connection() as conn:
        journal.set_author(conn, "本地作者")
    assert acting.current_actor(db) == acting.Actor("本地作者", Role.VILLAGE)
    assert acting.current_actor(db, " 李  明 ").name == "李 明"
    enroll(db, "township", "赵乡", "zhaoxiang")
    actor = acting.current_actor(db, "冒名者")
    assert (actor.name, actor.username, actor.role) == ("赵乡", "zhaoxiang", Role.TOWNSHIP)
    person_id, _ = student(db)
    ps.print_dossier(db, person_id, "冒名者", now=NOW)
    assert audit(db)[-1][0] == "赵乡（zhaoxiang）"


def test_an_old_server_without_a_role_means_village(db: Database) -> None:
    enroll(db, "")
    assert acting.current_actor(db).role is Role.VILLAGE


@pytest.mark.parametrize("role", ["village", "township", "county"])
def test_health_in_a_dossier_is_refused_below_county_admin(db: Database, tmp_path: Path, role: str) -> None:
    enroll(db, role)
    person_id, _ = student(db)
    with pytest.raises(AccessDenied, match="无权打印含健康状况和残疾情况的一人一档"):
        ps.print_dossier(db, person_id, health=True, reason="核实", now=NOW)
    with pytest.raises(AccessDenied):
        ps.print_dossiers(db, VILLAGE, tmp_path / "all.pdf", health=True, reason="核实", now=NOW)
    assert audit(db) == [] and not (tmp_path / "all.pdf").exists()


def test_county_admin_prints_health_with_a_reason(db: Database) -> None:
    enroll(db, "county_admin")
    person_id, _ = student(db)
    with pytest.raises(ReasonRequired):
        ps.print_dossier(db, person_id, health=True, now=NOW)
    assert audit(db) == []
    ps.print_dossier(db, person_id, health=True, reason="残疾补贴复核", now=NOW)
    [(actor, action, detail)] = audit(db)
    assert actor == "王县（wangxian）" and action == "print"
    assert "含健康状况和残疾情况；理由：残疾补贴复核" in detail
    assert ps.dossier_data(db, person_id, printed_by="x", health_shown=True).health_shown


@pytest.mark.parametrize("role", ["", "village", "township", "county", "county_admin"])
def test_a_full_form_is_for_every_role_with_a_reason(db: Database, tmp_path: Path, role: str) -> None:
    if role:
        enroll(db, role)
    person_id, _ = student(db)
    with pytest.raises(ReasonRequired, match="须填写理由"):
        ps.print_form(db, person_id, TERM, "李明", full=True, now=NOW)
    with pytest.raises(ReasonRequired):
        ps.print_forms(db, VILLAGE, TERM, tmp_path / "f.pdf", "李明", full=True, now=NOW)
    assert audit(db) == [] and not (tmp_path / "f.pdf").exists()
    ps.print_form(db, person_id, TERM, "李明", full=True, reason="村委会初审签字", now=NOW)
    assert "理由：村委会初审签字" in audit(db)[-1][2]


@pytest.mark.parametrize("role", ["", "village", "township"])
def test_full_reconcile_report_is_refused_below_county(db: Database, tmp_path: Path, role: str) -> None:
    if role:
        enroll(db, role)
    report = xe.ReconcileReport(path=tmp_path / "national.xlsx")
    with pytest.raises(AccessDenied):
        xe.export_reconcile_report(db, report, tmp_path / "r.xlsx", full=True, reason="核对")
    with pytest.raises(AccessDenied):
        xe.permit_export(db, full=True, reason="核对")
    assert not (tmp_path / "r.xlsx").exists() and audit(db) == []
    xe.export_reconcile_report(db, report, tmp_path / "r.xlsx")
    assert "敏感信息已打码" in audit(db)[-1][2]


def test_county_exports_a_full_reconcile_report_with_its_reason(db: Database, tmp_path: Path) -> None:
    enroll(db, "county")
    report = xe.ReconcileReport(path=tmp_path / "national.xlsx")
    xe.export_reconcile_report(db, report, tmp_path / "r.xlsx", full=True, reason="国家系统比对")
    assert (tmp_path / "r.xlsx").exists() and "理由：国家系统比对" in audit(db)[-1][2]


def test_revealing_a_person_on_screen_is_audited_with_the_reason(db: Database) -> None:
    person_id, id_number = student(db)
    with pytest.raises(ReasonRequired):
        acting.reveal_person(db, person_id, reason="")
    assert audit(db) == []
    assert acting.reveal_person(db, person_id, reason="核对身份证", local_name="李明")[0] == id_number
    assert audit(db) == [("李明", "view_unmasked", "身份证号、手机号；理由：核对身份证")]
