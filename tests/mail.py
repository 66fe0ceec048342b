"""An e-mail backend for tests that run the worker as a separate process."""

import time
from pathlib import Path

from django.core.mail.backends import filebased


class HoldingEmailBackend(filebased.EmailBackend):
    """Django's file backend (one ``.log`` file per connection in ``EMAIL_FILE_PATH``), except that
    while a file named ``hold`` is in that folder it writes ``sending`` there and waits before
    sending anything: a test kills the worker at that moment, before the e-mail goes."""

    def send_messages(self, email_messages):
        folder = Path(self.file_path)
        while (folder / "hold").exists():
            (folder / "sending").touch()
            time.sleep(0.05)
        return super().send_messages(email_messages)


class HoldAfterEmailBackend(filebased.EmailBackend):
    """The file backend, except that while a file named ``hold-after`` is in that folder, holding
    a number N, once N e-mails have been written it writes ``sending`` there and waits before
    sending the next: a test kills the worker part way through a run of e-mails."""

    def send_messages(self, email_messages):
        folder = Path(self.file_path)
        while (limit := _number_in(folder / "hold-after")) is not None and len(
            sent_messages(folder)
        ) >= limit:
            (folder / "sending").touch()
            time.sleep(0.05)
        return super().send_messages(email_messages)


def _number_in(path: Path) -> int | None:
    try:
        return int(path.read_text())
    except (FileNotFoundError, ValueError):
        return None


def sent_messages(folder: Path) -> list[str]:
    """The messages the file backend wrote, one string each."""
    separator = "-" * 79
    return [
        message
        for log in sorted(folder.glob("*.log"))
        for message in log.read_text().split(separator)
        if message.strip()
    ]


class SlowEmailBackend(filebased.EmailBackend):
    """The file backend, taking a tenth of a second over each e-mail as a distant mail server
    might, so that two workers draining one queue are at work at the same time."""

    def send_messages(self, email_messages):
        time.sleep(0.1 * len(email_messages))
        return super().send_messages(email_messages)
