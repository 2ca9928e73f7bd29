package dev.ondine.samples.status;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A page's sending state: at most one message on its way. Each tick asks {@link #next()}:
 * send the new sample, skip it (the previous one is still on its way), or drop the page (it has
 * taken nothing for {@code maxSkipped} ticks in a row). {@link #sent()} is called when a send
 * completes, from any thread; {@link #next()} only from the sampling thread.
 */
final class PageState {
    enum Action { SEND, SKIP, DROP }

    private final AtomicBoolean sending = new AtomicBoolean();
    private final int maxSkipped;
    private int skipped; // the sampling thread's

    PageState(int maxSkipped) {
        this.maxSkipped = maxSkipped;
    }

    /** Marks a send begun outside the ticks (the history, on connecting). */
    void sending() {
        sending.set(true);
    }

    Action next() {
        if (sending.get()) {
            return ++skipped >= maxSkipped ? Action.DROP : Action.SKIP;
        }
        skipped = 0;
        sending.set(true);
        return Action.SEND;
    }

    void sent() {
        sending.set(false);
    }
}
