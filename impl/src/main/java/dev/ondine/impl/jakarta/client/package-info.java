/**
 * Rule: the Jakarta layer never sees the frame codecs nor a transport ({@code transport.nio},
 * {@code transport.servlet}) nor a bootstrap: the client container opens connections through
 * the {@link dev.ondine.impl.transport.ClientConnector} it is given. The client
 * {@code WebSocketContainer} and the endpoint pool its connections share; the bootstrap that
 * wires it to the NIO client is {@code dev.ondine.impl.client}.
 */
package dev.ondine.impl.jakarta.client;
