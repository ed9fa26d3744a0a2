"""Plain input data of the printed documents (打印数据): what a caller hands to the renderers.

The renderers take these frozen dataclasses and return PDF bytes; they never read the database. The adapter
that fills them from the store lives above this layer (services).

Conventions, the same in every class:

* **Coded fields hold the stored code** of the list named in the field's comment (``domain.codes``), e.g.
  ``household_type="tuopin"``, ``relationship="20"``, ``semester="autumn"``. The renderers turn codes into
  Chinese labels with ``CodeList.label``; a value that is not a code is printed as it is, so a caller that
  only has a label is not stuck.
* **Sensitive values are passed in full** (ID numbers, phones, accounts, health). Each renderer decides what
  it may print: the dossier masks them (health only with ``health_shown``), the application form prints them
  in full only when not ``masked`` (the signed copy), the publicity list has no such fields at all. Register
  rows are the exception: they are plain strings that the caller has already masked, because the columns
  differ per list.
* **Masks that cannot be undone**: wherever an ID number is masked, the birth date is printed as its year and
  the 学籍号 masked (``domain.masking``), since either would give back the 8 hidden digits.
* Dates are ``datetime.date``; money is whole yuan (``int``); ``generated_at`` is the time printed in the
  footer and the PDF creation date, so the same data and the same ``generated_at`` give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

RegisterKind = Literal["intent", "students", "graduates"]

#: Titles of the three lists (三个清单).
REGISTER_TITLES: dict[str, str] = {
    "intent": "入读职业院校意愿清单",
    "students": "雨露计划在读学生清单",
    "graduates": "雨露计划毕业生就业去向清单",
}


@dataclass(frozen=True, slots=True)
class HouseholdInfo:
    """A household (户) as printed on a dossier."""

    household_no: str  # 户编号
    village_path: str  # "城口县 庙坝镇 红岩村"
    address: str
    household_type: str  # HOUSEHOLD_TYPE code
    monitoring_type: str | None  # MONITORING_TYPE code, None if not monitored
    risk_causes: tuple[str, ...]  # RISK_CAUSE codes
    head_name: str  # 户主
    payee_name: str  # 一卡通/一折通 holder
    payee_account: str  # full account number; masked on the dossier
    payee_bank: str = ""


@dataclass(frozen=True, slots=True)
class MemberInfo:
    """A member of the household (家庭成员)."""

    name: str
    relationship: str  # RELATIONSHIP code (与户主关系)
    sex: str  # SEX code
    birth_date: dt.date | None
    id_number: str  # full; masked on the dossier
    education: str  # EDUCATION code
    health: str  # HEALTH code; printed only if the dossier's ``health_shown``
    phone: str = ""  # full; masked on the dossier
    disability: str = ""  # 残疾类别/等级, free text; printed only if the dossier's ``health_shown``


@dataclass(frozen=True, slots=True)
class EnrollmentInfo:
    """One semester of schooling (学籍, per semester)."""

    school_year: str  # "2024-2025"
    semester: str  # SEMESTER code
    school: str
    school_type: str  # SCHOOL_TYPE code
    major: str
    length_years: int  # 学制
    entry_date: dt.date | None  # 入学时间 (may be unknown)
    grade: str  # "一年级"
    student_no: str  # 学籍号
    registry_status: str  # REGISTRY_STATUS code (学籍状态)


@dataclass(frozen=True, slots=True)
class SubsidyInfo:
    """One semester's subsidy (补助) and where it stands in the approval chain."""

    term: str  # "2025-autumn"
    amount_yuan: int
    state: str  # SUBSIDY_STATE code
    payee_name: str
    village_opinion: str = ""
    township_opinion: str = ""
    county_opinion: str = ""
    reason: str = ""  # why rejected / withdrawn / payment failed
    paid_date: dt.date | None = None
    county_approved_date: dt.date | None = None  # 县审定 (None: not yet, or not recorded by an older release)


@dataclass(frozen=True, slots=True)
class VisitInfo:
    """A visit (走访) to the person or the household."""

    visit_date: dt.date
    visitor: str
    visitor_role: str  # VISITOR_ROLE code
    mode: str  # VISIT_MODE code
    purpose: str  # VISIT_PURPOSE code
    notes: str = ""
    problems: str = ""
    requests: str = ""  # 诉求
    follow_up: str = ""  # 跟进措施
    follow_up_due: dt.date | None = None


@dataclass(frozen=True, slots=True)
class TrainingInfo:
    """A training course or a certificate (技能培训 / 职业资格证书)."""

    kind: str  # TRAINING_KIND code
    name: str
    provider: str
    start_date: dt.date | None  # a certificate may carry no date
    end_date: dt.date | None = None
    certificate_name: str = ""
    certificate_no: str = ""


