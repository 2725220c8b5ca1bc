"""Search across reports in what the person may read (the public index searches the
published statements)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import permissions
from ..forms import SearchForm
from ..search import Results, search


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = SearchForm(
        request.GET or None,
        reports=permissions.visible_reports(user),
        forums=permissions.visible_forums(user),
    )
    words = form.words
    results = search(user, words, form.filters(), form.page_number) if words else None
    return render(
        request,
        "search/search.html",
        {"form": form, "results": results, **pages_around(request, results)},
    )


def pages_around(request: HttpRequest, results: Results | None) -> dict[str, str]:
    """The addresses of the previous and next pages of results, if there are any."""
    links = {}
    if results is not None:
        for name, page, there in (
            ("previous_page", results.page - 1, results.page > 1),
            ("next_page", results.page + 1, results.has_next),
        ):
            if there:
                query = request.GET.copy()
                query["page"] = str(page)
                links[name] = f"?{query.urlencode()}"
    return links
