package dev.ondine.bench.server.ondinetomcat;

import dev.ondine.bench.server.Launcher;
import dev.ondine.bench.server.tomcat.TomcatEchoServer;
import dev.ondine.impl.servlet.OndineServletContainerInitializer;

/**
 * The tomcat server's Tomcat 11 (same connector, same context) with Ondine's servlet
 * transport in place of Tomcat's WebSocket implementation: Ondine inside a container,
 * measured beside that container's own implementation (the performance issue's last target).
 */
public final class OndineOnTomcatEchoServer {
    private OndineOnTomcatEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        Launcher.run("ondine-tomcat", args,
                (host, port) -> TomcatEchoServer.start(host, port, new OndineServletContainerInitializer()));
    }
}
