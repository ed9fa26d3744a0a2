"""The records of the program as plain dataclasses (no I/O).

The store maps these classes onto tables (SQLAlchemy imperative mapping), so the same objects travel from the
database to services, printing and the UI. Identifiers are UUID strings made on the device, so that records
created offline on different laptops never collide.

Code-valued fields hold codes from :mod:`yulu_desktop.domain.codes`; money is in fen (分, 1/100 yuan) as
``int`` so that sums are exact.
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime


def new_id() -> str:
    """A new record id, made on the device and unique without coordination: a time-ordered UUID (version 7
    layout: 48 bits of Unix milliseconds, then 74 random bits).

    Ids made one after another sort together, so inserts append to the primary-key and foreign-key indexes
    instead of landing on random pages — at county scale that is the difference between seconds and minutes.
    """
    value = (time.time_ns() // 1_000_000) << 80 | int.from_bytes(os.urandom(10), "big")
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    return str(uuid.UUID(int=value))


@dataclass(kw_only=True, eq=False)
class OrgUnit:
    """An organisation unit — 县 / 乡镇 / 行政村 / 村民小组 — with its administrative code (GB/T 2260 and
    the statistical division codes below it)."""

    id: str = field(default_factory=new_id)
    code: str
    name: str
    level: str  # codes.ORG_LEVEL
    parent_id: str | None = None


@dataclass(kw_only=True, eq=False)
class Household:
    """户: a household registered in the monitoring system."""

    id: str = field(default_factory=new_id)
    household_no: str  # 户编号
    village_id: str
    group_name: str = ""  # 村民小组 / 自然村
    address: str = ""
    household_type: str = "tuopin"  # codes.HOUSEHOLD_TYPE
    monitoring_type: str | None = None  # codes.MONITORING_TYPE, for 监测户
    risk_causes: str = ""  # comma-separated codes.RISK_CAUSE codes, e.g. "01,03"
    risk_identified_on: date | None = None  # 风险识别时间
    risk_eliminated: bool = False  # 风险是否消除
    risk_eliminated_on: date | None = None  # 风险消除时间
    income_per_capita_fen: int | None = None  # 人均纯收入
    contact_phone: str = ""
    payee_name: str = ""  # 一卡通/一折通 holder
    payee_bank: str = ""
    payee_account: str = ""


@dataclass(kw_only=True, eq=False)
class Person:
    """人: a household member."""

    id: str = field(default_factory=new_id)
    household_id: str
    person_no: str | None = None  # 人员编号
    name: str
    id_number: str | None = None  # canonical 18-character 身份证号
    sex: str | None = None  # derived from the ID number when there is one
    birth_date: date | None = None  # derived from the ID number when there is one
    relationship: str = "99"  # codes.RELATIONSHIP
    ethnicity: str = ""
    education: str | None = None  # codes.EDUCATION
    student_status: str | None = None  # codes.STUDENT_STATUS
    health: str | None = None  # codes.HEALTH
    disability: str = ""  # 残疾类别/等级, free text
    skills: str | None = None  # codes.SKILL
    phone: str = ""
    status: str = "normal"  # codes.PERSON_STATUS
    # The national export's own text of descriptive fields whose value the code lists do not know (JSON object
    # field -> text, e.g. {"student_status": "在读（职高）"}); the coded field stays empty or mapped.
    raw_values: str = ""
    search_key: str = ""  # derived: name, pinyin and initials; local only, not synced


@dataclass(kw_only=True, eq=False)
class Enrollment:
    """A semester of schooling (学籍 record) of a student."""

    id: str = field(default_factory=new_id)
    person_id: str
    school_year: str  # "2025-2026"
    semester: str  # codes.SEMESTER
    school_name: str
    school_type: str  # codes.SCHOOL_TYPE
    major: str = ""
    length_years: int = 3  # 学制
    entry_date: date | None = None
    grade: str = ""  # 年级, e.g. "2025级" or "一年级"
    registry_no: str = ""  # 学籍号
    registry_status: str = "enrolled"  # codes.REGISTRY_STATUS
    # When the schooling ended (毕业, 退学, 休学, 转学); registry_status says how.
    ended_on: date | None = None


@dataclass(kw_only=True, eq=False)
class Intent:
    """意愿清单 entry: whether a child may go to a vocational school, and what they want."""

    id: str = field(default_factory=new_id)
    person_id: str
    wants_vocational: bool = True
    desired_school_type: str | None = None  # codes.SCHOOL_TYPE
    desired_school: str = ""
    desired_major: str = ""
    expected_year: int | None = None
    wants_employment_help: bool = False
    notes: str = ""
    recorded_on: date


@dataclass(kw_only=True, eq=False)
class Visit:
    """走访: a visit to a household (or a call), with what was promised and by when."""

    id: str = field(default_factory=new_id)
    household_id: str
    person_id: str | None = None
    visit_date: date
    visitor_name: str
    visitor_role: str  # codes.VISITOR_ROLE
    mode: str = "home"  # codes.VISIT_MODE
    purpose: str = "other"  # codes.VISIT_PURPOSE
    notes: str = ""
    problems: str = ""
    requests: str = ""
    follow_up: str = ""  # what was promised
    follow_up_due: date | None = None
    follow_up_done_on: date | None = None
    # Voided in error (作废): the entry stays, shown struck through, with who voided it, when and why.
    voided_on: date | None = None
    void_reason: str = ""
    voided_by: str = ""


@dataclass(kw_only=True, eq=False)
class Training:
    """A training course or a certificate (培训与证书)."""

    id: str = field(default_factory=new_id)
    person_id: str
    kind: str = "training"  # codes.TRAINING_KIND
    name: str
    provider: str = ""
    start_date: date | None = None
    end_date: date | None = None
    certificate_no: str = ""
    certificate_level: str = ""
    issued_on: date | None = None
    # Voided in error (作废): the entry stays, shown struck through, with who voided it, when and why.
    voided_on: date | None = None
    void_reason: str = ""
    voided_by: str = ""


@dataclass(kw_only=True, eq=False)
class EmploymentRecord:
    """One entry of a graduate's employment history (毕业生去向). Append-only: a change is a new record."""

    id: str = field(default_factory=new_id)
    person_id: str
    effective_date: date
    destination: str  # codes.DESTINATION
    employer: str = ""
    industry: str = ""
    job: str = ""
    place: str = ""
    channel: str | None = None  # codes.JOB_CHANNEL
    monthly_income_fen: int | None = None
    matches_major: bool | None = None
    change_reason: str = ""
    source: str = "visit"  # codes.EMPLOYMENT_SOURCE
    verified_by: str = ""
    recorded_at: datetime
    # Voided in error (作废): the entry stays, shown struck through, with who voided it, when and why.
    voided_on: date | None = None
    void_reason: str = ""
    voided_by: str = ""
    # Issue 16 (migration 0011).
    region: str | None = None  # codes.REGION
    referral_id: str | None = None  # the referral (job_referral) whose hire this entry records


