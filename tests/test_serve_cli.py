"""`skillkit serve`'s listening socket."""

from __future__ import annotations

import asyncio
import socket

from skillkit.commands.serve import _bind


def test_accepted_connections_get_tcp_nodelay() -> None:
    """asyncio sets TCP_NODELAY only on sockets whose proto is IPPROTO_TCP; with proto 0 every
    keep-alive answer waited ~40 ms for the client's delayed ACK (Nagle)."""
    sock = _bind("127.0.0.1", 0)
    assert sock.proto == socket.IPPROTO_TCP
    port = sock.getsockname()[1]
    seen: list[int] = []

    async def main() -> None:
        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            conn = writer.get_extra_info("socket")
            seen.append(conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(handle, sock=sock)
        async with server:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            while not seen:
                await asyncio.sleep(0)

    asyncio.run(asyncio.wait_for(main(), 10))
    assert seen and seen[0] != 0
