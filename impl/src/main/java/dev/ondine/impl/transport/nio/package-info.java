/**
 * Rule: depends on core, protocol, the seam package {@code dev.ondine.impl.transport} and
 * {@code dev.ondine.api}; never on the Jakarta layer, the servlet transport or a bootstrap.
 * The NIO transport: the server and the client, selector loops, sockets as core transports
 * through their handshake and WebSocket phases, and TLS as a layer inside a channel.
 */
package dev.ondine.impl.transport.nio;
