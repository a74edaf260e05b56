"""A real gunicorn process serving the test database, for tests that break its services."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from django.conf import settings
from django.db import connection


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_postgres():
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_SERVICES"):
            pytest.fail("REQUIRE_SERVICES is set but the tests do not run on PostgreSQL")
        pytest.skip("needs PostgreSQL (set DATABASE_URL): the server process shares the test DB")


def database_url(application_name: str) -> str:
    db = settings.DATABASES["default"]
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}?application_name={application_name}"


class Server:
    """gunicorn with synchronous workers: one by default, so one persistent database connection
    is reused."""

    def __init__(self, env: dict[str, str], *, workers: int = 1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        clean_env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "fagersta.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "30",
            ],
            cwd=settings.BASE_DIR,
            env={**clean_env, "CONN_MAX_AGE": "600", "STATIC_MANIFEST": "false", **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.forget_session()
        self._wait()

    def forget_session(self) -> None:
        """Go on as a new visitor: no session, no CSRF cookie."""
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def _wait(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stderr.read().decode())
            try:
                self.get("/healthz")
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.url + path, data=body)  # noqa: S310 - http only
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def get(self, path: str) -> tuple[int, str]:
        return self.request(path)

    def csrf_token(self) -> str:
        for handler in self.opener.handlers:
            jar = getattr(handler, "cookiejar", None)
            if jar is not None:
                for cookie in jar:
                    if cookie.name == "csrftoken":
                        return cookie.value
        raise AssertionError("no CSRF cookie")

    def post(self, path: str, data: dict) -> tuple[int, str]:
        self.get(path if not path.endswith("/ny/") else path.rsplit("ny/", 1)[0])
        return self.request(path, {**data, "csrfmiddlewaretoken": self.csrf_token()})

    def sign_in(self, username: str, password: str) -> None:
        self.get("/accounts/login/")
        status, body = self.request(
            "/accounts/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": self.csrf_token()},
        )
        assert status == 200 and 'id="id_password"' not in body, "sign-in failed"

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def server_user(municipality, role, username, *, organisation=None):
    """A member whose password the server process can check with its own (slow) hasher."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from tests.factories import PASSWORD, member

    user = member(municipality, role, organisation=organisation, username=username)
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)
    user.save(update_fields=["password"])
    return user


@pytest.fixture
def server_env():
    return {
        "SECRET_KEY": "reliability-test-key",
        "HTTPS": "false",
        "DEBUG": "false",
        "TWO_FACTOR_REQUIRED": "false",
    }


@pytest.fixture
def redis_server_binary():
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("REQUIRE_SERVICES"):
            pytest.fail("REQUIRE_SERVICES is set but redis-server is not installed")
        pytest.skip("redis-server is not installed")
    return binary
