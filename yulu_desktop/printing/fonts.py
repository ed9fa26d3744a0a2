"""The CJK font of every printed document, registered once with reportlab.

reportlab embeds a TrueType font as a subset (only the glyphs used), so a PDF prints the same on a computer
without the font and stays small. The shipped file is a TrueType collection; its first face is Micro Hei.
"""

from __future__ import annotations

import threading

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from yulu_desktop.paths import font_path

#: The name documents use for the font; bold is the same face (Micro Hei has no bold).
FONT = "WQYMicroHei"

_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the font with reportlab (idempotent, thread-safe) and return its name.

    Loading the 5 MB collection takes a fifth of a second, so it is done once per process.
    """
    global _registered
    if _registered:
        return FONT
    with _lock:
        if not _registered:
            pdfmetrics.registerFont(TTFont(FONT, str(font_path()), subfontIndex=0))
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT, bold, italic, FONT)
            # ASCII85 makes every stream a quarter bigger and only helps 7-bit mail transports; this
            # process's reportlab documents are all ours, so turn it off globally.
            rl_config.useA85 = 0
            _registered = True
    return FONT
