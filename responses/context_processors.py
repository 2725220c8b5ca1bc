from . import permissions


def navigation(request):
    """What the navigation may offer the signed-in user, decided in `permissions`."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "nav_may_see_record": permissions.can_view_audit_log(user),
        "nav_may_administer": permissions.is_administrator(user),
    }
