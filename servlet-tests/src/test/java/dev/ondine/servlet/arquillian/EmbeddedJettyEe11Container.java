package dev.ondine.servlet.arquillian;

/**
 * {@link EmbeddedJettyContainer} on Jetty 12 ee11 (Servlet 6.1) <em>without</em>
 * jetty-ee11-websocket, for {@code -Pjetty-ee11}.
 */
public final class EmbeddedJettyEe11Container extends EmbeddedJettyContainer {
    public EmbeddedJettyEe11Container() {
        super(new JettyWebApps.Ee11());
    }
}
