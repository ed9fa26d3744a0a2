"""Build step for the desktop translations.

    python tools/build_translations.py            compile resources/translations/*.ts to .qm (pyside6-lrelease)
    python tools/build_translations.py --update   re-extract tr() strings (pyside6-lupdate), add the column and
                                                  field labels of the read services, fill known English texts

Source strings are Simplified Chinese; ``yulu_en.ts`` is the English translation. ``.qm`` files are build products
(gitignored); the app compiles them itself from a checkout if they are missing (``ui.i18n.compile_translations``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TS = ROOT / "resources" / "translations" / "yulu_en.ts"

#: English for the Chinese source strings (UI chrome, column and field labels). Strings not listed stay
#: untranslated (Qt then shows the Chinese source). A feature may keep its own texts in ``tools/english/<feature>.py``
#: (a dict named ``ENGLISH``); they are merged in by :func:`english`.
ENGLISH: dict[str, str] = {
    # Local users (本机用户)
    "用户": "User",
    "用户：{0}": "User: {0}",
    "本机用户…": "Local users…",
    "本机用户": "Local users",
    "为保护个人信息，雨露已锁定。请用户“{0}”输入自己的密码解锁。": "Yulu is locked to protect personal data. {0}, enter your own passphrase to unlock.",
    "{0}的密码": "{0}'s passphrase",
    "添加本机用户": "Add a local user",
    "修改“{0}”的密码": "Change the passphrase of {0}",
    "用户名": "User name",
    "你自己（所有者）的用户名": "Your own (the owner's) user name",
    "原密码": "Current passphrase",
    "新密码": "New passphrase",
    "请填写用户名": "Please enter a user name",
    "请填写你自己（所有者）的用户名": "Please enter your own (the owner's) user name",
    "多人共用这台电脑时，每人一个用户和自己的密码，操作记在各自名下。只有所有者（用数据库密码登录的人）可以添加和删除用户。": "Where several people share this computer, each has a user and a passphrase of their own, and what they do is recorded under their name. Only the owner (who signs in with the database passphrase) may add and remove users.",
    "添加用户…": "Add user…",
    "删除用户": "Remove user",
    "修改密码…": "Change passphrase…",
    "所有者": "owner",
    "当前": "current",
    "本机还没有其他用户：现在用数据库密码登录。添加第一个用户时也给自己起个用户名。": "No other users on this computer yet: you signed in with the database passphrase. When adding the first user, also give yourself a user name.",
    "已添加用户“{0}”": "User {0} added",
    "已删除用户“{0}”": "User {0} removed",
    "已修改“{0}”的密码": "Passphrase of {0} changed",
    "正在处理…": "Working…",
    "雨露计划+ 工作台": "Yulu Plan+ Workbench",
    "理由（必填，记入审计日志），如：核对银行卡开户信息": "Reason (required, written to the audit log), e.g. checking the bank account",
    "出生年份": "Year of birth",
    "上级单位": "Parent unit",
    "人员": "Person",
    "原图校验值": "Original file hash",
    "县编码": "County code",
    "备注": "Note",
    "学籍记录": "Enrollment record",
    "年补助标准": "Annual subsidy",
    "所属户": "Household",
    "文件名": "File name",
    "文件大小": "File size",
    "文件校验值": "File hash",
    "文件类型": "File type",
    "添加日期": "Added on",
    "生效日期": "Effective from",
    "级别": "Level",
    "编码": "Code",
    "补助申请表（批量）": "Subsidy application forms (batch)",
    "签字版：显示完整身份证号、电话和账号（记入审计日志）": (
        "Copies to sign: full ID numbers, phones and accounts (written to the audit log)"
    ),
    "理由（必填），如：村委会初审签字": "Reason (required), e.g. signatures of the village committee",
    "不勾选则打印核对稿（身份证号等已打码）。": "Unticked: copies for checking (ID numbers and the like masked).",
    "意愿清单": "Intents",
    "在读学生清单": "Students",
    "毕业生去向清单": "Graduates",
    "户": "Households",
    "人": "People",
    "走访": "Visits",
    "条": "entries",
    "入读职业院校意愿清单": "Vocational school intent list",
    "雨露计划在读学生清单": "Yulu students list",
    "雨露计划毕业生就业去向清单": "Yulu graduate destinations",
    "走访（待办承诺在前）": "Visits (open follow-ups first)",
    "页面": "Pages",
    "新增走访": "New visit",
    "新增走访 (Ctrl+N)": "New visit (Ctrl+N)",
    "搜索姓名、拼音、证件尾号、户编号": "Search name, pinyin, ID tail, household no.",
    "姓名、全拼或首字母（zk 找张坤）、身份证后几位、户编号、手机号 (Ctrl+F)": "Name, full pinyin or initials (zk finds 张坤), last digits of an ID, household no., phone (Ctrl+F)",
    "上次同步：未配置同步": "Last sync: sync not configured",
    "连接：未配置同步": "Connection: sync not configured",
    "数据库：{0}": "Database: {0}",
    "待同步：{0} 条": "Pending changes: {0}",
    "走访已保存": "Visit saved",
    "已标记办结": "Marked done",
    "行政区划": "Area",
    "全部": "All",
    "筛选：姓名、拼音、户编号": "Filter: name, pinyin, household no.",
    "显示列": "Columns",
    "全部学期": "All terms",
    "学期": "Term",
    "只看待办承诺": "Open follow-ups only",
    "标记办结": "Mark done",
    "正在读取…": "Loading…",
    "共 {0} {1}": "{0} {1}",
    "一人一档": "Person file",
    "查看完整身份证号和手机号": "Show full ID number and phone",
    "查看完整信息会记入审计日志": "Viewing full details is audited",
    "基本信息": "Basic data",
    "户和家庭成员": "Household",
    "学籍": "Schooling",
    "补助": "Subsidies",
    "走访记录": "Visits",
    "培训与证书": "Training",
    "就业去向": "Employment",
    "附件": "Attachments",
    "学籍（按学期）": "Schooling by semester",
    "入读职业院校意愿": "Vocational school intent",
    "记录去向变化": "Record a change",
    "新的去向变化（保存后不能修改，只能再追加）": "New change (cannot be edited once saved; append another)",
    "就业去向历史（每次变化都保留）": "Employment history (every change kept)",
    "添加附件…": "Add attachment…",
    "选择附件以预览": "Select an attachment to preview",
    "保存": "Save",
    "保存基本信息 (Ctrl+S)": "Save basic data (Ctrl+S)",
    "关闭": "Close",
    "一人一档 - {0}": "Person file - {0}",
    "{0}岁": "{0} years",
    "是": "yes",
    "否": "no",
    "附件 ({0})": "Attachments ({0})",
    "就业去向 ({0})": "Employment ({0})",
    "请先改正标红的内容": "Please correct the fields in red first",
    "已保存": "Saved",
    "未保存：{0}": "Not saved: {0}",
    "未保存": "Not saved",
    "已记录去向变化": "Change recorded",
    "选择扫描件或照片": "Choose a scan or photo",
    "无法读取文件：{0}": "Cannot read the file: {0}",
    "已添加附件 {0}": "Attachment {0} added",
    "此类文件不能预览": "No preview for this kind of file",
    "图片无法显示": "The image cannot be shown",
    "未保存的修改": "Unsaved changes",
    "{0}的档案有未保存的修改。是否保存？": "The file of {0} has unsaved changes. Save them?",
    "为该户新增走访": "New visit to this household",
    "创建雨露数据库": "Create the Yulu database",
    "填入演示数据（{0} 户，用于熟悉软件）": "Fill in demo data ({0} households, to get to know the app)",
    "密码": "Passphrase",
    "再次输入": "Again",
    "创建": "Create",
    "至少 8 个字符；越长越安全，可以用一句好记的话": "At least 8 characters; longer is safer, a memorable sentence works",
    "密码强度：{0}": "Strength: {0}",
    "两次输入的密码不一致": "The passphrases differ",
    "正在创建加密数据库…": "Creating the encrypted database…",
    "正在创建数据库并生成演示数据…": "Creating the database and demo data…",
    "创建失败：{0}": "Could not create: {0}",
    "打开雨露数据库": "Open the Yulu database",
    "打开": "Open",
    "请输入密码": "Please enter the passphrase",
    "正在打开…": "Opening…",
    "密码不正确，请再试一次（注意大小写和输入法）。": "Wrong passphrase. Please try again (check Caps Lock and the input method).",
    "无法打开数据库：{0}": "Cannot open the database: {0}",
    "输入姓名、拼音首字母、户编号或身份证号后几位，回车选择": "Type a name, pinyin initials, household no. or ID tail; Enter picks",
    "尚未选择走访户": "No household chosen yet",
    "走访户": "Household",
    "保存 (Ctrl+Enter)": "Save (Ctrl+Enter)",
    "已选：{0}（{1}）· {2} · 户编号 {3}": "Chosen: {0} ({1}) · {2} · household {3}",
    "请先选择走访的户": "Please choose the household first",
    "敏感信息，已脱敏显示": "Sensitive: shown masked",
    "元": "yuan",
    "匹配：{0}": "Matched: {0}",
    "操作失败：{0}": "Failed: {0}",
    "很弱": "very weak",
    "弱": "weak",
    "一般": "fair",
    "较强": "good",
    "强": "strong",
    # column and field labels
    "姓名": "Name",
    "性别": "Sex",
    "出生日期": "Born",
    "身份证号": "ID number",
    "户编号": "Household no.",
    "行政村": "Village",
    "有意愿就读": "Wants to enrol",
    "意向学校类型": "School type wanted",
    "意向学校": "School wanted",
    "意向专业": "Major wanted",
    "预计入学年份": "Expected year",
    "需要就业帮扶": "Needs job help",
    "登记日期": "Recorded",
    "情况记录": "Notes",
    "学校名称": "School",
    "学校类型": "School type",
    "专业": "Major",
    "年级": "Grade",
    "学年": "School year",
    "学籍状态": "Registry status",
    "补助状态": "Subsidy",
    "学籍号": "Registry no.",
    "去向": "Destination",
    "就业单位": "Employer",
    "岗位": "Job",
    "就业地点": "Place",
    "月收入（元）": "Monthly income (yuan)",
    "就业渠道": "Channel",
    "专业对口": "Matches major",
    "变更日期": "Effective",
    "变更次数": "Changes",
    "村民小组": "Group",
    "户主": "Head",
    "人数": "Members",
    "户类型": "Household type",
    "监测对象类型": "Monitoring type",
    "风险是否消除": "Risk eliminated",
    "联系电话": "Phone",
    "收款账号": "Account",
    "住址": "Address",
    "与户主关系": "Relationship",
    "文化程度": "Education",
    "在校生状况": "Student status",
    "手机号": "Mobile",
    "人员状态": "Status",
    "人员编号": "Person no.",
    "走访日期": "Visit date",
    "走访对象": "Visited",
    "走访人": "Visitor",
    "走访方式": "Mode",
    "走访目的": "Purpose",
    "承诺事项": "Follow-up",
    "办结期限": "Due",
    "办理状态": "State",
    "办结日期": "Done on",
    "补助金额（元）": "Amount (yuan)",
    "状态": "State",
    "申请日期": "Applied",
    "收款人": "Payee",
    "原因": "Reason",
    "类别": "Kind",
    "名称": "Name",
    "培训机构": "Provider",
    "开始日期": "Start",
    "结束日期": "End",
    "证书编号": "Certificate no.",
    "证书等级": "Level",
    "变更原因": "Reason for change",
    "信息来源": "Source",
    "记录时间": "Recorded at",
    "附件类型": "Kind",
    "民族": "Ethnicity",
    "健康状况": "Health",
    "残疾情况": "Disability",
    "劳动技能": "Skills",
    "走访人身份": "Visitor role",
    # printing, export, import and reconciliation
    "正在准备 {0}……": "Preparing {0}…",
    "取消": "Cancel",
    "正在取消……": "Cancelling…",
    "正在读取档案 {0}/{1}……": "Reading records {0}/{1}…",
    "正在排版 {0}/{1}……": "Laying out {0}/{1}…",
    "选择要导入的文件": "Choose the file to import",
    "支持 .xlsx、.xls、.csv；表头可以不在第一行。": "Supports .xlsx, .xls and .csv; the header need not be on the first row.",
    "浏览…": "Browse…",
    "文件": "File",
    "表格类型": "Sheet type",
    "选择表格": "Choose a sheet",
    "表格 (*.xlsx *.xls *.csv);;所有文件 (*)": "Spreadsheets (*.xlsx *.xls *.csv);;All files (*)",
    "导出 Excel - {0}": "Export to Excel - {0}",
    "包含完整身份证号、手机号、账号（将记入审计日志）": "Include full ID numbers, phone numbers and accounts (recorded in the audit log)",
    "范围：{0}。默认对身份证号、手机号、账号打码。": "Scope: {0}. ID numbers, phone numbers and accounts are masked by default.",
    "导出": "Export",
    "保存到": "Save to",
    "导出 Excel": "Export to Excel",
    "Excel 工作簿 (*.xlsx)": "Excel workbook (*.xlsx)",
    "取消导出": "Cancel export",
    "正在导出……": "Exporting…",
    "正在导出……已写入 {0} 行": "Exporting… {0} rows written",
    "已导出 {0} 行到 {1}": "Exported {0} rows to {1}",
    "（含完整敏感信息，已记入审计日志）": " (full sensitive data; recorded in the audit log)",
    "已取消导出，没有写入文件。": "Export cancelled; no file was written.",
    "导出失败：{0}": "Export failed: {0}",
    "导入": "Import",
    "取消导入": "Cancel import",
    "正在导入……": "Importing…",
    "导入表格": "Import a sheet",
    "有问题的行已另存为：{0}": "Rows with problems were saved to: {0}",
    "已取消，没有写入任何数据。": "Cancelled; nothing was written.",
    "导入失败：{0}": "Import failed: {0}",
    "正在检查…… 已读取 {0} 行": "Checking… {0} rows read",
    "正在写入 {0}/{1} 行……": "Writing rows {0}/{1}…",
    "正在读取 {0} 行……": "Reading {0} rows…",
    "打印清单": "Print list",
    "打印左侧所选村或乡镇的清单（身份证号等已打码）": "Print the list of the village or township chosen on the left (ID numbers etc. masked)",
    "导出 Excel…": "Export to Excel…",
    "数据(&D)": "&Data",
    "导入 Excel…": "Import from Excel…",
    "核对国家系统数据…": "Reconcile with the national system…",
    "导出当前清单 Excel…": "Export current list to Excel…",
    "打印(&P)": "&Print",
    "打印当前清单…": "Print current list…",
    "本村一人一档（批量）…": "All person files of the village (batch)…",
    "本村补助申请表（批量）…": "All subsidy forms of the village (batch)…",
    "公示名单…": "Public notice list…",
    "请先切换到意愿清单、在读学生清单或毕业生去向清单": "Switch to the intents, students or graduates list first",
    "导入完成": "Import finished",
    "请先在左侧区划树中选择一个村或乡镇": "Choose a village or township in the tree on the left first",
    "补助申请表": "Subsidy application form",
    "保存批量打印的 PDF": "Save the batch as PDF",
    "PDF 文件 (*.pdf)": "PDF files (*.pdf)",
    "还没有学籍记录，无法打印补助申请表": "No schooling recorded yet; cannot print subsidy forms",
    "本村补助申请表（批量）": "All subsidy forms of the village (batch)",
    "已生成 {0} 份，保存到 {1}": "{0} documents made, saved to {1}",
    "批量打印": "Batch printing",
    "以下 {0} 人未打印：": "{0} people were not printed:",
    "已取消批量打印，没有生成文件": "Batch printing cancelled; no file was made",
    "还没有行政村，无法生成公示名单": "No villages yet; cannot make a public notice list",
    "公示名单 {0} {1}": "Public notice list {0} {1}",
    "打印一人一档": "Print person file",
    "打印补助申请表…": "Print subsidy application form…",
    "打印": "Print",
    "图片和文档 (*.jpg *.jpeg *.png *.bmp *.pdf);;所有文件 (*)": "Images and documents (*.jpg *.jpeg *.png *.bmp *.pdf);;All files (*)",
    "一人一档 {0}": "Person file {0}",
    "没有学籍记录，无法打印补助申请表": "No schooling recorded; cannot print a subsidy application form",
    "打印补助申请表": "Print subsidy application form",
    "补助申请表 {0} {1}": "Subsidy application form {0} {1}",
    "预览": "Preview",
    "正在检查……": "Checking…",
    "行": "Row",
    "列": "Column",
    "问题": "Problem",
    "跳过有问题的行，只导入没有问题的行（有问题的行另存为表格，可改正后再导入）": "Skip rows with problems and import only the others (rows with problems are saved to a sheet to fix and import again)",
    "打印预览 - {0}": "Print preview - {0}",
    "正在生成 {0}……": "Making {0}…",
    "上一页 (PgUp)": "Previous page (PgUp)",
    "下一页 (PgDown)": "Next page (PgDown)",
    "适合宽度": "Fit width",
    "整页": "Whole page",
    "打印…": "Print…",
    "另存为 PDF…": "Save as PDF…",
    "缩放": "Zoom",
    "无法显示生成的 PDF": "Cannot show the PDF that was made",
    "共 {0} 页": "{0} pages",
    "已发送 {0} 页到打印机": "{0} pages sent to the printer",
    "无法开始打印，请检查打印机": "Cannot start printing; check the printer",
    "另存为 PDF": "Save as PDF",
    "已保存：{0}": "Saved: {0}",
    "保存失败：{0}": "Saving failed: {0}",
    "正在保存……": "Saving…",
    "公示名单": "Public notice list",
    "村委会或联系人电话": "Phone of the village committee or the contact",
    "如：乡镇人民政府（可不填）": "e.g. the township government (optional)",
    "公示名单不含身份证号、电话、账号和健康状况。": "The public notice list never shows ID numbers, phone numbers, accounts or health.",
    "联系人": "Contact",
    "公示开始": "Notice starts",
    "公示结束": "Notice ends",
    "异议受理单位": "Objections to",
    "异议受理电话": "Objection phone",
    "与国家系统核对": "Reconcile with the national system",
    "选择国家系统导出表并核对…": "Choose a national system export and compare…",
    "保存核对报告…": "Save the report…",
    "选择从全国防返贫监测信息系统导出的表格，与雨露中的数据逐人核对。": "Choose a sheet exported from the national monitoring system to compare it with Yulu person by person.",
    "选择国家系统导出表": "Choose a national system export",
    "正在核对 {0} ……": "Comparing {0}…",
    "核对失败：{0}": "Comparison failed: {0}",
    "人编号": "Person no.",
    "证件号码": "ID number",
    "仅在国家系统 ({0})": "Only in the national system ({0})",
    "仅在雨露 ({0})": "Only in Yulu ({0})",
    "原表行号": "Row in the sheet",
    "字段": "Field",
    "国家系统": "National system",
    "雨露": "Yulu",
    "字段不一致 ({0})": "Fields that differ ({0})",
    "仅在国家系统的成员": "Members only in the national system",
    "仅在雨露的成员": "Members only in Yulu",
    "成员不一致的户 ({0})": "Households whose members differ ({0})",
    "无法核对的行 ({0})": "Rows that could not be compared ({0})",
    "保存核对报告": "Save the report",
    "正在准备……": "Preparing…",
    "正在导出修改 {0}/{1}……": "Exporting changes {0}/{1}…",
    "正在导入数据 {0}/{1}……": "Importing data {0}/{1}…",
    "这是第一次在这台电脑上使用雨露。数据将加密保存在：\n{0}\n请设置数据库密码。密码不会保存在任何地方，忘记密码将无法打开数据。": "This is the first time Yulu runs on this computer. Your data will be stored encrypted in:\n{0}\nPlease set a database password. It is not stored anywhere: if you forget it, the data cannot be opened.",
    "同步(&S)": "&Sync",
    "立即同步": "Sync now",
    "取消同步": "Cancel sync",
    "冲突处理…": "Conflicts…",
    "导出U盘同步文件…": "Export for USB…",
    "导入县里回执…": "Import county reply…",
    "已取消": "Cancelled",
    "同步冲突": "Sync conflicts",
    "保存学籍": "Save semester",
    "新增学期": "Add semester",
    "修改": "Edit",
    "修改选中的学期": "Edit the selected semester",
    "保存意愿": "Save intent",
    "登记意愿": "Record intent",
    "修改选中的意愿": "Edit the selected intent",
    "申请补助": "Apply for subsidy",
    "按县里设置的补助标准为所选学期申请补助": "Apply for the selected term's subsidy at the county's rate",
    "审核意见（村、乡镇、县审核时填写）": "Review opinion (filled in by village, township and county)",
    "不通过、撤回或发放失败时必须填写": "Required when rejected, withdrawn or payment failed",
    "推进状态": "Advance",
    "把选中的补助申请推进到下一环节": "Move the selected application to the next step",
    "推进选中申请的状态": "Advance the selected application",
    "下一状态": "Next state",
    "意见": "Opinion",
    "保存培训": "Save training",
    "新增": "Add",
    "新增培训或证书": "Add training or certificate",
    "修改选中的培训或证书": "Edit the selected training or certificate",
    "培训与职业资格证书": "Training and vocational certificates",
    "保留原图": "Keep original",
    "照片会缩小到适合存档的大小（最长边 2000 像素）再保存；勾选后同时保留原图，占用更多空间和流量": "Photos are scaled down for the file (longest side 2000 pixels) before saving; tick to keep the original too, which takes more space and data",
    "（已申请）": "(applied)",
    "请先选择要修改的学期": "Select the semester to edit first",
    "修改学籍：{0} {1}": "Edit semester: {0} {1}",
    "已保存学籍": "Semester saved",
    "登记入读职业院校意愿": "Record intent to attend vocational school",
    "请先选择要修改的意愿": "Select the intent to edit first",
    "修改意愿": "Edit intent",
    "已保存意愿": "Intent saved",
    "请先选择要修改的培训或证书": "Select the training or certificate to edit first",
    "修改培训或证书": "Edit training or certificate",
    "已保存培训或证书": "Training or certificate saved",
    "没有学籍记录，请先在“学籍”中新增学期": 'No schooling on record: add a semester under "Schooling" first',
    "已申请 {0} 的补助": "Applied for the {0} subsidy",
    "请先选择要推进的补助申请": "Select the application to advance first",
    "补助申请已变为“{0}”": 'The application is now "{0}"',
    "正在从县服务器下载附件…": "Downloading the attachment from the county server…",
    "附件在县服务器上，联网后可查看": "The attachment is on the county server; it can be viewed once online",
    "附件无法下载：{0}": "The attachment could not be downloaded: {0}",
    "正在上传附件 {0}/{1} KB": "Uploading attachments {0}/{1} KB",
    "正在发送 {0}/{1}": "Sending {0}/{1}",
    "正在接收 {0}/{1}": "Receiving {0}/{1}",
    "乡镇审核意见": "Township opinion",
    "人均纯收入": "Net income per person",
    "入学日期": "Enrolled on",
    "县级审定意见": "County decision",
    "发证日期": "Certificate date",
    "存在问题": "Problems found",
    "学制": "Programme length",
    "开户行": "Bank",
    "所属村": "Village",
    "月收入": "Monthly income",
    "有意愿就读职业院校": "Wants to attend vocational school",
    "村委会意见": "Village committee opinion",
    "核实人": "Verified by",
    "行业": "Industry",
    "补助金额": "Subsidy amount",
    "诉求": "Requests",
    "风险消除时间": "Risk cleared on",
    "风险类型": "Risk type",
    "风险识别时间": "Risk identified on",
    "导出U盘同步文件": "Export for USB",
    "雨露U盘同步文件 (*{0})": "Yulu USB sync file (*{0})",
    "导入县里回执": "Import county reply",
    "县里回执 (*{0});;所有文件 (*)": "County reply (*{0});;All files (*)",
    "设置(&T)": "Se&ttings",
    "界面语言": "Language",
    "界面语言将在下次启动雨露时生效": "The language changes the next time Yulu starts",
}


def compile_all() -> list[Path]:
    from yulu_desktop.ui.i18n import compile_translations

    return compile_translations()


def update() -> None:
    from yulu_desktop.domain import rules
    from yulu_desktop.services import lists

    sources = sorted(str(p) for p in (ROOT / "yulu_desktop" / "ui").rglob("*.py"))
    subprocess.run(
        [
            "pyside6-lupdate",
            *sources,
            "-ts",
            str(TS),
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-no-obsolete",
        ],
        check=True,
    )
    tree = ET.parse(TS)
    root = tree.getroot()
    known = english()
    dynamic = {
        "columns": {c.label for kind in lists.LIST_KINDS for c in lists.columns(kind)}
        | {"敏感信息，已脱敏显示"},
        "fields": set(rules.FIELD_LABELS.values()) | {"月收入（元）", "元"},
    }
    for name, labels in dynamic.items():
        context = next((c for c in root.findall("context") if c.findtext("name") == name), None)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = name
        present = {m.findtext("source") for m in context.findall("message")}
        for label in sorted(labels - present):
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = label
            ET.SubElement(message, "translation", type="unfinished")
    for message in root.iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        # A text with a disambiguation (Qt's third argument, lupdate's <comment>) has its own English when
        # one is listed under (source, disambiguation); otherwise the source's.
        text = known.get((source, message.findtext("comment") or ""), known.get(source))
        if (
            translation is not None
            and text is not None
            and (translation.get("type") == "unfinished" or not translation.text)
        ):
            translation.text = text
            translation.attrib.pop("type", None)
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)


def english() -> dict[str | tuple[str, str], str]:
    """ENGLISH above and every ``tools/english/*.py`` feature file, merged. A key may be (source text,
    disambiguation) for a text that needs another English in one place (``translate(ctx, text, why)``)."""
    import importlib.util

    merged: dict[str | tuple[str, str], str] = dict(ENGLISH)
    for path in sorted((ROOT / "tools" / "english").glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"english_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        merged.update(module.ENGLISH)
    return merged


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()
    if args.update:
        update()
    for qm in compile_all():
        print(qm.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
