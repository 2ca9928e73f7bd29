package dev.ondine.impl.jakarta.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ondine.impl.jakarta.codec.Shapes.Circle;
import dev.ondine.impl.jakarta.codec.Shapes.Shape;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecodersTest {

    private final EndpointConfig config = new TestEndpointConfig();

    // --- decoders used by the tests ---

    public static class PointJsonDecoder implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) {
            return Point.fromJson(s);
        }

        @Override
        public boolean willDecode(String s) {
            return Point.isJson(s);
        }
    }

    /** Accepts "x,y". */
    public static class PointCsvDecoder implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) {
            String[] parts = s.split(",");
            return new Point(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }

        @Override
        public boolean willDecode(String s) {
            return s.matches("-?\\d+,-?\\d+");
        }
    }

    /** Accepts anything, decodes to the origin: shows which decoder ran. */
    public static class OriginDecoder implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) {
            return new Point(0, 0);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public static class UnwillingDecoder implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) {
            throw new AssertionError("decode without willDecode");
        }

        @Override
        public boolean willDecode(String s) {
            return false;
        }
    }

    /** Reads "x y" from the reader. */
    public static class PointStreamDecoder implements Decoder.TextStream<Point> {
        @Override
        public Point decode(Reader reader) throws IOException {
            String[] parts = new BufferedReader(reader).readLine().split(" ");
            return new Point(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }
    }

    public static class PointBinaryDecoder implements Decoder.Binary<Point> {
        @Override
        public Point decode(ByteBuffer bytes) {
            return new Point(bytes.getInt(), bytes.getInt());
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return bytes.remaining() == 8;
        }
    }

    /** A decoder that breaks the javadoc by moving the buffer in willDecode. */
    public static class GreedyBinaryDecoder implements Decoder.Binary<Point> {
        @Override
        public Point decode(ByteBuffer bytes) {
            throw new AssertionError("decode without willDecode");
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            bytes.position(bytes.limit());
            return false;
        }
    }

    public static class PointBinaryStreamDecoder implements Decoder.BinaryStream<Point> {
        @Override
        public Point decode(InputStream is) throws IOException {
            DataInputStream in = new DataInputStream(is);
            return new Point(in.readInt(), in.readInt());
        }
    }

    public static class RejectingDecoder implements Decoder.Text<Point> {
        static final DecodeException FAILURE = new DecodeException("?", "rejected");

        @Override
        public Point decode(String s) throws DecodeException {
            throw FAILURE;
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public static class CrashingDecoder implements Decoder.Binary<Point> {
        @Override
        public Point decode(ByteBuffer bytes) {
            throw new IllegalStateException("crash");
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return true;
        }
    }

    public static class FailingReaderDecoder implements Decoder.TextStream<Point> {
        @Override
        public Point decode(Reader reader) throws IOException {
            throw new IOException("broken");
        }
    }

    /** Reads hexadecimal "0x.." only; other text falls through to the built-in. */
    public static class HexIntegerDecoder implements Decoder.Text<Integer> {
        @Override
        public Integer decode(String s) {
            return Integer.parseInt(s.substring(2), 16);
        }

        @Override
        public boolean willDecode(String s) {
            return s.startsWith("0x");
        }
    }

    public static class CircleDecoder implements Decoder.Text<Circle> {
        @Override
        public Circle decode(String s) {
            return new Circle();
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public static class ShapeDecoder implements Decoder.Text<Shape> {
        @Override
        public Shape decode(String s) {
            return new Circle();
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    /** T bound through an abstract generic base. */
    public abstract static class JsonDecoder<T> implements Decoder.Text<T> {
        @Override
        public boolean willDecode(String s) {
            return s.startsWith("{");
        }
    }

    public static class PointViaBaseDecoder extends JsonDecoder<Point> {
        @Override
        public Point decode(String s) {
            return Point.fromJson(s);
        }
    }

    public static class CountingDecoder implements Decoder.Text<Point> {
        static final List<CountingDecoder> CREATED = new ArrayList<>();
        int inits;
        int destroys;
        EndpointConfig initConfig;

        public CountingDecoder() {
            CREATED.add(this);
        }

        @Override
        public void init(EndpointConfig endpointConfig) {
            inits++;
            initConfig = endpointConfig;
        }

        @Override
        public void destroy() {
            destroys++;
        }

        @Override
        public Point decode(String s) {
            return Point.fromJson(s);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public static class BadInitDecoder implements Decoder.Text<Point> {
        @Override
        public void init(EndpointConfig endpointConfig) {
            throw new IllegalStateException("init failed");
        }

        @Override
        public Point decode(String s) {
            return null;
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public static class NoDefaultConstructorDecoder implements Decoder.Text<Point> {
        public NoDefaultConstructorDecoder(int unused) {
        }

        @Override
        public Point decode(String s) {
            return null;
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public static class ProtectedConstructorDecoder implements Decoder.Binary<Point> {
        protected ProtectedConstructorDecoder() {
        }

        @Override
        public Point decode(ByteBuffer bytes) {
            return null;
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return true;
        }
    }

    @BeforeEach
    void clearCounters() {
        CountingDecoder.CREATED.clear();
    }

    private Decoders decoders(List<Class<? extends Decoder>> classes) throws DeploymentException {
        return Decoders.create(classes, config);
    }

    private static ByteBuffer bytes(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.flip();
    }

    // --- text ---

    @Test
    void textDecoder() throws Exception {
        assertEquals(new Point(3, -4),
                decoders(List.of(PointJsonDecoder.class)).decodeText(Point.class, "{\"x\":3,\"y\":-4}"));
    }

    @Test
    void firstWillingDecoderInDeclarationOrder() throws Exception {
        Decoders decoders = decoders(List.of(UnwillingDecoder.class, PointJsonDecoder.class, PointCsvDecoder.class,
                OriginDecoder.class));
        assertEquals(new Point(1, 2), decoders.decodeText(Point.class, "{\"x\":1,\"y\":2}"));
        assertEquals(new Point(5, 6), decoders.decodeText(Point.class, "5,6"));
        assertEquals(new Point(0, 0), decoders.decodeText(Point.class, "elsewhere"));
    }

    @Test
    void bothWillingTakesTheFirstDeclared() throws Exception {
        assertEquals(new Point(0, 0),
                decoders(List.of(OriginDecoder.class, PointCsvDecoder.class)).decodeText(Point.class, "7,8"));
        assertEquals(new Point(7, 8),
                decoders(List.of(PointCsvDecoder.class, OriginDecoder.class)).decodeText(Point.class, "7,8"));
    }

    @Test
    void noWillingDecoderIsADecodeExceptionCarryingTheText() throws Exception {
        Decoders decoders = decoders(List.of(UnwillingDecoder.class, PointCsvDecoder.class));
        DecodeException thrown = assertThrows(DecodeException.class,
                () -> decoders.decodeText(Point.class, "not a point"));
        assertEquals("not a point", thrown.getText());
        assertNull(thrown.getBytes());
    }

    @Test
    void textStreamDecoderReadsFromAReader() throws Exception {
        assertEquals(new Point(9, 10), decoders(List.of(PointStreamDecoder.class)).decodeText(Point.class, "9 10"));
    }

    @Test
    void decoderTypeBoundThroughAGenericBase() throws Exception {
        Decoders decoders = decoders(List.of(PointViaBaseDecoder.class));
        assertEquals(new Point(1, 1), decoders.decodeText(Point.class, "{\"x\":1,\"y\":1}"));
        assertEquals(Set.of(MessageKind.TEXT), decoders.kindsOf(Point.class));
    }

    @Test
    void decodeExceptionOfTheDecoderPropagatesAsIs() throws Exception {
        Decoders decoders = decoders(List.of(RejectingDecoder.class));
        assertSame(RejectingDecoder.FAILURE,
                assertThrows(DecodeException.class, () -> decoders.decodeText(Point.class, "x")));
    }

    @Test
    void ioExceptionOfAStreamDecoderBecomesDecodeException() throws Exception {
        Decoders decoders = decoders(List.of(FailingReaderDecoder.class));
        DecodeException thrown = assertThrows(DecodeException.class, () -> decoders.decodeText(Point.class, "1 2"));
        assertEquals("1 2", thrown.getText());
        assertInstanceOf(IOException.class, thrown.getCause());
    }

    @Test
    void textDecoderDoesNotDecodeBinary() throws Exception {
        Decoders decoders = decoders(List.of(OriginDecoder.class));
        ByteBuffer message = bytes(1, 2);
        DecodeException thrown = assertThrows(DecodeException.class, () -> decoders.decodeBinary(Point.class, message));
        assertSame(message, thrown.getBytes());
    }

    // --- binary ---

    @Test
    void binaryDecoderLeavesTheMessageUntouched() throws Exception {
        ByteBuffer message = bytes(-1, 2);
        assertEquals(new Point(-1, 2), decoders(List.of(PointBinaryDecoder.class)).decodeBinary(Point.class, message));
        assertEquals(0, message.position());
        assertEquals(8, message.limit());
    }

    @Test
    void binaryDecodersInDeclarationOrderEachSeeingTheWholeMessage() throws Exception {
        Decoders decoders = decoders(List.of(GreedyBinaryDecoder.class, PointBinaryDecoder.class));
        assertEquals(new Point(4, 5), decoders.decodeBinary(Point.class, bytes(4, 5)));
    }

    @Test
    void noWillingBinaryDecoderIsADecodeExceptionCarryingTheBytes() throws Exception {
        Decoders decoders = decoders(List.of(PointBinaryDecoder.class));
        ByteBuffer message = bytes(1, 2, 3);
        DecodeException thrown = assertThrows(DecodeException.class, () -> decoders.decodeBinary(Point.class, message));
        assertEquals(bytes(1, 2, 3), thrown.getBytes());
        assertNull(thrown.getText());
    }

    @Test
    void binaryStreamDecoderReadsFromAnInputStream() throws Exception {
        ByteBuffer message = bytes(7, 8);
        assertEquals(new Point(7, 8),
                decoders(List.of(PointBinaryStreamDecoder.class)).decodeBinary(Point.class, message));
        assertEquals(0, message.position());
    }

    @Test
    void runtimeExceptionOfTheDecoderBecomesDecodeException() throws Exception {
        Decoders decoders = decoders(List.of(CrashingDecoder.class));
        DecodeException thrown = assertThrows(DecodeException.class,
                () -> decoders.decodeBinary(Point.class, bytes(1, 2)));
        assertEquals(bytes(1, 2), thrown.getBytes());
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
    }

    // --- built-ins ---

    @Test
    void builtInTextTypes() throws Exception {
        Decoders decoders = decoders(List.of());
        assertEquals("as is", decoders.decodeText(String.class, "as is"));
        Reader reader = (Reader) decoders.decodeText(Reader.class, "line");
        assertEquals("line", new BufferedReader(reader).lines().collect(Collectors.joining()));
        assertEquals(42, decoders.decodeText(int.class, "42"));
        assertEquals(42, decoders.decodeText(Integer.class, "42"));
        assertEquals(-5L, decoders.decodeText(long.class, "-5"));
        assertEquals(1.5d, decoders.decodeText(Double.class, "1.5"));
        assertEquals(true, decoders.decodeText(boolean.class, "true"));
        assertEquals('z', decoders.decodeText(char.class, "z"));
        assertEquals('z', decoders.decodeText(Character.class, "z"));
    }

    @Test
    void failedPrimitiveConversionIsADecodeExceptionCarryingTheText() throws Exception {
        Decoders decoders = decoders(List.of());
        DecodeException notInt = assertThrows(DecodeException.class, () -> decoders.decodeText(int.class, "abc"));
        assertEquals("abc", notInt.getText());
        assertInstanceOf(NumberFormatException.class, notInt.getCause());

        DecodeException notChar = assertThrows(DecodeException.class, () -> decoders.decodeText(char.class, ""));
        assertEquals("", notChar.getText());

        DecodeException notBoolean = assertThrows(DecodeException.class,
                () -> decoders.decodeText(Boolean.class, "maybe"));
        assertEquals("maybe", notBoolean.getText());
    }

    @Test
    void builtInBinaryTypes() throws Exception {
        Decoders decoders = decoders(List.of());
        ByteBuffer message = ByteBuffer.wrap("abcd".getBytes(StandardCharsets.US_ASCII));
        message.position(1);
        assertSame(message, decoders.decodeBinary(ByteBuffer.class, message));

        byte[] array = (byte[]) decoders.decodeBinary(byte[].class, message);
        assertArrayEquals("bcd".getBytes(StandardCharsets.US_ASCII), array);
        array[0] = 'X';
        assertEquals('b', message.get(1), "the array is a copy");

        InputStream in = (InputStream) decoders.decodeBinary(InputStream.class, message);
        assertArrayEquals("bcd".getBytes(StandardCharsets.US_ASCII), in.readAllBytes());
        assertEquals(1, message.position());
    }

    @Test
    void noDecoderForTheType() throws Exception {
        Decoders decoders = decoders(List.of());
        assertThrows(DecodeException.class, () -> decoders.decodeText(Point.class, "{\"x\":1,\"y\":1}"));
        assertThrows(DecodeException.class, () -> decoders.decodeBinary(String.class, bytes(1)));
        assertThrows(DecodeException.class, () -> decoders.decodeText(ByteBuffer.class, "x"));
    }

    @Test
    void userDecoderComesBeforeTheBuiltInWhichStillFollows() throws Exception {
        Decoders decoders = decoders(List.of(HexIntegerDecoder.class));
        assertEquals(255, decoders.decodeText(int.class, "0xff"));
        assertEquals(255, decoders.decodeText(Integer.class, "255"));
    }

    @Test
    void decoderOfASubtypeServesAHandlerOfItsSupertype() throws Exception {
        Decoders decoders = decoders(List.of(CircleDecoder.class));
        assertInstanceOf(Circle.class, decoders.decodeText(Shape.class, "c"));
        assertThrows(DecodeException.class, () -> decoders(List.of(ShapeDecoder.class)).decodeText(Circle.class, "c"));
    }

    // --- kinds ---

    @Test
    void kindsOfTheBuiltInTypes() throws Exception {
        Decoders decoders = decoders(List.of());
        for (Class<?> text : List.of(String.class, Reader.class, int.class, Integer.class, char.class,
                Boolean.class, double.class)) {
            assertEquals(Set.of(MessageKind.TEXT), decoders.kindsOf(text), text.getName());
        }
        for (Class<?> binary : List.of(ByteBuffer.class, byte[].class, InputStream.class)) {
            assertEquals(Set.of(MessageKind.BINARY), decoders.kindsOf(binary), binary.getName());
        }
        assertEquals(Set.of(MessageKind.PONG), decoders.kindsOf(PongMessage.class));
        assertEquals(Set.of(), decoders.kindsOf(Point.class));
        assertEquals(Set.of(), decoders.kindsOf(Object.class));
        assertEquals(Set.of(), decoders.kindsOf(CharSequence.class));
    }

    @Test
    void kindOfADecodedTypeFollowsItsDecoder() throws Exception {
        assertEquals(Set.of(MessageKind.TEXT), decoders(List.of(PointJsonDecoder.class)).kindsOf(Point.class));
        assertEquals(Set.of(MessageKind.TEXT), decoders(List.of(PointStreamDecoder.class)).kindsOf(Point.class));
        assertEquals(Set.of(MessageKind.BINARY), decoders(List.of(PointBinaryDecoder.class)).kindsOf(Point.class));
        assertEquals(Set.of(MessageKind.BINARY), decoders(List.of(PointBinaryStreamDecoder.class)).kindsOf(Point.class));
    }

    @Test
    void typeWithTextAndBinaryDecodersHasBothKinds() throws Exception {
        assertEquals(Set.of(MessageKind.TEXT, MessageKind.BINARY),
                decoders(List.of(PointJsonDecoder.class, PointBinaryDecoder.class)).kindsOf(Point.class));
        assertEquals(Set.of(MessageKind.TEXT, MessageKind.BINARY),
                decoders(List.of(PointBinaryDecoder.class, PointJsonDecoder.class)).kindsOf(Point.class));
    }

    @Test
    void kindUsesAssignabilityFromTheDecodedType() throws Exception {
        assertEquals(Set.of(MessageKind.TEXT), decoders(List.of(CircleDecoder.class)).kindsOf(Shape.class));
        assertEquals(Set.of(MessageKind.TEXT), decoders(List.of(CircleDecoder.class)).kindsOf(Object.class));
        assertEquals(Set.of(), decoders(List.of(ShapeDecoder.class)).kindsOf(Circle.class));
    }

    @Test
    void userBinaryDecoderOfABoxMakesItBinary() throws Exception {
        Decoders decoders = decoders(List.of(PointBinaryDecoder.class));
        assertEquals(Set.of(MessageKind.BINARY), decoders.kindsOf(Point.class));
        assertEquals(Set.of(MessageKind.TEXT), decoders.kindsOf(Integer.class), "no decoder for Integer: built-in");
    }

    // --- lifecycle ---

    @Test
    void initOncePerInstanceWithTheConfigAndDestroyOnce() throws Exception {
        Decoders first = decoders(List.of(CountingDecoder.class));
        Decoders second = decoders(List.of(CountingDecoder.class));
        CountingDecoder a = CountingDecoder.CREATED.get(0);
        CountingDecoder b = CountingDecoder.CREATED.get(1);
        assertNotSame(a, b);
        assertEquals(1, a.inits);
        assertSame(config, a.initConfig);
        assertEquals(1, b.inits);

        first.destroy();
        first.destroy();
        assertEquals(1, a.destroys);
        assertEquals(0, b.destroys);
        second.destroy();
        assertEquals(1, b.destroys);
    }

    @Test
    void initFailureIsADeploymentErrorAndUndoesEarlierInits() {
        assertThrows(DeploymentException.class, () -> decoders(List.of(CountingDecoder.class, BadInitDecoder.class)));
        assertEquals(1, CountingDecoder.CREATED.get(0).destroys);
    }

    @Test
    void decoderWithoutAPublicNoArgConstructorIsADeploymentError() {
        assertThrows(DeploymentException.class, () -> decoders(List.of(NoDefaultConstructorDecoder.class)));
        assertThrows(DeploymentException.class, () -> decoders(List.of(ProtectedConstructorDecoder.class)));
        assertThrows(DeploymentException.class, () -> decoders(List.of(JsonDecoder.class)));
        assertEquals(0, CountingDecoder.CREATED.size());
    }
}
