"""`manage.py check --deploy` is clean with the production environment docs/security.md lists."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The documented production environment (docs/security.md, "Production settings").
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-secret-of-at-least-fifty-characters-0123456789-xyz",
    "ALLOWED_HOSTS": "tandem.example.org",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "BEHIND_TLS_PROXY": "1",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.example.org",
}


def run_check(**overrides: str) -> subprocess.CompletedProcess:
    # Not the test run's own switches (the browser tests' plugin sets DJANGO_ALLOW_ASYNC_UNSAFE).
    ours = ("SECURE_", "DEBUG", "EMAIL_", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    env |= PRODUCTION | overrides
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_is_clean_with_the_documented_production_settings():
    result = run_check()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_would_warn_without_them():
    """The check is real: leaving plain HTTP served fails it."""
    result = run_check(SECURE_SSL_REDIRECT="0")

    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr
