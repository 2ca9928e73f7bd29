"""Independent server for Ondine's client tests: Python's `websockets` (Debian package
python3-websockets) as an echo server, permessage-deflate on (its default). Run by
PythonWebsocketsServerTest with /usr/bin/python3.

Usage: websockets_echo_server.py
Prints "PORT <n>" once listening on 127.0.0.1, echoes every message ("?ext" is answered
with the negotiated extensions' names), and stops when its standard input closes.
"""
import asyncio
import sys

import websockets


async def echo(ws, path=None):
    async for message in ws:
        if message == "?ext":
            await ws.send(",".join(e.name for e in ws.extensions))
        else:
            await ws.send(message)


async def main():
    async with websockets.serve(echo, "127.0.0.1", 0, max_size=None) as server:
        port = server.sockets[0].getsockname()[1]
        print("PORT", port, flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


if __name__ == "__main__":
    asyncio.run(main())
