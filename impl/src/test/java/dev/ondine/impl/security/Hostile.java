package dev.ondine.impl.security;

import dev.ondine.api.Limits;
import dev.ondine.api.OndineServer;
import dev.ondine.impl.standalone.StandaloneServer;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the hostile-client tests share: the endpoints, the limits, heap and descriptor counts. */
final class Hostile {
    static final int MiB = 1024 * 1024;
    static final int KiB = 1024;

    /** Small limits, so that crossing them is cheap and a bound relative to them is tight. */
    static final int FRAME_LIMIT = 64 * KiB;
    static final int MESSAGE_LIMIT = 256 * KiB;

    private Hostile() {
    }

    /** Echoes text and binary messages. */
    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage
        public String text(String s) {
            return s;
        }

        @OnMessage
        public ByteBuffer binary(ByteBuffer b) {
            return b;
        }

        @OnError
        public void error(Throwable t) {
            // protocol errors of hostile peers are expected here; the close code is the answer
        }
    }

    static Limits.Builder limits() {
        return Limits.builder()
                .maxFramePayloadBytes(FRAME_LIMIT)
                .maxMessageBytes(MESSAGE_LIMIT)
                .maxHandshakeHeaderBytes(8 * KiB)
                .handshakeTimeoutMillis(1000)
                .closeTimeoutMillis(1000);
    }

    static StandaloneServer start(Limits limits, Class<?>... endpoints) throws Exception {
        return (StandaloneServer) OndineServer.builder().host("127.0.0.1").port(0).limits(limits)
                .selectorThreads(2).endpoint(endpoints).start();
    }

    /** Used heap after full collections (several, so that finalizable and soft garbage settles). */
    static long usedHeap() {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, mx.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Asserts that the heap grew by at most {@code bound} since {@code before} (both after GC). */
    static long assertHeapBounded(long before, long bound, String what) {
        long growth = usedHeap() - before;
        assertTrue(growth <= bound, what + ": heap grew by " + growth / KiB + " KiB, bound " + bound / KiB + " KiB");
        return growth;
    }

    /** Open file descriptors of this process (Linux), or -1 where /proc is not there. */
    static long openFileDescriptors() {
        Path fd = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fd)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fd)) {
            return s.count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Waits (bounded) until {@code condition} holds. */
    static boolean await(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** The well-behaved session beside every attack still gets its echo. */
    static void assertStillServing(Wire good, StandaloneServer server) throws Exception {
        assertEquals("still here", good.echo("still here"), "the well-behaved session");
        try (Wire fresh = Wire.open(server.address(), "/echo")) {
            assertEquals("new", fresh.echo("new"), "a new session");
        }
    }
}
