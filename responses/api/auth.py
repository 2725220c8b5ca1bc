"""Calls to the API that read a person's work carry one of their API tokens."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from .. import tokens
from ..people import User


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`, a token made on the account page."""

    openapi_description = "A personal API token, made on your account page at /account/."

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        person = tokens.authenticate(token)
        if person is not None:
            # The call is theirs from here on, for everything that asks who sent the
            # request: the permission rules, and the middleware that keeps their pages
            # out of shared caches.
            request.user = person
        return person


api_token = ApiTokenAuth()
