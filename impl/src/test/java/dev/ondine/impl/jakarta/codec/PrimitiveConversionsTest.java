package dev.ondine.impl.jakarta.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrimitiveConversionsTest {

    static Stream<Arguments> conversions() {
        return Stream.of(
                Arguments.of(boolean.class, "true", Boolean.TRUE),
                Arguments.of(Boolean.class, "FALSE", Boolean.FALSE),
                Arguments.of(byte.class, "-128", (byte) -128),
                Arguments.of(Byte.class, "127", (byte) 127),
                Arguments.of(short.class, "-32768", (short) -32768),
                Arguments.of(Short.class, "7", (short) 7),
                Arguments.of(int.class, "42", 42),
                Arguments.of(Integer.class, "-2147483648", Integer.MIN_VALUE),
                Arguments.of(long.class, "9223372036854775807", Long.MAX_VALUE),
                Arguments.of(Long.class, "-1", -1L),
                Arguments.of(float.class, "1.5", 1.5f),
                Arguments.of(Float.class, "-0.25", -0.25f),
                Arguments.of(double.class, "3.25", 3.25d),
                Arguments.of(Double.class, "1e3", 1000d),
                Arguments.of(char.class, "x", 'x'),
                Arguments.of(Character.class, "é", 'é'),
                // the first UTF-16 unit of a longer text (as Tomcat and Tyrus; the TCK relies on it)
                Arguments.of(Character.class, "ab", 'a'),
                Arguments.of(char.class, "\uD83D\uDE00", '\uD83D'));
    }

    @ParameterizedTest
    @MethodSource("conversions")
    void parsesEachPrimitiveAndBox(Class<?> type, String text, Object expected) {
        Object value = PrimitiveConversions.parse(type, text);
        assertEquals(expected, value);
        assertSame(PrimitiveConversions.box(type), value.getClass());
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(int.class, "abc"),
                Arguments.of(int.class, " 1"),
                Arguments.of(Integer.class, "2147483648"),
                Arguments.of(int.class, ""),
                Arguments.of(byte.class, "128"),
                Arguments.of(short.class, "40000"),
                Arguments.of(long.class, "1.0"),
                Arguments.of(float.class, "one"),
                Arguments.of(double.class, "--1"),
                Arguments.of(boolean.class, "yes"),
                Arguments.of(Boolean.class, ""),
                Arguments.of(char.class, ""),
                Arguments.of(Character.class, ""));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void rejectsTextThatIsNotAValueOfTheType(Class<?> type, String text) {
        assertThrows(IllegalArgumentException.class, () -> PrimitiveConversions.parse(type, text));
    }

    @Test
    void rejectsATypeThatIsNotPrimitive() {
        assertThrows(IllegalArgumentException.class, () -> PrimitiveConversions.parse(String.class, "1"));
        assertThrows(IllegalArgumentException.class, () -> PrimitiveConversions.parse(void.class, ""));
    }

    @Test
    void boxesEachPrimitive() {
        assertSame(Boolean.class, PrimitiveConversions.box(boolean.class));
        assertSame(Byte.class, PrimitiveConversions.box(byte.class));
        assertSame(Short.class, PrimitiveConversions.box(short.class));
        assertSame(Integer.class, PrimitiveConversions.box(int.class));
        assertSame(Long.class, PrimitiveConversions.box(long.class));
        assertSame(Float.class, PrimitiveConversions.box(float.class));
        assertSame(Double.class, PrimitiveConversions.box(double.class));
        assertSame(Character.class, PrimitiveConversions.box(char.class));
    }

    @Test
    void leavesOtherTypesUnchanged() {
        assertSame(Integer.class, PrimitiveConversions.box(Integer.class));
        assertSame(String.class, PrimitiveConversions.box(String.class));
        assertSame(void.class, PrimitiveConversions.box(void.class));
        assertSame(int[].class, PrimitiveConversions.box(int[].class));
    }

    @Test
    void recognisesPrimitivesAndBoxesOnly() {
        for (Class<?> type : new Class<?>[] {boolean.class, byte.class, short.class, int.class, long.class,
                float.class, double.class, char.class, Boolean.class, Byte.class, Short.class, Integer.class,
                Long.class, Float.class, Double.class, Character.class}) {
            assertTrue(PrimitiveConversions.isPrimitiveOrBox(type), type.getName());
        }
        for (Class<?> type : new Class<?>[] {String.class, void.class, Void.class, Number.class, Object.class,
                int[].class}) {
            assertFalse(PrimitiveConversions.isPrimitiveOrBox(type), type.getName());
        }
    }
}
