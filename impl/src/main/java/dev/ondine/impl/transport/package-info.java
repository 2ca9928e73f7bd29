/**
 * Rule: the seam between the transports and the layer above; of Ondine it depends on core,
 * protocol and {@code dev.ondine.api} only, and the transports and the Jakarta layer meet
 * nowhere else. What a server transport asks of the layer above
 * ({@link dev.ondine.impl.transport.UpgradeAcceptor} answering with an
 * {@link dev.ondine.impl.transport.Upgrade}, {@link dev.ondine.impl.transport.HttpResponder}),
 * and what the client side asks of a transport
 * ({@link dev.ondine.impl.transport.ClientConnector}, through the
 * {@link dev.ondine.impl.transport.ClientProxy} the layer above chose, if any).
 */
package dev.ondine.impl.transport;
