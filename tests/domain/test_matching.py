"""Explainable matching (domain/matching.py, issue 16): each part's points and reason, what fits, and the order."""

from __future__ import annotations

from datetime import date

import pytest

from yulu_desktop.domain.matching import (
    GraduateProfile,
    PositionProfile,
    major_fit,
    rank_graduates,
    rank_positions,
    score,
)

TODAY = date(2025, 12, 1)


def _graduate(**values: object) -> GraduateProfile:
    return GraduateProfile(person_id=str(values.pop("person_id", "g")), name="张坤", **values)  # type: ignore[arg-type]


def _position(**values: object) -> PositionProfile:
    defaults: dict[str, object] = {
        "title": "操作工",
        "enterprise": "宏达",
        "industry": "manufacturing",
        "region": "county",
    }
    defaults.update(values)
    position_id = str(defaults.pop("position_id", "p"))
    return PositionProfile(position_id=position_id, **defaults)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("major", "wanted", "fit"),
    [
        ("数控技术应用", ("数控技术应用",), "same"),
        ("数控技术应用专业", ("数控技术应用",), "same"),  # 专业 and 技术 are noise
        ("护理（涉外方向）", ("涉外护理",), "related"),  # shares 护理
        ("口腔医学技术", ("口腔护理",), "related"),
        ("电子商务", ("护理",), "other"),
        ("", ("护理",), "other"),
        ("护理", (), "any"),
        ("护理", ("数控技术应用", "护理"), "same"),
        # Generic words shared by unrelated majors do not make them related.
        ("数控技术应用", ("计算机应用",), "other"),
        ("酒店服务与管理", ("物流管理",), "other"),
        ("汽车运用与维修", ("家电维修",), "other"),
    ],
)
def test_major_fit(major: str, wanted: tuple[str, ...], fit: str) -> None:
    assert major_fit(_graduate(major=major), _position(majors=wanted)) == fit


@pytest.mark.parametrize(
    ("graduate", "position", "points", "fits", "reasons"),
    [
        # Everything wanted: 40 + 20 + 25 + 10 + 5.
        (
            {
                "major": "护理",
                "wanted_region": "province",
                "wanted_income_fen": 400000,
                "wanted_industry": "health",
            },
            {
                "majors": ("护理",),
                "region": "province",
                "pay_min_fen": 400000,
                "pay_max_fen": 500000,
                "industry": "health",
            },
            100,
            True,
            (
                "专业对口（护理）",
                "在意向地域（省内县外）",
                "月薪4000–5000元/月，达到期望4000元",
                "意向行业（卫生和社会工作）",
            ),
        ),
        # Nothing known of the graduate's wishes: related major 25, region 10, pay 10, skill 10.
        (
            {"major": "涉外护理"},
            {"majors": ("护理",), "pay_min_fen": 300000},
            55,
            True,
            ("专业相近（本人涉外护理，岗位要护理）", "地域：县内（未填意向地域）", "薪酬：未填期望月收入"),
        ),
        # Any major 20; another region 0; only the ceiling reaches the wish 15; skill met 10 (with its reason).
        (
            {
                "major": "护理",
                "wanted_region": "county",
                "wanted_income_fen": 450000,
                "skill_level": "level4",
            },
            {"region": "outside", "pay_min_fen": 400000, "pay_max_fen": 500000, "skill_level": "level5"},
            45,
            True,
            (
                "岗位不限专业",
                "不在意向地域（意向县内，岗位在省外）",
                "月薪4000–5000元/月，上限达到期望4500元",
                "技能等级满足（要求初级工（五级））",
            ),
        ),
        # A foreign major and too low a skill do not fit; pay below the wish 0; no pay given 10.
        (
            {"major": "电子商务", "wanted_income_fen": 600000},
            {"majors": ("数控技术应用",), "pay_min_fen": 350000, "skill_level": "level4"},
            10,
            False,
            (
                "专业不对口（本人电子商务，岗位要数控技术应用）",
                "地域：县内（未填意向地域）",
                "月薪3500元/月起，低于期望6000元",
                "技能等级不够（要求中级工（四级），本人无证书）",
            ),
        ),
        (
            {"major": "护理", "wanted_income_fen": 300000},
            {},
            50,
            True,
            ("岗位不限专业", "地域：县内（未填意向地域）", "薪酬：岗位未写月薪"),
        ),
        # A closed position never fits, whatever its score.
        (
            {"major": "护理"},
            {"majors": ("护理",), "deadline": date(2025, 11, 30)},
            70,
            False,
            ("专业对口（护理）", "地域：县内（未填意向地域）", "薪酬：未填期望月收入", "岗位已截止"),
        ),
        # An empty wish (as a form may store it) is no wish.
        (
            {"major": "护理", "wanted_region": ""},
            {"majors": ("护理",)},
            70,
            True,
            ("专业对口（护理）", "地域：县内（未填意向地域）", "薪酬：未填期望月收入"),
        ),
    ],
)
def test_score(
    graduate: dict[str, object],
    position: dict[str, object],
    points: int,
    fits: bool,
    reasons: tuple[str, ...],
) -> None:
    match = score(_graduate(**graduate), _position(**position), today=TODAY)
    assert (match.score, match.fits, match.reasons) == (points, fits, reasons)


def test_a_position_with_no_openings_is_not_open() -> None:
    assert not _position(openings=0).open_on(TODAY)
    assert _position(deadline=TODAY).open_on(TODAY)  # the deadline day itself is still open


def test_rank_positions_orders_by_score_then_pay_deadline_and_id() -> None:
    graduate = _graduate(major="护理")
    positions = [
        _position(position_id="d", majors=("数控技术应用",)),  # 0 + 10 + 10 + 10 = 30, does not fit
        _position(position_id="c", majors=("护理",), pay_max_fen=300000),  # 70
        _position(position_id="b", majors=("护理",), pay_max_fen=500000),  # 70, higher pay
        _position(
            position_id="a2", majors=("护理",), pay_max_fen=300000, deadline=date(2026, 1, 1)
        ),  # 70, earlier
        _position(position_id="a1", majors=("护理",), pay_max_fen=300000, deadline=date(2026, 1, 1)),
    ]
    assert [m.position_id for m in rank_positions(graduate, positions, today=TODAY)] == [
        "b",
        "a1",
        "a2",
        "c",
        "d",
    ]
    fitting = rank_positions(graduate, positions, today=TODAY, fitting_only=True)
    assert [m.position_id for m in fitting] == ["b", "a1", "a2", "c"]
    # The same data always gives the same list.
    assert rank_positions(graduate, list(reversed(positions)), today=TODAY) == rank_positions(
        graduate, positions, today=TODAY
    )


def test_rank_graduates_fitting_only_by_default_ties_by_id() -> None:
    position = _position(majors=("护理",), skill_level="level5")
    graduates = [
        _graduate(person_id="z", major="护理", skill_level="level5"),
        _graduate(person_id="y", major="护理", skill_level="level3"),
        _graduate(person_id="x", major="护理"),  # no certificate: does not fit
        _graduate(person_id="w", major="涉外护理", skill_level="level5", wanted_region="county"),
    ]
    assert [m.person_id for m in rank_graduates(position, graduates, today=TODAY)] == ["y", "z", "w"]
    everyone = rank_graduates(position, graduates, today=TODAY, fitting_only=False)
    assert [(m.person_id, m.score, m.fits) for m in everyone] == [
        ("y", 70, True),
        ("z", 70, True),
        ("w", 65, True),
        ("x", 60, False),
    ]
