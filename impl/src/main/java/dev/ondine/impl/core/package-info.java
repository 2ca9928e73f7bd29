/**
 * Rule: of Ondine, imports only {@code dev.ondine.impl.protocol} (and its own package). One
 * connection's state machine over a {@link dev.ondine.impl.core.Transport}: frames to
 * messages, the closing handshake, ping/pong, limits, idle time, the outgoing queue, and the
 * {@link dev.ondine.impl.core.ConnectionListener} it reports to.
 */
package dev.ondine.impl.core;
