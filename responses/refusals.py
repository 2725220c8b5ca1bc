"""The one refusal the product's write functions raise when what the user asked for
cannot be done as it stands: saving, restoring, submitting, reopening, commenting."""

from django.core.exceptions import ValidationError


class ActionRefused(ValidationError):
    """Nothing was changed: the message says why, for the user."""
