"""帮助 → 帮助 and 关于: a short Chinese help page (first steps, shortcuts, whom to call) and the version, the data
location and the enrollment status."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from yulu_desktop import __version__
from yulu_desktop.services import profile
from yulu_desktop.store.database import Database
from yulu_desktop.ui.i18n import icon


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("帮助"))
        self.setWindowIcon(icon("app"))
        self.resize(640, 560)
        self.text = QTextBrowser()
        self.text.setObjectName("helpText")
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(self.help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def help_html(self) -> str:
        return self.tr(
            "<h3>第一步</h3>"
            "<ol>"
            "<li><b>连接县服务器</b>：菜单“同步 → 连接县服务器…”，填写县乡村振兴局给的服务器地址和一次性注册码。"
            "本村的数据会下载到这台电脑。</li>"
            "<li><b>或导入国家系统导出表</b>：菜单“数据 → 导入 Excel…”，选择防返贫监测系统导出的表格。</li>"
            "<li><b>填写我的信息</b>：菜单“设置 → 我的信息…”，您的姓名会印在走访记录和打印的表格上。</li>"
            "<li><b>设置备份</b>：菜单“设置 → 设置…”选择备份文件夹（可以是U盘）。</li>"
            "</ol>"
            "<h3>常用快捷键</h3>"
            "<table cellpadding='3'>"
            "<tr><td>Ctrl+1、Ctrl+2 …</td><td>切换工具栏上的页面</td></tr>"
            "<tr><td>Ctrl+F</td><td>搜索姓名、拼音、证件尾号、户编号</td></tr>"
            "<tr><td>Ctrl+Shift+N</td><td>新增走访</td></tr>"
            "<tr><td>Ctrl+B</td><td>雨露计划补助（申请、公示、审核、发放）</td></tr><tr><td>Ctrl+J</td><td>雨露计划就业（岗位、招聘会、未就业清单、统计）</td></tr>"
            "<tr><td>Ctrl+Enter</td><td>保存当前表单</td></tr>"
            "<tr><td>F5</td><td>立即同步（未连接时打开“连接县服务器”）</td></tr>"
            "<tr><td>Ctrl+L</td><td>立即锁定</td></tr>"
            "<tr><td>F1</td><td>打开本帮助</td></tr>"
            "</table>"
            "<h3>数据安全</h3>"
            "<p>数据加密保存在本机，每次保存都立即写入，断电也不会丢失已保存的内容。联网时会自动发送到县里。"
            "请牢记数据库密码，并把创建数据库时显示的恢复密钥打印或抄下收好；忘记密码时在打开窗口点“忘记密码？”，用恢复密钥或请县里解锁。</p>"
            "<h3>遇到问题找谁</h3>"
            "<p>请联系县乡村振兴局（农业农村局）负责雨露计划的同志，或乡镇经办人员。"
            "联系时请说明菜单“帮助 → 关于”中显示的版本号和本机注册状态。</p>"
        )


def about_text(db: Database | None, database_path: str) -> str:
    """关于 in plain text lines (version, data location, enrollment status)."""

    lines = [
        QCoreApplication.translate("AboutDialog", "雨露计划+ 工作台 {0}").format(__version__),
        QCoreApplication.translate("AboutDialog", "数据位置：{0}").format(database_path),
    ]
    if db is not None:
        from yulu_desktop.sync import local  # the sync protocol (pydantic): loaded when 关于 is opened

        with db.read_connection() as conn:
            state = local.read_state(conn)
            me = profile.profile_of(conn)
        if state.enrolled:
            lines.append(
                QCoreApplication.translate("AboutDialog", "注册状态：已连接县服务器 {0}").format(
                    state.server_url
                )
            )
            lines.append(
                QCoreApplication.translate("AboutDialog", "本机属于：{0}（{1}），管辖范围：{2}").format(
                    me.name, QCoreApplication.translate("AboutDialog", me.role), me.unit_name
                )
            )
            if state.last_sync_at is not None:
                lines.append(
                    QCoreApplication.translate("AboutDialog", "上次同步：{0}").format(
                        f"{state.last_sync_at.astimezone():%Y-%m-%d %H:%M}"
                    )
                )
        else:
            lines.append(QCoreApplication.translate("AboutDialog", "注册状态：尚未连接县服务器"))
        lines.append(QCoreApplication.translate("AboutDialog", "本机编号：{0}").format(state.device_id))
    return "\n".join(lines)


class AboutDialog(QDialog):
    def __init__(self, db: Database | None, database_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于雨露"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(520)
        self.label = QLabel(about_text(db, database_path))
        self.label.setObjectName("aboutText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(buttons)
