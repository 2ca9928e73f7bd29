package dev.ondine.impl.protocol.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpHeadersTest {

    @Test
    void namesAreCaseInsensitiveAndOrderIsKept() {
        HttpHeaders h = new HttpHeaders().add("Set-Cookie", "a=1").add("Host", "x").add("set-cookie", "b=2");
        assertEquals("a=1", h.first("SET-COOKIE"));
        assertEquals(List.of("a=1", "b=2"), h.all("Set-cookie"));
        assertEquals(2, h.count("set-cookie"));
        assertTrue(h.contains("HOST"));
        assertFalse(h.contains("Origin"));
        assertNull(h.first("Origin"));
        assertEquals(List.of("Set-Cookie", "Host"), new ArrayList<>(h.names()));
        List<String> seen = new ArrayList<>();
        h.forEach(f -> seen.add(f.name() + "=" + f.value()));
        assertEquals(List.of("Set-Cookie=a=1", "Host=x", "set-cookie=b=2"), seen);
    }

    @Test
    void valuesAreTrimmed() {
        assertEquals("v  w", new HttpHeaders().add("X", " \tv  w\t ").first("x"));
    }

    @Test
    void tokenListsAreMatchedIgnoringCase() {
        HttpHeaders h = new HttpHeaders().add("Connection", "keep-alive, UPGRADE").add("Upgrade", "h2c");
        assertTrue(h.containsToken("connection", "upgrade"));
        assertTrue(h.containsToken("CONNECTION", "Keep-Alive"));
        assertFalse(h.containsToken("Connection", "close"));
        assertFalse(h.containsToken("Upgrade", "websocket"));
        assertFalse(new HttpHeaders().add("Connection", "Upgraded").containsToken("Connection", "Upgrade"));
    }

    @Test
    void splitListDropsEmptyElements() {
        assertEquals(List.of("a", "b c", "d"), HttpHeaders.splitList(" ,a ,, b c,\td ,"));
        assertEquals(List.of(), HttpHeaders.splitList(""));
    }

    @Test
    void refusesHeaderInjection() {
        HttpHeaders h = new HttpHeaders();
        assertThrows(IllegalArgumentException.class, () -> h.add("X", "a\r\nEvil: 1"));
        assertThrows(IllegalArgumentException.class, () -> h.add("X", "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> h.add("X", "a\u0000"));
        assertThrows(IllegalArgumentException.class, () -> h.add("X Y", "a"));
        assertThrows(IllegalArgumentException.class, () -> h.add("", "a"));
        assertThrows(IllegalArgumentException.class, () -> h.add("X", "\u20ac"));
        assertEquals(0, h.size());
    }
}
