"""The read-only JSON API, under /api/v1/: its OpenAPI 3 schema at /api/v1/schema/ and
its browsable docs at /api/v1/docs/.

The published statements are open to anyone. Everything else answers for the person
whose API token the call carries (`Authorization: Bearer <token>`), exactly as the site
would show it to them: every object is found through `responses.permissions`. Nothing
here writes, so the API takes GET only and needs no CSRF token.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from . import public, reports, responses
from .auth import api_token

api = NinjaAPI(
    title="NNPCF responses",
    version="1",
    description=(
        "Read-only access to the National Network of Parent Carer Forums' responses to "
        "reports and consultations. Published statements need no token. Reports, "
        "responses, sections and positions answer for the person whose personal API "
        "token the call carries (make one on your account page), as the site shows them "
        "to that person. Lists come in pages: `page` and `page_size` (at most 100)."
    ),
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url="/docs/",
    auth=api_token,
)
api.add_router("", public.router)
api.add_router("", reports.router)
api.add_router("", responses.router)


@api.exception_handler(AuthenticationError)
def _no_valid_token(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    refusal = api.create_response(request, {"detail": "A valid API token is needed."}, status=401)
    refusal["WWW-Authenticate"] = "Bearer"
    return refusal


@api.exception_handler(PermissionDenied)
def _refused(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Forbidden."}, status=403)
