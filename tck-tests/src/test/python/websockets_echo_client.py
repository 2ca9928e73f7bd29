"""Independent client for Ondine's end-to-end tests: Python's `websockets` (Debian package
python3-websockets) against an echo endpoint. Run by PythonWebsocketsEchoTest with
/usr/bin/python3. websockets offers permessage-deflate (RFC 7692) by default, so the echo of
every size runs compressed both ways; it runs once more without compression.

Usage: websockets_echo_client.py ws://127.0.0.1:PORT/echo
       websockets_echo_client.py wss://127.0.0.1:PORT/echo CA.pem   (TLS, trusting CA.pem, host name checked)
Prints one line per check and exits 0 when every check passed, 1 otherwise.
"""
import asyncio
import os
import ssl
import sys

import websockets

SIZES = [0, 1, 125, 126, 127, 65535, 65536, 1 << 20, 16 << 20]
SSL = None  # an ssl.SSLContext for wss:// URIs, set from the command line


def connect(uri, **kwargs):
    if uri.startswith("wss:"):
        kwargs["ssl"] = SSL
    return websockets.connect(uri, **kwargs)


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok", what, flush=True)


def extension_names(ws):
    return [e.name for e in ws.extensions]


async def echo_sizes(uri, compression="deflate"):
    async with connect(uri, max_size=None, open_timeout=10, close_timeout=10,
                                  compression=compression) as ws:
        if compression:
            check(extension_names(ws) == ["permessage-deflate"],
                  "permessage-deflate negotiated (%s)" % ws.response_headers.get("Sec-WebSocket-Extensions"))
        else:
            check(extension_names(ws) == [] and "Sec-WebSocket-Extensions" not in ws.response_headers,
                  "no extension when none is offered")
        for n in SIZES:
            text = ("abcdefghijklmnopqrstuvwxyz\u00e9\u20ac" * (n // 28 + 1))[:n]
            await ws.send(text)
            got = await asyncio.wait_for(ws.recv(), 60)
            check(got == text, "text echo of %d characters (compression=%s)" % (len(text), compression))
            data = os.urandom(n)
            await ws.send(data)
            got = await asyncio.wait_for(ws.recv(), 60)
            check(got == data, "binary echo of %d bytes (compression=%s)" % (n, compression))


async def echo_fragmented(uri):
    async with connect(uri, max_size=None, open_timeout=10) as ws:
        # websockets sends an iterable as one fragmented message (RFC 6455 §5.4).
        await ws.send(iter(["Hel", "lo ", "wörld", ""]))
        got = await asyncio.wait_for(ws.recv(), 10)
        check(got == "Hello wörld", "fragmented text echoed whole")
        parts = [os.urandom(1000), os.urandom(70000), os.urandom(1)]
        await ws.send(iter(parts))
        got = await asyncio.wait_for(ws.recv(), 10)
        check(got == b"".join(parts), "fragmented binary echoed whole")


async def ping_and_close(uri):
    async with connect(uri, open_timeout=10, close_timeout=10) as ws:
        pong = await ws.ping(b"are you there")
        await asyncio.wait_for(pong, 10)
        check(True, "ping answered with a pong")
        await ws.close(code=4000, reason="bye")
        check(ws.close_code == 4000, "close code echoed (got %s)" % ws.close_code)


async def concurrent(uri, n):
    async def one(i):
        async with connect(uri, open_timeout=30) as ws:
            msg = "client %d" % i
            await ws.send(msg)
            got = await asyncio.wait_for(ws.recv(), 30)
            assert got == msg, got
    await asyncio.gather(*(one(i) for i in range(n)))
    check(True, "%d concurrent connections echoed" % n)


async def main(uri):
    if uri.startswith("wss:"):
        async with connect(uri, open_timeout=10) as ws:
            check(ws.transport.get_extra_info("ssl_object") is not None, "TLS in use (%s)"
                  % ws.transport.get_extra_info("ssl_object").version())
    await echo_sizes(uri)
    await echo_sizes(uri, compression=None)
    await echo_fragmented(uri)
    await ping_and_close(uri)
    await concurrent(uri, 200)


if __name__ == "__main__":
    if len(sys.argv) > 2:
        SSL = ssl.create_default_context(cafile=sys.argv[2])
    try:
        asyncio.run(asyncio.wait_for(main(sys.argv[1]), 240))
    except Exception as e:  # report any failure as a non-zero exit with its reason
        print("FAILED", type(e).__name__, e, flush=True)
        sys.exit(1)
    print("ALL PASSED", flush=True)
