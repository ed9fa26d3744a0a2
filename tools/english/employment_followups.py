"""English of the Excel import and export of follow-ups (稳岗回访 page), fair invitations (招聘会 page, 邀请名单
tab) and campaigns with the people they reached (政策宣传 page) (issue 16)."""

ENGLISH: dict[str, str] = {
    "从 Excel 导入已做的回访（先导出一份作模板）；有错误时一行也不导入，逐行列出问题": (
        "Import follow-ups done from Excel (export first to get the template); if anything is wrong, nothing is "
        "imported and every problem is listed by row"
    ),
    "如：村里补录回访后重新导入": "e.g. the village fills in follow-ups and imports them back",
    "如：核对到场情况后重新导入": "e.g. checking who came and importing it back",
    "宣传对象": "People reached",
    "如：补登宣传对象后重新导入": "e.g. adding the people reached and importing them back",
}
