package dev.ondine.impl.standalone;

import dev.ondine.impl.protocol.handshake.HttpHeaders;
import dev.ondine.impl.protocol.handshake.HttpRequestHead;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaticResourcesTest {
    private final StaticResources resources = new StaticResources(getClass().getClassLoader(), "statictest");

    private String get(String method, String target) {
        ByteBuffer b = resources.respond(new HttpRequestHead(method, target, "HTTP/1.1", new HttpHeaders().add("Host", "x")));
        return StandardCharsets.ISO_8859_1.decode(b).toString();
    }

    @Test
    void servesIndexForTheRootAndFilesWithTheirType() {
        String root = get("GET", "/");
        assertTrue(root.startsWith("HTTP/1.1 200 OK\r\n"), root);
        assertTrue(root.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assertTrue(root.endsWith("<h1>hello</h1>\n"));
        String css = get("GET", "/sub/site.css?v=1");
        assertTrue(css.contains("Content-Type: text/css; charset=utf-8\r\n"), css);
    }

    @Test
    void headHasTheHeadersOfGetWithoutTheBody() {
        String head = get("HEAD", "/index.html");
        assertTrue(head.contains("Content-Length: 15\r\n"), head);
        assertTrue(head.endsWith("\r\n\r\n"));
    }

    @Test
    void refusesPathsThatLeaveTheFolderAndClassFiles() {
        assertNull(StaticResources.pathOf("/../secret"));
        assertNull(StaticResources.pathOf("/a/%2e%2e/%2e%2e/secret"));
        assertNull(StaticResources.pathOf("/a\\..\\b"));
        assertNull(StaticResources.pathOf("/%00"));
        assertNull(StaticResources.pathOf("http://evil/"));
        assertEquals("a/b.txt", StaticResources.pathOf("/a/./b.txt"));
        assertTrue(get("GET", "/../statictest/index.html").startsWith("HTTP/1.1 404 "));
        assertTrue(get("GET", "/" + StaticResourcesTest.class.getName().replace('.', '/') + ".class").startsWith("HTTP/1.1 404 "));
        assertTrue(get("GET", "/missing.html").startsWith("HTTP/1.1 404 "));
    }

    @Test
    void otherMethodsGet405() {
        String post = get("POST", "/");
        assertTrue(post.startsWith("HTTP/1.1 405 "), post);
        assertTrue(post.contains("Allow: GET, HEAD\r\n"));
    }
}
