package dev.ondine.api.spi;

import dev.ondine.api.OndineServer;
import jakarta.websocket.DeploymentException;

import java.io.IOException;

/**
 * Starts a standalone server from its settings; the implementation registers one in
 * {@code META-INF/services/dev.ondine.api.spi.ServerProvider}.
 */
public interface ServerProvider {

    OndineServer start(ServerSettings settings) throws IOException, DeploymentException;
}
