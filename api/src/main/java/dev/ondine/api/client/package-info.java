/**
 * Ondine's client extensions beyond the Jakarta WebSocket API: the user property keys a
 * {@link jakarta.websocket.ClientEndpointConfig} can carry (proxy, TLS, timeouts).
 */
package dev.ondine.api.client;
