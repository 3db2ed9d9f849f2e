"""Two cores for the generator's bulk work: reading region files and rendering pages.

A build is single-threaded, and the machines that build the site have at least two cores. For a
large site, `split_map` forks a copy of the process that handles every second item and pipes its
results back. The copy inherits everything in memory (the dataset, the page context), so only
results cross the pipe; the output is the same, in the same order, as without the copy.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def worth_forking(items: int, minimum: int) -> bool:
    """Fork only for enough work to pay for it (a fork and the pickling cost tens of ms), on
    Linux (no fork on Windows; macOS' system libraries do not survive one), and only while no
    other thread runs: forking a threaded process (the `mkdocs serve` server) is unsafe."""
    return items >= minimum and sys.platform.startswith("linux") and threading.active_count() == 1


def split_map(function: Callable[[Item], Result], items: Sequence[Item], fork: bool) -> list[Result]:
    """[function(item) for item in items]; with `fork`, a copy of this process computes every
    second one. If the copy fails, its items are computed here, so an error surfaces exactly as
    it would have without the copy."""
    if not fork:
        return [function(item) for item in items]
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no fork allowed here (a sandbox, a process limit): do it all in this process
        os.close(read)
        os.close(write)
        return [function(item) for item in items]
    if pid == 0:  # the copy: it must never return into the caller, whatever happens
        try:
            os.close(read)
            try:
                payload = pickle.dumps([function(item) for item in items[1::2]], protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:  # noqa: BLE001 - reported by computing the items again in the parent
                payload = pickle.dumps(None)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:  # closed on an error here: the copy's write fails and it exits
        try:
            mine = [function(item) for item in items[0::2]]
            theirs: list[Result] | None = _receive(pipe)
        finally:
            pipe.close()
            os.waitpid(pid, 0)
    if theirs is None:
        theirs = [function(item) for item in items[1::2]]
    merged = [result for pair in zip(mine, theirs, strict=False) for result in pair]
    return merged + mine[len(theirs) :]


def _receive(pipe: BinaryIO) -> Any:
    try:
        return pickle.load(pipe)
    except (EOFError, pickle.UnpicklingError):
        return None  # the copy died before it finished writing
