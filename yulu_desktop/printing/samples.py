"""Invented but realistic demo data for the printed documents (tests, the benchmark, docs/samples).

Places, schools and employers are the real ones named in DOMAIN.md; people are invented, and their ID numbers
use real address codes, valid birth dates and correct check characters. Bank accounts pass the Luhn check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid

from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.domain.validation import luhn_check_digit
from yulu_desktop.printing.model import (
    ApplicationFormData,
    AttachmentInfo,
    DossierData,
    EmploymentInfo,
    EnrollmentInfo,
    HouseholdInfo,
    MemberInfo,
    PublicityData,
    PublicityRow,
    RegisterColumn,
    RegisterData,
    RegisterKind,
    SubsidyInfo,
    TrainingInfo,
    VisitInfo,
)

CHENGKOU = "500229"  # 城口县
VILLAGE_PATH = "城口县 庙坝镇 红岩村"
GENERATED_AT = dt.datetime(2025, 9, 3, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
SCHOOL = "重庆三峡医药高等专科学校"
MAJOR = "口腔医学技术"
EMPLOYER = "重庆欣乐美义齿公司"

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗"
_GIVEN_F = ["小雨", "春燕", "梦瑶", "雪梅", "欣怡", "思琪", "佳慧", "丽娟", "晓琳", "紫涵"]
_GIVEN_M = ["浩然", "子轩", "志强", "俊杰", "明辉", "宇航", "建国", "文博", "天佑", "家豪"]
_GROUPS = ["一组", "二组", "三组", "四组", "五组", "六组"]


def _account(index: int) -> str:
    first18 = f"62170037{index:010d}"
    return first18 + luhn_check_digit(first18)


def _phone(index: int) -> str:
    return f"138{(23008000 + index * 7919) % 10**8:08d}"


def _name(index: int, female: bool) -> str:
    given = _GIVEN_F if female else _GIVEN_M
    return _SURNAMES[index % len(_SURNAMES)] + given[(index // len(_SURNAMES)) % len(given)]


def sample_photo() -> bytes:
    """A small JPEG standing in for an ID photo (a plain blue background with a silhouette)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (240, 320), (67, 142, 219))
    draw = ImageDraw.Draw(img)
    draw.ellipse((75, 50, 165, 150), fill=(235, 225, 215))
    draw.rounded_rectangle((40, 165, 200, 330), radius=50, fill=(40, 40, 48))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80)
    return out.getvalue()


