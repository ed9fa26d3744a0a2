"""``yulu print …``: every document as a PDF file, audited, with Chinese messages and exit 1 on errors."""

from __future__ import annotations

import datetime as dt
import getpass
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import text

from yulu_desktop.cli.main import main
from yulu_desktop.domain.masking import mask_id_number
from yulu_desktop.services import demo, records
from yulu_desktop.services import printing as ps
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database

KEY = "cli-print-passphrase"
VILLAGE = "500229101201"
TOWNSHIP = "500229101"
TERM = "2025-autumn"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-print") / "demo.db"
    with Database.open(path, KEY, create=True) as db:
        migrate.upgrade(db)
        demo.generate_demo(db, households=20, seed=11, today=dt.date(2025, 11, 20))
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def db_file(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("YULU_DB_KEY", KEY)
    path = tmp_path / "yulu.db"
    shutil.copyfile(demo_template, path)
    return path


def run(db_file: Path, *args: str) -> int:
    return main(["--db", str(db_file), "print", *args])


def query(db_file: Path, sql: str, **params: object) -> list[tuple[object, ...]]:
    with Database.open(db_file, KEY) as db, db.read_connection() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def student(db_file: Path) -> dict[str, str]:
    """A student with a subsidy application in TERM, with what their documents must show."""
    rows = query(
        db_file,
        "SELECT p.id, p.name, p.id_number, p.person_no, h.household_no, e.school_name, h.payee_account "
        "FROM person p JOIN household h ON h.id = p.household_id "
        "JOIN subsidy_application s ON s.person_id = p.id AND s.term = :term "
        "JOIN enrollment e ON e.id = s.enrollment_id ORDER BY p.person_no LIMIT 1",
        term=TERM,
    )
    keys = ("id", "name", "id_number", "person_no", "household_no", "school", "account")
    return {k: str(v) for k, v in zip(keys, rows[0], strict=True)}


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def audit(db_file: Path) -> list[tuple[object, ...]]:
    return query(db_file, "SELECT actor, action, entity, entity_id, detail FROM audit_log ORDER BY id")


def test_dossier_by_id_number(db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    s = student(db_file)
    out = tmp_path / "dossier.pdf"
    assert run(db_file, "dossier", s["id_number"].lower(), "-o", str(out), "--actor", "李明") == 0
    assert "已生成一人一档" in capsys.readouterr().out
    flat = pdf_text(out)
    for value in (s["name"], s["household_no"], s["school"], "1,500", mask_id_number(s["id_number"]), "李明"):
        assert value in flat, value
    assert s["id_number"] not in flat and s["account"] not in flat
    [(actor, action, entity, entity_id, detail)] = audit(db_file)
    assert (actor, action, entity, entity_id) == ("李明", "print", "person", s["id"])
    assert str(detail).startswith(f"一人一档 {s['name']}")


def enroll(db_file: Path, role: str, name: str = "王县", username: str = "wangxian") -> None:
    """Make the laptop enrolled for a cadre with ``role`` (what sync enrollment writes)."""
    with Database.open(db_file, KEY) as db, db.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, :u, :n, :r) "
                "ON CONFLICT (id) DO UPDATE SET cadre_username = :u, cadre_name = :n, cadre_role = :r"
            ),
            {"u": username, "n": name, "r": role},
        )


