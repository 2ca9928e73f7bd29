package org.glassfish.tyrus.container.grizzly.server;

import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.tyrus.spi.ServerContainer;

/**
 * Tyrus 2.2.1's {@link WebSocketAddOn} constructor is package-private; this class sits in its
 * package (on the class path, a split package is allowed) only to call it, so that the load
 * test's Tyrus server can put Tyrus's own filter on a listener bound to 127.0.0.1.
 */
public final class BenchAddOnAccess {
    private BenchAddOnAccess() {
    }

    public static AddOn webSocketAddOn(ServerContainer container, String contextPath) {
        return new WebSocketAddOn(container, contextPath);
    }
}
