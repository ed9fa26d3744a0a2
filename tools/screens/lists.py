"""Screenshots of the list pages read page by page (issue 20): students (newest term), visits, graduates and
intents as they open, and the people list scrolled deep (pages loaded after the last row); at QT_SCALE_FACTOR=1.25
the names end in -125."""

from __future__ import annotations

import os
from typing import Any


def capture(shots: Any) -> None:
    suffix = "-125" if os.environ.get("QT_SCALE_FACTOR", "1") not in ("1", "1.0", "") else ""
    window = shots.window
    for kind in ("students", "visits", "graduates", "intents"):
        window.show_page(kind)
        shots.settle()
        shots.save(window, f"lists-{kind}{suffix}")
    window.show_page("people")
    shots.settle()
    page = window.pages["people"]
    for _ in range(4):  # four more pages, each read after the last loaded row
        page.table.scrollToBottom()
        shots.settle()
    page.table.scrollToBottom()
    shots.settle()
    shots.save(window, f"lists-people-deep{suffix}")
