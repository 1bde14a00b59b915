"""Reaching client-given URLs safely: `url` documents and `callback_url` webhooks alike.

A server that connects to any URL it is given can be pointed at the machine's own services or
the local network. So a URL is refused unless its host is on the allow-list (empty by default)
and every address it resolves to is public (unless private addresses are explicitly allowed).

One mechanism, `open_url`, makes every such connection: the URL is parsed once (httpx.URL)
and checked; the host is resolved when the connection is made, every address the resolver
answers is checked, and the socket connects to a checked address, so a second DNS answer
(DNS rebinding) can never differ from what was checked. It never follows a redirect and never
uses a proxy from the environment; one deadline bounds the whole exchange (connect, TLS,
every read and write), so a peer that drips a byte at a time cannot hold a thread for ever.
`fetch_url` follows redirects by hand, each hop through `open_url` again, under one deadline;
webhooks do not follow redirects. Downloads are size-limited.
"""

from __future__ import annotations

import ipaddress
import mimetypes
import re
import socket
import ssl
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import httpcore
import httpx

from skillkit import __version__
from skillkit.documents import DOCUMENT_SUFFIXES

MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_SAFE_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,10}$")
# Everything httpcore (or the socket and TLS layers under it) raises for a failed exchange.
_TRANSPORT_ERRORS = (
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
    httpcore.ProxyError,
    ssl.SSLError,
    OSError,
)


class UrlRefused(Exception):
    """The URL may not be fetched (the request gets a 422 naming why)."""


class FetchFailed(Exception):
    """The URL was allowed but the download failed (the prediction fails naming why)."""


@dataclass(frozen=True)
class UrlPolicy:
    """Which URLs the server may connect to: `url` documents and `callback_url` webhooks.

    The default refuses everything (no host is on an empty allow-list)."""

    allow_list: tuple[str, ...] = ()
    allow_private: bool = False

    @classmethod
    def from_settings(cls, settings: Any) -> UrlPolicy:
        return cls(tuple(settings.url_allow_list), bool(settings.allow_private_urls))


def host_allowed(host: str, allow_list: list[str]) -> bool:
    """Exact host match, or `*.example.com` / `.example.com` for its subdomains."""
    host = host.lower().rstrip(".")
    for entry in allow_list:
        pattern = entry.strip().lower().rstrip(".")
        if not pattern:
            continue
        if pattern.startswith("*."):
            pattern = pattern[1:]
        if pattern.startswith("."):
            if host.endswith(pattern):
                return True
        elif host == pattern:
            return True
    return False


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _is_public(address: str) -> bool:
    """A global unicast address, also when it is an IPv4 address wrapped in IPv6 (mapped,
    6to4, Teredo, NAT64), whose embedded address must be public too."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded: list[ipaddress.IPv4Address] = []
        if ip.ipv4_mapped is not None:
            embedded.append(ip.ipv4_mapped)
        if ip.sixtofour is not None:
            embedded.append(ip.sixtofour)
        if ip.teredo is not None:
            embedded.extend(ip.teredo)
        if ip in _NAT64:
            embedded.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if ip.ipv4_mapped is not None:
            return _is_public(str(ip.ipv4_mapped))
        if not all(_is_public(str(e)) for e in embedded):
            return False
    return ip.is_global and not ip.is_multicast


def _parse(url: str) -> httpx.URL:
    """The one parse of a URL that both the checks and the connection use."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise UrlRefused(f"not a valid URL: {exc}") from exc
    if parsed.scheme not in ("http", "https"):
        raise UrlRefused(f"only http(s) URLs are allowed, not {parsed.scheme or 'no'} scheme")
    if not parsed.host:
        raise UrlRefused("the URL has no host")
    return parsed


def _check_host(parsed: httpx.URL, allow_list: Sequence[str]) -> None:
    host = parsed.host
    ascii_host = parsed.raw_host.decode("ascii", "replace")
    if not (host_allowed(host, list(allow_list)) or host_allowed(ascii_host, list(allow_list))):
        raise UrlRefused(
            f"host {host!r} is not on the server's URL allow-list; start the server with "
            f"--allow-url-host {host}"
        )


def resolve_checked(host: str, port: int, *, allow_private: bool) -> list[str]:
    """Every address `host` resolves to, each checked; raises UrlRefused naming the first
    refused one (one private answer refuses the host: the resolver may give it next time)."""
    host = host.strip("[]")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise UrlRefused(f"cannot resolve host {host!r}: {exc}") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise UrlRefused(f"host {host!r} resolves to no address")
    if not allow_private:
        for address in addresses:
            if not _is_public(address):
                raise UrlRefused(
                    f"host {host!r} resolves to the private, loopback or link-local address "
                    f"{address}; start the server with --allow-private-urls to allow it"
                )
    return addresses


def check_url(url: str, allow_list: Sequence[str], *, allow_private: bool) -> None:
    """Raise UrlRefused unless the URL may be reached (scheme, allow-list, resolved addresses).

    Checked again, against the addresses actually connected to, by `open_url`."""
    parsed = _parse(url)
    _check_host(parsed, allow_list)
    # The ASCII (IDNA) form: the name the connection itself will resolve.
    host = parsed.raw_host.decode("ascii")
    resolve_checked(host, _port_of(parsed), allow_private=allow_private)


