"""The setup pages and dialogs driven as a cadre would: first start, connecting to a real county server on a
loopback port (with progress and unit matching), errors in Chinese, 我的信息, 设置, 帮助/关于, the empty window."""

from __future__ import annotations

import datetime as dt
import getpass
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from sync_helpers import VILLAGE_A, County, LiveServer

from yulu_desktop import __version__
from yulu_desktop.server import admin, tls
from yulu_desktop.server.app import create_app
from yulu_desktop.services import acting, profile
from yulu_desktop.services import excel_import as xi
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.sync import certificate_check
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.dialogs import open_and_upgrade
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.setup import first_start, menu
from yulu_desktop.ui.setup.enroll_dialog import EnrollDialog
from yulu_desktop.ui.setup.first_start import FirstStartDialog, Start
from yulu_desktop.ui.setup.help_dialogs import AboutDialog, HelpDialog
from yulu_desktop.ui.setup.profile_dialog import ProfileDialog
from yulu_desktop.ui.setup.settings_dialog import SettingsDialog
from yulu_desktop.ui.sync_worker import SyncController
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

PASSPHRASE = "test-passphrase-1"
LONG = 60_000  # a real server on a thread; wait generously


@pytest.fixture
def settings(yulu_home: Path) -> QSettings:
    return ui_settings.open_settings()


@pytest.fixture
def worker(qtbot: QtBot, laptop_path: Path) -> Iterator[DbWorker]:
    worker = DbWorker()
    with qtbot.waitSignal(worker.idle, timeout=20000):
        worker.open(open_and_upgrade(laptop_path, PASSPHRASE, create=False))
    yield worker
    worker.shutdown()


def _db(worker: DbWorker) -> Database:
    assert worker.database is not None
    return worker.database


def _window(
    qtbot: QtBot, worker: DbWorker, settings: QSettings, sync: SyncController | None = None
) -> MainWindow:
    window = MainWindow(worker, settings, sync=sync)
    qtbot.addWidget(window)
    window.show()
    return window


def _import(db: Database, national_file: Path) -> None:
    xi.import_national(db, national_file, actor="测试员", today=dt.date(2025, 6, 1))


# --- enrollment against a real county server --------------------------------------------------------------


def test_enroll_dialog_connects_matches_units_and_sends_everything(
    qtbot: QtBot, county: County, worker: DbWorker, national_file: Path
) -> None:
    db = _db(worker)
    _import(db, national_file)
    dialog = EnrollDialog(db, actor="王书记")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.server
    qtbot.keyClicks(dialog.server, county.url)
    qtbot.keyClicks(dialog.code, admin.issue_code(county.db, username="hongyan"))
    stages: list[str] = []
    dialog.enroll_task.progress.connect(lambda stage, _d, _t: stages.append(stage))
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible() and not dialog.ok.isEnabled()
    # 新村 is not a village of the county's: the cadre is asked, and picks 红岩村.
    qtbot.waitUntil(lambda: dialog.matching is not None and dialog.matching.isVisible(), timeout=LONG)
    matching = dialog.matching
    assert matching is not None
    assert matching.table.rowCount() == 1
    assert "新村" in matching.table.item(0, 0).text()
    assert "张书记" in dialog.message.text() and "红岩村" in dialog.message.text()
    (unit_id,) = matching.choices
    matching.choose(unit_id, county.unit_id(VILLAGE_A))
    qtbot.mouseClick(matching.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=LONG)
    assert "pull" in stages
    report = dialog.report
    assert report is not None and report.complete and report.quarantined == 0
    assert dialog.ok.text() == "完成" and "已连接县服务器" in dialog.message.text()
    assert admin.list_quarantine(county.db) == []
    with db.read_connection() as conn:
        assert journal.pending_count(conn) == 0
        assert conn.execute(text("SELECT count(*) FROM household")).scalar() == 3
        assert not conn.execute(text("SELECT count(*) FROM org_unit WHERE code LIKE 'Y%'")).scalar()
    assert profile.load(db).name == "张书记" and profile.load(db).enrolled
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)


def test_wrong_code_is_said_in_chinese_and_nothing_changes(
    qtbot: QtBot, county: County, worker: DbWorker
) -> None:
    db = _db(worker)
    dialog = EnrollDialog(db)
    qtbot.addWidget(dialog)
    dialog.server.setText(county.url)
    dialog.code.setText("ABCDEF-ABCDEFGHJKMN")
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running and "注册码" in dialog.message.text(), timeout=LONG)
    assert "注册码无效" in dialog.message.text()
    assert dialog.server.isEnabled() and dialog.ok.isEnabled()
    assert not profile.load(db).enrolled


