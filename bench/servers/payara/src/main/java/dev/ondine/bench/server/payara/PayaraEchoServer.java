package dev.ondine.bench.server.payara;

import dev.ondine.bench.server.Launcher;

import java.util.List;

/** Payara 6 embedded with its own WebSocket implementation (Tyrus) serving /echo and /broadcast from a WAR. */
public final class PayaraEchoServer {
    private PayaraEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        Launcher.run("payara", args, (host, port) -> PayaraBench.start(host, port, List.of()));
    }
}
