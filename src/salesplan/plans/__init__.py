"""Use cases: each module composes store queries and core rules into what one command shows
(the day, the week, the month, the evening review, progress, the calls queue).

A plan takes a session, settings and the clock's values as arguments, asks the store for rows,
hands them to core, and returns core's typed results. It prints nothing and decides no rule
itself: the rules live in core, the queries in store.
"""
