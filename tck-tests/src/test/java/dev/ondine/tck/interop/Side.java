package dev.ondine.tck.interop;

/** The two halves of the matrix. */
public enum Side {
    /** Ondine's standalone server (the samples' /echo and the test endpoint /interop) with independent clients. */
    ONDINE_SERVER("ondine-server", "Ondine server, independent clients",
            new String[] {"chromium", "python-websockets", "node-ws", "jdk", "jetty", "tyrus",
                "chromium-wss", "node-ws-wss", "jdk-wss"}),
    /** Ondine's client ({@code OndineClientContainer}) with independent servers. */
    ONDINE_CLIENT("ondine-client", "Ondine client, independent servers",
            new String[] {"python-websockets", "node-ws", "jetty", "tyrus", "undertow"});

    final String id;
    final String title;
    /** The columns the report expects, in their order. */
    final String[] peers;

    Side(String id, String title, String[] peers) {
        this.id = id;
        this.title = title;
        this.peers = peers;
    }
}
