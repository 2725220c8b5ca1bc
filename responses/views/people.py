"""A forum's people: its members and their roles, its invitations, and accepting one."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import invitations, permissions
from ..forms import InviteForm, NewAccountForm, RoleForm
from ..forums import MembershipRefused, change_role, current_response, remove_member, roles_for
from ..models import Forum, Membership
from ..names import display_name

# django-axes's backend comes first and wants the sign-in request; a newcomer who has
# just chosen their password is signed in with Django's own.
_SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _people_page(request: HttpRequest, forum: Forum, *, form=None, status=200) -> HttpResponse:
    return render(
        request,
        "people/forum_people.html",
        {
            "people": invitations.people_of(forum),
            "form": form or InviteForm(roles=roles_for(forum)),
            "response": current_response(forum),
        },
        status=status,
    )


@login_required
def forum_people(request: HttpRequest, forum_slug: str) -> HttpResponse:
    forum = permissions.get_forum_for_people(request.user, forum_slug)
    return _people_page(request, forum)


@login_required
@require_POST
def forum_invite(request: HttpRequest, forum_slug: str) -> HttpResponse:
    # The forum comes from the address alone: a forum named in the form is ignored.
    forum = permissions.get_forum_for_people(request.user, forum_slug)
    form = InviteForm(request.POST, roles=roles_for(forum))
    if form.is_valid():
        try:
            invitation = invitations.invite(actor=request.user, forum=forum, **form.cleaned_data)
        except invitations.InvitationRefused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(
                request, f"Invitation sent to {invitation.email}. The link works for seven days."
            )
            return redirect("forum_people", forum.slug)
    return _people_page(request, forum, form=form, status=400)


def _change(request: HttpRequest, forum: Forum, change: Callable[[], str]) -> HttpResponse:
    """Make one change to the forum's people and go back to their page: `change`
    returns what to tell the lead, or its refusal says why nothing changed."""
    try:
        messages.success(request, change())
    except (invitations.InvitationRefused, MembershipRefused) as refusal:
        messages.error(request, refusal.message)
    permissions.forget_roles(request.user)
    if not permissions.can_manage_people(request.user, forum):
        return redirect("dashboard")  # they stepped down or left: the page is no longer theirs
    return redirect("forum_people", forum.slug)


def _on_invitation(request: HttpRequest, pk: int, act, done: str) -> HttpResponse:
    invitation = permissions.get_invitation_for_people(request.user, pk)

    def change() -> str:
        act(actor=request.user, invitation=invitation)
        return done.format(email=invitation.email)

    return _change(request, invitation.forum, change)


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_invitation(
        request,
        pk,
        invitations.resend_invitation,
        "A new link was sent to {email}. The earlier link no longer works.",
    )


@login_required
@require_POST
def invitation_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_invitation(
        request,
        pk,
        invitations.cancel_invitation,
        "The invitation for {email} is cancelled: its link no longer works.",
    )


@login_required
@require_POST
def membership_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = permissions.get_membership_for_people(request.user, pk)
    form = RoleForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else ""

    def change() -> str:
        changed = change_role(actor=request.user, membership=membership, role=role)
        return f"{display_name(changed.user)} is now {changed.get_role_display().lower()}."

    return _change(request, membership.forum, change)


@login_required
def membership_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """A page that asks first; removing is the form's POST."""
    membership = permissions.get_membership_for_people(request.user, pk)
    if request.method != "POST":
        return render(request, "people/membership_remove.html", {"membership": membership})

    def remove() -> str:
        remove_member(actor=request.user, membership=membership)
        return f"{display_name(membership.user)} is no longer a member of {membership.forum.name}."

    return _change(request, membership.forum, remove)


# Accepting an invitation --------------------------------------------------------------


def _landing(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The forum's current response, where the newcomer can start at once."""
    forum = membership.forum
    response = current_response(forum)
    if response is None:
        messages.success(
            request,
            f"Welcome to {forum.name}. It has not started a response yet: "
            "it will appear here when it does.",
        )
        return redirect("dashboard")
    messages.success(request, f"Welcome to {forum.name}. This is its latest response.")
    return redirect(response)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Open to everyone: the link is the key. A newcomer chooses their name and
    password; someone with an account signs in first; then the invitation is accepted."""
    opened = invitations.open_link(token)
    page = "people/invitation_accept.html"
    if not opened.can_accept:
        status = 404 if opened.problem == "forged" else 410
        return render(
            request, page, {"problem": invitations.LINK_PROBLEMS[opened.problem]}, status=status
        )
    invitation = opened.invitation
    context = {"invitation": invitation}
    if request.user.is_authenticated:
        context["refusal"] = invitations.not_for_you(invitation, request.user)
        if request.method == "POST" and not context["refusal"]:
            try:
                return _landing(
                    request, invitations.accept_invitation(token=token, user=request.user)
                )
            except invitations.InvitationRefused as refusal:
                context["refusal"] = refusal.message
        return render(request, page, context)
    if opened.account() is not None:
        context["sign_in_url"] = f"{reverse('login')}?{urlencode({'next': request.path}, safe='/')}"
        return render(request, page, context)
    form = NewAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            membership = invitations.create_account_and_accept(
                token=token,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except invitations.InvitationRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            login(request, membership.user, backend=_SIGN_IN_BACKEND)
            return _landing(request, membership)
    return render(request, page, {**context, "form": form}, status=400 if form.errors else 200)
