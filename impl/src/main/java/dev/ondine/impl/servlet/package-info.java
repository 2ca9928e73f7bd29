/**
 * Rule: a bootstrap: it may use every layer, and only bootstraps may use it (class names here
 * are in services files and users' configurations). Ondine on a servlet container: the
 * {@code ServletContainerInitializer}, the upgrade filter, the server container with
 * {@code upgradeHttpToWebSocket}, handshake roles, and the closing of connections whose
 * authenticated HTTP session ends (Jakarta WebSocket 2.2 §7.2); bytes move in
 * {@code dev.ondine.impl.transport.servlet}.
 */
package dev.ondine.impl.servlet;
