package dev.ondine.bench;

import dev.ondine.api.Limits;
import dev.ondine.api.OnReadingThread;
import dev.ondine.impl.core.ConnectionListener;
import dev.ondine.impl.core.ConnectionMetrics;
import dev.ondine.impl.core.SendCallback;
import dev.ondine.impl.core.Transport;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.jakarta.annotated.AnnotatedEndpointModel;
import dev.ondine.impl.jakarta.metrics.EndpointTally;
import dev.ondine.impl.jakarta.session.DispatchExecutors;
import dev.ondine.impl.jakarta.session.OndineSession;
import dev.ondine.impl.jakarta.session.ReadingThreadEndpoint;
import dev.ondine.impl.jakarta.session.SessionContext;
import dev.ondine.impl.jakarta.session.SessionRegistry;
import dev.ondine.impl.protocol.FrameWriter;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.transport.Upgrade;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Messages per second from bytes to an echo reply, through two stacks over an in-memory
 * transport (no sockets): the connection core with a plain listener that replies on the
 * reading thread ({@code core}), and a Jakarta {@code @OnMessage} echo returning its
 * argument, dispatched through the session's serial executor to a pool thread and answered
 * with a blocking send, as Ondine runs it ({@code annotatedPooled}: the Jakarta layer plus
 * the hand-off), and the same echo opted in to the reading thread
 * ({@code annotatedReadingThread}, {@code @OnReadingThread}: no hand-off, the blocking send
 * returns once queued and the replies leave at the end of the read). In {@code echo} one
 * operation is one read of {@value #BATCH} pipelined 64-byte text frames, processed until
 * every reply is written, and the score is per message; in {@code echoOneInFlight} one read
 * holds one frame and waits for its reply (one message in flight).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatchBenchmark {
    @Param({"core", "annotatedPooled", "annotatedReadingThread"})
    public String stack;

    static final int BATCH = 32;

    /**
     * Where the connection reports its traffic: {@code tally}, an endpoint's counters as the
     * server has them (docs/design.md, "Metrics"), or {@code none}.
     */
    @Param({"tally", "none"})
    public String metrics;

    private final AtomicLong replies = new AtomicLong();
    private NullTransport transport;
    private WebSocketConnection connection;
    private ExecutorService pool;
    private byte[] frames;
    private int frameLength;
    private ByteBuffer input;

    /** The echo, as a user writes it. */
    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage
        public String echo(String message) {
            return message;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        transport = new NullTransport(replies);
        ConnectionListener listener;
        switch (stack) {
            case "core":
                listener = new ConnectionListener() {
                    WebSocketConnection c;

                    @Override
                    public void onOpen(WebSocketConnection connection) {
                        c = connection;
                    }

                    @Override
                    public void onText(String message) {
                        c.sendText(message, SendCallback.NOOP);
                    }
                };
                break;
            case "annotatedPooled":
            case "annotatedReadingThread":
                pool = DispatchExecutors.create("bench-endpoint"); // as Ondine's containers make it
                AnnotatedEndpointModel model = AnnotatedEndpointModel.forServer(Echo.class, new HashSet<>());
                ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Echo.class, "/echo").build();
                ReadingThreadEndpoint readingThread = stack.equals("annotatedReadingThread")
                        ? ReadingThreadEndpoint.of(Echo.class, "/echo", () -> { }) : null;
                if (readingThread != null) {
                    config.getUserProperties().put(OnReadingThread.PROPERTY, true);
                }
                listener = new OndineSession(new SessionContext(model.newEndpoint(new Echo()), config,
                        new SessionContext.Request(URI.create("ws://127.0.0.1/echo"), false, null, null, null),
                        new SessionContext.Negotiated("", null),
                        SessionContext.InitialLimits.from(Limits.builder().idleTimeoutMillis(0).build()),
                        new SessionContext.Owner(null, new SessionRegistry(), pool),
                        readingThread == null ? null : readingThread.forSession(config)));
                break;
            default:
                throw new IllegalArgumentException(stack);
        }
        ConnectionMetrics sink = metrics.equals("tally") ? new EndpointTally("/echo", List::of) : ConnectionMetrics.NOOP;
        connection = new WebSocketConnection(Role.SERVER, transport, listener,
                Upgrade.connectionLimits(Limits.builder().idleTimeoutMillis(0).build()), null, null, sink);
        connection.start();
        FrameWriter client = new FrameWriter(Role.CLIENT, new MaskKeySource(new Random(1)));
        ByteBuffer all = ByteBuffer.allocate(BATCH * 80);
        byte[] text = new byte[64];
        java.util.Arrays.fill(text, (byte) 'x');
        for (int i = 0; i < BATCH; i++) {
            all.put(client.encodeToSingleBuffer(true, 0, Opcode.TEXT, ByteBuffer.wrap(text)));
        }
        all.flip();
        frameLength = all.remaining() / BATCH; // all frames have the same length
        frames = new byte[all.remaining()];
        all.get(frames);
        input = ByteBuffer.allocate(frames.length);
        awaitReplies(0); // let onOpen run
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void echo() {
        long target = replies.get() + BATCH;
        // The frames are masked; the parser unmasks in place, so restore them each time.
        input.clear();
        input.put(frames).flip();
        connection.onBytesReceived(input);
        awaitReplies(target);
    }

    /** One frame read, its reply awaited: one message in flight. */
    @Benchmark
    public void echoOneInFlight() {
        long target = replies.get() + 1;
        input.clear();
        input.put(frames, 0, frameLength).flip();
        connection.onBytesReceived(input);
        awaitReplies(target);
    }

    private void awaitReplies(long target) {
        while (replies.get() < target) {
            Thread.onSpinWait();
            if (replies.get() < target) {
                LockSupport.parkNanos(1_000);
            }
        }
    }

    /** Takes every byte at once and counts the frames written (one per gathering write entry of 2 buffers or 1). */
    static final class NullTransport implements Transport {
        private final AtomicLong replies;

        NullTransport(AtomicLong replies) {
            this.replies = replies;
        }

        @Override
        public long write(ByteBuffer[] buffers, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                ByteBuffer b = buffers[i];
                // A server text frame of 64 bytes: a 2-byte header then the payload.
                if (b.remaining() == 2 && (b.get(b.position()) & 0x0F) == Opcode.TEXT) {
                    replies.incrementAndGet();
                } else if (b.remaining() == 66 && (b.get(b.position()) & 0x0F) == Opcode.TEXT) {
                    replies.incrementAndGet();
                }
                n += b.remaining();
                b.position(b.limit());
            }
            return n;
        }

        @Override
        public void requestWritable() {
        }

        @Override
        public void pauseReading() {
        }

        @Override
        public void resumeReading() {
        }

        @Override
        public void close() {
        }

        @Override
        public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
            return () -> { };
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public SocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 1);
        }

        @Override
        public SocketAddress localAddress() {
            return new InetSocketAddress("127.0.0.1", 2);
        }

        @Override
        public boolean isSecure() {
            return false;
        }
    }
}
