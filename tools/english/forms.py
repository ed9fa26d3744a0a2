"""English of the edit forms shared by the dialogs (``ui/forms.py``) and the employment dialogs' checklists: a
stored value that is not among the choices."""

ENGLISH: dict[str, str] = {
    "{0}（不在可选列表中）": "{0} (not among the choices)",
    "这条记录保存的是“{0}”，不在现在的可选项中。不改动则原样保存，也可以改选其他项。": (
        "This record holds “{0}”, which is not among the current choices. Left as it is, it is saved "
        "unchanged; you may also choose another."
    ),
    "可选列表中没有编号为 {0} 的记录；不取消勾选则原样保存。": (
        "There is no record with the id {0} among the choices; left checked, it is saved unchanged."
    ),
}
