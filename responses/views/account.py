"""Your account: who you are here, and your personal API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import permissions, tokens
from ..forms import ApiTokenForm

# A new token's key waits in the session for the page the form sends you to, which
# shows it and forgets it: reloading that page, or going back, cannot make a second
# token or show the key again.
_NEW_TOKEN = "new_api_token"


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The page, and making a token on it."""
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        made = tokens.create_api_token(actor=request.user, name=form.cleaned_data["name"])
        request.session[_NEW_TOKEN] = {"pk": made.token.pk, "key": made.key}
        return redirect("account")
    live = tokens.live_tokens(request.user)
    waiting = request.session.pop(_NEW_TOKEN, None) if not form.is_bound else None
    new_token = None
    if waiting:
        token = next((each for each in live if each.pk == waiting["pk"]), None)
        new_token = tokens.NewToken(token=token, key=waiting["key"]) if token else None
    return render(
        request,
        "account/account.html",
        {"form": form, "new_token": new_token, "tokens": live},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = permissions.get_api_token_for_revoke(request.user, pk)
    tokens.revoke_api_token(actor=request.user, token=token)
    messages.success(request, f"The token “{token.name}” is revoked: it no longer works.")
    return redirect("account")
