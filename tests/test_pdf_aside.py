"""PDFs made in a process of their own: the same bytes as in this process, at a lower
priority, and stopped with a clear message when they run out of time or memory."""

import contextlib
import multiprocessing
import os
import threading

import pytest
from django.contrib import messages
from django.urls import reverse

from responses.pdf import aside, render
from responses.pdf.aside import RenderFailed, render_aside

from . import factories

HTML = (
    '<html lang="en-GB"><head><title>A statement</title></head>'
    "<body><h1>Our response</h1><p>Families must help write the framework.</p></body></html>"
)
LONG_HTML = (
    '<html lang="en-GB"><head><title>A long statement</title></head><body>'
    + "".join(
        f"<h2>Point {n}</h2><p>{'Families told us this matters. ' * 60}</p>" for n in range(400)
    )
    + "</body></html>"
)


def test_the_renderer_gives_the_same_bytes_as_this_process():
    assert render_aside(HTML) == render.write_pdf(HTML)


def test_the_renderer_runs_at_a_lower_priority_than_the_app():
    """Seen from outside while it renders: its niceness is the app's plus NICENESS (19
    at most, the lowest priority there is)."""
    seen = []
    done = threading.Event()

    def watch():
        while not done.is_set():
            for child in multiprocessing.active_children():
                if child.name == "pdf-render":
                    with contextlib.suppress(ProcessLookupError, TypeError):  # just ended
                        seen.append(os.getpriority(os.PRIO_PROCESS, child.pid))
            done.wait(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        render_aside(LONG_HTML)
    finally:
        done.set()
        watcher.join()
    assert max(seen) == min(19, os.getpriority(os.PRIO_PROCESS, 0) + aside.NICENESS)


def test_a_render_that_takes_too_long_is_stopped(settings):
    settings.PDF_RENDER_SECONDS = 0.05
    with pytest.raises(RenderFailed, match="took longer than 0.05 seconds"):
        render_aside(LONG_HTML)
    assert not [c for c in multiprocessing.active_children() if c.name == "pdf-render"]


def test_a_render_that_needs_too_much_memory_is_stopped(settings):
    settings.PDF_RENDER_MEMORY = 64 * 1024**2  # less than the renderer itself holds
    with pytest.raises(RenderFailed):
        render_aside(LONG_HTML)


def test_a_draft_pdf_that_cannot_be_made_says_so_and_goes_back(
    client, regional_response, member, settings
):
    settings.PDF_RENDER_SECONDS = 0.001
    for section in regional_response.sections.all():
        factories.draft(section, "Families told us this matters. " * 300, author=member)
    client.force_login(member)
    answer = client.get(reverse("response_pdf", args=[regional_response.pk]))
    assert answer.status_code == 302 and answer.url == regional_response.get_absolute_url()
    (message,) = messages.get_messages(answer.wsgi_request)
    assert "The PDF could not be made" in message.message and "try again" in message.message


def test_a_renderer_that_cannot_start_is_reported(monkeypatch):
    context = aside.forkserver()

    def no_more_processes(self):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(context.Process, "start", no_more_processes)
    with pytest.raises(RenderFailed, match="could not start"):
        render_aside(HTML)
