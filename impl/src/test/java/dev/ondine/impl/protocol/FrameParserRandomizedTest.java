package dev.ondine.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ondine.impl.protocol.RecordingHandler.Event;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Feeds {@link FrameParser} thousands of generated frame streams, valid and with one
 * injected violation each, split at random byte boundaries, and compares what it reports
 * with a reference model: a plain whole-buffer parser written from RFC 6455 §5.2-§5.5.
 */
class FrameParserRandomizedTest {

    private static final long LIMIT = 70_000;
    private static final int STREAMS = 3000;

    /** The violation injected into a stream, if any. */
    enum Fault {
        NONE, RESERVED_OPCODE, BAD_MASK, OVERSIZE_CONTROL, FRAGMENTED_CONTROL, NON_MINIMAL_16, NON_MINIMAL_64,
        LENGTH_MSB, STRAY_CONTINUATION, NESTED_DATA, DISALLOWED_RSV, TOO_BIG
    }

    /** One frame as the generator means it; a fault may give it a wrong field. */
    static final class WireFrame {
        boolean fin = true;
        int rsv;
        int opcode;
        boolean masked;
        int maskKey;
        byte[] payload = new byte[0];
        /** 0 for the minimal length form, or 16 / 64 to force that form. */
        int lengthBits;
        /** A length to put on the wire instead of the payload's; the payload is then not sent. */
        Long declaredLength;

        Event event() {
            return Opcode.isControl(opcode) ? Event.control(opcode, payload) : Event.data(opcode, fin, rsv, payload);
        }
    }

    record Scenario(Role role, int allowedRsv, List<WireFrame> frames, Fault fault, int faultyFrame) {

        int expectedCode() {
            return fault == Fault.TOO_BIG ? CloseCodes.TOO_BIG : CloseCodes.PROTOCOL_ERROR;
        }
    }

    /** What a parser made of a stream: the frames it reported, then the close code and frame index of its error. */
    record Outcome(List<Event> events, int closeCode, int failedFrame) {
    }

    // --- generator -------------------------------------------------------------------------

    static final class Generator {
        private final Random random;
        private Role role;
        private int allowedRsv;
        private boolean open;

        Generator(Random random) {
            this.random = random;
        }

        Scenario next(Fault fault) {
            role = random.nextBoolean() ? Role.SERVER : Role.CLIENT;
            allowedRsv = random.nextInt(3) == 0 ? 0 : random.nextInt(8);
            if (fault == Fault.DISALLOWED_RSV && allowedRsv == 7) {
                allowedRsv = 4;
            }
            open = false;
            List<WireFrame> frames = new ArrayList<>();
            int count = 1 + random.nextInt(8);
            int faultAt = fault == Fault.NONE ? -1 : random.nextInt(count);
            int faultyFrame = -1;
            for (int i = 0; i < count; i++) {
                if (i == faultAt) {
                    faultyFrame = addFaulty(frames, fault);
                } else {
                    frames.add(validFrame());
                }
            }
            return new Scenario(role, allowedRsv, frames, fault, faultyFrame);
        }

        private WireFrame validFrame() {
            if (random.nextInt(4) == 0) {
                return controlFrame(random.nextInt(126));
            }
            int opcode = open ? Opcode.CONTINUATION : random.nextBoolean() ? Opcode.TEXT : Opcode.BINARY;
            return dataFrame(opcode, random.nextBoolean(), dataLength());
        }

        private WireFrame controlFrame(int length) {
            return frame(new int[] {Opcode.CLOSE, Opcode.PING, Opcode.PONG}[random.nextInt(3)], true, length);
        }

        /** A data frame; updates whether a fragmented message is open as §5.4 says. */
        private WireFrame dataFrame(int opcode, boolean fin, int length) {
            // A non-final frame opens (or keeps open) a message; a final one closes it.
            open = !fin;
            return frame(opcode, fin, length);
        }

        private WireFrame frame(int opcode, boolean fin, int length) {
            WireFrame f = new WireFrame();
            f.opcode = opcode;
            f.fin = fin;
            f.rsv = Opcode.isControl(opcode) ? 0 : random.nextInt(8) & allowedRsv; // RFC 7692 §6.1
            f.masked = role.expectsMaskedInput();
            f.maskKey = random.nextInt();
            f.payload = new byte[length];
            random.nextBytes(f.payload);
            return f;
        }

        private int dataLength() {
            switch (random.nextInt(20)) {
                case 0: return 0;
                case 1: return 125;
                case 2: return 126;
                case 3: return random.nextInt(20) == 0 ? 65535 : 127 + random.nextInt(2000);
                case 4: return random.nextInt(20) == 0 ? 65536 + random.nextInt((int) LIMIT - 65535) : 1 + random.nextInt(300);
                default: return 1 + random.nextInt(125);
            }
        }