@dataclass(kw_only=True, eq=False)
class SubsidySetting:
    """Subsidy amount per school year for a county and school type (never a constant in code)."""

    id: str = field(default_factory=new_id)
    county_code: str
    school_type: str  # codes.SCHOOL_TYPE
    annual_amount_fen: int
    effective_from: date


@dataclass(kw_only=True, eq=False)
class SubsidyApplication:
    """雨露计划补助申请: one per student per semester."""

    id: str = field(default_factory=new_id)
    person_id: str
    enrollment_id: str | None = None
    term: str  # "2025-autumn"
    amount_fen: int
    payee_name: str = ""
    payee_account: str = ""
    state: str = "applied"  # codes.SUBSIDY_STATE
    applied_on: date
    village_opinion: str = ""
    township_opinion: str = ""
    county_opinion: str = ""
    reason: str = ""  # why rejected, withdrawn or failed
    # Issue 15 (migration 0010): the subsidy cycle.
    rule_version: int | None = None  # the county rule (subsidy_rule.version) it was judged under
    other_aid: str = ""  # another aid the student receives for the same costs (checked against the rule)
    publicity_id: str | None = None  # the 公示 (subsidy_publicity) it was last put on
    returned_reason: str = ""  # why the township or county sent it back to the village (退回)
    joint_opinions: str = ""  # JSON object: department -> opinion (县审定 joint review, e.g. 教体局)
    payment_batch_id: str | None = None  # the payment batch it was last put in
    paid_on: date | None = None
    payment_failure: str = ""  # the bank's reason when a payment failed
    # Migration 0012: the day of 县审定 (None: not approved, or approved by a laptop of the release before).
    county_approved_on: date | None = None


