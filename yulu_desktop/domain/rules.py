"""Validation of whole records: what a record must satisfy before it is saved.

Each ``*_issues`` function returns every problem it finds (errors and warnings) and never raises, so that an
edit form can show all messages next to their fields at once and an importer can report them per row.
``normalize_*`` functions fold input into canonical form (full-width digits, lower-case x, spaces) and fill the
fields that are derived (birth date and sex from the ID number).
"""

from __future__ import annotations

import functools
import re
from dataclasses import fields
from datetime import date

from yulu_desktop.domain import codes
from yulu_desktop.domain.entities import (
    EmploymentRecord,
    Enrollment,
    Household,
    Intent,
    Person,
    SubsidyApplication,
    Training,
    Visit,
)
from yulu_desktop.domain.errors import Issue, Severity
from yulu_desktop.domain.idcard import id_number_issues, normalize_id_number, parse_id_number
from yulu_desktop.domain.validation import (
    bank_account_issues,
    code_issues,
    date_not_before,
    date_not_in_future,
    mobile_issues,
    normalize_bank_account,
    normalize_mobile,
    required_issues,
)

#: Chinese names of fields, used in messages and as form labels.
FIELD_LABELS: dict[str, str] = {
    "household_no": "户编号",
    "village_id": "所属村",
    "group_name": "村民小组",
    "address": "住址",
    "household_type": "户类型",
    "monitoring_type": "监测对象类型",
    "risk_causes": "风险类型",
    "risk_identified_on": "风险识别时间",
    "risk_eliminated": "风险是否消除",
    "risk_eliminated_on": "风险消除时间",
    "income_per_capita_fen": "人均纯收入",
    "contact_phone": "联系电话",
    "payee_name": "收款人",
    "payee_bank": "开户行",
    "payee_account": "收款账号",
    "person_no": "人员编号",
    "name": "姓名",
    "id_number": "身份证号",
    "sex": "性别",
    "birth_date": "出生日期",
    "relationship": "与户主关系",
    "ethnicity": "民族",
    "education": "文化程度",
    "student_status": "在校生状况",
    "health": "健康状况",
    "disability": "残疾情况",
    "skills": "劳动技能",
    "phone": "手机号",
    "status": "人员状态",
    "school_year": "学年",
    "semester": "学期",
    "school_name": "学校名称",
    "school_type": "学校类型",
    "major": "专业",
    "length_years": "学制",
    "entry_date": "入学日期",
    "grade": "年级",
    "registry_no": "学籍号",
    "registry_status": "学籍状态",
    "wants_vocational": "有意愿就读职业院校",
    "desired_school_type": "意向学校类型",
    "desired_school": "意向学校",
    "desired_major": "意向专业",
    "expected_year": "预计入学年份",
    "wants_employment_help": "需要就业帮扶",
    "notes": "情况记录",
    "recorded_on": "登记日期",
    "visit_date": "走访日期",
    "visitor_name": "走访人",
    "visitor_role": "走访人身份",
    "mode": "走访方式",
    "purpose": "走访目的",
    "problems": "存在问题",
    "requests": "诉求",
    "follow_up": "承诺事项",
    "follow_up_due": "办结期限",
    "follow_up_done_on": "办结日期",
    "kind": "类别",
    "provider": "培训机构",
    "start_date": "开始日期",
    "end_date": "结束日期",
    "certificate_no": "证书编号",
    "certificate_level": "证书等级",
    "issued_on": "发证日期",
    "effective_date": "变更日期",
    "destination": "去向",
    "employer": "就业单位",
    "industry": "行业",
    "job": "岗位",
    "place": "就业地点",
    "channel": "就业渠道",
    "monthly_income_fen": "月收入",
    "matches_major": "专业对口",
    "change_reason": "变更原因",
    "source": "信息来源",
    "verified_by": "核实人",
    "term": "学期",
    "amount_fen": "补助金额",
    "state": "状态",
    "applied_on": "申请日期",
    "village_opinion": "村委会意见",
    "township_opinion": "乡镇审核意见",
    "county_opinion": "县级审定意见",
    "reason": "原因",
    "code": "编码",
    "level": "级别",
    "parent_id": "上级单位",
    "household_id": "所属户",
    "person_id": "人员",
    "enrollment_id": "学籍记录",
    "recorded_at": "记录时间",
    "county_code": "县编码",
    "annual_amount_fen": "年补助标准",
    "effective_from": "生效日期",
    "filename": "文件名",
    "mime_type": "文件类型",
    "size": "文件大小",
    "sha256": "文件校验值",
    "note": "备注",
    "added_on": "添加日期",
    "happened_on": "变动日期",
    "from_household_id": "原户",
    "to_household_id": "新户",
    "from_place": "迁出地",
    "to_place": "迁入地",
    "recorded_by": "登记人",
    "original_sha256": "原图校验值",
    "id": "记录编号",
    "voided_on": "作废日期",
    "void_reason": "作废原因",
    "voided_by": "作废人",
    "ended_on": "学籍结束日期",
    "raw_values": "原表填写内容",
    "search_key": "检索字",
    # the subsidy cycle (issue 15)
    "rule_version": "规则版本",
    "other_aid": "已享受的其他资助",
    "publicity_id": "公示",
    "returned_reason": "退回原因",
    "joint_opinions": "联审意见",
    "payment_batch_id": "发放批次",
    "paid_on": "发放日期",
    "county_approved_on": "县审定日期",
    "payment_failure": "发放失败原因",
    "version": "版本",
    "household_types": "可申请户类型",
    "school_types": "可申请学校类型",
    "registry_statuses": "可申请学籍状态",
    "exclusive_aids": "不能同时享受的资助",
    "evidence": "证明材料清单",
    "publicity_min_days": "公示天数",
    "joint_reviewers": "联审部门",
    "payment_columns": "发放表列",
    "opens_on": "申请开始日期",
    "closes_on": "申请截止日期",
    "application_id": "补助申请",
    "provided": "已提供",
    "attachment_id": "附件",
    "checked_by": "核对人",
    "checked_on": "核对日期",
    "starts_on": "公示开始日期",
    "ends_on": "公示结束日期",
    "posted_by": "公示人",
    "raised_on": "提出日期",
    "raised_by": "提出人",
    "content": "异议内容",
    "outcome": "处理结果",
    "outcome_note": "处理说明",
    "resolved_on": "处理日期",
    "county_id": "所属县",
    "batch_no": "批次号",
    "created_on": "建立日期",
    "created_by": "建立人",
    "item": "补贴项目",
    "total_count": "人数",
    "total_fen": "总金额",
    "exported_on": "导出日期",
    "result_imported_on": "结果导入日期",
    # employment (issue 16)
    "majors": "专业",
    "contact": "联系人",
    "credit_code": "统一社会信用代码",
    "region": "就业地域",
    "contact_name": "联系人",
    "pairing": "帮扶协作",
    "pairing_partner": "协作方",
    "title": "名称",
    "school_id": "学校",
    "enterprise_ids": "企业",
    "signed_on": "签订日期",
    "places_per_year": "每年岗位数",
    "support": "支持措施",
    "unit_id": "所属单位",
    "enterprise_id": "企业",
    "pay_min_fen": "月薪下限",
    "pay_max_fen": "月薪上限",
    "skill_level": "技能等级",
    "openings": "招聘人数",
    "posted_on": "发布日期",
    "deadline": "截止日期",
    "agreement_id": "合作协议",
    "fair_id": "招聘会",
    "held_on": "举办日期",
    "school_ids": "参加学校",
    "invited_on": "邀请日期",
    "attended": "是否到场",
    "position_id": "岗位",
    "referred_on": "推荐日期",
    "referred_by": "推荐人",
    "outcome_on": "结果日期",
    "outcome_reason": "原因",
    "employment_record_id": "就业记录",
    "due_month": "回访月份",
    "done_on": "完成日期",
    "still_employed": "是否在岗",
    "followed_by": "回访人",
    "stage": "规划阶段",
    "goal": "职业目标",
    "wanted_region": "意向地域",
    "wanted_income_fen": "期望月收入",
    "wanted_industry": "意向行业",
    "visit_id": "走访",
    "moment": "宣传时点",
    "topic": "宣传内容",
    "held_by": "宣传人",
    "campaign_id": "宣传活动",
    "next_action": "下一步措施",
    "due_on": "完成期限",
    "referral_id": "推荐",
}

