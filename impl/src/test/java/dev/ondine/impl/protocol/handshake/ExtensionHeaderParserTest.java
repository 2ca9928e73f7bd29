package dev.ondine.impl.protocol.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ondine.impl.protocol.handshake.ExtensionOffer.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtensionHeaderParserTest {

    @Test
    void parsesOffersWithParametersAndQuotedValues() throws HandshakeException {
        List<ExtensionOffer> offers = ExtensionHeaderParser.parse("permessage-deflate; client_max_window_bits, "
                + "permessage-deflate; server_no_context_takeover; client_max_window_bits=\"10\"");
        assertEquals(List.of(
                new ExtensionOffer("permessage-deflate", List.of(new Parameter("client_max_window_bits", null))),
                new ExtensionOffer("permessage-deflate", List.of(
                        new Parameter("server_no_context_takeover", null),
                        new Parameter("client_max_window_bits", "10")))), offers);
        ExtensionOffer second = offers.get(1);
        assertTrue(second.hasParameter("server_no_context_takeover"));
        assertNull(second.parameterValue("server_no_context_takeover"));
        assertEquals("10", second.parameterValue("client_max_window_bits"));
        assertFalse(second.hasParameter("server_max_window_bits"));
    }

    @Test
    void whitespaceEscapesEmptyElementsAndSeveralHeaders() throws HandshakeException {
        List<ExtensionOffer> offers = ExtensionHeaderParser.parse(List.of(
                " ,foo ;\ta = 1 ; b=\"x\\yz\" ,, ", "bar", "baz;q"));
        assertEquals(List.of(
                new ExtensionOffer("foo").with("a", "1").with("b", "xyz"),
                new ExtensionOffer("bar"),
                new ExtensionOffer("baz").with("q", null)), offers);
        assertEquals(List.of(), ExtensionHeaderParser.parse(List.of()));
    }

    @Test
    void formatsBackToAHeaderValue() throws HandshakeException {
        String value = "permessage-deflate; client_max_window_bits, "
                + "permessage-deflate; server_no_context_takeover; client_max_window_bits=10";
        List<ExtensionOffer> offers = ExtensionHeaderParser.parse(value);
        assertEquals(value, ExtensionOffer.format(offers));
        assertEquals(offers, ExtensionHeaderParser.parse(ExtensionOffer.format(offers)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        ";a",                    // no name
        "foo;",                  // no parameter name
        "foo; a=",               // no value
        "foo; a=\"10",           // unterminated quote
        "foo; a=\"1 0\"",        // quoted value not a token
        "foo; a=\"\"",           // empty quoted value
        "foo; a=\"x\\",          // unterminated quoted pair
        "foo bar",               // two tokens
        "foo; a=b=c",            // stray '='
        "foo/1",                 // '/' is not a tchar
        "fo\u00f6",              // non-ASCII
    })
    void malformedGives400(String value) {
        HandshakeException e = assertThrows(HandshakeException.class, () -> ExtensionHeaderParser.parse(value));
        assertEquals(400, e.status());
    }

    @Test
    void subprotocolLists() throws HandshakeException {
        assertEquals(List.of("chat", "superchat", "v2.json"),
                SubprotocolList.parse(List.of("chat, superchat", " v2.json ,chat")));
        assertEquals(400, assertThrows(HandshakeException.class,
                () -> SubprotocolList.parse(List.of("chat room"))).status());
        assertEquals(400, assertThrows(HandshakeException.class,
                () -> SubprotocolList.parse(List.of("a/b"))).status());
        assertEquals("a, b", SubprotocolList.format(List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> SubprotocolList.format(List.of("a b")));
    }
}
