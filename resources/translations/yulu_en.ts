<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>BatchPrint</name>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="66" />
      <source>正在准备 {0}……</source>
      <extracomment>``run(db, progress, cancel) -&gt; BatchResult`` on the worker.</extracomment>
      <translation>Preparing {0}…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="89" />
      <source>正在取消……</source>
      <translation>Cancelling…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="97" />
      <source>正在读取档案 {0}/{1}……</source>
      <translation>Reading records {0}/{1}…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="99" />
      <source>正在排版 {0}/{1}……</source>
      <translation>Laying out {0}/{1}…</translation>
    </message>
  </context>
  <context>
    <name>BundleTask</name>
    <message>
      <location filename="../../yulu_desktop/ui/bundle_actions.py" line="48" />
      <source>正在准备……</source>
      <extracomment>``run(db, progress, cancelled) -&gt; result`` on the worker.</extracomment>
      <translation>Preparing…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/bundle_actions.py" line="65" />
      <source>正在取消……</source>
      <translation>Cancelling…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/bundle_actions.py" line="72" />
      <source>正在导出修改 {0}/{1}……</source>
      <translation>Exporting changes {0}/{1}…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/bundle_actions.py" line="72" />
      <source>正在导入数据 {0}/{1}……</source>
      <translation>Importing data {0}/{1}…</translation>
    </message>
  </context>
  <context>
    <name>ChooseFilePage</name>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="61" />
      <source>选择要导入的文件</source>
      <translation>Choose the file to import</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="62" />
      <source>支持 .xlsx、.xls、.csv；表头可以不在第一行。</source>
      <translation>Supports .xlsx, .xls and .csv; the header need not be on the first row.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="65" />
      <source>浏览…</source>
      <translation>Browse…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="74" />
      <source>文件</source>
      <translation>File</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="75" />
      <source>表格类型</source>
      <translation>Sheet type</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="80" />
      <source>选择表格</source>
      <translation>Choose a sheet</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="80" />
      <source>表格 (*.xlsx *.xls *.csv);;所有文件 (*)</source>
      <translation>Spreadsheets (*.xlsx *.xls *.csv);;All files (*)</translation>
    </message>
  </context>
  <context>
    <name>Closing</name>
    <message>
      <location filename="../../yulu_desktop/ui/closing.py" line="15" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/closing.py" line="16" />
      <source>关闭此窗口 (Esc)</source>
      <translation>Close this window (Esc)</translation>
    </message>
  </context>
  <context>
    <name>ConflictsWindow</name>
    <message>
      <location filename="../../yulu_desktop/ui/conflicts_window.py" line="19" />
      <source>同步冲突</source>
      <translation>Sync conflicts</translation>
    </message>
  </context>
  <context>
    <name>DbWorker</name>
    <message>
      <location filename="../../yulu_desktop/ui/worker.py" line="188" />
      <source>操作失败：{0}</source>
      <extracomment>A YuluError (Chinese message) or an unexpected error no callback handled. Entity names changed by a write ("person", "visit", …). No operation is queued or running. An operation finished (after its callbacks ran).</extracomment>
      <translation>Failed: {0}</translation>
    </message>
  </context>
  <context>
    <name>ExportListDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="77" />
      <source>导出 Excel - {0}</source>
      <extracomment>The list page → the list exported. The export finished (``ExportResult``), or was cancelled or failed (None).</extracomment>
      <translation>Export to Excel - {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="95" />
      <source>浏览…</source>
      <extracomment>The laptop's cadre, once the worker said (the full option is offered by role).</extracomment>
      <translation>Browse…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="100" />
      <source>包含完整身份证号、手机号、账号（将记入审计日志）</source>
      <translation>Include full ID numbers, phone numbers and accounts (recorded in the audit log)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="107" />
      <source>导出完整信息的理由（必填，记入审计日志）</source>
      <translation>Reason for exporting full values (required, written to the audit log)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="115" />
      <source>范围：{0}。默认对身份证号、手机号、账号打码。</source>
      <translation>Scope: {0}. ID numbers, phone numbers and accounts are masked by default.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="115" />
      <source>全部</source>
      <translation>All</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="119" />
      <source>导出</source>
      <translation>Export</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="122" />
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="232" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="126" />
      <source>保存到</source>
      <translation>Save to</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="162" />
      <source>导出 Excel</source>
      <translation>Export to Excel</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="162" />
      <source>Excel 工作簿 (*.xlsx)</source>
      <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="180" />
      <source>导出完整信息须填写理由</source>
      <translation>Exporting full values needs a reason</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="189" />
      <source>取消导出</source>
      <translation>Cancel export</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="196" />
      <source>正在导出……</source>
      <translation>Exporting…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="211" />
      <source>正在导出……已写入 {0} 行</source>
      <translation>Exporting… {0} rows written</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="218" />
      <source>已导出 {0} 行到 {1}</source>
      <translation>Exported {0} rows to {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="220" />
      <source>（含完整敏感信息，已记入审计日志）</source>
      <translation> (full sensitive data; recorded in the audit log)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="222" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="234" />
      <source>已取消导出，没有写入文件。</source>
      <translation>Export cancelled; no file was written.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/export_dialog.py" line="236" />
      <source>导出失败：{0}</source>
      <translation>Export failed: {0}</translation>
    </message>
  </context>
  <context>
    <name>FirstRunDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="89" />
      <source>创建雨露数据库</source>
      <extracomment>Households of demo data offered on first run.</extracomment>
      <translation>Create the Yulu database</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="94" />
      <source>这是第一次在这台电脑上使用雨露。数据将加密保存在：
{0}
请设置数据库密码。密码不会保存在任何地方；创建后会显示一次恢复密钥，忘记密码时用它打开。</source>
      <translation>This is the first time Yulu runs on this computer. Your data will be stored encrypted in:
{0}
Please set a database passphrase. It is not stored anywhere; once the database is made, a recovery key is shown once — it opens the database if the passphrase is forgotten.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="111" />
      <source>填入演示数据（{0} 户，用于熟悉软件）</source>
      <translation>Fill in demo data ({0} households, to get to know the app)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="113" />
      <source>密码</source>
      <translation>Passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="114" />
      <source>再次输入</source>
      <translation>Again</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="120" />
      <source>创建</source>
      <translation>Create</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="137" />
      <source>至少 8 个字符；越长越安全，可以用一句好记的话</source>
      <translation>At least 8 characters; longer is safer, a memorable sentence works</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="140" />
      <source>密码强度：{0}</source>
      <translation>Strength: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="145" />
      <source>两次输入的密码不一致</source>
      <translation>The passphrases differ</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="157" />
      <source>正在创建加密数据库…</source>
      <translation>Creating the encrypted database…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="159" />
      <source>正在创建数据库并生成演示数据…</source>
      <translation>Creating the database and demo data…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="174" />
      <source>创建失败：{0}</source>
      <translation>Could not create: {0}</translation>
    </message>
  </context>
  <context>
    <name>HandoverDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="41" />
      <source>交接本机</source>
      <extracomment>The laptop's data were wiped (the window closes: there is no database any more).</extracomment>
      <translation>Hand over this computer</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="45" />
      <source>换电脑或交给别人之前，先确认本机的工作都已交到县里：未发送的修改、附件、冲突和审计记录。</source>
      <translation>Before changing computers or handing this one to someone else, make sure all its work has reached the county: unsent changes, attachments, conflicts and audit entries.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="49" />
      <source>正在检查…</source>
      <translation>Checking…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="63" />
      <source>发送到县里(&amp;S)</source>
      <translation>&amp;Send to the county</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="66" />
      <source>重新检查(&amp;C)</source>
      <translation>&amp;Check again</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="68" />
      <source>清除本机数据…</source>
      <translation>Wipe this computer's data…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="95" />
      <source>未发送的修改：{0} 条</source>
      <translation>Unsent changes: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="96" />
      <source>未上传的附件：{0} 个</source>
      <translation>Attachments not uploaded: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="97" />
      <source>未处理的冲突：{0} 条</source>
      <translation>Unresolved conflicts: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="98" />
      <source>未发送的审计记录：{0} 条</source>
      <translation>Unsent audit entries: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="102" />
      <source>上次同步：{0}</source>
      <translation>Last sync: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="108" />
      <source>本机已被县里停用，不能再发送。还没交到县里的数据仍完整保存在本机：请做一个备份交给县里，或请县里恢复本机后再同步。</source>
      <translation>The county has revoked this computer; it cannot send any more. Data not yet at the county is still complete on this computer: make a backup for the county, or ask the county to restore this computer and sync again.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="114" />
      <source>可以交接：本机的工作都已交到县里。</source>
      <translation>Ready to hand over: all of this computer's work is at the county.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="116" />
      <source>还不能交接：</source>
      <translation>Not ready to hand over: </translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="122" />
      <source>接下来：
1. 县里为新电脑发注册码；新电脑“连接县服务器”后，本村的数据会自动下载到新电脑。
2. 请县里停用这台旧电脑（管理员命令：yulu-server admin revoke，本机设备编号 {0}…）。
3. 在新电脑上核对数据齐全后，再清除这台电脑的数据。</source>
      <translation>Next:
1. The county issues an enrollment code for the new computer; once it is connected to the county server, the village's data downloads to it.
2. Ask the county to revoke this old computer (administrator command: yulu-server admin revoke, this computer's device number {0}…).
3. When the new computer's data is checked complete, wipe this computer's data.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="141" />
      <source>本机没有同步功能（未连接县服务器）</source>
      <translation>Sync is not available on this computer (not connected to the county server)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="145" />
      <source>正在发送到县里…</source>
      <translation>Sending to the county…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="160" />
      <source>清除本机数据</source>
      <translation>Wipe this computer's data</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="162" />
      <source>将删除本机的数据库、钥匙文件和自动备份，无法撤销（U盘上的备份不受影响）。
确认要清除，请输入“{0}”：</source>
      <translation>This deletes this computer's database, key file and automatic backups, and cannot be undone (backups on a USB stick are not affected).
To confirm, type “{0}”:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="172" />
      <source>没有清除：请准确输入“{0}”。</source>
      <translation>Nothing was wiped: please type “{0}” exactly.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="175" />
      <source>还有数据没有交到县里，不能清除。请先发送到县里。</source>
      <translation>Some data has not reached the county yet, so nothing can be wiped. Send it to the county first.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/handover_dialog.py" line="182" />
      <source>本机数据已清除。现在可以关闭雨露，把电脑交接出去。</source>
      <translation>This computer's data has been wiped. You can now close Yulu and hand the computer over.</translation>
    </message>
  </context>
  <context>
    <name>ImportPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="154" />
      <source>导入</source>
      <translation>Import</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="158" />
      <source>取消导入</source>
      <translation>Cancel import</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="170" />
      <source>正在导入……</source>
      <translation>Importing…</translation>
    </message>
  </context>
  <context>
    <name>ImportWizard</name>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="197" />
      <source>导入表格</source>
      <extracomment>The preview or import job finished (report or error), for tests and the main window.</extracomment>
      <translation>Import a sheet</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="240" />
      <source>有问题的行已另存为：{0}</source>
      <translation>Rows with problems were saved to: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="249" />
      <source>已取消，没有写入任何数据。</source>
      <translation>Cancelled; nothing was written.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="251" />
      <source>导入失败：{0}</source>
      <translation>Import failed: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="277" />
      <source>正在检查…… 已读取 {0} 行</source>
      <translation>Checking… {0} rows read</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="282" />
      <source>正在写入 {0}/{1} 行……</source>
      <translation>Writing rows {0}/{1}…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="285" />
      <source>正在读取 {0} 行……</source>
      <translation>Reading {0} rows…</translation>
    </message>
  </context>
  <context>
    <name>ListPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="96" />
      <source>筛选：姓名、拼音、户编号</source>
      <extracomment>Delay between the last keystroke in the filter box and the query (typing a word sends one query). Entities whose change can alter a list (the list reloads when the worker reports them). The list page → the register printed (``services.printing.REGISTER_KINDS``). Who prints and exports (the audit log's actor). Name of the org unit the page is scoped to ("" for everything), for file names. Data changed while the page was hidden; it reloads when shown.</extracomment>
      <translation>Filter: name, pinyin, household no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="108" />
      <source>显示列</source>
      <translation>Columns</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="128" />
      <location filename="../../yulu_desktop/ui/list_page.py" line="275" />
      <source>全部学期</source>
      <translation>All terms</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="130" />
      <source>学期</source>
      <translation>Term</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="133" />
      <source>只看待办承诺</source>
      <translation>Open follow-ups only</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="135" />
      <source>标记办结</source>
      <translation>Mark done</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="138" />
      <source>新增走访</source>
      <translation>New visit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="140" />
      <source>新增走访 (Ctrl+N)</source>
      <translation>New visit (Ctrl+N)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="152" />
      <source>打印清单</source>
      <translation>Print list</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="153" />
      <source>打印左侧所选村或乡镇的清单（身份证号等已打码）</source>
      <translation>Print the list of the village or township chosen on the left (ID numbers etc. masked)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="159" />
      <source>导出 Excel…</source>
      <translation>Export to Excel…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="206" />
      <source>户</source>
      <translation>Households</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="206" />
      <source>人</source>
      <translation>People</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="206" />
      <source>条</source>
      <translation>entries</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="208" />
      <source>正在读取…</source>
      <translation>Loading…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="210" />
      <source>共 {0} {1}</source>
      <translation>{0} {1}</translation>
    </message>
  </context>
  <context>
    <name>LockDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/lock.py" line="186" />
      <source>雨露已锁定</source>
      <extracomment>A check of a passphrase finished on its thread: (generation, error or None).</extracomment>
      <translation>Yulu is locked</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/lock.py" line="191" />
      <source>为保护个人信息，雨露已锁定。请用户“{0}”输入自己的密码解锁。</source>
      <translation>Yulu is locked to protect personal data. {0}, enter your own passphrase to unlock.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/lock.py" line="193" />
      <source>为保护个人信息，雨露已锁定。请输入数据库密码解锁。</source>
      <translation>Yulu is locked to protect personal information. Enter the database passphrase to unlock.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/lock.py" line="201" />
      <source>数据库密码</source>
      <translation>Database passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/lock.py" line="201" />
      <source>{0}的密码</source>
      <translation>{0}'s passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/lock.py" line="207" />
      <source>解锁</source>
      <translation>Unlock</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/lock.py" line="226" />
      <source>请输入密码</source>
      <translation>Please enter the passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/lock.py" line="230" />
      <source>正在验证…</source>
      <translation>Checking…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/lock.py" line="260" />
      <source>密码不正确，请再试一次（注意大小写和输入法）。</source>
      <translation>Wrong passphrase. Please try again (check Caps Lock and the input method).</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/lock.py" line="262" />
      <source>无法验证密码：{0}</source>
      <translation>Cannot check the passphrase: {0}</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="107" />
      <source>雨露计划+ 工作台</source>
      <extracomment>Pages in toolbar order: list kind, icon. The first page has shown its first rows (the window is interactive).</extracomment>
      <translation>Yulu Plan+ Workbench</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="113" />
      <source>意愿清单</source>
      <translation>Intents</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="114" />
      <source>在读学生清单</source>
      <translation>Students</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="115" />
      <source>毕业生去向清单</source>
      <translation>Graduates</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="116" />
      <location filename="../../yulu_desktop/ui/main_window.py" line="124" />
      <source>户</source>
      <translation>Households</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="117" />
      <location filename="../../yulu_desktop/ui/main_window.py" line="125" />
      <source>人</source>
      <translation>People</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="118" />
      <source>走访</source>
      <translation>Visits</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="121" />
      <source>入读职业院校意愿清单</source>
      <translation>Vocational school intent list</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="122" />
      <source>雨露计划在读学生清单</source>
      <translation>Yulu students list</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="123" />
      <source>雨露计划毕业生就业去向清单</source>
      <translation>Yulu graduate destinations</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="126" />
      <source>走访（待办承诺在前）</source>
      <translation>Visits (open follow-ups first)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="132" />
      <source>页面</source>
      <translation>Pages</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="168" />
      <source>新增走访</source>
      <translation>New visit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="179" />
      <source>搜索姓名、拼音、证件尾号、户编号</source>
      <translation>Search name, pinyin, ID tail, household no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="181" />
      <source>姓名、全拼或首字母（zk 找张坤）、身份证后几位、户编号、手机号 (Ctrl+F)</source>
      <translation>Name, full pinyin or initials (zk finds 张坤), last digits of an ID, household no., phone (Ctrl+F)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="213" />
      <source>上次同步：未配置同步</source>
      <translation>Last sync: sync not configured</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="215" />
      <source>连接：未配置同步</source>
      <translation>Connection: sync not configured</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="220" />
      <source>数据库：{0}</source>
      <translation>Database: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="222" />
      <source>用户：{0}</source>
      <translation>User: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="361" />
      <source>待同步：{0} 条</source>
      <translation>Pending changes: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="417" />
      <source>走访已保存</source>
      <translation>Visit saved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="428" />
      <source>已标记办结</source>
      <translation>Marked done</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="434" />
      <source>数据(&amp;D)</source>
      <translation>&amp;Data</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="436" />
      <source>导入 Excel…</source>
      <translation>Import from Excel…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="438" />
      <source>核对国家系统数据…</source>
      <translation>Reconcile with the national system…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="442" />
      <source>导出当前清单 Excel…</source>
      <translation>Export current list to Excel…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="445" />
      <source>打印(&amp;P)</source>
      <translation>&amp;Print</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="447" />
      <source>打印当前清单…</source>
      <translation>Print current list…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="450" />
      <source>本村一人一档（批量）…</source>
      <translation>All person files of the village (batch)…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="452" />
      <source>本村补助申请表（批量）…</source>
      <translation>All subsidy forms of the village (batch)…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="455" />
      <source>公示名单…</source>
      <translation>Public notice list…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="465" />
      <source>设置(&amp;T)</source>
      <translation>Se&amp;ttings</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="467" />
      <source>界面语言</source>
      <translation>Language</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="479" />
      <source>自动锁定时间…</source>
      <translation>Auto-lock time…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="481" />
      <source>立即锁定</source>
      <translation>Lock now</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="485" />
      <source>本机用户…</source>
      <translation>Local users…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="511" />
      <source>自动锁定</source>
      <translation>Auto-lock</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="512" />
      <source>多少分钟没有操作后自动锁定（0 表示不自动锁定）：</source>
      <translation>Lock after this many minutes without input (0: never):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="524" />
      <source>数据库未打开</source>
      <translation>The database is not open</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="531" />
      <source>界面语言将在下次启动雨露时生效</source>
      <translation>The language changes the next time Yulu starts</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="542" />
      <source>同步(&amp;S)</source>
      <translation>&amp;Sync</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="544" />
      <location filename="../../yulu_desktop/ui/main_window.py" line="616" />
      <source>立即同步</source>
      <translation>Sync now</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="547" />
      <source>取消同步</source>
      <translation>Cancel sync</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="549" />
      <source>冲突处理…</source>
      <translation>Conflicts…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="552" />
      <source>导出U盘同步文件…</source>
      <translation>Export for USB…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="554" />
      <source>导入县里回执…</source>
      <translation>Import county reply…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="601" />
      <source>已取消</source>
      <translation>Cancelled</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="649" />
      <location filename="../../yulu_desktop/ui/main_window.py" line="656" />
      <source>请先切换到意愿清单、在读学生清单或毕业生去向清单</source>
      <translation>Switch to the intents, students or graduates list first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="667" />
      <source>导入完成</source>
      <translation>Import finished</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="716" />
      <source>请先在左侧区划树中选择一个村或乡镇</source>
      <translation>Choose a village or township in the tree on the left first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="727" />
      <source>一人一档</source>
      <translation>Person file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="727" />
      <source>补助申请表</source>
      <translation>Subsidy application form</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="731" />
      <source>保存批量打印的 PDF</source>
      <translation>Save the batch as PDF</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="731" />
      <source>PDF 文件 (*.pdf)</source>
      <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="753" />
      <source>还没有学籍记录，无法打印补助申请表</source>
      <translation>No schooling recorded yet; cannot print subsidy forms</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="755" />
      <source>本村补助申请表（批量）</source>
      <translation>All subsidy forms of the village (batch)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="761" />
      <source>已生成 {0} 份，保存到 {1}</source>
      <translation>{0} documents made, saved to {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="765" />
      <source>批量打印</source>
      <translation>Batch printing</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="766" />
      <source>以下 {0} 人未打印：</source>
      <translation>{0} people were not printed:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="775" />
      <source>已取消批量打印，没有生成文件</source>
      <translation>Batch printing cancelled; no file was made</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="786" />
      <source>还没有行政村，无法生成公示名单</source>
      <translation>No villages yet; cannot make a public notice list</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="808" />
      <source>公示名单 {0} {1}</source>
      <translation>Public notice list {0} {1}</translation>
    </message>
  </context>
  <context>
    <name>OrgTreeModel</name>
    <message>
      <location filename="../../yulu_desktop/ui/models.py" line="230" />
      <source>行政区划</source>
      <translation>Area</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/models.py" line="237" />
      <source>全部</source>
      <translation>All</translation>
    </message>
  </context>
  <context>
    <name>PreviewPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="97" />
      <source>预览</source>
      <translation>Preview</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="98" />
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="117" />
      <source>正在检查……</source>
      <translation>Checking…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="102" />
      <source>行</source>
      <translation>Row</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="102" />
      <source>列</source>
      <translation>Column</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="102" />
      <source>问题</source>
      <translation>Problem</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="106" />
      <source>跳过有问题的行，只导入没有问题的行（有问题的行另存为表格，可改正后再导入）</source>
      <translation>Skip rows with problems and import only the others (rows with problems are saved to a sheet to fix and import again)</translation>
    </message>
  </context>
  <context>
    <name>PrintPreviewDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="163" />
      <source>打印预览 - {0}</source>
      <extracomment>``make(db, action, when) -&gt; PDF bytes``: runs on the database worker and writes the audit row itself. ``make(db, action, when, full, reason) -&gt; PDF bytes``: the same, for a document with an unmasked version. Pages are rendered for the printer at its resolution, but at most this (a 1200 dpi A4 page would be a 550 MB image; 300 dpi is what office laser printers print text at). Zoom choices: factor, with 0 for "fit width" and -1 for "whole page". The PDF is shown (its page count). Making the PDF failed (the message shown). "另存为 PDF" wrote this path (or failed: None). Pages sent to the printer.</extracomment>
      <translation>Print preview - {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="189" />
      <source>正在生成 {0}……</source>
      <extracomment>The unmasked version is shown, made with this reason. The laptop's cadre, once the worker said (the unmasked version is offered by role). One timestamp for the preview and a later "save as PDF": the saved file is the page on screen.</extracomment>
      <translation>Making {0}…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="208" />
      <source>上一页 (PgUp)</source>
      <translation>Previous page (PgUp)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="212" />
      <source>下一页 (PgDown)</source>
      <translation>Next page (PgDown)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="224" />
      <source>适合宽度</source>
      <translation>Fit width</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="226" />
      <source>整页</source>
      <translation>Whole page</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="233" />
      <source>打印…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="237" />
      <source>另存为 PDF…</source>
      <translation>Save as PDF…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="240" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="252" />
      <source>理由（必填，记入审计日志），如：村委会初审签字</source>
      <translation>Reason (required, written to the audit log), e.g. village committee review and signature</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="256" />
      <source>生成</source>
      <translation>Make</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="267" />
      <source>缩放</source>
      <translation>Zoom</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="299" />
      <source>显示健康状况和残疾情况</source>
      <translation>Show health and disability</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="300" />
      <source>完整版（含完整身份证号和收款账号，签字盖章用）</source>
      <translation>Full copy (full ID number and bank account, for signing and stamping)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="361" />
      <source>无法显示生成的 PDF</source>
      <translation>Cannot show the PDF that was made</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="372" />
      <source>共 {0} 页</source>
      <translation>{0} pages</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="451" />
      <source>打印</source>
      <translation>Print</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="464" />
      <source>已发送 {0} 页到打印机</source>
      <translation>{0} pages sent to the printer</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="467" />
      <source>无法开始打印，请检查打印机</source>
      <translation>Cannot start printing; check the printer</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="522" />
      <source>另存为 PDF</source>
      <translation>Save as PDF</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="522" />
      <source>PDF 文件 (*.pdf)</source>
      <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="537" />
      <source>已保存：{0}</source>
      <translation>Saved: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="542" />
      <source>保存失败：{0}</source>
      <translation>Saving failed: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="546" />
      <source>正在保存……</source>
      <translation>Saving…</translation>
    </message>
  </context>
  <context>
    <name>PublicityDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="178" />
      <source>公示名单</source>
      <extracomment>The typed fields of the last dialog that was accepted or cancelled (this session only).</extracomment>
      <translation>Public notice list</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="190" />
      <source>村委会或联系人电话</source>
      <translation>Phone of the village committee or the contact</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="192" />
      <source>如：乡镇人民政府（可不填）</source>
      <translation>e.g. the township government (optional)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="204" />
      <source>公示名单不含身份证号、电话、账号和健康状况。</source>
      <translation>The public notice list never shows ID numbers, phone numbers, accounts or health.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="213" />
      <source>行政村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="214" />
      <source>学期</source>
      <translation>Term</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="215" />
      <source>联系人</source>
      <translation>Contact</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="216" />
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="217" />
      <source>公示开始</source>
      <translation>Notice starts</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="218" />
      <source>公示结束</source>
      <translation>Notice ends</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="219" />
      <source>异议受理单位</source>
      <translation>Objections to</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="220" />
      <source>异议受理电话</source>
      <translation>Objection phone</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="225" />
      <source>预览</source>
      <translation>Preview</translation>
    </message>
  </context>
  <context>
    <name>ReconcilePage</name>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="58" />
      <source>与国家系统核对</source>
      <extracomment>The comparison finished (the report), or failed (None).</extracomment>
      <translation>Reconcile with the national system</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="59" />
      <source>选择国家系统导出表并核对…</source>
      <translation>Choose a national system export and compare…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="61" />
      <source>保存核对报告…</source>
      <translation>Save the report…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="64" />
      <source>选择从全国防返贫监测信息系统导出的表格，与雨露中的数据逐人核对。</source>
      <translation>Choose a sheet exported from the national monitoring system to compare it with Yulu person by person.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="80" />
      <source>选择国家系统导出表</source>
      <extracomment>关闭, when the page is shown as a window of its own (open_reconcile_page).</extracomment>
      <translation>Choose a national system export</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="80" />
      <source>表格 (*.xlsx *.xls *.csv);;所有文件 (*)</source>
      <translation>Spreadsheets (*.xlsx *.xls *.csv);;All files (*)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="87" />
      <source>正在核对 {0} ……</source>
      <translation>Comparing {0}…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="96" />
      <source>核对失败：{0}</source>
      <translation>Comparison failed: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="108" />
      <source>行政村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="109" />
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="137" />
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="159" />
      <source>户编号</source>
      <translation>Household no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="110" />
      <source>人编号</source>
      <translation>Person no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="111" />
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="138" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="112" />
      <source>证件号码</source>
      <translation>ID number</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="127" />
      <source>仅在国家系统 ({0})</source>
      <translation>Only in the national system ({0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="131" />
      <source>仅在雨露 ({0})</source>
      <translation>Only in Yulu ({0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="136" />
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="169" />
      <source>原表行号</source>
      <translation>Row in the sheet</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="139" />
      <source>字段</source>
      <translation>Field</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="140" />
      <source>国家系统</source>
      <translation>National system</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="141" />
      <source>雨露</source>
      <translation>Yulu</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="155" />
      <source>字段不一致 ({0})</source>
      <translation>Fields that differ ({0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="159" />
      <source>仅在国家系统的成员</source>
      <translation>Members only in the national system</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="159" />
      <source>仅在雨露的成员</source>
      <translation>Members only in Yulu</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="165" />
      <source>成员不一致的户 ({0})</source>
      <translation>Households whose members differ ({0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="169" />
      <source>问题</source>
      <translation>Problem</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="172" />
      <source>无法核对的行 ({0})</source>
      <translation>Rows that could not be compared ({0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="178" />
      <source>保存核对报告</source>
      <translation>Save the report</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="178" />
      <source>Excel 工作簿 (*.xlsx)</source>
      <translation>Excel workbook (*.xlsx)</translation>
    </message>
  </context>
  <context>
    <name>ScanDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="43" />
      <source>扫码核对打印件</source>
      <translation>Check a printed paper</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="49" />
      <source>用扫码枪扫描一人一档或补助申请表上的二维码（也可以从保存的 PDF 中复制 yulu: 开头的文字，粘贴后按回车）。系统会打开此人的档案，并说明打印后记录是否有改动。</source>
      <translation>Scan the QR code of a one-person file or an application form with a barcode scanner (or copy the text starting with yulu: from a saved PDF, paste it and press Enter). The person's file opens and the app tells whether the record changed since printing.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="56" />
      <source>在此扫码，或粘贴 yulu: 开头的文字</source>
      <translation>Scan here, or paste the text starting with yulu:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="59" />
      <source>二维码内容(&amp;Q)：</source>
      <translation>QR code text (&amp;Q):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="71" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="72" />
      <source>再次打开档案(&amp;O)</source>
      <translation>&amp;Open the file again</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="98" />
      <source>正在核对…</source>
      <translation>Checking…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="109" />
      <source>一人一档</source>
      <translation>One-person file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="111" />
      <source>{0}补助申请表</source>
      <translation>Subsidy application form {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="116" />
      <source>本机于 {0} 由 {1} 打印。</source>
      <translation>Printed on this laptop on {0} by {1}.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="121" />
      <source>本机没有这份打印记录（可能是在其他电脑上打印的）。</source>
      <translation>This laptop has no record of printing it (it may have been printed on another computer).</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="125" />
      <source>打印后记录没有改动，纸上内容与系统一致。</source>
      <translation>The record has not changed since printing: the paper matches the system.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="131" />
      <source>打印后记录已有改动，纸上内容可能已过时，请核对后重新打印。</source>
      <translation>The record changed after printing: the paper may be out of date. Check it and print again.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="136" />
      <source>改动：</source>
      <translation>Changes:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="138" />
      <source>具体改动无法全部列出（打印在其他电脑上，或改动已同步到县里）。</source>
      <translation>Not every change can be listed (printed on another computer, or the changes were already sent to the county).</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="150" />
      <source>核对失败：{0}</source>
      <translation>Check failed: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="162" />
      <source>扫码核对打印件…</source>
      <translation>Check a printed paper by QR code…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/scan_dialog.py" line="165" />
      <source>扫描打印件上的二维码，打开档案并检查打印后是否有改动 (Ctrl+Shift+F)</source>
      <translation>Scan the QR code of a printed paper: open the file and check whether it changed since printing (Ctrl+Shift+F)</translation>
    </message>
  </context>
  <context>
    <name>SyncController</name>
    <message>
      <location filename="../../yulu_desktop/ui/sync_worker.py" line="272" />
      <source>正在上传附件 {0}/{1} KB</source>
      <extracomment>Shown when the county server cannot be reached (the wording of issue 5). Shown when the laptop is not enrolled yet. After a local change, sync this long later (several quick edits go in one sync).</extracomment>
      <translation>Uploading attachments {0}/{1} KB</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/sync_worker.py" line="276" />
      <source>正在发送 {0}/{1}</source>
      <translation>Sending {0}/{1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/sync_worker.py" line="277" />
      <source>正在接收 {0}/{1}</source>
      <translation>Receiving {0}/{1}</translation>
    </message>
  </context>
  <context>
    <name>TodayPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="104" />
      <source> 天</source>
      <extracomment>Lines shown per section; the rest are one line that opens the full list. The list page that shows a whole section (``MainWindow.show_page``). What a line opens: ("person", person id), ("conflicts", "") or ("list", list kind). The entities whose changes can change the page. A load finished and the tree shows it.</extracomment>
      <translation> days</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="106" />
      <source>超过这么多天没有走访的户列在“未走访的户”中</source>
      <translation>Households not visited for this many days are listed under “households not visited”</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="108" />
      <source>未走访天数(&amp;N)：</source>
      <translation>Not visited for (&amp;N):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="110" />
      <source>刷新(&amp;R)</source>
      <translation>&amp;Refresh</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="124" />
      <source>姓名／事项</source>
      <translation>Name / item</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="124" />
      <source>户编号</source>
      <translation>Household no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="124" />
      <source>行政村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="124" />
      <source>情况</source>
      <translation>Details</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="139" />
      <source>单击一行或按回车键打开此人的档案；计数超过 1000 时显示“1000+”。</source>
      <translation>Click a line or press Enter to open the person's file; counts above 1000 show as “1000+”.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="181" />
      <source>全部</source>
      <translation>All</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="182" />
      <source>今日工作 · {0} · {1}</source>
      <translation>Today · {0} · {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="193" />
      <source>逾期未办结的承诺</source>
      <translation>Overdue promised follow-ups</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="194" />
      <source>超过 {0} 天未走访的户</source>
      <translation>Households not visited for over {0} days</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="195" />
      <source>{0}未申请补助的在读学生</source>
      <translation>Students without a subsidy application for {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="196" />
      <source>未就业或去向待核实的毕业生</source>
      <translation>Graduates without a job or with a destination to verify</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="197" />
      <source>待处理的同步冲突</source>
      <translation>Sync conflicts to review</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="213" />
      <source>没有需要处理的事项</source>
      <translation>Nothing to do</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="217" />
      <source>另有 {0} 项…</source>
      <translation>{0} more…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="219" />
      <source>按回车或单击打开完整清单</source>
      <translation>Press Enter or click to open the full list</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="253" />
      <source>同步：未连接县服务器</source>
      <translation>Sync: not connected to the county server</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="255" />
      <source>同步：已连接县服务器，尚未同步过</source>
      <translation>Sync: connected to the county server, never synced yet</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="257" />
      <source>上次同步：今天 {0}</source>
      <translation>Last sync: today {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="260" />
      <source>上次同步：{0} 天前（{1}）</source>
      <translation>Last sync: {0} days ago ({1})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="274" />
      <source>打开冲突处理</source>
      <translation>Open the conflicts</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="276" />
      <source>（无户主）</source>
      <translation>(no head of household)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="290" />
      <source>{0}（应于 {1} 办结，已逾期 {2} 天）</source>
      <translation>{0} (due {1}, {2} days overdue)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="294" />
      <source>从未走访</source>
      <translation>Never visited</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="295" />
      <source>上次走访 {0}（{1} 天前）</source>
      <translation>Last visit {0} ({1} days ago)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="297" />
      <source>{0}，本学期还没有补助申请</source>
      <translation>{0}; no subsidy application this term</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="301" />
      <source>已毕业，尚未登记去向</source>
      <translation>Graduated, no destination recorded</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="303" />
      <source>本人申报的去向待核实：{0}</source>
      <translation>Self-reported destination to verify: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="303" />
      <source>未填单位</source>
      <translation>employer not given</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="304" />
      <source>去向：{0}</source>
      <translation>Destination: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="328" />
      <source>今日工作</source>
      <extracomment>The key of the 今日工作 page in the remembered settings (``ui_settings.LAST_PAGE``).</extracomment>
      <translation>Today</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="332" />
      <source>今日工作：逾期承诺、未走访的户、未申请补助的学生…… (Ctrl+0)</source>
      <translation>Today: overdue promises, households not visited, students without an application… (Ctrl+0)</translation>
    </message>
  </context>
  <context>
    <name>UnlockDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="197" />
      <source>打开雨露数据库</source>
      <translation>Open the Yulu database</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="200" />
      <source>数据库：{0}</source>
      <translation>Database: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="224" />
      <source>用户</source>
      <translation>User</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="229" />
      <source>密码</source>
      <translation>Passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="238" />
      <source>打开</source>
      <translation>Open</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="279" />
      <source>请输入密码</source>
      <translation>Please enter the passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="285" />
      <source>正在打开…</source>
      <translation>Opening…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="319" />
      <source>密码不正确，请再试一次（注意大小写和输入法）。</source>
      <translation>Wrong passphrase. Please try again (check Caps Lock and the input method).</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="323" />
      <source>无法打开数据库：{0}</source>
      <translation>Cannot open the database: {0}</translation>
    </message>
  </context>
  <context>
    <name>UserFormDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="58" />
      <source>添加本机用户</source>
      <translation>Add a local user</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="58" />
      <source>修改“{0}”的密码</source>
      <translation>Change the passphrase of {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="70" />
      <source>用户名</source>
      <translation>User name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="72" />
      <source>你自己（所有者）的用户名</source>
      <translation>Your own (the owner's) user name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="75" />
      <source>原密码</source>
      <translation>Current passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="77" />
      <source>新密码</source>
      <translation>New passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="77" />
      <source>密码</source>
      <translation>Passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="78" />
      <source>再次输入</source>
      <translation>Again</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="79" />
      <source>至少 8 个字符；越长越安全，可以用一句好记的话</source>
      <translation>At least 8 characters; longer is safer, a memorable sentence works</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="96" />
      <source>请填写用户名</source>
      <translation>Please enter a user name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="98" />
      <source>请填写你自己（所有者）的用户名</source>
      <translation>Please enter your own (the owner's) user name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="102" />
      <source>两次输入的密码不一致</source>
      <translation>The passphrases differ</translation>
    </message>
  </context>
  <context>
    <name>UsersDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="119" />
      <source>本机用户</source>
      <translation>Local users</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="123" />
      <source>多人共用这台电脑时，每人一个用户和自己的密码，操作记在各自名下。只有所有者（用数据库密码登录的人）可以添加和删除用户。</source>
      <translation>Where several people share this computer, each has a user and a passphrase of their own, and what they do is recorded under their name. Only the owner (who signs in with the database passphrase) may add and remove users.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="133" />
      <source>添加用户…</source>
      <translation>Add user…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="134" />
      <source>删除用户</source>
      <translation>Remove user</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="135" />
      <source>修改密码…</source>
      <translation>Change passphrase…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="166" />
      <source>所有者</source>
      <translation>owner</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="168" />
      <source>当前</source>
      <translation>current</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="176" />
      <source>本机还没有其他用户：现在用数据库密码登录。添加第一个用户时也给自己起个用户名。</source>
      <translation>No other users on this computer yet: you signed in with the database passphrase. When adding the first user, also give yourself a user name.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="220" />
      <source>已添加用户“{0}”</source>
      <translation>User {0} added</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="229" />
      <source>已删除用户“{0}”</source>
      <translation>User {0} removed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="234" />
      <source>已修改“{0}”的密码</source>
      <translation>Passphrase of {0} changed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="238" />
      <source>正在处理…</source>
      <translation>Working…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="250" />
      <source>操作失败：{0}</source>
      <translation>Failed: {0}</translation>
    </message>
  </context>
  <context>
    <name>VisitDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/visit_dialog.py" line="70" />
      <source>新增走访</source>
      <translation>New visit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/visit_dialog.py" line="77" />
      <source>输入姓名、拼音首字母、户编号或身份证号后几位，回车选择</source>
      <translation>Type a name, pinyin initials, household no. or ID tail; Enter picks</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/visit_dialog.py" line="80" />
      <source>尚未选择走访户</source>
      <translation>No household chosen yet</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/visit_dialog.py" line="86" />
      <source>走访户</source>
      <translation>Household</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/visit_dialog.py" line="112" />
      <source>保存 (Ctrl+Enter)</source>
      <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/visit_dialog.py" line="133" />
      <source>已选：{0}（{1}）· {2} · 户编号 {3}</source>
      <translation>Chosen: {0} ({1}) · {2} · household {3}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/visit_dialog.py" line="166" />
      <source>请先选择走访的户</source>
      <translation>Please choose the household first</translation>
    </message>
  </context>
  <context>
    <name>_Cover</name>
    <message>
      <location filename="../../yulu_desktop/ui/lock.py" line="132" />
      <source>雨露已锁定</source>
      <translation>Yulu is locked</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/lock.py" line="132" />
      <source>已锁定</source>
      <translation>Locked</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/lock.py" line="137" />
      <source>长时间没有操作，已自动锁定。输入数据库密码后继续，未保存的内容都还在。</source>
      <translation>Locked after a while without input. Enter the database passphrase to continue; nothing you typed is lost.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/lock.py" line="139" />
      <source>请在锁定窗口中输入密码</source>
      <translation>Enter the passphrase in the lock window</translation>
    </message>
  </context>
  <context>
    <name>columns</name>
    <message>
      <location filename="../../yulu_desktop/ui/models.py" line="205" />
      <source>敏感信息，已脱敏显示</source>
      <extracomment>The id of the record in a row (for opening it). The total number of rows for the current query is known. A page of rows has arrived (or the first page of a reload).</extracomment>
      <translation>Sensitive: shown masked</translation>
    </message>
    <message>
      <source>与户主关系</source>
      <translation>Relationship</translation>
    </message>
    <message>
      <source>专业</source>
      <translation>Major</translation>
    </message>
    <message>
      <source>专业对口</source>
      <translation>Matches major</translation>
    </message>
    <message>
      <source>人员状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>人员编号</source>
      <translation>Person no.</translation>
    </message>
    <message>
      <source>人数</source>
      <translation>Members</translation>
    </message>
    <message>
      <source>住址</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>出生年份</source>
      <translation>Year of birth</translation>
    </message>
    <message>
      <source>办理状态</source>
      <translation>State</translation>
    </message>
    <message>
      <source>办结期限</source>
      <translation>Due</translation>
    </message>
    <message>
      <source>去向</source>
      <translation>Destination</translation>
    </message>
    <message>
      <source>变更日期</source>
      <translation>Effective</translation>
    </message>
    <message>
      <source>变更次数</source>
      <translation>Changes</translation>
    </message>
    <message>
      <source>在校生状况</source>
      <translation>Student status</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>学年</source>
      <translation>School year</translation>
    </message>
    <message>
      <source>学期</source>
      <translation>Term</translation>
    </message>
    <message>
      <source>学校名称</source>
      <translation>School</translation>
    </message>
    <message>
      <source>学校类型</source>
      <translation>School type</translation>
    </message>
    <message>
      <source>学籍号</source>
      <translation>Registry no.</translation>
    </message>
    <message>
      <source>学籍状态</source>
      <translation>Registry status</translation>
    </message>
    <message>
      <source>就业单位</source>
      <translation>Employer</translation>
    </message>
    <message>
      <source>就业地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <source>就业渠道</source>
      <translation>Channel</translation>
    </message>
    <message>
      <source>岗位</source>
      <translation>Job</translation>
    </message>
    <message>
      <source>年级</source>
      <translation>Grade</translation>
    </message>
    <message>
      <source>性别</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>情况记录</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>意向专业</source>
      <translation>Major wanted</translation>
    </message>
    <message>
      <source>意向学校</source>
      <translation>School wanted</translation>
    </message>
    <message>
      <source>意向学校类型</source>
      <translation>School type wanted</translation>
    </message>
    <message>
      <source>户主</source>
      <translation>Head</translation>
    </message>
    <message>
      <source>户类型</source>
      <translation>Household type</translation>
    </message>
    <message>
      <source>户编号</source>
      <translation>Household no.</translation>
    </message>
    <message>
      <source>手机号</source>
      <translation>Mobile</translation>
    </message>
    <message>
      <source>承诺事项</source>
      <translation>Follow-up</translation>
    </message>
    <message>
      <source>收款账号</source>
      <translation>Account</translation>
    </message>
    <message>
      <source>文化程度</source>
      <translation>Education</translation>
    </message>
    <message>
      <source>月收入（元）</source>
      <translation>Monthly income (yuan)</translation>
    </message>
    <message>
      <source>有意愿就读</source>
      <translation>Wants to enrol</translation>
    </message>
    <message>
      <source>村民小组</source>
      <translation>Group</translation>
    </message>
    <message>
      <source>登记日期</source>
      <translation>Recorded</translation>
    </message>
    <message>
      <source>监测对象类型</source>
      <translation>Monitoring type</translation>
    </message>
    <message>
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>行政村</source>
      <translation>Village</translation>
    </message>
    <message>
      <source>补助状态</source>
      <translation>Subsidy</translation>
    </message>
    <message>
      <source>走访人</source>
      <translation>Visitor</translation>
    </message>
    <message>
      <source>走访对象</source>
      <translation>Visited</translation>
    </message>
    <message>
      <source>走访方式</source>
      <translation>Mode</translation>
    </message>
    <message>
      <source>走访日期</source>
      <translation>Visit date</translation>
    </message>
    <message>
      <source>走访目的</source>
      <translation>Purpose</translation>
    </message>
    <message>
      <source>身份证号</source>
      <translation>ID number</translation>
    </message>
    <message>
      <source>需要就业帮扶</source>
      <translation>Needs job help</translation>
    </message>
    <message>
      <source>预计入学年份</source>
      <translation>Expected year</translation>
    </message>
    <message>
      <source>风险是否消除</source>
      <translation>Risk eliminated</translation>
    </message>
  </context>
  <context>
    <name>dialogs</name>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="329" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>fields</name>
    <message>
      <location filename="../../yulu_desktop/ui/forms.py" line="140" />
      <source>元</source>
      <translation>yuan</translation>
    </message>
    <message>
      <source>上级单位</source>
      <translation>Parent unit</translation>
    </message>
    <message>
      <source>与户主关系</source>
      <translation>Relationship</translation>
    </message>
    <message>
      <source>专业</source>
      <translation>Major</translation>
    </message>
    <message>
      <source>专业对口</source>
      <translation>Matches major</translation>
    </message>
    <message>
      <source>乡镇审核意见</source>
      <translation>Township opinion</translation>
    </message>
    <message>
      <source>人员</source>
      <translation>Person</translation>
    </message>
    <message>
      <source>人员状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>人员编号</source>
      <translation>Person no.</translation>
    </message>
    <message>
      <source>人均纯收入</source>
      <translation>Net income per person</translation>
    </message>
    <message>
      <source>住址</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>作废人</source>
      <translation>Voided by</translation>
    </message>
    <message>
      <source>作废原因</source>
      <translation>Reason for voiding</translation>
    </message>
    <message>
      <source>作废日期</source>
      <translation>Voided on</translation>
    </message>
    <message>
      <source>信息来源</source>
      <translation>Source</translation>
    </message>
    <message>
      <source>健康状况</source>
      <translation>Health</translation>
    </message>
    <message>
      <source>入学日期</source>
      <translation>Enrolled on</translation>
    </message>
    <message>
      <source>出生日期</source>
      <translation>Born</translation>
    </message>
    <message>
      <source>办结日期</source>
      <translation>Done on</translation>
    </message>
    <message>
      <source>办结期限</source>
      <translation>Due</translation>
    </message>
    <message>
      <source>劳动技能</source>
      <translation>Skills</translation>
    </message>
    <message>
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>原图校验值</source>
      <translation>Original file hash</translation>
    </message>
    <message>
      <source>原户</source>
      <translation>Former household</translation>
    </message>
    <message>
      <source>原表填写内容</source>
      <translation>Text as in the source file</translation>
    </message>
    <message>
      <source>去向</source>
      <translation>Destination</translation>
    </message>
    <message>
      <source>县级审定意见</source>
      <translation>County decision</translation>
    </message>
    <message>
      <source>县编码</source>
      <translation>County code</translation>
    </message>
    <message>
      <source>发证日期</source>
      <translation>Certificate date</translation>
    </message>
    <message>
      <source>变动日期</source>
      <translation>Date of change</translation>
    </message>
    <message>
      <source>变更原因</source>
      <translation>Reason for change</translation>
    </message>
    <message>
      <source>变更日期</source>
      <translation>Effective</translation>
    </message>
    <message>
      <source>在校生状况</source>
      <translation>Student status</translation>
    </message>
    <message>
      <source>培训机构</source>
      <translation>Provider</translation>
    </message>
    <message>
      <source>备注</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>存在问题</source>
      <translation>Problems found</translation>
    </message>
    <message>
      <source>学制</source>
      <translation>Programme length</translation>
    </message>
    <message>
      <source>学年</source>
      <translation>School year</translation>
    </message>
    <message>
      <source>学期</source>
      <translation>Term</translation>
    </message>
    <message>
      <source>学校名称</source>
      <translation>School</translation>
    </message>
    <message>
      <source>学校类型</source>
      <translation>School type</translation>
    </message>
    <message>
      <source>学籍号</source>
      <translation>Registry no.</translation>
    </message>
    <message>
      <source>学籍状态</source>
      <translation>Registry status</translation>
    </message>
    <message>
      <source>学籍结束日期</source>
      <translation>Schooling ended on</translation>
    </message>
    <message>
      <source>学籍记录</source>
      <translation>Enrollment record</translation>
    </message>
    <message>
      <source>就业单位</source>
      <translation>Employer</translation>
    </message>
    <message>
      <source>就业地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <source>就业渠道</source>
      <translation>Channel</translation>
    </message>
    <message>
      <source>岗位</source>
      <translation>Job</translation>
    </message>
    <message>
      <source>年级</source>
      <translation>Grade</translation>
    </message>
    <message>
      <source>年补助标准</source>
      <translation>Annual subsidy</translation>
    </message>
    <message>
      <source>开始日期</source>
      <translation>Start</translation>
    </message>
    <message>
      <source>开户行</source>
      <translation>Bank</translation>
    </message>
    <message>
      <source>性别</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>情况记录</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>意向专业</source>
      <translation>Major wanted</translation>
    </message>
    <message>
      <source>意向学校</source>
      <translation>School wanted</translation>
    </message>
    <message>
      <source>意向学校类型</source>
      <translation>School type wanted</translation>
    </message>
    <message>
      <source>户类型</source>
      <translation>Household type</translation>
    </message>
    <message>
      <source>户编号</source>
      <translation>Household no.</translation>
    </message>
    <message>
      <source>所属户</source>
      <translation>Household</translation>
    </message>
    <message>
      <source>所属村</source>
      <translation>Village</translation>
    </message>
    <message>
      <source>手机号</source>
      <translation>Mobile</translation>
    </message>
    <message>
      <source>承诺事项</source>
      <translation>Follow-up</translation>
    </message>
    <message>
      <source>收款人</source>
      <translation>Payee</translation>
    </message>
    <message>
      <source>收款账号</source>
      <translation>Account</translation>
    </message>
    <message>
      <source>文件名</source>
      <translation>File name</translation>
    </message>
    <message>
      <source>文件大小</source>
      <translation>File size</translation>
    </message>
    <message>
      <source>文件校验值</source>
      <translation>File hash</translation>
    </message>
    <message>
      <source>文件类型</source>
      <translation>File type</translation>
    </message>
    <message>
      <source>文化程度</source>
      <translation>Education</translation>
    </message>
    <message>
      <source>新户</source>
      <translation>New household</translation>
    </message>
    <message>
      <source>月收入</source>
      <translation>Monthly income</translation>
    </message>
    <message>
      <source>月收入（元）</source>
      <translation>Monthly income (yuan)</translation>
    </message>
    <message>
      <source>有意愿就读职业院校</source>
      <translation>Wants to attend vocational school</translation>
    </message>
    <message>
      <source>村委会意见</source>
      <translation>Village committee opinion</translation>
    </message>
    <message>
      <source>村民小组</source>
      <translation>Group</translation>
    </message>
    <message>
      <source>核实人</source>
      <translation>Verified by</translation>
    </message>
    <message>
      <source>检索字</source>
      <translation>Search key</translation>
    </message>
    <message>
      <source>残疾情况</source>
      <translation>Disability</translation>
    </message>
    <message>
      <source>民族</source>
      <translation>Ethnicity</translation>
    </message>
    <message>
      <source>添加日期</source>
      <translation>Added on</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <source>生效日期</source>
      <translation>Effective from</translation>
    </message>
    <message>
      <source>申请日期</source>
      <translation>Applied</translation>
    </message>
    <message>
      <source>登记人</source>
      <translation>Recorded by</translation>
    </message>
    <message>
      <source>登记日期</source>
      <translation>Recorded</translation>
    </message>
    <message>
      <source>监测对象类型</source>
      <translation>Monitoring type</translation>
    </message>
    <message>
      <source>类别</source>
      <translation>Kind</translation>
    </message>
    <message>
      <source>级别</source>
      <translation>Level</translation>
    </message>
    <message>
      <source>结束日期</source>
      <translation>End date</translation>
    </message>
    <message>
      <source>编码</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>行业</source>
      <translation>Industry</translation>
    </message>
    <message>
      <source>补助金额</source>
      <translation>Subsidy amount</translation>
    </message>
    <message>
      <source>记录时间</source>
      <translation>Recorded at</translation>
    </message>
    <message>
      <source>记录编号</source>
      <translation>Record ID</translation>
    </message>
    <message>
      <source>证书等级</source>
      <translation>Level</translation>
    </message>
    <message>
      <source>证书编号</source>
      <translation>Certificate no.</translation>
    </message>
    <message>
      <source>诉求</source>
      <translation>Requests</translation>
    </message>
    <message>
      <source>走访人</source>
      <translation>Visitor</translation>
    </message>
    <message>
      <source>走访人身份</source>
      <translation>Visitor role</translation>
    </message>
    <message>
      <source>走访方式</source>
      <translation>Mode</translation>
    </message>
    <message>
      <source>走访日期</source>
      <translation>Visit date</translation>
    </message>
    <message>
      <source>走访目的</source>
      <translation>Purpose</translation>
    </message>
    <message>
      <source>身份证号</source>
      <translation>ID number</translation>
    </message>
    <message>
      <source>迁入地</source>
      <translation>Moved in from</translation>
    </message>
    <message>
      <source>迁出地</source>
      <translation>Moved out to</translation>
    </message>
    <message>
      <source>需要就业帮扶</source>
      <translation>Needs job help</translation>
    </message>
    <message>
      <source>预计入学年份</source>
      <translation>Expected year</translation>
    </message>
    <message>
      <source>风险是否消除</source>
      <translation>Risk eliminated</translation>
    </message>
    <message>
      <source>风险消除时间</source>
      <translation>Risk cleared on</translation>
    </message>
    <message>
      <source>风险类型</source>
      <translation>Risk type</translation>
    </message>
    <message>
      <source>风险识别时间</source>
      <translation>Risk identified on</translation>
    </message>
  </context>
  <context>
    <name>lock</name>
    <message>
      <location filename="../../yulu_desktop/ui/lock.py" line="111" />
      <source>密码已连续输错多次，为防止猜测，请在 {0} 秒后再试。</source>
      <extracomment>Wrong passphrases in a row before tries are slowed down. The wait after the FREE_ATTEMPTS-th wrong passphrase; each further one doubles it, up to MAX_DELAY_SECONDS.</extracomment>
      <translation>Too many wrong passphrases in a row. To stop guessing, try again in {0} seconds.</translation>
    </message>
  </context>
  <context>
    <name>parent</name>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="119" />
      <source>学期</source>
      <translation>Term</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="130" />
      <source>补助申请表（批量）</source>
      <translation>Subsidy application forms (batch)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="131" />
      <source>签字版：显示完整身份证号、电话和账号（记入审计日志）</source>
      <translation>Copies to sign: full ID numbers, phones and accounts (written to the audit log)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="133" />
      <source>理由（必填），如：村委会初审签字</source>
      <translation>Reason (required), e.g. signatures of the village committee</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_dialogs.py" line="147" />
      <source>不勾选则打印核对稿（身份证号等已打码）。</source>
      <translation>Unticked: copies for checking (ID numbers and the like masked).</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/bundle_actions.py" line="97" />
      <location filename="../../yulu_desktop/ui/bundle_actions.py" line="120" />
      <source>导出U盘同步文件</source>
      <translation>Export for USB</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/bundle_actions.py" line="99" />
      <source>雨露U盘同步文件 (*{0})</source>
      <translation>Yulu USB sync file (*{0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/bundle_actions.py" line="109" />
      <location filename="../../yulu_desktop/ui/bundle_actions.py" line="127" />
      <source>导入县里回执</source>
      <translation>Import county reply</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/bundle_actions.py" line="111" />
      <source>县里回执 (*{0});;所有文件 (*)</source>
      <translation>County reply (*{0});;All files (*)</translation>
    </message>
  </context>
  <context>
    <name>search</name>
    <message>
      <location filename="../../yulu_desktop/ui/models.py" line="283" />
      <source>匹配：{0}</source>
      <translation>Matched: {0}</translation>
    </message>
  </context>
</TS>