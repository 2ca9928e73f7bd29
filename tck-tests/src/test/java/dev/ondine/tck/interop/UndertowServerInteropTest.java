package dev.ondine.tck.interop;

import io.undertow.Undertow;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xnio.OptionMap;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Ondine's client with Undertow's Jakarta WebSocket server (undertow-websockets-jsr), serving
 * {@link InteropEndpoint} with permessage-deflate installed.
 */
class UndertowServerInteropTest {
    @Test
    @Timeout(120)
    void undertowServer() throws Exception {
        MatrixColumn column = new MatrixColumn(Side.ONDINE_CLIENT, "undertow",
                "Undertow " + System.getProperty("undertow.version", "2.3") + " server");
        XnioWorker worker = Xnio.getInstance(UndertowServerInteropTest.class.getClassLoader())
                .createWorker(OptionMap.builder().getMap());
        WebSocketDeploymentInfo ws = new WebSocketDeploymentInfo()
                .setWorker(worker)
                .setBuffers(new DefaultByteBufferPool(true, 16 * 1024))
                .addExtension(new PerMessageDeflateHandshake())
                .addEndpoint(UndertowInteropEndpoint.class);
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(UndertowServerInteropTest.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("interop")
                .addServletContextAttribute(WebSocketDeploymentInfo.ATTRIBUTE_NAME, ws);
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        Undertow server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(manager.start())
                .build();
        server.start();
        try {
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            OndineClientSuites.run(column, URI.create("ws://127.0.0.1:" + port + "/interop"));
        } finally {
            server.stop();
            manager.stop();
            manager.undeploy();
            worker.shutdownNow();
        }
        column.writeAndAssertNoNewFailures();
    }

    /**
     * {@link InteropEndpoint} with Undertow's own default configurator: several Jakarta
     * implementations share this test class path, and the API's ServiceLoader lookup of the
     * container default would otherwise give Undertow another implementation's (whichever
     * comes first), which picks extensions in a way Undertow does not expect.
     */
    @jakarta.websocket.server.ServerEndpoint(value = "/interop", subprotocols = {"interop.v1", "interop.v2"},
            configurator = io.undertow.websockets.jsr.DefaultContainerConfigurator.class)
    public static class UndertowInteropEndpoint extends InteropEndpoint {
    }
}