#: The code list of every coded field, per shared table: what the record checks above use by attribute, as one
#: table for checks on plain values (the county server's and the pull's, ``sync.record_check``).
CODED_FIELDS: dict[str, dict[str, codes.CodeList]] = {
    "org_unit": {"level": codes.ORG_LEVEL},
    "household": {
        "household_type": codes.HOUSEHOLD_TYPE,
        "monitoring_type": codes.MONITORING_TYPE,
        "risk_causes": codes.RISK_CAUSE,
    },
    "person": {
        "relationship": codes.RELATIONSHIP,
        "sex": codes.SEX,
        "education": codes.EDUCATION,
        "student_status": codes.STUDENT_STATUS,
        "health": codes.HEALTH,
        "skills": codes.SKILL,
        "status": codes.PERSON_STATUS,
    },
    "enrollment": {
        "semester": codes.SEMESTER,
        "school_type": codes.SCHOOL_TYPE,
        "registry_status": codes.REGISTRY_STATUS,
    },
    "intent": {"desired_school_type": codes.SCHOOL_TYPE},
    "visit": {"visitor_role": codes.VISITOR_ROLE, "mode": codes.VISIT_MODE, "purpose": codes.VISIT_PURPOSE},
    "training": {"kind": codes.TRAINING_KIND},
    "employment_record": {
        "destination": codes.DESTINATION,
        "channel": codes.JOB_CHANNEL,
        "source": codes.EMPLOYMENT_SOURCE,
        "region": codes.REGION,
    },
    "subsidy_setting": {"school_type": codes.SCHOOL_TYPE},
    "subsidy_application": {"state": codes.SUBSIDY_STATE},
    "subsidy_objection": {"outcome": codes.OBJECTION_OUTCOME},
    "attachment": {"kind": codes.ATTACHMENT_KIND},
    "membership_change": {"kind": codes.MEMBERSHIP_CHANGE},
    "school": {"level": codes.SCHOOL_LEVEL},
    "enterprise": {"industry": codes.INDUSTRY, "region": codes.REGION, "pairing": codes.PAIRING},
    "employment_agreement": {"kind": codes.AGREEMENT_KIND},
    "job_position": {"region": codes.REGION, "skill_level": codes.SKILL_LEVEL},
    "job_referral": {"state": codes.REFERRAL_STATE},
    "employment_follow_up": {"mode": codes.VISIT_MODE},
    "career_plan": {
        "stage": codes.CAREER_STAGE,
        "wanted_region": codes.REGION,
        "wanted_industry": codes.INDUSTRY,
    },
    "policy_campaign": {"moment": codes.CAMPAIGN_MOMENT},
    "placement_action": {"reason": codes.UNEMPLOYMENT_REASON},
}

_SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")
_TERM = re.compile(r"^(\d{4})-(autumn|spring)$")


#: Where one field name means something else in one table (``name`` of a person is 姓名, of a unit 名称).
ENTITY_FIELD_LABELS: dict[tuple[str, str], str] = {
    ("org_unit", "name"): "名称",
    ("training", "name"): "培训项目",
    ("training", "kind"): "培训类别",
    ("attachment", "kind"): "附件类型",
    ("membership_change", "kind"): "变动类型",
    # employment (issue 16)
    ("school", "name"): "学校名称",
    ("school", "level"): "学校层次",
    ("school", "place"): "所在地",
    ("school", "majors"): "开设专业",
    ("school", "contact"): "联系人及电话",
    ("enterprise", "name"): "企业名称",
    ("enterprise", "place"): "所在地",
    ("employment_agreement", "kind"): "协议类型",
    ("employment_agreement", "title"): "协议名称",
    ("employment_agreement", "starts_on"): "开始日期",
    ("employment_agreement", "ends_on"): "结束日期",
    ("job_position", "title"): "岗位名称",
    ("job_position", "unit_id"): "发布单位",
    ("job_position", "place"): "工作地点",
    ("job_position", "majors"): "专业要求",
    ("job_fair", "name"): "招聘会名称",
    ("job_fair", "unit_id"): "举办单位",
    ("job_fair", "place"): "举办地点",
    ("job_fair", "enterprise_ids"): "参加企业",
    ("policy_campaign", "unit_id"): "开展单位",
    ("policy_campaign", "held_on"): "宣传日期",
    ("policy_campaign", "place"): "宣传地点",
    ("policy_campaign", "held_by"): "宣讲人",
    ("placement_action", "reason"): "未就业原因",
    ("job_referral", "outcome_reason"): "未录用或放弃原因",
}


