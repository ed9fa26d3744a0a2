"""Code lists of the program (DOMAIN.md), each declared once: stored code → Chinese label.

Stored values are the national codes where they exist (relationship 01/10/…, risk 01/02/…) and short ASCII
codes otherwise, so that data does not change when a label is reworded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class CodeList:
    """A closed list of codes with Chinese labels; ``name`` is the Chinese name of the list."""

    name: str
    labels: Mapping[str, str]

    def label(self, code: str | None) -> str:
        if code is None or code == "":
            return ""
        return self.labels.get(code, code)

    def code_for(self, text: str) -> str | None:
        """Map a code or a label (as found in spreadsheets) to the code; None if it is neither."""
        text = text.strip()
        if text in self.labels:
            return text
        for code, label in self.labels.items():
            if label == text:
                return code
        return None

    def __contains__(self, code: object) -> bool:
        return code in self.labels

    def problem(self, code: str | None) -> str | None:
        """A Chinese message if ``code`` is not in this list (None and '' are allowed: the field is empty)."""
        if code is None or code == "" or code in self.labels:
            return None
        # Numbered national codes are shown with their labels ("01 本人"); internal codes never are.
        choices = "、".join(f"{c} {lbl}" if c.isdigit() else lbl for c, lbl in self.labels.items())
        return f"“{code}”不是有效的{self.name}，可选：{choices}"


def _codes(name: str, pairs: dict[str, str]) -> CodeList:
    return CodeList(name, MappingProxyType(pairs))


ORG_LEVEL = _codes("行政级别", {"county": "县", "township": "乡镇", "village": "行政村", "group": "村民小组"})

HOUSEHOLD_TYPE = _codes("户类型", {"tuopin": "脱贫户", "jiance": "监测户", "yiban": "一般户"})

MONITORING_TYPE = _codes(
    "监测对象类型",
    {"unstable": "脱贫不稳定户", "marginal": "边缘易致贫户", "sudden": "突发严重困难户"},
)

RISK_CAUSE = _codes(
    "风险/致贫原因",
    {
        "01": "因病",
        "02": "因自然灾害",
        "03": "因残",
        "04": "因缺劳动力",
        "05": "因意外事故",
        "06": "因产业失败",
        "07": "因务工就业不稳",
        "09": "因学",
        "99": "其他",
    },
)

RELATIONSHIP = _codes(
    "与户主关系",
    {
        "01": "本人",
        "10": "配偶",
        "20": "子",
        "30": "女",
        "40": "孙辈",
        "50": "父母",
        "60": "祖父母",
        "70": "兄弟姐妹",
        "99": "其他",
    },
)

SEX = _codes("性别", {"M": "男", "F": "女"})

EDUCATION = _codes(
    "文化程度",
    {
        "none": "文盲或半文盲",
        "primary": "小学",
        "junior": "初中",
        "senior": "高中",
        "secondary_vocational": "中职",
        "college": "大专",
        "bachelor": "本科及以上",
        "preschool": "学龄前儿童",
    },
)

STUDENT_STATUS = _codes(
    "在校生状况",
    {
        "not_student": "非在校生",
        "primary": "小学",
        "junior": "七年级至九年级",
        "senior": "普通高中",
        "secondary_vocational": "中职",
        "higher_vocational": "高职",
        "undergraduate": "本科及以上",
        "preschool": "学前教育",
    },
)

HEALTH = _codes(
    "健康状况",
    {"healthy": "健康", "chronic": "长期慢性病", "serious": "患有大病", "disabled": "残疾"},
)

SKILL = _codes(
    "劳动技能",
    {
        "ordinary": "普通劳动力",
        "skilled": "技能劳动力",
        "weak": "弱劳动力或半劳动力",
        "none": "丧失劳动力",
        "no": "无劳动力",
    },
)

PERSON_STATUS = _codes(
    "人员状态", {"normal": "正常", "moved_out": "迁出", "deceased": "死亡", "cancelled": "注销"}
)

#: 人口变动: what happened to a household member (the history of ``membership_change``).
MEMBERSHIP_CHANGE = _codes(
    "人口变动类型",
    {
        "register": "登记",
        "birth": "出生",
        "marry_in": "婚入",
        "marry_out": "婚出",
        "split": "分户",
        "move_out": "迁出",
        "move_in": "迁入",
        "death": "死亡",
        "cancel": "注销",
    },
)

SCHOOL_TYPE = _codes(
    "学校类型",
    {
        "zhongzhuan": "普通中专",
        "adult_zhongzhuan": "成人中专",
        "vocational_high": "职业高中",
        "technical_school": "技工院校",
        "dazhuan": "大专",
        "higher_vocational": "高职院校",
        "technician_college": "技师学院",
    },
)

#: School types of 中职 and 高职 (DOMAIN.md: eligible school types).
SECONDARY_VOCATIONAL = frozenset({"zhongzhuan", "adult_zhongzhuan", "vocational_high", "technical_school"})
HIGHER_VOCATIONAL = frozenset({"dazhuan", "higher_vocational", "technician_college"})

SEMESTER = _codes("学期", {"autumn": "秋季学期", "spring": "春季学期"})

REGISTRY_STATUS = _codes(
    "学籍状态",
    {
        "enrolled": "在籍在读",
        "suspended": "休学",
        "reserved": "保留学籍",
        "dropped": "退学",
        "graduated": "毕业",
        "transferred": "转学",
    },
)

#: 学籍状态 values that keep a student eligible for the subsidy.
ELIGIBLE_REGISTRY_STATUS = frozenset({"enrolled"})

VISIT_MODE = _codes(
    "走访方式",
    {"home": "入户走访", "phone": "电话", "wechat": "微信", "meeting": "集中座谈", "school": "到校走访"},
)

VISITOR_ROLE = _codes(
    "走访人身份",
    {
        "resident_cadre": "驻村干部",
        "first_secretary": "第一书记",
        "village_committee": "村两委",
        "contact_person": "帮扶联系人",
        "township_staff": "乡镇干部",
        "county_staff": "县级干部",
    },
)

VISIT_PURPOSE = _codes(
    "走访目的",
    {
        "intent": "了解就读意愿",
        "student": "在读情况核实",
        "employment": "就业情况跟踪",
        "subsidy": "补助申请",
        "policy": "政策宣传",
        "other": "其他",
    },
)

DESTINATION = _codes(
    "毕业去向",
    {
        "employed": "就业",
        "self_employed": "自主创业",
        "further_study": "升学",
        "military": "参军",
        "seeking": "待业求职",
        "not_seeking": "暂不就业",
        # Issue 16 (migration 0011): the destinations counties commonly record besides the above.
        "flexible": "灵活就业",
        "public_welfare": "公益性岗位",
    },
)

JOB_CHANNEL = _codes(
    "就业渠道",
    {
        "school_enterprise": "校企合作",
        "job_fair": "专场招聘",
        "referral": "亲友介绍",
        "self": "自主求职",
        "public_service": "公共就业服务",
        "other": "其他",
    },
)

EMPLOYMENT_SOURCE = _codes(
    "信息来源", {"visit": "走访", "phone": "电话核实", "school": "学校反馈", "self_report": "本人申报"}
)

TRAINING_KIND = _codes("培训类别", {"training": "技能培训", "certificate": "职业资格证书"})

SUBSIDY_STATE = _codes(
    "补助状态",
    {
        "draft": "草稿",
        "applied": "已申请",
        "village_reviewed": "村委会初审",
        "publicized": "村内公示",
        "township_reviewed": "乡镇审核",
        "county_approved": "县审定",
        "announced": "公告",
        "in_payment": "发放中",
        "paid": "已发放",
        "payment_failed": "发放失败",
        "account_fixed": "账户已更正",
        "returned": "已退回",
        "rejected": "未通过",
        "withdrawn": "已撤回",
    },
)

#: The approval chain in order (the steps and who takes them: ``domain.subsidy_cycle``).
SUBSIDY_CHAIN = (
    "draft",
    "applied",
    "village_reviewed",
    "publicized",
    "township_reviewed",
    "county_approved",
    "announced",
    "in_payment",
    "paid",
)

#: Outcome of an objection (异议) raised during a 公示.
OBJECTION_OUTCOME = _codes("异议处理结果", {"upheld": "异议成立", "dismissed": "异议不成立"})

ATTACHMENT_KIND = _codes(
    "附件类型",
    {
        "enrollment_proof": "学籍证明",
        "bank_card": "一卡通/一折通",
        "signed_form": "签字申请表",
        "photo": "照片",
        "id_card": "身份证",
        "other": "其他",
    },
)

CADRE_ROLE = _codes(
    "账号角色",
    {"village": "村级干部", "township": "乡镇工作人员", "county": "县级管理员"},
)

AUDIT_ACTION = _codes(
    "审计动作",
    {
        "view_unmasked": "查看完整信息",
        "print": "打印",
        "export": "导出",
        "import": "导入",
        "local_users": "本机用户变更",
        "backup": "备份",
        "restore": "从备份恢复",
        "merge": "合并重复记录",
    },
)


# --- employment (雨露计划+ 就业, issue 16) -------------------------------------------------------------------

#: Destinations counted as employed (就业) in the employment rate.
EMPLOYED_DESTINATIONS = frozenset({"employed", "self_employed", "flexible", "public_welfare"})
#: Destinations counted as placed (去向落实): employed, or gone on to study or the army.
PLACED_DESTINATIONS = EMPLOYED_DESTINATIONS | {"further_study", "military"}

SCHOOL_LEVEL = _codes("学校层次", {"secondary": "中职", "higher": "高职", "technical": "技工"})

INDUSTRY = _codes(
    "行业",
    {
        "agriculture": "农林牧渔业",
        "manufacturing": "制造业",
        "construction": "建筑业",
        "transport": "交通运输、仓储和邮政业",
        "it": "信息技术服务业",
        "trade": "批发和零售业",
        "hospitality": "住宿和餐饮业",
        "health": "卫生和社会工作",
        "education": "教育",
        "services": "居民服务和其他服务业",
        "other": "其他行业",
    },
)

#: Where a job is, seen from the county (本地/省内/省外).
REGION = _codes("就业地域", {"county": "县内", "province": "省内县外", "outside": "省外"})

#: How an enterprise is paired with the county.
PAIRING = _codes(
    "帮扶协作",
    {"east_west": "东西部协作", "assigned": "定点帮扶", "wanqi": "万企兴万村", "local": "本地企业"},
)

AGREEMENT_KIND = _codes("协议类型", {"tripartite": "校企县三方协议", "school_enterprise": "校企合作协议"})

#: 职业技能等级, lowest first: matching compares positions in this order (``domain.employment.skill_rank``).
SKILL_LEVEL = _codes(
    "技能等级",
    {
        "none": "无要求",
        "level5": "初级工（五级）",
        "level4": "中级工（四级）",
        "level3": "高级工（三级）",
        "level2": "技师（二级）",
        "level1": "高级技师（一级）",
    },
)

REFERRAL_STATE = _codes(
    "推荐状态",
    {"referred": "已推荐", "interview": "面试", "hired": "录用", "not_hired": "未录用", "declined": "放弃"},
)

CAREER_STAGE = _codes(
    "规划阶段", {"before_school": "入学前", "in_school": "在校期间", "before_graduation": "毕业前"}
)

CAMPAIGN_MOMENT = _codes(
    "宣传时点",
    {"before_entry": "中考和入学前", "before_graduation": "毕业前", "before_recruitment": "招聘前"},
)

UNEMPLOYMENT_REASON = _codes(
    "未就业原因",
    {
        "seeking": "正在求职",
        "training": "参加培训",
        "waiting": "等待升学或入伍",
        "family": "照顾家庭",
        "health": "身体原因",
        "unwilling": "暂无就业意愿",
        "other": "其他",
    },
)
