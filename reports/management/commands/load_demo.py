from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from measures import demo as measures_demo
from municipalities import demo as municipalities_demo
from promises import demo as promises_demo
from situations import demo as situations_demo
from surveys import demo as surveys_demo


class Command(BaseCommand):
    help = "Load the demo municipalities Fagersta and Hagfors with users for every role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though DEBUG is off (never do this on a production database).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production. Demo users with known passwords "
                "would be created. Use --force if you really mean it."
            )
        with transaction.atomic():
            municipalities = municipalities_demo.load()
            # Each app adds its own demo data here as it lands.
            situations_demo.load(municipalities)
            promises_demo.load(municipalities)
            measures_demo.load(municipalities)
            surveys_demo.load(municipalities)
        self.stdout.write(self.style.SUCCESS("Demo data loaded: " + ", ".join(municipalities)))
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {municipalities_demo.DEMO_PASSWORD}):")
        for username, description in municipalities_demo.demo_logins():
            self.stdout.write(f"  {username:<22} {description}")
