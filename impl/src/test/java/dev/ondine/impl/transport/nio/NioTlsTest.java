package dev.ondine.impl.transport.nio;

import dev.ondine.api.Limits;
import dev.ondine.api.TlsConfig;
import dev.ondine.impl.core.ConnectionListener;
import dev.ondine.impl.core.SendCallback;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.handshake.ClientHandshake;
import dev.ondine.impl.tls.TestCertificates;
import dev.ondine.impl.transport.Upgrade;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TLS layer of the NIO transport: secure flag, and no buffer held by an idle connection. */
class NioTlsTest {
    private NioServer server;
    private NioClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(2, TimeUnit.SECONDS);
        }
    }

    @Test
    void anIdleTlsConnectionHoldsNoBuffer(@TempDir Path dir) throws Exception {
        TestCertificates certs = TestCertificates.generate(dir, "localhost", "ip:127.0.0.1", "EC");
        Limits limits = Limits.builder().maxMessageBytes(8 << 20).build();
        BlockingQueue<Boolean> secure = new LinkedBlockingQueue<>();
        server = new NioServer(new InetSocketAddress("127.0.0.1", 0), (request, remote, isSecure) -> {
            secure.add(isSecure);
            return Upgrade.of(new ConnectionListener() {
                WebSocketConnection c;

                @Override
                public void onOpen(WebSocketConnection connection) {
                    c = connection;
                }

                @Override
                public void onBinary(ByteBuffer message) {
                    c.sendBinary(message, SendCallback.NOOP);
                }
            }, limits);
        }, limits, 1);
        server.setTls(TlsConfig.keyStore(certs.keyStore, TestCertificates.PASSWORD).createSslContext(),
                TlsConfig.DEFAULT_PROTOCOLS);
        server.start();
        assertTrue(server.isSecure());
        client = new NioClient(1);
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void onBinary(ByteBuffer message) {
                byte[] b = new byte[message.remaining()];
                message.get(b);
                received.add(b);
            }
        };
        URI uri = URI.create("wss://127.0.0.1:" + server.address().getPort() + "/echo");
        WebSocketConnection c = client.connect(uri, new ClientHandshake(uri, List.of(), List.of(), null),
                result -> Upgrade.of(listener, limits), limits, 5000, certs.trustingContext(), true)
                .get(10, TimeUnit.SECONDS);
        assertEquals(Boolean.TRUE, secure.poll(5, TimeUnit.SECONDS));
        byte[] big = new byte[3 << 20];
        new Random(3).nextBytes(big);
        c.sendBinary(ByteBuffer.wrap(big), SendCallback.NOOP);
        byte[] echoed = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(echoed);
        assertArrayEquals(big, echoed);
        Thread.sleep(200);
        NioChannel ch = server.channels().iterator().next();
        assertTrue(ch.isSecure());
        assertFalse(ch.tlsHandshaking());
        assertEquals(0, ch.tls().bufferedBytes(), "an idle TLS connection holds no record buffer");
    }

    @Test
    void pastTheConnectionLimitATlsPortClosesWithoutAPlainTextAnswer(@TempDir Path dir) throws Exception {
        TestCertificates certs = TestCertificates.generate(dir, "localhost", "ip:127.0.0.1", "EC");
        Limits limits = Limits.builder().maxConnectionsPerAddress(1).build();
        server = new NioServer(new InetSocketAddress("127.0.0.1", 0),
                (request, remote, isSecure) -> Upgrade.of(new ConnectionListener() { }, limits), limits, 1);
        server.setTls(TlsConfig.keyStore(certs.keyStore, TestCertificates.PASSWORD).createSslContext(),
                TlsConfig.DEFAULT_PROTOCOLS);
        server.start();
        InetSocketAddress address = server.address();
        try (Socket first = new Socket(address.getAddress(), address.getPort());
             Socket refused = new Socket(address.getAddress(), address.getPort())) {
            refused.setSoTimeout(5000);
            InputStream in = refused.getInputStream();
            // A TLS client expects a ServerHello: the refused socket gets no bytes, only the end.
            assertEquals(-1, in.read(), "a refused connection on a TLS port gets no plain-text 503");
            assertTrue(first.isConnected());
        }
    }
}
