"""Python `websockets` as a server of the interoperability matrix (Debian's
python3-websockets, run with /usr/bin/python3 by PythonServerInteropTest). It speaks the
protocol of InteropEndpoint (echo, and cmd: messages) at any path, offers the subprotocols
interop.v1 and interop.v2, and accepts permessage-deflate.

Usage: interop_server.py. Prints "VERSION <websockets version>" and "LISTENING <port>" (a free
port on 127.0.0.1), then serves until its standard input closes.
"""
import asyncio
import sys

import websockets

last_close = "none"


async def handler(ws, *args):
    global last_close
    try:
        async for message in ws:
            if isinstance(message, bytes) or not message.startswith("cmd:"):
                await ws.send(message)
                continue
            cmd = message.split(":", 3)
            if cmd[1] == "fragmented":
                await ws.send(iter(["Hello ", "fragmented ", "wörld"]))
                data = bytes(range(100))
                await ws.send(iter([data[0:10], data[10:50], data[50:100]]))
            elif cmd[1] == "ping":
                pong = await ws.ping(cmd[2].encode())
                await asyncio.wait_for(pong, 10)
                await ws.send("pong:" + cmd[2])
            elif cmd[1] == "close":
                await ws.close(int(cmd[2]), cmd[3] if len(cmd) > 3 else "")
            elif cmd[1] == "subprotocol":
                await ws.send("subprotocol:" + (ws.subprotocol or ""))
            elif cmd[1] == "extensions":
                await ws.send("extensions:" + ",".join(e.name for e in ws.extensions))
            elif cmd[1] == "resetclose":
                last_close = "none"
                await ws.send("resetclose:ok")
            elif cmd[1] == "lastclose":
                await ws.send("lastclose:" + last_close)
            else:
                await ws.send("unknown:" + message)
    except websockets.ConnectionClosed:
        pass
    code = ws.close_code
    if code is not None and 4000 <= code <= 4999:
        last_close = "%d:%s" % (code, ws.close_reason)


async def main():
    async with websockets.serve(handler, "127.0.0.1", 0, subprotocols=["interop.v1", "interop.v2"],
                                compression="deflate", max_size=None) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        print("VERSION\t" + websockets.__version__, flush=True)
        print("LISTENING\t%d" % port, flush=True)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.read)


asyncio.run(main())
