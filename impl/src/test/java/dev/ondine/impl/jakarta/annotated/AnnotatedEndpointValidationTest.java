package dev.ondine.impl.jakarta.annotated;

import dev.ondine.impl.jakarta.codec.MessageKind;
import dev.ondine.impl.jakarta.annotated.TestCodecs.Color;
import dev.ondine.impl.jakarta.annotated.TestCodecs.ColorDecoder;
import dev.ondine.impl.jakarta.annotated.TestCodecs.DecoderWithArgument;
import dev.ondine.impl.jakarta.annotated.TestCodecs.Point;
import dev.ondine.impl.jakarta.annotated.TestCodecs.PointBinaryDecoder;
import dev.ondine.impl.jakarta.annotated.TestCodecs.PointEncoder;
import dev.ondine.impl.jakarta.annotated.TestCodecs.PointTextDecoder;
import dev.ondine.impl.jakarta.annotated.TestCodecs.RawDecoder;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deployment-time validation of annotated endpoints (Jakarta WebSocket 2.2 §4): every invalid
 * form is a DeploymentException whose message names the class, the method and the rule; the
 * valid forms deploy.
 */
class AnnotatedEndpointValidationTest {

    private static final Set<String> TEMPLATE = Set.of("room", "id");

    private static AnnotatedEndpointModel deploy(Class<?> type) throws DeploymentException {
        return AnnotatedEndpointModel.forServer(type, TEMPLATE);
    }

    /** Asserts a DeploymentException naming the endpoint class and containing every fragment. */
    private static DeploymentException assertInvalid(Class<?> type, String... fragments) {
        DeploymentException e = assertThrows(DeploymentException.class, () -> deploy(type));
        String message = e.getMessage();
        assertTrue(message.contains(type.getName()), () -> "class not named: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "missing '" + fragment + "' in: " + message);
        }
        return e;
    }

    // ---------------------------------------------------------------- class level, §4.1, §4.2, §4.8

    public static class NotAnnotated {
        @OnMessage
        public void text(String message) {
        }
    }

    @Test
    void classWithoutServerEndpointIsRejected() {
        assertInvalid(NotAnnotated.class, "@ServerEndpoint");
    }

    @ServerEndpoint("/base")
    public static class AnnotatedBase {
        @OnMessage
        public void text(String message) {
        }
    }

    public static class UnannotatedSubclass extends AnnotatedBase {
    }

    @Test
    void subclassOfAnnotatedEndpointIsNotItselfAnEndpoint() {
        assertInvalid(UnannotatedSubclass.class, "@ServerEndpoint", "§4.8");
    }

    @ServerEndpoint("/hidden")
    static class PackagePrivateEndpoint {
    }

    @Test
    void serverEndpointClassMustBePublic() {
        assertInvalid(PackagePrivateEndpoint.class, "must be public", "§4.1");
    }

    @ServerEndpoint("/abstract")
    public abstract static class AbstractEndpoint {
    }

    @Test
    void serverEndpointClassMustBeConcrete() {
        assertInvalid(AbstractEndpoint.class, "concrete");
    }

    @ServerEndpoint("/ctor")
    public static class NoDefaultConstructor {
        public NoDefaultConstructor(String name) {
        }
    }

    @Test
    void serverEndpointClassNeedsPublicNoArgConstructor() {
        assertInvalid(NoDefaultConstructor.class, "public no-args constructor");
    }

    @ServerEndpoint("/inner")
    public class InnerEndpoint {
    }

    @Test
    void innerClassCannotBeServerEndpoint() {
        assertInvalid(InnerEndpoint.class, "inner class");
    }

    @ClientEndpoint
    static class ClientWithArguments {
        private final String name;

        ClientWithArguments(String name) {
            this.name = name;
        }

        @OnMessage
        void text(String message) {
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void clientEndpointInstanceNeedsNoConstructorButClassDeploymentDoes() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.forClient(ClientWithArguments.class);
        assertEquals(1, model.messageMethods().size());
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> ClassRules.requireClientEndpointClass(ClientWithArguments.class));
        assertTrue(e.getMessage().contains("public no-args constructor"), e.getMessage());
    }

