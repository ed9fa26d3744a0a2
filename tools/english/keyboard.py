"""English of the keyboard, screen and window-closing work of issue 19 (页面 menu, 关闭 buttons)."""

ENGLISH: dict[str, str] = {
    "页面(&G)": "&Go",
    "搜索": "Search",
    "新增走访 ({0})": "New visit ({0})",
    "关闭": "Close",
    "关闭此窗口 (Esc)": "Close this window (Esc)",
    "同步冲突": "Sync conflicts",
}
