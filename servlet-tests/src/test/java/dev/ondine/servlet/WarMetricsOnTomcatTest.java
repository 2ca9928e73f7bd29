package dev.ondine.servlet;

import dev.ondine.impl.client.OndineClients;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The samples WAR on embedded Tomcat publishes its figures as JMX MBeans (one set for the
 * application, under its context path), moved by a real client, and takes them back when the
 * application stops.
 */
class WarMetricsOnTomcatTest {
    private static final Path WAR = Path.of("..", "samples", "target", "ondine-samples.war");

    @Test
    void theWarsMBeansCountItsTrafficUntilItStops() throws Exception {
        assumeTrue(Files.isRegularFile(WAR), "samples/target/ondine-samples.war is built by mvn package");
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName application = new ObjectName("dev.ondine:type=Application,application="
                + ObjectName.quote("/metrics-war"));
        ObjectName echo = new ObjectName("dev.ondine:type=Endpoint,application=" + ObjectName.quote("/metrics-war")
                + ",endpoint=" + ObjectName.quote("/echo"));
        EmbeddedTomcat tomcat = new EmbeddedTomcat();
        try {
            tomcat.addWar("/metrics-war", WAR);
            tomcat.start();
            assertTrue(jmx.isRegistered(application), "registered at deployment");
            assertTrue(jmx.isRegistered(echo));

            BlockingQueue<String> replies = new ArrayBlockingQueue<>(4);
            Session s = OndineClients.newContainer().connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig config) {
                    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) replies::add);
                }
            }, ClientEndpointConfig.Builder.create().build(),
                    URI.create("ws://127.0.0.1:" + tomcat.port() + "/metrics-war/echo"));
            try {
                s.getBasicRemote().sendText("counted");
                assertEquals("counted", replies.poll(10, TimeUnit.SECONDS));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while ((Long) jmx.getAttribute(echo, "TextMessagesSent") < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(1L, jmx.getAttribute(echo, "TextMessagesReceived"));
                assertEquals(1L, jmx.getAttribute(echo, "TextMessagesSent"));
                assertEquals(1L, jmx.getAttribute(echo, "SessionsOpen"));
                assertEquals(1L, jmx.getAttribute(application, "SessionsOpened"));
            } finally {
                s.close();
            }
        } finally {
            tomcat.close();
        }
        assertFalse(jmx.isRegistered(application), "unregistered when the application stops");
        assertFalse(jmx.isRegistered(echo));
    }
}
