"""English of field labels added this session (domain/rules.py FIELD_LABELS) and of the person window's
household-event wiring."""

ENGLISH: dict[str, str] = {
    "作废人": "Voided by",
    "作废日期": "Voided on",
    "原户": "Former household",
    "原表填写内容": "Text as in the source file",
    "学籍结束日期": "Schooling ended on",
    "新户": "New household",
    "检索字": "Search key",
    "登记人": "Recorded by",
    "记录编号": "Record ID",
    "迁入地": "Moved to",
    "迁出地": "Moved from",
    "出生、婚入/婚出、分户、迁出、死亡、注销": "Birth, marriage in/out, household split, moving out, death, cancellation",
    "人口变动": "Household changes",
    "户籍变动": "Household events",
    "<b>导入原文</b>（代码表中没有对应项，请核对后在上方选择）：{0}": "<b>Text as imported</b> (no matching code; check and choose above): {0}",
}
