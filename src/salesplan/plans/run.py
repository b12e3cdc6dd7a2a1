"""The run context: what one command runs with (the clock, the zone, the language, the settings,
the open store), made once by the CLI's root callback and handed to every plan.

The CLI reaches the store only through this module and the other plans: the store's own
functions for what the CLI needs before or beside a plan (where the store file is, a URL made
fit to show, the language setting peeked at before the store opens) are named here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from salesplan.core.dates import to_local, to_utc

if TYPE_CHECKING:
    from sqlmodel import Session

    from salesplan.core.settings import Settings
    from salesplan.core.workdays import Workdays
    from salesplan.store.engine import ServerStore, Store


@dataclass(frozen=True)
class Moment:
    """ "Now", read once by the root callback: pinned by SALESPLAN_NOW (local) or the real clock,
    with the machine's time zone (what the setting timezone = "system" means)."""

    real_utc: datetime
    pinned_local: datetime | None = None
    system_zone: tzinfo = UTC

    def local(self, tz: tzinfo) -> datetime:
        return self.pinned_local if self.pinned_local is not None else to_local(self.real_utc, tz)

    def utc(self, tz: tzinfo) -> datetime:
        return to_utc(self.pinned_local, tz) if self.pinned_local is not None else self.real_utc


@dataclass
class Run:
    """One run of a command: its clock (``moment``), the store it uses (opened on first use),
    the settings read through that store (the zone, the language, the targets) and the workday
    calendar. Made once by the CLI's root callback and handed to the plans; nothing else reads
    the clock, the zone or the language. ``warn`` is how it says something beside the output
    (the CLI's stderr line)."""

    db_option: str | None
    moment: Moment
    warn: Callable[[str], None] = field(default=lambda _text: None, repr=False)
    _store: Store | ServerStore | None = field(default=None, repr=False)
    _settings: Settings | None = field(default=None, repr=False)
    _workdays: Workdays | None = field(default=None, repr=False)
    _warned_years: set[int] = field(default_factory=set, repr=False)
    # Every calendar this command built (store.workdays adds them): the guessed years its
    # numbers rested on are the ones these were asked about.
    _calendars: list[Workdays] = field(default_factory=list, repr=False)

    @property
    def db_path(self) -> Path:
        from salesplan.store.db import resolve_db_path

        return resolve_db_path(self.db_option)

    @property
    def store(self) -> Store | ServerStore:
        if self._store is None:
            from salesplan.store.db import open_store

            self._store = open_store(self.db_option, self.moment.real_utc)
        return self._store

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        from salesplan.store.workdays import CALENDARS_KEY

        store = self.store
        with store.session(write=write) as session:
            for warning in store.warnings:
                self.warn(warning)
            store.warnings.clear()
            session.info[CALENDARS_KEY] = self._calendars
            yield session
        self.warn_guessed_years()

    def settings(self, session: Session) -> Settings:
        if self._settings is None:
            from salesplan.store.settings import load_settings

            self._settings = load_settings(session=session, system_zone=self.moment.system_zone)
        return self._settings

    def stored_language(self) -> str | None:
        """The store's ``language`` setting, for the catalog's choice of language, on either
        engine: from the settings this run read through the store; else through the open
        store; else, before the store is opened (``--help`` never opens one), peeked at."""
        if self._settings is not None:
            return self._settings.language
        store = self._store
        if store is not None and store.is_open:
            from salesplan.store.peek import read_text

            with store.session() as session:
                return read_text("language", session=session)
        if store is not None and store.is_server:
            return None  # opening it failed or is under way: no second connection for a word
        from salesplan.store.peek import peek_setting

        return peek_setting(self.db_option, "language")

    def close(self) -> None:
        """Let the store's connections go (the CLI's last step)."""
        if self._store is not None:
            self._store.dispose()

    def forget_settings(self) -> None:
        self._settings = None
        self._workdays = None

    def workdays(
        self, session: Session, first: date | None = None, last: date | None = None
    ) -> Workdays:
        """The workday calendar. A period (default: today) in a guessed year (no notice, no
        official schedule) is counted by the statutory holidays, and one line says so."""
        if self._workdays is None:
            from salesplan.store.workdays import load_workdays

            self._workdays = load_workdays(self.settings(session), session=session)
            if self._workdays not in self._calendars:
                self._calendars.append(self._workdays)
        calendar = self._workdays
        if first is None:
            first = self.today(session)
        calendar.unknown_years(first, last or first)  # remembered as asked about
        return calendar

    def guessed_years(self) -> list[int]:
        """The guessed years this command's numbers rested on so far."""
        return sorted({y for c in self._calendars for y in c.seen_guesses})

    def warn_guessed_years(self) -> None:
        """Say once which years are guessed, and the one command that fixes it."""
        years = [y for y in self.guessed_years() if y not in self._warned_years]
        if not years:
            return
        self._warned_years.update(years)
        self.warn(guessed_years_message(years))

    def now(self, session: Session) -> datetime:
        """Local wall-clock now, in the store's time zone setting."""
        return self.moment.local(self.settings(session).tz)

    def today(self, session: Session) -> date:
        return self.now(session).date()

    def now_utc(self, session: Session) -> datetime:
        return self.moment.utc(self.settings(session).tz)


def guessed_years_message(years: list[int]) -> str:
    from salesplan.i18n import ngettext

    listed = ", ".join(str(y) for y in years)
    return ngettext(
        "China's holiday schedule for {years} is not announced yet: counted with the statutory holidays and no 调休 make-up days; when the State Council's notice is out, run salesplan workday import NOTICE.txt",
        "China's holiday schedules for {years} are not announced yet: counted with the statutory holidays and no 调休 make-up days; when the State Council's notices are out, run salesplan workday import NOTICE.txt for each",
        len(years),
    ).format(years=listed)


def redact(text: str) -> str:
    """``text`` with every password in a store URL in it masked (``store.environment.redact``)."""
    from salesplan.store.environment import redact as store_redact

    return store_redact(text)


def store_file(db_option: str | None, environ_db: str) -> Path | None:
    """The store's file, for the outputs to keep away from (None for a team store)."""
    from salesplan.store.db import is_server_url, resolve_db_path

    return None if is_server_url(db_option or environ_db) else resolve_db_path(db_option)


def peek_language(db_option: str | None) -> str | None:
    """The ``language`` setting of the store a run uses, read without opening it as a store."""
    from salesplan.store.peek import peek_setting

    return peek_setting(db_option, "language")
