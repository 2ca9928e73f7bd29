package dev.ondine.impl.client;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

/**
 * Found by {@code ContainerProvider.getWebSocketContainer()} through
 * {@code META-INF/services/jakarta.websocket.ContainerProvider} (Jakarta WebSocket 2.2
 * §7.1): a new client container per call, all sharing one set of threads.
 */
public final class OndineContainerProvider extends ContainerProvider {

    @Override
    protected WebSocketContainer getContainer() {
        return OndineClients.newContainer();
    }
}
