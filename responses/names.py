"""How the product names a person: the one place that decides it."""

from .people import User


def display_name(user: User) -> str:
    """Their full name as they gave it, else their sign-in name."""
    return user.get_full_name() or user.get_username()