@dataclass(kw_only=True, eq=False)
class Attachment:
    """A scan or photo belonging to a person (content-addressed: ``sha256`` names the bytes)."""

    id: str = field(default_factory=new_id)
    person_id: str
    kind: str = "other"  # codes.ATTACHMENT_KIND
    filename: str
    mime_type: str
    size: int
    sha256: str
    note: str = ""
    added_on: date
    #: When an image was downscaled for documents and the cadre asked to keep the original too: its hash.
    original_sha256: str | None = None


@dataclass(kw_only=True, eq=False)
class MembershipChange:
    """人口变动: one event of a member's life in the register (登记, 出生, 婚入/婚出, 分户, 迁出/迁入, 死亡, 注销).

    Kept as history (never overwritten): the person's household and status say where they are now, these rows
    say how they got there. The other household is named by id and in words (``from_place``/``to_place``),
    because it may be outside this laptop's jurisdiction.
    """

    id: str = field(default_factory=new_id)
    person_id: str
    kind: str  # codes.MEMBERSHIP_CHANGE
    happened_on: date
    from_household_id: str | None = None
    to_household_id: str | None = None
    from_place: str = ""  # e.g. "红岩村 5002291012010001户"
    to_place: str = ""
    note: str = ""
    recorded_by: str = ""


@dataclass(kw_only=True, eq=False)
class CadreAccount:
    """A cadre's account on this device and the org unit that is their jurisdiction (管辖范围)."""

    id: str = field(default_factory=new_id)
    username: str
    name: str
    role: str  # codes.CADRE_ROLE
    jurisdiction_id: str
    phone: str = ""


@dataclass(kw_only=True, eq=False)
class AuditEntry:
    """One line of the append-only audit log: who saw an unmasked value, printed or exported what, when."""

    id: int | None = None
    at: datetime
    actor: str
    action: str  # codes.AUDIT_ACTION
    entity: str = ""
    entity_id: str = ""
    detail: str = ""


@dataclass(kw_only=True, eq=False)
class SubsidyRule:
    """The county's subsidy rules from a date on, versioned: a new version is a new row, never an edit, so an
    application keeps the version it was judged under. List fields are JSON arrays (``domain.subsidy_rules``)."""

    id: str = field(default_factory=new_id)
    county_code: str
    version: int
    effective_from: date
    household_types: str  # JSON: codes.HOUSEHOLD_TYPE codes that qualify
    school_types: str  # JSON: codes.SCHOOL_TYPE codes that qualify
    registry_statuses: str  # JSON: codes.REGISTRY_STATUS codes that keep a student eligible
    exclusive_aids: str = "[]"  # JSON: names of aids that exclude this subsidy for the same student
    evidence: str  # JSON: [{"code", "label", "required"}] — the evidence checklist
    publicity_min_days: int = 5
    joint_reviewers: str = "[]"  # JSON: departments whose opinion the county approval needs
    payment_columns: str = "[]"  # JSON: column keys of the 一卡通 payment sheet, in order
    note: str = ""


@dataclass(kw_only=True, eq=False)
class SubsidyWindow:
    """The application window of a term in a county (申请时间): applications outside it are refused."""

    id: str = field(default_factory=new_id)
    county_code: str
    term: str  # "2025-autumn"
    opens_on: date
    closes_on: date


@dataclass(kw_only=True, eq=False)
class SubsidyEvidence:
    """One item of an application's evidence checklist: provided (with a scan) or missing."""

    id: str = field(default_factory=new_id)
    application_id: str
    kind: str  # the code of the rule's evidence item
    provided: bool = False
    attachment_id: str | None = None  # the scan, when there is one
    note: str = ""
    checked_by: str = ""
    checked_on: date | None = None


@dataclass(kw_only=True, eq=False)
class SubsidyPublicity:
    """A 公示 list of a village for a term, from ``starts_on`` to ``ends_on`` inclusive."""

    id: str = field(default_factory=new_id)
    village_id: str
    term: str
    starts_on: date
    ends_on: date
    posted_by: str = ""
    place: str = ""  # where it is posted (村务公开栏)
    note: str = ""


