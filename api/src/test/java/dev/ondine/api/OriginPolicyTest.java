package dev.ondine.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginPolicyTest {

    @Test
    void sameOriginIsAllowedWithDefaultPortsMadeExplicit() {
        OriginPolicy p = OriginPolicy.sameOrigin();
        assertTrue(p.allows("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assertTrue(p.allows("http://Example.com", "example.com"));
        assertTrue(p.allows("http://example.com", "example.com:80"));
        assertTrue(p.allows("https://example.com", "example.com:443"));
        assertTrue(p.allows("http://[::1]:9000", "[::1]:9000"));
        assertFalse(p.allows("http://127.0.0.1:3000", "127.0.0.1:8080"));
        assertFalse(p.allows("http://127.0.0.1:3000", "127.0.0.1"));
        assertFalse(p.allows("http://evil.example", "example.com"));
        assertFalse(p.allows("https://example.com", "example.com:80"));
        assertFalse(p.allows("null", "example.com"));
    }

    @Test
    void requestsWithoutOriginAreAllowed() {
        assertTrue(OriginPolicy.sameOrigin().allows(null, "example.com"));
    }

    @Test
    void allowListAndWildcard() {
        OriginPolicy p = OriginPolicy.sameOriginAnd(List.of("https://app.example.com", " http://localhost:3000/ "));
        assertTrue(p.allows("https://APP.example.com", "api.example.com"));
        assertTrue(p.allows("http://localhost:3000", "api.example.com"));
        assertFalse(p.allows("https://other.example.com", "api.example.com"));
        assertTrue(OriginPolicy.sameOriginAnd(List.of("*")).allows("https://anything", "x"));
        assertTrue(OriginPolicy.any().allows("https://anything", "x"));
    }

    @Test
    void readsItsConfigurationKey() {
        OriginPolicy p = OriginPolicy.fromProperties(Map.of(OriginPolicy.ALLOWED_ORIGINS, "https://a.test,https://b.test")::get);
        assertTrue(p.allows("https://b.test", "server.test"));
        assertFalse(p.allows("https://c.test", "server.test"));
        assertFalse(OriginPolicy.fromProperties(Map.<String, String>of()::get).allows("https://c.test", "server.test"));
    }
}
