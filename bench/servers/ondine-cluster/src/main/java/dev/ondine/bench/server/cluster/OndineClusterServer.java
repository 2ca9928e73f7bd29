package dev.ondine.bench.server.cluster;

import com.hazelcast.core.HazelcastInstance;
import dev.ondine.api.Limits;
import dev.ondine.api.OndineServer;
import dev.ondine.api.broadcast.Groups;
import dev.ondine.bench.server.BenchEndpoints;
import dev.ondine.bench.server.EchoEndpoint;
import dev.ondine.hazelcast.HazelcastMember;
import dev.ondine.hazelcast.HazelcastRelay;

import java.util.concurrent.CountDownLatch;

/**
 * Ondine's standalone server with /echo and the broadcast on groups ({@link GroupBroadcastEndpoint}):
 * {@code java -jar bench-server-ondine-cluster.jar [--host H] [--port P] [--cluster HOST:FIRST-LAST]}.
 * With {@code --cluster} it is a node of a Hazelcast cluster and the group spans the nodes. Prints
 * {@code ondine-cluster listening on H:P} once it serves (and its member has joined).
 */
public final class OndineClusterServer {
    private OndineClusterServer() {
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 8080;
        String cluster = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--cluster" -> cluster = args[i + 1];
                default -> {
                    System.err.println("Usage: java -jar bench-server-ondine-cluster.jar [--host H] [--port P] [--cluster HOST:FIRST-LAST]");
                    System.exit(2);
                }
            }
        }
        OndineServer server = OndineServer.builder().host(host).port(port).limits(Limits.fromSystemProperties())
                .endpoint(EchoEndpoint.class, GroupBroadcastEndpoint.class).start();
        BenchEndpoints.applyDefaults(server.container());
        HazelcastInstance hz = cluster == null ? null : HazelcastMember.cluster(cluster).start();
        if (hz != null) {
            Groups.of(server.container()).relay(HazelcastRelay.on(hz));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            if (hz != null) {
                hz.shutdown();
            }
            stopped.countDown();
        }, "bench-shutdown"));
        System.out.println("ondine-cluster listening on " + host + ":" + port + " (java " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " cpu"
                + (hz == null ? "" : ", Hazelcast member " + hz.getCluster().getLocalMember().getAddress()
                + " of " + hz.getCluster().getMembers().size()) + ")");
        System.out.flush();
        stopped.await();
    }
}
