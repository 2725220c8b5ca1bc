from django.core.management.base import BaseCommand

from responses.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo report, forums and users. Safe to run again."

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write("Demo data is ready. Sign in at http://127.0.0.1:8000/ as:")
        for username, what in logins.items():
            self.stdout.write(f"  {username:<20} {what}")
        self.stdout.write(f"Every demo password is: {DEMO_PASSWORD}")
