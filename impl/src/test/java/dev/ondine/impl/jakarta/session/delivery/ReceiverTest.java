package dev.ondine.impl.jakarta.session.delivery;

import dev.ondine.impl.core.PartSink;
import dev.ondine.impl.jakarta.codec.Decoders;
import dev.ondine.impl.jakarta.codec.MessageKind;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DecodeException;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The way from the connection's messages to the handlers, below the session: the executor is
 * a queue the test runs, the backlog a plain {@link ReadBacklog}, the session a recorder.
 */
class ReceiverTest {
    private final ArrayDeque<Runnable> executor = new ArrayDeque<>();
    /** What the handlers received and what the session was told, in order. */
    private final List<String> events = new ArrayList<>();
    private final ReadBacklog backlog = new ReadBacklog(10, () -> events.add("pause"), () -> events.add("resume"));
    private final Inbox inbox = new Inbox(executor::add, backlog, new Inbox.Owner() {
        @Override
        public void handlerFailed(Throwable error) {
            events.add("error:" + error.getClass().getSimpleName());
        }

        @Override
        public void dropped(MessageKind kind) {
            events.add("dropped:" + kind);
        }

        @Override
        public void tooBig(MessageKind kind, long limit) {
            events.add("tooBig:" + kind + ":" + limit);
        }
    });
    private final RegisteredHandlers handlers = new RegisteredHandlers(inbox, decoders());
    private boolean opened = true;
    private final Receiver receiver = new Receiver(inbox, handlers, () -> opened, () -> 4, () -> 4);

