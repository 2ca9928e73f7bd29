package dev.ondine.impl.jakarta.it;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Encoders and decoders on a server endpoint (Jakarta WebSocket 2.2 §4.1.2, §4.1.3 and the
 * Encoder/Decoder javadoc): one instance per session, init and destroy once each, willDecode,
 * failures to encode and decode, and the stream forms.
 */
class CodersTest {

    public record Item(String name) {
    }

    static final AtomicInteger DECODER_INITS = new AtomicInteger();
    static final AtomicInteger DECODER_DESTROYS = new AtomicInteger();
    static final AtomicInteger ENCODER_INITS = new AtomicInteger();
    static final AtomicInteger ENCODER_DESTROYS = new AtomicInteger();

    /** Decodes "item:NAME"; counts its lifecycle; says which instance decoded. */
    public static class CountingDecoder implements Decoder.Text<Item> {
        private EndpointConfig config;
        private int decoded;

        @Override
        public void init(EndpointConfig endpointConfig) {
            assertNotNull(endpointConfig);
            this.config = endpointConfig;
            DECODER_INITS.incrementAndGet();
        }

        @Override
        public void destroy() {
            DECODER_DESTROYS.incrementAndGet();
        }

        @Override
        public Item decode(String s) {
            decoded++;
            return new Item(s.substring(5) + "#" + decoded + (config != null ? "" : "(no init)"));
        }

        @Override
        public boolean willDecode(String s) {
            return s.startsWith("item:");
        }
    }

    public static class CountingEncoder implements Encoder.Text<Item> {
        @Override
        public void init(EndpointConfig endpointConfig) {
            ENCODER_INITS.incrementAndGet();
        }

        @Override
        public void destroy() {
            ENCODER_DESTROYS.incrementAndGet();
        }

        @Override
        public String encode(Item item) {
            return "encoded " + item.name();
        }
    }

    @ServerEndpoint(value = "/counted", decoders = CountingDecoder.class, encoders = CountingEncoder.class)
    public static class Counted {
        @OnMessage
        public Item message(Item item) {
            return item;
        }

        @OnError
        public void error(Session session, Throwable t) throws IOException {
            session.getBasicRemote().sendText("error:" + t.getClass().getSimpleName());
        }
    }

    /** Refuses to encode items named "bad". */
    public static class PickyEncoder implements Encoder.Text<Item> {
        @Override
        public String encode(Item item) throws EncodeException {
            if (item.name().equals("bad")) {
                throw new EncodeException(item, "cannot encode bad items");
            }
            return "item " + item.name();
        }
    }

    @ServerEndpoint(value = "/encode-failure", encoders = PickyEncoder.class)
    public static class EncodeFailure {
        @OnMessage
        public void message(String name, Session session) throws IOException {
            Item item = new Item(name);
            try {
                session.getBasicRemote().sendObject(item);
            } catch (EncodeException e) {
                session.getBasicRemote().sendText("basic:" + e.getMessage() + ":" + ((Item) e.getObject()).name());
            }
            try {
                session.getAsyncRemote().sendObject(item).get(Waits.SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                session.getBasicRemote().sendText("async:" + e.getCause().getClass().getSimpleName());
            } catch (Exception e) {
                session.getBasicRemote().sendText("async other:" + e);
            }
            session.getAsyncRemote().sendObject(item, result -> {
                try {
                    session.getBasicRemote().sendText("handler:" + (result.isOK() ? "ok"
                            : result.getException().getClass().getSimpleName()));
                } catch (IOException ignored) {
                    // the test times out instead
                }
            });
        }
    }

    @ServerEndpoint(value = "/return-encode-failure", encoders = PickyEncoder.class)
    public static class ReturnEncodeFailure {
        @OnMessage
        public Item message(String name) {
            return new Item(name);
        }

        @OnError
        public void error(Session session, Throwable t) throws IOException {
            session.getBasicRemote().sendText("onError:" + t.getClass().getSimpleName());
        }
    }

    // ---------------------------------------------------------------- stream forms

    public static class ItemReaderDecoder implements Decoder.TextStream<Item> {
        @Override
        public Item decode(Reader reader) throws IOException {
            StringWriter w = new StringWriter();
            reader.transferTo(w);
            return new Item("from reader " + w);
        }
    }

    public static class ItemWriterEncoder implements Encoder.TextStream<Item> {
        @Override
        public void encode(Item item, Writer writer) throws IOException {
            writer.write("written ");
            writer.write(item.name());
        }
    }

    public record Pair(int a, int b) {
    }

    public static class PairStreamDecoder implements Decoder.BinaryStream<Pair> {
        @Override
        public Pair decode(InputStream is) throws IOException {
            DataInputStream in = new DataInputStream(is);
            return new Pair(in.readInt(), in.readInt());
        }
    }

    public static class PairStreamEncoder implements Encoder.BinaryStream<Pair> {
        @Override
        public void encode(Pair pair, OutputStream os) throws IOException {
            DataOutputStream out = new DataOutputStream(os);
            out.writeInt(pair.a());
            out.writeInt(pair.b());
            out.flush();
        }
    }

    @ServerEndpoint(value = "/streams", decoders = {ItemReaderDecoder.class, PairStreamDecoder.class},
            encoders = {ItemWriterEncoder.class, PairStreamEncoder.class})
    public static class Streams {
        @OnMessage
        public Item text(Item item) {
            return item;
        }

