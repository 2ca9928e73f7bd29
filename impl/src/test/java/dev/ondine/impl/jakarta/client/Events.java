package dev.ondine.impl.jakarta.client;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** What an endpoint saw, in order, for a test thread to take with a bounded wait. */
final class Events {
    static final long WAIT_SECONDS = 10;

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    void add(Object event) {
        queue.add(event);
    }

    /** The next event; fails the test after {@value #WAIT_SECONDS} s without one. */
    Object next() throws InterruptedException {
        Object o = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(o, "no event within " + WAIT_SECONDS + " s");
        return o;
    }

    /** The next event, which must be of the given type. */
    <T> T next(Class<T> type) throws InterruptedException {
        Object o = next();
        if (!type.isInstance(o)) {
            throw new AssertionError("expected a " + type.getSimpleName() + " but got " + o);
        }
        return type.cast(o);
    }

    /** The event already queued, or null: for checks that something did not happen. */
    Object poll() {
        return queue.poll();
    }
}
