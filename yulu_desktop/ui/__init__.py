"""The desktop UI (PySide6). Importing it first repairs what this PySide6 gets wrong (ui/pyside_fixes.py)."""

from yulu_desktop.ui import pyside_fixes

pyside_fixes.install()
