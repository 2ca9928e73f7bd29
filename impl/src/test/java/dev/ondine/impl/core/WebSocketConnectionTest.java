package dev.ondine.impl.core;

import dev.ondine.api.Limits;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.transport.Upgrade;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.ondine.impl.core.Frames.clientClose;
import static dev.ondine.impl.core.Frames.clientFrame;
import static dev.ondine.impl.core.Frames.clientText;
import static dev.ondine.impl.core.Frames.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connection core over an in-memory transport, server role unless a test says otherwise. */
class WebSocketConnectionTest {
    private final InMemoryTransport transport = new InMemoryTransport();
    private final RecordingListener listener = new RecordingListener();

    private WebSocketConnection open(Limits limits) {
        WebSocketConnection c = new WebSocketConnection(Role.SERVER, transport, listener, Upgrade.connectionLimits(limits), null, null);
        transport.connection = c;
        c.start();
        return c;
    }

    private WebSocketConnection open() {
        return open(Limits.defaults());
    }

    private List<Frames.Frame> written() {
        return Frames.decode(Role.SERVER, transport.takeWritten());
    }

    @Test
    void deliversWholeTextAndBinaryMessages() {
        WebSocketConnection c = open();
        c.onBytesReceived(concat(clientText("hello"), clientFrame(true, Opcode.BINARY, new byte[300])));
        assertEquals(List.of("open", "text:hello", "binary:300"), listener.events);
    }

    @Test
    void assemblesFragmentsWithInterleavedPingAndAnswersThePing() {
        WebSocketConnection c = open();
        ByteBuffer stream = concat(
                clientFrame(false, Opcode.TEXT, "Hel".getBytes(StandardCharsets.UTF_8)),
                clientFrame(true, Opcode.PING, "p1".getBytes(StandardCharsets.UTF_8)),
                clientFrame(false, Opcode.CONTINUATION, "lo ".getBytes(StandardCharsets.UTF_8)),
                clientFrame(true, Opcode.CONTINUATION, "wörld".getBytes(StandardCharsets.UTF_8)));
        // Feed one byte at a time: the core must not care where reads split.
        while (stream.hasRemaining()) {
            c.onBytesReceived(ByteBuffer.wrap(new byte[] {stream.get()}));
        }
        assertEquals(List.of("open", "ping:p1", "text:Hello wörld"), listener.events);
        List<Frames.Frame> out = written();
        assertEquals(1, out.size());
        assertEquals(Opcode.PONG, out.get(0).opcode());
        assertEquals("p1", out.get(0).text());
    }

    @Test
    void partialTextNeverSplitsACharacter() {
        listener.partialText = true;
        WebSocketConnection c = open();
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // three bytes
        c.onBytesReceived(clientFrame(false, Opcode.TEXT, new byte[] {'a', euro[0]}));
        c.onBytesReceived(clientFrame(false, Opcode.CONTINUATION, new byte[] {euro[1]}));
        c.onBytesReceived(clientFrame(true, Opcode.CONTINUATION, new byte[] {euro[2], 'b'}));
        c.onBytesReceived(clientFrame(true, Opcode.TEXT, new byte[0]));
        assertEquals(List.of("open", "textPart:a", "textPart:", "textPart:€b:last", "textPart::last"), listener.events);
    }

    @Test
    void partialBinaryMarksTheLastPiece() {
        listener.partialBinary = true;
        WebSocketConnection c = open();
        c.onBytesReceived(clientFrame(false, Opcode.BINARY, new byte[10]));
        c.onBytesReceived(clientFrame(true, Opcode.CONTINUATION, new byte[0]));
        assertEquals(List.of("open", "binaryPart:10", "binaryPart:0:last"), listener.events);
    }

    @Test
    void messageOverTheLimitFailsWith1009BeforeItsPayloadArrives() {
        WebSocketConnection c = open(Limits.builder().maxMessageBytes(100).build());
        ByteBuffer big = clientFrame(true, Opcode.BINARY, new byte[101]);
        big.limit(8); // header and mask only
        c.onBytesReceived(big);
        List<Frames.Frame> out = written();
        assertEquals(1, out.size());
        assertEquals(Opcode.CLOSE, out.get(0).opcode());
        assertEquals(1009, out.get(0).closeCode());
        assertTrue(transport.closed, "a failed connection ends once its close frame is written");
        assertEquals(1009, listener.closeCode);
        assertEquals(1, listener.errors.size());
    }

