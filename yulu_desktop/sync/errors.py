"""Errors of the laptop's sync with the county server (shared by the client, attachments and server-address code).

Each carries a Chinese message for the cadre; local work is always kept when one is raised.
"""

from __future__ import annotations

from yulu_desktop.domain.errors import YuluError


class SyncError(YuluError):
    """Sync could not finish; the message says why in Chinese. Local work is always kept."""


class ServerUnreachable(SyncError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "无法连接县服务器——您的数据已保存在本机，联网后会再发送。" + (f"（{detail}）" if detail else "")
        )


class ClientTooOld(SyncError):
    """The server no longer speaks this version: update the app (unsent work stays on the laptop)."""


class DeviceRevoked(SyncError):
    """The county revoked this device: 403 to every request (its journal stays on the laptop)."""

    @classmethod
    def nothing_sent(cls, unsent: int) -> DeviceRevoked:
        """Refused before any change was sent (hello, pull, …): say so, not that the county keeps them."""
        kept = f"本机 {unsent} 条未发送的修改没有发送到县里，仍完整保存在本机。" if unsent else ""
        return cls(f"本设备已被县里停用，不能再同步。{kept}请联系县乡村振兴局。")


class NotEnrolled(SyncError):
    def __init__(self) -> None:
        super().__init__("本机尚未在县服务器注册，请先运行 yulu sync enroll --server 地址 --code 注册码。")
