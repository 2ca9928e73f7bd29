package dev.ondine.impl.jakarta.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.MessageHandler;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenericTypesTest {

    // --- fixtures: the decode methods are never called, only the declarations matter ---

    static class DirectText implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) {
            return null;
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    static class SubOfDirect extends DirectText {
    }

    abstract static class Base<X> implements Decoder.Text<X> {
        @Override
        public X decode(String s) {
            return null;
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    static class PointOfBase extends Base<Point> {
    }

    abstract static class Middle<Y> extends Base<Y> {
    }

    static class StringOfMiddle extends Middle<String> {
    }

    static class ListOfBase extends Base<List<String>> {
    }

    abstract static class ArrayBase<Z> extends Base<Z[]> {
    }

    static class PointArray extends ArrayBase<Point> {
    }

    interface PointText extends Encoder.Text<Point> {
    }

    static class ThroughSuperinterface implements PointText {
        @Override
        public String encode(Point p) {
            return "";
        }
    }

    interface Json<T> extends Encoder.Text<T> {
        @Override
        default String encode(T value) {
            return "";
        }
    }

    static class ThroughGenericSuperinterface implements Json<Integer> {
    }

    interface Pair<K, V> {
    }

    abstract static class Swapped<A, B> implements Pair<B, A> {
    }

    static class StringInteger extends Swapped<String, Integer> {
    }

    @SuppressWarnings("rawtypes")
    static class Raw implements Decoder.Text {
        @Override
        public Object decode(String s) {
            return null;
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    static class OpenVariable<W> extends Base<W> {
    }

    // --- tests ---

    @Test
    void directImplementation() {
        assertEquals(Point.class, GenericTypes.typeArgument(DirectText.class, Decoder.Text.class, 0));
    }

    @Test
    void inheritedFromAConcreteSuperclass() {
        assertEquals(Point.class, GenericTypes.typeArgument(SubOfDirect.class, Decoder.Text.class, 0));
    }

    @Test
    void typeVariableOfAnAbstractBaseBoundInTheSubclass() {
        assertEquals(Point.class, GenericTypes.typeArgument(PointOfBase.class, Decoder.Text.class, 0));
    }

    @Test
    void typeVariableRenamedThroughTwoLevels() {
        assertEquals(String.class, GenericTypes.typeArgument(StringOfMiddle.class, Decoder.Text.class, 0));
    }

    @Test
    void parameterizedArgumentErasesToItsRawClass() {
        assertEquals(List.class, GenericTypes.typeArgument(ListOfBase.class, Decoder.Text.class, 0));
    }

    @Test
    void genericArrayOfABoundVariable() {
        assertEquals(Point[].class, GenericTypes.typeArgument(PointArray.class, Decoder.Text.class, 0));
    }

    @Test
    void throughASuperinterface() {
        assertEquals(Point.class, GenericTypes.typeArgument(ThroughSuperinterface.class, Encoder.Text.class, 0));
    }

    @Test
    void throughAGenericSuperinterface() {
        assertEquals(Integer.class,
                GenericTypes.typeArgument(ThroughGenericSuperinterface.class, Encoder.Text.class, 0));
    }

    @Test
    void indexSelectsTheArgumentAfterReordering() {
        assertEquals(Integer.class, GenericTypes.typeArgument(StringInteger.class, Pair.class, 0));
        assertEquals(String.class, GenericTypes.typeArgument(StringInteger.class, Pair.class, 1));
    }

    @Test
    void messageHandlerOfAnAnonymousClass() {
        MessageHandler.Whole<Point> handler = new MessageHandler.Whole<>() {
            @Override
            public void onMessage(Point message) {
            }
        };
        assertEquals(Point.class, GenericTypes.typeArgument(handler.getClass(), MessageHandler.Whole.class, 0));
    }

    @Test
    void lambdaCarriesNoTypeArgument() {
        MessageHandler.Whole<Point> handler = message -> { };
        assertNull(GenericTypes.typeArgument(handler.getClass(), MessageHandler.Whole.class, 0));
    }

    @Test
    void rawImplementationIsUnresolvable() {
        assertNull(GenericTypes.typeArgument(Raw.class, Decoder.Text.class, 0));
    }

    @Test
    void openTypeVariableIsUnresolvable() {
        assertNull(GenericTypes.typeArgument(OpenVariable.class, Decoder.Text.class, 0));
    }

    @Test
    void interfaceNotImplemented() {
        assertNull(GenericTypes.typeArgument(DirectText.class, Encoder.Text.class, 0));
        assertNull(GenericTypes.typeArgument(Decoder.Text.class, Decoder.Text.class, 0));
    }

    @Test
    void indexOutOfRange() {
        assertThrows(IllegalArgumentException.class,
                () -> GenericTypes.typeArgument(DirectText.class, Decoder.Text.class, 1));
        assertThrows(IllegalArgumentException.class,
                () -> GenericTypes.typeArgument(DirectText.class, Decoder.Text.class, -1));
    }
}
