"""A device that does not play by the rules: raw signed requests, as a laptop would send them, with whatever field
values, entities and sequence numbers a test wants (issue 13, "The county server as a trust boundary").

Used by tests/sync/test_sync_fuzz_values.py, tests/sync/test_sync_adversarial.py and bench/bench_torture.py.

* ``Rogue`` enrolls with a one-time code (no laptop database behind it: its own key pair and device id) and
  pushes ``Draft`` entries with the next gap-free sequence numbers, signed exactly as ``sync.client`` signs.
* ``valid_values`` builds a record of each shared entity that a laptop would write (the starting point of a
  mutation).
* ``laptop_problems`` says why a stored record could not be applied by a laptop: the shared checker
  ``yulu_desktop.sync.record_check.value_problems`` when the app has it, else a check against the laptop's schema
  (types, lengths, required columns, the org-unit level constraint).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import importlib
import json
import random
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import httpx
from faults import ChaosProxy, ServerProcess, start_child_sync
from sqlalchemy import Boolean, Column, Date, DateTime, Integer, String, Text, select, text
from sync_helpers import Records, device_records, server_records, setup_county

from yulu_desktop.domain import hlc as hlc_clock
from yulu_desktop.domain.entities import Household, Person, Visit
from yulu_desktop.server import admin
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import AppliedChange, Conflict, OrgUnit, Quarantine, Record
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.store.schema import LOCAL_ONLY_COLUMNS, SHARED_TABLES
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync import signing
from yulu_desktop.sync.client import SyncClient, SyncError, SyncReport

#: Statuses a pushed entry may get (``duplicate`` is not an answer to a fresh entry).
ANSWERED = frozenset({"applied", "merged", "lost", "quarantined"})


def hlc_now() -> int:
    return hlc_clock.pack(int(time.time() * 1000))


# --- raw pushes ------------------------------------------------------------------------------------------------


@dataclass
class Draft:
    """A push entry before it gets its sequence number, change id and timestamp."""

    entity: str
    entity_id: str
    op: str
    changes: dict[str, list[Any]]
    base: dict[str, int] = field(default_factory=dict)
    #: What the test expects (None: anything answered is fine), for the summary and the assertions.
    expect: str | None = None
    label: str = ""


def insert(entity: str, entity_id: str, values: Mapping[str, Any], **kw: Any) -> Draft:
    changes = {"id": [None, entity_id], **{k: [None, v] for k, v in values.items()}}
    return Draft(entity, entity_id, "I", changes, **kw)


def edit(entity: str, entity_id: str, values: Mapping[str, Any], **kw: Any) -> Draft:
    return Draft(entity, entity_id, "U", {k: [None, v] for k, v in values.items()}, **kw)


def remove(entity: str, entity_id: str, old_values: Mapping[str, Any], **kw: Any) -> Draft:
    changes = {"id": [entity_id, None], **{k: [v, None] for k, v in old_values.items()}}
    return Draft(entity, entity_id, "D", changes, **kw)


@dataclass
class Sent:
    """One entry as it went up, and what the server answered for it."""

    draft: Draft
    seq: int
    change_id: str
    status: str = ""
    reason: str = ""


@dataclass
class PushResult:
    status_code: int
    text: str
    sent: list[Sent]
    response: p.PushResponse | None = None


class Rogue:
    """An enrolled device sending raw signed requests (``sync.signing``), its own journal sequence included."""

    def __init__(self, http: httpx.Client, url: str, device_id: str, private_key: bytes) -> None:
        self.http = http
        self.url = url.rstrip("/")
        self.device_id = device_id
        self.private_key = private_key
        self.last_seq = 0
        self.history: list[Sent] = []

    @classmethod
    def enroll(cls, http: httpx.Client, url: str, code: str, *, name: str = "rogue") -> Rogue:
        device_id = str(uuid.uuid4())
        key = signing.new_private_key()
        body = p.EnrollRequest(
            code=code,
            device_id=device_id,
            public_key=signing.b64(signing.public_key_of(key)),
            proof=signing.sign(key, signing.enroll_message(device_id, code)),
            device_name=name,
        ).model_dump_json()
        answer = http.post(
            url.rstrip("/") + "/v1/enroll", content=body, headers={"Content-Type": "application/json"}
        )
        if answer.status_code != 200:
            raise RuntimeError(f"enrollment refused: {answer.status_code} {answer.text}")
        rogue = cls(http, url, device_id, key)
        rogue.hello()
        return rogue

    def post(self, path: str, payload: Any) -> httpx.Response:
        """A signed POST of ``payload`` (JSON-encoded; gzip above 1 KiB, as the client does)."""
        body = json.dumps(payload, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json", p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION)}
        if len(body) > 1024:
            body = gzip.compress(body, compresslevel=6)
            headers["Content-Encoding"] = "gzip"
        stamp = int(time.time() * 1000)
        nonce = signing.new_nonce()
        headers |= {
            p.HEADER_DEVICE: self.device_id,
            p.HEADER_TIMESTAMP: str(stamp),
            p.HEADER_NONCE: nonce,
            p.HEADER_SIGNATURE: signing.sign(
                self.private_key,
                signing.request_message(
                    "POST",
                    path,
                    stamp,
                    nonce,
                    body,
                    protocol=p.PROTOCOL_VERSION,
                    content_encoding=headers.get("Content-Encoding", ""),
                ),
            ),
        }
        return self.http.post(self.url + path, content=body, headers=headers)

    def hello(self) -> p.HelloResponse:
        answer = self.post(
            "/v1/hello",
            {
                "protocol_version": p.PROTOCOL_VERSION,
                "schema_version": p.SCHEMA_VERSION,
                "device_time_ms": int(time.time() * 1000),
            },
        )
        if answer.status_code != 200:
            raise RuntimeError(f"hello refused: {answer.status_code} {answer.text}")
        hello = p.HelloResponse.model_validate_json(answer.content)
        self.last_seq = hello.last_device_seq
        return hello

    def push(self, drafts: Sequence[Draft]) -> PushResult:
        """Push ``drafts`` as one batch with the next sequence numbers. After any answer but 200 the device asks
        hello where the server stands, so that the next push has no gap."""
        sent = []
        entries = []
        for offset, draft in enumerate(drafts, start=1):
            one = Sent(draft, self.last_seq + offset, uuid.uuid4().hex)
            sent.append(one)
            entries.append(
                {
                    "seq": one.seq,
                    "change_id": one.change_id,
                    "entity": draft.entity,
                    "entity_id": draft.entity_id,
                    "op": draft.op,
                    "changes": draft.changes,
                    "base": draft.base,
                    "hlc": hlc_now(),
                    "author": "rogue",
                }
            )
        try:
            answer = self.post("/v1/push", {"entries": entries})
        except httpx.HTTPError as exc:
            self.hello()
            return PushResult(0, f"{type(exc).__name__}: {exc}", sent)
        if answer.status_code != 200:
            self.hello()
            return PushResult(answer.status_code, answer.text, sent)
        response = p.PushResponse.model_validate_json(answer.content)
        results = {r.seq: r for r in response.results}
        for one in sent:
            result = results.get(one.seq)
            one.status, one.reason = (result.status, result.reason) if result else ("applied", "")
        self.last_seq = max(self.last_seq, response.acked_seq)
        self.history += [s for s in sent if s.seq <= response.acked_seq]
        return PushResult(200, answer.text, sent, response)

    def pull_all(self) -> list[p.Change]:
        """Every change of the device's jurisdiction (to see what a laptop of it would receive)."""
        changes: list[p.Change] = []
        cursor = 0
        while True:
            answer = self.post("/v1/pull", {"after": cursor, "limit": p.MAX_PULL_LIMIT})
            if answer.status_code != 200:
                raise RuntimeError(f"pull refused: {answer.status_code} {answer.text}")
            page = p.PullResponse.model_validate_json(answer.content)
            changes += page.changes
            cursor = page.next_cursor
            if not page.more:
                return changes


