"""The call block as a session: the queue, and the one-key answers. Pure.

Piped answers (one per line) use the same keys as the keyboard::

    r [-- note]                 reached
    n | b [-- note]             no answer, busy
    c DATE [-- note]            callback: call again on DATE
    a DATETIME [-- note]        appointment booked at DATETIME
    s                           skip this one
    q                           stop here
"""

from __future__ import annotations

from dataclasses import dataclass

from salesplan.core.followups import DueItem
from salesplan.core.vocab import OUTCOME
from salesplan.errors import BadInput
from salesplan.i18n import N_, _

KEYS = {
    "r": "reached",
    "n": "no-answer",
    "b": "busy",
    "c": "callback",
    "a": "appointment",
    "s": "skip",
    "q": "quit",
}
PROMPT = N_("[r]eached  [n]o answer  [b]usy  [c]allback  [a]ppointment  [s]kip  [q]uit")
# A piped answer may start with the Chinese word instead of the key (接通, 回电 周五 …).
_WORDS = {
    **{
        w: key
        for key in ("reached", "no-answer", "busy", "callback", "appointment")
        for w in OUTCOME[key]
    },
    "跳过": "skip",
    "退出": "quit",
}


@dataclass(frozen=True)
class Answer:
    action: str  # an outcome, or skip / quit
    when: str | None = None  # DATE for a callback, DATETIME for an appointment
    note: str | None = None


def parse_answer(line: str) -> Answer:
    text, _sep, note = line.partition("--")
    words = text.split()
    if not words or (words[0].lower() not in KEYS and words[0] not in _WORDS):
        raise BadInput(
            _("unknown answer {answer}: use one of {keys} (e.g. 'c fri -- 周五再打')").format(
                answer=repr(line.strip()), keys=", ".join(KEYS)
            )
        )
    action = KEYS.get(words[0].lower()) or _WORDS[words[0]]
    when = " ".join(words[1:]) or None
    if action in ("callback", "appointment") and when is None:
        if action == "callback":
            raise BadInput(_("callback needs a DATE (e.g. 'c fri')"))
        raise BadInput(_("appointment needs a DATETIME (e.g. 'a tomorrow 2pm')"))
    return Answer(action, when, note.strip() or None)


@dataclass(frozen=True)
class QueueItem:
    contact_id: int
    name: str
    company: str | None
    phone: str | None
    last_contact: str | None
    reason: str


@dataclass(frozen=True)
class CallQueue:
    """What the call block works through, and what it leaves to other channels."""

    due: tuple[QueueItem, ...]  # follow-ups due by phone, most urgent first, one per person
    prospects: tuple[QueueItem, ...]  # intent prospects not called this week
    elsewhere: tuple[DueItem, ...]  # due today by email or visit


def build_queue(
    due: list[QueueItem], prospects: list[QueueItem], limit: int | None = None
) -> list[QueueItem]:
    """Due items first (already most urgent first), then prospects; each person once."""
    seen: set[int] = set()
    queue = []
    for item in [*due, *prospects]:
        if item.contact_id in seen:
            continue
        seen.add(item.contact_id)
        queue.append(item)
    return queue[:limit] if limit else queue