class _Counting:
    """An ASGI wrapper that counts the HTTP requests that reached the app."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.requests = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.requests += 1
        await self.app(scope, receive, send)


def test_enroll_dialog_checks_the_certificate_before_the_code_is_sent(
    qtbot: QtBot, county: County, worker: DbWorker, tmp_path: Path
) -> None:
    """The county's certificate check (证书校验码): a server whose certificate does not match gets nothing, not even
    the code; the right one enrolls. Left empty, the dialog says the certificate is trusted as met."""
    db = _db(worker)
    cert, key, pin = tls.make_certificate(["127.0.0.1"], directory=tmp_path / "county-tls")
    bad_cert, bad_key, _bad_pin = tls.make_certificate(["127.0.0.1"], directory=tmp_path / "impostor-tls")
    impostor = _Counting(create_app(db=county.db, migrate=False))
    dialog = EnrollDialog(db, actor="王书记")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "未填写证书校验码" in dialog.check_hint.text() and "无法发现" in dialog.check_hint.text()
    code = admin.issue_code(county.db, username="hongyan")
    dialog.code.setText(code)
    qtbot.keyClicks(dialog.check, "3f2a 9c01")
    dialog.server.setText("https://127.0.0.1:9")
    assert "不符时停止连接" in dialog.check_hint.text()
    dialog.start()
    assert not dialog.running and "应有 20 位" in dialog.message.text()
    assert dialog.focusWidget() is dialog.check
    dialog.check.setText(certificate_check.of(pin).lower())
    with LiveServer(impostor, cert=bad_cert, key=bad_key) as impostor_url:
        dialog.server.setText(impostor_url)
        dialog.start()
        qtbot.waitUntil(lambda: not dialog.running and dialog.ok.isEnabled(), timeout=LONG)
        assert impostor.requests == 0
    assert "证书校验码不符" in dialog.message.text() and "本机没有发送注册码" in dialog.message.text()
    assert dialog.check.isEnabled() and not profile.load(db).enrolled
    dialog.server.setText(county.url)
    assert "不适用" in dialog.check_hint.text()
    with LiveServer(create_app(db=county.db, migrate=False), cert=cert, key=key) as url:
        dialog.server.setText(url)
        dialog.start()
        qtbot.waitUntil(lambda: dialog.report is not None or not dialog.running, timeout=LONG)
        qtbot.waitUntil(lambda: not dialog.running, timeout=LONG)
        assert dialog.result_enrolled is not None and dialog.result_enrolled.certificate_checked
        assert "相符" in dialog.message.text(), dialog.message.text()
    with db.read_connection() as conn:
        from yulu_desktop.sync import local

        assert local.read_state(conn).server_cert_sha256 == pin


def test_unreachable_server_and_missing_fields(qtbot: QtBot, worker: DbWorker) -> None:
    dialog = EnrollDialog(_db(worker))
    qtbot.addWidget(dialog)
    dialog.start()
    assert dialog.message.text() == "请填写服务器地址"
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    dialog.server.setText(dead)
    dialog.start()
    assert dialog.message.text() == "请填写县里给的注册码"
    dialog.code.setText("ABCDEF-ABCDEFGHJKMN")
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running and "无法连接" in dialog.message.text(), timeout=LONG)
    assert dead in dialog.message.text() and "检查服务器地址" in dialog.message.text()
    # Plain http to another computer is refused before anything is sent.
    dialog.server.setText("http://192.0.2.1:8000")
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running and dialog.ok.isEnabled(), timeout=LONG)
    assert "请使用 https://" in dialog.message.text() and "yulu sync" not in dialog.message.text()


def test_background_sync_waits_while_the_enrollment_dialog_works(
    qtbot: QtBot, county: County, laptop: Database, national_file: Path
) -> None:
    """Nothing is sent before local units are matched: the background sync waits for the dialog."""
    from yulu_desktop.sync import enrollment
    from yulu_desktop.sync.client import SyncClient

    _import(laptop, national_file)
    SyncClient(laptop, county.url, http=county.http).enroll(admin.issue_code(county.db, username="hongyan"))
    controller = SyncController(lambda: laptop, close_database=False, auto=False)
    errors: list[str] = []
    controller.error.connect(errors.append)
    enrollment.IN_PROGRESS.set()
    try:
        with qtbot.waitSignal(controller.finished, timeout=LONG):
            controller.sync_now()
        assert errors == [enrollment.BUSY_MESSAGE]
        assert admin.list_quarantine(county.db) == []
        with laptop.read_connection() as conn:
            assert journal.pending_count(conn) > 0
    finally:
        enrollment.IN_PROGRESS.clear()
        controller.shutdown()


def test_an_enrollment_stopped_before_its_download_sends_nothing_and_resumes_without_a_code(
    qtbot: QtBot, county: County, worker: DbWorker, national_file: Path
) -> None:
    """Enrolled (the code is used) but the first download never finished: the background sync sends nothing
    and says why, and the dialog opens as 继续下载, without a code, and completes the matching and the sync."""
    from yulu_desktop.sync import enrollment
    from yulu_desktop.sync.client import SyncClient

    db = _db(worker)
    _import(db, national_file)
    SyncClient(db, county.url, http=county.http).enroll(admin.issue_code(county.db, username="hongyan"))
    controller = SyncController(lambda: db, close_database=False, auto=False)
    errors: list[str] = []
    controller.error.connect(errors.append)
    try:
        with qtbot.waitSignal(controller.finished, timeout=LONG):
            controller.sync_now()
    finally:
        controller.shutdown()
    assert errors == [enrollment.UNFINISHED_MESSAGE]
    assert admin.list_quarantine(county.db) == []
    with db.read_connection() as conn:
        assert journal.pending_count(conn) > 0

    dialog = EnrollDialog(db, actor="王书记", server=county.url, resume=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ok.text() == "继续下载" and not dialog.code.isEnabled() and not dialog.server.isEnabled()
    assert "还没有下载完" in dialog.message.text() and "不需要注册码" in dialog.message.text()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.matching is not None and dialog.matching.isVisible(), timeout=LONG)
    matching = dialog.matching
    assert matching is not None
    (unit_id,) = matching.choices
    matching.choose(unit_id, county.unit_id(VILLAGE_A))
    qtbot.mouseClick(matching.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=LONG)
    report = dialog.report
    assert report is not None and report.complete and report.quarantined == 0
    with db.read_connection() as conn:
        assert journal.pending_count(conn) == 0
        assert not enrollment.first_download_unfinished(conn)


def test_f5_and_usb_export_open_the_enroll_dialog_when_not_enrolled(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    db = _db(worker)
    sync = SyncController(lambda: db, close_database=False, auto=False)
    try:
        window = _window(qtbot, worker, settings, sync)
        window.sync_action.trigger()
        qtbot.waitUntil(lambda: window.setup.enroll_dialog is not None, timeout=10000)
        dialog = window.setup.enroll_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.reject()
        window.setup.enroll_dialog = None
        window.export_bundle_action.trigger()
        qtbot.waitUntil(lambda: window.setup.enroll_dialog is not None, timeout=10000)
        assert window.setup.enroll_dialog is not None
        window.setup.enroll_dialog.reject()
        enroll_entries = [a.text() for a in window.menuBar().actions()]
        assert "帮助(&H)" in enroll_entries
        assert window.setup.enroll.text() == "连接县服务器…"
    finally:
        sync.shutdown()


# --- first start and the empty window --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("button", "start"),
    [("server", Start.SERVER), ("import_", Start.IMPORT), ("blank", Start.BLANK)],
)
def test_first_start_offers_the_real_starts(qtbot: QtBot, tmp_path: Path, button: str, start: Start) -> None:
    dialog = FirstStartDialog(tmp_path / "yulu.db")
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert dialog.choice is start


def test_first_start_restore_returns_once_the_database_is_there(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """从备份恢复 opens ``ui.backup.restore_dialog.RestoreDialog`` (helper 2's); here a stand-in that writes the
    file, so the first start's own logic is what is tested. A cancelled restore goes back to the choice."""
    target = tmp_path / "yulu.db"
    restores: list[bool] = []

    class FakeRestore(QDialog):
        def __init__(self, path: Path, parent: QWidget | None = None) -> None:
            super().__init__(parent)
            self.path = path

        def exec(self) -> int:
            if not restores:  # the first try is cancelled
                restores.append(False)
                return int(QDialog.DialogCode.Rejected)
            restores.append(True)
            self.path.write_bytes(b"restored")
            return int(QDialog.DialogCode.Accepted)

    picks = iter([Start.RESTORE, Start.RESTORE])

    class FakeFirstStart(FirstStartDialog):
        def exec(self) -> int:
            self.choice = next(picks)
            return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(first_start, "restore_dialog", FakeRestore)
    monkeypatch.setattr(first_start, "FirstStartDialog", FakeFirstStart)
    assert first_start.choose(target) is Start.RESTORE
    assert restores == [False, True] and target.exists()


def test_the_real_restore_dialog_is_what_first_start_opens(tmp_path: Path, qtbot: QtBot) -> None:
    dialog = first_start.restore_dialog(tmp_path / "yulu.db")
    qtbot.addWidget(dialog)
    assert type(dialog).__name__ == "RestoreDialog"


def test_empty_window_shows_the_hint_until_data_arrives(
    qtbot: QtBot, worker: DbWorker, settings: QSettings, national_file: Path
) -> None:
    window = _window(qtbot, worker, settings)
    hint = window.setup.empty_hint
    qtbot.waitUntil(lambda: window.stack.currentWidget() is hint, timeout=10000)
    assert hint.server.text() == "连接县服务器" and hint.import_.text() == "导入国家系统导出表"
    hint.import_.click()
    wizards = [w for w in window.findChildren(QWidget) if type(w).__name__ == "ImportWizard"]
    assert wizards and wizards[0].isVisible()
    wizards[0].close()
    path = national_file

    def job(db: Database) -> None:
        _import(db, path)

    worker.submit(job, changes={"household"})
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.current_page(), timeout=20000)


