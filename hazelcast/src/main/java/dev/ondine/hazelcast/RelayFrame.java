package dev.ondine.hazelcast;

import dev.ondine.api.broadcast.GroupMessage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * One publish as it travels on a group's reliable topic: a plain {@code byte[]}, so that no class of
 * Ondine has to be known to Hazelcast's serialization (Payara's instance has its own class loader).
 *
 * <pre>
 *   byte    format (1) | 0x80 when the message is text
 *   16      origin: the publishing relay's id (most, least significant bits)
 *   u16     length of the group's name in UTF-8, then the name
 *   rest    the message's payload
 * </pre>
 */
record RelayFrame(UUID origin, String group, GroupMessage message) {
    private static final int FORMAT = 1;
    private static final int TEXT = 0x80;
    private static final int HEADER = 1 + 16 + 2;

    /** The bytes of this frame. */
    byte[] encode() {
        byte[] name = group.getBytes(StandardCharsets.UTF_8);
        if (name.length > 0xFFFF) {
            throw new IllegalArgumentException("group name longer than 65535 bytes in UTF-8");
        }
        byte[] payload = message.payload();
        ByteBuffer out = ByteBuffer.allocate(HEADER + name.length + payload.length);
        out.put((byte) (FORMAT | (message.text() ? TEXT : 0)))
                .putLong(origin.getMostSignificantBits())
                .putLong(origin.getLeastSignificantBits())
                .putShort((short) name.length)
                .put(name)
                .put(payload);
        return out.array();
    }

    /**
     * The frame in {@code bytes}.
     *
     * @throws IllegalArgumentException if they are not a frame of this format
     */
    static RelayFrame decode(byte[] bytes) {
        if (bytes.length < HEADER || (bytes[0] & 0x7F) != FORMAT) {
            throw new IllegalArgumentException("not an Ondine relay frame (" + bytes.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        boolean text = (in.get() & TEXT) != 0;
        UUID origin = new UUID(in.getLong(), in.getLong());
        int nameLength = Short.toUnsignedInt(in.getShort());
        if (in.remaining() < nameLength) {
            throw new IllegalArgumentException("truncated Ondine relay frame");
        }
        String group = new String(bytes, in.position(), nameLength, StandardCharsets.UTF_8);
        byte[] payload = Arrays.copyOfRange(bytes, in.position() + nameLength, bytes.length);
        return new RelayFrame(origin, group, new GroupMessage(text, payload));
    }
}
