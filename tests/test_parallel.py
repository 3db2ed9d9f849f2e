"""generator.parallel: a forked copy computes every second item; results come back in order."""

from __future__ import annotations

import os
import threading

import pytest

from generator.parallel import split_map, worth_forking


def pid_of(item: int) -> tuple[int, int]:
    return item, os.getpid()


def test_every_second_item_is_computed_by_one_other_process_in_order() -> None:
    out = split_map(pid_of, range(7), fork=True)
    assert [item for item, _ in out] == list(range(7))
    pids = [pid for _, pid in out]
    assert set(pids[0::2]) == {os.getpid()}  # items 0, 2, 4, 6 here …
    assert len(set(pids[1::2])) == 1 and pids[1] != os.getpid()  # … 1, 3, 5 in one other process


def test_without_fork_everything_runs_here() -> None:
    assert split_map(pid_of, range(3), fork=False) == [(0, os.getpid()), (1, os.getpid()), (2, os.getpid())]
    assert split_map(pid_of, [], fork=True) == []


@pytest.mark.parametrize("bad", [4, 5])  # 4: this process's share; 5: the copy's
def test_an_error_surfaces_as_it_would_without_the_copy(bad: int) -> None:
    def check(item: int) -> int:
        if item == bad:
            raise ValueError(f"bad item {item}")
        return item

    with pytest.raises(ValueError, match=f"bad item {bad}"):
        split_map(check, range(8), fork=True)
    assert split_map(check, range(bad), fork=True) == list(range(bad))


def test_a_copy_that_dies_is_replaced_by_computing_its_share_here() -> None:
    parent = os.getpid()

    def die_in_the_copy(item: int) -> int:
        if os.getpid() != parent:
            os._exit(3)  # as if killed: nothing written to the pipe
        return item * 2

    assert split_map(die_in_the_copy, range(5), fork=True) == [0, 2, 4, 6, 8]


def test_forking_only_pays_for_enough_items_and_never_beside_other_threads() -> None:
    assert not worth_forking(99, 100)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not worth_forking(1000, 100)
    finally:
        stop.set()
        thread.join()


def test_where_fork_is_refused_everything_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    assert split_map(pid_of, range(3), fork=True) == [(0, os.getpid()), (1, os.getpid()), (2, os.getpid())]
