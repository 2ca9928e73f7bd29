package dev.ondine.hazelcast;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.ondine.api.broadcast.GroupMessage;
import dev.ondine.api.broadcast.LocalGroups;
import dev.ondine.api.broadcast.Published;
import dev.ondine.testsupport.FreePorts;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * On demand, not a test: how many publishes a second one group carries between members of this
 * JVM (one ring buffer, so one partition owner: the ceiling of a single hot group), and the
 * process's CPU per relayed message. Members on loopback; the first publishes, every other
 * member reads the group.
 *
 * <pre>
 * mvn -B -q -pl hazelcast -am test-compile
 * M2=$HOME/.m2/repository
 * taskset -c 0 java -Xmx1g -cp "hazelcast/target/test-classes:hazelcast/target/classes:api/target/classes:\
 * test-support/target/classes:$M2/com/hazelcast/hazelcast/5.7.0/hazelcast-5.7.0.jar:\
 * $M2/jakarta/websocket/jakarta.websocket-api/2.2.0/jakarta.websocket-api-2.2.0.jar" \
 *     dev.ondine.hazelcast.RelayThroughputMeasurement MEMBERS MESSAGES SIZE
 * </pre>
 */
public final class RelayThroughputMeasurement {
    private RelayThroughputMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int first = FreePorts.range(members);
        List<HazelcastInstance> hz = new ArrayList<>();
        List<HazelcastRelay> relays = new ArrayList<>();
        AtomicLong received = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        LocalGroups counting = new LocalGroups() {
            @Override
            public Published deliver(String group, GroupMessage message) {
                received.incrementAndGet();
                return new Published(1, 0);
            }

            @Override
            public void lost(String group, long count) {
                lost.addAndGet(count);
            }
        };
        try {
            for (int i = 0; i < members; i++) {
                hz.add(HazelcastMember.tcp().ports(first, first + members - 1).clusterName("measure-" + first)
                        .joinSeconds(1).start());
                HazelcastRelay r = HazelcastRelay.builder(hz.get(i)).publishQueueLimit(messages).build();
                r.start(counting);
                relays.add(r);
            }
            for (int i = 1; i < members; i++) {
                relays.get(i).membersChanged("hot", 1);
            }
            while (relays.get(0).presence("hot") < members - 1) {
                Thread.sleep(10);
            }
            GroupMessage m = GroupMessage.ofBinary(new byte[size]);
            for (int round = 0; round < 2; round++) { // the first round warms up
                received.set(0);
                lost.set(0);
                long expected = (long) messages * (members - 1);
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int n = 0; n < messages; n++) {
                    relays.get(0).publish("hot", m);
                }
                long deadline = t0 + 120_000_000_000L;
                while (received.get() + lost.get() < expected && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                System.out.printf("%s: %d members, %d messages of %d B: %d of %d delivered in %.2f s, %.0f publishes/s,"
                                + " %.1f us CPU (all members) per relayed delivery, %d failed to publish, %d lost by readers%n",
                        round == 0 ? "warm-up" : "measured", members, messages, size, received.get(), expected, s,
                        messages / s, cpu * 1e6 / Math.max(1, received.get()), relays.get(0).failedPublishes(),
                        lost.get());
            }
        } finally {
            relays.forEach(HazelcastRelay::close);
            hz.forEach(h -> h.getLifecycleService().terminate());
        }
    }
}
