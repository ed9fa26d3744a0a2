"""English of the employment field labels (domain/rules.py FIELD_LABELS, issue 16) not given elsewhere."""

ENGLISH: dict[str, str] = {
    "到场": "Came",
    "回访人": "Followed up by",
    "回访月份": "Follow-up month",
    "宣传内容": "Campaign topic",
    "宣传活动": "Campaign",
    "就业地域": "Job region",
    "就业记录": "Employment entry",
    "所属单位": "Unit",
    "支持措施": "Support promised",
    "是否在岗": "Still in the job",
    "月薪上限": "Highest monthly pay",
    "月薪下限": "Lowest monthly pay",
    "期望月收入": "Wanted monthly income",
    "每年岗位数": "Places per year",
    "规划阶段": "Plan stage",
}
