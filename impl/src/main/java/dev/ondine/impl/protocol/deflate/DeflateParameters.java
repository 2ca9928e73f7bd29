package dev.ondine.impl.protocol.deflate;

import dev.ondine.impl.protocol.handshake.ExtensionOffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of one permessage-deflate offer or response (RFC 7692 §7.1), checked
 * against the RFC's rules: each parameter at most once (§7.1), the two
 * {@code *_no_context_takeover} parameters without a value (§7.1.1), window sizes as
 * decimal integers 8 to 15 (§7.1.2), {@code server_max_window_bits} always with a value,
 * {@code client_max_window_bits} with a value except in an offer (§7.1.2.2).
 *
 * <p>Once agreed, the same record describes the configuration of a connection: the
 * response's parameters.
 *
 * @param serverNoContextTakeover {@code server_no_context_takeover} is present (§7.1.1.1)
 * @param clientNoContextTakeover {@code client_no_context_takeover} is present (§7.1.1.2)
 * @param serverMaxWindowBits the value of {@code server_max_window_bits}, or {@link #ABSENT}
 * @param clientMaxWindowBits the value of {@code client_max_window_bits}, {@link #ABSENT},
 *        or {@link #NO_VALUE} (an offer's parameter without a value)
 */
public record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                                int serverMaxWindowBits, int clientMaxWindowBits) {

    /** The extension's name (RFC 7692 §7). */
    public static final String EXTENSION_NAME = "permessage-deflate";
    public static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    public static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    public static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    public static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /** A window size parameter that is not present. */
    public static final int ABSENT = 0;
    /** {@code client_max_window_bits} present in an offer without a value (§7.1.2.2). */
    public static final int NO_VALUE = -1;

    /** The defaults: no parameter at all (both sides use context takeover and 15-bit windows). */
    public static final DeflateParameters DEFAULTS = new DeflateParameters(false, false, ABSENT, ABSENT);

    public DeflateParameters {
        checkBits(SERVER_MAX_WINDOW_BITS, serverMaxWindowBits, false);
        checkBits(CLIENT_MAX_WINDOW_BITS, clientMaxWindowBits, true);
    }

    private static void checkBits(String name, int bits, boolean noValueAllowed) {
        if (bits != ABSENT && !(noValueAllowed && bits == NO_VALUE) && (bits < 8 || bits > 15)) {
            throw new IllegalArgumentException(name + " " + bits + " not in 8..15");
        }
    }

    /** Whether {@code name} is permessage-deflate (extension names compare without case, like HTTP tokens). */
    public static boolean isPerMessageDeflate(String name) {
        return EXTENSION_NAME.equalsIgnoreCase(name);
    }

    /**
     * Reads and checks the parameters of a permessage-deflate element.
     *
     * @param response true for a server's response, false for a client's offer; they
     *        differ only in {@code client_max_window_bits}, whose value is optional in an offer
     * @throws DeflateNegotiationException for an unknown or repeated parameter, or a bad value (§7.1)
     */
    public static DeflateParameters parse(ExtensionOffer element, boolean response) throws DeflateNegotiationException {
        if (!isPerMessageDeflate(element.name())) {
            throw new IllegalArgumentException("not " + EXTENSION_NAME + ": " + element.name());
        }
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        int serverBits = ABSENT;
        int clientBits = ABSENT;
        List<String> seen = new ArrayList<>(4);
        for (ExtensionOffer.Parameter p : element.parameters()) {
            String name = p.name();
            if (seen.contains(name)) {
                // §7.1: multiple extension parameters with the same name.
                throw new DeflateNegotiationException("parameter " + name + " given more than once");
            }
            seen.add(name);
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER -> serverNoContext = noValue(p);
                case CLIENT_NO_CONTEXT_TAKEOVER -> clientNoContext = noValue(p);
                // §7.1.2.1: always with a value, in an offer as in a response.
                case SERVER_MAX_WINDOW_BITS -> serverBits = windowBits(p);
                // §7.1.2.2: an offer may give it without a value; a response gives one.
                case CLIENT_MAX_WINDOW_BITS -> clientBits = p.value() == null && !response ? NO_VALUE : windowBits(p);
                // §7.1: an extension parameter not defined for use in an offer or response.
                default -> throw new DeflateNegotiationException("unknown parameter " + name);
            }
        }
        return new DeflateParameters(serverNoContext, clientNoContext, serverBits, clientBits);
    }

    private static boolean noValue(ExtensionOffer.Parameter p) throws DeflateNegotiationException {
        // §7.1.1.1, §7.1.1.2: these parameters have no value.
        if (p.value() != null) {
            throw new DeflateNegotiationException(p.name() + " takes no value, got " + p.value());
        }
        return true;
    }

    /** §7.1.2.1, §7.1.2.2: a decimal integer from 8 to 15, without leading zeros. */
    private static int windowBits(ExtensionOffer.Parameter p) throws DeflateNegotiationException {
        String v = p.value();
        if (v == null) {
            throw new DeflateNegotiationException(p.name() + " needs a value");
        }
        return switch (v) {
            case "8" -> 8;
            case "9" -> 9;
            case "10" -> 10;
            case "11" -> 11;
            case "12" -> 12;
            case "13" -> 13;
            case "14" -> 14;
            case "15" -> 15;
            default -> throw new DeflateNegotiationException(p.name() + " must be 8 to 15, got " + v);
        };
    }

    /** This configuration as a {@code Sec-WebSocket-Extensions} element, parameters in the RFC's order. */
    public ExtensionOffer toExtension() {
        ExtensionOffer e = new ExtensionOffer(EXTENSION_NAME);
        if (serverNoContextTakeover) {
            e = e.with(SERVER_NO_CONTEXT_TAKEOVER, null);
        }
        if (clientNoContextTakeover) {
            e = e.with(CLIENT_NO_CONTEXT_TAKEOVER, null);
        }
        if (serverMaxWindowBits != ABSENT) {
            e = e.with(SERVER_MAX_WINDOW_BITS, Integer.toString(serverMaxWindowBits));
        }
        if (clientMaxWindowBits == NO_VALUE) {
            e = e.with(CLIENT_MAX_WINDOW_BITS, null);
        } else if (clientMaxWindowBits != ABSENT) {
            e = e.with(CLIENT_MAX_WINDOW_BITS, Integer.toString(clientMaxWindowBits));
        }
        return e;
    }
}