# --- 我的信息: the name on paper and in the audit log ----------------------------------------------------------


def test_profile_dialog_keeps_name_and_phone_and_they_name_the_actor(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    db = _db(worker)
    window = _window(qtbot, worker, settings)
    # No name yet: nothing falls back to the OS login name.
    assert window.actor == "" and window.actor != getpass.getuser()
    assert acting.current_actor(db, window.actor).name == acting.UNENROLLED_NAME
    dialog = menu.open_profile(window)
    assert isinstance(dialog, ProfileDialog)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=10000)
    assert not dialog.name.isReadOnly() and dialog.unit.text() == "（尚未连接县服务器）"
    qtbot.keyClicks(dialog.phone, "12345")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=10000)
    assert "姓名" in dialog.message.text() and "手机号" in dialog.message.text()
    assert dialog.isVisible()
    dialog.name.setText("王书记")
    dialog.phone.setText("138 0013 8000")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.save()
    saved = profile.load(db)
    assert (saved.name, saved.phone, saved.role, saved.enrolled) == ("王书记", "13800138000", "村干部", False)
    # The window, its pages, the visit dialog's 走访人 and the audit log now name 王书记.
    assert window.actor == "王书记" and all(page.actor == "王书记" for page in window.pages.values())
    visit = window.new_visit()
    assert visit.form.values()["visitor_name"] == "王书记"
    visit.reject()
    assert acting.current_actor(db, "").name == "王书记"
    # A new window (next start) reads it too.
    again = MainWindow(worker, settings)
    qtbot.addWidget(again)
    assert again.actor == "王书记"


