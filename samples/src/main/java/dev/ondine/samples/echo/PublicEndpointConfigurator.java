package dev.ondine.samples.echo;

import jakarta.websocket.server.ServerEndpointConfig;

/**
 * For an endpoint that anyone may use from any page: it holds no user's data and trusts no
 * cookie, so a cross-site page gains nothing by opening it (RFC 6455 §10.2 is about
 * endpoints that authenticate by the browser's ambient credentials). Every origin passes.
 */
public class PublicEndpointConfigurator extends ServerEndpointConfig.Configurator {
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }
}
