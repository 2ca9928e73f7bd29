package dev.ondine.impl.protocol.deflate;

import dev.ondine.impl.protocol.handshake.ExtensionHeaderParser;
import dev.ondine.impl.protocol.handshake.ExtensionOffer;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parameter negotiation of RFC 7692 §7.1, server and client, as tables of header values. */
class DeflateNegotiationTest {

    private static List<ExtensionOffer> header(String value) throws HandshakeException {
        return ExtensionHeaderParser.parse(value);
    }

    /** The server's response to a request's Sec-WebSocket-Extensions, or "" for none. */
    private static String serverAnswer(String offers) throws HandshakeException {
        Optional<DeflateParameters> p = DeflateNegotiation.accept(header(offers));
        return p.map(d -> d.toExtension().toHeaderValue()).orElse("");
    }

    @ParameterizedTest(name = "[{index}] {0}  ->  {1}")
    @CsvSource(delimiter = '|', value = {
            // plain, and every parameter the server can honour
            "permessage-deflate                                           | permessage-deflate",
            "PerMessage-Deflate                                           | permessage-deflate",
            "permessage-deflate; client_max_window_bits                   | permessage-deflate",
            "permessage-deflate; client_max_window_bits=8                 | permessage-deflate",
            "permessage-deflate; client_max_window_bits=15                | permessage-deflate",
            "permessage-deflate; client_max_window_bits=\"10\"            | permessage-deflate",
            "permessage-deflate; server_no_context_takeover               | permessage-deflate; server_no_context_takeover",
            "permessage-deflate; client_no_context_takeover               | permessage-deflate; client_no_context_takeover",
            "permessage-deflate; server_max_window_bits=15                | permessage-deflate; server_max_window_bits=15",
            "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=15; client_max_window_bits=9"
                    + " | permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=15",
            // accepted with the same value: a window the JDK's Deflater cannot keep to, so this
            // server sends uncompressed, which uses no window (§7.1.2.1, §6)
            "permessage-deflate; server_max_window_bits=14                | permessage-deflate; server_max_window_bits=14",
            "permessage-deflate; server_max_window_bits=8                 | permessage-deflate; server_max_window_bits=8",
            "permessage-deflate; server_max_window_bits=\"9\"             | permessage-deflate; server_max_window_bits=9",
            "permessage-deflate; server_no_context_takeover; server_max_window_bits=10; client_max_window_bits"
                    + " | permessage-deflate; server_no_context_takeover; server_max_window_bits=10",
            // declined: invalid offers (§7.1)
            "permessage-deflate; server_max_window_bits                   | ''",
            "permessage-deflate; server_max_window_bits=16                | ''",
            "permessage-deflate; server_max_window_bits=7                 | ''",
            "permessage-deflate; server_max_window_bits=015               | ''",
            "permessage-deflate; server_max_window_bits=abc               | ''",
            "permessage-deflate; server_max_window_bits=-9                | ''",
            "permessage-deflate; server_max_window_bits=10; server_max_window_bits=10 | ''",
            "permessage-deflate; client_max_window_bits=16                | ''",
            "permessage-deflate; client_max_window_bits=0                 | ''",
            "permessage-deflate; client_max_window_bits=ten               | ''",
            "permessage-deflate; server_no_context_takeover=1             | ''",
            "permessage-deflate; client_no_context_takeover=true          | ''",
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover | ''",
            "permessage-deflate; client_max_window_bits; client_max_window_bits=10       | ''",
            "permessage-deflate; unknown_param                            | ''",
            "permessage-deflate; Server_No_Context_Takeover               | ''",
            // other extensions are not ours
            "x-webkit-deflate-frame                                       | ''",
            "deflate-frame, x-custom; a=b                                 | ''",
            // the first acceptable offer wins; declined ones are skipped (§5.1, §7.1)
            "permessage-deflate; server_max_window_bits=10, permessage-deflate | permessage-deflate; server_max_window_bits=10",
            "permessage-deflate; server_max_window_bits=10; client_max_window_bits, permessage-deflate; client_max_window_bits"
                    + " | permessage-deflate; server_max_window_bits=10",
            "permessage-deflate; server_max_window_bits=16, permessage-deflate; server_max_window_bits=8"
                    + " | permessage-deflate; server_max_window_bits=8",
            "permessage-deflate; bogus, permessage-deflate; server_no_context_takeover | permessage-deflate; server_no_context_takeover",
            "permessage-deflate; server_no_context_takeover, permessage-deflate | permessage-deflate; server_no_context_takeover",
            "x-foo, permessage-deflate; server_max_window_bits=15, permessage-deflate | permessage-deflate; server_max_window_bits=15",
            "permessage-deflate; server_max_window_bits=12, permessage-deflate; server_max_window_bits=9"
                    + " | permessage-deflate; server_max_window_bits=12",
    })
    void serverAnswersTheFirstAcceptableOffer(String offers, String expected) throws HandshakeException {
        assertEquals(expected, serverAnswer(offers));
    }

