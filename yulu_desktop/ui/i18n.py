"""Translations, the bundled CJK font and icons.

Source strings in the code are Simplified Chinese (the language of every user and of the domain's own labels),
so the application is Chinese even without any translation file; ``resources/translations/yulu_en.ts`` holds the
English translation. ``.qm`` files are build products (gitignored): ``compile_translations()`` runs
``pyside6-lrelease`` when one is missing or older than its ``.ts`` — at build time (``tools/build_translations.py``,
``build.spec``) and, as a fallback, at startup from a checkout.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from yulu_desktop.paths import font_path, resources_dir

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


#: Qt's translate under a name pyside6-lupdate reads: ``translate("Context", "text")`` calls with a literal text
#: land in ``yulu_en.ts``. (A wrapper that takes the text as a variable hides it from lupdate, and the English UI
#: then shows Chinese: ``tests/ui/test_translations_complete.py`` fails on one.)
translate = QCoreApplication.translate


def translations_dir() -> Path:
    return resources_dir() / "translations"


def _lrelease() -> list[str] | None:
    found = shutil.which("pyside6-lrelease")
    if found:
        return [found]
    try:
        import PySide6

        candidate = Path(PySide6.__file__).parent / (
            "lrelease.exe" if sys.platform == "win32" else "lrelease"
        )
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        return None
    return [str(candidate)] if candidate.exists() else None


def compile_translations(directory: Path | None = None) -> list[Path]:
    """Compile every ``.ts`` whose ``.qm`` is missing or stale; returns the ``.qm`` files that exist afterwards."""
    directory = directory or translations_dir()
    compiled: list[Path] = []
    for ts in sorted(directory.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            tool = _lrelease()
            if tool is None:
                log.warning("pyside6-lrelease not found; %s stays uncompiled", ts.name)
                continue
            subprocess.run([*tool, "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True)
        if qm.exists():
            compiled.append(qm)
    return compiled


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Qt's own strings (dialog buttons) and ours, for ``language``; returns the translators to keep alive."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {', '.join(LANGUAGES)}")
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        if language == "zh_CN"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    )
    translators: list[QTranslator] = []
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", qt_translations) or qt_own.load(
        f"qtbase_{language}", str(translations_dir())
    ):
        app.installTranslator(qt_own)
        translators.append(qt_own)
    if language != "zh_CN":
        try:
            compile_translations()
        except (
            OSError,
            subprocess.CalledProcessError,
        ) as exc:  # a read-only install still starts, in Chinese
            log.warning("could not compile translations: %s", exc)
        ours = QTranslator(app)
        if ours.load(f"yulu_{language}", str(translations_dir())):
            app.installTranslator(ours)
            translators.append(ours)
        else:
            log.warning("translation yulu_%s not found in %s", language, translations_dir())
    return translators


def register_font(app: QApplication) -> str | None:
    """Register the bundled WenQuanYi Micro Hei and make it the application font; returns its family."""
    font_id = QFontDatabase.addApplicationFont(str(font_path()))
    if font_id < 0:
        log.warning("could not load the bundled font %s", font_path())
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    font = QFont(families[0])
    font.setPointSize(10)
    app.setFont(font)
    return families[0]


def icon(name: str) -> QIcon:
    """An icon from ``resources/icons/<name>.svg``."""
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))
