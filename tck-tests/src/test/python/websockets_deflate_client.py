"""permessage-deflate against an Ondine echo, from Python's `websockets` (an independent
implementation on zlib): every window size a client may offer (server_max_window_bits 8 to
15, RFC 7692 §7.1.2.1), a client compressing with a 9-bit window, no context takeover,
and many messages with context takeover, so that back-references reach into earlier
messages both ways. The server under test releases its zlib state between messages and
rebuilds it from the kept history; any mistake there is a wrong echo or a failed stream.

Usage: websockets_deflate_client.py ws://127.0.0.1:PORT/echo
Prints one line per check and exits 0 when every check passed, 1 otherwise.
"""
import asyncio
import random
import sys

import websockets
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory

WORDS = ["ondine", "deflate", "window", "context", "takeover", "history", "dictionary", "rebuild",
         "{\"id\":", "\"room\":\"general\",", "\"text\":\"hello there\",", "\u00e9t\u00e9", "\u20ac", "\n"]


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok", what, flush=True)


def message(rng, size):
    parts = []
    n = 0
    while n < size:
        w = rng.choice(WORDS) if rng.random() < 0.8 else str(rng.randrange(1 << 20))
        parts.append(w + " ")
        n += len(w) + 1
    return "".join(parts)[:size]


async def conversation(uri, label, factory, count=300, seed=1):
    rng = random.Random(seed)
    async with websockets.connect(uri, extensions=[factory], compression=None, max_size=None,
                                  open_timeout=10, close_timeout=10) as ws:
        header = ws.response_headers.get("Sec-WebSocket-Extensions")
        check([e.name for e in ws.extensions] == ["permessage-deflate"], "%s: negotiated (%s)" % (label, header))
        earlier = []
        for i in range(count):
            kind = rng.random()
            if kind < 0.6:
                text = message(rng, rng.randrange(0, 300))
            elif kind < 0.9 and earlier:
                # repeats an earlier message with a change: a back-reference into the history
                text = rng.choice(earlier) + message(rng, rng.randrange(1, 80))
            else:
                text = message(rng, rng.randrange(300, 70000))
            earlier = (earlier + [text])[-20:]
            if rng.random() < 0.2:
                data = text.encode("utf-8")
                await ws.send(data)
                got = await asyncio.wait_for(ws.recv(), 30)
                if got != data:
                    check(False, "%s: binary echo %d of %d bytes" % (label, i, len(data)))
            else:
                await ws.send(text)
                got = await asyncio.wait_for(ws.recv(), 30)
                if got != text:
                    check(False, "%s: text echo %d of %d characters" % (label, i, len(text)))
        check(True, "%s: %d echoes" % (label, count))
        return header


async def main(uri):
    await conversation(uri, "default offer", ClientPerMessageDeflateFactory(client_max_window_bits=True))
    for bits in range(8, 16):
        header = await conversation(uri, "server_max_window_bits=%d" % bits,
                                    ClientPerMessageDeflateFactory(server_max_window_bits=bits), count=60, seed=bits)
        check("server_max_window_bits=%d" % bits in header, "server_max_window_bits=%d answered with it" % bits)
    await conversation(uri, "client compresses with a 9-bit window",
                       ClientPerMessageDeflateFactory(client_max_window_bits=9), count=100, seed=9)
    await conversation(uri, "no context takeover both ways",
                       ClientPerMessageDeflateFactory(server_no_context_takeover=True, client_no_context_takeover=True),
                       count=100, seed=3)
    print("ALL PASSED", flush=True)


if __name__ == "__main__":
    try:
        asyncio.run(main(sys.argv[1]))
    except Exception as e:  # noqa: BLE001 - any failure is reported the same way
        print("FAILED", repr(e), flush=True)
        sys.exit(1)
