package dev.ondine.samples.connect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The command line of {@code connect}, checked:
 * {@code URL [--proxy http://HOST:PORT] [--reconnect] [--header 'Name: value']... [--subprotocol P]... [--insecure]}.
 */
final class ConnectOptions {
    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar ondine-samples.jar connect URL [--proxy http://HOST:PORT] [--reconnect]",
            "         [--header 'Name: value']... [--subprotocol P]... [--insecure]",
            "  Sends each line of standard input as a text message, prints each message received",
            "  on standard output (a binary one as binary:BASE64), closes with 1000 at the end of input.",
            "  URL             ws://HOST[:PORT]/PATH or wss://...",
            "  --proxy URL     connect through this HTTP proxy (CONNECT)",
            "  --reconnect     reconnect with backoff when the connection fails or ends abnormally",
            "  --header H      add a header to the opening handshake (repeatable)",
            "  --subprotocol P offer this subprotocol (repeatable, in order of preference)",
            "  --insecure      trust any certificate and skip host name verification (wss://)",
            "Exit status: 0 closed normally (1000), 2 bad arguments, 3 could not connect or handshake",
            "  refused, 4 connection ended abnormally (1006), 5 closed with another code.");

    /** RFC 7230 §3.2.6 token: header names and subprotocols (RFC 6455 §4.1). */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers the handshake writes itself (RFC 6455 §4.1); Ondine would not send another value. */
    private static final Set<String> HANDSHAKE_HEADERS = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol");

    URI uri;
    String proxy;
    boolean reconnect;
    boolean insecure;
    boolean help;
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    final List<String> subprotocols = new ArrayList<>();

    /** A wrong command line; its message is the one line to print. */
    static final class BadArguments extends Exception {
        private static final long serialVersionUID = 1L;

        BadArguments(String message) {
            super(message, null, false, false);
        }
    }

    static ConnectOptions parse(String[] args) throws BadArguments {
        ConnectOptions o = new ConnectOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> o.help = true;
                case "--reconnect" -> o.reconnect = true;
                case "--insecure" -> o.insecure = true;
                case "--proxy", "--header", "--subprotocol" -> {
                    if (i + 1 >= args.length) {
                        throw new BadArguments(arg + " needs a value");
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--proxy" -> o.proxy = proxy(value);
                        case "--header" -> o.header(value);
                        default -> o.subprotocol(value);
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new BadArguments("Unknown option: " + arg);
                    }
                    if (o.uri != null) {
                        throw new BadArguments("One URL only: " + o.uri + " and " + arg);
                    }
                    o.uri = webSocketUri(arg);
                }
            }
        }
        if (o.uri == null && !o.help) {
            throw new BadArguments("connect needs a URL (ws://HOST[:PORT]/PATH or wss://...)");
        }
        return o;
    }

    private static URI webSocketUri(String text) throws BadArguments {
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            throw new BadArguments("Not a URL: " + text + " (" + e.getReason() + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new BadArguments("Not a WebSocket URL (ws:// or wss://): " + text);
        }
        if (u.getHost() == null) {
            throw new BadArguments("The URL has no host: " + text);
        }
        if (u.getRawFragment() != null) {
            throw new BadArguments("A WebSocket URL has no fragment (RFC 6455 §3): " + text);
        }
        return u;
    }

    private static String proxy(String text) throws BadArguments {
        try {
            URI u = new URI(text);
            if ("http".equalsIgnoreCase(u.getScheme()) && u.getHost() != null && u.getPort() > 0) {
                return text;
            }
        } catch (URISyntaxException e) {
            // told below
        }
        throw new BadArguments("--proxy needs http://HOST:PORT, not " + text);
    }

    private void header(String text) throws BadArguments {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon).strip();
        if (colon < 0 || !TOKEN.matcher(name).matches()) {
            throw new BadArguments("--header needs 'Name: value', not " + text);
        }
        String value = text.substring(colon + 1).strip();
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new BadArguments("--header " + name + ": a value is one line");
        }
        if (HANDSHAKE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new BadArguments("--header " + name + ": the handshake sets it"
                    + (name.equalsIgnoreCase("Sec-WebSocket-Protocol") ? " (use --subprotocol)" : ""));
        }
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    private void subprotocol(String p) throws BadArguments {
        if (!TOKEN.matcher(p).matches()) {
            throw new BadArguments("--subprotocol needs a token (letters, digits, !#$%&'*+-.^_`|~), not " + p);
        }
        if (!subprotocols.contains(p)) {
            subprotocols.add(p);
        }
    }
}
