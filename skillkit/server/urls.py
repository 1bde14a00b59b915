"""Fetching `url` documents safely: an allow-list of hosts and no private addresses.

A server that fetches any URL it is given can be pointed at the machine's own services or
the local network. So a URL is refused unless its host is on the allow-list (empty by default)
and every address it resolves to is public (unless private addresses are explicitly allowed).
Redirects are followed by hand, each hop checked again; the download is size-limited.
"""

from __future__ import annotations

import ipaddress
import mimetypes
import socket
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import httpx

from skillkit.documents import DOCUMENT_SUFFIXES

MAX_REDIRECTS = 5


class UrlRefused(Exception):
    """The URL may not be fetched (the request gets a 422 naming why)."""


class FetchFailed(Exception):
    """The URL was allowed but the download failed (the prediction fails naming why)."""


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


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str, allow_list: list[str], *, allow_private: bool) -> None:
    """Raise UrlRefused unless the URL may be fetched."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UrlRefused(f"only http(s) URLs can be fetched, not {parts.scheme or 'no'} scheme")
    host = parts.hostname
    if not host:
        raise UrlRefused("the URL has no host")
    if not host_allowed(host, allow_list):
        raise UrlRefused(
            f"host {host!r} is not on the server's URL allow-list; start the server with "
            f"--allow-url-host {host} (or upload the file and send file_id)"
        )
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UrlRefused(f"bad port in URL: {exc}") from exc
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UrlRefused(f"cannot resolve host {host!r}: {exc}") from exc
    if allow_private:
        return
    for info in infos:
        address = str(info[4][0])
        if not _is_public(address):
            raise UrlRefused(
                f"host {host!r} resolves to the private, loopback or link-local address "
                f"{address}; start the server with --allow-private-urls to allow it"
            )


def _suffix_for(url: str, content_type: str | None) -> str:
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return suffix
    if content_type:
        guessed = mimetypes.guess_extension(content_type.split(";", 1)[0].strip())
        if guessed == ".htm":
            guessed = ".html"
        if guessed and guessed.lower() in DOCUMENT_SUFFIXES:
            return guessed.lower()
    return suffix or ".bin"


def fetch_url(
    url: str,
    dest_stem: Path,
    *,
    allow_list: list[str],
    allow_private: bool,
    max_bytes: int,
    timeout: float,
) -> Path:
    """Download `url` to `dest_stem` + a suffix naming its format; returns the path."""
    current = url
    with httpx.Client(follow_redirects=False, timeout=timeout) as client:
        for _ in range(MAX_REDIRECTS + 1):
            try:
                check_url(current, allow_list, allow_private=allow_private)
            except UrlRefused as exc:
                raise FetchFailed(f"refused {current}: {exc}") from exc
            try:
                with client.stream("GET", current) as resp:
                    if resp.is_redirect and "location" in resp.headers:
                        current = urljoin(current, resp.headers["location"])
                        continue
                    if resp.status_code != 200:
                        raise FetchFailed(f"GET {current} answered HTTP {resp.status_code}")
                    path = dest_stem.with_suffix(
                        _suffix_for(current, resp.headers.get("content-type"))
                    )
                    size = 0
                    with path.open("wb") as out:
                        for chunk in resp.iter_bytes():
                            size += len(chunk)
                            if size > max_bytes:
                                out.close()
                                path.unlink(missing_ok=True)
                                raise FetchFailed(
                                    f"{current} is larger than the server's {max_bytes} byte limit"
                                )
                            out.write(chunk)
                    return path
            except httpx.HTTPError as exc:
                raise FetchFailed(f"cannot fetch {current}: {exc}") from exc
    raise FetchFailed(f"too many redirects fetching {url}")
