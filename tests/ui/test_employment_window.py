"""The 雨露计划就业 window (issue 16): tabs by role, the graduation-year selector, the menu action, and a page's
write refreshing the other pages."""

from __future__ import annotations

import importlib.util
from datetime import date

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from tests.services.employment_fixtures import TODAY
from tests.services.subsidy_fixtures import set_role
from tests.ui.employment_kit import run
from yulu_desktop.domain.access import Actor, Role
from yulu_desktop.domain.subsidy_cycle import Level
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment.page import EmploymentPage
from yulu_desktop.ui.employment.window import TABS, EmploymentWindow, open_employment_window
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


def opened(qtbot: QtBot, worker: DbWorker, role: str | None) -> EmploymentWindow:
    if role:
        run(qtbot, worker, lambda db: set_role(db, role))
    window = EmploymentWindow(worker, "测试员", today=TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=20000):
        window.show()
    return window


def present(level: Level) -> list[str]:
    """The titles of the tabs of ``level`` whose page module is in this build."""
    return [tab.title for tab in TABS[level] if importlib.util.find_spec(tab.module) is not None]


def tab_titles(window: EmploymentWindow) -> list[str]:
    return [window.tabs.tabText(n) for n in range(window.tabs.count())]


def test_the_tab_table_names_every_page_of_the_design() -> None:
    below = ["岗位", "招聘会", "未就业", "稳岗回访", "政策宣传", "统计图表"]
    assert [t.title for t in TABS[Level.VILLAGE]] == below
    assert [t.title for t in TABS[Level.TOWNSHIP]] == below
    assert [t.title for t in TABS[Level.COUNTY]] == ["学校", "企业", "合作协议", *below]
    assert {t.key for t in TABS[Level.COUNTY]} == {
        "schools",
        "enterprises",
        "agreements",
        "positions",
        "fairs",
        "unemployed",
        "follow_ups",
        "campaigns",
        "dashboard",
    }


@pytest.mark.parametrize(
    ("role", "level", "label"),
    [
        (None, Level.VILLAGE, "村级"),
        ("township", Level.TOWNSHIP, "乡镇"),
        ("county", Level.COUNTY, "县级"),
        ("county_admin", Level.COUNTY, "县级"),
    ],
)
def test_tabs_follow_the_role(
    qtbot: QtBot, eworker: DbWorker, role: str | None, level: Level, label: str
) -> None:
    window = opened(qtbot, eworker, role)
    assert tab_titles(window) == present(level)
    assert "岗位" in tab_titles(window) and "政策宣传" in tab_titles(window)
    assert label in window.role_label.text()
    assert window.windowTitle() == "雨露计划就业"
    assert (window.page("schools") is not None) == (level == Level.COUNTY)
    for page in window.pages.values():
        assert isinstance(page, EmploymentPage)
        assert page.today == TODAY and page.acting.role == (role or "village")


