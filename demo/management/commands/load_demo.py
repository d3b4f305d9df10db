from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Loads the demo projects, their organisations, participants and one account per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even with DEBUG off (creates accounts with a published password).",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "DEBUG is off: the demo creates accounts with a published password. "
                "Use --allow-production only on a test server."
            )
        accounts = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo accounts (password for each: {DEMO_PASSWORD}):")
        for username, role in accounts:
            self.stdout.write(f"  {username:<12} {role}")
