"""Email templates for the unclear-intent cadence ("an email every two days from a
template"): what a template may say, how it is filled for one contact, and which template a
prospect gets next. Pure.

A template is a subject and a body with the placeholders ``{name}``, ``{company}`` and
``{product}``; ``{{`` and ``}}`` are literal braces. Any other placeholder is refused when the
template is written, so filling one can never fail later.

The next template for a prospect is the first one after the last one sent to them, in name
order, wrapping round: the same template never goes twice in a row while there are two.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from salesplan.core.validate import refuse_controls
from salesplan.errors import BadInput
from salesplan.i18n import NP_, _

PLACEHOLDERS = ("name", "company", "product")
NAME_MAX = 60
SUBJECT_MAX = 200
BODY_MAX = 10_000
# The nouns refuse_controls names in its message.
_WHAT = (NP_("what", "subject"), NP_("what", "body"))


def _accepted() -> str:
    return ", ".join("{" + p + "}" for p in PLACEHOLDERS)


def check_name(name: str) -> str:
    """A template's name as stored: trimmed, 1 to 60 characters on one line."""
    text = name.strip()
    if not text or len(text) > NAME_MAX or any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise BadInput(
            _("bad template name {name}: give 1 to {max} characters on one line").format(
                name=repr(name[:40]), max=NAME_MAX
            )
        )
    return text


def placeholders(text: str) -> list[str]:
    """The placeholders ``text`` uses, in order; BadInput for unmatched braces or for a
    placeholder that is not one of PLACEHOLDERS (with a format, a conversion or not)."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        raise BadInput(
            _(
                "bad braces in the template: the placeholders are {accepted}; write {open} and {close} for a literal brace"
            ).format(accepted=_accepted(), open="{{", close="}}")
        ) from None
    used = []
    for _literal, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in PLACEHOLDERS or spec or conversion:
            shown = "{" + field + ("!" + conversion if conversion else "")
            shown += (":" + spec if spec else "") + "}"
            raise BadInput(
                _("unknown placeholder {placeholder} in the template: use {accepted}").format(
                    placeholder=shown, accepted=_accepted()
                )
            )
        used.append(field)
    return used


def check_subject(subject: str) -> str:
    text = subject.strip()
    if not text or len(text) > SUBJECT_MAX or "\n" in text or "\r" in text:
        raise BadInput(
            _("bad subject: give 1 to {max} characters on one line").format(max=SUBJECT_MAX)
        )
    refuse_controls(text, "subject")
    placeholders(text)
    return text


def check_body(body: str) -> str:
    """The body as stored: CR LF line ends made LF, trailing blank space trimmed."""
    text = body.replace("\r\n", "\n").strip()
    if not text or len(text) > BODY_MAX:
        raise BadInput(_("bad body: give 1 to {max} characters").format(max=BODY_MAX))
    refuse_controls(text, "body")
    placeholders(text)
    return text


@dataclass(frozen=True)
class EmailTemplate:
    name: str
    subject: str
    body: str

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "subject": self.subject,
            "body": self.body,
            "placeholders": sorted(set(placeholders(self.subject) + placeholders(self.body))),
        }


@dataclass(frozen=True)
class FilledEmail:
    template: str
    subject: str
    body: str
    missing: tuple[str, ...]  # placeholders used with nothing to fill them (left empty)

    def to_json(self) -> dict[str, Any]:
        return {
            "template": self.template,
            "subject": self.subject,
            "body": self.body,
            "missing": list(self.missing),
        }


def fill(template: EmailTemplate, values: Mapping[str, str | None]) -> FilledEmail:
    """The template with its placeholders filled from ``values``; a placeholder with no
    value is left empty and named in ``missing``."""
    used = placeholders(template.subject) + placeholders(template.body)
    given = {p: (values.get(p) or "").strip() for p in PLACEHOLDERS}
    missing = tuple(p for p in PLACEHOLDERS if p in used and not given[p])
    return FilledEmail(
        template.name,
        template.subject.format(**given),
        template.body.format(**given),
        missing,
    )


def next_template(names: Sequence[str], last_sent: str | None) -> str | None:
    """The template a prospect gets next: the first in name order after ``last_sent``
    (wrapping round to the first), the first when none was sent, None when there are none.
    ``last_sent`` may name a template since removed: its place in the order still counts."""
    ordered = sorted(set(names))
    if not ordered:
        return None
    if last_sent is None:
        return ordered[0]
    return next((n for n in ordered if n > last_sent), ordered[0])


@dataclass(frozen=True)
class BatchEmail:
    """One email of the day's batch: an unclear prospect due an email, and its template."""

    contact_id: int
    contact: str
    email: str | None  # the contact's address, if known
    template: str | None  # None when there are no templates
