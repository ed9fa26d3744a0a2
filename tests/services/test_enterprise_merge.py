"""合并企业 (services.enterprise_merge): two records of one enterprise become one. Every reference is re-pointed
(positions, agreements' and fairs' enterprise lists without duplicates), the kept record takes the fields it had
empty, its filled fields stand, the dropped record is deleted, all journaled and audited in one transaction;
refusals for the same record, two credit codes, a missing record and a role below the county."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, text

from tests.services.employment_fixtures import CREDIT_CODES, TODAY, build_employment_county, credit_code
from tests.services.subsidy_fixtures import set_role
from yulu_desktop.domain.access import AccessDenied
from yulu_desktop.domain.entities import EmploymentAgreement, Enterprise, JobFair, JobPosition
from yulu_desktop.domain.errors import NotFound, ValidationFailed
from yulu_desktop.services import enterprise_merge, records
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

ACTOR = "王县"


@pytest.fixture
def ids(db: Database) -> dict[str, str]:
    """The fixture county, plus ``twin``: 宏达 entered again by another laptop (same credit code, another
    spelling of the name, another place, no contact, a note and a pairing the first has not), with a position of
    高观镇 (``pos_twin``), named next to 宏达 in the agreement and alone in a second fair (``fair_twin``)."""
    found = build_employment_county(db, today=TODAY)
    set_role(db, "county")
    twin = Enterprise(
        county_id=found["county"],
        name="城口宏达机械有限公司",
        credit_code=CREDIT_CODES["hongda"],
        industry="manufacturing",
        place="城口县工业园区东区",
        region="county",
        pairing="wanqi",
        pairing_partner="重庆市工商联",
        note="与县职教中心有实习合作",
    )
    position = JobPosition(
        unit_id=found["gaoguan"],
        enterprise_id=twin.id,
        title="焊工",
        region="county",
        posted_on=TODAY - timedelta(days=3),
    )
    fair = JobFair(
        unit_id=found["gaoguan"],
        name="高观镇春季招聘会",
        held_on=TODAY + timedelta(days=30),
        enterprise_ids=json.dumps([twin.id]),
    )
    with records.writing(db, "同步") as session:
        session.add(twin)
        session.add(position)
        session.add(fair)
        agreement = session.get(EmploymentAgreement, found["agreement"])
        assert agreement is not None
        agreement.enterprise_ids = json.dumps([found["hongda"], twin.id])
    return {**found, "twin": twin.id, "pos_twin": position.id, "fair_twin": fair.id}


def _merge(db: Database, ids: dict[str, str], **kwargs: Any) -> enterprise_merge.MergeReport:
    return enterprise_merge.merge_enterprises(
        db, ids["hongda"], ids["twin"], actor=ACTOR, today=TODAY, **kwargs
    )


def _get(db: Database, cls: type[Any], record_id: str) -> Any:
    with db.read() as session:
        return session.get(cls, record_id)


def _state(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables a merge touches, the journal and the audit log."""
    tables = ("enterprise", "job_position", "employment_agreement", "job_fair", "change_journal", "audit_log")
    with db.read_connection() as conn:
        return {t: [tuple(r) for r in conn.execute(text(f'SELECT * FROM "{t}" ORDER BY 1'))] for t in tables}


def _journal(db: Database, since: int) -> list[tuple[str, str, str]]:
    with db.read_connection() as conn:
        rows = conn.execute(
            text("SELECT entity, entity_id, op FROM change_journal WHERE seq > :s ORDER BY seq"), {"s": since}
        )
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]


def _last_seq(db: Database) -> int:
    with db.read_connection() as conn:
        return int(conn.execute(select(func.coalesce(func.max(schema.change_journal.c.seq), 0))).scalar_one())


def test_every_reference_is_repointed_and_the_dropped_record_deleted(
    db: Database, ids: dict[str, str]
) -> None:
    report = _merge(db, ids)

    assert _get(db, Enterprise, ids["twin"]) is None
    assert _get(db, JobPosition, ids["pos_twin"]).enterprise_id == ids["hongda"]
    for name in ("pos_cnc", "pos_closed"):  # 宏达's own positions stay
        assert _get(db, JobPosition, ids[name]).enterprise_id == ids["hongda"]
    # The agreement named both: it names the kept one once.
    assert json.loads(_get(db, EmploymentAgreement, ids["agreement"]).enterprise_ids) == [ids["hongda"]]
    assert json.loads(_get(db, JobFair, ids["fair_twin"]).enterprise_ids) == [ids["hongda"]]
    # A fair that named only the kept one is not touched.
    assert json.loads(_get(db, JobFair, ids["fair"]).enterprise_ids) == [ids["hongda"], ids["kangning"]]
    with db.read_connection() as conn:
        names = [r[0] for r in conn.execute(select(schema.enterprise.c.name))]
    assert names.count("城口县宏达机械有限公司") == 1 and "城口宏达机械有限公司" not in names

    moved = report.repointed
    assert (moved.positions, moved.agreements, moved.fairs) == (1, 1, 1)
    assert report.open_positions == 2  # pos_cnc and the twin's 焊工; pos_closed has passed its deadline
    assert report.lines()[0] == "“城口宏达机械有限公司”已合并到“城口县宏达机械有限公司”，并已删除。"


