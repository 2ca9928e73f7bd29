/**
 * Ondine's client extensions beyond the Jakarta WebSocket API: a connect that never blocks
 * ({@link dev.ondine.api.client.OndineClient#connectAsync}), connections that reconnect with
 * backoff ({@link dev.ondine.api.client.OndineClient#reconnect},
 * {@link dev.ondine.api.client.ReconnectPolicy}), and the user property keys a
 * {@link jakarta.websocket.ClientEndpointConfig} can carry (proxy, TLS, timeouts:
 * {@link dev.ondine.api.client.ClientProperties}).
 */
package dev.ondine.api.client;