    @Test
    void clientModelRequiresClientEndpointAnnotation() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> AnnotatedEndpointModel.forClient(AnnotatedBase.class));
        assertTrue(e.getMessage().contains("@ClientEndpoint"), e.getMessage());
    }

    // ---------------------------------------------------------------- one method per annotation, §4.4–§4.7

    @ServerEndpoint("/two-text")
    public static class TwoTextMethods {
        @OnMessage
        public void first(String message) {
        }

        @OnMessage
        public void second(Reader message) {
        }
    }

    @Test
    void twoTextMessageMethodsAreRejected() {
        assertInvalid(TwoTextMethods.class, "text", "first(java.lang.String)", "second(java.io.Reader)", "§4.7");
    }

    @ServerEndpoint("/two-binary")
    public static class TwoBinaryMethods {
        @OnMessage
        public void buffer(ByteBuffer message) {
        }

        @OnMessage
        public void parts(byte[] part, boolean last) {
        }
    }

    @Test
    void twoBinaryMessageMethodsAreRejected() {
        assertInvalid(TwoBinaryMethods.class, "binary", "§4.7");
    }

    @ServerEndpoint("/two-pong")
    public static class TwoPongMethods {
        @OnMessage
        public void first(PongMessage pong) {
        }

        @OnMessage
        public void second(PongMessage pong, Session session) {
        }
    }

    @Test
    void twoPongMessageMethodsAreRejected() {
        assertInvalid(TwoPongMethods.class, "pong");
    }

    @ServerEndpoint("/both-kinds")
    public static class DecodedFromTextAndBinaryPlusString {
        @OnMessage
        public void point(Point point) {
        }

        @OnMessage
        public void text(String text) {
        }
    }

    @Test
    void aTypeWithTextAndBinaryDecodersTakesBothSlots() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> AnnotatedEndpointModel.forServer(
                DecodedWithBothDecoders.class, TEMPLATE));
        assertTrue(e.getMessage().contains("text"), e.getMessage());
    }

    @ServerEndpoint(value = "/both-decoders", decoders = {PointTextDecoder.class, PointBinaryDecoder.class})
    public static class DecodedWithBothDecoders extends DecodedFromTextAndBinaryPlusString {
    }

    @ServerEndpoint("/two-open")
    public static class TwoOpenMethods {
        @OnOpen
        public void a() {
        }

        @OnOpen
        public void b(Session session) {
        }
    }

    @Test
    void twoOnOpenMethodsAreRejected() {
        assertInvalid(TwoOpenMethods.class, "second @OnOpen", "§4.4");
    }

    @ServerEndpoint("/two-close")
    public static class TwoCloseMethods {
        @OnClose
        public void a() {
        }

        @OnClose
        public void b() {
        }
    }

    @Test
    void twoOnCloseMethodsAreRejected() {
        assertInvalid(TwoCloseMethods.class, "second @OnClose", "§4.5");
    }

    @ServerEndpoint("/two-error")
    public static class TwoErrorMethods {
        @OnError
        public void a(Throwable t) {
        }

        @OnError
        public void b(Throwable t) {
        }
    }

    @Test
    void twoOnErrorMethodsAreRejected() {
        assertInvalid(TwoErrorMethods.class, "second @OnError", "§4.6");
    }

    public static class OpenInBase {
        @OnOpen
        public void baseOpen() {
        }
    }

    @ServerEndpoint("/two-open-inherited")
    public static class SecondOpenInSubclass extends OpenInBase {
        @OnOpen
        public void subOpen() {
        }
    }

    @Test
    void anInheritedOnOpenCountsTowardsTheLimit() {
        assertInvalid(SecondOpenInSubclass.class, "second @OnOpen", "baseOpen", "subOpen");
    }

    // ---------------------------------------------------------------- lifecycle parameters

    @ServerEndpoint("/error-without-throwable")
    public static class ErrorWithoutThrowable {
        @OnError
        public void error(Session session) {
        }
    }

    @Test
    void onErrorWithoutThrowableIsRejected() {
        assertInvalid(ErrorWithoutThrowable.class, "error(jakarta.websocket.Session)", "java.lang.Throwable", "§4.6");
    }

    @ServerEndpoint("/error-with-exception")
    public static class ErrorWithException {
        @OnError
        public void error(Exception e) {
        }
    }

    @Test
    void onErrorParameterMustBeThrowableNotASubtype() {
        assertInvalid(ErrorWithException.class, "java.lang.Exception", "not allowed");
    }

    @ServerEndpoint("/open-with-close-reason")
    public static class OpenWithCloseReason {
        @OnOpen
        public void open(Session session, CloseReason reason) {
        }
    }

    @Test
    void onOpenRejectsCloseReason() {
        assertInvalid(OpenWithCloseReason.class, "parameter 2", "jakarta.websocket.CloseReason", "§4.4");
    }

    @ServerEndpoint("/open-with-string")
    public static class OpenWithPlainString {
        @OnOpen
        public void open(String notAPathParam) {
        }
    }

    @Test
    void onOpenRejectsParameterWithoutPathParam() {
        assertInvalid(OpenWithPlainString.class, "java.lang.String", "not allowed");
    }

    @ServerEndpoint("/close-two-sessions")
    public static class CloseWithTwoSessions {
        @OnClose
        public void close(Session a, Session b) {
        }
    }

    @Test
    void duplicateSessionParameterIsRejected() {
        assertInvalid(CloseWithTwoSessions.class, "more than one jakarta.websocket.Session");
    }

    @ServerEndpoint("/close-with-config")
    public static class CloseWithConfig {
        @OnClose
        public void close(EndpointConfig config) {
        }
    }

    @Test
    void onCloseRejectsEndpointConfig() {
        assertInvalid(CloseWithConfig.class, "EndpointConfig", "§4.5");
    }

    // ---------------------------------------------------------------- message parameters, §4.7

    @ServerEndpoint("/partial-reader")
    public static class PartialReader {
        @OnMessage
        public void parts(Reader reader, boolean last) {
        }
    }

    @Test
    void partialReaderIsRejected() {
        assertInvalid(PartialReader.class, "parts are delivered only as String, ByteBuffer or byte[]", "java.io.Reader");
    }

    @ServerEndpoint("/partial-stream")
    public static class PartialInputStream {
        @OnMessage
        public void parts(InputStream in, boolean last) {
        }
    }

    @Test
    void partialInputStreamIsRejected() {
        assertInvalid(PartialInputStream.class, "java.io.InputStream");
    }

    @ServerEndpoint("/partial-pong")
    public static class PartialPong {
        @OnMessage
        public void parts(PongMessage pong, boolean last) {
        }
    }

    @Test
    void partialPongIsRejected() {
        assertInvalid(PartialPong.class, "jakarta.websocket.PongMessage");
    }

    @ServerEndpoint("/partial-boxed-flag")
    public static class PartialWithBoxedFlag {
        @OnMessage
        public void parts(String part, Boolean last) {
        }
    }

    @Test
    void theLastFlagMustBePrimitiveBoolean() {
        assertInvalid(PartialWithBoxedFlag.class, "two message parameters", "java.lang.Boolean");
    }

    @ServerEndpoint("/two-booleans")
    public static class TwoBooleans {
        @OnMessage
        public void parts(boolean a, boolean b) {
        }
    }

    @Test
    void twoBooleansAreAmbiguous() {
        assertInvalid(TwoBooleans.class, "two message parameters");
    }

    @ServerEndpoint("/unknown-type")
    public static class UnknownMessageType {
        @OnMessage
        public void point(Point point) {
        }
    }

    @Test
    void messageTypeWithoutDecoderIsRejected() {
        assertInvalid(UnknownMessageType.class, "point(" + Point.class.getName() + ")", "no declared decoder");
    }

    @ServerEndpoint("/no-message")
    public static class NoMessageParameter {
        @OnMessage
        public void nothing(Session session, @PathParam("room") String room) {
        }
    }

    @Test
    void onMessageWithoutMessageParameterIsRejected() {
        assertInvalid(NoMessageParameter.class, "no message parameter");
    }

    @ServerEndpoint("/three")
    public static class ThreeMessageParameters {
        @OnMessage
        public void many(String a, String b, boolean last) {
        }
    }

    @Test
    void threeMessageParametersAreRejected() {
        assertInvalid(ThreeMessageParameters.class, "3 parameters are neither Session nor @PathParam");
    }

    @ServerEndpoint("/too-big")
    public static class TooBigLimit {
        @OnMessage(maxMessageSize = Integer.MAX_VALUE + 1L)
        public void text(String message) {
        }
    }

    @Test
    void maxMessageSizeAboveIntegerMaxValueIsRejected() {
        assertInvalid(TooBigLimit.class, "maxMessageSize 2147483648", "§4.7.1");
    }

    @ServerEndpoint("/negative")
    public static class NegativeLimit {
        @OnMessage(maxMessageSize = -2)
        public void text(String message) {
        }
    }

    @Test
    void maxMessageSizeBelowMinusOneIsRejected() {
        assertInvalid(NegativeLimit.class, "maxMessageSize -2");
    }

    @ServerEndpoint("/returns-list")
    public static class ReturnsList {
        @OnMessage
        public List<String> text(String message) {
            return List.of(message);
        }
    }

    @Test
    void returnTypeWithoutEncoderIsRejected() {
        assertInvalid(ReturnsList.class, "return type java.util.List", "no declared encoder");
    }

    @ServerEndpoint(value = "/returns-point", encoders = PointEncoder.class)
    public static class ReturnsEncodablePoint {
        @OnMessage
        public Point text(String message) {
            return new Point(1, 2);
        }
    }

    @ServerEndpoint("/returns-point-unencoded")
    public static class ReturnsPointWithoutEncoder {
        @OnMessage
        public Point text(String message) {
            return new Point(1, 2);
        }
    }

    @Test
    void returnTypeWithEncoderIsAccepted() throws Exception {
        deploy(ReturnsEncodablePoint.class);
        assertInvalid(ReturnsPointWithoutEncoder.class, "return type");
    }

    // ---------------------------------------------------------------- @PathParam, §4.3

    @ServerEndpoint("/rooms/{room}")
    public static class PrimitivePathParamNotInTemplate {
        @OnOpen
        public void open(@PathParam("missing") int missing) {
        }
    }

    @Test
    void primitivePathParamNotInTemplateIsRejected() {
        assertInvalid(PrimitivePathParamNotInTemplate.class, "'missing'", "not a variable of the URI template",
                "int", "§4.3");
    }

    @ServerEndpoint("/rooms/{room}")
    public static class StringPathParamNotInTemplate {
        @OnOpen
        public void open(@PathParam("missing") String missing, @PathParam("alsoMissing") Integer boxed) {
        }
    }

    @Test
    void stringOrBoxPathParamNotInTemplateDeploysAndReceivesNull() throws Exception {
        AnnotatedEndpointModel model = deploy(StringPathParamNotInTemplate.class);
        assertTrue(model.openMethod().isPresent());
    }

    @ServerEndpoint("/rooms/{room}")
    public static class ObjectPathParam {
        @OnMessage
        public void text(String message, @PathParam("room") Object room) {
        }
    }

    @Test
    void pathParamOfUnsupportedTypeIsRejected() {
        assertInvalid(ObjectPathParam.class, "java.lang.Object", "only String, a Java primitive or its box", "WSC-4.3-1");
    }

    @ServerEndpoint("/rooms/{room}")
    public static class EmptyPathParamName {
        @OnClose
        public void close(@PathParam("") String room) {
        }
    }

    @Test
    void pathParamWithoutNameIsRejected() {
        assertInvalid(EmptyPathParamName.class, "no name", "WSC-4.3-2");
    }

    // ---------------------------------------------------------------- static methods, codecs

    @ServerEndpoint("/static")
    public static class StaticMethod {
        @OnMessage
        public static void text(String message) {
        }
    }

    @Test
    void staticAnnotatedMethodIsRejected() {
        assertInvalid(StaticMethod.class, "static method", "text(java.lang.String)");
    }

    @ServerEndpoint(value = "/raw", decoders = RawDecoder.class)
    public static class RawDecoderEndpoint {
    }

    @Test
    void decoderWithoutConcreteTypeArgumentIsRejected() {
        assertInvalid(RawDecoderEndpoint.class, RawDecoder.class.getName(), "cannot determine the type parameter");
    }

    @ServerEndpoint(value = "/decoder-ctor", decoders = DecoderWithArgument.class)
    public static class DecoderWithoutNoArgConstructor {
    }

    @Test
    void decoderWithoutPublicNoArgConstructorIsRejected() {
        assertInvalid(DecoderWithoutNoArgConstructor.class, DecoderWithArgument.class.getName(),
                "public no-args constructor");
    }

    // ---------------------------------------------------------------- valid endpoints

    public static class Configurator extends ServerEndpointConfig.Configurator {
    }

    @ServerEndpoint(value = "/rooms/{room}/{id}", subprotocols = {"chat", "superchat"},
            decoders = {PointTextDecoder.class, ColorDecoder.class}, encoders = PointEncoder.class,
            configurator = Configurator.class)
    public static class Complete {
        @OnOpen
        public void open(EndpointConfig config, @PathParam("id") long id, Session session) {
        }

        @OnClose
        public void close(CloseReason reason, @PathParam("room") String room) {
        }

        @OnError
        public void error(@PathParam("id") Long id, Throwable error, Session session) {
        }

        @OnMessage(maxMessageSize = 1024)
        public Point text(@PathParam("room") String room, Point point, Session session) {
            return point;
        }

        @OnMessage
        public void binary(boolean last, Session session, ByteBuffer part) {
        }

        @OnMessage
        public void pong(PongMessage pong) {
        }
    }

    @Test
    void completeEndpointDeploysAndExposesItsMetadata() throws Exception {
        AnnotatedEndpointModel model = deploy(Complete.class);
        assertEquals(Complete.class, model.endpointClass());
        assertEquals("/rooms/{room}/{id}", model.path().orElseThrow());
        assertEquals(List.of("chat", "superchat"), model.subprotocols());
        assertEquals(List.of(PointTextDecoder.class, ColorDecoder.class), model.decoders());
        assertEquals(List.of(PointEncoder.class), model.encoders());
        assertEquals(Configurator.class, model.serverConfigurator().orElseThrow());
        assertTrue(model.clientConfigurator().isEmpty());
        assertEquals(3, model.messageMethods().size());
        assertTrue(model.openMethod().isPresent() && model.closeMethod().isPresent() && model.errorMethod().isPresent());
    }

    @ServerEndpoint(value = "/color", decoders = ColorDecoder.class)
    public static class ColorEndpoint {
        @OnMessage
        public void color(Color color) {
        }
    }

    @Test
    void decoderTypeIsFoundThroughAGenericSuperclass() throws Exception {
        MessageShape shape = deploy(ColorEndpoint.class).messageMethods().get(0).shape();
        assertEquals(Color.class, shape.handlerType());
        assertEquals(Set.of(MessageKind.TEXT), shape.kinds());
    }

    @Test
    void aTypeWithBothDecodersHandlesTextAndBinary() throws Exception {
        MessageShape shape = deploy(PointFromBoth.class).messageMethods().get(0).shape();
        assertEquals(Set.of(MessageKind.TEXT, MessageKind.BINARY), shape.kinds());
    }

    @ServerEndpoint(value = "/point", decoders = {PointTextDecoder.class, PointBinaryDecoder.class})
    public static class PointFromBoth {
        @OnMessage
        public void point(Point point) {
        }
    }

    @ServerEndpoint("/primitives")
    public static class PrimitiveText {
        @OnMessage
        public int number(int value) {
            return value;
        }

        @OnMessage
        public void binary(InputStream in) {
        }
    }

    @Test
    void primitiveMessageIsTextRegisteredWithItsBox() throws Exception {
        List<MessageMethod> methods = deploy(PrimitiveText.class).messageMethods();
        MessageShape number = methods.stream().filter(m -> m.shape().kinds().contains(MessageKind.TEXT))
                .findFirst().orElseThrow().shape();
        assertEquals(Integer.class, number.handlerType());
    }

    @ServerEndpoint("/lifecycle-returns")
    public static class LifecycleReturnsValue {
        @OnOpen
        public String open() {
            return "ignored";
        }
    }

    @Test
    void lifecycleMethodsMayReturnAValue() throws Exception {
        assertTrue(deploy(LifecycleReturnsValue.class).openMethod().isPresent());
    }

    public static class TextInBase {
        @OnMessage
        public void text(String message) {
        }
    }

    @ServerEndpoint("/override")
    public static class AnnotatedOverride extends TextInBase {
        @Override
        @OnMessage
        public void text(String message) {
        }
    }

    @Test
    void anAnnotatedOverrideReplacesTheSuperclassMethodInsteadOfDuplicatingIt() throws Exception {
        List<MessageMethod> methods = deploy(AnnotatedOverride.class).messageMethods();
        assertEquals(1, methods.size());
        assertTrue(methods.get(0).method().description().startsWith(AnnotatedOverride.class.getName()));
    }

    @ServerEndpoint("/private-methods")
    public static class NonPublicMethods {
        @OnOpen
        void open() {
        }

        @OnMessage
        private void text(String message) {
        }
    }

    @Test
    void nonPublicAnnotatedMethodsAreAccepted() throws Exception {
        AnnotatedEndpointModel model = deploy(NonPublicMethods.class);
        assertTrue(model.openMethod().isPresent());
        assertEquals(1, model.messageMethods().size());
    }

    @ClientEndpoint(subprotocols = "chat", configurator = ClientEndpointConfig.Configurator.class)
    static class Client {
        @OnMessage
        void text(String message, @PathParam("x") String alwaysNull) {
        }
    }

    @Test
    void clientEndpointExposesItsMetadata() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.forClient(Client.class);
        assertTrue(model.path().isEmpty());
        assertTrue(model.serverConfigurator().isEmpty());
        assertEquals(ClientEndpointConfig.Configurator.class, model.clientConfigurator().orElseThrow());
        assertEquals(List.of("chat"), model.subprotocols());
    }

    @Test
    void newEndpointRejectsAnInstanceOfAnotherClass() throws Exception {
        AnnotatedEndpointModel model = deploy(PrimitiveText.class);
        assertThrows(IllegalArgumentException.class, () -> model.newEndpoint("not the endpoint"));
    }
}
