/**
 * Ondine's public API beyond the Jakarta WebSocket specification: the names and defaults of
 * the engine's limits and the options of the standalone server.
 */
package dev.ondine.api;