def test_enrolled_profile_name_is_the_countys(county: County, laptop: Database) -> None:
    from yulu_desktop.domain.errors import ValidationFailed, YuluError
    from yulu_desktop.sync.client import SyncClient

    profile.save(laptop, name="王书记", phone="")
    SyncClient(laptop, county.url, http=county.http).enroll(admin.issue_code(county.db, username="hongyan"))
    me = profile.load(laptop)
    assert (me.name, me.unit_name, me.enrolled) == ("张书记", "红岩村", True)
    with pytest.raises(YuluError, match="以县里登记的“张书记”为准"):
        profile.save(laptop, name="王书记", phone="13800138000")
    profile.save(laptop, name="张书记", phone="13900139000")
    assert profile.load(laptop).phone == "13900139000"
    with pytest.raises(ValidationFailed, match="手机号"):
        profile.save(laptop, name="张书记", phone="1390013900")
    assert acting.current_actor(laptop, "").name == "张书记"


# --- 设置, 帮助, 关于 ----------------------------------------------------------------------------------------------


def test_settings_dialog_saves_language_lock_and_backup_folder(
    qtbot: QtBot, worker: DbWorker, settings: QSettings, tmp_path: Path
) -> None:
    applied: list[int] = []
    dialog = SettingsDialog(_db(worker), settings, idle_minutes_changed=applied.append)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.server.isEnabled() and "连接县服务器" in dialog.server_message.text()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.idle.setValue(25)
    dialog.backup_folder.setText(str(tmp_path / "u盘"))
    dialog.kept.setValue(3)
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.buttons()[0].click()
    assert ui_settings.LANGUAGE.get(settings) == "en"
    assert applied == [25]
    assert ui_settings.BACKUP_FOLDER.get(settings) == str(tmp_path / "u盘")
    assert ui_settings.AUTO_BACKUPS_KEPT.get(settings) == 3