        @OnMessage
        public Pair binary(Pair pair) {
            return new Pair(pair.b(), pair.a());
        }
    }

    /** A configured decoder to a type the container also converts itself: it comes first. */
    public static class PrefixingStreamDecoder implements Decoder.Binary<InputStream> {
        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return true;
        }

        @Override
        public InputStream decode(ByteBuffer bytes) {
            byte[] prefix = "decoded:".getBytes(US_ASCII);
            byte[] all = new byte[prefix.length + bytes.remaining()];
            System.arraycopy(prefix, 0, all, 0, prefix.length);
            bytes.get(all, prefix.length, bytes.remaining());
            return new ByteArrayInputStream(all);
        }
    }

    public static class PrefixingReaderDecoder implements Decoder.Text<Reader> {
        @Override
        public boolean willDecode(String s) {
            return true;
        }

        @Override
        public Reader decode(String s) {
            return new StringReader("decoded:" + s);
        }
    }

    /** Whole<InputStream> and Whole<Reader> handlers added by the endpoint, as the TCK's session11 clients do. */
    @ServerEndpoint(value = "/own-stream-decoders", decoders = {PrefixingStreamDecoder.class, PrefixingReaderDecoder.class})
    public static class OwnStreamDecoders {
        @OnOpen
        public void open(Session session) {
            session.addMessageHandler(InputStream.class, in -> reply(session, in));
            session.addMessageHandler(Reader.class, reader -> {
                try {
                    StringWriter text = new StringWriter();
                    reader.transferTo(text);
                    session.getBasicRemote().sendText("reader " + text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        private static void reply(Session session, InputStream in) {
            try {
                session.getBasicRemote().sendText("stream " + new String(in.readAllBytes(),
                        US_ASCII));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b.endpoint(Counted.class, EncodeFailure.class,
            ReturnEncodeFailure.class, Streams.class, OwnStreamDecoders.class));

    /** §4.7: configured decoders come before the built-in conversions, Reader and InputStream included. */
    @Test
    void aConfiguredDecoderToInputStreamOrReaderComesBeforeTheBuiltInStreams() throws Exception {
        try (EventClient c = SERVER.connect("/own-stream-decoders")) {
            c.session.getBasicRemote().sendBinary(ByteBuffer.wrap("bytes".getBytes(US_ASCII)));
            assertEquals("stream decoded:bytes", c.nextText());
            assertEquals("reader decoded:text", c.ask("text"));
        }
    }


    @Test
    void oneInstancePerSessionInitialisedAndDestroyedOnce() throws Exception {
        int decoderInits = DECODER_INITS.get();
        int decoderDestroys = DECODER_DESTROYS.get();
        int encoderInits = ENCODER_INITS.get();
        int encoderDestroys = ENCODER_DESTROYS.get();
        try (EventClient a = SERVER.connect("/counted"); EventClient b = SERVER.connect("/counted")) {
            assertEquals("encoded a#1", a.ask("item:a"));
            assertEquals("encoded a#2", a.ask("item:a"));
            assertEquals("encoded b#1", b.ask("item:b"), "each session has its own decoder instance");
            assertEquals(decoderInits + 2, DECODER_INITS.get());
            assertEquals(encoderInits + 2, ENCODER_INITS.get());
            assertEquals(decoderDestroys, DECODER_DESTROYS.get());
        }
        Waits.until(() -> DECODER_DESTROYS.get() == decoderDestroys + 2 && ENCODER_DESTROYS.get() == encoderDestroys + 2,
                "destroy of both sessions' coders");
        assertEquals(decoderInits + 2, DECODER_INITS.get());
    }

    @Test
    void willDecodeFalseIsADecodeExceptionForOnError() throws Exception {
        try (EventClient c = SERVER.connect("/counted")) {
            assertEquals("error:DecodeException", c.ask("not an item"));
            assertEquals("encoded x#1", c.ask("item:x"));
        }
    }

    @Test
    void encodeExceptionReachesTheCallerOfSendObject() throws Exception {
        try (EventClient c = SERVER.connect("/encode-failure")) {
            c.send("bad");
            assertEquals("basic:cannot encode bad items:bad", c.nextText());
            assertEquals("async:EncodeException", c.nextText());
            assertEquals("handler:EncodeException", c.nextText());
            c.send("good");
            assertEquals("item good", c.nextText());
            assertEquals("item good", c.nextText());
            assertEquals("item good", c.nextText());
            assertEquals("handler:ok", c.nextText());
        }
    }

    @Test
    void returnValueThatFailsToEncodeReachesOnError() throws Exception {
        try (EventClient c = SERVER.connect("/return-encode-failure")) {
            assertEquals("onError:EncodeException", c.ask("bad"));
            assertEquals("item fine", c.ask("fine"));
        }
    }

    @Test
    void textStreamDecoderAndEncoder() throws Exception {
        try (EventClient c = SERVER.connect("/streams")) {
            assertEquals("written from reader hello", c.ask("hello"));
        }
    }

    @Test
    void binaryStreamDecoderAndEncoder() throws Exception {
        try (EventClient c = SERVER.connect("/streams")) {
            c.session.getBasicRemote().sendBinary(ByteBuffer.allocate(8).putInt(1).putInt(2).flip());
            ByteBuffer reply = c.nextBinary();
            assertEquals(8, reply.remaining());
            assertEquals(2, reply.getInt());
            assertEquals(1, reply.getInt());
        }
    }
}
