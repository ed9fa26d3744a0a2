"""The 公示 list of one ``subsidy_publicity`` (issue 15): the applications a village put on notice for a term,
with the notice period the village set, where it is posted, and how to object.

Like :mod:`yulu_desktop.printing.publicity` (whose layout this follows), it never shows ID numbers, phone
numbers, bank accounts or health: the row type has no field for them, and every printed string is checked
before rendering, so a number pasted into a name or school field is refused, not printed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import Flowable

from yulu_desktop.printing.layout import Section, esc, fmt_datetime
from yulu_desktop.printing.model import PublicityRow
from yulu_desktop.printing.publicity import (
    PublicityRefused,
    check_public_texts,
    publicity_intro,
    publicity_page,
    publicity_pdf,
    publicity_stamp,
    row_texts,
)
from yulu_desktop.printing.reference import fingerprint

__all__ = ["SubsidyPublicityPrint", "check_subsidy_publicity", "render_subsidy_publicity"]


@dataclass(frozen=True, slots=True)
class SubsidyPublicityPrint:
    """One 公示 as printed. ``rows`` are :class:`~yulu_desktop.printing.model.PublicityRow` (no sensitive field)."""

    village_path: str  # "城口县 庙坝镇 红岩村"
    village_name: str
    term: str
    starts_on: dt.date
    ends_on: dt.date
    rows: tuple[PublicityRow, ...]
    generated_at: dt.datetime
    place: str = ""  # where it is posted (村务公开栏)
    office: str = ""  # who publishes; default the village committee
    posted_by: str = ""
    reference: str = ""  # the publicity's id, for the footer

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def publisher(self) -> str:
        """Who publishes: ``office``, else the village committee."""
        return self.office or f"{self.village_name}村民委员会"


def check_subsidy_publicity(data: SubsidyPublicityPrint) -> None:
    """Raise :class:`~yulu_desktop.printing.publicity.PublicityRefused` unless ``data`` may be posted."""
    if data.ends_on < data.starts_on:
        raise PublicityRefused("公示结束日期早于开始日期")
    if not data.rows:
        raise PublicityRefused("这次公示没有补助申请，无法打印公示名单")
    check_public_texts(
        [
            ("村名", data.village_path),
            ("张贴地点", data.place),
            ("公示单位", data.office),
            *row_texts(data.rows),
        ]
    )


def subsidy_publicity_story(data: SubsidyPublicityPrint) -> list[Flowable]:
    intro = publicity_intro(
        village_path=data.village_path,
        term=data.term,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        object_to=f"{esc(data.publisher)}或乡镇人民政府",
        place=data.place,
    )
    return publicity_page(
        village_path=data.village_path,
        term=data.term,
        # This 公示 goes on to the township: say so, as the village committee's notices do.
        intro=intro + "公示期满无异议（或异议经核实不成立）的，报乡镇审核。",
        rows=data.rows,
        office=data.publisher,
        signed_on=data.starts_on,
    )


def subsidy_publicity_section(data: SubsidyPublicityPrint) -> Section:
    check_subsidy_publicity(data)
    reference = f"　公示编号 {data.reference[:8]}" if data.reference else ""
    footer = f"生成时间 {fmt_datetime(data.generated_at)}{reference}　数据指纹 {fingerprint(data)}"
    return Section(
        publicity_stamp(data.village_path, data.term, footer), lambda: subsidy_publicity_story(data)
    )


def render_subsidy_publicity(data: SubsidyPublicityPrint) -> bytes:
    """The 公示 list as PDF bytes; ``PublicityRefused`` for data that must not be posted."""
    return publicity_pdf(
        subsidy_publicity_section(data),
        village_path=data.village_path,
        term=data.term,
        generated_at=data.generated_at,
    )