def test_settings_dialog_changes_the_server_address_without_enrolling_again(
    qtbot: QtBot, county: County, laptop: Database, settings: QSettings
) -> None:
    from yulu_desktop.sync import local
    from yulu_desktop.sync.client import SyncClient

    SyncClient(laptop, county.url, http=county.http).enroll(admin.issue_code(county.db, username="hongyan"))
    dialog = SettingsDialog(laptop, settings)
    qtbot.addWidget(dialog)
    assert dialog.server.isEnabled() and dialog.server.text() == county.url
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    dialog.server.setText(dead)
    dialog.apply_server()
    qtbot.waitUntil(lambda: dialog.change_server.isEnabled(), timeout=LONG)
    assert "无法连接" in dialog.server_message.text() and "未更改" in dialog.server_message.text()
    new_url = county.url.replace("127.0.0.1", "localhost")
    dialog.server.setText(new_url)
    dialog.apply_server()
    qtbot.waitUntil(lambda: dialog.change_server.isEnabled(), timeout=LONG)
    assert "已改为" in dialog.server_message.text(), dialog.server_message.text()
    with laptop.read_connection() as conn:
        assert local.read_state(conn).server_url == new_url


def test_settings_dialog_accepts_a_new_certificate_only_with_a_matching_check(
    qtbot: QtBot, county: County, laptop: Database, settings: QSettings, tmp_path: Path
) -> None:
    from yulu_desktop.sync import local
    from yulu_desktop.sync.client import SyncClient

    SyncClient(laptop, county.url, http=county.http).enroll(admin.issue_code(county.db, username="hongyan"))
    cert, key, pin = tls.make_certificate(["127.0.0.1"], directory=tmp_path / "renewed")
    renewed = _Counting(create_app(db=county.db, migrate=False))
    dialog = SettingsDialog(laptop, settings)
    qtbot.addWidget(dialog)
    assert dialog.check.isEnabled()
    with LiveServer(renewed, cert=cert, key=key) as url:
        dialog.server.setText(url)
        dialog.new_certificate.setChecked(True)
        dialog.check.setText("3F2A")
        dialog.apply_server()
        assert "应有 20 位" in dialog.server_message.text() and renewed.requests == 0
        dialog.check.setText("0000-0000-0000-0000-0000")
        dialog.apply_server()
        qtbot.waitUntil(lambda: dialog.change_server.isEnabled(), timeout=LONG)
        assert "证书校验码不符" in dialog.server_message.text() and "未更改" in dialog.server_message.text()
        assert renewed.requests == 0
        dialog.check.setText(certificate_check.of(pin))
        dialog.apply_server()
        qtbot.waitUntil(lambda: dialog.change_server.isEnabled(), timeout=LONG)
        assert "已改为" in dialog.server_message.text(), dialog.server_message.text()
    with laptop.read_connection() as conn:
        assert (local.read_state(conn).server_url, local.read_state(conn).server_cert_sha256) == (url, pin)


def test_help_and_about(qtbot: QtBot, worker: DbWorker, settings: QSettings) -> None:
    window = _window(qtbot, worker, settings)
    help_dialog = menu.open_help(window)
    assert isinstance(help_dialog, HelpDialog)
    page = help_dialog.text.toPlainText()
    assert "连接县服务器" in page and "Ctrl+F" in page and "县乡村振兴局" in page
    about = menu.open_about(window)
    assert isinstance(about, AboutDialog)
    shown = about.label.text()
    assert __version__ in shown and worker.path in shown and "尚未连接县服务器" in shown
