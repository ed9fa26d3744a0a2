"""English of the Excel import and export of job fairs, agreements and referrals (issue 16): the buttons of the
招聘会 page and the question before a referral export with full ID numbers."""

ENGLISH: dict[str, str] = {
    "推荐记录": "Referrals",
    "{0} Excel 导入…": "{0}: import Excel…",
    "{0} Excel 导出…": "{0}: export Excel…",
    "导出推荐记录": "Export referrals",
    "是否导出完整的身份证号？修改后重新导入须用完整号码；导出完整号码须填写理由，记入审计日志。选“否”则身份证号打码。": (
        "Export the full ID numbers? A sheet you edit and import again needs them in full; exporting them in full "
        "needs a reason, written to the audit log. Choose No to mask the ID numbers."
    ),
    "导出完整身份证号": "Export full ID numbers",
    "导出完整身份证号的理由（记入审计日志）：": "Why the full ID numbers are exported (written to the audit log):",
    "如：核对后重新导入推荐结果": "e.g. checking the outcomes and importing them back",
}