def sample_dossier(
    index: int = 0,
    *,
    members: int = 4,
    semesters: int = 6,
    subsidies: int = 6,
    visits: int = 10,
    trainings: int = 2,
    jobs: int = 3,
    photo: bytes | None = None,
    record_version: str = "0001756866600000-0007-laptop-hy03",
) -> DossierData:
    """A student of 红岩村 three years into a 3-year 口腔医学技术 course, now working at a denture lab."""
    female = index % 2 == 0
    name = _name(index, female)
    surname = name[0]
    birth = dt.date(2004, 3, 1) + dt.timedelta(days=37 * (index % 300))
    id_number = make_id_number(CHENGKOU, birth, (index * 2 + (0 if female else 1)) % 1000)
    person_id = str(uuid.UUID(bytes=hashlib.md5(f"person-{index}".encode()).digest()))
    head = surname + "德明"
    account = _account(index)
    household = HouseholdInfo(
        household_no=f"5002291030{index:08d}",
        village_path=VILLAGE_PATH,
        address=f"重庆市城口县庙坝镇红岩村{_GROUPS[index % len(_GROUPS)]}{12 + index % 80}号",
        household_type="tuopin" if index % 3 else "jiance",
        monitoring_type=None if index % 3 else "unstable",
        risk_causes=("01", "09") if index % 2 else ("09",),
        head_name=head,
        payee_name=head,
        payee_account=account,
        payee_bank="重庆农村商业银行城口支行",
    )
    all_members = [
        MemberInfo(
            head,
            "01",
            "M",
            dt.date(1976, 5, 12),
            make_id_number(CHENGKOU, dt.date(1976, 5, 12), 31),
            "junior",
            "chronic",
            _phone(index + 1),
        ),
        MemberInfo(
            surname[0] + "秀英" if surname != "刘" else "陈秀英",
            "10",
            "F",
            dt.date(1978, 8, 3),
            make_id_number(CHENGKOU, dt.date(1978, 8, 3), 42),
            "primary",
            "healthy",
            _phone(index + 2),
        ),
        MemberInfo(
            name,
            "30" if female else "20",
            "F" if female else "M",
            birth,
            id_number,
            "college",
            "healthy",
            _phone(index),
        ),
        MemberInfo("何桂兰", "60", "F", dt.date(1949, 12, 31), "11010519491231002X", "none", "disabled"),
        MemberInfo(
            surname + "小宝",
            "20",
            "M",
            dt.date(2012, 6, 18),
            make_id_number(CHENGKOU, dt.date(2012, 6, 18), 55),
            "junior",
            "healthy",
        ),
    ]
    enrollments = []
    for k in range(semesters):
        year = 2022 + k // 2
        autumn = k % 2 == 0
        enrollments.append(
            EnrollmentInfo(
                school_year=f"{year}-{year + 1}",
                semester="autumn" if autumn else "spring",
                school=SCHOOL,
                school_type="dazhuan",
                major=MAJOR,
                length_years=3,
                entry_date=dt.date(2022, 9, 1),
                grade=["一年级", "二年级", "三年级"][min(k // 2, 2)],
                student_no=f"G{id_number}",
                registry_status="graduated" if k == 5 else "enrolled",
            )
        )
    subsidy_list = []
    for k in range(subsidies):
        year = 2022 + (k + 1) // 2
        term = f"{year}-{'autumn' if k % 2 == 0 else 'spring'}"
        last = k == subsidies - 1
        subsidy_list.append(
            SubsidyInfo(
                term=term,
                amount_yuan=1500,
                state="county_approved" if last else "paid",
                payee_name=head,
                village_opinion="情况属实，同意申报",
                township_opinion="经审核符合条件" if k != 2 else "已核实学籍，同意",
                county_opinion="同意",
                paid_date=None if last else dt.date(year, 11 if k % 2 == 0 else 5, 20),
            )
        )
    roles = ["resident_cadre", "first_secretary", "contact_person", "village_committee"]
    visit_list = []
    for k in range(visits):
        when = dt.date(2022, 7, 15) + dt.timedelta(days=109 * k)
        visit_list.append(
            VisitInfo(
                visit_date=when,
                visitor=["李明", "王芳", "赵建华", "陈晓东"][k % 4],
                visitor_role=roles[k % 4],
                mode=["home", "phone", "wechat", "home", "school"][k % 5],
                purpose=["intent", "student", "subsidy", "student", "employment"][k % 5],
                notes=f"{name}在校表现良好，本学期各科成绩合格，家庭收入主要来自父亲务工和种植烤烟。",
                problems="母亲务农收入不稳定，爷爷奶奶年迈需照顾。" if k % 3 == 0 else "",
                requests="希望毕业后能在重庆主城就业，了解校企合作岗位。" if k % 4 == 1 else "",
                follow_up="联系学校就业处推荐实习岗位" if k % 2 == 0 else "",
                follow_up_due=when + dt.timedelta(days=30) if k % 2 == 0 else None,
            )
        )
    training_list = [
        TrainingInfo(
            "training",
            "口腔修复工艺实训",
            "重庆三峡医药高等专科学校",
            dt.date(2024, 7, 8),
            dt.date(2024, 8, 9),
        ),
        TrainingInfo(
            "certificate",
            "口腔修复工（四级/中级工）",
            "重庆市职业技能鉴定指导中心",
            dt.date(2025, 5, 16),
            None,
            "职业技能等级证书",
            f"S0000500229{index:06d}4",
        ),
        TrainingInfo(
            "training",
            "电子商务直播带货培训",
            "城口县就业和人才服务中心",
            dt.date(2025, 1, 10),
            dt.date(2025, 1, 20),
        ),
    ][:trainings]
    job_list = [
        EmploymentInfo(
            dt.date(2025, 3, 1),
            "employed",
            EMPLOYER,
            "医疗器械制造",
            "义齿制作实习生",
            "重庆市渝北区",
            "school_enterprise",
            2800,
            True,
            "顶岗实习",
            "school",
            "李明",
        ),
        EmploymentInfo(
            dt.date(2025, 7, 1),
            "employed",
            EMPLOYER,
            "医疗器械制造",
            "义齿技师（烤瓷）",
            "重庆市渝北区",
            "school_enterprise",
            5000,
            True,
            "毕业转正",
            "visit",
            "王芳",
        ),
        EmploymentInfo(
            dt.date(2025, 8, 15),
            "employed",
            "重庆正大农牧食品有限公司",
            "农副食品加工",
            "质检员",
            "重庆市城口县",
            "job_fair",
            4200,
            False,
            "离家近，便于照顾老人",
            "phone",
            "赵建华",
        ),
    ][:jobs]
    attachments = (
        AttachmentInfo(
            "enrollment_proof",
            f"{name}_学籍证明_2024秋.pdf",
            hashlib.sha256(b"a" + name.encode()).hexdigest(),
            183_402,
        ),
        AttachmentInfo(
            "signed_form",
            f"{name}_补助申请表_2025秋_签字.jpg",
            hashlib.sha256(b"b" + name.encode()).hexdigest(),
            1_402_118,
        ),
        AttachmentInfo(
            "bank_card", "一卡通复印件.jpg", hashlib.sha256(b"c" + name.encode()).hexdigest(), 402_005
        ),
    )
    return DossierData(
        person_id=person_id,
        person_no=f"50022910300{index:07d}01",
        name=name,
        sex="F" if female else "M",
        birth_date=birth,
        id_number=id_number,
        phone=_phone(index),
        household=household,
        members=tuple(all_members[:members]),
        enrollments=tuple(enrollments),
        subsidies=tuple(subsidy_list),
        visits=tuple(visit_list),
        trainings=tuple(training_list),
        employment=tuple(job_list),
        attachments=attachments,
        record_version=record_version,
        printed_by="李明（驻村干部）",
        generated_at=GENERATED_AT,
        photo=photo,
    )


def sample_dossiers(count: int) -> list[DossierData]:
    return [sample_dossier(i) for i in range(count)]


def sample_application_form(index: int = 0, term: str = "2025-autumn") -> ApplicationFormData:
    d = sample_dossier(index)
    hh = d.household
    e = d.enrollments[0]
    return ApplicationFormData(
        person_id=d.person_id,
        record_version=d.record_version,
        student_name=d.name,
        sex=d.sex,
        birth_date=d.birth_date,
        id_number=d.id_number,
        phone=d.phone,
        county="城口县",
        township="庙坝镇",
        village="红岩村",
        household_no=hh.household_no,
        household_type=hh.household_type,
        monitoring_type=hh.monitoring_type,
        head_name=hh.head_name,
        relationship="30" if d.sex == "F" else "20",
        school=e.school,
        major=e.major,
        school_type=e.school_type,
        length_years=e.length_years,
        entry_date=e.entry_date,
        grade="二年级",
        student_no=e.student_no,
        term=term,
        amount_yuan=1500,
        payee_name=hh.payee_name,
        payee_account=hh.payee_account,
        payee_bank=hh.payee_bank,
        printed_by=d.printed_by,
        generated_at=GENERATED_AT,
    )


def sample_publicity(rows: int = 14) -> PublicityData:
    schools = [
        (SCHOOL, "dazhuan"),
        ("重庆三峡职业学院", "higher_vocational"),
        ("重庆工程职业学院", "higher_vocational"),
        ("重庆旅游职业学院", "higher_vocational"),
        ("城口县职业教育中心", "vocational_high"),
    ]
    out = []
    for i in range(rows):
        school, kind = schools[i % len(schools)]
        out.append(
            PublicityRow(
                name=_name(i, i % 2 == 0),
                group=_GROUPS[i % len(_GROUPS)],
                school=school,
                school_type=kind,
                grade=["一年级", "二年级", "三年级"][i % 3],
                amount_yuan=1500,
            )
        )
    return PublicityData(
        village_path=VILLAGE_PATH,
        term="2025-autumn",
        rows=tuple(out),
        notice_start=dt.date(2025, 9, 3),
        notice_end=dt.date(2025, 9, 9),
        office="红岩村村民委员会",
        contact_person="王芳",
        contact_phone="023-59221234",
        generated_at=GENERATED_AT,
        objection_office="庙坝镇人民政府乡村振兴办公室",
        objection_phone="023-59225678",
    )


def sample_register(kind: RegisterKind = "students", rows: int = 40) -> RegisterData:
    """A register as the service layer will hand it over: columns chosen per list, values already masked."""
    from yulu_desktop.domain.masking import mask_id_number, mask_phone

    people = [sample_dossier(i, visits=0, subsidies=0) for i in range(rows)]
    mm = RegisterColumn
    columns: tuple[RegisterColumn, ...]
    body: list[tuple[str, ...]]
    if kind == "intent":
        columns = (
            mm("序号", 12),
            mm("姓名", 20),
            mm("性别", 12),
            mm("身份证号", 42),
            mm("户编号", 38),
            mm("所在组", 16),
            mm("在校情况", 26),
            mm("意愿学校/专业", 60),
            mm("联系电话", 28),
            mm("走访人", 20),
        )
        body = [
            (
                str(i + 1),
                p.name,
                "女" if p.sex == "F" else "男",
                mask_id_number(p.id_number),
                p.household.household_no,
                _GROUPS[i % 6],
                "普通高中三年级",
                f"{SCHOOL} {MAJOR}" if i % 2 else "重庆三峡职业学院 电子商务技术",
                mask_phone(p.phone),
                "李明",
            )
            for i, p in enumerate(people)
        ]
        totals = f"合计：{rows} 人，其中有意愿就读中职 {rows // 3} 人、高职 {rows - rows // 3} 人"
    elif kind == "students":
        columns = (
            mm("序号", 12),
            mm("姓名", 20),
            mm("身份证号", 42),
            mm("户编号", 38),
            mm("学校", 50),
            mm("专业", 30),
            mm("学校类型", 20),
            mm("年级", 16),
            mm("学籍状态", 20),
            mm("本学期补助（元）", 24),
        )
        body = [
            (
                str(i + 1),
                p.name,
                mask_id_number(p.id_number),
                p.household.household_no,
                SCHOOL,
                MAJOR,
                "大专",
                ["一年级", "二年级", "三年级"][i % 3],
                "在籍在读",
                "1,500",
            )
            for i, p in enumerate(people)
        ]
        totals = f"合计：{rows} 人，补助金额 {rows * 1500:,} 元"
    else:
        columns = (
            mm("序号", 12),
            mm("姓名", 20),
            mm("身份证号", 42),
            mm("毕业学校及专业", 56),
            mm("去向", 18),
            mm("就业单位", 46),
            mm("岗位", 26),
            mm("月收入（元）", 22),
            mm("变动次数", 18),
        )
        body = [
            (
                str(i + 1),
                p.name,
                mask_id_number(p.id_number),
                f"{SCHOOL} {MAJOR}",
                "就业",
                EMPLOYER,
                "义齿技师",
                "5,000",
                "2",
            )
            for i, p in enumerate(people)
        ]
        totals = f"合计：{rows} 人，已就业 {rows} 人，平均月收入 5,000 元"
    return RegisterData(
        kind=kind,
        scope_name=VILLAGE_PATH,
        columns=columns,
        rows=tuple(body),
        totals=totals,
        printed_by="李明（驻村干部）",
        generated_at=GENERATED_AT,
    )


def render_samples(folder: str) -> list[str]:
    """Write every document of the demo data as PDF into ``folder`` and return the paths (docs/samples)."""
    from pathlib import Path

    from yulu_desktop.printing.application_form import render_application_form
    from yulu_desktop.printing.dossier import render_dossier
    from yulu_desktop.printing.publicity import render_publicity
    from yulu_desktop.printing.register import render_register

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    docs = {
        "dossier": render_dossier(sample_dossier(0, photo=sample_photo())),
        "application-form": render_application_form(sample_application_form(0)),
        "publicity": render_publicity(sample_publicity()),
        "register-intent": render_register(sample_register("intent")),
        "register-students": render_register(sample_register("students")),
        "register-graduates": render_register(sample_register("graduates")),
    }
    paths = []
    for name, pdf in docs.items():
        path = out / f"{name}.pdf"
        path.write_bytes(pdf)
        paths.append(str(path))
    return paths


if __name__ == "__main__":  # python -m yulu_desktop.printing.samples docs/samples
    import sys

    for p in render_samples(sys.argv[1] if len(sys.argv) > 1 else "docs/samples"):
        print(p)
