"""The person window's header: name, sex, age, masked ID, place, household and the present situation.

The situation is the current job, or else the schooling as the 学籍 records tell it (``domain.schooling``: the
semester it refers to, a past semester never closed said as such) — the same words the basic-info tab shows
next to 在校生状况, so the two never silently disagree."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from yulu_desktop.domain import codes, schooling
from yulu_desktop.domain.masking import mask_id_number
from yulu_desktop.services.person_file import PersonFile


def age_on(birth_date: date, today: date) -> int:
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


class PersonHeader(QLabel):
    """Two lines of rich text above the tabs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("正在读取…"))
        self.setObjectName("personHeader")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)

    def show_file(self, person_file: PersonFile) -> None:
        p, h = person_file.person, person_file.household
        age = self.tr("{0}岁").format(age_on(p.birth_date, date.today())) if p.birth_date else ""
        now = person_file.current_employment
        situation = ""
        if now is not None:
            situation = f"{codes.DESTINATION.label(now.destination)} {now.employer}".strip()
        elif person_file.enrollments:
            situation = self.tr("学籍：{0}").format(
                schooling.situation(person_file.enrollments, date.today()).text
            )
        self.setText(
            f"<span style='font-size:15pt; font-weight:bold'>{p.name}</span>&nbsp;&nbsp;"
            f"{codes.SEX.label(p.sex)} {age}&nbsp;&nbsp;{mask_id_number(p.id_number)}<br>"
            f"{person_file.place} · {self.tr('户编号')} {h.household_no} · "
            f"{codes.HOUSEHOLD_TYPE.label(h.household_type)}" + (f" · {situation}" if situation else "")
        )
