"""Screenshots of 修改密码, 恢复密钥, 忘记密码 (both ways) and 交接本机 on the demo database; at QT_SCALE_FACTOR=1.25
the names end in -125."""

from __future__ import annotations

import os
from typing import Any


def capture(shots: Any) -> None:
    from yulu_desktop.ui.dialogs import UnlockDialog
    from yulu_desktop.ui.handover_dialog import HandoverDialog
    from yulu_desktop.ui.passphrase.change_dialog import ChangePassphraseDialog
    from yulu_desktop.ui.passphrase.forgot_dialog import ForgotPassphraseDialog
    from yulu_desktop.ui.passphrase.recovery_dialog import RecoveryKeyDialog

    suffix = "-125" if os.environ.get("QT_SCALE_FACTOR", "1") not in ("1", "1.0", "") else ""
    window, worker = shots.window, shots.worker
    screen = window.screen().availableGeometry().size()

    def save(dialog: Any, name: str) -> None:
        shots.wait(200)
        shots.save(dialog, f"{name}{suffix}")
        print("   size", dialog.width(), "x", dialog.height(), "screen", screen)

    change = ChangePassphraseDialog(worker, window)
    change.show()
    change.old.setText("Hongyan-2025")
    change.new.setText("Hongyan-2026")
    change.repeat.setText("Hongyan-2027")
    change.submit()
    save(change, "passphrase-change")
    change.reject()

    recovery = RecoveryKeyDialog(worker, window)
    recovery.show()
    recovery.make()
    shots.settle()
    save(recovery, "passphrase-recovery-key")
    recovery.reject()

    unlock = UnlockDialog(worker, shots.database)
    unlock.show()
    save(unlock, "passphrase-unlock")
    forgot = ForgotPassphraseDialog(worker, shots.database, unlock)
    forgot.show()
    forgot.code.setText("7KQ4-ABCD")
    save(forgot, "passphrase-forgot-key")
    forgot.tabs.setCurrentIndex(1)
    forgot.server.setText("https://192.168.1.10:8443")
    forgot.release.setText("K7M2QX-4RTP-9WNB-")
    save(forgot, "passphrase-forgot-county")
    forgot.reject()
    unlock.reject()

    handover = HandoverDialog(worker, getattr(window, "sync", None), window)
    handover.show()
    shots.settle()
    save(handover, "passphrase-handover")
    handover.reject()