@dataclass(frozen=True, slots=True)
class MembershipChangeInfo:
    """One 人口变动 of the person (出生, 婚入/婚出, 分户, 迁出/迁入, 死亡, …), oldest first."""

    happened_on: dt.date
    kind: str  # MEMBERSHIP_CHANGE code
    from_place: str = ""
    to_place: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class EmploymentInfo:
    """One change of the employment record (就业去向); the history is append-only, every change is printed."""

    effective_date: dt.date
    destination: str  # DESTINATION code
    employer: str
    industry: str
    job: str
    place: str
    channel: str  # JOB_CHANNEL code
    monthly_income_yuan: int | None
    matches_major: bool | None  # 专业对口
    change_reason: str
    source: str  # EMPLOYMENT_SOURCE code
    verified_by: str


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    """A file attached to the record; only listed, never embedded."""

    kind: str  # ATTACHMENT_KIND code
    filename: str
    sha256: str  # hex; the first 12 characters are printed
    size_bytes: int


@dataclass(frozen=True, slots=True)
class DossierData:
    """Everything a 一人一档 dossier prints for one person."""

    person_id: str  # uuid of the person
    person_no: str  # 人员编号
    name: str
    sex: str  # SEX code
    birth_date: dt.date | None
    id_number: str  # full; masked when printed
    phone: str  # full; masked when printed
    household: HouseholdInfo
    record_version: str  # version of the record printed (HLC or journal version), goes into the QR code
    printed_by: str
    generated_at: dt.datetime
    members: tuple[MemberInfo, ...] = ()
    enrollments: tuple[EnrollmentInfo, ...] = ()
    subsidies: tuple[SubsidyInfo, ...] = ()
    visits: tuple[VisitInfo, ...] = ()
    trainings: tuple[TrainingInfo, ...] = ()
    employment: tuple[EmploymentInfo, ...] = ()
    attachments: tuple[AttachmentInfo, ...] = ()
    membership_changes: tuple[MembershipChangeInfo, ...] = ()  # 人口变动
    photo: bytes | None = field(default=None, repr=False)  # JPEG or PNG
    #: Print 健康状况 and 残疾情况 of the members (special-category data: only for a role that may see them).
    health_shown: bool = False


@dataclass(frozen=True, slots=True)
class ApplicationFormData:
    """A 雨露计划补助申请表 for one student and one term.

    The signed copy (``masked=False``) prints the ID number, phone and account in full on purpose; a masked
    copy prints them masked, the birth date as its year and the 学籍号 masked."""

    person_id: str
    record_version: str
    student_name: str
    sex: str  # SEX code
    birth_date: dt.date | None
    id_number: str  # full
    phone: str  # full; the applicant's contact
    county: str
    township: str
    village: str
    household_no: str
    household_type: str  # HOUSEHOLD_TYPE code
    monitoring_type: str | None  # MONITORING_TYPE code
    head_name: str
    relationship: str  # RELATIONSHIP code of the student to the head
    school: str
    major: str
    school_type: str  # SCHOOL_TYPE code
    length_years: int
    entry_date: dt.date | None
    grade: str
    student_no: str  # 学籍号
    term: str  # "2025-autumn"
    amount_yuan: int
    payee_name: str
    payee_account: str  # full
    payee_bank: str
    printed_by: str
    generated_at: dt.datetime
    masked: bool = False


@dataclass(frozen=True, slots=True)
class PublicityRow:
    """One line of a 公示 list. It has no field for ID, phone, account or health: they cannot be printed."""

    name: str
    group: str  # 村民小组, e.g. "三组"
    school: str
    school_type: str  # SCHOOL_TYPE code
    grade: str
    amount_yuan: int


@dataclass(frozen=True, slots=True)
class PublicityData:
    """A 公示 list of proposed subsidies for one village and term."""

    village_path: str  # "城口县 庙坝镇 红岩村"
    term: str
    rows: tuple[PublicityRow, ...]
    notice_start: dt.date
    notice_end: dt.date  # at least 5 days including both ends
    office: str  # who publishes, e.g. "红岩村村民委员会"
    contact_person: str  # where to object
    contact_phone: str  # an office phone (landline); a personal mobile number is refused
    generated_at: dt.datetime
    objection_office: str = ""  # the township office that also takes objections, optional
    objection_phone: str = ""


@dataclass(frozen=True, slots=True)
class RegisterColumn:
    header: str
    width_mm: float


@dataclass(frozen=True, slots=True)
class RegisterData:
    """One of the three lists as a landscape table. Rows are strings, already masked by the caller."""

    kind: RegisterKind
    scope_name: str  # "城口县 庙坝镇 红岩村" or a township
    columns: tuple[RegisterColumn, ...]
    rows: tuple[tuple[str, ...], ...]
    totals: str  # printed under the table, e.g. "合计：12 人"
    printed_by: str
    generated_at: dt.datetime
    #: 填报人 under the table (the cadre's profile name, else ``printed_by``) and their phone.
    filled_by: str = ""
    filled_by_phone: str = ""

    @property
    def title(self) -> str:
        return REGISTER_TITLES[self.kind]