    private static Decoders decoders() {
        try {
            return Decoders.create(List.of(), ClientEndpointConfig.Builder.create().build());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = executor.poll()) != null) {
            task.run();
        }
    }

    /** Gives {@code sink} the pieces of one message, the last one with {@code last} set. */
    @SafeVarargs
    private static <T> void send(PartSink<T> sink, T... pieces) {
        for (int i = 0; i < pieces.length; i++) {
            sink.part(pieces[i], i == pieces.length - 1);
        }
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void wholeTextIsHandedOverOnTheExecutorAndCountedUntilHandled() {
        handlers.add((MessageHandler.Whole<String>) m -> events.add("text:" + m), String.class, true);
        assertNull(receiver.textParts(), "a whole handler lets the core assemble the message");
        receiver.text("hello");
        assertEquals(5, backlog.bytes());
        assertEquals(List.of(), events, "nothing runs on the reading thread");
        runTasks();
        assertEquals(List.of("text:hello"), events);
        assertEquals(0, backlog.bytes());
    }

    @Test
    void wholeBinaryAsBufferAndAsArray() {
        List<Object> got = new ArrayList<>();
        handlers.add((MessageHandler.Whole<byte[]>) got::add, byte[].class, true);
        ByteBuffer message = bytes("abc");
        receiver.binary(message);
        runTasks();
        assertTrue(Arrays.equals("abc".getBytes(StandardCharsets.US_ASCII), (byte[]) got.get(0)));
        assertEquals(3, message.remaining(), "the buffer is not moved");
        handlers.remove(handlers.binary().handler());
        handlers.add((MessageHandler.Whole<ByteBuffer>) got::add, ByteBuffer.class, true);
        receiver.binary(message);
        runTasks();
        assertSame(message, got.get(1), "a ByteBuffer handler gets the buffer as it is");
    }

    @Test
    void aMessageWithNoHandlerIsDropped() {
        receiver.text("x");
        receiver.binary(bytes("y"));
        runTasks();
        assertEquals(List.of("dropped:TEXT", "dropped:BINARY"), events);
        assertEquals(0, backlog.bytes());
    }

    @Test
    void partialPiecesGoOneByOneAndByteArraysAreCopies() {
        handlers.add((MessageHandler.Partial<byte[]>) (p, last) -> events.add(new String(p, StandardCharsets.US_ASCII) + last),
                byte[].class, false);
        send(receiver.binaryParts(), bytes("ab"), bytes("cd"));
        assertEquals(4, backlog.bytes());
        runTasks();
        assertEquals(List.of("abfalse", "cdtrue"), events);
    }

    @Test
    void thePiecesOfAMessageGoToTheHandlerThatDecidedAtItsFirstFrame() {
        MessageHandler.Partial<String> partial = (p, last) -> events.add("partial:" + p + ":" + last);
        handlers.add(partial, String.class, false);
        PartSink<String> pieces = receiver.textParts();
        pieces.part("ab", false);
        handlers.remove(partial);
        handlers.add((MessageHandler.Whole<String>) m -> events.add("whole:" + m), String.class, true);
        pieces.part("cd", true);
        runTasks();
        assertEquals(List.of("partial:ab:false", "partial:cd:true"), events);
        assertNull(receiver.textParts(), "the next message is the whole handler's");
    }

    @Test
    void aPartialHandlerGetsAWholeMessageAsOneLastPiece() {
        handlers.add((MessageHandler.Partial<String>) (p, last) -> events.add(p + ":" + last), String.class, false);
        receiver.text("all");
        runTasks();
        assertEquals(List.of("all:true"), events);
    }

    @Test
    void aReaderReadsThePiecesAsTheyComeAndUnreadPiecesAreReleased() {
        handlers.add((MessageHandler.Whole<Reader>) r -> {
            try {
                char[] first = new char[2];
                events.add("read:" + new String(first, 0, r.read(first)));
            } catch (IOException e) {
                events.add("io");
            }
        }, Reader.class, true);
        PartSink<String> pieces = receiver.textParts();
        assertInstanceOf(PieceQueue.class, pieces);
        pieces.part("ab", false);
        pieces.part("cdef", true);
        assertEquals(6, backlog.bytes());
        runTasks();
        assertEquals(List.of("read:ab"), events);
        assertEquals(0, backlog.bytes(), "what the handler left is released when it returns");
    }

    /** An InputStream handler that reads the whole message and records its length, or the failure. */
    private MessageHandler.Whole<InputStream> readsAll() {
        return in -> {
            try {
                events.add("bytes:" + in.readAllBytes().length);
            } catch (IOException e) {
                events.add("io:" + e.getMessage());
            }
        };
    }

    @Test
    void anInputStreamWaitingForTheRestFailsWhenTheConnectionEnds() {
        handlers.add(readsAll(), InputStream.class, true);
        receiver.binaryParts().part(bytes("abc"), false);
        inbox.connectionEnded();
        runTasks();
        assertEquals(List.of("io:The connection ended before the message did"), events);
    }

    @Test
    void aStreamHandlerGetsAWholeMessageFromMemory() {
        handlers.add(readsAll(), InputStream.class, true);
        receiver.binary(bytes("abcd"));
        runTasks();
        assertEquals(List.of("bytes:4"), events);
    }

    @Test
    void decodedMessagesAndDecodingFailures() {
        handlers.add((MessageHandler.Whole<Integer>) i -> events.add("int:" + i), Integer.class, true);
        receiver.text("42");
        receiver.text("x42");
        runTasks();
        assertEquals(List.of("int:42", "error:" + DecodeException.class.getSimpleName()), events);
    }

    @Test
    void whatAHandlerThrowsGoesToTheSession() {
        handlers.add((MessageHandler.Whole<String>) m -> {
            throw new IllegalStateException(m);
        }, String.class, true);
        receiver.text("boom");
        runTasks();
        assertEquals(List.of("error:IllegalStateException"), events);
    }

    @Test
    void pongsGoToThePongHandlerAsACopyAndAreNotCounted() {
        List<PongMessage> got = new ArrayList<>();
        handlers.add((MessageHandler.Whole<PongMessage>) got::add, PongMessage.class, true);
        ByteBuffer payload = bytes("ping!");
        receiver.pong(payload);
        payload.put(0, (byte) 'X');
        assertEquals(0, backlog.bytes());
        runTasks();
        assertEquals("ping!", StandardCharsets.US_ASCII.decode(got.get(0).getApplicationData()).toString());
    }

    @Test
    void oneHandlerPerNativeTypeAndOnlyTypesSomethingProduces() {
        MessageHandler.Whole<String> first = m -> { };
        handlers.add(first, String.class, true);
        IllegalStateException second = assertThrows(IllegalStateException.class,
                () -> handlers.add((MessageHandler.Partial<String>) (p, last) -> { }, String.class, false));
        assertTrue(second.getMessage().startsWith("A text message handler is already registered"));
        assertThrows(IllegalStateException.class, () -> handlers.add((MessageHandler.Whole<Thread>) t -> { }, Thread.class, true));
        assertThrows(IllegalStateException.class,
                () -> handlers.add((MessageHandler.Partial<Integer>) (p, last) -> { }, Integer.class, false));
        assertEquals(Set.of(first), handlers.all());
        handlers.remove(first);
        assertEquals(Set.of(), handlers.all());
    }

    @Test
    void theBacklogPausesReadingPastItsLimitAndResumesAtHalf() {
        handlers.add((MessageHandler.Whole<String>) m -> { }, String.class, true);
        receiver.text("123456");
        receiver.text("123456");
        assertEquals(List.of("pause"), events, "12 bytes waiting, over the limit of 10");
        runTasks();
        assertEquals(List.of("pause", "resume"), events);
    }

    @Test
    void piecesBeforeOnOpenReturnedWaitForItsHandlers() {
        opened = false;
        send(receiver.textParts(), "ab", "cd");
        handlers.add((MessageHandler.Whole<String>) m -> events.add("whole:" + m), String.class, true);
        runTasks();
        assertEquals(List.of("whole:abcd"), events, "assembled for the whole handler onOpen registered");
    }

    @Test
    void piecesBeforeOnOpenReturnedGoToAPartialHandlerAsPieces() {
        opened = false;
        send(receiver.binaryParts(), bytes("ab"), bytes("cd"));
        handlers.add((MessageHandler.Partial<ByteBuffer>) (p, last) -> events.add(p.remaining() + ":" + last),
                ByteBuffer.class, false);
        runTasks();
        assertEquals(List.of("2:false", "2:true"), events);
    }

    @Test
    void anEarlyMessageOverTheBufferSizeIsTooBigOnceAndOneWithNoHandlerIsDropped() {
        opened = false;
        PartSink<String> early = receiver.textParts();
        send(early, "abc", "de", "f");
        send(early, "late");
        handlers.add((MessageHandler.Whole<String>) m -> events.add("whole:" + m), String.class, true);
        runTasks();
        assertEquals(List.of("tooBig:TEXT:4", "whole:late"), events);
        opened = false;
        send(receiver.binaryParts(), bytes("x"));
        runTasks();
        assertEquals(List.of("tooBig:TEXT:4", "whole:late", "dropped:BINARY"), events);
    }
}
