package dev.ondine.bench.server.undertow;

import dev.ondine.bench.server.BenchEndpoints;
import dev.ondine.bench.server.Launcher;
import io.undertow.Undertow;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;
import jakarta.websocket.server.ServerContainer;

/** Undertow 2.3 (undertow-websockets-jsr) serving /echo and /broadcast; its default XNIO worker. */
public final class UndertowEchoServer {
    private UndertowEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        Launcher.run("undertow", args, (host, port) -> {
            WebSocketDeploymentInfo ws = new WebSocketDeploymentInfo()
                    .setBuffers(new DefaultByteBufferPool(true, 16 * 1024));
            if (Boolean.getBoolean("bench.deflate")) {
                // permessage-deflate (RFC 7692), Undertow's defaults; only with -Dbench.deflate=true
                ws.addExtension(new io.undertow.websockets.extensions.PerMessageDeflateHandshake());
            }
            for (Class<?> endpoint : BenchEndpoints.ENDPOINTS) {
                ws.addEndpoint(endpoint);
            }
            DeploymentInfo deployment = Servlets.deployment()
                    .setClassLoader(UndertowEchoServer.class.getClassLoader())
                    .setContextPath("/")
                    .setDeploymentName("bench")
                    .addServletContextAttribute(WebSocketDeploymentInfo.ATTRIBUTE_NAME, ws);
            DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
            manager.deploy();
            ServerContainer container = (ServerContainer) manager.getDeployment().getServletContext()
                    .getAttribute(ServerContainer.class.getName());
            BenchEndpoints.applyDefaults(container);
            Undertow server = Undertow.builder()
                    .addHttpListener(port, host)
                    .setHandler(manager.start())
                    .build();
            server.start();
            return () -> {
                server.stop();
                manager.stop();
                manager.undeploy();
            };
        });
    }
}
