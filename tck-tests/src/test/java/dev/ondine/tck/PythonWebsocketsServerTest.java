package dev.ondine.tck;

import dev.ondine.api.Limits;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.client.OndineClientContainer;
import dev.ondine.testsupport.ExternalPeers;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ondine's client against Python's {@code websockets} as the server (an implementation
 * independent of Ondine; src/test/python/websockets_echo_server.py): permessage-deflate
 * negotiated by default, text and binary echoed compressed both ways from 0 B to 16 MiB,
 * and the same without compression when the client does not offer it. Skipped, with the reason,
 * without Python's websockets ({@link ExternalPeers}).
 */
class PythonWebsocketsServerTest {
    private static Process python;
    private static URI echo;

    /** Once, before the first test; per test, so that each one is skipped and counted without Python websockets. */
    @BeforeEach
    void startPythonServer() throws Exception {
        String interpreter = ExternalPeers.pythonWebsockets();
        if (python != null) {
            return;
        }
        Path script = Path.of(System.getProperty("ondine.python.server", "src/test/python/websockets_echo_server.py"));
        assertTrue(Files.isRegularFile(script), "missing " + script);
        python = new ProcessBuilder(interpreter, script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertNotNull(line, "the Python server printed nothing");
        assertTrue(line.startsWith("PORT "), line);
        echo = URI.create("ws://127.0.0.1:" + Integer.parseInt(line.substring(5).trim()) + "/");
    }

    @AfterAll
    static void stopPythonServer() throws Exception {
        if (python == null) {
            return; // skipped: no Python websockets
        }
        python.getOutputStream().close(); // the server stops when its standard input closes
        if (!python.waitFor(10, TimeUnit.SECONDS)) {
            python.destroyForcibly();
        }
    }

    /** Queues what it receives. */
    public static final class Receiver extends Endpoint {
        final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, received::add);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) received::add);
        }

        Object next() throws InterruptedException {
            Object o = received.poll(60, TimeUnit.SECONDS);
            assertNotNull(o, "no message within 60 s");
            return o;
        }
    }

    private static void echoEverySize(Session s, Receiver r) throws Exception {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 125, 126, 127, 65535, 65536, 1 << 20, 16 << 20}) {
            String text = "abcdefghijklmnopqrstuvwxyz\u00e9\u20ac".repeat(size / 28 + 1).substring(0, size);
            s.getBasicRemote().sendText(text);
            assertEquals(text, r.next(), "text of " + size + " characters");
            byte[] data = new byte[size];
            random.nextBytes(data);
            s.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
            ByteBuffer got = (ByteBuffer) r.next();
            byte[] bytes = new byte[got.remaining()];
            got.get(bytes);
            assertArrayEquals(data, bytes, "binary of " + size + " bytes");
        }
        s.getBasicRemote().sendText("Hel", false);
        s.getBasicRemote().sendText("lo ", false);
        s.getBasicRemote().sendText("w\u00f6rld", true);
        assertEquals("Hello w\u00f6rld", r.next(), "a text sent in parts");
    }

    /** Room for 16 MiB messages, and for the few bytes deflate adds to incompressible ones. */
    private static OndineClientContainer client() {
        OndineClientContainer client = OndineClients.newContainer(Limits.builder()
                .maxMessageBytes(32 << 20).maxFramePayloadBytes(32 << 20).build());
        client.setDefaultMaxTextMessageBufferSize(32 << 20);
        client.setDefaultMaxBinaryMessageBufferSize(32 << 20);
        return client;
    }

    @Test
    void echoesCompressedWithPermessageDeflate() throws Exception {
        Receiver r = new Receiver();
        ClientEndpointConfig deflate = ClientEndpointConfig.Builder.create().build();
        deflate.getUserProperties().put(OndineClientContainer.PERMESSAGE_DEFLATE_PROPERTY, true);
        Session s = client().connectToServer(r, deflate, echo);
        try {
            assertEquals(1, s.getNegotiatedExtensions().size(), s.getNegotiatedExtensions().toString());
            assertEquals("permessage-deflate", s.getNegotiatedExtensions().get(0).getName());
            s.getBasicRemote().sendText("?ext");
            assertEquals("permessage-deflate", r.next(), "the server's view");
            echoEverySize(s, r);
        } finally {
            s.close();
        }
    }

    @Test
    void echoesUncompressedWhenDeflateIsNotOffered() throws Exception {
        // A default configuration offers no extension (Jakarta WebSocket 2.2 §3.2.2).
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        Receiver r = new Receiver();
        Session s = client().connectToServer(r, config, echo);
        try {
            assertTrue(s.getNegotiatedExtensions().isEmpty(), s.getNegotiatedExtensions().toString());
            s.getBasicRemote().sendText("?ext");
            assertEquals("", r.next());
            echoEverySize(s, r);
        } finally {
            s.close();
        }
    }

    /**
     * Many messages with context takeover, the client giving its zlib state back after each
     * one ({@code ondine.deflateReleaseMillis=0}) and rebuilding it from the kept history as
     * a preset dictionary; the server answers with 12-bit windows (websockets' default), so
     * the client keeps 4 KiB of what it received. Messages repeat earlier ones: back-references
     * reach into the history both ways.
     */
    @Test
    void manyMessagesWithContextTakeoverAndZlibRebuiltAfterEach() throws Exception {
        OndineClientContainer client = OndineClients.newContainer(Limits.builder().deflateReleaseMillis(0).build());
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(OndineClientContainer.PERMESSAGE_DEFLATE_PROPERTY, true);
        Receiver r = new Receiver();
        Session s = client.connectToServer(r, config, echo);
        try {
            assertEquals("permessage-deflate", s.getNegotiatedExtensions().get(0).getName());
            Random random = new Random(5);
            List<String> earlier = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String text = random.nextInt(3) == 0 && !earlier.isEmpty()
                        ? earlier.get(random.nextInt(earlier.size())) + i
                        : words(random, random.nextInt(10) == 0 ? 20_000 : random.nextInt(400));
                earlier.add(text);
                if (earlier.size() > 20) {
                    earlier.remove(0);
                }
                if (i % 5 == 0) {
                    byte[] data = text.getBytes(StandardCharsets.UTF_8);
                    s.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
                    ByteBuffer got = (ByteBuffer) r.next();
                    byte[] bytes = new byte[got.remaining()];
                    got.get(bytes);
                    assertArrayEquals(data, bytes, "binary echo " + i);
                } else {
                    s.getBasicRemote().sendText(text);
                    assertEquals(text, r.next(), "text echo " + i);
                }
            }
        } finally {
            s.close();
        }
    }

    private static String words(Random random, int length) {
        String[] words = {"ondine ", "deflate ", "window ", "history ", "{\"id\":", "\"room\":\"general\", ", "\u00e9t\u00e9 "};
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            sb.append(random.nextInt(5) == 0 ? Integer.toString(random.nextInt(1 << 20)) : words[random.nextInt(words.length)]);
        }
        return sb.substring(0, length);
    }
}
