"""The practice's web journal address, and the invitation link built on it.

The therapist sets the address once (where the static web journal is hosted,
or ``http://127.0.0.1:8502/`` for ``securebase-journal app``). An invitation
link is ``ADDRESS#SBINVITE1...``: the code travels in the URL fragment, which
browsers never send to the server, so the host only ever serves files.
Rules: https only, except for this computer's loopback addresses; no
credentials, query or fragment in the address; at most ``MAX_ADDRESS_CHARS``.
"""

from urllib.parse import urlsplit

from securebase.errors import InvalidJournalAddress

MAX_ADDRESS_CHARS = 200
SETTING = "journal_url"
_LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def check_journal_url(address: str) -> str:
    """The address, normalised (ending in "/" when it names a folder); else refused."""
    text = address.strip()
    try:
        parts = urlsplit(text)
        port = parts.port  # raises on a malformed port
    except ValueError:
        raise InvalidJournalAddress() from None
    del port
    host = (parts.hostname or "").lower()
    secure = parts.scheme == "https" or (parts.scheme == "http" and host in _LOOPBACK_HOSTS)
    plain = all(32 < ord(c) < 127 for c in text)
    if not (secure and host and plain) or parts.username or parts.password:
        raise InvalidJournalAddress()
    if parts.query or parts.fragment or "#" in text or len(text) > MAX_ADDRESS_CHARS:
        raise InvalidJournalAddress()
    if not parts.path:
        text += "/"
    return text


def invitation_link(address: str, code: str) -> str:
    return f"{check_journal_url(address)}#{code}"
