/**
 * Rule: depends on core, protocol, the seam package {@code dev.ondine.impl.transport} and
 * {@code dev.ondine.api}; never on the Jakarta layer, the NIO transport or a bootstrap. The
 * servlet transport, bytes only: the handshake's HTTP side on a servlet request
 * ({@link dev.ondine.impl.transport.servlet.ServletHandshake}), the
 * {@code HttpUpgradeHandler}, non- blocking servlet I/O as a core transport, and the resources
 * an application's connections share
 * ({@link dev.ondine.impl.transport.servlet.ServletRuntime}); the servlet bootstrap
 * ({@code dev.ondine.impl.servlet}) decides and calls in.
 */
package dev.ondine.impl.transport.servlet;
