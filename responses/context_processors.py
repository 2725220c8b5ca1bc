from . import permissions


def navigation(request):
    """The signed-in user's forums and what the navigation may offer them."""
    user = request.user
    if not user.is_authenticated:
        return {}
    roles = permissions.forum_roles(user)
    return {
        "nav_forum_roles": roles,
        "nav_is_administrator": permissions.is_administrator(user),
        "nav_is_steering": permissions.is_steering(user),
    }