@functools.cache
def label(field: str, entity: str = "") -> str:
    return ENTITY_FIELD_LABELS.get((entity, field)) or FIELD_LABELS.get(field, field)


def _issue(field: str, message: str, severity: Severity = Severity.ERROR) -> Issue:
    return Issue(field=field, message=message, severity=severity, label=label(field))


def _codes(codelist: codes.CodeList, value: str | None, field: str) -> list[Issue]:
    return code_issues(codelist, value, field, label(field))


def _required(value: object, field: str) -> list[Issue]:
    return required_issues(value, field, label(field))


def _not_future(value: date | None, today: date, field: str) -> list[Issue]:
    return date_not_in_future(value, today, field, label(field))


# --- households and people ----------------------------------------------------------------------------


def normalize_household(household: Household) -> None:
    household.household_no = household.household_no.strip()
    household.contact_phone = normalize_mobile(household.contact_phone) if household.contact_phone else ""
    household.payee_account = (
        normalize_bank_account(household.payee_account) if household.payee_account else ""
    )
    household.risk_causes = ",".join(c.strip() for c in household.risk_causes.split(",") if c.strip())


def household_issues(household: Household, *, today: date) -> list[Issue]:
    issues = _required(household.household_no, "household_no") + _required(household.village_id, "village_id")
    issues += _codes(codes.HOUSEHOLD_TYPE, household.household_type, "household_type")
    issues += _codes(codes.MONITORING_TYPE, household.monitoring_type, "monitoring_type")
    for cause in filter(None, household.risk_causes.split(",")):
        issues += _codes(codes.RISK_CAUSE, cause, "risk_causes")
    if household.household_type == "jiance" and not household.monitoring_type:
        issues.append(_issue("monitoring_type", "监测户必须填写监测对象类型"))
    if household.contact_phone:
        issues += mobile_issues(household.contact_phone, "contact_phone", label("contact_phone"))
    if household.payee_account:
        issues += bank_account_issues(household.payee_account, "payee_account", label("payee_account"))
    issues += _not_future(household.risk_identified_on, today, "risk_identified_on")
    issues += _not_future(household.risk_eliminated_on, today, "risk_eliminated_on")
    if household.risk_identified_on and household.risk_eliminated_on:
        issues += date_not_before(
            household.risk_eliminated_on,
            household.risk_identified_on,
            "risk_eliminated_on",
            label("risk_eliminated_on"),
            label("risk_identified_on"),
        )
    if household.risk_eliminated_on and not household.risk_eliminated:
        issues.append(_issue("risk_eliminated", "已填写风险消除时间，但“风险是否消除”为否"))
    if household.income_per_capita_fen is not None and household.income_per_capita_fen < 0:
        issues.append(_issue("income_per_capita_fen", "人均纯收入不能为负数"))
    return issues