@dataclass(kw_only=True, eq=False)
class SubsidyObjection:
    """An objection (异议) raised against an application during its 公示: who, what, and the outcome."""

    id: str = field(default_factory=new_id)
    application_id: str
    publicity_id: str | None = None
    raised_on: date
    raised_by: str  # who objected (may be anonymous: "匿名")
    content: str
    outcome: str | None = None  # codes.OBJECTION_OUTCOME; None while open
    outcome_note: str = ""
    resolved_on: date | None = None
    recorded_by: str = ""


@dataclass(kw_only=True, eq=False)
class SubsidyPaymentBatch:
    """A payment batch of a term (发放批次), exported for the 一卡通 platform; the bank's result comes back."""

    id: str = field(default_factory=new_id)
    county_id: str  # the county's org unit
    term: str
    batch_no: str
    created_on: date
    created_by: str = ""
    item: str = "雨露计划补助"  # 补贴项目 on the sheet
    total_count: int = 0
    total_fen: int = 0
    exported_on: date | None = None
    result_imported_on: date | None = None


# --- employment (雨露计划+ 就业, issue 16, migration 0011) ------------------------------------------------------
# References outside a record's parent (a position's enterprise, a referral's position) are plain ids without a
# foreign key, as the subsidy cycle's are: each record syncs on its own, in its own scope.


@dataclass(kw_only=True, eq=False)
class School:
    """A vocational school the county works with (学校): county reference data, synced to every laptop."""

    id: str = field(default_factory=new_id)
    county_id: str  # the county's org unit
    name: str
    level: str  # codes.SCHOOL_LEVEL
    place: str = ""  # where it is (city, district)
    majors: str = "[]"  # JSON array of the majors it offers
    contact: str = ""  # contact person and phone, as written
    note: str = ""


@dataclass(kw_only=True, eq=False)
class Enterprise:
    """An employer (企业) the county places graduates with: county reference data."""

    id: str = field(default_factory=new_id)
    county_id: str
    name: str
    credit_code: str | None = None  # 统一社会信用代码 (GB 32100-2015), 18 characters
    industry: str  # codes.INDUSTRY
    place: str = ""
    region: str  # codes.REGION: where it is, seen from the county
    contact_name: str = ""
    contact_phone: str = ""
    pairing: str = "local"  # codes.PAIRING
    pairing_partner: str = ""  # the county, city or company that pairs with it (e.g. 浙江省宁波市)
    note: str = ""


@dataclass(kw_only=True, eq=False)
class EmploymentAgreement:
    """A 校企县 (county bureau, school, enterprises) or 校企 agreement: who, when, which majors, how many places."""

    id: str = field(default_factory=new_id)
    county_id: str
    kind: str  # codes.AGREEMENT_KIND
    title: str
    school_id: str | None = None
    enterprise_ids: str = "[]"  # JSON array of enterprise ids
    signed_on: date
    starts_on: date | None = None
    ends_on: date | None = None
    majors: str = "[]"  # JSON array
    places_per_year: int | None = None
    support: str = ""  # what is promised (订单培养, 实习补贴, 住宿)
    note: str = ""


@dataclass(kw_only=True, eq=False)
class JobPosition:
    """A job on offer (岗位), entered by the county or a township; visible to every laptop below that unit."""

    id: str = field(default_factory=new_id)
    unit_id: str  # the county or township that entered it
    enterprise_id: str
    title: str
    place: str = ""
    region: str  # codes.REGION
    pay_min_fen: int | None = None  # monthly pay range, in fen
    pay_max_fen: int | None = None
    majors: str = "[]"  # JSON array of majors wanted; empty: any major
    skill_level: str = "none"  # codes.SKILL_LEVEL: the lowest level wanted
    openings: int = 1
    posted_on: date
    deadline: date | None = None
    agreement_id: str | None = None
    fair_id: str | None = None
    note: str = ""


@dataclass(kw_only=True, eq=False)
class JobFair:
    """A 专场招聘 (job fair): when, where, which schools and enterprises took part."""

    id: str = field(default_factory=new_id)
    unit_id: str  # the county or township that holds it
    name: str
    held_on: date
    place: str = ""
    school_ids: str = "[]"  # JSON arrays of ids
    enterprise_ids: str = "[]"
    note: str = ""


@dataclass(kw_only=True, eq=False)
class FairInvitation:
    """A graduate or final-year student invited to a job fair, and whether they came."""

    id: str = field(default_factory=new_id)
    person_id: str
    fair_id: str
    invited_on: date
    attended: bool | None = None  # None: not yet known
    note: str = ""


