"""English of 合并企业 (merging two records of one enterprise) on the 企业 page and its dialog."""

ENGLISH: dict[str, str] = {
    "合并…": "Merge…",
    "把同一家企业的两条记录合并为一条": "Merge two records of the same enterprise into one",
    "疑似重复的企业（信用代码相同，或名称和所在地相同）：{0}。请核对；是同一家的，选中其中一条，点“合并…”合为一条。": (
        "Enterprises that look like duplicates (same credit code, or same name and location): {0}. "
        "Please check them; where they are the same company, select one and click “Merge…” to make them one."
    ),
    "请先在表中选中要合并的企业": "Select the enterprise to merge in the table first",
    "本县没有别的企业可以与它合并": "The county has no other enterprise to merge it with",
    "已将“{0}”合并到“{1}”": "Merged “{0}” into “{1}”",
    "合并企业": "Merge enterprises",
    "确定把“{0}”合并到“{1}”并删除“{0}”吗？此操作会同步到全县，不能撤销。": (
        "Merge “{0}” into “{1}” and delete “{0}”? This syncs to the whole county and cannot be undone."
    ),
    "合并完成": "Merged",
    "两条记录是同一家企业时，合并为一条：保留的一条已填的信息不变，空着的信息从另一条补上；"
    "另一条的岗位、合作协议和招聘会都改为这一条，然后删除另一条。合并会同步到全县各台电脑，不能撤销。": (
        "When two records are the same enterprise, merge them into one: what the record kept has filled in stays, "
        "what it has empty is taken from the other; the other's positions, agreements and job fairs move to the "
        "record kept, and the other is deleted. The merge syncs to every computer of the county and cannot be "
        "undone."
    ),
    "【疑似重复】": "[likely duplicate] ",
    "与哪家企业合并：": "Merge with:",
    "{0} 个": "{0}",
    "{0} 份": "{0}",
    "{0} 场": "{0}",
    "合并": "Merge",
    "保留“{0}”": "Keep “{0}”",
    "合并后": "After the merge",
    "{0}（补）": "{0} (taken)",
    "合并后保留“{0}”，删除“{1}”；“{1}”的 {2} 个岗位、{3} 份合作协议和 {4} 场招聘会改为“{0}”。"
    "保留的一条空着的信息从另一条补上（标“补”）；两条都填了而不同的（加粗）以保留的一条为准。": (
        "“{0}” is kept and “{1}” deleted; the {2} positions, {3} agreements and {4} job fairs of “{1}” move to "
        "“{0}”. What the record kept has empty is taken from the other (marked “taken”); where both have a field "
        "filled in differently (bold), the record kept stands."
    ),
}
