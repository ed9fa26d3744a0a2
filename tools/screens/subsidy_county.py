"""Screenshots of the county's tabs of the 雨露计划补助 window (issue 15): 县审定 with the joint review, 发放批次 after a
bank result with one failure, 台账, and 规则 (the county's form, and read-only on a village laptop); at
QT_SCALE_FACTOR=1.25 the names end in -125.

The demo data has the current term's applications only in the first states of the cycle; this script takes them
through 初审, a 公示 that ended ten days ago and 乡镇审核 with the services (switching the laptop's role the way
enrollment sets it), then, as the county, records joint opinions, approves some, makes a batch, exports it and
imports a bank result with one failure. The laptop's previous role is restored at the end.
"""

from __future__ import annotations

import dataclasses
import os
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import text

from yulu_desktop.domain.subsidy_rules import DEFAULT_RULE
from yulu_desktop.services import subsidy, subsidy_payment, subsidy_publicity, subsidy_rules
from yulu_desktop.services.today import current_term
from yulu_desktop.store.database import Database

ACTOR = "王县"


def _set_role(db: Database, role: str) -> None:
    with db.write_connection() as conn:
        county = conn.execute(
            text("SELECT id FROM org_unit WHERE level = 'county' ORDER BY code LIMIT 1")
        ).scalar()
        conn.execute(
            text(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role, jurisdiction_id) "
                "VALUES (1, 'wangxian', '王县', :role, :county) ON CONFLICT (id) DO UPDATE SET "
                "cadre_username = 'wangxian', cadre_name = '王县', cadre_role = :role, jurisdiction_id = :county"
            ),
            {"role": role, "county": county},
        )


def _saved_role(db: Database) -> Any:
    with db.read_connection() as conn:
        return conn.execute(
            text(
                "SELECT cadre_username, cadre_name, cadre_role, jurisdiction_id FROM sync_state WHERE id = 1"
            )
        ).first()


def _restore_role(db: Database, saved: Any) -> None:
    with db.write_connection() as conn:
        if saved is None:
            conn.execute(text("DELETE FROM sync_state WHERE id = 1"))
        else:
            conn.execute(
                text(
                    "UPDATE sync_state SET cadre_username = :u, cadre_name = :n, cadre_role = :r, "
                    "jurisdiction_id = :j WHERE id = 1"
                ),
                {"u": saved[0], "n": saved[1], "r": saved[2], "j": saved[3]},
            )


