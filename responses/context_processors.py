from . import permissions


def navigation(request):
    """What the navigation may offer the signed-in user, decided in `permissions`."""
    # A request refused before it reached the sign-in middleware (a forged Host
    # header, say) has no user: its error page is shown as to someone signed out.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_may_see_record": permissions.can_view_audit_log(user),
        "nav_may_administer": permissions.is_administrator(user),
    }
