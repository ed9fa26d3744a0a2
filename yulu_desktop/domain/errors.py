"""Errors a person will read, and the validation issues they carry.

Every message is written for a cadre, in Chinese, and says what is wrong and where.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in one field.

    ``field`` is the attribute name (e.g. ``id_number``); ``label`` is its Chinese name (e.g. 身份证号) so that a
    message can say where the problem is without the caller knowing the mapping. ``row`` is set by importers.
    """

    field: str
    message: str
    severity: Severity = Severity.ERROR
    label: str = ""
    row: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"第{self.row}行")
        if self.label:
            where.append(self.label)
        prefix = "，".join(where)
        return f"{prefix}：{self.message}" if prefix else self.message


class YuluError(Exception):
    """An error with a message meant for the user (Chinese). Never shown as a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def text(self) -> str:
        return self.message


class ValidationFailed(YuluError):
    """Input was refused; ``issues`` lists every problem (errors and warnings)."""

    def __init__(self, issues: Iterable[Issue]) -> None:
        self.issues = list(issues)
        errors = [i for i in self.issues if i.is_error]
        shown = errors or self.issues
        super().__init__("；".join(i.text() for i in shown) or "输入有误")

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]


class NotFound(YuluError):
    """The record asked for does not exist (or is outside the user's jurisdiction)."""


def raise_if_errors(issues: Iterable[Issue]) -> list[Issue]:
    """Raise ``ValidationFailed`` if any issue is an error; otherwise return the warnings."""
    issues = list(issues)
    if any(i.is_error for i in issues):
        raise ValidationFailed(issues)
    return issues
