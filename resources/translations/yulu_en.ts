<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>ChooseFilePage</name>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="61" />
      <source>选择要导入的文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="62" />
      <source>支持 .xlsx、.xls、.csv；表头可以不在第一行。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="65" />
      <source>浏览…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="74" />
      <source>文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="75" />
      <source>表格类型</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="80" />
      <source>选择表格</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="80" />
      <source>表格 (*.xlsx *.xls *.csv);;所有文件 (*)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>DbWorker</name>
    <message>
      <location filename="../../yulu_desktop/ui/worker.py" line="182" />
      <source>操作失败：{0}</source>
      <extracomment>A YuluError (Chinese message) or an unexpected error no callback handled. Entity names changed by a write ("person", "visit", …). No operation is queued or running. An operation finished (after its callbacks ran).</extracomment>
      <translation>Failed: {0}</translation>
    </message>
  </context>
  <context>
    <name>FirstRunDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="78" />
      <source>创建雨露数据库</source>
      <extracomment>Households of demo data offered on first run.</extracomment>
      <translation>Create the Yulu database</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="83" />
      <source>这是第一次在这台电脑上使用雨露。数据将加密保存在：
{0}
请设置数据库密码。密码不会保存在任何地方，忘记密码将无法打开数据。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="100" />
      <source>填入演示数据（{0} 户，用于熟悉软件）</source>
      <translation>Fill in demo data ({0} households, to get to know the app)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="102" />
      <source>密码</source>
      <translation>Passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="103" />
      <source>再次输入</source>
      <translation>Again</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="107" />
      <source>创建</source>
      <translation>Create</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="124" />
      <source>至少 8 个字符；越长越安全，可以用一句好记的话</source>
      <translation>At least 8 characters; longer is safer, a memorable sentence works</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="126" />
      <source>密码强度：{0}</source>
      <translation>Strength: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="130" />
      <source>两次输入的密码不一致</source>
      <translation>The passphrases differ</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="141" />
      <source>正在创建加密数据库…</source>
      <translation>Creating the encrypted database…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="141" />
      <source>正在创建数据库并生成演示数据…</source>
      <translation>Creating the database and demo data…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="153" />
      <source>创建失败：{0}</source>
      <translation>Could not create: {0}</translation>
    </message>
  </context>
  <context>
    <name>ImportPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="154" />
      <source>导入</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="158" />
      <source>取消导入</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="170" />
      <source>正在导入……</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ImportWizard</name>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="197" />
      <source>导入表格</source>
      <extracomment>The preview or import job finished (report or error), for tests and the main window.</extracomment>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="240" />
      <source>有问题的行已另存为：{0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="249" />
      <source>已取消，没有写入任何数据。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="251" />
      <source>导入失败：{0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="277" />
      <source>正在检查…… 已读取 {0} 行</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="282" />
      <source>正在写入 {0}/{1} 行……</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="285" />
      <source>正在读取 {0} 行……</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ListPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="67" />
      <source>筛选：姓名、拼音、户编号</source>
      <extracomment>Delay between the last keystroke in the filter box and the query (typing a word sends one query). Entities whose change can alter a list (the list reloads when the worker reports them). Data changed while the page was hidden; it reloads when shown.</extracomment>
      <translation>Filter: name, pinyin, household no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="79" />
      <source>显示列</source>
      <translation>Columns</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="98" />
      <location filename="../../yulu_desktop/ui/list_page.py" line="215" />
      <source>全部学期</source>
      <translation>All terms</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="100" />
      <source>学期</source>
      <translation>Term</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="103" />
      <source>只看待办承诺</source>
      <translation>Open follow-ups only</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="105" />
      <source>标记办结</source>
      <translation>Mark done</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="108" />
      <source>新增走访</source>
      <translation>New visit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="110" />
      <source>新增走访 (Ctrl+N)</source>
      <translation>New visit (Ctrl+N)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="153" />
      <source>户</source>
      <translation>Households</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="153" />
      <source>人</source>
      <translation>People</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="153" />
      <source>条</source>
      <translation>entries</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="155" />
      <source>正在读取…</source>
      <translation>Loading…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/list_page.py" line="157" />
      <source>共 {0} {1}</source>
      <translation>{0} {1}</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="56" />
      <source>雨露计划+ 工作台</source>
      <extracomment>Pages in toolbar order: list kind, icon. The first page has shown its first rows (the window is interactive).</extracomment>
      <translation>Yulu Plan+ Workbench</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="60" />
      <source>意愿清单</source>
      <translation>Intents</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="61" />
      <source>在读学生清单</source>
      <translation>Students</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="62" />
      <source>毕业生去向清单</source>
      <translation>Graduates</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="63" />
      <location filename="../../yulu_desktop/ui/main_window.py" line="71" />
      <source>户</source>
      <translation>Households</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="64" />
      <location filename="../../yulu_desktop/ui/main_window.py" line="72" />
      <source>人</source>
      <translation>People</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="65" />
      <source>走访</source>
      <translation>Visits</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="68" />
      <source>入读职业院校意愿清单</source>
      <translation>Vocational school intent list</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="69" />
      <source>雨露计划在读学生清单</source>
      <translation>Yulu students list</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="70" />
      <source>雨露计划毕业生就业去向清单</source>
      <translation>Yulu graduate destinations</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="73" />
      <source>走访（待办承诺在前）</source>
      <translation>Visits (open follow-ups first)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="79" />
      <source>页面</source>
      <translation>Pages</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="102" />
      <source>新增走访</source>
      <translation>New visit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="111" />
      <source>搜索姓名、拼音、证件尾号、户编号</source>
      <translation>Search name, pinyin, ID tail, household no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="112" />
      <source>姓名、全拼或首字母（zk 找张坤）、身份证后几位、户编号、手机号 (Ctrl+F)</source>
      <translation>Name, full pinyin or initials (zk finds 张坤), last digits of an ID, household no., phone (Ctrl+F)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="143" />
      <source>上次同步：未配置同步</source>
      <translation>Last sync: sync not configured</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="145" />
      <source>连接：未配置同步</source>
      <translation>Connection: sync not configured</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="149" />
      <source>数据库：{0}</source>
      <translation>Database: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="235" />
      <source>待同步：{0} 条</source>
      <translation>Pending changes: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="275" />
      <source>走访已保存</source>
      <translation>Visit saved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/main_window.py" line="286" />
      <source>已标记办结</source>
      <translation>Marked done</translation>
    </message>
  </context>
  <context>
    <name>OrgTreeModel</name>
    <message>
      <location filename="../../yulu_desktop/ui/models.py" line="216" />
      <source>行政区划</source>
      <translation>Area</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/models.py" line="223" />
      <source>全部</source>
      <translation>All</translation>
    </message>
  </context>
  <context>
    <name>PersonWindow</name>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="118" />
      <source>一人一档</source>
      <extracomment>Fields that are masked until the user asks to see them (and that is audited).</extracomment>
      <translation>Person file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="121" />
      <source>正在读取…</source>
      <translation>Loading…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="131" />
      <source>查看完整身份证号和手机号</source>
      <translation>Show full ID number and phone</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="132" />
      <source>查看完整信息会记入审计日志</source>
      <translation>Viewing full details is audited</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="149" />
      <source>基本信息</source>
      <translation>Basic data</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="156" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="156" />
      <source>与户主关系</source>
      <translation>Relationship</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="156" />
      <source>性别</source>
      <translation>Sex</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="156" />
      <source>出生日期</source>
      <translation>Born</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="156" />
      <source>身份证号</source>
      <translation>ID number</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="157" />
      <source>在校生状况</source>
      <translation>Student status</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="157" />
      <source>手机号</source>
      <translation>Mobile</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="164" />
      <source>户和家庭成员</source>
      <translation>Household</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="168" />
      <source>学年</source>
      <translation>School year</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="168" />
      <location filename="../../yulu_desktop/ui/person_window.py" line="182" />
      <source>学期</source>
      <translation>Term</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="168" />
      <source>学校名称</source>
      <translation>School</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="168" />
      <source>学校类型</source>
      <translation>School type</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="168" />
      <source>专业</source>
      <translation>Major</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="169" />
      <source>年级</source>
      <translation>Grade</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="169" />
      <source>学籍号</source>
      <translation>Registry no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="169" />
      <source>学籍状态</source>
      <translation>Registry status</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="171" />
      <source>登记日期</source>
      <translation>Recorded</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="171" />
      <source>有意愿就读</source>
      <translation>Wants to enrol</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="171" />
      <source>意向学校类型</source>
      <translation>School type wanted</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="171" />
      <source>意向学校</source>
      <translation>School wanted</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="172" />
      <source>意向专业</source>
      <translation>Major wanted</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="172" />
      <source>预计入学年份</source>
      <translation>Expected year</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="172" />
      <location filename="../../yulu_desktop/ui/person_window.py" line="187" />
      <source>情况记录</source>
      <translation>Notes</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="175" />
      <source>学籍（按学期）</source>
      <translation>Schooling by semester</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="177" />
      <source>入读职业院校意愿</source>
      <translation>Vocational school intent</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="179" />
      <source>学籍</source>
      <translation>Schooling</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="182" />
      <source>补助金额（元）</source>
      <translation>Amount (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="182" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="182" />
      <source>申请日期</source>
      <translation>Applied</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="182" />
      <source>收款人</source>
      <translation>Payee</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="183" />
      <source>收款账号</source>
      <translation>Account</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="183" />
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="184" />
      <source>补助</source>
      <translation>Subsidies</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="187" />
      <source>走访日期</source>
      <translation>Visit date</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="187" />
      <source>走访方式</source>
      <translation>Mode</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="187" />
      <source>走访目的</source>
      <translation>Purpose</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="187" />
      <source>走访人</source>
      <translation>Visitor</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="188" />
      <source>承诺事项</source>
      <translation>Follow-up</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="188" />
      <source>办结期限</source>
      <translation>Due</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="188" />
      <source>办结日期</source>
      <translation>Done on</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="191" />
      <source>为该户新增走访</source>
      <translation>New visit to this household</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="195" />
      <source>走访记录</source>
      <translation>Visits</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="198" />
      <source>类别</source>
      <translation>Kind</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="198" />
      <source>名称</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="198" />
      <source>培训机构</source>
      <translation>Provider</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="198" />
      <source>开始日期</source>
      <translation>Start</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="198" />
      <source>结束日期</source>
      <translation>End</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="199" />
      <source>证书编号</source>
      <translation>Certificate no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="199" />
      <source>证书等级</source>
      <translation>Level</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="200" />
      <source>培训与证书</source>
      <translation>Training</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="204" />
      <source>变更日期</source>
      <translation>Effective</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="204" />
      <source>去向</source>
      <translation>Destination</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="204" />
      <source>就业单位</source>
      <translation>Employer</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="204" />
      <source>岗位</source>
      <translation>Job</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="204" />
      <source>就业地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="205" />
      <source>月收入（元）</source>
      <translation>Monthly income (yuan)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="205" />
      <source>就业渠道</source>
      <translation>Channel</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="205" />
      <source>变更原因</source>
      <translation>Reason for change</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="205" />
      <source>信息来源</source>
      <translation>Source</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="206" />
      <source>记录时间</source>
      <translation>Recorded at</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="210" />
      <source>记录去向变化</source>
      <translation>Record a change</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="212" />
      <source>新的去向变化（保存后不能修改，只能再追加）</source>
      <translation>New change (cannot be edited once saved; append another)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="218" />
      <source>就业去向历史（每次变化都保留）</source>
      <translation>Employment history (every change kept)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="221" />
      <source>就业去向</source>
      <translation>Employment</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="229" />
      <source>添加附件…</source>
      <translation>Add attachment…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="231" />
      <source>选择附件以预览</source>
      <translation>Select an attachment to preview</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="237" />
      <source>附件类型</source>
      <translation>Kind</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="246" />
      <source>附件</source>
      <translation>Attachments</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="248" />
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="249" />
      <source>保存基本信息 (Ctrl+S)</source>
      <translation>Save basic data (Ctrl+S)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="253" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="281" />
      <source>一人一档 - {0}</source>
      <translation>Person file - {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="286" />
      <source>{0}岁</source>
      <translation>{0} years</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="322" />
      <source>是</source>
      <translation>yes</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="322" />
      <source>否</source>
      <translation>no</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="353" />
      <source>附件 ({0})</source>
      <translation>Attachments ({0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="354" />
      <source>就业去向 ({0})</source>
      <translation>Employment ({0})</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="408" />
      <location filename="../../yulu_desktop/ui/person_window.py" line="488" />
      <location filename="../../yulu_desktop/ui/person_window.py" line="595" />
      <source>请先改正标红的内容</source>
      <translation>Please correct the fields in red first</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="419" />
      <source>已保存</source>
      <translation>Saved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="436" />
      <source>未保存：{0}</source>
      <translation>Not saved: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="438" />
      <source>未保存</source>
      <translation>Not saved</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="500" />
      <source>已记录去向变化</source>
      <translation>Change recorded</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="518" />
      <source>选择扫描件或照片</source>
      <translation>Choose a scan or photo</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="519" />
      <source>图片和文档 (*.jpg *.jpeg *.png *.bmp *.pdf);;所有文件 (*)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="528" />
      <source>无法读取文件：{0}</source>
      <translation>Cannot read the file: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="536" />
      <source>已添加附件 {0}</source>
      <translation>Attachment {0} added</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="547" />
      <source>此类文件不能预览</source>
      <translation>No preview for this kind of file</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="561" />
      <source>图片无法显示</source>
      <translation>The image cannot be shown</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="583" />
      <source>未保存的修改</source>
      <translation>Unsaved changes</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/person_window.py" line="584" />
      <source>{0}的档案有未保存的修改。是否保存？</source>
      <translation>The file of {0} has unsaved changes. Save them?</translation>
    </message>
  </context>
  <context>
    <name>PreviewPage</name>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="97" />
      <source>预览</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="98" />
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="117" />
      <source>正在检查……</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="102" />
      <source>行</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="102" />
      <source>列</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="102" />
      <source>问题</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/import_wizard.py" line="106" />
      <source>跳过有问题的行，只导入没有问题的行（有问题的行另存为表格，可改正后再导入）</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ReconcilePage</name>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="56" />
      <source>与国家系统核对</source>
      <extracomment>The comparison finished (the report), or failed (None).</extracomment>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="57" />
      <source>选择国家系统导出表并核对…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="59" />
      <source>保存核对报告…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="62" />
      <source>选择从全国防返贫监测信息系统导出的表格，与雨露中的数据逐人核对。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="76" />
      <source>选择国家系统导出表</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="76" />
      <source>表格 (*.xlsx *.xls *.csv);;所有文件 (*)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="83" />
      <source>正在核对 {0} ……</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="92" />
      <source>核对失败：{0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="104" />
      <source>行政村</source>
      <translation>Village</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="105" />
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="133" />
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="155" />
      <source>户编号</source>
      <translation>Household no.</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="106" />
      <source>人编号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="107" />
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="134" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="108" />
      <source>证件号码</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="123" />
      <source>仅在国家系统 ({0})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="127" />
      <source>仅在雨露 ({0})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="132" />
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="165" />
      <source>原表行号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="135" />
      <source>字段</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="136" />
      <source>国家系统</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="137" />
      <source>雨露</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="151" />
      <source>字段不一致 ({0})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="155" />
      <source>仅在国家系统的成员</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="155" />
      <source>仅在雨露的成员</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="161" />
      <source>成员不一致的户 ({0})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="165" />
      <source>问题</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="168" />
      <source>无法核对的行 ({0})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="174" />
      <source>保存核对报告</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/reconcile_page.py" line="174" />
      <source>Excel 工作簿 (*.xlsx)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>UnlockDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="165" />
      <source>打开雨露数据库</source>
      <translation>Open the Yulu database</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="168" />
      <source>数据库：{0}</source>
      <translation>Database: {0}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="177" />
      <source>密码</source>
      <translation>Passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="179" />
      <source>打开</source>
      <translation>Open</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="191" />
      <source>请输入密码</source>
      <translation>Please enter the passphrase</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="197" />
      <source>正在打开…</source>
      <translation>Opening…</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="211" />
      <source>密码不正确，请再试一次（注意大小写和输入法）。</source>
      <translation>Wrong passphrase. Please try again (check Caps Lock and the input method).</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/dialogs.py" line="215" />
      <source>无法打开数据库：{0}</source>
      <translation>Cannot open the database: {0}</translation>
    </message>
  </context>
  <context>
    <name>VisitDialog</name>
    <message>
      <location filename="../../yulu_desktop/ui/visit_dialog.py" line="69" />
      <source>新增走访</source>
      <translation>New visit</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/visit_dialog.py" line="75" />
      <source>输入姓名、拼音首字母、户编号或身份证号后几位，回车选择</source>
      <translation>Type a name, pinyin initials, household no. or ID tail; Enter picks</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/visit_dialog.py" line="77" />
      <source>尚未选择走访户</source>
      <translation>No household chosen yet</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/visit_dialog.py" line="83" />
      <source>走访户</source>
      <translation>Household</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/visit_dialog.py" line="106" />
      <source>保存 (Ctrl+Enter)</source>
      <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/visit_dialog.py" line="127" />
      <source>已选：{0}（{1}）· {2} · 户编号 {3}</source>
      <translation>Chosen: {0} ({1}) · {2} · household {3}</translation>
    </message>
    <message>
      <location filename="../../yulu_desktop/ui/visit_dialog.py" line="156" />
      <source>请先选择走访的户</source>
      <translation>Please choose the household first</translation>
    </message>
  </context>
  <context>
    <name>columns</name>
    <message>
      <location filename="../../yulu_desktop/ui/models.py" line="195" />
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
      <source>出生日期</source>
      <translation>Born</translation>
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
    <name>fields</name>
    <message>
      <location filename="../../yulu_desktop/ui/forms.py" line="135" />
      <source>元</source>
      <translation>yuan</translation>
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
      <translation type="unfinished" />
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
      <translation type="unfinished" />
    </message>
    <message>
      <source>住址</source>
      <translation>Address</translation>
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
      <translation type="unfinished" />
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
      <source>去向</source>
      <translation>Destination</translation>
    </message>
    <message>
      <source>县级审定意见</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>发证日期</source>
      <translation type="unfinished" />
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
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>存在问题</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>学制</source>
      <translation type="unfinished" />
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
      <source>开始日期</source>
      <translation>Start</translation>
    </message>
    <message>
      <source>开户行</source>
      <translation type="unfinished" />
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
      <source>所属村</source>
      <translation type="unfinished" />
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
      <source>文化程度</source>
      <translation>Education</translation>
    </message>
    <message>
      <source>月收入</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>月收入（元）</source>
      <translation>Monthly income (yuan)</translation>
    </message>
    <message>
      <source>有意愿就读职业院校</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>村委会意见</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>村民小组</source>
      <translation>Group</translation>
    </message>
    <message>
      <source>核实人</source>
      <translation type="unfinished" />
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
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <source>申请日期</source>
      <translation>Applied</translation>
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
      <source>结束日期</source>
      <translation>End</translation>
    </message>
    <message>
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>行业</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>补助金额</source>
      <translation type="unfinished" />
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
      <translation type="unfinished" />
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
      <translation type="unfinished" />
    </message>
    <message>
      <source>风险类型</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>风险识别时间</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>search</name>
    <message>
      <location filename="../../yulu_desktop/ui/models.py" line="269" />
      <source>匹配：{0}</source>
      <translation>Matched: {0}</translation>
    </message>
  </context>
</TS>