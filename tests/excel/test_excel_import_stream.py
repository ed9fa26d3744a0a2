"""The streaming import of the national export: the same outcome whether the sheet is read in a child process or
not, households written from their head's row whatever the order, rows refused by a check of the whole sheet
after they were written left out cleanly (no journal entry), cancel while the child reads."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from yulu_desktop.services import excel_import as xi
from yulu_desktop.services.tasks import Cancelled, CancelToken
from yulu_desktop.store.database import Database

TODAY = dt.date(2025, 6, 1)
PASSPHRASE = "test-passphrase-1"  # that of the db fixtures (tests/conftest.py)


def run(db: Database, path: Path, **kwargs: Any) -> xi.ImportReport:
    return xi.import_national(db, path, actor="测试员", today=TODAY, **kwargs)


def col(xl: Any, name: str) -> int:
    return list(xl.NATIONAL_HEADER).index(name)


def people(db: Database) -> dict[str, tuple[Any, ...]]:
    with db.read_connection() as conn:
        rows = conn.exec_driver_sql(
            "SELECT p.person_no, p.name, p.id_number, p.relationship, p.phone, h.household_no, h.income_per_capita_fen, "
            "h.contact_phone, h.group_name FROM person p JOIN household h ON h.id = p.household_id"
        ).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def journal(db: Database) -> list[tuple[str, str, dict[str, Any]]]:
    with db.read_connection() as conn:
        rows = conn.exec_driver_sql("SELECT entity, op, changes FROM change_journal ORDER BY seq").fetchall()
    return [(e, op, json.loads(c)) for e, op, c in rows]


def summary_of(report: xi.ImportReport) -> tuple[Any, ...]:
    return (
        report.applied, report.new, report.changed, report.unchanged, report.rejected,
        report.households_new, report.households_changed, report.org_units_new,
        [(r.row_number, dict(r.values), r.issues) for r in report.rejected_rows], report.issues,
    )  # fmt: skip


def messy_rows(xl: Any) -> list[list[Any]]:
    rows = xl.standard_rows()
    rows[1][col(xl, "联系电话")] = "138****8000"  # a warning
    rows.append(list(rows[3]))  # 王五 (head of H002, row 6) again at row 8: both refused, row 6 after writing
    rows += xl.household("H009", ("P090", "孙七", xl.person_id(1990, 17), "子"))  # no head: row 9 refused
    rows += xl.household("H010", ("P100", "", xl.person_id(1991, 19), "本人"))  # no name: row 10 refused
    return rows


@pytest.mark.parametrize("mode", ["all-or-nothing", "skip_invalid", "dry_run"])
def test_child_process_and_this_process_import_the_same(
    db_path: Path, xl: Any, tmp_path: Path, mode: str
) -> None:
    path = xl.national(messy_rows(xl))
    kwargs = {"all-or-nothing": {}, "skip_invalid": {"skip_invalid": True}, "dry_run": {"dry_run": True}}[
        mode
    ]
    outcomes = []
    for parallel in (False, True):
        copy = tmp_path / f"{parallel}.db"
        copy.write_bytes(db_path.read_bytes())
        with Database.open(copy, PASSPHRASE) as db:
            report = run(db, path, parallel=parallel, **kwargs)
            outcomes.append((summary_of(report), people(db), [(e, op) for e, op, _ in journal(db)]))
    assert outcomes[0] == outcomes[1]
    report_summary, stored, _ = outcomes[0]
    rejected_rows = [r[0] for r in report_summary[8]]
    assert rejected_rows == [6, 8, 9, 10]
    if mode == "skip_invalid":
        assert report_summary[:5] == (True, 4, 0, 0, 4)
        assert set(stored) == {"P001", "P002", "P003", "P005"}
    elif mode == "dry_run":
        assert report_summary[:5] == (False, 4, 0, 0, 4)
        assert stored == {}
    else:
        assert report_summary[:5] == (False, 0, 0, 0, 4)
        assert stored == {}


def test_rows_refused_after_they_were_written_leave_no_trace(db: Database, xl: Any) -> None:
    """skip_invalid: 王五, head of H002, twice — his first row (6) was written before the second one (8) came;
    it must not stay written, nor journaled (no insert then delete). 王丽 (row 7) is imported; her household
    then takes its columns from her row, as it has no head left."""
    rows = messy_rows(xl)
    rows[4][col(xl, "人均纯收入")] = 1234
    report = run(db, xl.national(rows), skip_invalid=True, parallel=False)
    assert report.applied and report.new == 4
    assert [r.row_number for r in report.rejected_rows] == [6, 8, 9, 10]
    entries = journal(db)
    assert all(op == "I" for _, op, _ in entries)
    names = [c["name"][1] for e, _, c in entries if e == "person"]
    assert sorted(names) == sorted(["张三", "李四", "张小明", "王丽"])
    households = {
        c["household_no"][1]: c["income_per_capita_fen"][1] for e, _, c in entries if e == "household"
    }
    assert households == {"H001": 876543, "H002": 123400}


def test_head_after_its_members_gives_the_household_its_values(db: Database, xl: Any) -> None:
    rows = xl.household(
        "H001",
        ("P002", "李四", xl.person_id(1972, 22), "配偶"),
        ("P003", "张小明", xl.person_id(2006, 33), "子"),
        ("P001", "张三", xl.person_id(1970, 11), "本人"),
    )
    rows[0][col(xl, "人均纯收入")] = 1000
    rows[0][col(xl, "联系电话")] = "13900139000"
    rows[2][col(xl, "自然村")] = "三组"
    for parallel in (False, True):
        report = run(db, xl.national(rows), parallel=parallel)
        assert report.applied and report.households_changed == 0, report.problems()
        stored = people(db)
        assert stored["P002"][4:] == ("H001", 876543, "13800138000", "三组")
        assert stored["P001"][4:] == stored["P003"][4:] == stored["P002"][4:]


def test_known_household_takes_the_head_row_coming_last(db: Database, xl: Any) -> None:
    run(db, xl.national(xl.standard_rows()))
    rows = xl.standard_rows()[:3]
    rows = [rows[1], rows[2], rows[0]]  # the head last
    rows[2][col(xl, "人均纯收入")] = 9000
    rows[0][col(xl, "人均纯收入")] = 1  # a member's copy of the household columns: not used
    report = run(db, xl.national(rows))
    assert (report.changed, report.unchanged, report.households_changed) == (0, 3, 1)
    assert people(db)["P001"][5] == 900000
    without_head = run(db, xl.national(rows[:2]))  # H001 has its head in Yulu: the first row's values
    assert without_head.applied and without_head.households_changed == 1
    assert people(db)["P001"][5] == 100


def test_all_or_nothing_stops_writing_at_the_first_refused_row(
    db: Database, xl: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [*xl.standard_rows()]
    rows[0][col(xl, "姓名")] = None
    flushed: list[int] = []
    original = xi._NationalPass._flush

    def spy(self: Any) -> None:
        flushed.append(len(self.batch_people))
        original(self)

    monkeypatch.setattr(xi._NationalPass, "_flush", spy)
    report = run(db, xl.national(rows), parallel=False)
    assert not report.applied and report.rejected == 1
    assert flushed == []  # nothing was even queued after row 3 was refused
    assert (report.new, report.households_new, report.org_units_new) == (0, 0, 0)


def test_cancel_while_the_child_reads_writes_nothing_and_stops_it(db: Database, xl: Any) -> None:
    rows = [
        xl.national_row(
            户编号=f"H{n:05d}",
            人编号=f"P{n:05d}",
            证件号码=xl.person_id(1930 + n % 90, n % 999 + 1, 1 + n % 12),
        )
        for n in range(1200)
    ]
    path = xl.national(rows)
    token = CancelToken()
    seen: list[str] = []

    def progress(phase: str, done: int, total: int) -> None:
        seen.append(phase)
        token.cancel()

    with pytest.raises(Cancelled):
        run(db, path, progress=progress, cancel=token, parallel=True)
    assert seen == ["read"]
    assert people(db) == {} and journal(db) == []
    assert not multiprocessing.active_children()


def test_cancel_before_the_child_sends_anything(db: Database, xl: Any) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        run(db, xl.national(xl.standard_rows()), cancel=token, parallel=True)
    assert people(db) == {}
    assert not multiprocessing.active_children()


def test_rows_waiting_for_their_head_are_bounded(
    db_path: Path, xl: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sheet with every head last: past the limit, households are written from a member's row and corrected
    by the head's — the same data in the end, memory bounded."""
    rows = []
    for h in range(6):
        members = xl.household(
            f"H{h:03d}",
            *[
                (f"P{h:03d}{m}", "张三", xl.person_id(1950 + h, h * 10 + m + 1), "本人" if m == 2 else "子")
                for m in range(3)
            ],
        )
        members[0][col(xl, "人均纯收入")] = 100 + h  # a member's copy of the household's columns differs
        members[0][col(xl, "行政村")] = "红岩村"
        rows += members
    path = xl.national(rows)
    outcomes = []
    for limit in (10**9, 1):
        monkeypatch.setattr(xi.national, "_HOLD_LIMIT", limit)
        copy = tmp_path / f"{limit}.db"
        copy.write_bytes(db_path.read_bytes())
        with Database.open(copy, PASSPHRASE) as db:
            report = run(db, path, parallel=False)
            outcomes.append((summary_of(report), people(db), journal(db)))
    (normal, stored, entries), (bounded, stored_bounded, entries_bounded) = outcomes
    assert bounded == normal and stored_bounded == stored
    assert {v[5] for v in stored.values()} == {876543}
    assert [op for e, op, _ in entries if e == "household"] == ["I"] * 6
    corrections = [c for e, op, c in entries_bounded if e == "household" and op == "U"]
    assert corrections and all(set(c) == {"income_per_capita_fen"} for c in corrections)


def test_a_row_refused_by_the_rules_and_repeated_keeps_its_own_reasons(db: Database, xl: Any) -> None:
    """李4 (row 4) breaks a rule and is repeated as 李四 (row 9); 张三 (row 3, written) is repeated too, so the
    file is read a second time: row 4's reasons are still its own."""
    rows = xl.standard_rows()
    rows[1][col(xl, "姓名")] = "李4"
    rows.append(list(rows[1]))
    rows[-1][col(xl, "姓名")] = "李四"
    rows.append(list(rows[0]))
    report = run(db, xl.national(rows), skip_invalid=True, parallel=False)
    reasons = {r.row_number: r.reason() for r in report.rejected_rows}
    assert sorted(reasons) == [3, 4, 8, 9]
    assert "姓名只能包含汉字" in reasons[4] and "同一人" not in reasons[4]
    assert "同一人" in reasons[3] and "同一人" in reasons[8] and "同一人" in reasons[9]
    assert report.applied and report.new == 3
