"""English of field labels added this session (domain/rules.py FIELD_LABELS)."""

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
    "迁入地": "Moved in from",
    "迁出地": "Moved out to",
}
