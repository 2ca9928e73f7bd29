package dev.ondine.samples.status;

import java.util.Map;

/**
 * One second of the server as the status page shows it: the time (epoch milliseconds), the
 * sessions open (in all and per endpoint path template) and the rates over the second before,
 * computed from the counters' deltas: messages received and sent, handshakes answered, wire
 * bytes read and written, per second. Written as JSON by JSON-B (fields in lexicographic order).
 */
public record StatusSample(long time, long sessionsOpen, Map<String, Long> sessionsByEndpoint,
                           long messagesInPerSecond, long messagesOutPerSecond, long handshakesPerSecond,
                           long bytesInPerSecond, long bytesOutPerSecond) {
}
