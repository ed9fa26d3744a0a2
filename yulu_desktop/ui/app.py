"""``yulu-desktop``: start the application.

yulu-desktop                 the user's database (first run: create it; later: unlock it)
yulu-desktop --db PATH       another database file
yulu-desktop --demo          a demo database in the user data directory, no questions asked
yulu-desktop --self-test     create a temporary database, migrate, open the window offscreen, exit 0
yulu-desktop --lang en       English (Simplified Chinese is the default)
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from yulu_desktop import __version__
from yulu_desktop.paths import default_database_path, user_data_dir

#: The passphrase of the demo database (it holds invented people only; never use it for real data).
DEMO_PASSPHRASE = "yulu-demo-2025"
DEMO_HOUSEHOLDS = 300
SELF_TEST_PASSPHRASE = "self-test-passphrase"


def demo_database_path() -> Path:
    return user_data_dir() / "demo.db"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="yulu-desktop", description="雨露计划+ 工作台")
    parser.add_argument("--db", help="数据库文件路径")
    parser.add_argument("--demo", action="store_true", help="打开演示数据库（不存在则创建）")
    parser.add_argument("--self-test", action="store_true", help="自检：建库、迁移、离屏打开主窗口后退出")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="界面语言（默认简体中文）")
    parser.add_argument("--version", action="version", version=f"yulu-desktop {__version__}")
    return parser.parse_args(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    self_test_home: tempfile.TemporaryDirectory[str] | None = None
    if args.self_test:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        # Everything the self-test writes (database, settings) goes to a temporary directory.
        self_test_home = tempfile.TemporaryDirectory(prefix="yulu-self-test-")
        os.environ["YULU_HOME"] = self_test_home.name
    # Imported here so that --help and --version work without a display.
    from PySide6.QtWidgets import QApplication, QDialog

    from yulu_desktop.ui import i18n
    from yulu_desktop.ui import settings as ui_settings
    from yulu_desktop.ui.dialogs import FirstRunDialog, UnlockDialog, open_and_upgrade
    from yulu_desktop.ui.main_window import MainWindow
    from yulu_desktop.ui.setup import first_start
    from yulu_desktop.ui.sync_worker import SyncController
    from yulu_desktop.ui.worker import DbWorker

    started = time.perf_counter()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("雨露计划+ 工作台")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Yulu")
    settings = ui_settings.open_settings()
    language = args.lang or ui_settings.LANGUAGE.get(settings)
    translators = i18n.install_translators(app, language)
    i18n.register_font(app)
    app.setWindowIcon(i18n.icon("app"))

    worker = DbWorker()
    start: first_start.Start | None = None
    try:
        if args.self_test:
            ui_settings.LAST_PAGE.set(settings, "people")
            return _self_test(app, worker, settings, started)
        if args.demo:
            path = demo_database_path()
            error = _open_and_wait(
                worker,
                open_and_upgrade(
                    path,
                    DEMO_PASSPHRASE,
                    create=not path.exists(),
                    demo_households=0 if path.exists() else DEMO_HOUSEHOLDS,
                ),
            )
            if error is not None:
                print(f"无法打开演示数据库 {path}：{error}", file=sys.stderr)
                return 2
        else:
            path = Path(args.db) if args.db else default_database_path()
            if not path.exists():  # 连接县服务器 / 导入国家系统导出表 / 从备份恢复 (ui/setup/first_start.py)
                start = first_start.choose(path)
                if start is None:
                    return 1
            dialog: QDialog = (
                UnlockDialog(worker, path, settings=settings)
                if path.exists()
                else FirstRunDialog(worker, path)
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 1
            if isinstance(dialog, FirstRunDialog):  # the recovery key, shown once at setup (ui/passphrase)
                from yulu_desktop.ui.passphrase.recovery_dialog import RecoveryKeyDialog

                RecoveryKeyDialog(worker, at_setup=True).exec()
            ui_settings.LAST_DATABASE.set(settings, str(path))
        database = worker.database
        assert database is not None
        # Dossiers a crashed batch print left half-written (private, 0600) are removed now.
        from yulu_desktop.printing.batch import remove_stale_batches

        remove_stale_batches()
        # Sync runs on its own thread with its own connections from the same pool; it shows "未配置同步" until
        # the laptop is connected to the county server (同步 → 连接县服务器…).
        sync = SyncController(lambda: database, close_database=False)
        window = MainWindow(worker, settings, sync=sync)
        window.show()
        first_start.follow_up(window, start)
        try:
            code = app.exec()
        finally:
            window.backup_actions.on_close()  # today's automatic backup, if none was made yet (ui/backup)
            sync.shutdown()
        del translators
        return code
    finally:
        worker.shutdown()
        if self_test_home is not None:
            self_test_home.cleanup()


def _open_and_wait(worker: object, opener: object) -> BaseException | None:
    """Open the database on the worker and wait for it (with the event loop running); the error, if any."""
    from PySide6.QtCore import QEventLoop

    from yulu_desktop.ui.worker import DbWorker

    assert isinstance(worker, DbWorker)
    loop = QEventLoop()
    outcome: list[BaseException | None] = []

    def finish(error: BaseException | None) -> None:
        outcome.append(error)
        loop.quit()

    worker.open(opener, lambda _db: finish(None), finish)  # type: ignore[arg-type]
    if not outcome:
        loop.exec()
    return outcome[0]


def _self_test(app: object, worker: object, settings: object, started: float) -> int:
    """Create a database in a temporary directory, migrate it, open the main window offscreen, exit 0."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from yulu_desktop.ui.dialogs import open_and_upgrade
    from yulu_desktop.ui.main_window import MainWindow
    from yulu_desktop.ui.worker import DbWorker

    assert isinstance(app, QApplication) and isinstance(worker, DbWorker)
    path = Path(os.environ["YULU_HOME"]) / "self-test.db"
    error = _open_and_wait(
        worker, open_and_upgrade(path, SELF_TEST_PASSPHRASE, create=True, demo_households=5)
    )
    if error is not None:
        print(f"self-test FAILED: cannot create the database: {error!r}", file=sys.stderr)
        return 1
    loop = QEventLoop()
    window = MainWindow(worker, settings)  # type: ignore[arg-type]
    window.ready.connect(loop.quit)
    window.show()
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    rows = window.current_page().model.rowCount()
    ok = window.isVisible() and rows > 0
    window.close()
    worker.shutdown()
    pages = _self_test_batch_print(path.parent)
    elapsed = time.perf_counter() - started
    print(
        f"self-test {'OK' if ok and pages else 'FAILED'}: {path.name} migrated, window shown with {rows} rows "
        f"on {window.current_kind}, a batch printed in 2 processes ({pages} pages) in {elapsed:.2f}s"
    )
    return 0 if ok and pages else 1


def _self_test_batch_print(folder: Path) -> int:
    """Print four sample dossiers in two worker processes (a frozen build starts them by running itself again,
    and joins their parts with pikepdf); the pages of the joined PDF, 0 if it failed."""
    import pikepdf

    from yulu_desktop.printing import render_pool
    from yulu_desktop.printing.batch import write_batch_pdf
    from yulu_desktop.printing.samples import sample_dossier

    try:
        target = write_batch_pdf(
            [sample_dossier(i) for i in range(4)], folder / "self-test.pdf", workers=2, chunk_size=2
        )
        with pikepdf.Pdf.open(target) as pdf:
            return len(pdf.pages)
    except Exception as exc:  # reported, and the self-test fails
        print(f"self-test FAILED: batch printing in 2 processes: {exc!r}", file=sys.stderr)
        return 0
    finally:
        render_pool.shared(2).close()


if __name__ == "__main__":  # pragma: no cover
    # The frozen app starts its child processes (the Excel reader, batch printing) by running itself again:
    # such a child stops here and does its work.
    multiprocessing.freeze_support()
    from yulu_desktop.excel import national_stream

    national_stream.FROZEN_ENTRY_POINT_READY = True
    sys.exit(main())