def normalize_person(person: Person, *, today: date | None = None) -> None:
    """Canonical ID number, phone and name; birth date and sex derived from a valid ID number."""
    person.name = re.sub(r"\s+", "", person.name)
    if person.id_number:
        person.id_number = normalize_id_number(person.id_number) or None
    if person.id_number and not id_number_issues(person.id_number, today=today):
        parsed = parse_id_number(person.id_number, today=today)
        person.id_number = parsed.value
        person.birth_date = parsed.birth_date
        person.sex = parsed.sex
    if person.phone:
        person.phone = normalize_mobile(person.phone)
    if person.person_no is not None:
        person.person_no = person.person_no.strip() or None


def person_issues(person: Person, *, today: date) -> list[Issue]:
    issues = _required(person.name, "name") + _required(person.household_id, "household_id")
    if person.name and not re.fullmatch(r"[\u3400-\u9fff\u00b7·A-Za-z]{1,30}", person.name):
        issues.append(_issue("name", "姓名只能包含汉字、字母和间隔号“·”，最多 30 个字"))
    if person.id_number:
        issues += id_number_issues(person.id_number, "id_number", label("id_number"), today)
    issues += _codes(codes.RELATIONSHIP, person.relationship, "relationship")
    issues += _codes(codes.SEX, person.sex, "sex")
    issues += _codes(codes.EDUCATION, person.education, "education")
    issues += _codes(codes.STUDENT_STATUS, person.student_status, "student_status")
    issues += _codes(codes.HEALTH, person.health, "health")
    issues += _codes(codes.SKILL, person.skills, "skills")
    issues += _codes(codes.PERSON_STATUS, person.status, "status")
    if person.phone:
        issues += mobile_issues(person.phone, "phone", label("phone"))
    issues += _not_future(person.birth_date, today, "birth_date")
    return issues


# --- schooling, intent, visits, training, employment, subsidies ------------------------------------------


def enrollment_issues(enrollment: Enrollment, *, birth_date: date | None, today: date) -> list[Issue]:
    issues = _required(enrollment.school_name, "school_name")
    match = _SCHOOL_YEAR.match(enrollment.school_year)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        issues.append(_issue("school_year", f"学年“{enrollment.school_year}”格式应为“2025-2026”"))
    issues += _codes(codes.SEMESTER, enrollment.semester, "semester")
    issues += _codes(codes.SCHOOL_TYPE, enrollment.school_type, "school_type")
    issues += _codes(codes.REGISTRY_STATUS, enrollment.registry_status, "registry_status")
    if not 1 <= enrollment.length_years <= 6:
        issues.append(_issue("length_years", f"学制应为 1 到 6 年，当前为 {enrollment.length_years} 年"))
    issues += _not_future(enrollment.entry_date, today, "entry_date")
    if enrollment.entry_date and birth_date:
        issues += date_not_before(
            enrollment.entry_date, birth_date, "entry_date", label("entry_date"), label("birth_date")
        )
        age = (enrollment.entry_date - birth_date).days // 365
        if 0 <= age < 10:
            issues.append(_issue("entry_date", f"入学时年龄只有 {age} 岁，请核对入学日期和身份证号"))
    return issues


def intent_issues(intent: Intent, *, today: date) -> list[Issue]:
    issues = _codes(codes.SCHOOL_TYPE, intent.desired_school_type, "desired_school_type")
    issues += _not_future(intent.recorded_on, today, "recorded_on")
    if intent.expected_year is not None and not 2000 <= intent.expected_year <= today.year + 10:
        issues.append(_issue("expected_year", f"预计入学年份 {intent.expected_year} 不合理"))
    return issues


def visit_issues(visit: Visit, *, today: date) -> list[Issue]:
    issues = _required(visit.household_id, "household_id") + _required(visit.visitor_name, "visitor_name")
    issues += _codes(codes.VISITOR_ROLE, visit.visitor_role, "visitor_role")
    issues += _codes(codes.VISIT_MODE, visit.mode, "mode")
    issues += _codes(codes.VISIT_PURPOSE, visit.purpose, "purpose")
    issues += _not_future(visit.visit_date, today, "visit_date")
    if visit.follow_up_due and visit.follow_up_due < visit.visit_date:
        issues += date_not_before(
            visit.follow_up_due,
            visit.visit_date,
            "follow_up_due",
            label("follow_up_due"),
            label("visit_date"),
        )
    if visit.follow_up_due and not visit.follow_up.strip():
        issues.append(_issue("follow_up", "填写了办结期限，请同时写明承诺事项"))
    if visit.follow_up_done_on:
        issues += _not_future(visit.follow_up_done_on, today, "follow_up_done_on")
    return issues


