"""The registers' 填报人 is the cadre of 我的信息 (services.profile), with their phone."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pypdf

from yulu_desktop.services import demo, profile
from yulu_desktop.services import printing as ps
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database

PASSPHRASE = "test-passphrase-1"
VILLAGE = "500229101201"  # 红岩村: the demo's first village


def _flat(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def test_register_names_the_profile_cadre_as_filler(tmp_path: Path) -> None:
    with Database.open(tmp_path / "yulu.db", PASSPHRASE, create=True) as db:
        migrate.upgrade(db)
        demo.generate_demo(db, households=6, seed=5, today=dt.date(2025, 11, 20))
        before = _flat(ps.print_register(db, "students", VILLAGE, "李明"))
        assert "填报人：李明（签字）" in before and "审核人（签字）" in before
        profile.save(db, name="王芳", phone="13800138000")
        after = _flat(ps.print_register(db, "students", VILLAGE, "李明"))
        assert "填报人：王芳（签字）" in after and "联系电话：13800138000" in after
