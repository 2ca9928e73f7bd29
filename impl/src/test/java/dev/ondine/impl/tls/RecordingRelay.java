package dev.ondine.impl.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on 127.0.0.1 for one connection to {@code target} that keeps every byte each side
 * sends, so that a test can read what went over the wire; {@link #wellFormedRecords} checks that
 * it is a sequence of TLS records (RFC 8446 §5.1).
 */
final class RecordingRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
    private final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
    private final Thread thread;

    RecordingRelay(InetSocketAddress target) throws IOException {
        listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        thread = new Thread(() -> relayOne(target), "recording-relay");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void relayOne(InetSocketAddress target) {
        try (Socket client = listener.accept(); Socket server = new Socket(target.getAddress(), target.getPort())) {
            client.setSoTimeout(20_000);
            server.setSoTimeout(20_000);
            Thread back = new Thread(() -> copy(server, client, fromServer), "recording-relay-back");
            back.setDaemon(true);
            back.start();
            copy(client, server, fromClient);
            back.join(TimeUnit.SECONDS.toMillis(20));
        } catch (IOException | InterruptedException e) {
            // the test reads what was recorded up to here
        }
    }

    private static void copy(Socket from, Socket to, ByteArrayOutputStream record) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                synchronized (record) {
                    record.write(buffer, 0, n);
                }
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // reset or closed: the recording ends
        }
    }

    /** Waits for the connection to end (at most 20 s) and returns what {@code client} (or the server) sent. */
    byte[] sent(boolean byClient) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(20));
        ByteArrayOutputStream record = byClient ? fromClient : fromServer;
        synchronized (record) {
            return record.toByteArray();
        }
    }

    /**
     * "ok" when {@code bytes} are whole TLS records one after the other (content type 20 to 23,
     * legacy version 3.x, length at most 2^14 + 256), else where and why not.
     */
    static String wellFormedRecords(byte[] bytes) {
        int at = 0;
        while (at < bytes.length) {
            if (bytes.length - at < 5) {
                return "a record header cut at byte " + at;
            }
            int type = bytes[at] & 0xff;
            int major = bytes[at + 1] & 0xff;
            int length = ((bytes[at + 3] & 0xff) << 8) | (bytes[at + 4] & 0xff);
            if (type < 20 || type > 23 || major != 3 || length > (1 << 14) + 256) {
                return String.format("not a TLS record at byte %d: type %d, version %d.%d, length %d of %d bytes",
                        at, type, major, bytes[at + 2] & 0xff, length, bytes.length);
            }
            at += 5 + length;
        }
        return at == bytes.length ? "ok" : "a record cut at the end";
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
