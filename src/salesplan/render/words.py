"""The words of enumerated values, dates and amounts live in ``core.words`` (the file writers in
``formats`` use them too); the renderers and commands that import them from here still do."""

from salesplan.core.words import (  # noqa: F401
    appt_status_word,
    category_word,
    chinese_numeral,
    day_words,
    flag_word,
    kind_word,
    month_day,
    note_kind_word,
    outcome_word,
    stage_word,
    status_word,
    tier_word,
    week_title,
    weekday_short,
    word,
    yuan,
)
