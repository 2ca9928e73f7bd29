package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;

import java.nio.ByteBuffer;

/** Application types, decoders and encoders declared by the test endpoints. */
final class TestCodecs {

    private TestCodecs() {
    }

    /** A decoded application type. */
    public static final class Point {
        final int x;
        final int y;

        public Point(int x, int y) {
            this.x = x;
            this.y = y;
        }
    }

    /** Another application type, decoded through a generic superclass. */
    public static final class Color {
        final String name;

        public Color(String name) {
            this.name = name;
        }
    }

    /** "3,4" to a Point. */
    public static class PointTextDecoder implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) {
            String[] parts = s.split(",");
            return new Point(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }

        @Override
        public boolean willDecode(String s) {
            return s.contains(",");
        }
    }

    /** Two ints to a Point. */
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

    /** A generic base class: the decoded type is fixed only by subclasses. */
    public abstract static class NamedDecoder<X> implements Decoder.Text<X> {
        @Override
        public boolean willDecode(String s) {
            return true;
        }

        @Override
        public X decode(String s) throws DecodeException {
            return create(s);
        }

        protected abstract X create(String s);
    }

    /** Implements Decoder.Text&lt;Color&gt; only through its superclass's type variable. */
    public static class ColorDecoder extends NamedDecoder<Color> {
        @Override
        protected Color create(String s) {
            return new Color(s);
        }
    }

    /** Implements Decoder.Text raw: its decoded type cannot be determined. */
    @SuppressWarnings("rawtypes")
    public static class RawDecoder implements Decoder.Text {
        @Override
        public Object decode(String s) {
            return s;
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    /** Has no public no-arg constructor, so the container could not create it. */
    public static class DecoderWithArgument implements Decoder.Text<Point> {
        public DecoderWithArgument(String argument) {
        }

        @Override
        public Point decode(String s) {
            return new Point(0, 0);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    /** Point to "x,y". */
    public static class PointEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point point) {
            return point.x + "," + point.y;
        }
    }
}
