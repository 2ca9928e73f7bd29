package dev.ondine.impl.protocol.proxy;

import dev.ondine.impl.protocol.handshake.HttpResponseHead;

import java.util.List;
import java.util.Optional;

/**
 * The final answer of a proxy to {@code CONNECT}: a 2xx opens the tunnel (RFC 9110 §9.3.6;
 * its {@code Content-Length} or {@code Transfer-Encoding}, if any, is ignored, as that
 * section requires), a 407 asks for credentials (RFC 9110 §15.5.8), anything else refuses.
 */
public final class ConnectAnswer {
    private final HttpResponseHead head;

    ConnectAnswer(HttpResponseHead head) {
        this.head = head;
    }

    public HttpResponseHead head() {
        return head;
    }

    public int status() {
        return head.status();
    }

    /** Whether the tunnel is open: a 2xx status. */
    public boolean tunnelEstablished() {
        return head.status() >= 200 && head.status() < 300;
    }

    /** Whether the proxy wants credentials: 407 Proxy Authentication Required. */
    public boolean authenticationRequired() {
        return head.status() == 407;
    }

    /** The status line's code and reason, e.g. {@code 403 Forbidden}. */
    public String statusLine() {
        return head.reason().isEmpty() ? String.valueOf(head.status()) : head.status() + " " + head.reason();
    }

    /**
     * The challenges of the answer's {@code Proxy-Authenticate} fields (RFC 9110 §11.7.1).
     *
     * @throws ConnectException if a field does not follow the challenge grammar
     */
    public List<AuthChallenge> challenges() throws ConnectException {
        try {
            return AuthChallenge.parse(head.headers().all("Proxy-Authenticate"));
        } catch (IllegalArgumentException e) {
            throw new ConnectException(e.getMessage());
        }
    }

    /**
     * The Basic challenge among {@link #challenges()}, if the proxy offers Basic.
     *
     * @throws ConnectException if a field does not follow the challenge grammar
     */
    public Optional<AuthChallenge> basicChallenge() throws ConnectException {
        return challenges().stream().filter(AuthChallenge::isBasic).findFirst();
    }
}
