package dev.ondine.impl.jakarta.session;

import dev.ondine.impl.core.MessageType;
import dev.ondine.impl.core.SendCallback;
import dev.ondine.impl.core.SendKind;
import dev.ondine.impl.core.Transport;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.jakarta.codec.EncodedMessage;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code RemoteEndpoint.Async} (Jakarta WebSocket 2.2 §2.1.4): sends return at once; the
 * outcome reaches a {@link SendHandler} (run on the session's pool, never on a selector
 * thread) or a {@link Future}. A send that is not done within the send timeout fails with
 * a {@link SocketTimeoutException}. An asynchronous send made while the peer leaves the
 * outgoing queue full fails rather than grows it. From a callback on the reading thread
 * ({@link dev.ondine.api.OnReadingThread}) a {@code Future}'s {@code get} first writes what is
 * queued (it would otherwise wait for the end of the read).
 */
final class AsyncRemote extends AbstractRemote implements RemoteEndpoint.Async {
    private volatile long sendTimeoutMillis;

    AsyncRemote(OndineSession session, long sendTimeoutMillis, long blockingSendTimeoutMillis) {
        super(session, blockingSendTimeoutMillis);
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    @Override
    public long getSendTimeout() {
        return sendTimeoutMillis;
    }

    @Override
    public void setSendTimeout(long timeoutmillis) {
        this.sendTimeoutMillis = timeoutmillis;
    }

    @Override
    public void sendText(String text, SendHandler handler) {
        requireNonNull(text, "text");
        requireNonNull(handler, "handler");
        send(MessageType.TEXT, Utf8Cache.encode(text), new Outcome(handler));
    }

    @Override
    public Future<Void> sendText(String text) {
        requireNonNull(text, "text");
        Outcome outcome = new Outcome(null);
        send(MessageType.TEXT, Utf8Cache.encode(text), outcome);
        return outcome.future();
    }

    @Override
    public Future<Void> sendBinary(ByteBuffer data) {
        requireNonNull(data, "data");
        Outcome outcome = new Outcome(null);
        send(MessageType.BINARY, data.duplicate(), outcome);
        return outcome.future();
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler handler) {
        requireNonNull(data, "data");
        requireNonNull(handler, "handler");
        send(MessageType.BINARY, data.duplicate(), new Outcome(handler));
    }

    @Override
    public Future<Void> sendObject(Object data) {
        requireNonNull(data, "data");
        Outcome outcome = new Outcome(null);
        sendObject(data, outcome);
        return outcome.future();
    }

    @Override
    public void sendObject(Object data, SendHandler handler) {
        requireNonNull(data, "data");
        requireNonNull(handler, "handler");
        sendObject(data, new Outcome(handler));
    }

    private void sendObject(Object data, Outcome outcome) {
        EncodedMessage encoded;
        try {
            encoded = session.encoders().encode(data);
        } catch (EncodeException | IOException | RuntimeException e) {
            outcome.failed(e);
            return;
        }
        if (encoded.isText()) {
            send(MessageType.TEXT, Utf8Cache.encode(encoded.text()), outcome);
        } else {
            send(MessageType.BINARY, encoded.binary(), outcome);
        }
    }

    private void send(MessageType type, ByteBuffer data, Outcome outcome) {
        WebSocketConnection c = connection();
        long timeout = sendTimeoutMillis;
        if (timeout > 0) {
            outcome.timer = c.schedule(
                    () -> outcome.failed(new SocketTimeoutException("Send not completed within " + timeout + " ms")),
                    timeout, TimeUnit.MILLISECONDS);
        }
        if (session.sendsFromReadingThread()) {
            IOException full = refusedOnReadingThread(c);
            if (full != null) {
                outcome.failed(full);
                return;
            }
            outcome.queuedOnReadingThread = c;
        }
        c.send(type, data, true, SendKind.ASYNCHRONOUS, outcome);
    }

    private static void requireNonNull(Object o, String name) {
        if (o == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    /** The outcome of one send: first of completion, failure or timeout wins. */
    private final class Outcome implements SendCallback {
        private final SendHandler handler;
        private final CompletableFuture<Void> result = new CompletableFuture<>();
        private final AtomicBoolean done = new AtomicBoolean();
        volatile Transport.Cancellable timer;
        /** The connection, when sent from a callback on the reading thread (written at the end of the read). */
        volatile WebSocketConnection queuedOnReadingThread;

        Outcome(SendHandler handler) {
            this.handler = handler;
        }

        @Override
        public void completed() {
            if (done.compareAndSet(false, true)) {
                cancelTimer();
                result.complete(null);
                if (handler != null) {
                    session.runUserCode(() -> handler.onResult(SendResults.ok(session)));
                }
            }
        }

        @Override
        public void failed(Throwable cause) {
            if (done.compareAndSet(false, true)) {
                cancelTimer();
                result.completeExceptionally(cause);
                if (handler != null) {
                    session.runUserCode(() -> handler.onResult(SendResults.failed(session, cause)));
                }
            }
        }

        /**
         * A send queued on the reading thread leaves at the end of the read, which waiting on
         * that thread would never reach: what is queued is written now.
         */
        private void writeBeforeWaiting() {
            WebSocketConnection c = queuedOnReadingThread;
            if (c != null && !result.isDone() && session.sendsFromReadingThread()) {
                c.flush();
            }
        }

        private void cancelTimer() {
            Transport.Cancellable t = timer;
            if (t != null) {
                t.cancel();
            }
        }

        /** A Future that exposes no completion stages (they would run on the writing thread). */
        Future<Void> future() {
            return new Future<>() {
                @Override
                public boolean cancel(boolean mayInterruptIfRunning) {
                    return false; // a frame handed to the connection cannot be taken back
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }

                @Override
                public boolean isDone() {
                    return result.isDone();
                }

                @Override
                public Void get() throws InterruptedException, ExecutionException {
                    writeBeforeWaiting();
                    return result.get();
                }

                @Override
                public Void get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
                    writeBeforeWaiting();
                    return result.get(timeout, unit);
                }
            };
        }
    }
}