    /**
     * What the listener sends when told of the failure (an endpoint's @OnError replying at once)
     * never overtakes the close frame: §7.1.7, no data after failing the connection.
     */
    @Test
    void theCloseFrameOfAFailureLeavesBeforeAnythingTheErrorHandlerSends() {
        WebSocketConnection[] self = new WebSocketConnection[1];
        List<String> sendOutcomes = new ArrayList<>();
        RecordingListener replying = new RecordingListener() {
            @Override
            public void onError(Throwable error) {
                super.onError(error);
                self[0].sendText("too late", new SendCallback() {
                    @Override
                    public void completed() {
                        sendOutcomes.add("sent");
                    }

                    @Override
                    public void failed(Throwable cause) {
                        sendOutcomes.add("refused");
                    }
                });
            }
        };
        WebSocketConnection c = new WebSocketConnection(Role.SERVER, transport, replying,
                Upgrade.connectionLimits(Limits.builder().maxTextMessageBytes(5).build()), null, null);
        self[0] = c;
        transport.connection = c;
        c.start();
        c.onBytesReceived(clientText("123456"));
        List<Frames.Frame> out = written();
        assertEquals(1, out.size(), out.toString());
        assertEquals(1009, out.get(0).closeCode());
        assertEquals(List.of("refused"), sendOutcomes);
    }

