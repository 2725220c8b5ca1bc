"""What every response carries, whoever asks."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from responses.middleware import SignedInPagesStayPrivateMiddleware

from . import factories


def test_signed_in_pages_are_kept_by_no_cache(client, member):
    client.force_login(member)
    for url in (reverse("dashboard"), reverse("password_change")):
        assert client.get(url)["Cache-Control"] == "private, no-store"


def test_the_public_statement_stays_cacheable_signed_out_but_not_signed_in(
    client, statement, steering, second_steering
):
    factories.approve_everything(statement, approvers=[steering, second_steering])
    factories.publish(statement, approvers=[steering, second_steering])
    url = reverse("statement_latest", args=[statement.report.slug])

    signed_out = client.get(url)
    assert signed_out.status_code == 200
    assert "no-store" not in signed_out.get("Cache-Control", "")

    client.force_login(steering)
    assert client.get(url)["Cache-Control"] == "private, no-store"


def _through_the_middleware(user, cache_control: str) -> HttpResponse:
    def view(request):
        response = HttpResponse("A page")
        response["Cache-Control"] = cache_control
        return response

    request = RequestFactory().get("/statements/a-report/")
    request.user = user
    return SignedInPagesStayPrivateMiddleware(view)(request)


def test_a_views_own_caching_is_kept_for_visitors_who_are_signed_out():
    response = _through_the_middleware(AnonymousUser(), "public, max-age=600")
    assert response["Cache-Control"] == "public, max-age=600"


def test_a_views_own_caching_gives_way_for_someone_signed_in(member):
    response = _through_the_middleware(member, "public, max-age=600")
    assert response["Cache-Control"] == "private, no-store"


def test_static_files_stay_cacheable_for_someone_signed_in(client, member, settings):
    # WhiteNoise answers for static files before the request reaches the middleware.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client.force_login(member)
    stylesheet = client.get("/static/css/app.css")
    assert stylesheet.status_code == 200
    assert "no-store" not in stylesheet.get("Cache-Control", "")