        /** Adds the frame carrying {@code fault} (after a valid frame that sets up its precondition, if needed). */
        private int addFaulty(List<WireFrame> frames, Fault fault) {
            if (fault == Fault.STRAY_CONTINUATION && open) {
                frames.add(dataFrame(Opcode.CONTINUATION, true, random.nextInt(50)));
            } else if (fault == Fault.NESTED_DATA && !open) {
                frames.add(dataFrame(Opcode.TEXT, false, random.nextInt(50)));
            }
            int openOpcode = open ? Opcode.CONTINUATION : Opcode.BINARY;
            WireFrame f;
            switch (fault) {
                case RESERVED_OPCODE:
                    f = frame(new int[] {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}[random.nextInt(10)],
                            random.nextBoolean(), random.nextInt(100));
                    break;
                case BAD_MASK:
                    f = random.nextBoolean() ? controlFrame(random.nextInt(126)) : frame(openOpcode, true, dataLength());
                    f.masked = !f.masked;
                    break;
                case OVERSIZE_CONTROL:
                    f = controlFrame(126 + random.nextInt(200));
                    break;
                case FRAGMENTED_CONTROL:
                    f = controlFrame(random.nextInt(126));
                    f.fin = false;
                    break;
                case NON_MINIMAL_16:
                    f = frame(openOpcode, random.nextBoolean(), random.nextInt(126));
                    f.lengthBits = 16;
                    break;
                case NON_MINIMAL_64:
                    f = frame(openOpcode, random.nextBoolean(),
                            random.nextInt(10) == 0 ? 65535 : random.nextInt(2000));
                    f.lengthBits = 64;
                    break;
                case LENGTH_MSB:
                    f = frame(openOpcode, true, 0);
                    f.lengthBits = 64;
                    f.declaredLength = Long.MIN_VALUE | (random.nextLong() >>> 1);
                    break;
                case STRAY_CONTINUATION:
                    f = frame(Opcode.CONTINUATION, random.nextBoolean(), random.nextInt(100));
                    break;
                case NESTED_DATA:
                    f = frame(random.nextBoolean() ? Opcode.TEXT : Opcode.BINARY, random.nextBoolean(), random.nextInt(100));
                    break;
                case DISALLOWED_RSV:
                    f = random.nextBoolean() ? controlFrame(random.nextInt(126)) : frame(openOpcode, true, random.nextInt(100));
                    int forbidden = ~allowedRsv & 7;
                    int bit;
                    do {
                        bit = 1 << random.nextInt(3);
                    } while ((bit & forbidden) == 0);
                    f.rsv |= bit;
                    break;
                case TOO_BIG:
                    f = frame(openOpcode, random.nextBoolean(), 0);
                    f.declaredLength = random.nextBoolean() ? LIMIT + 1 + random.nextInt(100_000) : Long.MAX_VALUE;
                    break;
                default:
                    throw new IllegalArgumentException(fault.name());
            }
            frames.add(f);
            return frames.size() - 1;
        }
    }

    // --- encoder ----------------------------------------------------------------------------

    static byte[] encode(List<WireFrame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (WireFrame f : frames) {
            out.write((f.fin ? 0x80 : 0) | f.rsv << 4 | f.opcode);
            long length = f.declaredLength != null ? f.declaredLength : f.payload.length;
            int mask = f.masked ? 0x80 : 0;
            int bits = f.lengthBits != 0 ? f.lengthBits : length < 126 ? 7 : length < 65536 ? 16 : 64;
            if (bits == 7) {
                out.write(mask | (int) length);
            } else {
                out.write(mask | (bits == 16 ? 126 : 127));
                for (int shift = bits - 8; shift >= 0; shift -= 8) {
                    out.write((int) (length >>> shift));
                }
            }
            byte[] key = {(byte) (f.maskKey >>> 24), (byte) (f.maskKey >>> 16), (byte) (f.maskKey >>> 8), (byte) f.maskKey};
            if (f.masked) {
                out.write(key, 0, 4);
            }
            if (f.declaredLength == null) {
                for (int i = 0; i < f.payload.length; i++) {
                    out.write(f.masked ? f.payload[i] ^ key[i % 4] : f.payload[i]);
                }
            }
        }
        return out.toByteArray();
    }

    // --- reference model --------------------------------------------------------------------

    /**
     * A whole-buffer parser that reads one complete frame at a time, decodes all its header
     * fields first, and then checks them against RFC 6455 one by one.
     */
    static Outcome referenceParse(byte[] s, Role role, int allowedRsv, long limit) {
        List<Event> events = new ArrayList<>();
        boolean open = false;
        int i = 0;
        for (int frame = 0; i < s.length; frame++) {
            int b0 = s[i++] & 0xFF;
            int b1 = s[i++] & 0xFF;
            boolean fin = (b0 & 0x80) != 0;
            int rsv = (b0 >> 4) & 7;
            int opcode = b0 & 0xF;
            boolean masked = (b1 & 0x80) != 0;
            int length7 = b1 & 0x7F;
            long length = length7;
            int extendedBytes = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
            if (extendedBytes > 0) {
                length = 0;
                for (int k = 0; k < extendedBytes; k++) {
                    length = length << 8 | (s[i++] & 0xFF);
                }
            }
            boolean control = opcode >= 8;
            boolean bad = !(opcode <= 2 || opcode >= 8 && opcode <= 10)
                    || (rsv & ~allowedRsv) != 0
                    || masked != (role == Role.SERVER)
                    || control && (!fin || length > 125 || rsv != 0)
                    || length < 0
                    || extendedBytes == 2 && length < 126
                    || extendedBytes == 8 && length < 65536
                    || opcode == 0 && !open
                    || (opcode == 1 || opcode == 2) && open;
            if (bad) {
                return new Outcome(events, CloseCodes.PROTOCOL_ERROR, frame);
            }
            if (!control && length > limit) {
                return new Outcome(events, CloseCodes.TOO_BIG, frame);
            }
            byte[] key = new byte[4];
            if (masked) {
                key = Arrays.copyOfRange(s, i, i + 4);
                i += 4;
            }
            byte[] payload = Arrays.copyOfRange(s, i, i + (int) length);
            i += (int) length;
            for (int k = 0; k < payload.length; k++) {
                payload[k] ^= key[k % 4];
            }
            if (control) {
                events.add(Event.control(opcode, payload));
            } else {
                events.add(Event.data(opcode, fin, rsv, payload));
                open = !fin;
            }
        }
        return new Outcome(events, 0, -1);
    }

