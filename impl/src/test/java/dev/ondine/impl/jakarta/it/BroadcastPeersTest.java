package dev.ondine.impl.jakarta.it;

import dev.ondine.api.Limits;
import dev.ondine.api.OndineServer;
import dev.ondine.api.broadcast.Group;
import dev.ondine.api.broadcast.Groups;
import dev.ondine.api.broadcast.Published;
import dev.ondine.api.metrics.EndpointMetrics;
import dev.ondine.impl.standalone.StandaloneServer;
import dev.ondine.testsupport.ExternalPeers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broadcasts to peers other than Ondine's client: a JDK {@code java.net.http.WebSocket} that
 * reads nothing misses messages (counted) while a reading member receives every one; and
 * Python's {@code websockets} members, with and without context takeover, decode the frames
 * compressed once for all of them (RFC 7692).
 */
class BroadcastPeersTest {
    private OndineServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private OndineServer start(Limits limits) throws Exception {
        server = RunningServer.start(b -> b.limits(limits).endpoint(BroadcastTest.Room.class));
        return server;
    }

    @Test
    void aMemberThatDoesNotReadMissesMessagesAndTheOthersReceiveEveryOne() throws Exception {
        start(Limits.builder().maxOutgoingQueueBytes(64 * 1024).build());
        EventClient reader = EventClient.connect(RunningServer.uri(server, "/room/feed"));
        assertEquals("joined feed", reader.nextText());
        // The JDK's client asks the socket for nothing until the listener requests messages: this one never does.
        WebSocket stalled = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(RunningServer.uri(server, "/room/feed"), new WebSocket.Listener() {
                    @Override
                    public void onOpen(WebSocket webSocket) {
                    }
                }).get(5, TimeUnit.SECONDS);
        Group feed = Groups.of(server.container()).group("feed");
        Waits.until(() -> feed.localMembers().size() == 2, "both members to join");

        String padding = "x".repeat(16 * 1024);
        long dropped = 0;
        long longestPublishNanos = 0;
        int sent = 0;
        // Until the stalled member's socket buffers and queue are full and it has missed 20 messages.
        while (dropped < 20 && sent < 5_000) {
            long start = System.nanoTime();
            Published p = feed.publish(sent + ":" + padding);
            longestPublishNanos = Math.max(longestPublishNanos, System.nanoTime() - start);
            dropped += p.dropped();
            assertEquals(2, p.queued() + p.dropped());
            assertEquals(sent + ":" + padding, reader.nextText(), "the reading member gets every message, in order");
            sent++;
        }
        assertTrue(dropped >= 20, "the stalled member missed messages (" + sent + " sent)");
        EndpointMetrics room = server.metrics().endpoints().get(0);
        assertEquals(dropped, room.broadcastsDropped());
        assertEquals(2L * sent - dropped, room.broadcastsQueued());
        assertEquals(sent, server.metrics().broadcastsPublished());
        // The same figures in JMX, per endpoint and for the application.
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName application = ((StandaloneServer) server).publishedMetrics().applicationName();
        ObjectName endpoint = new ObjectName("dev.ondine:type=Endpoint,application="
                + application.getKeyProperty("application") + ",endpoint=" + ObjectName.quote("/room/{name}"));
        assertEquals(dropped, jmx.getAttribute(endpoint, "BroadcastsDropped"));
        assertEquals(dropped, jmx.getAttribute(application, "BroadcastsDropped"));
        assertEquals((long) sent, jmx.getAttribute(application, "BroadcastsPublished"));
        System.out.println("BroadcastPeersTest: " + sent + " publishes, " + dropped + " missed by the stalled member,"
                + " longest publish " + TimeUnit.NANOSECONDS.toMicros(longestPublishNanos) + " µs");
        stalled.abort();
        reader.close();
    }

    @Test
    void pythonMembersDecodeMessagesCompressedOnce() throws Exception {
        String python = ExternalPeers.pythonWebsockets();
        start(Limits.defaults());
        String script = String.join("\n",
                "import asyncio, sys, websockets",
                "from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory",
                "async def main():",
                "    uri = sys.argv[1]",
                "    alone = lambda: [ClientPerMessageDeflateFactory(server_no_context_takeover=True)]",
                "    members = [await websockets.connect(uri, extensions=alone()),",
                "               await websockets.connect(uri, extensions=alone()),",
                "               await websockets.connect(uri),",
                "               await websockets.connect(uri, compression=None)]",
                "    for m in members:",
                "        assert await m.recv() == 'joined py'",
                "    for i in range(30):",
                "        await members[0].send('publish:' + str(i) + ' ' + 'words words words ' * 50)",
                "    for n, m in enumerate(members):",
                "        for i in range(30):",
                "            got = await m.recv()",
                "            assert got == str(i) + ' ' + 'words words words ' * 50, (n, i, got[:40])",
                "    for m in members:",
                "        await m.close()",
                "    print('ok')",
                "asyncio.run(main())");
        Process p = new ProcessBuilder(python, "-c", script, RunningServer.uri(server, "/room/py").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertEquals("ok", output.strip());
        EndpointMetrics room = server.metrics().endpoints().get(0);
        assertEquals(4 * 30, room.broadcastsQueued());
        assertEquals(0, room.broadcastsDropped());
        assertTrue(room.wireBytesSent() < room.textBytesSent() * 3 / 4,
                "two of the four members got compressed frames: " + room.wireBytesSent() + " bytes on the wire for "
                        + room.textBytesSent() + " of text");
    }
}
