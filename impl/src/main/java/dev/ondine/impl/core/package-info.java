/**
 * Rule: of Ondine, imports only {@code dev.ondine.impl.protocol} (and its own package); its
 * limits arrive as a {@link dev.ondine.impl.core.ConnectionLimits}. One connection's state
 * machine over a {@link dev.ondine.impl.core.Transport}, reporting to a
 * {@link dev.ondine.impl.core.ConnectionListener}: {@link dev.ondine.impl.core.WebSocketConnection}
 * coordinates the reading half ({@code ConnectionInput}: frames to messages, control frames),
 * the sending half ({@code ConnectionOutput}, {@code OutboundFrames}, {@code OutgoingQueue},
 * {@code WritePolicy}), the closing handshake ({@code ClosingHandshake}), read pauses
 * ({@code ReadPause}) and the idle timeout ({@code IdleTimeout}).
 */
package dev.ondine.impl.core;
