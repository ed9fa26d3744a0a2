"""Printing from the database: adapters, audit of every print, record versions and the QR round trip."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PIL import Image
from sqlalchemy import text

from yulu_desktop.domain import codes
from yulu_desktop.domain.entities import MembershipChange, Training, Visit
from yulu_desktop.domain.errors import NotFound, YuluError
from yulu_desktop.domain.masking import mask_account, mask_id_number, mask_phone
from yulu_desktop.printing.batch import BatchCancelled, CancelToken
from yulu_desktop.printing.publicity import PublicityRefused
from yulu_desktop.services import demo, records
from yulu_desktop.services import printing as ps
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database

PASSPHRASE = "test-passphrase-1"
DEMO_TODAY = dt.date(2025, 11, 20)
NOW = dt.datetime(2025, 11, 21, 9, 30)
VILLAGE = "500229101201"  # 红岩村: all 20 demo households live there
TOWNSHIP = "500229101"
TERM = "2025-autumn"
ACTOR = "李明"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("print-demo") / "demo.db"
    with Database.open(path, PASSPHRASE, create=True) as db:
        migrate.upgrade(db)
        demo.generate_demo(db, households=20, seed=5, today=DEMO_TODAY)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "yulu.db"
    shutil.copyfile(demo_template, path)
    with Database.open(path, PASSPHRASE) as database:
        yield database


def _one(db: Database, sql: str, **params: object) -> tuple[object, ...]:
    with db.read_connection() as conn:
        row = conn.execute(text(sql), params).first()
    assert row is not None, sql
    return tuple(row)


def _student(db: Database) -> tuple[str, str, str]:
    """(person id, ID number, person number) of a student with an application in TERM."""
    row = _one(
        db,
        "SELECT p.id, p.id_number, p.person_no FROM person p JOIN subsidy_application s ON s.person_id = p.id "
        "WHERE s.term = :term ORDER BY p.person_no LIMIT 1",
        term=TERM,
    )
    return str(row[0]), str(row[1]), str(row[2])


def _audit(db: Database) -> list[tuple[Any, ...]]:
    with db.read_connection() as conn:
        rows = conn.execute(
            text("SELECT actor, action, entity, entity_id, detail FROM audit_log ORDER BY id")
        )
        return [tuple(r) for r in rows]


def _flat(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _png(color: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 40), color).save(out, format="PNG")
    return out.getvalue()


# --- finding people and places ------------------------------------------------------------------------------


def test_find_person_by_id_number_in_any_form_and_by_person_number(db: Database) -> None:
    person_id, id_number, person_no = _student(db)
    full_width = id_number[:-1].translate(str.maketrans("0123456789", "０１２３４５６７８９")) + id_number[-1]
    assert ps.find_person(db, id_number) == person_id
    assert ps.find_person(db, f"  {full_width.lower()} ") == person_id
    assert ps.find_person(db, person_no) == person_id


def test_find_person_by_legacy_15_digit_number(db: Database) -> None:
    person_id, id_number = _one(
        db, "SELECT id, id_number FROM person WHERE substr(id_number, 7, 2) = '19' LIMIT 1"
    )
    assert ps.find_person(db, str(id_number)[:6] + str(id_number)[8:17]) == person_id


def test_find_person_unknown_and_ambiguous(db: Database) -> None:
    with pytest.raises(NotFound, match="找不到身份证号或人员编号为“110105194912310021”"):
        ps.find_person(db, "110105194912310021")
    with pytest.raises(YuluError, match="请输入"):
        ps.find_person(db, "   ")
    person_id, id_number, _ = _student(db)
    other = str(_one(db, "SELECT id FROM person WHERE id != :id LIMIT 1", id=person_id)[0])
    records.update_person(db, other, {"person_no": id_number}, actor=ACTOR)
    with pytest.raises(YuluError, match="同时对应 2 人"):
        ps.find_person(db, id_number)


def test_resolve_org_checks_the_level(db: Database) -> None:
    assert ps.resolve_org(db, VILLAGE).name == "红岩村"
    assert ps.resolve_org(db, TOWNSHIP).name == "庙坝镇"
    with pytest.raises(YuluError, match="是乡镇（庙坝镇），这里需要村"):
        ps.resolve_org(db, TOWNSHIP, levels=("village",))
    with pytest.raises(NotFound, match="找不到行政区划代码“999”"):
        ps.resolve_org(db, "999")


@pytest.mark.parametrize("term", ["2025-fall", "2025", "autumn-2025", ""])
def test_bad_term_is_refused_in_chinese(term: str) -> None:
    with pytest.raises(YuluError, match=r"格式不对.*2025-autumn"):
        ps.parse_term_argument(term)
    assert ps.parse_term_argument(" ２０２５-Autumn ") == "2025-autumn"


# --- dossier ------------------------------------------------------------------------------------------------


def test_dossier_data_holds_the_record_with_codes_and_full_values(db: Database) -> None:
    person_id, id_number, person_no = _student(db)
    data = ps.dossier_data(db, person_id, printed_by=ACTOR, now=NOW)
    assert (data.person_id, data.id_number, data.person_no) == (person_id, id_number, person_no)
    assert data.household.village_path == "城口县 庙坝镇 红岩村"
    assert data.household.household_type in codes.HOUSEHOLD_TYPE
    assert data.household.payee_account.isdigit()  # full: the renderer masks it
    assert data.household.head_name
    assert {m.relationship for m in data.members} >= {"01"}
    assert data.enrollments and all(e.semester in codes.SEMESTER for e in data.enrollments)
    assert {s.amount_yuan for s in data.subsidies} == {1500}
    assert [s.term for s in data.subsidies] == sorted(
        (s.term for s in data.subsidies), key=lambda t: (int(t[:4]) - (t.endswith("spring")), t)
    )
    assert data.visits == tuple(sorted(data.visits, key=lambda v: v.visit_date))
    assert data.photo is None
    assert data.generated_at == NOW and data.printed_by == ACTOR


def test_dossier_photo_is_the_newest_photo_attachment(db: Database) -> None:
    person_id, _, _ = _student(db)
    old, new, scan = _png("red"), _png("blue"), _png("green")
    records.add_attachment(
        db, person_id, "old.png", old, kind="photo", actor=ACTOR, today=dt.date(2025, 1, 1)
    )
    records.add_attachment(
        db, person_id, "new.png", new, kind="photo", actor=ACTOR, today=dt.date(2025, 6, 1)
    )
    records.add_attachment(
        db, person_id, "card.png", scan, kind="id_card", actor=ACTOR, today=dt.date(2025, 9, 1)
    )
    records.add_attachment(
        db, person_id, "broken.png", b"not a png", kind="photo", actor=ACTOR, today=dt.date(2025, 10, 1)
    )
    data = ps.dossier_data(db, person_id, printed_by=ACTOR, now=NOW)
    assert data.photo == new
    assert len(data.attachments) == 4
    assert ps.print_dossier(db, person_id, ACTOR, now=NOW).startswith(b"%PDF")


def test_dossier_prints_undated_training_and_enrollment_blank(db: Database) -> None:
    person_id, _, _ = _student(db)
    for name in ("电工证", "焊工证"):
        records.record_training(db, Training(person_id=person_id, kind="certificate", name=name), actor=ACTOR)
    with db.write_connection() as conn:
        conn.execute(text("UPDATE enrollment SET entry_date = NULL WHERE person_id = :id"), {"id": person_id})
    flat = _flat(ps.print_dossier(db, person_id, ACTOR, now=NOW))
    assert "电工证" in flat and "焊工证" in flat
    assert "0001-01-01" not in flat


def test_dossier_pdf_masks_and_is_reproducible(db: Database) -> None:
    person_id, id_number, _ = _student(db)
    data = ps.dossier_data(db, person_id, printed_by=ACTOR, now=NOW)
    pdf = ps.print_dossier(db, person_id, ACTOR, now=NOW)
    assert pdf == ps.print_dossier(db, person_id, ACTOR, now=NOW)
    flat = _flat(pdf)
    assert data.name in flat and data.household.household_no in flat and mask_id_number(id_number) in flat
    assert id_number not in flat
    assert data.household.payee_account not in flat and mask_account(data.household.payee_account) in flat
    for m in data.members:
        assert m.id_number not in flat
        if m.phone:
            assert m.phone not in flat and mask_phone(m.phone) in flat


def test_dossier_prints_the_persons_membership_changes(db: Database) -> None:
    person_id, _, _ = _student(db)
    with db.write() as session:
        session.add(
            MembershipChange(
                person_id=person_id,
                kind="move_out",
                happened_on=dt.date(2025, 3, 2),
                from_place="红岩村",
                to_place="庙坝镇场镇",
                note="随父母迁出",
            )
        )
    data = ps.dossier_data(db, person_id, printed_by=ACTOR, now=NOW)
    assert [(c.kind, c.to_place) for c in data.membership_changes] == [("move_out", "庙坝镇场镇")]
    flat = _flat(ps.print_dossier(db, person_id, ACTOR, now=NOW))
    assert "本人人口变动" in flat and "庙坝镇场镇" in flat and "随父母迁出" in flat


def test_dossier_prints_the_day_of_approval_and_of_payment(db: Database) -> None:
    person_id, _, _ = _student(db)
    with db.write_connection() as conn:
        conn.execute(
            text(
                "UPDATE subsidy_application SET state = 'paid', county_approved_on = '2025-11-03', "
                "paid_on = '2025-12-01' WHERE id = (SELECT id FROM subsidy_application WHERE person_id = :id "
                "ORDER BY term LIMIT 1)"
            ),
            {"id": person_id},
        )
    data = ps.dossier_data(db, person_id, printed_by=ACTOR, now=NOW)
    dated = [s for s in data.subsidies if s.county_approved_date is not None]
    assert [(s.county_approved_date, s.paid_date) for s in dated] == [
        (dt.date(2025, 11, 3), dt.date(2025, 12, 1))
    ]
    flat = _flat(ps.print_dossier(db, person_id, ACTOR, now=NOW))
    assert "审定日期2025-11-03" in flat.replace(" ", "") and "发放日期2025-12-01" in flat.replace(" ", "")


# --- form -----------------------------------------------------------------------------------------------------


def test_form_data_for_a_term(db: Database) -> None:
    person_id, id_number, _ = _student(db)
    form = ps.application_form_data(db, person_id, TERM, printed_by=ACTOR, now=NOW)
    assert (form.id_number, form.term, form.amount_yuan) == (id_number, TERM, 1500)
    assert (form.county, form.township, form.village) == ("城口县", "庙坝镇", "红岩村")
    assert form.payee_account and form.payee_name and form.head_name
    assert form.school and form.school_type in codes.HIGHER_VOCATIONAL | codes.SECONDARY_VOCATIONAL
    assert form.masked  # unless asked for the signed copy
    flat = _flat(ps.print_form(db, person_id, TERM, ACTOR, now=NOW))
    assert id_number not in flat and form.payee_account not in flat and "1,500" in flat
    assert "核对稿" in flat and mask_id_number(id_number) in flat
    flat = _flat(ps.print_form(db, person_id, TERM, ACTOR, full=True, reason="村委会初审签字", now=NOW))
    assert id_number in flat and form.payee_account in flat and "核对稿" not in flat


def test_form_without_schooling_in_the_term_says_so(db: Database) -> None:
    person_id, _, _ = _student(db)
    with pytest.raises(YuluError, match=r"没有2030年秋季学期的学籍记录.*已登记的学期"):
        ps.application_form_data(db, person_id, "2030-autumn")
    head = str(_one(db, "SELECT id FROM person WHERE relationship = '01' LIMIT 1")[0])
    with pytest.raises(YuluError, match="尚未登记任何学籍"):
        ps.print_form(db, head, TERM, ACTOR)
    assert _audit(db) == []


def test_form_without_application_uses_county_standard(db: Database) -> None:
    person_id, _, _ = _student(db)
    school_type = str(
        _one(
            db,
            "SELECT school_type FROM enrollment WHERE person_id = :id AND school_year = '2025-2026'",
            id=person_id,
        )[0]
    )
    with db.write_connection() as conn:
        conn.execute(text("DELETE FROM subsidy_application WHERE person_id = :id"), {"id": person_id})
    records.set_subsidy_amount(
        db, "500229", school_type, 400000, effective_from=dt.date(2025, 1, 1), actor=ACTOR
    )
    records.set_subsidy_amount(
        db, "500229", school_type, 500000, effective_from=dt.date(2025, 10, 1), actor=ACTOR
    )
    form = ps.application_form_data(db, person_id, TERM)
    assert form.amount_yuan == 2000  # the standard in force when the term began, half a year's amount


# --- publicity and registers ----------------------------------------------------------------------------------


def test_publicity_lists_proposed_students_and_nothing_sensitive(db: Database) -> None:
    rejected_id, _, _ = _student(db)
    app_id = str(
        _one(
            db, "SELECT id FROM subsidy_application WHERE person_id = :p AND term = :t", p=rejected_id, t=TERM
        )[0]
    )
    with db.write_connection() as conn:
        # Rejected by the township (a step of another level: services.subsidy.take_step on its laptop).
        conn.execute(
            text("UPDATE subsidy_application SET state = 'rejected', reason = '学籍核实不符' WHERE id = :id"),
            {"id": app_id},
        )
    data = ps.publicity_data(
        db, VILLAGE, TERM, contact_person="王芳", contact_phone="023-59221234", now=NOW,
        notice_start=dt.date(2025, 11, 21),
    )  # fmt: skip
    expected = int(
        str(
            _one(
                db,
                "SELECT count(*) FROM subsidy_application WHERE term = :t AND state NOT IN ('rejected', 'withdrawn')",
                t=TERM,
            )[0]
        )
    )
    rejected_name = str(_one(db, "SELECT name FROM person WHERE id = :id", id=rejected_id)[0])
    assert len(data.rows) == expected > 0
    assert rejected_name not in {r.name for r in data.rows}
    assert (data.notice_start, data.notice_end) == (dt.date(2025, 11, 21), dt.date(2025, 11, 27))
    assert data.office == "红岩村村民委员会"
    pdf = ps.print_publicity(
        db, VILLAGE, TERM, ACTOR, contact_person="王芳", contact_phone="023-59221234", now=NOW
    )
    flat = _flat(pdf)
    assert all(r.name in flat for r in data.rows)
    with db.read_connection() as conn:
        secrets = conn.execute(text("SELECT id_number, phone FROM person")).all()
        accounts = conn.execute(text("SELECT payee_account, contact_phone FROM household")).all()
    for value in [v for row in [*secrets, *accounts] for v in row if v]:
        assert value not in flat
    assert not re.search(r"\d{11,}", flat)


def test_publicity_refusals(db: Database) -> None:
    with pytest.raises(PublicityRefused, match="个人手机号码"):
        ps.print_publicity(db, VILLAGE, TERM, ACTOR, contact_person="王芳", contact_phone="13800138000")
    with pytest.raises(YuluError, match="没有补助申请"):
        ps.publicity_data(db, VILLAGE, "2030-autumn", contact_person="王芳", contact_phone="023-1")
    with pytest.raises(YuluError, match="这里需要村"):
        ps.publicity_data(db, TOWNSHIP, TERM, contact_person="王芳", contact_phone="023-1")
    assert _audit(db) == []


@pytest.mark.parametrize("kind", ps.REGISTER_KINDS)
def test_registers_are_masked_and_totalled(db: Database, kind: str) -> None:
    data = ps.register_data(db, kind, TOWNSHIP, printed_by=ACTOR, now=NOW)
    headers = [c.header for c in data.columns]
    assert headers[0] == "序号" and "身份证号" in headers and "行政村" in headers
    assert data.rows and data.totals.startswith(f"合计：{len(data.rows)} 人")
    id_col = headers.index("身份证号")
    assert all("********" in row[id_col] for row in data.rows)
    village = ps.register_data(db, kind, VILLAGE, printed_by=ACTOR, now=NOW)
    assert "行政村" not in [c.header for c in village.columns]
    flat = _flat(ps.print_register(db, kind, VILLAGE, ACTOR, now=NOW))
    assert data.title in flat
    with db.read_connection() as conn:
        id_numbers = [row[0] for row in conn.execute(text("SELECT id_number FROM person"))]
    assert not any(n in flat for n in id_numbers)


def test_students_register_is_per_term(db: Database) -> None:
    newest = ps.register_data(db, "students", VILLAGE)
    assert "2025年秋季学期" in newest.scope_name
    older = ps.register_data(db, "students", VILLAGE, term="2024-spring")
    assert "2024年春季学期" in older.scope_name
    with pytest.raises(YuluError, match="未知的清单"):
        ps.register_data(db, "people", VILLAGE)


# --- audit ----------------------------------------------------------------------------------------------------


def test_every_print_is_audited_once_with_actor_and_what(db: Database) -> None:
    person_id, _, _ = _student(db)
    ps.print_dossier(db, person_id, "李明", now=NOW)
    ps.print_form(db, person_id, TERM, "王芳", full=True, reason="村委会初审签字", now=NOW, action="export")
    ps.print_publicity(
        db, VILLAGE, TERM, "张三", contact_person="王芳", contact_phone="023-59221234", now=NOW
    )
    ps.print_register(db, "graduates", VILLAGE, "李四", now=NOW)
    rows = _audit(db)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("李明", "print", "person", person_id),
        ("王芳", "export", "person", person_id),
        ("张三", "print", "org_unit", VILLAGE),
        ("李四", "print", "org_unit", VILLAGE),
    ]
    assert rows[0][4].startswith("一人一档")
    assert (
        "补助申请表" in rows[1][4] and "完整身份证号" in rows[1][4] and "理由：村委会初审签字" in rows[1][4]
    )
    assert rows[2][4].startswith("公示名单")
    assert rows[3][4].startswith("雨露计划毕业生就业去向清单")


# --- batches --------------------------------------------------------------------------------------------------


def test_batch_dossiers_one_pdf_audits_each_person(db: Database, tmp_path: Path) -> None:
    stages: set[str] = set()
    result = ps.print_dossiers(
        db, VILLAGE, tmp_path / "all.pdf", ACTOR, now=NOW, progress=lambda s, d, t: stages.add(s)
    )
    people = ps.dossier_people(db, VILLAGE)
    assert result.printed == len(people) > 0 and result.paths == (tmp_path / "all.pdf",)
    assert stages == {"load", "render"}
    assert len(pypdf.PdfReader(tmp_path / "all.pdf").pages) >= len(people)
    audit = _audit(db)
    assert [r[3] for r in audit] == people
    assert all(r[0] == ACTOR and "批量打印" in r[4] for r in audit)
    assert len(ps.dossier_people(db, VILLAGE, everyone=True)) > len(people)


def test_batch_forms_per_file(db: Database, tmp_path: Path) -> None:
    result = ps.print_forms(db, TOWNSHIP, TERM, tmp_path / "forms", ACTOR, per_file=True, now=NOW)
    assert result.printed == len(ps.form_people(db, TOWNSHIP, TERM)) == len(result.paths) > 1
    assert sorted(p.name for p in (tmp_path / "forms").iterdir()) == sorted(p.name for p in result.paths)
    assert len(_audit(db)) == result.printed
    with pytest.raises(YuluError, match="没有2030年秋季学期的在读学生"):
        ps.print_forms(db, VILLAGE, "2030-autumn", tmp_path / "none.pdf", ACTOR)


def test_cancelled_batch_writes_and_logs_nothing(db: Database, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    token = CancelToken()

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "render" and done == 2:
            token.cancel()

    with pytest.raises(BatchCancelled):
        ps.print_dossiers(db, VILLAGE, tmp_path / "out" / "all.pdf", ACTOR, progress=progress, cancel=token)
    assert list((tmp_path / "out").iterdir()) == []
    assert _audit(db) == []


# --- record version and the QR round trip ---------------------------------------------------------------------


def _payload(pdf: bytes) -> str:
    text_ = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    found = re.search(r"yulu:(?:dossier|form):\S+", text_)
    assert found is not None
    return found.group(0)


def test_record_version_is_stable_and_follows_changes(db: Database) -> None:
    person_id, _, _ = _student(db)
    version = ps.record_version(db, person_id)
    form_version = ps.record_version(db, person_id, TERM)
    assert re.fullmatch(r"[0-9a-f]{12}", version) and version != form_version
    ps.print_dossier(db, person_id, ACTOR)  # printing (the audit log) is not a change of the record
    assert ps.record_version(db, person_id) == version
    household_id = str(_one(db, "SELECT household_id FROM person WHERE id = :id", id=person_id)[0])
    records.record_visit(
        db,
        Visit(household_id=household_id, visit_date=dt.date(2025, 11, 1), visitor_name="李明", visitor_role="resident_cadre"),
        actor=ACTOR,
    )  # fmt: skip
    assert ps.record_version(db, person_id) != version
    assert ps.record_version(db, person_id, TERM) == form_version  # a visit is not on the form


def test_qr_reference_round_trip(db: Database) -> None:
    person_id, _, _ = _student(db)
    dossier_qr = _payload(ps.print_dossier(db, person_id, ACTOR, now=NOW))
    form_qr = _payload(ps.print_form(db, person_id, TERM, ACTOR, now=NOW))
    assert ps.check_printed_reference(db, dossier_qr)[:2] == (person_id, False)
    assert ps.check_printed_reference(db, form_qr)[:2] == (person_id, False)
    records.update_person(db, person_id, {"phone": "13912345678"}, actor=ACTOR)
    check = ps.check_printed_reference(db, dossier_qr)
    assert check.person_id == person_id and check.changed_since is True
    assert ps.check_printed_reference(db, form_qr).changed_since is True
    with pytest.raises(YuluError, match="不是雨露打印件"):
        ps.check_printed_reference(db, "https://example.com")
    records.delete_person(db, person_id, actor=ACTOR)
    with pytest.raises(NotFound, match="已不在本机数据库"):
        ps.check_printed_reference(db, dossier_qr)
