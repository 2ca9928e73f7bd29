package dev.ondine.impl.jakarta.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ondine.impl.jakarta.codec.Shapes.Circle;
import dev.ondine.impl.jakarta.codec.Shapes.Named;
import dev.ondine.impl.jakarta.codec.Shapes.NamedCircle;
import dev.ondine.impl.jakarta.codec.Shapes.Shape;
import dev.ondine.impl.jakarta.codec.Shapes.Square;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EncodersTest {

    private final EndpointConfig config = new TestEndpointConfig();

    // --- encoders used by the tests ---

    public static class PointJsonEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point point) {
            return point.toJson();
        }
    }

    /** A subclass of an encoder: its T comes from the superclass. */
    public static class BracketedPointEncoder extends PointJsonEncoder {
        @Override
        public String encode(Point point) {
            return "[" + super.encode(point) + "]";
        }
    }

    /** The T of a generic abstract base, bound by the subclass. */
    public abstract static class PrefixEncoder<T> implements Encoder.Text<T> {
        @Override
        public String encode(T value) {
            return prefix() + ":" + value;
        }

        abstract String prefix();
    }

    public static class IntegerPrefixEncoder extends PrefixEncoder<Integer> {
        @Override
        String prefix() {
            return "int";
        }
    }

    public static class PointStreamEncoder implements Encoder.TextStream<Point> {
        @Override
        public void encode(Point point, Writer writer) throws IOException {
            writer.write("x=");
            writer.write(Integer.toString(point.x()));
            writer.write(";y=");
            writer.write(Integer.toString(point.y()));
        }
    }

    public static class PointBinaryEncoder implements Encoder.Binary<Point> {
        @Override
        public ByteBuffer encode(Point point) {
            return ByteBuffer.allocate(8).putInt(point.x()).putInt(point.y()).flip();
        }
    }

    public static class PointBinaryStreamEncoder implements Encoder.BinaryStream<Point> {
        @Override
        public void encode(Point point, OutputStream os) throws IOException {
            DataOutputStream out = new DataOutputStream(os);
            out.writeInt(point.x());
            out.writeInt(point.y());
            out.flush();
        }
    }

    public static class RefusingEncoder implements Encoder.Text<Point> {
        static final EncodeException FAILURE = new EncodeException(null, "refused");

        @Override
        public String encode(Point point) throws EncodeException {
            throw FAILURE;
        }
    }

    public static class CrashingEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point point) {
            throw new IllegalStateException("crash");
        }
    }

    public static class NullEncoder implements Encoder.Binary<Point> {
        @Override
        public ByteBuffer encode(Point point) {
            return null;
        }
    }

    public static class FailingWriterEncoder implements Encoder.TextStream<Point> {
        static final IOException FAILURE = new IOException("disk on fire");

        @Override
        public void encode(Point point, Writer writer) throws IOException {
            throw FAILURE;
        }
    }

    public static class ShapeEncoder implements Encoder.Text<Shape> {
        @Override
        public String encode(Shape shape) {
            return "shape";
        }
    }

    public static class CircleEncoder implements Encoder.Text<Circle> {
        @Override
        public String encode(Circle circle) {
            return "circle";
        }
    }

    public static class SecondCircleEncoder implements Encoder.Text<Circle> {
        @Override
        public String encode(Circle circle) {
            return "second circle";
        }
    }

    public static class NamedEncoder implements Encoder.Text<Named> {
        @Override
        public String encode(Named named) {
            return "named";
        }
    }

    public static class ObjectEncoder implements Encoder.Text<Object> {
        @Override
        public String encode(Object object) {
            return "object:" + object;
        }
    }

    /** One class in two forms: one instance, one init. */
    public static class TwoFormEncoder extends Counting
            implements Encoder.Text<Integer>, Encoder.BinaryStream<Point> {
        @Override
        public String encode(Integer value) {
            return "two:" + value;
        }

        @Override
        public void encode(Point point, OutputStream os) throws IOException {
            os.write(point.x());
            os.write(point.y());
        }
    }

    /** Records the lifecycle calls of every instance. */
    public abstract static class Counting implements Encoder {
        static final List<Counting> CREATED = new ArrayList<>();
        int inits;
        int destroys;
        EndpointConfig initConfig;

        Counting() {
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
    }

    public static class CountingPointEncoder extends Counting implements Encoder.Text<Point> {
        @Override
        public String encode(Point point) {
            return point.toJson();
        }
    }

    public static class BadDestroyEncoder extends Counting implements Encoder.Text<String> {
        @Override
        public String encode(String s) {
            return s;
        }

        @Override
        public void destroy() {
            super.destroy();
            throw new IllegalStateException("destroy failed");
        }
    }

    public static class BadInitEncoder extends Counting implements Encoder.Text<String> {
        @Override
        public void init(EndpointConfig endpointConfig) {
            super.init(endpointConfig);
            throw new IllegalStateException("init failed");
        }

        @Override
        public String encode(String s) {
            return s;
        }
    }

    public static class NoDefaultConstructorEncoder implements Encoder.Text<Point> {
        public NoDefaultConstructorEncoder(String unused) {
        }

        @Override
        public String encode(Point point) {
            return "";
        }
    }

    public static class PrivateConstructorEncoder implements Encoder.Text<Point> {
        private PrivateConstructorEncoder() {
        }

        @Override
        public String encode(Point point) {
            return "";
        }
    }

    public static class ThrowingConstructorEncoder implements Encoder.Text<Point> {
        public ThrowingConstructorEncoder() {
            throw new IllegalStateException("no");
        }

        @Override
        public String encode(Point point) {
            return "";
        }
    }

    @SuppressWarnings("rawtypes")
    public static class RawEncoder implements Encoder.Text {
        @Override
        public String encode(Object object) {
            return "";
        }
    }

    /** Implements only the base interface, none of the four forms. */
    public static class FormlessEncoder implements Encoder {
    }

    @BeforeEach
    void clearCounters() {
        Counting.CREATED.clear();
    }

    private Encoders encoders(List<Class<? extends Encoder>> classes) throws DeploymentException {
        return Encoders.create(classes, config);
    }

    // --- the four forms ---

    @Test
    void textEncoder() throws Exception {
        EncodedMessage message = encoders(List.of(PointJsonEncoder.class)).encode(new Point(1, -2));
        assertTrue(message.isText());
        assertEquals("{\"x\":1,\"y\":-2}", message.text());
        assertNull(message.binary());
    }

    @Test
    void textStreamEncoderWritesToAWriter() throws Exception {
        EncodedMessage message = encoders(List.of(PointStreamEncoder.class)).encode(new Point(3, 4));
        assertTrue(message.isText());
        assertEquals("x=3;y=4", message.text());
    }

    @Test
    void binaryEncoder() throws Exception {
        EncodedMessage message = encoders(List.of(PointBinaryEncoder.class)).encode(new Point(1, 2));
        assertFalse(message.isText());
        assertEquals(ByteBuffer.wrap(new byte[] {0, 0, 0, 1, 0, 0, 0, 2}), message.binary());
    }

    @Test
    void binaryStreamEncoderWritesToAnOutputStream() throws Exception {
        EncodedMessage message = encoders(List.of(PointBinaryStreamEncoder.class)).encode(new Point(5, 256));
        assertFalse(message.isText());
        assertEquals(ByteBuffer.wrap(new byte[] {0, 0, 0, 5, 0, 0, 1, 0}), message.binary());
    }

    @Test
    void encoderInheritedFromAnEncoderSubclass() throws Exception {
        EncodedMessage message = encoders(List.of(BracketedPointEncoder.class)).encode(new Point(0, 0));
        assertEquals("[{\"x\":0,\"y\":0}]", message.text());
    }

    @Test
    void encoderTypeBoundThroughAGenericBase() throws Exception {
        Encoders encoders = encoders(List.of(IntegerPrefixEncoder.class));
        assertEquals("int:7", encoders.encode(7).text());
        assertEquals("7", encoders.encode(7L).text(), "a Long is not an Integer: built-in");
    }

    // --- failures of encoders ---

    @Test
    void encodeExceptionOfTheEncoderPropagatesAsIs() throws Exception {
        Encoders encoders = encoders(List.of(RefusingEncoder.class));
        EncodeException thrown = assertThrows(EncodeException.class, () -> encoders.encode(new Point(1, 1)));
        assertSame(RefusingEncoder.FAILURE, thrown);
    }

    @Test
    void runtimeExceptionOfTheEncoderBecomesEncodeException() throws Exception {
        Encoders encoders = encoders(List.of(CrashingEncoder.class));
        Point point = new Point(1, 1);
        EncodeException thrown = assertThrows(EncodeException.class, () -> encoders.encode(point));
        assertSame(point, thrown.getObject());
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
    }

    @Test
    void nullResultIsAnEncodeException() throws Exception {
        Encoders encoders = encoders(List.of(NullEncoder.class));
        Point point = new Point(1, 1);
        EncodeException thrown = assertThrows(EncodeException.class, () -> encoders.encode(point));
        assertSame(point, thrown.getObject());
    }

    @Test
    void ioExceptionOfAStreamEncoderPropagates() throws Exception {
        Encoders encoders = encoders(List.of(FailingWriterEncoder.class));
        IOException thrown = assertThrows(IOException.class, () -> encoders.encode(new Point(1, 1)));
        assertSame(FailingWriterEncoder.FAILURE, thrown);
    }

    @Test
    void noEncoderForTheObject() throws Exception {
        Encoders encoders = encoders(List.of(PointJsonEncoder.class));
        Object unknown = new StringBuilder("sb");
        EncodeException thrown = assertThrows(EncodeException.class, () -> encoders.encode(unknown));
        assertSame(unknown, thrown.getObject());
    }

    @Test
    void nullObjectIsRefused() throws Exception {
        Encoders encoders = encoders(List.of(ObjectEncoder.class));
        assertThrows(IllegalArgumentException.class, () -> encoders.encode(null));
    }

    // --- selection ---

    @Test
    void mostSpecificEncoderWinsWhateverTheOrder() throws Exception {
        for (List<Class<? extends Encoder>> classes : List.<List<Class<? extends Encoder>>>of(
                List.of(ShapeEncoder.class, CircleEncoder.class),
                List.of(CircleEncoder.class, ShapeEncoder.class))) {
            Encoders encoders = encoders(classes);
            assertEquals("circle", encoders.encode(new Circle()).text(), classes.toString());
            assertEquals("circle", encoders.encode(new NamedCircle()).text(), classes.toString());
            assertEquals("shape", encoders.encode(new Square()).text(), classes.toString());
        }
    }

    @Test
    void sameTypeTwiceTakesTheFirstDeclared() throws Exception {
        assertEquals("circle",
                encoders(List.of(CircleEncoder.class, SecondCircleEncoder.class)).encode(new Circle()).text());
        assertEquals("second circle",
                encoders(List.of(SecondCircleEncoder.class, CircleEncoder.class)).encode(new Circle()).text());
    }

    @Test
    void unrelatedTypesOfTheObjectTakeTheFirstDeclared() throws Exception {
        NamedCircle namedCircle = new NamedCircle();
        assertEquals("named", encoders(List.of(NamedEncoder.class, CircleEncoder.class)).encode(namedCircle).text());
        assertEquals("circle", encoders(List.of(CircleEncoder.class, NamedEncoder.class)).encode(namedCircle).text());
    }

    @Test
    void userEncodersComeBeforeBuiltIns() throws Exception {
        Encoders encoders = encoders(List.of(ObjectEncoder.class));
        assertEquals("object:hi", encoders.encode("hi").text());
        assertEquals("object:12", encoders.encode(12).text());
    }

    @Test
    void userEncoderForABoxReplacesTheBuiltIn() throws Exception {
        Encoders encoders = encoders(List.of(IntegerPrefixEncoder.class));
        assertEquals("int:-3", encoders.encode(Integer.valueOf(-3)).text());
    }

    @Test
    void selectionIsStableAcrossCalls() throws Exception {
        Encoders encoders = encoders(List.of(ShapeEncoder.class, CircleEncoder.class));
        for (int i = 0; i < 3; i++) {
            assertEquals("circle", encoders.encode(new Circle()).text());
            assertEquals("shape", encoders.encode(new Square()).text());
        }
    }

    // --- built-ins ---

    @Test
    void builtInTextForStringsAndPrimitiveBoxes() throws Exception {
        Encoders encoders = encoders(List.of());
        assertEquals("hello", encoders.encode("hello").text());
        assertEquals("42", encoders.encode(42).text());
        assertEquals("-7", encoders.encode(-7L).text());
        assertEquals("2.5", encoders.encode(2.5d).text());
        assertEquals("0.5", encoders.encode(0.5f).text());
        assertEquals("3", encoders.encode((short) 3).text());
        assertEquals("-1", encoders.encode((byte) -1).text());
        assertEquals("true", encoders.encode(true).text());
        assertEquals("c", encoders.encode('c').text());
    }

    @Test
    void builtInBinaryForByteBufferAndByteArray() throws Exception {
        Encoders encoders = encoders(List.of());
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3});
        EncodedMessage fromBuffer = encoders.encode(buffer);
        assertFalse(fromBuffer.isText());
        assertSame(buffer, fromBuffer.binary());

        byte[] array = "abc".getBytes(StandardCharsets.US_ASCII);
        EncodedMessage fromArray = encoders.encode(array);
        assertFalse(fromArray.isText());
        byte[] sent = new byte[fromArray.binary().remaining()];
        fromArray.binary().get(sent);
        assertArrayEquals(array, sent);
    }

    // --- lifecycle ---

    @Test
    void initOncePerInstanceWithTheConfigAndNewInstancesPerSession() throws Exception {
        Encoders first = encoders(List.of(CountingPointEncoder.class));
        Encoders second = encoders(List.of(CountingPointEncoder.class));
        assertEquals(2, Counting.CREATED.size());
        Counting a = Counting.CREATED.get(0);
        Counting b = Counting.CREATED.get(1);
        assertNotSame(a, b);
        assertEquals(1, a.inits);
        assertEquals(1, b.inits);
        assertSame(config, a.initConfig);
        assertEquals(0, a.destroys);

        first.encode(new Point(1, 2));
        first.destroy();
        assertEquals(1, a.destroys);
        assertEquals(0, b.destroys, "the other session's encoder stays in service");
        first.destroy();
        assertEquals(1, a.destroys, "destroyed once");
        second.destroy();
        assertEquals(1, b.destroys);
    }

    @Test
    void oneInstanceForAClassInTwoForms() throws Exception {
        Encoders encoders = encoders(List.of(TwoFormEncoder.class));
        assertEquals(1, Counting.CREATED.size());
        assertEquals(1, Counting.CREATED.get(0).inits);
        assertEquals("two:5", encoders.encode(5).text());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2}), encoders.encode(new Point(1, 2)).binary());
        encoders.destroy();
        assertEquals(1, Counting.CREATED.get(0).destroys);
    }

    @Test
    void destroyFailureIsLoggedAndTheOthersAreStillDestroyed() throws Exception {
        Encoders encoders = encoders(List.of(BadDestroyEncoder.class, CountingPointEncoder.class));
        encoders.destroy();
        assertEquals(1, Counting.CREATED.get(0).destroys);
        assertEquals(1, Counting.CREATED.get(1).destroys);
    }

    @Test
    void initFailureIsADeploymentErrorAndUndoesEarlierInits() {
        DeploymentException thrown = assertThrows(DeploymentException.class,
                () -> encoders(List.of(CountingPointEncoder.class, BadInitEncoder.class)));
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
        assertEquals(1, Counting.CREATED.get(0).destroys);
        assertEquals(0, Counting.CREATED.get(1).destroys, "never brought into service");
    }

    @Test
    void classesThatCannotBeUsedAreDeploymentErrors() {
        for (Class<? extends Encoder> bad : List.of(NoDefaultConstructorEncoder.class,
                PrivateConstructorEncoder.class, ThrowingConstructorEncoder.class, RawEncoder.class,
                FormlessEncoder.class, PrefixEncoder.class)) {
            assertThrows(DeploymentException.class, () -> encoders(List.of(bad)), bad.getSimpleName());
        }
    }

    @Test
    void encodedMessageIsEitherTextOrBinary() {
        assertThrows(IllegalArgumentException.class, () -> new EncodedMessage(null, null));
        assertThrows(IllegalArgumentException.class, () -> new EncodedMessage("a", ByteBuffer.allocate(0)));
    }
}
