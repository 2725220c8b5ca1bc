"""PDFs made in a process of their own, at a lower priority, bounded in time and memory.

A 100-page statement takes WeasyPrint several seconds of pure computation. Made in the
request's thread, it held the app process's interpreter lock the whole time, and the
autosaves served by that process waited behind it (their median rose by two thirds in
`bench/load.py --publish`). Made in a child process, the request's thread only waits
on a pipe, the other threads go on, and the operating system serves the app before the
niced renderer whenever both want the processor.

Children are forked from a small server process that has Django set up and WeasyPrint
imported already (`nnpcf.pdf_worker`), so a render starts in milliseconds, not the second a
fresh interpreter takes; each render gets a fresh child, so its memory is returned
when it ends. A render that runs out of time or memory is stopped and reported.
"""

import multiprocessing
import threading
from multiprocessing.connection import Connection

from django.conf import settings

# A render's child runs at this niceness: below the app, above nothing else.
NICENESS = 10

_context_lock = threading.Lock()
_context = None


class RenderFailed(RuntimeError):
    """The child did not give a PDF: it ran out of time or memory, or WeasyPrint failed."""


def _forkserver():
    """The forkserver context, its server preloading Django and WeasyPrint (started on
    first use, once per app process)."""
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["nnpcf.pdf_worker"])
            _context = context
        return _context


def _limits() -> tuple[float, int]:
    """PDF_RENDER_SECONDS and PDF_RENDER_MEMORY (bytes), from the environment."""
    return settings.PDF_RENDER_SECONDS, settings.PDF_RENDER_MEMORY


def render_aside(html: str) -> bytes:
    """The PDF of `html`, made by `render.write_pdf` in a niced child process."""
    seconds, memory = _limits()
    context = _forkserver()
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(
        target=_render_in_child, args=(html, sending, memory), name="pdf-render", daemon=True
    )
    try:
        child.start()
    except OSError as error:  # no processes or sockets left, or no temporary folder
        receiving.close()
        sending.close()
        raise RenderFailed(f"the PDF renderer could not start ({error})") from error
    sending.close()  # the child holds its own end: an early exit reads as end of file
    try:
        if not receiving.poll(seconds):
            raise RenderFailed(f"making the PDF took longer than {seconds:g} seconds")
        try:
            ok, result = receiving.recv()
        except EOFError as ended:
            raise RenderFailed("the PDF renderer stopped before it finished") from ended
    finally:
        receiving.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if not ok:
        raise RenderFailed(result)
    return result


def _render_in_child(html: str, sending: Connection, memory: int) -> None:
    import os
    import resource

    from .render import write_pdf

    os.nice(NICENESS)
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        outcome = (True, write_pdf(html))
    except MemoryError:
        outcome = (False, "making the PDF needed more memory than it may use")
    except Exception as error:  # sent to the app, which reports it
        outcome = (False, f"{error.__class__.__name__}: {error}")
    sending.send(outcome)
    sending.close()
