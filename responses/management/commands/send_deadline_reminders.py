from django.core.management.base import BaseCommand

from responses.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = (
        "Email forum leads whose response lacks stances 7, 3 and 1 days before a "
        "deadline. Run daily (cron or a scheduler); running twice sends nothing new."
    )

    def handle(self, *args, **options):
        sent = send_deadline_reminders()
        self.stdout.write(f"Queued {len(sent)} reminder{'s' if len(sent) != 1 else ''}.")
