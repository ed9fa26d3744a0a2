"""English of the UI strings of 修改密码, 恢复密钥, 忘记密码 and 交接本机 (issue 18, helper "passphrase")."""

ENGLISH: dict[str, str] = {
    # 修改密码
    "修改密码": "Change passphrase",
    "修改密码…": "Change passphrase…",
    "这是打开本机数据库的密码。修改后旧密码立即失效；其他本机用户的密码和恢复密钥仍然有效。"
    "修改过程中请不要关机（即使断电，数据库也能用旧密码或新密码打开）。": "This is the passphrase that opens this "
    "computer's database. Once changed, the old one stops working at once; the other local users' passphrases and "
    "the recovery key stay valid. Do not switch off while it changes (even after a power cut the database opens "
    "with the old or the new passphrase).",
    "修改本机用户“{0}”自己的密码，其他用户不受影响。": "Change the passphrase of local user “{0}”; other users "
    "are not affected.",
    "原密码(&O)": "&Old passphrase",
    "新密码(&N)": "&New passphrase",
    "再次输入(&R)": "&Repeat",
    "至少 8 个字符；越长越安全，可以用一句好记的话": "At least 8 characters; longer is safer — a sentence you "
    "remember works well",
    "修改": "Change",
    "正在修改密码，请稍候…": "Changing the passphrase, please wait…",
    "请输入原密码": "Please enter the old passphrase",
    "两次输入的新密码不一致，请重新输入": "The two new passphrases differ; please type them again",
    "原密码不正确，密码没有修改。请再试一次（注意大小写和输入法）。": "The old passphrase is wrong; nothing was "
    "changed. Please try again (mind upper/lower case and the input method).",
    "新密码：{0}": "New passphrase: {0}",
    "密码没有修改：{0}": "The passphrase was not changed: {0}",
    "密码已修改": "Passphrase changed",
    # 恢复密钥
    "恢复密钥": "Recovery key",
    "恢复密钥…": "Recovery key…",
    "恢复密钥是一串 24 位的字母和数字。忘记密码时，用它可以打开数据库并设置新密码，数据不会丢失。"
    "它只显示一次：请抄在纸上或打印出来，锁好保管，不要和电脑放在一起。": "The recovery key is a code of 24 "
    "letters and digits. If the passphrase is forgotten it opens the database so a new passphrase can be set; no "
    "data is lost. It is shown only once: write it down or print it, lock it away, and keep it apart from the "
    "computer.",
    "数据库已创建。": "The database has been created. ",
    "\n本机已有恢复密钥；重新生成后，旧的恢复密钥（和它的打印页）立即作废。": "\nThis computer already has a "
    "recovery key; making a new one voids the old key (and its printed page) at once.",
    "重新生成恢复密钥": "Make a new recovery key",
    "生成恢复密钥": "Make recovery key",
    "保存打印页（PDF）…": "Save printable page (PDF)…",
    "我已抄好，关闭": "I have written it down — close",
    "请现在抄写或保存打印页。关闭这个窗口后，恢复密钥不会再显示。": "Write it down or save the printable page "
    "now. Once this window is closed the recovery key is not shown again.",
    "保存恢复密钥打印页": "Save the recovery key page",
    "PDF 文件 (*.pdf)": "PDF files (*.pdf)",
    "已保存到 {0}。请打印后删除这个文件（它和恢复密钥一样能打开数据库）。": "Saved to {0}. Print it, then delete "
    "the file (like the recovery key itself, it opens the database).",
    "无法保存：{0}": "Could not save: {0}",
    # 忘记密码
    "忘记密码？": "Forgot passphrase?",
    "忘记密码": "Forgot passphrase",
    "输入生成恢复密钥时抄下或打印的 24 位恢复密钥（不区分大小写，短横线可不输）。": "Enter the 24-character "
    "recovery key you wrote down or printed (case does not matter, dashes may be left out).",
    "恢复密钥(&K)": "Recovery &key",
    "用恢复密钥": "With the recovery key",
    "请县里解锁": "Unlock through the county",
    "本机还没有向县里托管密钥（连接县服务器并同步一次后才有），只能用恢复密钥。": "This computer has not "
    "deposited its key with the county yet (that happens after connecting to the county server and syncing "
    "once); only the recovery key can help.",
    "请联系县乡村振兴局，核对身份后请管理员为本机发放一次性解锁码。本机设备编号：{0}": "Contact the county rural "
    "revitalization bureau: after checking who you are, the administrator issues a one-time release code for "
    "this computer. This computer's device number: {0}",
    "县服务器地址(&S)": "County &server address",
    "解锁码(&C)": "Release &code",
    "打开后立即设置新密码；数据库里的数据都会保留。": "A new passphrase is set as soon as it opens; all data in "
    "the database is kept.",
    "打开并设置新密码": "Open and set new passphrase",
    "用户(&U)": "&User",
    "请输入恢复密钥": "Please enter the recovery key",
    "请填写县服务器地址": "Please enter the county server address",
    "请输入县里给的解锁码": "Please enter the release code from the county",
    "无法打开：{0}": "Could not open: {0}",
    "正在打开…": "Opening…",
    "这是第一次在这台电脑上使用雨露。数据将加密保存在：\n{0}\n"
    "请设置数据库密码。密码不会保存在任何地方；创建后会显示一次恢复密钥，忘记密码时用它打开。": "This is the "
    "first time Yulu runs on this computer. Your data will be stored encrypted in:\n{0}\nPlease set a database "
    "passphrase. It is not stored anywhere; once the database is made, a recovery key is shown once — it opens "
    "the database if the passphrase is forgotten.",
    # 交接本机
    "交接本机": "Hand over this computer",
    "交接本机…": "Hand over this computer…",
    "换电脑或交给别人之前，先确认本机的工作都已交到县里：未发送的修改、附件、冲突和审计记录。": "Before changing "
    "computers or handing this one to someone else, make sure all its work has reached the county: unsent "
    "changes, attachments, conflicts and audit entries.",
    "正在检查…": "Checking…",
    "发送到县里(&S)": "&Send to the county",
    "重新检查(&C)": "&Check again",
    "清除本机数据…": "Wipe this computer's data…",
    "清除本机数据": "Wipe this computer's data",
    "正在发送到县里…": "Sending to the county…",
    "未发送的修改：{0} 条": "Unsent changes: {0}",
    "未上传的附件：{0} 个": "Attachments not uploaded: {0}",
    "未处理的冲突：{0} 条": "Unresolved conflicts: {0}",
    "未发送的审计记录：{0} 条": "Unsent audit entries: {0}",
    "上次同步：{0}": "Last sync: {0}",
    "可以交接：本机的工作都已交到县里。": "Ready to hand over: all of this computer's work is at the county.",
    "还不能交接：": "Not ready to hand over: ",
    "本机已被县里停用，不能再发送。还没交到县里的数据仍完整保存在本机：请做一个备份交给县里，"
    "或请县里恢复本机后再同步。": "The county has revoked this computer; it cannot send any more. Data not yet "
    "at the county is still complete on this computer: make a backup for the county, or ask the county to "
    "restore this computer and sync again.",
    "本机没有同步功能（未连接县服务器）": "Sync is not available on this computer (not connected to the county "
    "server)",
    "还有数据没有交到县里，不能清除。请先发送到县里。": "Some data has not reached the county yet, so nothing "
    "can be wiped. Send it to the county first.",
    "接下来：\n"
    "1. 县里为新电脑发注册码；新电脑“连接县服务器”后，本村的数据会自动下载到新电脑。\n"
    "2. 请县里停用这台旧电脑（管理员命令：yulu-server admin revoke，本机设备编号 {0}…）。\n"
    "3. 在新电脑上核对数据齐全后，再清除这台电脑的数据。": "Next:\n1. The county issues an enrollment code for "
    "the new computer; once it is connected to the county server, the village's data downloads to it.\n2. Ask "
    "the county to revoke this old computer (administrator command: yulu-server admin revoke, this computer's "
    "device number {0}…).\n3. When the new computer's data is checked complete, wipe this computer's data.",
    "将删除本机的数据库、钥匙文件和自动备份，无法撤销（U盘上的备份不受影响）。\n确认要清除，请输入“{0}”：": "This "
    "deletes this computer's database, key file and automatic backups, and cannot be undone (backups on a USB "
    "stick are not affected).\nTo confirm, type “{0}”:",
    "没有清除：请准确输入“{0}”。": "Nothing was wiped: please type “{0}” exactly.",
    "本机数据已清除。现在可以关闭雨露，把电脑交接出去。": "This computer's data has been wiped. You can now close "
    "Yulu and hand the computer over.",
}