def problems_of(result: PushResult) -> list[str]:
    """What is wrong with a push answer: not 200, an entry not acknowledged or not answered, a quarantine
    without a reason."""
    if result.status_code != 200 or result.response is None:
        return [f"push answered {result.status_code}: {result.text[:500]}"]
    found = []
    last = max((s.seq for s in result.sent), default=0)
    if result.response.acked_seq < last:
        found.append(f"acked_seq {result.response.acked_seq} < {last}")
    for one in result.sent:
        if one.status not in ANSWERED:
            found.append(f"{one.draft.label or one.draft.entity} got status {one.status!r}")
        if one.status == "quarantined" and not one.reason.strip():
            found.append(f"{one.draft.label or one.draft.entity} quarantined without a reason")
    return found


# --- records a laptop would write ----------------------------------------------------------------------------


@dataclass
class Parents:
    """Ids the records of ``valid_values`` hang from."""

    village_id: str
    household_id: str = ""
    person_id: str = ""
    enrollment_id: str | None = None
    county_code: str = "500229"
    county_id: str = ""
    term: str = ""  # the enrollment's term ("2031-autumn"): an application is for it
    application_id: str = ""


SHA = "ab" * 32


def valid_values(entity: str, parents: Parents, tag: str = "") -> dict[str, Any]:
    """Every field of a new ``entity`` record as a laptop journals it (dates as text, booleans as 0/1).
    ``tag`` makes the unique fields unique."""
    tag = tag or uuid.uuid4().hex[:10]
    day = "2025-09-01"
    values: dict[str, dict[str, Any]] = {
        "org_unit": {
            "code": ("5002291019" + tag)[:12],
            "name": f"测试村{tag}",
            "level": "village",
            "parent_id": parents.county_id or None,
        },
        "household": {
            "household_no": f"H{tag}",
            "village_id": parents.village_id,
            "group_name": "一组",
            "address": "红岩村一组",
            "household_type": "tuopin",
            "monitoring_type": None,
            "risk_causes": "",
            "risk_identified_on": None,
            "risk_eliminated": 0,
            "risk_eliminated_on": None,
            "income_per_capita_fen": 560000,
            "contact_phone": "13800138000",
            "payee_name": "张大山",
            "payee_bank": "",
            "payee_account": "",
        },
        "person": {
            "household_id": parents.household_id,
            "person_no": f"P{tag}",
            "name": "张坤",
            "id_number": None,
            "sex": "M",
            "birth_date": "2008-03-01",
            "relationship": "20",
            "ethnicity": "汉族",
            "education": None,
            "student_status": None,
            "health": None,
            "disability": "",
            "skills": None,
            "phone": "",
            "status": "normal",
        },
        "enrollment": {
            "person_id": parents.person_id,
            "school_year": f"{2000 + int(tag[-2:], 16) % 90}-{2001 + int(tag[-2:], 16) % 90}",
            "semester": "autumn",
            "school_name": "城口县职业教育中心",
            "school_type": "zhongzhuan",
            "major": "电子技术",
            "length_years": 3,
            "entry_date": day,
            "grade": "2025级",
            "registry_no": "",
            "registry_status": "enrolled",
        },
        "intent": {
            "person_id": parents.person_id,
            "wants_vocational": 1,
            "desired_school_type": None,
            "desired_school": "",
            "desired_major": "",
            "expected_year": 2026,
            "wants_employment_help": 0,
            "notes": "",
            "recorded_on": day,
        },
        "visit": {
            "household_id": parents.household_id,
            "person_id": parents.person_id or None,
            "visit_date": day,
            "visitor_name": "张书记",
            "visitor_role": "village_committee",
            "mode": "home",
            "purpose": "other",
            "notes": f"走访{tag}",
            "problems": "",
            "requests": "",
            "follow_up": "",
            "follow_up_due": None,
            "follow_up_done_on": None,
        },
        "training": {
            "person_id": parents.person_id,
            "kind": "training",
            "name": "电工培训",
            "provider": "",
            "start_date": day,
            "end_date": None,
            "certificate_no": "",
            "certificate_level": "",
            "issued_on": None,
        },
        "employment_record": {
            "person_id": parents.person_id,
            "effective_date": day,
            "destination": "employed",
            "employer": "城口电子厂",
            "industry": "",
            "job": "",
            "place": "",
            "channel": None,
            "monthly_income_fen": 400000,
            "matches_major": 1,
            "change_reason": "",
            "source": "visit",
            "verified_by": "",
            "recorded_at": "2025-09-01 10:00:00.000000",
        },
        "subsidy_setting": {
            "county_code": parents.county_code,
            "school_type": "zhongzhuan",
            "annual_amount_fen": 300000,
            "effective_from": f"{2000 + int(tag[-2:], 16) % 90}-09-01",
        },
        "subsidy_application": {
            "person_id": parents.person_id,
            "enrollment_id": parents.enrollment_id,
            "term": parents.term or f"{2000 + int(tag[-2:], 16) % 90}-autumn",
            "amount_fen": 150000,
            "payee_name": "张大山",
            "payee_account": "",
            "state": "applied",
            "applied_on": day,
            "village_opinion": "",
            "township_opinion": "",
            "county_opinion": "",
            "reason": "",
        },
        "attachment": {
            "person_id": parents.person_id,
            "kind": "other",
            "filename": "证明.jpg",
            "mime_type": "image/jpeg",
            "size": 10,
            "sha256": SHA,
            "note": "",
            "added_on": day,
            "original_sha256": None,
        },
        "membership_change": {
            "person_id": parents.person_id,
            "kind": "move_out",
            "happened_on": day,
            "from_household_id": parents.household_id or None,
            "to_household_id": None,
            "from_place": "红岩村",
            "to_place": "巫溪县某村",
            "note": "",
            "recorded_by": "张书记",
        },
        "subsidy_rule": {
            "county_code": parents.county_code,
            "version": 1 + int(tag[-4:], 16),
            "effective_from": "2000-01-01",
            "household_types": '["jiance", "tuopin"]',
            "school_types": '["zhongzhuan"]',
            "registry_statuses": '["enrolled"]',
            "exclusive_aids": "[]",
            "evidence": '[{"code": "id_card", "label": "身份证复印件", "required": false}]',
            "publicity_min_days": 5,
            "joint_reviewers": "[]",
            "payment_columns": '["seq", "name", "id_number", "account", "amount", "item"]',
            "note": "",
        },
        "subsidy_window": {
            "county_code": parents.county_code,
            "term": f"{2000 + int(tag[-2:], 16) % 90}-spring",
            "opens_on": "2000-03-01",
            "closes_on": "2099-04-30",
        },
        "subsidy_evidence": {
            "application_id": parents.application_id,
            "kind": f"k{tag}"[:20],
            "provided": 1,
            "attachment_id": None,
            "note": "",
            "checked_by": "张书记",
            "checked_on": day,
        },
        "subsidy_publicity": {
            "village_id": parents.village_id,
            "term": parents.term or "2025-autumn",
            "starts_on": day,
            "ends_on": "2025-09-10",
            "posted_by": "张书记",
            "place": "村务公开栏",
            "note": "",
        },
        "subsidy_objection": {
            "application_id": parents.application_id,
            "publicity_id": None,
            "raised_on": day,
            "raised_by": "匿名",
            "content": f"异议{tag}",
            "outcome": None,
            "outcome_note": "",
            "resolved_on": None,
            "recorded_by": "张书记",
        },
        "subsidy_payment_batch": {
            "county_id": parents.county_id,
            "term": parents.term or "2025-autumn",
            "batch_no": f"B{tag}",
            "created_on": day,
            "created_by": "县局",
            "item": "雨露计划补助",
            "total_count": 0,
            "total_fen": 0,
            "exported_on": None,
            "result_imported_on": None,
        },
        # employment (issue 16); plain-id references need not exist (they have no foreign key)
        "school": {
            "county_id": parents.county_id,
            "name": f"学校{tag}",
            "level": "higher",
            "place": "",
            "majors": '["数控技术"]',
            "contact": "",
            "note": "",
        },
        "enterprise": {
            "county_id": parents.county_id,
            "name": f"企业{tag}",
            "credit_code": None,
            "industry": "manufacturing",
            "place": "",
            "region": "province",
            "contact_name": "",
            "contact_phone": "",
            "pairing": "local",
            "pairing_partner": "",
            "note": "",
        },
        "employment_agreement": {
            "county_id": parents.county_id,
            "kind": "school_enterprise",
            "title": f"协议{tag}",
            "school_id": None,
            "enterprise_ids": '["e1"]',
            "signed_on": day,
            "starts_on": None,
            "ends_on": None,
            "majors": "[]",
            "places_per_year": None,
            "support": "",
            "note": "",
        },
        "job_position": {
            "unit_id": parents.county_id,
            "enterprise_id": "e1",
            "title": f"岗位{tag}",
            "place": "",
            "region": "county",
            "pay_min_fen": 300000,
            "pay_max_fen": 500000,
            "majors": "[]",
            "skill_level": "none",
            "openings": 2,
            "posted_on": day,
            "deadline": None,
            "agreement_id": None,
            "fair_id": None,
            "note": "",
        },
        "job_fair": {
            "unit_id": parents.county_id,
            "name": f"招聘会{tag}",
            "held_on": day,
            "place": "",
            "school_ids": "[]",
            "enterprise_ids": "[]",
            "note": "",
        },
        "policy_campaign": {
            "unit_id": parents.village_id,
            "moment": "before_entry",
            "held_on": day,
            "topic": "政策",
            "place": "",
            "held_by": "",
            "note": "",
        },
        "fair_invitation": {
            "person_id": parents.person_id,
            "fair_id": "f1",
            "invited_on": day,
            "attended": None,
            "note": "",
        },
        "job_referral": {
            "person_id": parents.person_id,
            "position_id": "p1",
            "fair_id": None,
            "referred_on": day,
            "referred_by": "",
            "state": "referred",
            "outcome_on": None,
            "outcome_reason": "",
            "employment_record_id": None,
            "note": "",
        },
        "employment_follow_up": {
            "person_id": parents.person_id,
            "employment_record_id": "j1",
            "due_month": 1,
            "done_on": day,
            "mode": "phone",
            "still_employed": 1,
            "note": "",
            "followed_by": "",
        },
        "career_plan": {
            "person_id": parents.person_id,
            "recorded_on": day,
            "stage": "in_school",
            "goal": "技师",
            "school_name": "",
            "major": "",
            "reason": "",
            "wanted_region": None,
            "wanted_income_fen": None,
            "wanted_industry": None,
            "recorded_by": "",
            "visit_id": None,
        },
        "campaign_reach": {"person_id": parents.person_id, "campaign_id": "c1", "note": ""},
        "placement_action": {
            "person_id": parents.person_id,
            "recorded_on": day,
            "reason": "seeking",
            "next_action": "推荐参加招聘会",
            "due_on": "2025-10-01",
            "done_on": None,
            "recorded_by": "",
            "note": "",
        },
    }
    return dict(values[entity])


