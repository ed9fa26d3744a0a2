"""合并… on the 企业 page (issue 16, duplicates): a county account merges two records of one enterprise through the
dialog (both side by side with their positions, agreements and fairs; which one to keep), a confirmation and
the report; the button is not there for a township or a village."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.services.employment_fixtures import CREDIT_CODES, TODAY, build_employment_county
from tests.services.subsidy_fixtures import set_role
from tests.ui.employment_kit import PASSPHRASE, open_copy, run, shown
from yulu_desktop.domain.access import Actor, Role
from yulu_desktop.domain.entities import Enterprise, JobPosition
from yulu_desktop.services import enterprise_merge, records
from yulu_desktop.services.enterprise_merge import MergeChoices, MergeReport, MergeSide
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment.enterprise_merge_dialog import EnterpriseMergeDialog
from yulu_desktop.ui.employment.enterprises_page import EnterprisesPage
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

TWIN = "城口宏达机械有限公司"
HONGDA = "城口县宏达机械有限公司"


@pytest.fixture(scope="module")
def template(
    template_database: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, str]]:
    """The employment county, plus 宏达 entered a second time (another laptop's record, synced in) with a
    position of its own and a note the first has not."""
    path = tmp_path_factory.mktemp("enterprise-merge") / "employment.db"
    shutil.copyfile(template_database, path)
    db = Database.open(path, PASSPHRASE)
    ids = build_employment_county(db, today=TODAY)
    twin = Enterprise(
        county_id=ids["county"],
        name=TWIN,
        credit_code=CREDIT_CODES["hongda"],
        industry="manufacturing",
        place="城口县工业园区",
        region="county",
        note="县工业园区龙头企业",
    )
    position = JobPosition(
        unit_id=ids["county"],
        enterprise_id=twin.id,
        title="焊工",
        region="county",
        posted_on=TODAY - timedelta(1),
    )
    with records.writing(db, "同步") as session:
        session.add(twin)
        session.add(position)
    db.close()
    return path, {**ids, "twin": twin.id, "pos_twin": position.id}


@pytest.fixture
def ids(template: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return template[1]


@pytest.fixture
def eworker(
    bare_worker: DbWorker, template: tuple[Path, dict[str, str]], tmp_path: Path, qtbot: QtBot
) -> DbWorker:
    return open_copy(template[0], tmp_path, bare_worker, qtbot, name="yulu.db")


def page_for(qtbot: QtBot, worker: DbWorker, role: str | None) -> EnterprisesPage:
    if role:
        run(qtbot, worker, lambda db: set_role(db, role))
    page = EnterprisesPage(
        worker, "测试员", Actor("干部", Role(role or "village"), "u" if role else ""), today=TODAY
    )
    return shown(qtbot, page)


def select(page: EnterprisesPage, name: str) -> None:
    for n in range(page.proxy.rowCount()):
        if page.proxy.index(n, 0).data() == name:
            page.table.selectRow(n)
            return
    raise AssertionError(f"{name} not shown")


def names(page: EnterprisesPage) -> list[str]:
    return sorted(page.model.index(n, 0).data() for n in range(page.model.rowCount()))


def test_a_county_account_merges_two_records_of_one_enterprise(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_for(qtbot, eworker, "county")
    assert page.merge_button.isVisible()
    assert "合并…" in page.duplicates.text() and TWIN in page.duplicates.text()
    select(page, TWIN)

    seen: list[EnterpriseMergeDialog] = []

    def ask(choices: MergeChoices) -> tuple[MergeSide, MergeSide]:
        dialog = EnterpriseMergeDialog(choices, page)
        qtbot.addWidget(dialog)
        seen.append(dialog)
        # The selected record on the left, its likely twin offered first on the right, their counts shown.
        assert dialog.other().enterprise.id == ids["hongda"] and dialog.other().duplicate
        left, right, _ = zip(*((a.text(), b.text(), c.text()) for a, b, c in dialog.cells), strict=True)
        assert left[0] == TWIN and right[0] == HONGDA
        assert "1 个" in left and "2 个" in right  # positions: 焊工; 数控车床操作工 and 仓库管理员
        assert "1 份" in right and "0 份" in left  # the agreement names 宏达
        assert dialog.cells[0][0].font().bold()  # the names differ
        dialog.choose(ids["hongda"], keep_other=True)
        assert f"删除“{TWIN}”" in dialog.outcome.text()
        return dialog.choice()

    confirmed: list[tuple[str, str]] = []
    reports: list[MergeReport] = []
    monkeypatch.setattr(page, "ask_merge", ask)
    monkeypatch.setattr(
        page, "confirm_merge", lambda k, d: confirmed.append((k.enterprise.name, d.enterprise.name)) or True
    )
    monkeypatch.setattr(page, "show_merged", reports.append)

    with qtbot.waitSignal(page.changed, timeout=20000):
        page.merge_button.click()
    qtbot.waitUntil(lambda: TWIN not in names(page), timeout=20000)

    assert seen and confirmed == [(HONGDA, TWIN)]
    (report,) = reports
    assert (report.kept_id, report.dropped_id, report.repointed.positions) == (ids["hongda"], ids["twin"], 1)
    assert dict(report.taken) == {"备注": "县工业园区龙头企业"}
    assert names(page).count(HONGDA) == 1 and page.duplicates.isHidden()
    assert page.message.text() == f"已将“{TWIN}”合并到“{HONGDA}”"

    def position_enterprise(db: Database) -> str:
        with db.read() as session:
            position = session.get(JobPosition, ids["pos_twin"])
            assert position is not None
            return position.enterprise_id

    assert run(qtbot, eworker, position_enterprise) == ids["hongda"]


def test_a_merge_not_confirmed_changes_nothing(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_for(qtbot, eworker, "county")
    select(page, HONGDA)
    asked: list[Any] = []

    def ask(choices: MergeChoices) -> tuple[MergeSide, MergeSide]:
        asked.append(choices)
        return choices.selected, choices.others[0]

    monkeypatch.setattr(page, "ask_merge", ask)
    monkeypatch.setattr(page, "confirm_merge", lambda *_a: False)
    page.merge_button.click()
    qtbot.waitUntil(lambda: bool(asked), timeout=20000)
    assert asked[0].selected.enterprise.id == ids["hongda"]
    assert run(qtbot, eworker, lambda db: len(enterprise_merge.merge_choices(db, ids["twin"]).others)) == 3


def test_merge_without_a_selection_says_so(qtbot: QtBot, eworker: DbWorker) -> None:
    page = page_for(qtbot, eworker, "county")
    page.table.clearSelection()
    page.merge_button.click()
    assert page.message.property("error") is True and "选中" in page.message.text()


@pytest.mark.parametrize("role", [None, "village", "township"])
def test_merge_is_hidden_below_the_county(qtbot: QtBot, eworker: DbWorker, role: str | None) -> None:
    page = page_for(qtbot, eworker, role)
    assert not page.merge_button.isVisible()
    assert "合并…" not in page.duplicates.text()


def test_the_dialog_says_what_each_choice_keeps(qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]) -> None:
    choices = run(qtbot, eworker, lambda db: enterprise_merge.merge_choices(db, ids["hongda"], today=TODAY))
    dialog = EnterpriseMergeDialog(choices, None)
    qtbot.addWidget(dialog)
    assert dialog.keep_left.isChecked()
    kept, dropped = dialog.choice()
    assert (kept.enterprise.id, dropped.enterprise.id) == (ids["hongda"], ids["twin"])
    assert dialog.outcome.text().startswith(f"合并后保留“{HONGDA}”，删除“{TWIN}”")
    dialog.keep_right.setChecked(True)
    assert dialog.outcome.text().startswith(f"合并后保留“{TWIN}”，删除“{HONGDA}”")
    assert "2 个岗位、1 份合作协议和 1 场招聘会" in dialog.outcome.text()
    # The 合并后 column: the kept record (the twin) takes 宏达's contact; a list names it once.
    result = {
        label: cells[2].text() for (label, _f, _v), cells in zip(dialog.rows, dialog.cells, strict=True)
    }
    assert result["联系人"] == "何经理（补）" and result["企业名称"] == TWIN
    assert (result["岗位"], result["合作协议"], result["招聘会"]) == ("3 个", "1 份", "1 场")
    assert (
        dialog.cells[0][2].font().bold() and not dialog.cells[1][2].font().bold()
    )  # names differ, codes not
    dialog.choose(ids["ningbo"], keep_other=False)  # another enterprise, no duplicate
    assert dialog.other().enterprise.id == ids["ningbo"] and not dialog.other().duplicate
    assert dialog.keep_right.text() == "保留“宁波甬城电子有限公司”"
