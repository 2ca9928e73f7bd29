package dev.ondine.impl.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Incremental UTF-8 validator for text messages and close reasons (RFC 6455 §5.6, §8.1).
 *
 * <p>It accepts exactly the well-formed byte sequences of RFC 3629 §4 (Unicode Table 3-7)
 * and fails fast: {@link #validate} reports the first byte after which no continuation
 * could make the input valid, even when a message is split across frames or chunks at any
 * byte (§8.1 "as soon as", also across fragment boundaries, §5.4). The only state carried
 * between calls is one int, so a validator costs nothing while a connection is idle.
 *
 * <p>Design: runs of ASCII are skipped 8 bytes at a time while no sequence is open; other
 * bytes go through a small DFA. Each byte falls into one of 12 classes; a state is stored
 * premultiplied by the class count so that the next state is {@code NEXT[state + class]}.
 *
 * <p>Not thread-safe; one instance per message stream.
 */
public final class Utf8Validator {

    // Byte classes (RFC 3629 §4 / Unicode Table 3-7 columns).
    private static final int C_ASCII = 0;      // 00..7F
    private static final int C_CONT_LO = 1;    // 80..8F
    private static final int C_CONT_MID = 2;   // 90..9F
    private static final int C_CONT_HI = 3;    // A0..BF
    private static final int C_INVALID = 4;    // C0, C1, F5..FF: never appear in UTF-8
    private static final int C_LEAD2 = 5;      // C2..DF
    private static final int C_E0 = 6;         // E0: second byte A0..BF (no overlongs)
    private static final int C_LEAD3 = 7;      // E1..EC, EE..EF
    private static final int C_ED = 8;         // ED: second byte 80..9F (no surrogates)
    private static final int C_F0 = 9;         // F0: second byte 90..BF (no overlongs)
    private static final int C_LEAD4 = 10;     // F1..F3
    private static final int C_F4 = 11;        // F4: second byte 80..8F (max U+10FFFF)
    private static final int CLASSES = 12;

    // States, premultiplied by CLASSES.
    private static final int ACCEPT = 0;                // between code points
    private static final int NEED1 = 1 * CLASSES;       // one continuation byte 80..BF left
    private static final int NEED2 = 2 * CLASSES;       // two continuation bytes 80..BF left
    private static final int AFTER_E0 = 3 * CLASSES;    // need A0..BF, then one more
    private static final int AFTER_ED = 4 * CLASSES;    // need 80..9F, then one more
    private static final int NEED3 = 5 * CLASSES;       // three continuation bytes left
    private static final int AFTER_F0 = 6 * CLASSES;    // need 90..BF, then two more
    private static final int AFTER_F4 = 7 * CLASSES;    // need 80..8F, then two more
    private static final int REJECT = 8 * CLASSES;      // sticky until reset()

    private static final byte[] CLASS_OF = new byte[256];
    private static final byte[] NEXT = new byte[9 * CLASSES];

    private static final VarHandle LONG_VIEW =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    static {
        for (int b = 0; b < 256; b++) {
            CLASS_OF[b] = (byte) classOf(b);
        }
        Arrays.fill(NEXT, (byte) REJECT);
        // Table 3-7, one row per state: which byte classes move where.
        NEXT[ACCEPT + C_ASCII] = ACCEPT;
        NEXT[ACCEPT + C_LEAD2] = NEED1;
        NEXT[ACCEPT + C_E0] = AFTER_E0;
        NEXT[ACCEPT + C_LEAD3] = NEED2;
        NEXT[ACCEPT + C_ED] = AFTER_ED;
        NEXT[ACCEPT + C_F0] = AFTER_F0;
        NEXT[ACCEPT + C_LEAD4] = NEED3;
        NEXT[ACCEPT + C_F4] = AFTER_F4;
        continuation(NEED1, ACCEPT, C_CONT_LO, C_CONT_MID, C_CONT_HI);
        continuation(NEED2, NEED1, C_CONT_LO, C_CONT_MID, C_CONT_HI);
        continuation(AFTER_E0, NEED1, C_CONT_HI);
        continuation(AFTER_ED, NEED1, C_CONT_LO, C_CONT_MID);
        continuation(NEED3, NEED2, C_CONT_LO, C_CONT_MID, C_CONT_HI);
        continuation(AFTER_F0, NEED2, C_CONT_MID, C_CONT_HI);
        continuation(AFTER_F4, NEED2, C_CONT_LO);
    }

    private static int classOf(int b) {
        if (b < 0x80) {
            return C_ASCII;
        } else if (b < 0x90) {
            return C_CONT_LO;
        } else if (b < 0xA0) {
            return C_CONT_MID;
        } else if (b < 0xC0) {
            return C_CONT_HI;
        } else if (b < 0xC2) {
            return C_INVALID;
        } else if (b < 0xE0) {
            return C_LEAD2;
        } else if (b == 0xE0) {
            return C_E0;
        } else if (b == 0xED) {
            return C_ED;
        } else if (b < 0xF0) {
            return C_LEAD3;
        } else if (b == 0xF0) {
            return C_F0;
        } else if (b < 0xF4) {
            return C_LEAD4;
        } else if (b == 0xF4) {
            return C_F4;
        }
        return C_INVALID;
    }

    private static void continuation(int from, int to, int... classes) {
        for (int c : classes) {
            NEXT[from + c] = (byte) to;
        }
    }

    private int state = ACCEPT;

    /**
     * Checks {@code buf}'s bytes from position to limit, continuing the sequence left open
     * by earlier calls. The buffer's position is not moved.
     *
     * @return -1 if every byte so far is valid (the last sequence may still be open), or
     *         the absolute index in {@code buf} of the first byte that makes the input
     *         invalid. Once invalid, the validator stays invalid until {@link #reset()} and
     *         every later call returns the position it was given.
     */
    public int validate(ByteBuffer buf) {
        int from = buf.position();
        int to = buf.limit();
        if (buf.hasArray()) {
            int offset = buf.arrayOffset();
            int bad = validate(buf.array(), offset + from, offset + to);
            return bad < 0 ? -1 : bad - offset;
        }
        int s = state;
        if (s == REJECT) {
            return from;
        }
        int i = from;
        while (i < to) {
            if (s == ACCEPT) {
                while (i + 8 <= to && (buf.getLong(i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                while (i < to && buf.get(i) >= 0) {
                    i++;
                }
                if (i == to) {
                    break;
                }
            }
            s = NEXT[s + CLASS_OF[buf.get(i) & 0xFF]];
            if (s == REJECT) {
                state = REJECT;
                return i;
            }
            i++;
        }
        state = s;
        return -1;
    }

    /**
     * Checks {@code a[from..to)}, continuing the sequence left open by earlier calls.
     *
     * @return -1 if every byte so far is valid, or the index in {@code a} of the first byte
     *         that makes the input invalid (see {@link #validate(ByteBuffer)})
     */
    public int validate(byte[] a, int from, int to) {
        Objects.checkFromToIndex(from, to, a.length);
        int s = state;
        if (s == REJECT) {
            return from;
        }
        int i = from;
        while (i < to) {
            if (s == ACCEPT) {
                while (i + 8 <= to && ((long) LONG_VIEW.get(a, i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                while (i < to && a[i] >= 0) {
                    i++;
                }
                if (i == to) {
                    break;
                }
            }
            s = NEXT[s + CLASS_OF[a[i] & 0xFF]];
            if (s == REJECT) {
                state = REJECT;
                return i;
            }
            i++;
        }
        state = s;
        return -1;
    }

    /**
     * Whether the input so far ends between code points. A text message whose last frame
     * leaves a sequence open is invalid (RFC 6455 §8.1), as is an invalid input.
     */
    public boolean isComplete() {
        return state == ACCEPT;
    }

    /** Forgets all input, ready for the next message. */
    public void reset() {
        state = ACCEPT;
    }
}
