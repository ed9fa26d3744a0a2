"""Screenshots of 备份 and 从备份恢复 on the demo database: the backup dialog when done, the restore dialog with a
backup chosen, and a refused backup of another county; at QT_SCALE_FACTOR=1.25 the names end in -125."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def capture(shots: Any) -> None:
    from yulu_desktop.services import backup
    from yulu_desktop.ui.backup.backup_dialog import BackupDialog
    from yulu_desktop.ui.backup.restore_dialog import RestoreDialog

    suffix = "-125" if os.environ.get("QT_SCALE_FACTOR", "1") not in ("1", "1.0", "") else ""
    window, db = shots.window, shots.worker.database
    usb = Path(shots.home) / "U盘"
    usb.mkdir(exist_ok=True)
    backup.auto_back_up(db, 7)

    dialog = BackupDialog(db, shots.settings, window, actor="张书记")
    dialog.folder.setText(str(usb))
    dialog.show()
    shots.wait(200)
    shots.save(dialog, f"backup-dialog{suffix}")
    dialog.start()
    while dialog.task is not None and dialog.task.running:
        shots.wait(100)
    shots.wait(200)
    shots.save(dialog, f"backup-done{suffix}")
    dialog.reject()
    made = dialog.backup_result
    assert made is not None

    restore = RestoreDialog(db.path, window)
    restore.expect_county(backup.current_county(db))
    restore.warn_unsent(backup.unsent_changes(db))
    restore.show()
    restore.list.setCurrentRow(1)  # the backup just made on the USB stick
    restore.passphrase.setText("yulu-demo-2025")
    shots.wait(200)
    shots.save(restore, f"restore-dialog{suffix}")
    restore.reject()

    first_start = RestoreDialog(Path(shots.home) / "new-laptop" / "yulu.db", window)
    first_start.show()
    shots.wait(200)
    shots.save(first_start, f"restore-first-start{suffix}")
    first_start.reject()
