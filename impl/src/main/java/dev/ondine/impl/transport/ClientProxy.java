package dev.ondine.impl.transport;

import dev.ondine.impl.protocol.proxy.BasicCredentials;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The HTTP proxy a client connection goes through, as the layer above chose it: the
 * transport connects to {@code address}, asks for a tunnel to the URI's host and port with
 * {@code CONNECT} (RFC 9110 §9.3.6), and runs TLS and the opening handshake inside it.
 *
 * @param address the proxy; an unresolved address is resolved by the transport
 * @param credentials sent as Basic {@code Proxy-Authorization} when the proxy answers 407
 *        (RFC 7617), or null
 * @param unreachable told, on the transport's thread, when the proxy cannot be reached or
 *        does not answer (the {@code ProxySelector.connectFailed} hook); it must not block
 */
public record ClientProxy(InetSocketAddress address, BasicCredentials credentials, Consumer<IOException> unreachable) {

    public ClientProxy {
        Objects.requireNonNull(address, "address");
        unreachable = unreachable == null ? e -> { } : unreachable;
    }

    /** {@code proxy HOST:PORT}, for messages. */
    @Override
    public String toString() {
        String host = address.getHostString();
        return "proxy " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
