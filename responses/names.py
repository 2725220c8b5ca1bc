"""How the product names a person: the one place that decides it."""


def display_name(user) -> str:
    """Their full name as they gave it, else their sign-in name."""
    return user.get_full_name() or user.get_username()
