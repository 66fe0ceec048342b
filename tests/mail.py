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


def sent_messages(folder: Path) -> list[str]:
    """The messages the file backend wrote, one string each."""
    separator = "-" * 79
    return [
        message
        for log in sorted(folder.glob("*.log"))
        for message in log.read_text().split(separator)
        if message.strip()
    ]
