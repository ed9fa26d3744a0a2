"""The person window moved to the package ``yulu_desktop.ui.person`` (one module per tab); this name stays for
the code and tests that import it from here."""

from yulu_desktop.ui.person.window import PersonWindow

__all__ = ["PersonWindow"]
