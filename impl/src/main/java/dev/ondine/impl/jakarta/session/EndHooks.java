package dev.ondine.impl.jakarta.session;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What must happen once when a session's connection ends, registered by parts of the
 * container that keep the session somewhere (its groups): run once, on the thread that
 * reports the end, before the endpoint's {@code onClose}. Thread-safe.
 */
final class EndHooks {
    private static final Logger LOG = Logger.getLogger(EndHooks.class.getName());

    /** Null until the first hook; small: a session is in few places. */
    private List<Runnable> hooks;
    private boolean ended;

    /** Adds a hook; false, without running it, if the session has already ended. */
    synchronized boolean add(Runnable hook) {
        if (ended) {
            return false;
        }
        if (hooks == null) {
            hooks = new ArrayList<>(2);
        }
        hooks.add(hook);
        return true;
    }

    /** Whether the session has ended. */
    synchronized boolean ended() {
        return ended;
    }

    /** Runs every hook, once; later calls do nothing. */
    void run() {
        List<Runnable> toRun;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            toRun = hooks;
            hooks = null;
        }
        if (toRun == null) {
            return;
        }
        for (Runnable hook : toRun) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A session end hook failed", e);
            }
        }
    }
}
