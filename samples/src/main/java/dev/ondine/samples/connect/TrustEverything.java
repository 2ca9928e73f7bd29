package dev.ondine.samples.connect;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * {@code --insecure}: a TLS context that accepts any server certificate. An extended trust
 * manager, so that the JDK adds no checks of its own around it; the host name check is turned
 * off separately (Ondine's {@code DISABLE_HOSTNAME_VERIFICATION}). For trying things out
 * against servers with self-signed certificates only: it lets anyone on the path read and
 * change the traffic.
 */
final class TrustEverything extends X509ExtendedTrustManager {

    private TrustEverything() {
    }

    static SSLContext context() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustEverything()}, null);
        return context;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // trusted, whatever it is
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // trusted, whatever it is
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // trusted, whatever it is
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // a client never asks
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // a client never asks
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // a client never asks
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
