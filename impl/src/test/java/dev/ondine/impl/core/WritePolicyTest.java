package dev.ondine.impl.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a queued frame is written, by what the send is. */
class WritePolicyTest {

    @Test
    void everythingIsWrittenAtOnceByDefaultExceptWhileReading() {
        WritePolicy p = new WritePolicy();
        for (SendKind kind : SendKind.values()) {
            assertTrue(p.writesNow(kind, false), kind.name());
            assertFalse(p.writesNow(kind, true), kind + " sent while reading leaves at the end of the read");
        }
        assertFalse(p.holdsWrites());
    }

    @Test
    void batchingHoldsAllButTheClose() {
        WritePolicy p = new WritePolicy();
        assertFalse(p.setBatching(true));
        assertTrue(p.holdsWrites());
        assertFalse(p.writesNow(SendKind.BLOCKING, false));
        assertFalse(p.writesNow(SendKind.ASYNCHRONOUS, false));
        assertFalse(p.writesNow(SendKind.HEARTBEAT, false));
        assertTrue(p.writesNow(SendKind.CLOSE, false));
        assertTrue(p.setBatching(false), "ending a batch writes it");
    }

    @Test
    void corkingHoldsOnlyBlockingSends() {
        WritePolicy p = new WritePolicy();
        assertFalse(p.setCorked(true));
        assertTrue(p.holdsWrites());
        assertFalse(p.writesNow(SendKind.BLOCKING, false));
        assertTrue(p.writesNow(SendKind.ASYNCHRONOUS, false), "its Future may be awaited by the corking task");
        assertTrue(p.writesNow(SendKind.HEARTBEAT, false));
        assertTrue(p.writesNow(SendKind.CLOSE, false));
        assertTrue(p.setCorked(false), "pulling the cork writes what it held");
        assertFalse(p.setCorked(false), "no cork, nothing to write");
    }
}