    @Test
    void fragmentedMessageOverTheLimitFailsWith1009() {
        WebSocketConnection c = open(Limits.builder().maxTextMessageBytes(10).build());
        c.onBytesReceived(clientFrame(false, Opcode.TEXT, "123456".getBytes(StandardCharsets.UTF_8)));
        c.onBytesReceived(clientFrame(true, Opcode.CONTINUATION, "78901".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1009, written().get(0).closeCode());
        assertEquals(List.of("open", "error", "close:1009"), listener.events);
    }

    @Test
    void invalidUtf8FailsWith1007AtTheFirstBadFragment() {
        WebSocketConnection c = open();
        c.onBytesReceived(clientFrame(false, Opcode.TEXT, new byte[] {'o', 'k'}));
        assertTrue(written().isEmpty());
        c.onBytesReceived(clientFrame(false, Opcode.CONTINUATION, new byte[] {(byte) 0xC0, (byte) 0x80}));
        assertEquals(1007, written().get(0).closeCode());
        assertTrue(transport.closed);
    }

    @Test
    void textEndingInsideACharacterFailsWith1007() {
        WebSocketConnection c = open();
        c.onBytesReceived(clientFrame(true, Opcode.TEXT, new byte[] {'a', (byte) 0xE2, (byte) 0x82}));
        assertEquals(1007, written().get(0).closeCode());
    }

    @Test
    void unmaskedClientFrameFailsWith1002() {
        WebSocketConnection c = open();
        c.onBytesReceived(Frames.frame(Role.SERVER, true, Opcode.TEXT, new byte[] {'x'}));
        assertEquals(1002, written().get(0).closeCode());
        assertEquals(1002, listener.closeCode);
    }

    @Test
    void nothingIsProcessedAfterAProtocolError() {
        WebSocketConnection c = open();
        c.onBytesReceived(concat(clientFrame(true, Opcode.CONTINUATION, new byte[1]), clientText("late")));
        c.onBytesReceived(clientText("later"));
        assertFalse(listener.events.contains("text:late"));
        assertFalse(listener.events.contains("text:later"));
    }

    @Test
    void echoesThePeersCloseAndEnds() {
        WebSocketConnection c = open();
        c.onBytesReceived(clientClose(4001, "bye"));
        List<Frames.Frame> out = written();
        assertEquals(1, out.size());
        assertEquals(4001, out.get(0).closeCode());
        assertTrue(transport.closed, "the server ends TCP first (RFC 6455 §7.1.1)");
        assertEquals(4001, listener.closeCode);
        assertEquals("bye", listener.closeReason);
        assertFalse(c.isOpen());
    }

    @Test
    void theAnswerToThePeersCloseWaitsForTheListenerSoThatRepliesGoFirst() {
        listener.holdCloseAnswer = true;
        WebSocketConnection c = open();
        c.onBytesReceived(concat(clientText("last question"), clientClose(1000, "")));
        assertEquals(List.of("open", "text:last question", "closeFrame"), listener.events);
        assertTrue(written().isEmpty(), "no close frame before the listener says so");
        assertFalse(transport.closed);
        c.sendText("last answer", SendCallback.NOOP);
        c.onBytesReceived(clientText("ignored: nothing is read after a close frame (RFC 6455 §5.5.1)"));
        listener.closeAnswer.run();
        listener.closeAnswer.run(); // twice: one close frame
        List<Frames.Frame> out = written();
        assertEquals(2, out.size());
        assertEquals("last answer", out.get(0).text());
        assertEquals(1000, out.get(1).closeCode());
        assertTrue(transport.closed, "then the server ends TCP (RFC 6455 §7.1.1)");
        assertEquals(List.of("open", "text:last question", "closeFrame", "close:1000"), listener.events);
    }

    @Test
    void theAnswerToThePeersCloseLeavesAfterTheCloseTimeoutIfTheListenerNeverGivesIt() {
        listener.holdCloseAnswer = true;
        WebSocketConnection c = open(Limits.builder().closeTimeoutMillis(2000).build());
        c.onBytesReceived(clientClose(4002, ""));
        transport.advance(1999);
        assertTrue(written().isEmpty());
        transport.advance(1);
        assertEquals(4002, written().get(0).closeCode());
        assertTrue(transport.closed);
        listener.closeAnswer.run(); // too late: nothing more
        assertTrue(written().isEmpty());
        assertEquals(4002, listener.closeCode);
    }

    @Test
    void emptyCloseIsAnsweredWithAnEmptyCloseAndReportedAs1005() {
        WebSocketConnection c = open();
        c.onBytesReceived(clientFrame(true, Opcode.CLOSE, new byte[0]));
        Frames.Frame f = written().get(0);
        assertEquals(0, f.payload().length);
        assertEquals(1005, listener.closeCode);
    }

    @Test
    void invalidCloseFramesFailWith1002Or1007() {
        WebSocketConnection c = open();
        c.onBytesReceived(clientFrame(true, Opcode.CLOSE, new byte[] {3}));
        assertEquals(1002, written().get(0).closeCode());

        InMemoryTransport t2 = new InMemoryTransport();
        WebSocketConnection c2 = new WebSocketConnection(Role.SERVER, t2, new RecordingListener(), Upgrade.connectionLimits(Limits.defaults()), null, null);
        t2.connection = c2;
        c2.start();
        c2.onBytesReceived(clientClose(1005, ""));
        assertEquals(1002, Frames.decode(Role.SERVER, t2.takeWritten()).get(0).closeCode());

        InMemoryTransport t3 = new InMemoryTransport();
        WebSocketConnection c3 = new WebSocketConnection(Role.SERVER, t3, new RecordingListener(), Upgrade.connectionLimits(Limits.defaults()), null, null);
        t3.connection = c3;
        c3.start();
        c3.onBytesReceived(clientFrame(true, Opcode.CLOSE, new byte[] {0x03, (byte) 0xE8, (byte) 0xFF}));
        assertEquals(1007, Frames.decode(Role.SERVER, t3.takeWritten()).get(0).closeCode());
    }

    @Test
    void closeStartedHereWaitsForThePeerThenEnds() {
        WebSocketConnection c = open();
        c.close(1000, "done");
        Frames.Frame f = written().get(0);
        assertEquals(1000, f.closeCode());
        assertFalse(transport.closed, "waits for the peer's close frame");
        c.onBytesReceived(clientText("still delivered"));
        c.onBytesReceived(clientClose(1000, ""));
        assertTrue(transport.closed);
        assertTrue(written().isEmpty(), "no second close frame");
        assertEquals(List.of("open", "text:still delivered", "close:1000"), listener.events);
    }

    @Test
    void closeStartedHereEndsAfterTheTimeoutWhenThePeerIsSilent() {
        WebSocketConnection c = open(Limits.builder().closeTimeoutMillis(3000).build());
        c.close(1001, "");
        transport.advance(2999);
        assertFalse(transport.closed);
        transport.advance(1);
        assertTrue(transport.closed);
        assertEquals(1001, listener.closeCode);
    }

    @Test
    void sendsAfterCloseFail() {
        WebSocketConnection c = open();
        c.close(1000, "");
        CompletableFuture<Void> sent = new CompletableFuture<>();
        c.sendText("late", futureCallback(sent));
        assertTrue(sent.isCompletedExceptionally());
    }

    @Test
    void droppedConnectionIsReportedAs1006() {
        WebSocketConnection c = open();
        c.onTransportClosed(new java.io.IOException("reset"));
        assertEquals(1006, listener.closeCode);
        assertEquals(List.of("open", "error", "close:1006"), listener.events);
        c.onTransportClosed(null);
        assertEquals(1, listener.events.stream().filter(e -> e.startsWith("close")).count(), "onClose exactly once");
    }

    @Test
    void listenerExceptionFailsWith1011AndReachesOnError() {
        RecordingListener throwing = new RecordingListener() {
            @Override
            public void onText(String message) {
                throw new IllegalStateException("boom");
            }
        };
        WebSocketConnection c = new WebSocketConnection(Role.SERVER, transport, throwing, Upgrade.connectionLimits(Limits.defaults()), null, null);
        transport.connection = c;
        c.start();
        c.onBytesReceived(clientText("x"));
        assertEquals(1011, written().get(0).closeCode());
        assertInstanceOf(IllegalStateException.class, throwing.errors.get(0));
    }

    @Test
    void idleConnectionIsClosedWith1001() {
        WebSocketConnection c = open(Limits.builder().idleTimeoutMillis(1000).build());
        transport.advance(600);
        c.onBytesReceived(clientText("keepalive"));
        transport.advance(600);
        assertTrue(written().isEmpty(), "activity restarted the idle time");
        transport.advance(1000);
        assertEquals(1001, written().get(0).closeCode());
        // Jakarta WebSocket 2.2 §2.1.5: the local side is told 1006 when it timed the session out.
        c.onBytesReceived(clientClose(1001, ""));
        assertTrue(transport.closed);
        assertEquals(1006, listener.closeCode);
    }

    @Test
    void sendingAlsoCountsAsActivityForTheIdleTimeout() {
        WebSocketConnection c = open(Limits.builder().idleTimeoutMillis(1000).build());
        transport.advance(600);
        c.sendText("still here", SendCallback.NOOP);
        transport.advance(600);
        assertEquals(1, written().size(), "only the text, no close: the send restarted the idle time");
        transport.advance(1000);
        assertEquals(1001, written().get(0).closeCode());
    }

    @Test
    void repliesMadeWhileReadingGoOutInOneWrite() {
        CountingTransport counting = new CountingTransport();
        WebSocketConnection c = new WebSocketConnection(Role.SERVER, counting, new RecordingListener() {
            @Override
            public void onText(String message) {
                connection.sendText(message, SendCallback.NOOP);
            }
        }, Upgrade.connectionLimits(Limits.defaults()), null, null);
        counting.connection = c;
        c.start();
        c.onBytesReceived(concat(clientText("a"), clientText("b"), clientText("c")));
        assertEquals(1, counting.writes);
        assertEquals(3, Frames.decode(Role.SERVER, counting.takeWritten()).size());
    }

    @Test
    void slowReaderPausesReadingAndOtherSendersAreRefused() throws Exception {
        WebSocketConnection c = open(Limits.builder().maxOutgoingQueueBytes(1000).build());
        transport.capacity = 0; // the peer reads nothing
        listener.connection.sendBinary(ByteBuffer.allocate(600), SendCallback.NOOP);
        assertFalse(transport.paused);
        listener.connection.sendBinary(ByteBuffer.allocate(600), SendCallback.NOOP);
        assertTrue(transport.paused, "reading pauses once the queue passes the limit");
        assertTrue(c.queuedBytes() >= 1200);

        AtomicReference<Throwable> refused = new AtomicReference<>();
        Thread other = new Thread(() -> c.sendText("more", new SendCallback() {
            @Override
            public void completed() {
            }

            @Override
            public void failed(Throwable cause) {
                refused.set(cause);
            }
        }));
        other.start();
        other.join(5000);
        assertInstanceOf(OutgoingQueueFullException.class, refused.get());

        transport.drain(Long.MAX_VALUE);
        assertEquals(0, c.queuedBytes());
        assertFalse(transport.paused, "reading resumes once the peer has read");
        assertEquals(1, transport.resumeCount);
        assertEquals(2, written().size());
    }

    @Test
    void suspendingReadingStopsInTheMiddleOfAReadAndResumingParsesTheRestInOrder() {
        RecordingListener pausing = new RecordingListener() {
            @Override
            public void onText(String message) {
                super.onText(message);
                if (message.equals("1")) {
                    connection.suspendReading(WebSocketConnection.READ_PAUSE_BACKLOG);
                }
            }
        };
        WebSocketConnection c = new WebSocketConnection(Role.SERVER, transport, pausing, Upgrade.connectionLimits(Limits.defaults()), null, null);
        transport.connection = c;
        c.start();
        c.onBytesReceived(concat(clientText("1"), clientText("2"), clientText("3")));
        assertEquals(List.of("open", "text:1"), pausing.events, "nothing after the message that suspended reading");
        assertTrue(transport.paused);
        c.onBytesReceived(clientText("4")); // read by the transport before its pause took effect
        assertEquals(List.of("open", "text:1"), pausing.events);
        c.resumeReading(WebSocketConnection.READ_PAUSE_BACKLOG);
        assertEquals(List.of("open", "text:1", "text:2", "text:3", "text:4"), pausing.events);
        assertFalse(transport.paused);
    }

    @Test
    void aResumeThatRacesAPauseLeavesTheTransportInTheLastStateDecided() throws Exception {
        // A pause decided on one thread (the queue passed its limit) and lifted on another (the
        // queue drained) before the first thread reached the transport: the transport must end
        // reading, as no reason is left. Before the fix, the late pause won and reading stopped
        // for good with nothing queued.
        WebSocketConnection c = open();
        AtomicReference<Thread> resumer = new AtomicReference<>();
        transport.beforePause = () -> {
            Thread t = new Thread(() -> c.resumeReading(WebSocketConnection.READ_PAUSE_OUTGOING));
            resumer.set(t);
            t.start();
            try {
                t.join(300); // with the fix the resume waits for this pause to reach the transport
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        c.suspendReading(WebSocketConnection.READ_PAUSE_OUTGOING);
        resumer.get().join(5000);
        assertFalse(resumer.get().isAlive());
        assertEquals(0, c.readPauseReasons());
        assertFalse(transport.paused, "no reason is left, so the transport reads");
    }

    @Test
    void repliesThatFillTheQueueStopTheReadThatMadeThem() {
        RecordingListener echo = new RecordingListener() {
            @Override
            public void onBinary(ByteBuffer message) {
                super.onBinary(message);
                connection.sendBinary(message, SendCallback.NOOP);
            }
        };
        WebSocketConnection c = new WebSocketConnection(Role.SERVER, transport, echo,
                Upgrade.connectionLimits(Limits.builder().maxOutgoingQueueBytes(1000).build()), null, null);
        transport.connection = c;
        c.start();
        transport.capacity = 0; // the peer reads nothing
        ByteBuffer[] frames = new ByteBuffer[10];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = clientFrame(true, Opcode.BINARY, new byte[400]);
        }
        c.onBytesReceived(concat(frames));
        // 400-byte replies: the third brings the queue past 1000 bytes, and reading stops there.
        assertEquals(4, echo.events.size(), echo.events.toString());
        assertTrue(transport.paused);
        transport.drain(Long.MAX_VALUE);
        assertEquals(11, echo.events.size(), "the rest is parsed once the peer has read");
    }

    @Test
    void sendCallbacksCompleteWhenWritten() throws Exception {
        WebSocketConnection c = open();
        transport.capacity = 3;
        CompletableFuture<Void> sent = new CompletableFuture<>();
        c.sendText("hello", futureCallback(sent));
        assertFalse(sent.isDone());
        transport.drain(Long.MAX_VALUE);
        sent.get(1, TimeUnit.SECONDS);
        assertEquals("hello", written().get(0).text());
    }

    @Test
    void fragmentedSendUsesContinuationsAndRefusesInterleavedMessages() {
        WebSocketConnection c = open();
        c.send(MessageType.TEXT, utf8("ab"), false, SendKind.ASYNCHRONOUS, SendCallback.NOOP);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> c.send(MessageType.BINARY, ByteBuffer.allocate(1), true, SendKind.ASYNCHRONOUS, SendCallback.NOOP));
        c.sendPing(ByteBuffer.allocate(0), SendCallback.NOOP);
        c.send(MessageType.TEXT, utf8("c"), true, SendKind.ASYNCHRONOUS, SendCallback.NOOP);
        List<Frames.Frame> out = written();
        assertEquals(3, out.size());
        assertEquals(Opcode.TEXT, out.get(0).opcode());
        assertFalse(out.get(0).fin());
        assertEquals(Opcode.PING, out.get(1).opcode());
        assertEquals(Opcode.CONTINUATION, out.get(2).opcode());
        assertTrue(out.get(2).fin());
    }

    @Test
    void clientMasksWhatItSendsAndRefusesMaskedServerFrames() {
        RecordingListener clientListener = new RecordingListener();
        WebSocketConnection client = new WebSocketConnection(Role.CLIENT, transport, clientListener, Upgrade.connectionLimits(Limits.defaults()),
                new dev.ondine.impl.protocol.MaskKeySource(new java.util.Random(3)), null);
        transport.connection = client;
        client.start();
        client.sendText("hi", SendCallback.NOOP);
        List<Frames.Frame> out = Frames.decode(Role.CLIENT, transport.takeWritten());
        assertEquals("hi", out.get(0).text());
        client.onBytesReceived(Frames.frame(Role.SERVER, true, Opcode.TEXT, "ok".getBytes(StandardCharsets.UTF_8)));
        assertEquals("text:ok", clientListener.events.get(1));
        client.onBytesReceived(clientText("masked"));
        assertEquals(1002, Frames.decode(Role.CLIENT, transport.takeWritten()).get(0).closeCode());
    }

    @Test
    void clientWaitsForTheServerToEndTcpAfterTheCloseHandshake() {
        RecordingListener clientListener = new RecordingListener();
        WebSocketConnection client = new WebSocketConnection(Role.CLIENT, transport, clientListener,
                Upgrade.connectionLimits(Limits.builder().closeTimeoutMillis(500).build()), new dev.ondine.impl.protocol.MaskKeySource(new java.util.Random(3)), null);
        transport.connection = client;
        client.start();
        client.close(1000, "");
        client.onBytesReceived(Frames.frame(Role.SERVER, true, Opcode.CLOSE, new byte[] {0x03, (byte) 0xE8}));
        assertFalse(transport.closed, "the client gives the server time to close TCP first");
        transport.advance(500);
        assertTrue(transport.closed);
        assertEquals(1000, clientListener.closeCode);
    }

    private static SendCallback futureCallback(CompletableFuture<Void> f) {
        return new SendCallback() {
            @Override
            public void completed() {
                f.complete(null);
            }

            @Override
            public void failed(Throwable cause) {
                f.completeExceptionally(cause);
            }
        };
    }

    /** Counts write calls. */
    private static final class CountingTransport extends ForwardingTransport {
        int writes;

        @Override
        public synchronized long write(ByteBuffer[] buffers, int offset, int length) {
            writes++;
            return super.write(buffers, offset, length);
        }
    }

    private static class ForwardingTransport extends NoOpTransport {
        private final InMemoryTransport delegate = new InMemoryTransport();
        WebSocketConnection connection;

        @Override
        public long write(ByteBuffer[] buffers, int offset, int length) {
            return delegate.write(buffers, offset, length);
        }

        byte[] takeWritten() {
            return delegate.takeWritten();
        }
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
