"""The call block as a session: the queue, and the one-key answers. Pure.

Piped answers (one per line) use the same keys as the keyboard::

    r [-- note]                 reached
    n | b [-- note]             no answer, busy
    c DATE [-- note]            callback: call again on DATE
    a DATETIME [-- note]        appointment booked at DATETIME
    t [DATE] -- TEXT            a to-do for this person (then the call is answered)
    s                           skip this one
    q                           stop here
"""

from __future__ import annotations

from collections.abc import Sequence
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
    "t": "todo",
    "s": "skip",
    "q": "quit",
}
PROMPT = N_("[r]eached  [n]o answer  [b]usy  [c]allback  [a]ppointment  [t]o-do  [s]kip  [q]uit")
# The end of the session: the day's emails to unclear prospects, all marked sent in one key.
BATCH_PROMPT = N_("[m]ark all sent  [s]kip")
MARK_ALL = "m"
# A piped answer may start with the Chinese word instead of the key (接通, 回电 周五 …).
_WORDS = {
    **{
        w: key
        for key in ("reached", "no-answer", "busy", "callback", "appointment")
        for w in OUTCOME[key]
    },
    "待办": "todo",
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
    if action == "todo" and not note.strip():
        raise BadInput(_("a to-do needs its text after -- (e.g. 't fri -- 发报价')"))
    if action in ("callback", "appointment") and when is None:
        if action == "callback":
            raise BadInput(_("callback needs a DATE (e.g. 'c fri')"))
        raise BadInput(_("appointment needs a DATETIME (e.g. 'a tomorrow 2pm')"))
    return Answer(action, when, note.strip() or None)


# The calling list's groups, in the order the session works through them: follow-ups due,
# then prospects to develop, then regular customers, then cold lists, until the target.
GROUPS = ("due", "prospect", "customer", "cold")
GROUP_WORDS = {
    "due": N_("due"),
    "prospect": N_("prospect"),
    "customer": N_("customer"),
    "cold": N_("cold list"),
}
LIST_NAME_MAX = 60


def check_list_name(name: str) -> str:
    """A cold list's name as stored: trimmed, not empty, one line, not too long."""
    text = name.strip()
    if not text or len(text) > LIST_NAME_MAX or any(ord(ch) < 32 for ch in text):
        raise BadInput(
            _("bad list name {name}: give 1 to {max} characters on one line").format(
                name=repr(name), max=LIST_NAME_MAX
            )
        )
    return text


@dataclass(frozen=True)
class QueueItem:
    contact_id: int
    name: str
    company: str | None
    phone: str | None
    last_contact: str | None
    reason: str
    group: str = "due"  # one of GROUPS


@dataclass(frozen=True)
class CallQueue:
    """What the call block works through, and what it leaves to other channels."""

    due: tuple[QueueItem, ...]  # follow-ups due by phone, most urgent first, one per person
    prospects: tuple[QueueItem, ...]  # prospects to develop, key first, longest untouched first
    elsewhere: tuple[DueItem, ...]  # due today by email or visit
    customers: tuple[QueueItem, ...] = ()  # regular customers, longest not contacted first
    cold: tuple[QueueItem, ...] = ()  # cold-list contacts never reached, in list order
    calls_done: int = 0  # calls logged today before the session
    calls_target: int = 0  # today's call target

    def ordered(self, limit: int | None = None) -> list[QueueItem]:
        return build_queue([self.due, self.prospects, self.customers, self.cold], limit)


def build_queue(groups: Sequence[Sequence[QueueItem]], limit: int | None = None) -> list[QueueItem]:
    """The groups one after another (each already in its own order); each person once, in the
    first group that holds them."""
    seen: set[int] = set()
    queue = []
    for group in groups:
        for item in group:
            if item.contact_id in seen:
                continue
            seen.add(item.contact_id)
            queue.append(item)
    return queue[:limit] if limit else queue


def calls_left(done: int, target: int) -> int:
    """Calls still to make to reach the target (never below zero)."""
    return max(0, target - done)


def keep_offering(item: QueueItem, calls_done: int, target: int) -> bool:
    """Whether the session offers ``item`` after ``calls_done`` calls today: what is due is
    always offered; the rest only fills the day up to the target."""
    return item.group == "due" or calls_done < target


def offered(queue: Sequence[QueueItem], calls_done: int, target: int) -> list[QueueItem]:
    """Whom a session that logs a call for every person offered calls, in order, before it
    stops: every due item, then the others until the target is reached."""
    out = []
    done = calls_done
    for item in queue:
        if not keep_offering(item, done, target):
            break
        out.append(item)
        done += 1
    return out
