"""Python `websockets` as a client of the interoperability matrix (Debian's python3-websockets,
run with /usr/bin/python3 by PythonClientInteropTest).

Usage: interop_client.py ws://HOST:PORT/echo ws://HOST:PORT/interop
Prints "VERSION <websockets version>", then one line per check:
"CELL <check-id> <PASS|FAIL|NOT_YET|NA> <reason>" (tab-separated), and exits 0.
The server speaks the protocol of InteropEndpoint (echo, and cmd: messages).
"""
import asyncio
import random
import sys

import websockets

WAIT = 10
echo_url, interop_url = sys.argv[1], sys.argv[2]


class Outcome(Exception):
    def __init__(self, outcome, reason):
        super().__init__(reason)
        self.outcome = outcome


def expect(expected, got, what):
    if expected != got:
        def show(v):
            if isinstance(v, (str, bytes)) and len(v) > 80:
                return "%s of %d" % (type(v).__name__, len(v))
            return repr(v)
        raise AssertionError("%s: got %s, expected %s" % (what, show(got), show(expected)))


def connect(url, **kw):
    return websockets.connect(url, max_size=None, open_timeout=WAIT, close_timeout=WAIT, **kw)


async def recv(ws):
    return await asyncio.wait_for(ws.recv(), WAIT)


async def echo(url, message):
    async with connect(url) as ws:
        await ws.send(message)
        expect(message, await recv(ws), "echo")


async def fragmented_to_server():
    async with connect(echo_url) as ws:
        # websockets sends an iterable as one fragmented message (RFC 6455 §5.4).
        await ws.send(iter(["Hel", "lo wö", "rld"]))
        expect("Hello wörld", await recv(ws), "fragmented text echoed")
        parts = [random.Random(1).randbytes(70000), random.Random(2).randbytes(10)]
        await ws.send(iter(parts))
        expect(b"".join(parts), await recv(ws), "fragmented binary echoed")


async def fragmented_to_client():
    async with connect(interop_url) as ws:
        await ws.send("cmd:fragmented")
        expect("Hello fragmented wörld", await recv(ws), "fragmented text")
        expect(bytes(range(100)), await recv(ws), "fragmented binary")


async def ping_from_client():
    async with connect(interop_url) as ws:
        pong = await ws.ping(b"ping!")
        await asyncio.wait_for(pong, WAIT)


async def ping_from_server():
    async with connect(interop_url) as ws:
        await ws.send("cmd:ping:hello")
        expect("pong:hello", await recv(ws), "the server's report of the pong")


async def close_from_client():
    async with connect(interop_url) as ws:
        await ws.send("cmd:resetclose")
        expect("resetclose:ok", await recv(ws), "resetclose")
        await ws.close(4000, "bye client")
    last = "lastclose:none"
    for _ in range(50):
        async with connect(interop_url) as ws:
            await ws.send("cmd:lastclose")
            last = await recv(ws)
        if last != "lastclose:none":
            break
        await asyncio.sleep(0.1)
    expect("lastclose:4000:bye client", last, "the close the server received")


async def close_from_server():
    async with connect(interop_url) as ws:
        await ws.send("cmd:close:4001:bye server")
        try:
            got = await recv(ws)
            raise AssertionError("a message instead of the close: %r" % got)
        except websockets.ConnectionClosed:
            pass
        expect((4001, "bye server"), (ws.close_code, ws.close_reason), "the close the client received")


async def subprotocol():
    async with connect(interop_url, subprotocols=["x-unknown", "interop.v1"]) as ws:
        expect("interop.v1", ws.subprotocol, "client's subprotocol")
        await ws.send("cmd:subprotocol")
        expect("subprotocol:interop.v1", await recv(ws), "server's subprotocol")
    async with connect(interop_url, subprotocols=["x-unknown"]) as ws:
        expect(None, ws.subprotocol, "client's subprotocol, none in common")
        await ws.send("cmd:subprotocol")
        got = await recv(ws)
        if got not in ("subprotocol:", "subprotocol:null"):
            raise AssertionError("none in common, yet the server chose: " + got)


async def deflate():
    async with connect(interop_url, compression="deflate") as ws:
        names = [e.name for e in ws.extensions]
        await ws.send("cmd:extensions")
        server = await recv(ws)
        if "permessage-deflate" not in names:
            raise Outcome("NOT_YET", "permessage-deflate not implemented (the Ondine server declines the offer)")
        if "permessage-deflate" not in server:
            raise AssertionError("the client negotiated %s, the server %s" % (names, server))
        text = "abcdefghijklmnopqrstuvwxyz" * 4000
        await ws.send(text)
        expect(text, await recv(ws), "compressed text echo")
        data = bytes(100000)
        await ws.send(data)
        expect(data, await recv(ws), "compressed binary echo")


CHECKS = [
    ("text-small", lambda: echo(echo_url, "Hello, wörld € ✓")),
    ("text-1mib", lambda: echo(echo_url, "".join(chr(97 + i % 26) for i in range(1 << 20)))),
    ("binary-small", lambda: echo(echo_url, random.Random(16).randbytes(16))),
    ("binary-1mib", lambda: echo(echo_url, random.Random(20).randbytes(1 << 20))),
    ("fragmented-to-server", fragmented_to_server),
    ("fragmented-to-client", fragmented_to_client),
    ("ping-from-client", ping_from_client),
    ("ping-from-server", ping_from_server),
    ("close-from-client", close_from_client),
    ("close-from-server", close_from_server),
    ("subprotocol", subprotocol),
    ("deflate", deflate),
]


async def main():
    print("VERSION\t" + websockets.__version__, flush=True)
    for name, check in CHECKS:
        outcome, reason = "PASS", ""
        for attempt in (1, 2):
            try:
                await asyncio.wait_for(check(), 30)
                outcome, reason = "PASS", ""
                break
            except Outcome as o:
                outcome, reason = o.outcome, str(o)
                break
            except BaseException as e:  # report, retry once
                outcome, reason = "FAIL", "%s: %s" % (type(e).__name__, e)
                print("LOG\t%s attempt %d: %s" % (name, attempt, reason), flush=True)
        print("CELL\t%s\t%s\t%s" % (name, outcome, reason.replace("\t", " ").replace("\n", " ")), flush=True)


asyncio.run(main())
