/**
 * Rule: the Jakarta layer never sees the frame codecs nor a transport ({@code transport.nio},
 * {@code transport.servlet}) nor a bootstrap. The Jakarta {@code Session} over a core
 * connection: remotes, send and receive streams, the per-session serial executor and the
 * dispatch pools.
 */
package dev.ondine.impl.jakarta.session;
