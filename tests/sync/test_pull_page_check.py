"""A pulled page is checked a column at a time, and decides exactly as the check of one value at a time.

A first pull checks a million values; ``record_check.column_plainly_storable`` tests a column's values with the
interpreter's built-ins, and ``pull_guard.page_problems`` falls back to the change-by-change check where a
column does not plainly fit. If the column test let through a value the one-by-one test refuses, a value a
laptop cannot store would reach its database; these tests compare the two on every shared column.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from yulu_desktop.store.schema import SHARED_TABLES
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync import pull_guard, record_check

COLUMNS = [(entity, name) for entity in sorted(SHARED_TABLES) for name in record_check._columns(entity)]

EDGES: list[Any] = [
    None,
    "",
    " ",
    "\u3000",
    "\x1c",
    "a\x00b",
    "张三",
    "2025-09-01",
    "2025-02-30",
    "2025-9-1",
    "2025-09-01\n",
    "２０２５-09-01",
    "2025-09-01T08:00:00",
    "normal",
    "draft",
    "M",
    0,
    1,
    2,
    -1,
    2**63 - 1,
    2**63,
    -(2**63) - 1,
    True,
    False,
    1.0,
    [],
    {},
]

values = st.one_of(
    st.sampled_from(EDGES),
    st.text(max_size=30),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.dates().map(str),
    st.integers(min_value=1, max_value=60).map(lambda n: "字" * n * 10),
)


def one_by_one(entity: str, name: str, column_values: list[Any]) -> bool:
    column = record_check._columns(entity)[name]
    return all(record_check._value_problem(column, v, domain_rules=False) is None for v in column_values)


def test_every_column_on_each_edge_value() -> None:
    for entity, name in COLUMNS:
        column = record_check._columns(entity)[name]
        for value in EDGES:
            bulk = record_check.column_plainly_storable(entity, name, [value])
            assert not bulk or one_by_one(entity, name, [value]), (entity, name, value)
            if column.kind != "datetime":
                assert bulk == one_by_one(entity, name, [value]), (entity, name, value)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(COLUMNS), st.lists(values, min_size=1, max_size=6))
def test_every_column_on_generated_values(entity_name: tuple[str, str], column_values: list[Any]) -> None:
    entity, name = entity_name
    bulk = record_check.column_plainly_storable(entity, name, column_values)
    assert not bulk or one_by_one(entity, name, column_values)
    if record_check._columns(entity)[name].kind != "datetime":
        assert bulk == one_by_one(entity, name, column_values)


def _change(seq: int, entity: str, fields: dict[str, Any], op: str = "I") -> p.Change:
    return p.Change(seq=seq, entity=entity, entity_id=f"id-{seq}", op=op, hlc=seq, fields=fields)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["person", "household", "visit"]),
            st.dictionaries(
                st.sampled_from(["name", "phone", "birth_date", "sex", "address", "note"]), values
            ),
            st.sampled_from(["I", "U", "D"]),
        ),
        max_size=12,
    )
)
def test_a_page_finds_what_each_change_would(generated: list[tuple[str, dict[str, Any], str]]) -> None:
    """Mixed runs, unknown fields, deletes: the page check names exactly the changes the per-change check
    names, with the same reasons."""
    changes = [_change(i, entity, fields, op) for i, (entity, fields, op) in enumerate(generated)]
    expected = {i: problems for i, c in enumerate(changes) if (problems := pull_guard.change_problems(c))}
    assert pull_guard.page_problems(changes) == expected


def test_one_bad_value_in_a_long_run_is_found_and_worded() -> None:
    good = {"name": "张三", "sex": "M", "birth_date": "2001-02-03"}
    changes = [_change(i, "person", dict(good)) for i in range(1000)]
    changes[613] = _change(613, "person", {**good, "birth_date": "2001-02-30"})
    found = pull_guard.page_problems(changes)
    assert list(found) == [613] and "日期" in found[613][0]
