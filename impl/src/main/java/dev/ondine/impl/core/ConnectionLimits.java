package dev.ondine.impl.core;

/**
 * The limits one {@link WebSocketConnection} runs under, as plain numbers: the core takes
 * them from whoever creates the connection and knows nothing of where they were configured
 * ({@code dev.ondine.api.Limits} is translated at the transport seam,
 * {@code dev.ondine.impl.transport.Upgrade#connectionLimits}).
 *
 * @param maxFramePayloadBytes a frame longer than this fails the connection with 1009 (RFC 6455 §7.4.1)
 * @param maxTextMessageBytes a whole text message longer than this fails it with 1009
 * @param maxBinaryMessageBytes a whole binary message longer than this fails it with 1009
 * @param maxDecompressedMessageBytes a compressed message inflating past this fails it with 1009 (RFC 7692 §8)
 * @param maxOutgoingQueueBytes queued output past which reading pauses and non-waiting senders are refused
 * @param maxControlFramesPerSecond pings and pongs past this in one second fail the connection with 1008
 * @param closeTimeoutMillis how long to wait for the peer's close frame (§7.1.1)
 * @param idleTimeoutMillis the initial idle timeout; 0 for none
 * @param pingIntervalMillis keepalive: a ping after this long with nothing read (RFC 6455 §5.5.2); 0 for none
 * @param pongTimeoutMillis keepalive: the peer's time to be heard after a ping before the connection is ended (1006)
 * @param slowConsumerCloseMillis a peer leaving the outgoing queue full this long is closed with 1008; 0 for never
 * @param deflateReleaseMillis permessage-deflate: zlib's memory is given back after this long without a compressed
 *        message; 0 after every message, negative never ({@link DeflateRelease})
 */
public record ConnectionLimits(
        long maxFramePayloadBytes,
        int maxTextMessageBytes,
        int maxBinaryMessageBytes,
        long maxDecompressedMessageBytes,
        long maxOutgoingQueueBytes,
        int maxControlFramesPerSecond,
        long closeTimeoutMillis,
        long idleTimeoutMillis,
        long pingIntervalMillis,
        long pongTimeoutMillis,
        long slowConsumerCloseMillis,
        long deflateReleaseMillis) {
}