def test_a_missing_page_module_is_left_out(
    qtbot: QtBot, eworker: DbWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from yulu_desktop.ui.employment import window as window_module

    missing = window_module.Tab("nowhere", "无此页", "yulu_desktop.ui.employment.no_such_page", "NoPage")
    monkeypatch.setitem(window_module.TABS, Level.VILLAGE, (window_module.POSITIONS, missing))
    window = opened(qtbot, eworker, None)
    assert tab_titles(window) == ["岗位"]


def test_the_graduation_year_combo_drives_every_page(qtbot: QtBot, eworker: DbWorker) -> None:
    window = opened(qtbot, eworker, "county")
    assert window.year_combo.itemText(0) == "全部" and window.graduation_year is None
    for page in window.pages.values():
        assert page.graduation_year is None
    window.set_graduation_year(2024)
    assert window.graduation_year == 2024
    for page in window.pages.values():
        assert page.graduation_year == 2024
    window.set_graduation_year(None)
    assert all(page.graduation_year is None for page in window.pages.values())


def test_a_write_on_one_page_refreshes_the_others(
    qtbot: QtBot, eworker: DbWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = opened(qtbot, eworker, "county")
    refreshed: list[str] = []
    for key, page in window.pages.items():
        monkeypatch.setattr(page, "refresh", lambda key=key: refreshed.append(key))
    window.page("schools").changed.emit()
    assert "positions" in refreshed and "enterprises" in refreshed
    assert "schools" not in refreshed  # the page that wrote reloaded itself


def test_person_opened_from_a_page_goes_to_the_opener(qtbot: QtBot, eworker: DbWorker) -> None:
    window = opened(qtbot, eworker, None)
    opened_people: list[str] = []
    window.person_opener = opened_people.append
    window.page("positions").openPerson.emit("p1")
    assert opened_people == ["p1"]
    window.person_opener = None
    with qtbot.waitSignal(window.openPerson) as signal:
        window.page("positions").openPerson.emit("p2")
    assert signal.args == ["p2"]


def test_a_page_shows_refusals_and_reports_bugs(qtbot: QtBot, eworker: DbWorker) -> None:
    from yulu_desktop.domain.errors import YuluError

    page = EmploymentPage(eworker, "测试员", Actor("干部", Role.TOWNSHIP, "u"), today=date(2025, 1, 1))
    qtbot.addWidget(page)
    assert page.is_township_or_county and not page.is_county
    page.show_error(YuluError("不能这样做"))
    assert page.message.text() == "不能这样做" and page.message.property("error") is True
    with qtbot.waitSignal(eworker.failed, timeout=5000):
        page.show_error(RuntimeError("bug"))

    def refuse(_db: Database) -> None:
        raise YuluError("第二次拒绝")

    with qtbot.waitSignal(eworker.done, timeout=20000):
        page.run(refuse, lambda _r: None)
    qtbot.waitUntil(lambda: page.message.text() == "第二次拒绝", timeout=5000)
    with qtbot.waitSignal(page.changed, timeout=20000):
        page.write(lambda _db: 1, done_text="好了")
    assert page.message.text() == "好了" and page.message.property("error") is False


def test_menu_action_opens_one_window(qtbot: QtBot, eworker: DbWorker, settings: QSettings) -> None:
    main = MainWindow(eworker, settings)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=20000):
        main.show()
    assert main.employment_action.shortcut() == QKeySequence("Ctrl+J")
    assert main.employment_action.text() == "雨露计划就业…"
    main.employment_action.trigger()
    window = open_employment_window(eworker, main.actor)  # the same window, not a second one
    assert window.isVisible() and window.worker is eworker
    main.employment_action.trigger()
    assert list(main.findChildren(EmploymentWindow)) == [window]
    qtbot.waitUntil(lambda: window.level is not None, timeout=20000)
    window.close()


def test_a_write_elsewhere_reloads_the_shown_page_now_and_the_others_when_shown(
    qtbot: QtBot, eworker: DbWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = opened(qtbot, eworker, "county")
    refreshed: list[str] = []
    for key, page in window.pages.items():
        monkeypatch.setattr(page, "refresh", lambda key=key: refreshed.append(key))
    window.show_tab("schools")
    eworker.changed.emit(frozenset({"household_visit"}))  # nothing the window shows
    assert refreshed == []
    eworker.changed.emit(frozenset({"job_referral"}))  # the person window recorded an outcome
    assert refreshed == ["schools"]
    window.show_tab("fairs")
    assert refreshed == ["schools", "fairs"]
    window.show_tab("schools")
    assert refreshed == ["schools", "fairs"]  # already fresh
    window.page(
        "positions"
    ).changed.emit()  # a page's own write: the worker's announcement is not reloaded twice
    refreshed.clear()
    eworker.changed.emit(frozenset({"job_position"}))
    assert refreshed == []


def test_the_dashboard_follows_a_write_elsewhere_once(
    qtbot: QtBot, eworker: DbWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dashboard page listens to the worker itself: the window does not reload it a second time."""
    window = opened(qtbot, eworker, "county")
    window.show_tab("dashboard")
    dashboard = window.page("dashboard")
    assert dashboard is not None and dashboard.follows_changes
    refreshed: list[str] = []
    monkeypatch.setattr(dashboard, "refresh", lambda: refreshed.append("dashboard"))
    eworker.changed.emit(frozenset({"employment_record"}))
    assert refreshed == ["dashboard"]
