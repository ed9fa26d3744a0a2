"""Every Chinese string the UI shows through ``tr()`` has an English translation in ``yulu_en.ts``."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "yulu_en.ts"


def _untranslated(ts: Path) -> list[str]:
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in {"vanished", "obsolete"}:
                continue
            if kind == "unfinished" or translation is None or not (translation.text or "").strip():
                missing.append(f"{context.findtext('name')}: {message.findtext('source')}")
    return missing


def test_the_english_translation_has_no_unfinished_entries() -> None:
    assert _untranslated(TS) == []


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate is not installed")
def test_every_tr_string_in_the_ui_is_in_the_translation(tmp_path: Path) -> None:
    ts = tmp_path / "yulu_en.ts"
    shutil.copy(TS, ts)
    sources = sorted(str(p) for p in (ROOT / "yulu_desktop" / "ui").rglob("*.py"))
    subprocess.run(
        ["pyside6-lupdate", *sources, "-ts", str(ts), "-source-language", "zh_CN", "-target-language", "en"],
        check=True,
        capture_output=True,
    )
    assert _untranslated(ts) == [], "run: python tools/build_translations.py --update, then add the English"


def test_no_ui_module_hides_its_texts_from_lupdate() -> None:
    """A wrapper such as ``def _tr(text): return QCoreApplication.translate("Page", text)`` keeps every text
    its callers pass out of ``yulu_en.ts`` (pyside6-lupdate reads only literal ``translate("Page", "…")`` and
    ``tr("…")`` calls), so the English UI showed those texts in Chinese. Call ``translate("Page", "…")``."""
    wrapper = re.compile(
        r"def \w+\((\w+): str\) -> str:\s*\n\s*return QCoreApplication\.translate\(\"\w*\", \1\)"
    )
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "yulu_desktop" / "ui").rglob("*.py"))
        if wrapper.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
