package dev.ondine.impl.tls;

import dev.ondine.api.OndineServer;
import dev.ondine.api.TlsConfig;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.client.OndineClientContainer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap per idle connection pair (Ondine client and server in one JVM), ws against wss, after
 * one small echo each. Run on demand:
 * {@code mvn -o -pl api,impl -am test -Dtest=TlsMemoryMeasurement -Dondine.measure=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "ondine.measure", matches = "true")
class TlsMemoryMeasurement {
    private static final int PAIRS = 1000;

    @TempDir
    Path dir;

    @Test
    void heapPerIdleConnectionPair() throws Exception {
        TestCertificates certs = TestCertificates.generate(dir, "localhost", "ip:127.0.0.1", "EC");
        try (OndineServer plain = OndineServer.builder().host("127.0.0.1").port(0).endpoint(WssTest.Echo.class).start();
             OndineServer tls = OndineServer.builder().host("127.0.0.1").port(0).endpoint(WssTest.Echo.class)
                     .tls(TlsConfig.keyStore(certs.keyStore, TestCertificates.PASSWORD)).start()) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
            config.getUserProperties().put(OndineClientContainer.SSL_CONTEXT_PROPERTY, certs.trustingContext());
            // warm up both paths
            measure(URI.create("ws://127.0.0.1:" + plain.address().getPort() + "/echo"), config, 50);
            measure(URI.create("wss://127.0.0.1:" + tls.address().getPort() + "/echo"), config, 50);
            long ws = measure(URI.create("ws://127.0.0.1:" + plain.address().getPort() + "/echo"), config, PAIRS);
            long wss = measure(URI.create("wss://127.0.0.1:" + tls.address().getPort() + "/echo"), config, PAIRS);
            System.out.printf("heap per idle pair: ws %d B, wss %d B, TLS adds %d B per pair%n", ws / PAIRS, wss / PAIRS,
                    (wss - ws) / PAIRS);
        }
    }

    private static long measure(URI uri, ClientEndpointConfig config, int n) throws Exception {
        long before = usedAfterGc();
        OndineClientContainer container = OndineClients.newContainer();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WssTest.Client client = new WssTest.Client();
            Session s = container.connectToServer(client, config, uri);
            s.getBasicRemote().sendText("hello");
            client.next();
            sessions.add(s);
        }
        Thread.sleep(500);
        long after = usedAfterGc();
        for (Session s : sessions) {
            s.close();
        }
        Thread.sleep(1000);
        return after - before;
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