def _prepare(db: Database, term: str, home: Path) -> tuple[str, Path]:
    """The batch made and the bank's result file for it (imported by the page, to show its report)."""
    today = date.today()
    _set_role(db, "county")
    rule = dataclasses.replace(
        DEFAULT_RULE,
        version=1,
        effective_from=date(2020, 1, 1),
        joint_reviewers=("教体局",),
        exclusive_aids=("重庆市建档立卡贫困家庭大学生学费资助",),
        note="县乡村振兴局、县教体局联合通知",
    )
    saved = subsidy_rules.save_rule(db, rule, actor=ACTOR)
    # The demo's applications were judged under the default rule (version 0); these are judged under the
    # county's own rule, as applications made after it took effect are.
    with db.write_connection() as conn:
        conn.exec_driver_sql(
            "UPDATE subsidy_application SET rule_version = ? WHERE term = ?", (saved.version, term)
        )
    subsidy_rules.set_window(db, term, date(today.year, 9, 1), date(today.year, 10, 31), actor=ACTOR)
    _set_role(db, "village")
    applied = subsidy.applications(db, term=term, states=["applied"])
    for row in applied:
        for item in subsidy.evidence(db, row.id):
            subsidy.set_evidence(db, row.id, item.kind, provided=True, actor=ACTOR)
    subsidy.take_step(db, [a.id for a in applied], "village_reviewed", actor=ACTOR, opinion="同意")
    by_village: dict[str, list[str]] = defaultdict(list)
    for row in subsidy.applications(db, term=term, states=["village_reviewed"]):
        by_village[row.village_id].append(row.id)
    for ids in by_village.values():
        subsidy_publicity.publicize(
            db,
            ids,
            starts_on=today - timedelta(days=20),
            ends_on=today - timedelta(days=10),
            place="村务公开栏",
            actor=ACTOR,
            today=today - timedelta(days=20),
        )
    _set_role(db, "township")
    publicized = [a.id for a in subsidy.applications(db, term=term, states=["publicized"])]
    subsidy.take_step(db, publicized, "township_reviewed", actor=ACTOR, opinion="同意")
    _set_role(db, "county")
    queue = [a.id for a in subsidy.applications(db, term=term, states=["township_reviewed"])]
    # Two thirds approved with 教体局's opinion; the rest stay in the queue (a few with the opinion already).
    approved = queue[: len(queue) * 2 // 3]
    subsidy.set_joint_opinion(db, queue[: len(approved) + 2], "教体局", "同意", actor=ACTOR)
    subsidy.take_step(db, approved, "county_approved", actor=ACTOR, opinion="同意")
    # Demo households have no 一卡通 account: give the approved ones one, as the village records it.
    with db.write_connection() as conn:
        for i, application_id in enumerate(approved):
            conn.execute(
                text("UPDATE subsidy_application SET payee_name = '户主', payee_account = :a WHERE id = :id"),
                {"a": f"62220202001122{i:05d}", "id": application_id},
            )
    first = approved[: max(1, len(approved) - 2)]
    batch_id = subsidy_payment.create_batch(db, term, first, actor=ACTOR)
    sheet = home / "一卡通.xlsx"
    subsidy_payment.export_batch(db, batch_id, sheet, actor=ACTOR, reason="报送一卡通平台")
    result = home / "发放结果.xlsx"
    book = openpyxl.Workbook()
    out = book.active
    assert out is not None
    out.append(["身份证号", "账号", "发放结果", "失败原因"])
    for i, line in enumerate(subsidy_payment.batch_lines(db, batch_id)):
        out.append(
            [line.id_number, line.account, "失败" if i == 0 else "成功", "账户已销户" if i == 0 else ""]
        )
    book.save(result)
    return batch_id, result


def capture(shots: Any) -> None:
    from yulu_desktop.ui.subsidy.rules_page import RulesPage
    from yulu_desktop.ui.subsidy.window import SubsidyWindow

    suffix = "-125" if os.environ.get("QT_SCALE_FACTOR", "1") not in ("1", "1.0", "") else ""
    db = shots.worker.database
    term = current_term(date.today())
    saved = _saved_role(db)
    batch_id, result = _prepare(db, term, Path(shots.home))

    screen = shots.app.primaryScreen().availableGeometry()  # logical pixels: smaller at 125 %
    window = SubsidyWindow(shots.worker, ACTOR, shots.window)
    window.resize(min(1366, screen.width()), min(740, screen.height()))
    window.show()
    shots.settle()
    county = window.page("county")
    county.check(county.checked_ids() or [r.id for r in county.rows[:2]])
    shots.settle()
    if county.tree.topLevelItemCount():
        township = county.tree.topLevelItem(0)
        village = township.child(0) if township is not None else None
        if village is not None and village.childCount():
            county.tree.setCurrentItem(village.child(0))
    shots.settle()
    shots.save(window, f"subsidy-county-approval{suffix}")

    window.show_tab("payment")
    payment = window.page("payment")
    payment.refresh()
    shots.settle()
    payment.select_batch(batch_id)
    payment.import_result(batch_id, result)
    shots.settle()
    shots.save(window, f"subsidy-county-payment{suffix}")

    window.show_tab("ledger")
    window.page("ledger").refresh()
    shots.settle()
    shots.save(window, f"subsidy-county-ledger{suffix}")

    window.show_tab("rules")
    window.page("rules").refresh()
    shots.settle()
    shots.save(window, f"subsidy-county-rules{suffix}")
    window.close()

    _set_role(db, "village")
    page = RulesPage(shots.worker, "张书记")
    page.resize(min(1200, screen.width()), min(700, screen.height()))
    page.set_term(term)
    page.show()
    shots.settle()
    shots.save(page, f"subsidy-county-rules-village{suffix}")
    page.close()
    _restore_role(db, saved)
