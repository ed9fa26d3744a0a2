"""A county's subsidy rules as data (issue 15, ``domain.subsidy_rules``): parsing, checking, the version in force,
eligibility and the evidence checklist."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

import pytest

from yulu_desktop.domain import codes
from yulu_desktop.domain.entities import SubsidyRule
from yulu_desktop.domain.subsidy_rules import (
    DEFAULT_EVIDENCE,
    DEFAULT_PAYMENT_COLUMNS,
    DEFAULT_RULE,
    PAYMENT_COLUMNS,
    EvidenceItem,
    RuleSet,
    eligibility_problems,
    missing_evidence,
    rule_in_force,
    rule_problems,
    rule_set,
)

RULE = RuleSet(
    version=2,
    effective_from=date(2025, 3, 1),
    household_types=frozenset({"tuopin"}),
    school_types=frozenset({"zhongzhuan", "dazhuan"}),
    registry_statuses=frozenset({"enrolled"}),
    exclusive_aids=("重庆市高校家庭经济困难学生学费资助",),
    evidence=(
        EvidenceItem("id_card", "身份证复印件"),
        EvidenceItem("registry_proof", "学籍证明"),
        EvidenceItem("photo", "生活照", required=False),
    ),
    publicity_min_days=7,
    joint_reviewers=("教体局", "财政局"),
    payment_columns=("seq", "name", "id_number", "account", "amount", "village"),
    note="2025 年起只补脱贫户",
)


def _row(**values: Any) -> SubsidyRule:
    row = RULE.to_row("500229")
    for name, value in values.items():
        setattr(row, name, value)
    return row


def test_a_rule_survives_its_row() -> None:
    row = RULE.to_row("500229")
    assert row.county_code == "500229" and row.version == 2
    assert json.loads(row.household_types) == ["tuopin"]
    assert json.loads(row.evidence)[2] == {"code": "photo", "label": "生活照", "required": False}
    assert "教体局" in row.joint_reviewers  # stored readable, not \\u-escaped
    parsed = rule_set(row)
    assert parsed == RULE
    assert parsed.id == row.id  # the id does not take part in equality
    assert rule_set(DEFAULT_RULE.to_row("500229")) == DEFAULT_RULE


def test_an_empty_payment_column_list_means_the_default_columns() -> None:
    assert rule_set(_row(payment_columns="[]")).payment_columns == DEFAULT_PAYMENT_COLUMNS
    assert rule_set(_row(payment_columns="")).payment_columns == DEFAULT_PAYMENT_COLUMNS


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"household_types": "not json"}, "户类型不是有效的列表"),
        ({"school_types": '{"a": 1}'}, "学校类型不是有效的列表"),
        ({"registry_statuses": "3"}, "学籍状态不是有效的列表"),
        ({"exclusive_aids": "["}, "互斥资助不是有效的列表"),
        ({"joint_reviewers": "null"}, "联审部门不是有效的列表"),
        ({"payment_columns": "{}"}, "发放表列不是有效的列表"),
        ({"evidence": '["id_card"]'}, "每一项须有代码和名称"),
        ({"evidence": '[{"code": "id_card"}]'}, "每一项须有代码和名称"),
        ({"evidence": '[{"label": "身份证"}]'}, "每一项须有代码和名称"),
    ],
)
def test_a_malformed_row_is_refused_in_chinese(values: dict[str, Any], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        rule_set(_row(**values))


def test_evidence_is_required_unless_it_says_otherwise() -> None:
    parsed = rule_set(
        _row(evidence='[{"code": "a", "label": "甲"}, {"code": "b", "label": "乙", "required": false}]')
    )
    assert parsed.evidence == (EvidenceItem("a", "甲"), EvidenceItem("b", "乙", required=False))
    assert parsed.required_evidence == (EvidenceItem("a", "甲"),)


def test_evidence_labels() -> None:
    assert RULE.evidence_label("registry_proof") == "学籍证明"
    assert RULE.evidence_label("unknown") == "unknown"
    assert RULE.required_evidence == RULE.evidence[:2]


def test_the_default_rule() -> None:
    assert DEFAULT_RULE.version == 0
    assert DEFAULT_RULE.household_types == {"tuopin", "jiance"}
    assert DEFAULT_RULE.school_types == set(codes.SCHOOL_TYPE.labels)
    assert DEFAULT_RULE.registry_statuses == codes.ELIGIBLE_REGISTRY_STATUS
    assert DEFAULT_RULE.evidence == DEFAULT_EVIDENCE and DEFAULT_RULE.publicity_min_days == 5
    assert DEFAULT_RULE.joint_reviewers == () and DEFAULT_RULE.exclusive_aids == ()
    assert rule_problems(dataclasses.replace(DEFAULT_RULE, version=1)) == []
    assert set(DEFAULT_PAYMENT_COLUMNS) <= set(PAYMENT_COLUMNS)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, []),
        ({"version": 0}, ["规则版本须从 1 开始"]),
        ({"household_types": frozenset()}, ["至少选择一种可申请的户类型"]),
        ({"household_types": frozenset({"tuopin", "rich"})}, ["未知的户类型“rich”"]),
        ({"school_types": frozenset()}, ["至少选择一种可申请的学校类型"]),
        ({"school_types": frozenset({"university"})}, ["未知的学校类型“university”"]),
        ({"registry_statuses": frozenset()}, ["至少选择一种可申请的学籍状态"]),
        ({"registry_statuses": frozenset({"enrolled", "asleep"})}, ["未知的学籍状态“asleep”"]),
        (
            {"evidence": (EvidenceItem("id_card", "身份证"), EvidenceItem("id_card", "身份证正反面"))},
            ["证明材料“身份证正反面”重复"],
        ),
        (
            {"evidence": (EvidenceItem("x" * 21, "很长"),)},
            [f"证明材料代码“{'x' * 21}”过长（最多 20 个字符）"],
        ),
        ({"evidence": ()}, []),  # a county may ask for nothing
        ({"publicity_min_days": 0}, ["公示天数须在 1 到 60 天之间"]),
        ({"publicity_min_days": 61}, ["公示天数须在 1 到 60 天之间"]),
        ({"publicity_min_days": 60}, []),
        ({"payment_columns": ("seq", "id_number", "account", "amount", "bank")}, ["未知的发放表列“bank”"]),
        ({"payment_columns": ("name", "amount")}, ["发放表须有“身份证号”列", "发放表须有“账号”列"]),
    ],
)
def test_rule_problems(change: dict[str, Any], expected: list[str]) -> None:
    assert rule_problems(dataclasses.replace(RULE, **change)) == expected


def test_several_problems_are_all_reported() -> None:
    bad = dataclasses.replace(RULE, version=0, household_types=frozenset(), publicity_min_days=0)
    assert len(rule_problems(bad)) == 3


def _version(version: int, effective_from: date) -> RuleSet:
    return dataclasses.replace(RULE, version=version, effective_from=effective_from)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2024, 12, 31), 0),  # before any version: the default rule
        (date(2025, 1, 1), 1),
        (date(2025, 8, 31), 1),
        (date(2025, 9, 1), 3),  # two versions from the same day: the higher one
        (date(2030, 1, 1), 3),
    ],
)
def test_the_rule_in_force(on: date, expected: int) -> None:
    rules = [_version(3, date(2025, 9, 1)), _version(1, date(2025, 1, 1)), _version(2, date(2025, 9, 1))]
    assert rule_in_force(rules, on).version == expected
    assert rule_in_force([], on) is DEFAULT_RULE


ELIGIBLE: dict[str, Any] = {
    "household_type": "tuopin",
    "school_type": "zhongzhuan",
    "registry_status": "enrolled",
}


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({}, []),
        ({"household_type": "jiance"}, ["户类型为“监测户”，本县规定脱贫户的子女才能申请"]),
        ({"household_type": "yiban"}, ["一般户"]),
        ({"household_type": None}, ["户类型为“未填写”"]),
        ({"school_type": "technical_school"}, ["学校类型“技工院校”不在本县补助范围内"]),
        ({"school_type": None}, ["学校类型“未填写”"]),
        ({"registry_status": "dropped"}, ["学籍状态为“退学”，不符合补助条件（须在籍在读）"]),
        ({"registry_status": "suspended"}, ["休学"]),
        ({"registry_status": None}, ["学籍状态为“未填写”"]),
        ({"other_aid": "重庆市高校家庭经济困难学生学费资助"}, ["已享受“重庆市高校家庭经济困难学生学费资助”"]),
        ({"other_aid": "  学费资助 "}, ["已享受“学费资助”"]),  # part of the excluded aid's name
        ({"other_aid": "国家助学金"}, []),
        ({"other_aid": "   "}, []),
        ({"has_enrollment": False, "school_type": None}, ["没有该学期的在读记录"]),
        (
            {"has_enrollment": False, "household_type": "yiban"},
            ["一般户", "没有该学期的在读记录"],
        ),
        ({"household_type": "yiban", "registry_status": "dropped"}, ["一般户", "退学"]),
    ],
)
def test_eligibility(change: dict[str, Any], words: list[str]) -> None:
    problems = eligibility_problems(RULE, **{**ELIGIBLE, **change})
    assert len(problems) == len(words), problems
    for problem, word in zip(problems, words, strict=True):
        assert word in problem


def test_the_default_rule_takes_monitored_households_and_every_school_type() -> None:
    for school_type in codes.SCHOOL_TYPE.labels:
        assert (
            eligibility_problems(
                DEFAULT_RULE, **{**ELIGIBLE, "household_type": "jiance", "school_type": school_type}
            )
            == []
        )


@pytest.mark.parametrize(
    ("provided", "missing"),
    [
        ([], ["id_card", "registry_proof"]),
        (["id_card"], ["registry_proof"]),
        (["photo", "registry_proof", "id_card"], []),
        (["id_card", "registry_proof"], []),  # the optional photo is not required
        (["unknown"], ["id_card", "registry_proof"]),
    ],
)
def test_missing_evidence(provided: list[str], missing: list[str]) -> None:
    assert [e.code for e in missing_evidence(RULE, provided)] == missing
