"""The gate in front of a local Streamlit server: host, origin, paths, framing.

A page on another site can reach a server on 127.0.0.1 in two ways: by
naming it under a host name of its own that resolves to 127.0.0.1 (DNS
rebinding), or by opening a WebSocket to it from another origin (another
port on localhost is another origin). Streamlit's own checks compare host
names only and ignore the port, so this plain ASGI middleware (no web
framework imported: the core stays UI-free) sits in front of every request:

- the ``Host`` header must be one of the exact ``host:port`` pairs the server
  was started for (the bound address, and ``localhost`` when that is a
  loopback address); a missing or repeated ``Host`` is refused;
- an ``Origin`` header, when sent (always for a WebSocket, and for a
  browser's cross-site or POST request), must be ``http://`` plus that very
  ``Host``: same scheme, host and port;
- a WebSocket without an ``Origin`` is refused (every browser sends one);
- paths that serve nothing a therapist needs are answered 404: the metrics
  endpoint (it shows when someone is active), the agent API and the static
  folder, whatever the configuration says;
- every HTTP answer forbids framing (``X-Frame-Options: DENY`` and
  ``Content-Security-Policy: frame-ancestors 'none'``), content sniffing and
  referrers.

Refusals carry no detail: the person at the keyboard sees the page only
through the right address, and anyone else learns nothing from the answer.
"""

from collections.abc import Iterable

#: Path prefixes answered 404 whatever Streamlit's configuration says.
BLOCKED_PREFIXES = ("/_stcore/metrics", "/_stcore/agent", "/app/static")

#: Headers added to every HTTP answer (lower-case names, as ASGI sends them).
SECURITY_HEADERS = (
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)
_REPLACED = {name for name, _ in SECURITY_HEADERS}

#: WebSocket close code "policy violation"; before acceptance the server answers 403.
_POLICY_VIOLATION = 1008


class LocalGuard:
    """ASGI middleware: ``LocalGuard(app, hosts=["127.0.0.1:8501", "localhost:8501"])``."""

    def __init__(self, app, hosts: Iterable[str]):
        self.app = app
        self.hosts = frozenset(host.lower() for host in hosts)
        if not self.hosts:
            raise ValueError("a local server needs at least one allowed host")

    async def __call__(self, scope, receive, send):
        kind = scope.get("type")
        if kind not in ("http", "websocket"):
            return await self.app(scope, receive, send)  # lifespan
        if not allowed(scope, self.hosts):
            return await _refuse(kind, send, 403)
        if any(scope.get("path", "").startswith(prefix) for prefix in BLOCKED_PREFIXES):
            return await _refuse(kind, send, 404)
        if kind == "websocket":
            return await self.app(scope, receive, send)
        return await self.app(scope, receive, _with_security_headers(send))


def allowed(scope, hosts: frozenset[str]) -> bool:
    """True when the request names an allowed host and, if it says, came from it."""
    hosts_sent = _header_values(scope, b"host")
    if len(hosts_sent) != 1 or hosts_sent[0].lower() not in hosts:
        return False
    origins = _header_values(scope, b"origin")
    if scope["type"] == "websocket" and not origins:
        return False
    return all(origin.lower() == f"http://{hosts_sent[0].lower()}" for origin in origins)


def _header_values(scope, name: bytes) -> list[str]:
    return [
        value.decode("latin-1") for key, value in scope.get("headers", ()) if key.lower() == name
    ]


async def _refuse(kind: str, send, status: int) -> None:
    if kind == "websocket":
        await send({"type": "websocket.close", "code": _POLICY_VIOLATION})
        return
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain"), *SECURITY_HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": b"Refused.\n" if status == 403 else b""})


def _with_security_headers(send):
    async def sending(message):
        if message.get("type") == "http.response.start":
            kept = [(k, v) for k, v in message.get("headers", ()) if k.lower() not in _REPLACED]
            message = {**message, "headers": [*kept, *SECURITY_HEADERS]}
        await send(message)

    return sending
