/**
 * Rule: imports nothing of Ondine outside {@code dev.ondine.impl.protocol}. HTTP tunnels
 * through a proxy: the {@code CONNECT} request and the proxy's answer (RFC 9110 §9.3.6,
 * RFC 9112 §3.2.3), and Basic proxy authentication (RFC 7617, RFC 9110 §11.7.1).
 */
package dev.ondine.impl.protocol.proxy;
