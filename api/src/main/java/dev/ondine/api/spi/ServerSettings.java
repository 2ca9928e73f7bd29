package dev.ondine.api.spi;

import dev.ondine.api.HttpGetHandler;
import dev.ondine.api.Limits;
import dev.ondine.api.OriginPolicy;
import dev.ondine.api.TlsConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;
import java.util.Map;

/**
 * What {@link dev.ondine.api.OndineServer.Builder} collected.
 *
 * @param host the address to listen on
 * @param port the port (0: any free one)
 * @param limits the engine's limits
 * @param selectorThreads selector threads (0: one per processor)
 * @param endpointClasses annotated endpoints to deploy
 * @param endpointConfigs endpoint configurations to deploy
 * @param scanned classes to deploy with the rules for scanned applications
 * @param staticFolder a class-path folder whose files are served to plain HTTP GET, or null
 * @param originPolicy the browser origins allowed to connect
 * @param tls TLS for {@code wss://}, or null for plain {@code ws://}
 * @param httpGetHandlers handlers of plain HTTP GET requests, by exact path
 */
public record ServerSettings(String host, int port, Limits limits, int selectorThreads,
                             List<Class<?>> endpointClasses, List<ServerEndpointConfig> endpointConfigs,
                             List<Class<?>> scanned, String staticFolder, OriginPolicy originPolicy,
                             TlsConfig tls, Map<String, HttpGetHandler> httpGetHandlers) {

    public ServerSettings {
        httpGetHandlers = httpGetHandlers == null ? Map.of() : Map.copyOf(httpGetHandlers);
    }

    /** Settings without HTTP GET handlers. */
    public ServerSettings(String host, int port, Limits limits, int selectorThreads,
                          List<Class<?>> endpointClasses, List<ServerEndpointConfig> endpointConfigs,
                          List<Class<?>> scanned, String staticFolder, OriginPolicy originPolicy, TlsConfig tls) {
        this(host, port, limits, selectorThreads, endpointClasses, endpointConfigs, scanned, staticFolder, originPolicy,
                tls, Map.of());
    }

    /** Settings without TLS. */
    public ServerSettings(String host, int port, Limits limits, int selectorThreads,
                          List<Class<?>> endpointClasses, List<ServerEndpointConfig> endpointConfigs,
                          List<Class<?>> scanned, String staticFolder, OriginPolicy originPolicy) {
        this(host, port, limits, selectorThreads, endpointClasses, endpointConfigs, scanned, staticFolder, originPolicy,
                null);
    }
}
