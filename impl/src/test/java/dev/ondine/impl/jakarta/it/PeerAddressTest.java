package dev.ondine.impl.jakarta.it;

import dev.ondine.api.ConnectionInfo;
import dev.ondine.api.Limits;
import dev.ondine.api.OndineServer;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The peer's address on the standalone server (jakartaee/websocket#255), over IPv4 and IPv6
 * loopback: what a configurator sees in {@code checkOrigin} ({@link ConnectionInfo#current()})
 * and in {@code modifyHandshake} ({@link ConnectionInfo#of(HandshakeRequest)} and the user
 * properties), and what the endpoint sees on its session, against the client socket's own
 * addresses.
 */
class PeerAddressTest {

    /** Records, per handshake, what the configurator saw, in the per-connection user properties. */
    public static class Where extends ServerEndpointConfig.Configurator {
        private static final ThreadLocal<String> SEEN_BY_CHECK_ORIGIN = new ThreadLocal<>();

        @Override
        public boolean checkOrigin(String originHeaderValue) {
            ConnectionInfo c = ConnectionInfo.current();
            SEEN_BY_CHECK_ORIGIN.set(c == null ? "none" : c.remoteAddress() + ">" + c.localAddress());
            return true;
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            ConnectionInfo c = ConnectionInfo.of(request);
            sec.getUserProperties().put("checkOrigin", SEEN_BY_CHECK_ORIGIN.get());
            SEEN_BY_CHECK_ORIGIN.remove();
            sec.getUserProperties().put("modifyHandshake", c.remoteAddress() + ">" + c.localAddress()
                    + " properties=" + sec.getUserProperties().get(ConnectionInfo.REMOTE_ADDRESS)
                    + ">" + sec.getUserProperties().get(ConnectionInfo.LOCAL_ADDRESS));
        }
    }

    @ServerEndpoint(value = "/where", configurator = Where.class)
    public static class WhereEndpoint {
        @OnOpen
        public void open(Session session) throws IOException {
            ConnectionInfo c = ConnectionInfo.of(session);
            session.getBasicRemote().sendText("checkOrigin=" + session.getUserProperties().get("checkOrigin")
                    + " modifyHandshake=" + session.getUserProperties().get("modifyHandshake")
                    + " session=" + c.remoteAddress() + ">" + c.localAddress()
                    + " properties=" + session.getUserProperties().get(ConnectionInfo.REMOTE_ADDRESS)
                    + ">" + session.getUserProperties().get(ConnectionInfo.LOCAL_ADDRESS)
                    + " secure=" + c.secure() + " tls=" + c.tlsProtocol() + " certificates=" + c.peerCertificates().size()
                    + " principal=" + session.getUserPrincipal() + " current=" + ConnectionInfo.current());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void configuratorAndEndpointSeeTheClientSocketsAddresses(String loopback) throws Exception {
        InetAddress host = InetAddress.getByName(loopback);
        Assumptions.assumeTrue(canBind(host), "no " + loopback + " on this machine");
        try (OndineServer server = OndineServer.builder().host(loopback).port(0).selectorThreads(1)
                .limits(Limits.builder().connectionProperties(true).build()).endpoint(WhereEndpoint.class).start()) {
            for (int i = 0; i < 2; i++) { // a second connection from another port sees its own
                try (Socket socket = new Socket()) {
                    socket.bind(new InetSocketAddress(host, 0));
                    socket.connect(new InetSocketAddress(host, server.address().getPort()), 5000);
                    socket.setSoTimeout(10_000);
                    String client = socket.getLocalSocketAddress().toString();
                    String serverEnd = socket.getRemoteSocketAddress().toString();
                    assertTrue(client.startsWith("/" + (loopback.contains(":") ? "[0:0:0:0:0:0:0:1]" : "127.0.0.1") + ":"),
                            client);
                    String pair = client + ">" + serverEnd;
                    assertEquals("checkOrigin=" + pair + " modifyHandshake=" + pair + " properties=" + pair
                            + " session=" + pair + " properties=" + pair
                            + " secure=false tls=null certificates=0 principal=null current=null", firstMessage(socket, "/where"));
                }
            }
        }
    }

    /**
     * By default the user properties are the application's alone (the Jakarta TCK counts them);
     * {@link ConnectionInfo} answers all the same. An endpoint's own configuration may ask for them.
     */
    @Test
    void theUserPropertiesTellTheConnectionOnlyWhenAskedTo() throws Exception {
        ServerEndpointConfig asking = ServerEndpointConfig.Builder.create(WhereEndpoint.class, "/asking")
                .configurator(new Where()).build();
        asking.getUserProperties().put(Limits.CONNECTION_PROPERTIES, true);
        try (OndineServer server = OndineServer.builder().host("127.0.0.1").port(0).selectorThreads(1)
                .endpoint(WhereEndpoint.class).endpoint(asking).start();
             Socket socket = new Socket("127.0.0.1", server.address().getPort());
             Socket second = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(10_000);
            second.setSoTimeout(10_000);
            String pair = socket.getLocalSocketAddress() + ">" + socket.getRemoteSocketAddress();
            assertEquals("checkOrigin=" + pair + " modifyHandshake=" + pair + " properties=null>null"
                    + " session=" + pair + " properties=null>null"
                    + " secure=false tls=null certificates=0 principal=null current=null", firstMessage(socket, "/where"));
            String secondPair = second.getLocalSocketAddress() + ">" + second.getRemoteSocketAddress();
            assertTrue(firstMessage(second, "/asking").contains(" session=" + secondPair + " properties=" + secondPair + " "));
        }
    }

    private static boolean canBind(InetAddress address) {
        try (ServerSocket s = new ServerSocket(0, 1, address)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends an upgrade request for {@code path} and returns the payload of the server's first (text) frame. */
    static String firstMessage(Socket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.size() > 4096) {
                throw new IOException("no complete response head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        assertTrue(head.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 101"), head.toString());
        DataInputStream data = new DataInputStream(in);
        assertEquals(0x81, data.readUnsignedByte(), "a whole text frame (RFC 6455 §5.2)");
        int length = data.readUnsignedByte(); // a server's frame is not masked (§5.1)
        if (length == 126) {
            length = data.readUnsignedShort();
        }
        byte[] payload = new byte[length];
        data.readFully(payload);
        return new String(payload, StandardCharsets.UTF_8);
    }
}
