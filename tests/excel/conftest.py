"""Helpers for the Excel tests: real files made with openpyxl, valid ID numbers, crafted bad files."""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from yulu_desktop.domain.idcard import make_id_number

TODAY = dt.date(2025, 6, 1)

NATIONAL_HEADER = [
    "县", "乡", "行政村", "自然村", "户编号", "人编号", "姓名", "证件号码", "人数", "与户主关系", "民族",
    "文化程度", "在校生状况", "健康状况", "劳动技能", "务工时间（月）", "致贫原因", "人均纯收入", "联系电话",
    "户类型", "监测对象类型", "风险是否消除", "风险识别时间", "风险消除时间",
]  # fmt: skip


def person_id(year: int, seq: int, month: int = 3, day: int = 4) -> str:
    """A valid ID number of 城口县 (500229)."""
    return make_id_number("500229", dt.date(year, month, day), seq)


def national_row(**overrides: Any) -> list[Any]:
    """One row under NATIONAL_HEADER; keys are header names."""
    base: dict[str, Any] = {
        "县": "城口县",
        "乡": "庙坝镇",
        "行政村": "红岩村",
        "自然村": "一组",
        "户编号": "H001",
        "人编号": "P001",
        "姓名": "张三",
        "证件号码": person_id(1970, 11),
        "人数": 3,
        "与户主关系": "本人",
        "民族": "汉族",
        "文化程度": "初中",
        "在校生状况": "非在校生",
        "健康状况": "健康",
        "劳动技能": "普通劳动力",
        "务工时间（月）": 6,
        "致贫原因": "因病",
        "人均纯收入": 8765.43,
        "联系电话": "13800138000",
        "户类型": "监测户",
        "监测对象类型": "脱贫不稳定户",
        "风险是否消除": "否",
        "风险识别时间": dt.datetime(2023, 5, 1),
        "风险消除时间": None,
    }
    for key, value in overrides.items():
        assert key in base, key
        base[key] = value
    return [base[h] for h in NATIONAL_HEADER]


def household(no: str, *members: tuple[str, str, str, str]) -> list[list[Any]]:
    """Rows of one household: members are (人编号, 姓名, 证件号码, 与户主关系)."""
    return [
        national_row(户编号=no, 人编号=pno, 姓名=name, 证件号码=idn, 与户主关系=rel, 人数=len(members))
        for pno, name, idn, rel in members
    ]


def standard_rows() -> list[list[Any]]:
    """Two valid households, five people."""
    return household(
        "H001",
        ("P001", "张三", person_id(1970, 11), "本人"),
        ("P002", "李四", person_id(1972, 22), "配偶"),
        ("P003", "张小明", person_id(2006, 33), "子"),
    ) + household(
        "H002",
        ("P004", "王五", person_id(1965, 45), "01"),
        ("P005", "王丽", person_id(2007, 26), "30"),
    )


def write_book(path: Path, rows: Sequence[Sequence[Any]], *, text_columns: Sequence[int] = ()) -> Path:
    """An .xlsx with ``rows`` from A1; ``text_columns`` (1-based) get the 文本 format like a careful user's."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(list(row))
    for col in text_columns:
        for (cell,) in ws.iter_rows(min_col=col, max_col=col):
            cell.number_format = "@"
    wb.save(path)
    return path


def national_book(tmp_path: Path, rows: Sequence[Sequence[Any]], name: str = "national.xlsx") -> Path:
    return write_book(tmp_path / name, [["城口县防返贫监测对象信息表"], NATIONAL_HEADER, *rows])


# --- crafted OLE2 compound files ----------------------------------------------------------------------------

_FREESECT, _ENDOFCHAIN, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _dir_entry(name: str, kind: int, child: int = _NOSTREAM, right: int = _NOSTREAM) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    entry = encoded.ljust(64, b"\0")
    entry += struct.pack("<HBB", len(encoded), kind, 1)  # name size, type, colour black
    entry += struct.pack("<III", _NOSTREAM, right, child)  # left, right sibling, child
    entry += b"\0" * 16 + struct.pack("<I", 0) + b"\0" * 16  # clsid, state bits, times
    entry += struct.pack("<IQ", _ENDOFCHAIN, 0)  # start sector, size
    assert len(entry) == 128
    return entry


def ole2_file(stream_names: Sequence[str]) -> bytes:
    """A minimal compound file (what a password-protected .xlsx or a .doc is) with empty streams."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)  # minor, major version, byte order, sizes
    header += b"\0" * 6 + struct.pack("<I", 0)  # reserved, number of directory sectors (0 for v3)
    header += struct.pack("<I", 1)  # number of FAT sectors
    header += struct.pack("<I", 1)  # first directory sector
    header += struct.pack("<I", 0)  # transaction signature
    header += struct.pack("<I", 4096)  # mini stream cutoff
    header += struct.pack("<II", _ENDOFCHAIN, 0)  # first mini FAT sector, count
    header += struct.pack("<II", _ENDOFCHAIN, 0)  # first DIFAT sector, count
    header += struct.pack("<I", 0) + struct.pack("<I", _FREESECT) * 108  # DIFAT: FAT is sector 0
    assert len(header) == 512
    fat = struct.pack("<II", _FATSECT, _ENDOFCHAIN) + struct.pack("<I", _FREESECT) * 126
    entries = [_dir_entry("Root Entry", 5, child=1 if stream_names else _NOSTREAM)]
    for i, name in enumerate(stream_names, start=1):
        right = i + 1 if i < len(stream_names) else _NOSTREAM
        entries.append(_dir_entry(name, 2, right=right))
    directory = b"".join(entries).ljust(512, b"\0")
    return header + fat + directory


class ExcelKit:
    """The helpers above, for tests (they get it from the ``xl`` fixture; test modules do not import conftest)."""

    TODAY = TODAY
    NATIONAL_HEADER = NATIONAL_HEADER

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self._count = 0

    person_id = staticmethod(person_id)
    national_row = staticmethod(national_row)
    household = staticmethod(household)
    standard_rows = staticmethod(standard_rows)
    ole2_file = staticmethod(ole2_file)

    def path(self, name: str) -> Path:
        return self.tmp_path / name

    def book(self, rows: Sequence[Sequence[Any]], name: str | None = None) -> Path:
        self._count += 1
        return write_book(self.tmp_path / (name or f"book{self._count}.xlsx"), rows)

    def national(self, rows: Sequence[Sequence[Any]], name: str | None = None) -> Path:
        """A national export: a title row, the header on row 2, then ``rows`` from row 3."""
        self._count += 1
        return national_book(self.tmp_path, rows, name or f"national{self._count}.xlsx")


@pytest.fixture
def xl(tmp_path: Path) -> ExcelKit:
    return ExcelKit(tmp_path)
