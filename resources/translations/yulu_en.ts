<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>AboutDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/setup/help_dialogs.py" line="66" />
      <source>雨露计划+ 工作台 {0}</source>
      <translation>Yulu Plan+ Workbench {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/help_dialogs.py" line="67" />
      <source>数据位置：{0}</source>
      <translation>Data location: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/help_dialogs.py" line="77" />
      <source>注册状态：已连接县服务器 {0}</source>
      <translation>Enrollment: connected to the county server {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/help_dialogs.py" line="82" />
      <source>本机属于：{0}（{1}），管辖范围：{2}</source>
      <translation>This computer belongs to: {0} ({1}), jurisdiction: {2}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/help_dialogs.py" line="88" />
      <source>上次同步：{0}</source>
      <translation>Last sync: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/help_dialogs.py" line="93" />
      <source>注册状态：尚未连接县服务器</source>
      <translation>Enrollment: not connected to the county server</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/help_dialogs.py" line="94" />
      <source>本机编号：{0}</source>
      <translation>Device id: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/help_dialogs.py" line="101" />
      <source>关于雨露</source>
      <translation>About Yulu</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/help_dialogs.py" line="109" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
  </context>
  <context>
    <name>AgreementsPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/agreements_page.py" line="40" />
      <source>协议名称</source>
      <translation>Agreement title</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/agreements_page.py" line="41" />
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/agreements_page.py" line="42" />
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/agreements_page.py" line="43" />
      <source>合作企业</source>
      <translation>Partner enterprises</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/agreements_page.py" line="44" />
      <source>签订日期</source>
      <translation>Signed on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/agreements_page.py" line="45" />
      <source>有效期</source>
      <translation>Valid</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/agreements_page.py" line="46" />
      <source>专业</source>
      <translation>Major</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/agreements_page.py" line="48" />
      <source>每年名额</source>
      <translation>Places per year</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/agreements_page.py" line="51" />
      <source>已录用</source>
      <translation>Hired</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/agreements_page.py" line="52" />
      <source>支持内容</source>
      <translation>Support</translation>
    </message>
  </context>
  <context>
    <name>ApplyPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="99" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="100" />
      <source>村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="102" />
      <source>户类型</source>
      <translation>Household type</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="105" />
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="107" />
      <source>学校类型</source>
      <translation>School type</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="111" />
      <source>是否符合条件</source>
      <translation>Eligibility</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="112" />
      <source>符合条件</source>
      <translation>Eligible</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="125" />
      <source>所选学生已享受的其他资助（没有则留空）</source>
      <translation>Other aid the selected students receive (leave empty if none)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="126" />
      <source>选中全部符合条件的</source>
      <translation>Select all eligible</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="128" />
      <source>为所选学生申请</source>
      <translation>Apply for the selected</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="131" />
      <source>待申请</source>
      <translation>To apply</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="143" />
      <source>全部状态</source>
      <translation>All states</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="166" />
      <source>证明材料…</source>
      <translation>Evidence…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="169" />
      <source>勾选或附上选中申请的证明材料（双击一行也可）</source>
      <translation>Tick or attach the evidence of the selected application (or double-click a line)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="172" />
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="377" />
      <source>村委会初审</source>
      <translation>Village committee check</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="175" />
      <source>所选申请通过村委会初审（须材料齐全）</source>
      <translation>The selected applications pass the village committee check (evidence must be complete)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="178" />
      <source>发起公示…</source>
      <translation>Start public notice…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="181" />
      <source>把所选已初审的申请列入本村公示</source>
      <translation>Put the selected checked applications on the village's public notice</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="184" />
      <source>异议…</source>
      <translation>Objections…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="184" />
      <source>记录或处理公示期间的异议</source>
      <translation>Record or resolve objections raised during the public notice</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="187" />
      <source>撤回…</source>
      <translation>Withdraw…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="187" />
      <source>撤回所选申请（须填写原因）</source>
      <translation>Withdraw the selected applications (a reason is required)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="190" />
      <source>重新申请</source>
      <translation>Apply again</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="193" />
      <source>被退回的申请补正后重新申请，之后须重新初审和公示</source>
      <translation>Apply again for a returned application once corrected; it is then checked and publicly noticed again</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="196" />
      <source>更正账户…</source>
      <translation>Correct account…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="199" />
      <source>发放失败的申请更正收款账号</source>
      <translation>Correct the payee account of a failed payment</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="202" />
      <source>打印申请表…</source>
      <translation>Print forms…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="205" />
      <source>把所选学生的补助申请表打印到一个 PDF（脱敏版；签字用的完整版在“打印”菜单）</source>
      <translation>Print the application forms of the selected students to one PDF (masked; the full copy for signing is in the “Print” menu)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="208" />
      <source>打开档案</source>
      <translation>Open file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="208" />
      <source>打开选中学生的一人一档</source>
      <translation>Open the selected student's file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="217" />
      <source>本学期申请</source>
      <translation>Applications this term</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="220" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="275" />
      <source>待申请：{0} 名在读学生尚未申请，其中 {1} 名符合条件</source>
      <translation>To apply: {0} students without an application, {1} of them eligible</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="281" />
      <source>……另有 {0} 份</source>
      <translation>… and {0} more</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="283" />
      <source>有 {0} 份申请被退回，请补正后点“重新申请”：</source>
      <translation>{0} applications were returned; correct them, then click “Apply again”: </translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="296" />
      <source>{0}的申请：{1} 份</source>
      <translation>Applications for {0}: {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="354" />
      <source>请先在“待申请”中选择学生（可按住 Ctrl 或 Shift 多选）</source>
      <translation>First select students under “To apply” (Ctrl or Shift selects several)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="365" />
      <source>已为 {0} 名学生申请补助，请收齐证明材料后村委会初审</source>
      <translation>Applied for {0} students; collect the evidence, then do the village committee check</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="93" />
      <source>请先在“本学期申请”中选择申请（可按住 Ctrl 或 Shift 多选）</source>
      <extracomment>The day the services take as today (None: the real date; tests set it).</extracomment>
      <translation>First select applications under “Applications this term” (Ctrl or Shift selects several)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="377" />
      <source>初审意见：</source>
      <translation>Check opinion:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="377" />
      <source>情况属实，同意上报</source>
      <translation>Facts confirmed; forwarded for approval</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="382" />
      <source>{0} 份申请已通过村委会初审</source>
      <translation>{0} applications passed the village committee check</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="388" />
      <source>撤回申请</source>
      <translation>Withdraw application</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="388" />
      <source>撤回原因（如“学生已退学”）：</source>
      <translation>Reason for withdrawing (e.g. “the student dropped out”):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="391" />
      <source>已撤回 {0} 份申请</source>
      <translation>{0} applications withdrawn</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="394" />
      <source>{0} 份被退回的申请已重新申请，请重新初审并公示</source>
      <translation>{0} returned applications applied for again; check them and put them on a public notice again</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="419" />
      <source>所选申请中没有“村委会初审”状态的，不能公示</source>
      <translation>None of the selected applications passed the village committee check; nothing to put on notice</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="424" />
      <source>所选申请属于 {0} 个村（{1}），公示按村张贴，请每次只选一个村的申请</source>
      <translation>The selected applications belong to {0} villages ({1}); a notice is posted per village, so select one village's applications at a time</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="443" />
      <source>已将 {0} 份申请列入公示</source>
      <translation>{0} applications put on public notice</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="468" />
      <source>{0} 的账户已更正，县里将在下一批次发放</source>
      <translation>Account of {0} corrected; the county pays it in a later batch</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="488" />
      <source>保存补助申请表</source>
      <translation>Save the application forms</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="488" />
      <source>PDF 文件 (*.pdf)</source>
      <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="502" />
      <source>已把 {0} 份申请表保存到 {1}</source>
      <translation>{0} application forms saved to {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/apply_page.py" line="504" />
      <source>未打印：{0}</source>
      <translation>Not printed: {0}</translation>
    </message>
  </context>
  <context>
    <name>AttachmentsTab</name>
    <message>
      <location filename="../../yulu_desktop/ui/person/attachments.py" line="83" />
      <source>添加附件…</source>
      <extracomment>``problem`` when the county server cannot be reached (or this laptop is not enrolled).</extracomment>
      <translation>Add attachment…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/attachments.py" line="85" />
      <source>保留原图</source>
      <translation>Keep original</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/attachments.py" line="88" />
      <source>照片会缩小到适合存档的大小（最长边 2000 像素）再保存；勾选后同时保留原图，占用更多空间和流量</source>
      <translation>Photos are scaled down for the file (longest side 2000 pixels) before saving; tick to keep the original too, which takes more space and data</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/attachments.py" line="94" />
      <source>选择附件以预览</source>
      <extracomment>Fetches files this laptop does not hold from the county server (off the GUI and database threads).</extracomment>
      <translation>Select an attachment to preview</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/attachments.py" line="100" />
      <source>附件类型</source>
      <translation>Kind</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/attachments.py" line="124" />
      <source>选择扫描件或照片</source>
      <translation>Choose a scan or photo</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/attachments.py" line="126" />
      <source>图片和文档 (*.jpg *.jpeg *.png *.bmp *.pdf);;所有文件 (*)</source>
      <translation>Images and documents (*.jpg *.jpeg *.png *.bmp *.pdf);;All files (*)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/attachments.py" line="136" />
      <source>无法读取文件：{0}</source>
      <translation>Cannot read the file: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/attachments.py" line="147" />
      <source>已添加附件 {0}</source>
      <translation>Attachment {0} added</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/attachments.py" line="162" />
      <source>此类文件不能预览</source>
      <translation>No preview for this kind of file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/attachments.py" line="178" />
      <source>正在从县服务器下载附件…</source>
      <translation>Downloading the attachment from the county server…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/attachments.py" line="197" />
      <source>图片无法显示</source>
      <translation>The image cannot be shown</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/attachments.py" line="205" />
      <source>附件在县服务器上，联网后可查看</source>
      <translation>The attachment is on the county server; it can be viewed once online</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/attachments.py" line="207" />
      <source>附件无法下载：{0}</source>
      <translation>The attachment could not be downloaded: {0}</translation>
    </message>
  </context>
  <context>
    <name>BackupActions</name>
    <message>
      <location filename="../../yulu_desktop/ui/backup/actions.py" line="51" />
      <source>备份(&amp;B)…</source>
      <extracomment>How often a running app looks whether today's automatic backup is still to be made. An automatic backup finished (the result) — for the status bar and tests.</extracomment>
      <translation>&amp;Back up…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/actions.py" line="54" />
      <source>从备份恢复(&amp;R)…</source>
      <translation>&amp;Restore from backup…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/actions.py" line="107" />
      <source>雨露将重新启动，请输入密码打开恢复后的数据。</source>
      <extracomment>The database was closed for a restore: nothing more is written, the app starts again.</extracomment>
      <translation>Yulu will start again: enter the passphrase to open the restored data.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/actions.py" line="108" />
      <source>恢复完成</source>
      <translation>Restore complete</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/actions.py" line="112" />
      <source>没有恢复</source>
      <translation>Not restored</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/actions.py" line="113" />
      <source>恢复没有完成，原来的数据已放回原处。雨露将重新启动。</source>
      <translation>The restore did not finish; the previous data was put back. Yulu will start again.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/actions.py" line="141" />
      <source>已自动备份（{0} 人）：{1}</source>
      <translation>Automatic backup made ({0} people): {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/actions.py" line="147" />
      <source>自动备份没有完成：{0}</source>
      <translation>The automatic backup did not finish: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/actions.py" line="158" />
      <source>正在自动备份本机数据……</source>
      <translation>Making the automatic backup of this computer's data…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/actions.py" line="158" />
      <source>跳过</source>
      <translation>Skip</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/actions.py" line="160" />
      <source>自动备份</source>
      <translation>Automatic backup</translation>
    </message>
  </context>
  <context>
    <name>BackupDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="67" />
      <source>备份数据</source>
      <translation>Back up data</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="73" />
      <source>把本机的全部数据做成一个加密的备份文件，建议存到U盘并放在安全的地方。备份文件用现在的数据库密码打开；恢复时需要这个密码。</source>
      <translation>Saves all data of this computer as one encrypted backup file; keep it on a USB stick in a safe place. The backup opens with the current database passphrase, which a restore will ask for.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="80" />
      <source>请选择U盘或文件夹</source>
      <translation>Choose a USB stick or folder</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="82" />
      <source>选择文件夹(&amp;B)…</source>
      <translation>&amp;Browse…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="87" />
      <source>保存到(&amp;F)：</source>
      <translation>Save to (&amp;F):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="105" />
      <source>开始备份</source>
      <translation>Back up now</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="109" />
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="193" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="128" />
      <source>选择备份保存到哪里</source>
      <translation>Where to save the backup</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="137" />
      <source>提示：这个文件夹和数据库在同一块硬盘上，电脑坏了备份会一起丢失。建议存到U盘。</source>
      <translation>Note: this folder is on the same disk as the database; if the computer breaks, the backup is lost with it. A USB stick is better.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="157" />
      <source>找不到文件夹“{0}”。请插好U盘，或选择另一个文件夹。</source>
      <translation>Folder “{0}” not found. Plug in the USB stick, or choose another folder.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="169" />
      <source>正在准备……</source>
      <translation>Preparing…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="175" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="180" />
      <source>正在复制数据库……</source>
      <translation>Copying the database…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="181" />
      <source>正在检查副本……</source>
      <translation>Checking the copy…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="182" />
      <source>正在写入备份文件……</source>
      <translation>Writing the backup file…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="183" />
      <source>正在校验备份文件……</source>
      <translation>Verifying the backup file…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="203" />
      <source>备份完成，已校验。
文件：{0}
大小：{1}
内容：{2} 户，{3} 人（{4}）</source>
      <translation>Backup complete and verified.
File: {0}
Size: {1}
Contents: {2} households, {3} people ({4})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="211" />
      <source>再备份一次</source>
      <translation>Back up again</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="219" />
      <source>已取消，没有留下备份文件。</source>
      <translation>Cancelled; no backup file was left behind.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="221" />
      <source>备份没有完成：{0}</source>
      <translation>The backup did not finish: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/backup_dialog.py" line="231" />
      <source>正在取消……</source>
      <translation>Cancelling…</translation>
    </message>
  </context>
  <context>
    <name>BasicTab</name>
    <message>
      <location filename="../../yulu_desktop/ui/person/basic.py" line="71" />
      <location filename="../../yulu_desktop/ui/person/basic.py" line="216" />
      <source>查看完整身份证号和手机号</source>
      <extracomment>Fields that are masked until the user asks to see them (and that is audited).</extracomment>
      <translation>Show full ID number and phone</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/basic.py" line="72" />
      <source>查看完整信息会记入审计日志</source>
      <translation>Viewing full details is audited</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/basic.py" line="116" />
      <source>&lt;b&gt;导入原文&lt;/b&gt;（代码表中没有对应项，请核对后在上方选择）：{0}</source>
      <extracomment>The schooling records next to 在校生状况, with where each comes from (and a contradiction named). The national export's own text of values the code lists did not know (kept by the import).</extracomment>
      <translation>&lt;b&gt;Text as imported&lt;/b&gt; (no matching code; check and choose above): {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/basic.py" line="123" />
      <source>无学籍记录</source>
      <translation>no schooling recorded</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/basic.py" line="124" />
      <source>&lt;b&gt;学籍记录&lt;/b&gt;（见“学籍”页）：{0}</source>
      <translation>&lt;b&gt;Schooling records&lt;/b&gt; (see the Schooling tab): {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/basic.py" line="126" />
      <source>上方“在校生状况”来自国家监测系统导入或手工填写，与学籍记录不一致时请核对。</source>
      <translation>“Student status” above comes from the national monitoring export or was typed in; check it when it differs from the schooling records.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/basic.py" line="182" />
      <source>请先改正标红的内容</source>
      <translation>Please correct the fields in red first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/basic.py" line="193" />
      <source>已保存基本信息</source>
      <translation>Basic information saved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/basic.py" line="207" />
      <source>未保存：{0}</source>
      <translation>Not saved: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/basic.py" line="209" />
      <source>未保存</source>
      <translation>Not saved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/basic.py" line="217" />
      <source>理由（必填，记入审计日志），如：核对银行卡开户信息</source>
      <translation>Reason (required, written to the audit log), e.g. checking the bank account</translation>
    </message>
  </context>
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
    <name>CampaignsPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="38" />
      <source>登记宣传对象…</source>
      <translation>Record people reached…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="41" />
      <source>宣传到的人</source>
      <translation>People reached</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="65" />
      <source>宣传日期</source>
      <translation>Held on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="66" />
      <source>时点</source>
      <translation>Moment</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="67" />
      <source>主题</source>
      <translation>Topic</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="68" />
      <source>地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="69" />
      <source>宣传人</source>
      <translation>Held by</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="70" />
      <source>单位</source>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="71" />
      <source>宣传人数</source>
      <translation>People reached</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="72" />
      <source>备注</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="86" />
      <source>宣传到的人（先在上表选中一次宣传）</source>
      <translation>People reached (select a campaign in the table above)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="102" />
      <source>“{0}”宣传到的人：{1} 人</source>
      <translation>Reached by “{0}”: {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="109" />
      <source>请先在表中选中一次宣传</source>
      <translation>Select a campaign in the table first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="111" />
      <source>登记宣传对象：{0}</source>
      <translation>People reached: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="126" />
      <source>已登记 {0} 人</source>
      <translation>{0} recorded</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/campaigns_page.py" line="128" />
      <source>（{0} 人此前已登记）</source>
      <translation> ({0} had been recorded already)</translation>
    </message>
  </context>
  <context>
    <name>CareerPlanDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="190" />
      <source>复核职业规划</source>
      <translation>Review the career plan</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="190" />
      <source>新的职业规划</source>
      <translation>New career plan</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="194" />
      <source>与家庭一起商定的职业目标、学校和专业，以及就业意愿（地域、月收入、行业）。</source>
      <translation>The career goal, school and major agreed with the family, and the job wishes (region, monthly pay, industry).</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="196" />
      <source>复核会另存一条新的规划，原来的规划保留在历史中。</source>
      <translation>A review is saved as a new plan; the earlier plan stays in the history.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="197" />
      <source>保存规划</source>
      <translation>Save plan</translation>
    </message>
  </context>
  <context>
    <name>ChangePassphraseDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/change_dialog.py" line="28" />
      <source>修改密码</source>
      <translation>Change passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/change_dialog.py" line="32" />
      <source>这是打开本机数据库的密码。修改后旧密码立即失效；其他本机用户的密码和恢复密钥仍然有效。修改过程中请不要关机（即使断电，数据库也能用旧密码或新密码打开）。</source>
      <translation>This is the passphrase that opens this computer's database. Once changed, the old one stops working at once; the other local users' passphrases and the recovery key stay valid. Do not switch off while it changes (even after a power cut the database opens with the old or the new passphrase).</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/change_dialog.py" line="36" />
      <source>修改本机用户“{0}”自己的密码，其他用户不受影响。</source>
      <translation>Change the passphrase of local user “{0}”; other users are not affected.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/change_dialog.py" line="41" />
      <source>原密码(&amp;O)</source>
      <translation>&amp;Old passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/change_dialog.py" line="44" />
      <source>至少 8 个字符；越长越安全，可以用一句好记的话</source>
      <translation>At least 8 characters; longer is safer — a sentence you remember works well</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/change_dialog.py" line="50" />
      <source>修改</source>
      <translation>Edit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/change_dialog.py" line="67" />
      <source>请输入原密码</source>
      <translation>Please enter the old passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/change_dialog.py" line="75" />
      <source>正在修改密码，请稍候…</source>
      <translation>Changing the passphrase, please wait…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/change_dialog.py" line="87" />
      <source>原密码不正确，密码没有修改。请再试一次（注意大小写和输入法）。</source>
      <translation>The old passphrase is wrong; nothing was changed. Please try again (mind upper/lower case and the input method).</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/change_dialog.py" line="93" />
      <source>密码没有修改：{0}</source>
      <translation>The passphrase was not changed: {0}</translation>
    </message>
  </context>
  <context>
    <name>ChartTable</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_charts.py" line="116" />
      <source>单击列出这些人</source>
      <extracomment>(Drill, what it is: "一镇 · 已就业")</extracomment>
      <translation>Click to list these people</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_charts.py" line="129" />
      <source>没有数据</source>
      <translation>No data</translation>
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
    <name>CountyApprovalPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="85" />
      <source>待县审定（乡镇已审核）</source>
      <extracomment>What the page lists: (states, label).</extracomment>
      <translation>Awaiting county approval (township reviewed)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="85" />
      <source>已审定待公告</source>
      <translation>Approved, awaiting announcement</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="85" />
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="422" />
      <source>已公告</source>
      <translation>Announced</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="87" />
      <source>显示(&amp;S)：</source>
      <translation>&amp;Show:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="89" />
      <source>刷新(&amp;R)</source>
      <translation>&amp;Refresh</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="102" />
      <source>乡镇／村／姓名</source>
      <translation>Township / village / name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="103" />
      <source>身份证号</source>
      <translation>ID number</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="104" />
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="105" />
      <source>金额（元）</source>
      <translation>Amount (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="106" />
      <source>申请日期</source>
      <translation>Applied on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="107" />
      <source>审定日期</source>
      <translation>Approved on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="108" />
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="317" />
      <source>联审意见</source>
      <translation>Joint review opinions</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="109" />
      <source>规则版本</source>
      <translation>Rule version</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="137" />
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="150" />
      <source>同意</source>
      <translation>Agreed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="139" />
      <source>记录联审意见(&amp;J)</source>
      <translation>Record &amp;joint opinion</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="142" />
      <source>联审部门(&amp;D)：</source>
      <translation>Joint reviewing &amp;department:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="152" />
      <source>县审定意见(&amp;O)：</source>
      <translation>County &amp;opinion:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="154" />
      <source>县审定通过(&amp;A)</source>
      <translation>&amp;Approve (county)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="157" />
      <source>退回村(&amp;T)…</source>
      <translation>Re&amp;turn to village…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="159" />
      <source>不通过(&amp;N)…</source>
      <translation>Reject (&amp;N)…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="161" />
      <source>公告(&amp;G)</source>
      <translation>Announce (&amp;G)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="164" />
      <source>全选(&amp;L)</source>
      <translation>Tick al&amp;l</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="177" />
      <source>勾选申请（勾选乡镇或村即选中其下全部），先记录规则要求的联审意见，再审定；双击姓名打开此人档案。</source>
      <translation>Tick applications (ticking a township or village ticks everything under it), record the joint opinions the rule requires, then approve; double-click a name to open the person's file.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="223" />
      <source>县审定 · {0}</source>
      <translation>County approval · {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="238" />
      <source>（未知乡镇）</source>
      <translation>(unknown township)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="256" />
      <source>未记录</source>
      <translation>not recorded</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="264" />
      <source>由旧版本的雨露审定，没有记录审定日期（按公示结束日计算逾期）</source>
      <translation>Approved by an earlier version of Yulu, which did not record the day (overdue is counted from the end of the public notice)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="271" />
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="273" />
      <source>{0}（{1} 份）</source>
      <translation>{0} ({1})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="277" />
      <source>本学期没有这类申请。</source>
      <translation>No such applications this term.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="311" />
      <source>&lt;b&gt;{0}&lt;/b&gt;　{1}　{2}</source>
      <translation>&lt;b&gt;{0}&lt;/b&gt;  {1}  {2}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="315" />
      <source>村委会初审意见</source>
      <translation>Village committee opinion</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="316" />
      <source>乡镇审核意见</source>
      <translation>Township opinion</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="318" />
      <source>县审定意见</source>
      <translation>County opinion</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="319" />
      <source>县审定日期</source>
      <translation>County approved on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="327" />
      <source>✔ 已提供</source>
      <translation>✔ provided</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="327" />
      <source>✘ 缺少</source>
      <translation>✘ missing</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="328" />
      <source>（选交）</source>
      <translation> (optional)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="329" />
      <source>，扫描件 {0}</source>
      <translation>, scan {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="331" />
      <source>证明材料：</source>
      <translation>Evidence: </translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="331" />
      <source>无</source>
      <translation>none</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="334" />
      <source>公示异议 {0} 条（{1} 条未处理）</source>
      <translation>{0} objection(s) during the public notice ({1} open)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="385" />
      <source>请先勾选要办理的申请</source>
      <translation>Tick the applications to act on first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="402" />
      <source>请选择联审部门并填写其意见</source>
      <translation>Choose the joint reviewing department and enter its opinion</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="409" />
      <source>已记录{0}意见“{1}”</source>
      <translation>Recorded opinion of {0}: “{1}”</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="413" />
      <source>县审定通过</source>
      <translation>County approves</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="416" />
      <source>已退回村</source>
      <translation>Returned to the village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="419" />
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="442" />
      <source>不通过</source>
      <translation>Reject</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="430" />
      <source>退回村</source>
      <translation>Return to village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="431" />
      <source>退回的理由（村里会在今日工作中看到）：</source>
      <translation>Why it is returned (the village sees this in Today):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="432" />
      <source>如：学籍证明与学校不符</source>
      <translation>e.g. the enrolment certificate does not match the school</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="442" />
      <source>不通过的理由：</source>
      <translation>Why it is rejected:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="442" />
      <source>如：已享受其他同类资助</source>
      <translation>e.g. already receives a similar aid</translation>
    </message>
  </context>
  <context>
    <name>DashboardPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="222" />
      <source>按乡镇</source>
      <extracomment>The list behind a figure is shown (its title).</extracomment>
      <translation>Township</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="223" />
      <source>按村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="225" />
      <source>汇总(&amp;G)：</source>
      <translation>&amp;Group by:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="227" />
      <source>刷新(&amp;R)</source>
      <translation>&amp;Refresh</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="229" />
      <source>导出 Excel(&amp;E)…</source>
      <translation>&amp;Export to Excel…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="257" />
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="429" />
      <source>合计</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="259" />
      <source>未发放（元）</source>
      <translation>Unpaid (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="262" />
      <source>应享受</source>
      <translation>Eligible</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="262" />
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="269" />
      <source>覆盖率</source>
      <translation>Coverage</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="266" />
      <source>申请状态</source>
      <translation>States</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="267" />
      <source>逾期事项</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="268" />
      <source>金额</source>
      <translation>Amounts</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="273" />
      <source>单击图中的条形、表中的数字或上方的汇总，在这里列出对应的学生。</source>
      <translation>Click a bar, a number in the table or a summary above to list its students here.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="278" />
      <source>双击一行打开此人的档案</source>
      <translation>Double-click a line to open the person's file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="308" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="309" />
      <source>乡镇</source>
      <translation>Township</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="310" />
      <source>村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="311" />
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="312" />
      <source>户类型</source>
      <translation>Household type</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="314" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="318" />
      <source>金额（元）</source>
      <translation>Amount (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="319" />
      <source>申请日期</source>
      <translation>Applied on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="320" />
      <source>公示截止</source>
      <translation>Notice ends</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="321" />
      <source>审定日期</source>
      <translation>Approved on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="323" />
      <source>待发放天数</source>
      <translation>Days unpaid</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="327" />
      <source>说明</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="356" />
      <source>{0} 雨露计划补助统计 · {1}</source>
      <translation>{0} Yulu subsidy figures · {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="359" />
      <source>申请
{0} 件</source>
      <translation>Applications
{0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="360" />
      <source>逾期事项
{0} 件</source>
      <translation>Overdue
{0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="361" />
      <source>审定金额
{0} 元</source>
      <translation>Approved
{0} yuan</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="362" />
      <source>已发放
{0} 元</source>
      <translation>Paid
{0} yuan</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="364" />
      <source>覆盖率
{0}（{1}/{2}）</source>
      <translation>Coverage
{0} ({1}/{2})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="380" />
      <source>公示结束超过 {0} 天未审核</source>
      <translation>Not reviewed {0}+ days after the public notice</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="385" />
      <source>审定后超过 {0} 天未发放</source>
      <translation>Not paid {0}+ days after approval</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="389" />
      <source>退回后未重新申请</source>
      <translation>Returned, not applied again</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="397" />
      <source>审定金额（元）</source>
      <translation>Approved (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="398" />
      <source>已发放金额（元）</source>
      <translation>Paid (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="406" />
      <source>已申请</source>
      <translation>Applied</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="407" />
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="427" />
      <source>符合条件未申请</source>
      <translation>Eligible, not applied</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="424" />
      <source>全部申请</source>
      <translation>All applications</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="425" />
      <source>审定金额</source>
      <translation>Approved amount</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="426" />
      <source>已发放</source>
      <translation>Paid</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="437" />
      <source>{0}：正在读取……</source>
      <translation>{0}: loading…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="446" />
      <source>{0}：{1} 人（双击一行打开档案）</source>
      <translation>{0}: {1} people (double-click a line to open the file)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="448" />
      <source>；共 {0} 人，只列出前 {1} 人</source>
      <translation>; {0} in all, only the first {1} listed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="468" />
      <source>导出统计表</source>
      <translation>Export the figures</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="468" />
      <source>Excel 文件 (*.xlsx)</source>
      <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="480" />
      <source>统计表已导出到 {0}</source>
      <translation>Figures exported to {0}</translation>
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
    <name>DrillDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="84" />
      <source>{0}：正在读取……</source>
      <extracomment>The fairs' four bars: invited, attended, referred, hired. The person with this id is to be opened. The rows arrived (their number).</extracomment>
      <translation>{0}: loading…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="89" />
      <source>双击一行打开此人的档案</source>
      <translation>Double-click a line to open the person's file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="100" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="101" />
      <source>村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="102" />
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="103" />
      <source>专业</source>
      <translation>Major</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="104" />
      <source>毕业年份</source>
      <translation>Graduation year</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="105" />
      <source>去向</source>
      <translation>Destination</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="105" />
      <source>未登记</source>
      <translation>Not recorded</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="106" />
      <source>单位</source>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="107" />
      <source>地域</source>
      <translation>Region</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="108" />
      <source>月收入（元）</source>
      <translation>Monthly income (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="109" />
      <source>在岗月数</source>
      <translation>Months in job</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="114" />
      <source>{0}：{1} 人（双击一行打开档案）</source>
      <translation>{0}: {1} people (double-click a line to open the file)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="118" />
      <source>{0}：读取失败：{1}</source>
      <translation>{0}: could not be loaded: {1}</translation>
    </message>
  </context>
  <context>
    <name>EmploymentDashboardPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="200" />
      <source>本机全部</source>
      <extracomment>A drill dialog was opened (it loads its rows on the worker). A message was shown on the page's message line. The org unit shown (None: everything on this laptop). The open lists behind figures. Data changed while the page was hidden: it reloads when shown.</extracomment>
      <translation>All on this computer</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="203" />
      <source>范围(&amp;S)：</source>
      <translation>&amp;Scope:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="205" />
      <source>刷新(&amp;R)</source>
      <translation>&amp;Refresh</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="208" />
      <source>导出 Excel(&amp;E)…</source>
      <translation>&amp;Export to Excel…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="211" />
      <source>打印月报(&amp;P)…</source>
      <translation>&amp;Print the monthly report…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="234" />
      <source>单击列出这些人</source>
      <translation>Click to list these people</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="251" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="404" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="422" />
      <source>就业率</source>
      <translation>Employment rate</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="252" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="364" />
      <source>行业</source>
      <translation>Industry</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="253" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="365" />
      <source>地域</source>
      <translation>Region</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="254" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="367" />
      <source>专业对口</source>
      <translation>Major match</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="255" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="369" />
      <source>月收入</source>
      <translation>Monthly income</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="256" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="370" />
      <source>在岗时长</source>
      <translation>Months in job</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="257" />
      <source>在校学校专业</source>
      <translation>Students by school</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="258" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="483" />
      <source>招聘会</source>
      <translation>Job fairs</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="264" />
      <source>单击图中的条形、表中的数字或上方的汇总，列出对应的人；双击其中一人打开档案。</source>
      <translation>Click a bar, a number in a table or a total above to list the people; double-click one to open them.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="351" />
      <source>{0} 届</source>
      <translation>the {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="351" />
      <source>全部届别</source>
      <translation>all years'</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="353" />
      <source>{0} · {1}毕业生就业统计</source>
      <translation>{0} · employment of {1} graduates</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="355" />
      <source>毕业生
{0} 人</source>
      <translation>Graduates
{0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="357" />
      <source>已就业
{0} 人（就业率 {1}）</source>
      <translation>Employed
{0} (rate {1})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="360" />
      <source>去向落实
{0} 人（落实率 {1}）</source>
      <translation>Placed
{0} (rate {1})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="362" />
      <source>未落实
{0} 人</source>
      <translation>Not placed
{0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="364" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="365" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="367" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="369" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="370" />
      <source>已就业人数</source>
      <translation>Employed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="374" />
      <source>学校 · 专业</source>
      <translation>School · major</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="375" />
      <source>在校生人数</source>
      <translation>Students</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="388" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="448" />
      <source>合计</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="410" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="423" />
      <source>去向落实率</source>
      <translation>Placement rate</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="417" />
      <source>乡镇</source>
      <translation>Township</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="417" />
      <source>村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="418" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="496" />
      <source>毕业生</source>
      <translation>Graduates</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="419" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="497" />
      <source>已就业</source>
      <translation>Employed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="420" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="498" />
      <source>去向落实</source>
      <translation>Placed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="421" />
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="499" />
      <source>未落实</source>
      <translation>Not placed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="427" />
      <source>没有毕业生</source>
      <translation>No graduates</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="452" />
      <source>占比</source>
      <translation>Share</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="464" />
      <source>已邀请</source>
      <translation>Invited</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="465" />
      <source>已到场</source>
      <translation>Attended</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="466" />
      <source>已推荐</source>
      <translation>Referred</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="467" />
      <source>已录用</source>
      <translation>Hired</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="483" />
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="485" />
      <source>没有招聘会</source>
      <translation>No job fairs</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="548" />
      <source>导出就业统计</source>
      <translation>Export the employment figures</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="550" />
      <source>Excel 文件 (*.xlsx)</source>
      <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="563" />
      <source>就业统计已导出到 {0}</source>
      <translation>Employment figures exported to {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="580" />
      <source>打印就业月报</source>
      <translation>Print the monthly employment report</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="582" />
      <source>PDF 文件 (*.pdf)</source>
      <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="598" />
      <source>已生成就业月报 PDF：{0}</source>
      <translation>Monthly employment report written: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="603" />
      <source>{0} 就业月报</source>
      <translation>Employment report {0}</translation>
    </message>
  </context>
  <context>
    <name>EmploymentDialogs</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="99" />
      <source>查找</source>
      <translation>Find</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="144" />
      <source>可选列表中没有编号为 {0} 的记录；不取消勾选则原样保存。</source>
      <translation>There is no record with the id {0} among the choices; left checked, it is saved unchanged.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="188" />
      <source>学校名称</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="194" />
      <source>学校层次</source>
      <translation>School level</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="196" />
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="210" />
      <source>所在地</source>
      <translation>Location</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="197" />
      <source>开设专业（用顿号分隔）</source>
      <translation>Majors offered (separated by 、)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="198" />
      <source>联系人及电话</source>
      <translation>Contact and phone</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="199" />
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="220" />
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="246" />
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="289" />
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="298" />
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="315" />
      <source>备注</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="205" />
      <source>企业名称</source>
      <translation>Enterprise name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="206" />
      <source>统一社会信用代码</source>
      <translation>Unified social credit code</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="208" />
      <source>行业</source>
      <translation>Industry</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="212" />
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="262" />
      <source>地域</source>
      <translation>Region</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="214" />
      <source>联系人</source>
      <translation>Contact</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="215" />
      <source>联系电话</source>
      <translation>Contact phone</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="217" />
      <source>帮扶协作</source>
      <translation>Pairing</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="219" />
      <source>协作方</source>
      <translation>Pairing partner</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="231" />
      <source>协议类型</source>
      <translation>Agreement type</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="233" />
      <source>协议名称</source>
      <translation>Agreement title</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="238" />
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="653" />
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="240" />
      <source>签订日期</source>
      <translation>Signed on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="241" />
      <source>开始日期</source>
      <translation>Starts on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="242" />
      <source>结束日期</source>
      <translation>Ends on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="243" />
      <source>专业（用顿号分隔）</source>
      <translation>Majors (separated by 、)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="244" />
      <source>每年名额</source>
      <translation>Places per year</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="245" />
      <source>支持内容</source>
      <translation>Support</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="257" />
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="654" />
      <source>企业</source>
      <translation>Enterprise</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="259" />
      <source>岗位名称</source>
      <translation>Position</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="260" />
      <source>工作地点</source>
      <translation>Workplace</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="264" />
      <source>月薪下限（元）</source>
      <translation>Monthly pay from (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="265" />
      <source>月薪上限（元）</source>
      <translation>Monthly pay up to (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="266" />
      <source>专业要求（顿号分隔，空为不限）</source>
      <translation>Majors wanted (separated by 、; empty: any)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="272" />
      <source>技能等级</source>
      <translation>Skill level</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="274" />
      <source>招聘人数</source>
      <translation>Openings</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="275" />
      <source>发布日期</source>
      <translation>Posted on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="276" />
      <source>截止日期</source>
      <translation>Closes on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="281" />
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="657" />
      <source>合作协议</source>
      <translation>Agreement</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="287" />
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="656" />
      <source>招聘会</source>
      <translation>Job fairs</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="295" />
      <source>招聘会名称</source>
      <translation>Job fair name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="296" />
      <source>举办日期</source>
      <translation>Held on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="297" />
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="313" />
      <source>地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="309" />
      <source>宣传时点</source>
      <translation>Moment</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="311" />
      <source>宣传日期</source>
      <translation>Held on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="312" />
      <source>宣传主题</source>
      <translation>Topic</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="314" />
      <source>宣传人</source>
      <translation>Held by</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="376" />
      <source>查看学校</source>
      <extracomment>Every kind of reference row a dialog edits.</extracomment>
      <translation>View school</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="377" />
      <source>查看企业</source>
      <translation>View enterprise</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="378" />
      <source>查看合作协议</source>
      <translation>View agreement</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="379" />
      <source>查看岗位</source>
      <translation>View position</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="380" />
      <source>查看招聘会</source>
      <translation>View job fair</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="381" />
      <source>查看政策宣传</source>
      <translation>View campaign</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="388" />
      <source>新增学校</source>
      <translation>Add school</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="388" />
      <source>修改学校</source>
      <translation>Edit school</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="390" />
      <source>新增企业</source>
      <translation>Add enterprise</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="391" />
      <source>修改企业</source>
      <translation>Edit enterprise</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="394" />
      <source>新增合作协议</source>
      <translation>Add agreement</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="395" />
      <source>修改合作协议</source>
      <translation>Edit agreement</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="397" />
      <source>新增岗位</source>
      <translation>Add position</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="397" />
      <source>修改岗位</source>
      <translation>Edit position</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="398" />
      <source>新增招聘会</source>
      <translation>Add job fair</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="398" />
      <source>修改招聘会</source>
      <translation>Edit job fair</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="400" />
      <source>新增政策宣传</source>
      <translation>Add campaign</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="401" />
      <source>修改政策宣传</source>
      <translation>Edit campaign</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="409" />
      <source>合作企业</source>
      <translation>Partner enterprises</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="410" />
      <source>参加学校</source>
      <translation>Schools taking part</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="411" />
      <source>参加企业</source>
      <translation>Enterprises taking part</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="636" />
      <source>已保存</source>
      <translation>Saved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="655" />
      <source>岗位</source>
      <translation>Job</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="658" />
      <source>推荐记录</source>
      <translation>Referrals</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="659" />
      <source>稳岗回访</source>
      <translation>Job follow-ups</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="660" />
      <source>邀请名单</source>
      <translation>Invited</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="661" />
      <source>政策宣传</source>
      <translation>Policy publicity</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="662" />
      <source>宣传对象</source>
      <translation>People reached</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="670" />
      <source>学校</source>
      <comment>rows, in a sentence</comment>
      <translation>schools</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="671" />
      <source>企业</source>
      <comment>rows, in a sentence</comment>
      <translation>enterprises</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="672" />
      <source>岗位</source>
      <comment>rows, in a sentence</comment>
      <translation>job positions</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="673" />
      <source>招聘会</source>
      <comment>rows, in a sentence</comment>
      <translation>job fairs</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="674" />
      <source>合作协议</source>
      <comment>rows, in a sentence</comment>
      <translation>agreements</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="675" />
      <source>推荐记录</source>
      <comment>rows, in a sentence</comment>
      <translation>referrals</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="676" />
      <source>稳岗回访</source>
      <comment>rows, in a sentence</comment>
      <translation>job follow-ups</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="677" />
      <source>邀请名单</source>
      <comment>rows, in a sentence</comment>
      <translation>invitations</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="678" />
      <source>政策宣传</source>
      <comment>rows, in a sentence</comment>
      <translation>policy campaigns</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="679" />
      <source>宣传对象</source>
      <comment>rows, in a sentence</comment>
      <translation>people reached</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="741" />
      <source>如：村里补录回访后重新导入</source>
      <translation>e.g. the village fills in follow-ups and imports them back</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="743" />
      <source>如：核对到场情况后重新导入</source>
      <translation>e.g. checking who came and importing it back</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="745" />
      <source>如：补登宣传对象后重新导入</source>
      <translation>e.g. adding the people reached and importing them back</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="773" />
      <source>{0} Excel 导入…</source>
      <translation>{0}: import Excel…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="774" />
      <source>{0} Excel 导出…</source>
      <translation>{0}: export Excel…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="776" />
      <source>Excel 导入…</source>
      <translation>Import Excel…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="777" />
      <source>Excel 导出…</source>
      <translation>Export Excel…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="796" />
      <source>选择要导入的 Excel 文件</source>
      <translation>Choose the Excel file to import</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="798" />
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="809" />
      <source>Excel 文件 (*.xlsx)</source>
      <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="807" />
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="817" />
      <source>导出{0}</source>
      <translation>Export {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="818" />
      <source>是否导出完整的身份证号？修改后重新导入须用完整号码；导出完整号码须填写理由，记入审计日志。选“否”则身份证号打码。</source>
      <translation>Export the full ID numbers? A sheet you edit and import again needs them in full; exporting them in full needs a reason, written to the audit log. Choose No to mask the ID numbers.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="833" />
      <source>导出完整身份证号</source>
      <translation>Export full ID numbers</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="834" />
      <source>导出完整身份证号的理由（记入审计日志）：</source>
      <translation>Why the full ID numbers are exported (written to the audit log):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="746" />
      <source>如：核对后重新导入推荐结果</source>
      <translation>e.g. checking the outcomes and importing them back</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="848" />
      <source>导入完成：新增 {0} 条，更新 {1} 条，未变 {2} 条</source>
      <translation>Imported: {0} added, {1} updated, {2} unchanged</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="852" />
      <source>导入完成</source>
      <translation>Import finished</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="859" />
      <source>没有导入任何一行：文件中有 {0} 处问题，请改正后重新导入</source>
      <translation>Nothing was imported: the file has {0} problems; correct them and import again</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="863" />
      <source>导入失败</source>
      <translation>Import failed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="878" />
      <source>已导出 {0} 条到 {1}</source>
      <translation>Exported {0} rows to {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="896" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="913" />
      <source>·毕业班</source>
      <translation> · final year</translation>
    </message>
  </context>
  <context>
    <name>EmploymentTab</name>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="48" />
      <source>变更日期</source>
      <translation>Effective</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="49" />
      <source>去向</source>
      <translation>Destination</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="50" />
      <source>就业单位</source>
      <translation>Employer</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="51" />
      <source>岗位</source>
      <translation>Job</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="52" />
      <source>就业地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="53" />
      <source>月收入（元）</source>
      <translation>Monthly income (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="54" />
      <source>就业渠道</source>
      <translation>Channel</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="55" />
      <source>变更原因</source>
      <translation>Reason for change</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="56" />
      <source>信息来源</source>
      <translation>Source</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="57" />
      <source>记录时间</source>
      <translation>Recorded at</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="64" />
      <source>记录去向变化</source>
      <translation>Record a change</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="66" />
      <source>新的去向变化（保存后不能修改，只能再追加）</source>
      <translation>New change (cannot be edited once saved; append another)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="71" />
      <source>作废…</source>
      <translation>Void…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="72" />
      <source>选中的去向记录录错了：填写原因后作废（保留记录，划线显示）</source>
      <translation>The selected destination entry was recorded in error: void it with a reason (kept, struck through)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="76" />
      <source>就业去向历史（每次变化都保留）</source>
      <translation>Employment history (every change kept)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="111" />
      <source>请先选择要作废的去向记录</source>
      <translation>Select the destination entry to void first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="115" />
      <source>{0} {1} {2}</source>
      <translation>{0} {1} {2}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="145" />
      <source>请先改正标红的内容</source>
      <translation>Please correct the fields in red first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/employment.py" line="157" />
      <source>已记录去向变化</source>
      <translation>Change recorded</translation>
    </message>
  </context>
  <context>
    <name>EmploymentWindow</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="76" />
      <source>雨露计划就业</source>
      <extracomment>The tabs of each level, in order (what a page lets a role do is decided by the page and the services).</extracomment>
      <translation>Yulu employment</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="84" />
      <source>全部</source>
      <extracomment>Pages to reload when next shown (data changed elsewhere while they were hidden).</extracomment>
      <translation>All</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="87" />
      <source>毕业年份(&amp;Y)：</source>
      <translation>Graduation &amp;year:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="89" />
      <source>正在读取本机账号的角色……</source>
      <translation>Reading this computer's account role…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="107" />
      <location filename="../../yulu_desktop/ui/employment/window.py" line="122" />
      <source>{0}年</source>
      <translation>{0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="114" />
      <source>村级账号</source>
      <translation>village account</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="115" />
      <source>乡镇账号</source>
      <translation>township account</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="116" />
      <source>县级账号</source>
      <translation>county account</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="118" />
      <source>{0} · {1}</source>
      <translation>{0} · {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="125" />
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="126" />
      <source>企业</source>
      <translation>Enterprise</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="127" />
      <source>合作协议</source>
      <translation>Agreement</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="128" />
      <source>岗位</source>
      <translation>Job</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="129" />
      <source>招聘会</source>
      <translation>Job fairs</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="130" />
      <source>未就业</source>
      <translation>Not employed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="131" />
      <source>稳岗回访</source>
      <translation>Job follow-ups</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="132" />
      <source>政策宣传</source>
      <translation>Policy publicity</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/window.py" line="133" />
      <source>统计图表</source>
      <translation>Charts</translation>
    </message>
  </context>
  <context>
    <name>EmptyHint</name>
    <message>
      <location filename="../../yulu_desktop/ui/setup/empty_hint.py" line="37" />
      <source>&lt;h2&gt;这台电脑上还没有户的数据&lt;/h2&gt;</source>
      <translation>&lt;h2&gt;There are no households on this computer yet&lt;/h2&gt;</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/empty_hint.py" line="38" />
      <source>请选择一种方式开始：</source>
      <translation>Choose how to begin:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/empty_hint.py" line="40" />
      <source>连接县服务器</source>
      <translation>Connect to the county server</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/empty_hint.py" line="40" />
      <source>填写县里给的服务器地址和注册码，本村的数据会自动下载。</source>
      <translation>Enter the server address and enrollment code from the county; the village's data is downloaded automatically.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/empty_hint.py" line="44" />
      <source>导入国家系统导出表</source>
      <translation>Import a national system export</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/empty_hint.py" line="44" />
      <source>选择防返贫监测系统导出的 Excel 表。</source>
      <translation>Choose the Excel file exported from the monitoring system.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/empty_hint.py" line="48" />
      <source>填写我的信息</source>
      <translation>Fill in my information</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/empty_hint.py" line="48" />
      <source>您的姓名会印在走访记录和打印的表格上。</source>
      <translation>Your name is printed on visit records and printed forms.</translation>
    </message>
  </context>
  <context>
    <name>EndSchoolingDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/person/end_schooling.py" line="33" />
      <source>结束学籍</source>
      <extracomment>The ends a cadre can choose, graduation first (the usual case).</extracomment>
      <translation>End schooling</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/end_schooling.py" line="35" />
      <source>{0}学年{1}　{2} {3}</source>
      <translation>School year {0} {1}  {2} {3}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/end_schooling.py" line="44" />
      <source>未填写</source>
      <translation>not given</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/end_schooling.py" line="47" />
      <source>入学日期：{0}。毕业或退学后，在校生状况改为“非在校生”；毕业生会列入毕业生就业去向清单。</source>
      <translation>Entry date: {0}. After graduating or dropping out the student status becomes “not a student”; graduates join the graduates' destination list.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/end_schooling.py" line="58" />
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/end_schooling.py" line="59" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>EnrollDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="59" />
      <source>连接县服务器</source>
      <extracomment>Enrolled already, the first download unfinished: 继续下载 needs no code (``enrollment.enroll_and_pull``).</extracomment>
      <translation>Connect to the county server</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="64" />
      <source>请填写县乡村振兴局提供的服务器地址和一次性注册码。连接后，本村的数据会下载到这台电脑，本机已录入或导入的数据会发送到县里。</source>
      <translation>Enter the server address and the one-time enrollment code from the county rural revitalization bureau. Once connected, the village's data is downloaded to this computer, and data entered or imported here is sent to the county.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="71" />
      <source>例如 https://yulu.example.gov.cn</source>
      <translation>e.g. https://yulu.example.gov.cn</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="74" />
      <source>县里给的一次性注册码</source>
      <translation>The one-time code from the county</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="77" />
      <source>县里随注册码给出，例如 {0}</source>
      <translation>Given by the county with the code, e.g. {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="82" />
      <source>服务器地址(&amp;A)</source>
      <translation>Server &amp;address</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="83" />
      <source>注册码(&amp;C)</source>
      <translation>Enrollment &amp;code</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="84" />
      <source>证书校验码(&amp;K)</source>
      <translation>Certificate chec&amp;k</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="101" />
      <source>连接</source>
      <translation>Connect</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="103" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="126" />
      <source>本机已注册，但县里的数据还没有下载完，本机自建的区划还没有对应到县里的区划，在此之前本机不发送数据。请点“继续下载”，不需要注册码。</source>
      <translation>This computer is registered, but the county's data has not finished downloading and this computer's own units are not yet matched to the county's; until then it sends nothing. Click Continue download: no code is needed.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="140" />
      <source>请填写服务器地址</source>
      <translation>Please enter the server address</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="144" />
      <source>请填写县里给的注册码</source>
      <translation>Please enter the enrollment code from the county</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="156" />
      <source>正在连接县服务器并注册本机…</source>
      <translation>Connecting to the county server and enrolling this computer…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="169" />
      <source>注册成功：本机属于 {0}，管辖范围 {1}。已下载 {2} 条数据。</source>
      <translation>Enrolled: this computer belongs to {0}, jurisdiction {1}. {2} records downloaded.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="173" />
      <source>服务器证书与证书校验码相符。</source>
      <translation>The server's certificate matches the certificate check.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="175" />
      <source>本机没有核对服务器证书（没有填写证书校验码）。</source>
      <translation>This computer did not verify the server's certificate (no certificate check was entered).</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="178" />
      <source>本机自建的 {0} 个区划已对应到县里的区划。</source>
      <translation>{0} areas created on this computer were matched to the county's areas.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="189" />
      <source>正在发送本机数据…</source>
      <translation>Sending this computer's data…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="203" />
      <source>本机已连接县服务器。已发送 {0} 条，已接收 {1} 条。</source>
      <translation>This computer is connected to the county server. Sent {0}, received {1}.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="208" />
      <source>有 {0} 条数据县里暂存待审核，可在“同步 → 冲突处理”中查看。</source>
      <translation>{0} records are held at the county for review; see Sync → Conflicts.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="215" />
      <source>以下区划没有对应到县里的区划，其中的户暂不发送：{0}</source>
      <translation>These areas were not matched to the county's; their households are not sent yet: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="220" />
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="237" />
      <source>完成</source>
      <translation>Done</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="235" />
      <source>本机已注册，但首次同步没有完成：{0} 稍后会自动重试。</source>
      <translation>This computer is enrolled, but the first sync did not finish: {0} It will retry automatically.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="247" />
      <source>正在取消…</source>
      <translation>Cancelling…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="261" />
      <source>本机已注册，不需要注册码</source>
      <translation>This computer is registered: no code needed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="266" />
      <source>继续下载</source>
      <translation>Continue download</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="287" />
      <source>http:// 地址只用于本机，连接不使用证书，证书校验码不适用。</source>
      <translation>An http:// address is only for this computer: the connection uses no certificate, so the certificate check does not apply.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="289" />
      <source>http:// 地址只用于本机，连接不使用证书。</source>
      <translation>An http:// address is only for this computer: the connection uses no certificate.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="293" />
      <source>连接后先核对服务器出示的证书，与校验码不符时停止连接，不发送注册码。</source>
      <translation>The server's certificate is checked first: if it does not match the check, the connection is closed and the code is not sent.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="297" />
      <source>未填写证书校验码：本机将信任这次连接到的服务器证书。如果此时有人在网络上冒充县服务器，本机无法发现。请向县里索取证书校验码。</source>
      <translation>No certificate check: this computer will trust whatever certificate the server presents now. If someone on the network impersonates the county server at this moment, this computer cannot tell. Ask the county for the certificate check.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="326" />
      <source>正在下载 {0}/{1}</source>
      <translation>Downloading {0}/{1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="326" />
      <source>正在发送 {0}/{1}</source>
      <translation>Sending {0}/{1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="328" />
      <source>正在上传附件 {0}/{1} KB</source>
      <translation>Uploading attachments {0}/{1} KB</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="331" />
      <source>县服务器正在准备本机的数据…</source>
      <translation>The county server is preparing this computer's data…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/enroll_dialog.py" line="333" />
      <source>正在下载首次同步的数据 {0}/{1} KB</source>
      <translation>Downloading this computer's data {0}/{1} KB</translation>
    </message>
  </context>
  <context>
    <name>EnterpriseMergeDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="46" />
      <source>合并企业</source>
      <extracomment>Rows that count what names an enterprise rather than show one of its fields.</extracomment>
      <translation>Merge enterprises</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="50" />
      <source>两条记录是同一家企业时，合并为一条：保留的一条已填的信息不变，空着的信息从另一条补上；另一条的岗位、合作协议和招聘会都改为这一条，然后删除另一条。合并会同步到全县各台电脑，不能撤销。</source>
      <translation>When two records are the same enterprise, merge them into one: what the record kept has filled in stays, what it has empty is taken from the other; the other's positions, agreements and job fairs move to the record kept, and the other is deleted. The merge syncs to every computer of the county and cannot be undone.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="61" />
      <source>【疑似重复】</source>
      <translation>[likely duplicate] </translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="65" />
      <source>与哪家企业合并：</source>
      <translation>Merge with:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="79" />
      <source>企业名称</source>
      <extracomment>(label, the enterprise's field or what is counted, the value shown for one side)</extracomment>
      <translation>Enterprise name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="80" />
      <source>统一社会信用代码</source>
      <translation>Unified social credit code</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="81" />
      <source>行业</source>
      <translation>Industry</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="82" />
      <source>地域</source>
      <translation>Region</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="83" />
      <source>所在地</source>
      <translation>Location</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="84" />
      <source>联系人</source>
      <translation>Contact</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="85" />
      <source>联系电话</source>
      <translation>Contact phone</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="86" />
      <source>帮扶协作</source>
      <translation>Pairing</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="87" />
      <source>协作方</source>
      <translation>Pairing partner</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="88" />
      <source>备注</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="89" />
      <source>岗位</source>
      <translation>Positions</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="89" />
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="188" />
      <source>{0} 个</source>
      <translation>{0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="90" />
      <source>合作协议</source>
      <translation>Agreements</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="90" />
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="190" />
      <source>{0} 份</source>
      <translation>{0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="91" />
      <source>招聘会</source>
      <translation>Job fairs</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="91" />
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="191" />
      <source>{0} 场</source>
      <translation>{0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="98" />
      <source>合并后</source>
      <translation>After the merge</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="126" />
      <source>合并</source>
      <translation>Merge</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="127" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="149" />
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="150" />
      <source>保留“{0}”</source>
      <translation>Keep “{0}”</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="165" />
      <source>{0}（补）</source>
      <translation>{0} (taken)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprise_merge_dialog.py" line="174" />
      <source>合并后保留“{0}”，删除“{1}”；“{1}”的 {2} 个岗位、{3} 份合作协议和 {4} 场招聘会改为“{0}”。保留的一条空着的信息从另一条补上（标“补”）；两条都填了而不同的（加粗）以保留的一条为准。</source>
      <translation>“{0}” is kept and “{1}” deleted; the {2} positions, {3} agreements and {4} job fairs of “{1}” move to “{0}”. What the record kept has empty is taken from the other (marked “taken”); where both have a field filled in differently (bold), the record kept stands.</translation>
    </message>
  </context>
  <context>
    <name>EnterprisesPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="52" />
      <source>合并…</source>
      <translation>Merge…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="54" />
      <source>把同一家企业的两条记录合并为一条</source>
      <translation>Merge two records of the same enterprise into one</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="63" />
      <source>企业名称</source>
      <extracomment>The open merge dialog (tests look at it).</extracomment>
      <translation>Enterprise name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="64" />
      <source>统一社会信用代码</source>
      <translation>Unified social credit code</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="65" />
      <source>行业</source>
      <translation>Industry</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="66" />
      <source>地域</source>
      <translation>Region</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="67" />
      <source>所在地</source>
      <translation>Location</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="68" />
      <source>联系人</source>
      <translation>Contact</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="69" />
      <source>帮扶协作</source>
      <translation>Pairing</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="70" />
      <source>在招岗位</source>
      <translation>Open positions</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="71" />
      <source>备注</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="84" />
      <source>疑似重复的企业（信用代码相同，或名称和所在地相同）：{0}。请核对；是同一家的，选中其中一条，点“合并…”合为一条。</source>
      <translation>Enterprises that look like duplicates (same credit code, or same name and location): {0}. Please check them; where they are the same company, select one and click “Merge…” to make them one.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="88" />
      <source>疑似重复的企业（信用代码相同，或名称和所在地相同）：{0}。请核对后修改或删除多余的一条。</source>
      <translation>Enterprises that look like duplicates (same credit code, or same name and location): {0}. Please check them and edit or delete the extra one.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="104" />
      <source>请先在表中选中要合并的企业</source>
      <translation>Select the enterprise to merge in the table first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="114" />
      <source>本县没有别的企业可以与它合并</source>
      <translation>The county has no other enterprise to merge it with</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="127" />
      <source>已将“{0}”合并到“{1}”</source>
      <translation>Merged “{0}” into “{1}”</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="144" />
      <source>合并企业</source>
      <translation>Merge enterprises</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="145" />
      <source>确定把“{0}”合并到“{1}”并删除“{0}”吗？此操作会同步到全县，不能撤销。</source>
      <translation>Merge “{0}” into “{1}” and delete “{0}”? This syncs to the whole county and cannot be undone.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/enterprises_page.py" line="153" />
      <source>合并完成</source>
      <translation>Merged</translation>
    </message>
  </context>
  <context>
    <name>EvidenceDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="123" />
      <source>证明材料 · {0}</source>
      <translation>Evidence · {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="126" />
      <source>已提供</source>
      <translation>Provided</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="126" />
      <source>材料</source>
      <translation>Evidence</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="126" />
      <source>扫描件</source>
      <translation>Scan</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="126" />
      <source>备注</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="136" />
      <source>附上扫描件…</source>
      <translation>Attach scan…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="137" />
      <source>为选中的材料附上扫描件或照片，并标记为已提供</source>
      <translation>Attach a scan or photo to the selected item and mark it provided</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="139" />
      <source>标记缺失</source>
      <translation>Mark missing</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="140" />
      <source>选中的材料尚未提供</source>
      <translation>The selected item has not been provided</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="150" />
      <source>勾选表示已收到该材料；带“*”的是县里规定必须提供的材料，缺少时不能村委会初审。</source>
      <translation>A tick means the item was received; items marked “*” are required by the county, and the village committee check is refused while one is missing.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="197" />
      <source>缺少：{0}</source>
      <translation>Missing: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="200" />
      <source>必需的材料已齐全</source>
      <translation>All required evidence provided</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="232" />
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="239" />
      <source>请先选择一项材料</source>
      <translation>First select an item</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="243" />
      <source>选择扫描件</source>
      <translation>Choose a scan</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="245" />
      <source>图片或 PDF (*.jpg *.jpeg *.png *.pdf);;所有文件 (*)</source>
      <translation>Images or PDF (*.jpg *.jpeg *.png *.pdf);;All files (*)</translation>
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
    <name>FairsPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="93" />
      <source>邀请…</source>
      <translation>Invite…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="32" />
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="96" />
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="149" />
      <source>到场</source>
      <translation>Came</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="31" />
      <source>未登记</source>
      <translation>Not recorded</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="32" />
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="99" />
      <source>未到场</source>
      <translation>Absent</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="58" />
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="73" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="59" />
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="74" />
      <source>村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="60" />
      <source>邀请日期</source>
      <translation>Invited on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="61" />
      <source>是否到场</source>
      <translation>Came</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="62" />
      <source>备注</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="75" />
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="147" />
      <source>岗位</source>
      <translation>Job</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="76" />
      <source>企业</source>
      <translation>Enterprise</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="77" />
      <source>推荐日期</source>
      <translation>Referred on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="79" />
      <source>结果</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="83" />
      <source>结果日期</source>
      <translation>Outcome on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="84" />
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="120" />
      <source>邀请名单</source>
      <translation>Invited</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="121" />
      <source>推荐及结果</source>
      <translation>Referrals and outcomes</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="142" />
      <source>招聘会</source>
      <translation>Job fairs</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="143" />
      <source>举办日期</source>
      <translation>Held on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="144" />
      <source>地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="145" />
      <source>参加学校</source>
      <translation>Schools taking part</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="146" />
      <source>参加企业</source>
      <translation>Enterprises taking part</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="148" />
      <source>邀请</source>
      <translation>Invited</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="150" />
      <source>推荐</source>
      <translation>Refer</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="151" />
      <source>录用</source>
      <translation>Hired</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="152" />
      <source>举办单位</source>
      <translation>Held by</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="198" />
      <source>先在上表选中一场招聘会</source>
      <translation>Select a job fair in the table above</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="204" />
      <source>“{0}”：邀请 {1} 人，到场 {2} 人，推荐 {3} 人次</source>
      <translation>“{0}”: {1} invited, {2} came, {3} referrals</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="212" />
      <source>请先在表中选中一场招聘会</source>
      <translation>Select a job fair in the table first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="216" />
      <source>邀请参加：{0}</source>
      <translation>Invite to: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="218" />
      <source>列出本机尚未就业的毕业生和毕业班学生；已邀请的人不会重复邀请。</source>
      <translation>Graduates without a job and final-year students on this computer; people already invited are not invited twice.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="234" />
      <source>已邀请 {0} 人</source>
      <translation>{0} invited</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="236" />
      <source>（{0} 人此前已邀请）</source>
      <translation> ({0} had been invited already)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="244" />
      <source>请先在邀请名单中选中人</source>
      <translation>Select people in the invitation list first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="251" />
      <source>已登记 {0} 人到场</source>
      <translation>{0} marked as came</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/fairs_page.py" line="251" />
      <source>已登记 {0} 人未到场</source>
      <translation>{0} marked as absent</translation>
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
    <name>FirstStartDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/setup/first_start.py" line="36" />
      <source>欢迎使用雨露计划+ 工作台</source>
      <translation>Welcome to Yulu Plan+ Workbench</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/first_start.py" line="39" />
      <source>&lt;h2&gt;欢迎使用雨露计划+ 工作台&lt;/h2&gt;</source>
      <translation>&lt;h2&gt;Welcome to Yulu Plan+ Workbench&lt;/h2&gt;</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/first_start.py" line="41" />
      <source>这台电脑上还没有雨露数据。请选择如何开始（数据将加密保存在 {0}）：</source>
      <translation>There is no Yulu data on this computer yet. Choose how to begin (data will be stored encrypted in {0}):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/first_start.py" line="45" />
      <source>连接县服务器(&amp;S)</source>
      <translation>Connect to the county &amp;server</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/first_start.py" line="46" />
      <source>有县里给的服务器地址和注册码：连接后本村的数据自动下载到这台电脑。</source>
      <translation>You have a server address and enrollment code from the county: once connected, the village's data is downloaded to this computer.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/first_start.py" line="50" />
      <source>导入国家系统导出表(&amp;I)</source>
      <translation>&amp;Import a national system export</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/first_start.py" line="51" />
      <source>有防返贫监测系统导出的 Excel 表：导入后即可使用，以后再连接县服务器。</source>
      <translation>You have an Excel export of the monitoring system: import it and start working; connect to the county server later.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/first_start.py" line="55" />
      <source>从备份恢复(&amp;R)</source>
      <translation>&amp;Restore from a backup</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/first_start.py" line="56" />
      <source>换了电脑或重装了系统：从U盘或文件夹中的雨露备份文件恢复全部数据。</source>
      <translation>New computer or reinstalled system: restore all data from a Yulu backup file on a USB stick or in a folder.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/first_start.py" line="59" />
      <source>先创建空白数据库(&amp;B)</source>
      <translation>Create an empty database for now (&amp;B)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/first_start.py" line="62" />
      <source>退出(&amp;Q)</source>
      <translation>&amp;Quit</translation>
    </message>
  </context>
  <context>
    <name>FixAccountDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="516" />
      <source>更正账户 · {0}</source>
      <translation>Correct account · {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="520" />
      <source>持卡人姓名</source>
      <translation>Card holder's name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="523" />
      <source>一卡通／一折通账号，或学生社保卡号</source>
      <translation>Subsidy card or passbook account, or the student's social security card number</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="525" />
      <source>银行退回原因：{0}</source>
      <translation>Bank's reason: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="525" />
      <source>（未说明）</source>
      <translation>(not given)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="529" />
      <source>持卡人</source>
      <translation>Card holder</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="530" />
      <source>新账号</source>
      <translation>New account</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="531" />
      <source>保存更正</source>
      <translation>Save correction</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="542" />
      <source>请填写持卡人姓名</source>
      <translation>Enter the card holder's name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="545" />
      <source>请填写新账号</source>
      <translation>Enter the new account</translation>
    </message>
  </context>
  <context>
    <name>FollowUpDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="367" />
      <source>稳岗回访（第{0}个月）</source>
      <translation>Follow-up (month {0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="372" />
      <source>保存回访</source>
      <translation>Save follow-up</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="380" />
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="382" />
      <source>回访日期</source>
      <translation>Followed up on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="380" />
      <source>回访日期不能晚于今天</source>
      <translation>The follow-up date cannot be after today</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="382" />
      <source>回访日期不能早于上岗日期</source>
      <translation>The follow-up date cannot be before the start</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="385" />
      <source>回访情况</source>
      <translation>Findings</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="385" />
      <source>已不在岗时请写明情况（何时、为何离职）</source>
      <translation>Out of the job: say when and why the person left</translation>
    </message>
  </context>
  <context>
    <name>FollowUpPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="65" />
      <source>稳岗回访</source>
      <translation>Job follow-ups</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="58" />
      <source>逾期和7天内到期</source>
      <translation>Overdue and due within 7 days</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="59" />
      <source>逾期和30天内到期</source>
      <translation>Overdue and due within 30 days</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="60" />
      <source>只看逾期</source>
      <translation>Only overdue</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="68" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="69" />
      <source>村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="70" />
      <source>就业单位</source>
      <translation>Employer</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="71" />
      <source>岗位</source>
      <translation>Job</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="72" />
      <source>上岗日期</source>
      <translation>Started on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="73" />
      <source>回访</source>
      <translation>Follow-up</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="74" />
      <source>应回访日期</source>
      <translation>Due on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="75" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="80" />
      <source>记录回访…</source>
      <translation>Record follow-up…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="81" />
      <source>记录选中的回访：日期、方式、是否仍在岗</source>
      <translation>Record the selected follow-up: date, how, still in the job</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="77" />
      <source>打开档案</source>
      <translation>Open file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="87" />
      <source>就业后第1、3、6、12个月各回访一次（电话或走访），了解是否在岗、工作和生活情况。</source>
      <translation>Follow up 1, 3, 6 and 12 months after the start (a call or a visit): still in the job, work and life.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="94" />
      <source>从 Excel 导入已做的回访（先导出一份作模板）；有错误时一行也不导入，逐行列出问题</source>
      <translation>Import follow-ups done from Excel (export first to get the template); if anything is wrong, nothing is imported and every problem is listed by row</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="119" />
      <source>第{0}个月</source>
      <translation>Month {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="121" />
      <source>逾期{0}天</source>
      <translation>{0} days overdue</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="121" />
      <source>待回访</source>
      <translation>Due</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="129" />
      <source>{0}个回访，其中{1}个逾期</source>
      <translation>{0} follow-ups, {1} overdue</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="143" />
      <source>{0}（{1}）：{2} {3}，{4}上岗，应在{5}回访</source>
      <translation>{0} ({1}): {2} {3}, started {4}, due {5}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="152" />
      <source>已不在岗</source>
      <translation>Out of the job</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="153" />
      <source>{0}已不在岗。是否打开档案，在“就业去向”中记录这次变化？（原记录保留）</source>
      <translation>{0} is out of the job. Open the file to record the change in the employment history? (the earlier entry is kept)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="162" />
      <source>请先选择一个回访</source>
      <translation>Select a follow-up first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/follow_up_page.py" line="177" />
      <source>已记录{0}第{1}个月的回访</source>
      <translation>Month {1} follow-up of {0} recorded</translation>
    </message>
  </context>
  <context>
    <name>ForgotPassphraseDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="59" />
      <source>忘记密码</source>
      <translation>Forgot passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="77" />
      <source>输入生成恢复密钥时抄下或打印的 24 位恢复密钥（不区分大小写，短横线可不输）。</source>
      <translation>Enter the 24-character recovery key you wrote down or printed (case does not matter, dashes may be left out).</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="84" />
      <source>恢复密钥(&amp;K)</source>
      <translation>Recovery &amp;key</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="85" />
      <source>用恢复密钥</source>
      <translation>With the recovery key</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="92" />
      <source>请联系县乡村振兴局，核对身份后请管理员为本机发放一次性解锁码。本机设备编号：{0}</source>
      <translation>Contact the county rural revitalization bureau: after checking who you are, the administrator issues a one-time release code for this computer. This computer's device number: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="95" />
      <source>本机还没有向县里托管密钥（连接县服务器并同步一次后才有），只能用恢复密钥。</source>
      <translation>This computer has not deposited its key with the county yet (that happens after connecting to the county server and syncing once); only the recovery key can help.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="108" />
      <source>县服务器地址(&amp;S)</source>
      <translation>County &amp;server address</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="109" />
      <source>解锁码(&amp;C)</source>
      <translation>Release &amp;code</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="110" />
      <source>请县里解锁</source>
      <translation>Unlock through the county</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="114" />
      <source>用户(&amp;U)</source>
      <translation>&amp;User</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="118" />
      <source>打开后立即设置新密码；数据库里的数据都会保留。</source>
      <translation>A new passphrase is set as soon as it opens; all data in the database is kept.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="124" />
      <source>打开并设置新密码</source>
      <translation>Open and set new passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="145" />
      <source>请输入恢复密钥</source>
      <translation>Please enter the recovery key</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="155" />
      <source>请填写县服务器地址</source>
      <translation>Please enter the county server address</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="159" />
      <source>请输入县里给的解锁码</source>
      <translation>Please enter the release code from the county</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="172" />
      <source>正在打开…</source>
      <translation>Opening…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/forgot_dialog.py" line="181" />
      <source>无法打开：{0}</source>
      <translation>Could not open: {0}</translation>
    </message>
  </context>
  <context>
    <name>FormDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="133" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>GraduatesForPositionDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="94" />
      <source>匹配毕业生</source>
      <extracomment>A person is to be opened (the positions page passes it on to the window). A load finished (tests wait for it). Referrals were written.</extracomment>
      <translation>Matching graduates</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="97" />
      <source>正在读取……</source>
      <translation>Loading…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="104" />
      <source>只看合适的</source>
      <translation>Only those who fit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="105" />
      <source>专业不对口或技能等级不够的人不显示</source>
      <translation>Hide people of another major or a lower skill level</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="110" />
      <source>得分</source>
      <translation>Score</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="111" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="112" />
      <source>村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="113" />
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="114" />
      <source>专业</source>
      <translation>Major</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="115" />
      <source>毕业年份</source>
      <translation>Graduation year</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="116" />
      <source>合适</source>
      <translation>Fits</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="117" />
      <source>理由</source>
      <translation>Reasons</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="133" />
      <source>推荐所选…</source>
      <translation>Refer selected…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="134" />
      <source>把选中的人推荐到这个岗位（可按住 Ctrl 多选）</source>
      <translation>Refer the selected people to this position (Ctrl selects several)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="136" />
      <source>打开档案</source>
      <translation>Open file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="139" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="185" />
      <source>（岗位已删除）</source>
      <translation>(position deleted)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="188" />
      <source>，已招满</source>
      <translation>, filled</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="191" />
      <source>{0} · {1}（{2}，{3}，招{4}人{5}）</source>
      <translation>{0} · {1} ({2}, {3}, {4} openings{5})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="188" />
      <source>，已截止</source>
      <translation>, closed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="209" />
      <source>是</source>
      <translation>yes</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="209" />
      <source>否</source>
      <translation>no</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="218" />
      <source>没有合适的毕业生或毕业班学生</source>
      <translation>No graduate or final-year student fits</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="225" />
      <source>{0}（毕业班）</source>
      <translation>{0} (final year)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="225" />
      <source>毕业班</source>
      <translation>Final year</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="253" />
      <source>{0}（{1}分）：{2}</source>
      <translation>{0} ({1} points): {2}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="279" />
      <source>请先选择要推荐的人</source>
      <translation>Select the people to refer first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="304" />
      <source>已推荐：{0}</source>
      <translation>Referred: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/match_dialog.py" line="307" />
      <source>未推荐：{0}</source>
      <translation>Not referred: {0}</translation>
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
    <name>HelpDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/setup/help_dialogs.py" line="18" />
      <source>帮助</source>
      <translation>Help</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/help_dialogs.py" line="26" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/help_dialogs.py" line="34" />
      <source>&lt;h3&gt;第一步&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;连接县服务器&lt;/b&gt;：菜单“同步 → 连接县服务器…”，填写县乡村振兴局给的服务器地址和一次性注册码。本村的数据会下载到这台电脑。&lt;/li&gt;&lt;li&gt;&lt;b&gt;或导入国家系统导出表&lt;/b&gt;：菜单“数据 → 导入 Excel…”，选择防返贫监测系统导出的表格。&lt;/li&gt;&lt;li&gt;&lt;b&gt;填写我的信息&lt;/b&gt;：菜单“设置 → 我的信息…”，您的姓名会印在走访记录和打印的表格上。&lt;/li&gt;&lt;li&gt;&lt;b&gt;设置备份&lt;/b&gt;：菜单“设置 → 设置…”选择备份文件夹（可以是U盘）。&lt;/li&gt;&lt;/ol&gt;&lt;h3&gt;常用快捷键&lt;/h3&gt;&lt;table cellpadding='3'&gt;&lt;tr&gt;&lt;td&gt;Ctrl+1、Ctrl+2 …&lt;/td&gt;&lt;td&gt;切换工具栏上的页面&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+F&lt;/td&gt;&lt;td&gt;搜索姓名、拼音、证件尾号、户编号&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Shift+N&lt;/td&gt;&lt;td&gt;新增走访&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+B&lt;/td&gt;&lt;td&gt;雨露计划补助（申请、公示、审核、发放）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+J&lt;/td&gt;&lt;td&gt;雨露计划就业（岗位、招聘会、未就业清单、统计）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Enter&lt;/td&gt;&lt;td&gt;保存当前表单&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F5&lt;/td&gt;&lt;td&gt;立即同步（未连接时打开“连接县服务器”）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+L&lt;/td&gt;&lt;td&gt;立即锁定&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F1&lt;/td&gt;&lt;td&gt;打开本帮助&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;h3&gt;数据安全&lt;/h3&gt;&lt;p&gt;数据加密保存在本机，每次保存都立即写入，断电也不会丢失已保存的内容。联网时会自动发送到县里。请牢记数据库密码，并把创建数据库时显示的恢复密钥打印或抄下收好；忘记密码时在打开窗口点“忘记密码？”，用恢复密钥或请县里解锁。&lt;/p&gt;&lt;h3&gt;遇到问题找谁&lt;/h3&gt;&lt;p&gt;请联系县乡村振兴局（农业农村局）负责雨露计划的同志，或乡镇经办人员。联系时请说明菜单“帮助 → 关于”中显示的版本号和本机注册状态。&lt;/p&gt;</source>
      <translation>&lt;h3&gt;First steps&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Connect to the county server&lt;/b&gt;: menu Sync → Connect to the county server…, enter the server address and one-time enrollment code from the county rural revitalization bureau. The village's data is downloaded to this computer.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Or import a national system export&lt;/b&gt;: menu Data → Import Excel…, choose the file exported from the monitoring system.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Fill in my information&lt;/b&gt;: menu Settings → My information…; your name is printed on visit records and forms.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Set up backups&lt;/b&gt;: menu Settings → Settings…, choose the backup folder (a USB stick will do).&lt;/li&gt;&lt;/ol&gt;&lt;h3&gt;Shortcuts&lt;/h3&gt;&lt;table cellpadding='3'&gt;&lt;tr&gt;&lt;td&gt;Ctrl+1, Ctrl+2 …&lt;/td&gt;&lt;td&gt;Switch between the toolbar's pages&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+F&lt;/td&gt;&lt;td&gt;Search names, pinyin, ID endings, household numbers&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Shift+N&lt;/td&gt;&lt;td&gt;New visit&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+B&lt;/td&gt;&lt;td&gt;Yulu Plan subsidies (apply, public notice, review, payment)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+J&lt;/td&gt;&lt;td&gt;Yulu Plan employment (positions, job fairs, unemployed list, figures)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Enter&lt;/td&gt;&lt;td&gt;Save the current form&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F5&lt;/td&gt;&lt;td&gt;Sync now (not connected: Connect to the county server)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+L&lt;/td&gt;&lt;td&gt;Lock now&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F1&lt;/td&gt;&lt;td&gt;This help&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;h3&gt;Keeping data safe&lt;/h3&gt;&lt;p&gt;Data is stored encrypted on this computer and written at once on every save, so a power cut loses nothing saved. It is sent to the county whenever there is a network. Remember the database passphrase, and print or copy the recovery key shown when the database was made and keep it safe; if the passphrase is forgotten, click “Forgot passphrase?” in the unlock window and use the recovery key or ask the county to unlock.&lt;/p&gt;&lt;h3&gt;Whom to call&lt;/h3&gt;&lt;p&gt;Call the person in charge of the Yulu Plan at the county rural revitalization (agriculture) bureau, or your township officer. Tell them the version and enrollment status shown under Help → About.&lt;/p&gt;</translation>
    </message>
  </context>
  <context>
    <name>HistoryView</name>
    <message>
      <location filename="../../yulu_desktop/ui/household/history.py" line="25" />
      <source>没有人口变动记录</source>
      <translation>No household changes recorded</translation>
    </message>
  </context>
  <context>
    <name>HouseholdActions</name>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="36" />
      <source>添加成员…</source>
      <extracomment>Events of a household (from the 户 list, or a member's household). Events of one member.</extracomment>
      <translation>Add member…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="37" />
      <source>出生…</source>
      <translation>Birth…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="38" />
      <source>婚入…</source>
      <translation>Married in…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="39" />
      <source>迁入…</source>
      <translation>Moved in…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="40" />
      <source>分户…</source>
      <translation>Split household…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="41" />
      <source>整户迁出…</source>
      <translation>Move household out…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="42" />
      <source>婚出…</source>
      <translation>Married out…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="43" />
      <source>迁出…</source>
      <translation>Moved out…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="44" />
      <source>死亡…</source>
      <translation>Death…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="45" />
      <source>注销…</source>
      <translation>Cancel registration…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="76" />
      <source>登记新户</source>
      <translation>Register a household</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="77" />
      <source>本机还没有任何村的信息：请先与县服务器同步，或导入国家系统数据。</source>
      <translation>This computer has no village yet: sync with the county server first, or import the national system's data.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="125" />
      <source>整户迁出</source>
      <translation>Move household out</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="126" />
      <source>本机只有这一个村的数据。迁往其他村请由乡镇或县里的电脑办理，或逐人办理“迁出”并填写去向。</source>
      <translation>This computer holds only this village. A move to another village is made on the township's or county's computer, or record each member's move-out with the destination.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="176" />
      <source>户籍变动</source>
      <translation>Household events</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/actions.py" line="238" />
      <source>登记新户…</source>
      <translation>Register a household…</translation>
    </message>
  </context>
  <context>
    <name>HouseholdDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/household/base.py" line="54" />
      <source>保存</source>
      <extracomment>Entities a household event may change (the lists and windows showing them refresh).</extracomment>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/base.py" line="55" />
      <source>保存 (Ctrl+Enter)</source>
      <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/base.py" line="56" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>HouseholdTab</name>
    <message>
      <location filename="../../yulu_desktop/ui/person/household.py" line="31" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/household.py" line="32" />
      <source>与户主关系</source>
      <translation>Relationship</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/household.py" line="33" />
      <source>性别</source>
      <translation>Sex</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/household.py" line="34" />
      <source>出生年份</source>
      <translation>Year of birth</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/household.py" line="35" />
      <source>身份证号</source>
      <translation>ID number</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/household.py" line="36" />
      <source>在校生状况</source>
      <translation>Student status</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/household.py" line="37" />
      <source>手机号</source>
      <translation>Mobile</translation>
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
    <name>InlineEditor</name>
    <message>
      <location filename="../../yulu_desktop/ui/person/widgets.py" line="89" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>KeyboardMenu</name>
    <message>
      <location filename="../../yulu_desktop/ui/keyboard_menu.py" line="21" />
      <source>页面(&amp;G)</source>
      <translation>&amp;Go</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/keyboard_menu.py" line="33" />
      <source>搜索</source>
      <translation>Search</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/keyboard_menu.py" line="37" />
      <source>新增走访 ({0})</source>
      <translation>New visit ({0})</translation>
    </message>
  </context>
  <context>
    <name>LeaveDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/household/leave_dialog.py" line="64" />
      <source>婚出</source>
      <translation>Married out</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/leave_dialog.py" line="65" />
      <source>迁出</source>
      <translation>Moved out</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/leave_dialog.py" line="66" />
      <source>死亡登记</source>
      <translation>Record a death</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/leave_dialog.py" line="67" />
      <source>注销</source>
      <translation>Cancel registration</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/leave_dialog.py" line="70" />
      <source>{0}，现属{1}。</source>
      <translation>{0}, now in {1}. </translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/leave_dialog.py" line="73" />
      <source>迁入本机已有的户：选村和户，档案（在读、走访、变动记录）随人转过去；迁往本机没有的地方：不选户，填写去向，人员状态改为“迁出”，档案留存。</source>
      <translation>To a household on this computer: choose the village and household, and the file (schooling, visits, history) goes along. To a place not on this computer: choose no household and write where; the status becomes “moved out” and the file is kept.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/leave_dialog.py" line="76" />
      <source>人员状态改为“{0}”，档案留存，不会删除。</source>
      <translation>The status becomes “{0}”; the file is kept, never deleted.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/leave_dialog.py" line="80" />
      <source>此人是户主，请选定新户主。</source>
      <translation>This person is the head of household: choose a new head.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/leave_dialog.py" line="96" />
      <source>迁入村</source>
      <translation>To village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/leave_dialog.py" line="97" />
      <source>迁入户</source>
      <translation>To household</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/leave_dialog.py" line="115" />
      <source>（不选：迁往本机没有的地方）</source>
      <translation>(none: to a place not on this computer)</translation>
    </message>
  </context>
  <context>
    <name>LedgerPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="63" />
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="259" />
      <source>全部</source>
      <translation>All</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="66" />
      <source>范围(&amp;U)：</source>
      <translation>Scope (&amp;U):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="68" />
      <source>导出 Excel(&amp;E)…</source>
      <translation>&amp;Export to Excel…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="71" />
      <source>打印台账 PDF(&amp;P)…</source>
      <translation>&amp;Print ledger PDF…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="74" />
      <source>刷新(&amp;R)</source>
      <translation>&amp;Refresh</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="88" />
      <source>乡镇／村</source>
      <translation>Township / village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="89" />
      <source>申请</source>
      <translation>Apply</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="90" />
      <source>审核中</source>
      <translation>Under review</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="91" />
      <source>已审定</source>
      <translation>Approved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="92" />
      <source>已发放</source>
      <translation>Paid</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="93" />
      <source>发放失败</source>
      <translation>Payment failed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="94" />
      <source>未通过／撤回</source>
      <translation>Rejected / withdrawn</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="95" />
      <source>核定金额（元）</source>
      <translation>Approved amount (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="96" />
      <source>已发放金额（元）</source>
      <translation>Paid (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="97" />
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="134" />
      <source>符合条件未申请</source>
      <translation>Eligible, not applied</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="105" />
      <source>批次号</source>
      <translation>Batch no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="106" />
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="121" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="107" />
      <source>身份证号</source>
      <translation>ID number</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="108" />
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="122" />
      <source>乡镇</source>
      <translation>Township</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="109" />
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="123" />
      <source>行政村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="110" />
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="124" />
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="111" />
      <source>金额（元）</source>
      <translation>Amount (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="112" />
      <source>审定日期</source>
      <translation>Approved on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="113" />
      <source>发放日期</source>
      <translation>Paid on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="125" />
      <source>学校类型</source>
      <translation>School type</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="126" />
      <source>户类型</source>
      <translation>Household type</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="132" />
      <source>汇总</source>
      <translation>Summary</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="133" />
      <source>发放台账</source>
      <translation>Payment ledger</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="161" />
      <source>发放台账 · {0} · {1}</source>
      <translation>Payment ledger · {0} · {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="220" />
      <source>发放台账（{0}）</source>
      <translation>Payment ledger ({0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="221" />
      <source>符合条件未申请（{0}）</source>
      <translation>Eligible, not applied ({0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="226" />
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="264" />
      <source>　{0}</source>
      <translation>  {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="241" />
      <source>合计：申请 {0} 份，已审定 {1} 份 {2} 元，已发放 {3} 人 {4} 元；发放批次合计已发放 {5} 元</source>
      <translation>Total: {0} applications, {1} approved ({2} yuan), {3} paid ({4} yuan); paid according to the batches: {5} yuan</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="251" />
      <source>（与台账一致）</source>
      <translation> (matches the ledger)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="252" />
      <source>（与台账不一致，请核对发放批次！）</source>
      <translation> (does NOT match the ledger: check the payment batches!)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="288" />
      <source>导出台账</source>
      <translation>Export ledger</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="288" />
      <source>Excel 工作簿 (*.xlsx)</source>
      <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="295" />
      <source>打印发放台账</source>
      <translation>Print payment ledger</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="295" />
      <source>PDF 文件 (*.pdf)</source>
      <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="306" />
      <source>已导出台账：{0}</source>
      <translation>Ledger exported: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/ledger_page.py" line="314" />
      <source>已生成发放台账 PDF：{0}</source>
      <translation>Payment ledger PDF written: {0}</translation>
    </message>
  </context>
  <context>
    <name>ListPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="105" />
      <source>筛选：姓名、拼音、户编号</source>
      <extracomment>Delay between the last keystroke in the filter box and the query (typing a word sends one query). Rows whose texts the columns are sized to when a list first shows (not every loaded row: see ``ListPage._size_columns_once``). A list page hidden with more rows loaded keeps only this many (a county list scrolled to its end holds 100 MB of rows; a hidden page reloads from its top anyway when data changes while it is hidden). Entities whose change can alter a list (the list reloads when the worker reports them). The list page → the register printed (``services.printing.REGISTER_KINDS``). Who prints and exports (the audit log's actor). Name of the org unit the page is scoped to ("" for everything), for file names. Data changed while the page was hidden; it reloads when shown.</extracomment>
      <translation>Filter: name, pinyin, household no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="117" />
      <source>显示列</source>
      <translation>Columns</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="137" />
      <location filename="../../yulu_desktop/ui/list_page.py" line="318" />
      <source>全部学期</source>
      <translation>All terms</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="139" />
      <source>学期</source>
      <translation>Term</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="142" />
      <source>只看待办承诺</source>
      <translation>Open follow-ups only</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="144" />
      <source>标记办结</source>
      <translation>Mark done</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="147" />
      <source>新增走访</source>
      <translation>New visit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="149" />
      <source>新增走访 (Ctrl+N)</source>
      <translation>New visit (Ctrl+N)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="161" />
      <source>打印清单</source>
      <translation>Print list</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="162" />
      <source>打印左侧所选村或乡镇的清单（身份证号等已打码）</source>
      <translation>Print the list of the village or township chosen on the left (ID numbers etc. masked)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="168" />
      <source>导出 Excel…</source>
      <translation>Export to Excel…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="241" />
      <source>户</source>
      <translation>Households</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="241" />
      <source>人</source>
      <translation>People</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="241" />
      <source>条</source>
      <translation>entries</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="243" />
      <source>正在读取…</source>
      <translation>Loading…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="245" />
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
      <location filename="../../yulu_desktop/ui/main_window.py" line="171" />
      <source>新增走访</source>
      <translation>New visit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="182" />
      <source>搜索姓名、拼音、证件尾号、户编号</source>
      <translation>Search name, pinyin, ID tail, household no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="184" />
      <source>姓名、全拼或首字母（zk 找张坤）、身份证后几位、户编号、手机号 (Ctrl+F)</source>
      <translation>Name, full pinyin or initials (zk finds 张坤), last digits of an ID, household no., phone (Ctrl+F)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="216" />
      <source>上次同步：未配置同步</source>
      <translation>Last sync: sync not configured</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="218" />
      <source>连接：未配置同步</source>
      <translation>Connection: sync not configured</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="223" />
      <source>数据库：{0}</source>
      <translation>Database: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="225" />
      <source>用户：{0}</source>
      <translation>User: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="364" />
      <source>待同步：{0} 条</source>
      <translation>Pending changes: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="420" />
      <source>走访已保存</source>
      <translation>Visit saved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="431" />
      <source>已标记办结</source>
      <translation>Marked done</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="437" />
      <source>数据(&amp;D)</source>
      <translation>&amp;Data</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="439" />
      <source>导入 Excel…</source>
      <translation>Import from Excel…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="441" />
      <source>核对国家系统数据…</source>
      <translation>Reconcile with the national system…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="445" />
      <source>导出当前清单 Excel…</source>
      <translation>Export current list to Excel…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="450" />
      <source>雨露计划补助…</source>
      <translation>Yulu subsidies…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="454" />
      <source>雨露计划就业…</source>
      <translation>Yulu employment…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="457" />
      <source>打印(&amp;P)</source>
      <translation>&amp;Print</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="459" />
      <source>打印当前清单…</source>
      <translation>Print current list…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="462" />
      <source>本村一人一档（批量）…</source>
      <translation>All person files of the village (batch)…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="464" />
      <source>本村补助申请表（批量）…</source>
      <translation>All subsidy forms of the village (batch)…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="467" />
      <source>公示名单…</source>
      <translation>Public notice list…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="477" />
      <source>设置(&amp;T)</source>
      <translation>Se&amp;ttings</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="479" />
      <source>界面语言</source>
      <translation>Language</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="491" />
      <source>自动锁定时间…</source>
      <translation>Auto-lock time…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="493" />
      <source>立即锁定</source>
      <translation>Lock now</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="497" />
      <source>本机用户…</source>
      <translation>Local users…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="523" />
      <source>自动锁定</source>
      <translation>Auto-lock</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="524" />
      <source>多少分钟没有操作后自动锁定（0 表示不自动锁定）：</source>
      <translation>Lock after this many minutes without input (0: never):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="536" />
      <source>数据库未打开</source>
      <translation>The database is not open</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="543" />
      <source>界面语言将在下次启动雨露时生效</source>
      <translation>The language changes the next time Yulu starts</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="554" />
      <source>同步(&amp;S)</source>
      <translation>&amp;Sync</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="556" />
      <location filename="../../yulu_desktop/ui/main_window.py" line="628" />
      <source>立即同步</source>
      <translation>Sync now</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="559" />
      <source>取消同步</source>
      <translation>Cancel sync</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="561" />
      <source>冲突处理…</source>
      <translation>Conflicts…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="564" />
      <source>导出U盘同步文件…</source>
      <translation>Export for USB…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="566" />
      <source>导入县里回执…</source>
      <translation>Import county reply…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="613" />
      <source>已取消</source>
      <translation>Cancelled</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="676" />
      <location filename="../../yulu_desktop/ui/main_window.py" line="683" />
      <source>请先切换到意愿清单、在读学生清单或毕业生去向清单</source>
      <translation>Switch to the intents, students or graduates list first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="694" />
      <source>导入完成</source>
      <translation>Import finished</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="743" />
      <source>请先在左侧区划树中选择一个村或乡镇</source>
      <translation>Choose a village or township in the tree on the left first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="754" />
      <source>一人一档</source>
      <translation>Person file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="754" />
      <source>补助申请表</source>
      <translation>Subsidy application form</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="759" />
      <source>保存批量打印的 PDF</source>
      <translation>Save the batch as PDF</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="759" />
      <source>PDF 文件 (*.pdf)</source>
      <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="792" />
      <source>还没有学籍记录，无法打印补助申请表</source>
      <translation>No schooling recorded yet; cannot print subsidy forms</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="794" />
      <source>本村补助申请表（批量）</source>
      <translation>All subsidy forms of the village (batch)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="800" />
      <source>已生成 {0} 份，保存到 {1}</source>
      <translation>{0} documents made, saved to {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="804" />
      <source>批量打印</source>
      <translation>Batch printing</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="805" />
      <source>以下 {0} 人未打印：</source>
      <translation>{0} people were not printed:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="814" />
      <source>已取消批量打印，没有生成文件</source>
      <translation>Batch printing cancelled; no file was made</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="825" />
      <source>还没有行政村，无法生成公示名单</source>
      <translation>No villages yet; cannot make a public notice list</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="847" />
      <source>公示名单 {0} {1}</source>
      <translation>Public notice list {0} {1}</translation>
    </message>
  </context>
  <context>
    <name>MemberDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/household/member_dialog.py" line="64" />
      <source>添加成员</source>
      <extracomment>Relationship a new member gets by default, per way of joining.</extracomment>
      <translation>Add member</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/member_dialog.py" line="65" />
      <source>出生登记</source>
      <translation>Record a birth</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/member_dialog.py" line="66" />
      <source>婚入登记</source>
      <translation>Record a marriage into the household</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/member_dialog.py" line="67" />
      <source>迁入登记</source>
      <translation>Record a move in</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/member_dialog.py" line="71" />
      <source>加入：{0}。有身份证号时，性别和出生日期自动读出；同一身份证号不能重复登记。</source>
      <translation>Joining {0}. With an ID number, sex and date of birth are read from it; one ID number cannot be registered twice.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/member_dialog.py" line="87" />
      <source>由身份证号读出：{0}</source>
      <translation>From the ID number: {0}</translation>
    </message>
  </context>
  <context>
    <name>MonthDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="136" />
      <source>打印就业月报</source>
      <translation>Print the monthly employment report</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/dashboard_page.py" line="144" />
      <source>月份(&amp;M)：</source>
      <translation>&amp;Month:</translation>
    </message>
  </context>
  <context>
    <name>MoveHouseholdDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/household/split_dialog.py" line="165" />
      <source>整户迁出 · {0}</source>
      <translation>Move household out · {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/split_dialog.py" line="167" />
      <source>全户成员和档案转到所选的村；原村的电脑同步后不再保存这一户（县里数据不删除）。</source>
      <translation>All members and their files go to the chosen village; the old village's computers no longer keep this household after they sync (the county deletes nothing).</translation>
    </message>
  </context>
  <context>
    <name>NewPassphraseFields</name>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/new_fields.py" line="25" />
      <source>新密码(&amp;N)</source>
      <translation>&amp;New passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/new_fields.py" line="26" />
      <source>再次输入(&amp;R)</source>
      <translation>&amp;Repeat</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/new_fields.py" line="36" />
      <source>新密码：{0}</source>
      <translation>New passphrase: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/new_fields.py" line="40" />
      <source>两次输入的新密码不一致，请重新输入</source>
      <translation>The two new passphrases differ; please type them again</translation>
    </message>
  </context>
  <context>
    <name>ObjectionsDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="369" />
      <source>异议 · {0}</source>
      <translation>Objections · {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="374" />
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="401" />
      <source>提出日期</source>
      <translation>Raised on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="375" />
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="400" />
      <source>提出人</source>
      <translation>Raised by</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="376" />
      <source>异议内容</source>
      <translation>Objection</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="378" />
      <source>处理结果</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="379" />
      <source>未处理</source>
      <translation>Open</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="382" />
      <source>处理说明</source>
      <translation>Finding</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="383" />
      <source>处理日期</source>
      <translation>Resolved on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="391" />
      <source>提出人姓名，或“匿名”</source>
      <translation>Name of who objected, or “anonymous”</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="395" />
      <source>异议的内容，如“家中已有人在外务工，收入较高”</source>
      <translation>What the objection says, e.g. “a family member works away and earns well”</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="396" />
      <source>记录异议</source>
      <translation>Record objection</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="398" />
      <source>记录新的异议</source>
      <translation>Record a new objection</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="402" />
      <source>内容</source>
      <translation>Content</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="410" />
      <source>核实情况，如“经入户核实，异议不属实”</source>
      <translation>What was found, e.g. “a home visit showed the objection is unfounded”</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="411" />
      <source>处理所选异议</source>
      <translation>Resolve the selected objection</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="413" />
      <source>处理异议</source>
      <translation>Resolve objection</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="415" />
      <source>结果</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="416" />
      <source>说明</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="426" />
      <source>有未处理的异议或异议成立时，乡镇不能审核通过（异议成立的申请应退回或不通过）。</source>
      <translation>While an objection is open or upheld the township cannot approve (an upheld objection means returning or rejecting the application).</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="456" />
      <source>请填写异议提出人（不愿署名的填“匿名”）</source>
      <translation>Enter who objected (“anonymous” if they do not want to be named)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="459" />
      <source>请填写异议内容</source>
      <translation>Enter what the objection says</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="484" />
      <source>请先在上表中选择要处理的异议</source>
      <translation>First select the objection to resolve in the table above</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="491" />
      <source>请填写处理说明（核实了什么）</source>
      <translation>Enter the finding (what was checked)</translation>
    </message>
  </context>
  <context>
    <name>OrgTreeModel</name>
    <message>
      <location filename="../../yulu_desktop/ui/models.py" line="355" />
      <source>行政区划</source>
      <translation>Area</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/models.py" line="362" />
      <source>全部</source>
      <translation>All</translation>
    </message>
  </context>
  <context>
    <name>OutcomeDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="273" />
      <source>{0}：录用。保存后在就业去向中新增一条就业记录。</source>
      <translation>{0}: hired. Saving adds an entry to the employment history.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="276" />
      <source>{0}：{1}，请填写原因。</source>
      <translation>{0}: {1}. Please give the reason.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="279" />
      <source>{0}：{1}</source>
      <translation>{0}: {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="281" />
      <source>推荐结果：{0}</source>
      <translation>Referral outcome: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="286" />
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="294" />
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="296" />
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="294" />
      <source>日期不能晚于今天</source>
      <translation>The date cannot be after today</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="296" />
      <source>日期不能早于推荐日期</source>
      <translation>The date cannot be before the referral</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="301" />
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="302" />
      <source>“{0}”须填写原因</source>
      <translation>“{0}” needs a reason</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="307" />
      <source>月收入</source>
      <translation>Monthly income</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="307" />
      <source>月收入不能为负数</source>
      <translation>The monthly income cannot be negative</translation>
    </message>
  </context>
  <context>
    <name>PaymentPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="64" />
      <source>刷新(&amp;R)</source>
      <translation>&amp;Refresh</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="74" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="75" />
      <source>身份证号</source>
      <translation>ID number</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="76" />
      <source>乡镇</source>
      <translation>Township</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="77" />
      <source>行政村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="78" />
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="79" />
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="108" />
      <source>金额（元）</source>
      <translation>Amount (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="80" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="88" />
      <source>新建发放批次(&amp;N)</source>
      <translation>&amp;New payment batch</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="90" />
      <source>勾选的申请组成一个批次；都不勾选则本学期全部待发放的申请</source>
      <translation>The ticked applications form a batch; with none ticked, every payable application of the term</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="98" />
      <source>待发放（县已审定、已公告或账户已更正）：</source>
      <translation>Payable (approved by the county, announced, or account corrected):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="105" />
      <source>批次号</source>
      <translation>Batch no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="106" />
      <source>建立日期</source>
      <translation>Created on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="107" />
      <source>人数</source>
      <translation>Students</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="109" />
      <source>导出日期</source>
      <translation>Exported on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="110" />
      <source>结果导入</source>
      <translation>Result imported</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="111" />
      <source>已发放</source>
      <translation>Paid</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="112" />
      <source>失败</source>
      <translation>Failed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="113" />
      <source>待结果</source>
      <translation>Awaiting result</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="119" />
      <source>导出一卡通表(&amp;E)…</source>
      <translation>&amp;Export payment sheet…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="122" />
      <source>导入发放结果(&amp;I)…</source>
      <translation>&amp;Import bank result…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="132" />
      <source>导入发放结果后，这里列出发放成功、失败的人数或出错的行。</source>
      <translation>After importing the bank result, the numbers paid and failed, or the rows in error, are listed here.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="137" />
      <source>发放批次：</source>
      <translation>Payment batches:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="160" />
      <source>发放批次 · {0}</source>
      <translation>Payment batches · {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="178" />
      <source>待发放 {0} 人，合计 {1} 元</source>
      <translation>{0} payable, {1} yuan in total</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="192" />
      <source>未导出</source>
      <translation>Not exported</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="193" />
      <source>未导入</source>
      <translation>Not imported</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="273" />
      <source>已建立发放批次</source>
      <translation>Payment batch created</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="275" />
      <source>已建立发放批次 {0}：{1} 人，{2} 元</source>
      <translation>Payment batch {0} created: {1} people, {2} yuan</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="287" />
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="295" />
      <source>导出一卡通表</source>
      <translation>Export payment sheet</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="288" />
      <source>一卡通表含完整的身份证号和账号，导出记入审计日志。请填写理由：</source>
      <translation>The payment sheet holds full ID numbers and accounts; the export is written to the audit log. Give the reason:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="289" />
      <source>理由（必填，记入审计日志），如：报送财政局一卡通平台发放</source>
      <translation>Reason (required, written to the audit log), e.g. for payment through the finance bureau's platform</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="297" />
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="318" />
      <source>Excel 工作簿 (*.xlsx)</source>
      <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="308" />
      <source>已导出一卡通表：{0}</source>
      <translation>Payment sheet exported: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="316" />
      <source>导入发放结果：{0}</source>
      <translation>Import bank result: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="335" />
      <source>发放结果有 {0} 处错误，全部未导入（没有改动任何申请）：</source>
      <translation>The bank result has {0} error(s); nothing was imported (no application changed):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="340" />
      <source>已导入发放结果：发放成功 {0} 人，发放失败 {1} 人</source>
      <translation>Bank result imported: {0} paid, {1} failed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="345" />
      <source>发放失败的申请已退回村里更正账户，更正后可纳入以后的批次。</source>
      <translation>Failed payments go back to the village to correct the account; once corrected they can enter a later batch.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/payment_page.py" line="347" />
      <source>结果表中没有的 {0} 人仍为发放中。</source>
      <translation>{0} people not in the result file are still in payment.</translation>
    </message>
  </context>
  <context>
    <name>PeoplePicker</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="949" />
      <source>输入姓名、拼音首字母或户编号查找</source>
      <translation>Type a name, pinyin initials or household number</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="959" />
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="960" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="1010" />
      <source>已选 {0} 人</source>
      <translation>{0} chosen</translation>
    </message>
  </context>
  <context>
    <name>PersonHeader</name>
    <message>
      <location filename="../../yulu_desktop/ui/person/header.py" line="28" />
      <source>正在读取…</source>
      <translation>Loading…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/header.py" line="35" />
      <source>{0}岁</source>
      <translation>{0} years</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/header.py" line="41" />
      <source>学籍：{0}</source>
      <translation>Schooling: {0}</translation>
    </message>
  </context>
  <context>
    <name>PersonWindow</name>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="83" />
      <source>一人一档</source>
      <extracomment>Tab positions (closing with unsaved changes shows the tab that needs attention).</extracomment>
      <translation>One-person file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="97" />
      <source>基本信息</source>
      <translation>Basic data</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="98" />
      <source>户和家庭成员</source>
      <translation>Household</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="99" />
      <source>学籍</source>
      <translation>Schooling</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="100" />
      <source>补助</source>
      <translation>Subsidies</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="101" />
      <source>走访记录</source>
      <translation>Visits</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="102" />
      <source>培训与证书</source>
      <translation>Training</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="103" />
      <source>就业去向</source>
      <translation>Employment</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="104" />
      <source>就业帮扶</source>
      <translation>Job placement</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="105" />
      <source>附件</source>
      <translation>Attachments</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="114" />
      <source>保存</source>
      <extracomment>Inline editors with the tab they are on and how to save them (closing asks about unsaved ones).</extracomment>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="115" />
      <source>保存基本信息 (Ctrl+S)</source>
      <translation>Save basic data (Ctrl+S)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="120" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="122" />
      <source>打印一人一档</source>
      <translation>Print person file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="125" />
      <source>打印补助申请表…</source>
      <translation>Print subsidy application form…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="127" />
      <source>为该户新增走访</source>
      <translation>New visit to this household</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="136" />
      <source>打印</source>
      <translation>Print</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="143" />
      <source>户籍变动</source>
      <translation>Household events</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="144" />
      <source>出生、婚入/婚出、分户、迁出、死亡、注销</source>
      <translation>Birth, marriage in/out, household split, moving out, death, cancellation</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="251" />
      <source>一人一档 - {0}</source>
      <translation>Person file - {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="265" />
      <source>附件 ({0})</source>
      <translation>Attachments ({0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="267" />
      <source>就业去向 ({0})</source>
      <translation>Employment ({0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="309" />
      <location filename="../../yulu_desktop/ui/person/window.py" line="465" />
      <source>请先改正标红的内容</source>
      <translation>Please correct the fields in red first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="325" />
      <source>未保存：{0}</source>
      <translation>Not saved: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="327" />
      <source>未保存</source>
      <translation>Not saved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="352" />
      <source>一人一档 {0}</source>
      <translation>Person file {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="370" />
      <source>没有学籍记录，无法打印补助申请表</source>
      <translation>No schooling recorded; cannot print a subsidy application form</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="372" />
      <source>打印补助申请表</source>
      <translation>Print subsidy application form</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="379" />
      <source>补助申请表 {0} {1}</source>
      <translation>Subsidy application form {0} {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="399" />
      <source>已保存走访记录</source>
      <translation>Visit saved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="423" />
      <source>已作废：{0}</source>
      <translation>Voided: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="427" />
      <source>未作废：{0}</source>
      <translation>Not voided: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="429" />
      <source>未作废</source>
      <translation>Not voided</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="449" />
      <source>未保存的修改</source>
      <translation>Unsaved changes</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/window.py" line="450" />
      <source>{0}的档案有未保存的修改。是否保存？</source>
      <translation>The file of {0} has unsaved changes. Save them?</translation>
    </message>
  </context>
  <context>
    <name>PlacementActionDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="442" />
      <source>未就业帮扶措施</source>
      <translation>Unemployment support action</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="446" />
      <source>{0}：未就业原因、下一步措施和完成期限</source>
      <translation>{0}: reason not employed, next action and due date</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="447" />
      <source>保存措施</source>
      <translation>Save action</translation>
    </message>
  </context>
  <context>
    <name>PlacementTab</name>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="143" />
      <source>尚无职业规划</source>
      <extracomment>Writes elsewhere (the employment window, another person's window) that change what the tab shows. The day the tab reckons with (None: the computer's date); tests and screenshots set it.</extracomment>
      <translation>No career plan yet</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="152" />
      <location filename="../../yulu_desktop/ui/person/placement.py" line="423" />
      <source>新的规划…</source>
      <translation>New plan…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="153" />
      <source>记录新的职业规划；复核也另存一条，原规划保留在历史中</source>
      <translation>Record a new career plan; a review is saved as a new one and the old plan stays in the history</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="155" />
      <source>职业规划与就业意愿</source>
      <translation>Career plan and job wishes</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="170" />
      <source>得分</source>
      <translation>Score</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="171" />
      <location filename="../../yulu_desktop/ui/person/placement.py" line="209" />
      <location filename="../../yulu_desktop/ui/person/placement.py" line="243" />
      <source>岗位</source>
      <translation>Job</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="172" />
      <location filename="../../yulu_desktop/ui/person/placement.py" line="210" />
      <source>企业</source>
      <translation>Enterprise</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="173" />
      <source>地域</source>
      <translation>Region</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="174" />
      <source>月薪</source>
      <translation>Monthly pay</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="175" />
      <source>截止日期</source>
      <translation>Closes on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="176" />
      <source>合适</source>
      <translation>Fits</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="177" />
      <location filename="../../yulu_desktop/ui/person/placement.py" line="304" />
      <source>理由</source>
      <translation>Reasons</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="184" />
      <source>只看合适的岗位</source>
      <translation>Only positions that fit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="185" />
      <source>专业不对口、技能等级不够的岗位不显示</source>
      <translation>Hide positions for another major or a higher skill level</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="187" />
      <source>推荐…</source>
      <translation>Refer…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="188" />
      <source>把本人推荐到选中的岗位</source>
      <translation>Refer this person to the selected position</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="203" />
      <source>匹配岗位</source>
      <translation>Matching positions</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="208" />
      <source>推荐日期</source>
      <translation>Referred on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="211" />
      <source>招聘会</source>
      <translation>Job fairs</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="212" />
      <location filename="../../yulu_desktop/ui/person/placement.py" line="248" />
      <location filename="../../yulu_desktop/ui/person/placement.py" line="272" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="213" />
      <source>结果日期</source>
      <translation>Outcome on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="214" />
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="215" />
      <source>推荐人</source>
      <translation>Referred by</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="223" />
      <source>面试</source>
      <translation>Interview</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="224" />
      <source>录用…</source>
      <translation>Hired…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="225" />
      <source>未录用…</source>
      <translation>Not hired…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="226" />
      <source>放弃…</source>
      <translation>Declined…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="235" />
      <source>推荐的岗位和结果</source>
      <translation>Positions referred to and outcomes</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="237" />
      <source>推荐记录</source>
      <translation>Referrals</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="242" />
      <source>就业单位</source>
      <translation>Employer</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="244" />
      <source>上岗日期</source>
      <translation>Started on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="245" />
      <source>回访</source>
      <translation>Follow-up</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="246" />
      <source>应回访日期</source>
      <translation>Due on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="247" />
      <source>回访日期</source>
      <translation>Followed up on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="249" />
      <source>情况</source>
      <translation>Details</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="255" />
      <source>记录回访…</source>
      <translation>Record follow-up…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="256" />
      <source>记录选中的回访（上岗后第1、3、6、12个月）</source>
      <translation>Record the selected follow-up (1, 3, 6, 12 months after the start)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="260" />
      <source>上岗后第1、3、6、12个月回访</source>
      <translation>Follow-ups 1, 3, 6 and 12 months after the start</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="262" />
      <location filename="../../yulu_desktop/ui/person/placement.py" line="411" />
      <source>稳岗回访</source>
      <translation>Job follow-ups</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="267" />
      <location filename="../../yulu_desktop/ui/person/placement.py" line="299" />
      <source>记录日期</source>
      <translation>Recorded on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="268" />
      <source>未就业原因</source>
      <translation>Reason not employed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="269" />
      <source>下一步措施</source>
      <translation>Next action</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="270" />
      <source>完成期限</source>
      <translation>Due on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="271" />
      <source>完成日期</source>
      <translation>Done on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="273" />
      <location filename="../../yulu_desktop/ui/person/placement.py" line="308" />
      <source>记录人</source>
      <translation>Recorded by</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="279" />
      <source>新增措施…</source>
      <translation>Add action…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="281" />
      <source>标记完成</source>
      <translation>Mark done</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="289" />
      <source>未就业原因、下一步措施和期限</source>
      <translation>Reason not employed, next action and due date</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="294" />
      <source>未就业帮扶</source>
      <translation>Unemployment support</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="300" />
      <source>阶段</source>
      <translation>Stage</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="301" />
      <source>职业目标</source>
      <translation>Career goal</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="302" />
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="303" />
      <source>专业</source>
      <translation>Major</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="305" />
      <source>意向地域</source>
      <translation>Wanted region</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="306" />
      <source>期望月收入（元）</source>
      <translation>Wanted monthly pay (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="307" />
      <source>意向行业</source>
      <translation>Wanted industry</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="315" />
      <source>每次复核另存一条，最新的一条为当前规划</source>
      <translation>Every review is kept; the newest is the plan in force</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="317" />
      <source>规划历史</source>
      <translation>Plan history</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="408" />
      <source>匹配岗位 ({0})</source>
      <translation>Matching positions ({0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="409" />
      <source>推荐记录 ({0})</source>
      <translation>Referrals ({0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="410" />
      <source>，{0}个待结果</source>
      <translation>, {0} awaiting an outcome</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="412" />
      <source>（{0}个逾期）</source>
      <translation> ({0} overdue)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="413" />
      <source>未就业帮扶 ({0})</source>
      <translation>Unemployment support ({0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="414" />
      <source>规划历史 ({0})</source>
      <translation>Plan history ({0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="421" />
      <source>尚无职业规划。可与家庭商定职业目标、学校和专业后记录。</source>
      <translation>No career plan yet. Record one once the goal, school and major are agreed with the family.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="422" />
      <source>就业意愿：未填（匹配岗位时地域和薪酬按未填计分）</source>
      <translation>Job wishes: not given (matching scores region and pay as not given)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="426" />
      <source>{0}（{1}，{2}）</source>
      <translation>{0} ({1}, {2})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="427" />
      <source>未填职业目标</source>
      <translation>No career goal given</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="433" />
      <source>学校和专业：{0} {1}</source>
      <translation>School and major: {0} {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="435" />
      <source>理由：{0}</source>
      <translation>Why: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="438" />
      <source>就业意愿：地域 {0}，期望月收入 {1}，行业 {2}</source>
      <translation>Job wishes: region {0}, monthly pay {1}, industry {2}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="439" />
      <location filename="../../yulu_desktop/ui/person/placement.py" line="442" />
      <location filename="../../yulu_desktop/ui/person/placement.py" line="443" />
      <source>未填</source>
      <translation>Not given</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="440" />
      <source>{0}元</source>
      <translation>{0} yuan</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="446" />
      <source>复核规划…</source>
      <translation>Review plan…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="450" />
      <source>本人不是毕业生或毕业班学生，不匹配岗位（按最新学籍判断）。</source>
      <translation>Not a graduate or final-year student (by the latest schooling): no positions are matched.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="452" />
      <source>目前没有在招的岗位</source>
      <translation>No open positions at the moment</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="455" />
      <source>按专业、意向地域、薪酬、技能等级和意向行业计分（满分100），理由见最后一列</source>
      <translation>Scored by major, wanted region, pay, skill level and wanted industry (out of 100); reasons in the last column</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="466" />
      <source>是</source>
      <translation>yes</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="466" />
      <source>否</source>
      <translation>no</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="484" />
      <source>{0}分：{1}</source>
      <translation>{0} points: {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="523" />
      <source>第{0}个月</source>
      <translation>Month {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="539" />
      <source>已回访</source>
      <translation>Done</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="539" />
      <source>已回访（已离岗）</source>
      <translation>Done (left the job)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="540" />
      <location filename="../../yulu_desktop/ui/person/placement.py" line="564" />
      <source>逾期</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="540" />
      <source>待回访</source>
      <translation>Due</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="554" />
      <source>本人已就业或不是毕业生：不需要新的未就业帮扶措施</source>
      <translation>Employed or not a graduate: no new unemployment support action is needed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="564" />
      <source>已完成</source>
      <translation>Done</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="564" />
      <source>进行中</source>
      <translation>In progress</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="622" />
      <source>未保存：{0}</source>
      <translation>Not saved: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="624" />
      <source>未保存</source>
      <translation>Not saved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="649" />
      <source>已保存职业规划</source>
      <translation>Career plan saved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="662" />
      <source>请先选择要推荐的岗位</source>
      <translation>Select the position to refer to first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="680" />
      <source>已推荐到岗位：{0}</source>
      <translation>Referred to the position: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="700" />
      <source>请先选择可以记录该结果的推荐</source>
      <translation>Select a referral that can take this outcome first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="730" />
      <source>已录用：{0}，已记入就业去向</source>
      <translation>Hired: {0}; recorded in the employment history</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="737" />
      <source>已记录推荐结果：{0}</source>
      <translation>Referral outcome recorded: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="742" />
      <source>{0} {1}，{2}上岗，第{3}个月回访（应在{4}）</source>
      <translation>{0} {1}, started {2}, month {3} follow-up (due {4})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="752" />
      <source>请先选择未完成的回访</source>
      <translation>Select a follow-up not done yet first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="764" />
      <source>已记录第{0}个月回访</source>
      <translation>Month {0} follow-up recorded</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="769" />
      <source>记录去向变化</source>
      <translation>Record a change</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="770" />
      <source>回访发现本人已不在岗。是否在“就业去向”中记录这次变化？（原记录保留）</source>
      <translation>The follow-up found the person out of the job. Record the change in the employment history? (the earlier entry is kept)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="789" />
      <source>稳岗回访：{0}</source>
      <translation>Follow-up: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="794" />
      <source>请核对新的去向变化，然后点“记录去向变化”</source>
      <translation>Check the new change, then click “Record change”</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="809" />
      <source>已保存帮扶措施</source>
      <translation>Support action saved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="815" />
      <source>请先选择未完成的措施</source>
      <translation>Select an action not done yet first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/placement.py" line="818" />
      <source>措施已完成：{0}</source>
      <translation>Action done: {0}</translation>
    </message>
  </context>
  <context>
    <name>PositionsPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="29" />
      <source>在招</source>
      <translation>Open</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="30" />
      <source>已招满</source>
      <translation>Filled</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="30" />
      <source>已截止</source>
      <translation>Closed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="46" />
      <source>只看在招</source>
      <translation>Open only</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="49" />
      <source>匹配毕业生…</source>
      <translation>Match graduates…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="58" />
      <source>岗位名称</source>
      <translation>Position</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="59" />
      <source>企业</source>
      <translation>Enterprise</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="60" />
      <source>行业</source>
      <translation>Industry</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="61" />
      <source>地域</source>
      <translation>Region</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="62" />
      <source>工作地点</source>
      <translation>Workplace</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="63" />
      <source>月薪</source>
      <translation>Monthly pay</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="65" />
      <source>专业要求</source>
      <translation>Majors wanted</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="66" />
      <source>不限</source>
      <translation>Any</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="68" />
      <source>技能等级</source>
      <translation>Skill level</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="69" />
      <source>招聘人数</source>
      <translation>Openings</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="70" />
      <source>截止日期</source>
      <translation>Closes on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="71" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="72" />
      <source>已推荐</source>
      <translation>Referred</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="73" />
      <source>已录用</source>
      <translation>Hired</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="74" />
      <source>招聘会</source>
      <translation>Job fairs</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="75" />
      <source>录入单位</source>
      <translation>Entered by</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="92" />
      <source>请先在表中选中一个岗位</source>
      <translation>Select a position in the table first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/positions_page.py" line="99" />
      <source>这个版本还没有匹配毕业生的功能</source>
      <translation>This version cannot match graduates yet</translation>
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
      <location filename="../../yulu_desktop/ui/print_preview.py" line="168" />
      <source>打印预览 - {0}</source>
      <extracomment>``make(db, action, when) -&gt; PDF bytes``: runs on the database worker and writes the audit row itself. ``make(db, action, when, full, reason) -&gt; PDF bytes``: the same, for a document with an unmasked version. Pages are rendered for the printer at its resolution, but at most this (a 1200 dpi A4 page would be a 550 MB image; 300 dpi is what office laser printers print text at). Zoom choices: factor, with 0 for "fit width" and -1 for "whole page". The PDF is shown (its page count). Making the PDF failed (the message shown). "另存为 PDF" wrote this path (or failed: None). Pages sent to the printer.</extracomment>
      <translation>Print preview - {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="194" />
      <source>正在生成 {0}……</source>
      <extracomment>The unmasked version is shown, made with this reason. The laptop's cadre, once the worker said (the unmasked version is offered by role). One timestamp for the preview and a later "save as PDF": the saved file is the page on screen.</extracomment>
      <translation>Making {0}…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="213" />
      <source>上一页 (PgUp)</source>
      <translation>Previous page (PgUp)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="217" />
      <source>下一页 (PgDown)</source>
      <translation>Next page (PgDown)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="229" />
      <source>适合宽度</source>
      <translation>Fit width</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="231" />
      <source>整页</source>
      <translation>Whole page</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="238" />
      <source>打印…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="242" />
      <source>另存为 PDF…</source>
      <translation>Save as PDF…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="245" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="257" />
      <source>理由（必填，记入审计日志），如：村委会初审签字</source>
      <translation>Reason (required, written to the audit log), e.g. village committee review and signature</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="261" />
      <source>生成</source>
      <translation>Make</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="272" />
      <source>缩放</source>
      <translation>Zoom</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="304" />
      <source>显示健康状况和残疾情况</source>
      <translation>Show health and disability</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="305" />
      <source>完整版（含完整身份证号和收款账号，签字盖章用）</source>
      <translation>Full copy (full ID number and bank account, for signing and stamping)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="366" />
      <source>无法显示生成的 PDF</source>
      <translation>Cannot show the PDF that was made</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="377" />
      <source>共 {0} 页</source>
      <translation>{0} pages</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="456" />
      <source>打印</source>
      <translation>Print</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="469" />
      <source>已发送 {0} 页到打印机</source>
      <translation>{0} pages sent to the printer</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="472" />
      <source>无法开始打印，请检查打印机</source>
      <translation>Cannot start printing; check the printer</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="527" />
      <source>另存为 PDF</source>
      <translation>Save as PDF</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="527" />
      <source>PDF 文件 (*.pdf)</source>
      <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="542" />
      <source>已保存：{0}</source>
      <translation>Saved: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="547" />
      <source>保存失败：{0}</source>
      <translation>Saving failed: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/print_preview.py" line="551" />
      <source>正在保存……</source>
      <translation>Saving…</translation>
    </message>
  </context>
  <context>
    <name>ProfileDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/setup/profile_dialog.py" line="38" />
      <source>我的信息</source>
      <translation>My information</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/profile_dialog.py" line="52" />
      <source>11位手机号</source>
      <translation>11-digit mobile number</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/profile_dialog.py" line="54" />
      <source>姓名(&amp;N)</source>
      <translation>&amp;Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/profile_dialog.py" line="55" />
      <source>角色</source>
      <translation>Role</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/profile_dialog.py" line="56" />
      <source>单位</source>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/profile_dialog.py" line="57" />
      <source>手机号(&amp;P)</source>
      <translation>&amp;Phone</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/profile_dialog.py" line="65" />
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/profile_dialog.py" line="66" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/profile_dialog.py" line="82" />
      <source>（尚未连接县服务器）</source>
      <translation>(not connected to the county server yet)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/profile_dialog.py" line="86" />
      <source>姓名、角色和单位以县里注册时登记的为准。它们会用于走访人、打印人和操作记录。</source>
      <translation>Name, role and unit are those registered by the county. They are used as visitor, printed-by and in the audit log.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/profile_dialog.py" line="92" />
      <source>请填写您的姓名和手机号。姓名会印在走访记录和打印的表格上（走访人、打印人），也记在操作记录里。</source>
      <translation>Please enter your name and mobile number. Your name is printed on visit records and forms (visitor, printed by) and kept in the audit log.</translation>
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
    <name>PublicityPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="50" />
      <source>村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="51" />
      <source>学期</source>
      <translation>Term</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="52" />
      <source>开始</source>
      <translation>Starts</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="53" />
      <source>结束</source>
      <translation>Ends</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="54" />
      <source>人数</source>
      <translation>Students</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="56" />
      <source>未决异议</source>
      <translation>Open objections</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="60" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="60" />
      <source>已结束</source>
      <translation>Ended</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="60" />
      <source>公示中</source>
      <translation>On notice</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="71" />
      <source>异议…</source>
      <translation>Objections…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="73" />
      <source>记录或处理选中学生的异议（双击一行也可）</source>
      <translation>Record or resolve objections to the selected student (or double-click a line)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="75" />
      <source>打印公示名单…</source>
      <translation>Print notice list…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="77" />
      <source>生成张贴用的公示名单 PDF（不含身份证号、电话和账号）</source>
      <translation>Make the notice list to post as a PDF (no ID numbers, phones or accounts)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="79" />
      <source>本学期的公示</source>
      <translation>Public notices this term</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="82" />
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="139" />
      <source>公示名单</source>
      <translation>Notice list</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="92" />
      <source>公示期满（结束日期的次日起）且没有未决异议，乡镇才能审核。要公示的申请请在“申请”页选中后点“发起公示”。</source>
      <translation>The township reviews once the notice has ended (from the day after its end) and no objection is open. To put applications on notice, select them on the “Apply” page and click “Start public notice”.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="142" />
      <source>{0} 公示名单（{1} 至 {2}）</source>
      <translation>{0} notice list ({1} to {2})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="156" />
      <source>请先在公示名单中选择学生</source>
      <translation>First select a student in the notice list</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="172" />
      <source>保存公示名单</source>
      <translation>Save the notice list</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="172" />
      <source>PDF 文件 (*.pdf)</source>
      <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/publicity_page.py" line="186" />
      <source>公示名单已保存到 {0}</source>
      <translation>Notice list saved to {0}</translation>
    </message>
  </context>
  <context>
    <name>PublicizeDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="286" />
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="311" />
      <source>发起公示</source>
      <translation>Start public notice</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="294" />
      <source>村务公开栏</source>
      <translation>Village notice board</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="298" />
      <source> 等</source>
      <translation> and others</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="300" />
      <source>将 {0} 名学生列入公示：{1}</source>
      <translation>Put {0} students on public notice: {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="302" />
      <source>县里规定公示至少 {0} 天（含首尾两天）；公示结束后次日起乡镇才能审核。</source>
      <translation>The county requires at least {0} days of notice (first and last day included); the township reviews from the day after it ends.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="308" />
      <source>开始日期</source>
      <translation>Starts on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="309" />
      <source>结束日期</source>
      <translation>Ends on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dialogs.py" line="310" />
      <source>公示地点</source>
      <translation>Posted at</translation>
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
    <name>RecordForm</name>
    <message>
      <location filename="../../yulu_desktop/ui/forms.py" line="199" />
      <source>这条记录保存的是“{0}”，不在现在的可选项中。不改动则原样保存，也可以改选其他项。</source>
      <translation>This record holds “{0}”, which is not among the current choices. Left as it is, it is saved unchanged; you may also choose another.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="140" />
      <location filename="../../yulu_desktop/ui/forms.py" line="214" />
      <source>{0}（不在可选列表中）</source>
      <translation>{0} (not among the choices)</translation>
    </message>
  </context>
  <context>
    <name>RecoveryKeyDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/recovery_dialog.py" line="39" />
      <source>恢复密钥</source>
      <translation>Recovery key</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/recovery_dialog.py" line="42" />
      <source>恢复密钥是一串 24 位的字母和数字。忘记密码时，用它可以打开数据库并设置新密码，数据不会丢失。它只显示一次：请抄在纸上或打印出来，锁好保管，不要和电脑放在一起。</source>
      <translation>The recovery key is a code of 24 letters and digits. If the passphrase is forgotten it opens the database so a new passphrase can be set; no data is lost. It is shown only once: write it down or print it, lock it away, and keep it apart from the computer.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/recovery_dialog.py" line="46" />
      <source>数据库已创建。</source>
      <translation>The database has been created. </translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/recovery_dialog.py" line="48" />
      <source>
本机已有恢复密钥；重新生成后，旧的恢复密钥（和它的打印页）立即作废。</source>
      <translation>
This computer already has a recovery key; making a new one voids the old key (and its printed page) at once.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/recovery_dialog.py" line="65" />
      <source>重新生成恢复密钥</source>
      <translation>Make a new recovery key</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/recovery_dialog.py" line="65" />
      <source>生成恢复密钥</source>
      <translation>Make recovery key</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/recovery_dialog.py" line="68" />
      <source>保存打印页（PDF）…</source>
      <translation>Save printable page (PDF)…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/recovery_dialog.py" line="96" />
      <source>我已抄好，关闭</source>
      <translation>I have written it down — close</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/recovery_dialog.py" line="98" />
      <source>请现在抄写或保存打印页。关闭这个窗口后，恢复密钥不会再显示。</source>
      <translation>Write it down or save the printable page now. Once this window is closed the recovery key is not shown again.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/recovery_dialog.py" line="109" />
      <source>保存恢复密钥打印页</source>
      <translation>Save the recovery key page</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/recovery_dialog.py" line="111" />
      <source>PDF 文件 (*.pdf)</source>
      <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/recovery_dialog.py" line="124" />
      <source>无法保存：{0}</source>
      <translation>Could not save: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/recovery_dialog.py" line="128" />
      <source>已保存到 {0}。请打印后删除这个文件（它和恢复密钥一样能打开数据库）。</source>
      <translation>Saved to {0}. Print it, then delete the file (like the recovery key itself, it opens the database).</translation>
    </message>
  </context>
  <context>
    <name>ReferDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="221" />
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="226" />
      <source>推荐</source>
      <translation>Refer</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="225" />
      <source>把 {0}（{1}人）推荐到岗位：{2}</source>
      <translation>Refer {0} ({1} people) to the position: {2}</translation>
    </message>
  </context>
  <context>
    <name>ReferenceDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="495" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="500" />
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="501" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>ReferencePage</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/reference_dialogs.py" line="423" />
      <source>属于{0}，不在本机的管辖范围（{1}）内，本机不能修改或删除；请由{0}修改</source>
      <translation>Belongs to {0}, outside this computer's jurisdiction ({1}): it cannot be edited or deleted here; {0} may change it</translation>
    </message>
  </context>
  <context>
    <name>RegisterHouseholdDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/household/register_dialog.py" line="61" />
      <source>登记新户</source>
      <translation>Register a household</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/register_dialog.py" line="63" />
      <source>户主的性别和出生日期从身份证号读出，不用另填。保存后可继续添加其他家庭成员。</source>
      <translation>The head's sex and date of birth are read from the ID number. After saving you can add the other members.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/register_dialog.py" line="97" />
      <source>由身份证号读出：{0}</source>
      <translation>From the ID number: {0}</translation>
    </message>
  </context>
  <context>
    <name>RestoreDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="72" />
      <source>从备份恢复</source>
      <extracomment>True once the open database was closed for the swap (the caller must reopen or restart).</extracomment>
      <translation>Restore from backup</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="78" />
      <source>用备份文件替换本机现在的数据。恢复前会先完整检查备份；现在的数据不会删除，会改名保存在同一个文件夹。</source>
      <translation>Replaces this computer's data with a backup. The backup is checked completely first; the current data is not deleted but renamed and kept in the same folder.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="81" />
      <source>用备份文件在这台电脑上恢复雨露的数据。恢复前会先完整检查备份。</source>
      <translation>Restores Yulu's data on this computer from a backup file. The backup is checked completely first.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="88" />
      <source>本机找到的备份(&amp;L)：</source>
      <translation>Backups found on this computer (&amp;L):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="93" />
      <source>请选择备份文件（.yulubak）</source>
      <translation>Choose a backup file (.yulubak)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="94" />
      <source>选择备份文件(&amp;O)…</source>
      <translation>&amp;Open backup file…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="107" />
      <source>做这个备份时数据库的密码</source>
      <translation>The database passphrase when this backup was made</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="110" />
      <source>备份文件：</source>
      <translation>Backup file:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="111" />
      <source>备份的密码(&amp;P)：</source>
      <translation>Backup &amp;passphrase:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="114" />
      <source>恢复后第一次同步时，备份之后已经同步到县里的修改会从县服务器取回；备份之后做的、还没有同步的修改不在备份里。</source>
      <translation>At the first sync after the restore, changes synced to the county after the backup come back from the county server; changes made after the backup and never synced are not in the backup.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="131" />
      <source>恢复</source>
      <translation>Restore</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="134" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="172" />
      <source>注意：本机现在有 {0} 条修改还没有同步到县里，它们不在备份里。建议先同步再恢复；恢复后它们只留在改名保存的原数据库里。</source>
      <translation>Note: this computer has {0} changes the county has not received yet, and they are not in the backup. Sync before restoring; after the restore they remain only in the renamed previous database.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="191" />
      <source>自动备份</source>
      <translation>Automatic backup</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="191" />
      <source>备份</source>
      <translation>Backup</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="193" />
      <source>{0} {1} — {2} {3}，{4} 人</source>
      <translation>{0} {1} — {2} {3}, {4} people</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="201" />
      <source>（没有找到备份，请点“选择备份文件…”找到U盘上的备份）</source>
      <translation>(No backup found: use “Open backup file…” to find the backup on the USB stick)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="213" />
      <source>选择备份文件</source>
      <translation>Choose a backup file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="215" />
      <source>雨露备份 (*{0});;所有文件 (*)</source>
      <translation>Yulu backups (*{0});;All files (*)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="241" />
      <source>这是{0}的备份，而本机的数据属于{1}：不能用另一个县的备份替换本机数据。</source>
      <translation>This is a backup of {0}, but this computer's data belongs to {1}: another county's backup cannot replace it.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="254" />
      <source>备份时间：{0}</source>
      <translation>Backed up: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="255" />
      <source>数据：{0} {1}</source>
      <translation>Data: {0} {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="256" />
      <source>内容：{0} 户，{1} 人，{2} 次走访</source>
      <translation>Contents: {0} households, {1} people, {2} visits</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="262" />
      <source>备份时有 {0} 条修改尚未同步到县里，恢复后会照常发送。</source>
      <translation>{0} changes had not reached the county when the backup was made; they are sent as usual after the restore.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="291" />
      <source>正在检查备份……</source>
      <translation>Checking the backup…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="308" />
      <source>正在校验备份文件……</source>
      <translation>Verifying the backup file…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="308" />
      <source>正在检查数据库……</source>
      <translation>Checking the database…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="331" />
      <source>正在替换数据……</source>
      <translation>Replacing the data…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="343" />
      <source>没有恢复：{0}</source>
      <translation>Not restored: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="365" />
      <source>已从备份恢复：{0}。</source>
      <translation>Restored from the backup: {0}.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/backup/restore_dialog.py" line="367" />
      <source>原来的数据没有删除，已改名保存为 {0}。</source>
      <translation>The previous data was not deleted; it was renamed to {0}.</translation>
    </message>
  </context>
  <context>
    <name>RulesPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="143" />
      <source>补助规则</source>
      <translation>Subsidy rules</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="145" />
      <source>只读：只有县级经办人员或县级管理员可以修改补助规则、标准和申请期。</source>
      <translation>Read-only: only county officers or county administrators may change the subsidy rules, amounts and application windows.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="152" />
      <source>规则版本</source>
      <translation>Rule version</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="153" />
      <source>补助标准</source>
      <translation>Amounts</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="154" />
      <source>申请期</source>
      <translation>Application window</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="169" />
      <source>版本</source>
      <translation>Version</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="170" />
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="287" />
      <source>生效日期</source>
      <translation>Effective from</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="171" />
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="230" />
      <source>户类型</source>
      <translation>Household type</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="172" />
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="231" />
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="287" />
      <source>学校类型</source>
      <translation>School type</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="173" />
      <source>公示天数</source>
      <translation>Notice days</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="174" />
      <source>联审部门</source>
      <translation>Joint reviewers</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="175" />
      <source>说明</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="190" />
      <source>每行一项，如：重庆市建档立卡贫困家庭大学生学费资助</source>
      <translation>One per line, e.g. Chongqing tuition aid for university students from registered poor households</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="195" />
      <source> 天</source>
      <translation> days</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="198" />
      <source>用顿号分隔，如：教体局、财政局；不需要联审则留空</source>
      <translation>Separated by 、, e.g. 教体局、财政局; leave empty for no joint review</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="201" />
      <source>如：依据县乡村振兴局2025年第3号通知</source>
      <translation>e.g. per notice no. 3 (2025) of the county rural revitalisation bureau</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="205" />
      <source>代码</source>
      <translation>Code</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="205" />
      <source>材料名称</source>
      <translation>Document</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="205" />
      <source>必交</source>
      <translation>Required</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="209" />
      <source>添加材料</source>
      <translation>Add document</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="211" />
      <source>删除所选材料</source>
      <translation>Remove selected documents</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="219" />
      <source>上移</source>
      <translation>Move up</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="221" />
      <source>下移</source>
      <translation>Move down</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="228" />
      <source>谁可以申请</source>
      <translation>Who may apply</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="232" />
      <source>学籍状态</source>
      <translation>Registry status</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="237" />
      <source>不能同时享受的资助</source>
      <translation>Aids that exclude this subsidy</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="240" />
      <source>证明材料清单</source>
      <translation>Evidence checklist</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="245" />
      <source>公示、联审和发放表</source>
      <translation>Public notice, joint review and payment sheet</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="247" />
      <source>生效日期：</source>
      <translation>Effective from:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="248" />
      <source>公示至少：</source>
      <translation>Public notice at least:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="249" />
      <source>联审部门：</source>
      <translation>Joint reviewers:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="250" />
      <source>说明：</source>
      <translation>Note:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="254" />
      <source>一卡通表的列（勾选，按顺序）：</source>
      <translation>Payment sheet columns (ticked, in order):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="267" />
      <source>保存为新版本(&amp;S)</source>
      <translation>&amp;Save as a new version</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="270" />
      <source>保存后成为新的规则版本；已办理的申请仍按原版本判断。</source>
      <translation>Saving makes a new rule version; applications already handled keep the version they were judged under.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="278" />
      <source>已有版本（选中一版可在其基础上修改）：</source>
      <translation>Versions (select one to start from it):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="287" />
      <source>每年标准（元）</source>
      <translation>Per year (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="287" />
      <source>每学期（元）</source>
      <translation>Per semester (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="299" />
      <source> 元/年</source>
      <translation> yuan/year</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="301" />
      <source>设置标准</source>
      <translation>Set amount</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="306" />
      <source>学校类型：</source>
      <translation>School type:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="307" />
      <source>每年：</source>
      <translation>Per year:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="308" />
      <source>自：</source>
      <translation>From:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="314" />
      <source>每学期发放每年标准的一半；以申请日期所在的标准为准，以前的标准保留备查。</source>
      <translation>Each semester pays half the yearly amount; the amount in force on the application date applies, earlier amounts are kept for the record.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="325" />
      <source>学期</source>
      <translation>Term</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="325" />
      <source>开始日期</source>
      <translation>Starts on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="325" />
      <source>截止日期</source>
      <translation>Closes on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="331" />
      <source>设置本学期申请期</source>
      <translation>Set this term's window</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="336" />
      <source>从：</source>
      <translation>From:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="338" />
      <source>至：</source>
      <translation>To:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="342" />
      <source>申请期以外的申请会被拒绝（按迟交处理）；不设置则不限。</source>
      <translation>Applications outside the window are refused (treated as late); without a window there is no limit.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="364" />
      <source>补助规则 · 县代码 {0}</source>
      <translation>Subsidy rules · county code {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="364" />
      <source>未知</source>
      <translation>unknown</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="396" />
      <source>{0}：</source>
      <translation>{0}:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="496" />
      <source>证明材料清单第 {0} 行：代码和材料名称都要填写</source>
      <translation>Evidence checklist row {0}: enter both the code and the document name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="536" />
      <source>已保存第 {0} 版规则，自 {1} 起执行</source>
      <translation>Rule version {0} saved, in force from {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="551" />
      <source>{0}每年 {1} 元，自 {2} 起</source>
      <translation>{0}: {1} yuan a year from {2}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/rules_page.py" line="567" />
      <source>{0}申请期：{1} 至 {2}</source>
      <translation>{0} application window: {1} to {2}</translation>
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
    <name>SchoolingTab</name>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="62" />
      <source>学年</source>
      <translation>School year</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="63" />
      <source>学期</source>
      <translation>Term</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="64" />
      <source>学校名称</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="65" />
      <source>学校类型</source>
      <translation>School type</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="66" />
      <source>专业</source>
      <translation>Major</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="67" />
      <source>年级</source>
      <translation>Grade</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="68" />
      <source>学籍号</source>
      <translation>Registry no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="69" />
      <source>学籍状态</source>
      <translation>Registry status</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="70" />
      <source>结束日期</source>
      <translation>Ends on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="76" />
      <source>登记日期</source>
      <translation>Recorded</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="77" />
      <source>有意愿就读</source>
      <translation>Wants to enrol</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="78" />
      <source>意向学校类型</source>
      <translation>School type wanted</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="79" />
      <source>意向学校</source>
      <translation>School wanted</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="80" />
      <source>意向专业</source>
      <translation>Major wanted</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="81" />
      <source>预计入学年份</source>
      <translation>Expected year</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="82" />
      <source>情况记录</source>
      <translation>Notes</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="89" />
      <source>保存学籍</source>
      <translation>Save semester</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="91" />
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="205" />
      <source>新增学期</source>
      <translation>Add semester</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="93" />
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="106" />
      <source>修改</source>
      <translation>Edit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="94" />
      <source>修改选中的学期</source>
      <translation>Edit the selected semester</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="96" />
      <source>结束学籍…</source>
      <translation>End schooling…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="97" />
      <source>最近一个学期毕业、退学、休学或转学：登记结束方式和日期</source>
      <translation>The latest semester ended (graduated, dropped out, suspended, transferred): record how and when</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="102" />
      <source>保存意愿</source>
      <translation>Save intent</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="104" />
      <source>登记意愿</source>
      <translation>Record intent</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="107" />
      <source>修改选中的意愿</source>
      <translation>Edit the selected intent</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="113" />
      <source>学籍（按学期）</source>
      <translation>Schooling by semester</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="122" />
      <source>入读职业院校意愿</source>
      <translation>Vocational school intent</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="153" />
      <source>是</source>
      <translation>yes</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="153" />
      <source>否</source>
      <translation>no</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="211" />
      <source>请先选择要修改的学期</source>
      <translation>Select the semester to edit first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="215" />
      <source>修改学籍：{0} {1}</source>
      <translation>Edit semester: {0} {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="231" />
      <source>已保存学籍</source>
      <translation>Semester saved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="243" />
      <source>登记入读职业院校意愿</source>
      <translation>Record intent to attend vocational school</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="250" />
      <source>请先选择要修改的意愿</source>
      <translation>Select the intent to edit first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="253" />
      <source>修改意愿</source>
      <translation>Edit intent</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="264" />
      <source>已保存意愿</source>
      <translation>Intent saved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="279" />
      <source>没有学籍记录，请先新增学期</source>
      <translation>No schooling recorded; add a semester first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="292" />
      <source>已登记{0}（{1}）</source>
      <translation>Recorded: {0} ({1})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="297" />
      <source>未保存：{0}</source>
      <translation>Not saved: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/schooling.py" line="299" />
      <source>未保存</source>
      <translation>Not saved</translation>
    </message>
  </context>
  <context>
    <name>SchoolsPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/schools_page.py" line="33" />
      <source>学校名称</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/schools_page.py" line="34" />
      <source>层次</source>
      <translation>Level</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/schools_page.py" line="35" />
      <source>所在地</source>
      <translation>Location</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/schools_page.py" line="36" />
      <source>开设专业</source>
      <translation>Majors offered</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/schools_page.py" line="37" />
      <source>联系人及电话</source>
      <translation>Contact and phone</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/schools_page.py" line="38" />
      <source>备注</source>
      <translation>Note</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="51" />
      <source>设置</source>
      <translation>Settings</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="59" />
      <source>县服务器</source>
      <translation>County server</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="62" />
      <source>更改地址(&amp;H)</source>
      <translation>C&amp;hange address</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="65" />
      <source>县里已更换服务器证书（经县里确认后才勾选）</source>
      <translation>The county has replaced its server certificate (tick only after the county confirms)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="69" />
      <source>证书校验码（县里给出，可不填），例如 {0}</source>
      <translation>Certificate check (from the county, optional), e.g. {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="72" />
      <source>更改地址不需要重新注册：新地址上的县服务器确认本机后才会保存。</source>
      <translation>Changing the address needs no new enrollment: it is saved once the county server at the new address recognises this computer.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="74" />
      <source>本机尚未连接县服务器，请使用“同步 → 连接县服务器…”。</source>
      <translation>This computer is not connected to the county server yet; use Sync → Connect to the county server….</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="90" />
      <source>本机</source>
      <translation>This computer</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="99" />
      <source> 分钟</source>
      <translation> minutes</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="100" />
      <source>不自动锁定</source>
      <translation>Never lock</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="104" />
      <source>未设置：每次备份时选择</source>
      <translation>Not set: choose at each backup</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="105" />
      <source>选择(&amp;B)…</source>
      <translation>&amp;Browse…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="113" />
      <source>不自动备份</source>
      <translation>No automatic backups</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="116" />
      <source>界面语言(&amp;L)</source>
      <translation>&amp;Language</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="117" />
      <source>更改语言后，下次启动雨露时生效。</source>
      <translation>A new language applies the next time Yulu starts.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="118" />
      <source>自动锁定(&amp;I)</source>
      <translation>Auto-lock after &amp;idle</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="119" />
      <source>备份文件夹</source>
      <translation>Backup folder</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="120" />
      <source>本机保留自动备份</source>
      <translation>Automatic backups kept</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="125" />
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="126" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="138" />
      <source>选择备份文件夹</source>
      <translation>Choose the backup folder</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="145" />
      <source>请填写服务器地址</source>
      <translation>Please enter the server address</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="154" />
      <source>正在连接 {0}…</source>
      <translation>Connecting to {0}…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/settings_dialog.py" line="166" />
      <source>县服务器地址已改为 {0}。</source>
      <translation>The county server address is now {0}.</translation>
    </message>
  </context>
  <context>
    <name>SplitDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/household/split_dialog.py" line="49" />
      <source>分户 · {0}</source>
      <translation>Split household · {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/split_dialog.py" line="51" />
      <source>勾选分出去的成员（空格键勾选），再选定新户的户主。原户主分出时，请为原户选定新户主。</source>
      <translation>Tick the members who leave (Space ticks), then choose the new household's head. When the head leaves, choose a new head for the old household.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/split_dialog.py" line="65" />
      <source>原户新户主</source>
      <translation>New head of the old household</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/split_dialog.py" line="73" />
      <source>分出的成员</source>
      <translation>Members who leave</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/household/split_dialog.py" line="75" />
      <source>新户户主</source>
      <translation>Head of the new household</translation>
    </message>
  </context>
  <context>
    <name>SubsidiesTab</name>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="68" />
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="112" />
      <source>学期</source>
      <extracomment>Targets that have their own screen in the subsidy window (take_step refuses them).</extracomment>
      <translation>Term</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="69" />
      <source>补助金额（元）</source>
      <translation>Subsidy (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="70" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="71" />
      <source>申请日期</source>
      <translation>Applied on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="72" />
      <source>收款人</source>
      <translation>Payee</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="73" />
      <source>收款账号</source>
      <translation>Payee account</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="74" />
      <source>缺少材料</source>
      <translation>Missing evidence</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="75" />
      <source>退回／不通过／失败原因</source>
      <translation>Reason returned / rejected / failed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="85" />
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="110" />
      <source>申请补助</source>
      <translation>Apply for subsidy</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="86" />
      <source>按县里的补助规则为所选学期申请补助</source>
      <translation>Apply for the selected term under the county's subsidy rules</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="91" />
      <source>审核意见（村、乡镇、县审核时填写）</source>
      <translation>Opinion (at the village, township or county review)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="93" />
      <source>退回、不通过或撤回时必须填写</source>
      <translation>Required when returning, rejecting or withdrawing</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="94" />
      <source>办理</source>
      <translation>Do</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="95" />
      <source>对选中的补助申请办理所选的一步</source>
      <translation>Take the chosen step on the selected application</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="97" />
      <source>在补助窗口中打开</source>
      <translation>Open in the subsidy window</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="100" />
      <source>在“雨露计划补助”窗口中打开选中的申请：证明材料、公示、异议、发放与更正账户在那里办理</source>
      <translation>Open the selected application in the “Yulu subsidies” window: evidence, public notice, objections, payment and account corrections are done there</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="115" />
      <source>办理选中的申请</source>
      <translation>Process the selected application</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="117" />
      <source>下一步</source>
      <translation>Next step</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="118" />
      <source>意见</source>
      <translation>Opinion</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="119" />
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="143" />
      <source>（已申请）</source>
      <translation> (applied)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="223" />
      <source>证明材料：（无清单）</source>
      <translation>Evidence: (no checklist)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="226" />
      <source>（已提供）</source>
      <translation> (provided)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="226" />
      <source>（缺）</source>
      <translation> (missing)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="229" />
      <source>证明材料：{0}</source>
      <translation>Evidence: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="235" />
      <source>没有学籍记录，请先在“学籍”中新增学期</source>
      <translation>No schooling records; first add a term under “Schooling”</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="246" />
      <source>未申请</source>
      <translation>Not applied</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="250" />
      <source>已申请 {0} 的补助，请收齐证明材料后村委会初审</source>
      <translation>Applied for the subsidy of {0}; collect the evidence, then do the village committee check</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="264" />
      <source>请先选择要办理的补助申请</source>
      <translation>First select the subsidy application to process</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="278" />
      <source>未办理</source>
      <translation>Not done</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="283" />
      <source>补助申请已变为“{0}”</source>
      <translation>The subsidy application is now “{0}”</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="308" />
      <source>未保存：{0}</source>
      <translation>Not saved: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/subsidies.py" line="310" />
      <source>未保存</source>
      <translation>Not saved</translation>
    </message>
  </context>
  <context>
    <name>SubsidyModels</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/models.py" line="43" />
      <source>姓名</source>
      <extracomment>Entities whose changes can change what the subsidy pages show.</extracomment>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/models.py" line="44" />
      <source>身份证号</source>
      <translation>ID number</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/models.py" line="47" />
      <source>村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/models.py" line="49" />
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/models.py" line="50" />
      <source>金额（元）</source>
      <translation>Amount (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/models.py" line="52" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/models.py" line="56" />
      <source>申请日期</source>
      <translation>Applied on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/models.py" line="57" />
      <source>公示截止</source>
      <translation>Notice ends</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/models.py" line="59" />
      <source>未决异议</source>
      <translation>Open objections</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/models.py" line="64" />
      <source>缺少材料</source>
      <translation>Missing evidence</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/models.py" line="69" />
      <source>退回／不通过／失败原因</source>
      <translation>Reason returned / rejected / failed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/models.py" line="81" />
      <source>{0} 条未办理：</source>
      <translation>{0} not processed:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/models.py" line="84" />
      <source>没有办理任何申请</source>
      <translation>No application was processed</translation>
    </message>
  </context>
  <context>
    <name>SubsidyPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="55" />
      <source>{0}：{1} 份</source>
      <extracomment>What changes when the county decides (every page showing applications refreshes).</extracomment>
      <translation>{0}: {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="57" />
      <source>未办理 {0} 份：</source>
      <translation>Not done: {0}:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/county_page.py" line="59" />
      <source>{0}：{1}</source>
      <translation>{0}: {1}</translation>
    </message>
  </context>
  <context>
    <name>SubsidyWindow</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/window.py" line="80" />
      <source>雨露计划补助</source>
      <extracomment>The tabs of each level, in order.</extracomment>
      <translation>Yulu subsidies</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/window.py" line="90" />
      <source>学期(&amp;T)：</source>
      <translation>&amp;Term:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/window.py" line="92" />
      <source>正在读取本机账号的角色……</source>
      <translation>Reading this computer's account role…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/window.py" line="114" />
      <source>村级账号</source>
      <translation>village account</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/window.py" line="115" />
      <source>乡镇账号</source>
      <translation>township account</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/window.py" line="116" />
      <source>县级账号</source>
      <translation>county account</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/window.py" line="118" />
      <source>{0} · {1}</source>
      <translation>{0} · {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/window.py" line="121" />
      <source>申请</source>
      <translation>Apply</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/window.py" line="122" />
      <source>公示</source>
      <translation>Public notice</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/window.py" line="123" />
      <source>乡镇审核</source>
      <translation>Township review</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/window.py" line="124" />
      <source>县审定</source>
      <translation>County approval</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/window.py" line="125" />
      <source>发放批次</source>
      <translation>Payment batches</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/window.py" line="126" />
      <source>台账</source>
      <translation>Ledger</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/window.py" line="127" />
      <source>规则</source>
      <translation>Rules</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/window.py" line="128" />
      <source>统计图表</source>
      <translation>Charts</translation>
    </message>
  </context>
  <context>
    <name>SyncController</name>
    <message>
      <location filename="../../yulu_desktop/ui/sync_worker.py" line="275" />
      <source>正在上传附件 {0}/{1} KB</source>
      <extracomment>Shown when the county server cannot be reached (the wording of issue 5). Shown when the laptop is not enrolled yet. After a local change, sync this long later (several quick edits go in one sync).</extracomment>
      <translation>Uploading attachments {0}/{1} KB</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/sync_worker.py" line="279" />
      <source>县服务器正在准备本机的数据…</source>
      <translation>The county server is preparing this computer's data…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/sync_worker.py" line="281" />
      <source>正在下载首次同步的数据 {0}/{1} KB</source>
      <translation>Downloading this computer's data {0}/{1} KB</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/sync_worker.py" line="285" />
      <source>正在发送 {0}/{1}</source>
      <translation>Sending {0}/{1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/sync_worker.py" line="286" />
      <source>正在接收 {0}/{1}</source>
      <translation>Receiving {0}/{1}</translation>
    </message>
  </context>
  <context>
    <name>TablePage</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="335" />
      <source>筛选：输入名称、地点等任意文字</source>
      <extracomment>Entities whose writes change what the employment pages show. The person with this id is to be opened (a double click on a line). The page wrote something: the window refreshes the other pages. A load finished (or failed) and the page shows it (tests wait for it). The page follows the worker's data changes itself (the window leaves it alone). The entities a page's writes change by default (``write``'s ``changes``). The object name of the table (tests find it). The roles that add, change and delete the page's rows: the sets the service checks (``services.employment_reference``), so that the page offers what the service allows.</extracomment>
      <translation>Filter: type any text (name, place …)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="338" />
      <source>新增…</source>
      <translation>Add…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="340" />
      <source>修改…</source>
      <translation>Edit…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="342" />
      <location filename="../../yulu_desktop/ui/employment/page.py" line="484" />
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="373" />
      <source>这些记录</source>
      <translation>these</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="379" />
      <source>本机（{0}）只能查看{1}，{1}由{2}录入和修改。</source>
      <translation>This computer ({0}) may only view {1} here; {2} enter and change these records.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="386" />
      <source>共 {0} 条</source>
      <translation>{0} rows</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="442" />
      <location filename="../../yulu_desktop/ui/employment/page.py" line="456" />
      <source>请先在表中选中一行</source>
      <translation>Select a row in the table first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="449" />
      <source>本机只能查看这条记录：{0}</source>
      <translation>This computer can only view this record: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="485" />
      <source>确定删除“{0}”吗？</source>
      <translation>Delete “{0}”?</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="496" />
      <source>已删除“{0}”</source>
      <translation>Deleted “{0}”</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="502" />
      <source>村级</source>
      <translation>village level</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="504" />
      <source>乡镇级</source>
      <translation>township level</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="505" />
      <source>县级</source>
      <translation>county level</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="513" />
      <source>村里</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="514" />
      <source>乡镇</source>
      <translation>Township</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="515" />
      <source>县里</source>
      <translation>County</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="521" />
      <source>{0}或{1}</source>
      <translation>{0} or {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/page.py" line="522" />
      <source>、</source>
      <translation>, </translation>
    </message>
  </context>
  <context>
    <name>TodayPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="108" />
      <source> 天</source>
      <extracomment>Lines shown per section; the rest are one line that opens the full list. The list page that shows a whole section (``MainWindow.show_page``). What a line opens: ("person", person id), ("conflicts", ""), ("list", list kind) or, for an application the township or county returned, ("subsidy", (person id, term)): the subsidy window on it. The entities whose changes can change the page. A load finished and the tree shows it.</extracomment>
      <translation> days</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="110" />
      <source>超过这么多天没有走访的户列在“未走访的户”中</source>
      <translation>Households not visited for this many days are listed under “households not visited”</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="112" />
      <source>未走访天数(&amp;N)：</source>
      <translation>Not visited for (&amp;N):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="114" />
      <source>刷新(&amp;R)</source>
      <translation>&amp;Refresh</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="128" />
      <source>姓名／事项</source>
      <translation>Name / item</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="128" />
      <source>户编号</source>
      <translation>Household no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="128" />
      <source>行政村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="128" />
      <source>情况</source>
      <translation>Details</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="143" />
      <source>单击一行或按回车键打开此人的档案；计数超过 1000 时显示“1000+”。</source>
      <translation>Click a line or press Enter to open the person's file; counts above 1000 show as “1000+”.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="185" />
      <source>全部</source>
      <translation>All</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="186" />
      <source>今日工作 · {0} · {1}</source>
      <translation>Today · {0} · {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="197" />
      <source>逾期未办结的承诺</source>
      <translation>Overdue promised follow-ups</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="198" />
      <source>超过 {0} 天未走访的户</source>
      <translation>Households not visited for over {0} days</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="199" />
      <source>{0}未申请补助的在读学生</source>
      <translation>Students without a subsidy application for {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="200" />
      <source>未就业或去向待核实的毕业生</source>
      <translation>Graduates without a job or with a destination to verify</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="201" />
      <source>待处理的同步冲突</source>
      <translation>Sync conflicts to review</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="202" />
      <source>被退回的补助申请</source>
      <translation>Subsidy applications returned</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="203" />
      <source>逾期或 {0} 天内到期的稳岗回访</source>
      <translation>Follow-ups overdue or due within {0} days</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="204" />
      <source>逾期的未就业帮扶措施</source>
      <translation>Overdue unemployment support actions</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="222" />
      <source>没有需要处理的事项</source>
      <translation>Nothing to do</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="226" />
      <source>另有 {0} 项…</source>
      <translation>{0} more…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="228" />
      <source>按回车或单击打开完整清单</source>
      <translation>Press Enter or click to open the full list</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="262" />
      <source>同步：未连接县服务器</source>
      <translation>Sync: not connected to the county server</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="264" />
      <source>同步：已连接县服务器，尚未同步过</source>
      <translation>Sync: connected to the county server, never synced yet</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="266" />
      <source>上次同步：今天 {0}</source>
      <translation>Last sync: today {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="269" />
      <source>上次同步：{0} 天前（{1}）</source>
      <translation>Last sync: {0} days ago ({1})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="283" />
      <source>打开冲突处理</source>
      <translation>Open the conflicts</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="285" />
      <source>（无户主）</source>
      <translation>(no head of household)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="290" />
      <source>在雨露计划补助窗口中打开这份申请</source>
      <translation>Open this application in the Yulu subsidies window</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="302" />
      <source>{0}（应于 {1} 办结，已逾期 {2} 天）</source>
      <translation>{0} (due {1}, {2} days overdue)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="306" />
      <source>从未走访</source>
      <translation>Never visited</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="307" />
      <source>上次走访 {0}（{1} 天前）</source>
      <translation>Last visit {0} ({1} days ago)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="309" />
      <source>{0}，本学期还没有补助申请</source>
      <translation>{0}; no subsidy application this term</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="313" />
      <source>已毕业，尚未登记去向</source>
      <translation>Graduated, no destination recorded</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="315" />
      <source>本人申报的去向待核实：{0}</source>
      <translation>Self-reported destination to verify: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="315" />
      <source>未填单位</source>
      <translation>employer not given</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="316" />
      <source>去向：{0}</source>
      <translation>Destination: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="318" />
      <source>{0}的申请被退回：{1}</source>
      <translation>Application for {0} returned: {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="328" />
      <source>已逾期 {0} 天</source>
      <translation>{0} days overdue</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="328" />
      <source>应于 {0} 回访</source>
      <translation>due on {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="329" />
      <source>{0}：上岗第 {1} 个月回访，{2}</source>
      <translation>{0}: month {1} follow-up, {2}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="332" />
      <source>{0}（{1}，应于 {2} 完成，已逾期 {3} 天）</source>
      <translation>{0} ({1}, due {2}, {3} days overdue)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="358" />
      <source>今日工作</source>
      <extracomment>The key of the 今日工作 page in the remembered settings (``ui_settings.LAST_PAGE``).</extracomment>
      <translation>Today</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/today_page.py" line="362" />
      <source>今日工作：逾期承诺、未走访的户、未申请补助的学生…… (Ctrl+0)</source>
      <translation>Today: overdue promises, households not visited, students without an application… (Ctrl+0)</translation>
    </message>
  </context>
  <context>
    <name>TownshipPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="89" />
      <source>村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="90" />
      <source>待审核</source>
      <translation>Waiting</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="91" />
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="180" />
      <source>可审核</source>
      <translation>Ready</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="102" />
      <source>可否审核</source>
      <translation>Review</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="111" />
      <source>经审核，符合补助条件，同意</source>
      <translation>Reviewed: eligible, approved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="113" />
      <source>乡镇审核意见，写入每份通过的申请</source>
      <translation>The township's opinion, written to each approved application</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="114" />
      <source>审核通过</source>
      <translation>Approve</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="117" />
      <source>退回村…</source>
      <translation>Return to village…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="119" />
      <source>退回村里补正，须写明原因；村里重新申请后要重新初审和公示</source>
      <translation>Return to the village for correction, with a reason; after applying again it is checked and noticed again</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="121" />
      <source>不通过…</source>
      <translation>Reject…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="123" />
      <source>不符合条件，须写明原因</source>
      <translation>Not eligible; a reason is required</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="125" />
      <source>证明材料…</source>
      <translation>Evidence…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="127" />
      <source>异议…</source>
      <translation>Objections…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="129" />
      <source>打开档案</source>
      <translation>Open file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="132" />
      <source>各村待审核</source>
      <translation>Waiting per village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="135" />
      <source>待审核的申请</source>
      <translation>Applications to review</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="145" />
      <source>审核意见</source>
      <translation>Opinion</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="158" />
      <source>公示期满（结束日期的次日起）且没有未决异议的申请才能审核通过；可按住 Ctrl 或 Shift 多选后一并办理。</source>
      <translation>Only applications whose notice has ended (from the day after its end) and with no open objection can be approved; Ctrl or Shift selects several to process at once.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="175" />
      <source>未公示</source>
      <translation>Not on notice</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="177" />
      <source>公示中，{0} 起可审核</source>
      <translation>On notice; reviewable from {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="179" />
      <source>有未处理的异议</source>
      <translation>Open objection</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="222" />
      <source>{0}没有待乡镇审核的申请</source>
      <translation>No applications waiting for township review in {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="224" />
      <source>{0}：待审核 {1} 份</source>
      <translation>{0}: {1} waiting</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="84" />
      <source>请先选择要审核的申请（可按住 Ctrl 或 Shift 多选）</source>
      <extracomment>The day the services take as today (None: the real date; tests set it).</extracomment>
      <translation>First select the applications to review (Ctrl or Shift selects several)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="261" />
      <source>{0} 份申请已通过乡镇审核，报县审定</source>
      <translation>{0} applications passed township review and go to the county</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="268" />
      <source>请先选择要退回的申请</source>
      <translation>First select the applications to return</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="272" />
      <source>退回村</source>
      <translation>Return to village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="272" />
      <source>退回原因（村里会看到，如“学费凭证不清晰，请重新提供”）：</source>
      <translation>Reason for returning (the village sees it, e.g. “the tuition receipt is illegible, please provide it again”):</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="276" />
      <source>已退回 {0} 份申请，村里补正后重新申请</source>
      <translation>{0} applications returned; the village corrects them and applies again</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="280" />
      <source>请先选择申请</source>
      <translation>First select applications</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="283" />
      <source>不通过</source>
      <translation>Reject</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="283" />
      <source>不通过的原因：</source>
      <translation>Reason for rejecting:</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/township_page.py" line="286" />
      <source>{0} 份申请审核不通过</source>
      <translation>{0} applications rejected</translation>
    </message>
  </context>
  <context>
    <name>TrainingTab</name>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="45" />
      <source>类别</source>
      <translation>Kind</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="46" />
      <source>名称</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="47" />
      <source>培训机构</source>
      <translation>Provider</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="48" />
      <source>开始日期</source>
      <translation>Starts on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="49" />
      <source>结束日期</source>
      <translation>Ends on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="50" />
      <source>证书编号</source>
      <translation>Certificate no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="51" />
      <source>证书等级</source>
      <translation>Level</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="58" />
      <source>保存培训</source>
      <translation>Save training</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="60" />
      <source>新增</source>
      <translation>Add</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="61" />
      <location filename="../../yulu_desktop/ui/person/training.py" line="128" />
      <source>新增培训或证书</source>
      <translation>Add training or certificate</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="63" />
      <source>修改</source>
      <translation>Edit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="64" />
      <source>修改选中的培训或证书</source>
      <translation>Edit the selected training or certificate</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="66" />
      <source>作废…</source>
      <translation>Void…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="67" />
      <source>选中的记录录错了：填写原因后作废（保留记录，划线显示）</source>
      <translation>The selected entry was recorded in error: void it with a reason (kept, struck through)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="73" />
      <source>培训与职业资格证书</source>
      <translation>Training and vocational certificates</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="111" />
      <source>请先选择要作废的培训或证书</source>
      <translation>Select the training or certificate to void first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="113" />
      <source>{0}：{1}</source>
      <translation>{0}: {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="133" />
      <source>请先选择要修改的培训或证书</source>
      <translation>Select the training or certificate to edit first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="136" />
      <source>已作废的记录不能修改，请新增一条</source>
      <translation>A voided entry cannot be changed; add a new one</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="139" />
      <source>修改培训或证书</source>
      <translation>Edit training or certificate</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/training.py" line="150" />
      <source>已保存培训或证书</source>
      <translation>Training or certificate saved</translation>
    </message>
  </context>
  <context>
    <name>UnemployedPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="63" />
      <source>未就业毕业生清单</source>
      <translation>Unemployed graduates</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="56" />
      <source>按姓名、村、学校、专业或原因筛选</source>
      <translation>Filter by name, village, school, major or reason</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="60" />
      <source>只看逾期</source>
      <translation>Only overdue</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="66" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="67" />
      <source>村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="68" />
      <source>电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="69" />
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="70" />
      <source>专业</source>
      <translation>Major</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="71" />
      <source>毕业年份</source>
      <translation>Graduation year</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="72" />
      <source>去向</source>
      <translation>Destination</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="73" />
      <source>未就业原因</source>
      <translation>Reason not employed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="74" />
      <source>下一步措施</source>
      <translation>Next action</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="75" />
      <source>完成期限</source>
      <translation>Due on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="76" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="81" />
      <source>新增措施…</source>
      <translation>Add action…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="82" />
      <source>为选中的毕业生记录未就业原因、下一步措施和完成期限</source>
      <translation>Record the reason, next action and due date for the selected graduate</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="84" />
      <source>措施完成</source>
      <translation>Action done</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="85" />
      <source>选中毕业生的当前措施已完成</source>
      <translation>The selected graduate's current action is done</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="78" />
      <source>打开档案</source>
      <translation>Open file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="87" />
      <source>导出 Excel…</source>
      <translation>Export to Excel…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="135" />
      <source>逾期</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="135" />
      <source>未定措施</source>
      <translation>No action yet</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="144" />
      <source>{0}年毕业</source>
      <translation>Graduated {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="144" />
      <source>各年毕业</source>
      <translation>All graduation years</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="147" />
      <source>{0}：{1}人未就业，其中{2}人措施逾期</source>
      <translation>{0}: {1} not employed, {2} with an overdue action</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="148" />
      <source>（显示{0}人）</source>
      <translation> ({0} shown)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="173" />
      <source>请先选择一位毕业生</source>
      <translation>Select a graduate first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="180" />
      <source>已为{0}保存帮扶措施</source>
      <translation>Support action saved for {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="188" />
      <source>请先选择有未完成措施的毕业生</source>
      <translation>Select a graduate with an open action first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="192" />
      <source>{0}的措施已完成：{1}</source>
      <translation>{0}'s action done: {1}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="200" />
      <source>导出未就业毕业生清单</source>
      <translation>Export unemployed graduates</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="202" />
      <source>Excel 文件 (*.xlsx)</source>
      <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="209" />
      <source>没有可导出的行</source>
      <translation>No rows to export</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/unemployed_page.py" line="223" />
      <source>已导出{0}行：{1}</source>
      <translation>Exported {0} rows: {1}</translation>
    </message>
  </context>
  <context>
    <name>UnitMatchingDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/setup/unit_matching_dialog.py" line="36" />
      <source>区划匹配</source>
      <translation>Match areas</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/unit_matching_dialog.py" line="40" />
      <source>以下区划是本机导入数据时自建的，在县里的区划中没有找到同名的单位。请为每一个选择对应的县里区划；选“暂不对应”的，其中的户暂不发送到县里。</source>
      <translation>These areas were created on this computer when data was imported, and no county area of the same name was found. Choose the county's area for each; households under an area left as "Not now" are not sent to the county yet.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/unit_matching_dialog.py" line="47" />
      <source>本机区划</source>
      <translation>Area on this computer</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/unit_matching_dialog.py" line="47" />
      <source>户数</source>
      <translation>Households</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/unit_matching_dialog.py" line="47" />
      <source>对应县里区划</source>
      <translation>County area</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/unit_matching_dialog.py" line="58" />
      <source>暂不对应</source>
      <translation>Not now</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/unit_matching_dialog.py" line="67" />
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/unit_matching_dialog.py" line="90" />
      <source>正在更新区划…</source>
      <translation>Updating areas…</translation>
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
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="52" />
      <source>添加本机用户</source>
      <translation>Add a local user</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="52" />
      <source>修改“{0}”的密码</source>
      <translation>Change the passphrase of {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="64" />
      <source>用户名</source>
      <translation>User name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="66" />
      <source>你自己（所有者）的用户名</source>
      <translation>Your own (the owner's) user name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="69" />
      <source>原密码</source>
      <translation>Current passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="71" />
      <source>新密码</source>
      <translation>New passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="71" />
      <source>密码</source>
      <translation>Passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="72" />
      <source>再次输入</source>
      <translation>Again</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="73" />
      <source>至少 8 个字符；越长越安全，可以用一句好记的话</source>
      <translation>At least 8 characters; longer is safer, a memorable sentence works</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="90" />
      <source>请填写用户名</source>
      <translation>Please enter a user name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="92" />
      <source>请填写你自己（所有者）的用户名</source>
      <translation>Please enter your own (the owner's) user name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="96" />
      <source>两次输入的密码不一致</source>
      <translation>The passphrases differ</translation>
    </message>
  </context>
  <context>
    <name>UsersDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="113" />
      <source>本机用户</source>
      <translation>Local users</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="117" />
      <source>多人共用这台电脑时，每人一个用户和自己的密码，操作记在各自名下。只有所有者（用数据库密码登录的人）可以添加和删除用户。</source>
      <translation>Where several people share this computer, each has a user and a passphrase of their own, and what they do is recorded under their name. Only the owner (who signs in with the database passphrase) may add and remove users.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="127" />
      <source>添加用户…</source>
      <translation>Add user…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="128" />
      <source>删除用户</source>
      <translation>Remove user</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="129" />
      <source>修改密码…</source>
      <translation>Change passphrase…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="160" />
      <source>所有者</source>
      <translation>owner</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="162" />
      <source>当前</source>
      <translation>current</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="170" />
      <source>本机还没有其他用户：现在用数据库密码登录。添加第一个用户时也给自己起个用户名。</source>
      <translation>No other users on this computer yet: you signed in with the database passphrase. When adding the first user, also give yourself a user name.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="214" />
      <source>已添加用户“{0}”</source>
      <translation>User {0} added</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="223" />
      <source>已删除用户“{0}”</source>
      <translation>User {0} removed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="228" />
      <source>已修改“{0}”的密码</source>
      <translation>Passphrase of {0} changed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="232" />
      <source>正在处理…</source>
      <translation>Working…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/users_dialog.py" line="244" />
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
    <name>VisitsTab</name>
    <message>
      <location filename="../../yulu_desktop/ui/person/visits.py" line="28" />
      <source>走访日期</source>
      <translation>Visit date</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/visits.py" line="29" />
      <source>走访方式</source>
      <translation>Mode</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/visits.py" line="30" />
      <source>走访目的</source>
      <translation>Purpose</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/visits.py" line="31" />
      <source>走访人</source>
      <translation>Visitor</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/visits.py" line="32" />
      <source>情况记录</source>
      <translation>Notes</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/visits.py" line="33" />
      <source>承诺事项</source>
      <translation>Follow-up</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/visits.py" line="34" />
      <source>办结期限</source>
      <translation>Due</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/visits.py" line="35" />
      <source>办结日期</source>
      <translation>Done on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/visits.py" line="39" />
      <source>为该户新增走访</source>
      <translation>New visit to this household</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/visits.py" line="40" />
      <source>为该户新增走访 (Ctrl+N)</source>
      <translation>New visit to this household (Ctrl+N)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/visits.py" line="42" />
      <source>作废…</source>
      <translation>Void…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/visits.py" line="43" />
      <source>选中的走访记录录错了：填写原因后作废（保留记录，划线显示）</source>
      <translation>The selected visit was recorded in error: void it with a reason (kept, struck through)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/visits.py" line="85" />
      <source>请先选择要作废的走访记录</source>
      <translation>Select the visit to void first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/visits.py" line="88" />
      <source>{0} {1}的走访（{2}）</source>
      <translation>Visit of {0} by {1} ({2})</translation>
    </message>
  </context>
  <context>
    <name>VoidDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/person/voids.py" line="72" />
      <source>作废记录</source>
      <translation>Void an entry</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/voids.py" line="74" />
      <source>作废后这条记录仍保留在档案中（划线显示），但不再计入清单、统计和打印，且不能撤销。</source>
      <translation>A voided entry stays in the file (struck through) but no longer counts in lists, statistics or print. A void cannot be undone.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/voids.py" line="82" />
      <source>作废原因（必填），如：录错了人、重复录入</source>
      <translation>Reason (required), e.g. wrong person, entered twice</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/voids.py" line="88" />
      <source>作废</source>
      <translation>Void</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/voids.py" line="89" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/voids.py" line="96" />
      <source>作废原因</source>
      <translation>Reason for voiding</translation>
    </message>
  </context>
  <context>
    <name>VoidableTableModel</name>
    <message>
      <location filename="../../yulu_desktop/ui/person/voids.py" line="33" />
      <source>作废说明</source>
      <translation>Void note</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person/voids.py" line="44" />
      <source>已作废：{0}（{1}，{2}）</source>
      <translation>Voided: {0} ({1}, {2})</translation>
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
    <name>_FigureTab</name>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="120" />
      <source>单位</source>
      <extracomment>Lines the list behind a figure shows at most (a county's "eligible, not applied" can be thousands). Colours of the states in the stacked bars: the chain from grey to green, refusals red, returns orange.</extracomment>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="129" />
      <source>合计</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="137" />
      <source>单击列出这 {0} 人</source>
      <translation>Click to list these {0} people</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/subsidy/dashboard_page.py" line="154" />
      <source>本学期没有数据</source>
      <translation>No data for this term</translation>
    </message>
  </context>
  <context>
    <name>columns</name>
    <message>
      <location filename="../../yulu_desktop/ui/models.py" line="325" />
      <source>敏感信息，已脱敏显示</source>
      <extracomment>The id of the record in a row (for opening it). The most rows a list model holds (a window of the list around what the view shows): about 6 MB of rows. Distinct texts of one column that loaded rows share (a village, a sex, a school: one string for every row showing it). A column with more (names, ID numbers) stops sharing, so the table of texts stays small. The total number of rows for the current query is known. A page of rows has arrived (or the first page of a reload). Rows were added (&gt; 0) or forgotten (&lt; 0) above the window's rows the view showed (see ``offset``). Rows of the list above the window (forgotten while scrolling down).</extracomment>
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
      <translation>Major match</translation>
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
      <translation>People</translation>
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
      <translation>Payee account</translation>
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
      <translation>Contact phone</translation>
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
      <location filename="../../yulu_desktop/ui/forms.py" line="143" />
      <source>元</source>
      <translation>yuan</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="54" />
      <source>记录日期</source>
      <translation>Recorded on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="57" />
      <source>选择的学校</source>
      <translation>School chosen</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="58" />
      <source>选择的专业</source>
      <translation>Major chosen</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="59" />
      <source>选择理由</source>
      <translation>Why</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="61" />
      <source>期望月收入（元）</source>
      <translation>Wanted monthly pay (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="66" />
      <source>录用日期</source>
      <translation>Hired on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="67" />
      <source>上岗日期</source>
      <translation>Started on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="71" />
      <source>结果日期</source>
      <translation>Outcome on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="74" />
      <source>面试日期</source>
      <translation>Interview on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="77" />
      <source>回访日期</source>
      <translation>Followed up on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="79" />
      <source>回访方式</source>
      <translation>How</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="81" />
      <source>仍在岗</source>
      <translation>Still in the job</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="82" />
      <source>回访情况</source>
      <translation>Findings</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="89" />
      <source>备注</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="92" />
      <source>推荐说明</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/employment/placement_dialogs.py" line="68" />
      <source>月收入（元）</source>
      <translation>Monthly income (yuan)</translation>
    </message>
    <message>
      <source>上级单位</source>
      <translation>Parent unit</translation>
    </message>
    <message>
      <source>下一步措施</source>
      <translation>Next action</translation>
    </message>
    <message>
      <source>不能同时享受的资助</source>
      <translation>Aid that excludes this subsidy</translation>
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
      <translation>Major match</translation>
    </message>
    <message>
      <source>举办日期</source>
      <translation>Held on</translation>
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
      <source>人数</source>
      <translation>People</translation>
    </message>
    <message>
      <source>企业</source>
      <translation>Enterprise</translation>
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
      <source>公示</source>
      <translation>Public notice</translation>
    </message>
    <message>
      <source>公示人</source>
      <translation>Posted by</translation>
    </message>
    <message>
      <source>公示天数</source>
      <translation>Days of public notice</translation>
    </message>
    <message>
      <source>公示开始日期</source>
      <translation>Notice starts on</translation>
    </message>
    <message>
      <source>公示结束日期</source>
      <translation>Notice ends on</translation>
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
      <source>协作方</source>
      <translation>Pairing partner</translation>
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
      <source>县审定日期</source>
      <translation>County approved on</translation>
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
      <source>参加学校</source>
      <translation>Schools taking part</translation>
    </message>
    <message>
      <source>发布日期</source>
      <translation>Posted on</translation>
    </message>
    <message>
      <source>发放失败原因</source>
      <translation>Reason payment failed</translation>
    </message>
    <message>
      <source>发放批次</source>
      <translation>Payment batch</translation>
    </message>
    <message>
      <source>发放日期</source>
      <translation>Paid on</translation>
    </message>
    <message>
      <source>发放表列</source>
      <translation>Payment sheet columns</translation>
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
      <source>可申请学校类型</source>
      <translation>Eligible school types</translation>
    </message>
    <message>
      <source>可申请学籍状态</source>
      <translation>Eligible registry statuses</translation>
    </message>
    <message>
      <source>可申请户类型</source>
      <translation>Eligible household types</translation>
    </message>
    <message>
      <source>合作协议</source>
      <translation>Agreement</translation>
    </message>
    <message>
      <source>名称</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>回访人</source>
      <translation>Followed up by</translation>
    </message>
    <message>
      <source>回访月份</source>
      <translation>Follow-up month</translation>
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
      <source>处理日期</source>
      <translation>Resolved on</translation>
    </message>
    <message>
      <source>处理结果</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <source>处理说明</source>
      <translation>Outcome note</translation>
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
      <source>学校</source>
      <translation>School</translation>
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
      <source>完成日期</source>
      <translation>Done on</translation>
    </message>
    <message>
      <source>完成期限</source>
      <translation>Due on</translation>
    </message>
    <message>
      <source>宣传人</source>
      <translation>Held by</translation>
    </message>
    <message>
      <source>宣传内容</source>
      <translation>Campaign topic</translation>
    </message>
    <message>
      <source>宣传时点</source>
      <translation>Moment</translation>
    </message>
    <message>
      <source>宣传活动</source>
      <translation>Campaign</translation>
    </message>
    <message>
      <source>导出日期</source>
      <translation>Exported on</translation>
    </message>
    <message>
      <source>就业单位</source>
      <translation>Employer</translation>
    </message>
    <message>
      <source>就业地域</source>
      <translation>Job region</translation>
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
      <source>就业记录</source>
      <translation>Employment entry</translation>
    </message>
    <message>
      <source>岗位</source>
      <translation>Job</translation>
    </message>
    <message>
      <source>已享受的其他资助</source>
      <translation>Other aid received</translation>
    </message>
    <message>
      <source>已提供</source>
      <translation>Provided</translation>
    </message>
    <message>
      <source>帮扶协作</source>
      <translation>Pairing</translation>
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
      <source>建立人</source>
      <translation>Created by</translation>
    </message>
    <message>
      <source>建立日期</source>
      <translation>Created on</translation>
    </message>
    <message>
      <source>开始日期</source>
      <translation>Starts on</translation>
    </message>
    <message>
      <source>开户行</source>
      <translation>Bank</translation>
    </message>
    <message>
      <source>异议内容</source>
      <translation>Objection</translation>
    </message>
    <message>
      <source>性别</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>总金额</source>
      <translation>Total amount</translation>
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
      <source>意向地域</source>
      <translation>Wanted region</translation>
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
      <source>意向行业</source>
      <translation>Wanted industry</translation>
    </message>
    <message>
      <source>截止日期</source>
      <translation>Closes on</translation>
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
      <source>所属单位</source>
      <translation>Unit</translation>
    </message>
    <message>
      <source>所属县</source>
      <translation>County</translation>
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
      <source>批次号</source>
      <translation>Batch number</translation>
    </message>
    <message>
      <source>承诺事项</source>
      <translation>Follow-up</translation>
    </message>
    <message>
      <source>技能等级</source>
      <translation>Skill level</translation>
    </message>
    <message>
      <source>招聘人数</source>
      <translation>Openings</translation>
    </message>
    <message>
      <source>招聘会</source>
      <translation>Job fairs</translation>
    </message>
    <message>
      <source>推荐</source>
      <translation>Refer</translation>
    </message>
    <message>
      <source>推荐人</source>
      <translation>Referred by</translation>
    </message>
    <message>
      <source>推荐日期</source>
      <translation>Referred on</translation>
    </message>
    <message>
      <source>提出人</source>
      <translation>Raised by</translation>
    </message>
    <message>
      <source>提出日期</source>
      <translation>Raised on</translation>
    </message>
    <message>
      <source>支持措施</source>
      <translation>Support promised</translation>
    </message>
    <message>
      <source>收款人</source>
      <translation>Payee</translation>
    </message>
    <message>
      <source>收款账号</source>
      <translation>Payee account</translation>
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
      <source>是否到场</source>
      <translation>Came</translation>
    </message>
    <message>
      <source>是否在岗</source>
      <translation>Still in the job</translation>
    </message>
    <message>
      <source>月收入</source>
      <translation>Monthly income</translation>
    </message>
    <message>
      <source>月薪上限</source>
      <translation>Highest monthly pay</translation>
    </message>
    <message>
      <source>月薪下限</source>
      <translation>Lowest monthly pay</translation>
    </message>
    <message>
      <source>有意愿就读职业院校</source>
      <translation>Wants to attend vocational school</translation>
    </message>
    <message>
      <source>期望月收入</source>
      <translation>Wanted monthly income</translation>
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
      <source>核对人</source>
      <translation>Checked by</translation>
    </message>
    <message>
      <source>核对日期</source>
      <translation>Checked on</translation>
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
      <source>每年岗位数</source>
      <translation>Places per year</translation>
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
      <source>版本</source>
      <translation>Version</translation>
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
      <source>申请开始日期</source>
      <translation>Applications open on</translation>
    </message>
    <message>
      <source>申请截止日期</source>
      <translation>Applications close on</translation>
    </message>
    <message>
      <source>申请日期</source>
      <translation>Applied on</translation>
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
      <source>签订日期</source>
      <translation>Signed on</translation>
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
      <translation>Ends on</translation>
    </message>
    <message>
      <source>结果导入日期</source>
      <translation>Result imported on</translation>
    </message>
    <message>
      <source>统一社会信用代码</source>
      <translation>Unified social credit code</translation>
    </message>
    <message>
      <source>编码</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>职业目标</source>
      <translation>Career goal</translation>
    </message>
    <message>
      <source>联审意见</source>
      <translation>Joint review opinions</translation>
    </message>
    <message>
      <source>联审部门</source>
      <translation>Joint reviewers</translation>
    </message>
    <message>
      <source>联系人</source>
      <translation>Contact</translation>
    </message>
    <message>
      <source>联系电话</source>
      <translation>Contact phone</translation>
    </message>
    <message>
      <source>行业</source>
      <translation>Industry</translation>
    </message>
    <message>
      <source>补助申请</source>
      <translation>Subsidy application</translation>
    </message>
    <message>
      <source>补助金额</source>
      <translation>Subsidy amount</translation>
    </message>
    <message>
      <source>补贴项目</source>
      <translation>Subsidy item</translation>
    </message>
    <message>
      <source>规划阶段</source>
      <translation>Plan stage</translation>
    </message>
    <message>
      <source>规则版本</source>
      <translation>Rule version</translation>
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
      <source>证明材料清单</source>
      <translation>Evidence checklist</translation>
    </message>
    <message>
      <source>诉求</source>
      <translation>Requests</translation>
    </message>
    <message>
      <source>走访</source>
      <translation>Visits</translation>
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
      <translation>Moved to</translation>
    </message>
    <message>
      <source>迁出地</source>
      <translation>Moved from</translation>
    </message>
    <message>
      <source>退回原因</source>
      <translation>Reason for return</translation>
    </message>
    <message>
      <source>邀请日期</source>
      <translation>Invited on</translation>
    </message>
    <message>
      <source>附件</source>
      <translation>Attachment</translation>
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
      <location filename="../../yulu_desktop/ui/models.py" line="408" />
      <source>匹配：{0}</source>
      <translation>Matched: {0}</translation>
    </message>
  </context>
  <context>
    <name>window</name>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/menu.py" line="34" />
      <source>修改密码…</source>
      <translation>Change passphrase…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/menu.py" line="37" />
      <source>恢复密钥…</source>
      <translation>Recovery key…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/menu.py" line="40" />
      <source>交接本机…</source>
      <translation>Hand over this computer…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/passphrase/menu.py" line="57" />
      <source>密码已修改</source>
      <translation>Passphrase changed</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/menu.py" line="59" />
      <source>连接县服务器…</source>
      <translation>Connect to the county server…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/menu.py" line="63" />
      <source>我的信息…</source>
      <translation>My information…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/menu.py" line="65" />
      <source>设置…</source>
      <translation>Settings…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/menu.py" line="69" />
      <source>帮助(&amp;H)</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/menu.py" line="71" />
      <source>帮助</source>
      <translation>Help</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/setup/menu.py" line="74" />
      <source>关于雨露…</source>
      <translation>About Yulu…</translation>
    </message>
  </context>
</TS>