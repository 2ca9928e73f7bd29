package dev.ondine.api;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HandshakeRejectionTest {

    @Test
    void carriesStatusAndHeaders() {
        HandshakeRejection r = new HandshakeRejection(401, "token required").withHeader("WWW-Authenticate", "Bearer");
        assertEquals(401, r.status());
        assertEquals("token required", r.getMessage());
        assertEquals(Map.of("WWW-Authenticate", "Bearer"), r.headers());
    }

    @Test
    void onlyErrorStatuses() {
        assertThrows(IllegalArgumentException.class, () -> new HandshakeRejection(200, "ok"));
        assertThrows(IllegalArgumentException.class, () -> new HandshakeRejection(101, "switching"));
        assertThrows(IllegalArgumentException.class, () -> new HandshakeRejection(600, "?"));
    }
}
