"""The calling list: its groups in order, each person once, and the stop at the target."""

import pytest

from salesplan.core.calls import (
    CallQueue,
    QueueItem,
    build_queue,
    calls_left,
    check_list_name,
    keep_offering,
    offered,
)
from salesplan.errors import BadInput


def person(cid: int, group: str) -> QueueItem:
    return QueueItem(cid, f"p{cid}", None, "13800000000", None, "why", group)


def test_groups_in_order_and_each_person_once():
    queue = CallQueue(
        due=(person(1, "due"), person(2, "due")),
        prospects=(person(3, "prospect"), person(1, "prospect")),
        elsewhere=(),
        customers=(person(4, "customer"), person(2, "customer")),
        cold=(person(5, "cold"), person(3, "cold")),
    )
    got = [(i.contact_id, i.group) for i in queue.ordered()]
    assert got == [(1, "due"), (2, "due"), (3, "prospect"), (4, "customer"), (5, "cold")]
    assert [i.contact_id for i in queue.ordered(limit=3)] == [1, 2, 3]


def test_the_list_stops_at_the_target_but_due_items_are_all_offered():
    queue = build_queue(
        [
            [person(1, "due"), person(2, "due")],
            [person(i, "prospect") for i in range(10, 20)],
            [person(i, "cold") for i in range(20, 40)],
        ]
    )
    # 25 done of 30: the 2 due, then 3 more to reach 30.
    assert [i.contact_id for i in offered(queue, 25, 30)] == [1, 2, 10, 11, 12]
    # Past the target already: what is due is still offered, nothing else.
    assert [i.contact_id for i in offered(queue, 31, 30)] == [1, 2]
    # From zero: 30 people, into the cold list.
    picked = offered(queue, 0, 30)
    assert len(picked) == 30 and picked[-1].contact_id == 37
    # A day off (target 0) offers only what is due.
    assert not keep_offering(person(9, "customer"), 0, 0)
    assert keep_offering(person(9, "due"), 5, 0)


def test_calls_left_never_negative():
    assert calls_left(12, 30) == 18
    assert calls_left(31, 30) == 0


@pytest.mark.parametrize("name", ["", "   ", "a\nb", "x" * 61])
def test_bad_list_names(name):
    with pytest.raises(BadInput):
        check_list_name(name)


def test_list_name_trimmed():
    assert check_list_name(" 2026 建材展 ") == "2026 建材展"
