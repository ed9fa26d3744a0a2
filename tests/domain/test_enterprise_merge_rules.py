"""The pure rules of 合并企业 (domain.enterprise_merge): fields taken and kept, refusals, id lists re-pointed."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from yulu_desktop.domain.enterprise_merge import merge_plan, merge_problems, repointed
from yulu_desktop.domain.entities import Enterprise

CODE = "91500229MA5U3K8X17"


def _enterprise(**changes: Any) -> Enterprise:
    values: dict[str, Any] = {
        "county_id": "county",
        "name": "城口县宏达机械有限公司",
        "industry": "manufacturing",
        "region": "county",
    }
    values.update(changes)
    return Enterprise(**values)


def test_empty_fields_are_taken_and_filled_ones_stand() -> None:
    kept = _enterprise(contact_name="何经理", place="城口县工业园区")
    dropped = _enterprise(
        name="城口宏达机械有限公司",
        credit_code=" 91500229ma5u3k8x17 ",
        contact_name="刘主任",
        contact_phone="13800000001",
        place="城口县工业园区",
        region="province",
        pairing="east_west",
        pairing_partner="浙江省宁波市",
    )
    plan = merge_plan(kept, dropped)
    assert plan.taken == {
        "credit_code": CODE,  # as stored: upper case, no spaces
        "contact_phone": "13800000001",
        "pairing": "east_west",
        "pairing_partner": "浙江省宁波市",
    }
    assert plan.taken_labels() == ["统一社会信用代码", "联系电话", "帮扶协作", "协作方"]
    assert [(d.field, d.kept, d.dropped) for d in plan.differences] == [
        ("name", "城口县宏达机械有限公司", "城口宏达机械有限公司"),
        ("region", "县内", "省内县外"),  # codes shown by their labels
        ("contact_name", "何经理", "刘主任"),
    ]


def test_a_chosen_pairing_is_not_replaced_and_the_default_is_not_taken() -> None:
    chosen = _enterprise(pairing="assigned", pairing_partner="中国农业银行")
    default = _enterprise()
    assert merge_plan(chosen, default).taken == {}
    assert merge_plan(chosen, default).differences == ()
    assert merge_plan(default, chosen).taken == {"pairing": "assigned", "pairing_partner": "中国农业银行"}


def test_the_same_credit_code_written_differently_is_no_difference() -> None:
    plan = merge_plan(_enterprise(credit_code=CODE), _enterprise(credit_code=CODE.lower()))
    assert plan.taken == {} and plan.differences == ()


def test_refusals() -> None:
    one = _enterprise(credit_code=CODE)
    assert [i.field for i in merge_problems(one, one)] == ["id"]
    assert merge_problems(one, _enterprise(credit_code=CODE.lower())) == []
    assert merge_problems(one, _enterprise()) == []  # one code missing: may be the same company
    other = "91330200MA2CHY8B4E"
    (problem,) = merge_problems(one, _enterprise(credit_code=other))
    assert problem.field == "credit_code" and problem.is_error
    assert CODE in problem.message and other in problem.message
    (county,) = merge_problems(one, _enterprise(county_id="another"))
    assert county.field == "county_id"


def test_repointed_lists() -> None:
    assert repointed(["a", "b"], "x", "k") is None
    assert repointed(["a", "x", "b"], "x", "k") == ["a", "k", "b"]
    assert repointed(["k", "a", "x"], "x", "k") == ["k", "a"]
    assert repointed(["x", "a", "k"], "x", "k") == ["k", "a"]


@given(st.lists(st.sampled_from(["a", "b", "k", "x"]), unique=True))
def test_a_repointed_list_names_each_id_once_and_never_the_dropped_one(ids: list[str]) -> None:
    result = repointed(ids, "x", "k")
    if "x" not in ids:
        assert result is None
        return
    assert result is not None
    assert "x" not in result and "k" in result and len(result) == len(set(result))
    assert set(result) == (set(ids) - {"x"}) | {"k"}
