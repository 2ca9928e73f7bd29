/**
 * Rule: a bootstrap: it may use every layer, and only bootstraps may use it. Ondine's client
 * containers as they are made: {@link dev.ondine.impl.client.OndineClients} over the shared
 * NIO client, and the {@code ContainerProvider} found by ServiceLoader.
 */
package dev.ondine.impl.client;
