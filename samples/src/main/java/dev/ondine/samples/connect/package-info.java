/**
 * {@code java -jar ondine-samples.jar connect URL}: a command-line WebSocket client on Ondine's
 * client, with its asynchronous reconnect ({@code --reconnect}), headers, subprotocols, a proxy
 * and {@code --insecure} TLS.
 */
package dev.ondine.samples.connect;
