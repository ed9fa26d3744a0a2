"""管辖范围: a record of a unit is inside a jurisdiction when its unit is the jurisdiction's or below it."""

from __future__ import annotations

from yulu_desktop.domain.jurisdiction import Jurisdiction

UNITS = {
    "county": ("城口县", None),
    "miaoba": ("庙坝镇", "county"),
    "gaoguan": ("高观镇", "county"),
    "hongyan": ("红岩村", "miaoba"),
    "loop-a": ("甲", "loop-b"),  # a broken tree (a cycle) ends the walk, not the program
    "loop-b": ("乙", "loop-a"),
}


def test_the_unit_and_the_units_below_it_are_inside() -> None:
    township = Jurisdiction("miaoba", UNITS)
    assert township.holds("miaoba") and township.holds("hongyan")
    assert not township.holds("county") and not township.holds("gaoguan")
    assert not township.holds("loop-a") and not township.holds("gone")
    assert township.refusal("hongyan") is None
    assert township.refusal("county") == (
        "属于城口县，不在本机的管辖范围（庙坝镇）内，本机不能修改（县服务器不会接受这一修改）；请由城口县修改"
    )
    assert "属于编号为 gone 的单位" in (township.refusal("gone") or "")


def test_a_laptop_without_a_jurisdiction_refuses_nothing() -> None:
    none = Jurisdiction(None, UNITS)
    assert none.holds("county") and none.holds("gone") and none.refusal("county") is None
