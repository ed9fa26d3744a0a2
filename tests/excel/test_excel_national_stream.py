"""The national export read in a child process: the same rows, summary and errors as in this process; errors
and deaths of the child reported in Chinese (never a hang); closing early stops it."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from yulu_desktop.domain.errors import ValidationFailed, YuluError
from yulu_desktop.excel import national as nat
from yulu_desktop.excel import national_stream as ns
from yulu_desktop.excel.results import RejectedRow

TODAY = dt.date(2025, 6, 1)


def messy_rows(xl: Any) -> list[list[Any]]:
    """Valid households, plus a rejected row, a warning, a duplicate person and a household without a head."""
    rows = xl.standard_rows()
    rows[1][xl.NATIONAL_HEADER.index("联系电话")] = "138****8000"  # masked: a warning
    rows[2][xl.NATIONAL_HEADER.index("姓名")] = None  # rejected at once
    rows.append(list(rows[0]))  # the head of H001 again: rejected, and row 3 late
    rows += xl.household("H009", ("P090", "孙七", xl.person_id(1990, 17), "子"))  # no head
    return rows


def many_rows(xl: Any, count: int) -> list[list[Any]]:
    """``count`` one-person households."""
    return [
        xl.national_row(
            户编号=f"H{n:05d}",
            人编号=f"P{n:05d}",
            证件号码=xl.person_id(1930 + n % 90, n % 999 + 1, 1 + n % 12, 1 + n % 28),
        )
        for n in range(count)
    ]


def read_all(stream: ns.NationalStream) -> tuple[list[Any], nat.ScanSummary, list[str], Any, str]:
    with stream:
        items = list(stream)
        return items, stream.summary(), list(stream.notes), stream.header, stream.sheet_name


def test_child_process_gives_the_same_rows_as_this_process(xl: Any) -> None:
    path = xl.national(messy_rows(xl))
    local = read_all(ns.open_national_stream(path, today=TODAY, parallel=False))
    child = read_all(ns.open_national_stream(path, today=TODAY, parallel=True))
    assert child == local
    items, summary, _notes, header, _sheet = child
    assert header.row == 2
    kinds = [
        (type(i).__name__, i.row_number if isinstance(i, RejectedRow) else i.record.row_number) for i in items
    ]
    assert ("RejectedRow", 5) in kinds and ("RejectedRow", 8) in kinds
    assert set(summary.late_rejected) == {3, 9}
    warned = next(i for i in items if isinstance(i, ns.CheckedRow) and i.record.row_number == 4)
    assert warned.ok and any("打码" in w.message for w in summary.warnings)


def test_child_process_with_known_households(xl: Any) -> None:
    rows = xl.household("H009", ("P090", "孙七", xl.person_id(1990, 17), "子"))
    path = xl.national(rows)
    for parallel in (False, True):
        items, summary, *_ = read_all(
            ns.open_national_stream(path, today=TODAY, parallel=parallel, known_households={"H009"})
        )
        assert [type(i) for i in items] == [ns.CheckedRow]
        assert summary.late_rejected == {}


def test_files_are_parsed_in_a_child_process_by_size(xl: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = xl.national(xl.standard_rows())
    with ns.open_national_stream(path, today=TODAY) as small:
        assert isinstance(small, ns._LocalStream)
    monkeypatch.setattr(ns, "PARALLEL_MIN_BYTES", 1)
    with ns.open_national_stream(path, today=TODAY) as large:
        assert isinstance(large, ns._ChildStream)
        list(large)


def test_refused_files_give_the_same_chinese_message_from_the_child(xl: Any, tmp_path: Path) -> None:
    pdf = tmp_path / "名单.xlsx"
    pdf.write_bytes(b"%PDF-1.4 not a sheet")
    with pytest.raises(YuluError, match="PDF"):
        ns.open_national_stream(pdf, today=TODAY, parallel=True)
    protected = tmp_path / "p.xlsx"
    protected.write_bytes(xl.ole2_file(["EncryptionInfo", "EncryptedPackage"]))
    with pytest.raises(YuluError, match="密码"):
        ns.open_national_stream(protected, today=TODAY, parallel=True)
    header = list(xl.NATIONAL_HEADER)
    header[header.index("姓名")] = "备注"
    missing = xl.book([header, xl.standard_rows()[0]])
    with pytest.raises(ValidationFailed) as caught:
        ns.open_national_stream(missing, today=TODAY, parallel=True)
    assert any("缺少“姓名”列" in i.message for i in caught.value.issues)


def test_a_sheet_broken_half_way_fails_with_its_row_in_chinese(xl: Any, tmp_path: Path) -> None:
    good = xl.national(many_rows(xl, 60))
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                data = data[: data.index(b'<row r="50"') + 30]  # cut inside row 50, no </sheetData>
            target.writestr(item, data)
    for parallel in (False, True):
        with (
            ns.open_national_stream(broken, today=TODAY, parallel=parallel) as stream,
            pytest.raises(YuluError, match="第50行附近内容有误"),
        ):
            list(stream)


def test_a_bug_in_the_child_is_reported_not_hung(xl: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the child sends when something unexpected breaks, and what the parent makes of it."""
    path = xl.national(xl.standard_rows())

    def broken_scan(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(nat, "scan_national", broken_scan)
    receive, send = multiprocessing.Pipe(duplex=False)
    ns._child(send, str(path), None, TODAY, frozenset())
    message = receive.recv()
    assert message[0] == "crash" and "ZeroDivisionError" in message[1]
    with pytest.raises(ns.ChildProcessFailed, match=r"(?s)后台进程出错.*ZeroDivisionError"):
        ns._raise_for(message, path)


def test_a_child_that_dies_is_reported_in_chinese(xl: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        ns, "CHUNK_ROWS", 1
    )  # one row per message: the child cannot be done before it is killed
    path = xl.national(many_rows(xl, 400))
    stream = ns.open_national_stream(path, today=TODAY, parallel=True)
    with stream, pytest.raises(ns.ChildProcessFailed, match="意外退出"):
        for n, _item in enumerate(stream):
            if n == 0:
                os.kill(stream._process.pid, signal.SIGKILL)  # type: ignore[attr-defined]


def test_closing_early_stops_the_child(xl: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ns, "CHUNK_ROWS", 1)
    stream = ns.open_national_stream(xl.national(many_rows(xl, 400)), today=TODAY, parallel=True)
    process = stream._process  # type: ignore[attr-defined]
    with stream:
        next(iter(stream))
        assert process.is_alive()
        pid = process.pid
    assert not multiprocessing.active_children()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # stopped and reaped


def test_should_stop_is_asked_while_waiting_for_the_child(xl: Any) -> None:
    class Stop(Exception):
        pass

    def stop() -> None:
        raise Stop

    path = xl.national(xl.standard_rows())
    with pytest.raises(Stop):
        ns.open_national_stream(path, today=TODAY, parallel=True, should_stop=stop)
    assert not multiprocessing.active_children()


def test_a_frozen_build_reads_in_process_until_its_entry_point_is_ready(
    xl: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = xl.national(xl.standard_rows())
    monkeypatch.setattr(ns, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    with ns.open_national_stream(path, today=TODAY) as stream:
        assert isinstance(stream, ns._LocalStream)
    monkeypatch.setattr(ns, "FROZEN_ENTRY_POINT_READY", True)
    with ns.open_national_stream(path, today=TODAY, parallel=False) as stream:
        assert isinstance(stream, ns._LocalStream)
