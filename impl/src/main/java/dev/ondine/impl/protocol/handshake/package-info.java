/**
 * Rule: imports nothing of Ondine outside {@code dev.ondine.impl.protocol} (the head parsers
 * take their size limit as a number). The opening handshake (RFC 6455 §4): bounded HTTP/1.1
 * head parsers and writers, the server's and the client's checks, accept keys, extension and
 * subprotocol headers, plain HTTP answers.
 */
package dev.ondine.impl.protocol.handshake;
