"""Independent server for the command-line client's tests (CommandLineClientTest): Python's
`websockets` (Debian package python3-websockets).

Usage: cli_peer_server.py [PORT]   (0 or none: a free port)
Listens on 127.0.0.1, offers the subprotocols chat.v1 and chat.v2, prints "LISTENING\t<n>", and
stops when its standard input closes (closing its connections with 1001). Each text message
comes back, except:
  ?header NAME   answered with the value of that request header ("-" if absent)
  ?subprotocol   answered with the negotiated subprotocol ("-" if none)
  ?binary        answered with a binary message of the bytes 0 to 9
  ?close CODE    closes the connection with that code
"""
import asyncio
import sys

import websockets


def request_headers(ws):
    legacy = getattr(ws, "request_headers", None)  # websockets before 13
    return legacy if legacy is not None else ws.request.headers


async def serve(ws, path=None):
    async for message in ws:
        if not isinstance(message, str):
            await ws.send(message)
        elif message.startswith("?header "):
            await ws.send(request_headers(ws).get(message[8:], "-"))
        elif message == "?subprotocol":
            await ws.send(ws.subprotocol or "-")
        elif message == "?binary":
            await ws.send(bytes(range(10)))
        elif message.startswith("?close "):
            await ws.close(int(message[7:]), "asked")
        else:
            await ws.send(message)


async def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    async with websockets.serve(serve, "127.0.0.1", port, subprotocols=["chat.v1", "chat.v2"]) as server:
        print("LISTENING\t" + str(server.sockets[0].getsockname()[1]), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


if __name__ == "__main__":
    asyncio.run(main())