def training_issues(training: Training, *, today: date) -> list[Issue]:
    issues = _required(training.name, "name") + _codes(codes.TRAINING_KIND, training.kind, "kind")
    issues += _not_future(training.start_date, today, "start_date")
    issues += _not_future(training.issued_on, today, "issued_on")
    if training.start_date and training.end_date:
        issues += date_not_before(
            training.end_date, training.start_date, "end_date", label("end_date"), label("start_date")
        )
    return issues


def employment_issues(record: EmploymentRecord, *, today: date) -> list[Issue]:
    issues = _codes(codes.DESTINATION, record.destination, "destination")
    issues += _codes(codes.JOB_CHANNEL, record.channel, "channel")
    issues += _codes(codes.EMPLOYMENT_SOURCE, record.source, "source")
    issues += _not_future(record.effective_date, today, "effective_date")
    if record.destination in {"employed", "self_employed"} and not record.employer.strip():
        issues.append(_issue("employer", "去向为就业或创业时，请填写就业单位（创业可填经营项目）"))
    if record.monthly_income_fen is not None and record.monthly_income_fen < 0:
        issues.append(_issue("monthly_income_fen", "月收入不能为负数"))
    return issues


def parse_term(term: str) -> tuple[int, str] | None:
    """``"2025-autumn"`` → ``(2025, "autumn")``; None if malformed."""
    match = _TERM.match(term)
    return (int(match.group(1)), match.group(2)) if match else None


def term_label(term: str) -> str:
    parsed = parse_term(term)
    if not parsed:
        return term
    year, semester = parsed
    return f"{year}年{codes.SEMESTER.label(semester)}"


def term_school_year(term: str) -> tuple[str, str] | None:
    """The school year and semester of a term: autumn 2025 and spring 2026 both belong to 2025-2026."""
    parsed = parse_term(term)
    if not parsed:
        return None
    year, semester = parsed
    start = year if semester == "autumn" else year - 1
    return f"{start}-{start + 1}", semester


def subsidy_issues(
    application: SubsidyApplication, *, enrollment: Enrollment | None, today: date
) -> list[Issue]:
    issues: list[Issue] = []
    if not parse_term(application.term):
        issues.append(_issue("term", f"学期“{application.term}”格式应为“2025-autumn”或“2026-spring”"))
    issues += _codes(codes.SUBSIDY_STATE, application.state, "state")
    if application.amount_fen <= 0:
        issues.append(_issue("amount_fen", "补助金额必须大于 0"))
    issues += _not_future(application.applied_on, today, "applied_on")
    if application.payee_account:
        issues += bank_account_issues(application.payee_account, "payee_account", label("payee_account"))
    else:
        issues.append(_issue("payee_account", "请填写收款账号（一卡通/一折通）", Severity.WARNING))
    if enrollment is None:
        issues.append(_issue("enrollment_id", "该学期没有学籍记录，不能申请补助"))
    else:
        if enrollment.school_type not in codes.SECONDARY_VOCATIONAL | codes.HIGHER_VOCATIONAL:
            issues.append(_issue("school_type", "只有中职、高职院校的学生可以申请雨露计划补助"))
        if enrollment.registry_status not in codes.ELIGIBLE_REGISTRY_STATUS:
            status = codes.REGISTRY_STATUS.label(enrollment.registry_status)
            issues.append(_issue("registry_status", f"学籍状态为“{status}”，不符合补助条件（须在籍在读）"))
    return issues


def changed_fields(before: object, after: object) -> list[str]:
    """Names of dataclass fields whose values differ between two records of one type."""
    return [f.name for f in fields(after) if getattr(before, f.name) != getattr(after, f.name)]  # type: ignore[arg-type]