def shared_columns(entity: str) -> list[Column[Any]]:
    """The synced columns of ``entity`` (local-only and ``id`` left out)."""
    local_only = LOCAL_ONLY_COLUMNS.get(entity, frozenset())
    return [c for c in SHARED_TABLES[entity].columns if c.name != "id" and c.name not in local_only]


def _required(column: Column[Any]) -> bool:
    return not column.nullable and column.server_default is None


def schema_problems(entity: str, values: Mapping[str, Any]) -> list[str]:
    """Why a laptop could not store ``values`` as a whole record of ``entity`` (its own schema's rules: type,
    length, required columns, the org-unit level). Unknown fields are not a problem (a laptop ignores them)."""
    if entity not in SHARED_TABLES:
        return [f"unknown entity {entity}"]
    found = []
    for column in shared_columns(entity):
        name = column.name
        if name not in values:
            if _required(column):
                found.append(f"{name}: missing")
            continue
        value = values[name]
        if value is None:
            if not column.nullable:
                found.append(f"{name}: null")
            continue
        kind = column.type
        if isinstance(kind, Boolean):
            ok = value in (0, 1) and isinstance(value, bool | int)
        elif isinstance(kind, Integer):
            ok = isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63
        elif isinstance(kind, Date):
            ok = isinstance(value, str) and _is_date(value)
        elif isinstance(kind, DateTime):
            ok = isinstance(value, str) and _is_datetime(value)
        elif isinstance(kind, String | Text):
            length = getattr(kind, "length", None)
            ok = isinstance(value, str) and (length is None or len(value) <= length)
        else:
            ok = True
        if not ok:
            found.append(f"{name}: {type(value).__name__} {str(value)[:40]!r} does not fit {kind}")
    if entity == "org_unit" and values.get("level") not in ("county", "township", "village", "group"):
        found.append(f"level: {str(values.get('level'))[:40]!r}")
    return found


def _is_date(text: str) -> bool:
    if len(text) != 10:
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _is_datetime(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _shared_checker() -> Callable[[str, Mapping[str, Any]], list[str]] | None:
    """``record_check.record_problems`` (a whole record: values and required fields), else its
    ``value_problems``, else None (an app without the shared checker)."""
    try:
        module = importlib.import_module("yulu_desktop.sync.record_check")
    except ImportError:
        return None
    found = getattr(module, "record_problems", None) or getattr(module, "value_problems", None)
    return cast(Callable[[str, Mapping[str, Any]], list[str]] | None, found)


def checker_name() -> str:
    return "yulu_desktop.sync.record_check" if _shared_checker() is not None else "schema_problems (fallback)"


def laptop_problems(entity: str, values: Mapping[str, Any]) -> list[str]:
    """Why a laptop could not apply a record with these values (empty: it can). Reference data the laptop
    keeps too (org units, subsidy settings) is checked like the rest."""
    shared = _shared_checker()
    found = schema_problems(entity, values)
    if shared is not None:
        found += [f"record_check: {problem}" for problem in shared(entity, dict(values))]
    return found


# --- the torture run (tests/sync/test_sync_adversarial.py short, bench/bench_torture.py long) -----------------

PASSPHRASE = "test-passphrase-1"
VILLAGE_CADRES = ("hongyan", "hongyan2", "hongyan3")
TOWNSHIP_CADRE = "miaoba"
#: Conflict kinds that travel between replicas (the others are a laptop's own notes).
SHARED_CONFLICT_KINDS = ("field", "edit_vs_delete", "delete_vs_edit")


@dataclass
class TortureConfig:
    database_url: str
    template: Path
    workdir: Path
    seed: int = 1
    rounds: int = 2
    households: int = 5
    #: Laptop processes killed (SIGKILL) per round, mid-push or mid-apply.
    client_kills: int = 1
    #: Server kills (SIGKILL) per round, while a laptop pushes.
    server_kills: int = 1
    fault_rate: float = 0.35
    #: Visits a laptop adds before it is killed mid-push (more: more commit points to die between).
    burst: int = 30
    log: Callable[[str], None] = field(default=lambda _line: None)


@dataclass
class TortureSummary:
    rounds: int = 0
    client_kills: int = 0
    server_kills: int = 0
    cut_requests: int = 0
    cut_responses: int = 0
    rogue_entries: int = 0
    rogue_quarantined: int = 0
    orphan_scenarios: int = 0
    laptop_entries: int = 0
    conflicts: int = 0
    seconds: float = 0.0
    #: Every invariant that did not hold (empty: the run passed).
    failures: list[str] = field(default_factory=list)


class TortureLaptop:
    """A laptop's database file; opened for each step (a child process may sync it in between)."""

    def __init__(self, template: Path, workdir: Path, cadre: str) -> None:
        self.cadre = cadre
        self.path = workdir / f"laptop-{cadre}-{uuid.uuid4().hex[:6]}.db"
        shutil.copyfile(template, self.path)
        self.device_id = str(uuid.uuid4())
        self._raw_key: bytes | None = None
        with self.open() as db, db.write_connection() as conn:
            conn.execute(text("UPDATE device_state SET device_id = :id WHERE id = 1"), {"id": self.device_id})
        #: seq → change id of every journal entry this laptop wrote (read right after each local write).
        self.journaled: dict[int, str] = {}

    @contextlib.contextmanager
    def open(self) -> Iterator[Database]:
        """A new ``Database`` of the file for one step. The first opens it with the passphrase, as the app does;
        the later ones key it with the raw key SQLCipher derived then, because deriving it again for every step
        (PBKDF2, twice where the file has a key file) was 70 % of the short torture's time."""
        if self._raw_key is None:
            db = Database.open(self.path, PASSPHRASE)
            self._raw_key = db.raw_key()
        else:
            db = Database(self.path, "", raw_key=self._raw_key)
        try:
            yield db
        finally:
            db.close()

    def note_journal(self, db: Database) -> None:
        with db.read_connection() as conn:
            after = max(self.journaled, default=0)
            for seq, change_id in conn.execute(
                text("SELECT seq, change_id FROM change_journal WHERE seq > :s"), {"s": after}
            ):
                self.journaled[int(seq)] = str(change_id)

    def sync(self, url: str, *, batch: int = 25, timeout: float = 10) -> SyncReport | str:
        """One sync as the app runs it: the report, or the error's message."""
        with self.open() as db, httpx.Client(timeout=timeout) as http:
            client = SyncClient(db, url, http=http, push_batch=batch, pull_page=batch * 2)
            try:
                return client.sync_once()
            except SyncError as exc:
                return exc.message
            except Exception as exc:  # a laptop's sync must never fail like this
                return f"UNEXPECTED {type(exc).__name__}: {exc}"


@dataclass
class Orphan:
    """Laptop ``deleter`` deleted person ``person``; laptop ``adder``, offline, added visit ``visit`` for them."""

    person: str
    visit: str
    adder_first: bool

    @property
    def expected_kind(self) -> str:
        return "delete_vs_edit" if self.adder_first else "edit_vs_delete"


class Torture:
    def __init__(self, config: TortureConfig) -> None:
        self.config = config
        self.rng = random.Random(config.seed)
        self.summary = TortureSummary()
        self.failures = self.summary.failures
        self.orphans: list[Orphan] = []
        self.server_db = ServerDatabase(config.database_url)
        self.server_db.migrate()
        setup_county_for_torture(self.server_db)
        self.process = ServerProcess(config.database_url, config.workdir / "server.log")
        self.http = httpx.Client(timeout=30)

    def close(self) -> None:
        self.process.stop()
        self.http.close()
        self.server_db.dispose()

    # --- helpers ---------------------------------------------------------------------------------------

    def unit(self, code: str) -> tuple[str, str]:
        with self.server_db.read() as session:
            unit_id, path = session.execute(
                select(OrgUnit.id, OrgUnit.path).where(OrgUnit.code == code)
            ).one()
        return str(unit_id), str(path)

    def sync_until_complete(
        self, laptop: TortureLaptop, url: str, *, seconds: float = 120
    ) -> SyncReport | None:
        deadline = time.monotonic() + seconds
        errors: list[str] = []
        while time.monotonic() < deadline:
            result = laptop.sync(url)
            if isinstance(result, SyncReport):
                if result.complete:
                    return result
                errors.append(result.push_error or "incomplete")
            else:
                errors.append(result)
                if result.startswith("UNEXPECTED"):
                    break
                time.sleep(0.1)
        self.failures.append(f"{laptop.cadre}: sync did not complete: {errors[-3:]}")
        return None

    def rogue(self, cadre: str) -> Rogue:
        return Rogue.enroll(self.http, self.url, admin.issue_code(self.server_db, username=cadre), name=cadre)

    def expect(self, result: PushResult) -> None:
        """The answer of a rogue push: 200, every entry answered, and what each draft expected."""
        self.summary.rogue_entries += len(result.sent)
        self.failures.extend(f"rogue push: {problem}" for problem in problems_of(result))
        for one in result.sent:
            if one.status == "quarantined":
                self.summary.rogue_quarantined += 1
            if one.draft.expect is not None and one.status and one.status != one.draft.expect:
                self.failures.append(
                    f"rogue {one.draft.label}: expected {one.draft.expect}, got {one.status} ({one.reason})"
                )

    # --- the run ---------------------------------------------------------------------------------------

    def run(self) -> TortureSummary:
        started = time.monotonic()
        config = self.config
        self.url = self.process.start()
        self.village_id, self.village_path = self.unit("500229101201")
        self.township_id, self.township_path = self.unit("500229101")
        self.county_id, _ = self.unit("500229")
        self.laptops = [TortureLaptop(config.template, config.workdir, c) for c in VILLAGE_CADRES]
        self.township = TortureLaptop(config.template, config.workdir, TOWNSHIP_CADRE)
        for laptop in [*self.laptops, self.township]:
            with laptop.open() as db, httpx.Client(timeout=30) as http:
                SyncClient(db, self.url, http=http).enroll(
                    admin.issue_code(self.server_db, username=laptop.cadre), device_name=laptop.cadre
                )
        first = self.laptops[0]
        self.sync_until_complete(first, self.url)
        with first.open() as db:
            for _ in range(config.households):
                household = _add_household(db, self.village_id, self.rng)
                for _ in range(self.rng.randint(1, 3)):
                    _add_person(db, household, self.rng)
            first.note_journal(db)
        for laptop in [*self.laptops, self.township]:
            self.sync_until_complete(laptop, self.url)
        self.rogue_village = self.rogue("rogue_v")
        self.rogue_township = self.rogue("rogue_t")
        self.rogue_county = self.rogue("rogue_c")
        with ChaosProxy(
            ("127.0.0.1", self.process.port), seed=config.seed, fault_rate=config.fault_rate
        ) as proxy:
            for round_no in range(config.rounds):
                config.log(f"round {round_no + 1}/{config.rounds}")
                self.local_work()
                self.orphan_scenario(adder_first=round_no % 2 == 0)
                self.adversarial_pushes(round_no)
                self.synced_through(proxy)
                for _ in range(config.client_kills):
                    self.kill_a_laptop()
                for _ in range(config.server_kills):
                    self.kill_the_server()
                self.synced_through(proxy)
                self.summary.rounds += 1
            self.summary.cut_requests = proxy.stats.cut_requests
            self.summary.cut_responses = proxy.stats.cut_responses
        config.log("quiet: every laptop syncs until nothing moves")
        self.settle()
        self.check()
        self.summary.seconds = time.monotonic() - started
        return self.summary

    def local_work(self) -> None:
        """A few ordinary edits on every village laptop, offline."""
        for laptop in self.laptops:
            with laptop.open() as db:
                people = _ids(db, "person")
                households = _ids(db, "household")
                for _ in range(self.rng.randint(1, 4)):
                    action = self.rng.choice(["household", "person", "phone", "visit"])
                    if action == "household" or not households:
                        _add_person(db, _add_household(db, self.village_id, self.rng), self.rng)
                    elif action == "person":
                        _add_person(db, self.rng.choice(households), self.rng)
                    elif action == "phone" and people:
                        _update(
                            db, "person", self.rng.choice(people), phone=f"139{self.rng.randrange(10**8):08d}"
                        )
                    else:
                        _add_visit(db, self.rng.choice(households), None, self.rng)
                laptop.note_journal(db)

    def orphan_scenario(self, *, adder_first: bool) -> None:
        """Laptop a deletes person Q; laptop b, not having pulled that, adds a visit for Q; they sync in the
        given order (directly, so that the order is certain)."""
        deleter, adder = self.rng.sample(self.laptops, 2)
        for laptop in (deleter, adder):
            self.sync_until_complete(laptop, self.url)
        with deleter.open() as db_a, adder.open() as db_b:
            common = sorted(set(_ids(db_a, "person")) & set(_ids(db_b, "person")))
            if not common:
                return
            person = self.rng.choice(common)
            household = _row(db_b, "person", person)["household_id"]
            _delete(db_a, "person", person)
            deleter.note_journal(db_a)
            visit = _add_visit(db_b, household, person, self.rng)
            adder.note_journal(db_b)
        self.orphans.append(Orphan(person, visit, adder_first))
        self.summary.orphan_scenarios += 1
        for laptop in (adder, deleter) if adder_first else (deleter, adder):
            self.sync_until_complete(laptop, self.url)

    def adversarial_pushes(self, round_no: int) -> None:
        """What a device may try: malformed types, writes to the county's tables, cycles, taken unique values,
        children of records deleted meanwhile."""
        rv, rt, rc = self.rogue_village, self.rogue_township, self.rogue_county
        parents = Parents(village_id=self.village_id, county_id=self.county_id)
        q = "quarantined"
        with self.laptops[0].open() as db:
            households = _ids(db, "household")
            people = _ids(db, "person")
            taken_no = _row(db, "household", households[0])["household_no"] if households else "none"
        # Malformed types (issue 13, item 1): each alone, and in one batch with a good entry that must go on.
        tag = f"{self.config.seed}{round_no}{self.rng.randrange(10**6):06d}"
        good = insert(
            "household", str(uuid.uuid4()), valid_values("household", parents, tag), expect="applied"
        )
        good.label = "valid household beside malformed entries"
        self.expect(
            rv.push(
                [
                    insert(
                        "org_unit",
                        str(uuid.uuid4()),
                        {
                            "code": {"x": 1},
                            "name": ["红岩村"],
                            "level": "group",
                            "parent_id": self.village_id,
                        },
                        expect=q,
                        label="org_unit with a dict code and a list name",
                    ),
                    insert(
                        "household",
                        str(uuid.uuid4()),
                        {**valid_values("household", parents), "household_no": {"no": 1}},
                        expect=q,
                        label="household with a dict household_no",
                    ),
                    good,
                    edit("household", households[0], {"address": ["a", "b"]}, expect=q, label="list address")
                    if households
                    else good,
                ]
            )
        )
        if people:
            self.expect(
                rv.push([edit("person", people[0], {"name": {"a": 1}}, expect=q, label="person dict name")])
            )
        # Reference data from the field (item 2).
        self.expect(
            rv.push(
                [
                    edit(
                        "org_unit", self.village_id, {"name": "我的村"}, expect=q, label="rename own village"
                    ),
                    edit(
                        "org_unit",
                        self.village_id,
                        {"level": "county"},
                        expect=q,
                        label="relevel own village",
                    ),
                    remove(
                        "org_unit",
                        self.village_id,
                        {
                            "code": "500229101201",
                            "name": "红岩村",
                            "level": "village",
                            "parent_id": self.township_id,
                        },
                        expect=q,
                        label="delete own village",
                    ),
                    insert(
                        "subsidy_setting",
                        str(uuid.uuid4()),
                        valid_values("subsidy_setting", parents, tag),
                        expect=q,
                        label="village device adds a subsidy setting",
                    ),
                ]
            )
        )
        self.expect(
            rt.push(
                [
                    edit(
                        "org_unit",
                        self.township_id,
                        {"parent_id": self.township_id},
                        expect=q,
                        label="township its own parent",
                    ),
                    edit(
                        "org_unit",
                        self.township_id,
                        {"parent_id": self.village_id},
                        expect=q,
                        label="township under its village",
                    ),
                ]
            )
        )
        if round_no == 0:
            setting = str(uuid.uuid4())
            self.expect(
                rc.push(
                    [
                        insert(
                            "subsidy_setting",
                            setting,
                            valid_values("subsidy_setting", parents, tag),
                            expect="applied",
                            label="county device adds a subsidy setting",
                        )
                    ]
                )
            )
            self.expect(
                rv.push(
                    [
                        edit(
                            "subsidy_setting",
                            setting,
                            {"annual_amount_fen": 1},
                            expect=q,
                            label="village device edits a subsidy setting",
                        )
                    ]
                )
            )
        # A cycle from the county itself is refused too (never stored, whoever asks).
        self.expect(
            rc.push(
                [
                    edit(
                        "org_unit",
                        self.county_id,
                        {"parent_id": self.village_id},
                        expect=q,
                        label="county under its village",
                    )
                ]
            )
        )
        # Unique values that are taken (item 3): never a 409 or 5xx, the entry is quarantined, the queue moves on.
        self.expect(
            rc.push(
                [
                    insert(
                        "org_unit",
                        str(uuid.uuid4()),
                        {
                            "code": "500229101201",
                            "name": "重复村",
                            "level": "village",
                            "parent_id": self.township_id,
                        },
                        expect=q,
                        label="org_unit with a code that exists",
                    )
                ]
            )
        )
        self.expect(
            rv.push(
                [
                    insert(
                        "household",
                        str(uuid.uuid4()),
                        {**valid_values("household", parents), "household_no": taken_no},
                        expect=q,
                        label="household with a household_no that exists",
                    )
                ]
            )
        )
        if people:
            person = people[-1]
            parents.person_id = person
            first_enrollment = valid_values("enrollment", parents, tag)
            self.expect(
                rv.push(
                    [
                        insert("enrollment", str(uuid.uuid4()), first_enrollment, label="enrollment"),
                        insert(
                            "enrollment",
                            str(uuid.uuid4()),
                            first_enrollment,
                            expect=q,
                            label="second enrollment of the same person and term",
                        ),
                    ]
                )
            )

    def synced_through(self, proxy: ChaosProxy) -> None:
        for laptop in [*self.rng.sample(self.laptops, len(self.laptops)), self.township]:
            for _ in range(2):
                laptop.sync(proxy.url, timeout=5)

    def kill_a_laptop(self) -> None:
        """A laptop adds a burst of visits and syncs in a child process (small batches), killed with SIGKILL at a
        random moment: mid-push for it, and then another laptop's child mid-apply of them."""
        pusher, puller = self.rng.sample(self.laptops, 2)
        for laptop in (pusher, puller):
            longest = 2.5  # the child imports the app first (about a second)
            for _attempt in range(3):
                self.add_visits(pusher)
                child = start_child_sync(laptop.path, self.url, self.config.workdir / "child.log", batch=5)
                time.sleep(self.rng.uniform(0.4, longest))
                if child.poll() is None:
                    child.kill()
                    child.wait(timeout=60)
                    self.summary.client_kills += 1
                    break
                child.wait(timeout=60)
                longest = max(0.5, longest * 0.6)  # it finished first: more work, a shorter wait

    def add_visits(self, laptop: TortureLaptop) -> None:
        with laptop.open() as db:
            households = _ids(db, "household")
            for _ in range(self.config.burst if households else 0):
                _add_visit(db, self.rng.choice(households), None, self.rng)
            laptop.note_journal(db)

    def kill_the_server(self) -> None:
        """A laptop with new work syncs while the server is killed with SIGKILL and restarted; when the sync was
        done before the kill, again with more work and a shorter wait (up to three times)."""
        laptop = self.rng.choice(self.laptops)
        longest = 0.3
        for _attempt in range(3):
            self.add_visits(laptop)
            done = threading.Event()

            def work(done: threading.Event) -> None:
                self.sync_until_complete(laptop, self.url, seconds=180)
                done.set()

            worker = threading.Thread(target=work, args=(done,))
            worker.start()
            killed = not done.wait(self.rng.uniform(0.02, longest))
            if killed:
                self.process.kill()
                self.summary.server_kills += 1
                time.sleep(0.2)
                self.process.start()
            worker.join(timeout=240)
            if killed:
                return
            longest = max(0.05, longest * 0.6)

    def settle(self) -> None:
        """Every laptop syncs (directly) until all are complete and a whole round changes nothing."""
        previous = -1
        everyone = [*self.laptops, self.township]
        for _ in range(12):
            results = [self.sync_until_complete(laptop, self.url) for laptop in everyone]
            with self.server_db.read() as session:
                head = self.server_db.read_head(session)
            if all(r is not None for r in results) and head == previous:
                return
            previous = head
        self.failures.append("the laptops did not settle in 12 rounds")

    # --- the invariants --------------------------------------------------------------------------------

    def check(self) -> None:
        failures = self.failures
        everyone = [*self.laptops, self.township]
        # No laptop's sync fails, and one more sync of a settled laptop has nothing to do or repair.
        for laptop in everyone:
            result = laptop.sync(self.url)
            if not isinstance(result, SyncReport):
                failures.append(f"{laptop.cadre}: final sync failed: {result}")
            elif not result.complete or result.push_error or result.repaired:
                failures.append(
                    f"{laptop.cadre}: final sync complete={result.complete} push_error={result.push_error!r} "
                    f"repaired={result.repaired} problems={result.problems}"
                )
        with self.server_db.read() as session:
            applied = {
                str(change_id): (str(device), int(seq), str(status))
                for change_id, device, seq, status in session.execute(
                    select(
                        AppliedChange.change_id,
                        AppliedChange.device_id,
                        AppliedChange.device_seq,
                        AppliedChange.status,
                    )
                )
            }
            quarantine: dict[str, list[str]] = {}
            for change_id, reason in session.execute(select(Quarantine.change_id, Quarantine.reason)):
                quarantine.setdefault(str(change_id), []).append(str(reason))
            conflicts = [
                (str(c.id), str(c.kind), str(c.entity), str(c.entity_id))
                for c in session.scalars(select(Conflict))
            ]
        self.summary.conflicts = len(conflicts)
        # Every journal entry of every laptop on the server exactly once (or quarantined with a reason).
        for laptop in everyone:
            self.summary.laptop_entries += len(laptop.journaled)
            held = sorted(
                (seq, change_id)
                for change_id, (device, seq, _s) in applied.items()
                if device == laptop.device_id
            )
            if held != sorted(laptop.journaled.items()):
                missing = sorted(set(laptop.journaled.items()) - set(held))[:5]
                extra = sorted(set(held) - set(laptop.journaled.items()))[:5]
                failures.append(
                    f"{laptop.cadre}: server holds a different journal: missing {missing} extra {extra}"
                )
            for change_id in laptop.journaled.values():
                if applied.get(change_id, ("", 0, ""))[2] == "quarantined" and not any(
                    r.strip() for r in quarantine.get(change_id, [])
                ):
                    failures.append(f"{laptop.cadre}: change {change_id} quarantined without a reason")
            with laptop.open() as db, db.read_connection() as conn:
                if journal.pending_count(conn) != 0:
                    failures.append(f"{laptop.cadre}: {journal.pending_count(conn)} entries still pending")
                notes = conn.execute(
                    text(
                        "SELECT kind, entity, entity_id, loser_author FROM sync_conflict WHERE kind IN ('rejected_remote', 'repaired')"
                    )
                ).all()
                failures.extend(f"{laptop.cadre}: laptop note {tuple(n)}" for n in notes[:5])
        for rogue in (self.rogue_village, self.rogue_township, self.rogue_county):
            for one in rogue.history:
                stored = applied.get(one.change_id)
                if stored is None:
                    failures.append(f"rogue {one.draft.label}: acknowledged but not on the server")
                elif stored[2] == "quarantined" and not any(
                    r.strip() for r in quarantine.get(one.change_id, [])
                ):
                    failures.append(f"rogue {one.draft.label}: quarantined without a reason")
        # All replicas equal, field by field.
        village_server = columns_only(server_records(self.server_db, self.village_path))
        township_server = columns_only(server_records(self.server_db, self.township_path))
        for laptop in everyone:
            expected = township_server if laptop is self.township else village_server
            with laptop.open() as db:
                mine = columns_only(device_records(db))
                with db.read_connection() as conn:
                    laptop_conflicts = conn.execute(
                        text(
                            f"SELECT id, kind, entity, entity_id FROM sync_conflict WHERE kind IN {SHARED_CONFLICT_KINDS}"
                        )
                    ).all()
            failures.extend(f"{laptop.cadre}: {d}" for d in record_differences(mine, expected)[:10])
            visits_here = {k[1] for k in mine if k[0] == "visit"}
            visits_there = {k[1] for k in expected if k[0] == "visit"}
            for visit in sorted(visits_here - visits_there)[:5]:
                failures.append(f"{laptop.cadre}: live visit {visit} is not live on the server")
            for visit in sorted(visits_there - visits_here)[:5]:
                failures.append(f"{laptop.cadre}: server's live visit {visit} is missing on the laptop")
            # Every expected conflict logged once on the laptop too.
            for orphan in self.orphans:
                count = sum(1 for c in laptop_conflicts if c[3] == orphan.visit)
                if count != 1:
                    failures.append(
                        f"{laptop.cadre}: {count} conflict entries for orphan visit {orphan.visit}"
                    )
        for orphan in self.orphans:
            found = [c for c in conflicts if c[3] == orphan.visit]
            if len(found) != 1:
                failures.append(
                    f"orphan visit {orphan.visit} (adder first: {orphan.adder_first}): "
                    f"{len(found)} conflicts on the server {[c[1] for c in found]}, expected one {orphan.expected_kind}"
                )
            elif found[0][1] != orphan.expected_kind:
                failures.append(
                    f"orphan visit {orphan.visit}: conflict kind {found[0][1]}, expected {orphan.expected_kind}"
                )
            if ("visit", orphan.visit) in village_server:
                failures.append(f"orphan visit {orphan.visit} is live on the server under a deleted person")
        # Nothing stored that a laptop cannot apply, and no org-unit cycle.
        with self.server_db.read() as session:
            for entity, entity_id, data in session.execute(
                select(Record.entity, Record.entity_id, Record.data).where(Record.deleted.is_(False))
            ):
                problems = laptop_problems(str(entity), json.loads(data))
                if problems:
                    failures.append(f"server holds {entity} {entity_id} a laptop cannot apply: {problems}")
        failures.extend(f"org unit {u} is its own ancestor" for u in org_unit_cycles(self.server_db))


def record_differences(laptop: Records, server: Records) -> list[str]:
    def shown(values: Mapping[str, Any]) -> str:
        return json.dumps(values, ensure_ascii=False, default=str)[:200]

    found = [f"{key} only on the laptop: {shown(laptop[key])}" for key in sorted(set(laptop) - set(server))]
    found += [f"{key} only on the server: {shown(server[key])}" for key in sorted(set(server) - set(laptop))]
    for key in sorted(set(laptop) & set(server)):
        for name, value in laptop[key].items():
            if value != server[key].get(name):
                found.append(f"{key} {name}: laptop {value!r}, server {server[key].get(name)!r}")
    return found


def columns_only(records: Records) -> Records:
    """Records with only the columns a laptop has (the server may keep fields a laptop ignores)."""
    return {
        key: {c.name: values.get(c.name) for c in shared_columns(key[0])} for key, values in records.items()
    }


def org_unit_cycles(server_db: ServerDatabase) -> list[str]:
    """Org units that are their own ancestor, in the server's ``org_unit`` table or its live records."""
    tables: list[dict[str, Any]] = [{}, {}]
    with server_db.read() as session:
        for unit_id, parent_id in session.execute(select(OrgUnit.id, OrgUnit.parent_id)):
            tables[0][str(unit_id)] = parent_id
        for entity_id, data in session.execute(
            select(Record.entity_id, Record.data).where(
                Record.entity == "org_unit", Record.deleted.is_(False)
            )
        ):
            tables[1][str(entity_id)] = json.loads(data).get("parent_id")
    cycles = set()
    for table in tables:
        for start in table:
            seen = {start}
            current = table.get(start)
            while isinstance(current, str) and current in table:
                if current in seen:
                    cycles.add(start)
                    break
                seen.add(current)
                current = table.get(current)
    return sorted(cycles)


def setup_county_for_torture(db: ServerDatabase) -> None:
    """``sync_helpers.setup_county`` plus a third cadre of the village and the rogue devices' cadres."""
    setup_county(db)
    admin.create_cadre(db, username="hongyan3", name="王会计", unit_code="500229101201")
    admin.create_cadre(db, username="rogue_v", name="村里的坏设备", unit_code="500229101201")
    admin.create_cadre(db, username="rogue_t", name="镇里的坏设备", unit_code="500229101", role="township")
    admin.create_cadre(db, username="rogue_c", name="县里的坏设备", unit_code="500229", role="county")


def run_torture(config: TortureConfig) -> TortureSummary:
    torture = Torture(config)
    try:
        return torture.run()
    finally:
        torture.close()


# --- laptop-side writes (as the app makes them: through the ORM, journaled by the triggers) ---------------------


def _ids(db: Database, table: str) -> list[str]:
    with db.read_connection() as conn:
        return [str(r[0]) for r in conn.execute(text(f'SELECT id FROM "{table}" ORDER BY id'))]


def _row(db: Database, table: str, record_id: str) -> dict[str, Any]:
    with db.read_connection() as conn:
        return dict(
            conn.execute(text(f'SELECT * FROM "{table}" WHERE id = :id'), {"id": record_id}).mappings().one()
        )


def _update(db: Database, table: str, record_id: str, **values: Any) -> None:
    assignments = ", ".join(f'"{k}" = :{k}' for k in values)
    with db.write_connection() as conn:
        conn.execute(text(f'UPDATE "{table}" SET {assignments} WHERE id = :id'), {**values, "id": record_id})


def _delete(db: Database, table: str, record_id: str) -> None:
    with db.write_connection() as conn:
        conn.execute(text(f'DELETE FROM "{table}" WHERE id = :id'), {"id": record_id})


def _add_household(db: Database, village_id: str, rng: random.Random) -> str:
    household = Household(household_no=f"T{rng.randrange(16**15):015x}", village_id=village_id)
    with db.write() as session:
        session.add(household)
    return household.id


def _add_person(db: Database, household_id: str, rng: random.Random) -> str:
    person = Person(household_id=household_id, name=rng.choice(["张坤", "李娜", "王芳", "赵强"]))
    with db.write() as session:
        session.add(person)
    return person.id


def _add_visit(db: Database, household_id: str, person_id: str | None, rng: random.Random) -> str:
    visit = Visit(
        household_id=household_id,
        person_id=person_id,
        visit_date=dt.date(2025, rng.randint(1, 12), rng.randint(1, 28)),
        visitor_name="李明",
        visitor_role="resident_cadre",
        notes=f"走访{rng.randrange(10**6)}",
    )
    with db.write() as session:
        session.add(visit)
    return visit.id
