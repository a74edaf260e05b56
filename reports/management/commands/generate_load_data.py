import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from benchmarks import loaddata
from municipalities.models import Municipality


class Command(BaseCommand):
    help = (
        "Generate N municipalities × Y years of history (reports, pictures, problems, meetings, "
        "promises, measures, safety walks, surveys, indicators) for load tests."
    )

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", type=int, default=30)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="The last day of the history (YYYY-MM-DD); today if left out.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Generate even though DEBUG is off (never on a production database).",
        )

    def handle(self, *args, municipalities, years, seed, today, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production. Load-test users with known passwords "
                "would be created. Use --force if you really mean it."
            )
        if municipalities < 1 or years < 1:
            raise CommandError("--municipalities and --years must be at least 1.")
        if Municipality.objects.filter(slug__startswith=f"{loaddata.SLUG_PREFIX}-").exists():
            raise CommandError("Load data already exists in this database; use an empty one.")
        self.stdout.write(f"Generating {municipalities} × {years} years of history (seed {seed})")
        result = loaddata.generate(
            municipalities=municipalities,
            years=years,
            seed=seed,
            today=today,
            log=self.stdout.write,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh planner statistics for the benchmark
        for label, count in sorted(result.counts.items()):
            self.stdout.write(f"  {label:<45}{count:>10}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {result.seconds:.1f} s: {sum(result.counts.values())} rows. "
                f"Users <slug>-coordinator, <slug>-reporter-1 … password {loaddata.LOAD_PASSWORD}."
            )
        )
