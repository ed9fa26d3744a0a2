"""The rules of merging two records of one enterprise (合并企业): which record's values stand, which empty fields
the kept record takes from the dropped one, when two records must not be merged, and how an id list is
re-pointed.

Two county laptops that enter the same employer while apart make two records of it; sync brings both to every
laptop (``duplicate_enterprises``). The county keeps one and drops the other. Pure functions over plain values:
``services.enterprise_merge`` applies them in one write transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain.employment import normalize_credit_code
from yulu_desktop.domain.entities import Enterprise
from yulu_desktop.domain.errors import Issue

__all__ = [
    "MERGED_FIELDS",
    "FieldDifference",
    "MergePlan",
    "merge_plan",
    "merge_problems",
    "repointed",
    "shown_value",
]

#: The fields of an enterprise compared in a merge, in the order a report lists them. ``id`` and ``county_id``
#: are the record's own; everything else may be taken from the dropped record when the kept one has it empty.
MERGED_FIELDS: Final = (
    "name",
    "credit_code",
    "industry",
    "region",
    "place",
    "contact_name",
    "contact_phone",
    "pairing",
    "pairing_partner",
    "note",
)

#: Values that count as empty, per field, beside None and blank text: 本地企业 is the form's default pairing,
#: written when nobody chose one, so a pairing the dropped record names (东西部协作 …) is taken over it.
_EMPTY_DEFAULTS: Final[dict[str, str]] = {"pairing": "local"}

_CODE_LISTS: Final[dict[str, codes.CodeList]] = {
    "industry": codes.INDUSTRY,
    "region": codes.REGION,
    "pairing": codes.PAIRING,
}


@dataclass(frozen=True)
class FieldDifference:
    """A field both records have filled with different values: the kept record's value stands."""

    field: str
    label: str
    kept: str  # as shown (code labels, not codes)
    dropped: str


@dataclass(frozen=True)
class MergePlan:
    """What merging ``dropped`` into ``kept`` changes in the kept record."""

    #: field → value the kept record takes from the dropped one (it had the field empty).
    taken: dict[str, str]
    #: Fields both have filled and that differ (the kept value stands), in ``MERGED_FIELDS`` order.
    differences: tuple[FieldDifference, ...]

    def taken_labels(self) -> list[str]:
        """The Chinese names of the fields taken (联系人、联系电话)."""
        return [rules.label(f, "enterprise") for f in self.taken]


def _value(enterprise: Enterprise, field: str) -> str:
    value = getattr(enterprise, field)
    return value.strip() if isinstance(value, str) else ""


def _is_empty(enterprise: Enterprise, field: str) -> bool:
    value = _value(enterprise, field)
    return not value or value == _EMPTY_DEFAULTS.get(field)


def _normal(field: str, value: str) -> str:
    """A value as compared and stored: a credit code upper case without spaces."""
    return (normalize_credit_code(value) or "") if field == "credit_code" else value


def shown_value(field: str, value: str | None) -> str:
    """A field's value as a person reads it (the label of a code)."""
    if not value:
        return ""
    codelist = _CODE_LISTS.get(field)
    return codelist.label(value) if codelist is not None else value


def _issue(field: str, message: str, label: str = "") -> Issue:
    return Issue(field=field, message=message, label=label or rules.label(field, "enterprise"))


def merge_problems(kept: Enterprise, dropped: Enterprise) -> list[Issue]:
    """Why these two records must not be merged (errors, Chinese; empty when they may be):

    * they are one record;
    * they belong to different counties (each county keeps its own record of an employer it works with);
    * both have a 统一社会信用代码 and the codes differ: they are two companies, however alike their names.
    """
    if kept.id == dropped.id:
        return [_issue("id", "要合并的是同一条企业记录，请选择另一家企业", "企业")]
    issues: list[Issue] = []
    if kept.county_id != dropped.county_id:
        issues.append(_issue("county_id", "两家企业属于不同的县，不能合并（各县分别保存自己的企业记录）"))
    kept_code = normalize_credit_code(kept.credit_code)
    dropped_code = normalize_credit_code(dropped.credit_code)
    if kept_code and dropped_code and kept_code != dropped_code:
        issues.append(
            _issue(
                "credit_code",
                f"“{kept.name}”的统一社会信用代码是 {kept_code}，“{dropped.name}”的是 {dropped_code}，"
                "是两家不同的企业，不能合并",
            )
        )
    return issues


def merge_plan(kept: Enterprise, dropped: Enterprise) -> MergePlan:
    """The kept record takes every field it has empty and the dropped record has filled; a field both have
    filled stays as the kept record has it (a differing one is listed in ``differences``)."""
    taken: dict[str, str] = {}
    differences: list[FieldDifference] = []
    for field in MERGED_FIELDS:
        if _is_empty(dropped, field):
            continue
        theirs = _value(dropped, field)
        if _is_empty(kept, field):
            taken[field] = _normal(field, theirs)
            continue
        ours = _value(kept, field)
        if _normal(field, ours) != _normal(field, theirs):
            differences.append(
                FieldDifference(
                    field=field,
                    label=rules.label(field, "enterprise"),
                    kept=shown_value(field, ours),
                    dropped=shown_value(field, theirs),
                )
            )
    return MergePlan(taken=taken, differences=tuple(differences))


def repointed(ids: Sequence[str], dropped_id: str, kept_id: str) -> list[str] | None:
    """An id list (an agreement's or a fair's enterprises) with ``dropped_id`` replaced by ``kept_id`` in its
    place, each id once; None when the list does not name ``dropped_id`` (nothing to change)."""
    if dropped_id not in ids:
        return None
    result: list[str] = []
    for record_id in ids:
        new = kept_id if record_id == dropped_id else record_id
        if new not in result:
            result.append(new)
    return result
