"""HTTP benchmark: gunicorn on 127.0.0.1 against a database made by `generate_load_data`, driven
by wrk. Prints requests per second and p50/p95/p99 latency for each page, and each page's
throughput as a share of the health endpoint's in the same run; then a mixed run that must end
without errors.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/trygghet_load \\
    REDIS_URL=redis://127.0.0.1:6379/3 CELERY_BROKER_URL=redis://127.0.0.1:6379/4 \\
        .venv/bin/python benchmarks/http_benchmark.py --duration 15 --connections 8

REDIS_URL and CELERY_BROKER_URL make it run as production does (Redis cache shared by the
workers, the health endpoint checking Redis and the broker); without them every worker has a
cache of its own.

Every run is bounded: each wrk call has a fixed duration and the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA = ROOT / "benchmarks" / "report.lua"


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagersta.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key")
    import django

    django.setup()


def session_cookie(user) -> str:
    """A signed-in session for `user`, as a Cookie header value (with a CSRF cookie)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.set_expiry(3600 * 4)
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; csrftoken={CSRF}"


CSRF = secrets.token_hex(16)  # 32 characters: Django compares an unmasked secret directly.


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "false",
        "HTTPS": "false",
        "TWO_FACTOR_REQUIRED": "false",
        "STATIC_MANIFEST": "false",
        "CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "fagersta.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
            return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("gunicorn did not start")


def wrk(url: str, *, duration: int, connections: int, threads: int, env: dict) -> dict:
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            url,
        ],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=True,
    )
    line = [line for line in result.stdout.splitlines() if line.startswith("{")][-1]
    data = json.loads(line)
    data["rps"] = data["requests"] / data["seconds"] if data["seconds"] else 0.0
    data["errors"] = sum(data[k] for k in ("connect", "read", "write", "timeout", "status"))
    return data


def check_page(base: str, path: str, cookie: str, method: str = "GET", body: str = "") -> int:
    request = urllib.request.Request(  # noqa: S310 - loopback only
        base + path,
        data=body.encode() if method == "POST" else None,
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        method=method,
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def parse_arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--mix-duration", type=int, default=60)
    parser.add_argument("--mix-connections", type=int, default=50)
    parser.add_argument("--municipality", help="slug; default: the one with most history")
    parser.add_argument("--json", help="write the results to this file as JSON")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_arguments(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")

    setup_django()
    from django.conf import settings

    from benchmarks.targets import targets

    # The figures depend on the cache: rendered pages are cached, and in production the cache
    # is Redis, shared by every gunicorn worker. Say which one this run used.
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(
        f"cache: {backend} ({os.environ.get('REDIS_URL') or 'per process'}); "
        f"broker: {settings.CELERY_BROKER_URL or 'none (tasks in-process)'}"
    )
    from django.core.cache import cache

    # Nothing cached from another database may answer for this one (the keys hold primary
    # keys); the check request before each page fills the cache again.
    cache.clear()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    pages, mix_cookie = targets(args.municipality, session_cookie, CSRF)
    server = start_gunicorn(port, args.workers)
    results = []
    try:
        for page in pages:
            status = check_page(base, page.path, page.cookie, page.method, page.body)
            if status >= 400:
                raise SystemExit(f"{page.name}: {page.method} {page.path} answered {status}")
            data = wrk(
                base + page.path,
                duration=args.duration,
                connections=args.connections,
                threads=args.threads,
                env={
                    "WRK_METHOD": page.method,
                    "WRK_BODY": page.body,
                    "WRK_COOKIE": page.cookie,
                    "WRK_THREADS": str(args.threads),
                    **getattr(page, "env", {}),
                },
            )
            results.append({"name": page.name, "path": page.path, "method": page.method, **data})
        floor = results[0]["rps"] or 1
        print(
            f"\n{'page':<28}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
            f"{'errors':>8}{'vs health':>11}"
        )
        for r in results:
            print(
                f"{r['name']:<28}{r['rps']:>9.1f}{r['p50']:>9.1f}{r['p95']:>9.1f}"
                f"{r['p99']:>9.1f}{r['errors']:>8}{r['rps'] / floor:>10.0%}"
            )
        mix_paths = " ".join(p.path for p in pages if p.method == "GET")
        mix = wrk(
            base + pages[0].path,
            duration=args.mix_duration,
            connections=args.mix_connections,
            threads=args.threads,
            env={"WRK_METHOD": "GET", "WRK_COOKIE": mix_cookie, "WRK_PATHS": mix_paths},
        )
        print(
            f"\nmix of {len(mix_paths.split())} pages, {args.mix_duration} s, "
            f"{args.mix_connections} connections: {mix['requests']} requests, "
            f"{mix['rps']:.1f} req/s, p95 {mix['p95']:.1f} ms, p99 {mix['p99']:.1f} ms, "
            f"errors {mix['errors']} (connect {mix['connect']}, read {mix['read']}, "
            f"write {mix['write']}, timeout {mix['timeout']}, status {mix['status']})"
        )
        if args.json:
            Path(args.json).write_text(json.dumps({"pages": results, "mix": mix}, indent=2))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
