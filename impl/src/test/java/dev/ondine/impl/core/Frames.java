package dev.ondine.impl.core;

import dev.ondine.impl.protocol.FrameHandler;
import dev.ondine.impl.protocol.FrameParser;
import dev.ondine.impl.protocol.FrameWriter;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.ProtocolException;
import dev.ondine.impl.protocol.Role;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Encodes what a peer sends and decodes what the connection wrote, for core tests. */
final class Frames {
    private Frames() {
    }

    /** A frame as a peer of {@code role} would send it. */
    static ByteBuffer frame(Role peerRole, boolean fin, int opcode, byte[] payload) {
        return frame(peerRole, fin, 0, opcode, payload);
    }

    /** A frame with RSV bits (RSV1 = 4), as a peer of {@code role} would send it. */
    static ByteBuffer frame(Role peerRole, boolean fin, int rsv, int opcode, byte[] payload) {
        FrameWriter writer = new FrameWriter(peerRole, peerRole.masksOutput() ? new MaskKeySource(new Random(7)) : null);
        return writer.encodeToSingleBuffer(fin, rsv, opcode, ByteBuffer.wrap(payload));
    }

    static ByteBuffer clientFrame(boolean fin, int opcode, byte[] payload) {
        return frame(Role.CLIENT, fin, opcode, payload);
    }

    static ByteBuffer clientText(String text) {
        return clientFrame(true, Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static ByteBuffer clientClose(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        ByteBuffer p = ByteBuffer.allocate(2 + r.length);
        p.putShort((short) code).put(r).flip();
        byte[] payload = new byte[p.remaining()];
        p.get(payload);
        return clientFrame(true, Opcode.CLOSE, payload);
    }

    static ByteBuffer concat(ByteBuffer... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer p : parts) {
            ByteBuffer d = p.duplicate();
            byte[] b = new byte[d.remaining()];
            d.get(b);
            out.write(b, 0, b.length);
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    /** One decoded frame. */
    record Frame(int opcode, boolean fin, byte[] payload, int rsv) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        @Override
        public String toString() {
            return Opcode.name(opcode) + (fin ? "" : "(more)") + "[" + payload.length + "]";
        }
    }

    /** Decodes the bytes a connection of {@code writerRole} wrote. */
    static List<Frame> decode(Role writerRole, byte[] bytes) {
        Role reader = writerRole == Role.SERVER ? Role.CLIENT : Role.SERVER;
        List<Frame> frames = new ArrayList<>();
        FrameParser parser = new FrameParser(reader, new FrameHandler() {
            int opcode;
            boolean fin;
            int rsv;
            ByteArrayOutputStream data;

            @Override
            public void onDataFrameStart(int op, boolean f, int r, long len) {
                opcode = op;
                fin = f;
                rsv = r;
                data = new ByteArrayOutputStream();
            }

            @Override
            public void onDataPayload(ByteBuffer chunk) {
                byte[] b = new byte[chunk.remaining()];
                chunk.get(b);
                data.write(b, 0, b.length);
            }

            @Override
            public void onDataFrameEnd() {
                frames.add(new Frame(opcode, fin, data.toByteArray(), rsv));
            }

            @Override
            public void onControlFrame(int op, ByteBuffer payload) {
                byte[] b = new byte[payload.remaining()];
                payload.get(b);
                frames.add(new Frame(op, true, b, 0));
            }
        }, Long.MAX_VALUE);
        parser.setAllowedRsvBits(4);
        try {
            parser.parse(ByteBuffer.wrap(bytes));
        } catch (ProtocolException e) {
            throw new AssertionError("Connection wrote an invalid frame stream", e);
        }
        return frames;
    }
}
