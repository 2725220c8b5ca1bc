"""Background tasks, run by the task worker (`python manage.py db_worker`)."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, recipients: list[str]) -> int:
    """Send one email to each recipient separately, so nobody sees the others."""
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients]
    return send_mass_mail(messages, fail_silently=False)


@task()
def send_password_reset(*, email: str) -> None:
    from .passwords import send_reset_email

    send_reset_email(email)
