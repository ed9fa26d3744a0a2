"""Work around PySide6 6.12's lost references to ``True``, ``False`` and ``None``.

In PySide6 6.12.0, ``SignalInstance.emit()`` and ``SignalInstance.disconnect()`` return ``True``/``False`` to
Python without taking a reference for the caller (a borrowed reference returned as a new one). Each call made
from Python therefore lowers the reference count of ``True`` (or ``False``) by one. Python 3.11's booleans are
not immortal: after a few thousand signals (a morning's work, or a test session) the count reaches zero during
interpreter finalization and the process aborts with "Fatal Python error: bool_dealloc: deallocating True or
False: bug likely caused by a refcount error in a C extension" — the crash seen on 3 of 5 exits.

:func:`install` checks whether this PySide6 really loses references (by counting before and after a few calls on
a throwaway object) and, only then, wraps the affected methods so that the caller gets the reference it is owed.
A PySide6 without the bug, or a Python whose booleans are immortal (3.12+), is left untouched.

The same PySide6 returns ``None`` from every void method (``setText``, ``setItem``, ``QBarSet.append`` …)
without a reference for the caller: each call from Python lowers ``None``'s count by one, and a few thousand
calls (one redraw of a county's dashboard) abort the process with "Fatal Python error: none_dealloc". Too many
methods are affected to wrap them, so :func:`install` gives ``None`` a reserve of references that no session can
use up (:data:`NONE_RESERVE`), which is what Python 3.12 does for it anyway (immortal objects).
"""

from __future__ import annotations

import ctypes
import functools
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

#: Method name of SignalInstance → whether it was wrapped by :func:`install`; "void_none" → whether ``None``
#: was given its reserve.
patched: dict[str, bool] = {}
#: References added to ``None`` when void calls lose them: a million lost per second would take 12 days.
NONE_RESERVE = 1 << 40

_PROBE_CALLS = 50
_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    signal = Signal(int)


def _bool_refcounts() -> tuple[int, int]:
    return sys.getrefcount(True), sys.getrefcount(False)


def _lost_references(call: Callable[[], object]) -> tuple[int, int]:
    """How many references to ``True`` and to ``False`` ``_PROBE_CALLS`` calls of ``call()`` lost."""
    before = _bool_refcounts()
    for _ in range(_PROBE_CALLS):
        call()
    after = _bool_refcounts()
    return max(0, before[0] - after[0]), max(0, before[1] - after[1])


def _owed_reference(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: SignalInstance, *args: Any, **kwargs: Any) -> Any:
        result = method(self, *args, **kwargs)
        if result is True or result is False:
            _incref(result)  # the reference PySide6 should have given us
        return result

    return wrapper


def install() -> dict[str, bool]:
    """Wrap ``SignalInstance.emit`` and ``.disconnect`` if (and only if) they lose references; idempotent."""
    if patched:
        return patched
    probe = _Probe()

    def disconnect_one() -> object:
        probe.signal.connect(_ignore)
        return probe.signal.disconnect(_ignore)

    checks: dict[str, Callable[[], object]] = {
        "emit": lambda: probe.signal.emit(1),
        "disconnect": disconnect_one,
    }
    for name, call in checks.items():
        lost_true, lost_false = _lost_references(call)
        leaks = lost_true + lost_false >= _PROBE_CALLS
        if leaks:
            setattr(SignalInstance, name, _owed_reference(getattr(SignalInstance, name)))
        patched[name] = leaks
        # What the probe lost is given back, as if it had never run.
        for value, lost in ((True, lost_true), (False, lost_false)):
            for _ in range(lost):
                _incref(value)
    patched["void_none"] = _reserve_none_if_lost(probe)
    return patched


def _reserve_none_if_lost(probe: QObject) -> bool:
    """Give ``None`` :data:`NONE_RESERVE` references if a void method loses one per call (see the module)."""
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")  # a void method: returns None
    lost = before - sys.getrefcount(None)
    if lost < _PROBE_CALLS:
        return False
    # ``ob_refcnt`` is the first field of every object (CPython's PyObject); no other API adds this many at once.
    count = ctypes.c_ssize_t.from_address(id(None))
    count.value += NONE_RESERVE + lost
    return True


def _ignore(_value: int) -> None:
    pass