    @Test
    void clientOffersPlainPermessageDeflate() {
        // No client_max_window_bits: the server could then ask for a window the JDK cannot use.
        assertEquals("permessage-deflate", DeflateNegotiation.defaultOffer().toHeaderValue());
    }

    /** The client's verdict on a response: the agreed parameters, or "FAIL". */
    private static String clientVerdict(String offers, String response) throws HandshakeException {
        try {
            DeflateParameters p = DeflateNegotiation.checkResponse(header(offers), header(response).get(0));
            return p.toExtension().toHeaderValue();
        } catch (DeflateNegotiationException e) {
            return "FAIL";
        }
    }

    @ParameterizedTest(name = "[{index}] offered {0}; answered {1}  ->  {2}")
    @CsvSource(delimiter = '|', value = {
            "permessage-deflate | permessage-deflate | permessage-deflate",
            // the server may always forbid context takeover or use a smaller window (§7.1.1, §7.1.2.1)
            "permessage-deflate | permessage-deflate; server_no_context_takeover | permessage-deflate; server_no_context_takeover",
            "permessage-deflate | permessage-deflate; client_no_context_takeover | permessage-deflate; client_no_context_takeover",
            "permessage-deflate | permessage-deflate; server_max_window_bits=8 | permessage-deflate; server_max_window_bits=8",
            "permessage-deflate | permessage-deflate; server_max_window_bits=15 | permessage-deflate; server_max_window_bits=15",
            // client_max_window_bits only when offered (§7.1.2.2); below 15 this client sends uncompressed
            "permessage-deflate | permessage-deflate; client_max_window_bits=15 | FAIL",
            "permessage-deflate | permessage-deflate; client_max_window_bits=10 | FAIL",
            "permessage-deflate; client_max_window_bits | permessage-deflate; client_max_window_bits=15 | permessage-deflate; client_max_window_bits=15",
            "permessage-deflate; client_max_window_bits | permessage-deflate; client_max_window_bits=10 | permessage-deflate; client_max_window_bits=10",
            "permessage-deflate; client_max_window_bits | permessage-deflate; client_max_window_bits=8 | permessage-deflate; client_max_window_bits=8",
            "permessage-deflate; client_max_window_bits=9 | permessage-deflate; client_max_window_bits=10 | FAIL",
            "permessage-deflate; client_max_window_bits=9 | permessage-deflate; client_max_window_bits=9 | permessage-deflate; client_max_window_bits=9",
            "permessage-deflate; client_max_window_bits | permessage-deflate; client_max_window_bits=7 | FAIL",
            "permessage-deflate; client_max_window_bits | permessage-deflate; client_max_window_bits=abc | FAIL",
            "permessage-deflate; client_max_window_bits=15 | permessage-deflate; client_max_window_bits=15 | permessage-deflate; client_max_window_bits=15",
            "permessage-deflate; client_max_window_bits | permessage-deflate; client_max_window_bits | FAIL",
            // what the offer asked must be in the response (§7.1.1.1, §7.1.2.1)
            "permessage-deflate; server_no_context_takeover | permessage-deflate | FAIL",
            "permessage-deflate; server_no_context_takeover | permessage-deflate; server_no_context_takeover | permessage-deflate; server_no_context_takeover",
            "permessage-deflate; server_max_window_bits=10 | permessage-deflate | FAIL",
            "permessage-deflate; server_max_window_bits=10 | permessage-deflate; server_max_window_bits=11 | FAIL",
            "permessage-deflate; server_max_window_bits=10 | permessage-deflate; server_max_window_bits=10 | permessage-deflate; server_max_window_bits=10",
            "permessage-deflate; server_max_window_bits=10 | permessage-deflate; server_max_window_bits=9 | permessage-deflate; server_max_window_bits=9",
            // a client that promised client_no_context_takeover keeps its promise (§7.1.1.2)
            "permessage-deflate; client_no_context_takeover | permessage-deflate | permessage-deflate; client_no_context_takeover",
            // invalid responses (§7.1)
            "permessage-deflate | permessage-deflate; foo | FAIL",
            "permessage-deflate | permessage-deflate; server_max_window_bits | FAIL",
            "permessage-deflate | permessage-deflate; server_max_window_bits=16 | FAIL",
            "permessage-deflate | permessage-deflate; server_max_window_bits=7 | FAIL",
            "permessage-deflate | permessage-deflate; server_max_window_bits=abc | FAIL",
            "permessage-deflate | permessage-deflate; server_max_window_bits=9; server_max_window_bits=9 | FAIL",
            "permessage-deflate | permessage-deflate; client_no_context_takeover; client_no_context_takeover | FAIL",
            "permessage-deflate | permessage-deflate; server_no_context_takeover=x | FAIL",
            "permessage-deflate | permessage-deflate; server_no_context_takeover; server_no_context_takeover | FAIL",
            // with several offers, the response must answer one of them
            "permessage-deflate; server_no_context_takeover, permessage-deflate | permessage-deflate | permessage-deflate",
            "permessage-deflate; server_max_window_bits=10, permessage-deflate; client_max_window_bits | permessage-deflate; client_max_window_bits=15"
                    + " | permessage-deflate; client_max_window_bits=15",
            "permessage-deflate; server_max_window_bits=10, permessage-deflate; server_no_context_takeover | permessage-deflate | FAIL",
    })
    void clientChecksTheResponseAgainstItsOffers(String offers, String response, String expected) throws HandshakeException {
        assertEquals(expected, clientVerdict(offers, response));
    }

