package dev.ondine.bench;

import dev.ondine.api.Limits;
import dev.ondine.api.broadcast.Group;
import dev.ondine.api.broadcast.Published;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.jakarta.metrics.EndpointTally;
import dev.ondine.impl.jakarta.server.OndineServerContainer;
import dev.ondine.impl.jakarta.session.DispatchExecutors;
import dev.ondine.impl.jakarta.session.OndineSession;
import dev.ondine.impl.jakarta.session.SessionContext;
import dev.ondine.impl.jakarta.session.SessionRegistry;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.protocol.deflate.DeflateParameters;
import dev.ondine.impl.protocol.deflate.PerMessageDeflate;
import dev.ondine.impl.transport.Upgrade;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One publish to a group of {@link #members} server sessions over in-memory transports that
 * take every byte at once (no sockets: what is measured is Ondine's work, not the kernel's),
 * on the publishing thread. Ways:
 *
 * <ul>
 *   <li>{@code group}: {@code Group.publish(String)}: the frame encoded once, a view of it
 *       queued and written for each member ({@code deflate} = {@code alone}: the members
 *       compress each message alone, and the compressed frame is shared too);</li>
 *   <li>{@code eachSession}: what an application does without groups, a loop of
 *       {@code getAsyncRemote().sendText(text, handler)} over the sessions (each encodes, and
 *       compresses with its own deflater).</li>
 * </ul>
 *
 * <p>The score is the time of one publish to every member; divided by {@link #members} it
 * is the cost per delivered message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class BroadcastBenchmark {

    @Param({"1000", "10000"})
    public int members;

    @Param({"group", "eachSession"})
    public String way;

    /** {@code none}: no permessage-deflate; {@code alone}: negotiated with server_no_context_takeover. */
    @Param({"none", "alone"})
    public String deflate;

    /** Payload of the text message, in bytes. */
    @Param({"128"})
    public int size;

    private final AtomicLong frames = new AtomicLong();
    private final List<OndineSession> sessions = new ArrayList<>();
    private ExecutorService pool;
    private OndineServerContainer container;
    private Group group;
    private String text;

    /** A member endpoint that does nothing. */
    public static class Member extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        pool = DispatchExecutors.create("bench-endpoint");
        Limits limits = Limits.builder().idleTimeoutMillis(0).build();
        container = new OndineServerContainer(limits, pool, null);
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Member.class, "/room").build();
        SessionRegistry registry = new SessionRegistry();
        EndpointTally tally = new EndpointTally("/room", registry::connections);
        DeflateParameters alone = new DeflateParameters(true, false, DeflateParameters.ABSENT, DeflateParameters.ABSENT);
        for (int i = 0; i < members; i++) {
            OndineSession session = new OndineSession(new SessionContext(new Member(), config,
                    new SessionContext.Request(URI.create("ws://127.0.0.1/room"), false, null, null, null),
                    new SessionContext.Negotiated("", null), SessionContext.InitialLimits.from(limits),
                    new SessionContext.Owner(container, registry, pool)));
            WebSocketConnection c = new WebSocketConnection(Role.SERVER, new DispatchBenchmark.NullTransport(frames),
                    session, Upgrade.connectionLimits(limits), null,
                    deflate.equals("alone") ? new PerMessageDeflate(Role.SERVER, alone) : null, tally);
            c.start();
            sessions.add(session);
        }
        for (OndineSession s : sessions) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!s.opened().isDone() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
        group = container.groups().group("room");
        for (OndineSession s : sessions) {
            group.join(s);
        }
        text = "x".repeat(size);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }

    private static final SendHandler IGNORE = result -> { };

    @Benchmark
    public int publish() {
        if (way.equals("group")) {
            Published p = group.publish(text);
            return p.queued();
        }
        for (OndineSession s : sessions) {
            s.getAsyncRemote().sendText(text, IGNORE);
        }
        return sessions.size();
    }
}
