"""The audio copy: the easy-read text read aloud, as an MP3 any phone plays.

Debian's `espeak-ng` reads it in a British English voice at an unhurried speed, and `lame`
compresses its WAV to a small mono MP3. Both are run directly (no shell), with the text on
standard input (so no text is ever taken as an option) and a time limit. Both are deterministic:
the same text gives the same bytes, so an audio copy can be made again exactly (checked in the
tests). A missing or failing tool raises SpeechError, with what to install.
"""

import shutil
import subprocess

VOICE = "en-gb"
WORDS_A_MINUTE = 140  # espeak-ng's default is 175: slower is easier to follow
BITRATE_KBPS = 48  # plenty for one voice, about 360 KB a minute
TIMEOUT_SECONDS = 120


class SpeechError(RuntimeError):
    """The audio copy could not be made: a tool is missing, failed or took too long."""


def _run(command: list[str], data: bytes) -> bytes:
    tool = shutil.which(command[0])
    if tool is None:
        raise SpeechError(
            f"{command[0]} is not installed: install the Debian packages espeak-ng and lame "
            "(scripts/system-packages.sh)"
        )
    try:
        done = subprocess.run(  # noqa: S603 - a fixed command, the text on stdin
            [tool, *command[1:]], input=data, capture_output=True, timeout=TIMEOUT_SECONDS
        )
    except subprocess.TimeoutExpired as error:
        raise SpeechError(f"{command[0]} took longer than {TIMEOUT_SECONDS} seconds") from error
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode(errors="replace").strip()[:500]
        raise SpeechError(f"{command[0]} failed ({done.returncode}): {message}")
    return done.stdout


def speech_wav(text: str) -> bytes:
    """`text` read aloud by espeak-ng, as WAV."""
    command = ["espeak-ng", "-v", VOICE, "-s", str(WORDS_A_MINUTE), "--stdin", "--stdout"]
    return _run(command, text.encode())


def mp3(text: str) -> bytes:
    """`text` read aloud, as a mono MP3."""
    wav = speech_wav(text)
    return _run(["lame", "--quiet", "-m", "m", "-b", str(BITRATE_KBPS), "-", "-"], wav)