    @ParameterizedTest(name = "[{index}] {0} server compresses {1}, client compresses {2}")
    @CsvSource(delimiter = '|', value = {
            "permessage-deflate                                                    | true  | true",
            "permessage-deflate; server_max_window_bits=15; client_max_window_bits=15 | true  | true",
            "permessage-deflate; server_max_window_bits=14                         | false | true",
            "permessage-deflate; server_max_window_bits=8                          | false | true",
            "permessage-deflate; client_max_window_bits=12                         | true  | false",
    })
    void onlyA15BitWindowIsCompressedWithTheJdksDeflater(String agreed, boolean server, boolean client)
            throws HandshakeException, DeflateNegotiationException {
        DeflateParameters p = DeflateParameters.parse(header(agreed).get(0), true);
        assertEquals(server, DeflateNegotiation.compresses(p, true));
        assertEquals(client, DeflateNegotiation.compresses(p, false));
    }

    @Test
    void parametersRefuseOutOfRangeWindows() {
        assertThrows(IllegalArgumentException.class, () -> new DeflateParameters(false, false, 7, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeflateParameters(false, false, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> new DeflateParameters(false, false, DeflateParameters.NO_VALUE, 0));
        assertTrue(DeflateParameters.isPerMessageDeflate("PERMESSAGE-DEFLATE"));
    }
}
