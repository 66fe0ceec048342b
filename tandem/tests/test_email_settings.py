"""E-mail is configured from the environment (README, "Settings"): the console by default for
`make run`, and SMTP for a real deployment. Each case starts Django afresh in a subprocess, as a
server would, so the settings are read from the environment given."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import django, json; django.setup(); from django.core import mail; "
    "backend = mail.mailers['default']; "
    "print(json.dumps({'class': type(backend).__module__, "
    "'host': getattr(backend, 'host', None), 'port': getattr(backend, 'port', None), "
    "'username': getattr(backend, 'username', None), 'use_tls': getattr(backend, 'use_tls', None), "
    "'timeout': getattr(backend, 'timeout', None)}))"
)


def mailer(**env: str) -> dict:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env={
            **keep,
            "DJANGO_SETTINGS_MODULE": "tandem.settings",
            "SECRET_KEY": "test-only-key",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_it_prints_e_mail_in_the_terminal_by_default():
    assert mailer()["class"] == "django.core.mail.backends.console"


def test_it_sends_by_smtp_with_the_servers_details_from_the_environment():
    shown = mailer(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="2525",
        EMAIL_HOST_USER="tandem",
        EMAIL_HOST_PASSWORD="not-a-real-password",
        EMAIL_USE_TLS="0",
        EMAIL_TIMEOUT="10",
    )
    assert shown == {
        "class": "django.core.mail.backends.smtp",
        "host": "smtp.example.org",
        "port": 2525,
        "username": "tandem",
        "use_tls": False,
        "timeout": 10,
    }


def test_smtp_uses_tls_on_port_587_unless_told_otherwise():
    shown = mailer(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="smtp.example.org"
    )
    assert (shown["port"], shown["use_tls"]) == (587, True)
