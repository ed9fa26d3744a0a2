"""How far behind each county is, measured end to end.

The county's feeder writes a heartbeat (``prov_feed_state.heartbeat_at``) on every run, even when nothing
changed, and that row is replicated like any other. Its age at the province is therefore the lag of the whole
chain: a stopped feeder, a county server that is down, a broken network or a failing subscription all make it
grow, while PostgreSQL's own view (``pg_stat_subscription``) only sees the last. Both are shown: the heartbeat's
age as ``lag_seconds``, the subscription's state (enabled, an apply worker running, error counts of
``pg_stat_subscription_stats``) to say why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text

from yulu_desktop.province.db import ProvinceDatabase


@dataclass(frozen=True)
class CountyStatus:
    code: str
    name: str
    enabled: bool  # the subscription exists and is enabled
    running: bool  # an apply worker is running for it
    heartbeat_at: datetime | None  # the county's last heartbeat received (None: nothing yet)
    lag_seconds: float | None  # now − heartbeat_at (None: no heartbeat yet)
    feed_version: int | None
    last_seq: int | None
    people: int
    apply_errors: int
    sync_errors: int
    slot: str = ""  # this database's replication slot on the county (docs/PROVINCE.md)


_STATUS_SQL = """
SELECT c.code, c.name, c.slot_name,
       COALESCE(s.subenabled, false) AS enabled,
       EXISTS (SELECT 1 FROM pg_stat_subscription w
               WHERE w.subid = s.oid AND w.relid IS NULL AND w.pid IS NOT NULL) AS running,
       f.heartbeat_at, f.feed_version, f.last_seq, COALESCE(f.people, 0) AS people,
       COALESCE(st.apply_error_count, 0) AS apply_errors, COALESCE(st.sync_error_count, 0) AS sync_errors
FROM province_county c
LEFT JOIN pg_subscription s
       ON s.subname = c.subscription
      AND s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
LEFT JOIN pg_stat_subscription_stats st ON st.subid = s.oid
LEFT JOIN prov_feed_state f ON f.county_code = c.code
WHERE c.detached_at IS NULL
ORDER BY c.code
"""


def county_status(db: ProvinceDatabase, *, now: datetime | None = None) -> list[CountyStatus]:
    """One line per county now attached, by code."""
    now = now or datetime.now(UTC)
    with db.engine.connect() as conn:
        rows = conn.execute(text(_STATUS_SQL)).all()
    result = []
    for r in rows:
        heartbeat: datetime | None = r.heartbeat_at
        lag = None if heartbeat is None else max(0.0, (now - heartbeat).total_seconds())
        result.append(
            CountyStatus(
                code=r.code,
                name=r.name,
                slot=r.slot_name,
                enabled=bool(r.enabled),
                running=bool(r.running),
                heartbeat_at=heartbeat,
                lag_seconds=lag,
                feed_version=r.feed_version,
                last_seq=r.last_seq,
                people=int(r.people),
                apply_errors=int(r.apply_errors),
                sync_errors=int(r.sync_errors),
            )
        )
    return result