    // --- the parser under test -----------------------------------------------------------------

    private static Outcome incrementalParse(byte[] stream, Scenario scenario, Random random) {
        RecordingHandler handler = new RecordingHandler();
        FrameParser parser = new FrameParser(scenario.role(), handler, LIMIT);
        parser.setAllowedRsvBits(scenario.allowedRsv());
        int offset = random.nextInt(8);
        ByteBuffer in = random.nextBoolean()
                ? ByteBuffer.allocate(offset + stream.length) : ByteBuffer.allocateDirect(offset + stream.length);
        in.position(offset);
        in.put(stream);
        int maxPiece = new int[] {1, 4, 17, 300, 5000, Integer.MAX_VALUE}[random.nextInt(6)];
        int at = offset;
        try {
            while (at < in.capacity()) {
                int piece = 1 + random.nextInt(Math.min(maxPiece, in.capacity() - at));
                in.limit(at + piece).position(at);
                parser.parse(in);
                assertEquals(in.limit(), in.position(), "parse must consume all input");
                at += piece;
            }
        } catch (ProtocolException e) {
            assertEquals(in.limit(), in.position(), "a failing parse consumes its input too");
            assertTrue(parser.isFailed());
            assertTrue(!handler.insideDataFrame(), "error inside a data frame that had started");
            return new Outcome(handler.events, e.closeCode(), -1);
        }
        assertTrue(parser.isAtFrameBoundary());
        return new Outcome(handler.events, 0, -1);
    }

    // --- tests --------------------------------------------------------------------------------

    @Test
    @Timeout(10)
    void validStreamsSplitAnywhereGiveTheReferenceEvents() {
        for (int n = 0; n < STREAMS; n++) {
            long seed = 0xF4A3E5L + n;
            Random random = new Random(seed);
            Scenario scenario = new Generator(random).next(Fault.NONE);
            check(scenario, random, "seed " + seed);
        }
    }

    @Test
    @Timeout(10)
    void streamsWithOneViolationFailAtTheRightFrameWithTheRightCode() {
        Fault[] faults = Arrays.copyOfRange(Fault.values(), 1, Fault.values().length);
        Map<Fault, Integer> seen = new EnumMap<>(Fault.class);
        for (int n = 0; n < STREAMS; n++) {
            long seed = 0xBADF00DL + n;
            Random random = new Random(seed);
            Fault fault = faults[random.nextInt(faults.length)];
            Scenario scenario = new Generator(random).next(fault);
            check(scenario, random, "seed " + seed + " fault " + fault);
            seen.merge(fault, 1, Integer::sum);
        }
        for (Fault fault : faults) {
            assertTrue(seen.getOrDefault(fault, 0) > 100, fault + " generated only " + seen.get(fault) + " times");
        }
    }

    private static void check(Scenario scenario, Random random, String what) {
        byte[] stream = encode(scenario.frames());
        Outcome reference = referenceParse(stream, scenario.role(), scenario.allowedRsv(), LIMIT);

        // The reference model agrees with what the generator meant to build ...
        int framesBeforeError = scenario.faultyFrame() < 0 ? scenario.frames().size() : scenario.faultyFrame();
        List<Event> intended = new ArrayList<>();
        for (WireFrame f : scenario.frames().subList(0, framesBeforeError)) {
            intended.add(f.event());
        }
        assertEquals(intended, reference.events(), what + ": reference events");
        if (scenario.fault() == Fault.NONE) {
            assertEquals(0, reference.closeCode(), what + ": reference error");
        } else {
            assertEquals(scenario.expectedCode(), reference.closeCode(), what + ": reference close code");
            assertEquals(scenario.faultyFrame(), reference.failedFrame(), what + ": reference failing frame");
        }

        // ... and the incremental parser agrees with the reference.
        Outcome actual = incrementalParse(stream, scenario, random);
        if (!reference.events().equals(actual.events())) {
            fail(what + ": events differ\nexpected " + reference.events() + "\nactual   " + actual.events());
        }
        assertEquals(reference.closeCode(), actual.closeCode(), what + ": close code");
    }
}
