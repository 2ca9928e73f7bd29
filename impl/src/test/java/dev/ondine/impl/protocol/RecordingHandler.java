package dev.ondine.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what a {@link FrameParser} reports as a list of {@link Event}s. The payload chunks
 * of one data frame are joined, so the list does not depend on how the input was split; the
 * handler also checks the call protocol (start, chunks, end; no empty chunk).
 */
class RecordingHandler implements FrameHandler {

    /** One frame seen by the handler. {@code data} compares by content ({@link ByteBuffer#equals}). */
    record Event(String kind, int opcode, boolean fin, int rsv, long length, ByteBuffer data) {

        static Event data(int opcode, boolean fin, int rsv, byte[] payload) {
            return new Event("data", opcode, fin, rsv, payload.length, ByteBuffer.wrap(payload));
        }

        static Event control(int opcode, byte[] payload) {
            return new Event("control", opcode, true, 0, payload.length, ByteBuffer.wrap(payload));
        }

        @Override
        public String toString() {
            return kind + " " + Opcode.name(opcode) + " fin=" + fin + " rsv=" + rsv + " len=" + length
                    + " crc=" + Integer.toHexString(java.util.Arrays.hashCode(bytes(data)));
        }
    }

    final List<Event> events = new ArrayList<>();
    private int opcode = -1;
    private boolean fin;
    private int rsv;
    private long declaredLength;
    private ByteArrayOutputStream payload;

    @Override
    public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
        assertNull(payload, "frame started before the previous one ended");
        this.opcode = opcode;
        this.fin = fin;
        this.rsv = rsv;
        this.declaredLength = payloadLength;
        this.payload = new ByteArrayOutputStream();
    }

    @Override
    public void onDataPayload(ByteBuffer chunk) throws ProtocolException {
        if (payload == null) {
            fail("payload outside a data frame");
        }
        assertTrue(chunk.hasRemaining(), "empty payload chunk");
        byte[] bytes = bytes(chunk);
        payload.write(bytes, 0, bytes.length);
    }

    @Override
    public void onDataFrameEnd() {
        if (payload == null) {
            fail("end without start");
        }
        assertEquals(declaredLength, payload.size(), "payload bytes delivered vs. declared length");
        events.add(Event.data(opcode, fin, rsv, payload.toByteArray()));
        payload = null;
    }

    @Override
    public void onControlFrame(int opcode, ByteBuffer data) {
        assertNull(payload, "control frame reported inside a data frame's payload");
        events.add(Event.control(opcode, bytes(data)));
    }

    /** Whether a data frame has started and not ended. */
    boolean insideDataFrame() {
        return payload != null;
    }

    static byte[] bytes(ByteBuffer buf) {
        byte[] out = new byte[buf.remaining()];
        buf.duplicate().get(out);
        return out;
    }
}
