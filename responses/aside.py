"""Work done in a process of its own, at a lower priority, bounded in time and memory.

Two kinds of work are heavy enough to hold an app process for seconds, and can be made
heavier on purpose: making a PDF (a 100-page statement takes WeasyPrint several seconds
of pure computation) and reading an uploaded document (a small Word file can unpack to
hundreds of megabytes of XML). Done in the request's thread, such work holds the app
process's interpreter lock the whole time, and the autosaves served by that process wait
behind it. Done in a child process, the request's thread only waits on a pipe, the other
threads go on, and the operating system serves the app before the niced child whenever
both want the processor.

Children are forked from a small server process that has Django set up and the heavy
libraries imported already (`nnpcf.aside_worker`), so a child starts in milliseconds,
not the second a fresh interpreter takes; each piece of work gets a fresh child, so its
memory is returned when it ends. Work that runs out of time or memory is stopped and
reported.
"""

import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

# A child runs at this niceness: below the app, above nothing else.
NICENESS = 10

_context_lock = threading.Lock()
_context = None


class AsideFailed(RuntimeError):
    """The child gave no result: `reason` is "start", "time", "memory", "ended" or "error"."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def forkserver():
    """The forkserver context, its server preloading Django and the heavy libraries
    (started on first use, once per app process)."""
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["nnpcf.aside_worker"])
            _context = context
        return _context


def start_server() -> None:
    """Start the fork server now, not at the first piece of work, which would wait the
    second it takes to set up Django and import the libraries."""
    from multiprocessing import forkserver as server

    forkserver()
    server.ensure_running()


def run_aside(
    work: Callable[..., Any], *args, name: str, what: str, seconds: float, memory: int
) -> Any:
    """`work(*args)`, called in a niced child process that may run for `seconds` and
    hold `memory` bytes of address space. `what` names the worker in messages ("the
    PDF renderer"); `name` is the child's process name. `work` and its arguments and result
    travel between processes, so they must be picklable."""
    context = forkserver()
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(
        target=_run_in_child, args=(work, args, what, sending, memory), name=name, daemon=True
    )
    try:
        child.start()
    except OSError as error:  # no processes or sockets left, or no temporary folder
        receiving.close()
        sending.close()
        raise AsideFailed("start", f"{what} could not start ({error})") from error
    sending.close()  # the child holds its own end: an early exit reads as end of file
    try:
        if not receiving.poll(seconds):
            raise AsideFailed("time", f"{what} took longer than {seconds:g} seconds")
        try:
            ok, result = receiving.recv()
        except EOFError as ended:
            raise AsideFailed("ended", f"{what} stopped before it finished") from ended
    finally:
        receiving.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if not ok:
        raise AsideFailed(*result)
    return result


def _run_in_child(
    work: Callable[..., Any], args: tuple, what: str, sending: Connection, memory: int
) -> None:
    import os
    import resource

    os.nice(NICENESS)
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        outcome = (True, work(*args))
    except MemoryError:
        outcome = (False, ("memory", f"{what} needed more memory than it may use"))
    except Exception as error:  # sent to the app, which reports it
        outcome = (False, ("error", f"{error.__class__.__name__}: {error}"))
    sending.send(outcome)
    sending.close()
