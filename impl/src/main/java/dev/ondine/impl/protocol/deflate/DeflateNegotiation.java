package dev.ondine.impl.protocol.deflate;

import dev.ondine.impl.protocol.handshake.ExtensionOffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.ondine.impl.protocol.deflate.DeflateParameters.ABSENT;
import static dev.ondine.impl.protocol.deflate.DeflateParameters.NO_VALUE;

/**
 * The parameter negotiation of permessage-deflate (RFC 7692 §7.1), for both sides.
 *
 * <p>{@code java.util.zip}'s {@code Deflater} always compresses with a 15-bit window (it has
 * no way to choose a smaller one), while its {@code Inflater}, at 15 bits, reads data
 * compressed with any window. A side that agreed to a window below 15 for its own
 * compressor therefore never compresses: every message it sends goes with RSV1 clear,
 * which RFC 7692 allows per message (§6: the "Per-Message Compressed" bit says of each
 * message whether it is compressed), and an uncompressed message uses no LZ77 window at
 * all, so "MUST NOT use an LZ77 sliding window longer than" the agreed size (§7.1.2.1,
 * §7.1.2.2) holds. No offer is declined for its window size.
 *
 * <ul>
 *   <li>A server accepts the first acceptable offer, in the client's order (§5.1), and
 *       declines the others: offers with an unknown or repeated parameter or a bad value
 *       (§7.1).</li>
 *   <li>A client offers plain {@code permessage-deflate} (§7.1), and checks that the
 *       response is valid and acceptable for one of its offers, failing the connection
 *       otherwise (§7.1).</li>
 * </ul>
 */
public final class DeflateNegotiation {

    /** The window of java.util.zip's Deflater, fixed (zlib's MAX_WBITS). */
    public static final int JDK_DEFLATE_WINDOW_BITS = 15;

    private DeflateNegotiation() {
    }

    /**
     * Server side: the response to the client's offers (RFC 7692 §5.1, §7.1), or empty when
     * every permessage-deflate offer must be declined. Offers of other extensions are
     * ignored.
     *
     * <p>The response echoes {@code server_no_context_takeover} (§7.1.1.1: required to
     * accept it), {@code client_no_context_takeover} (§7.1.1.2: the client promised it
     * anyway, and agreeing lets this side forget the peer's history after each message) and
     * {@code server_max_window_bits} with the offer's value (§7.1.2.1: accepting it requires
     * the parameter, with the same or a smaller value; below 15 this server then sends its
     * messages uncompressed, see the class comment). It never asks for
     * {@code client_max_window_bits} (§7.1.2.2: a "MAY"; a 15-bit inflater reads every
     * window), so an offer's {@code client_max_window_bits}, with or without a value, is
     * answered by leaving it out.
     */
    public static Optional<DeflateParameters> accept(List<ExtensionOffer> offers) {
        List<DeflateParameters> valid = validOffers(offers);
        if (valid.isEmpty()) {
            return Optional.empty();
        }
        DeflateParameters p = valid.get(0); // §5.1: the first offer this server accepts
        return Optional.of(new DeflateParameters(p.serverNoContextTakeover(), p.clientNoContextTakeover(),
                p.serverMaxWindowBits(), ABSENT));
    }

    /**
     * Whether the side of {@code role} compresses with the agreed parameters: only with the
     * 15-bit window of the JDK's Deflater, that is when the window this side's compressor
     * may use (§7.1.2.1 for the server, §7.1.2.2 for the client) is 15 or not limited.
     */
    public static boolean compresses(DeflateParameters agreed, boolean server) {
        int bits = server ? agreed.serverMaxWindowBits() : agreed.clientMaxWindowBits();
        return bits == ABSENT || bits == JDK_DEFLATE_WINDOW_BITS;
    }

    /** Client side: the offer sent by default: permessage-deflate without parameters (§7.1). */
    public static ExtensionOffer defaultOffer() {
        return DeflateParameters.DEFAULTS.toExtension();
    }

    /**
     * Client side: checks the server's permessage-deflate response against the offers made
     * (RFC 7692 §7.1) and returns the configuration to use. The response must be valid, and
     * acceptable for at least one offer:
     * <ul>
     *   <li>{@code server_no_context_takeover} present if the offer had it (§7.1.1.1);</li>
     *   <li>{@code server_max_window_bits} present, and not above the offer's value, if the
     *       offer had it (§7.1.2.1); any value 8-15 otherwise;</li>
     *   <li>{@code client_max_window_bits} only if the offer had it, and not above its value
     *       (§7.1.2.2); below 15 this client then sends its messages uncompressed (see the
     *       class comment).</li>
     * </ul>
     * The configuration keeps {@code client_no_context_takeover} when the matching offer
     * promised it even if the response left it out (§7.1.1.2).
     *
     * @throws DeflateNegotiationException when the connection must be failed
     */
    public static DeflateParameters checkResponse(List<ExtensionOffer> offers, ExtensionOffer response)
            throws DeflateNegotiationException {
        DeflateParameters r = DeflateParameters.parse(response, true);
        for (DeflateParameters o : validOffers(offers)) {
            if (acceptable(o, r)) {
                return new DeflateParameters(r.serverNoContextTakeover(),
                        r.clientNoContextTakeover() || o.clientNoContextTakeover(),
                        r.serverMaxWindowBits(), r.clientMaxWindowBits());
            }
        }
        throw new DeflateNegotiationException("response '" + response.toHeaderValue()
                + "' does not answer any offer made");
    }

    /**
     * The permessage-deflate offers among {@code offers} that are valid, in order; invalid
     * ones are left out, as a server must decline them (§7.1).
     */
    static List<DeflateParameters> validOffers(List<ExtensionOffer> offers) {
        List<DeflateParameters> valid = new ArrayList<>(2);
        for (ExtensionOffer offer : offers) {
            if (DeflateParameters.isPerMessageDeflate(offer.name())) {
                try {
                    valid.add(DeflateParameters.parse(offer, false));
                } catch (DeflateNegotiationException declined) {
                    // not acceptable; the next offer may be
                }
            }
        }
        return valid;
    }

    /** Whether response {@code r} accepts offer {@code o} (§7.1.1.1, §7.1.2.1, §7.1.2.2). */
    static boolean acceptable(DeflateParameters o, DeflateParameters r) {
        if (o.serverNoContextTakeover() && !r.serverNoContextTakeover()) {
            return false;
        }
        if (o.serverMaxWindowBits() != ABSENT
                && (r.serverMaxWindowBits() == ABSENT || r.serverMaxWindowBits() > o.serverMaxWindowBits())) {
            return false;
        }
        if (r.clientMaxWindowBits() != ABSENT) {
            if (o.clientMaxWindowBits() == ABSENT) {
                return false;
            }
            return o.clientMaxWindowBits() == NO_VALUE || r.clientMaxWindowBits() <= o.clientMaxWindowBits();
        }
        return true;
    }
}
