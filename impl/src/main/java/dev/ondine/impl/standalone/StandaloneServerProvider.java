package dev.ondine.impl.standalone;

import dev.ondine.api.OndineServer;
import dev.ondine.api.spi.ServerProvider;
import dev.ondine.api.spi.ServerSettings;
import jakarta.websocket.DeploymentException;

import java.io.IOException;

/** Registered for {@link dev.ondine.api.OndineServer#builder()} through ServiceLoader. */
public final class StandaloneServerProvider implements ServerProvider {

    @Override
    public OndineServer start(ServerSettings settings) throws IOException, DeploymentException {
        return StandaloneServer.start(settings);
    }
}