def test_the_kept_record_takes_empty_fields_and_keeps_its_own(db: Database, ids: dict[str, str]) -> None:
    report = _merge(db, ids)
    kept = _get(db, Enterprise, ids["hongda"])
    # Filled on the kept record: they stand.
    assert (kept.name, kept.place, kept.contact_name, kept.contact_phone) == (
        "城口县宏达机械有限公司",
        "城口县工业园区",
        "何经理",
        "13800000001",
    )
    # Empty on the kept record (本地企业 is the form's default): taken from the dropped one.
    assert (kept.pairing, kept.pairing_partner, kept.note) == (
        "wanqi",
        "重庆市工商联",
        "与县职教中心有实习合作",
    )
    assert dict(report.taken) == {
        "帮扶协作": "万企兴万村",
        "协作方": "重庆市工商联",
        "备注": "与县职教中心有实习合作",
    }
    assert [(d.field, d.kept, d.dropped) for d in report.differences] == [
        ("name", "城口县宏达机械有限公司", "城口宏达机械有限公司"),
        ("place", "城口县工业园区", "城口县工业园区东区"),
    ]


def test_a_missing_credit_code_is_taken(db: Database, ids: dict[str, str]) -> None:
    with records.writing(db, "同步") as session:
        kept = session.get(Enterprise, ids["hongda"])
        assert kept is not None
        kept.credit_code = None
    _merge(db, ids)
    assert _get(db, Enterprise, ids["hongda"]).credit_code == CREDIT_CODES["hongda"]


def test_the_merge_is_journaled_for_sync_and_audited(db: Database, ids: dict[str, str]) -> None:
    since = _last_seq(db)
    _merge(db, ids)
    assert _journal(db, since) == [
        ("enterprise", ids["hongda"], "U"),
        ("job_position", ids["pos_twin"], "U"),
        ("employment_agreement", ids["agreement"], "U"),
        ("job_fair", ids["fair_twin"], "U"),
        ("enterprise", ids["twin"], "D"),
    ]
    with db.read_connection() as conn:
        (entry,) = conn.execute(
            text("SELECT actor, action, entity, entity_id, detail FROM audit_log WHERE action = 'merge'")
        ).all()
    assert tuple(entry[:4]) == ("王县（user-county）", "merge", "enterprise", ids["hongda"])
    assert ids["twin"] in entry[4] and "1 个岗位" in entry[4]


def test_a_merge_that_fails_half_way_writes_nothing(
    db: Database, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = enterprise_merge.repoint_references

    def broken(*args: Any, **kwargs: Any) -> Any:
        original(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(enterprise_merge, "repoint_references", broken)
    before = _state(db)
    with pytest.raises(RuntimeError):
        _merge(db, ids)
    assert _state(db) == before
    assert _get(db, Enterprise, ids["twin"]) is not None
    assert _get(db, JobPosition, ids["pos_twin"]).enterprise_id == ids["twin"]


def test_the_same_record_is_refused(db: Database, ids: dict[str, str]) -> None:
    with pytest.raises(ValidationFailed, match="同一条企业记录") as refused:
        enterprise_merge.merge_enterprises(db, ids["hongda"], ids["hongda"], actor=ACTOR, today=TODAY)
    assert refused.value.errors[0].field == "id"
    assert _get(db, Enterprise, ids["hongda"]) is not None


def test_two_credit_codes_are_two_companies(db: Database, ids: dict[str, str]) -> None:
    other = credit_code("91500229MA60000A0")
    with records.writing(db, "同步") as session:
        twin = session.get(Enterprise, ids["twin"])
        assert twin is not None
        twin.credit_code = other
    before = _state(db)
    with pytest.raises(ValidationFailed, match="两家不同的企业") as refused:
        _merge(db, ids)
    assert [i.field for i in refused.value.errors] == ["credit_code"]
    assert other in refused.value.message and CREDIT_CODES["hongda"] in refused.value.message
    assert _state(db) == before


def test_a_missing_record_is_refused(db: Database, ids: dict[str, str]) -> None:
    with pytest.raises(NotFound, match="找不到企业"):
        enterprise_merge.merge_enterprises(db, ids["hongda"], "gone", actor=ACTOR, today=TODAY)
    with pytest.raises(NotFound, match="找不到企业"):
        enterprise_merge.merge_enterprises(db, "gone", ids["twin"], actor=ACTOR, today=TODAY)


@pytest.mark.parametrize("role", ["township", "village", None])
def test_only_the_county_merges(db: Database, ids: dict[str, str], role: str | None) -> None:
    if role is None:  # not enrolled: a village
        with db.engine.begin() as conn:
            conn.execute(text("DELETE FROM sync_state"))
    else:
        set_role(db, role)
    before = _state(db)
    with pytest.raises(AccessDenied, match="只有县级账号"):
        _merge(db, ids)
    assert _state(db) == before


def test_a_county_admin_merges(db: Database, ids: dict[str, str]) -> None:
    set_role(db, "county_admin")
    _merge(db, ids)
    assert _get(db, Enterprise, ids["twin"]) is None


def test_merge_choices_show_both_sides_with_their_references(db: Database, ids: dict[str, str]) -> None:
    choices = enterprise_merge.merge_choices(db, ids["twin"], today=TODAY)
    assert choices.selected.enterprise.id == ids["twin"]
    selected = choices.selected
    assert (selected.positions, selected.agreements, selected.fairs) == (1, 1, 1)
    first = choices.others[0]
    assert first.enterprise.id == ids["hongda"] and first.duplicate
    assert (first.positions, first.agreements, first.fairs) == (2, 1, 1)
    assert [o.duplicate for o in choices.others] == [True, False, False]
    with pytest.raises(NotFound):
        enterprise_merge.merge_choices(db, "gone", today=TODAY)
