package dev.ondine.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports: for tests whose peers take a port range rather than port 0 (Hazelcast
 * members), for peers started with a port of their own choosing, and as an address where a
 * connect is refused.
 */
public final class FreePorts {
    private FreePorts() {
    }

    /**
     * The first of {@code count} consecutive ports free on 127.0.0.1 now, from a random start between
     * 20000 and 40000 (at most 50 tries). Free when probed: a peer should bind them soon.
     */
    public static int range(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int start = ThreadLocalRandom.current().nextInt(20000, 40000);
            boolean free = true;
            for (int p = start; p < start + count && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getByName("127.0.0.1"))) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return start;
            }
        }
        throw new IOException("no " + count + " consecutive free ports on 127.0.0.1 after 50 tries");
    }

    /** A port of 127.0.0.1 nothing listens on just now: bound by the OS, then released. */
    public static int closed() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
