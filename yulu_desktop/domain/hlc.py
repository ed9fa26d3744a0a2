"""Hybrid logical clock timestamps (HLC) as one 64-bit integer.

The high bits are wall-clock milliseconds since the Unix epoch, the low 16 bits a counter, so timestamps sort
like integers, follow the wall clock when it moves forward, and still increase when it stands still or goes
back. The store computes the same encoding inside its journal triggers (see ``store.journal``).
"""

from __future__ import annotations

from datetime import UTC, datetime

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1


def pack(wall_ms: int, counter: int = 0) -> int:
    return (wall_ms << COUNTER_BITS) | (counter & COUNTER_MASK)


def wall_ms(hlc: int) -> int:
    return hlc >> COUNTER_BITS


def counter(hlc: int) -> int:
    return hlc & COUNTER_MASK


def to_datetime(hlc: int) -> datetime:
    return datetime.fromtimestamp(wall_ms(hlc) / 1000, tz=UTC)


def tick(last: int, now_ms: int) -> int:
    """The timestamp of a local event: after ``last`` and not behind the wall clock."""
    return max(last + 1, pack(now_ms))


def receive(last: int, remote: int, now_ms: int) -> int:
    """The local clock after seeing a remote timestamp: after both, not behind the wall clock."""
    return max(last + 1, remote + 1, pack(now_ms))


def skew_ms(remote: int, now_ms: int) -> int:
    """How far ``remote`` runs ahead of the local wall clock, in milliseconds (negative when behind)."""
    return wall_ms(remote) - now_ms
