"""Follow-ups (稳岗回访), job fair invitations (招聘会邀请) and policy campaigns (政策宣传) with the people they
reached to and from Excel (issue 16), with the habits of the other employment sheets
(``services.employment_sheets``): Chinese columns, the export is the import template, an import is all or nothing
with every problem at its Excel row and column, an export is audited ``export`` and an import ``import``. Every
role records these one by one (follow-ups and invitations belong to the person, a campaign to the unit that ran
it), so every role imports them.

- **稳岗回访** (``EmploymentFollowUp``): the person by ID number (the name, when given, must be theirs), the job by
  its start date (上岗日期; the employer tells two jobs started the same day apart), the month (1, 3, 6 or 12), the
  date, the mode (label or code) and whether the person is still at work. Matched by person, job and month (a job
  has one follow-up a month); a stored follow-up's date, mode and result are updated. The refusals are ``placement.record_follow_up``'s
  (``follow_up_job_problem``, ``follow_up_issues``): a voided entry or one that is not a job, a month outside
  1, 3, 6, 12, a date after today or before the start, a second follow-up of the same month.
- **招聘会邀请** (``FairInvitation``): the fair by name (举办日期 chooses between fairs of one name), the person by ID
  number, the day invited and whether they came (到场 / 未到场 / blank for not known). Matched by fair and person,
  as ``placement.invite`` invites a person once.

- **政策宣传** (``PolicyCampaign``): date, moment (label or code), topic, place, who ran it. Matched by date and
  topic, and by place when several stored campaigns share both; a new one belongs to this laptop's unit. Checked
  as ``employment_reference.save_campaign`` checks one (``domain.employment.campaign_issues``), and, as there, a
  row that would change a campaign of a unit outside this laptop's jurisdiction (its township's, on a village
  laptop) is refused (``domain.jurisdiction``).
- **宣传对象** (``CampaignReach``): the campaign by date and topic, the person by ID number. Matched by campaign
  and person, as ``placement.reach`` records a person once.

The sheets with people mask ID numbers unless the role may export them in full and gives a reason; a masked
number cannot be imported back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from yulu_desktop.domain import codes, employment
from yulu_desktop.domain.access import Permission
from yulu_desktop.domain.entities import (
    CampaignReach,
    EmploymentFollowUp,
    EmploymentRecord,
    FairInvitation,
    JobFair,
    PolicyCampaign,
    new_id,
)
from yulu_desktop.excel import cells
from yulu_desktop.excel.writer import Column
from yulu_desktop.services import acting, placement
from yulu_desktop.services import employment_reference as ref
from yulu_desktop.services.employment_sheets import (
    ImportResult,
    Once,
    Plan,
    Row,
    Sheet,
    export_sheet,
    inside_jurisdiction,
    name_key,
    one_at_place,
    person_of,
    run_import,
)
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

__all__ = [
    "FOLLOW_UP_KINDS",
    "ImportResult",
    "export_follow_up_kind",
    "follow_up_kind_table",
    "import_follow_up_kind",
]

FOLLOW_UP_KINDS: Final = ("follow_up", "invitation", "campaign", "reach")

_PERSON_COLUMNS: Final = (
    Column("name", "姓名", 10),
    Column("id_number", "身份证号", 20, kind="id", required=True, aliases=("证件号码", "公民身份号码")),
    Column("village", "村", 12, aliases=("行政村",)),
)

_SHEETS: Final[dict[str, Sheet]] = {
    "follow_up": Sheet(
        "稳岗回访表",
        "稳岗回访",
        EmploymentFollowUp,
        "employment_follow_up",
        (
            *_PERSON_COLUMNS,
            Column("employer", "就业单位", 28, aliases=("单位", "企业")),
            Column("job", "岗位", 14),
            Column("started_on", "上岗日期", 12, kind="date", required=True, aliases=("就业日期",)),
            Column("month", "回访月份", 10, kind="int", required=True, aliases=("回访", "第几个月")),
            Column("done_on", "回访日期", 12, kind="date", required=True),
            Column("mode", "回访方式", 10, kind="code", codes=codes.VISIT_MODE, aliases=("方式",)),
            Column("still_employed", "是否在岗", 10, kind="bool", required=True, aliases=("仍在岗", "在岗")),
            Column("followed_by", "回访人", 10),
            Column("note", "备注", 30, aliases=("回访情况",)),
        ),
        {"due_month": "month", "employment_record_id": "started_on"},
    ),
    "invitation": Sheet(
        "招聘会邀请表",
        "招聘会邀请",
        FairInvitation,
        "fair_invitation",
        (
            Column("fair", "招聘会", 30, required=True, aliases=("招聘会名称",)),
            Column("held_on", "举办日期", 12, kind="date"),
            *_PERSON_COLUMNS,
            Column("invited_on", "邀请日期", 12, kind="date"),
            Column("attended", "是否到场", 10, aliases=("到场",)),
            Column("note", "备注", 24),
        ),
    ),
    "campaign": Sheet(
        "政策宣传表",
        "政策宣传",
        PolicyCampaign,
        "policy_campaign",
        (
            Column("held_on", "宣传日期", 12, kind="date", required=True, aliases=("日期",)),
            Column(
                "moment",
                "时点",
                14,
                kind="code",
                codes=codes.CAMPAIGN_MOMENT,
                required=True,
                aliases=("宣传时点",),
            ),
            Column("topic", "主题", 30, required=True, aliases=("宣传内容",)),
            Column("place", "地点", 20, aliases=("宣传地点",)),
            Column("held_by", "宣传人", 12),
            Column("note", "备注", 24),
        ),
    ),
    "reach": Sheet(
        "宣传对象表",
        "宣传对象",
        CampaignReach,
        "campaign_reach",
        (
            Column("held_on", "宣传日期", 12, kind="date", required=True, aliases=("日期",)),
            Column("topic", "主题", 30, required=True, aliases=("宣传内容",)),
            *_PERSON_COLUMNS,
            Column("note", "备注", 24),
        ),
    ),
}

#: 是否到场 as exported (the 招聘会 page's words); an import also takes 是/否 and the like.
_ATTENDED: Final = {True: "到场", False: "未到场"}
_ATTENDED_WORDS: Final = {"到场": True, "已到场": True, "未到场": False, "缺席": False, "未登记": None}
_MONTH: Final = re.compile(r"^第?\s*(\d{1,2})\s*(个月|月)?$")


def _sheet(kind: str) -> Sheet:
    if kind not in _SHEETS:
        raise ValueError(f"unknown kind {kind!r}; one of {FOLLOW_UP_KINDS}")
    return _SHEETS[kind]


def follow_up_kind_table(kind: str) -> str:
    """The table of a kind (what the audit log names)."""
    return _sheet(kind).table


# --- export ---------------------------------------------------------------------------------------------------


def _people(session: Session) -> dict[str, tuple[str, str, str]]:
    """person id → (name, ID number, village) of the people on this laptop."""
    p, h, v = schema.person, schema.household, schema.org_unit
    query = (
        select(p.c.id, p.c.name, p.c.id_number, v.c.name.label("village"))
        .join(h, h.c.id == p.c.household_id)
        .join(v, v.c.id == h.c.village_id)
    )
    return {r.id: (r.name, r.id_number or "", r.village) for r in session.execute(query)}


def _follow_up_rows(session: Session) -> tuple[list[dict[str, Any]], int]:
    """The follow-ups whose person (with an ID number) and job are on this laptop, and how many others there are
    (they could not be imported back)."""
    people = _people(session)
    er, fu = schema.employment_record, schema.employment_follow_up
    jobs = {
        r.id: r
        for r in session.execute(
            select(er.c.id, er.c.employer, er.c.job, er.c.effective_date).where(
                er.c.id.in_(select(fu.c.employment_record_id))
            )
        )
    }
    rows: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    left_out = 0
    for f in session.execute(select(EmploymentFollowUp)).scalars():
        person = people.get(f.person_id)
        job = jobs.get(f.employment_record_id)
        if person is None or not person[1] or job is None:
            left_out += 1
            continue
        rows.append(
            (
                (person[2], person[0], job.effective_date, f.due_month, f.done_on, f.id),
                {
                    "name": person[0],
                    "id_number": person[1],
                    "village": person[2],
                    "employer": job.employer or "",
                    "job": job.job or "",
                    "started_on": job.effective_date,
                    "month": f.due_month,
                    "done_on": f.done_on,
                    "mode": f.mode,
                    "still_employed": f.still_employed,
                    "followed_by": f.followed_by,
                    "note": f.note,
                },
            )
        )
    return [values for _key, values in sorted(rows, key=lambda item: item[0])], left_out


def _invitation_rows(session: Session, fair_id: str | None) -> tuple[list[dict[str, Any]], int]:
    """The invitations (of one fair, or all) whose person (with an ID number) and fair are on this laptop, and how
    many others there are."""
    people = _people(session)
    fairs = {f.id: f for f in session.execute(select(JobFair)).scalars()}
    query = select(FairInvitation)
    if fair_id is not None:
        query = query.where(schema.fair_invitation.c.fair_id == fair_id)
    rows: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    left_out = 0
    for i in session.execute(query).scalars():
        person = people.get(i.person_id)
        fair = fairs.get(i.fair_id)
        if person is None or not person[1] or fair is None:
            left_out += 1
            continue
        rows.append(
            (
                (fair.held_on, fair.name, fair.id, person[2], person[0], i.id),
                {
                    "fair": fair.name,
                    "held_on": fair.held_on,
                    "name": person[0],
                    "id_number": person[1],
                    "village": person[2],
                    "invited_on": i.invited_on,
                    "attended": "" if i.attended is None else _ATTENDED[i.attended],
                    "note": i.note,
                },
            )
        )
    return [values for _key, values in sorted(rows, key=lambda item: item[0])], left_out


def _campaign_rows(session: Session) -> list[dict[str, Any]]:
    found = sorted(
        session.execute(select(PolicyCampaign)).scalars(), key=lambda c: (c.held_on, c.topic, c.id)
    )
    return [
        {
            "held_on": c.held_on,
            "moment": c.moment,
            "topic": c.topic,
            "place": c.place,
            "held_by": c.held_by,
            "note": c.note,
        }
        for c in found
    ]


def _reach_rows(session: Session) -> tuple[list[dict[str, Any]], int]:
    """The people reached whose person (with an ID number) and campaign are on this laptop, and how many others
    there are."""
    people = _people(session)
    campaigns = {c.id: c for c in session.execute(select(PolicyCampaign)).scalars()}
    rows: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    left_out = 0
    for r in session.execute(select(CampaignReach)).scalars():
        person = people.get(r.person_id)
        campaign = campaigns.get(r.campaign_id)
        if person is None or not person[1] or campaign is None:
            left_out += 1
            continue
        rows.append(
            (
                (campaign.held_on, campaign.topic, campaign.id, person[2], person[0], r.id),
                {
                    "held_on": campaign.held_on,
                    "topic": campaign.topic,
                    "name": person[0],
                    "id_number": person[1],
                    "village": person[2],
                    "note": r.note,
                },
            )
        )
    return [values for _key, values in sorted(rows, key=lambda item: item[0])], left_out


def export_follow_up_kind(
    db: Database,
    kind: str,
    path: Path,
    *,
    actor: str,
    full: bool = False,
    reason: str = "",
    fair_id: str | None = None,
) -> int:
    """Write every follow-up, fair invitation, campaign or person reached (``kind``; invitations of ``fair_id``
    only, when given) to ``path``; the number of rows. With none stored the file is the empty import template.
    ID numbers are masked (``Permission.EXPORT``) unless ``full`` (``Permission.EXPORT_FULL`` and a ``reason``,
    both written to the audit log): only a full export can be imported back."""
    sheet = _sheet(kind)
    if kind == "campaign":
        who = acting.current_actor(db, actor)
        with db.read() as session:
            campaigns = _campaign_rows(session)
        return export_sheet(db, sheet, campaigns, path, who=who)
    who, why = acting.permit(db, actor, Permission.EXPORT_FULL if full else Permission.EXPORT, reason)
    with db.read() as session:
        if kind == "follow_up":
            rows, left_out = _follow_up_rows(session)
        elif kind == "invitation":
            rows, left_out = _invitation_rows(session, fair_id)
        else:
            rows, left_out = _reach_rows(session)
    note = f"含完整身份证号（未打码）；理由：{why}" if full else "身份证号已打码"
    if left_out:
        note += f"；另有 {left_out} 条的人员、就业记录、招聘会或宣传不在本机，未导出"
    return export_sheet(db, sheet, rows, path, who=who, mask=not full, note=note)


# --- import: follow-ups ---------------------------------------------------------------------------------------


def _month(row: Row) -> int | None:
    raw = row.raw("month")
    if isinstance(raw, int | float) and not isinstance(raw, bool) and float(raw).is_integer():
        return int(raw)
    text = unicodedata.normalize("NFKC", row.text("month")).strip()
    if not text:
        return None
    found = _MONTH.match(text)
    if found is None:
        months = "、".join(str(m) for m in employment.FOLLOW_UP_MONTHS)
        row.error("month", f"“{text}”不是回访月份，应填上岗后第几个月（{months}）")
        return None
    return int(found.group(1))


def _job_of(
    row: Row, jobs: list[EmploymentRecord], started_on: date, employer: str
) -> EmploymentRecord | None:
    """The person's employment entry that started on ``started_on`` (the employer chooses between several; an
    entry that is a job and not voided first), else an error in 上岗日期 or 就业单位."""
    found = [j for j in jobs if j.effective_date == started_on]
    if len(found) > 1 and employer:
        found = [j for j in found if name_key(j.employer) == name_key(employer)] or found
    if len(found) > 1:
        usable = [j for j in found if placement.follow_up_job_problem(j) is None]
        found = usable or found
    if not found:
        row.error(
            "started_on", f"此人没有上岗日期为{started_on.isoformat()}的就业记录，请核对或先登记就业去向"
        )
        return None
    if len(found) > 1:
        row.error(
            "employer",
            f"此人有{len(found)}条上岗日期为{started_on.isoformat()}的就业记录，请填写就业单位以区分",
        )
        return None
    job = found[0]
    if employer and name_key(job.employer) != name_key(employer):
        row.error(
            "employer", f"此人{started_on.isoformat()}上岗的单位是“{job.employer}”，与所填“{employer}”不符"
        )
    problem = placement.follow_up_job_problem(job)
    if problem:
        row.error("started_on", problem)
        return None
    return job


def _follow_up_reader(actor: str, today: date) -> Callable[[Session, Iterable[Row], Plan], None]:
    def read(session: Session, rows: Iterable[Row], plan: Plan) -> None:
        er, fu = schema.employment_record, schema.employment_follow_up
        jobs: dict[str, list[EmploymentRecord]] = {}  # read per person named (a county holds many)

        def jobs_of(person_id: str) -> list[EmploymentRecord]:
            if person_id not in jobs:
                query = select(EmploymentRecord).where(er.c.person_id == person_id)
                jobs[person_id] = list(session.execute(query).scalars())
            return jobs[person_id]

        def stored(job_id: str, month: int) -> EmploymentFollowUp | None:
            # A job has one follow-up a month (记录回访 refuses a second): a row of that month is that follow-up,
            # with its date corrected if the row's differs.
            query = (
                select(EmploymentFollowUp)
                .where(fu.c.employment_record_id == job_id, fu.c.due_month == month)
                .order_by(fu.c.id)
                .limit(1)
            )
            return session.execute(query).scalar()

        same_day, same_month = Once(), Once()
        for row in rows:
            person = person_of(session, row, today)
            employer = row.text("employer")
            started_on = row.day("started_on")
            month = _month(row)
            done_on = row.day("done_on")
            mode = row.code("mode", codes.VISIT_MODE, default="phone")
            still_employed = row.flag("still_employed")
            row.required("started_on", started_on)
            row.required("month", month)
            row.required("done_on", done_on)
            # Not guessed: a follow-up that says nothing of the job would record the graduate as still at work.
            row.required("still_employed", still_employed)
            if person is None or started_on is None:
                continue
            job = _job_of(row, jobs_of(person.id), started_on, employer)
            if job is None or month is None or done_on is None or still_employed is None:
                continue
            match = stored(job.id, month)
            draft = EmploymentFollowUp(
                id=match.id if match else new_id(),
                person_id=job.person_id,
                employment_record_id=job.id,
                due_month=month,
                done_on=done_on,
                mode=mode,
                still_employed=still_employed,
                note=row.text("note"),
                followed_by=row.text("followed_by") or (match.followed_by if match else actor),
            )
            row.domain(
                placement.follow_up_issues(
                    session, job, month, done_on, mode, today=today, other_than=match.id if match else None
                )
            )
            repeated = same_day.key(
                row,
                "done_on",
                (job.id, done_on),
                "与第{0}行是同一条回访（同一人、同一份工作、同一回访日期），请合并为一行",
            )
            if not repeated and not row.has_error("month"):
                same_month.key(
                    row,
                    "month",
                    (job.id, month),
                    f"与第{{0}}行是同一份工作第{month}个月的回访，不能重复登记",
                )
            if not row.issues:
                plan.place(match, draft)

    return read


# --- import: invitations --------------------------------------------------------------------------------------


def _fair_of(row: Row, fairs: dict[str, list[JobFair]]) -> JobFair | None:
    """The fair the row names (举办日期 chooses between fairs of one name), else an error in 招聘会 or 举办日期."""
    text = row.text("fair")
    held_on = row.day("held_on")
    if not text:
        row.required("fair", text)
        return None
    found = fairs.get(name_key(text), [])
    if not found:
        row.error("fair", f"没有名为“{text}”的招聘会，请先录入或同步招聘会")
        return None
    if held_on is not None:
        on_the_day = [f for f in found if f.held_on == held_on]
        if not on_the_day:
            days = "、".join(sorted(f.held_on.isoformat() for f in found))
            row.error("held_on", f"招聘会“{text}”的举办日期是{days}，没有{held_on.isoformat()}举办的")
            return None
        found = on_the_day
    if len(found) > 1:
        field = "fair" if held_on is None else "held_on"
        hint = "请填写举办日期以区分" if held_on is None else "无法区分，请先在招聘会页核对"
        row.error(field, f"有{len(found)}场名为“{text}”的招聘会，{hint}")
        return None
    return found[0]


def _attended(row: Row) -> bool | None:
    text = row.text("attended")
    key = unicodedata.normalize("NFKC", text).strip()
    if not key:
        return None
    if key in _ATTENDED_WORDS:
        return _ATTENDED_WORDS[key]
    value, found = cells.read_bool(key, "attended", row.label("attended"))
    if found:
        row.error("attended", f"“{text}”应填“到场”“未到场”，或留空（未登记）")
    return value


def _invitation_reader(today: date) -> Callable[[Session, Iterable[Row], Plan], None]:
    def read(session: Session, rows: Iterable[Row], plan: Plan) -> None:
        fairs: dict[str, list[JobFair]] = {}
        for f in session.execute(select(JobFair)).scalars():
            fairs.setdefault(name_key(f.name), []).append(f)
        stored = {(i.fair_id, i.person_id): i for i in session.execute(select(FairInvitation)).scalars()}
        once = Once()
        for row in rows:
            fair = _fair_of(row, fairs)
            person = person_of(session, row, today)
            invited_on = row.day("invited_on")
            attended = _attended(row)
            note = row.text("note")
            if fair is None or person is None:
                continue
            match = stored.get((fair.id, person.id))
            draft = FairInvitation(
                id=match.id if match else new_id(),
                person_id=person.id,
                fair_id=fair.id,
                invited_on=invited_on or (match.invited_on if match else today),
                attended=attended,
                note=note,
            )
            once.key(
                row,
                "id_number",
                (fair.id, person.id),
                "与第{0}行是同一条邀请（同一场招聘会、同一人），请合并为一行",
            )
            if not row.issues:
                plan.place(match, draft)

    return read


# --- import: campaigns and the people reached -----------------------------------------------------------------


def _campaign_key(held_on: date, topic: str) -> tuple[date, str]:
    return (held_on, name_key(topic))


def _campaign_reader(today: date) -> Callable[[Session, Iterable[Row], Plan], None]:
    def read(session: Session, rows: Iterable[Row], plan: Plan) -> None:
        stored: dict[tuple[date, str], list[PolicyCampaign]] = {}
        for c in session.execute(select(PolicyCampaign)).scalars():
            stored.setdefault(_campaign_key(c.held_on, c.topic), []).append(c)
        unit_id = ref.home_unit(session).id
        reach = ref.jurisdiction(session)
        once = Once()
        for row in rows:
            held_on = row.day("held_on")
            moment = row.code("moment", codes.CAMPAIGN_MOMENT)
            topic = row.text("topic")
            place = row.text("place")
            row.required("held_on", held_on)
            row.required("moment", moment)
            row.required("topic", topic)
            match: PolicyCampaign | None = None
            if held_on is not None and topic:
                match = one_at_place(
                    row,
                    stored.get(_campaign_key(held_on, topic), []),
                    place,
                    "已有{0}次同日同主题的宣传，请填写地点以区分",
                )
            draft = PolicyCampaign(
                id=match.id if match else new_id(),
                unit_id=match.unit_id if match else unit_id,
                moment=moment,
                held_on=held_on or date.min,
                topic=topic,
                place=place,
                held_by=row.text("held_by"),
                note=row.text("note"),
            )
            if held_on is not None:
                row.domain(employment.campaign_issues(draft, today=today))
            if held_on is not None and topic:
                once.key(
                    row,
                    "topic",
                    (*_campaign_key(held_on, topic), name_key(place)),
                    "与第{0}行是同一次宣传（日期、主题和地点相同），请合并为一行",
                )
            once.match(row, "topic", match, "次宣传")
            inside_jurisdiction(row, "topic", reach, match, draft, "这次宣传")
            if not row.issues:
                plan.place(match, draft)

    return read


def _campaign_of(row: Row, campaigns: dict[tuple[date, str], list[PolicyCampaign]]) -> PolicyCampaign | None:
    held_on = row.day("held_on")
    topic = row.text("topic")
    row.required("held_on", held_on)
    row.required("topic", topic)
    if held_on is None or not topic:
        return None
    found = campaigns.get(_campaign_key(held_on, topic), [])
    if not found:
        row.error("topic", f"没有{held_on.isoformat()}主题为“{topic}”的宣传，请先录入或导入政策宣传")
        return None
    if len(found) > 1:
        row.error("topic", f"{held_on.isoformat()}有{len(found)}次主题为“{topic}”的宣传，无法区分")
        return None
    return found[0]


def _reach_reader(today: date) -> Callable[[Session, Iterable[Row], Plan], None]:
    def read(session: Session, rows: Iterable[Row], plan: Plan) -> None:
        campaigns: dict[tuple[date, str], list[PolicyCampaign]] = {}
        for c in session.execute(select(PolicyCampaign)).scalars():
            campaigns.setdefault(_campaign_key(c.held_on, c.topic), []).append(c)
        stored = {(r.campaign_id, r.person_id): r for r in session.execute(select(CampaignReach)).scalars()}
        once = Once()
        for row in rows:
            campaign = _campaign_of(row, campaigns)
            person = person_of(session, row, today)
            note = row.text("note")
            if campaign is None or person is None:
                continue
            match = stored.get((campaign.id, person.id))
            draft = CampaignReach(
                id=match.id if match else new_id(), person_id=person.id, campaign_id=campaign.id, note=note
            )
            once.key(
                row,
                "id_number",
                (campaign.id, person.id),
                "与第{0}行是同一条记录（同一次宣传、同一人），请合并为一行",
            )
            if not row.issues:
                plan.place(match, draft)

    return read


# --- import ---------------------------------------------------------------------------------------------------


def import_follow_up_kind(
    db: Database, kind: str, path: Path, *, actor: str, today: date | None = None
) -> ImportResult:
    """Read a sheet of follow-ups, fair invitations, campaigns or people reached (``kind``) and add or update
    them, all or nothing. ``ValidationFailed`` lists every problem with its row and column; nothing is written
    then. Every role may, as every role records them one by one."""
    sheet = _sheet(kind)
    who = ref.require_role(db, actor, sheet.entity)
    day = today or date.today()
    if kind == "follow_up":
        return run_import(db, sheet, Path(path), who, _follow_up_reader(who.name, day))
    if kind == "invitation":
        return run_import(db, sheet, Path(path), who, _invitation_reader(day))
    if kind == "campaign":
        return run_import(db, sheet, Path(path), who, _campaign_reader(day))
    return run_import(db, sheet, Path(path), who, _reach_reader(day))
