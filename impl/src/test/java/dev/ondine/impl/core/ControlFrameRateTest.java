package dev.ondine.impl.core;

import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Past the limit of pings and pongs in one second: 1008 (RFC 6455 §7.4.1). */
class ControlFrameRateTest {

    @Test
    void theLimitHoldsPerSecondWindow() throws ProtocolException {
        ControlFrameRate rate = new ControlFrameRate(3);
        long t = 5_000_000_000L;
        rate.count(t);
        rate.count(t + 1);
        rate.count(t + 2);
        ProtocolException e = assertThrows(ProtocolException.class, () -> rate.count(t + 3));
        assertEquals(CloseCodes.POLICY_VIOLATION, e.closeCode());
        ControlFrameRate next = new ControlFrameRate(3);
        next.count(t);
        next.count(t + 1);
        next.count(t + 2);
        next.count(t + 1_000_000_000L); // a new window
        next.count(t + 1_000_000_001L);
    }
}
