package dev.ondine.bench.loadgen;

import java.util.Arrays;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The generator's permessage-deflate (RFC 7692), on {@code java.util.zip}: one connection's
 * offer, the agreed parameters read from the response, compression of each message sent
 * (sync flush, the {@code 00 00 ff ff} tail removed, §7.2.1) and inflation of compressed
 * messages received as their bytes stream in (tail appended at the end, §7.2.2), keeping
 * only the decompressed length and first bytes. The generator keeps its zlib state for the
 * connection's life: its memory is not what is measured.
 */
final class ClientDeflate {
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};

    /** The Sec-WebSocket-Extensions offer for {@code mode}: "on" (context takeover) or "nocontext". */
    static String offer(String mode) {
        return switch (mode) {
            case "on" -> "permessage-deflate; client_max_window_bits";
            case "nocontext" -> "permessage-deflate; server_no_context_takeover; client_no_context_takeover";
            default -> throw new IllegalArgumentException("--deflate off|on|nocontext");
        };
    }

    /** The agreed deflate from the response's extensions header value, or null if not accepted. */
    static ClientDeflate fromResponse(String extensions) {
        if (extensions == null) {
            return null;
        }
        for (String element : extensions.split(",")) {
            String[] parts = element.split(";");
            if (!parts[0].trim().equalsIgnoreCase("permessage-deflate")) {
                continue;
            }
            boolean serverNoContext = false;
            boolean clientNoContext = false;
            boolean compress = true;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim().toLowerCase(Locale.ROOT);
                if (p.equals("server_no_context_takeover")) {
                    serverNoContext = true;
                } else if (p.equals("client_no_context_takeover")) {
                    clientNoContext = true;
                } else if (p.startsWith("client_max_window_bits=")) {
                    compress = p.endsWith("=15"); // the JDK's Deflater has no smaller window
                }
            }
            return new ClientDeflate(serverNoContext, clientNoContext, compress);
        }
        return null;
    }

    private final boolean resetInflater;
    private final boolean resetDeflater;
    private final boolean compresses;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private final byte[] scratch = new byte[16 * 1024];
    private byte[] out = new byte[1024];

    /** Decompressed bytes of the message being received. */
    long produced;
    /** Its first bytes, up to {@link Conn#KEPT}. */
    final byte[] head = new byte[Conn.KEPT];
    int headLength;

    private ClientDeflate(boolean serverNoContext, boolean clientNoContext, boolean compresses) {
        this.resetInflater = serverNoContext;
        this.resetDeflater = clientNoContext;
        this.compresses = compresses;
    }

    boolean compresses() {
        return compresses;
    }

    /** One whole message compressed (§7.2.1). */
    byte[] compress(byte[] message) {
        deflater.setInput(message);
        int n = 0;
        while (true) {
            n += deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
            if (n < out.length) {
                break;
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        if (resetDeflater) {
            deflater.reset();
        }
        if (n >= 4 && out[n - 4] == 0 && out[n - 3] == 0 && out[n - 2] == (byte) 0xFF && out[n - 1] == (byte) 0xFF) {
            n -= 4;
        } else if (n == 0) {
            return new byte[] {0x00};
        }
        return Arrays.copyOf(out, n);
    }

    /** A compressed message begins. */
    void startMessage() {
        produced = 0;
        headLength = 0;
    }

    /** Inflates a piece of the compressed payload. */
    void inflate(byte[] input, int offset, int length) throws DataFormatException {
        inflater.setInput(input, offset, length);
        drain();
    }

    /** The message's last frame has ended: the tail, then the context as agreed. */
    void endMessage() throws DataFormatException {
        if (!inflater.finished()) {
            inflater.setInput(TAIL);
            drain();
        }
        if (resetInflater || inflater.finished()) {
            inflater.reset();
        }
    }

    private void drain() throws DataFormatException {
        while (true) {
            int k = inflater.inflate(scratch);
            if (k == 0) {
                return;
            }
            int keep = Math.min(k, head.length - headLength);
            if (keep > 0) {
                System.arraycopy(scratch, 0, head, headLength, keep);
                headLength += keep;
            }
            produced += k;
        }
    }
}
