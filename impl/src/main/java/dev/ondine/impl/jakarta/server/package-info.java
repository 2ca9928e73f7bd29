/**
 * Rule: the Jakarta layer never sees the frame codecs nor a transport ({@code transport.nio},
 * {@code transport.servlet}) nor a bootstrap: transports ask it through
 * {@link dev.ondine.impl.transport.UpgradeAcceptor}. The server {@code ServerContainer}:
 * endpoint registry and URI templates, the upgrade acceptor with the configurator's handshake,
 * the handshake context, and the {@code ServerApplicationConfig} deployment rules.
 */
package dev.ondine.impl.jakarta.server;
