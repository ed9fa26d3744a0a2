"""The recovery key on one A4 page (恢复密钥打印页): the code large and spaced, what it is for, where to keep it.

Drawn directly on a reportlab canvas with the shipped font (``printing.fonts``); the code is the only secret on
the page (no passphrase, no name of the database file's owner beyond what the cadre writes by hand).
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from yulu_desktop.printing.fonts import register_fonts

__all__ = ["render_recovery_sheet"]

_LINES = (
    "这是本机雨露数据库的恢复密钥。忘记密码时，在启动窗口点“忘记密码？”，",
    "选择“用恢复密钥”，输入上面的恢复密钥，再设置新密码，数据不会丢失。",
    "",
    "请妥善保管：锁在抽屉或文件柜里，不要和电脑放在一起，不要拍照发到微信群。",
    "谁拿到这张纸和这台电脑，就能打开里面的数据。",
    "只有最近一次生成的恢复密钥有效；重新生成后，这张纸作废，请销毁。",
    "输入时不区分大小写，短横线和空格可以不输；密钥中没有数字 0、1 和字母 I、O。",
)


def render_recovery_sheet(code: str, *, made_on: date, device: str = "") -> bytes:
    """The PDF of the page for ``code`` (formatted, with dashes)."""
    font = register_fonts()
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4, pageCompression=1)
    page.setTitle("雨露 恢复密钥")
    width, height = A4
    left = 25 * mm
    y = height - 35 * mm
    page.setFont(font, 22)
    page.drawString(left, y, "雨露计划+ 基层工作台 · 恢复密钥")
    y -= 12 * mm
    page.setFont(font, 11)
    page.drawString(left, y, f"生成日期：{made_on:%Y年%m月%d日}" + (f"    设备：{device}" if device else ""))
    y -= 22 * mm
    page.setStrokeColorRGB(0.2, 0.2, 0.2)
    page.roundRect(left, y - 10 * mm, width - 2 * left, 28 * mm, 4 * mm)
    page.setFont("Courier-Bold", 26)
    page.drawCentredString(width / 2, y, "  ".join(code.split("-")))
    y -= 30 * mm
    page.setFont(font, 12)
    for line in _LINES:
        page.drawString(left, y, line)
        y -= 8 * mm
    y -= 12 * mm
    page.setFont(font, 12)
    page.drawString(left, y, "保管人签字：____________________        保管地点：____________________")
    page.showPage()
    page.save()
    return out.getvalue()