@dataclass(kw_only=True, eq=False)
class JobReferral:
    """A referral (推荐) of a person to a position, and its outcome (面试, 录用, 未录用, 放弃)."""

    id: str = field(default_factory=new_id)
    person_id: str
    position_id: str
    fair_id: str | None = None  # the fair it was made at, if any
    referred_on: date
    referred_by: str = ""
    state: str = "referred"  # codes.REFERRAL_STATE
    outcome_on: date | None = None
    outcome_reason: str = ""  # why not hired, or why the person declined
    employment_record_id: str | None = None  # the employment entry a hire created
    note: str = ""


@dataclass(kw_only=True, eq=False)
class EmploymentFollowUp:
    """A follow-up (稳岗回访) of a job at 1, 3, 6 or 12 months after its start."""

    id: str = field(default_factory=new_id)
    person_id: str
    employment_record_id: str  # the job followed up
    due_month: int  # 1, 3, 6 or 12 (``domain.employment.FOLLOW_UP_MONTHS``)
    done_on: date
    mode: str = "phone"  # codes.VISIT_MODE
    still_employed: bool = True
    note: str = ""
    followed_by: str = ""


@dataclass(kw_only=True, eq=False)
class CareerPlan:
    """A career plan (职业规划) made with the household, and the job wishes (就业意愿) matching reads; a review
    is a new row, so the plan's history is kept. The latest row is the plan in force."""

    id: str = field(default_factory=new_id)
    person_id: str
    recorded_on: date
    stage: str = "in_school"  # codes.CAREER_STAGE
    goal: str = ""
    school_name: str = ""
    major: str = ""
    reason: str = ""  # why this school and major
    wanted_region: str | None = None  # codes.REGION
    wanted_income_fen: int | None = None  # the least monthly pay the family would accept
    wanted_industry: str | None = None  # codes.INDUSTRY
    recorded_by: str = ""
    visit_id: str | None = None  # the visit it was reviewed at


@dataclass(kw_only=True, eq=False)
class PolicyCampaign:
    """Policy publicity (政策宣传) at 入学前, 毕业前 or 招聘前, by a village, township or county."""

    id: str = field(default_factory=new_id)
    unit_id: str
    moment: str  # codes.CAMPAIGN_MOMENT
    held_on: date
    topic: str
    place: str = ""
    held_by: str = ""
    note: str = ""


@dataclass(kw_only=True, eq=False)
class CampaignReach:
    """A person reached by a policy campaign."""

    id: str = field(default_factory=new_id)
    person_id: str
    campaign_id: str
    note: str = ""


@dataclass(kw_only=True, eq=False)
class PlacementAction:
    """Why a graduate is not employed and the next action with its due date (未就业毕业生清单)."""

    id: str = field(default_factory=new_id)
    person_id: str
    recorded_on: date
    reason: str  # codes.UNEMPLOYMENT_REASON
    next_action: str
    due_on: date
    done_on: date | None = None
    recorded_by: str = ""
    note: str = ""


#: Entities whose changes are shared with the county server (journaled), by table name.
SHARED_ENTITIES: dict[str, type] = {
    "org_unit": OrgUnit,
    "household": Household,
    "person": Person,
    "enrollment": Enrollment,
    "intent": Intent,
    "visit": Visit,
    "training": Training,
    "employment_record": EmploymentRecord,
    "subsidy_setting": SubsidySetting,
    "subsidy_application": SubsidyApplication,
    "attachment": Attachment,
    "membership_change": MembershipChange,
    "subsidy_rule": SubsidyRule,
    "subsidy_window": SubsidyWindow,
    "subsidy_evidence": SubsidyEvidence,
    "subsidy_publicity": SubsidyPublicity,
    "subsidy_objection": SubsidyObjection,
    "subsidy_payment_batch": SubsidyPaymentBatch,
    "school": School,
    "enterprise": Enterprise,
    "employment_agreement": EmploymentAgreement,
    "job_position": JobPosition,
    "job_fair": JobFair,
    "fair_invitation": FairInvitation,
    "job_referral": JobReferral,
    "employment_follow_up": EmploymentFollowUp,
    "career_plan": CareerPlan,
    "policy_campaign": PolicyCampaign,
    "campaign_reach": CampaignReach,
    "placement_action": PlacementAction,
}
