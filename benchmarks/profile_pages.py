"""Query count and server time of each benchmark page, measured in-process with Django's test
client: the first place to look when a page misses its goal.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/trygghet_load_10y \\
        .venv/bin/python benchmarks/profile_pages.py [--repeat 5] [--sql] [--cold]

Without --cold, pages after the first request come from the cache where they are cached.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipality", help="slug; default: the one with most history")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sql", action="store_true", help="print the slowest queries")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="empty the cache before every request: what a page costs after a change",
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagersta.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key")
    os.environ.setdefault("HTTPS", "false")
    os.environ.setdefault("TWO_FACTOR_REQUIRED", "false")
    os.environ.setdefault("STATIC_MANIFEST", "false")
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from benchmarks.http_benchmark import CSRF, session_cookie
    from benchmarks.targets import targets

    setup_test_environment()
    pages, _mix = targets(args.municipality, session_cookie, CSRF)
    print(f"{'page':<30}{'status':>7}{'queries':>9}{'ms median':>11}{'ms in SQL':>11}")
    for page in pages:
        if page.method == "POST":
            continue  # saving changes the data; the wrk run measures it
        client = Client(HTTP_HOST="127.0.0.1")
        for part in page.cookie.split("; "):
            if "=" in part:
                name, value = part.split("=", 1)
                client.cookies[name] = value
        timings = []
        for _ in range(args.repeat):
            if args.cold:
                cache.clear()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(page.path)
                timings.append((time.perf_counter() - started) * 1000)
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(
            f"{page.name:<30}{response.status_code:>7}{len(queries):>9}"
            f"{statistics.median(timings):>11.1f}{sql_ms:>11.1f}"
        )
        if args.sql:
            shapes = Counter(q["sql"][:90] for q in queries.captured_queries)
            for q in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:5]:
                print(f"    {float(q['time']) * 1000:7.1f} ms  {q['sql'][:160]}")
            for sql, count in shapes.most_common(3):
                if count > 1:
                    print(f"    {count}×  {sql}")


if __name__ == "__main__":
    main()
