"""Reading one coded cell (excel/cells.py): a label is found as typed or as Excel and IMEs change it."""

from __future__ import annotations

import pytest

from yulu_desktop.domain import codes
from yulu_desktop.excel import cells


@pytest.mark.parametrize("typed", ["初级工（五级）", "初级工(五级)", " 初级工（五级） ", "level5"])
def test_a_label_with_full_width_brackets_is_found_however_its_brackets_are_typed(typed: str) -> None:
    assert cells.read_code(typed, codes.SKILL_LEVEL, "skill_level", "技能等级") == ("level5", [])


def test_a_national_code_is_padded_and_an_unknown_label_is_an_error() -> None:
    assert cells.read_code("1", codes.RISK_CAUSE, "risk_causes", "致贫原因")[0] == "01"
    code, issues = cells.read_code("八级工", codes.SKILL_LEVEL, "skill_level", "技能等级")
    assert code is None and "不是有效的技能等级" in issues[0].message
