"""Screenshots of setting up a laptop (issue 18): the first start, connecting to the county server (in progress,
and done), unit matching, 我的信息, 设置, 帮助, 关于 and the empty window's hint. At QT_SCALE_FACTOR=1.25 the names
end in -125."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any


def capture(shots: Any) -> None:
    from yulu_desktop.services import unit_matching
    from yulu_desktop.ui.setup import menu
    from yulu_desktop.ui.setup.first_start import FirstStartDialog
    from yulu_desktop.ui.setup.unit_matching_dialog import UnitMatchingDialog

    suffix = "-125" if os.environ.get("QT_SCALE_FACTOR", "1") not in ("1", "1.0", "") else ""
    window = shots.window
    first = FirstStartDialog(shots.home / "新电脑" / "yulu.db")
    first.show()
    shots.wait(200)
    shots.save(first, f"setup-first-start{suffix}")
    first.close()

    # 连接县服务器: filled in, then while the village's data is downloading.
    enroll = menu.open_enroll(window)
    enroll.server.setText("https://yulu.chengkou.gov.cn")
    enroll.code.setText("K7PQ2M-8XHD4NRT6WJ3")
    shots.wait(200)
    shots.save(enroll, f"setup-enroll{suffix}")
    enroll._busy(True, enroll.tr("正在连接县服务器并注册本机…"))
    enroll._show_progress("pull", 1260, 3415)
    shots.wait(200)
    shots.save(enroll, f"setup-enroll-progress{suffix}")
    enroll._busy(False, "")
    enroll._say(
        enroll.tr("本机已连接县服务器。已发送 {0} 条，已接收 {1} 条。").format(1629, 3415)
        + "\n"
        + enroll.tr("本机自建的 {0} 个区划已对应到县里的区划。").format(3)
    )
    enroll.ok.setText(enroll.tr("完成"))
    enroll.cancel_button.hide()
    shots.wait(200)
    shots.save(enroll, f"setup-enroll-done{suffix}")
    enroll.reject()

    # 区划匹配: two villages of an import that the county's units do not name, with the county's villages offered.
    found: list[list[unit_matching.Unit]] = []
    # The demo database's units stand in for the county's (on the demo laptop they are all its own).
    shots.worker.submit(lambda db: unit_matching.plan(db).local, found.append)
    shots.settle()
    county = found[0]
    parent = next(u for u in county if u.level == "township")
    local = [
        unit_matching.Unit(
            "local-1", "Y3F2A", "红岩新村", "village", "local-t", f"{parent.path} 红岩新村", 12
        ),
        unit_matching.Unit("local-2", "Y9C11", "龙门村", "village", "local-t", f"{parent.path} 龙门村", 7),
    ]
    plan = unit_matching.MatchPlan(
        matched={"local-t": parent.id}, unmatched=local, county=county, local=local
    )
    matching = UnitMatchingDialog(shots.worker.database, plan, actor="李明", parent=window)
    matching.resize(760, 360)
    matching.show()
    candidates = plan.candidates(local[0])
    if candidates:
        matching.choose("local-1", candidates[0].id)
    shots.wait(200)
    shots.save(matching, f"setup-unit-matching{suffix}")
    matching.close()

    profile = menu.open_profile(window)
    shots.settle()
    profile.name.setText("李明")
    profile.phone.setText("13800138000")
    shots.wait(200)
    shots.save(profile, f"setup-profile{suffix}")
    profile.reject()

    settings = menu.open_settings(window)
    settings.backup_folder.setText(str(Path("/media/U盘/雨露备份")))
    shots.wait(200)
    shots.save(settings, f"setup-settings{suffix}")
    settings.reject()

    help_dialog = menu.open_help(window)
    shots.wait(200)
    shots.save(help_dialog, f"setup-help{suffix}")
    help_dialog.reject()

    about = menu.open_about(window)
    shots.wait(200)
    shots.save(about, f"setup-about{suffix}")
    about.reject()

    # The empty window: a second, empty database.
    _empty_window(shots, suffix)


def _empty_window(shots: Any, suffix: str) -> None:
    from yulu_desktop.store import migrate
    from yulu_desktop.store.database import Database
    from yulu_desktop.ui.app import DEMO_PASSPHRASE
    from yulu_desktop.ui.dialogs import open_and_upgrade
    from yulu_desktop.ui.main_window import MainWindow
    from yulu_desktop.ui.worker import DbWorker

    path = shots.home / "empty" / "yulu.db"
    shutil.rmtree(path.parent, ignore_errors=True)
    path.parent.mkdir(parents=True)
    db = Database.open(path, DEMO_PASSPHRASE, create=True)
    migrate.upgrade(db)
    db.close()
    worker = DbWorker()
    worker.open(open_and_upgrade(path, DEMO_PASSPHRASE, create=False))
    shots.settle()
    for _ in range(40):
        shots.wait(50)
        if worker.database is not None:
            break
    window = MainWindow(worker, shots.settings)
    window.setGeometry(shots.window.geometry())
    window.show()
    for _ in range(40):
        shots.wait(50)
        if window.stack.currentWidget() is window.setup.empty_hint:
            break
    shots.wait(300)
    shots.save(window, f"setup-empty-window{suffix}")
    window.close()
    worker.shutdown()
