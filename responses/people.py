"""Who uses the product, as the rules' type hints name them.

A permission question is asked about whoever sent the request, signed in or not: a
`Person`. A write function is done by someone signed in: a `User`.
"""

from django.contrib.auth.models import AnonymousUser, User

__all__ = ["Person", "User"]

Person = User | AnonymousUser
