"""我的信息 names the cadre on paper and in the audit log; the OS login name never does."""

from __future__ import annotations

import datetime as dt
import getpass
from pathlib import Path

import pytest
from sqlalchemy import text

from yulu_desktop.domain.errors import ValidationFailed
from yulu_desktop.services import acting, print_data, printing, profile
from yulu_desktop.services import excel_import as xi
from yulu_desktop.store.database import Database


def _person(db: Database, national_file: Path) -> str:
    xi.import_national(db, national_file, actor="", today=dt.date(2025, 6, 1))
    with db.read_connection() as conn:
        return str(conn.execute(text("SELECT id FROM person WHERE person_no = 'P003'")).scalar_one())


def test_printed_by_and_audit_actor_are_my_information_not_the_login(
    laptop: Database, national_file: Path
) -> None:
    person = _person(laptop, national_file)
    profile.save(laptop, name="王书记", phone="13800138000")
    printing.print_dossier(laptop, person, "")  # what the window passes with no local user
    with laptop.read_connection() as conn:
        actor = conn.execute(text("SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1")).scalar_one()
    assert actor == "王书记"
    data = print_data.dossier_data(laptop, person, printed_by=acting.current_actor(laptop, "").audit_name)
    assert data.printed_by == "王书记"
    assert getpass.getuser() not in (actor, data.printed_by)


def test_without_a_name_the_placeholder_is_used_never_the_login(
    laptop: Database, national_file: Path
) -> None:
    person = _person(laptop, national_file)
    printing.print_dossier(laptop, person, "")
    with laptop.read_connection() as conn:
        actor = conn.execute(text("SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1")).scalar_one()
    assert actor == acting.UNENROLLED_NAME != getpass.getuser()
    assert profile.load(laptop).name == ""


def test_profile_is_validated_in_chinese(laptop: Database) -> None:
    with pytest.raises(ValidationFailed) as caught:
        profile.save(laptop, name="  ", phone="0231234567")
    fields = {issue.field for issue in caught.value.errors}
    assert fields == {"name", "phone"}
    assert "姓名" in caught.value.message and "手机号" in caught.value.message
    with pytest.raises(ValidationFailed, match="最多 40 个字"):
        profile.save(laptop, name="张" * 41, phone="")
    profile.save(laptop, name=" 王  书记 ", phone="+86 138-0013-8000")
    assert (profile.load(laptop).name, profile.load(laptop).phone) == ("王 书记", "13800138000")
