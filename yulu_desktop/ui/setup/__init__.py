"""Setting up a laptop without a terminal: first start, connecting to the county server (enrollment), matching
local org units to the county's, 我的信息, 设置, 帮助 and 关于 (issue 18)."""
