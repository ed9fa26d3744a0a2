"""The base of every page the subsidy window hosts (issue 15): ``Page(worker, actor, parent)``.

A page shows the term given with ``set_term``. It loads on the database worker — ``load(db, term, options)``
there, ``show_loaded(data)`` back on the GUI thread — and a load that a newer one overtook is dropped. Each load
also reads the laptop's role (``role``, ``is_county``). When a write anywhere changes an entity the page watches
(``watched``), a shown page reloads at once and a hidden one (another tab) when it is shown again. A page's own
writes go through ``act``, which shows the outcome on the page's one message line and reloads the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from yulu_desktop.domain.access import Role
from yulu_desktop.domain.subsidy_cycle import Level, level_of
from yulu_desktop.services import acting, subsidy
from yulu_desktop.services.subsidy import ApplicationRow, StepReport
from yulu_desktop.store.database import Database
from yulu_desktop.ui.message_line import heading_label, message_label, say, show_failure
from yulu_desktop.ui.subsidy.models import SUBSIDY_ENTITIES, report_text
from yulu_desktop.ui.worker import DbWorker

__all__ = ["SubsidyPage"]


class SubsidyPage(QWidget):
    """A page of the subsidy window: the worker, the acting name, the term, the role and one message line."""

    #: The person with this id is to be opened (a double click on a line).
    openPerson = Signal(str)
    #: A load finished (or failed) and the page shows it.
    loaded = Signal()
    #: A write of the page finished (done or refused); the message shown.
    finished = Signal(str)

    #: The entities whose changes can change what the page shows.
    watched: ClassVar[frozenset[str]] = SUBSIDY_ENTITIES
    #: False for a page that shows something without a term (the county's rules).
    needs_term: ClassVar[bool] = True

    def __init__(self, worker: DbWorker, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.actor = actor
        self.term = ""
        #: The role of this laptop's account, read with every load.
        self.role: Role = Role.VILLAGE
        #: The org unit whose applications are shown (a village, township or county id; None: all on this laptop).
        self.unit_id: str | None = None
        self.message = message_label("subsidyMessage")
        #: The day the page reckons with (tests set it; None: the computer's date).
        self.today: date | None = None
        #: What the message line says when a step is asked with nothing selected (each page words it).
        self.empty_selection = ""
        self._generation = 0
        self._stale = False
        self._own_write = False
        worker.changed.connect(self._changed)

    @staticmethod
    def make_heading(text: str = "", name: str = "subsidyHeading") -> QLabel:
        """A page's title line (bold, larger)."""
        return heading_label(text, name)

    @property
    def is_county(self) -> bool:
        return level_of(self.role) == Level.COUNTY

    def set_term(self, term: str) -> None:
        if term != self.term:
            self.term = term
            self.message.clear()
        self.refresh()

    # --- loading ----------------------------------------------------------------------------------------------

    def load_options(self) -> Any:
        """What ``load`` needs from the widgets, read here on the GUI thread (jobs touch no widget)."""
        return None

    def load(
        self, db: Database, term: str, options: Any
    ) -> Any:  # pragma: no cover - every page overrides it
        """The page's data (on the worker thread)."""
        raise NotImplementedError

    def show_loaded(self, data: Any) -> None:  # pragma: no cover - every page overrides it
        """Show what ``load`` returned (on the GUI thread)."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Load the page for ``term``; a result that a newer load overtook is dropped."""
        self._stale = False
        if self.needs_term and not self.term:
            return
        self._generation += 1
        generation, term, actor, options = self._generation, self.term, self.actor, self.load_options()
        load = self.load

        def job(db: Database) -> tuple[Role, Any]:
            return acting.current_actor(db, actor).role, load(db, term, options)

        def arrived(result: tuple[Role, Any]) -> None:
            if generation != self._generation:  # a newer load is on its way
                return
            self.role = result[0]
            self.show_loaded(result[1])
            self.loaded.emit()

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self.failed(error)
                self.loaded.emit()

        self.worker.submit(job, arrived, failed)

    def _changed(self, entities: Iterable[str]) -> None:
        """A write changed data (``DbWorker.changed``): reload now if shown, else when next shown."""
        if self._own_write:  # the page's own write (``act``) reloaded it already
            self._own_write = False
            return
        if not set(entities) & self.watched:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # --- writing ----------------------------------------------------------------------------------------------

    def act(
        self,
        job: Callable[[Database], Any],
        done: Callable[[Any], str | None],
        *,
        changes: Iterable[str] = frozenset({"subsidy_application"}),
    ) -> None:
        """Run a write on the worker and show its outcome: the text ``done(result)`` returns (red when the
        result has refusals or errors), or nothing when ``done`` said it itself. A refusal of the whole write
        is shown by ``failed``. Either way the page reloads, and ``finished`` carries the message."""
        changed = frozenset(changes)

        def succeeded(result: Any) -> None:
            text = done(result)
            if text is not None:
                # A batch partly refused (or a result file with errors) is shown as a refusal.
                self.say(text, error=bool(getattr(result, "refused", ()) or getattr(result, "errors", ())))
            # The worker announces ``changed`` right after this: the reload here is the page's refresh.
            self._own_write = bool(changed)
            self.refresh()
            self.finished.emit(self.message.text())

        def refused(error: BaseException) -> None:
            self.failed(error)
            self.refresh()
            self.finished.emit(self.message.text())

        self.worker.submit(job, succeeded, refused, changes=changed)

    def take_step(
        self,
        ids: Sequence[str],
        target: str,
        show: Callable[[StepReport], None],
        *,
        opinion: str = "",
        reason: str = "",
        today: date | None = None,
    ) -> None:
        """Move the applications ``ids`` to ``target`` in one batch (``act``); ``show`` shows the report."""
        chosen, actor = list(ids), self.actor

        def job(db: Database) -> StepReport:
            return subsidy.take_step(
                db, chosen, target, actor=actor, opinion=opinion, reason=reason, today=today
            )

        self.act(job, show)

    def selected_applications(self) -> list[ApplicationRow]:
        """The applications selected in the page's table (pages with one)."""
        return []

    def need_selection(self) -> list[ApplicationRow]:
        """The selected applications; with none, the page's ``empty_selection`` on the message line."""
        rows = self.selected_applications()
        if not rows:
            self.say(self.empty_selection, error=True)
        return rows

    def step(self, target: str, done_text: str, *, opinion: str = "", reason: str = "") -> None:
        """Take one step (``target``) on the selected applications; ``done_text`` (with ``{0}``) reports it."""
        rows = self.need_selection()
        if rows:
            self.take_step(
                [a.id for a in rows],
                target,
                lambda report: self.show_report(report, done_text),
                opinion=opinion,
                reason=reason,
                today=self.today,
            )

    # --- the message line -------------------------------------------------------------------------------------

    def say(self, text: str, *, error: bool = False) -> None:
        """Show ``text`` on the message line (red, with the property ``error``, for a refusal)."""
        say(self.message, text, error=error)

    def failed(self, error: BaseException) -> None:
        """A job failed: a refusal's Chinese text on the message line, anything else to the worker."""
        show_failure(self.worker, self.message, error)

    def show_report(self, report: StepReport, done_text: str) -> None:
        """A batch step's outcome: ``done_text`` (with ``{0}``, the number done) and every refusal."""
        text, refused = report_text(report, done_text)
        self.say(text, error=refused)
