/**
 * Rule: imports nothing of Ondine outside {@code dev.ondine.impl.protocol}. permessage-deflate
 * (RFC 7692): the negotiation of offers and responses, and the codec of one connection.
 */
package dev.ondine.impl.protocol.deflate;