def _port_of(parsed: httpx.URL) -> int:
    return parsed.port or (443 if parsed.scheme == "https" else 80)


@dataclass
class Deadline:
    """One deadline for a whole exchange: every socket operation's timeout is cut to what is
    left of it, and past it every operation fails at once."""

    seconds: float
    end: float = field(init=False)

    def __post_init__(self) -> None:
        self.end = time.monotonic() + self.seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()

    @property
    def passed(self) -> bool:
        return self.remaining() <= 0

    def clamp(self, timeout: float | None) -> float:
        left = self.remaining()
        if left <= 0:
            raise httpcore.ReadTimeout(f"the {self.seconds:g} s deadline passed")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connected socket whose every read and write obeys the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.clamp(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.clamp(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, self._deadline.clamp(timeout))
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _CheckedBackend(httpcore.NetworkBackend):
    """Resolves at connect time, checks every address, connects only to a checked one."""

    def __init__(self, *, allow_private: bool, deadline: Deadline) -> None:
        self._inner = httpcore.SyncBackend()
        self._allow_private = allow_private
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve_checked(host, port, allow_private=self._allow_private)
        failure: Exception | None = None
        for address in addresses:  # an IP literal: create_connection does no DNS lookup
            try:
                stream = self._inner.connect_tcp(
                    address,
                    port,
                    timeout=self._deadline.clamp(timeout),
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            return _DeadlineStream(stream, self._deadline)
        assert failure is not None
        raise failure

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        raise UrlRefused("unix sockets are never connected to")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@contextmanager
def open_url(
    method: str,
    url: str,
    *,
    policy: UrlPolicy,
    deadline: Deadline,
    headers: Sequence[tuple[str, str]] = (),
    content: bytes | None = None,
) -> Iterator[httpcore.Response]:
    """One request to `url` under `policy`, never redirected, all of it within `deadline`.

    Raises UrlRefused (before any byte is sent) when the URL or an address it resolves to is
    refused, FetchFailed when the exchange fails or the deadline passes."""
    parsed = _parse(url)
    _check_host(parsed, policy.allow_list)
    target = parsed.raw_path or b"/"
    core_url = httpcore.URL(
        scheme=parsed.raw_scheme, host=parsed.raw_host, port=parsed.port, target=target
    )
    all_headers = [
        ("Host", parsed.netloc.decode("ascii")),
        ("User-Agent", f"skillkit-server/{__version__}"),
        *headers,
    ]
    timeout = max(0.001, deadline.remaining())
    pool = httpcore.ConnectionPool(
        network_backend=_CheckedBackend(allow_private=policy.allow_private, deadline=deadline),
        max_connections=1,
        retries=0,
    )
    try:
        with pool.stream(
            method,
            core_url,
            headers=all_headers,
            content=content,
            extensions={"timeout": dict.fromkeys(("connect", "read", "write", "pool"), timeout)},
        ) as response:
            yield response
    except _TRANSPORT_ERRORS as exc:
        if deadline.passed:
            raise FetchFailed(
                f"{method} {url} did not finish within the server's {deadline.seconds:g} s limit"
            ) from exc
        raise FetchFailed(f"{method} {url} failed: {exc or type(exc).__name__}") from exc
    finally:
        pool.close()


def _suffix_for(url: str, content_type: str | None) -> str:
    suffix = PurePosixPath(httpx.URL(url).path).suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return suffix
    if content_type:
        guessed = mimetypes.guess_extension(content_type.split(";", 1)[0].strip())
        if guessed == ".htm":
            guessed = ".html"
        if guessed and guessed.lower() in DOCUMENT_SUFFIXES:
            return guessed.lower()
    return suffix if _SAFE_SUFFIX.match(suffix) else ".bin"


def fetch_url(
    url: str,
    dest_stem: Path,
    *,
    allow_list: Sequence[str],
    allow_private: bool,
    max_bytes: int,
    timeout: float,
) -> Path:
    """Download `url` to `dest_stem` + a suffix naming its format; returns the path.

    `timeout` bounds the whole fetch: every redirect hop, connect, headers and body."""
    policy = UrlPolicy(tuple(allow_list), allow_private)
    deadline = Deadline(timeout)
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        try:
            with open_url("GET", current, policy=policy, deadline=deadline) as resp:
                headers = {
                    k.decode("latin-1").lower(): v.decode("latin-1") for k, v in resp.headers
                }
                if resp.status in REDIRECT_STATUSES and "location" in headers:
                    current = str(httpx.URL(current).join(headers["location"]))
                    continue
                if resp.status != 200:
                    raise FetchFailed(f"GET {current} answered HTTP {resp.status}")
                path = dest_stem.with_suffix(_suffix_for(current, headers.get("content-type")))
                _save(resp, path, current, max_bytes)
                return path
        except UrlRefused as exc:
            raise FetchFailed(f"refused {current}: {exc}") from exc
        except httpx.InvalidURL as exc:
            raise FetchFailed(f"bad redirect from {current}: {exc}") from exc
    raise FetchFailed(f"too many redirects fetching {url}")


def _save(resp: httpcore.Response, path: Path, url: str, max_bytes: int) -> None:
    size = 0
    try:
        with path.open("wb") as out:
            for chunk in resp.iter_stream():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchFailed(f"{url} is larger than the server's {max_bytes} byte limit")
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
