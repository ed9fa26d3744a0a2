"""The 雨露计划补助 window (issue 15): tabs by role, the term selector, the menu action, 今日工作's returned
applications and the person window's 补助 tab opening it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolBar
from pytestqt.qtbot import QtBot

from yulu_desktop.domain import subsidy_rules
from yulu_desktop.domain.entities import Enrollment, Household, Person
from yulu_desktop.services import records, subsidy, subsidy_publicity
from yulu_desktop.services.today import current_term
from yulu_desktop.store.database import Database
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.person_window import PersonWindow
from yulu_desktop.ui.subsidy.apply_page import ApplyPage
from yulu_desktop.ui.subsidy.models import application_columns
from yulu_desktop.ui.subsidy.window import SubsidyWindow, open_subsidy_window, terms_around
from yulu_desktop.ui.table_models import Column, RowsModel
from yulu_desktop.ui.today_page import TargetRole
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

TERM = "2026-autumn"
COUNTY = "149928"  # 五寨县（测试）, tests/ui/conftest.py


def run(qtbot: QtBot, worker: DbWorker, job: Any) -> Any:
    with qtbot.waitSignal(worker.done, timeout=20000) as done:
        worker.submit(job)
    operation = done.args[0]
    assert operation.error is None, operation.error
    return operation.result


def enroll_job(role: str) -> Any:
    def job(db: Database) -> None:
        with db.write_connection() as conn:
            conn.exec_driver_sql(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, 'u', '干部', ?) "
                "ON CONFLICT (id) DO UPDATE SET cadre_username = 'u', cadre_name = '干部', "
                "cadre_role = excluded.cadre_role",
                (role,),
            )

    return job


def opened(qtbot: QtBot, worker: DbWorker, role: str | None) -> SubsidyWindow:
    if role:
        run(qtbot, worker, enroll_job(role))
    window = SubsidyWindow(worker, "测试员")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=20000):
        window.show()
    return window


def tab_titles(window: SubsidyWindow) -> list[str]:
    return [window.tabs.tabText(n) for n in range(window.tabs.count())]


def test_a_village_laptop_sees_apply_and_publicity_only(qtbot: QtBot, worker: DbWorker) -> None:
    window = opened(qtbot, worker, None)  # not enrolled: village
    assert tab_titles(window) == ["申请", "公示"]
    assert window.windowTitle() == "雨露计划补助"
    assert window.term == current_term(date.today())
    assert window.term_combo.currentText().endswith("学期")
    assert "村级" in window.role_label.text()
    assert isinstance(window.page("apply"), ApplyPage) and window.page("township") is None
    assert window.page("apply").term == window.term  # the pages follow the combo
    window.set_term("2025-spring")
    assert window.page("apply").term == "2025-spring" and window.page("publicity").term == "2025-spring"


@pytest.mark.parametrize(
    ("role", "titles"),
    [
        ("township", ["乡镇审核", "统计图表"]),
        ("county", ["县审定", "发放批次", "台账", "规则", "统计图表"]),
        ("county_admin", ["县审定", "发放批次", "台账", "规则", "统计图表"]),
    ],
)
def test_tabs_follow_the_role(qtbot: QtBot, worker: DbWorker, role: str, titles: list[str]) -> None:
    window = opened(qtbot, worker, role)
    assert tab_titles(window) == titles
    assert window.page("apply") is None  # a township or county laptop does not apply


def test_terms_around_a_day() -> None:
    assert terms_around(date(2026, 12, 5), back=3) == [
        "2027-spring",
        "2026-autumn",
        "2026-spring",
        "2025-autumn",
        "2025-spring",
    ]
    assert terms_around(date(2026, 1, 10), back=1) == ["2026-spring", "2025-autumn", "2025-spring"]


def test_rows_model_passes_the_model_tester(qtbot: QtBot, qtmodeltester: Any) -> None:
    model = RowsModel(
        [Column("名", lambda r: r[0]), Column("数", lambda r: str(r[1]), lambda r: r[1] > 1)], str
    )
    model.set_rows([("甲", 1), ("乙", 2)])
    qtmodeltester.check(model)
    assert model.find("('乙', 2)") == 1 and model.index(1, 1).data() == "2"
    assert len(application_columns()) == len(application_columns(village=False)) + 1


def test_menu_action_opens_one_window(qtbot: QtBot, worker: DbWorker, settings: QSettings) -> None:
    main = MainWindow(worker, settings)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=20000):
        main.show()
    assert main.subsidy_action.shortcut() == QKeySequence("Ctrl+B")
    assert main.subsidy_action.text() == "雨露计划补助…"
    toolbar_actions = [a for tb in main.findChildren(QToolBar) for a in tb.actions()]
    assert main.subsidy_action not in toolbar_actions  # menu only: the toolbar has no room
    main.subsidy_action.trigger()
    window = open_subsidy_window(worker, main.actor)  # the same window, not a second one
    assert window.isVisible() and window.worker is worker
    main.subsidy_action.trigger()
    assert list(main.findChildren(SubsidyWindow)) == [window]
    qtbot.waitUntil(lambda: window.level is not None, timeout=20000)
    window.close()


def _returned_application(qtbot: QtBot, worker: DbWorker) -> tuple[str, str]:
    """A student of 三岔村 whose application the township returned; (person id, application id)."""

    def job(db: Database) -> tuple[str, str]:
        with db.read_connection() as conn:
            village_id = str(
                conn.exec_driver_sql("SELECT id FROM org_unit WHERE code = '149928101201'").scalar_one()
            )
        records.set_subsidy_amount(
            db, COUNTY, "zhongzhuan", 300000, effective_from=date(2020, 1, 1), actor="测试"
        )
        household = Household(household_no="1499281012010201", village_id=village_id, household_type="tuopin")
        records.register_household(db, household, actor="测试")
        person = Person(household_id=household.id, name="赵退回", relationship="20")
        records.add_member(db, person, actor="测试", today=date(2026, 1, 1))
        records.record_enrollment(
            db,
            Enrollment(
                person_id=person.id,
                school_year="2026-2027",
                semester="autumn",
                school_name="山西省畜牧兽医学校",
                school_type="zhongzhuan",
            ),
            actor="测试",
        )
        report = subsidy.apply(db, [person.id], TERM, actor="李明", today=date(2026, 9, 20))
        assert report.done, report.refused
        (application_id,) = report.done
        for item in subsidy_rules.DEFAULT_RULE.evidence:
            subsidy.set_evidence(db, application_id, item.code, provided=True, actor="李明")
        assert subsidy.take_step(db, [application_id], "village_reviewed", actor="李明").done
        subsidy_publicity.publicize(
            db, [application_id], starts_on=date(2026, 9, 21), ends_on=date(2026, 9, 25), actor="李明"
        )
        enroll_job("township")(db)
        returned = subsidy.take_step(
            db, [application_id], "returned", actor="赵乡", reason="缺少学籍证明原件", today=date(2026, 10, 1)
        )
        assert returned.done, returned.refused
        enroll_job("village")(db)
        return person.id, application_id

    result: tuple[str, str] = run(qtbot, worker, job)
    return result


def test_todays_returned_item_opens_the_window_on_the_application(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    person_id, application_id = _returned_application(qtbot, worker)
    main = MainWindow(worker, settings)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.today_page.loaded, timeout=20000):
        main.show()
    page = main.today_page
    item = None
    for n in range(page.tree.topLevelItemCount()):
        top = page.tree.topLevelItem(n)
        assert top is not None
        if top.text(0).startswith("被退回的补助申请"):
            children = [top.child(c) for c in range(top.childCount())]
            item = next(c for c in children if c is not None and c.text(0) == "赵退回")
    assert item is not None
    assert "缺少学籍证明原件" in item.text(3)
    assert item.data(0, TargetRole) == ("subsidy", (person_id, TERM))
    with qtbot.waitSignal(page.openSubsidy, timeout=5000) as emitted:
        page.tree.itemClicked.emit(item, 0)
    assert emitted.args == [person_id, TERM]
    window = next(w for w in main.findChildren(SubsidyWindow))
    qtbot.waitUntil(lambda: window.page("apply") is not None, timeout=20000)
    apply_page: ApplyPage = window.page("apply")
    qtbot.waitUntil(
        lambda: [a.id for a in apply_page.selected_applications()] == [application_id], timeout=20000
    )
    assert window.term == TERM and window.tabs.currentWidget() is apply_page
    assert "缺少学籍证明原件" in apply_page.returned_banner.text()
    assert apply_page.reapply_button.isEnabled()
    window.close()


def test_person_tab_offers_only_the_roles_steps_and_opens_the_window(qtbot: QtBot, worker: DbWorker) -> None:
    person_id, application_id = _returned_application(qtbot, worker)
    with qtbot.waitSignal(worker.idle, timeout=20000):
        person = PersonWindow(worker, person_id, "李明")
    qtbot.addWidget(person)
    person.show()
    tab = person.subsidy_tab
    qtbot.waitUntil(lambda: tab.role is not None and tab.subsidies.rowCount() == 1, timeout=20000)
    assert tab.subsidies.index(0, 2).data() == "已退回"
    assert tab.subsidies.index(0, 7).data() == "缺少学籍证明原件"
    tab.subsidies_view.selectRow(0)
    offered = [tab.next_state.itemData(n) for n in range(tab.next_state.count())]
    assert offered == ["applied", "withdrawn"]  # the village's steps from 已退回: 重新申请, 撤回
    assert tab.next_state.itemText(0) == "重新申请"
    assert "证明材料：" in tab.evidence_label.text() and "（已提供）" in tab.evidence_label.text()

    window = tab.open_in_window()
    assert isinstance(window, SubsidyWindow)
    qtbot.waitUntil(lambda: window.page("apply") is not None, timeout=20000)
    apply_page = window.page("apply")
    qtbot.waitUntil(
        lambda: [a.id for a in apply_page.selected_applications()] == [application_id], timeout=20000
    )
    window.close()
    window.deleteLater()

    # A township laptop is offered the township's steps only (none from 已退回).
    run(qtbot, worker, enroll_job("township"))
    person.reload()
    qtbot.waitUntil(lambda: tab.role is not None and str(tab.role) == "township", timeout=20000)
    tab.subsidies_view.selectRow(0)
    assert tab.next_state.count() == 0 and not tab.advance_button.isEnabled()
    assert not tab.apply_button.isEnabled()
