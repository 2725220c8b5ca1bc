from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from .. import permissions
from ..comments import add_comment, reopen_comment, resolve_comment
from ..forms import CommentForm
from ..models import Section
from ..refusals import ActionRefused


def _comments_url(section: Section) -> str:
    return f"{section.response.get_absolute_url()}#comments-{section.pk}"


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    section = permissions.get_section_for_comment(request.user, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write something before posting the comment.")
        return redirect(_comments_url(section))
    parent = None
    if form.cleaned_data["parent"]:
        parent = section.comments.filter(pk=form.cleaned_data["parent"]).first()
        if parent is None:
            raise Http404("No such comment.")
    try:
        add_comment(
            section=section, body=form.cleaned_data["body"], parent=parent, actor=request.user
        )
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Comment posted.")
    return redirect(_comments_url(section))


@login_required
@require_POST
def comment_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    comment = permissions.get_comment_for_edit(request.user, pk)
    resolve_comment(comment=comment, actor=request.user)
    messages.success(request, "Comment resolved.")
    return redirect(_comments_url(comment.section))


@login_required
@require_POST
def comment_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    comment = permissions.get_comment_for_edit(request.user, pk)
    reopen_comment(comment=comment, actor=request.user)
    messages.success(request, "Comment reopened.")
    return redirect(_comments_url(comment.section))