def test_actor_is_the_enrolled_cadre_never_the_os_user(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = student(db_file)
    assert run(db_file, "dossier", s["person_no"], "-o", str(tmp_path / "d.pdf")) == 0
    assert audit(db_file)[0][0] != getpass.getuser()  # not enrolled, no --actor: the journal's author
    enroll(db_file, "township", "赵乡", "zhaoxiang")
    assert run(db_file, "dossier", s["person_no"], "-o", str(tmp_path / "d.pdf")) == 0
    assert audit(db_file)[-1][0] == "赵乡（zhaoxiang）"
    assert run(db_file, "dossier", s["person_no"], "-o", str(tmp_path / "d.pdf"), "--actor", "李明") == 1
    assert "不能用 --actor" in capsys.readouterr().err
    assert len(audit(db_file)) == 2


def test_full_form_needs_a_reason_and_a_role_that_may(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = student(db_file)
    out = tmp_path / "form.pdf"
    assert run(db_file, "form", s["person_no"], "--term", TERM, "-o", str(out), "--full") == 1
    assert "须填写理由" in capsys.readouterr().err
    assert not out.exists() and audit(db_file) == []
    masked = tmp_path / "masked.pdf"
    assert run(db_file, "form", s["person_no"], "--term", TERM, "-o", str(masked)) == 0
    flat = pdf_text(masked)
    assert s["id_number"] not in flat and s["account"] not in flat and mask_id_number(s["id_number"]) in flat
    # health in a dossier is for a county admin only
    dossier = tmp_path / "d.pdf"
    args = ("dossier", s["person_no"], "-o", str(dossier), "--health", "--reason", "核实残疾补贴")
    assert run(db_file, *args) == 1
    assert "无权打印含健康状况" in capsys.readouterr().err and not dossier.exists()
    enroll(db_file, "county_admin")
    assert run(db_file, *args) == 0
    assert "理由：核实残疾补贴" in str(audit(db_file)[-1][4])


def test_form_by_person_number_prints_full_id_and_account(db_file: Path, tmp_path: Path) -> None:
    s = student(db_file)
    out = tmp_path / "form.pdf"
    args = ("--full", "--reason", "村委会初审签字")
    assert run(db_file, "form", s["person_no"], "--term", TERM, "-o", str(out), "--actor", "王芳", *args) == 0
    flat = pdf_text(out)
    for value in (
        s["name"],
        s["id_number"],
        s["household_no"],
        s["school"],
        s["account"],
        "1,500",
        "壹仟伍佰元整",
    ):
        assert value in flat, value
    assert len(pypdf.PdfReader(out).pages) == 1
    [(actor, action, entity, entity_id, detail)] = audit(db_file)
    assert (actor, action, entity, entity_id) == ("王芳", "print", "person", s["id"])
    assert "补助申请表" in str(detail) and "理由：村委会初审签字" in str(detail)


def test_forms_of_a_village_in_one_pdf_with_progress(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "forms.pdf"
    assert run(db_file, "forms", "--village", VILLAGE, "--term", TERM, "-o", str(out)) == 0
    captured = capsys.readouterr()
    students = query(
        db_file, "SELECT count(*) FROM enrollment WHERE school_year = '2025-2026' AND semester = 'autumn'"
    )[0][0]
    assert f"已生成补助申请表 {students} 份" in captured.out
    assert f"生成 {students}/{students}" in captured.err
    assert len(pypdf.PdfReader(out).pages) == students
    assert len(audit(db_file)) == students


def test_dossiers_per_person_into_a_folder(db_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "dossiers"
    assert run(db_file, "dossiers", "--township", TOWNSHIP, "-o", str(folder), "--per-person", "--quiet") == 0
    files = sorted(folder.iterdir())
    assert files and all(f.suffix == ".pdf" for f in files)
    assert len(audit(db_file)) == len(files)
    s = student(db_file)
    mine = [f for f in files if s["person_no"] in f.name]
    assert len(mine) == 1 and s["name"] in pdf_text(mine[0])


def test_dossiers_of_a_village_in_one_pdf(db_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    assert run(db_file, "dossiers", "--village", VILLAGE, "-o", str(out), "--quiet") == 0
    flat = pdf_text(out)
    s = student(db_file)
    assert s["name"] in flat and s["household_no"] in flat
    assert not any(str(n) in flat for (n,) in query(db_file, "SELECT id_number FROM person"))


def test_publicity_shows_no_id_phone_or_account(db_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "publicity.pdf"
    args = ("publicity", "--village", VILLAGE, "--term", TERM, "-o", str(out), "--contact", "王芳")
    assert run(db_file, *args, "--office-phone", "023-59221234", "--start", "2025-11-21") == 0
    flat = pdf_text(out)
    s = student(db_file)
    for value in (s["name"], s["school"], "1,500", "2025年11月21日至2025年11月27日", "023-59221234"):
        assert value in flat, value
    secrets = query(db_file, "SELECT id_number, phone FROM person") + query(
        db_file, "SELECT payee_account, contact_phone FROM household"
    )
    assert not [v for row in secrets for v in row if v and str(v) in flat]
    assert not re.search(r"\d{11,}", flat)
    [(_, action, entity, entity_id, detail)] = audit(db_file)
    assert (action, entity, entity_id) == ("print", "org_unit", VILLAGE) and "公示名单" in str(detail)


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("intent", "入读职业院校意愿清单"),
        ("students", "雨露计划在读学生清单"),
        ("graduates", "雨露计划毕业生就业去向清单"),
    ],
)
def test_registers(db_file: Path, tmp_path: Path, kind: str, title: str) -> None:
    out = tmp_path / f"{kind}.pdf"
    assert run(db_file, "register", kind, "--village", VILLAGE, "-o", str(out)) == 0
    flat = pdf_text(out)
    assert title in flat and "合计" in flat and "********" in flat
    assert not any(str(n) in flat for (n,) in query(db_file, "SELECT id_number FROM person"))
    assert run(db_file, "register", kind, "--township", TOWNSHIP, "-o", str(tmp_path / "t.pdf")) == 0
    assert "行政村" in pdf_text(tmp_path / "t.pdf")
    assert [row[2:4] for row in audit(db_file)] == [("org_unit", VILLAGE), ("org_unit", TOWNSHIP)]


def _empty_village(db_file: Path) -> str:
    with Database.open(db_file, KEY) as db, records.writing(db, "测试员") as session:
        township = records.ensure_org_unit(session, TOWNSHIP, "庙坝镇", "township", None)
        records.ensure_org_unit(session, "500229101299", "空村", "village", township)
    return "500229101299"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("dossier", "110105194912310021", "-o", "{tmp}/x.pdf"), "找不到身份证号或人员编号为“110105194912310021”"),
        (("form", "{person_no}", "--term", "2025-fall", "-o", "{tmp}/x.pdf"), "学期“2025-fall”格式不对"),
        (("form", "{person_no}", "--term", "2030-autumn", "-o", "{tmp}/x.pdf"), "没有2030年秋季学期的学籍记录"),
        (("forms", "--village", "{empty}", "--term", TERM, "-o", "{tmp}/x.pdf"), "空村没有2025年秋季学期的在读学生"),
        (("dossiers", "--village", "{empty}", "-o", "{tmp}/x.pdf"), "没有需要建档的人员"),
        (
            ("publicity", "--village", "{empty}", "--term", TERM, "-o", "{tmp}/x.pdf", "--contact", "王芳", "--office-phone", "023-1"),
            "空村2025年秋季学期没有补助申请",
        ),
        (("publicity", "--village", VILLAGE, "--term", TERM, "-o", "{tmp}/x.pdf"), "联系人和办公电话"),
        (("register", "intent", "--village", "{empty}", "-o", "{tmp}/x.pdf"), "没有记录"),
        (("register", "people", "--village", VILLAGE, "-o", "{tmp}/x.pdf"), "未知的清单“people”"),
        (("dossiers", "--village", TOWNSHIP, "-o", "{tmp}/x.pdf"), "是乡镇（庙坝镇），这里需要村"),
        (("dossiers", "--village", "123", "-o", "{tmp}/x.pdf"), "找不到行政区划代码“123”"),
        (("dossier", "{person_no}", "-o", "{tmp}/missing/x.pdf"), "输出文件夹"),
    ],
)  # fmt: skip
def test_errors_are_chinese_messages_with_exit_1(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    fill = {
        "tmp": str(tmp_path),
        "person_no": student(db_file)["person_no"],
        "empty": _empty_village(db_file),
    }
    capsys.readouterr()
    assert run(db_file, *(a.format(**fill) for a in args)) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and message in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()
    assert audit(db_file) == []


def test_qr_reference_of_a_printed_dossier(db_file: Path, tmp_path: Path) -> None:
    s = student(db_file)
    out = tmp_path / "d.pdf"
    assert run(db_file, "dossier", s["id_number"], "-o", str(out)) == 0
    page = pypdf.PdfReader(out).pages[0].extract_text()
    found = re.search(r"yulu:dossier:\S+", page)
    assert found is not None
    with Database.open(db_file, KEY) as db:
        assert ps.check_printed_reference(db, found.group(0))[:2] == (s["id"], False)
        records.update_person(db, s["id"], {"phone": "13912345678"}, actor="李明")
        assert ps.check_printed_reference(db, found.group(0))[:2] == (s["id"], True)


def test_yulu_stays_light_without_reportlab() -> None:
    code = (
        "import sys; from yulu_desktop.cli.main import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'PIL', 'pypdf')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
